//! Memory shared between processes for `CreateFileMapping`: POSIX shared-memory objects
//! (`shm_open`) named after the Windows name, `flock` to tell whether any process still uses
//! one, and shared mappings (`mmap`, `munmap`, `msync`) of them or of regular files.

use super::{cvt, Fd, SysResult};
use std::ffi::CString;
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicU64, Ordering};

/// The longest shared-memory name the system takes, the leading `/` included (macOS keeps 31
/// characters; Linux's limit is the file name's).
#[cfg(target_vendor = "apple")]
const NAME_MAX: usize = 31;
#[cfg(not(target_vendor = "apple"))]
const NAME_MAX: usize = 255;

/// The system's name for the object Windows calls `name`: `/ws2mp-` and the name with every
/// byte outside `[A-Za-z0-9._-]` as `%XX`; a name too long for the system is replaced by a
/// 64-bit FNV-1a hash of it.
pub fn object_name(name: &str) -> CString {
    object_name_with("/ws2mp-", name)
}

/// The system's name for the synchronisation object (event, mutex, semaphore) Windows calls
/// `name`: as [`object_name`], under `/ws2mp-sync-`.
pub fn sync_object_name(name: &str) -> CString {
    object_name_with("/ws2mp-sync-", name)
}

fn object_name_with(prefix: &str, name: &str) -> CString {
    let mut out = String::from(prefix);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.len() > NAME_MAX {
        let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        out = format!("{prefix}{hash:016x}");
    }
    CString::new(out).expect("no NUL: every byte outside the safe set is escaped")
}

/// Opens the object `name`, creating it (empty, owner-only) if `create` and it does not exist.
/// Returns the descriptor and whether this call created it.
pub fn open(name: &CString, create: bool) -> SysResult<(OwnedFd, bool)> {
    // Owner-only, as a Windows object's default security admits its creator; macOS declares
    // shm_open variadic, so the mode goes as the promoted integer there.
    #[cfg(target_vendor = "apple")]
    let mode = libc::c_uint::from(0o600 as libc::mode_t);
    #[cfg(not(target_vendor = "apple"))]
    let mode = 0o600 as libc::mode_t;
    if create {
        let flags = libc::O_RDWR | libc::O_CREAT | libc::O_EXCL | libc::O_CLOEXEC;
        // SAFETY: a valid C string; the mode is read with O_CREAT.
        match cvt(unsafe { libc::shm_open(name.as_ptr(), flags, mode) }) {
            // SAFETY: a new descriptor that nothing else owns.
            Ok(fd) => return Ok((unsafe { OwnedFd::from_raw_fd(fd) }, true)),
            Err(libc::EEXIST) => {}
            Err(e) => return Err(e),
        }
    }
    let open = |flags: libc::c_int| {
        // SAFETY: a valid C string; no O_CREAT, so no mode is read.
        cvt(unsafe { libc::shm_open(name.as_ptr(), flags | libc::O_CLOEXEC, 0) })
    };
    let fd = match open(libc::O_RDWR) {
        Err(libc::EACCES) => open(libc::O_RDONLY)?,
        other => other?,
    };
    // SAFETY: a new descriptor that nothing else owns.
    Ok((unsafe { OwnedFd::from_raw_fd(fd) }, false))
}

