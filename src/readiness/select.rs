//! Winsock `select`: the wait over three sets of sockets, with Windows' readiness rules,
//! implemented with `poll`. The ABI layer (ffi/select.rs) copies the C `fd_set`s in and out;
//! this module decides which sockets are ready.

use crate::error::{WsaError, WsaResult};
use crate::handle::apc;
use crate::socket::{registry, ConnectProgress, Socket};
use crate::sys;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// The three sets as the program passed them (`SOCKET` values, duplicates allowed).
pub type Sets = [Vec<usize>; 3];

/// What a `select` found.
pub enum Outcome {
    /// For each set, whether each of its entries (in order) is ready for that set.
    Ready([Vec<bool>; 3]),
    /// A socket no read set names was closed during the wait: Windows fails the call with
    /// `WSAENOTSOCK` and the sets come back empty.
    ClosedDuringWait,
}

fn lookup(s: usize) -> WsaResult<Arc<Socket>> {
    let fd = i32::try_from(s).map_err(|_| WsaError::WSAENOTSOCK)?;
    registry::get(fd).ok_or(WsaError::WSAENOTSOCK)
}

/// Waits until a socket of `sets` is ready for a set that names it, or `deadline` passes
/// (None: forever). Every member must be a socket (`WSAENOTSOCK` before any wait otherwise).
pub fn run(sets: &Sets, deadline: Option<Instant>) -> WsaResult<Outcome> {
    let mut members: Vec<Member> = Vec::new();
    // SOCKET → index in `members` (sets of thousands of sockets stay linear).
    let mut index: HashMap<usize, usize> = HashMap::new();
    for (k, set) in sets.iter().enumerate() {
        for &s in set {
            match index.get(&s) {
                Some(&i) => members[i].sets |= 1 << k,
                None => {
                    let sock = lookup(s)?;
                    let connecting = sock.is_connecting();
                    index.insert(s, members.len());
                    members.push(Member {
                        sock,
                        sets: 1 << k,
                        connecting,
                    });
                }
            }
        }
    }
    let ready = wait(&members, deadline)?;
    if members
        .iter()
        .any(|m| m.sock.is_closed() && m.sets & 1 == 0)
    {
        return Ok(Outcome::ClosedDuringWait);
    }
    let flags = |k: usize, set: &Vec<usize>| -> Vec<bool> {
        set.iter()
            .map(|s| {
                let r = ready[index[s]];
                [r.read, r.write, r.except][k]
            })
            .collect()
    };
    Ok(Outcome::Ready([
        flags(0, &sets[0]),
        flags(1, &sets[1]),
        flags(2, &sets[2]),
    ]))
}

/// One distinct socket of the three sets.
struct Member {
    sock: Arc<Socket>,
    /// Which sets name it (bit 0 read, 1 write, 2 except).
    sets: u8,
    connecting: bool,
}

/// Where a socket stands for each set after the wait.
#[derive(Default, Clone, Copy)]
struct Ready {
    read: bool,
    write: bool,
    except: bool,
}

