//! Named events, mutexes and semaphores shared between processes, as on Windows.
//!
//! A named object's state lives in a page of the POSIX shared-memory object
//! `/ws2mp-sync-<name>` (`sys::shared_sync::SyncWords`, atomics only) that every process using
//! the name maps. Each change is an atomic operation on that page (a compare-and-swap for a
//! semaphore's count, a mutex's owner, an auto-reset event's signal), then a bump of the page's
//! sequence word and a futex wake on it. In every process a watcher thread per object sleeps on
//! that word and mirrors the shared state into the object's local [`EventObject`] (signalled
//! while the object can be taken), so the waits of `crate::handle::wait` work unchanged: they
//! wake on the local event and acquire with the atomic operation, which settles races between
//! processes; a waiter that loses one mirrors the state again and sleeps.
//!
//! Lifetime follows `crate::handle::section`: every process holding the object keeps a shared
//! `flock` on it; the one that finds no other holder when its object goes (its last handle
//! closed, or the process exiting) removes the name. A name nobody holds (left by a process that
//! crashed) is made afresh. The maker fills the page in under an exclusive lock, so nobody sees
//! it half made. Letting go never waits: the lock is tried, not waited for, and the watcher is
//! told to stop but not waited for, so neither `CloseHandle` nor exit can hang on another
//! process or on the watcher.
//!
//! A mutex's owner is `pid << 32 | thread id`. A thread that ends owning it abandons it (as for
//! a local mutex); a process that ends owning it is noticed by the watchers, which look at the
//! owner's liveness every [`LIVENESS_CHECK`] while another process owns it, and by a wait that
//! finds it owned: the next acquisition reports `WAIT_ABANDONED`.

use super::{codes, err, thread, Acquired, Kind, Object};
use crate::error::{WsaError, WsaResult};
use crate::event::object::EventObject;
use crate::sys::shared_memory as shm;
use crate::sys::shared_sync::{self as sys_sync, Page, SyncWords};
use parking_lot::Mutex;
use std::ffi::CString;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

const EVENT_MANUAL: u32 = 1;
const EVENT_AUTO: u32 = 2;
const MUTEX: u32 = 3;
const SEMAPHORE: u32 = 4;

/// A mutex's owner word when its owner ended without releasing it.
const ABANDONED: u64 = u64::MAX;

/// How often a watcher checks that the process owning a mutex still runs.
const LIVENESS_CHECK: Duration = Duration::from_millis(20);

/// How long `PulseEvent` waits for the waiters of the moment (in any process) to leave.
const SETTLE_WITHIN: Duration = Duration::from_millis(200);

const ONE_PULSE: u64 = 1 << 32;
const WAITERS: u64 = ONE_PULSE - 1;

/// What a new shared object starts as.
#[derive(Clone, Copy)]
pub(crate) enum Init {
    Event { auto_reset: bool, signalled: bool },
    Mutex,
    Semaphore { initial: i32, max: i32 },
}

/// Which kinds of object a call accepts under a name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    Event,
    Mutex,
    Semaphore,
}

impl Want {
    fn accepts(self, kind: u32) -> bool {
        match self {
            Want::Event => kind == EVENT_MANUAL || kind == EVENT_AUTO,
            Want::Mutex => kind == MUTEX,
            Want::Semaphore => kind == SEMAPHORE,
        }
    }
}

impl Init {
    fn kind(self) -> u32 {
        match self {
            Init::Event {
                auto_reset: false, ..
            } => EVENT_MANUAL,
            Init::Event { .. } => EVENT_AUTO,
            Init::Mutex => MUTEX,
            Init::Semaphore { .. } => SEMAPHORE,
        }
    }

    fn want(self) -> Want {
        match self {
            Init::Event { .. } => Want::Event,
            Init::Mutex => Want::Mutex,
            Init::Semaphore { .. } => Want::Semaphore,
        }
    }

