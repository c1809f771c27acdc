//! What `GlobalMemoryStatusEx` and `GlobalMemoryStatus` report: Windows' `MEMORYSTATUSEX` and
//! `MEMORYSTATUS` (the Win64 layouts) filled from the host's memory.
//!
//! Physical memory is the host's RAM, "available" what the system counts as available for new
//! work without swapping (Linux's `MemAvailable`). The page file is Windows' commit limit: RAM
//! plus swap, and available RAM plus free swap. The virtual address space is the one Windows
//! gives every 64-bit process (128 TB), less what this process has mapped where the system
//! says (Linux).

use crate::sys::host::Memory;

/// `MEMORYSTATUSEX`, 64 bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MemoryStatusEx {
    /// `dwLength`: must be the structure's size.
    pub(crate) length: u32,
    /// `dwMemoryLoad`: percent of physical memory in use (0..=100).
    pub(crate) memory_load: u32,
    pub(crate) total_phys: u64,
    pub(crate) avail_phys: u64,
    pub(crate) total_page_file: u64,
    pub(crate) avail_page_file: u64,
    pub(crate) total_virtual: u64,
    pub(crate) avail_virtual: u64,
    /// `ullAvailExtendedVirtual`: always 0 (reserved).
    pub(crate) avail_extended_virtual: u64,
}

/// `MEMORYSTATUS` (Win64: `SIZE_T` fields), 56 bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MemoryStatus {
    pub(crate) length: u32,
    pub(crate) memory_load: u32,
    pub(crate) total_phys: usize,
    pub(crate) avail_phys: usize,
    pub(crate) total_page_file: usize,
    pub(crate) avail_page_file: usize,
    pub(crate) total_virtual: usize,
    pub(crate) avail_virtual: usize,
}

/// The user address space of a 64-bit Windows process (`ullTotalVirtual`).
const TOTAL_VIRTUAL: u64 = 0x7FFF_FFFE_0000;

pub(crate) const MEMORYSTATUSEX_SIZE: u32 = std::mem::size_of::<MemoryStatusEx>() as u32;

/// `MEMORYSTATUSEX` for the host's memory `m`.
pub(crate) fn status_ex(m: &Memory) -> MemoryStatusEx {
    let total = m.total_ram.max(1);
    let avail = m.available_ram.min(total);
    let used = total - avail;
    MemoryStatusEx {
        length: MEMORYSTATUSEX_SIZE,
        memory_load: ((u128::from(used) * 100 + u128::from(total) / 2) / u128::from(total)) as u32,
        total_phys: m.total_ram,
        avail_phys: avail,
        total_page_file: m.total_ram.saturating_add(m.total_swap),
        avail_page_file: avail.saturating_add(m.free_swap.min(m.total_swap)),
        total_virtual: TOTAL_VIRTUAL,
        avail_virtual: TOTAL_VIRTUAL - m.process_virtual.unwrap_or(0).min(TOTAL_VIRTUAL),
        avail_extended_virtual: 0,
    }
}

/// `MEMORYSTATUS` from the same figures (a 64-bit `SIZE_T` holds them all).
pub(crate) fn status(m: &Memory) -> MemoryStatus {
    let ex = status_ex(m);
    let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
    MemoryStatus {
        length: std::mem::size_of::<MemoryStatus>() as u32,
        memory_load: ex.memory_load,
        total_phys: size(ex.total_phys),
        avail_phys: size(ex.avail_phys),
        total_page_file: size(ex.total_page_file),
        avail_page_file: size(ex.avail_page_file),
        total_virtual: size(ex.total_virtual),
        avail_virtual: size(ex.avail_virtual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_windows_win64() {
        assert_eq!(MEMORYSTATUSEX_SIZE, 64);
        assert_eq!(std::mem::offset_of!(MemoryStatusEx, total_phys), 8);
        assert_eq!(
            std::mem::offset_of!(MemoryStatusEx, avail_extended_virtual),
            56
        );
        assert_eq!(std::mem::size_of::<MemoryStatus>(), 56);
        assert_eq!(std::mem::offset_of!(MemoryStatus, avail_virtual), 48);
    }

    #[test]
    fn figures_are_consistent() {
        let m = Memory {
            total_ram: 8 << 30,
            available_ram: 2 << 30,
            total_swap: 1 << 30,
            free_swap: 1 << 29,
            process_virtual: Some(1 << 20),
        };
        let s = status_ex(&m);
        assert_eq!(s.memory_load, 75);
        assert_eq!(s.total_page_file, 9 << 30);
        assert_eq!(s.avail_page_file, (2 << 30) + (1 << 29));
        assert_eq!(s.avail_virtual, TOTAL_VIRTUAL - (1 << 20));
        let host = status_ex(&crate::sys::host::memory());
        assert!(host.total_phys > 0 && host.avail_phys <= host.total_phys);
        assert!(host.memory_load <= 100);
        assert!(host.avail_page_file <= host.total_page_file);
    }
}
