//! Winsock `select` over counted `fd_set`s, implemented with `poll`.

use super::types::{ws2mp_fd_set, SOCKET};
use super::{call, socket};
use crate::error::{WsaError, WsaResult};
use crate::socket::ConnectProgress;
use crate::sys;
use crate::winsock::SOCKET_ERROR;
use std::time::{Duration, Instant};

/// Upper bound on `fd_count` we accept (a corrupt count must not make us read forever).
const MAX_SET: u32 = 1 << 16;

unsafe fn members<'a>(set: *mut ws2mp_fd_set) -> WsaResult<&'a mut [SOCKET]> {
    if set.is_null() {
        return Ok(&mut []);
    }
    // SAFETY: caller guarantee: a valid fd_set whose array holds fd_count entries.
    let count = unsafe { (*set).fd_count };
    if count > MAX_SET {
        return Err(WsaError::WSAEINVAL);
    }
    // SAFETY: as above; the array may be longer than 64 (FD_SETSIZE chosen by the program).
    Ok(unsafe {
        std::slice::from_raw_parts_mut(
            std::ptr::addr_of_mut!((*set).fd_array).cast::<SOCKET>(),
            count as usize,
        )
    })
}

/// Waits until sockets are readable, writable, or have an exceptional condition (mapped from
/// `select`). `nfds` is ignored. The sets are Winsock's counted arrays; on return each holds
/// only its ready sockets. Readable: data, a pending connection, or a closed/reset connection.
/// For a multicast socket whose receive filter is on (receive-side loopback off, or bound to
/// an interface address), queued datagrams the filter drops are discarded here and do not make
/// it readable; this is best-effort: a datagram that arrives between this check and the
/// `recv` may still be dropped there, so a non-blocking `recv` can fail with `WSAEWOULDBLOCK`.
/// (Raw `poll`/`epoll` on the SOCKET sees every datagram, filtered or not.)
/// Writable: a connect succeeded or a send can proceed. Exceptional: out-of-band data or a
/// failed connect (reported there only: a failed connect is neither readable nor writable).
/// NULL `timeout` waits forever; `{0,0}` polls.
///
/// Returns the number of ready memberships, 0 on timeout. Errors: `WSAEINVAL` (all three
/// sets NULL or empty, negative timeout), `WSAENOTSOCK` (a member is not a socket),
/// `WSANOTINITIALISED`.
///
/// # Safety
/// Each set must be NULL or a valid fd_set; `timeout` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_select(
    _nfds: i32,
    readfds: *mut ws2mp_fd_set,
    writefds: *mut ws2mp_fd_set,
    exceptfds: *mut ws2mp_fd_set,
    timeout: *const libc::timeval,
) -> i32 {
    call(SOCKET_ERROR, || {
        crate::runtime::check()?;
        // SAFETY: forwarded caller guarantee.
        let sets = unsafe { [members(readfds)?, members(writefds)?, members(exceptfds)?] };
        if sets.iter().all(|s| s.is_empty()) {
            return Err(WsaError::WSAEINVAL);
        }
        // SAFETY: caller guarantee.
        let deadline = match unsafe { timeout.as_ref() } {
            None => None,
            Some(tv) if tv.tv_sec < 0 || tv.tv_usec < 0 => return Err(WsaError::WSAEINVAL),
            Some(tv) => Some(
                Instant::now()
                    + Duration::from_secs(tv.tv_sec as u64)
                    + Duration::from_micros(tv.tv_usec as u64),
            ),
        };
        let wanted = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
        let mut pfds = Vec::new();
        let mut socks = Vec::new();
        // Read-set members whose receive filter may drop what is queued (index in `pfds`).
        let mut filtered = Vec::new();
        // Pending join requests of a rooted listening socket are not data on its descriptor:
        // its readiness descriptor is polled too, after the sets (index of the set member).
        let mut extra: Vec<(usize, libc::pollfd)> = Vec::new();
        for (k, (set, events)) in sets.iter().zip(wanted).enumerate() {
            for &s in set.iter() {
                let sock = socket(s)?;
                if k == 0 && sock.multicast_state().is_some() {
                    filtered.push((pfds.len(), sock.clone()));
                }
                if k == 0 {
                    if let Some(fd) = sock.rooted().and_then(|r| r.accept_signal_fd()) {
                        let pfd = libc::pollfd {
                            fd,
                            events: libc::POLLIN,
                            revents: 0,
                        };
                        extra.push((pfds.len(), pfd));
                    }
                }
                let connecting = sock.is_connecting();
                socks.push((sock.clone(), connecting));
                pfds.push(libc::pollfd {
                    fd: sock.fd(),
                    events,
                    revents: 0,
                });
            }
        }
        let members = pfds.len();
        pfds.extend(extra.iter().map(|(_, p)| *p));
        loop {
            let ms = match deadline {
                None => -1,
                Some(d) => d
                    .saturating_duration_since(Instant::now())
                    .as_micros()
                    .div_ceil(1000)
                    .min(i32::MAX as u128) as i32,
            };
            match sys::poll(&mut pfds, ms) {
                Ok(_) => {}
                Err(libc::EINTR) => continue,
                Err(e) => return Err(WsaError::from_errno(e)),
            }
            // A multicast socket whose queue held only datagrams its filter drops is not
            // readable: drop them and wait on (for the rest of the timeout) if nothing is left.
            for (i, sock) in &filtered {
                if pfds[*i].revents & libc::POLLIN != 0 && !sock.readable_after_filter() {
                    pfds[*i].revents &= !libc::POLLIN;
                }
            }
            let timed_out = ms == 0 || deadline.is_some_and(|d| Instant::now() >= d);
            if timed_out || pfds.iter().any(|p| p.revents != 0) {
                break;
            }
        }
        for (n, (i, _)) in extra.iter().enumerate() {
            pfds[*i].revents |= pfds[members + n].revents & libc::POLLIN;
        }
        let mut total = 0;
        let mut i = 0;
        let sets_ptrs = [readfds, writefds, exceptfds];
        for (k, set) in sets.into_iter().enumerate() {
            let mut kept = 0;
            for j in 0..set.len() {
                let r = pfds[i].revents;
                let (sock, connecting) = &socks[i];
                i += 1;
                // A connect in progress is writable when it succeeded and exceptional when it
                // failed (never both, and never readable), as on Windows.
                let connect = if r != 0 && *connecting {
                    Some(sock.connect_progress())
                } else {
                    None
                };
                let failed = connect == Some(ConnectProgress::Failed);
                let ready = match k {
                    0 => !failed && r & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0,
                    1 => !failed && r & libc::POLLOUT != 0,
                    _ => failed || r & libc::POLLPRI != 0,
                };
                if ready {
                    set[kept] = set[j];
                    kept += 1;
                }
            }
            if !sets_ptrs[k].is_null() {
                // SAFETY: non-NULL set checked by `members`.
                unsafe { (*sets_ptrs[k]).fd_count = kept as u32 };
            }
            total += kept;
        }
        Ok(total as i32)
    })
}

/// Whether `fd` is in `set` (what the compat header's `FD_ISSET` calls, as on Windows).
///
/// # Safety
/// `set` must be NULL or a valid fd_set.
#[no_mangle]
pub unsafe extern "C" fn __WSAFDIsSet(fd: SOCKET, set: *mut ws2mp_fd_set) -> i32 {
    // SAFETY: forwarded caller guarantee.
    match unsafe { members(set) } {
        Ok(m) => i32::from(m.contains(&fd)),
        Err(_) => 0,
    }
}
