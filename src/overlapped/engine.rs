//! The engine that retries pending operations: every socket with pending overlapped
//! operations is watched for the directions it waits on; whoever reaps the engine's reports
//! retries the head operations of the ready sockets.
//!
//! Two backends, chosen once at first use:
//! - **io_uring** (Linux, when the kernel allows it): one-shot `IORING_OP_POLL_ADD` requests
//!   (`sys/uring.rs`), re-armed after each report while operations wait; a plain stream
//!   receive into one buffer waiting at the head of its queue is handed to the kernel whole
//!   (`IORING_OP_RECV` into the program's buffer): no readiness report, no retry;
//! - **readiness**: the level-triggered epoll / kqueue poller of `sys::Poller`; registration
//!   follows the queues (added when a queue becomes non-empty, removed when both are empty).
//!
//! `WS2MP_OVERLAPPED_ENGINE=readiness` forces the second (`uring` asks for the first and falls
//! back when it is not available). Operations that complete at once on the calling thread
//! never reach the engine.
//!
//! **Who reaps.** One thread at a time (the `REAP` lock). A thread waiting in
//! `GetQueuedCompletionStatus` on an empty port reaps the engine itself ([`Lead`]): it waits
//! on the engine's descriptor and its port's wake-up descriptor together, so a completion for
//! its port needs no other thread (leader/follower: the other waiters of the port sleep until
//! the leader takes a packet and hands the lead to the most recent of them). When no such
//! thread is there, a background thread reaps (event and completion-routine notifications,
//! ports nobody waits on); a thread that wants the lead wakes it and takes over.
//!
//! **Threads that reap their own sockets.** Routine operations a thread issues inside
//! `SleepEx(..., TRUE)` are not armed here: that thread polls their sockets itself
//! (`ops::defer`, `ops::self_reap`, [`poll_sockets`]). While any socket is left to a thread,
//! whoever reaps looks every [`GRACE_MS`] for threads that stopped sleeping alertably and
//! arms their sockets (`ops::expire`).

use super::ops;
use crate::socket::Socket;
use crate::sys::{self, Poller, Signal};
use parking_lot::{Condvar, Mutex, MutexGuard};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::OnceLock;
use std::time::Instant;

enum Backend {
    /// The poller and the signal that wakes its waiter (registered with [`KICK`]).
    Readiness(Poller, Signal),
    #[cfg(target_os = "linux")]
    Uring(Box<crate::sys::uring::Ring>),
}

/// Token of the readiness backend's wake-up signal.
const KICK: u64 = u64::MAX - 1;

struct Engine {
    backend: Backend,
}

/// Held by the thread that reaps.
static REAP: Mutex<()> = Mutex::new(());
/// Whether the background thread holds `REAP`.
static BACKGROUND_REAPING: AtomicBool = AtomicBool::new(false);
/// Threads that lead or want to: the background thread stays out while any do.
static WANTED: AtomicUsize = AtomicUsize::new(0);
static IDLE: Mutex<()> = Mutex::new(());
static RESUME: Condvar = Condvar::new();

/// The backend, as the environment asks and the system allows.
fn backend() -> Result<Backend, i32> {
    let wanted = std::env::var("WS2MP_OVERLAPPED_ENGINE").unwrap_or_default();
    #[cfg(target_os = "linux")]
    if wanted != "readiness" {
        match crate::sys::uring::Ring::new(1024) {
            Ok(ring) => {
                crate::log::debug(format_args!("overlapped engine: io_uring"));
                return Ok(Backend::Uring(Box::new(ring)));
            }
            Err(e) => crate::log::debug(format_args!(
                "overlapped engine: io_uring not available (errno {e}); using epoll"
            )),
        }
    }
    let _ = wanted;
    let poller = Poller::new()?;
    let signal = Signal::new()?;
    poller.add(signal.raw_fd(), KICK, sys::interest::READ)?;
    Ok(Backend::Readiness(poller, signal))
}

/// Whether a report disarms the socket (io_uring's one-shot polls): it must then be armed
/// again for what still waits.
pub(super) fn one_shot() -> bool {
    match engine().map(|e| &e.backend) {
        #[cfg(target_os = "linux")]
        Some(Backend::Uring(_)) => true,
        _ => false,
    }
}

fn engine() -> Option<&'static Engine> {
    ENGINE
        .get_or_init(|| {
            let backend = match backend() {
                Ok(b) => b,
                Err(e) => {
                    crate::log::error(format_args!("overlapped engine: no poller (errno {e})"));
                    return None;
                }
            };
            let spawned = std::thread::Builder::new()
                .name("ws2mp-overlapped".into())
                .spawn(run);
            if let Err(e) = spawned {
                crate::log::error(format_args!("overlapped engine: no thread ({e})"));
                return None;
            }
            crate::handle::apc::set_self_reap(ops::self_reap);
            Some(Engine { backend })
        })
        .as_ref()
}

static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();

