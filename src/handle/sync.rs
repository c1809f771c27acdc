//! Mutex and semaphore objects (`CreateMutex`, `CreateSemaphore`): their counts and owners.
//!
//! The object's event is signalled while it can be taken: a mutex while nobody owns it, a
//! semaphore while its count is above zero. A mutex is owned recursively by one thread; when
//! that thread ends still owning it, the mutex is abandoned: it becomes free, and the next wait
//! that takes it reports `WAIT_ABANDONED`.

use super::{codes, err, thread, Acquired, Kind, Object};
use crate::error::WsaResult;
use crate::event::object::EventObject;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

#[derive(Default)]
pub struct MutexState {
    /// The owner's thread id (`GetCurrentThreadId`), 0 when free.
    owner: u32,
    count: u32,
    abandoned: bool,
}

impl MutexState {
    pub(crate) fn owned_by_me(&self) -> bool {
        self.owner != 0 && self.owner == thread::current_id()
    }

    pub(crate) fn acquire(&mut self, event: &EventObject) -> Option<Acquired> {
        let me = thread::current_id();
        if self.owner == me {
            self.count += 1;
            return Some(Acquired::Yes);
        }
        if self.owner != 0 {
            return None;
        }
        self.owner = me;
        self.count = 1;
        event.reset();
        Some(if std::mem::take(&mut self.abandoned) {
            Acquired::Abandoned
        } else {
            Acquired::Yes
        })
    }

    /// `ReleaseMutex`: only the owner may; the last release frees the mutex.
    pub(crate) fn release(&mut self, event: &EventObject) -> WsaResult<()> {
        if !self.owned_by_me() {
            return Err(err(codes::ERROR_NOT_OWNER));
        }
        self.count -= 1;
        if self.count == 0 {
            self.owner = 0;
            event.set();
        }
        Ok(())
    }
}

pub struct SemaphoreState {
    count: i32,
    max: i32,
}

impl SemaphoreState {
    pub(crate) fn new(count: i32, max: i32) -> SemaphoreState {
        SemaphoreState { count, max }
    }

    pub(crate) fn acquire(&mut self, event: &EventObject) -> bool {
        if self.count == 0 {
            return false;
        }
        self.count -= 1;
        if self.count == 0 {
            event.reset();
        }
        true
    }

    /// `ReleaseSemaphore`: adds `n`; past the maximum → `ERROR_TOO_MANY_POSTS` and no change.
    /// Returns the previous count.
    pub(crate) fn release(&mut self, n: i32, event: &EventObject) -> WsaResult<i32> {
        if n <= 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let prev = self.count;
        match prev.checked_add(n) {
            Some(c) if c <= self.max => {
                self.count = c;
                if prev == 0 {
                    event.set();
                }
                Ok(prev)
            }
            _ => Err(err(codes::ERROR_TOO_MANY_POSTS)),
        }
    }
}

/// One thread's list of the mutexes it has taken (and maybe not yet released).
type OwnedList = Arc<parking_lot::Mutex<Vec<Weak<Object>>>>;

thread_local! {
    /// The calling thread's list, checked when it ends; also in `BY_THREAD` so that
    /// `TerminateThread` can abandon them in its place.
    static OWNED: Owned = const { Owned(RefCell::new(None)) };
}

/// Every thread's list that has one, by ws2mp thread id.
static BY_THREAD: parking_lot::Mutex<Option<HashMap<u32, OwnedList>>> =
    parking_lot::Mutex::new(None);

struct Owned(RefCell<Option<OwnedList>>);

impl Drop for Owned {
    fn drop(&mut self) {
        if let Some(list) = self.0.borrow_mut().take() {
            abandon_all(&mut list.lock(), thread::current_id());
            forget_thread(thread::current_id());
        }
    }
}

fn forget_thread(id: u32) {
    if let Some(map) = BY_THREAD.lock().as_mut() {
        map.remove(&id);
    }
}

/// Abandons the mutexes in `list` that thread `owner` still owns.
fn abandon_all(list: &mut Vec<Weak<Object>>, owner: u32) {
    for object in list.drain(..).filter_map(|w| w.upgrade()) {
        if let Some(s) = &object.shared {
            s.abandon_if_owned_by(owner);
            continue;
        }
        if let Kind::Mutex(m) = &object.kind {
            let _gate = object.gate.lock();
            let mut m = m.lock();
            if m.owner == owner {
                m.owner = 0;
                m.count = 0;
                m.abandoned = true;
                object.event.set();
            }
        }
    }
}

