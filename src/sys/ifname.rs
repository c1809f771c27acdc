//! Interface names to indexes (`if_nametoindex`).

use std::ffi::CStr;

/// The index of the interface named `name`, 0 if there is none.
pub(crate) fn index_of(name: &CStr) -> u32 {
    // SAFETY: a valid C string.
    unsafe { libc::if_nametoindex(name.as_ptr()) }
}