impl Engine {
    /// Takes the reports (waiting for them with `block`) and retries the ready sockets.
    fn reap(&self, block: bool) {
        /// Readiness reports, and the results of receives the kernel performed.
        type Reports = (Vec<(u64, sys::Ready)>, Vec<(u64, i32)>);
        thread_local! {
            static REPORTS: std::cell::RefCell<Reports> =
                std::cell::RefCell::new((Vec::with_capacity(64), Vec::new()));
        }
        REPORTS.with(|r| {
            let (reports, received) = &mut *r.borrow_mut();
            reports.clear();
            received.clear();
            let waited = match &self.backend {
                Backend::Readiness(p, _) => p.wait(reports, if block { -1 } else { 0 }),
                #[cfg(target_os = "linux")]
                Backend::Uring(r) => r.wait(reports, received, block),
            };
            if let Err(e) = waited {
                crate::log::error(format_args!("overlapped engine: wait failed (errno {e})"));
                std::thread::sleep(std::time::Duration::from_millis(10));
                return;
            }
            for &(token, bits) in reports.iter() {
                if token == KICK {
                    match &self.backend {
                        Backend::Readiness(_, signal) => signal.clear(),
                        #[cfg(target_os = "linux")]
                        Backend::Uring(_) => {}
                    }
                } else if let Some(ops) = ops::lookup(token) {
                    ops.on_ready(bits);
                }
            }
            for &(token, result) in received.iter() {
                if let Some(ops) = ops::lookup(token) {
                    ops.on_received(result);
                }
            }
        });
    }

    /// Wakes the background thread out of its wait.
    fn kick(&self) {
        match &self.backend {
            Backend::Readiness(_, signal) => signal.raise(),
            #[cfg(target_os = "linux")]
            Backend::Uring(r) => r.kick(),
        }
    }

    fn raw_fd(&self) -> sys::Fd {
        match &self.backend {
            Backend::Readiness(p, _) => p.raw_fd(),
            #[cfg(target_os = "linux")]
            Backend::Uring(r) => r.raw_fd(),
        }
    }
}

/// The background thread: reaps while no waiting thread does.
fn run() {
    // The OnceLock is being initialised by the thread that spawned us: wait for it.
    let engine = loop {
        match ENGINE.get() {
            Some(Some(e)) => break e,
            Some(None) => return,
            None => std::thread::yield_now(),
        }
    };
    loop {
        {
            let mut idle = IDLE.lock();
            while WANTED.load(SeqCst) > 0 {
                RESUME.wait(&mut idle);
            }
        }
        // Announced before taking the lock: a thread that finds the lock taken then knows to
        // wake us and wait for it.
        BACKGROUND_REAPING.store(true, SeqCst);
        let guard = REAP.lock();
        if WANTED.load(SeqCst) == 0 {
            if ops::any_deferred() {
                // Sockets left to threads in `SleepEx`: look regularly for threads that
                // stopped sleeping there and watch their sockets instead.
                let mut fds = [libc::pollfd {
                    fd: engine.raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                }];
                if sys::poll(&mut fds, GRACE_MS).unwrap_or(0) > 0 {
                    engine.reap(false);
                }
                ops::expire(false);
            } else {
                engine.reap(true);
            }
        }
        BACKGROUND_REAPING.store(false, SeqCst);
        drop(guard);
    }
}

/// How often the reaper looks for threads that left `SleepEx` with sockets left to them
/// (`ops::expire`): such a socket is watched by the engine again within two of these.
const GRACE_MS: i32 = 5;

/// Whether the engine runs (it then also serves threads that reap their own sockets).
pub(super) fn available() -> bool {
    engine().is_some()
}

/// Wakes the background reaper (it then notices sockets left to sleeping threads).
pub(super) fn kick_reaper() {
    if BACKGROUND_REAPING.load(SeqCst) {
        if let Some(engine) = engine() {
            engine.kick();
        }
    }
}

/// Polls `sockets` (each for its interest) and `wake` until one is ready or `until`; appends
/// the ready sockets with their readiness to `out`. Whether `wake` was readable.
pub(super) fn poll_sockets(
    sockets: &[(std::sync::Arc<ops::Ops>, sys::Interest)],
    wake: sys::Fd,
    until: Option<Instant>,
    out: &mut Vec<(std::sync::Arc<ops::Ops>, sys::Ready)>,
) -> bool {
    let timeout = until.map_or(-1, |d| {
        let left = d.saturating_duration_since(Instant::now());
        left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
    });
    let mut fds: Vec<(sys::Fd, sys::Interest)> = sockets
        .iter()
        .map(|(ops, wanted)| (ops.socket.fd(), *wanted))
        .collect();
    fds.push((wake, sys::interest::READ));
    let mut ready = Vec::with_capacity(fds.len());
    if !sys::poll_ready(&fds, timeout, &mut ready) {
        return false;
    }
    for (bits, (ops, _)) in ready.iter().zip(sockets) {
        if !bits.is_empty() {
            out.push((ops.clone(), *bits));
        }
    }
    ready.last().is_some_and(|w| !w.is_empty())
}

/// The lead of a thread that reaps the engine while it waits for its port.
pub(crate) struct Lead {
    _reap: MutexGuard<'static, ()>,
}