/// Remembers that the calling thread took `object` (a mutex), so it is abandoned if the thread
/// ends owning it.
pub(crate) fn note_owned(object: &Arc<Object>) {
    let _ = OWNED.try_with(|o| {
        let list =
            o.0.borrow_mut()
                .get_or_insert_with(|| {
                    let list = OwnedList::default();
                    BY_THREAD
                        .lock()
                        .get_or_insert_with(HashMap::new)
                        .insert(thread::current_id(), list.clone());
                    list
                })
                .clone();
        let mut list = list.lock();
        list.retain(|w| w.strong_count() > 0);
        if !list.iter().any(|w| w.as_ptr() == Arc::as_ptr(object)) {
            list.push(Arc::downgrade(object));
        }
    });
}

/// The calling thread is ending (`ExitThread`, or its start routine returned): abandon what it
/// still owns now, before its handle is signalled.
pub(crate) fn abandon_owned() {
    let _ = OWNED.try_with(|o| {
        if let Some(list) = o.0.borrow().as_ref() {
            abandon_all(&mut list.lock(), thread::current_id());
        }
    });
}

/// `TerminateThread` ended thread `id` (ws2mp's id) where it stood: abandon the mutexes it
/// still owns, as Windows does for a thread ended in any way. Its list is skipped if the
/// thread was stopped while changing it (its lock stays held for good).
pub(crate) fn abandon_owned_by(id: u32) {
    let list = BY_THREAD.lock().as_mut().and_then(|map| map.remove(&id));
    if let Some(list) = list {
        if let Some(mut list) = list.try_lock_for(std::time::Duration::from_millis(100)) {
            abandon_all(&mut list, id);
        }
    }
}

/// `CreateMutex`.
pub fn new_mutex(initial_owner: bool, name: Option<String>) -> WsaResult<Arc<Object>> {
    let object = Object::new(
        Kind::Mutex(parking_lot::Mutex::new(MutexState::default())),
        name,
        true,
    )?;
    if initial_owner {
        let _ = object.try_acquire();
        note_owned(&object);
    }
    Ok(object)
}

/// `CreateSemaphore`. Initial count outside 0..=max, or max <= 0 → `ERROR_INVALID_PARAMETER`.
pub fn new_semaphore(initial: i32, max: i32, name: Option<String>) -> WsaResult<Arc<Object>> {
    if max <= 0 || initial < 0 || initial > max {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    Object::new(
        Kind::Semaphore(parking_lot::Mutex::new(SemaphoreState {
            count: initial,
            max,
        })),
        name,
        initial > 0,
    )
}

/// `ReleaseMutex`.
pub fn release_mutex(object: &Object) -> WsaResult<()> {
    match &object.kind {
        Kind::Mutex(_) if object.shared.is_some() => {
            let _gate = object.gate.lock();
            let r = object.shared.as_ref().map_or(Ok(()), |s| s.release_mutex());
            r
        }
        Kind::Mutex(m) => {
            let _gate = object.gate.lock();
            let r = m.lock().release(&object.event);
            r
        }
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// `ReleaseSemaphore`: returns the previous count.
pub fn release_semaphore(object: &Object, n: i32) -> WsaResult<i32> {
    match &object.kind {
        Kind::Semaphore(_) if object.shared.is_some() => {
            let _gate = object.gate.lock();
            let r = object
                .shared
                .as_ref()
                .map_or(Ok(0), |s| s.release_semaphore(n));
            r
        }
        Kind::Semaphore(s) => {
            let _gate = object.gate.lock();
            let r = s.lock().release(n, &object.event);
            r
        }
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// `SignalObjectAndWait`'s signal: sets an event, releases a mutex, adds one to a semaphore.
/// Another kind → `ERROR_INVALID_HANDLE`; the release's own errors (`ERROR_NOT_OWNER`,
/// `ERROR_TOO_MANY_POSTS`) as `ReleaseMutex` / `ReleaseSemaphore` give them.
pub fn signal(object: &Object) -> WsaResult<()> {
    match &object.kind {
        Kind::Event { .. } => {
            super::events::set_object(object);
            Ok(())
        }
        Kind::Mutex(_) => release_mutex(object),
        Kind::Semaphore(_) => release_semaphore(object, 1).map(drop),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}
