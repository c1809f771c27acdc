//! SOCKET → socket object.
//!
//! A `SOCKET` is the native fd, so the registry is a [`SlotTable`] indexed by fd: O(1), no
//! global lock on the data path, and no cache line shared by two sockets.

use super::Socket;
use crate::event::object::EventObject;
use crate::slots::SlotTable;
use std::sync::Arc;

/// fds below 4 Mi (16,384 chunks of 256) can be registered; larger ones fail with WSAEMFILE.
static SOCKETS: SlotTable<Arc<Socket>, 16384> = SlotTable::new();

/// The socket registered under `fd`, if any.
pub fn get(fd: i32) -> Option<Arc<Socket>> {
    SOCKETS.get(usize::try_from(fd).ok()?)
}

/// Registers `socket` under its fd. Returns false if the fd is too large for the table.
///
/// An entry left behind for the same fd (the program closed the fd behind ws2mp's back and the
/// OS reused the number) is detached, so it can never close or touch the new socket.
pub fn insert(socket: Arc<Socket>) -> bool {
    crate::event::route_reports_to(route_report);
    let Ok(fd) = usize::try_from(socket.fd()) else {
        return false;
    };
    match SOCKETS.replace(fd, socket) {
        None => false,
        Some(None) => true,
        Some(Some(stale)) => {
            crate::log::warn(format_args!(
                "fd {} was reused while still registered; the old socket is forgotten",
                stale.fd()
            ));
            stale.release_fd();
            true
        }
    }
}

/// Removes `socket` from the registry if it is still the one registered under its fd.
pub fn remove(socket: &Arc<Socket>) -> bool {
    usize::try_from(socket.fd())
        .ok()
        .and_then(|fd| SOCKETS.remove_if(fd, |s| Arc::ptr_eq(s, socket)))
        .is_some()
}

/// Applies a readiness report from `event`'s poller to the socket its token names (fd in the
/// low half, generation in the high half: a report for a reused fd number is dropped).
pub(crate) fn route_report(event: &Arc<EventObject>, token: u64, bits: crate::sys::Ready) {
    let fd = token as u32 as i32;
    let generation = (token >> 32) as u32;
    if let Some(socket) = get(fd) {
        if socket.generation() == generation {
            socket.on_ready(event, bits);
        }
    }
}

/// Every registered socket (for the last `WSACleanup`).
pub fn all() -> Vec<Arc<Socket>> {
    SOCKETS.values()
}