/// A new object no other process can name (an unnamed file mapping): made under a name unique
/// to this process and call, which is removed at once.
pub fn anonymous() -> SysResult<OwnedFd> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        // SAFETY: getpid has no preconditions.
        let pid = unsafe { libc::getpid() };
        let name = CString::new(format!("/ws2mp-anon-{pid}-{n}")).expect("no NUL");
        match open(&name, true) {
            Ok((fd, true)) => {
                remove(&name)?;
                return Ok(fd);
            }
            Ok((_, false)) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A descriptor of its own for the open file `fd` (a file mapping outlives the file's handle).
pub fn keep_file(fd: Fd) -> SysResult<OwnedFd> {
    let copy = super::dup(fd, true)?;
    // SAFETY: a new descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(copy) })
}

/// Removes the name (processes that have the object open keep it).
pub fn remove(name: &CString) -> SysResult<()> {
    // SAFETY: a valid C string.
    cvt(unsafe { libc::shm_unlink(name.as_ptr()) }).map(|_| ())
}

/// Declares a use of the object (`flock` shared), waiting for an exclusive holder to finish.
pub fn hold(fd: Fd) -> SysResult<()> {
    // SAFETY: flock on a descriptor the caller keeps open.
    cvt(unsafe { libc::flock(fd, libc::LOCK_SH) }).map(|_| ())
}

/// Ends this open description's use of the object (`flock` unlocked; never waits).
pub fn release(fd: Fd) -> SysResult<()> {
    // SAFETY: flock on a descriptor the caller keeps open.
    cvt(unsafe { libc::flock(fd, libc::LOCK_UN) }).map(|_| ())
}

/// Whether no other open description of the object holds it: takes it exclusively without
/// waiting (`Ok(false)` when another use holds it).
pub fn unused_elsewhere(fd: Fd) -> SysResult<bool> {
    // SAFETY: flock on a descriptor the caller keeps open.
    match cvt(unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) }) {
        Ok(_) => Ok(true),
        Err(libc::EWOULDBLOCK) => Ok(false),
        Err(e) => Err(e),
    }
}

/// How a view may touch its pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewAccess {
    pub write: bool,
    pub execute: bool,
    /// Writes stay in this view (copy-on-write), never reach the object.
    pub private: bool,
}

/// Maps `len` bytes of `fd` from `offset` (a multiple of the page size). With `at` non-zero
/// the view must start there (`ENOMEM` when the system puts it elsewhere).
pub fn map(fd: Fd, offset: u64, len: usize, access: ViewAccess, at: usize) -> SysResult<usize> {
    let mut prot = libc::PROT_READ;
    if access.write {
        prot |= libc::PROT_WRITE;
    }
    if access.execute {
        prot |= libc::PROT_EXEC;
    }
    let flags = if access.private {
        libc::MAP_PRIVATE
    } else {
        libc::MAP_SHARED
    };
    let offset = libc::off_t::try_from(offset).map_err(|_| libc::EINVAL)?;
    // SAFETY: a new mapping; `at` is only a hint (no MAP_FIXED), so no existing mapping is
    // replaced.
    let base = unsafe { libc::mmap(at as *mut libc::c_void, len, prot, flags, fd, offset) };
    if base == libc::MAP_FAILED {
        return Err(super::errno());
    }
    if at != 0 && base as usize != at {
        // SAFETY: the mapping just made, used by nothing.
        unsafe { libc::munmap(base, len) };
        return Err(libc::ENOMEM);
    }
    Ok(base as usize)
}

/// Removes a view made by [`map`].
pub fn unmap(base: usize, len: usize) -> SysResult<()> {
    // SAFETY: the caller hands back a view it made with `map` and no longer uses.
    cvt(unsafe { libc::munmap(base as *mut libc::c_void, len) })?;
    super::forget_verified();
    Ok(())
}

/// Writes the modified pages of `[start, start + len)` (inside one view) to the object.
pub fn flush(start: usize, len: usize) -> SysResult<()> {
    let page = super::host::page_size() as usize;
    let aligned = start & !(page - 1);
    // SAFETY: msync only reads the range, which lies in a view the caller made.
    cvt(unsafe {
        libc::msync(
            aligned as *mut libc::c_void,
            len + (start - aligned),
            libc::MS_SYNC,
        )
    })
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_bounded() {
        assert_eq!(
            object_name("Feed_1.a-b").to_str().unwrap(),
            "/ws2mp-Feed_1.a-b"
        );
        assert_eq!(object_name("a/b c").to_str().unwrap(), "/ws2mp-a%2Fb%20c");
        let long = object_name(&"x".repeat(400));
        assert!(long.as_bytes().len() <= NAME_MAX);
        assert_ne!(long, object_name(&"y".repeat(400)));
    }
}
