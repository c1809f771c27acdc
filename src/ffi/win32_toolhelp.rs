//! Processes, as monitoring programs and watchdogs list them: `CreateToolhelp32Snapshot` with
//! `Process32First`/`Process32Next` (`<tlhelp32.h>`), `EnumProcesses` and
//! `GetProcessMemoryInfo` (`<psapi.h>`), over `win32::process_list` (Linux's `/proc`; other
//! systems answer `ERROR_NOT_SUPPORTED`).

use super::call;
use crate::handle::{codes, err, process, snapshot, table, thread, Object};
use crate::win32::process_list::{self, ProcessEntry};
use std::os::raw::{c_char, c_void};

/// `TH32CS_SNAPPROCESS`.
const TH32CS_SNAPPROCESS: u32 = 0x0000_0002;
const ERROR_NOACCESS: i32 = 998;
const MAX_PATH: usize = 260;

/// One process of a snapshot (`PROCESSENTRY32`: 304 bytes on 64-bit systems).
#[repr(C)]
pub struct tagPROCESSENTRY32 {
    pub dwSize: u32,
    pub cntUsage: u32,
    pub th32ProcessID: u32,
    pub th32DefaultHeapID: usize,
    pub th32ModuleID: u32,
    pub cntThreads: u32,
    pub th32ParentProcessID: u32,
    pub pcPriClassBase: i32,
    pub dwFlags: u32,
    pub szExeFile: [c_char; 260],
}
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<tagPROCESSENTRY32>() == 304);

/// `PROCESSENTRY32W` (568 bytes on 64-bit systems).
#[repr(C)]
pub struct tagPROCESSENTRY32W {
    pub dwSize: u32,
    pub cntUsage: u32,
    pub th32ProcessID: u32,
    pub th32DefaultHeapID: usize,
    pub th32ModuleID: u32,
    pub cntThreads: u32,
    pub th32ParentProcessID: u32,
    pub pcPriClassBase: i32,
    pub dwFlags: u32,
    pub szExeFile: [u16; 260],
}
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<tagPROCESSENTRY32W>() == 568);

/// A process's memory figures (`PROCESS_MEMORY_COUNTERS`, 72 bytes on 64-bit systems;
/// `PROCESS_MEMORY_COUNTERS_EX` adds `SIZE_T PrivateUsage`).
#[repr(C)]
pub struct _PROCESS_MEMORY_COUNTERS {
    pub cb: u32,
    pub PageFaultCount: u32,
    pub PeakWorkingSetSize: usize,
    pub WorkingSetSize: usize,
    pub QuotaPeakPagedPoolUsage: usize,
    pub QuotaPagedPoolUsage: usize,
    pub QuotaPeakNonPagedPoolUsage: usize,
    pub QuotaNonPagedPoolUsage: usize,
    pub PagefileUsage: usize,
    pub PeakPagefileUsage: usize,
}

fn win32_error(code: u32) -> crate::error::WsaError {
    err(code as i32)
}

/// A snapshot of the system: `TH32CS_SNAPPROCESS` (possibly with other `TH32CS_*` flags, whose
/// lists are empty here); `th32ProcessID` is ignored for processes, as on Windows. Returns the
/// handle (close it with `CloseHandle`), or `INVALID_HANDLE_VALUE` with
/// `ERROR_INVALID_PARAMETER` (no process list asked for) or `ERROR_NOT_SUPPORTED` (a system
/// without `/proc`).
#[no_mangle]
pub extern "C" fn CreateToolhelp32Snapshot(dwFlags: u32, th32ProcessID: u32) -> *mut c_void {
    let _ = th32ProcessID;
    call(usize::MAX as *mut c_void, || {
        if dwFlags & TH32CS_SNAPPROCESS == 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        Ok(table::insert(snapshot::of_processes()?, false)? as *mut c_void)
    })
}

