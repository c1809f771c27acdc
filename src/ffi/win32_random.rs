//! Random numbers from the system's generator (`crate::sys::random`), through the three ways
//! Windows programs ask for them: the C runtime's `rand_s`, CryptoAPI's `CryptAcquireContext` /
//! `CryptGenRandom` / `CryptReleaseContext`, and CNG's `BCryptGenRandom`.

use super::call;
use crate::error::WsaResult;
use crate::handle::{codes, err};
use crate::win32::crypt_provider;
use std::os::raw::c_void;

/// `NTE_BAD_UID`: the handle is no open provider.
const NTE_BAD_UID: u32 = 0x8009_0001;
/// `NTE_BAD_FLAGS`.
const NTE_BAD_FLAGS: u32 = 0x8009_0009;
/// `CRYPT_VERIFYCONTEXT`, `CRYPT_NEWKEYSET`, `CRYPT_DELETEKEYSET`, `CRYPT_MACHINE_KEYSET`,
/// `CRYPT_SILENT`, `CRYPT_DEFAULT_CONTAINER_OPTIONAL`: the flags `CryptAcquireContext` knows.
const ACQUIRE_FLAGS: u32 = 0xF000_0000 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80;
const CRYPT_DELETEKEYSET: u32 = 0x10;
/// `BCRYPT_USE_SYSTEM_PREFERRED_RNG`.
const BCRYPT_USE_SYSTEM_PREFERRED_RNG: u32 = 2;
const STATUS_SUCCESS: i32 = 0;
const STATUS_INVALID_HANDLE: i32 = 0xC000_0008_u32 as i32;
const STATUS_INVALID_PARAMETER: i32 = 0xC000_000D_u32 as i32;
/// The C runtime's `EINVAL`, as Microsoft's `rand_s` returns it.
const EINVAL: i32 = 22;

/// Fills `len` bytes at `out` with random bytes (checked copy: an unwritable buffer fails).
fn fill_user(out: *mut c_void, len: usize) -> WsaResult<()> {
    let mut bytes = vec![0u8; len];
    crate::sys::random::fill(&mut bytes).map_err(crate::handle::file::error)?;
    crate::sys::copy_to_user(out.cast(), &bytes).map_err(|_| err(codes::ERROR_INVALID_PARAMETER))
}

/// Microsoft's `rand_s`: a random `unsigned int` from the system's generator (declared by the
/// compat `<stdlib.h>`, with or without `_CRT_RAND_S`). 0, or `EINVAL` for a NULL or unwritable
/// pointer (Microsoft's runtime calls its invalid-parameter handler first; the default one
/// ends the program).
///
/// # Safety
/// `randomValue` should point to a writable `unsigned int`.
#[no_mangle]
pub unsafe extern "C" fn rand_s(randomValue: *mut u32) -> i32 {
    if randomValue.is_null() || fill_user(randomValue.cast(), 4).is_err() {
        return EINVAL;
    }
    0
}

/// Opens a cryptographic service provider: its handle in `*phProv` (`HCRYPTPROV`). Any
/// container name, provider name and type are accepted, as with `CRYPT_VERIFYCONTEXT`: the
/// provider serves `CryptGenRandom` only (there are no key containers, so `CRYPT_NEWKEYSET` is
/// never needed and `CRYPT_DELETEKEYSET` succeeds without a handle). FALSE with
/// `ERROR_INVALID_PARAMETER` for a NULL `phProv`, `NTE_BAD_FLAGS` for unknown flags.
///
/// # Safety
/// `phProv` should point to a writable `HCRYPTPROV`; the strings are not read.
#[no_mangle]
pub unsafe extern "C" fn CryptAcquireContextA(
    phProv: *mut usize,
    szContainer: *const c_void,
    szProvider: *const c_void,
    dwProvType: u32,
    dwFlags: u32,
) -> i32 {
    let _ = (szContainer, szProvider, dwProvType);
    call(0, || {
        if dwFlags & !ACQUIRE_FLAGS != 0 {
            return Err(err(NTE_BAD_FLAGS as i32));
        }
        if dwFlags & CRYPT_DELETEKEYSET != 0 {
            return Ok(1);
        }
        if phProv.is_null() {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let h = crypt_provider::acquire();
        let written = crate::sys::copy_to_user(phProv.cast(), &h.to_ne_bytes());
        if written.is_err() {
            crypt_provider::release(h);
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        Ok(1)
    })
}

/// `CryptAcquireContextA` (the names are not read).
///
/// # Safety
/// As for `CryptAcquireContextA`.
#[no_mangle]
pub unsafe extern "C" fn CryptAcquireContextW(
    phProv: *mut usize,
    szContainer: *const c_void,
    szProvider: *const c_void,
    dwProvType: u32,
    dwFlags: u32,
) -> i32 {
    // SAFETY: forwarded caller guarantee.
    unsafe { CryptAcquireContextA(phProv, szContainer, szProvider, dwProvType, dwFlags) }
}

/// Closes a provider. FALSE with `NTE_BAD_UID` for a handle that is not open, `NTE_BAD_FLAGS`
/// for nonzero `dwFlags` (the provider is still closed, as Windows documents).
#[no_mangle]
pub extern "C" fn CryptReleaseContext(hProv: usize, dwFlags: u32) -> i32 {
    call(0, || {
        if !crypt_provider::release(hProv) {
            return Err(err(NTE_BAD_UID as i32));
        }
        if dwFlags != 0 {
            return Err(err(NTE_BAD_FLAGS as i32));
        }
        Ok(1)
    })
}

/// Fills `dwLen` bytes at `pbBuffer` with random bytes. FALSE with `NTE_BAD_UID` for a
/// handle that is not open, `ERROR_INVALID_PARAMETER` for a buffer that cannot be written.
///
/// # Safety
/// `pbBuffer` should point to `dwLen` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn CryptGenRandom(hProv: usize, dwLen: u32, pbBuffer: *mut u8) -> i32 {
    call(0, || {
        if !crypt_provider::is_open(hProv) {
            return Err(err(NTE_BAD_UID as i32));
        }
        fill_user(pbBuffer.cast(), dwLen as usize)?;
        Ok(1)
    })
}

/// CNG's generator: fills `cbBuffer` bytes at `pbBuffer` with random bytes when `hAlgorithm`
/// is NULL and `dwFlags` has `BCRYPT_USE_SYSTEM_PREFERRED_RNG` (algorithm handles from
/// `BCryptOpenAlgorithmProvider` are not provided). `STATUS_SUCCESS`, `STATUS_INVALID_HANDLE`
/// (an algorithm handle, or NULL without that flag) or `STATUS_INVALID_PARAMETER` (unknown
/// flags, a NULL or unwritable buffer).
///
/// # Safety
/// `pbBuffer` should point to `cbBuffer` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn BCryptGenRandom(
    hAlgorithm: *mut c_void,
    pbBuffer: *mut u8,
    cbBuffer: u32,
    dwFlags: u32,
) -> i32 {
    if dwFlags & !(BCRYPT_USE_SYSTEM_PREFERRED_RNG | 1) != 0 {
        return STATUS_INVALID_PARAMETER;
    }
    if !hAlgorithm.is_null() || dwFlags & BCRYPT_USE_SYSTEM_PREFERRED_RNG == 0 {
        return STATUS_INVALID_HANDLE;
    }
    if cbBuffer == 0 {
        return STATUS_SUCCESS;
    }
    if pbBuffer.is_null() || fill_user(pbBuffer.cast(), cbBuffer as usize).is_err() {
        return STATUS_INVALID_PARAMETER;
    }
    STATUS_SUCCESS
}
