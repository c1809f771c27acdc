//! SOCKET → socket object.
//!
//! A `SOCKET` is the native fd, so the registry is a table indexed by fd: a fixed array of lazily
//! allocated chunks of slots, each slot with its own small lock. A lookup is two loads, one
//! uncontended lock and an `Arc` clone: O(1), and no global lock on the data path.

use crate::socket::Socket;
use parking_lot::RwLock;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;

const CHUNK_BITS: usize = 10;
const CHUNK_LEN: usize = 1 << CHUNK_BITS;
/// fds up to CHUNKS * CHUNK_LEN (4 Mi) can be registered; larger ones fail with WSAEMFILE.
const CHUNKS: usize = 4096;

type Slot = RwLock<Option<Arc<Socket>>>;
type Chunk = [Slot; CHUNK_LEN];

static CHUNK_TABLE: [AtomicPtr<Chunk>; CHUNKS] =
    [const { AtomicPtr::new(ptr::null_mut()) }; CHUNKS];

fn split(fd: i32) -> Option<(usize, usize)> {
    let fd = usize::try_from(fd).ok()?;
    let chunk = fd >> CHUNK_BITS;
    (chunk < CHUNKS).then_some((chunk, fd & (CHUNK_LEN - 1)))
}

fn chunk(index: usize) -> Option<&'static Chunk> {
    let p = CHUNK_TABLE[index].load(Ordering::Acquire);
    // SAFETY: chunks are allocated once, published with Release, and never freed.
    (!p.is_null()).then(|| unsafe { &*p })
}

fn chunk_or_alloc(index: usize) -> &'static Chunk {
    if let Some(c) = chunk(index) {
        return c;
    }
    let fresh: Box<Chunk> = Box::new([const { RwLock::new(None) }; CHUNK_LEN]);
    let fresh = Box::into_raw(fresh);
    match CHUNK_TABLE[index].compare_exchange(
        ptr::null_mut(),
        fresh,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        // SAFETY: we just published `fresh`; it lives for the rest of the process.
        Ok(_) => unsafe { &*fresh },
        Err(existing) => {
            // SAFETY: `fresh` lost the race and was never shared; reclaim it.
            drop(unsafe { Box::from_raw(fresh) });
            // SAFETY: `existing` was published by the winner and is never freed.
            unsafe { &*existing }
        }
    }
}

/// The socket registered under `fd`, if any.
pub fn get(fd: i32) -> Option<Arc<Socket>> {
    let (c, i) = split(fd)?;
    chunk(c)?[i].read().clone()
}

/// Registers `socket` under its fd. Returns false if the fd is too large for the table.
///
/// An entry left behind for the same fd (the program closed the fd behind ws2mp's back and the
/// OS reused the number) is detached, so it can never close or touch the new socket.
pub fn insert(socket: Arc<Socket>) -> bool {
    let Some((c, i)) = split(socket.fd()) else {
        return false;
    };
    let stale = chunk_or_alloc(c)[i].write().replace(socket);
    if let Some(stale) = stale {
        crate::log::warn(format_args!(
            "fd {} was reused while still registered; the old socket is forgotten",
            stale.fd()
        ));
        stale.release_fd();
    }
    true
}

/// Removes `socket` from the registry if it is still the one registered under its fd.
pub fn remove(socket: &Arc<Socket>) -> bool {
    let Some((c, i)) = split(socket.fd()) else {
        return false;
    };
    let Some(chunk) = chunk(c) else {
        return false;
    };
    let mut slot = chunk[i].write();
    match &*slot {
        Some(s) if Arc::ptr_eq(s, socket) => {
            *slot = None;
            true
        }
        _ => false,
    }
}

/// Every registered socket (for the last `WSACleanup`).
pub fn all() -> Vec<Arc<Socket>> {
    let mut out = Vec::new();
    for c in 0..CHUNKS {
        if let Some(chunk) = chunk(c) {
            out.extend(chunk.iter().filter_map(|slot| slot.read().clone()));
        }
    }
    out
}
