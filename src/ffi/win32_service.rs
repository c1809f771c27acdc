//! Services (`<winsvc.h>`): `StartServiceCtrlDispatcher`, `RegisterServiceCtrlHandler(Ex)`,
//! `SetServiceStatus` over `handle::service`; the service control manager's client calls
//! (`OpenSCManager`, `CreateService`, ...), which fail because there is no such manager; and
//! the event log (`RegisterEventSource`, `ReportEvent`, `DeregisterEventSource`) over
//! `win32::event_log`.

use super::call;
use super::win32_sync::{name_a, name_w};
use crate::handle::{codes, err, service};
use crate::sys::routine::{ServiceHandler, ServiceMain};
use crate::win32::event_log;
use std::os::raw::{c_char, c_void};

/// `ERROR_CALL_NOT_IMPLEMENTED`: there is no service control manager to talk to.
const ERROR_CALL_NOT_IMPLEMENTED: i32 = 120;

/// A Win32 error code of the `win32` core as the ABI's error.
fn win32_error(code: u32) -> crate::error::WsaError {
    err(code as i32)
}

/// A `ServiceMain` of either character type, as `sys::routine::ServiceMain` calls it.
type RawServiceMain = unsafe extern "C-unwind" fn(u32, *mut *mut c_void);

/// Longest service table read (a safety cap; a table ends with a NULL entry).
const TABLE_CAP: usize = 1024;

/// A service's entry point: `VOID WINAPI ServiceMain(DWORD dwNumServicesArgs, LPSTR *lpServiceArgVectors)`.
pub type LPSERVICE_MAIN_FUNCTIONA = Option<unsafe extern "C-unwind" fn(u32, *mut *mut c_char)>;
/// `ServiceMain` with UTF-16 arguments.
pub type LPSERVICE_MAIN_FUNCTIONW = Option<unsafe extern "C-unwind" fn(u32, *mut *mut u16)>;
/// A service's control handler: `VOID WINAPI Handler(DWORD dwControl)`.
pub type LPHANDLER_FUNCTION = Option<unsafe extern "C" fn(u32)>;
/// An extended control handler: `DWORD WINAPI HandlerEx(DWORD dwControl, DWORD dwEventType,
/// LPVOID lpEventData, LPVOID lpContext)`.
pub type LPHANDLER_FUNCTION_EX =
    Option<unsafe extern "C" fn(u32, u32, *mut c_void, *mut c_void) -> u32>;

/// One service of a process (`SERVICE_TABLE_ENTRYA`); a table ends with a NULL entry.
#[repr(C)]
pub struct _SERVICE_TABLE_ENTRYA {
    pub lpServiceName: *mut c_char,
    pub lpServiceProc: LPSERVICE_MAIN_FUNCTIONA,
}

/// `SERVICE_TABLE_ENTRYW`.
#[repr(C)]
pub struct _SERVICE_TABLE_ENTRYW {
    pub lpServiceName: *mut u16,
    pub lpServiceProc: LPSERVICE_MAIN_FUNCTIONW,
}

/// A service's status (`SERVICE_STATUS`, 28 bytes).
#[repr(C)]
pub struct _SERVICE_STATUS {
    pub dwServiceType: u32,
    pub dwCurrentState: u32,
    pub dwControlsAccepted: u32,
    pub dwWin32ExitCode: u32,
    pub dwServiceSpecificExitCode: u32,
    pub dwCheckPoint: u32,
    pub dwWaitHint: u32,
}
const _: () = assert!(std::mem::size_of::<_SERVICE_STATUS>() == 28);

/// The (name, entry point) pairs of a table, up to its NULL entry.
///
/// # Safety
/// `table` must be NULL or point to entries ending with one whose name or routine is NULL.
unsafe fn table_entries<E>(
    table: *const E,
    read: impl Fn(&E) -> Option<(String, RawServiceMain)>,
) -> Vec<(String, RawServiceMain)> {
    let mut entries = Vec::new();
    if table.is_null() {
        return entries;
    }
    for i in 0..TABLE_CAP {
        // SAFETY: caller guarantee: entries up to the terminating one are readable.
        let entry = unsafe { &*table.add(i) };
        match read(entry) {
            Some(e) => entries.push(e),
            None => break,
        }
    }
    entries
}

