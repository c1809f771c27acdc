//! This host's address, interface and route changes, for the notifications Windows programs
//! wait for: `WSAIoctl(SIO_ADDRESS_LIST_CHANGE)` and `FD_ADDRESS_LIST_CHANGE`,
//! `NotifyAddrChange` / `NotifyRouteChange`, `NotifyIpInterfaceChange` /
//! `NotifyUnicastIpAddressChange`.
//!
//! One process-wide thread reads the OS's change messages (`sys::net_watch`; where the watch
//! cannot be opened it compares the address list every second instead) and, for each change,
//! fires the one-shot *waiters* whose topic it matches (a pending ioctl or `NotifyAddrChange`
//! completes) and calls the *listeners* (the `Notify...Change2` callbacks), on that thread.

use crate::error::{WsaError, WsaResult};
use crate::sys::net_watch::{Change, Watch};
use parking_lot::{Condvar, Mutex};
use std::cell::Cell;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What a waiter waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Topic {
    /// The address list of a family (`AF_INET`, `AF_INET6`; 0: either).
    Addresses(i32),
    /// The routing table.
    Routes,
}

impl Topic {
    fn matches(self, change: &Change) -> bool {
        match (self, change) {
            (Topic::Addresses(want), Change::Address { family, .. }) => {
                want == 0 || *family == 0 || *family == want
            }
            (Topic::Routes, Change::Route { .. }) => true,
            _ => false,
        }
    }
}

type Fire = Box<dyn FnOnce() + Send>;

/// A `Notify...Change2` callback: called on the watch thread with each change.
pub(crate) type Listener = Arc<dyn Fn(&Change) + Send + Sync>;

/// Whether a waiter is still wanted (a cancelled request's is not).
pub(crate) type Alive = Box<dyn Fn() -> bool + Send>;

struct Waiter {
    id: u64,
    topic: Topic,
    fire: Fire,
    alive: Option<Alive>,
}

#[derive(Default)]
struct State {
    /// `Some(Ok)` once the watch thread runs; `Some(Err(errno))` if it could not start.
    started: Option<Result<(), i32>>,
    waiters: Vec<Waiter>,
    listeners: Vec<(u64, Listener)>,
    next: u64,
}

static STATE: Mutex<State> = Mutex::new(State {
    started: None,
    waiters: Vec::new(),
    listeners: Vec::new(),
    next: 1,
});
/// Signalled after waiters fire (the blocking waits watch their flag).
static FIRED: Condvar = Condvar::new();
/// Held while listeners run, so that removing one waits for a call in progress.
static DISPATCH: Mutex<()> = Mutex::new(());

thread_local! {
    /// The thread is running listeners (removing one from inside its call must not wait).
    static IN_DISPATCH: Cell<bool> = const { Cell::new(false) };
}

/// Starts the watch thread if it is not running: the OS's watch, or the comparing fallback.
fn start(st: &mut State) -> WsaResult<()> {
    if let Some(r) = st.started {
        return r.map_err(WsaError::from_errno);
    }
    let spawned = match Watch::open() {
        Ok(watch) => std::thread::Builder::new()
            .name("ws2mp-netwatch".into())
            .spawn(move || watch_loop(watch)),
        Err(_) => {
            let first = snapshot();
            std::thread::Builder::new()
                .name("ws2mp-netwatch".into())
                .spawn(move || compare_loop(first))
        }
    };
    let r = spawned.map(|_| ()).map_err(|_| libc::EAGAIN);
    st.started = Some(r);
    r.map_err(WsaError::from_errno)
}

fn watch_loop(watch: Watch) {
    let mut changes = Vec::new();
    loop {
        changes.clear();
        if watch.next(&mut changes).is_err() {
            // The watch broke: keep serving by comparing the address list.
            compare_loop(snapshot());
            return;
        }
        for c in &changes {
            dispatch(c);
        }
    }
}

fn snapshot() -> Vec<(IpAddr, u32)> {
    let mut v: Vec<(IpAddr, u32)> = crate::sys::interface_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|a| (a.addr, a.index))
        .collect();
    v.sort();
    v
}

fn family_of(ip: &IpAddr) -> i32 {
    if ip.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    }
}

/// The fallback: the address list compared every second; each address that came or went is a
/// change (routes and interfaces are not seen).
fn compare_loop(mut last: Vec<(IpAddr, u32)>) {
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = snapshot();
        for (list, other, removed) in [(&now, &last, false), (&last, &now, true)] {
            for (ip, index) in list.iter().filter(|e| !other.contains(e)) {
                dispatch(&Change::Address {
                    family: family_of(ip),
                    index: *index,
                    addr: Some(*ip),
                    removed,
                });
            }
        }
        last = now;
    }
}