    fn fill(self, w: &SyncWords) {
        let (state, max) = match self {
            Init::Event { signalled, .. } => (u32::from(signalled), 0),
            Init::Mutex => (0, 0),
            Init::Semaphore { initial, max } => (initial as u32, max as u32),
        };
        w.state.store(state, SeqCst);
        w.max.store(max, SeqCst);
        w.owner.store(0, SeqCst);
        w.recursion.store(0, SeqCst);
        w.owed.store(0, SeqCst);
        w.waiters_and_pulses.store(0, SeqCst);
        w.kind.store(self.kind(), SeqCst);
    }
}

/// This process's use of a shared object.
pub(crate) struct Shared {
    page: Page,
    name: CString,
    /// Serialises mirroring the shared state into the local event.
    mirror: Mutex<()>,
    stop: AtomicBool,
    /// This process has let go of the object ([`Shared::let_go`] runs once).
    gone: AtomicBool,
    /// This process made the object (where the system cannot lock shared memory, the maker
    /// removes the name when it lets go, as for file mappings).
    made: bool,
}

impl Drop for Shared {
    fn drop(&mut self) {
        self.let_go();
    }
}

impl Shared {
    /// Ends this process's use of the object: removes the name if no other process holds it,
    /// then drops the lock. Once only, and never waits (the lock is tried, not waited for), so
    /// that `CloseHandle` and the exit handler cannot block. A page the watcher still maps
    /// for a moment carries no lock.
    fn let_go(&self) {
        if self.gone.swap(true, SeqCst) {
            return;
        }
        let last = shm::unused_elsewhere(self.page.fd()).unwrap_or(self.made);
        if last && names_this(&self.name, &self.page) {
            let _ = shm::remove(&self.name);
        }
        let _ = shm::release(self.page.fd());
    }
}

/// The shared objects this process holds, let go of when it exits (as Windows closes a
/// process's handles), so that a program ending without `CloseHandle` leaves no name behind.
static LIVE: Mutex<Vec<std::sync::Weak<Shared>>> = Mutex::new(Vec::new());

fn remember(shared: &Arc<Shared>) {
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        REGISTERED_BY.store(std::process::id(), SeqCst);
        sys_sync::at_exit(let_go_all);
    });
    let mut live = LIVE.lock();
    live.retain(|w| w.strong_count() > 0);
    live.push(Arc::downgrade(shared));
}

/// The process that registered [`let_go_all`] (a child made by `fork` inherits the handler, not
/// the objects: its locks are its parent's).
static REGISTERED_BY: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

extern "C" fn let_go_all() {
    if REGISTERED_BY.load(SeqCst) != std::process::id() {
        return;
    }
    let live: Vec<Arc<Shared>> = LIVE
        .lock()
        .iter()
        .filter_map(std::sync::Weak::upgrade)
        .collect();
    for shared in live {
        shared.let_go();
    }
}

/// Whether `name` still names the object `page` maps.
fn names_this(name: &CString, page: &Page) -> bool {
    use crate::sys::file_stat::stat;
    match shm::open(name, false) {
        Ok((fd, _)) => matches!(
            (stat(fd.as_raw_fd()), stat(page.fd())),
            (Ok(x), Ok(y)) if x.dev == y.dev && x.ino == y.ino
        ),
        Err(_) => false,
    }
}

fn sys_error(errno: i32) -> WsaError {
    err(match errno {
        libc::ENOENT => codes::ERROR_FILE_NOT_FOUND,
        libc::EACCES | libc::EPERM => codes::ERROR_ACCESS_DENIED,
        _ => codes::ERROR_NOT_ENOUGH_MEMORY,
    })
}

