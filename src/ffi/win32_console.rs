//! `SetConsoleCtrlHandler`: console control events (Ctrl-C, Ctrl-Break, close) from POSIX
//! signals. See `crate::handle::console` for the mapping.

use super::call;
use crate::handle::console;

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
        console::set_handler(HandlerRoutine, Add != 0)?;
        Ok(1)
    })
}