/// Fires the waiters `change` matches, then calls the listeners.
fn dispatch(change: &Change) {
    let (fired, listeners) = {
        let mut st = STATE.lock();
        let (fired, kept): (Vec<Waiter>, Vec<Waiter>) = std::mem::take(&mut st.waiters)
            .into_iter()
            .partition(|w| w.topic.matches(change));
        st.waiters = kept;
        let listeners: Vec<Listener> = st.listeners.iter().map(|(_, l)| l.clone()).collect();
        (fired, listeners)
    };
    for w in fired {
        (w.fire)();
    }
    FIRED.notify_all();
    if listeners.is_empty() {
        return;
    }
    let _running = DISPATCH.lock();
    IN_DISPATCH.with(|d| d.set(true));
    for l in listeners {
        // A listener removed meanwhile is not called again.
        let live = STATE
            .lock()
            .listeners
            .iter()
            .any(|(_, x)| Arc::ptr_eq(x, &l));
        if live {
            l(change);
        }
    }
    IN_DISPATCH.with(|d| d.set(false));
}

/// Calls `fire` once, on the watch thread, at the next change of `topic`. Returns the
/// waiter's id for [`forget`].
pub(crate) fn on_next(topic: Topic, fire: Fire) -> WsaResult<u64> {
    register(topic, fire, None)
}

/// As [`on_next`], for a waiter that may stop being wanted without [`forget`] (an overlapped
/// request cancelled through its socket): waiters whose `alive` says no are dropped whenever
/// another one is added.
pub(crate) fn on_next_while(topic: Topic, fire: Fire, alive: Alive) -> WsaResult<u64> {
    register(topic, fire, Some(alive))
}

fn register(topic: Topic, fire: Fire, alive: Option<Alive>) -> WsaResult<u64> {
    let mut st = STATE.lock();
    start(&mut st)?;
    st.waiters
        .retain(|w| w.alive.as_ref().is_none_or(|alive| alive()));
    let id = st.next;
    st.next += 1;
    st.waiters.push(Waiter {
        id,
        topic,
        fire,
        alive,
    });
    Ok(id)
}

/// Removes a waiter that has not fired; false when it fired already (or never existed).
pub(crate) fn forget(id: u64) -> bool {
    let mut st = STATE.lock();
    let before = st.waiters.len();
    st.waiters.retain(|w| w.id != id);
    st.waiters.len() != before
}

/// Waits for the next change of `topic`; every 200 ms asks `keep_waiting`, and gives up with
/// `WSAEINTR` when it says no.
pub(crate) fn wait_next(topic: Topic, keep_waiting: impl Fn() -> bool) -> WsaResult<()> {
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let id = on_next(topic, Box::new(move || flag.store(true, Ordering::SeqCst)))?;
    let mut st = STATE.lock();
    loop {
        if done.load(Ordering::SeqCst) {
            return Ok(());
        }
        FIRED.wait_for(&mut st, Duration::from_millis(200));
        if done.load(Ordering::SeqCst) {
            return Ok(());
        }
        if !keep_waiting() {
            st.waiters.retain(|w| w.id != id);
            return Err(WsaError::WSAEINTR);
        }
    }
}

/// Adds a listener; returns its id for [`unlisten`].
pub(crate) fn listen(listener: Listener) -> WsaResult<u64> {
    let mut st = STATE.lock();
    start(&mut st)?;
    let id = st.next;
    st.next += 1;
    st.listeners.push((id, listener));
    Ok(id)
}

/// Removes a listener; once this returns it is not being called (unless this is called from
/// inside one of the calls). False when there was no such listener.
pub(crate) fn unlisten(id: u64) -> bool {
    let removed = {
        let mut st = STATE.lock();
        let before = st.listeners.len();
        st.listeners.retain(|(i, _)| *i != id);
        st.listeners.len() != before
    };
    if removed && !IN_DISPATCH.with(|d| d.get()) {
        drop(DISPATCH.lock());
    }
    removed
}

/// Runs `f` on a thread of its own, as listener `id` runs (the initial notification of
/// `NotifyIpInterfaceChange`): not at all once [`unlisten`] removed it, and [`unlisten`]
/// waits for it.
pub(crate) fn run_as_listener(id: u64, f: Box<dyn FnOnce() + Send>) -> WsaResult<()> {
    std::thread::Builder::new()
        .name("ws2mp-netnotify".into())
        .spawn(move || {
            let _running = DISPATCH.lock();
            if !STATE.lock().listeners.iter().any(|(i, _)| *i == id) {
                return;
            }
            IN_DISPATCH.with(|d| d.set(true));
            f();
            IN_DISPATCH.with(|d| d.set(false));
        })
        .map(|_| ())
        .map_err(|_| WsaError::WSAENOBUFS)
}
