//! Child processes and anonymous pipes: `CreatePipe`, `PeekNamedPipe`, `CreateProcessA/W`,
//! `GetExitCodeProcess`, `TerminateProcess`, `GetProcessId`.
//!
//! A pipe's ends are file handles (`ReadFile`, `WriteFile`, `CloseHandle`). A child's
//! `hProcess` and `hThread` are two handles to one process object (`crate::handle::process`),
//! signalled when the child ends. Only the standard handles reach the child: with
//! `STARTF_USESTDHANDLES` the three given (pipe or file handles, standard handles, a socket:
//! its descriptor), else this process's own; every other descriptor is close-on-exec.

use super::call;
use crate::error::WsaResult;
use crate::handle::{self, codes, console, err, file, process, table, thread};
use crate::sys;
use crate::win32::process_command::{self, Plan};
use std::ffi::{CStr, OsString};
use std::os::raw::{c_char, c_void};
use std::path::PathBuf;

/// `STARTF_USESTDHANDLES`.
const STARTF_USESTDHANDLES: u32 = 0x100;
/// `CREATE_SUSPENDED`: the child waits for `ResumeThread` before its program runs.
const CREATE_SUSPENDED: u32 = 0x4;
/// `CREATE_UNICODE_ENVIRONMENT`: `lpEnvironment` holds UTF-16 strings.
const CREATE_UNICODE_ENVIRONMENT: u32 = 0x400;
const ERROR_PATH_NOT_FOUND: i32 = 3;
const ERROR_ACCESS_DENIED: i32 = 5;
const ERROR_NOT_SUPPORTED: i32 = 50;
const ERROR_BROKEN_PIPE: i32 = 109;
const ERROR_BAD_EXE_FORMAT: i32 = 193;
const ERROR_DIRECTORY: i32 = 267;

/// `STARTUPINFOA` / `STARTUPINFOW` (the string pointers are not read).
#[repr(C)]
pub(crate) struct StartupInfo {
    cb: u32,
    reserved: *mut c_void,
    desktop: *mut c_void,
    title: *mut c_void,
    x: u32,
    y: u32,
    x_size: u32,
    y_size: u32,
    x_chars: u32,
    y_chars: u32,
    fill: u32,
    flags: u32,
    show_window: u16,
    cb_reserved2: u16,
    reserved2: *mut u8,
    std_input: *mut c_void,
    std_output: *mut c_void,
    std_error: *mut c_void,
}

/// `PROCESS_INFORMATION`.
#[repr(C)]
pub(crate) struct ProcessInformation {
    process: *mut c_void,
    thread: *mut c_void,
    process_id: u32,
    thread_id: u32,
}

/// # Safety
/// `p` NULL or a NUL-terminated string.
pub(super) unsafe fn ansi(p: *const c_char) -> Option<String> {
    // SAFETY: caller guarantee.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// # Safety
/// `p` NULL or a NUL-terminated UTF-16 string.
pub(super) unsafe fn wide(p: *const u16) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let mut n = 0;
    // SAFETY: caller guarantee: terminated.
    while unsafe { *p.add(n) } != 0 {
        n += 1;
    }
    // SAFETY: the n units just read.
    Some(String::from_utf16_lossy(unsafe {
        std::slice::from_raw_parts(p, n)
    }))
}

/// An environment block's strings.
///
/// # Safety
/// `p` must be a block of NUL-terminated strings (of u8, or of u16 with `unicode`) ended by
/// an empty one.
unsafe fn env_block(p: *const c_void, unicode: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    loop {
        // SAFETY: caller guarantee: every string is terminated, the block by an empty one.
        let s = unsafe {
            if unicode {
                wide(p.cast::<u16>().add(at))
            } else {
                ansi(p.cast::<c_char>().add(at))
            }
        }
        .unwrap_or_default();
        if s.is_empty() {
            return out;
        }
        // Units the string took, its NUL included.
        at += if unicode {
            s.encode_utf16().count() + 1
        } else {
            s.len() + 1
        };
        out.push(s);
    }
}

