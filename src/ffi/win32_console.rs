//! `SetConsoleCtrlHandler`: console control events (Ctrl-C, Ctrl-Break, close) from POSIX
//! signals. See `crate::handle::console` for the mapping.

use super::call;
use crate::handle::console;
use std::os::raw::c_void;

/// Adds (`Add` TRUE) or removes a console control handler. Handlers run on a dedicated thread,
/// last registered first, until one returns TRUE; if none does, the process ends with
/// `STATUS_CONTROL_C_EXIT` (exit status 0x3A on POSIX, its low byte). `HandlerRoutine` NULL
/// with `Add` TRUE makes the process ignore Ctrl-C; FALSE restores it. Events: SIGINT →
/// `CTRL_C_EVENT`, SIGQUIT → `CTRL_BREAK_EVENT`, SIGHUP and SIGTERM → `CTRL_CLOSE_EVENT` (after
/// which the process ends whatever the handlers return). Registering the first handler
/// installs ws2mp's handlers for those four signals (replacing the program's own).
///
/// Returns TRUE, or FALSE with `ERROR_INVALID_PARAMETER` (removing a handler that is not
/// registered).
#[no_mangle]
pub extern "C" fn SetConsoleCtrlHandler(
    HandlerRoutine: Option<unsafe extern "C" fn(u32) -> i32>,
    Add: i32,
) -> i32 {
    call(0, || {
        // SAFETY: the program registers a handler it keeps callable while registered.
        let handler = HandlerRoutine.map(|f| unsafe { crate::sys::routine::CtrlHandler::new(f) });
        console::set_handler(handler, Add != 0)?;
        Ok(1)
    })
}

/// The handle of standard input (`STD_INPUT_HANDLE`, `(DWORD)-10`), output (`-11`) or error
/// (`-12`), for `WriteConsole`. `CloseHandle` on it succeeds and changes nothing; waiting on it
/// is not supported (`WAIT_FAILED`). Returns `INVALID_HANDLE_VALUE` with
/// `ERROR_INVALID_PARAMETER` for any other value.
#[no_mangle]
pub extern "C" fn GetStdHandle(nStdHandle: u32) -> *mut c_void {
    call(usize::MAX as *mut c_void, || {
        Ok(console::std_handle(nStdHandle)? as *mut c_void)
    })
}

/// Writes `nNumberOfCharsToWrite` characters to standard output or error (a handle from
/// `GetStdHandle`), and their number to `lpNumberOfCharsWritten` (if not NULL).
/// `lpReserved` is ignored. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not an output
/// handle, or the write failed) or `ERROR_NOACCESS` (NULL buffer with a nonzero count).
///
/// # Safety
/// `lpBuffer` must be readable for `nNumberOfCharsToWrite` bytes; `lpNumberOfCharsWritten`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WriteConsoleA(
    hConsoleOutput: *mut c_void,
    lpBuffer: *const c_void,
    nNumberOfCharsToWrite: u32,
    lpNumberOfCharsWritten: *mut u32,
    lpReserved: *mut c_void,
) -> i32 {
    let _ = lpReserved;
    call(0, || {
        // SAFETY: caller guarantee.
        let text = unsafe { chars::<u8>(lpBuffer, nNumberOfCharsToWrite)? };
        console::write(hConsoleOutput as usize, text)?;
        // SAFETY: caller guarantee.
        unsafe { report(lpNumberOfCharsWritten, nNumberOfCharsToWrite) };
        Ok(1)
    })
}

/// `WriteConsoleA` for UTF-16 text (`nNumberOfCharsToWrite` counts `WCHAR`s), written to the
/// terminal as UTF-8.
///
/// # Safety
/// `lpBuffer` must be readable for `nNumberOfCharsToWrite` `WCHAR`s; `lpNumberOfCharsWritten`
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WriteConsoleW(
    hConsoleOutput: *mut c_void,
    lpBuffer: *const c_void,
    nNumberOfCharsToWrite: u32,
    lpNumberOfCharsWritten: *mut u32,
    lpReserved: *mut c_void,
) -> i32 {
    let _ = lpReserved;
    call(0, || {
        // SAFETY: caller guarantee.
        let units = unsafe { chars::<u16>(lpBuffer, nNumberOfCharsToWrite)? };
        console::write(
            hConsoleOutput as usize,
            String::from_utf16_lossy(units).as_bytes(),
        )?;
        // SAFETY: caller guarantee.
        unsafe { report(lpNumberOfCharsWritten, nNumberOfCharsToWrite) };
        Ok(1)
    })
}

/// Raises `CTRL_C_EVENT` (SIGINT) or `CTRL_BREAK_EVENT` (SIGQUIT) in this process: its console
/// control handlers run as for the key press. Windows signals every process attached to the
/// console (or the group `dwProcessGroupId`); ws2mp signals the calling process only, whatever
/// the group. Returns TRUE, or FALSE with `ERROR_INVALID_PARAMETER` (another event).
#[no_mangle]
pub extern "C" fn GenerateConsoleCtrlEvent(dwCtrlEvent: u32, dwProcessGroupId: u32) -> i32 {
    let _ = dwProcessGroupId;
    call(0, || {
        console::generate(dwCtrlEvent)?;
        Ok(1)
    })
}

/// The program's `count` characters at `buf` (NULL with a nonzero count: `ERROR_NOACCESS`).
///
/// # Safety
/// `buf` must be NULL or readable for `count` characters of type `T`.
unsafe fn chars<'a, T>(buf: *const c_void, count: u32) -> crate::error::WsaResult<&'a [T]> {
    if count == 0 {
        return Ok(&[]);
    }
    if buf.is_null() {
        return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
    }
    // SAFETY: caller guarantee.
    Ok(unsafe { std::slice::from_raw_parts(buf.cast::<T>(), count as usize) })
}

/// Stores the count of characters written, when the program asked for it.
///
/// # Safety
/// `out` must be NULL or writable.
unsafe fn report(out: *mut u32, count: u32) {
    // SAFETY: caller guarantee.
    if let Some(out) = unsafe { out.as_mut() } {
        *out = count;
    }
}
