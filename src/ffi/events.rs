//! Event objects and `WSAEventSelect` / `WSAEnumNetworkEvents` / `WSAWaitForMultipleEvents`.

use super::types::{SOCKET, WSAEVENT, WSANETWORKEVENTS};
use super::{call, call_ok, non_null, read_array, socket, write_array};
use crate::error::WsaError;
use crate::handle::events as object;
use crate::handle::wait::{self, WaitOutcome, WAIT_ABANDONED_0};
use crate::winsock::{
    FD_ALL_EVENTS, SOCKET_ERROR, WSA_WAIT_FAILED, WSA_WAIT_IO_COMPLETION, WSA_WAIT_TIMEOUT,
};

fn handle(h: WSAEVENT) -> usize {
    h as usize
}

/// Creates a manual-reset event object, initially not signalled. Like the other event calls
/// it needs no `WSAStartup` (on Windows they are the kernel's event calls; Microsoft's own
/// samples create their events first); the last `WSACleanup` closes it.
///
/// Returns `WSA_INVALID_EVENT` (NULL) on failure: `WSA_NOT_ENOUGH_MEMORY` (out of
/// descriptors or memory).
#[no_mangle]
pub extern "C" fn WSACreateEvent() -> WSAEVENT {
    call(std::ptr::null_mut(), || Ok(object::create()? as WSAEVENT))
}

/// Closes an event object. Afterwards every use of the handle fails with
/// `WSA_INVALID_HANDLE`; a thread waiting on it wakes and fails with `WSA_INVALID_HANDLE`;
/// sockets still selected to it keep their selection but nothing can wait on it.
/// Returns TRUE, or FALSE with `WSA_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn WSACloseEvent(hEvent: WSAEVENT) -> i32 {
    call(0, || {
        object::close(handle(hEvent))?;
        Ok(1)
    })
}

/// Signals an event object. Returns TRUE, or FALSE with `WSA_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn WSASetEvent(hEvent: WSAEVENT) -> i32 {
    call(0, || {
        object::set(handle(hEvent))?;
        Ok(1)
    })
}

/// Resets an event object to not signalled. Returns TRUE, or FALSE with `WSA_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn WSAResetEvent(hEvent: WSAEVENT) -> i32 {
    call(0, || {
        object::reset(handle(hEvent))?;
        Ok(1)
    })
}

