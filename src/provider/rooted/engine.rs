//! The rooted provider's background thread (docs/PROTOCOL.md §8): one per process, started on
//! first use, stopped by the last `WSACleanup`.
//!
//! It owns one poller. Sessions register their descriptors (TCP listeners and links, and the
//! provider's end of a socket pair while a delivery is backlogged) under tokens that name the
//! session as the handler; the thread calls the handler for each report, and every session
//! periodically for timeouts and heartbeats. Program threads use the same poller to add or
//! change interest (epoll and kqueue are thread-safe for that).
//!
//! A handler that panics must not take the other sessions with it, nor leave its own
//! program threads waiting for an engine that will never answer. Every handler call runs
//! under `catch_unwind`; after a panic the engine asks the handler to fail everything it owns
//! (`Handler::fail`: its sockets report FD_CLOSE with `WSAECONNABORTED`, its blocked calls
//! return an error), removes whatever registrations of it are left, and goes on serving the
//! others. A panic in the loop itself restarts the loop.

use super::inbox::Inbox;
use crate::error::{WsaError, WsaResult};
use crate::sys::{self, Fd, Poller, Signal};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

const WAKE_TOKEN: u64 = 0;
/// Size of the buffer every link read goes through.
pub(crate) const SCRATCH: usize = 256 * 1024;

/// A map keyed by link tokens ([`Engine::new_token`]: distinct counter values, never chosen
/// by a peer), hashed by one multiplication instead of SipHash: a rooted message looks its
/// link up two or three times, and SipHash was ~5% of a round trip's instructions.
pub type TokenMap<V> = HashMap<u64, V, BuildHasherDefault<TokenHasher>>;

/// The hasher of [`TokenMap`] (Fibonacci hashing of the token).
#[derive(Default)]
pub struct TokenHasher(u64);

impl Hasher for TokenHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, token: u64) {
        self.0 = (self.0 ^ token).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

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
    /// Inboxes the engine's current round appended to: their tokens are raised together once
    /// every ready link of the round was read (`Engine::serve`), so that a program woken by
    /// the first finds the others ready too instead of waking once per socket.
    pub announce: Vec<Arc<Inbox>>,
}