/// The process entry `walk` gives, written by `fill` into the program's structure after its
/// `dwSize` (`size`) is checked.
fn process32<T>(
    snapshot: *mut c_void,
    entry: *mut T,
    size: impl FnOnce(*mut T) -> u32,
    first: bool,
    fill: impl FnOnce(*mut T, &ProcessEntry),
) -> i32 {
    call(0, || {
        let object = table::get(snapshot as usize)?;
        if entry.is_null() {
            return Err(err(ERROR_NOACCESS));
        }
        if (size(entry) as usize) < std::mem::size_of::<T>() {
            return Err(err(codes::ERROR_BAD_LENGTH));
        }
        let process = snapshot::walk(&object, first)?;
        fill(entry, &process);
        Ok(1)
    })
}

/// The fixed fields of an entry (the name is written by the caller).
macro_rules! entry_fields {
    ($e:expr, $p:expr) => {{
        $e.cntUsage = 0;
        $e.th32ProcessID = $p.pid;
        $e.th32DefaultHeapID = 0;
        $e.th32ModuleID = 0;
        $e.cntThreads = $p.threads;
        $e.th32ParentProcessID = $p.parent;
        $e.pcPriClassBase = 8; // NORMAL_PRIORITY_CLASS's base priority
        $e.dwFlags = 0;
    }};
}

fn fill_narrow(e: &mut tagPROCESSENTRY32, p: &ProcessEntry) {
    entry_fields!(e, p);
    let bytes = p.exe.as_bytes();
    let n = bytes.len().min(MAX_PATH - 1);
    for (dst, &b) in e.szExeFile.iter_mut().zip(&bytes[..n]) {
        *dst = b as c_char;
    }
    e.szExeFile[n] = 0;
}

fn fill_wide(e: &mut tagPROCESSENTRY32W, p: &ProcessEntry) {
    entry_fields!(e, p);
    let mut n = 0;
    for unit in p.exe.encode_utf16().take(MAX_PATH - 1) {
        e.szExeFile[n] = unit;
        n += 1;
    }
    e.szExeFile[n] = 0;
}

/// The snapshot's first process into `*lppe`, whose `dwSize` must be at least
/// `sizeof(PROCESSENTRY32)` (else `ERROR_BAD_LENGTH`). `szExeFile` is the program's file name
/// (the kernel's 15-byte command name for another user's process); `pcPriClassBase` is 8;
/// usage, heap and module fields are 0. TRUE, or FALSE with `ERROR_NO_MORE_FILES` (an empty
/// snapshot) or `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lppe` must be NULL or a writable `PROCESSENTRY32` whose `dwSize` is set.
#[no_mangle]
pub unsafe extern "C" fn Process32First(
    hSnapshot: *mut c_void,
    lppe: *mut tagPROCESSENTRY32,
) -> i32 {
    // SAFETY (both closures): caller guarantee; `process32` checked the pointer and the size.
    process32(
        hSnapshot,
        lppe,
        |e| unsafe { (*e).dwSize },
        true,
        |e, p| fill_narrow(unsafe { &mut *e }, p),
    )
}

/// The snapshot's next process; FALSE with `ERROR_NO_MORE_FILES` after the last.
///
/// # Safety
/// As `Process32First`.
#[no_mangle]
pub unsafe extern "C" fn Process32Next(
    hSnapshot: *mut c_void,
    lppe: *mut tagPROCESSENTRY32,
) -> i32 {
    // SAFETY (both closures): caller guarantee; `process32` checked the pointer and the size.
    process32(
        hSnapshot,
        lppe,
        |e| unsafe { (*e).dwSize },
        false,
        |e, p| fill_narrow(unsafe { &mut *e }, p),
    )
}

/// `Process32First` with a UTF-16 name.
///
/// # Safety
/// `lppe` must be NULL or a writable `PROCESSENTRY32W` whose `dwSize` is set.
#[no_mangle]
pub unsafe extern "C" fn Process32FirstW(
    hSnapshot: *mut c_void,
    lppe: *mut tagPROCESSENTRY32W,
) -> i32 {
    // SAFETY (both closures): caller guarantee; `process32` checked the pointer and the size.
    process32(
        hSnapshot,
        lppe,
        |e| unsafe { (*e).dwSize },
        true,
        |e, p| fill_wide(unsafe { &mut *e }, p),
    )
}