fn start(entries: Vec<(String, RawServiceMain)>, wide: bool) -> i32 {
    call(0, || {
        let names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
        service::dispatch(&names, |i, name| {
            // SAFETY: the program gave this routine as its ServiceMain for `name`, which Windows
            // calls once on a thread of its own with the service's name.
            unsafe { ServiceMain::new(entries[i].1, wide, name) }
        })?;
        Ok(1)
    })
}

/// Connects the process's main thread to the service manager and runs the service of the
/// table it was started as. ws2mp's rule (there is no Windows service control manager): the
/// process is a service when its environment has `WS2MP_SERVICE` (set it in the systemd unit;
/// a service's name selects it from a table of several, otherwise the first runs). Then the
/// service's `ServiceMain` runs on a new thread with its name as the one argument, and this
/// thread calls the service's control handler: SIGTERM and SIGINT are `SERVICE_CONTROL_STOP`
/// (`SERVICE_CONTROL_SHUTDOWN` if only that is accepted; a stop not accepted ends the process),
/// SIGHUP is `SERVICE_CONTROL_PARAMCHANGE`. Returns TRUE once the service reports
/// `SERVICE_STOPPED`.
///
/// Without `WS2MP_SERVICE` (started from a console) it fails with
/// `ERROR_FAILED_SERVICE_CONTROLLER_CONNECT`, as on Windows; `ERROR_SERVICE_ALREADY_RUNNING`
/// if called twice; `ERROR_INVALID_PARAMETER` for an empty or NULL table.
///
/// # Safety
/// `lpServiceStartTable` must be NULL or an array of entries ending with a NULL entry.
#[no_mangle]
pub unsafe extern "C" fn StartServiceCtrlDispatcherA(
    lpServiceStartTable: *const _SERVICE_TABLE_ENTRYA,
) -> i32 {
    let read = |e: &_SERVICE_TABLE_ENTRYA| {
        let f = e.lpServiceProc?;
        // SAFETY: caller guarantee: a NUL-terminated name.
        let name = unsafe { name_a(e.lpServiceName) }?;
        // SAFETY: LPSTR * and void ** are passed alike.
        let f = unsafe {
            std::mem::transmute::<unsafe extern "C-unwind" fn(u32, *mut *mut c_char), RawServiceMain>(
                f,
            )
        };
        Some((name, f))
    };
    // SAFETY: caller guarantee.
    let entries = unsafe { table_entries(lpServiceStartTable, read) };
    start(entries, false)
}

/// `StartServiceCtrlDispatcherA` with UTF-16 names; `ServiceMain` gets a UTF-16 argument.
///
/// # Safety
/// `lpServiceStartTable` must be NULL or an array of entries ending with a NULL entry.
#[no_mangle]
pub unsafe extern "C" fn StartServiceCtrlDispatcherW(
    lpServiceStartTable: *const _SERVICE_TABLE_ENTRYW,
) -> i32 {
    let read = |e: &_SERVICE_TABLE_ENTRYW| {
        let f = e.lpServiceProc?;
        // SAFETY: caller guarantee: a NUL-terminated name.
        let name = unsafe { name_w(e.lpServiceName) }?;
        // SAFETY: LPWSTR * and void ** are passed alike.
        let f = unsafe {
            std::mem::transmute::<unsafe extern "C-unwind" fn(u32, *mut *mut u16), RawServiceMain>(
                f,
            )
        };
        Some((name, f))
    };
    // SAFETY: caller guarantee.
    let entries = unsafe { table_entries(lpServiceStartTable, read) };
    start(entries, true)
}

fn register(handler: Option<ServiceHandler>) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        let handler = handler.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        Ok(service::register(handler)? as *mut c_void)
    })
}

/// Registers the running service's control handler (called from its `ServiceMain`; the name
/// is not checked, as Windows does not for a service in a process of its own). Returns the
/// status handle for `SetServiceStatus`, or NULL with `ERROR_SERVICE_NOT_IN_EXE` (no service
/// runs: `StartServiceCtrlDispatcher` was not called or failed).
///
/// # Safety
/// `lpHandlerProc` must be callable with a control code from the dispatcher's thread.
#[no_mangle]
pub unsafe extern "C" fn RegisterServiceCtrlHandlerA(
    lpServiceName: *const c_char,
    lpHandlerProc: LPHANDLER_FUNCTION,
) -> *mut c_void {
    let _ = lpServiceName;
    // SAFETY: caller guarantee.
    register(lpHandlerProc.map(|f| unsafe { ServiceHandler::plain(f) }))
}

