//! What `GetSystemInfo` reports: Windows' `SYSTEM_INFO` (the Win64 layout) filled from the
//! host: the page size and the number of online processors; the processor architecture from
//! the target ws2mp was built for; the address range and allocation granularity Windows gives
//! every 64-bit process.

/// `SYSTEM_INFO`, Windows' Win64 layout (48 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemInfo {
    /// `wProcessorArchitecture` (the low word of the `dwOemId` union).
    pub processor_architecture: u16,
    /// `wReserved`.
    pub reserved: u16,
    /// `dwPageSize`.
    pub page_size: u32,
    /// `lpMinimumApplicationAddress`.
    pub minimum_application_address: usize,
    /// `lpMaximumApplicationAddress`.
    pub maximum_application_address: usize,
    /// `dwActiveProcessorMask`.
    pub active_processor_mask: usize,
    /// `dwNumberOfProcessors`.
    pub number_of_processors: u32,
    /// `dwProcessorType`.
    pub processor_type: u32,
    /// `dwAllocationGranularity`.
    pub allocation_granularity: u32,
    /// `wProcessorLevel`.
    pub processor_level: u16,
    /// `wProcessorRevision`.
    pub processor_revision: u16,
}

/// `PROCESSOR_ARCHITECTURE_AMD64`, `PROCESSOR_ARCHITECTURE_ARM64`, `PROCESSOR_ARCHITECTURE_UNKNOWN`.
const ARCH_AMD64: u16 = 9;
const ARCH_ARM64: u16 = 12;
const ARCH_UNKNOWN: u16 = 0xffff;
/// `PROCESSOR_AMD_X8664`.
const TYPE_AMD_X8664: u32 = 8664;

/// The system's description, as `GetSystemInfo` returns it.
pub fn system_info() -> SystemInfo {
    let (arch, kind) = if cfg!(target_arch = "x86_64") {
        (ARCH_AMD64, TYPE_AMD_X8664)
    } else if cfg!(target_arch = "aarch64") {
        (ARCH_ARM64, 0)
    } else {
        (ARCH_UNKNOWN, 0)
    };
    let cpus = crate::sys::host::online_processors();
    // Windows reports at most 64 processors (one processor group) to this call.
    let counted = cpus.clamp(1, 64);
    let mask = if counted == 64 {
        usize::MAX
    } else {
        (1usize << counted) - 1
    };
    SystemInfo {
        processor_architecture: arch,
        reserved: 0,
        page_size: crate::sys::host::page_size(),
        minimum_application_address: 0x1_0000,
        maximum_application_address: 0x7FFF_FFFE_FFFF,
        active_processor_mask: mask,
        number_of_processors: counted,
        processor_type: kind,
        allocation_granularity: 0x1_0000,
        processor_level: 0,
        processor_revision: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_windows_win64() {
        assert_eq!(std::mem::size_of::<SystemInfo>(), 48);
        assert_eq!(
            std::mem::offset_of!(SystemInfo, minimum_application_address),
            8
        );
        assert_eq!(std::mem::offset_of!(SystemInfo, number_of_processors), 32);
        assert_eq!(std::mem::offset_of!(SystemInfo, processor_revision), 46);
    }

    #[test]
    fn reports_the_host() {
        let s = system_info();
        assert!(s.number_of_processors >= 1);
        assert_eq!(s.active_processor_mask.count_ones(), s.number_of_processors);
        assert!(s.page_size >= 4096 && s.page_size.is_power_of_two());
        assert_eq!(s.allocation_granularity, 65536);
    }
}
