//! `VirtualAlloc`, `VirtualFree` and `VirtualProtect`: regions of pages reserved at Windows'
//! 64 KiB allocation granularity, each page reserved or committed with a protection, on the
//! system's anonymous mappings (`sys::vmem`). Committed pages read as zero at first, as on
//! Windows. A region can only be reserved where the system chooses (no fixed address).

use crate::sys::vmem::{self, Protection};
use parking_lot::Mutex;
use std::collections::BTreeMap;

pub(crate) const MEM_COMMIT: u32 = 0x1000;
pub(crate) const MEM_RESERVE: u32 = 0x2000;
pub(crate) const MEM_DECOMMIT: u32 = 0x4000;
pub(crate) const MEM_RELEASE: u32 = 0x8000;
pub(crate) const MEM_RESET: u32 = 0x0008_0000;
pub(crate) const MEM_TOP_DOWN: u32 = 0x0010_0000;

pub(crate) const ERROR_NOT_ENOUGH_MEMORY: u32 = 8;
pub(crate) const ERROR_INVALID_PARAMETER: u32 = 87;
pub(crate) const ERROR_INVALID_ADDRESS: u32 = 487;

/// Windows' `dwAllocationGranularity`: where regions start.
const GRANULARITY: usize = 0x1_0000;

/// A page's state: reserved only, or committed with its `PAGE_*` protection.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Page {
    Reserved,
    Committed(u32),
}

struct Region {
    pages: Vec<Page>,
}

static REGIONS: Mutex<BTreeMap<usize, Region>> = Mutex::new(BTreeMap::new());

fn page_size() -> usize {
    crate::sys::host::page_size() as usize
}

/// The access a `PAGE_*` value grants (its modifiers `PAGE_GUARD`, `PAGE_NOCACHE` and
/// `PAGE_WRITECOMBINE` are accepted and have no effect); None for no or several base values.
fn access(protect: u32) -> Option<Protection> {
    let (read, write, execute) = match protect & 0xFF {
        0x01 => (false, false, false),
        0x02 => (true, false, false),
        0x04 | 0x08 => (true, true, false),
        0x10 => (false, false, true),
        0x20 => (true, false, true),
        0x40 | 0x80 => (true, true, true),
        _ => return None,
    };
    Some(Protection {
        read,
        write,
        execute,
    })
}

/// The region holding `[start, start + len)`, and the first page's index in it.
fn find(regions: &BTreeMap<usize, Region>, start: usize, len: usize) -> Option<(usize, usize)> {
    let (&base, region) = regions.range(..=start).next_back()?;
    let first = (start - base) / page_size();
    let count = len.div_ceil(page_size());
    (first + count <= region.pages.len()).then_some((base, first))
}

/// `[addr, addr + size)` widened to whole pages.
fn pages(addr: usize, size: usize) -> (usize, usize) {
    let p = page_size();
    let start = addr & !(p - 1);
    let end = (addr.saturating_add(size)).div_ceil(p) * p;
    (start, end - start)
}

