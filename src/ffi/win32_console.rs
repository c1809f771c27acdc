//! `SetConsoleCtrlHandler`: console control events (Ctrl-C, Ctrl-Break, close) from POSIX
//! signals. See `crate::handle::console` for the mapping.

use super::call;
use crate::error::WsaResult;
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

/// Sets the colours of later output on standard output or error (`FOREGROUND_*` |
/// `BACKGROUND_*`): on a terminal as ANSI sequences (the C library's buffered output is
/// flushed first, so colours apply where the program expects); output that is not a terminal
/// is left untouched. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn SetConsoleTextAttribute(hConsoleOutput: *mut c_void, wAttributes: u16) -> i32 {
    call(0, || {
        console::set_text_attribute(hConsoleOutput as usize, wAttributes)?;
        Ok(1)
    })
}

/// Sets the terminal's title when standard output is a terminal (nothing otherwise). TRUE;
/// FALSE with `ERROR_NOACCESS` for NULL.
///
/// # Safety
/// `lpConsoleTitle` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn SetConsoleTitleA(lpConsoleTitle: *const std::os::raw::c_char) -> i32 {
    call(0, || {
        if lpConsoleTitle.is_null() {
            return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
        }
        // SAFETY: caller guarantee.
        let title = unsafe { std::ffi::CStr::from_ptr(lpConsoleTitle) };
        console::set_title(&title.to_string_lossy())?;
        Ok(1)
    })
}

/// `SetConsoleTitleA` with a UTF-16 title.
///
/// # Safety
/// `lpConsoleTitle` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn SetConsoleTitleW(lpConsoleTitle: *const u16) -> i32 {
    call(0, || {
        if lpConsoleTitle.is_null() {
            return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
        }
        let mut n = 0usize;
        // SAFETY: caller guarantee: the string is terminated.
        while unsafe { *lpConsoleTitle.add(n) } != 0 {
            n += 1;
        }
        // SAFETY: the `n` units before the terminator are readable.
        let units = unsafe { std::slice::from_raw_parts(lpConsoleTitle, n) };
        console::set_title(&String::from_utf16_lossy(units))?;
        Ok(1)
    })
}

/// Copies `units` into a caller's buffer of `size` elements as Windows 8 and later do:
/// nothing for a size of 0, else as many as fit before a terminating NUL.
///
/// # Safety
/// `buf` must be NULL or point to `size` writable elements.
unsafe fn copy_title<T: Copy + Default>(units: &[T], buf: *mut T, size: u32) -> WsaResult<u32> {
    let len = u32::try_from(units.len()).unwrap_or(u32::MAX);
    if size == 0 {
        return Ok(0);
    }
    if buf.is_null() {
        return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
    }
    let n = units.len().min(size as usize - 1);
    // SAFETY: caller guarantee: `size` (> n) elements are writable.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, n);
        buf.add(n).write(T::default());
    }
    Ok(len)
}

/// `GetConsoleTitleA`: the console's title (what `SetConsoleTitle` last set; until then the
/// program's path) in `lpConsoleTitle`, cut to `nSize - 1` characters and terminated, as
/// Windows 8 and later do; returns the title's whole length in characters (the string's
/// length, without the terminator), 0 with the buffer untouched for an `nSize` of 0. A
/// program saves the title this way before setting its own and restores it when it ends.
///
/// # Safety
/// `lpConsoleTitle` must point to `nSize` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn GetConsoleTitleA(
    lpConsoleTitle: *mut std::os::raw::c_char,
    nSize: u32,
) -> u32 {
    call(0, || {
        let title = console::title();
        // SAFETY: caller guarantee.
        unsafe { copy_title(title.as_bytes(), lpConsoleTitle as *mut u8, nSize) }
    })
}