/// The descriptor a standard handle of `STARTUPINFO` names for the child: a pipe or file
/// handle's, a standard handle's, a socket's (its descriptor); NULL and
/// `INVALID_HANDLE_VALUE` give the child `/dev/null`.
fn child_fd(h: *mut c_void) -> WsaResult<i32> {
    let h = h as usize;
    if h == 0 || h == usize::MAX {
        return Ok(-1);
    }
    if let Some(fd) = file::fd_of(h).or_else(|| console::std_fd(h)) {
        return Ok(fd);
    }
    if let Some(end) = crate::named_pipe::lookup(h) {
        return end.child_fd();
    }
    Ok(super::overlapped::socket_handle(h as *mut c_void)?.fd())
}

fn spawn_error(errno: i32) -> crate::error::WsaError {
    err(match errno {
        libc::ENOENT => codes::ERROR_FILE_NOT_FOUND,
        libc::EACCES | libc::EPERM => ERROR_ACCESS_DENIED,
        libc::ENOEXEC => ERROR_BAD_EXE_FORMAT,
        libc::ENOMEM | libc::EAGAIN => codes::ERROR_NOT_ENOUGH_MEMORY,
        _ => codes::ERROR_GEN_FAILURE,
    })
}

/// What `CreateProcessA/W` read from the caller.
struct Request {
    app: Option<String>,
    line: Option<String>,
    env: Option<Vec<String>>,
    cwd: Option<String>,
    stdio: Option<[*mut c_void; 3]>,
}