/// Opens the shared object `name` (`plain`, without session prefix), or with `init` makes it
/// if no process holds it. Returns it and whether it existed. Another kind of object of that
/// name → `ERROR_INVALID_HANDLE`; none and no `init` → `ERROR_FILE_NOT_FOUND`.
fn attach(name: &str, want: Want, init: Option<Init>) -> WsaResult<(Shared, bool)> {
    let system = shm::sync_object_name(name);
    // The name can be removed under us by its last user letting go, or (where shared memory
    // cannot be locked) be still in the making: then try again.
    for _ in 0..RETRIES {
        let (fd, made) = shm::open(&system, init.is_some()).map_err(sys_error)?;
        let raw = fd.as_raw_fd();
        // Holding it exclusively means nobody else uses it: new, or left by a crashed process.
        // Where the system cannot lock shared memory, only its maker makes it.
        let fresh = if made {
            match shm::unused_elsewhere(raw) {
                Ok(true) | Err(_) => true,
                Ok(false) => {
                    let _ = shm::hold(raw);
                    false
                }
            }
        } else {
            let _ = shm::hold(raw);
            match shm::unused_elsewhere(raw) {
                Ok(true) => true,
                Ok(false) => {
                    // A refused upgrade may have dropped the shared lock: take it again.
                    let _ = shm::hold(raw);
                    false
                }
                Err(_) => false,
            }
        };
        let Some(init) = init.filter(|_| fresh || made) else {
            if fresh {
                // Stale: nobody holds it (or it was just let go).
                let page_fd = fd;
                if names_this_fd(&system, page_fd.as_raw_fd()) {
                    let _ = shm::remove(&system);
                }
                return Err(err(codes::ERROR_FILE_NOT_FOUND));
            }
            let Some(page) = ready(fd) else { continue };
            if !want.accepts(page.words().kind.load(SeqCst)) {
                return Err(err(codes::ERROR_INVALID_HANDLE));
            }
            if !names_this(&system, &page) {
                continue;
            }
            return Ok((shared(page, system, false), true));
        };
        if !fresh {
            // Made by this call, but another process got hold of it first: it made it.
            let Some(page) = ready(fd) else { continue };
            if !init.want().accepts(page.words().kind.load(SeqCst)) {
                return Err(err(codes::ERROR_INVALID_HANDLE));
            }
            if !names_this(&system, &page) {
                continue;
            }
            return Ok((shared(page, system, false), true));
        }
        let page = Page::map(fd, true).map_err(sys_error)?;
        init.fill(page.words());
        // Downgrade to a shared hold: others may now use it.
        let _ = shm::hold(page.fd());
        if !names_this(&system, &page) {
            continue;
        }
        return Ok((shared(page, system, true), false));
    }
    Err(err(codes::ERROR_INVALID_HANDLE))
}

/// How many times [`attach`] tries (a millisecond apart while an object is in the making).
const RETRIES: u32 = 200;

/// The page of an object another process made, once it is filled in (None: not yet, after a
/// millisecond's pause; where shared memory can be locked, its maker's exclusive lock has
/// already made us wait, so only a name of another kind of object stays unfilled).
fn ready(fd: std::os::fd::OwnedFd) -> Option<Page> {
    match Page::map(fd, false) {
        Ok(page) if page.words().kind.load(SeqCst) != 0 => Some(page),
        _ => {
            std::thread::sleep(Duration::from_millis(1));
            None
        }
    }
}

fn names_this_fd(name: &CString, fd: i32) -> bool {
    use crate::sys::file_stat::stat;
    match shm::open(name, false) {
        Ok((other, _)) => matches!(
            (stat(other.as_raw_fd()), stat(fd)),
            (Ok(x), Ok(y)) if x.dev == y.dev && x.ino == y.ino
        ),
        Err(_) => false,
    }
}

fn shared(page: Page, name: CString, made: bool) -> Shared {
    Shared {
        page,
        name,
        made,
        mirror: Mutex::new(()),
        stop: AtomicBool::new(false),
        gone: AtomicBool::new(false),
    }
}

/// The shared side of an [`Object`]: stops its watcher and lets go of the object when dropped.
pub(crate) struct Link {
    shared: Arc<Shared>,
}

