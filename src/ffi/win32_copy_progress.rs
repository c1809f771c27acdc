//! `CopyFileExA/W` and `MoveFileWithProgressA/W`: `CopyFile` and `MoveFileEx` that report
//! their progress to the program's routine, which may cancel them, as may a flag the program
//! sets from another thread.

use super::call;
use super::win32_file::{copy_file, move_file};
use super::win32_sync::{name_a, name_w};
use crate::win32::copy_move::Step;
use std::os::raw::{c_char, c_void};
use std::sync::atomic::{AtomicI32, Ordering};

/// A `LARGE_INTEGER` passed by value: 8 bytes, passed as a 64-bit integer is (C sees
/// `union _LARGE_INTEGER`, which the compat headers define).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct LargeInteger {
    pub quad_part: i64,
}

/// `LPPROGRESS_ROUTINE`: `DWORD CALLBACK routine(LARGE_INTEGER TotalFileSize,
/// LARGE_INTEGER TotalBytesTransferred, LARGE_INTEGER StreamSize,
/// LARGE_INTEGER StreamBytesTransferred, DWORD dwStreamNumber, DWORD dwCallbackReason,
/// HANDLE hSourceFile, HANDLE hDestinationFile, LPVOID lpData)`.
pub type LPPROGRESS_ROUTINE = Option<
    unsafe extern "C" fn(
        TotalFileSize: LargeInteger,
        TotalBytesTransferred: LargeInteger,
        StreamSize: LargeInteger,
        StreamBytesTransferred: LargeInteger,
        dwStreamNumber: u32,
        dwCallbackReason: u32,
        hSourceFile: *mut c_void,
        hDestinationFile: *mut c_void,
        lpData: *mut c_void,
    ) -> u32,
>;

/// `COPY_FILE_FAIL_IF_EXISTS`; the other `COPY_FILE_*` flags are accepted and change nothing.
const COPY_FILE_FAIL_IF_EXISTS: u32 = 0x1;
/// `dwCallbackReason`: the first call (the data stream starts), then after each chunk.
const CALLBACK_CHUNK_FINISHED: u32 = 0;
const CALLBACK_STREAM_SWITCH: u32 = 1;

/// The program's routine and cancel flag as the copy's `Step` source.
///
/// # Safety
/// `cancel` must be NULL or point to a `BOOL` that stays valid during the copy.
unsafe fn reporter(
    routine: LPPROGRESS_ROUTINE,
    data: *mut c_void,
    cancel: *const i32,
) -> impl FnMut(u64, u64) -> Step {
    let mut first = true;
    move |done, total| {
        // SAFETY: caller guarantee; the program may set it from another thread.
        if !cancel.is_null()
            && unsafe { (*cancel.cast::<AtomicI32>()).load(Ordering::Relaxed) } != 0
        {
            return Step::Cancel;
        }
        let Some(f) = routine else {
            return Step::Continue;
        };
        let reason = if std::mem::take(&mut first) {
            CALLBACK_STREAM_SWITCH
        } else {
            CALLBACK_CHUNK_FINISHED
        };
        let total = LargeInteger {
            quad_part: total as i64,
        };
        let done = LargeInteger {
            quad_part: done as i64,
        };
        // SAFETY: the program's routine, with the arguments Windows passes (no file handles:
        // the copy's files are ws2mp's own).
        let answer = unsafe {
            f(
                total,
                done,
                total,
                done,
                1,
                reason,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                data,
            )
        };
        match answer {
            0 => Step::Continue,
            1 => Step::Cancel,
            2 => Step::Stop,
            _ => Step::Quiet,
        }
    }
}