/// The body of `CreateProcessA/W`.
fn create_process(r: Request, flags: u32, info: *mut ProcessInformation) -> WsaResult<i32> {
    if info.is_null() {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    // Windows clears the program's PROCESS_INFORMATION first: a failed call leaves no stale
    // handles there for a cleanup path to close.
    // SAFETY: checked non-NULL; caller guarantee: writable.
    unsafe {
        info.write_unaligned(ProcessInformation {
            process: std::ptr::null_mut(),
            thread: std::ptr::null_mut(),
            process_id: 0,
            thread_id: 0,
        });
    }
    if r.app.as_deref() == Some("") {
        return Err(err(ERROR_PATH_NOT_FOUND));
    }
    let Plan {
        program,
        argv0,
        args,
    } = process_command::plan(r.app.as_deref(), r.line.as_deref())
        .ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    let cwd = match &r.cwd {
        Some(d) => {
            let d = PathBuf::from(crate::win32::path::native(d));
            if !d.is_dir() {
                return Err(err(ERROR_DIRECTORY));
            }
            Some(d)
        }
        None => None,
    };
    let here = match &cwd {
        Some(d) => d.clone(),
        None => std::env::current_dir().map_err(|_| err(codes::ERROR_GEN_FAILURE))?,
    };
    let path = std::env::var("PATH").ok();
    let found = process_command::find(&program, &here, path.as_deref(), sys::process::executable)
        .ok_or(err(codes::ERROR_FILE_NOT_FOUND))?;
    let stdio = match r.stdio {
        Some(hs) => [
            Some(child_fd(hs[0])?),
            Some(child_fd(hs[1])?),
            Some(child_fd(hs[2])?),
        ],
        None => [None; 3],
    };
    let env = r.env.map(|block| {
        process_command::environment(&block)
            .into_iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect()
    });
    // A suspended child waits on a pipe before running its program (ResumeThread writes).
    let (hold, held) = if flags & CREATE_SUSPENDED != 0 {
        let (read_end, write_end) =
            sys::process::pipe().map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
        let keeper = std::os::fd::AsRawFd::as_raw_fd(&write_end);
        (Some((read_end, keeper)), Some(write_end))
    } else {
        (None, None)
    };
    let pid = sys::process::spawn(sys::process::Spawn {
        program: found,
        argv0: argv0.into(),
        args: args.into_iter().map(OsString::from).collect(),
        env,
        cwd,
        stdio,
        hold,
    })
    .map_err(spawn_error)?;
    let object = process::adopt(pid, held)?;
    let h_process = table::insert(object.clone(), false)?;
    let h_thread = match table::insert(object, false) {
        Ok(h) => h,
        Err(e) => {
            let _ = table::close(h_process);
            return Err(e);
        }
    };
    // SAFETY: checked non-NULL; caller guarantee: writable.
    unsafe {
        info.write_unaligned(ProcessInformation {
            process: h_process as *mut c_void,
            thread: h_thread as *mut c_void,
            process_id: pid,
            thread_id: pid,
        });
    }
    Ok(1)
}

/// The standard handles of a `STARTUPINFO`, when its flags say to use them.
///
/// # Safety
/// `si` NULL or a readable `STARTUPINFOA/W`.
unsafe fn std_handles(si: *const StartupInfo) -> WsaResult<Option<[*mut c_void; 3]>> {
    // SAFETY: caller guarantee.
    let Some(si) = (unsafe { si.as_ref() }) else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    Ok((si.flags & STARTF_USESTDHANDLES != 0).then_some([
        si.std_input,
        si.std_output,
        si.std_error,
    ]))
}

/// Starts a program (docs/PORTING.md §6): `lpApplicationName`
/// and/or `lpCommandLine` split with Windows' rules, the program found as given or on `PATH`
/// (a `.exe` suffix dropped when only the file without it exists; `\` in its path and in
/// `lpCurrentDirectory` separates directories), `cmd /c LINE` run as
/// `/bin/sh -c LINE`. `lpEnvironment`: an ANSI block (UTF-16 with
/// `CREATE_UNICODE_ENVIRONMENT`), NULL for this process's. Security attributes and
/// `bInheritHandles` are accepted (only the standard handles reach the child).
///
/// `*lpProcessInformation` is cleared first, so a failed call leaves zeros there, as on Windows.
/// FALSE with `ERROR_FILE_NOT_FOUND` (no such program), `ERROR_PATH_NOT_FOUND` (an empty
/// `lpApplicationName`), `ERROR_DIRECTORY` (a bad
/// `lpCurrentDirectory`), `ERROR_ACCESS_DENIED`, `ERROR_BAD_EXE_FORMAT`,
/// `ERROR_INVALID_HANDLE` (a standard handle that is none), `ERROR_INVALID_PARAMETER` (no
/// program, NULL `lpStartupInfo` or `lpProcessInformation`). `CREATE_SUSPENDED` holds the
/// child before its program runs until `ResumeThread(hThread)` (docs/PORTING.md §6).
///
/// # Safety
/// Strings NULL or NUL-terminated; `lpEnvironment` NULL or an environment block;
/// `lpStartupInfo` readable; `lpProcessInformation` writable.
#[no_mangle]
pub unsafe extern "C" fn CreateProcessA(
    lpApplicationName: *const c_char,
    lpCommandLine: *mut c_char,
    lpProcessAttributes: *mut c_void,
    lpThreadAttributes: *mut c_void,
    bInheritHandles: i32,
    dwCreationFlags: u32,
    lpEnvironment: *mut c_void,
    lpCurrentDirectory: *const c_char,
    lpStartupInfo: *mut c_void,
    lpProcessInformation: *mut c_void,
) -> i32 {
    let _ = (lpProcessAttributes, lpThreadAttributes, bInheritHandles);
    call(0, || {
        // SAFETY: caller guarantees for each argument.
        let r = unsafe {
            Request {
                app: ansi(lpApplicationName),
                line: ansi(lpCommandLine),
                env: (!lpEnvironment.is_null()).then(|| {
                    env_block(
                        lpEnvironment,
                        dwCreationFlags & CREATE_UNICODE_ENVIRONMENT != 0,
                    )
                }),
                cwd: ansi(lpCurrentDirectory),
                stdio: std_handles(lpStartupInfo.cast())?,
            }
        };
        create_process(r, dwCreationFlags, lpProcessInformation.cast())
    })
}

/// `CreateProcessA` with UTF-16 strings (the environment block is ANSI unless
/// `CREATE_UNICODE_ENVIRONMENT`).
///
/// # Safety
/// As `CreateProcessA`.
#[no_mangle]
pub unsafe extern "C" fn CreateProcessW(
    lpApplicationName: *const u16,
    lpCommandLine: *mut u16,
    lpProcessAttributes: *mut c_void,
    lpThreadAttributes: *mut c_void,
    bInheritHandles: i32,
    dwCreationFlags: u32,
    lpEnvironment: *mut c_void,
    lpCurrentDirectory: *const u16,
    lpStartupInfo: *mut c_void,
    lpProcessInformation: *mut c_void,
) -> i32 {
    let _ = (lpProcessAttributes, lpThreadAttributes, bInheritHandles);
    call(0, || {
        // SAFETY: caller guarantees for each argument.
        let r = unsafe {
            Request {
                app: wide(lpApplicationName),
                line: wide(lpCommandLine),
                env: (!lpEnvironment.is_null()).then(|| {
                    env_block(
                        lpEnvironment,
                        dwCreationFlags & CREATE_UNICODE_ENVIRONMENT != 0,
                    )
                }),
                cwd: wide(lpCurrentDirectory),
                stdio: std_handles(lpStartupInfo.cast())?,
            }
        };
        create_process(r, dwCreationFlags, lpProcessInformation.cast())
    })
}

/// Writes a process's exit code: `STILL_ACTIVE` (259) while it runs (and for
/// `GetCurrentProcess()`), then its exit status; a child a signal ended reports what Windows
/// reports for the matching ending (0xC0000005 for SIGSEGV, 0xC000013A for SIGINT, 3 for
/// SIGABRT, 1 otherwise), one `TerminateProcess` ended the code it gave.
/// FALSE with `ERROR_INVALID_HANDLE` or `ERROR_INVALID_PARAMETER` (NULL `lpExitCode`).
///
/// # Safety
/// `lpExitCode` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn GetExitCodeProcess(hProcess: *mut c_void, lpExitCode: *mut u32) -> i32 {
    call(0, || {
        let code = if hProcess as usize == thread::CURRENT_PROCESS {
            thread::STILL_ACTIVE
        } else {
            process::state(&*table::get(hProcess as usize)?)?.exit_code()
        };
        super::write_out(lpExitCode, code).map_err(|_| err(codes::ERROR_INVALID_PARAMETER))?;
        Ok(1)
    })
}

