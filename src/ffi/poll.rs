//! `WSAPoll`: Winsock's poll, with Windows' event bits and rules, over `poll`.

use super::types::SOCKET;
use super::{call_ok, socket};
use crate::error::{WsaError, WsaResult};
use crate::socket::{ConnectProgress, Socket};
use crate::sys::{self, Peek};
use crate::winsock::SOCKET_ERROR;
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// The only bits `events` may hold (Windows refuses the others with `WSAEINVAL`).
const ALLOWED: i16 = WS2MP_POLLRDNORM | WS2MP_POLLRDBAND | WS2MP_POLLWRNORM;

/// One socket to poll: Windows' `WSAPOLLFD` (`struct pollfd` in Windows' headers).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct WSAPOLLFD {
    pub fd: SOCKET,
    pub events: i16,
    pub revents: i16,
}

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
/// that never connected reports nothing. `timeout` in milliseconds, negative: forever.
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
        // SAFETY: caller guarantee: `fds` readable and writable entries.
        let entries = unsafe { std::slice::from_raw_parts_mut(fdArray, fds as usize) };
        poll_entries(entries, timeout)
    })
}

fn poll_entries(entries: &mut [WSAPOLLFD], timeout: i32) -> WsaResult<i32> {
    for e in entries.iter_mut() {
        e.revents = 0;
    }
    let socks: Vec<Option<Arc<Socket>>> = entries
        .iter()
        .map(|e| {
            if e.fd == SKIPPED {
                None
            } else {
                socket(e.fd).ok()
            }
        })
        .collect();
    for (e, s) in entries.iter_mut().zip(&socks) {
        if s.is_none() {
            e.revents = WS2MP_POLLNVAL;
        }
    }
    if socks.iter().all(Option::is_none) {
        return Err(WsaError::WSAENOTSOCK);
    }
    if entries
        .iter()
        .any(|e| e.fd != SKIPPED && e.events & !ALLOWED != 0)
    {
        for e in entries.iter_mut() {
            e.revents = 0;
        }
        return Err(WsaError::WSAEINVAL);
    }
    let deadline = (timeout >= 0).then(|| Instant::now() + Duration::from_millis(timeout as u64));
    let mut pfds: Vec<libc::pollfd> = entries
        .iter()
        .zip(&socks)
        .map(|(e, s)| match s {
            Some(sock) if !sock.is_idle_stream() => libc::pollfd {
                fd: sock.fd(),
                events: native_events(e.events),
                revents: 0,
            },
            _ => libc::pollfd {
                fd: -1,
                events: 0,
                revents: 0,
            },
        })
        .collect();
    // Links a rooted socket's receives were reading themselves go back to the engine.
    for r in socks.iter().flatten().filter_map(|s| s.rooted()) {
        r.watch();
    }
    let _guards: Vec<_> = socks.iter().flatten().map(|s| s.wait_guard()).collect();
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => d
                .saturating_duration_since(Instant::now())
                .as_millis()
                .min(i32::MAX as u128) as i32,
        };
        match sys::poll(&mut pfds, ms) {
            Ok(_) => {}
            Err(libc::EINTR) => continue,
            Err(e) => return Err(WsaError::from_errno(e)),
        }
        let mut count = 0;
        for (i, (e, s)) in entries.iter_mut().zip(&socks).enumerate() {
            let Some(sock) = s else { continue };
            let bits = if sock.is_closed() {
                WS2MP_POLLNVAL
            } else {
                windows_events(sock, pfds[i].revents) & (e.events | WS2MP_POLLHUP | WS2MP_POLLERR)
            };
            if bits == 0 && pfds[i].revents != 0 {
                // Nothing Windows reports: stop watching it for the rest of this call.
                pfds[i].fd = -1;
            }
            pfds[i].revents = 0;
            e.revents = bits;
            if bits != 0 {
                count += 1;
            }
        }
        let timed_out = ms == 0 || deadline.is_some_and(|d| Instant::now() >= d);
        if count > 0 || timed_out {
            return Ok(count);
        }
    }
}

/// The `poll` events that watch for Windows' `events`.
fn native_events(events: i16) -> i16 {
    let mut n = 0;
    if events & WS2MP_POLLRDNORM != 0 {
        n |= libc::POLLIN;
    }
    if events & WS2MP_POLLRDBAND != 0 {
        n |= libc::POLLPRI | libc::POLLIN;
    }
    if events & WS2MP_POLLWRNORM != 0 {
        n |= libc::POLLOUT;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        n |= libc::POLLRDHUP;
    }
    n
}

#[cfg(any(target_os = "linux", target_os = "android"))]
const PEER_CLOSED: i16 = libc::POLLRDHUP | libc::POLLHUP;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const PEER_CLOSED: i16 = libc::POLLHUP;

/// Windows' `revents` for what `poll` reported on a socket.
fn windows_events(sock: &Socket, r: i16) -> i16 {
    if r == 0 {
        return 0;
    }
    if sock.is_connecting() {
        return match sock.connect_progress() {
            ConnectProgress::Pending => 0,
            ConnectProgress::Failed => WS2MP_POLLERR | WS2MP_POLLHUP | WS2MP_POLLWRNORM,
            ConnectProgress::Connected => {
                if r & libc::POLLOUT != 0 {
                    WS2MP_POLLWRNORM
                } else {
                    0
                }
            }
        };
    }
    if sock.connect_failed() {
        return WS2MP_POLLERR | WS2MP_POLLHUP | WS2MP_POLLWRNORM;
    }
    let mut w = 0;
    if r & libc::POLLOUT != 0 {
        w |= WS2MP_POLLWRNORM;
    }
    if sock.is_listening() {
        if r & libc::POLLIN != 0 {
            w |= WS2MP_POLLRDNORM;
        }
        return w;
    }
    if !sock.is_stream() {
        if r & libc::POLLIN != 0
            && !sock.is_receive_shut()
            && (sock.multicast_state().is_none() || sock.readable_after_filter())
        {
            w |= WS2MP_POLLRDNORM;
        }
        return w;
    }
    if sock.is_receive_shut() {
        // Windows reports neither data nor the peer's close after SD_RECEIVE.
        return w;
    }
    if r & libc::POLLPRI != 0 {
        w |= if sock.is_oob_inline() {
            WS2MP_POLLRDNORM
        } else {
            WS2MP_POLLRDBAND
        };
    }
    if r & (PEER_CLOSED | libc::POLLERR) != 0 {
        w |= WS2MP_POLLHUP;
        match sys::peek_stream(sock.fd()) {
            Peek::Data if r & libc::POLLIN != 0 => w |= WS2MP_POLLRDNORM,
            // A reset connection: Windows adds POLLERR.
            Peek::Failed(_) => w |= WS2MP_POLLERR,
            _ if r & libc::POLLERR != 0 || sock.saw_connection_failure() => w |= WS2MP_POLLERR,
            _ => {}
        }
    } else if r & libc::POLLIN != 0 {
        w |= WS2MP_POLLRDNORM;
    }
    w
}
