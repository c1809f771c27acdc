//! Host facts Win32 reports: the number of online processors and the page size
//! (`GetSystemInfo`), the memory in use and free (`GlobalMemoryStatusEx`).

/// Processors online now (at least 1).
pub fn online_processors() -> u32 {
    // SAFETY: sysconf reads a system value and touches no memory of ours.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    u32::try_from(n).ok().filter(|&n| n > 0).unwrap_or(1)
}

/// Processors the system has, online or not (at least the online ones).
pub fn configured_processors() -> u32 {
    // SAFETY: as above.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_CONF) };
    u32::try_from(n)
        .ok()
        .filter(|&n| n > 0)
        .unwrap_or(0)
        .max(online_processors())
}

/// The virtual memory page size.
pub fn page_size() -> u32 {
    // SAFETY: as above.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u32::try_from(n).ok().filter(|&n| n > 0).unwrap_or(4096)
}

/// The host's memory, for `GlobalMemoryStatusEx`: bytes of RAM in all and available to start
/// new work without swapping, of swap in all and free, and the calling process's virtual size
/// (`None` where the system does not say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    pub total_ram: u64,
    pub available_ram: u64,
    pub total_swap: u64,
    pub free_swap: u64,
    pub process_virtual: Option<u64>,
}

/// The host's memory now (Linux: `/proc/meminfo` and `/proc/self/statm`; BSDs and macOS: the
/// page counts of `sysconf` and `sysctl`).
pub fn memory() -> Memory {
    let page = u64::from(page_size());
    #[cfg(target_os = "linux")]
    {
        let mut m = Memory::default();
        if let Ok(text) = std::fs::read_to_string("/proc/meminfo") {
            for line in text.lines() {
                let mut words = line.split_whitespace();
                let (Some(key), Some(kb)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(kb) = kb.parse::<u64>() else {
                    continue;
                };
                let bytes = kb.saturating_mul(1024);
                match key {
                    "MemTotal:" => m.total_ram = bytes,
                    "MemAvailable:" => m.available_ram = bytes,
                    "SwapTotal:" => m.total_swap = bytes,
                    "SwapFree:" => m.free_swap = bytes,
                    _ => {}
                }
            }
        }
        if m.total_ram == 0 {
            m.total_ram = sysconf_pages(libc::_SC_PHYS_PAGES) * page;
        }
        if m.available_ram == 0 {
            m.available_ram = sysconf_pages(libc::_SC_AVPHYS_PAGES) * page;
        }
        m.process_virtual = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .map(|pages| pages * page);
        m
    }
    #[cfg(not(target_os = "linux"))]
    {
        #[cfg(target_vendor = "apple")]
        const FREE_PAGES: &std::ffi::CStr = c"vm.page_free_count";
        #[cfg(not(target_vendor = "apple"))]
        const FREE_PAGES: &std::ffi::CStr = c"vm.stats.vm.v_free_count";
        let total_ram = sysconf_pages(libc::_SC_PHYS_PAGES) * page;
        Memory {
            total_ram,
            available_ram: (u64::from(sysctl_u32(FREE_PAGES)) * page).min(total_ram),
            ..Memory::default()
        }
    }
}

fn sysconf_pages(name: libc::c_int) -> u64 {
    // SAFETY: sysconf reads a system value and touches no memory of ours.
    let n = unsafe { libc::sysconf(name) };
    u64::try_from(n).unwrap_or(0)
}

/// A 32-bit `sysctl` value by name (0 if the system has none).
#[cfg(not(target_os = "linux"))]
fn sysctl_u32(name: &std::ffi::CStr) -> u32 {
    let mut value: u32 = 0;
    let mut len = std::mem::size_of::<u32>();
    // SAFETY: `value` is writable for `len` bytes; no new value is written.
    let r = unsafe {
        libc::sysctlbyname(
            name.as_ptr(),
            (&mut value as *mut u32).cast(),
            &mut len,
            std::ptr::null_mut(),
            0,
        )
    };
    if r == 0 && len == std::mem::size_of::<u32>() {
        value
    } else {
        0
    }
}
