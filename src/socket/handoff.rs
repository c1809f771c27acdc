//! `WSADuplicateSocket` for another process. Windows puts a handle into the target process at
//! once; a POSIX process cannot, so the source keeps a second descriptor for the socket and
//! *offers* it: a one-shot AF_UNIX listener named after a random 128-bit token (carried in the
//! protocol-info structure) and a thread that waits there. The target's `WSASocket` connects
//! and gets the descriptor (`SCM_RIGHTS`) when it is the process the offer is for (its pid, as
//! the kernel reports it, and this user or root); anyone else is refused and the offer stays.
//!
//! An offer ends when it is taken (a structure is good for one `WSASocket`, as on Windows), or
//! when the target process ends without taking it, or with the source process. A source that
//! exits normally (`exit`, a return from `main`) first waits up to [`EXIT_LINGER`] for its
//! offers to be taken, so "duplicate, hand over, exit" launchers keep working.

use crate::error::{WsaError, WsaResult};
use crate::sys::{self, shared_sync, socket_handoff as hand, OwnedFd};
use std::os::fd::AsRawFd;
use std::sync::{Condvar, Mutex, Once};
use std::time::{Duration, Instant};

/// How long a normal exit waits for the process's offers to be taken.
pub const EXIT_LINGER: Duration = Duration::from_secs(5);

/// How often an offer checks that its target is still running.
const TARGET_CHECK_MS: i32 = 500;

/// How long the target waits for the source's answer once connected.
const ANSWER_MS: i32 = 5000;

/// Offers not yet taken or expired, and the exit handler's wake-up.
static PENDING: Mutex<usize> = Mutex::new(0);
static CHANGED: Condvar = Condvar::new();
static AT_EXIT: Once = Once::new();

fn pending_add(delta: isize) {
    let mut n = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    *n = n.saturating_add_signed(delta);
    CHANGED.notify_all();
}

extern "C" fn linger_at_exit() {
    let deadline = Instant::now() + EXIT_LINGER;
    let mut n = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    while *n > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        n = CHANGED
            .wait_timeout(n, left)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
}

/// A new random token (never 0: a structure with token 0 is a same-process record).
fn new_token() -> WsaResult<u128> {
    let mut b = [0u8; 16];
    sys::random::fill(&mut b).map_err(|_| WsaError::WSAENOBUFS)?;
    Ok(u128::from_ne_bytes(b).max(1))
}

/// Offers `fd` (a second descriptor for the socket) to process `target`; returns the token
/// the target's `WSASocket` needs. Errors: `WSAENOBUFS` (no listener or thread could be made).
pub fn offer(fd: OwnedFd, target: u32) -> WsaResult<u128> {
    let (token, listener) = loop {
        let token = new_token()?;
        match hand::listen(token) {
            Ok(l) => break (token, l),
            Err(libc::EADDRINUSE) => continue,
            Err(libc::EMFILE | libc::ENFILE) => return Err(WsaError::WSAEMFILE),
            Err(_) => return Err(WsaError::WSAENOBUFS),
        }
    };
    AT_EXIT.call_once(|| {
        shared_sync::at_exit(linger_at_exit);
    });
    pending_add(1);
    let spawned = std::thread::Builder::new()
        .name("ws2mp-dup-offer".into())
        .spawn(move || {
            serve(&listener, &fd, target);
            drop(listener);
            hand::unlink(token);
            pending_add(-1);
        });
    if spawned.is_err() {
        hand::unlink(token);
        pending_add(-1);
        return Err(WsaError::WSAENOBUFS);
    }
    Ok(token)
}

/// Waits for `target` to connect and hands `fd` over; returns when it did or `target` ended.
fn serve(listener: &OwnedFd, fd: &OwnedFd, target: u32) {
    let me = hand::my_uid();
    loop {
        if hand::readable_within(listener.as_raw_fd(), TARGET_CHECK_MS) {
            if let Ok(conn) = hand::accept(listener.as_raw_fd()) {
                let allowed = hand::peer(conn.as_raw_fd()).is_some_and(|(uid, pid)| {
                    (uid == me || uid == 0) && pid.is_none_or(|p| p == target)
                });
                if allowed && hand::send_fd(conn.as_raw_fd(), fd.as_raw_fd()).is_ok() {
                    return;
                }
                // Refused: the connection closes without a descriptor; the offer stays.
            }
        }
        if !shared_sync::process_alive(target) {
            return;
        }
    }
}

/// The target's side: takes the descriptor offered under `token`. `WSAEINVAL` when there is
/// no such offer (taken already, expired, never made, or for another process).
pub fn take(token: u128) -> WsaResult<OwnedFd> {
    let conn = hand::connect(token).map_err(|e| match e {
        libc::EMFILE | libc::ENFILE => WsaError::WSAEMFILE,
        _ => WsaError::WSAEINVAL,
    })?;
    hand::recv_fd(conn.as_raw_fd(), ANSWER_MS).map_err(|e| match e {
        libc::EMFILE | libc::ENFILE => WsaError::WSAEMFILE,
        _ => WsaError::WSAEINVAL,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_serves_its_target_once() {
        let (r, w) = sys::process::pipe().unwrap();
        let token = offer(w, std::process::id()).unwrap();
        let got = take(token).unwrap();
        assert!(got.as_raw_fd() >= 0);
        drop(r);
        assert_eq!(take(token).err(), Some(WsaError::WSAEINVAL), "one use");
        assert_eq!(
            take(token ^ 1).err(),
            Some(WsaError::WSAEINVAL),
            "no such offer"
        );
    }

    #[test]
    fn another_process_is_refused_and_the_offer_ends_with_its_target() {
        let (_r, w) = sys::process::pipe().unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let token = offer(w, child.id()).unwrap();
        assert_eq!(
            take(token).err(),
            Some(WsaError::WSAEINVAL),
            "not the target"
        );
        assert!(hand::connect(token).is_ok(), "the offer stays");
        child.kill().unwrap();
        child.wait().unwrap();
        let t = Instant::now();
        while hand::connect(token).is_ok() {
            assert!(t.elapsed() < Duration::from_secs(5), "the offer ends");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
