//! The handle table: `HANDLE` values → objects, and the names of named objects.
//!
//! A handle is `(slot index + 1) << 10 | generation << 2`, never a pointer (its two low bits
//! are clear, as Windows' are, and ignored on lookup: an `hEvent` with the low bit set still
//! names the event), so a stale, forged or
//! foreign value (a socket, a closed handle, `INVALID_HANDLE_VALUE`) is recognised and answered
//! with `ERROR_INVALID_HANDLE`. Lookups (every wait) go through a [`SlotTable`] without a global
//! lock; creating and closing take the allocator lock.

use super::{codes, err, Kind, Object};
use crate::error::{WsaError, WsaResult};
use crate::slots::SlotTable;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::{Arc, Weak};

/// One open handle: its generation, the object, and whether `WSACreateEvent` made it (the last
/// `WSACleanup` closes those).
type Entry = (u8, Arc<Object>, bool);

static HANDLES: SlotTable<Entry, 256> = SlotTable::new();

struct Allocator {
    free: Vec<usize>,
    generations: Vec<u8>,
}

static ALLOCATOR: Mutex<Allocator> = Mutex::new(Allocator {
    free: Vec::new(),
    generations: Vec::new(),
});

/// Named objects (events, mutexes, semaphores share one namespace, as on Windows).
static NAMES: Mutex<Option<HashMap<String, Weak<Object>>>> = Mutex::new(None);

fn decode(handle: usize) -> Option<(usize, u8)> {
    let index = (handle >> 10).checked_sub(1)?;
    Some((index, ((handle >> 2) & 0xff) as u8))
}

/// Opens a new handle to `object` and returns its value (never 0).
pub fn insert(object: Arc<Object>, winsock: bool) -> WsaResult<usize> {
    let mut alloc = ALLOCATOR.lock();
    let index = match alloc.free.pop() {
        Some(i) => i,
        None if alloc.generations.len() < SlotTable::<Entry, 256>::CAPACITY => {
            alloc.generations.push(0);
            alloc.generations.len() - 1
        }
        None => return Err(WsaError::WSA_NOT_ENOUGH_MEMORY),
    };
    let generation = alloc.generations[index];
    alloc.generations[index] = generation.wrapping_add(1);
    object.handles.fetch_add(1, SeqCst);
    HANDLES.replace(index, (generation, object, winsock));
    Ok(((index + 1) << 10) | (generation as usize) << 2)
}

/// The object behind a handle, or `ERROR_INVALID_HANDLE` (= `WSA_INVALID_HANDLE`).
pub fn get(handle: usize) -> WsaResult<Arc<Object>> {
    let (index, gen) = decode(handle).ok_or(WsaError::WSA_INVALID_HANDLE)?;
    match HANDLES.get(index) {
        Some((g, object, _)) if g == gen => Ok(object),
        _ => Err(WsaError::WSA_INVALID_HANDLE),
    }
}

/// Whether `handle` still names `object` (waiters re-check after waking).
pub fn still_open(handle: usize, object: &Arc<Object>) -> bool {
    get(handle).is_ok_and(|o| Arc::ptr_eq(&o, object))
}

/// `CloseHandle`: invalidates the handle. When it was the object's last handle, threads waiting
/// on it wake (and fail with `ERROR_INVALID_HANDLE`; not for a thread, whose waiters wait for
/// its end) and its name is free again.
pub fn close(handle: usize) -> WsaResult<()> {
    let (index, gen) = decode(handle).ok_or(WsaError::WSA_INVALID_HANDLE)?;
    let (_, object, _) = HANDLES
        .remove_if(index, |(g, _, _)| *g == gen)
        .ok_or(WsaError::WSA_INVALID_HANDLE)?;
    ALLOCATOR.lock().free.push(index);
    if object.handles.fetch_sub(1, SeqCst) == 1 {
        if let Some(name) = &object.name {
            let mut names = NAMES.lock();
            if let Some(map) = names.as_mut() {
                if map
                    .get(name)
                    .is_some_and(|w| w.as_ptr() == Arc::as_ptr(&object))
                {
                    map.remove(name);
                }
            }
        }
        // A thread lives on (and is signalled when it ends) whatever its handles do, and the
        // thread itself may open a new handle to it (`DuplicateHandle(GetCurrentThread())`):
        // only the other kinds wake their waiters to report the closed handle. A process, too,
        // ends (and is reaped) whatever its handles do.
        if !matches!(object.kind, Kind::Thread(_) | Kind::Process(_)) {
            object.event.mark_closed();
        }
        if let Kind::Port(port) = &object.kind {
            port.close();
        }
        // A timer whose last handle is closed is gone: it fires no more.
        if let Kind::Timer(_) = &object.kind {
            let _ = super::timer::cancel(&object);
        }
    }
    Ok(())
}

/// Closes every handle `WSACreateEvent` made (the last `WSACleanup`).
pub fn close_winsock_events() {
    let open: Vec<usize> = {
        let alloc = ALLOCATOR.lock();
        (0..alloc.generations.len())
            .filter_map(|i| match HANDLES.get(i) {
                Some((g, _, true)) => Some(((i + 1) << 10) | (g as usize) << 2),
                _ => None,
            })
            .collect()
    };
    for h in open {
        let _ = close(h);
    }
}

/// Creates a named object, or opens the existing one of that name. Returns the handle and
/// whether the object already existed (`ERROR_ALREADY_EXISTS`). An existing object of another
/// kind → `ERROR_INVALID_HANDLE`, as on Windows. `make` makes the object when this process has
/// none of that name, and tells whether it existed elsewhere (another process holds it).
pub fn create_named(
    name: &str,
    same_kind: impl Fn(&Kind) -> bool,
    make: impl FnOnce() -> WsaResult<(Arc<Object>, bool)>,
) -> WsaResult<(usize, bool)> {
    let mut names = NAMES.lock();
    let map = names.get_or_insert_with(HashMap::new);
    if let Some(existing) = map.get(name).and_then(Weak::upgrade) {
        if existing.handles.load(SeqCst) > 0 {
            if !same_kind(&existing.kind) {
                return Err(err(codes::ERROR_INVALID_HANDLE));
            }
            return Ok((insert(existing, false)?, true));
        }
    }
    let (object, existed) = make()?;
    map.insert(name.to_string(), Arc::downgrade(&object));
    Ok((insert(object, false)?, existed))
}

/// Opens a new handle to the named object (`OpenEvent`, `OpenMutex`, `OpenSemaphore`).
/// A name this process does not hold is looked for by `elsewhere` (another process's
/// object). Unknown name → `ERROR_FILE_NOT_FOUND`; another kind → `ERROR_INVALID_HANDLE`.
pub fn open_named(
    name: &str,
    same_kind: impl Fn(&Kind) -> bool,
    elsewhere: impl FnOnce() -> WsaResult<Arc<Object>>,
) -> WsaResult<usize> {
    let mut names = NAMES.lock();
    let existing = names
        .as_ref()
        .and_then(|m| m.get(name))
        .and_then(Weak::upgrade)
        .filter(|o| o.handles.load(SeqCst) > 0);
    let existing = match existing {
        Some(o) => o,
        None => {
            let object = elsewhere()?;
            names
                .get_or_insert_with(HashMap::new)
                .insert(name.to_string(), Arc::downgrade(&object));
            object
        }
    };
    if !same_kind(&existing.kind) {
        return Err(err(codes::ERROR_INVALID_HANDLE));
    }
    insert(existing, false)
}
