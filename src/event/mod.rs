//! The Winsock event model: event objects, per-socket selection state, and waiting.

pub mod object;
pub mod selection;
pub mod wait;

use object::{EventObject, SIGNAL_TOKEN};
use std::sync::Arc;

/// Applies readiness reports taken from `event`'s poller to the sockets they name.
pub fn harvest(event: &Arc<EventObject>, reports: &[(u64, u8)]) {
    for &(token, bits) in reports {
        if token == SIGNAL_TOKEN {
            continue;
        }
        let fd = token as u32 as i32;
        let generation = (token >> 32) as u32;
        if let Some(socket) = crate::registry::get(fd) {
            if socket.generation() == generation {
                socket.on_ready(event, bits);
            }
        }
    }
}
