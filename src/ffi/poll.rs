//! `WSAPoll`: copies the program's `WSAPOLLFD` array in and out; the wait and Windows' rules
//! are crate::readiness::poll's.

use super::call_ok;
use super::types::SOCKET;
use crate::error::WsaError;
use crate::readiness::poll::{self, Entry, Events};
use crate::winsock::SOCKET_ERROR;

/// `WSAPoll` event bits, with Windows' values (which differ from `<poll.h>`'s; the compat
/// `<winsock2.h>` defines `POLLIN`, ... from these when `<poll.h>` is not included).
pub const WS2MP_POLLRDNORM: i16 = 0x0100;
pub const WS2MP_POLLRDBAND: i16 = 0x0200;
pub const WS2MP_POLLIN: i16 = WS2MP_POLLRDNORM | WS2MP_POLLRDBAND;
pub const WS2MP_POLLPRI: i16 = 0x0400;
pub const WS2MP_POLLWRNORM: i16 = 0x0010;
pub const WS2MP_POLLOUT: i16 = WS2MP_POLLWRNORM;
pub const WS2MP_POLLWRBAND: i16 = 0x0020;
pub const WS2MP_POLLERR: i16 = 0x0001;
pub const WS2MP_POLLHUP: i16 = 0x0002;
pub const WS2MP_POLLNVAL: i16 = 0x0004;

// The C constants are the core's bits.
const _: () = {
    assert!(WS2MP_POLLRDNORM == Events::RDNORM.bits());
    assert!(WS2MP_POLLRDBAND == Events::RDBAND.bits());
    assert!(WS2MP_POLLPRI == Events::PRI.bits());
    assert!(WS2MP_POLLWRNORM == Events::WRNORM.bits());
    assert!(WS2MP_POLLWRBAND == Events::WRBAND.bits());
    assert!(WS2MP_POLLERR == Events::ERR.bits());
    assert!(WS2MP_POLLHUP == Events::HUP.bits());
    assert!(WS2MP_POLLNVAL == Events::NVAL.bits());
};

/// One socket to poll: Windows' `WSAPOLLFD` (`struct pollfd` in Windows' headers).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct WSAPOLLFD {
    pub fd: SOCKET,
    pub events: i16,
    pub revents: i16,
}

/// Offsets of the fields of `WSAPOLLFD`.
const FD: usize = std::mem::offset_of!(WSAPOLLFD, fd);
const EVENTS: usize = std::mem::offset_of!(WSAPOLLFD, events);
const REVENTS: usize = std::mem::offset_of!(WSAPOLLFD, revents);
const _: () = assert!(std::mem::size_of::<SOCKET>() == 8);

/// `INVALID_SOCKET`: an entry Windows skips (reported `POLLNVAL`, never an error).
const SKIPPED: SOCKET = !0;

/// Waits until one of the sockets has an event it asks for (mapped from nothing: `WSAPoll` is a
/// Winsock-only name). `events` may hold only `POLLRDNORM`, `POLLRDBAND` and `POLLWRNORM`
/// (`POLLIN` = RDNORM|RDBAND, `POLLOUT` = WRNORM); `revents` reports those that hold, plus
/// `POLLHUP` (the peer closed or the connection broke, also when not asked; a readable end of
/// stream is `POLLHUP` without `POLLRDNORM`), `POLLERR` (a reset connection, with `POLLHUP`; a
/// failed connect, with `POLLHUP` and `POLLWRNORM`) and `POLLNVAL` (not a socket, `INVALID_SOCKET`, or closed by another thread
/// during the wait, which ends it). A listening socket with a pending connection is
/// `POLLRDNORM`; out-of-band data `POLLRDBAND` (`POLLRDNORM` with SO_OOBINLINE); a stream socket
/// that never connected reports nothing. `timeout` in milliseconds, negative: forever. A call
/// that blocks runs the calling thread's queued APCs (`QueueUserAPC`, completion routines) and
/// goes on waiting, as on Windows; one that finds a socket ready at once runs none.
///
/// Returns the number of sockets whose `revents` is not 0 (entries that are no socket are not
/// counted), 0 on timeout. Errors: `WSAEINVAL` (`fdArray` NULL with `fds` 0, or an entry other
/// than `INVALID_SOCKET` with other `events` bits; every `revents` is then 0), `WSAEFAULT`
/// (`fdArray` NULL), `WSAENOTSOCK` (no entry is a socket; checked before the event bits),
/// `WSANOTINITIALISED`.
///
/// # Safety
/// `fdArray` must be NULL or valid for reads and writes of `fds` entries.
#[no_mangle]
pub unsafe extern "C" fn WSAPoll(fdArray: *mut WSAPOLLFD, fds: u32, timeout: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        crate::runtime::check()?;
        if fdArray.is_null() {
            return Err(if fds == 0 {
                WsaError::WSAEINVAL
            } else {
                WsaError::WSAEFAULT
            });
        }
        if fds == 0 {
            return Err(WsaError::WSAEINVAL);
        }
        // The array goes through checked copies (unreadable or read-only memory is
        // WSAEFAULT, never a crash): read once, and each entry's `revents` written back
        // with the rest of the bytes as they were.
        if fds > 1 << 20 {
            return Err(WsaError::WSAEFAULT);
        }
        let size = fds as usize * std::mem::size_of::<WSAPOLLFD>();
        let mut raw = vec![0u8; size];
        crate::sys::copy_from_user(fdArray.cast(), &mut raw).map_err(|_| WsaError::WSAEFAULT)?;
        let mut values: Vec<Entry> = raw
            .chunks_exact(std::mem::size_of::<WSAPOLLFD>())
            .map(|c| {
                let fd = SOCKET::from_ne_bytes(c[FD..FD + 8].try_into().expect("8 bytes"));
                Entry {
                    socket: (fd != SKIPPED).then_some(fd),
                    events: Events::from_bits_retain(i16::from_ne_bytes([
                        c[EVENTS],
                        c[EVENTS + 1],
                    ])),
                    revents: Events::empty(),
                }
            })
            .collect();
        let result = poll::run(&mut values, timeout);
        for (c, v) in raw
            .chunks_exact_mut(std::mem::size_of::<WSAPOLLFD>())
            .zip(&values)
        {
            c[REVENTS..REVENTS + 2].copy_from_slice(&v.revents.bits().to_ne_bytes());
        }
        crate::sys::copy_to_user(fdArray.cast(), &raw).map_err(|_| WsaError::WSAEFAULT)?;
        result
    })
}
