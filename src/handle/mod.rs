//! Win32 kernel-object handles: events, threads, mutexes, semaphores and waitable timers behind
//! one `HANDLE`.
//!
//! Every waitable object carries an [`EventObject`] (the same object `WSACreateEvent` makes):
//! its signalled state is the object's "can be acquired" state (an event is set, a thread has
//! ended, a mutex is free, a semaphore's count is above zero, a timer is due), and waiting on any mix of objects
//! is the event wait of `crate::handle::wait`. So a thread handle, a mutex or a semaphore wakes a
//! waiter through the very same poller/futex path as an event that sockets are selected to, and
//! the waiting thread still harvests socket readiness itself (no extra thread on the wake-up
//! path). Kind-specific state (a mutex's owner, a semaphore's count) sits behind the object's own
//! lock; no lock is shared between objects.

pub(crate) mod apc;
pub mod console;
pub mod file;
pub(crate) mod file_locks;
pub(crate) mod file_share;
pub mod fls;
pub mod module;
pub mod port;
pub mod process;
pub(crate) mod pulse;
pub mod section;
pub mod service;
pub(crate) mod shared;
pub mod snapshot;
pub mod sync;
pub mod table;
pub mod thread;
pub mod timer;

pub(crate) mod events;
pub(crate) mod wait;

use crate::error::{WsaError, WsaResult};
use crate::event::object::EventObject;
use parking_lot::Mutex;
use std::sync::atomic::AtomicU32;
use std::sync::Arc;

/// Win32 error codes these calls set (the thread's last error is the Winsock one, as on
/// Windows).
pub(crate) mod codes {
    pub(crate) const ERROR_FILE_NOT_FOUND: i32 = 2;
    pub(crate) const ERROR_ACCESS_DENIED: i32 = 5;
    pub(crate) const ERROR_INVALID_HANDLE: i32 = 6;
    /// A structure or buffer smaller than the call needs (`dwSize`, a class's structure).
    pub(crate) const ERROR_BAD_LENGTH: i32 = 24;
    pub(crate) const ERROR_NOT_ENOUGH_MEMORY: i32 = 8;
    pub(crate) const ERROR_GEN_FAILURE: i32 = 31;
    pub(crate) const ERROR_INVALID_PARAMETER: i32 = 87;
    pub(crate) const ERROR_INSUFFICIENT_BUFFER: i32 = 122;
    pub(crate) const ERROR_MOD_NOT_FOUND: i32 = 126;
    pub(crate) const ERROR_PROC_NOT_FOUND: i32 = 127;
    pub(crate) const ERROR_SIGNAL_REFUSED: i32 = 156;
    pub(crate) const ERROR_ALREADY_EXISTS: i32 = 183;
    pub(crate) const ERROR_NOT_OWNER: i32 = 288;
    pub(crate) const ERROR_TOO_MANY_POSTS: i32 = 298;
    pub(crate) const ERROR_NOACCESS: i32 = 998;
    pub(crate) const ERROR_ABANDONED_WAIT_0: i32 = 735;
    pub(crate) const ERROR_NOT_FOUND: i32 = 1168;
    pub(crate) const WAIT_TIMEOUT: i32 = 258;
}

pub(crate) fn err(code: i32) -> WsaError {
    WsaError(code)
}

/// The object behind a handle value, pseudo-handles included: `GetCurrentThread()` is the
/// calling thread (if ws2mp started it; otherwise, like `GetCurrentProcess()`, an object that
/// is never signalled while the caller runs, which is what a wait on it sees on Windows).
pub fn lookup(handle: usize) -> WsaResult<Arc<Object>> {
    if handle == thread::CURRENT_THREAD {
        if let Some(me) = thread::current_object() {
            return Ok(me);
        }
    }
    if handle == thread::CURRENT_THREAD || handle == thread::CURRENT_PROCESS {
        static NEVER: std::sync::OnceLock<Arc<Object>> = std::sync::OnceLock::new();
        if let Some(never) = NEVER.get() {
            return Ok(never.clone());
        }
        let object = Object::new(Kind::Event { auto_reset: false }, None, false)?;
        return Ok(NEVER.get_or_init(|| object).clone());
    }
    table::get(handle)
}

/// Whether a handle value is one of the pseudo-handles (`GetCurrentThread()`,
/// `GetCurrentProcess()`), which need no closing.
pub fn is_pseudo(handle: usize) -> bool {
    handle == thread::CURRENT_THREAD || handle == thread::CURRENT_PROCESS
}

