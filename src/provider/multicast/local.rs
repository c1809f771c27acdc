//! The host's own addresses, for the receive-side loopback rule ("was this datagram sent from
//! this host?") and for binding to an interface address.
//!
//! One snapshot per process, taken with `getifaddrs` and shared by every socket. A lookup
//! reads a coarse clock (no system call), takes a read lock and scans a few entries: no
//! allocation. The snapshot is retaken when it is older than [`MAX_AGE`] (by whichever thread
//! notices first; the others keep using the old one meanwhile), and at once when a socket
//! starts needing it (`SIO_MULTIPOINT_LOOPBACK` FALSE, a join, a bind to an interface
//! address), so an address added just before those calls is known.

use crate::error::WsaError;
use crate::sys;
use parking_lot::{Mutex, RwLock, RwLockReadGuard};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long a snapshot is trusted.
pub(crate) const MAX_AGE: Duration = Duration::from_secs(1);

struct Snapshot {
    addrs: Vec<sys::IfAddr>,
}

static SNAPSHOT: RwLock<Snapshot> = RwLock::new(Snapshot { addrs: Vec::new() });
/// When the snapshot was taken, on [`sys::coarse_millis`]'s clock; 0 = never.
static TAKEN_MS: AtomicU64 = AtomicU64::new(0);
/// Held by the thread that is retaking the snapshot.
static REFRESHING: Mutex<()> = Mutex::new(());

/// Retakes the snapshot now.
pub fn refresh() {
    let _g = REFRESHING.lock();
    take();
}

fn take() {
    match sys::interface_addrs() {
        Ok(addrs) => SNAPSHOT.write().addrs = addrs,
        Err(e) => {
            // Keep the old one, and do not retry on every datagram.
            crate::log::warn(format_args!(
                "getifaddrs failed ({}); keeping the previous interface addresses",
                WsaError::from_errno(e)
            ));
        }
    }
    TAKEN_MS.store(sys::coarse_millis().max(1), Ordering::Release);
}

fn is_stale() -> bool {
    let taken = TAKEN_MS.load(Ordering::Acquire);
    taken == 0 || sys::coarse_millis().saturating_sub(taken) >= MAX_AGE.as_millis() as u64
}

fn current() -> RwLockReadGuard<'static, Snapshot> {
    if is_stale() {
        // One thread retakes it; the others answer from the old one.
        if let Some(_g) = REFRESHING.try_lock() {
            if is_stale() {
                take();
            }
        }
    }
    SNAPSHOT.read()
}

/// Whether `ip` is one of this host's addresses (any loopback address counts; an IPv4-mapped
/// IPv6 address is looked up as IPv4).
pub fn is_local(ip: IpAddr) -> bool {
    let ip = ip.to_canonical();
    if ip.is_loopback() {
        return true;
    }
    current().addrs.iter().any(|a| a.addr == ip)
}

/// Whether interface `index` is a loopback interface (one that has a loopback address).
pub fn is_loopback_interface(index: u32) -> bool {
    index != 0
        && current()
            .addrs
            .iter()
            .any(|a| a.index == index && a.addr.is_loopback())
}

/// Whether `ip` is the limited broadcast address or the broadcast address of one of the host's
/// IPv4 subnets.
pub fn is_broadcast(ip: Ipv4Addr) -> bool {
    ip == Ipv4Addr::BROADCAST || current().addrs.iter().any(|a| a.broadcast == Some(ip))
}

/// The index of the interface that owns `ip`, if `ip` is one of this host's addresses.
/// Loopback addresses other than 127.0.0.1 / ::1 belong to the loopback interface.
pub fn interface_of(ip: IpAddr) -> Option<u32> {
    let ip = ip.to_canonical();
    let snap = current();
    if let Some(a) = snap.addrs.iter().find(|a| a.addr == ip) {
        return Some(a.index);
    }
    if ip.is_loopback() {
        return snap
            .addrs
            .iter()
            .find(|a| a.addr.is_loopback() && a.addr.is_ipv4() == ip.is_ipv4())
            .map(|a| a.index);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_local_and_the_snapshot_is_taken() {
        refresh();
        assert!(is_local("127.0.0.1".parse().unwrap()));
        assert!(is_local("127.1.2.3".parse().unwrap()));
        assert!(is_local("::1".parse().unwrap()));
        assert!(is_local("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!is_local("192.0.2.1".parse().unwrap()));
        assert!(is_broadcast(Ipv4Addr::BROADCAST));
        assert!(!is_broadcast("192.0.2.1".parse().unwrap()));
        assert!(interface_of("127.0.0.1".parse().unwrap()).is_some());
        assert!(interface_of("192.0.2.1".parse().unwrap()).is_none());
        let lo = interface_of("127.0.0.1".parse().unwrap()).unwrap();
        assert!(is_loopback_interface(lo));
        assert!(!is_loopback_interface(0));
    }
}
