//! Pages of address space for `VirtualAlloc`: anonymous private mappings, their protection,
//! and giving them back.

use super::SysResult;

/// Page protections as `mprotect` takes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Protection {
    pub read: bool,
    pub write: bool,
    pub execute: bool,
}

impl Protection {
    fn flags(self) -> libc::c_int {
        let mut p = libc::PROT_NONE;
        if self.read {
            p |= libc::PROT_READ;
        }
        if self.write {
            p |= libc::PROT_WRITE;
        }
        if self.execute {
            p |= libc::PROT_EXEC;
        }
        p
    }
}

/// Maps `len` bytes (a multiple of the page size) aligned to `align` (a power of two, at least
/// a page), inaccessible until `protect`; the pages read as zero once accessible.
pub fn reserve(len: usize, align: usize) -> SysResult<usize> {
    let span = len.checked_add(align).ok_or(libc::ENOMEM)?;
    // SAFETY: an anonymous private mapping at an address of the system's choice touches no
    // existing memory.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            span,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANON,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return Err(super::errno());
    }
    let start = base as usize;
    let aligned = (start + align - 1) & !(align - 1);
    // SAFETY: the head and tail are parts of the mapping just made, used by nothing.
    unsafe {
        if aligned > start {
            libc::munmap(base, aligned - start);
        }
        let end = aligned + len;
        if start + span > end {
            libc::munmap(end as *mut libc::c_void, start + span - end);
        }
    }
    Ok(aligned)
}

/// Sets the protection of the pages `[addr, addr + len)`, which `reserve` mapped.
pub fn protect(addr: usize, len: usize, p: Protection) -> SysResult<()> {
    // SAFETY: the range lies in a mapping `reserve` made and its caller still owns; changing
    // its protection affects no other memory.
    let r = unsafe { libc::mprotect(addr as *mut libc::c_void, len, p.flags()) };
    if r == 0 {
        super::forget_verified();
        Ok(())
    } else {
        Err(super::errno())
    }
}

/// Gives the pages' contents back (they read as zero when next accessible) and makes them
/// inaccessible (`MEM_DECOMMIT`): fresh pages are mapped over them.
pub fn decommit(addr: usize, len: usize) -> SysResult<()> {
    // SAFETY: the range lies in a mapping `reserve` made and its caller still owns; MAP_FIXED
    // replaces exactly those pages and nothing else.
    let base = unsafe {
        libc::mmap(
            addr as *mut libc::c_void,
            len,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANON | libc::MAP_FIXED,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        Err(super::errno())
    } else {
        Ok(())
    }
}

/// Unmaps what `reserve` mapped.
pub fn release(addr: usize, len: usize) -> SysResult<()> {
    // SAFETY: the range is exactly a mapping `reserve` made, which its caller no longer uses.
    let r = unsafe { libc::munmap(addr as *mut libc::c_void, len) };
    if r == 0 {
        super::forget_verified();
        Ok(())
    } else {
        Err(super::errno())
    }
}
