//! `WSAStartup` / `WSACleanup` reference counting.

use crate::error::{WsaError, WsaResult};
use parking_lot::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

/// Successful `WSAStartup` calls not yet matched by `WSACleanup`.
static STARTED: AtomicU32 = AtomicU32::new(0);
/// Serialises startup and cleanup against each other.
static LIFECYCLE: Mutex<()> = Mutex::new(());

pub(crate) const HIGHEST_VERSION: u16 = 0x0202;

/// Negotiates the version (docs/WINDOWS.md §8.3): anything from 1.0 up gets min(requested, 2.2).
pub fn negotiate(requested: u16) -> WsaResult<u16> {
    let (major, minor) = (requested & 0xff, requested >> 8);
    if major == 0 {
        return Err(WsaError::WSAVERNOTSUPPORTED);
    }
    if (major, minor) > (2, 2) {
        Ok(HIGHEST_VERSION)
    } else {
        Ok(requested)
    }
}

pub fn startup() {
    let _g = LIFECYCLE.lock();
    STARTED.fetch_add(1, Ordering::AcqRel);
}

/// Fails with `WSANOTINITIALISED` unless `WSAStartup` is in effect.
#[inline]
pub fn check() -> WsaResult<()> {
    if STARTED.load(Ordering::Acquire) == 0 {
        Err(WsaError::WSANOTINITIALISED)
    } else {
        Ok(())
    }
}

/// `WSACleanup`. The last one closes every socket and event, as Windows does.
pub fn cleanup() -> WsaResult<()> {
    let _g = LIFECYCLE.lock();
    let n = STARTED.load(Ordering::Acquire);
    if n == 0 {
        return Err(WsaError::WSANOTINITIALISED);
    }
    STARTED.store(n - 1, Ordering::Release);
    if n == 1 {
        for socket in crate::registry::all() {
            socket.close();
        }
        crate::event::object::close_all();
        crate::provider::rooted::cleanup();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_negotiation() {
        assert_eq!(negotiate(0x0202), Ok(0x0202));
        assert_eq!(negotiate(0x0101), Ok(0x0101));
        assert_eq!(negotiate(0x0001), Ok(0x0001));
        assert_eq!(negotiate(0x0303), Ok(0x0202));
        assert_eq!(negotiate(0x0003), Ok(0x0202));
        assert_eq!(negotiate(0x0000), Err(WsaError::WSAVERNOTSUPPORTED));
        assert_eq!(negotiate(0x0100), Err(WsaError::WSAVERNOTSUPPORTED));
    }
}
