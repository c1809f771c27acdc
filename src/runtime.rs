//! `WSAStartup` / `WSACleanup` reference counting.

use crate::error::{WsaError, WsaResult};
use parking_lot::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

/// Successful `WSAStartup` calls not yet matched by `WSACleanup`.
static STARTED: AtomicU32 = AtomicU32::new(0);
/// Serialises startup and cleanup against each other.
static LIFECYCLE: Mutex<()> = Mutex::new(());

pub(crate) const HIGHEST_VERSION: u16 = 0x0202;

/// Negotiates the version as Windows does (docs/WINDOWS.md §8.3): a request with major version 0 is refused
/// (`WSAVERNOTSUPPORTED`); 1.0 and 1.1 are granted as asked and any later 1.x gets 1.1; 2.0–2.2
/// as asked; anything above 2.2 gets 2.2.
pub fn negotiate(requested: u16) -> WsaResult<u16> {
    let (major, minor) = (requested & 0xff, requested >> 8);
    match major {
        0 => Err(WsaError::WSAVERNOTSUPPORTED),
        1 if minor > 1 => Ok(0x0101),
        1 => Ok(requested),
        2 if minor <= 2 => Ok(requested),
        _ => Ok(HIGHEST_VERSION),
    }
}

/// The version `WSADATA.wVersion` reports for a request, also when the request is refused.
pub fn reported_version(requested: u16) -> u16 {
    negotiate(requested).unwrap_or(HIGHEST_VERSION)
}

/// The lowest major version a successful `WSAStartup` of this session negotiated (1 or 2): a
/// Winsock 1.1 session keeps the 1.1 blocking-hook calls working, also after a later
/// `WSAStartup(2.2)` (Windows keeps a process's version when a later call asks for more, and
/// lowers it when one asks for less).
static SESSION_MAJOR: AtomicU32 = AtomicU32::new(2);

pub fn startup(version: u16) {
    let _g = LIFECYCLE.lock();
    let major = u32::from(version & 0xff);
    if STARTED.load(Ordering::Acquire) == 0 {
        SESSION_MAJOR.store(major, Ordering::Release);
    } else {
        SESSION_MAJOR.fetch_min(major, Ordering::AcqRel);
    }
    STARTED.fetch_add(1, Ordering::AcqRel);
}

/// Whether the program negotiated Winsock 1.x (in any `WSAStartup` of this session).
pub fn is_one_x_session() -> bool {
    SESSION_MAJOR.load(Ordering::Acquire) == 1
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
        for socket in crate::socket::registry::all() {
            socket.close();
        }
        crate::handle::events::close_all();
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
        assert_eq!(negotiate(0x0201), Ok(0x0101));
        assert_eq!(negotiate(0xff01), Ok(0x0101));
        assert_eq!(negotiate(0x0302), Ok(0x0202));
        assert_eq!(negotiate(0x00ff), Ok(0x0202));
        assert_eq!(negotiate(0x0303), Ok(0x0202));
        assert_eq!(negotiate(0x0003), Ok(0x0202));
        assert_eq!(negotiate(0x0000), Err(WsaError::WSAVERNOTSUPPORTED));
        assert_eq!(negotiate(0x0100), Err(WsaError::WSAVERNOTSUPPORTED));
    }
}