impl std::ops::Deref for Link {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl Drop for Link {
    /// Lets go of the object now and tells the watcher to end, without waiting for it: the
    /// watcher (detached) ends on its own at its next look at `stop`, dropping its hold on the
    /// mapping. Nothing here can block `CloseHandle`, nor a process's exit (or a child made by
    /// `fork`, which has the object but not the watcher thread).
    fn drop(&mut self) {
        self.shared.let_go();
        self.shared.stop.store(true, SeqCst);
        self.shared.bump();
    }
}

/// Creates (or, when a process holds the name, opens) the named shared object. Returns it and
/// whether it existed (`ERROR_ALREADY_EXISTS`).
pub(crate) fn create(name: &str, init: Init) -> WsaResult<(Arc<Object>, bool)> {
    let (shared, existed) = attach(name, init.want(), Some(init))?;
    let object = object(name, shared)?;
    Ok((object, existed))
}

/// Opens the named shared object another process holds.
pub(crate) fn open(name: &str, want: Want) -> WsaResult<Arc<Object>> {
    let (shared, _) = attach(name, want, None)?;
    object(name, shared)
}

fn object(name: &str, shared: Shared) -> WsaResult<Arc<Object>> {
    let kind = match shared.words().kind.load(SeqCst) {
        EVENT_MANUAL => Kind::Event { auto_reset: false },
        EVENT_AUTO => Kind::Event { auto_reset: true },
        MUTEX => Kind::Mutex(parking_lot::Mutex::new(super::sync::MutexState::default())),
        _ => Kind::Semaphore(parking_lot::Mutex::new(super::sync::SemaphoreState::new(
            0, 1,
        ))),
    };
    let event = Arc::new(EventObject::new()?);
    let shared = Arc::new(shared);
    remember(&shared);
    shared.mirror(&event);
    {
        let (shared, event) = (shared.clone(), event.clone());
        // Detached: see `Link`'s drop.
        std::thread::Builder::new()
            .name("ws2mp-shared".into())
            .spawn(move || watch(&shared, &event))
            .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    }
    let link = Link { shared };
    Ok(Arc::new(Object {
        event,
        kind,
        name: Some(name.to_string()),
        handles: std::sync::atomic::AtomicU32::new(0),
        gate: parking_lot::Mutex::new(()),
        pulses: super::pulse::Pulses::default(),
        shared: Some(link),
    }))
}

/// The watcher thread: mirrors the shared state into `event` after every change, and looks
/// after a mutex owned by another process that may have ended.
///
/// No wake-up can be lost: the futex wait compares the sequence word with the value read
/// *before* the state was mirrored and `stop` looked at, and every change (a `stop` too, see
/// [`Link`]'s drop) is made before the word is bumped. A bump between that read and the wait
/// makes the wait return at once. (Looking at `stop` before reading the word, as the loop once
/// did, lost the bump of a handle closed just after a `SetEvent`: the watcher slept on, and
/// `CloseHandle`, which then waited for it to end, never returned.)
fn watch(shared: &Shared, event: &EventObject) {
    loop {
        let seen = shared.mirror(event);
        if shared.stop.load(SeqCst) {
            return;
        }
        let foreign = shared.foreign_owner();
        let timeout = foreign.is_some().then_some(LIVENESS_CHECK);
        sys_sync::wait(&shared.words().seq, seen, timeout);
        if foreign.is_some() {
            shared.reap_dead_owner();
        }
    }
}

/// The calling thread as a mutex owner.
fn me() -> u64 {
    (u64::from(std::process::id()) << 32) | u64::from(thread::current_id())
}

impl Shared {
    fn words(&self) -> &SyncWords {
        self.page.words()
    }

    fn bump(&self) {
        let w = self.words();
        w.seq.fetch_add(1, SeqCst);
        sys_sync::wake(&w.seq);
    }

    /// Whether anybody could take the object now.
    fn available(&self) -> bool {
        let w = self.words();
        match w.kind.load(SeqCst) {
            MUTEX => matches!(w.owner.load(SeqCst), 0 | ABANDONED),
            _ => w.state.load(SeqCst) != 0,
        }
    }