/// `Process32Next` with a UTF-16 name.
///
/// # Safety
/// As `Process32FirstW`.
#[no_mangle]
pub unsafe extern "C" fn Process32NextW(
    hSnapshot: *mut c_void,
    lppe: *mut tagPROCESSENTRY32W,
) -> i32 {
    // SAFETY (both closures): caller guarantee; `process32` checked the pointer and the size.
    process32(
        hSnapshot,
        lppe,
        |e| unsafe { (*e).dwSize },
        false,
        |e, p| fill_wide(unsafe { &mut *e }, p),
    )
}

/// Fills `lpidProcess` with up to `cb / 4` process ids and `*lpcbNeeded` with the bytes
/// written (as on Windows: when they are `cb`, ask again with a larger array). TRUE, or FALSE
/// with `ERROR_NOACCESS` (NULL pointers) or `ERROR_NOT_SUPPORTED`.
///
/// # Safety
/// `lpidProcess` must be NULL or hold `cb` writable bytes; `lpcbNeeded` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn EnumProcesses(
    lpidProcess: *mut u32,
    cb: u32,
    lpcbNeeded: *mut u32,
) -> i32 {
    call(0, || {
        if lpidProcess.is_null() || lpcbNeeded.is_null() {
            return Err(err(ERROR_NOACCESS));
        }
        let ids = process_list::ids().map_err(win32_error)?;
        let n = ids.len().min(cb as usize / 4);
        // SAFETY: caller guarantee: `cb` bytes, so `n` ids, are writable; and `*lpcbNeeded`.
        unsafe {
            std::ptr::copy_nonoverlapping(ids.as_ptr(), lpidProcess, n);
            lpcbNeeded.write((n * 4) as u32);
        }
        Ok(1)
    })
}

/// The process id behind `GetCurrentProcess()` or a `CreateProcess` handle.
fn pid_of(handle: *mut c_void) -> crate::error::WsaResult<u32> {
    if handle as usize == thread::CURRENT_PROCESS {
        return Ok(std::process::id());
    }
    let object: std::sync::Arc<Object> = table::get(handle as usize)?;
    Ok(process::state(&object)?.pid())
}

/// The memory figures of this process (`GetCurrentProcess()`) or a child (`CreateProcess`):
/// `WorkingSetSize` and `PeakWorkingSetSize` are its resident set and its peak,
/// `PagefileUsage` (and `PROCESS_MEMORY_COUNTERS_EX`'s `PrivateUsage`, filled when `cb` has
/// room for it) its private data and stack, `PeakPagefileUsage` the same figure (no peak is
/// kept), `PageFaultCount` its minor and major faults; the pool quotas are 0. TRUE, or FALSE
/// with `ERROR_INSUFFICIENT_BUFFER` (`cb` below `sizeof(PROCESS_MEMORY_COUNTERS)`),
/// `ERROR_INVALID_HANDLE`, `ERROR_NOACCESS` (NULL), `ERROR_NOT_SUPPORTED`.
///
/// # Safety
/// `ppsmemCounters` must be NULL or hold `cb` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn GetProcessMemoryInfo(
    Process: *mut c_void,
    ppsmemCounters: *mut _PROCESS_MEMORY_COUNTERS,
    cb: u32,
) -> i32 {
    call(0, || {
        let pid = pid_of(Process)?;
        if ppsmemCounters.is_null() {
            return Err(err(ERROR_NOACCESS));
        }
        let base = std::mem::size_of::<_PROCESS_MEMORY_COUNTERS>();
        if (cb as usize) < base {
            return Err(err(codes::ERROR_INSUFFICIENT_BUFFER));
        }
        let m = process_list::memory(pid).map_err(win32_error)?;
        let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        let counters = _PROCESS_MEMORY_COUNTERS {
            cb,
            PageFaultCount: m.page_faults,
            PeakWorkingSetSize: size(m.peak_working_set),
            WorkingSetSize: size(m.working_set),
            QuotaPeakPagedPoolUsage: 0,
            QuotaPagedPoolUsage: 0,
            QuotaPeakNonPagedPoolUsage: 0,
            QuotaNonPagedPoolUsage: 0,
            PagefileUsage: size(m.private),
            PeakPagefileUsage: size(m.private),
        };
        // SAFETY: caller guarantee: `cb` bytes are writable, at least `base`; the EX form's
        // `PrivateUsage` follows the base structure when `cb` has room for it.
        unsafe {
            ppsmemCounters.write(counters);
            if cb as usize >= base + std::mem::size_of::<usize>() {
                ppsmemCounters
                    .add(1)
                    .cast::<usize>()
                    .write_unaligned(size(m.private));
            }
        }
        Ok(1)
    })
}

