//! `LockFile`, `UnlockFile`, `LockFileEx` and `UnlockFileEx`: byte-range locks on the handles
//! `CreateFile` returns, with Windows' rules (see `handle::file_locks`). A lock belongs to its
//! handle: on Linux a second handle of the same process is refused as on Windows; on macOS
//! and the BSDs the system's locks belong to the process, so only other processes are.
//! Locks are advisory: `ReadFile` / `WriteFile` through another handle are not refused.

use super::call;
use super::types::WSAOVERLAPPED;
use crate::handle::file_locks::Lock;
use crate::handle::{codes, err, file};
use std::os::raw::c_void;

const LOCKFILE_FAIL_IMMEDIATELY: u32 = 0x1;
const LOCKFILE_EXCLUSIVE_LOCK: u32 = 0x2;

fn file_fd(h: *mut c_void) -> crate::error::WsaResult<i32> {
    file::fd_of(h as usize).ok_or(err(codes::ERROR_INVALID_HANDLE))
}

fn join(low: u32, high: u32) -> u64 {
    u64::from(low) | (u64::from(high) << 32)
}

/// The offset an `OVERLAPPED` names (`Offset`, `OffsetHigh`).
///
/// # Safety
/// `ov` must be NULL or point to a readable `OVERLAPPED`.
unsafe fn offset(ov: *mut WSAOVERLAPPED) -> crate::error::WsaResult<u64> {
    // SAFETY: caller guarantee.
    let o = unsafe { ov.as_ref() }.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    Ok(join(o.Offset, o.OffsetHigh))
}

/// The `OVERLAPPED` of a lock call that completed: status 0, and its event signalled.
///
/// # Safety
/// `ov` must point to a writable `OVERLAPPED`.
unsafe fn completed(ov: *mut WSAOVERLAPPED) {
    // SAFETY: caller guarantee.
    if let Some(o) = unsafe { ov.as_mut() } {
        o.Internal = 0;
        o.InternalHigh = 0;
        if !o.hEvent.is_null() {
            super::win32_sync::SetEvent(o.hEvent);
        }
    }
}

/// Locks `nNumberOfBytesToLockLow/High` bytes from `dwFileOffsetLow/High` exclusively, for this
/// handle. Never waits. TRUE, or FALSE with `ERROR_LOCK_VIOLATION` (33: the range overlaps a
/// lock of this or another handle), `ERROR_INVALID_LOCK_RANGE` (307: past the 2^64th byte),
/// `ERROR_INVALID_HANDLE`. A range past the end of the file may be locked; a zero-byte lock
/// succeeds (and refuses this handle's exclusive locks over its offset).
#[no_mangle]
pub extern "C" fn LockFile(
    hFile: *mut c_void,
    dwFileOffsetLow: u32,
    dwFileOffsetHigh: u32,
    nNumberOfBytesToLockLow: u32,
    nNumberOfBytesToLockHigh: u32,
) -> i32 {
    call(0, || {
        let lock = Lock {
            start: join(dwFileOffsetLow, dwFileOffsetHigh),
            len: join(nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh),
            exclusive: true,
        };
        file::lock(file_fd(hFile)?, lock, false)?;
        Ok(1)
    })
}

/// Gives up this handle's lock of exactly that range. TRUE, or FALSE with `ERROR_NOT_LOCKED`
/// (158: no lock of that offset and length), `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn UnlockFile(
    hFile: *mut c_void,
    dwFileOffsetLow: u32,
    dwFileOffsetHigh: u32,
    nNumberOfBytesToUnlockLow: u32,
    nNumberOfBytesToUnlockHigh: u32,
) -> i32 {
    call(0, || {
        file::unlock(
            file_fd(hFile)?,
            join(dwFileOffsetLow, dwFileOffsetHigh),
            join(nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh),
        )?;
        Ok(1)
    })
}

/// Locks the range from `lpOverlapped`'s `Offset`/`OffsetHigh`: exclusively with
/// `LOCKFILE_EXCLUSIVE_LOCK`, else shared (shared locks of any handles may overlap). With
/// `LOCKFILE_FAIL_IMMEDIATELY` a conflict fails at once with `ERROR_LOCK_VIOLATION`; without
/// it the call waits until the other handle's lock is gone (a conflict with this handle's own
/// locks still fails at once: Windows would wait forever). The call completes before it
/// returns: `Internal` is 0 and `hEvent`, when set, is signalled. TRUE, or FALSE with
/// `ERROR_LOCK_VIOLATION`, `ERROR_INVALID_PARAMETER` (nonzero `dwReserved`, other flags, NULL
/// `lpOverlapped`), `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lpOverlapped` must be NULL or point to a readable and writable `OVERLAPPED`.
#[no_mangle]
pub unsafe extern "C" fn LockFileEx(
    hFile: *mut c_void,
    dwFlags: u32,
    dwReserved: u32,
    nNumberOfBytesToLockLow: u32,
    nNumberOfBytesToLockHigh: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        let fd = file_fd(hFile)?;
        if dwReserved != 0 || dwFlags & !(LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK) != 0
        {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let lock = Lock {
            // SAFETY: caller guarantee.
            start: unsafe { offset(lpOverlapped)? },
            len: join(nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh),
            exclusive: dwFlags & LOCKFILE_EXCLUSIVE_LOCK != 0,
        };
        file::lock(fd, lock, dwFlags & LOCKFILE_FAIL_IMMEDIATELY == 0)?;
        // SAFETY: caller guarantee (checked non-NULL above).
        unsafe { completed(lpOverlapped) };
        Ok(1)
    })
}

/// Gives up this handle's lock of exactly the range from `lpOverlapped`'s offset (an exclusive
/// lock before a shared one of the same range). TRUE, or FALSE with `ERROR_NOT_LOCKED`,
/// `ERROR_INVALID_PARAMETER` (nonzero `dwReserved`, NULL `lpOverlapped`),
/// `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lpOverlapped` must be NULL or point to a readable and writable `OVERLAPPED`.
#[no_mangle]
pub unsafe extern "C" fn UnlockFileEx(
    hFile: *mut c_void,
    dwReserved: u32,
    nNumberOfBytesToUnlockLow: u32,
    nNumberOfBytesToUnlockHigh: u32,
    lpOverlapped: *mut WSAOVERLAPPED,
) -> i32 {
    call(0, || {
        let fd = file_fd(hFile)?;
        if dwReserved != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: caller guarantee.
        let start = unsafe { offset(lpOverlapped)? };
        file::unlock(
            fd,
            start,
            join(nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh),
        )?;
        // SAFETY: caller guarantee (checked non-NULL above).
        unsafe { completed(lpOverlapped) };
        Ok(1)
    })
}