    /// Makes `event` (the object's local event) signalled exactly while the object is
    /// available. Returns the sequence number the state was read at.
    pub(crate) fn mirror(&self, event: &EventObject) -> u32 {
        let _m = self.mirror.lock();
        loop {
            let seq = self.words().seq.load(SeqCst);
            if self.available() {
                event.set();
            } else {
                event.reset();
            }
            if self.words().seq.load(SeqCst) == seq {
                return seq;
            }
        }
    }

    /// The pid of the process owning the mutex, when not this one.
    fn foreign_owner(&self) -> Option<u32> {
        let w = self.words();
        if w.kind.load(SeqCst) != MUTEX {
            return None;
        }
        let owner = w.owner.load(SeqCst);
        let pid = (owner >> 32) as u32;
        (owner != 0 && owner != ABANDONED && pid != std::process::id()).then_some(pid)
    }

    /// A mutex owned by a process that has ended is abandoned.
    fn reap_dead_owner(&self) {
        let w = self.words();
        let owner = w.owner.load(SeqCst);
        let pid = (owner >> 32) as u32;
        if owner == 0 || owner == ABANDONED || pid == std::process::id() {
            return;
        }
        if !sys_sync::process_alive(pid)
            && w.owner
                .compare_exchange(owner, ABANDONED, SeqCst, SeqCst)
                .is_ok()
        {
            self.bump();
        }
    }

    /// Whether the calling thread could take the object now.
    pub(crate) fn looks_acquirable(&self) -> bool {
        let w = self.words();
        match w.kind.load(SeqCst) {
            MUTEX => {
                let owner = w.owner.load(SeqCst);
                owner == 0 || owner == ABANDONED || owner == me()
            }
            _ => w.state.load(SeqCst) != 0,
        }
    }

    /// Takes the object for the calling thread if it can be taken now.
    pub(crate) fn acquire(&self, event: &EventObject) -> Option<Acquired> {
        let got = self.take();
        if got.is_none() {
            self.mirror(event);
        }
        got
    }

    fn take(&self) -> Option<Acquired> {
        let w = self.words();
        match w.kind.load(SeqCst) {
            EVENT_MANUAL => (w.state.load(SeqCst) != 0).then_some(Acquired::Yes),
            EVENT_AUTO => {
                let taken = w.state.compare_exchange(1, 0, SeqCst, SeqCst).is_ok();
                taken.then_some(Acquired::Yes)
            }
            SEMAPHORE => {
                let mut count = w.state.load(SeqCst);
                loop {
                    if count == 0 {
                        return None;
                    }
                    match w.state.compare_exchange(count, count - 1, SeqCst, SeqCst) {
                        Ok(_) => return Some(Acquired::Yes),
                        Err(now) => count = now,
                    }
                }
            }
            _ => {
                let me = me();
                loop {
                    let owner = w.owner.load(SeqCst);
                    if owner == me {
                        w.recursion.fetch_add(1, SeqCst);
                        return Some(Acquired::Yes);
                    }
                    let abandoned = match owner {
                        0 => false,
                        ABANDONED => true,
                        _ => {
                            if self.foreign_owner().is_some() {
                                self.reap_dead_owner();
                                if w.owner.load(SeqCst) == ABANDONED {
                                    continue;
                                }
                            }
                            return None;
                        }
                    };
                    if w.owner.compare_exchange(owner, me, SeqCst, SeqCst).is_ok() {
                        w.recursion.store(1, SeqCst);
                        return Some(if abandoned {
                            Acquired::Abandoned
                        } else {
                            Acquired::Yes
                        });
                    }
                }
            }
        }
    }

    /// Gives back what [`Shared::acquire`] took (a wait-all that could not take everything).
    pub(crate) fn undo(&self) {
        match self.words().kind.load(SeqCst) {
            EVENT_AUTO => self.set(),
            MUTEX => {
                let _ = self.release_mutex();
            }
            SEMAPHORE => {
                let _ = self.release_semaphore(1);
            }
            _ => {}
        }
    }

