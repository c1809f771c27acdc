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

thread_local! {
    /// The mutexes this thread has taken (and maybe not yet released), checked when it ends.
    static OWNED: Owned = const { Owned(RefCell::new(Vec::new())) };
}

struct Owned(RefCell<Vec<Weak<Object>>>);

impl Drop for Owned {
    fn drop(&mut self) {
        abandon_all(&mut self.0.borrow_mut());
    }
}

fn abandon_all(list: &mut Vec<Weak<Object>>) {
    let me = thread::current_id();
    for object in list.drain(..).filter_map(|w| w.upgrade()) {
        if let Some(s) = &object.shared {
            s.abandon_if_mine();
            continue;
        }
        if let Kind::Mutex(m) = &object.kind {
            let _gate = object.gate.lock();
            let mut m = m.lock();
            if m.owner == me {
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
        let mut list = o.0.borrow_mut();
        list.retain(|w| w.strong_count() > 0);
        if !list.iter().any(|w| w.as_ptr() == Arc::as_ptr(object)) {
            list.push(Arc::downgrade(object));
        }
    });
}

/// The calling thread is ending (`ExitThread`, or its start routine returned): abandon what it
/// still owns now, before its handle is signalled.
pub(crate) fn abandon_owned() {
    let _ = OWNED.try_with(|o| abandon_all(&mut o.0.borrow_mut()));
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