impl Drop for Lead {
    fn drop(&mut self) {
        if WANTED.fetch_sub(1, SeqCst) == 1 {
            let _idle = IDLE.lock();
            RESUME.notify_one();
        }
    }
}

impl crate::handle::port::Reaping for Lead {
    fn reap(&self, wake: sys::Fd, until: Option<Instant>) -> bool {
        Lead::reap(self, wake, until)
    }
}

impl Lead {
    /// The engine's reaping for a waiting thread: None when another waiting thread reaps (the
    /// caller then sleeps as a follower). Takes the lead from the background thread.
    pub(crate) fn take() -> Option<Lead> {
        let engine = engine()?;
        WANTED.fetch_add(1, SeqCst);
        let guard = match REAP.try_lock() {
            Some(g) => Some(g),
            // The background thread leaves at once when kicked; bounded, in case it was only
            // queued behind another waiting thread's lead (then this thread follows).
            None if BACKGROUND_REAPING.load(SeqCst) => {
                engine.kick();
                REAP.try_lock_for(std::time::Duration::from_millis(50))
            }
            None => None,
        };
        match guard {
            Some(g) => Some(Lead { _reap: g }),
            None => {
                if WANTED.fetch_sub(1, SeqCst) == 1 {
                    let _idle = IDLE.lock();
                    RESUME.notify_one();
                }
                None
            }
        }
    }

    /// Waits until the engine has reports, `wake` (the port's descriptor) is readable, or
    /// `until`; retries the ready sockets. Whether `wake` was readable.
    pub(crate) fn reap(&self, wake: sys::Fd, until: Option<Instant>) -> bool {
        let Some(engine) = engine() else {
            return false;
        };
        let mut timeout = until.map_or(-1, |d| {
            let left = d.saturating_duration_since(Instant::now());
            left.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
        });
        let deferred = ops::any_deferred();
        if deferred && !(0..=GRACE_MS).contains(&timeout) {
            timeout = GRACE_MS;
        }
        let mut fds = [
            libc::pollfd {
                fd: engine.raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: wake,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        if sys::poll(&mut fds, timeout).is_err() {
            return false;
        }
        if fds[0].revents != 0 {
            engine.reap(false);
        }
        if deferred {
            ops::expire(false);
        }
        fds[1].revents != 0
    }
}

/// Asks the kernel to receive into `target` from `socket` by itself (the io_uring backend);
/// its result reaches `Ops::on_received`. False when it cannot (the readiness backend, or the
/// ring refused): the caller waits for readiness instead.
pub(super) fn receive_in_kernel(socket: &Socket, target: sys::userbuf::ReceiveTarget) -> bool {
    match engine().map(|e| &e.backend) {
        #[cfg(target_os = "linux")]
        Some(Backend::Uring(ring)) => match ring.receive(socket.fd(), target, socket.token()) {
            Ok(()) => true,
            Err(e) => {
                crate::log::warn(format_args!(
                    "overlapped engine: cannot hand a receive on socket {} to the kernel (errno {e})",
                    socket.fd()
                ));
                false
            }
        },
        _ => {
            let _ = (socket, target);
            false
        }
    }
}

/// Cancels the receive [`receive_in_kernel`] asked for on `socket`; its report follows.
pub(super) fn cancel_in_kernel(socket: &Socket) {
    #[cfg(target_os = "linux")]
    if let Some(Backend::Uring(ring)) = engine().map(|e| &e.backend) {
        if let Err(e) = ring.cancel_receive(socket.token()) {
            crate::log::error(format_args!(
                "overlapped engine: cannot cancel a receive on socket {} (errno {e})",
                socket.fd()
            ));
        }
    }
    let _ = socket;
}

/// Changes what `socket` is registered for, from `old` to `wanted` (`sys::interest` bits; 0:
/// not registered).
pub(super) fn register(socket: &Socket, old: sys::Interest, wanted: sys::Interest) {
    let Some(engine) = engine() else {
        return;
    };
    let fd = socket.fd();
    let result = match &engine.backend {
        Backend::Readiness(poller, _) => match (old, wanted) {
            (o, w) if o.is_empty() && w.is_empty() => Ok(()),
            (o, w) if o.is_empty() => poller.add(fd, socket.token(), w),
            (o, w) if w.is_empty() => poller.delete(fd, o),
            (o, w) => poller.modify(fd, socket.token(), o, w),
        },
        // A poll already asked for covers what it asked for; one more is asked for a new
        // direction (a report for a direction with nothing left to do is harmless). The
        // caller treats a report as disarming everything ([`one_shot`]).
        #[cfg(target_os = "linux")]
        Backend::Uring(ring) => match (old, wanted) {
            (o, w) if o.is_empty() && w.is_empty() => Ok(()),
            (_, w) if w.is_empty() => ring.poll_remove(socket.token()),
            (o, w) if !w.difference(o).is_empty() => ring.poll_add(fd, socket.token(), w),
            _ => Ok(()),
        },
    };
    if let Err(e) = result {
        crate::log::warn(format_args!(
            "overlapped engine: cannot watch socket {fd} (errno {e})"
        ));
    }
}
