//! Winsock `select` over counted `fd_set`s, implemented with `poll`.
//!
//! The three sets may be the same memory (programs pass one set for reading and writing), so
//! they are never turned into Rust references: each is copied in once at the boundary with raw
//! reads, the result is computed on the copies, and each set is written out with raw writes.

use super::types::{ws2mp_fd_set, SOCKET};
use super::{call_ok, read_array, read_in};
use crate::error::{WsaError, WsaResult};
use crate::readiness::select::{self, Outcome};
use crate::winsock::SOCKET_ERROR;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// Upper bound on `fd_count` we accept (a corrupt count must not make us read forever).
const MAX_SET: u32 = 1 << 16;

/// Copies the members of a C fd_set (empty for NULL), through the kernel-checked copy:
/// unreadable memory → `WSAEFAULT`.
fn copy_in(set: *const ws2mp_fd_set) -> WsaResult<Vec<SOCKET>> {
    if set.is_null() {
        return Ok(Vec::new());
    }
    let count = read_in(set.cast::<u32>())?;
    if count > MAX_SET {
        return Err(WsaError::WSAEINVAL);
    }
    // The array may be longer than 64 (FD_SETSIZE chosen by the program).
    let base = set
        .cast::<u8>()
        .wrapping_add(std::mem::offset_of!(ws2mp_fd_set, fd_array))
        .cast::<SOCKET>();
    let mut members = vec![0; count as usize];
    read_array(base, &mut members)?;
    Ok(members)
}

/// Writes `members` as the new content of a C fd_set (count and array in one checked copy):
/// memory that cannot be written → `WSAEFAULT`.
fn write_set(set: *mut ws2mp_fd_set, members: &[SOCKET]) -> WsaResult<()> {
    let count = members.len() as u32;
    let base = set
        .cast::<u8>()
        .wrapping_add(std::mem::offset_of!(ws2mp_fd_set, fd_array));
    // SAFETY: `members` is our own slice; viewed as its bytes (SOCKET is an integer).
    let bytes = unsafe {
        std::slice::from_raw_parts(
            members.as_ptr().cast::<u8>(),
            std::mem::size_of_val(members),
        )
    };
    crate::sys::copy_to_user_each(&[(set.cast::<u8>(), &count.to_ne_bytes()), (base, bytes)])
        .map_err(|_| WsaError::WSAEFAULT)
}

/// Waits until sockets are readable, writable, or have an exceptional condition (mapped from
/// `select`). `nfds` is ignored. The sets are Winsock's counted arrays; on return each holds
/// only its ready sockets, each once. The same set may be passed for several arguments: a
/// socket ready for two of them is then counted once.
///
/// Readable: data, a pending connection, or a closed/reset connection (and a socket closed by
/// another thread during the wait, which wakes it). Writable: a connect succeeded or a send can
/// proceed. Exceptional: out-of-band data or a failed connect (reported there only, until the
/// next connect). A stream socket that never started a connection is never ready.
/// For a multicast socket whose receive filter is on (receive-side loopback off, or bound to
/// an interface address), queued datagrams the filter drops are discarded here and do not make
/// it readable; this is best-effort: a datagram that arrives between this check and the
/// `recv` may still be dropped there, so a non-blocking `recv` can fail with `WSAEWOULDBLOCK`.
/// (Raw `poll`/`epoll` on the SOCKET sees every datagram, filtered or not.)
/// NULL `timeout` waits forever; `{0,0}` polls. A call that blocks runs the calling thread's
/// queued APCs (`QueueUserAPC`, completion routines) and goes on waiting, as on Windows; one
/// that finds a socket ready at once runs none.
///
/// Returns the number of sockets put in the sets, 0 on timeout. Errors: `WSAEINVAL` (all three
/// sets NULL or empty, negative timeout), `WSAENOTSOCK` (a member is not a socket: the sets are
/// left unchanged; or a socket in no read set was closed during the wait: the sets are
/// emptied), `WSANOTINITIALISED`.
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
    call_ok(SOCKET_ERROR, || {
        crate::runtime::check()?;
        let ptrs = [readfds, writefds, exceptfds];
        let sets = [copy_in(readfds)?, copy_in(writefds)?, copy_in(exceptfds)?];
        if sets.iter().all(|s| s.is_empty()) {
            return Err(WsaError::WSAEINVAL);
        }
        let deadline = match (!timeout.is_null()).then(|| read_in(timeout)).transpose()? {
            None => None,
            Some(tv) if tv.tv_sec < 0 || tv.tv_usec < 0 => return Err(WsaError::WSAEINVAL),
            Some(tv) => Some(
                Instant::now()
                    + Duration::from_secs(tv.tv_sec as u64)
                    + Duration::from_micros(tv.tv_usec as u64),
            ),
        };
        // What each distinct set receives (the same memory may be passed as several sets: a
        // socket ready for two of them is reported and counted once, as on Windows).
        let mut held: Vec<(*mut ws2mp_fd_set, Vec<SOCKET>, HashSet<SOCKET>)> = Vec::new();
        for p in ptrs {
            if !p.is_null() && !held.iter().any(|(q, _, _)| *q == p) {
                held.push((p, Vec::new(), HashSet::new()));
            }
        }
        let ready = match select::run(&sets, deadline)? {
            Outcome::Ready(r) => r,
            Outcome::ClosedDuringWait => {
                for (p, _, _) in &held {
                    write_set(*p, &[])?;
                }
                return Err(WsaError::WSAENOTSOCK);
            }
        };
        let mut total = 0usize;
        for (k, set) in sets.iter().enumerate() {
            let Some((_, out, seen)) = held.iter_mut().find(|(p, _, _)| *p == ptrs[k]) else {
                continue;
            };
            for (&s, _) in set.iter().zip(&ready[k]).filter(|(_, &r)| r) {
                if seen.insert(s) {
                    out.push(s);
                    total += 1;
                }
            }
        }
        for (p, out, _) in &held {
            write_set(*p, out)?;
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
    if set.is_null() {
        return 0;
    }
    // Checked copies (a local set costs no system call), in chunks on the stack (no
    // allocation: programs call this in loops). An unreadable set holds nothing.
    let Ok(count) = read_in(set.cast::<u32>()) else {
        return 0;
    };
    if count > MAX_SET {
        return 0;
    }
    let base = set
        .cast::<u8>()
        .wrapping_add(std::mem::offset_of!(ws2mp_fd_set, fd_array))
        .cast::<SOCKET>();
    let mut chunk = [0 as SOCKET; 64];
    let mut at = 0usize;
    while at < count as usize {
        let n = chunk.len().min(count as usize - at);
        if read_array(base.wrapping_add(at), &mut chunk[..n]).is_err() {
            return 0;
        }
        if chunk[..n].contains(&fd) {
            return 1;
        }
        at += n;
    }
    0
}
