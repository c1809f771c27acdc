//! `CoInitialize`, `CoInitializeEx`, `CoUninitialize`: the per-thread initialisation count of
//! COM (`crate::win32::com`), for programs that call them around their Winsock code. COM
//! itself (`CoCreateInstance`, ...) is not provided.

use crate::win32::com::{self, Model};
use std::os::raw::c_void;

/// Initialises COM on the calling thread for the model `dwCoInit` asks for:
/// `COINIT_APARTMENTTHREADED` (2) or `COINIT_MULTITHREADED` (0); the other flags are accepted.
/// Returns `S_OK` (the thread's first call), `S_FALSE` (the thread was already initialised
/// with that model; the call still counts and needs its `CoUninitialize`) or
/// `RPC_E_CHANGED_MODE` (it was initialised with the other model; not counted).
/// `pvReserved` is ignored.
#[no_mangle]
pub extern "C" fn CoInitializeEx(pvReserved: *mut c_void, dwCoInit: u32) -> i32 {
    let _ = pvReserved;
    com::initialize(Model::from_flags(dwCoInit))
}

/// `CoInitializeEx(pvReserved, COINIT_APARTMENTTHREADED)`.
#[no_mangle]
pub extern "C" fn CoInitialize(pvReserved: *mut c_void) -> i32 {
    let _ = pvReserved;
    com::initialize(Model::Apartment)
}

/// Undoes one counted `CoInitialize` / `CoInitializeEx` of the calling thread (none left:
/// nothing happens).
#[no_mangle]
pub extern "C" fn CoUninitialize() {
    com::uninitialize();
}
