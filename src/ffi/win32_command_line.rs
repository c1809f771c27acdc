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