/// `VirtualAlloc`: the base of the pages reserved and/or committed, or the Win32 error.
pub fn alloc(addr: usize, size: usize, kind: u32, protect: u32) -> Result<usize, u32> {
    let allowed = MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN;
    let prot = access(protect).ok_or(ERROR_INVALID_PARAMETER)?;
    if size == 0 || kind & !allowed != 0 || kind & (MEM_COMMIT | MEM_RESERVE | MEM_RESET) == 0 {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let mut regions = REGIONS.lock();
    if addr == 0 {
        if kind & MEM_RESERVE == 0 && kind & MEM_COMMIT == 0 {
            return Err(ERROR_INVALID_PARAMETER);
        }
        let (_, len) = pages(0, size);
        let base = vmem::reserve(len, GRANULARITY).map_err(|_| ERROR_NOT_ENOUGH_MEMORY)?;
        let mut state = Page::Reserved;
        if kind & MEM_COMMIT != 0 {
            if vmem::protect(base, len, prot).is_err() {
                let _ = vmem::release(base, len);
                return Err(ERROR_NOT_ENOUGH_MEMORY);
            }
            state = Page::Committed(protect);
        }
        regions.insert(
            base,
            Region {
                pages: vec![state; len / page_size()],
            },
        );
        return Ok(base);
    }
    if kind & MEM_RESERVE != 0 {
        // A fixed address: only where the system chooses, here.
        return Err(ERROR_INVALID_ADDRESS);
    }
    let (start, len) = pages(addr, size);
    let (base, first) = find(&regions, start, len).ok_or(ERROR_INVALID_ADDRESS)?;
    let count = len / page_size();
    let region = regions.get_mut(&base).expect("found above");
    if kind & MEM_RESET != 0 && kind & MEM_COMMIT == 0 {
        // The contents may go; nothing here takes them (they stay as they are).
        return if region.pages[first..first + count]
            .iter()
            .all(|p| matches!(p, Page::Committed(_)))
        {
            Ok(start)
        } else {
            Err(ERROR_INVALID_ADDRESS)
        };
    }
    vmem::protect(start, len, prot).map_err(|_| ERROR_NOT_ENOUGH_MEMORY)?;
    for p in &mut region.pages[first..first + count] {
        *p = Page::Committed(protect);
    }
    Ok(start)
}

/// `VirtualFree`: `MEM_RELEASE` a whole region (size 0, its base) or `MEM_DECOMMIT` pages of
/// one (size 0 from the base: all of it).
pub fn free(addr: usize, size: usize, kind: u32) -> Result<(), u32> {
    let mut regions = REGIONS.lock();
    match kind {
        MEM_RELEASE => {
            if size != 0 {
                return Err(ERROR_INVALID_PARAMETER);
            }
            let region = regions.get(&addr).ok_or(ERROR_INVALID_ADDRESS)?;
            let len = region.pages.len() * page_size();
            vmem::release(addr, len).map_err(|_| ERROR_INVALID_ADDRESS)?;
            regions.remove(&addr);
            Ok(())
        }
        MEM_DECOMMIT => {
            let whole = size == 0 && regions.contains_key(&addr);
            let size = if whole {
                regions[&addr].pages.len() * page_size()
            } else {
                size
            };
            if size == 0 {
                return Err(ERROR_INVALID_PARAMETER);
            }
            let (start, len) = pages(addr, size);
            let (base, first) = find(&regions, start, len).ok_or(ERROR_INVALID_ADDRESS)?;
            vmem::decommit(start, len).map_err(|_| ERROR_INVALID_ADDRESS)?;
            let region = regions.get_mut(&base).expect("found above");
            for p in &mut region.pages[first..first + len / page_size()] {
                *p = Page::Reserved;
            }
            Ok(())
        }
        _ => Err(ERROR_INVALID_PARAMETER),
    }
}

/// `VirtualProtect`: the new protection of committed pages; the old one (of the first page).
pub fn protect(addr: usize, size: usize, protect: u32) -> Result<u32, u32> {
    let prot = access(protect).ok_or(ERROR_INVALID_PARAMETER)?;
    if size == 0 {
        return Err(ERROR_INVALID_PARAMETER);
    }
    let mut regions = REGIONS.lock();
    let (start, len) = pages(addr, size);
    let (base, first) = find(&regions, start, len).ok_or(ERROR_INVALID_ADDRESS)?;
    let count = len / page_size();
    let region = regions.get_mut(&base).expect("found above");
    let Page::Committed(old) = region.pages[first] else {
        return Err(ERROR_INVALID_ADDRESS);
    };
    if region.pages[first..first + count].contains(&Page::Reserved) {
        return Err(ERROR_INVALID_ADDRESS);
    }
    vmem::protect(start, len, prot).map_err(|_| ERROR_INVALID_ADDRESS)?;
    for p in &mut region.pages[first..first + count] {
        *p = Page::Committed(protect);
    }
    Ok(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_commit_protect_release() {
        let base = alloc(0, 200_000, MEM_RESERVE, 0x01).unwrap();
        assert_eq!(
            base % GRANULARITY,
            0,
            "regions start at the allocation granularity"
        );
        assert_eq!(alloc(base + 8192, 4096, MEM_COMMIT, 0x04), Ok(base + 8192));
        assert_eq!(protect(base + 8192, 4096, 0x02), Ok(0x04));
        assert_eq!(
            protect(base, 4096, 0x02),
            Err(ERROR_INVALID_ADDRESS),
            "not committed"
        );
        assert_eq!(free(base + 8192, 4096, MEM_DECOMMIT), Ok(()));
        assert_eq!(
            free(base + 4096, 0, MEM_RELEASE),
            Err(ERROR_INVALID_ADDRESS),
            "not the base"
        );
        assert_eq!(
            free(base, 4096, MEM_RELEASE),
            Err(ERROR_INVALID_PARAMETER),
            "a size with MEM_RELEASE"
        );
        assert_eq!(free(base, 0, MEM_RELEASE), Ok(()));
        assert_eq!(
            free(base, 0, MEM_RELEASE),
            Err(ERROR_INVALID_ADDRESS),
            "already released"
        );
        assert_eq!(alloc(0, 0, MEM_COMMIT, 0x04), Err(ERROR_INVALID_PARAMETER));
        assert_eq!(
            alloc(0, 10, MEM_COMMIT, 0x06),
            Err(ERROR_INVALID_PARAMETER),
            "two protections"
        );
    }
}