/// What a handle names.
pub enum Kind {
    /// `CreateEvent` / `WSACreateEvent` (always manual-reset).
    Event {
        auto_reset: bool,
    },
    Thread(thread::ThreadState),
    /// A child process (`CreateProcess`), signalled when it has ended.
    Process(process::ProcessState),
    Mutex(Mutex<sync::MutexState>),
    Semaphore(Mutex<sync::SemaphoreState>),
    /// `CreateWaitableTimer`: signalled by the timer thread when due (`timer`).
    Timer(timer::Timer),
    /// `CreateIoCompletionPort`: never signalled (wait on it with `GetQueuedCompletionStatus`).
    Port(Arc<port::Port>),
    /// `CreateFileMapping`: never signalled (its pages are reached through views).
    Section(Arc<section::Section>),
    /// `CreateToolhelp32Snapshot`: never signalled.
    Snapshot(snapshot::Snapshot),
}

/// A kernel object. Shared by every handle that names it (`OpenEvent`, a `CreateEvent` of an
/// existing name) and by whatever else keeps it alive (a running thread, selected sockets).
pub struct Object {
    /// The wake-up mechanism, signalled while the object can be acquired.
    pub event: Arc<EventObject>,
    pub kind: Kind,
    /// The name it was created with (`CreateEvent(..., "name")`), if any.
    pub name: Option<String>,
    /// Open handles naming this object.
    handles: AtomicU32,
    /// Serialises acquisition (wait-all takes the locks of all its objects, in address order).
    gate: Mutex<()>,
    /// An event's waiters and pulses (`PulseEvent`).
    pulses: pulse::Pulses,
    /// A named event, mutex or semaphore shared with other processes (`shared`): its state is
    /// there, and `event` mirrors it.
    shared: Option<shared::Link>,
}

/// How a successful acquisition went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquired {
    Yes,
    /// A mutex whose owner thread ended without releasing it (`WAIT_ABANDONED`).
    Abandoned,
}

impl Object {
    pub fn new(kind: Kind, name: Option<String>, signalled: bool) -> WsaResult<Arc<Object>> {
        let event = Arc::new(EventObject::new()?);
        if signalled {
            event.set();
        }
        Ok(Arc::new(Object {
            event,
            kind,
            name,
            handles: AtomicU32::new(0),
            gate: Mutex::new(()),
            pulses: pulse::Pulses::default(),
            shared: None,
        }))
    }

    /// Whether a wait-all may count on this object without blocking on it.
    fn looks_acquirable(&self) -> bool {
        if let Some(s) = &self.shared {
            return s.looks_acquirable();
        }
        match &self.kind {
            Kind::Mutex(m) => self.event.is_signalled() || m.lock().owned_by_me(),
            _ => self.event.is_signalled(),
        }
    }

    /// Takes the object for the calling thread if it can be taken now: consumes an auto-reset
    /// event's signal, takes a mutex (recursively), decrements a semaphore. Manual-reset events
    /// and threads are only looked at.
    pub fn try_acquire(&self) -> Option<Acquired> {
        if let Some(s) = &self.shared {
            let _gate = self.gate.lock();
            return s.acquire(&self.event);
        }
        if !self.looks_acquirable() {
            return None;
        }
        if let Kind::Event { auto_reset: false }
        | Kind::Thread(_)
        | Kind::Process(_)
        | Kind::Timer(timer::Timer { manual: true, .. }) = self.kind
        {
            // Only looked at: no state to change, no lock to take.
            return Some(Acquired::Yes);
        }
        let _gate = self.gate.lock();
        self.acquire_locked()
    }

    fn acquire_locked(&self) -> Option<Acquired> {
        if let Some(s) = &self.shared {
            return s.acquire(&self.event);
        }
        match &self.kind {
            Kind::Event { auto_reset: false } | Kind::Thread(_) | Kind::Process(_) => {
                self.event.is_signalled().then_some(Acquired::Yes)
            }
            Kind::Event { auto_reset: true } => self.event.try_consume().then_some(Acquired::Yes),
            Kind::Timer(t) if t.manual => self.event.is_signalled().then_some(Acquired::Yes),
            Kind::Timer(_) => self.event.try_consume().then_some(Acquired::Yes),
            Kind::Mutex(m) => m.lock().acquire(&self.event),
            Kind::Semaphore(s) => s.lock().acquire(&self.event).then_some(Acquired::Yes),
            // A completion port is signalled while packets are queued; the wait takes none.
            Kind::Port(_) => self.event.is_signalled().then_some(Acquired::Yes),
            Kind::Section(_) | Kind::Snapshot(_) => None,
        }
    }