    /// `SetEvent`: a reset still owed by a pulse is dropped.
    pub(crate) fn set(&self) {
        self.words().owed.store(0, SeqCst);
        self.words().state.store(1, SeqCst);
        self.bump();
    }

    /// `ResetEvent`.
    pub(crate) fn reset(&self) {
        self.words().owed.store(0, SeqCst);
        self.words().state.store(0, SeqCst);
        self.bump();
    }

    /// `ReleaseMutex`.
    pub(crate) fn release_mutex(&self) -> WsaResult<()> {
        let w = self.words();
        if w.owner.load(SeqCst) != me() {
            return Err(err(codes::ERROR_NOT_OWNER));
        }
        if w.recursion.fetch_sub(1, SeqCst) == 1 {
            w.owner.store(0, SeqCst);
            self.bump();
        }
        Ok(())
    }

    /// Thread `thread_id` of this process is ending: a mutex it owns is abandoned.
    pub(crate) fn abandon_if_owned_by(&self, thread_id: u32) {
        let owner = (u64::from(std::process::id()) << 32) | u64::from(thread_id);
        let w = self.words();
        if w.owner
            .compare_exchange(owner, ABANDONED, SeqCst, SeqCst)
            .is_ok()
        {
            w.recursion.store(0, SeqCst);
            self.bump();
        }
    }

    /// `ReleaseSemaphore`: returns the previous count.
    pub(crate) fn release_semaphore(&self, n: i32) -> WsaResult<i32> {
        if n <= 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let w = self.words();
        let max = w.max.load(SeqCst) as i32;
        let mut prev = w.state.load(SeqCst);
        loop {
            let next = match (prev as i32).checked_add(n) {
                Some(c) if c <= max => c as u32,
                _ => return Err(err(codes::ERROR_TOO_MANY_POSTS)),
            };
            match w.state.compare_exchange(prev, next, SeqCst, SeqCst) {
                Ok(_) => break,
                Err(now) => prev = now,
            }
        }
        self.bump();
        Ok(prev as i32)
    }

    /// A thread starts waiting on this event: counted (in every process's view) until
    /// [`Shared::leave`]. Returns the number of pulses so far.
    pub(crate) fn enter(&self) -> u64 {
        self.words().waiters_and_pulses.fetch_add(1, SeqCst) >> 32
    }

    /// The thread's wait that began at pulse `entered` ends: the last waiter of a later pulse
    /// resets the event.
    pub(crate) fn leave(&self, entered: u64) {
        let w = self.words();
        let before = w.waiters_and_pulses.fetch_sub(1, SeqCst);
        if before >> 32 == entered {
            return;
        }
        let mut owed = w.owed.load(SeqCst);
        while owed > 0 {
            match w.owed.compare_exchange(owed, owed - 1, SeqCst, SeqCst) {
                Ok(_) => {
                    if owed == 1 {
                        w.state.store(0, SeqCst);
                        self.bump();
                    }
                    return;
                }
                Err(now) => owed = now,
            }
        }
    }

