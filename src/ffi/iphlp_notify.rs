//! The IP Helper change notifications (`<iphlpapi.h>`, `<netioapi.h>`): `NotifyAddrChange`,
//! `NotifyRouteChange` and `CancelIPChangeNotify` (one change, through an `OVERLAPPED` or a
//! blocking call), `NotifyIpInterfaceChange`, `NotifyUnicastIpAddressChange` and
//! `CancelMibChangeNotify2` (a callback for every change, on a ws2mp thread). The changes come
//! from `win32::net_change`. The return value is the Win32 error (`NO_ERROR` on success).

use super::types::WSAOVERLAPPED;
use crate::error::WsaError;
use crate::sys::net_watch::Change;
use crate::win32::codes::*;
use crate::win32::net_change::{self, Listener, Topic};
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

const ERROR_INVALID_HANDLE: u32 = 6;
const ERROR_IO_PENDING: u32 = 997;

/// Runs a body; a panic becomes `ERROR_NOT_ENOUGH_MEMORY`. The result is also the last error
/// when it is not `NO_ERROR` (Windows sets `ERROR_IO_PENDING` as the last error too).
fn guard(body: impl FnOnce() -> u32) -> u32 {
    let code = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        crate::log::error(format_args!(
            "internal error (panic) in an IP Helper notification function"
        ));
        ERROR_NOT_ENOUGH_MEMORY
    });
    if code != ERROR_SUCCESS {
        crate::error::set_last_error(code as i32);
    }
    code
}

/// The handle `NotifyAddrChange` / `NotifyRouteChange` give the program: an event ws2mp owns,
/// reset when a request starts and set when one completes, so a wait on the handle sees the
/// completion as a wait on Windows' file handle does.
fn notify_handle() -> usize {
    static HANDLE: OnceLock<usize> = OnceLock::new();
    *HANDLE.get_or_init(|| {
        // SAFETY: no attributes and no name (NULL pointers CreateEventA accepts).
        let h = unsafe {
            super::win32_sync::CreateEventA(std::ptr::null_mut(), 1, 0, std::ptr::null())
        };
        h as usize
    })
}

/// The pending `NotifyAddrChange` / `NotifyRouteChange` requests: `OVERLAPPED` address → the
/// waiter's id.
static PENDING: Mutex<Vec<(usize, u64)>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<(usize, u64)>> {
    PENDING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Removes the request of `ov` from [`PENDING`]; whether it was there.
fn take_pending(ov: usize) -> Option<u64> {
    let mut p = pending();
    let at = p.iter().position(|(o, _)| *o == ov)?;
    Some(p.swap_remove(at).1)
}

fn finish(ov: usize, error: Option<WsaError>) {
    crate::overlapped::complete_detached(ov, error, 0);
    super::win32_sync::SetEvent(notify_handle() as *mut c_void);
}

/// The body of `NotifyAddrChange` and `NotifyRouteChange`.
///
/// # Safety
/// `handle` NULL or writable; `overlapped` NULL or a valid `OVERLAPPED` that stays valid until
/// the request completes.
unsafe fn notify(topic: Topic, handle: *mut *mut c_void, overlapped: *mut WSAOVERLAPPED) -> u32 {
    if overlapped.is_null() {
        return match net_change::wait_next(topic, || true) {
            Ok(()) => ERROR_SUCCESS,
            Err(_) => ERROR_NOT_SUPPORTED,
        };
    }
    if handle.is_null() {
        return ERROR_INVALID_PARAMETER;
    }
    let ov = overlapped as usize;
    let h = notify_handle();
    if super::write_out(handle.cast::<usize>(), h).is_err() {
        return ERROR_INVALID_PARAMETER;
    }
    if crate::overlapped::start_detached(ov).is_err() {
        return ERROR_INVALID_PARAMETER;
    }
    super::win32_sync::ResetEvent(h as *mut c_void);
    // The lock is held across the registration, so the waiter (which takes it first) cannot
    // complete the request before it is listed.
    let mut p = pending();
    let fired = Box::new(move || {
        if take_pending(ov).is_some() {
            finish(ov, None);
        }
    });
    match net_change::on_next(topic, fired) {
        Ok(id) => {
            p.push((ov, id));
            ERROR_IO_PENDING
        }
        Err(_) => {
            drop(p);
            crate::overlapped::complete_detached(ov, Some(WsaError::WSAEOPNOTSUPP), 0);
            ERROR_NOT_SUPPORTED
        }
    }
}

/// Tells the program when this host's IPv4 address list changes. With `overlapped` NULL the
/// call blocks until a change and returns `NO_ERROR` (`Handle` is not used). Otherwise it
/// returns `ERROR_IO_PENDING` (also the last error) and writes a handle to `*Handle`; at the
/// change the `OVERLAPPED` completes (0 bytes) and its `hEvent` and the handle are set
/// (`GetOverlappedResult` reports it); `CancelIPChangeNotify` ends it with
/// `ERROR_OPERATION_ABORTED`. `ERROR_INVALID_PARAMETER` for a NULL `Handle` with an
/// `overlapped`, or an unusable `OVERLAPPED`.
///
/// # Safety
/// `Handle` NULL or writable; `overlapped` NULL or valid until the request completes.
#[no_mangle]
pub unsafe extern "C" fn NotifyAddrChange(
    Handle: *mut *mut c_void,
    overlapped: *mut WSAOVERLAPPED,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe { notify(Topic::Addresses(libc::AF_INET), Handle, overlapped) })
}

