//! Winsock `select` over counted `fd_set`s, implemented with `poll`.
//!
//! The three sets may be the same memory (programs pass one set for reading and writing), so
//! they are never turned into Rust references: each is copied in once at the boundary with raw
//! reads, the result is computed on the copies, and each set is written out with raw writes.

use super::types::{ws2mp_fd_set, SOCKET};
use super::{call_ok, socket};
use crate::error::{WsaError, WsaResult};
use crate::socket::{ConnectProgress, Socket};
use crate::sys;
use crate::winsock::SOCKET_ERROR;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Upper bound on `fd_count` we accept (a corrupt count must not make us read forever).
const MAX_SET: u32 = 1 << 16;

/// Copies the members of a C fd_set (empty for NULL).
///
/// # Safety
/// `set` must be NULL or a valid fd_set whose array holds `fd_count` entries.
unsafe fn copy_in(set: *const ws2mp_fd_set) -> WsaResult<Vec<SOCKET>> {
    if set.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: caller guarantee; a raw read, no reference is formed.
    let count = unsafe { std::ptr::addr_of!((*set).fd_count).read() };
    if count > MAX_SET {
        return Err(WsaError::WSAEINVAL);
    }
    // SAFETY: as above; the array may be longer than 64 (FD_SETSIZE chosen by the program).
    let base = unsafe { std::ptr::addr_of!((*set).fd_array).cast::<SOCKET>() };
    // SAFETY: `count` entries are readable (caller guarantee).
    Ok((0..count as usize)
        .map(|i| unsafe { base.add(i).read() })
        .collect())
}

/// Appends the sockets of `ready` (in order) to a C fd_set that `clear` emptied, skipping those
/// in `held`: what this call already wrote to the same memory (the set may be passed for
/// several arguments, and a socket ready for both is then reported and counted once, as on
/// Windows). Returns how many sockets were added.
///
/// # Safety
/// `set` must be a valid fd_set whose array holds its original count of entries, and `ready`
/// must come from that original content (so the set never grows beyond it).
unsafe fn append(set: *mut ws2mp_fd_set, ready: &[SOCKET], held: &mut HashSet<SOCKET>) -> usize {
    // SAFETY: caller guarantee; raw accesses only.
    unsafe {
        let base = std::ptr::addr_of_mut!((*set).fd_array).cast::<SOCKET>();
        let count = std::ptr::addr_of_mut!((*set).fd_count);
        let mut added = 0;
        for &s in ready {
            if !held.insert(s) {
                continue;
            }
            base.add(held.len() - 1).write(s);
            added += 1;
        }
        count.write(held.len() as u32);
        added
    }
}

/// Sets `fd_count` of a C fd_set to 0.
///
/// # Safety
/// `set` must be NULL or a valid fd_set.
unsafe fn clear(set: *mut ws2mp_fd_set) {
    if !set.is_null() {
        // SAFETY: caller guarantee; a raw write.
        unsafe { std::ptr::addr_of_mut!((*set).fd_count).write(0) };
    }
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
/// NULL `timeout` waits forever; `{0,0}` polls.
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
        // SAFETY: forwarded caller guarantee.
        let sets = unsafe { [copy_in(readfds)?, copy_in(writefds)?, copy_in(exceptfds)?] };
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
        let mut members: Vec<Member> = Vec::new();
        // SOCKET → index in `members` (sets of thousands of sockets stay linear).
        let mut index: HashMap<SOCKET, usize> = HashMap::new();
        for (k, set) in sets.iter().enumerate() {
            for &s in set {
                match index.get(&s) {
                    Some(&i) => members[i].sets |= 1 << k,
                    None => {
                        let sock = socket(s)?;
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
            .zip(&ready)
            .any(|(m, _)| m.sock.is_closed() && m.sets & 1 == 0)
        {
            // A socket closed during the wait that no read set names: Windows fails the call.
            for p in ptrs {
                // SAFETY: forwarded caller guarantee.
                unsafe { clear(p) };
            }
            return Err(WsaError::WSAENOTSOCK);
        }
        for p in ptrs {
            // SAFETY: forwarded caller guarantee.
            unsafe { clear(p) };
        }
        let mut total = 0;
        // What has been written to each distinct set (the same memory may be several sets).
        let mut held: Vec<(*mut ws2mp_fd_set, HashSet<SOCKET>)> = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            if ptrs[k].is_null() {
                continue;
            }
            let slot = match held.iter().position(|(p, _)| *p == ptrs[k]) {
                Some(i) => i,
                None => {
                    held.push((ptrs[k], HashSet::new()));
                    held.len() - 1
                }
            };
            let out: Vec<SOCKET> = set
                .iter()
                .copied()
                .filter(|s| {
                    let r = ready[index[s]];
                    [r.read, r.write, r.except][k]
                })
                .collect();
            // SAFETY: forwarded caller guarantee; `out` comes from the set's own members.
            total += unsafe { append(ptrs[k], &out, &mut held[slot].1) };
        }
        Ok(total as i32)
    })
}

/// Polls the members until one is ready for a set that names it, or the deadline passes.
fn wait(members: &[Member], deadline: Option<Instant>) -> WsaResult<Vec<Ready>> {
    let mut pfds = Vec::with_capacity(members.len());
    // Pending join requests of a rooted listening socket are not data on its descriptor: its
    // readiness descriptor is polled too, after the members (index of the member).
    let mut extra: Vec<(usize, libc::pollfd)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let mut events = 0;
        if m.sets & 1 != 0 {
            events |= libc::POLLIN;
            if let Some(r) = m.sock.rooted() {
                r.watch();
            }
            if let Some(fd) = m.sock.rooted().and_then(|r| r.accept_signal_fd()) {
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
            events |= libc::POLLOUT;
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
    // closesocket in another thread shuts the socket down, which ends the wait.
    let _guards: Vec<_> = members.iter().map(|m| m.sock.wait_guard()).collect();
    let mut ready = vec![Ready::default(); members.len()];
    loop {
        let ms = match deadline {
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
        for (n, (i, _)) in extra.iter().enumerate() {
            pfds[*i].revents |= pfds[count + n].revents & libc::POLLIN;
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
        let timed_out = ms == 0 || failed_now || deadline.is_some_and(|d| Instant::now() >= d);
        if any || timed_out {
            return Ok(ready);
        }
        for p in pfds.iter_mut() {
            p.revents = 0;
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
        write: m.sets & 2 != 0 && revents & libc::POLLOUT != 0,
        except: m.sets & 4 != 0 && urgent && !inline,
    }
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
    // SAFETY: forwarded caller guarantee; raw reads only (no allocation: programs call this
    // in loops).
    unsafe {
        let count = std::ptr::addr_of!((*set).fd_count).read();
        if count > MAX_SET {
            return 0;
        }
        let count = count as usize;
        let base = std::ptr::addr_of!((*set).fd_array).cast::<SOCKET>();
        i32::from((0..count).any(|i| base.add(i).read() == fd))
    }
}