/// How a name is copied out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fit {
    /// Cut to fit (`GetModuleBaseName`, `GetModuleFileNameEx`).
    Truncate,
    /// 0 with `ERROR_INSUFFICIENT_BUFFER` when it does not fit (`GetProcessImageFileName`).
    Whole,
}

/// The program of the process behind `process`: its full path in Windows' shape (`\` between
/// the directories, as `GetModuleFileName` gives this program's), or its file name.
fn image(process: *mut c_void, base_only: bool) -> crate::error::WsaResult<String> {
    let path = process_list::image_path(pid_of(process)?).map_err(win32_error)?;
    Ok(match (base_only, path.rsplit('/').next()) {
        (true, Some(name)) => name.to_owned(),
        _ => crate::win32::path::windows(&path),
    })
}

/// The main module only: `hModule` NULL or this program's (`GetModuleHandle(NULL)`).
fn main_module(module: *mut c_void) -> crate::error::WsaResult<()> {
    if module.is_null() || module as usize == crate::handle::module::PROGRAM_MODULE {
        Ok(())
    } else {
        Err(err(codes::ERROR_INVALID_HANDLE))
    }
}

/// Copies `units` and a NUL to `buf` (`size` units); the units copied without the NUL.
///
/// # Safety
/// `buf` must be NULL or hold `size` writable units.
pub(super) unsafe fn copy_name<T: Copy + Default>(
    units: &[T],
    buf: *mut T,
    size: u32,
    how: Fit,
) -> crate::error::WsaResult<u32> {
    let size = size as usize;
    if buf.is_null() || size == 0 || (how == Fit::Whole && units.len() >= size) {
        return Err(err(codes::ERROR_INSUFFICIENT_BUFFER));
    }
    let n = units.len().min(size - 1);
    // SAFETY: caller guarantee: `size` units, and `n + 1 <= size`.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, n);
        buf.add(n).write(T::default());
    }
    Ok(n as u32)
}

/// A character of the A (`c_char`) or W (`u16`) forms, and a name in it.
pub(super) trait Unit: Copy + Default {
    fn encode(name: &str) -> Vec<Self>;
}

impl Unit for c_char {
    fn encode(name: &str) -> Vec<c_char> {
        name.bytes().map(|b| b as c_char).collect()
    }
}

impl Unit for u16 {
    fn encode(name: &str) -> Vec<u16> {
        name.encode_utf16().collect()
    }
}

/// `GetModuleBaseName` (`base_only`) and `GetModuleFileNameEx` in either character type.
///
/// # Safety
/// `buf` must be NULL or hold `size` writable characters.
unsafe fn module_name<T: Unit>(
    process: *mut c_void,
    module: *mut c_void,
    base_only: bool,
    buf: *mut T,
    size: u32,
) -> u32 {
    call(0, || {
        main_module(module)?;
        let name = T::encode(&image(process, base_only)?);
        // SAFETY: caller guarantee.
        unsafe { copy_name(&name, buf, size, Fit::Truncate) }
    })
}

/// `GetProcessImageFileName` in either character type.
///
/// # Safety
/// `buf` must be NULL or hold `size` writable characters.
unsafe fn image_file_name<T: Unit>(process: *mut c_void, buf: *mut T, size: u32) -> u32 {
    call(0, || {
        let name = T::encode(&image(process, false)?);
        // SAFETY: caller guarantee.
        unsafe { copy_name(&name, buf, size, Fit::Whole) }
    })
}

/// `QueryFullProcessImageName` in either character type.
///
/// # Safety
/// `size` must be NULL or writable; `buf` NULL or `*size` writable characters.
unsafe fn full_image_name<T: Unit>(process: *mut c_void, buf: *mut T, size: *mut u32) -> i32 {
    call(0, || {
        if size.is_null() {
            return Err(err(ERROR_NOACCESS));
        }
        let name = T::encode(&image(process, false)?);
        // SAFETY: caller guarantee.
        unsafe {
            let n = copy_name(&name, buf, size.read(), Fit::Whole)?;
            size.write(n);
        }
        Ok(1)
    })
}

