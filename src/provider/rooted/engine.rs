//! The rooted provider's background thread (docs/PROTOCOL.md §8): one per process, started on
//! first use, stopped by the last `WSACleanup`.
//!
//! It owns one poller. Sessions register their descriptors (TCP listeners and links, and the
//! provider's end of a socket pair while a delivery is backlogged) under tokens that name the
//! session as the handler; the thread calls the handler for each report, and every session
//! periodically for timeouts and heartbeats. Program threads use the same poller to add or
//! change interest (epoll and kqueue are thread-safe for that).

use crate::error::{WsaError, WsaResult};
use crate::sys::{self, Fd, Poller, Signal};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

const WAKE_TOKEN: u64 = 0;
/// Size of the buffer every link read goes through.
pub(crate) const SCRATCH: usize = 256 * 1024;

/// Per-iteration context the engine thread lends to handlers.
pub struct Cx {
    pub scratch: Vec<u8>,
    /// Links with frames queued while processing one read (flushed together after it).
    pub dirty: Vec<u64>,
    pub now: Instant,
    /// Lent to a program thread that reads its socket's links itself (a receive that found
    /// the inbox empty): read each link once, and deliver without raising the token (the
    /// thread takes a message next).
    pub direct: bool,
}

thread_local! {
    /// The context program threads read links with (see `Cx::direct`), one per thread.
    static DIRECT: std::cell::RefCell<Option<Cx>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with this thread's direct-read context (see `Cx::direct`).
pub fn with_direct_cx<T>(f: impl FnOnce(&mut Cx) -> T) -> T {
    let fresh = || Cx {
        scratch: vec![0u8; super::config::DIRECT_SCRATCH],
        dirty: Vec::new(),
        now: Instant::now(),
        direct: true,
    };
    DIRECT.with(|slot| match slot.try_borrow_mut() {
        Ok(mut cx) => {
            let cx = cx.get_or_insert_with(fresh);
            cx.now = Instant::now();
            f(cx)
        }
        // Not expected (a receive does not re-enter one), but harmless.
        Err(_) => f(&mut fresh()),
    })
}

/// A session (or listener) that owns descriptors in the engine's poller.
pub trait Handler: Send + Sync {
    /// Readiness `bits` (`sys::ready`) for the registration `token`.
    fn ready(&self, token: u64, bits: u8, cx: &mut Cx);
    /// Periodic work (timeouts, heartbeats). Return false once nothing is left to do, and the
    /// handler is no longer ticked.
    fn tick(&self, cx: &mut Cx) -> bool;
}

pub struct Engine {
    poller: Poller,
    wake: Signal,
    next_token: AtomicU64,
    table: Mutex<HashMap<u64, Arc<dyn Handler>>>,
    tickers: Mutex<Vec<Weak<dyn Handler>>>,
    stopping: AtomicBool,
    pid: u32,
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

static ENGINE: Mutex<Option<Arc<Engine>>> = Mutex::new(None);

/// The process's engine, started if needed.
pub fn get() -> WsaResult<Arc<Engine>> {
    let mut slot = ENGINE.lock();
    if let Some(e) = slot.as_ref() {
        if e.pid == std::process::id() && !e.stopping.load(Ordering::Acquire) {
            return Ok(e.clone());
        }
        // A forked child: the parent's thread does not exist here. Start a fresh engine and
        // forget the inherited one (its descriptors belong to the parent's sessions).
        if e.pid != std::process::id() {
            std::mem::forget(slot.take());
        }
    }
    let engine = Arc::new(Engine::new()?);
    let runner = engine.clone();
    let handle = std::thread::Builder::new()
        .name("ws2mp-rmp".into())
        .spawn(move || runner.run())
        .map_err(|_| WsaError::WSAENOBUFS)?;
    *engine.thread.lock() = Some(handle);
    crate::log::debug(format_args!("rooted: engine started"));
    *slot = Some(engine.clone());
    Ok(engine)
}

/// Stops the engine (the last `WSACleanup`), after letting closing links flush for up to 1 s.
pub fn stop() {
    let engine = ENGINE.lock().take();
    let Some(engine) = engine else { return };
    if engine.pid != std::process::id() {
        std::mem::forget(engine);
        return;
    }
    engine.stopping.store(true, Ordering::Release);
    engine.wake.raise();
    let handle = engine.thread.lock().take();
    if let Some(h) = handle {
        let _ = h.join();
    }
    engine.table.lock().clear();
    engine.tickers.lock().clear();
    crate::log::debug(format_args!("rooted: engine stopped"));
}

impl Engine {
    fn new() -> WsaResult<Engine> {
        let map = |e| WsaError::from_errno(e);
        let poller = Poller::new().map_err(map)?;
        let wake = Signal::new().map_err(map)?;
        poller
            .add(wake.raw_fd(), WAKE_TOKEN, sys::interest::READ)
            .map_err(map)?;
        Ok(Engine {
            poller,
            wake,
            next_token: AtomicU64::new(1),
            table: Mutex::new(HashMap::new()),
            tickers: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
            pid: std::process::id(),
            thread: Mutex::new(None),
        })
    }

    pub fn new_token(&self) -> u64 {
        self.next_token.fetch_add(1, Ordering::Relaxed)
    }

    /// Registers `fd` under `token` with `interest`, handled by `handler`.
    pub fn register(
        &self,
        fd: Fd,
        token: u64,
        interest: u8,
        handler: Arc<dyn Handler>,
    ) -> WsaResult<()> {
        self.table.lock().insert(token, handler);
        if let Err(e) = self.poller.add(fd, token, interest) {
            self.table.lock().remove(&token);
            return Err(WsaError::from_errno(e));
        }
        Ok(())
    }

    /// Changes a registration's interest (`old` is what was registered).
    pub fn modify(&self, fd: Fd, token: u64, old: u8, new: u8) {
        let r = match (old, new) {
            (o, n) if o == n => Ok(()),
            (0, n) => self.poller.add(fd, token, n),
            (o, 0) => self.poller.delete(fd, o),
            (o, n) => self.poller.modify(fd, token, o, n),
        };
        if let Err(e) = r {
            crate::log::warn(format_args!(
                "rooted: poller update for fd {fd} failed: {}",
                WsaError::from_errno(e)
            ));
        }
    }

    /// Removes a registration (`interest` is what is registered, 0 if none).
    pub fn deregister(&self, fd: Fd, token: u64, interest: u8) {
        if interest != 0 {
            let _ = self.poller.delete(fd, interest);
        }
        self.table.lock().remove(&token);
    }

    /// Hands a registration to another handler (a link moving from a listener to a session).
    pub fn retarget(&self, token: u64, handler: Arc<dyn Handler>) {
        self.table.lock().insert(token, handler);
    }

    /// Ticks `handler` periodically while it lives and its `tick` returns true.
    pub fn add_ticker(&self, handler: Weak<dyn Handler>) {
        self.tickers.lock().push(handler);
    }

    fn run(self: Arc<Self>) {
        let tick = super::config::tick();
        let mut cx = Cx {
            scratch: vec![0u8; SCRATCH],
            dirty: Vec::new(),
            now: Instant::now(),
            direct: false,
        };
        let mut reports: Vec<(u64, u8)> = Vec::with_capacity(64);
        let mut next_tick = Instant::now() + tick;
        let mut stop_deadline: Option<Instant> = None;
        loop {
            let now = Instant::now();
            let timeout = next_tick.saturating_duration_since(now);
            reports.clear();
            if let Err(e) = self.poller.wait(&mut reports, ms(timeout)) {
                crate::log::error(format_args!(
                    "rooted: engine poll failed: {}",
                    WsaError::from_errno(e)
                ));
                sys::sleep_ms(10);
            }
            cx.now = Instant::now();
            for &(token, bits) in &reports {
                if token == WAKE_TOKEN {
                    self.wake.clear();
                    continue;
                }
                let handler = self.table.lock().get(&token).cloned();
                if let Some(h) = handler {
                    h.ready(token, bits, &mut cx);
                }
            }
            cx.now = Instant::now();
            if cx.now >= next_tick {
                self.tick_all(&mut cx);
                next_tick = cx.now + tick;
            }
            if self.stopping.load(Ordering::Acquire) {
                let deadline = *stop_deadline.get_or_insert(cx.now + Duration::from_secs(1));
                if self.table.lock().is_empty() || cx.now >= deadline {
                    break;
                }
                next_tick = next_tick.min(cx.now + Duration::from_millis(10));
            }
        }
    }

    fn tick_all(&self, cx: &mut Cx) {
        let handlers: Vec<Weak<dyn Handler>> = self.tickers.lock().clone();
        let mut finished = Vec::new();
        for (i, w) in handlers.iter().enumerate() {
            match w.upgrade() {
                Some(h) => {
                    if !h.tick(cx) {
                        finished.push(i);
                    }
                }
                None => finished.push(i),
            }
        }
        if !finished.is_empty() {
            let mut t = self.tickers.lock();
            // Handlers added meanwhile were appended after the snapshot: indices still hold.
            for &i in finished.iter().rev() {
                t.swap_remove(i);
            }
        }
    }
}

fn ms(d: Duration) -> i32 {
    d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
}