/// Polls the members until one is ready for a set that names it, or the deadline passes.
fn wait(members: &[Member], deadline: Option<Instant>) -> WsaResult<Vec<Ready>> {
    let mut pfds = Vec::with_capacity(members.len());
    // Pending join requests of a rooted listening socket are not data on its descriptor: its
    // readiness descriptor is polled too, after the members (index of the member).
    let mut extra: Vec<(usize, libc::pollfd)> = Vec::new();
    let mut drains: Vec<(usize, Arc<sys::Signal>)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let mut events = 0;
        if m.sets & 1 != 0 {
            events |= libc::POLLIN;
            if let Some(fd) = m.sock.prepare_read_wait() {
                extra.push((
                    i,
                    libc::pollfd {
                        fd,
                        events: libc::POLLIN,
                        revents: 0,
                    },
                ));
            }
        }
        if m.sets & 2 != 0 {
            // Bytes of a partial send still queued: not writable until they are sent, which
            // the queue's drain signal tells (then the socket's own writability is asked).
            match m.sock.send_drain_signal() {
                Some(signal) => drains.push((i, signal)),
                None => events |= libc::POLLOUT,
            }
        }
        if m.sets & 4 != 0 {
            events |= libc::POLLPRI;
        }
        // A stream socket that never connected, or whose connect failed, is not polled: the OS
        // reports it writable and hung up, Windows reports nothing (or, for a failed connect,
        // the exception set at once).
        let fd = if m.sock.is_idle_stream() || m.sock.connect_failed() {
            -1
        } else {
            m.sock.fd()
        };
        pfds.push(libc::pollfd {
            fd,
            events,
            revents: 0,
        });
    }
    let count = pfds.len();
    pfds.extend(extra.iter().map(|(_, p)| *p));
    let drains_at = pfds.len();
    pfds.extend(drains.iter().map(|(_, s)| libc::pollfd {
        fd: s.raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    }));
    // closesocket in another thread shuts the socket down, which ends the wait.
    let _guards: Vec<_> = members.iter().map(|m| m.sock.wait_guard()).collect();
    let mut ready = vec![Ready::default(); members.len()];
    // Windows runs the thread's APCs (`QueueUserAPC`, completion routines) once `select`
    // blocks, then goes on waiting (a call that finds a socket ready at once runs none): a
    // first look does not wait, then the thread's wake-up descriptor is polled too.
    let mut first_look = deadline.is_none_or(|d| d > Instant::now());
    let mut apc_wake: Option<(apc::Armed, sys::Fd)> = None;
    let apc_at = pfds.len();
    loop {
        let ms = match deadline {
            _ if first_look => 0,
            None => -1,
            Some(d) => d
                .saturating_duration_since(Instant::now())
                .as_micros()
                .div_ceil(1000)
                .min(i32::MAX as u128) as i32,
        };
        // A failed connect is reported at once, without waiting.
        let failed_now = members
            .iter()
            .any(|m| m.sets & 4 != 0 && m.sock.connect_failed());
        match sys::poll(&mut pfds, if failed_now { 0 } else { ms }) {
            Ok(_) => {}
            Err(libc::EINTR) => continue,
            Err(e) => return Err(WsaError::from_errno(e)),
        }
        if apc_wake.is_some() && pfds[apc_at].revents != 0 {
            apc::clear_signal();
            apc::run_pending();
        }
        for (n, (i, _)) in extra.iter().enumerate() {
            pfds[*i].revents |= pfds[count + n].revents & libc::POLLIN;
        }
        for (n, (i, _)) in drains.iter().enumerate() {
            let p = &mut pfds[drains_at + n];
            if p.revents != 0 {
                // The queue is sent: watch the socket's writability from now on.
                p.fd = -1;
                p.revents = 0;
                pfds[*i].events |= libc::POLLOUT;
                pfds[*i].fd = members[*i].sock.fd();
            }
        }
        let mut any = false;
        for (i, m) in members.iter().enumerate() {
            let r = classify(m, pfds[i].revents);
            if r.read || r.write || r.except || m.sock.is_closed() {
                any = true;
            } else if pfds[i].revents != 0 {
                // What the OS reported is nothing Windows reports (a filtered datagram, ...):
                // stop watching it for the rest of this call rather than spin on it.
                pfds[i].fd = -1;
            }
            ready[i] = r;
        }
        if any || failed_now {
            return Ok(ready);
        }
        for p in pfds.iter_mut() {
            p.revents = 0;
        }
        if first_look {
            first_look = false;
            apc_wake = super::poll::arm_apcs();
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
            return Ok(ready);
        }
    }
}

/// Windows' readiness of one member from what poll reported.
fn classify(m: &Member, revents: i16) -> Ready {
    let sock = &m.sock;
    if sock.is_closed() {
        // Closed by another thread during the wait: reported readable (recv then fails).
        return Ready {
            read: m.sets & 1 != 0,
            ..Ready::default()
        };
    }
    if sock.connect_failed() && !m.connecting {
        return Ready {
            except: m.sets & 4 != 0,
            ..Ready::default()
        };
    }
    if revents == 0 {
        return Ready::default();
    }
    // A connect in progress is writable when it succeeded and exceptional when it failed
    // (never both, and never readable), as on Windows.
    if m.connecting {
        return match sock.connect_progress() {
            ConnectProgress::Pending => Ready::default(),
            ConnectProgress::Failed => Ready {
                except: m.sets & 4 != 0,
                ..Ready::default()
            },
            ConnectProgress::Connected => Ready {
                write: m.sets & 2 != 0 && revents & libc::POLLOUT != 0,
                read: m.sets & 1 != 0 && revents & libc::POLLIN != 0,
                except: m.sets & 4 != 0 && revents & libc::POLLPRI != 0,
            },
        };
    }
    let mut read = m.sets & 1 != 0 && revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0;
    if read && sock.multicast_state().is_some() && !sock.readable_after_filter() {
        // Only datagrams the socket's receive filter drops were queued.
        read = false;
    }
    // With SO_OOBINLINE the urgent byte is ordinary data: readable, never exceptional.
    let urgent = revents & libc::POLLPRI != 0;
    let inline = urgent && sock.is_oob_inline();
    Ready {
        read: read || (inline && m.sets & 1 != 0),
        write: m.sets & 2 != 0 && revents & libc::POLLOUT != 0 && !sock.send_queued(),
        except: m.sets & 4 != 0 && urgent && !inline,
    }
}