/// The file name of the program of `hProcess` (`GetCurrentProcess()`, a `CreateProcess` child
/// or an `OpenProcess` handle; `hModule` NULL, the main module), cut to `nSize` characters
/// with its NUL. The characters copied, or 0 with `ERROR_INVALID_HANDLE`,
/// `ERROR_ACCESS_DENIED` (another user's process), `ERROR_NOT_SUPPORTED`.
///
/// # Safety
/// `lpBaseName` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleBaseNameA(
    hProcess: *mut c_void,
    hModule: *mut c_void,
    lpBaseName: *mut c_char,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_name(hProcess, hModule, true, lpBaseName, nSize) }
}

/// `GetModuleBaseNameA` in UTF-16.
///
/// # Safety
/// `lpBaseName` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleBaseNameW(
    hProcess: *mut c_void,
    hModule: *mut c_void,
    lpBaseName: *mut u16,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_name(hProcess, hModule, true, lpBaseName, nSize) }
}

/// `GetModuleBaseNameA` with the program's full path.
///
/// # Safety
/// `lpFilename` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleFileNameExA(
    hProcess: *mut c_void,
    hModule: *mut c_void,
    lpFilename: *mut c_char,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_name(hProcess, hModule, false, lpFilename, nSize) }
}

/// `GetModuleFileNameExA` in UTF-16.
///
/// # Safety
/// `lpFilename` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetModuleFileNameExW(
    hProcess: *mut c_void,
    hModule: *mut c_void,
    lpFilename: *mut u16,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { module_name(hProcess, hModule, false, lpFilename, nSize) }
}

/// The program's full path (`\`-separated, as `GetModuleFileName` gives it; not Windows'
/// device form), or 0 with
/// `ERROR_INSUFFICIENT_BUFFER` when it does not fit in `nSize` characters with its NUL.
///
/// # Safety
/// `lpImageFileName` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetProcessImageFileNameA(
    hProcess: *mut c_void,
    lpImageFileName: *mut c_char,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { image_file_name(hProcess, lpImageFileName, nSize) }
}

/// `GetProcessImageFileNameA` in UTF-16.
///
/// # Safety
/// `lpImageFileName` must be NULL or hold `nSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn GetProcessImageFileNameW(
    hProcess: *mut c_void,
    lpImageFileName: *mut u16,
    nSize: u32,
) -> u32 {
    // SAFETY: caller guarantee.
    unsafe { image_file_name(hProcess, lpImageFileName, nSize) }
}

/// The program's full path (`\`-separated, as `GetModuleFileName` gives it) into `lpExeName`,
/// whose size in characters `*lpdwSize` gives (set to
/// the length written, without the NUL). `dwFlags` (`PROCESS_NAME_NATIVE`) changes nothing.
/// TRUE, or FALSE with `ERROR_INSUFFICIENT_BUFFER`, `ERROR_INVALID_HANDLE`,
/// `ERROR_ACCESS_DENIED`, `ERROR_NOACCESS` (NULL size).
///
/// # Safety
/// `lpdwSize` must be NULL or writable; `lpExeName` NULL or `*lpdwSize` writable characters.
#[no_mangle]
pub unsafe extern "C" fn QueryFullProcessImageNameA(
    hProcess: *mut c_void,
    dwFlags: u32,
    lpExeName: *mut c_char,
    lpdwSize: *mut u32,
) -> i32 {
    let _ = dwFlags;
    // SAFETY: caller guarantee.
    unsafe { full_image_name(hProcess, lpExeName, lpdwSize) }
}

/// `QueryFullProcessImageNameA` in UTF-16.
///
/// # Safety
/// As `QueryFullProcessImageNameA`.
#[no_mangle]
pub unsafe extern "C" fn QueryFullProcessImageNameW(
    hProcess: *mut c_void,
    dwFlags: u32,
    lpExeName: *mut u16,
    lpdwSize: *mut u32,
) -> i32 {
    let _ = dwFlags;
    // SAFETY: caller guarantee.
    unsafe { full_image_name(hProcess, lpExeName, lpdwSize) }
}