/// `GetConsoleTitleA` in UTF-16 (`nSize` and the result count `WCHAR`s).
///
/// # Safety
/// `lpConsoleTitle` must point to `nSize` writable `WCHAR`s.
#[no_mangle]
pub unsafe extern "C" fn GetConsoleTitleW(lpConsoleTitle: *mut u16, nSize: u32) -> u32 {
    call(0, || {
        let title: Vec<u16> = console::title().encode_utf16().collect();
        // SAFETY: caller guarantee.
        unsafe { copy_title(&title, lpConsoleTitle, nSize) }
    })
}

/// `CONSOLE_SCREEN_BUFFER_INFO` (22 bytes, Windows' layout).
#[repr(C)]
struct ScreenBufferInfo {
    size: [i16; 2],
    cursor: [i16; 2],
    attributes: u16,
    window: [i16; 4],
    max_window: [i16; 2],
}

/// Fills a `CONSOLE_SCREEN_BUFFER_INFO` for standard output or error: the buffer and window
/// are the terminal's size (80 x 25 when the output is not a terminal), the cursor is reported
/// at 0,0 (ws2mp does not query the terminal), `wAttributes` is the last
/// `SetConsoleTextAttribute` (0x07 until then). TRUE; FALSE with `ERROR_INVALID_HANDLE` or
/// `ERROR_NOACCESS` (NULL).
///
/// # Safety
/// `lpConsoleScreenBufferInfo` must be NULL or point to a writable
/// `CONSOLE_SCREEN_BUFFER_INFO`.
#[no_mangle]
pub unsafe extern "C" fn GetConsoleScreenBufferInfo(
    hConsoleOutput: *mut c_void,
    lpConsoleScreenBufferInfo: *mut c_void,
) -> i32 {
    call(0, || {
        let ((cols, rows), attributes) = console::screen_info(hConsoleOutput as usize)?;
        if lpConsoleScreenBufferInfo.is_null() {
            return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
        }
        let (w, h) = (
            cols.min(i16::MAX as u16) as i16,
            rows.min(i16::MAX as u16) as i16,
        );
        let info = ScreenBufferInfo {
            size: [w, h],
            cursor: [0, 0],
            attributes,
            window: [0, 0, w - 1, h - 1],
            max_window: [w, h],
        };
        // SAFETY: caller guarantee (SMALL_RECT and COORD are 2-aligned).
        unsafe { (lpConsoleScreenBufferInfo as *mut ScreenBufferInfo).write_unaligned(info) };
        Ok(1)
    })
}

/// The C library's `system` as Windows' runs it; `<stdlib.h>`, `<windows.h>` & co. make
/// `system` this (`-DWS2MP_NO_SYSTEM` keeps the C library's). cmd.exe's console commands that
/// Windows console programs run and the POSIX shell lacks are carried out here, read
/// case-insensitively as cmd reads them: `pause` (also `pause>nul`), `cls`, `title text`,
/// `color` / `color bf`, `start [/wait] command` (see `crate::handle::console::run_cmd_builtin`). Anything else goes
/// to the C library's `system`, and the result is the command's exit code as Windows' returns
/// it (`exit 3` gives 3, not a wait status). NULL: nonzero when a shell is available. Not a
/// Win32 function: the last error is left as it was.
///
/// # Safety
/// `command` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_system(command: *const std::os::raw::c_char) -> i32 {
    let command = if command.is_null() {
        None
    } else {
        // SAFETY: caller guarantee: a NUL-terminated string.
        Some(unsafe { std::ffi::CStr::from_ptr(command) })
    };
    let builtin = command
        .and_then(|c| c.to_str().ok())
        .and_then(console::cmd_builtin);
    std::panic::catch_unwind(|| match builtin {
        Some(b) => console::run_cmd_builtin(&b),
        None => crate::sys::console::run_shell(command),
    })
    .unwrap_or(-1)
}

/// Sounds the terminal's bell (BEL on standard output or error, whichever is a terminal) and
/// returns after `dwDuration` milliseconds, as Windows returns after its tone. TRUE; FALSE
/// with `ERROR_INVALID_PARAMETER` for a frequency outside 37-32767 Hz.
#[no_mangle]
pub extern "C" fn Beep(dwFreq: u32, dwDuration: u32) -> i32 {
    call(0, || {
        console::beep(dwFreq, dwDuration)?;
        Ok(1)
    })
}

