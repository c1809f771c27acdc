//! Byte-range locks for `LockFile(Ex)` / `UnlockFile(Ex)`. On Linux they are open file
//! description locks (`F_OFD_SETLK` / `F_OFD_SETLKW`): they belong to the descriptor, as a
//! Windows lock belongs to its handle, so two handles of one process conflict. Elsewhere they
//! are POSIX record locks (`F_SETLK` / `F_SETLKW`), which belong to the process: two handles of
//! one process do not conflict there, and closing any descriptor of the file drops the
//! process's locks on it.

use super::{Fd, SysResult};

/// What a range is set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Shared,
    Exclusive,
    Unlocked,
}

#[cfg(target_os = "linux")]
const SET: libc::c_int = libc::F_OFD_SETLK;
#[cfg(target_os = "linux")]
const SET_WAIT: libc::c_int = libc::F_OFD_SETLKW;
#[cfg(not(target_os = "linux"))]
const SET: libc::c_int = libc::F_SETLK;
#[cfg(not(target_os = "linux"))]
const SET_WAIT: libc::c_int = libc::F_SETLKW;

/// Sets `len` bytes from `start` (`len` None: to the end of all offsets) to `kind`; `wait`:
/// waits for a conflicting lock to go. `Err(EAGAIN/EACCES)` for a conflict without `wait`.
pub fn set(fd: Fd, start: u64, len: Option<u64>, kind: Kind, wait: bool) -> SysResult<()> {
    // SAFETY: an all-zero flock is valid (l_pid must be 0 for OFD locks).
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = match kind {
        Kind::Shared => libc::F_RDLCK,
        Kind::Exclusive => libc::F_WRLCK,
        Kind::Unlocked => libc::F_UNLCK,
    } as _;
    fl.l_whence = libc::SEEK_SET as _;
    fl.l_start = i64::try_from(start).map_err(|_| libc::EINVAL)? as _;
    fl.l_len = match len {
        Some(n) => i64::try_from(n).map_err(|_| libc::EINVAL)? as _,
        None => 0,
    };
    let cmd = if wait { SET_WAIT } else { SET };
    loop {
        // SAFETY: fcntl with a lock command and a valid flock.
        let r = unsafe { libc::fcntl(fd, cmd, &fl as *const libc::flock) };
        if r >= 0 {
            return Ok(());
        }
        let e = super::errno();
        if e != libc::EINTR {
            return Err(e);
        }
    }
}
