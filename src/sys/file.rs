//! Regular files for `CreateFile` and the file calls: thin wrappers over `open`, `read`,
//! `write`, `pread`, `pwrite`, `lseek`, `fstat`, `ftruncate`, `fsync`, `unlink`, `close`.

use super::{cvt, Fd, SysResult};
use std::ffi::CStr;

/// What `path` is, when it exists: (a directory, its size).
pub fn probe(path: &CStr) -> Option<(bool, u64)> {
    // SAFETY: an all-zero stat is valid; stat only writes it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and stat buffer.
    let r = unsafe { libc::stat(path.as_ptr(), &mut st) };
    (r == 0).then_some((
        (st.st_mode & libc::S_IFMT) == libc::S_IFDIR,
        st.st_size as u64,
    ))
}

/// Opens `path` with native `flags` (close-on-exec added) and creation `mode`.
pub fn open(path: &CStr, flags: i32, mode: u32) -> SysResult<std::os::fd::OwnedFd> {
    use std::os::fd::FromRawFd;
    // SAFETY: a valid C string; the mode is read only with O_CREAT.
    let fd =
        cvt(unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) })?;
    // SAFETY: a new descriptor that nothing else owns.
    Ok(unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) })
}

/// A second descriptor (close-on-exec) for the open file `fd` names: the two share the file
/// position, as two Windows handles of one file object do (`DuplicateHandle`).
pub fn duplicate(fd: Fd) -> SysResult<std::os::fd::OwnedFd> {
    use std::os::fd::FromRawFd;
    // SAFETY: fcntl duplicating a descriptor has no memory effects.
    let new = cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) })?;
    // SAFETY: a new descriptor that nothing else owns.
    Ok(unsafe { std::os::fd::OwnedFd::from_raw_fd(new) })
}

/// The file's size.
pub fn size(fd: Fd) -> SysResult<u64> {
    // SAFETY: an all-zero stat is valid; fstat only writes it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    cvt(unsafe { libc::fstat(fd, &mut st) })?;
    Ok(st.st_size as u64)
}

/// Whether `fd` is open on a regular file (a standard handle redirected from or to one).
pub fn is_regular(fd: Fd) -> bool {
    // SAFETY: an all-zero stat is valid; fstat only writes it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    cvt(unsafe { libc::fstat(fd, &mut st) }).is_ok() && st.st_mode & libc::S_IFMT == libc::S_IFREG
}

/// Reads at the file position (`at`: at that offset, the position unchanged).
pub fn read(fd: Fd, buf: &mut [u8], at: Option<u64>) -> SysResult<usize> {
    loop {
        // SAFETY: `buf` is writable for its length.
        let n = unsafe {
            match at {
                None => libc::read(fd, buf.as_mut_ptr().cast(), buf.len()),
                Some(off) => {
                    libc::pread(fd, buf.as_mut_ptr().cast(), buf.len(), off as libc::off_t)
                }
            }
        };
        if n >= 0 {
            return Ok(n as usize);
        }
        if super::errno() != libc::EINTR {
            return Err(super::errno());
        }
    }
}

/// Writes all of `buf` at the file position (`at`: at that offset).
pub fn write(fd: Fd, mut buf: &[u8], mut at: Option<u64>) -> SysResult<usize> {
    let total = buf.len();
    while !buf.is_empty() {
        // SAFETY: `buf` is readable for its length.
        let n = unsafe {
            match at {
                None => libc::write(fd, buf.as_ptr().cast(), buf.len()),
                Some(off) => libc::pwrite(fd, buf.as_ptr().cast(), buf.len(), off as libc::off_t),
            }
        };
        if n < 0 {
            if super::errno() == libc::EINTR {
                continue;
            }
            return Err(super::errno());
        }
        buf = &buf[n as usize..];
        at = at.map(|o| o + n as u64);
    }
    Ok(total)
}

/// Moves the file position (`whence`: SEEK_SET, SEEK_CUR, SEEK_END); the new position.
pub fn seek(fd: Fd, offset: i64, whence: i32) -> SysResult<u64> {
    // SAFETY: lseek only moves the descriptor's position.
    let r = unsafe { libc::lseek(fd, offset as libc::off_t, whence) };
    if r < 0 {
        Err(super::errno())
    } else {
        Ok(r as u64)
    }
}

/// Cuts or extends the file to `len` bytes.
pub fn truncate(fd: Fd, len: u64) -> SysResult<()> {
    // SAFETY: ftruncate on the descriptor.
    cvt(unsafe { libc::ftruncate(fd, len as libc::off_t) })?;
    Ok(())
}

/// Cuts or extends the file named `path` to `len` bytes (a file opened only for reading is
/// cut this way: `CREATE_ALWAYS` truncates whatever the access).
pub fn truncate_path(path: &CStr, len: u64) -> SysResult<()> {
    // SAFETY: `path` is NUL-terminated.
    cvt(unsafe { libc::truncate(path.as_ptr(), len as libc::off_t) })?;
    Ok(())
}

/// Flushes the file to its device.
pub fn sync(fd: Fd) -> SysResult<()> {
    // SAFETY: fsync on the descriptor.
    cvt(unsafe { libc::fsync(fd) })?;
    Ok(())
}

/// Removes a name from the file system.
pub fn unlink(path: &CStr) -> SysResult<()> {
    // SAFETY: a valid C string.
    cvt(unsafe { libc::unlink(path.as_ptr()) })?;
    Ok(())
}

/// Makes a directory (mode 0777 less the umask).
pub fn mkdir(path: &CStr) -> SysResult<()> {
    // SAFETY: a valid C string.
    cvt(unsafe { libc::mkdir(path.as_ptr(), 0o777) })?;
    Ok(())
}

/// Removes an empty directory.
pub fn rmdir(path: &CStr) -> SysResult<()> {
    // SAFETY: a valid C string.
    cvt(unsafe { libc::rmdir(path.as_ptr()) })?;
    Ok(())
}