    /// `PulseEvent`: releases the waiters of the moment, in every process, then leaves the
    /// event not signalled. Returns when they have left their waits (an auto-reset event: when
    /// one took the signal), or after [`SETTLE_WITHIN`], the reset then left to the last of
    /// them (as for a local event; a waiter in a process killed in its wait stays counted, and
    /// pulses then leave the event signalled until `ResetEvent`).
    pub(crate) fn pulse(&self) {
        let w = self.words();
        let before = w.waiters_and_pulses.fetch_add(ONE_PULSE, SeqCst);
        let waiters = (before & WAITERS) as u32;
        w.owed.store(waiters, SeqCst);
        if waiters == 0 {
            w.state.store(0, SeqCst);
            self.bump();
            return;
        }
        w.state.store(1, SeqCst);
        self.bump();
        let auto_reset = w.kind.load(SeqCst) == EVENT_AUTO;
        let until = Instant::now() + SETTLE_WITHIN;
        loop {
            // Read before the check, so that a change after it ends the wait at once.
            let seq = w.seq.load(SeqCst);
            if w.owed.load(SeqCst) == 0 || (auto_reset && w.state.load(SeqCst) == 0) {
                break;
            }
            let Some(left) = until.checked_duration_since(Instant::now()) else {
                // A waiter still on its way out (a busy process) resets it when it leaves.
                return;
            };
            // Taking an auto-reset event's signal bumps nothing: look again within 1 ms.
            sys_sync::wait(&w.seq, seq, Some(left.min(Duration::from_millis(1))));
        }
        if auto_reset {
            w.owed.store(0, SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unique(tag: &str) -> String {
        format!("unit-{tag}-{}", std::process::id())
    }

    #[test]
    fn a_second_create_opens_the_same_object() {
        let name = unique("same");
        let (a, existed) = create(
            &name,
            Init::Event {
                auto_reset: true,
                signalled: false,
            },
        )
        .unwrap();
        assert!(!existed);
        let (b, existed) = create(&name, Init::Mutex)
            .map(|(o, e)| (Some(o), e))
            .unwrap_or((None, true));
        assert!(b.is_none() && existed, "another kind is refused");
        let (b, existed) = create(
            &name,
            Init::Event {
                auto_reset: false,
                signalled: true,
            },
        )
        .unwrap();
        assert!(existed);
        let sa = a.shared.as_ref().unwrap();
        let sb = b.shared.as_ref().unwrap();
        sa.set();
        assert_eq!(sb.acquire(&b.event), Some(Acquired::Yes));
        assert_eq!(sa.acquire(&a.event), None, "auto-reset: taken once");
        drop((a, b));
        assert_eq!(
            open(&name, Want::Event).err(),
            Some(err(codes::ERROR_FILE_NOT_FOUND)),
            "gone with its last user"
        );
    }

    #[test]
    fn the_watcher_ends_after_a_close_that_follows_a_set() {
        let name = unique("close");
        for _ in 0..100 {
            let (o, _) = create(
                &name,
                Init::Event {
                    auto_reset: true,
                    signalled: false,
                },
            )
            .unwrap();
            let watched = Arc::downgrade(&o.shared.as_ref().unwrap().shared);
            o.shared.as_ref().unwrap().set();
            let t = Instant::now();
            drop(o);
            assert!(
                t.elapsed() < Duration::from_secs(1),
                "a close does not wait"
            );
            while watched.strong_count() > 0 {
                assert!(t.elapsed() < Duration::from_secs(10), "the watcher ended");
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }

    #[test]
    fn semaphores_count_and_mutexes_recurse() {
        let name = unique("sem");
        let (s, _) = create(&name, Init::Semaphore { initial: 1, max: 2 }).unwrap();
        let sh = s.shared.as_ref().unwrap();
        assert_eq!(sh.release_semaphore(1), Ok(1));
        assert_eq!(
            sh.release_semaphore(1).err(),
            Some(err(codes::ERROR_TOO_MANY_POSTS))
        );
        assert!(sh.acquire(&s.event).is_some());
        assert!(sh.acquire(&s.event).is_some());
        assert!(sh.acquire(&s.event).is_none());
        assert!(!s.event.is_signalled(), "the local event follows");
        let name = unique("mutex");
        let (m, _) = create(&name, Init::Mutex).unwrap();
        let mh = m.shared.as_ref().unwrap();
        assert_eq!(mh.acquire(&m.event), Some(Acquired::Yes));
        assert_eq!(mh.acquire(&m.event), Some(Acquired::Yes));
        mh.release_mutex().unwrap();
        mh.release_mutex().unwrap();
        assert_eq!(mh.release_mutex().err(), Some(err(codes::ERROR_NOT_OWNER)));
        mh.acquire(&m.event);
        mh.abandon_if_owned_by(thread::current_id());
        assert_eq!(mh.acquire(&m.event), Some(Acquired::Abandoned));
    }
}
