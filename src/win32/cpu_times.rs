//! The texts behind `GetProcessTimes`, `GetThreadTimes` and `GetSystemTimes` on Linux: the
//! `cpu` line and `btime` of `/proc/stat` and the start time in `/proc/<pid>/stat`.

/// The system's CPU time summed over all CPUs, in clock ticks, as `GetSystemTimes` counts it:
/// idle (idle and waiting for I/O), kernel (system, interrupts and idle: Windows' kernel time
/// includes the idle time) and user (user and niced user).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemTimes {
    pub idle: u64,
    pub kernel: u64,
    pub user: u64,
}

/// The first (all-CPU) `cpu` line of `/proc/stat`: user, nice, system, idle, iowait, irq,
/// softirq, steal, ...
pub fn system_times(proc_stat: &str) -> Option<SystemTimes> {
    let line = proc_stat.lines().find(|l| l.starts_with("cpu "))?;
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    let at = |i: usize| v.get(i).copied().unwrap_or(0);
    if v.len() < 4 {
        return None;
    }
    let idle = at(3) + at(4);
    Some(SystemTimes {
        idle,
        kernel: at(2) + at(5) + at(6) + idle,
        user: at(0) + at(1),
    })
}

/// The boot time, in seconds since the Unix epoch (`btime` of `/proc/stat`).
pub fn boot_time(proc_stat: &str) -> Option<u64> {
    proc_stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .and_then(|v| v.trim().parse().ok())
}

/// The start time, in clock ticks after boot, of a `/proc/<pid>/stat` line (field 22; the
/// command name, field 2, is in parentheses and may hold spaces).
pub fn start_ticks(pid_stat: &str) -> Option<u64> {
    let rest = &pid_stat[pid_stat.rfind(')')? + 1..];
    // Fields from the state (3) on: the start time is the 20th of them.
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// The user time, system time and start time, in clock ticks, of a
/// `/proc/<pid>/task/<tid>/stat` line (fields 14, 15 and 22).
pub fn task_ticks(task_stat: &str) -> Option<(u64, u64, u64)> {
    let rest = &task_stat[task_stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let at = |i: usize| f.get(i)?.parse().ok();
    Some((at(11)?, at(12)?, at(19)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_stat() {
        let text = "cpu  10 2 30 400 5 6 7 8 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\nbtime 1700000000\n";
        assert_eq!(
            system_times(text),
            Some(SystemTimes {
                idle: 405,
                kernel: 30 + 6 + 7 + 405,
                user: 12
            })
        );
        assert_eq!(boot_time(text), Some(1_700_000_000));
        let pid = "42 (a (b) c) S 1 42 42 0 -1 4194304 100 0 0 0 5 3 0 0 20 0 1 0 12345 1000 \
                   100 18446744073709551615";
        assert_eq!(start_ticks(pid), Some(12345));
        assert_eq!(task_ticks(pid), Some((5, 3, 12345)));
    }
}
