//! A table of shared values indexed by small integers (fds, event handles), for lookups on the
//! data path: O(1), no global lock, and no cache line shared between two slots.
//!
//! The table is a fixed array of lazily allocated chunks, never freed; each slot is its own
//! `RwLock<Option<T>>` on its own cache line. A lookup is two loads, an uncontended read lock
//! and a clone. Slots sit on separate cache lines because a read lock writes its lock word, and
//! neighbouring slots (fds 5 and 6, two events) are typically used by different threads.

use parking_lot::RwLock;
use std::sync::OnceLock;

const CHUNK_BITS: usize = 8;
const CHUNK_LEN: usize = 1 << CHUNK_BITS;

#[repr(align(64))]
struct Slot<T>(RwLock<Option<T>>);

type Chunk<T> = [Slot<T>; CHUNK_LEN];

/// `CHUNKS` chunks of 256 slots: indices below `CHUNKS * 256`.
///
/// Shared between threads only when `T: Send + Sync` (what `RwLock<Option<T>>` and `OnceLock`
/// require): the compiler derives the bound; no hand-written impl widens it.
pub(crate) struct SlotTable<T, const CHUNKS: usize> {
    chunks: [OnceLock<Box<Chunk<T>>>; CHUNKS],
}

impl<T: Clone, const CHUNKS: usize> Default for SlotTable<T, CHUNKS> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone, const CHUNKS: usize> SlotTable<T, CHUNKS> {
    pub(crate) const CAPACITY: usize = CHUNKS * CHUNK_LEN;

    pub(crate) const fn new() -> Self {
        SlotTable {
            chunks: [const { OnceLock::new() }; CHUNKS],
        }
    }

    fn split(index: usize) -> Option<(usize, usize)> {
        let chunk = index >> CHUNK_BITS;
        (chunk < CHUNKS).then_some((chunk, index & (CHUNK_LEN - 1)))
    }

    fn chunk(&self, c: usize) -> Option<&Chunk<T>> {
        self.chunks[c].get().map(|b| &**b)
    }

    fn chunk_or_alloc(&self, c: usize) -> &Chunk<T> {
        self.chunks[c].get_or_init(|| Box::new([const { Slot(RwLock::new(None)) }; CHUNK_LEN]))
    }

    /// The value in slot `index`, if any.
    pub fn get(&self, index: usize) -> Option<T> {
        let (c, i) = Self::split(index)?;
        self.chunk(c)?[i].0.read().clone()
    }

    /// Puts `value` in slot `index` and returns what was there. None if `index` is too large.
    pub fn replace(&self, index: usize, value: T) -> Option<Option<T>> {
        let (c, i) = Self::split(index)?;
        Some(self.chunk_or_alloc(c)[i].0.write().replace(value))
    }

    /// Empties slot `index` if `matches` says its value is the one to remove.
    pub fn remove_if(&self, index: usize, matches: impl FnOnce(&T) -> bool) -> Option<T> {
        let (c, i) = Self::split(index)?;
        let mut slot = self.chunk(c)?[i].0.write();
        if slot.as_ref().is_some_and(matches) {
            slot.take()
        } else {
            None
        }
    }

    /// Every value in the table.
    pub fn values(&self) -> Vec<T> {
        (0..CHUNKS)
            .filter_map(|c| self.chunk(c))
            .flat_map(|chunk| chunk.iter().filter_map(|slot| slot.0.read().clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_hold_values_independently() {
        static TABLE: SlotTable<u32, 2> = SlotTable::new();
        assert_eq!(TABLE.get(3), None);
        assert_eq!(TABLE.replace(3, 7), Some(None));
        assert_eq!(TABLE.replace(300, 9), Some(None));
        assert_eq!(TABLE.get(3), Some(7));
        assert_eq!(TABLE.replace(3, 8), Some(Some(7)));
        assert_eq!(TABLE.remove_if(3, |v| *v == 7), None);
        assert_eq!(TABLE.remove_if(3, |v| *v == 8), Some(8));
        assert_eq!(TABLE.get(3), None);
        assert_eq!(TABLE.replace(512, 1), None, "beyond the capacity");
        assert_eq!(TABLE.values(), vec![9]);
        assert_eq!(std::mem::size_of::<Slot<u64>>(), 64);
    }

    #[test]
    fn a_table_is_shared_only_when_its_values_may_be() {
        fn shared<X: Sync>() {}
        shared::<SlotTable<std::sync::Arc<u32>, 1>>();
        // `SlotTable<std::rc::Rc<u32>, 1>` is not Sync: the line below would not compile.
        // shared::<SlotTable<std::rc::Rc<u32>, 1>>();
    }
}
