//! The system's processes and a process's memory figures, for `CreateToolhelp32Snapshot`,
//! `EnumProcesses` and `GetProcessMemoryInfo`: read from Linux's `/proc/<pid>/stat` and
//! `/proc/<pid>/status` (elsewhere `ERROR_NOT_SUPPORTED`).

use super::codes::{ERROR_INVALID_PARAMETER, ERROR_NOT_SUPPORTED};
use crate::sys::procfs;

/// One process, as `PROCESSENTRY32` describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessEntry {
    pub pid: u32,
    pub parent: u32,
    pub threads: u32,
    /// The program's file name (no directory), as Windows' `szExeFile`.
    pub exe: String,
}

/// A process's memory figures, in bytes, as `PROCESS_MEMORY_COUNTERS(_EX)` reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryCounters {
    pub page_faults: u32,
    /// Resident set: `VmRSS` (and its peak, `VmHWM`).
    pub working_set: u64,
    pub peak_working_set: u64,
    /// Private memory the process has committed: its data segment and stack (`VmData` +
    /// `VmStk`).
    pub private: u64,
}

/// The fields of `/proc/<pid>/stat` a snapshot needs: (parent, threads, page faults). The
/// command name (field 2) is in parentheses and may hold spaces and parentheses itself, so
/// the fields are counted after its last `)`.
pub fn parse_stat(text: &str) -> Option<(u32, u32, u64)> {
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state(3) ppid(4) ... minflt(10) cminflt(11) majflt(12) ... num_threads(20).
    let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
    let parent = u32::try_from(field(4)?).ok()?;
    let threads = u32::try_from(field(20)?).unwrap_or(u32::MAX);
    Some((parent, threads, field(10)? + field(12)?))
}

/// The command name in `/proc/<pid>/stat` (between the first `(` and the last `)`).
pub fn stat_name(text: &str) -> Option<&str> {
    Some(&text[text.find('(')? + 1..text.rfind(')')?])
}

/// A `kB` figure of `/proc/<pid>/status` (`VmRSS:     1234 kB`), in bytes.
fn status_bytes(text: &str, key: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The memory figures of `/proc/<pid>/status` and the page faults of its `stat`.
pub fn parse_memory(status: &str, page_faults: u64) -> MemoryCounters {
    MemoryCounters {
        page_faults: u32::try_from(page_faults).unwrap_or(u32::MAX),
        working_set: status_bytes(status, "VmRSS"),
        peak_working_set: status_bytes(status, "VmHWM"),
        private: status_bytes(status, "VmData") + status_bytes(status, "VmStk"),
    }
}

fn proc_error(errno: i32) -> u32 {
    if errno == libc::EOPNOTSUPP {
        ERROR_NOT_SUPPORTED
    } else {
        ERROR_INVALID_PARAMETER
    }
}

/// Process `pid`'s memory figures.
pub fn memory(pid: u32) -> Result<MemoryCounters, u32> {
    let stat = procfs::read(&format!("/proc/{pid}/stat")).map_err(proc_error)?;
    let status = procfs::read(&format!("/proc/{pid}/status")).map_err(proc_error)?;
    let (_, _, faults) = parse_stat(&stat).ok_or(ERROR_INVALID_PARAMETER)?;
    Ok(parse_memory(&status, faults))
}

/// The ids of every process, in ascending order.
pub fn ids() -> Result<Vec<u32>, u32> {
    let mut ids: Vec<u32> = procfs::list("/proc")
        .map_err(proc_error)?
        .iter()
        .filter_map(|n| n.parse().ok())
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

/// Every process that is still there when it is read (one that ends meanwhile is left out).
pub fn processes() -> Result<Vec<ProcessEntry>, u32> {
    Ok(ids()?
        .into_iter()
        .filter_map(|pid| {
            let stat = procfs::read(&format!("/proc/{pid}/stat")).ok()?;
            let (parent, threads, _) = parse_stat(&stat)?;
            // The executable's file name when it can be read (a process of this user), else
            // the command name the kernel keeps (at most 15 bytes).
            let exe = procfs::link(&format!("/proc/{pid}/exe"))
                .ok()
                .and_then(|p| {
                    let p = p.strip_suffix(" (deleted)").unwrap_or(&p).to_owned();
                    p.rsplit('/').next().map(str::to_owned)
                })
                .filter(|n| !n.is_empty())
                .or_else(|| stat_name(&stat).map(str::to_owned))?;
            Some(ProcessEntry {
                pid,
                parent,
                threads,
                exe,
            })
        })
        .collect())
}

/// Process `pid`'s program, as a full path.
pub fn image_path(pid: u32) -> Result<String, u32> {
    let path = procfs::link(&format!("/proc/{pid}/exe")).map_err(|e| match e {
        libc::EACCES | libc::EPERM => super::codes::ERROR_ACCESS_DENIED,
        other => proc_error(other),
    })?;
    Ok(path.strip_suffix(" (deleted)").unwrap_or(&path).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAT: &str =
        "4242 (feed (v2) x) S 17 4242 4242 0 -1 4194560 1500 0 20 0 5 3 0 0 20 0 7 0 \
                        123 1000 300 18446744073709551615";

    #[test]
    fn stat_fields_are_counted_after_the_name() {
        assert_eq!(parse_stat(STAT), Some((17, 7, 1520)));
        assert_eq!(stat_name(STAT), Some("feed (v2) x"));
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn memory_figures_come_from_status() {
        let status = "Name:\tfeed\nVmHWM:\t    2048 kB\nVmRSS:\t    1024 kB\nVmData:\t  300 kB\nVmStk:\t  132 kB\n";
        let m = parse_memory(status, 1520);
        assert_eq!(m.working_set, 1024 * 1024);
        assert_eq!(m.peak_working_set, 2048 * 1024);
        assert_eq!(m.private, 432 * 1024);
        assert_eq!(m.page_faults, 1520);
    }
}
