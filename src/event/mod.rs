//! The Winsock event model: event objects, per-socket selection state, and waiting.

pub mod driver;
pub mod object;
pub mod selection;

use object::{EventObject, SIGNAL_TOKEN};
use std::sync::{Arc, OnceLock};

/// Where readiness reports go: the socket layer's function that finds the socket a poller
/// token names and applies the report to it. The event layer sits below the sockets and never
/// names them; the socket layer installs this when it creates its first socket.
pub(crate) type Route = fn(event: &Arc<EventObject>, token: u64, bits: crate::sys::Ready);

static ROUTE: OnceLock<Route> = OnceLock::new();

/// Installs the function readiness reports go to (the first call wins; later calls, with the
/// same function, cost one load).
pub(crate) fn route_reports_to(route: Route) {
    if ROUTE.get().is_none() {
        let _ = ROUTE.set(route);
    }
}

/// Applies readiness reports taken from `event`'s poller to the sockets they name.
pub fn harvest(event: &Arc<EventObject>, reports: &[(u64, crate::sys::Ready)]) {
    let Some(route) = ROUTE.get() else {
        // No socket was ever created: only the signal can have been reported.
        return;
    };
    for &(token, bits) in reports {
        if token != SIGNAL_TOKEN {
            route(event, token, bits);
        }
    }
}