/// Notes in `announce` (a `Cx::announce`) that `inbox` was appended to.
pub fn announce_later(announce: &mut Vec<Arc<Inbox>>, inbox: &Arc<Inbox>) {
    if !announce.last().is_some_and(|i| Arc::ptr_eq(i, inbox)) {
        announce.push(inbox.clone());
    }
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
        announce: Vec::new(),
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

/// Debug builds only, for tests: with `WS2MP_TEST_ENGINE_PANIC` set (read once), the engine
/// thread panics while it delivers a message whose payload is exactly that text, so that a
/// test can watch a session's handler fail. Release builds have no such hook.
#[cfg(debug_assertions)]
pub(crate) fn injected_panic(payload: &[u8], direct: bool) {
    static TRIGGER: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    let trigger = TRIGGER.get_or_init(|| {
        std::env::var("WS2MP_TEST_ENGINE_PANIC")
            .ok()
            .map(String::into_bytes)
    });
    if !direct && trigger.as_deref() == Some(payload) {
        panic!("WS2MP_TEST_ENGINE_PANIC: a panic injected into the engine");
    }
}

/// A session (or listener) that owns descriptors in the engine's poller.
pub trait Handler: Send + Sync {
    /// Readiness `bits` (`sys::ready`) for the registration `token`.
    fn ready(&self, token: u64, bits: sys::Ready, cx: &mut Cx);
    /// Periodic work (timeouts, heartbeats). Return false once nothing is left to do, and the
    /// handler is no longer ticked.
    fn tick(&self, cx: &mut Cx) -> bool;
    /// One of this handler's calls panicked, so its state cannot be trusted: end everything
    /// it owns with `code` (FD_CLOSE on its connections, an error for its blocked calls) and
    /// deregister its descriptors. It is never called again afterwards.
    fn fail(&self, code: i32);
}

/// The address of a handler, to find its registrations (vtable pointers are not compared).
fn addr_of(h: &Arc<dyn Handler>) -> *const () {
    Arc::as_ptr(h) as *const ()
}

/// What a panic said, for the log.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// A registration's descriptor and the handler its reports go to.
type Registration = (Fd, Arc<dyn Handler>);

pub struct Engine {
    poller: Poller,
    wake: Signal,
    next_token: AtomicU64,
    /// Registrations: token → (descriptor, handler).
    table: Mutex<TokenMap<Registration>>,
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
        let alive = e.thread.lock().as_ref().is_some_and(|t| !t.is_finished());
        if e.pid == std::process::id() && !e.stopping.load(Ordering::Acquire) && alive {
            return Ok(e.clone());
        }
        if e.pid == std::process::id() && !alive {
            // Not expected (the loop restarts itself after a panic): new sockets get a new
            // engine rather than one nobody serves.
            crate::log::error(format_args!(
                "rooted: the engine thread ended; starting another"
            ));
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
            table: Mutex::new(TokenMap::default()),
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
        interest: sys::Interest,
        handler: Arc<dyn Handler>,
    ) -> WsaResult<()> {
        self.table.lock().insert(token, (fd, handler));
        if let Err(e) = self.poller.add(fd, token, interest) {
            self.table.lock().remove(&token);
            return Err(WsaError::from_errno(e));
        }
        Ok(())
    }

    /// Changes a registration's interest (`old` is what was registered).
    pub fn modify(&self, fd: Fd, token: u64, old: sys::Interest, new: sys::Interest) {
        let r = match (old, new) {
            (o, n) if o == n => Ok(()),
            (o, n) if o.is_empty() => self.poller.add(fd, token, n),
            (o, n) if n.is_empty() => self.poller.delete(fd, o),
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
    pub fn deregister(&self, fd: Fd, token: u64, interest: sys::Interest) {
        if !interest.is_empty() {
            let _ = self.poller.delete(fd, interest);
        }
        self.table.lock().remove(&token);
    }

    /// Hands a registration to another handler (a link moving from a listener to a session).
    pub fn retarget(&self, token: u64, handler: Arc<dyn Handler>) {
        if let Some(entry) = self.table.lock().get_mut(&token) {
            entry.1 = handler;
        }
    }

    /// Ticks `handler` periodically while it lives and its `tick` returns true.
    pub fn add_ticker(&self, handler: Weak<dyn Handler>) {
        self.tickers.lock().push(handler);
    }

    /// The thread's body: the loop, restarted if it panics outside a handler.
    fn run(self: Arc<Self>) {
        loop {
            match catch_unwind(AssertUnwindSafe(|| self.serve())) {
                Ok(()) => return,
                Err(payload) => {
                    crate::log::error(format_args!(
                        "rooted: the engine loop panicked ({}); restarting it",
                        panic_text(&*payload)
                    ));
                    sys::sleep_ms(10);
                }
            }
        }
    }

    /// Runs one handler call under `catch_unwind`; after a panic the handler is failed and
    /// removed (see the module comment) and None is returned.
    fn guarded<T>(
        &self,
        h: &Arc<dyn Handler>,
        cx: &mut Cx,
        call: impl FnOnce(&dyn Handler, &mut Cx) -> T,
    ) -> Option<T> {
        match catch_unwind(AssertUnwindSafe(|| call(&**h, &mut *cx))) {
            Ok(v) => Some(v),
            Err(payload) => {
                crate::log::error(format_args!(
                    "rooted: a session's handler panicked ({}); its connections are aborted",
                    panic_text(&*payload)
                ));
                // Whatever the call had staged is not to be trusted either.
                cx.dirty.clear();
                self.remove_failed(h);
                None
            }
        }
    }

    /// Fails a handler that panicked, then drops every registration and ticker it still has.
    fn remove_failed(&self, h: &Arc<dyn Handler>) {
        let code = WsaError::WSAECONNABORTED.0;
        let failed_cleanly = match catch_unwind(AssertUnwindSafe(|| h.fail(code))) {
            Ok(()) => true,
            Err(payload) => {
                crate::log::error(format_args!(
                    "rooted: failing a session after a panic panicked too ({})",
                    panic_text(&*payload)
                ));
                false
            }
        };
        let me = addr_of(h);
        {
            // What `fail` left in the table belongs to links the panic dropped while unwinding
            // (their descriptors are closed, so the poller forgot them, and their numbers may
            // already be reused: only the entries go). If `fail` panicked too, its descriptors
            // may still be open and registered: they leave the poller as well, or their
            // readiness would be reported forever. Under the table's lock, a descriptor that
            // is still open cannot be closed meanwhile (its owner deregisters first, which
            // waits for this lock).
            let mut table = self.table.lock();
            table.retain(|_, (fd, handler)| {
                if addr_of(handler) != me {
                    return true;
                }
                if !failed_cleanly {
                    let _ = self
                        .poller
                        .delete(*fd, sys::interest::READ | sys::interest::WRITE);
                }
                false
            });
        }
        self.tickers
            .lock()
            .retain(|w| w.as_ptr() as *const () != me);
    }

    fn serve(&self) {
        let tick = super::config::tick();
        let mut cx = Cx {
            scratch: vec![0u8; SCRATCH],
            dirty: Vec::new(),
            now: Instant::now(),
            direct: false,
            announce: Vec::new(),
        };
        let mut reports: Vec<(u64, sys::Ready)> = Vec::with_capacity(64);
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
                let handler = self.table.lock().get(&token).map(|e| e.1.clone());
                if let Some(h) = handler {
                    self.guarded(&h, &mut cx, |h, cx| h.ready(token, bits, cx));
                }
            }
            for inbox in cx.announce.drain(..) {
                inbox.announce();
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
        for w in &handlers {
            match w.upgrade() {
                Some(h) => {
                    if self.guarded(&h, cx, |h, cx| h.tick(cx)) != Some(true) {
                        finished.push(w.as_ptr() as *const ());
                    }
                }
                None => finished.push(w.as_ptr() as *const ()),
            }
        }
        if !finished.is_empty() {
            // By address: a failed handler's entries may have been removed meanwhile.
            self.tickers
                .lock()
                .retain(|w| !finished.contains(&(w.as_ptr() as *const ())));
        }
    }
}

fn ms(d: Duration) -> i32 {
    d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use parking_lot::Condvar;
    use std::sync::atomic::AtomicU32;

    /// A handler over a signal descriptor that counts its calls and may panic in them.
    struct Fake {
        signal: Signal,
        panic_in_ready: bool,
        panic_in_tick: bool,
        panic_in_fail: bool,
        /// Where it is registered, so that `fail` deregisters as a real session does.
        registration: Mutex<Option<(Weak<Engine>, u64)>>,
        readies: AtomicU32,
        failed: Mutex<Option<i32>>,
        woken: Condvar,
    }

    impl Fake {
        fn new(panic_in_ready: bool, panic_in_tick: bool) -> Arc<Fake> {
            Arc::new(Fake {
                signal: Signal::new().unwrap(),
                panic_in_ready,
                panic_in_tick,
                panic_in_fail: false,
                registration: Mutex::new(None),
                readies: AtomicU32::new(0),
                failed: Mutex::new(None),
                woken: Condvar::new(),
            })
        }

        /// What a program thread blocked on the session does: waits until it is failed.
        fn wait_failed(&self, within: Duration) -> Option<i32> {
            let mut failed = self.failed.lock();
            let deadline = Instant::now() + within;
            while failed.is_none() {
                if self.woken.wait_until(&mut failed, deadline).timed_out() {
                    break;
                }
            }
            *failed
        }
    }

    /// How long a test waits for a panicking handler to be failed: generous, because the panic
    /// hook prints a symbolised backtrace first, which under ThreadSanitizer took over 5 s.
    const FAIL_WITHIN: Duration = Duration::from_secs(60);

    impl Handler for Fake {
        fn ready(&self, _token: u64, _bits: sys::Ready, _cx: &mut Cx) {
            self.readies.fetch_add(1, Ordering::SeqCst);
            if self.panic_in_ready {
                // The signal stays raised: a registration left behind would be reported again
                // and again.
                panic!("injected panic in ready");
            }
            self.signal.clear();
        }

        fn tick(&self, _cx: &mut Cx) -> bool {
            if self.panic_in_tick {
                panic!("injected panic in tick");
            }
            true
        }

        fn fail(&self, code: i32) {
            *self.failed.lock() = Some(code);
            self.woken.notify_all();
            if self.panic_in_fail {
                panic!("injected panic in fail");
            }
            if let Some((engine, token)) = self.registration.lock().take() {
                if let Some(engine) = engine.upgrade() {
                    engine.deregister(self.signal.raw_fd(), token, sys::interest::READ);
                }
            }
        }
    }

    fn register(engine: &Arc<Engine>, fake: &Arc<Fake>) -> u64 {
        let token = engine.new_token();
        *fake.registration.lock() = Some((Arc::downgrade(engine), token));
        let h: Arc<dyn Handler> = fake.clone();
        engine
            .register(fake.signal.raw_fd(), token, sys::interest::READ, h)
            .unwrap();
        token
    }

    fn private_engine() -> (Arc<Engine>, std::thread::JoinHandle<()>) {
        let engine = Arc::new(Engine::new().unwrap());
        let runner = engine.clone();
        let thread = std::thread::spawn(move || runner.run());
        (engine, thread)
    }

    fn stop_private(engine: &Engine, thread: std::thread::JoinHandle<()>) {
        engine.stopping.store(true, Ordering::Release);
        engine.wake.raise();
        thread.join().unwrap();
    }

    fn wait_until(what: impl Fn() -> bool) -> bool {
        let deadline = Instant::now() + FAIL_WITHIN;
        while !what() {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        true
    }

    #[test]
    fn a_panicking_handler_is_failed_and_the_others_are_still_served() {
        let (engine, thread) = private_engine();
        let bad = Fake::new(true, false);
        let good = Fake::new(false, false);
        let bad_token = register(&engine, &bad);
        let good_token = register(&engine, &good);

        // A thread blocked on the bad session wakes with the error.
        let waiter = {
            let bad = bad.clone();
            std::thread::spawn(move || bad.wait_failed(FAIL_WITHIN))
        };
        bad.signal.raise();
        assert_eq!(
            waiter.join().unwrap(),
            Some(WsaError::WSAECONNABORTED.0),
            "the blocked waiter was woken by fail()"
        );
        assert!(
            wait_until(|| !engine.table.lock().contains_key(&bad_token)),
            "the failed handler's registration is gone"
        );
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(
            bad.readies.load(Ordering::SeqCst),
            1,
            "a failed handler is never called again (its raised descriptor left the poller)"
        );

        // The engine still serves the other session.
        good.signal.raise();
        assert!(wait_until(|| good.readies.load(Ordering::SeqCst) >= 1));
        assert!(good.failed.lock().is_none());
        assert!(!thread.is_finished());

        engine.deregister(good.signal.raw_fd(), good_token, sys::interest::READ);
        stop_private(&engine, thread);
    }

    #[test]
    fn a_handler_whose_fail_panics_too_leaves_the_poller() {
        let (engine, thread) = private_engine();
        let bad = Arc::new(Fake {
            panic_in_fail: true,
            ..Arc::into_inner(Fake::new(true, false)).unwrap()
        });
        let bad_token = register(&engine, &bad);
        bad.signal.raise();
        assert_eq!(
            bad.wait_failed(FAIL_WITHIN),
            Some(WsaError::WSAECONNABORTED.0)
        );
        assert!(wait_until(|| !engine.table.lock().contains_key(&bad_token)));
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(bad.readies.load(Ordering::SeqCst), 1);
        // Its descriptor left the poller: a raised signal is no longer reported at all.
        let mut reports = Vec::new();
        engine.poller.wait(&mut reports, 0).unwrap();
        assert!(!reports.iter().any(|&(t, _)| t == bad_token));
        assert!(!thread.is_finished());
        stop_private(&engine, thread);
    }

    #[test]
    fn a_handler_panicking_in_its_tick_is_failed() {
        let (engine, thread) = private_engine();
        let bad = Fake::new(false, true);
        let good = Fake::new(false, false);
        let weak: Weak<dyn Handler> = Arc::downgrade(&(bad.clone() as Arc<dyn Handler>));
        engine.add_ticker(weak);
        let weak: Weak<dyn Handler> = Arc::downgrade(&(good.clone() as Arc<dyn Handler>));
        engine.add_ticker(weak);
        assert_eq!(
            bad.wait_failed(FAIL_WITHIN),
            Some(WsaError::WSAECONNABORTED.0)
        );
        assert!(wait_until(|| engine.tickers.lock().len() == 1));
        assert!(good.failed.lock().is_none());
        assert!(!thread.is_finished());
        stop_private(&engine, thread);
    }
}