    /// Gives back what `acquire_locked` took (a wait-all that could not take everything).
    fn undo_locked(&self) {
        if let Some(s) = &self.shared {
            return s.undo();
        }
        match &self.kind {
            Kind::Event { auto_reset: true } => self.event.set(),
            Kind::Timer(t) if !t.manual => self.event.set(),
            Kind::Mutex(m) => {
                let _ = m.lock().release(&self.event);
            }
            Kind::Semaphore(s) => {
                let _ = s.lock().release(1, &self.event);
            }
            _ => {}
        }
    }
}

/// Takes every object at once, or none (`bWaitAll`). The objects' gates are taken in address
/// order, so two wait-alls over overlapping sets cannot deadlock. Returns the index of an
/// abandoned mutex among them, if any.
pub fn try_acquire_all(objects: &[Arc<Object>]) -> Option<Option<usize>> {
    if !objects.iter().all(|o| o.looks_acquirable()) {
        return None;
    }
    let mut order: Vec<&Arc<Object>> = objects.iter().collect();
    order.sort_by_key(|o| Arc::as_ptr(o) as usize);
    order.dedup_by_key(|o| Arc::as_ptr(o) as usize);
    let _gates: Vec<_> = order.iter().map(|o| o.gate.lock()).collect();
    let mut taken: Vec<&Arc<Object>> = Vec::with_capacity(order.len());
    let mut abandoned = None;
    for o in &order {
        match o.acquire_locked() {
            Some(a) => {
                if a == Acquired::Abandoned && abandoned.is_none() {
                    abandoned = objects.iter().position(|x| Arc::ptr_eq(x, o));
                }
                taken.push(o);
            }
            None => {
                for t in taken {
                    t.undo_locked();
                }
                return None;
            }
        }
    }
    Some(abandoned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto_event(signalled: bool) -> Arc<Object> {
        Object::new(Kind::Event { auto_reset: true }, None, signalled).unwrap()
    }

    #[test]
    fn wait_all_takes_everything_or_nothing() {
        let ev = auto_event(true);
        let sem = sync::new_semaphore(0, 1, None).unwrap();
        let both = [ev.clone(), sem.clone()];
        assert_eq!(try_acquire_all(&both), None);
        assert!(
            ev.event.is_signalled(),
            "a failed wait-all leaves the auto event set"
        );
        sync::release_semaphore(&sem, 1).unwrap();
        assert_eq!(try_acquire_all(&both), Some(None));
        assert!(
            !ev.event.is_signalled(),
            "a successful wait-all consumed the auto event"
        );
        assert!(
            !sem.event.is_signalled(),
            "... and the semaphore's only count"
        );
    }

    #[test]
    fn mutexes_are_recursive_and_owned() {
        let m = sync::new_mutex(false, None).unwrap();
        assert_eq!(m.try_acquire(), Some(Acquired::Yes));
        assert_eq!(
            m.try_acquire(),
            Some(Acquired::Yes),
            "the owner takes it again"
        );
        let other = {
            let m = m.clone();
            std::thread::spawn(move || (m.try_acquire(), sync::release_mutex(&m).err()))
                .join()
                .unwrap()
        };
        assert_eq!(other.0, None, "another thread cannot take it");
        assert_eq!(other.1, Some(err(codes::ERROR_NOT_OWNER)));
        sync::release_mutex(&m).unwrap();
        assert!(
            !m.event.is_signalled(),
            "one release of two leaves it owned"
        );
        sync::release_mutex(&m).unwrap();
        assert!(m.event.is_signalled(), "free after the second");
    }

    #[test]
    fn names_are_shared_until_the_last_handle_closes() {
        let make = || {
            Object::new(
                Kind::Event { auto_reset: false },
                Some("unit".into()),
                false,
            )
        };
        let is_event = |k: &Kind| matches!(k, Kind::Event { .. });
        let nowhere = || Err(err(codes::ERROR_FILE_NOT_FOUND));
        let make = || make().map(|o| (o, false));
        let (a, existed) = table::create_named("unit", is_event, make).unwrap();
        assert!(!existed);
        let (b, existed) = table::create_named("unit", is_event, make).unwrap();
        assert!(existed);
        assert!(Arc::ptr_eq(
            &table::get(a).unwrap(),
            &table::get(b).unwrap()
        ));
        let is_mutex = |k: &Kind| matches!(k, Kind::Mutex(_));
        assert_eq!(
            table::open_named("unit", is_mutex, nowhere).err(),
            Some(err(codes::ERROR_INVALID_HANDLE))
        );
        table::close(a).unwrap();
        let c = table::open_named("unit", is_event, nowhere).unwrap();
        table::close(b).unwrap();
        table::close(c).unwrap();
        assert_eq!(
            table::open_named("unit", is_event, nowhere).err(),
            Some(err(codes::ERROR_FILE_NOT_FOUND))
        );
    }
}