/// Copies `lpExistingFileName` to `lpNewFileName` as `CopyFile` does, calling
/// `lpProgressRoutine` (may be NULL) with `lpData` once before the first byte
/// (`CALLBACK_STREAM_SWITCH`) and after each chunk of 1 MiB and the last
/// (`CALLBACK_CHUNK_FINISHED`), with the total and transferred bytes (stream 1, the file
/// handles NULL); its answer `PROGRESS_CONTINUE` goes on, `PROGRESS_CANCEL` stops and removes
/// the new file, `PROGRESS_STOP` stops and leaves it, `PROGRESS_QUIET` goes on without further
/// calls. `*pbCancel` (may be NULL) set TRUE, from any thread, cancels at the next chunk.
/// `dwCopyFlags`: `COPY_FILE_FAIL_IF_EXISTS`; the other flags are accepted. TRUE, or FALSE
/// with `ERROR_REQUEST_ABORTED` (stopped) and `CopyFile`'s errors.
///
/// # Safety
/// The names must be NULL or NUL-terminated; `pbCancel` NULL or a `BOOL` valid during the
/// call; `lpProgressRoutine` NULL or a function of that type.
#[no_mangle]
pub unsafe extern "C" fn CopyFileExA(
    lpExistingFileName: *const c_char,
    lpNewFileName: *const c_char,
    lpProgressRoutine: LPPROGRESS_ROUTINE,
    lpData: *mut c_void,
    pbCancel: *mut i32,
    dwCopyFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe { (name_a(lpExistingFileName), name_a(lpNewFileName)) };
    // SAFETY: caller guarantee.
    let mut progress = unsafe { reporter(lpProgressRoutine, lpData, pbCancel) };
    let fail = (dwCopyFlags & COPY_FILE_FAIL_IF_EXISTS != 0) as i32;
    call(0, || copy_file(from, to, fail, &mut progress))
}

/// `CopyFileExA` with UTF-16 names.
///
/// # Safety
/// As `CopyFileExA`.
#[no_mangle]
pub unsafe extern "C" fn CopyFileExW(
    lpExistingFileName: *const u16,
    lpNewFileName: *const u16,
    lpProgressRoutine: LPPROGRESS_ROUTINE,
    lpData: *mut c_void,
    pbCancel: *mut i32,
    dwCopyFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe { (name_w(lpExistingFileName), name_w(lpNewFileName)) };
    // SAFETY: caller guarantee.
    let mut progress = unsafe { reporter(lpProgressRoutine, lpData, pbCancel) };
    let fail = (dwCopyFlags & COPY_FILE_FAIL_IF_EXISTS != 0) as i32;
    call(0, || copy_file(from, to, fail, &mut progress))
}

/// `MoveFileExA` (the same `MOVEFILE_*` flags and errors) that reports to
/// `lpProgressRoutine` as `CopyFileExA` does when the move copies (`MOVEFILE_COPY_ALLOWED`
/// across file systems); a rename makes no call.
///
/// # Safety
/// The names must be NULL or NUL-terminated; `lpProgressRoutine` NULL or a function of that
/// type.
#[no_mangle]
pub unsafe extern "C" fn MoveFileWithProgressA(
    lpExistingFileName: *const c_char,
    lpNewFileName: *const c_char,
    lpProgressRoutine: LPPROGRESS_ROUTINE,
    lpData: *mut c_void,
    dwFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe { (name_a(lpExistingFileName), name_a(lpNewFileName)) };
    // SAFETY: no cancel flag.
    let mut progress = unsafe { reporter(lpProgressRoutine, lpData, std::ptr::null()) };
    call(0, || move_file(from, to, dwFlags, &mut progress))
}

/// `MoveFileWithProgressA` with UTF-16 names.
///
/// # Safety
/// As `MoveFileWithProgressA`.
#[no_mangle]
pub unsafe extern "C" fn MoveFileWithProgressW(
    lpExistingFileName: *const u16,
    lpNewFileName: *const u16,
    lpProgressRoutine: LPPROGRESS_ROUTINE,
    lpData: *mut c_void,
    dwFlags: u32,
) -> i32 {
    // SAFETY: caller guarantee.
    let (from, to) = unsafe { (name_w(lpExistingFileName), name_w(lpNewFileName)) };
    // SAFETY: no cancel flag.
    let mut progress = unsafe { reporter(lpProgressRoutine, lpData, std::ptr::null()) };
    call(0, || move_file(from, to, dwFlags, &mut progress))
}
