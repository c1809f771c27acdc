//! What `GetFileTime`, `SetFileTime` and `GetFileInformationByHandle` read from and write to an
//! open file: its `fstat` (through std's metadata, which takes the birth time from `statx` on
//! Linux and `st_birthtime` on macOS and the BSDs) and `futimens` (through `File::set_times`,
//! a time not given left as it is).

use super::{Fd, SysResult};
use std::fs::{File, FileTimes};
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;
use std::os::unix::fs::MetadataExt;
use std::time::SystemTime;

/// A file's identity, size and times (`None`: the system keeps no such time).
pub struct Stat {
    pub dev: u64,
    pub ino: u64,
    pub nlink: u64,
    pub size: u64,
    pub directory: bool,
    /// The owner may write it (`S_IWUSR`).
    pub owner_writable: bool,
    pub accessed: Option<SystemTime>,
    pub modified: Option<SystemTime>,
    /// The inode's change time (`st_ctime`).
    pub changed: Option<SystemTime>,
    pub born: Option<SystemTime>,
}

/// The file behind `fd`, borrowed (never closed here).
fn borrow(fd: Fd) -> ManuallyDrop<File> {
    // SAFETY: `fd` is an open descriptor the caller keeps open; ManuallyDrop never closes it.
    ManuallyDrop::new(unsafe { File::from_raw_fd(fd) })
}

fn errno(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

/// `fstat` of an open descriptor.
pub fn stat(fd: Fd) -> SysResult<Stat> {
    Ok(of_metadata(&borrow(fd).metadata().map_err(errno)?))
}

/// `stat` of a path (links followed), for `GetFileAttributesEx`.
pub fn stat_path(path: &std::ffi::CStr) -> SysResult<Stat> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(path.to_bytes()));
    Ok(of_metadata(&std::fs::metadata(path).map_err(errno)?))
}

/// Sets or clears the owner write bit (`S_IWUSR`) of a path, other mode bits kept.
pub fn set_owner_writable(path: &std::ffi::CStr, writable: bool) -> SysResult<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(path.to_bytes()));
    let mut perms = std::fs::metadata(path).map_err(errno)?.permissions();
    let mode = perms.mode();
    let new = if writable {
        mode | 0o200
    } else {
        mode & !0o200
    };
    if new != mode {
        perms.set_mode(new);
        std::fs::set_permissions(path, perms).map_err(errno)?;
    }
    Ok(())
}

fn of_metadata(m: &std::fs::Metadata) -> Stat {
    let changed = u64::try_from(m.ctime()).ok().map(|s| {
        SystemTime::UNIX_EPOCH
            + std::time::Duration::new(s, u32::try_from(m.ctime_nsec()).unwrap_or(0))
    });
    Stat {
        dev: m.dev(),
        ino: m.ino(),
        nlink: m.nlink(),
        size: m.size(),
        directory: m.is_dir(),
        owner_writable: m.mode() & 0o200 != 0,
        accessed: m.accessed().ok(),
        modified: m.modified().ok(),
        changed,
        born: m.created().ok(),
    }
}

/// Sets the access and/or modification time (`None`: left unchanged, `UTIME_OMIT`).
pub fn set_times(
    fd: Fd,
    accessed: Option<SystemTime>,
    modified: Option<SystemTime>,
) -> SysResult<()> {
    if accessed.is_none() && modified.is_none() {
        return Ok(());
    }
    let mut t = FileTimes::new();
    if let Some(a) = accessed {
        t = t.set_accessed(a);
    }
    if let Some(m) = modified {
        t = t.set_modified(m);
    }
    borrow(fd).set_times(t).map_err(errno)
}

/// Whether `fd` was opened for writing (`O_WRONLY` or `O_RDWR`).
pub fn writable(fd: Fd) -> SysResult<bool> {
    // SAFETY: F_GETFL only reads the descriptor's status flags.
    let flags = super::cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    Ok(flags & libc::O_ACCMODE != libc::O_RDONLY)
}