/// Kills a child (SIGKILL); once it has ended its exit code is `uExitCode`.
/// `TerminateProcess(GetCurrentProcess(), code)` ends this process at once with `code` (its
/// low 8 bits on POSIX). FALSE with `ERROR_ACCESS_DENIED` (the child has already ended) or
/// `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn TerminateProcess(hProcess: *mut c_void, uExitCode: u32) -> i32 {
    call(0, || {
        if hProcess as usize == thread::CURRENT_PROCESS {
            sys::process::exit_now(uExitCode);
        }
        process::terminate(&*table::get(hProcess as usize)?, uExitCode)?;
        Ok(1)
    })
}

/// A handle to process `dwProcessId`: a child `CreateProcess` started gives its own object
/// (the same exit code); this process a handle that is never signalled; another process one
/// that is signalled when it ends (its exit code then reads 0: its parent collects the real
/// one; after `TerminateProcess` the code given). Access rights and inheritance are not
/// checked. NULL with `ERROR_INVALID_PARAMETER` (no such process, or 0) or
/// `ERROR_ACCESS_DENIED` (another user's process).
#[no_mangle]
pub extern "C" fn OpenProcess(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    dwProcessId: u32,
) -> *mut c_void {
    let _ = (dwDesiredAccess, bInheritHandle);
    call(std::ptr::null_mut(), || {
        Ok(table::insert(process::open(dwProcessId)?, false)? as *mut c_void)
    })
}

/// A process handle's process id (`GetCurrentProcess()`: this process's). 0 with
/// `ERROR_INVALID_HANDLE` for anything else.
#[no_mangle]
pub extern "C" fn GetProcessId(Process: *mut c_void) -> u32 {
    call(0, || {
        if Process as usize == thread::CURRENT_PROCESS {
            return Ok(sys::thread::process_id());
        }
        Ok(process::state(&*handle::lookup(Process as usize)?)?.pid())
    })
}

