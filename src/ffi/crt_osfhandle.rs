//! `<io.h>`'s `_get_osfhandle` and `_open_osfhandle`: between the C runtime's descriptors and
//! Win32 handles. A SOCKET is its descriptor, so each gives a socket back unchanged;
//! descriptors 0, 1 and 2 are the standard handles of `GetStdHandle`; a descriptor the
//! program opened becomes a file handle (the `ReadFile`, `GetFileTime`, `LockFile` calls take
//! it; the program's `_close` closes it), and `_open_osfhandle` of a `CreateFile` handle hands
//! its descriptor to the program (its `_close` closes the file; the handle is gone).

use crate::handle::{console, file};

/// The Win32 handle behind descriptor `fd`: the socket, the standard handle or a file
/// handle; -1 (`INVALID_HANDLE_VALUE`) with `errno` `EBADF` when `fd` is not open.
#[no_mangle]
pub extern "C" fn _get_osfhandle(fd: i32) -> isize {
    if crate::socket::registry::get(fd).is_some() {
        return fd as isize;
    }
    if (0..=2).contains(&fd) {
        let which = (-10 - fd) as u32;
        if let Ok(h) = console::std_handle(which) {
            return h as isize;
        }
    }
    match file::adopt(fd) {
        Ok(h) => h as isize,
        Err(_) => {
            crate::sys::set_errno(libc::EBADF);
            -1
        }
    }
}

/// A C runtime descriptor for `osfhandle` (`_O_*` flags ignored): a socket is its own
/// descriptor, a standard handle its descriptor (0, 1, 2), a file handle its descriptor, now
/// the program's. -1 with `errno` `EBADF` for anything else.
#[no_mangle]
pub extern "C" fn _open_osfhandle(osfhandle: isize, flags: i32) -> i32 {
    let _ = flags;
    let h = osfhandle as usize;
    if let Ok(fd) = i32::try_from(osfhandle) {
        if crate::socket::registry::get(fd).is_some() {
            return fd;
        }
    }
    if let Some(fd) = console::std_fd(h).or_else(|| file::release(h)) {
        return fd;
    }
    crate::sys::set_errno(libc::EBADF);
    -1
}