/// Waits until one (`fWaitAll` FALSE) or all (TRUE) of 1–64 events are signalled, or
/// `dwTimeout` milliseconds pass (`WSA_INFINITE`: forever; 0: poll). Waiting never resets a
/// `WSACreateEvent` event. As on Windows this is `WaitForMultipleObjects`: any Win32 handle
/// works (an auto-reset `CreateEvent` event is reset by the wait that takes it, a thread
/// handle is signalled when the thread ends, a mutex or semaphore is acquired; an abandoned
/// mutex gives `WAIT_ABANDONED_0 + i`).
///
/// Returns `WSA_WAIT_EVENT_0 + i` with *i* the lowest signalled index (or 0 for all),
/// `WSA_WAIT_TIMEOUT`, or `WSA_WAIT_FAILED` with `WSA_INVALID_PARAMETER` (count outside 1–64,
/// NULL array, duplicate handles with `fWaitAll`), `WSA_INVALID_HANDLE` (a handle is not open
/// or was closed during the wait, or is a Win32 pseudo-handle such as `INVALID_HANDLE_VALUE`).
///
/// With `fAlertable` TRUE the wait is alertable: if no event can be taken and APCs are queued
/// to the thread (overlapped completion routines, `QueueUserAPC`), or get queued while it
/// waits, it runs them all, in the order they were queued, and returns
/// `WSA_WAIT_IO_COMPLETION` without taking any event (wait again for the events). An event
/// that is already signalled wins over queued APCs, which then stay queued, as on Windows.
///
/// # Safety
/// `lphEvents` must be NULL or readable for `cEvents` handles.
#[no_mangle]
pub unsafe extern "C" fn WSAWaitForMultipleEvents(
    cEvents: u32,
    lphEvents: *const WSAEVENT,
    fWaitAll: i32,
    dwTimeout: u32,
    fAlertable: i32,
) -> u32 {
    call(WSA_WAIT_FAILED, || {
        if lphEvents.is_null() || cEvents == 0 || cEvents > 64 {
            return Err(WsaError::WSA_INVALID_PARAMETER);
        }
        // The handles, through a checked copy (unreadable array: WSA_INVALID_PARAMETER, as a
        // NULL one).
        let mut copy = [0usize; 64];
        let copy = &mut copy[..cEvents as usize];
        read_array(lphEvents.cast::<usize>(), copy).map_err(|_| WsaError::WSA_INVALID_PARAMETER)?;
        let raw = &copy[..];
        // The Win32 pseudo-handles (`GetCurrentThread()`, `GetCurrentProcess()` =
        // `INVALID_HANDLE_VALUE`) are not event handles here.
        if raw.iter().any(|e| crate::handle::is_pseudo(*e)) {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
        let alertable = fAlertable != 0;
        let target = super::win32_handles::wait_target;
        let outcome = if let [one] = raw {
            wait::wait_ex(&[*one], fWaitAll != 0, dwTimeout, alertable, target)?
        } else {
            wait::wait_ex(raw, fWaitAll != 0, dwTimeout, alertable, target)?
        };
        match outcome {
            WaitOutcome::Signalled(i) => Ok(i as u32),
            WaitOutcome::Abandoned(i) => Ok(WAIT_ABANDONED_0 + i as u32),
            WaitOutcome::Timeout => Ok(WSA_WAIT_TIMEOUT),
            WaitOutcome::IoCompletion => Ok(WSA_WAIT_IO_COMPLETION),
        }
    })
}

/// Associates an event object with network events of a socket (`FD_READ`, `FD_WRITE`,
/// `FD_OOB`, `FD_ACCEPT`, `FD_CONNECT`, `FD_CLOSE`, ...) with Windows' rules: each event is
/// recorded once and re-enabled by its re-enabling call (receive, send after
/// `WSAEWOULDBLOCK`, accept); conditions that already hold are recorded at once; the call
/// replaces any earlier selection, clears the record, and makes the socket non-blocking (also
/// when `lNetworkEvents` is 0, which cancels the selection). Accepted sockets inherit the
/// selection. `WSAJoinLeaf` on a selected socket records FD_CONNECT (code 0). On a multicast
/// socket whose receive filter is on (`SIO_MULTIPOINT_LOOPBACK` FALSE, or bound to an interface
/// address), datagrams the filter drops are discarded before FD_READ is considered, so FD_READ
/// is never recorded for them.
///
/// Errors: `WSAEINVAL` (unknown bits, an invalid event handle with a non-zero mask),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn WSAEventSelect(s: SOCKET, hEventObject: WSAEVENT, lNetworkEvents: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        if lNetworkEvents & !FD_ALL_EVENTS != 0 {
            return Err(WsaError::WSAEINVAL);
        }
        let event = if lNetworkEvents == 0 {
            None
        } else {
            Some(object::lookup(handle(hEventObject)).map_err(|_| WsaError::WSAEINVAL)?)
        };
        sock.event_select(event, lNetworkEvents as u32, false)?;
        Ok(0)
    })
}

/// Reports the network events recorded for a socket since the last call, clears the record
/// and resets `hEventObject` (if not NULL), as one step. `iErrorCode[FD_x_BIT]` is written
/// only for reported events (WSAE codes: `FD_CONNECT` failure codes, `FD_CLOSE` 0 for a
/// graceful close or `WSAECONNABORTED` for a reset/failure). Enumerating does not re-enable
/// anything.
///
/// Errors: `WSAEFAULT` (NULL `lpNetworkEvents`), `WSAEINVAL` (invalid event handle),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`. On failure nothing changes.
///
/// # Safety
/// `lpNetworkEvents` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSAEnumNetworkEvents(
    s: SOCKET,
    hEventObject: WSAEVENT,
    lpNetworkEvents: *mut WSANETWORKEVENTS,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let out = non_null(lpNetworkEvents)?;
        let event = if hEventObject.is_null() {
            None
        } else {
            Some(object::lookup(handle(hEventObject)).map_err(|_| WsaError::WSAEINVAL)?)
        };
        // The structure goes through checked copies (never a crash: unreadable or read-only
        // memory is WSAEFAULT), and is proven writable before the record is taken, so that a
        // failure changes nothing. Codes of unreported events keep their old values.
        let raw = out.cast::<i32>();
        let mut fields = [0i32; 11];
        read_array(raw, &mut fields)?;
        write_array(raw, &fields)?;
        let mut codes = [0i32; 10];
        codes.copy_from_slice(&fields[1..]);
        let bits = sock.take_network_events(event.as_deref(), &mut codes);
        fields[0] = bits as i32;
        fields[1..].copy_from_slice(&codes);
        write_array(raw, &fields)?;
        Ok(0)
    })
}