/// `RegisterServiceCtrlHandlerA` with a UTF-16 name.
///
/// # Safety
/// As `RegisterServiceCtrlHandlerA`.
#[no_mangle]
pub unsafe extern "C" fn RegisterServiceCtrlHandlerW(
    lpServiceName: *const u16,
    lpHandlerProc: LPHANDLER_FUNCTION,
) -> *mut c_void {
    let _ = lpServiceName;
    // SAFETY: caller guarantee.
    register(lpHandlerProc.map(|f| unsafe { ServiceHandler::plain(f) }))
}

/// `RegisterServiceCtrlHandlerA` with a `HandlerEx`, called with the control, event type 0, no
/// event data, and `lpContext`.
///
/// # Safety
/// `lpHandlerProc` must be callable as described from the dispatcher's thread.
#[no_mangle]
pub unsafe extern "C" fn RegisterServiceCtrlHandlerExA(
    lpServiceName: *const c_char,
    lpHandlerProc: LPHANDLER_FUNCTION_EX,
    lpContext: *mut c_void,
) -> *mut c_void {
    let _ = lpServiceName;
    // SAFETY: caller guarantee.
    register(lpHandlerProc.map(|f| unsafe { ServiceHandler::ex(f, lpContext) }))
}

/// `RegisterServiceCtrlHandlerExA` with a UTF-16 name.
///
/// # Safety
/// As `RegisterServiceCtrlHandlerExA`.
#[no_mangle]
pub unsafe extern "C" fn RegisterServiceCtrlHandlerExW(
    lpServiceName: *const u16,
    lpHandlerProc: LPHANDLER_FUNCTION_EX,
    lpContext: *mut c_void,
) -> *mut c_void {
    let _ = lpServiceName;
    // SAFETY: caller guarantee.
    register(lpHandlerProc.map(|f| unsafe { ServiceHandler::ex(f, lpContext) }))
}

/// Reports the service's state (`dwCurrentState`, `SERVICE_STOPPED`..`SERVICE_PAUSED`) and the
/// controls it accepts (`dwControlsAccepted`); `SERVICE_STOPPED` lets
/// `StartServiceCtrlDispatcher` return. Also tells systemd (`READY=1` when running,
/// `STOPPING=1`) when it asked for notifications. Returns TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE` (not the handle `RegisterServiceCtrlHandler` gave, or no service
/// runs), `ERROR_INVALID_DATA` (an unknown state), `ERROR_INVALID_PARAMETER` (NULL status).
///
/// # Safety
/// `lpServiceStatus` must be NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn SetServiceStatus(
    hServiceStatus: *mut c_void,
    lpServiceStatus: *const _SERVICE_STATUS,
) -> i32 {
    call(0, || {
        if lpServiceStatus.is_null() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: caller guarantee.
        let status = unsafe { &*lpServiceStatus };
        service::set_status(
            hServiceStatus as usize,
            status.dwCurrentState,
            status.dwControlsAccepted,
        )?;
        Ok(1)
    })
}

/// No service control manager: fails with `ERROR_CALL_NOT_IMPLEMENTED` (install and remove a
/// service with the system's own service manager, e.g. a systemd unit).
#[no_mangle]
pub extern "C" fn OpenSCManagerA(
    lpMachineName: *const c_char,
    lpDatabaseName: *const c_char,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (lpMachineName, lpDatabaseName, dwDesiredAccess);
    call(std::ptr::null_mut(), || {
        Err(err(ERROR_CALL_NOT_IMPLEMENTED))
    })
}

/// `OpenSCManagerA` with UTF-16 names: fails the same way.
#[no_mangle]
pub extern "C" fn OpenSCManagerW(
    lpMachineName: *const u16,
    lpDatabaseName: *const u16,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (lpMachineName, lpDatabaseName, dwDesiredAccess);
    call(std::ptr::null_mut(), || {
        Err(err(ERROR_CALL_NOT_IMPLEMENTED))
    })
}

/// A call on a service-manager or service handle, which `OpenSCManager` never gives here:
/// `ERROR_INVALID_HANDLE`.
fn no_handle<T>(fail: T) -> T {
    call(fail, || Err(err(codes::ERROR_INVALID_HANDLE)))
}

