//! `WSAPoll`: Winsock's poll, with Windows' event bits and rules, over `poll`. The ABI layer
//! (ffi/poll.rs) copies the program's `WSAPOLLFD` array into [`Entry`] values and the
//! results back.

use crate::error::{WsaError, WsaResult};
use crate::handle::apc;
use crate::socket::{registry, ConnectProgress, Socket};
use crate::sys::{self, Peek};
use std::sync::Arc;
use std::time::{Duration, Instant};

bitflags::bitflags! {
    /// `WSAPoll` event bits, with Windows' values (which differ from `<poll.h>`'s). The C
    /// names are the plain `WS2MP_POLL*` constants of ffi/poll.rs.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub(crate) struct Events: i16 {
        const RDNORM = 0x0100;
        const RDBAND = 0x0200;
        const PRI = 0x0400;
        const WRNORM = 0x0010;
        const WRBAND = 0x0020;
        const ERR = 0x0001;
        const HUP = 0x0002;
        const NVAL = 0x0004;
    }
}

/// The only bits `events` may hold (Windows refuses the others with `WSAEINVAL`).
const ALLOWED: Events = Events::RDNORM.union(Events::RDBAND).union(Events::WRNORM);

/// One entry of the program's array, as values.
pub(crate) struct Entry {
    /// The `SOCKET`; None: `INVALID_SOCKET`, an entry Windows skips (reported `POLLNVAL`,
    /// never an error).
    pub socket: Option<usize>,
    /// `events` as the program wrote it (bits outside [`ALLOWED`] are an error).
    pub events: Events,
    /// What the call reports (`revents`).
    pub revents: Events,
}

fn lookup(s: usize) -> Option<Arc<Socket>> {
    registry::get(i32::try_from(s).ok()?)
}