/// The console mode of a standard handle on a terminal: for standard input
/// `ENABLE_PROCESSED_INPUT` (1), `ENABLE_LINE_INPUT` (2) and `ENABLE_ECHO_INPUT` (4) as the
/// terminal has them; for output 7 (processed output, wrapping, escape sequences). FALSE with
/// `ERROR_INVALID_HANDLE` for a redirected handle (as Windows: not a console) or any other
/// handle, `ERROR_NOACCESS` for a NULL `lpMode`.
///
/// # Safety
/// `lpMode` must be NULL or point to a writable DWORD.
#[no_mangle]
pub unsafe extern "C" fn GetConsoleMode(hConsoleHandle: *mut c_void, lpMode: *mut u32) -> i32 {
    call(0, || {
        let mode = console::mode(hConsoleHandle as usize)?;
        // SAFETY: caller guarantee: NULL or writable.
        let out = unsafe { lpMode.as_mut() }
            .ok_or(crate::handle::err(crate::handle::codes::ERROR_NOACCESS))?;
        *out = mode;
        Ok(1)
    })
}

/// Sets standard input's echo, line input and Ctrl-C processing on the terminal
/// (`ENABLE_ECHO_INPUT` without `ENABLE_LINE_INPUT` is `ERROR_INVALID_PARAMETER`, as on
/// Windows; other bits change nothing); an output handle's mode is accepted and changes
/// nothing (escape sequences are always processed). FALSE with `ERROR_INVALID_HANDLE` for a
/// redirected or other handle.
#[no_mangle]
pub extern "C" fn SetConsoleMode(hConsoleHandle: *mut c_void, dwMode: u32) -> i32 {
    call(0, || {
        console::set_mode(hConsoleHandle as usize, dwMode)?;
        Ok(1)
    })
}

/// `SetConsoleCursorPosition` with the `COORD` as two numbers (`<consoleapi.h>`'s inline
/// function passes them): moves the terminal's cursor to column `x`, row `y` (0-based).
/// Output that is not a terminal gets nothing (TRUE). FALSE with `ERROR_INVALID_PARAMETER`
/// for a negative position, `ERROR_INVALID_HANDLE` for standard input or another handle.
#[no_mangle]
pub extern "C" fn ws2mp_SetConsoleCursorPosition(
    hConsoleOutput: *mut c_void,
    x: i16,
    y: i16,
) -> i32 {
    call(0, || {
        console::set_cursor_position(hConsoleOutput as usize, x, y)?;
        Ok(1)
    })
}

/// Reads from the terminal on standard input (`nNumberOfCharsToRead` bytes at most), waiting
/// for some; a line ends in `\r\n` as Windows' console gives it (`\r` for Enter without
/// line input). TRUE with the count in `lpNumberOfCharsRead`; FALSE with
/// `ERROR_INVALID_HANDLE` for a redirected or other handle (as Windows), `ERROR_NOACCESS` for
/// a NULL buffer. `pInputControl` is ignored.
///
/// # Safety
/// `lpBuffer` must be writable for `nNumberOfCharsToRead` bytes; `lpNumberOfCharsRead` NULL
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn ReadConsoleA(
    hConsoleInput: *mut c_void,
    lpBuffer: *mut c_void,
    nNumberOfCharsToRead: u32,
    lpNumberOfCharsRead: *mut u32,
    pInputControl: *mut c_void,
) -> i32 {
    let _ = pInputControl;
    call(0, || {
        if lpBuffer.is_null() {
            return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
        }
        // SAFETY: caller guarantee: writable for the count.
        let buf = unsafe {
            std::slice::from_raw_parts_mut(lpBuffer.cast::<u8>(), nNumberOfCharsToRead as usize)
        };
        let n = console::read_console(hConsoleInput as usize, buf)?;
        // SAFETY: caller guarantee: NULL or writable.
        if let Some(out) = unsafe { lpNumberOfCharsRead.as_mut() } {
            *out = n as u32;
        }
        Ok(1)
    })
}

