//! A counting global allocator for the unit tests (the rooted provider's fuzzer checks that
//! decoding hostile frames never allocates beyond its bounds). Test builds only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts, on the fuzzing thread only, the bytes it holds and the largest allocation it makes
/// while `MEASURING` (inside the decoder and the state machine, not the test's own buffers).
/// Thread-local, so the other unit tests running in parallel do not disturb it.
struct Counting;

thread_local! {
    pub(crate) static COUNTING: Cell<bool> = const { Cell::new(false) };
    pub(crate) static MEASURING: Cell<bool> = const { Cell::new(false) };
    pub(crate) static LIVE: Cell<isize> = const { Cell::new(0) };
    pub(crate) static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn on_alloc(size: usize) {
    let _ = COUNTING.try_with(|c| {
        if c.get() {
            let _ = LIVE.try_with(|l| l.set(l.get() + size as isize));
            if MEASURING.try_with(Cell::get).unwrap_or(false) {
                let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
            }
        }
    });
}

fn on_free(size: usize) {
    let _ = COUNTING.try_with(|c| {
        if c.get() {
            let _ = LIVE.try_with(|l| l.set(l.get() - size as isize));
        }
    });
}

// SAFETY: forwards to the system allocator; only counts (thread-locals without lazy
// initialisation, so counting never allocates).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: same layout contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(layout.size());
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        on_free(layout.size());
        on_alloc(new);
        // SAFETY: as for `alloc` / `dealloc`.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;
