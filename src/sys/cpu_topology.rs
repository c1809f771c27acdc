//! The processors' layout: which logical processors share a core, a package, a NUMA node and
//! each cache, read from Linux's sysfs (`/sys/devices/system/cpu`, `/sys/devices/system/node`).
//! Where that tree is missing (macOS, the BSDs) each online processor counts as its own core
//! in one package and one node, with no caches described.

/// One cache, and the logical processors (by position in the online list) that share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub level: u8,
    /// 0 unified, 1 instruction, 2 data (Windows' `PROCESSOR_CACHE_TYPE` order).
    pub kind: u8,
    pub size: u32,
    pub line_size: u16,
    /// Ways of associativity (0xFF: fully associative).
    pub ways: u8,
    pub processors: Vec<usize>,
}

/// The layout, with logical processors numbered by their position in the online list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    /// The logical processors of each core.
    pub cores: Vec<Vec<usize>>,
    /// The logical processors of each package.
    pub packages: Vec<Vec<usize>>,
    /// The NUMA nodes: (node number, logical processors).
    pub nodes: Vec<(u32, Vec<usize>)>,
    pub caches: Vec<Cache>,
}

/// Parses a kernel CPU list ("0-3,8,10-11").
pub fn parse_list(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in text.trim().split(',').filter(|p| !p.is_empty()) {
        let mut ends = part.splitn(2, '-').map(|n| n.trim().parse::<u32>());
        match (ends.next(), ends.next()) {
            (Some(Ok(a)), None) => out.push(a),
            (Some(Ok(a)), Some(Ok(b))) if a <= b => out.extend(a..=b),
            _ => {}
        }
    }
    out
}

/// A cache size as sysfs writes it ("48K", "2048K", "32M").
fn parse_size(text: &str) -> u32 {
    let t = text.trim();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u32 = digits.parse().unwrap_or(0);
    match unit {
        "K" => n.saturating_mul(1024),
        "M" => n.saturating_mul(1024 * 1024),
        "G" => n.saturating_mul(1024 * 1024 * 1024),
        _ => n,
    }
}

/// The layout of the online processors.
pub fn topology() -> Topology {
    // Only Linux has the tree; elsewhere the first read fails and the flat layout is used.
    from_sysfs(std::path::Path::new("/sys/devices/system"))
        .unwrap_or_else(|| flat(super::host::online_processors() as usize))
}

/// Each processor its own core, all in one package and node.
fn flat(count: usize) -> Topology {
    let all: Vec<usize> = (0..count.max(1)).collect();
    Topology {
        cores: all.iter().map(|&p| vec![p]).collect(),
        packages: vec![all.clone()],
        nodes: vec![(0, all)],
        caches: Vec::new(),
    }
}