/// `ReadConsoleA` in UTF-16: `nNumberOfCharsToRead` counts `WCHAR`s; the terminal's UTF-8 is
/// converted (a sequence cut at the buffer's end becomes U+FFFD).
///
/// # Safety
/// `lpBuffer` must be writable for `nNumberOfCharsToRead` `WCHAR`s; `lpNumberOfCharsRead` NULL
/// or writable.
#[no_mangle]
pub unsafe extern "C" fn ReadConsoleW(
    hConsoleInput: *mut c_void,
    lpBuffer: *mut c_void,
    nNumberOfCharsToRead: u32,
    lpNumberOfCharsRead: *mut u32,
    pInputControl: *mut c_void,
) -> i32 {
    let _ = pInputControl;
    call(0, || {
        if lpBuffer.is_null() {
            return Err(crate::handle::err(crate::handle::codes::ERROR_NOACCESS));
        }
        // A UTF-8 byte never makes more than one UTF-16 unit, and a 4-byte sequence two.
        let mut bytes = vec![0u8; nNumberOfCharsToRead as usize];
        let n = console::read_console(hConsoleInput as usize, &mut bytes)?;
        let units: Vec<u16> = String::from_utf8_lossy(&bytes[..n])
            .encode_utf16()
            .collect();
        let count = units.len().min(nNumberOfCharsToRead as usize);
        // SAFETY: caller guarantee: writable for nNumberOfCharsToRead units, count is at most that.
        unsafe { std::ptr::copy_nonoverlapping(units.as_ptr(), lpBuffer.cast::<u16>(), count) };
        // SAFETY: caller guarantee: NULL or writable.
        if let Some(out) = unsafe { lpNumberOfCharsRead.as_mut() } {
            *out = count as u32;
        }
        Ok(1)
    })
}

/// Drops the terminal's unread input on standard input. TRUE; FALSE with
/// `ERROR_INVALID_HANDLE` for a redirected or other handle.
#[no_mangle]
pub extern "C" fn FlushConsoleInputBuffer(hConsoleInput: *mut c_void) -> i32 {
    call(0, || {
        console::flush_console_input(hConsoleInput as usize)?;
        Ok(1)
    })
}

/// `MessageBeep`: the sound of a message box type (`MB_OK`, `MB_ICONHAND`, ..., or
/// 0xFFFFFFFF, the simple beep) is the terminal's bell, as for `Beep` (nothing when neither
/// standard output nor standard error is a terminal). Returns at once; TRUE.
#[no_mangle]
pub extern "C" fn MessageBeep(uType: u32) -> i32 {
    let _ = uType;
    console::bell();
    1
}

/// `ERROR_ACCESS_DENIED`, what `AllocConsole` sets in a process that has a console.
const ERROR_ACCESS_DENIED: i32 = 5;

/// `AllocConsole`: a program here always runs with its terminal (or its redirected standard
/// handles) as its console, so it fails as Windows does in a process that already has one:
/// FALSE with `ERROR_ACCESS_DENIED`. Programs that call it "just in case" go on writing to
/// the standard handles they already have.
#[no_mangle]
pub extern "C" fn AllocConsole() -> i32 {
    crate::error::set_last_error(ERROR_ACCESS_DENIED);
    0
}

/// `FreeConsole`: detaches nothing (the standard handles stay as they are) and returns TRUE.
#[no_mangle]
pub extern "C" fn FreeConsole() -> i32 {
    1
}

/// `GetConsoleWindow`: NULL, which Windows returns when the process has no console window
/// (e.g. in a pseudo-console): there is no window to show, hide or move here, and programs
/// that hide their console (`ShowWindow(GetConsoleWindow(), SW_HIDE)`) test for NULL first.
#[no_mangle]
pub extern "C" fn GetConsoleWindow() -> *mut c_void {
    std::ptr::null_mut()
}