/// As `NotifyAddrChange`, for changes of the routing table (IPv4 and IPv6 routes on Linux;
/// every routing message on macOS and the BSDs).
///
/// # Safety
/// As `NotifyAddrChange`.
#[no_mangle]
pub unsafe extern "C" fn NotifyRouteChange(
    Handle: *mut *mut c_void,
    overlapped: *mut WSAOVERLAPPED,
) -> u32 {
    // SAFETY: forwarded caller guarantees.
    guard(|| unsafe { notify(Topic::Routes, Handle, overlapped) })
}

/// Cancels the pending `NotifyAddrChange` / `NotifyRouteChange` of `notifyOverlapped`: it
/// completes with `ERROR_OPERATION_ABORTED` (its event and the handle set). TRUE, or FALSE
/// when no request of that `OVERLAPPED` is pending.
#[no_mangle]
pub extern "C" fn CancelIPChangeNotify(notifyOverlapped: *mut WSAOVERLAPPED) -> i32 {
    catch_unwind(|| {
        let ov = notifyOverlapped as usize;
        match take_pending(ov) {
            Some(id) => {
                net_change::forget(id);
                finish(ov, Some(WsaError::WSA_OPERATION_ABORTED));
                1
            }
            None => 0,
        }
    })
    .unwrap_or(0)
}

/// `MIB_NOTIFICATION_TYPE`: what a `Notify...Change2` callback is told.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MIB_NOTIFICATION_TYPE {
    MibParameterNotification = 0,
    MibAddInstance = 1,
    MibDeleteInstance = 2,
    MibInitialNotification = 3,
}

/// `MIB_IPINTERFACE_ROW` (168 bytes on Win64; `<netioapi.h>` declares its fields): ws2mp
/// fills `Family`, `InterfaceLuid` and `InterfaceIndex`, as Windows does for a notification.
#[repr(C)]
pub struct MibIpInterfaceRow {
    family: u16,
    luid: u64,
    index: u32,
    rest: [u8; 148],
}

/// `MIB_UNICASTIPADDRESS_ROW` (80 bytes on Win64): ws2mp fills `Address`, `InterfaceLuid` and
/// `InterfaceIndex`, as Windows does for a notification.
#[repr(C)]
pub struct MibUnicastIpAddressRow {
    address: [u8; 28],
    luid: u64,
    index: u32,
    rest: [u8; 36],
}

/// `PIPINTERFACE_CHANGE_CALLBACK`.
pub type PIPINTERFACE_CHANGE_CALLBACK = Option<
    unsafe extern "C" fn(
        CallerContext: *mut c_void,
        Row: *mut MibIpInterfaceRow,
        NotificationType: MIB_NOTIFICATION_TYPE,
    ),
>;

/// `PUNICAST_IPADDRESS_CHANGE_CALLBACK`.
pub type PUNICAST_IPADDRESS_CHANGE_CALLBACK = Option<
    unsafe extern "C" fn(
        CallerContext: *mut c_void,
        Row: *mut MibUnicastIpAddressRow,
        NotificationType: MIB_NOTIFICATION_TYPE,
    ),
>;

/// Windows' `AF_INET6` (23); the native value is accepted too.
const WIN_AF_INET6: u16 = 23;

/// The families a `Family` argument asks for (native values), or None for another value.
fn families(family: u16) -> Option<Vec<i32>> {
    match i32::from(family) {
        libc::AF_UNSPEC => Some(vec![libc::AF_INET, libc::AF_INET6]),
        libc::AF_INET => Some(vec![libc::AF_INET]),
        f if f == libc::AF_INET6 || family == WIN_AF_INET6 => Some(vec![libc::AF_INET6]),
        _ => None,
    }
}

/// A program's callback and context, callable from the watch thread.
#[derive(Clone, Copy)]
struct Program {
    callback: usize,
    context: usize,
}