/// Reads the layout under `root` (`/sys/devices/system`); None when the processor list is
/// not there.
pub fn from_sysfs(root: &std::path::Path) -> Option<Topology> {
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).ok();
    let cpu_dir = root.join("cpu");
    let online = parse_list(&read(cpu_dir.join("online"))?);
    if online.is_empty() {
        return None;
    }
    let position = |cpu: u32| online.iter().position(|&c| c == cpu);
    let positions = |list: &str| -> Vec<usize> {
        let mut v: Vec<usize> = parse_list(list).into_iter().filter_map(position).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut t = Topology::default();
    for (index, &cpu) in online.iter().enumerate() {
        let dir = cpu_dir.join(format!("cpu{cpu}"));
        let group = |file: &str| read(dir.join("topology").join(file)).map(|s| positions(&s));
        let core = group("thread_siblings_list").unwrap_or_else(|| vec![index]);
        if !t.cores.contains(&core) {
            t.cores.push(core);
        }
        let package = group("core_siblings_list").unwrap_or_else(|| (0..online.len()).collect());
        if !t.packages.contains(&package) {
            t.packages.push(package);
        }
        for i in 0.. {
            let cache = dir.join("cache").join(format!("index{i}"));
            let Some(level) = read(cache.join("level")) else {
                break;
            };
            let kind = match read(cache.join("type")).as_deref().map(str::trim) {
                Some("Instruction") => 1,
                Some("Data") => 2,
                _ => 0,
            };
            let ways = read(cache.join("ways_of_associativity"))
                .and_then(|s| s.trim().parse::<u32>().ok())
                .map_or(0, |w| if w == 0 { 0xFF } else { w.min(0xFE) as u8 });
            let entry = Cache {
                level: level.trim().parse().unwrap_or(0),
                kind,
                size: read(cache.join("size")).map_or(0, |s| parse_size(&s)),
                line_size: read(cache.join("coherency_line_size"))
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(0),
                ways,
                processors: read(cache.join("shared_cpu_list"))
                    .map_or_else(|| vec![index], |s| positions(&s)),
            };
            if !t.caches.contains(&entry) {
                t.caches.push(entry);
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join("node")) {
        let mut nodes: Vec<(u32, Vec<usize>)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let number = name.strip_prefix("node")?.parse().ok()?;
                Some((number, positions(&read(e.path().join("cpulist"))?)))
            })
            .filter(|(_, cpus)| !cpus.is_empty())
            .collect();
        nodes.sort();
        t.nodes = nodes;
    }
    if t.nodes.is_empty() {
        t.nodes.push((0, (0..online.len()).collect()));
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_sizes_parse_as_the_kernel_writes_them() {
        assert_eq!(parse_list("0-3,8,10-11\n"), vec![0, 1, 2, 3, 8, 10, 11]);
        assert_eq!(parse_list("5"), vec![5]);
        assert_eq!(parse_list(""), Vec::<u32>::new());
        assert_eq!(parse_size("48K\n"), 48 * 1024);
        assert_eq!(parse_size("32M"), 32 * 1024 * 1024);
        assert_eq!(parse_size("512"), 512);
    }

    #[test]
    fn a_sysfs_tree_gives_cores_packages_nodes_and_shared_caches() {
        let root = std::env::temp_dir().join(format!("ws2mp-topology-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |p: &str, s: &str| {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, s).unwrap();
        };
        // Two cores of two hardware threads each (cpus 0,2 and 1,3), one package, one node;
        // a per-core L1 data cache and an L3 shared by all.
        write("cpu/online", "0-3\n");
        for cpu in 0..4 {
            let siblings = if cpu % 2 == 0 { "0,2" } else { "1,3" };
            write(
                &format!("cpu/cpu{cpu}/topology/thread_siblings_list"),
                siblings,
            );
            write(&format!("cpu/cpu{cpu}/topology/core_siblings_list"), "0-3");
            let l1 = format!("cpu/cpu{cpu}/cache/index0/");
            write(&(l1.clone() + "level"), "1");
            write(&(l1.clone() + "type"), "Data");
            write(&(l1.clone() + "size"), "32K");
            write(&(l1.clone() + "coherency_line_size"), "64");
            write(&(l1.clone() + "ways_of_associativity"), "8");
            write(&(l1 + "shared_cpu_list"), siblings);
            let l3 = format!("cpu/cpu{cpu}/cache/index1/");
            write(&(l3.clone() + "level"), "3");
            write(&(l3.clone() + "type"), "Unified");
            write(&(l3.clone() + "size"), "8M");
            write(&(l3.clone() + "coherency_line_size"), "64");
            write(&(l3.clone() + "ways_of_associativity"), "0");
            write(&(l3 + "shared_cpu_list"), "0-3");
        }
        write("node/node0/cpulist", "0-3");
        let t = from_sysfs(&root).expect("a topology");
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(t.cores, vec![vec![0, 2], vec![1, 3]]);
        assert_eq!(t.packages, vec![vec![0, 1, 2, 3]]);
        assert_eq!(t.nodes, vec![(0, vec![0, 1, 2, 3])]);
        assert_eq!(
            t.caches.len(),
            3,
            "two L1 caches (one per core) and one L3: {:?}",
            t.caches
        );
        assert_eq!(
            t.caches[0],
            Cache {
                level: 1,
                kind: 2,
                size: 32 * 1024,
                line_size: 64,
                ways: 8,
                processors: vec![0, 2]
            }
        );
        assert_eq!(t.caches[1].level, 3);
        assert_eq!(t.caches[1].ways, 0xFF, "0 ways in sysfs: fully associative");
        assert_eq!(t.caches[2].processors, vec![1, 3]);
    }

    #[test]
    fn without_sysfs_each_processor_is_a_core() {
        let t = flat(3);
        assert_eq!(t.cores, vec![vec![0], vec![1], vec![2]]);
        assert_eq!(t.packages, vec![vec![0, 1, 2]]);
    }
}