/// Waits until one of the sockets has an event it asks for, or `timeout` milliseconds pass
/// (negative: forever); fills every entry's `revents` (also when the call fails). Returns the
/// number of entries whose `revents` is not empty (entries that are no socket are not
/// counted). `WSAENOTSOCK`: no entry is a socket (checked first); `WSAEINVAL`: an entry with
/// `events` bits outside `POLLRDNORM | POLLRDBAND | POLLWRNORM` (every `revents` is then 0).
pub(crate) fn run(entries: &mut [Entry], timeout: i32) -> WsaResult<i32> {
    for e in entries.iter_mut() {
        e.revents = Events::empty();
    }
    let socks: Vec<Option<Arc<Socket>>> =
        entries.iter().map(|e| e.socket.and_then(lookup)).collect();
    for (e, s) in entries.iter_mut().zip(&socks) {
        if s.is_none() {
            e.revents = Events::NVAL;
        }
    }
    if socks.iter().all(Option::is_none) {
        return Err(WsaError::WSAENOTSOCK);
    }
    if entries
        .iter()
        .any(|e| e.socket.is_some() && !ALLOWED.contains(e.events))
    {
        for e in entries.iter_mut() {
            e.revents = Events::empty();
        }
        return Err(WsaError::WSAEINVAL);
    }
    let deadline = (timeout >= 0).then(|| Instant::now() + Duration::from_millis(timeout as u64));
    // Sockets holding bytes of a partial send are not writable until the queue's drain
    // signal is raised (polled after the entries); their writability is asked then.
    let mut drains: Vec<(usize, Arc<sys::Signal>)> = Vec::new();
    let mut pfds: Vec<libc::pollfd> = entries
        .iter()
        .zip(&socks)
        .enumerate()
        .map(|(i, (e, s))| match s {
            Some(sock) if !sock.is_idle_stream() => libc::pollfd {
                fd: sock.fd(),
                events: match sock.send_drain_signal() {
                    Some(signal) if e.events.contains(Events::WRNORM) => {
                        drains.push((i, signal));
                        native_events(e.events.difference(Events::WRNORM))
                    }
                    _ => native_events(e.events),
                },
                revents: 0,
            },
            _ => libc::pollfd {
                fd: -1,
                events: 0,
                revents: 0,
            },
        })
        .collect();
    let drains_at = pfds.len();
    pfds.extend(drains.iter().map(|(_, s)| libc::pollfd {
        fd: s.raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    }));
    // Windows runs the thread's APCs (`QueueUserAPC`, completion routines) once `WSAPoll`
    // blocks, then goes on waiting (a call that finds a socket ready at once runs none): a
    // first look does not wait, then the thread's wake-up descriptor is polled too.
    let mut apc_wake: Option<(apc::Armed, sys::Fd)> = None;
    let mut first_look = timeout != 0;
    let apc_at = pfds.len();
    // Links a rooted socket's receives were reading themselves go back to the engine.
    for s in socks.iter().flatten() {
        s.prepare_read_wait();
    }
    let _guards: Vec<_> = socks.iter().flatten().map(|s| s.wait_guard()).collect();
    loop {
        let ms = match deadline {
            _ if first_look => 0,
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
        if apc_wake.is_some() && pfds[apc_at].revents != 0 {
            pfds[apc_at].revents = 0;
            apc::clear_signal();
            apc::run_pending();
        }
        for (n, (i, _)) in drains.iter().enumerate() {
            let p = &mut pfds[drains_at + n];
            if p.revents != 0 {
                p.fd = -1;
                p.revents = 0;
                if let Some(sock) = &socks[*i] {
                    pfds[*i].fd = sock.fd();
                    pfds[*i].events |= libc::POLLOUT;
                }
            }
        }
        let mut count = 0;
        for (i, (e, s)) in entries.iter_mut().zip(&socks).enumerate() {
            let Some(sock) = s else { continue };
            let bits = if sock.is_closed() {
                Events::NVAL
            } else {
                windows_events(sock, pfds[i].revents) & (e.events | Events::HUP | Events::ERR)
            };
            if bits.is_empty() && pfds[i].revents != 0 {
                // Nothing Windows reports: stop watching it for the rest of this call.
                pfds[i].fd = -1;
            }
            pfds[i].revents = 0;
            e.revents = bits;
            if !bits.is_empty() {
                count += 1;
            }
        }
        if count > 0 {
            return Ok(count);
        }
        if first_look {
            first_look = false;
            apc_wake = arm_apcs();
            if let Some((_, fd)) = &apc_wake {
                pfds.push(libc::pollfd {
                    fd: *fd,
                    events: libc::POLLIN,
                    revents: 0,
                });
            }
            continue;
        }
        let timed_out = ms == 0 || deadline.is_some_and(|d| Instant::now() >= d);
        if timed_out {
            return Ok(count);
        }
    }
}

/// Runs the APCs already queued to the calling thread and arms it for the wait (see
/// `apc::arm_signal`); `None` if it cannot be armed (APCs then run only before the wait).
pub(super) fn arm_apcs() -> Option<(apc::Armed, sys::Fd)> {
    loop {
        apc::run_pending();
        match apc::arm_signal() {
            Some(armed) => return Some(armed),
            None if apc::pending() => continue,
            None => return None,
        }
    }
}

/// The `poll` events that watch for Windows' `events`.
fn native_events(events: Events) -> i16 {
    let mut n = 0;
    if events.contains(Events::RDNORM) {
        n |= libc::POLLIN;
    }
    if events.contains(Events::RDBAND) {
        n |= libc::POLLPRI | libc::POLLIN;
    }
    if events.contains(Events::WRNORM) {
        n |= libc::POLLOUT;
    }
    n | sys::POLL_PEER_CLOSED
}

const PEER_CLOSED: i16 = sys::POLL_PEER_CLOSED | libc::POLLHUP;

/// Windows' `revents` for what `poll` reported on a socket.
fn windows_events(sock: &Socket, r: i16) -> Events {
    if r == 0 {
        return Events::empty();
    }
    let failed = Events::ERR | Events::HUP | Events::WRNORM;
    if sock.is_connecting() {
        return match sock.connect_progress() {
            ConnectProgress::Pending => Events::empty(),
            ConnectProgress::Failed => failed,
            ConnectProgress::Connected if r & libc::POLLOUT != 0 => Events::WRNORM,
            ConnectProgress::Connected => Events::empty(),
        };
    }
    if sock.connect_failed() {
        return failed;
    }
    let mut w = Events::empty();
    if r & libc::POLLOUT != 0 && !sock.send_queued() {
        w |= Events::WRNORM;
    }
    if sock.is_listening() {
        if r & libc::POLLIN != 0 {
            w |= Events::RDNORM;
        }
        return w;
    }
    if !sock.is_stream() {
        if r & libc::POLLIN != 0
            && !sock.is_receive_shut()
            && (sock.multicast_state().is_none() || sock.readable_after_filter())
        {
            w |= Events::RDNORM;
        }
        return w;
    }
    if sock.is_receive_shut() {
        // Windows reports neither data nor the peer's close after SD_RECEIVE.
        return w;
    }
    if r & libc::POLLPRI != 0 {
        w |= if sock.is_oob_inline() {
            Events::RDNORM
        } else {
            Events::RDBAND
        };
    }
    if r & (PEER_CLOSED | libc::POLLERR) != 0 {
        w |= Events::HUP;
        match sys::peek_stream(sock.fd()) {
            Peek::Data if r & libc::POLLIN != 0 => w |= Events::RDNORM,
            // A reset connection: Windows adds POLLERR.
            Peek::Failed(_) => w |= Events::ERR,
            _ if r & libc::POLLERR != 0 || sock.saw_connection_failure() => w |= Events::ERR,
            _ => {}
        }
    } else if r & libc::POLLIN != 0 {
        w |= Events::RDNORM;
    }
    w
}
