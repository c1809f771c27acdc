//! `GetDiskFreeSpace(Ex)`: the file system's sizes from `statvfs`.

use super::SysResult;
use std::ffi::CStr;

/// A file system's sizes in bytes, and its fragment size.
pub struct Space {
    /// Free to an unprivileged caller (`f_bavail`).
    pub available: u64,
    pub total: u64,
    /// Free in all (`f_bfree`).
    pub free: u64,
    pub block: u64,
}

/// The sizes of the file system holding `path`.
pub fn of(path: &CStr) -> SysResult<Space> {
    // SAFETY: an all-zero statvfs is valid; statvfs only writes it.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and buffer.
    super::cvt(unsafe { libc::statvfs(path.as_ptr(), &mut s) })?;
    #[allow(clippy::unnecessary_cast)]
    let (frsize, blocks, bfree, bavail) = (
        s.f_frsize as u64,
        s.f_blocks as u64,
        s.f_bfree as u64,
        s.f_bavail as u64,
    );
    let block = if frsize == 0 {
        s.f_bsize as u64
    } else {
        frsize
    };
    Ok(Space {
        available: bavail.saturating_mul(block),
        total: blocks.saturating_mul(block),
        free: bfree.saturating_mul(block),
        block,
    })
}