/// Registers `listener`, runs the initial notification if asked, writes the handle.
///
/// # Safety
/// `handle` NULL or writable.
unsafe fn register(
    listener: Listener,
    initial: Option<Box<dyn FnOnce() + Send>>,
    handle: *mut *mut c_void,
) -> u32 {
    let Ok(id) = net_change::listen(listener) else {
        return ERROR_NOT_SUPPORTED;
    };
    if super::write_out(handle.cast::<usize>(), id as usize).is_err() {
        net_change::unlisten(id);
        return ERROR_INVALID_PARAMETER;
    }
    if let Some(f) = initial {
        if net_change::run_as_listener(id, f).is_err() {
            net_change::unlisten(id);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
    }
    ERROR_SUCCESS
}

/// The `NET_LUID` of the interface with this index (one that is gone: an Ethernet one's).
fn luid_of_index(index: u32) -> u64 {
    crate::win32::luid::luid_of_index(index)
        .unwrap_or_else(|| crate::win32::luid::luid_of(index, false))
}

/// Calls the program's `MIB_IPINTERFACE_ROW` callback.
fn call_interface(p: Program, row: Option<(i32, u32)>, kind: MIB_NOTIFICATION_TYPE) {
    let mut storage = row.map(|(family, index)| MibIpInterfaceRow {
        family: family as u16,
        luid: luid_of_index(index),
        index,
        rest: [0; 148],
    });
    let row = storage
        .as_mut()
        .map_or(std::ptr::null_mut(), |r| r as *mut MibIpInterfaceRow);
    // SAFETY: a non-NULL callback the program registered, cast back to its own type.
    let f: unsafe extern "C" fn(*mut c_void, *mut MibIpInterfaceRow, MIB_NOTIFICATION_TYPE) =
        unsafe { std::mem::transmute(p.callback) };
    // SAFETY: the program's callback, called as Windows calls it (context, row, type).
    unsafe { f(p.context as *mut c_void, row, kind) };
}

/// Calls the program's `MIB_UNICASTIPADDRESS_ROW` callback.
fn call_unicast(p: Program, row: Option<(IpAddr, u32)>, kind: MIB_NOTIFICATION_TYPE) {
    let mut storage = row.map(|(ip, index)| {
        let mut address = [0u8; 28];
        let sa = crate::addr::SockAddr::from_std(SocketAddr::new(ip, 0));
        let b = sa.as_bytes();
        let n = b.len().min(address.len());
        address[..n].copy_from_slice(&b[..n]);
        MibUnicastIpAddressRow {
            address,
            luid: luid_of_index(index),
            index,
            rest: [0; 36],
        }
    });
    let row = storage
        .as_mut()
        .map_or(std::ptr::null_mut(), |r| r as *mut MibUnicastIpAddressRow);
    // SAFETY: a non-NULL callback the program registered, cast back to its own type.
    let f: unsafe extern "C" fn(*mut c_void, *mut MibUnicastIpAddressRow, MIB_NOTIFICATION_TYPE) =
        unsafe { std::mem::transmute(p.callback) };
    // SAFETY: the program's callback, called as Windows calls it (context, row, type).
    unsafe { f(p.context as *mut c_void, row, kind) };
}

/// Calls `Callback` on a ws2mp thread whenever an IP interface of `Family` (`AF_UNSPEC`,
/// `AF_INET`, `AF_INET6`) appears (`MibAddInstance`), changes (`MibParameterNotification`)
/// or goes (`MibDeleteInstance`), with a row whose `Family`, `InterfaceLuid` and
/// `InterfaceIndex` are filled (once per family for `AF_UNSPEC`); with `InitialNotification`
/// TRUE also once soon after the call with `MibInitialNotification` and a NULL row, as
/// Windows does. `*NotificationHandle` is for `CancelMibChangeNotify2`. Errors:
/// `ERROR_INVALID_PARAMETER` (another family, NULL callback or handle), `ERROR_NOT_SUPPORTED`
/// (the changes cannot be watched).
///
/// # Safety
/// `NotificationHandle` NULL or writable; the callback callable until cancelled.
#[no_mangle]
pub unsafe extern "C" fn NotifyIpInterfaceChange(
    Family: u16,
    Callback: PIPINTERFACE_CHANGE_CALLBACK,
    CallerContext: *mut c_void,
    InitialNotification: u8,
    NotificationHandle: *mut *mut c_void,
) -> u32 {
    guard(|| {
        let (Some(wanted), Some(cb)) = (families(Family), Callback) else {
            return ERROR_INVALID_PARAMETER;
        };
        if NotificationHandle.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let p = Program {
            callback: cb as usize,
            context: CallerContext as usize,
        };
        let known: HashSet<u32> = crate::sys::ifaces::interfaces()
            .unwrap_or_default()
            .iter()
            .map(|i| i.index)
            .collect();
        let known = Mutex::new(known);
        let listener: Listener = Arc::new(move |c: &Change| {
            let Change::Interface { index, removed } = *c else {
                return;
            };
            let kind = {
                let mut k = known.lock().unwrap_or_else(|e| e.into_inner());
                if removed {
                    k.remove(&index);
                    MIB_NOTIFICATION_TYPE::MibDeleteInstance
                } else if k.insert(index) {
                    MIB_NOTIFICATION_TYPE::MibAddInstance
                } else {
                    MIB_NOTIFICATION_TYPE::MibParameterNotification
                }
            };
            for &family in &wanted {
                call_interface(p, Some((family, index)), kind);
            }
        });
        let initial = (InitialNotification != 0).then(|| {
            Box::new(move || call_interface(p, None, MIB_NOTIFICATION_TYPE::MibInitialNotification))
                as Box<dyn FnOnce() + Send>
        });
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { register(listener, initial, NotificationHandle) }
    })
}

/// Calls `Callback` on a ws2mp thread whenever a unicast IP address of `Family` is added
/// (`MibAddInstance`), changes (`MibParameterNotification`) or is removed
/// (`MibDeleteInstance`), with a row whose `Address`, `InterfaceLuid` and `InterfaceIndex` are
/// filled; `InitialNotification` and the errors as `NotifyIpInterfaceChange`.
///
/// # Safety
/// As `NotifyIpInterfaceChange`.
#[no_mangle]
pub unsafe extern "C" fn NotifyUnicastIpAddressChange(
    Family: u16,
    Callback: PUNICAST_IPADDRESS_CHANGE_CALLBACK,
    CallerContext: *mut c_void,
    InitialNotification: u8,
    NotificationHandle: *mut *mut c_void,
) -> u32 {
    guard(|| {
        let (Some(wanted), Some(cb)) = (families(Family), Callback) else {
            return ERROR_INVALID_PARAMETER;
        };
        if NotificationHandle.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        let p = Program {
            callback: cb as usize,
            context: CallerContext as usize,
        };
        let known: HashSet<(IpAddr, u32)> = crate::sys::interface_addrs()
            .unwrap_or_default()
            .iter()
            .map(|a| (a.addr, a.index))
            .collect();
        let known = Mutex::new(known);
        let listener: Listener = Arc::new(move |c: &Change| {
            let Change::Address {
                addr: Some(ip),
                index,
                removed,
                ..
            } = *c
            else {
                return;
            };
            let family = if ip.is_ipv4() {
                libc::AF_INET
            } else {
                libc::AF_INET6
            };
            if !wanted.contains(&family) {
                return;
            }
            let kind = {
                let mut k = known.lock().unwrap_or_else(|e| e.into_inner());
                if removed {
                    k.remove(&(ip, index));
                    MIB_NOTIFICATION_TYPE::MibDeleteInstance
                } else if k.insert((ip, index)) {
                    MIB_NOTIFICATION_TYPE::MibAddInstance
                } else {
                    MIB_NOTIFICATION_TYPE::MibParameterNotification
                }
            };
            call_unicast(p, Some((ip, index)), kind);
        });
        let initial = (InitialNotification != 0).then(|| {
            Box::new(move || call_unicast(p, None, MIB_NOTIFICATION_TYPE::MibInitialNotification))
                as Box<dyn FnOnce() + Send>
        });
        // SAFETY: checked non-NULL; caller guarantee.
        unsafe { register(listener, initial, NotificationHandle) }
    })
}

/// Ends a `NotifyIpInterfaceChange` / `NotifyUnicastIpAddressChange` registration: once it
/// returns the callback is not running and is not called again (called from inside the
/// callback it does not wait for that call). `NO_ERROR`, `ERROR_INVALID_PARAMETER` (NULL) or
/// `ERROR_INVALID_HANDLE` (not a registration).
#[no_mangle]
pub extern "C" fn CancelMibChangeNotify2(NotificationHandle: *mut c_void) -> u32 {
    guard(|| {
        if NotificationHandle.is_null() {
            return ERROR_INVALID_PARAMETER;
        }
        if net_change::unlisten(NotificationHandle as u64) {
            ERROR_SUCCESS
        } else {
            ERROR_INVALID_HANDLE
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn rows_have_windows_layout() {
        assert_eq!(size_of::<MibIpInterfaceRow>(), 168);
        assert_eq!(offset_of!(MibIpInterfaceRow, luid), 8);
        assert_eq!(offset_of!(MibIpInterfaceRow, index), 16);
        assert_eq!(size_of::<MibUnicastIpAddressRow>(), 80);
        assert_eq!(offset_of!(MibUnicastIpAddressRow, luid), 32);
        assert_eq!(offset_of!(MibUnicastIpAddressRow, index), 40);
    }
}