/// An anonymous pipe: `*hReadPipe` reads what `*hWritePipe` writes (`ReadFile`, `WriteFile`,
/// `CloseHandle`). A read once every write handle is closed and the pipe is empty fails with
/// `ERROR_BROKEN_PIPE`; a write once the read handle is closed with `ERROR_NO_DATA`.
/// `nSize` (the buffer size) and the security attributes are accepted.
///
/// # Safety
/// `hReadPipe` and `hWritePipe` writable.
#[no_mangle]
pub unsafe extern "C" fn CreatePipe(
    hReadPipe: *mut *mut c_void,
    hWritePipe: *mut *mut c_void,
    lpPipeAttributes: *mut c_void,
    nSize: u32,
) -> i32 {
    let _ = (lpPipeAttributes, nSize);
    call(0, || {
        if hReadPipe.is_null() || hWritePipe.is_null() {
            return Err(err(codes::ERROR_NOACCESS));
        }
        let (r, w) = sys::process::pipe().map_err(file::error)?;
        let r = file::adopt_pipe(r)?;
        let w = match file::adopt_pipe(w) {
            Ok(w) => w,
            Err(e) => {
                file::close(r);
                return Err(e);
            }
        };
        // SAFETY: checked non-NULL; caller guarantee: writable.
        unsafe {
            hReadPipe.write_unaligned(r as *mut c_void);
            hWritePipe.write_unaligned(w as *mut c_void);
        }
        Ok(1)
    })
}

/// How many bytes a pipe's read handle could read now, without reading them:
/// `*lpTotalBytesAvail` (may be NULL); with `lpBuffer`, up to `nBufferSize` of them copied
/// there and their count in `*lpBytesRead` (Linux; elsewhere a buffer with a size fails with
/// `ERROR_NOT_SUPPORTED` while data waits); `*lpBytesLeftThisMessage` 0. A named pipe's end
/// (`crate::named_pipe`): a message pipe's next message only, `*lpBytesLeftThisMessage` its
/// length less the bytes copied; a byte pipe's is the bytes copied, negated (as Windows
/// gives it: 0 less the count).
/// FALSE with `ERROR_BROKEN_PIPE` when it is empty and every write handle is closed,
/// `ERROR_INVALID_HANDLE` for anything but a pipe handle.
///
/// # Safety
/// The out-pointers NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn PeekNamedPipe(
    hNamedPipe: *mut c_void,
    lpBuffer: *mut c_void,
    nBufferSize: u32,
    lpBytesRead: *mut u32,
    lpTotalBytesAvail: *mut u32,
    lpBytesLeftThisMessage: *mut u32,
) -> i32 {
    call(0, || {
        if let Some(end) = crate::named_pipe::lookup(hNamedPipe as usize) {
            let max = if lpBuffer.is_null() {
                0
            } else {
                nBufferSize as usize
            };
            let p = end.peek(max)?;
            if !p.data.is_empty() {
                super::write_array(lpBuffer.cast::<u8>(), &p.data)
                    .map_err(|_| err(codes::ERROR_NOACCESS))?;
            }
            for (ptr, v) in [
                (lpBytesRead, p.data.len() as u32),
                (lpTotalBytesAvail, p.available),
                (lpBytesLeftThisMessage, p.left_this_message),
            ] {
                if !ptr.is_null() {
                    super::write_out(ptr, v).map_err(|_| err(codes::ERROR_NOACCESS))?;
                }
            }
            return Ok(1);
        }
        let fd = file::fd_of(hNamedPipe as usize)
            .filter(|&fd| file::is_pipe(fd))
            .ok_or(err(codes::ERROR_INVALID_HANDLE))?;
        let n = sys::process::available(fd).map_err(file::error)?;
        if n == 0 && sys::process::hung_up(fd) {
            return Err(err(ERROR_BROKEN_PIPE));
        }
        let mut copied = 0;
        if !lpBuffer.is_null() && nBufferSize > 0 && n > 0 {
            let data = sys::process::peek(fd, nBufferSize.min(n) as usize)
                .ok_or(err(ERROR_NOT_SUPPORTED))?
                .map_err(file::error)?;
            super::write_array(lpBuffer.cast::<u8>(), &data)
                .map_err(|_| err(codes::ERROR_NOACCESS))?;
            copied = data.len() as u32;
        }
        for (p, v) in [
            (lpBytesRead, copied),
            (lpTotalBytesAvail, n),
            (lpBytesLeftThisMessage, 0),
        ] {
            if !p.is_null() {
                super::write_out(p, v).map_err(|_| err(codes::ERROR_NOACCESS))?;
            }
        }
        Ok(1)
    })
}
