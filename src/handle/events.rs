//! `WSAEVENT` handles: the event objects of `crate::event` in the shared handle table.

use super::{table, Kind, Object};
use crate::error::{WsaError, WsaResult};
use crate::event::object::EventObject;
use std::sync::Arc;

/// `WSACreateEvent`: a manual-reset event in the shared handle table (`crate::handle`), so the
/// handle also works with `WaitForSingleObject`, `CloseHandle` and the other Win32 calls.
/// Returns its handle value (never 0).
pub fn create() -> WsaResult<usize> {
    let object = Object::new(Kind::Event { auto_reset: false }, None, false)?;
    table::insert(object, true)
}

/// The event behind a handle, or `WSA_INVALID_HANDLE` (also for a handle to a thread, mutex or
/// semaphore: only events can have sockets selected to them or be set and reset).
pub fn lookup(handle: usize) -> WsaResult<Arc<EventObject>> {
    let object = table::get(handle)?;
    match object.kind {
        Kind::Event { .. } => Ok(object.event.clone()),
        _ => Err(WsaError::WSA_INVALID_HANDLE),
    }
}

/// The event object behind a handle (`WSA_INVALID_HANDLE` = `ERROR_INVALID_HANDLE` for
/// another kind).
fn object(handle: usize) -> WsaResult<Arc<Object>> {
    let object = table::get(handle)?;
    match object.kind {
        Kind::Event { .. } => Ok(object),
        _ => Err(WsaError::WSA_INVALID_HANDLE),
    }
}

/// `SetEvent` / `WSASetEvent`: signals the event (a reset a `PulseEvent` still owes is
/// dropped: the event stays set).
pub fn set(handle: usize) -> WsaResult<()> {
    set_object(&*object(handle)?);
    Ok(())
}

/// Signals an event object (local or shared with other processes).
pub(crate) fn set_object(object: &Object) {
    if let Some(s) = &object.shared {
        s.set();
        // The watcher mirrors it too; this thread's next wait need not wait for that.
        s.mirror(&object.event);
        return;
    }
    super::pulse::settle(object);
    object.event.set();
}

/// `ResetEvent` / `WSAResetEvent`.
pub fn reset(handle: usize) -> WsaResult<()> {
    let object = object(handle)?;
    if let Some(s) = &object.shared {
        s.reset();
        s.mirror(&object.event);
        return Ok(());
    }
    super::pulse::settle(&object);
    object.event.reset();
    Ok(())
}

/// `PulseEvent` (`crate::handle::pulse`).
pub fn pulse(handle: usize) -> WsaResult<()> {
    let object = object(handle)?;
    match &object.shared {
        Some(s) => s.pulse(),
        None => super::pulse::pulse(&object),
    }
    Ok(())
}

/// `WSACloseEvent`: invalidates the handle. Sockets still selected to the event keep the
/// object alive until they are re-selected or closed, but nothing can wait on it any more.
/// A thread already waiting on it is woken and fails with `WSA_INVALID_HANDLE`.
pub fn close(handle: usize) -> WsaResult<()> {
    lookup(handle)?;
    table::close(handle)
}

/// Closes every event handle `WSACreateEvent` made (the last `WSACleanup`).
pub fn close_all() {
    table::close_winsock_events();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_checked_and_never_reused_blindly() {
        let h = create().unwrap();
        assert_ne!(h, 0);
        let e = lookup(h).unwrap();
        assert!(!e.is_signalled());
        e.set();
        assert!(e.is_signalled());
        e.reset();
        assert!(!e.is_signalled());
        close(h).unwrap();
        assert_eq!(lookup(h).err(), Some(WsaError::WSA_INVALID_HANDLE));
        assert_eq!(close(h).err(), Some(WsaError::WSA_INVALID_HANDLE));
        let h2 = create().unwrap();
        assert_ne!(h, h2, "a reused slot gets a new generation");
        assert!(lookup(h).is_err());
        close(h2).unwrap();
        assert!(lookup(0).is_err());
        assert!(lookup(usize::MAX).is_err());
    }
}
