//! `GetCommandLineA` / `GetCommandLineW`: the process's command line as one string
//! (`crate::win32::command_line`), made once and kept for the life of the process, as Windows
//! keeps it.

use std::ffi::CString;
use std::os::raw::{c_char, c_int};
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

/// MSVC's `__argc`: the number of arguments the program was started with (set before `main`
/// runs).
#[no_mangle]
pub static mut __argc: c_int = 0;

/// MSVC's `__argv`: the arguments the program was started with, NULL after the last (the
/// array `main` receives; set before `main` runs).
#[no_mangle]
pub static mut __argv: *mut *mut c_char = std::ptr::null_mut();

/// Records the arguments for `__argc`/`__argv`. glibc, FreeBSD's and Apple's loaders call the
/// functions of `.init_array` (Mach-O: `__mod_init_func`) with `argc`, `argv` and `envp`
/// before `main` (other C libraries pass nothing: there the two stay 0 and NULL); a program
/// that names `__argv` links this object, and so this entry.
extern "C" fn record_arguments(argc: c_int, argv: *mut *mut c_char, _envp: *mut *mut c_char) {
    // SAFETY: runs once, before `main` and before any thread of the program; the array lives
    // as long as the process.
    unsafe {
        __argc = argc;
        __argv = argv;
    }
}

#[cfg(any(
    all(target_os = "linux", target_env = "gnu"),
    target_os = "freebsd",
    apple
))]
#[used]
#[cfg_attr(apple, link_section = "__DATA,__mod_init_func")]
#[cfg_attr(not(apple), link_section = ".init_array")]
static RECORD_ARGUMENTS: extern "C" fn(c_int, *mut *mut c_char, *mut *mut c_char) =
    record_arguments;

/// Splits a UTF-16 command line into arguments as Windows does (`win32::command_line::split`:
/// quotes group, `\"` is a quote, the program's name is read without escapes); an empty line
/// gives the program's own path. Returns one block (free it with `LocalFree`) holding the
/// pointers, a NULL after the last, and the strings; `*pNumArgs` is their count. NULL with
/// `ERROR_INVALID_PARAMETER` when `pNumArgs` is NULL.
///
/// # Safety
/// `lpCmdLine` must be NULL or a NUL-terminated UTF-16 string; `pNumArgs` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn CommandLineToArgvW(
    lpCmdLine: *const u16,
    pNumArgs: *mut i32,
) -> *mut *mut u16 {
    const ERROR_INVALID_PARAMETER: i32 = 87;
    const ERROR_NOT_ENOUGH_MEMORY: i32 = 8;
    if pNumArgs.is_null() {
        crate::error::set_last_error(ERROR_INVALID_PARAMETER);
        return std::ptr::null_mut();
    }
    // SAFETY: caller guarantee.
    let line = unsafe { super::win32_sync::name_w(lpCmdLine) }.unwrap_or_default();
    let args = if line.is_empty() {
        vec![std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default()]
    } else {
        crate::win32::command_line::split(&line)
    };
    let units: Vec<Vec<u16>> = args
        .iter()
        .map(|a| a.encode_utf16().chain([0]).collect())
        .collect();
    let table = (units.len() + 1) * std::mem::size_of::<*mut u16>();
    let total = table + units.iter().map(|u| u.len() * 2).sum::<usize>();
    // SAFETY: a fresh allocation the program frees with LocalFree (free).
    let block = unsafe { libc::malloc(total) }.cast::<u8>();
    if block.is_null() {
        crate::error::set_last_error(ERROR_NOT_ENOUGH_MEMORY);
        return std::ptr::null_mut();
    }
    let pointers = block.cast::<*mut u16>();
    let mut at = table;
    for (i, u) in units.iter().enumerate() {
        // SAFETY: `at` + the string's bytes stay within the `total` bytes allocated, and the
        // pointer table's slot `i` is inside its first `table` bytes (malloc aligns for
        // pointers; `table` is a multiple of the pointer size, the strings need only 2).
        unsafe {
            let s = block.add(at).cast::<u16>();
            std::ptr::copy_nonoverlapping(u.as_ptr(), s, u.len());
            pointers.add(i).write(s);
        }
        at += u.len() * 2;
    }
    // SAFETY: the table's last slot and the caller's `pNumArgs`.
    unsafe {
        pointers.add(units.len()).write(std::ptr::null_mut());
        pNumArgs.write(units.len() as i32);
    }
    pointers
}
