//! `GetCommandLineA` / `GetCommandLineW`: the process's command line as one string
//! (`crate::win32::command_line`), made once and kept for the life of the process, as Windows
//! keeps it.

use std::ffi::CString;
use std::os::raw::c_char;
use std::sync::OnceLock;

fn narrow() -> &'static CString {
    static LINE: OnceLock<CString> = OnceLock::new();
    LINE.get_or_init(|| {
        let line = crate::win32::command_line::this_process().replace('\0', "");
        CString::new(line).unwrap_or_default()
    })
}

/// The command line the process was started with, as Windows gives it: the program name and
/// the arguments joined by spaces, those holding spaces, tabs or quotes quoted (UTF-8). The
/// string lives as long as the process; the program must not change it.
#[no_mangle]
pub extern "C" fn GetCommandLineA() -> *mut c_char {
    narrow().as_ptr().cast_mut()
}

/// `GetCommandLineA` in UTF-16.
#[no_mangle]
pub extern "C" fn GetCommandLineW() -> *mut u16 {
    static LINE: OnceLock<Vec<u16>> = OnceLock::new();
    LINE.get_or_init(|| {
        let mut units: Vec<u16> = narrow().to_string_lossy().encode_utf16().collect();
        units.push(0);
        units
    })
    .as_ptr()
    .cast_mut()
}

/// The process's arguments as C strings, made once (a NULL after the last).
fn arguments() -> &'static (Vec<CString>, Vec<usize>) {
    static ARGS: OnceLock<(Vec<CString>, Vec<usize>)> = OnceLock::new();
    ARGS.get_or_init(|| {
        let strings: Vec<CString> = std::env::args_os()
            .map(|a| CString::new(a.to_string_lossy().replace('\0', "")).unwrap_or_default())
            .collect();
        let mut pointers: Vec<usize> = strings.iter().map(|s| s.as_ptr() as usize).collect();
        pointers.push(0);
        (strings, pointers)
    })
}

/// The number of arguments the program was started with (MSVC's `__argc`, which
/// `<windows.h>` maps to this call).
#[no_mangle]
pub extern "C" fn ws2mp_argc() -> i32 {
    arguments().0.len() as i32
}

/// The arguments the program was started with, NULL after the last (MSVC's `__argv`, which
/// `<windows.h>` maps to this call). The array and the strings live as long as the process.
#[no_mangle]
pub extern "C" fn ws2mp_argv() -> *mut *mut c_char {
    arguments().1.as_ptr().cast::<*mut c_char>().cast_mut()
}
