//! `GetLogicalProcessorInformation`'s records: Windows' `SYSTEM_LOGICAL_PROCESSOR_INFORMATION`
//! (x64 layout, 32 bytes) for each core, cache, package and NUMA node of the host
//! (`sys::cpu_topology`), logical processors numbered as `GetSystemInfo` counts them (one
//! group of at most 64).

use crate::sys::cpu_topology::Topology;

/// Size of one record.
pub(crate) const RECORD_SIZE: usize = 32;

/// `LOGICAL_PROCESSOR_RELATIONSHIP` values.
const RELATION_PROCESSOR_CORE: u32 = 0;
const RELATION_NUMA_NODE: u32 = 1;
const RELATION_CACHE: u32 = 2;
const RELATION_PROCESSOR_PACKAGE: u32 = 3;
/// `LTP_PC_SMT`: the core runs more than one logical processor.
const LTP_PC_SMT: u8 = 1;

/// The `ProcessorMask` of these logical processors (those beyond 64 are not in the group).
fn mask(processors: &[usize]) -> u64 {
    processors
        .iter()
        .filter(|&&p| p < 64)
        .fold(0, |m, &p| m | (1u64 << p))
}

fn record(processors: &[usize], relationship: u32, union: [u8; 16]) -> [u8; RECORD_SIZE] {
    let mut r = [0u8; RECORD_SIZE];
    r[0..8].copy_from_slice(&mask(processors).to_ne_bytes());
    r[8..12].copy_from_slice(&relationship.to_ne_bytes());
    r[16..32].copy_from_slice(&union);
    r
}

/// The records, cores first, then caches, packages and NUMA nodes (Windows documents no
/// order; programs look at each record's `Relationship`). Whatever holds only processors
/// beyond the first 64 is left out, as it is outside the group Windows describes.
pub fn records(t: &Topology) -> Vec<[u8; RECORD_SIZE]> {
    let mut out = records_all(t);
    out.retain(|r| r[0..8] != [0; 8]);
    out
}

fn records_all(t: &Topology) -> Vec<[u8; RECORD_SIZE]> {
    let mut out = Vec::new();
    for core in &t.cores {
        let mut u = [0u8; 16];
        u[0] = if core.len() > 1 { LTP_PC_SMT } else { 0 };
        out.push(record(core, RELATION_PROCESSOR_CORE, u));
    }
    for c in &t.caches {
        // CACHE_DESCRIPTOR: Level, Associativity, LineSize, Size, Type.
        let mut u = [0u8; 16];
        u[0] = c.level;
        u[1] = c.ways;
        u[2..4].copy_from_slice(&c.line_size.to_ne_bytes());
        u[4..8].copy_from_slice(&c.size.to_ne_bytes());
        u[8..12].copy_from_slice(&u32::from(c.kind).to_ne_bytes());
        out.push(record(&c.processors, RELATION_CACHE, u));
    }
    for package in &t.packages {
        out.push(record(package, RELATION_PROCESSOR_PACKAGE, [0; 16]));
    }
    for (number, processors) in &t.nodes {
        let mut u = [0u8; 16];
        u[0..4].copy_from_slice(&number.to_ne_bytes());
        out.push(record(processors, RELATION_NUMA_NODE, u));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::cpu_topology::Cache;

    #[test]
    fn records_carry_masks_relationships_and_descriptors() {
        let t = Topology {
            cores: vec![vec![0, 2], vec![1]],
            packages: vec![vec![0, 1, 2]],
            nodes: vec![(0, vec![0, 1, 2])],
            caches: vec![Cache {
                level: 1,
                kind: 2,
                size: 32768,
                line_size: 64,
                ways: 8,
                processors: vec![0, 2],
            }],
        };
        let r = records(&t);
        assert_eq!(r.len(), 5);
        assert_eq!(u64::from_ne_bytes(r[0][0..8].try_into().unwrap()), 0b101);
        assert_eq!(
            u32::from_ne_bytes(r[0][8..12].try_into().unwrap()),
            RELATION_PROCESSOR_CORE
        );
        assert_eq!(r[0][16], LTP_PC_SMT, "two threads on the first core");
        assert_eq!(r[1][16], 0, "one on the second");
        let cache = &r[2];
        assert_eq!(
            u32::from_ne_bytes(cache[8..12].try_into().unwrap()),
            RELATION_CACHE
        );
        assert_eq!((cache[16], cache[17]), (1, 8));
        assert_eq!(u16::from_ne_bytes(cache[18..20].try_into().unwrap()), 64);
        assert_eq!(u32::from_ne_bytes(cache[20..24].try_into().unwrap()), 32768);
        assert_eq!(
            u32::from_ne_bytes(cache[24..28].try_into().unwrap()),
            2,
            "CacheData"
        );
        assert_eq!(
            u32::from_ne_bytes(r[3][8..12].try_into().unwrap()),
            RELATION_PROCESSOR_PACKAGE
        );
        assert_eq!(u64::from_ne_bytes(r[3][0..8].try_into().unwrap()), 0b111);
        assert_eq!(
            u32::from_ne_bytes(r[4][8..12].try_into().unwrap()),
            RELATION_NUMA_NODE
        );
    }

    #[test]
    fn processors_beyond_64_are_outside_the_mask() {
        assert_eq!(mask(&[63, 64, 100]), 1 << 63);
        let t = Topology {
            cores: vec![vec![63], vec![64]],
            packages: vec![vec![63, 64]],
            nodes: vec![(0, vec![63, 64])],
            caches: Vec::new(),
        };
        assert_eq!(records(&t).len(), 3, "the core of processor 64 is left out");
    }
}