/// Fails with `ERROR_INVALID_HANDLE` (no service-manager handle exists; see `OpenSCManagerA`).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn CreateServiceA(
    hSCManager: *mut c_void,
    lpServiceName: *const c_char,
    lpDisplayName: *const c_char,
    dwDesiredAccess: u32,
    dwServiceType: u32,
    dwStartType: u32,
    dwErrorControl: u32,
    lpBinaryPathName: *const c_char,
    lpLoadOrderGroup: *const c_char,
    lpdwTagId: *mut u32,
    lpDependencies: *const c_char,
    lpServiceStartName: *const c_char,
    lpPassword: *const c_char,
) -> *mut c_void {
    let _ = (
        hSCManager,
        lpServiceName,
        lpDisplayName,
        dwDesiredAccess,
        dwServiceType,
    );
    let _ = (
        dwStartType,
        dwErrorControl,
        lpBinaryPathName,
        lpLoadOrderGroup,
        lpdwTagId,
    );
    let _ = (lpDependencies, lpServiceStartName, lpPassword);
    no_handle(std::ptr::null_mut())
}

/// `CreateServiceA` with UTF-16 strings: fails the same way.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn CreateServiceW(
    hSCManager: *mut c_void,
    lpServiceName: *const u16,
    lpDisplayName: *const u16,
    dwDesiredAccess: u32,
    dwServiceType: u32,
    dwStartType: u32,
    dwErrorControl: u32,
    lpBinaryPathName: *const u16,
    lpLoadOrderGroup: *const u16,
    lpdwTagId: *mut u32,
    lpDependencies: *const u16,
    lpServiceStartName: *const u16,
    lpPassword: *const u16,
) -> *mut c_void {
    let _ = (
        hSCManager,
        lpServiceName,
        lpDisplayName,
        dwDesiredAccess,
        dwServiceType,
    );
    let _ = (
        dwStartType,
        dwErrorControl,
        lpBinaryPathName,
        lpLoadOrderGroup,
        lpdwTagId,
    );
    let _ = (lpDependencies, lpServiceStartName, lpPassword);
    no_handle(std::ptr::null_mut())
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn OpenServiceA(
    hSCManager: *mut c_void,
    lpServiceName: *const c_char,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (hSCManager, lpServiceName, dwDesiredAccess);
    no_handle(std::ptr::null_mut())
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn OpenServiceW(
    hSCManager: *mut c_void,
    lpServiceName: *const u16,
    dwDesiredAccess: u32,
) -> *mut c_void {
    let _ = (hSCManager, lpServiceName, dwDesiredAccess);
    no_handle(std::ptr::null_mut())
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn StartServiceA(
    hService: *mut c_void,
    dwNumServiceArgs: u32,
    lpServiceArgVectors: *const *const c_char,
) -> i32 {
    let _ = (hService, dwNumServiceArgs, lpServiceArgVectors);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn StartServiceW(
    hService: *mut c_void,
    dwNumServiceArgs: u32,
    lpServiceArgVectors: *const *const u16,
) -> i32 {
    let _ = (hService, dwNumServiceArgs, lpServiceArgVectors);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn ControlService(
    hService: *mut c_void,
    dwControl: u32,
    lpServiceStatus: *mut _SERVICE_STATUS,
) -> i32 {
    let _ = (hService, dwControl, lpServiceStatus);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn QueryServiceStatus(
    hService: *mut c_void,
    lpServiceStatus: *mut _SERVICE_STATUS,
) -> i32 {
    let _ = (hService, lpServiceStatus);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn ChangeServiceConfig2A(
    hService: *mut c_void,
    dwInfoLevel: u32,
    lpInfo: *mut c_void,
) -> i32 {
    let _ = (hService, dwInfoLevel, lpInfo);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn ChangeServiceConfig2W(
    hService: *mut c_void,
    dwInfoLevel: u32,
    lpInfo: *mut c_void,
) -> i32 {
    let _ = (hService, dwInfoLevel, lpInfo);
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn DeleteService(hService: *mut c_void) -> i32 {
    let _ = hService;
    no_handle(0)
}

/// Fails with `ERROR_INVALID_HANDLE` (see `OpenSCManagerA`).
#[no_mangle]
pub extern "C" fn CloseServiceHandle(hSCObject: *mut c_void) -> i32 {
    let _ = hSCObject;
    no_handle(0)
}

/// A handle for `ReportEvent` under the source name `lpSourceName` (the name each line of the
/// system log starts with). Another computer's log (`lpUNCServerName` not NULL) is
/// `ERROR_ACCESS_DENIED`; a NULL source `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// The names must be NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn RegisterEventSourceA(
    lpUNCServerName: *const c_char,
    lpSourceName: *const c_char,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let source = unsafe { name_a(lpSourceName) }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let handle =
            event_log::register(!lpUNCServerName.is_null(), &source).map_err(win32_error)?;
        Ok(handle as *mut c_void)
    })
}

/// `RegisterEventSourceA` with UTF-16 names.
///
/// # Safety
/// The names must be NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn RegisterEventSourceW(
    lpUNCServerName: *const u16,
    lpSourceName: *const u16,
) -> *mut c_void {
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let source = unsafe { name_w(lpSourceName) }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let handle =
            event_log::register(!lpUNCServerName.is_null(), &source).map_err(win32_error)?;
        Ok(handle as *mut c_void)
    })
}

/// Closes an event source handle. TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn DeregisterEventSource(hEventLog: *mut c_void) -> i32 {
    call(0, || {
        event_log::deregister(hEventLog as usize)
            .map(|()| 1)
            .map_err(win32_error)
    })
}

/// Closes an event log handle. Reading a log (`OpenEventLog`) is not provided, so the handles
/// there are to close are event sources from `RegisterEventSource`, which this closes as
/// `DeregisterEventSource` does (programs close them either way). TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE` (NULL, or not an open event log handle), as Windows fails
/// `CloseEventLog(NULL)`.
#[no_mangle]
pub extern "C" fn CloseEventLog(hEventLog: *mut c_void) -> i32 {
    DeregisterEventSource(hEventLog)
}

/// The insertion strings of a `ReportEvent` call.
///
/// # Safety
/// `strings` must be NULL (with `count` 0) or `count` readable pointers, each NULL or
/// NUL-terminated (read by `one`).
unsafe fn report_strings<T>(
    strings: *mut *const T,
    count: u16,
    one: unsafe fn(*const T) -> Option<String>,
) -> crate::error::WsaResult<Vec<String>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if strings.is_null() {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    // SAFETY: caller guarantee.
    let pointers = unsafe { std::slice::from_raw_parts(strings, usize::from(count)) };
    // SAFETY: caller guarantee, for each pointer.
    Ok(pointers
        .iter()
        .map(|&p| unsafe { one(p) }.unwrap_or_default())
        .collect())
}

/// Writes an event to the system log (`syslog`, facility user): one line with the source, the
/// event identifier's low 16 bits and the insertion strings separated by spaces (there are no
/// message files to format them with). `EVENTLOG_ERROR_TYPE` and `EVENTLOG_AUDIT_FAILURE` are
/// logged as errors, `EVENTLOG_WARNING_TYPE` as warnings, `EVENTLOG_AUDIT_SUCCESS` as notices,
/// the rest as information; the category, user and raw data are not logged. TRUE, or FALSE with
/// `ERROR_INVALID_HANDLE` or `ERROR_INVALID_PARAMETER` (strings announced, none given).
///
/// # Safety
/// `lpStrings` must be NULL or hold `wNumStrings` pointers to NUL-terminated strings.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ReportEventA(
    hEventLog: *mut c_void,
    wType: u16,
    wCategory: u16,
    dwEventID: u32,
    lpUserSid: *mut c_void,
    wNumStrings: u16,
    dwDataSize: u32,
    lpStrings: *mut *const c_char,
    lpRawData: *mut c_void,
) -> i32 {
    let _ = (wCategory, lpUserSid, dwDataSize, lpRawData);
    call(0, || {
        // SAFETY: caller guarantee.
        let strings = unsafe { report_strings(lpStrings, wNumStrings, name_a) }?;
        event_log::report(hEventLog as usize, wType, dwEventID, &strings)
            .map(|()| 1)
            .map_err(win32_error)
    })
}

/// `ReportEventA` with UTF-16 strings.
///
/// # Safety
/// `lpStrings` must be NULL or hold `wNumStrings` pointers to NUL-terminated strings.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ReportEventW(
    hEventLog: *mut c_void,
    wType: u16,
    wCategory: u16,
    dwEventID: u32,
    lpUserSid: *mut c_void,
    wNumStrings: u16,
    dwDataSize: u32,
    lpStrings: *mut *const u16,
    lpRawData: *mut c_void,
) -> i32 {
    let _ = (wCategory, lpUserSid, dwDataSize, lpRawData);
    call(0, || {
        // SAFETY: caller guarantee.
        let strings = unsafe { report_strings(lpStrings, wNumStrings, name_w) }?;
        event_log::report(hEventLog as usize, wType, dwEventID, &strings)
            .map(|()| 1)
            .map_err(win32_error)
    })
}
