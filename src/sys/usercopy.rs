//! Copying to and from memory a C program handed us, without trusting the pointer.
//!
//! A Winsock call given a pointer it cannot read or write fails with `WSAEFAULT`; it must not
//! crash. The copies here go through the kernel, which checks the address range and reports
//! `EFAULT` instead of faulting: `process_vm_readv`/`process_vm_writev` on our own process on
//! Linux (one system call), and a pipe elsewhere (or where those calls are refused, e.g. by a
//! seccomp filter): `write` from the program's memory into the pipe and `read` back into ours
//! (or the other way round for an output). A range on the calling thread's own stack above the
//! current frame (a program's local variable, the common case) is known to be valid and is
//! copied directly.

use super::{errno, SysResult};
use std::os::raw::c_void;

/// Whether `[ptr, ptr + len)` lies on the calling thread's stack, between this frame and the
/// stack's top: memory that is mapped, readable and writable for as long as this call runs
/// (it holds the frames of our callers, where a program's local variables live). Those
/// copies need no system call. Linux only (elsewhere the kernel copies everything).
#[cfg(linux_like)]
pub(super) fn on_own_stack(ptr: usize, len: usize) -> bool {
    use std::cell::Cell;
    thread_local! {
        /// The thread's stack as (lowest address, end); (0, 0) when unknown.
        static BOUNDS: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    }
    let bounds = BOUNDS.with(|b| {
        if let Some(v) = b.get() {
            return v;
        }
        let v = thread_stack().unwrap_or((0, 0));
        b.set(Some(v));
        v
    });
    let here = 0u8;
    let sp = std::hint::black_box(&here) as *const u8 as usize;
    let (lo, hi) = bounds;
    // Running on the thread's own stack (not a signal stack or a coroutine's), and the range
    // is above this frame and below the end.
    sp >= lo && sp < hi && ptr >= sp && ptr.checked_add(len).is_some_and(|end| end <= hi)
}

#[cfg(linux_like)]
fn thread_stack() -> Option<(usize, usize)> {
    let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
    // SAFETY: `attr` is initialised by pthread_getattr_np before use and destroyed after.
    unsafe {
        if libc::pthread_getattr_np(libc::pthread_self(), attr.as_mut_ptr()) != 0 {
            return None;
        }
        let mut addr = std::ptr::null_mut();
        let mut size = 0;
        let ok = libc::pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(attr.as_mut_ptr());
        let lo = addr as usize;
        (ok && size > 0).then(|| (lo, lo.saturating_add(size)))
    }
}

/// The 4 KiB blocks of the program's memory each thread recently saw the kernel read from
/// and write to for it, in two small two-way set-associative tables (a block's set chosen by
/// its address, the most recently used of the set's two entries first; 0 when empty). A later small copy wholly inside such blocks (up to
/// four: a 1 KiB message buffer often straddles two) is done directly, without a system call:
/// a program's global or heap `sockaddr`, `int` length, `WSABUF` array, `WSAOVERLAPPED` or
/// message buffer is typically reused call after call (every datagram of a
/// `sendto`/`recvfrom` loop, every operation of a connection in an IOCP server with a context
/// per connection), and a second check costs ~1 µs. The one case this trusts wrongly is a
/// program that unmaps (or write-protects) a block it used in one of its recent calls and then
/// passes an address in it again (a use after free); such a program gets a fault instead of
/// `WSAEFAULT`. Unmapping or protecting memory through ws2mp (`VirtualFree`,
/// `VirtualProtect`, `UnmapViewOfFile`) calls [`forget_verified`]: every thread forgets what it
/// had verified before its next copy.
#[cfg(linux_like)]
mod verified {
    use std::cell::Cell;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Bumped when memory may have stopped being usable; a thread whose tables are of an
    /// older epoch empties them first.
    static EPOCH: AtomicUsize = AtomicUsize::new(0);

    pub(super) fn forget_all() {
        EPOCH.fetch_add(1, Ordering::Release);
    }

    /// Empties the calling thread's tables if memory was unmapped or protected since they
    /// were filled.
    fn fresh() {
        let now = EPOCH.load(Ordering::Acquire);
        if SEEN.with(|seen| seen.replace(now)) != now {
            TABLES.with(|tables| tables.iter().flatten().for_each(|c| c.set(0)));
            LAST.with(|last| last.iter().for_each(|c| c.set((0, 0))));
        }
    }

    const BLOCK: usize = 4096;
    /// Sets per direction and thread (a power of two), two entries each: room for the
    /// contexts of a few hundred connections per thread (8 KiB of table per thread). With one
    /// entry per slot, the contexts of 100 connections collided in about a third of their
    /// slots and evicted each other at every operation (0.15 `process_vm_readv` per message
    /// of an IOCP echo server); with two ways a set overflows only when three of them meet.
    const SLOTS: usize = 256;
    const WAYS: usize = 2;

    thread_local! {
        /// Read-verified blocks, write-verified blocks: set `i` is entries `2i` (the most
        /// recently used) and `2i + 1`.
        static TABLES: [[Cell<usize>; SLOTS * WAYS]; 2] = const {
            [[const { Cell::new(0) }; SLOTS * WAYS], [const { Cell::new(0) }; SLOTS * WAYS]]
        };
        /// Per direction, the span of blocks (start, end) of the last range found or noted in
        /// the tables: a program that sends from (or receives into) the same buffer call after
        /// call is recognised with two comparisons (`recent`).
        static LAST: [Cell<(usize, usize)>; 2] = const { [const { Cell::new((0, 0)) }; 2] };
        /// The epoch the tables were filled in.
        static SEEN: Cell<usize> = const { Cell::new(0) };
    }

    /// Whether `[ptr, ptr + len)` (len > 0) lies in the span of the last range verified for
    /// `write` (or, for reading, for either direction): a subset of what `hit` finds.
    pub(super) fn recent(ptr: usize, len: usize, write: bool) -> bool {
        fresh();
        let Some(end) = ptr.checked_add(len) else {
            return false;
        };
        LAST.with(|[read, written]| {
            let inside = |(lo, hi): (usize, usize)| lo <= ptr && end <= hi;
            inside(written.get()) || (!write && inside(read.get()))
        })
    }

    fn remember(first: usize, count: usize, write: bool) {
        LAST.with(|last| {
            last[usize::from(write)].set((first, first.saturating_add(count * BLOCK)))
        });
    }

    /// Ranges spanning more blocks than this are not remembered (nor looked up): a program's
    /// 1 KiB buffer often straddles two blocks, and a large copy amortises its system call.
    const SPAN: usize = 4;

    /// The blocks `[ptr, ptr + len)` touches: (first, count), count ≤ `SPAN`.
    fn blocks_of(ptr: usize, len: usize) -> Option<(usize, usize)> {
        let first = ptr & !(BLOCK - 1);
        let last = ptr.checked_add(len - 1)? & !(BLOCK - 1);
        let count = (last - first) / BLOCK + 1;
        (count <= SPAN).then_some((first, count))
    }

    /// A block's slot: its number, hashed (Fibonacci hashing), so that per-connection
    /// contexts a fixed number of blocks apart (a struct with a 16 KiB buffer) spread over
    /// the table instead of sharing a few slots.
    pub(super) fn slot(block: usize) -> usize {
        ((block / BLOCK).wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> 24) % SLOTS
    }

    /// Whether `[ptr, ptr + len)` (len > 0) lies in blocks verified for `write` (writing) or
    /// reading (memory the kernel wrote to is readable too).
    pub(super) fn hit(ptr: usize, len: usize, write: bool) -> bool {
        fresh();
        let Some((first, count)) = blocks_of(ptr, len) else {
            return false;
        };
        let found = TABLES.with(|[read, written]| {
            (0..count).all(|k| {
                let b = first + k * BLOCK;
                let i = slot(b) * WAYS;
                find(written, i, b) || (!write && find(read, i, b))
            })
        });
        if found {
            remember(first, count, write);
        }
        found
    }

    /// Whether block `b` is in the set starting at entry `i` of `table`; a hit on the second
    /// entry makes it the first (the set keeps its most recently used block first).
    fn find(table: &[Cell<usize>], i: usize, b: usize) -> bool {
        if table[i].get() == b {
            return true;
        }
        if table[i + 1].get() == b {
            table[i + 1].set(table[i].get());
            table[i].set(b);
            return true;
        }
        false
    }

    /// Remembers that the kernel just read (or wrote) all of `[ptr, ptr + len)`: each block
    /// it touches (at most `SPAN`) is proven usable (the least recently used entry of its
    /// set goes).
    pub(super) fn note(ptr: usize, len: usize, write: bool) {
        fresh();
        if let Some((first, count)) = blocks_of(ptr, len) {
            TABLES.with(|tables| {
                let table = &tables[usize::from(write)];
                for k in 0..count {
                    let b = first + k * BLOCK;
                    let i = slot(b) * WAYS;
                    if !find(table, i, b) {
                        table[i + 1].set(table[i].get());
                        table[i].set(b);
                    }
                }
            });
            remember(first, count, write);
        }
    }
}

/// Whether `[ptr, ptr + len)` is known to be mapped and readable without asking the kernel:
/// on the calling thread's stack above this frame, or in a block the kernel recently read or
/// wrote for this thread (see `verified`; `len` > 0).
#[cfg(linux_like)]
pub(super) fn known_readable(ptr: usize, len: usize) -> bool {
    verified::recent(ptr, len, false) || on_own_stack(ptr, len) || verified::hit(ptr, len, false)
}

/// Memory may have been unmapped or protected (`VirtualFree`, `VirtualProtect`,
/// `UnmapViewOfFile`): no thread trusts what it verified before (see `verified`).
pub fn forget_verified() {
    #[cfg(linux_like)]
    verified::forget_all();
}

/// Remembers that the kernel just read `[ptr, ptr + len)` for this thread.
#[cfg(linux_like)]
pub(super) fn noted_readable(ptr: usize, len: usize) {
    verified::note(ptr, len, false);
}

/// This process's id, for `process_vm_readv`/`writev` on ourselves: glibc no longer caches
/// `getpid()` (a system call on every checked copy otherwise). A child made by `fork` forgets
/// the cached value (a `pthread_atfork` handler); a child made by a raw `clone` without the
/// fork handlers never calls into ws2mp before `exec` in practice.
#[cfg(linux_like)]
pub(super) fn own_pid() -> libc::pid_t {
    use std::sync::atomic::{AtomicI32, Ordering::Relaxed};
    static PID: AtomicI32 = AtomicI32::new(0);
    static HOOK: std::sync::Once = std::sync::Once::new();
    extern "C" fn forget() {
        PID.store(0, Relaxed);
    }
    let pid = PID.load(Relaxed);
    if pid != 0 {
        return pid;
    }
    // SAFETY: registers a handler that only stores to an atomic (async-signal-safe).
    HOOK.call_once(|| unsafe {
        libc::pthread_atfork(None, None, Some(forget));
    });
    // SAFETY: no preconditions.
    let pid = unsafe { libc::getpid() };
    PID.store(pid, Relaxed);
    pid
}

/// Addresses below this are never mapped (the kernel's minimum mmap address is at least a
/// page): a value passed where a pointer belongs fails without a system call.
const NEVER_MAPPED: usize = 4096;

/// Copies `out.len()` bytes from the program's address `src` into `out`. `Err(EFAULT)` when
/// any of them cannot be read. Any address is acceptable: it is checked, not trusted.
#[allow(clippy::not_unsafe_ptr_arg_deref)] // dereferenced only once proven valid
pub fn copy_from_user(src: *const u8, out: &mut [u8]) -> SysResult<()> {
    if out.is_empty() {
        return Ok(());
    }
    if (src as usize) < NEVER_MAPPED {
        return Err(libc::EFAULT);
    }
    #[cfg(linux_like)]
    {
        if verified::recent(src as usize, out.len(), false) || on_own_stack(src as usize, out.len())
        {
            // SAFETY: the range is in blocks the kernel read or wrote for this thread before
            // (see `verified`), or it is live, mapped stack memory of a caller
            // (on_own_stack); `out` is our own buffer of the same length.
            unsafe { std::ptr::copy_nonoverlapping(src, out.as_mut_ptr(), out.len()) };
            return Ok(());
        }
        if verified::hit(src as usize, out.len(), false) {
            // SAFETY: the kernel read this block for this thread before (see `verified`).
            unsafe { std::ptr::copy_nonoverlapping(src, out.as_mut_ptr(), out.len()) };
            return Ok(());
        }
    }
    read_through_kernel(src, out)?;
    #[cfg(linux_like)]
    verified::note(src as usize, out.len(), false);
    Ok(())
}

/// Copies `out.len()` bytes from the program's address `src` by asking the kernel (no
/// remembered block is trusted, nothing is noted): `process_vm_readv` on Linux, else (or when
/// it is refused) a pipe. `Err(EFAULT)` when any byte cannot be read.
fn read_through_kernel(src: *const u8, out: &mut [u8]) -> SysResult<()> {
    #[cfg(linux_like)]
    {
        let local = libc::iovec {
            iov_base: out.as_mut_ptr().cast::<c_void>(),
            iov_len: out.len(),
        };
        let remote = libc::iovec {
            iov_base: src as *mut c_void,
            iov_len: out.len(),
        };
        // SAFETY: `local` is our own buffer; the kernel validates `remote` and reports EFAULT
        // for an address we may not read.
        let n = unsafe { libc::process_vm_readv(own_pid(), &local, 1, &remote, 1, 0) };
        if n >= 0 {
            return if n as usize == out.len() {
                Ok(())
            } else {
                Err(libc::EFAULT)
            };
        }
        let e = errno();
        if e == libc::EFAULT {
            return Err(e);
        }
    }
    through_pipe(src, out.as_mut_ptr(), out.len())
}

/// Reads a NUL-terminated string of `unit`-byte characters (1: `char`, 2: `WCHAR`, 4: the C
/// library's `wchar_t`) from the
/// program's memory, without its terminator. Each page the string touches is proven readable
/// (a checked copy of its first byte the string uses) before it is read, and nothing past the
/// terminator is read; `EFAULT` when memory before the terminator cannot be read, or when no
/// terminator comes within `max_units` characters.
pub fn copy_string_from_user(src: *const u8, unit: usize, max_units: usize) -> SysResult<Vec<u8>> {
    let mut out = Vec::new();
    let probe = |at: usize| copy_from_user(at as *const u8, &mut [0u8; 1]).is_ok();
    let limit = max_units.saturating_add(1);
    if walk_string(src as usize, unit, limit, probe, |c| {
        out.extend_from_slice(c)
    })? {
        Ok(out)
    } else {
        Err(libc::EFAULT)
    }
}

/// Walks a NUL-terminated string of `unit`-byte characters (1, 2 or 4) at `addr`, handing each
/// character before the terminator to `keep`. Each page is proven readable by `readable`
/// (through the kernel) before its bytes are read, and nothing past the terminator is read.
/// `Ok(true)` at the terminator, `Ok(false)` after `limit` characters without one,
/// `Err(EFAULT)` at memory that cannot be read.
fn walk_string(
    addr: usize,
    unit: usize,
    limit: usize,
    readable: impl Fn(usize) -> bool,
    mut keep: impl FnMut(&[u8]),
) -> SysResult<bool> {
    let mut at = addr;
    let mut units = 0usize;
    let mut char_bytes = [0u8; 4];
    let mut filled = 0usize;
    while units < limit {
        if !readable(at) {
            return Err(libc::EFAULT);
        }
        let page_end = (at | 4095).wrapping_add(1);
        while at != page_end && units < limit {
            // SAFETY: the page holding `at` was just proven readable (memory is readable a
            // whole page at a time), and `at` is below that page's end.
            char_bytes[filled] = unsafe { std::ptr::read_volatile(at as *const u8) };
            filled += 1;
            at = at.wrapping_add(1);
            if filled == unit {
                if char_bytes[..unit].iter().all(|&b| b == 0) {
                    return Ok(true);
                }
                keep(&char_bytes[..unit]);
                units += 1;
                filled = 0;
            }
        }
    }
    Ok(false)
}

/// Copies `data` to the program's address `dst`. `Err(EFAULT)` when it cannot be written (a
/// prefix may have been written).
pub fn copy_to_user(dst: *mut u8, data: &[u8]) -> SysResult<()> {
    copy_to_user_each(&[(dst, data)])
}

/// Copies each `(dst, data)` pair to the program's memory, in one system call on Linux (a
/// `getsockopt` writes its value and its length together). `Err(EFAULT)` when any destination
/// cannot be written (earlier ones may have been). Any address is acceptable: it is checked,
/// not trusted.
#[allow(clippy::not_unsafe_ptr_arg_deref)] // dereferenced only once proven valid
pub fn copy_to_user_each(pairs: &[(*mut u8, &[u8])]) -> SysResult<()> {
    const MAX: usize = 4;
    if pairs.len() > MAX {
        return pairs.iter().try_for_each(|p| copy_to_user_each(&[*p]));
    }
    let mut total = 0;
    for (dst, data) in pairs {
        if !data.is_empty() && (*dst as usize) < NEVER_MAPPED {
            return Err(libc::EFAULT);
        }
        total += data.len();
    }
    if total == 0 {
        return Ok(());
    }
    #[cfg(linux_like)]
    {
        if let [(dst, data)] = pairs {
            if verified::recent(*dst as usize, data.len(), true) {
                // SAFETY: the range is in blocks the kernel wrote for this thread before (see
                // `verified`).
                unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), *dst, data.len()) };
                return Ok(());
            }
        }
        if pairs
            .iter()
            .all(|(dst, data)| on_own_stack(*dst as usize, data.len()))
        {
            for (dst, data) in pairs {
                // SAFETY: each range is live, mapped stack memory of a caller (on_own_stack).
                unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), *dst, data.len()) };
            }
            return Ok(());
        }
        if pairs
            .iter()
            .all(|(dst, data)| data.is_empty() || verified::hit(*dst as usize, data.len(), true))
        {
            for (dst, data) in pairs {
                // SAFETY: the kernel wrote this block for this thread before (see `verified`).
                unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), *dst, data.len()) };
            }
            return Ok(());
        }
        let empty = libc::iovec {
            iov_base: std::ptr::null_mut(),
            iov_len: 0,
        };
        let mut local = [empty; MAX];
        let mut remote = [empty; MAX];
        for (i, (dst, data)) in pairs.iter().enumerate() {
            local[i] = libc::iovec {
                iov_base: data.as_ptr() as *mut c_void,
                iov_len: data.len(),
            };
            remote[i] = libc::iovec {
                iov_base: dst.cast::<c_void>(),
                iov_len: data.len(),
            };
        }
        let count = pairs.len() as libc::c_ulong;
        // SAFETY: the `local` entries are our own buffers, only read; the kernel validates the
        // `remote` ones.
        let n = unsafe {
            libc::process_vm_writev(own_pid(), local.as_ptr(), count, remote.as_ptr(), count, 0)
        };
        if n >= 0 {
            return if n as usize == total {
                for (dst, data) in pairs.iter().filter(|(_, d)| !d.is_empty()) {
                    verified::note(*dst as usize, data.len(), true);
                }
                Ok(())
            } else {
                Err(libc::EFAULT)
            };
        }
        let e = errno();
        if e == libc::EFAULT {
            return Err(e);
        }
    }
    pairs
        .iter()
        .filter(|(_, data)| !data.is_empty())
        .try_for_each(|(dst, data)| through_pipe(data.as_ptr(), *dst, data.len()))
}

/// Moves `len` bytes from `src` to `dst` through a fresh pipe, in chunks the pipe holds
/// without blocking. Exactly one of the two pointers is the program's; the kernel checks it.
fn through_pipe(src: *const u8, dst: *mut u8, len: usize) -> SysResult<()> {
    const CHUNK: usize = 4096;
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(errno());
    }
    let mut done = 0;
    let mut result = Ok(());
    while done < len {
        let n = CHUNK.min(len - done);
        // SAFETY: the kernel reads `n` bytes at `src + done` and reports EFAULT if it cannot;
        // `done + n <= len`, so the address stays in the range the caller named.
        let w = unsafe { libc::write(fds[1], src.add(done).cast::<c_void>(), n) };
        if w <= 0 {
            result = Err(if w < 0 { errno() } else { libc::EFAULT });
            break;
        }
        let w = w as usize;
        // SAFETY: as above, for writing `w` bytes at `dst + done`.
        let r = unsafe { libc::read(fds[0], dst.add(done).cast::<c_void>(), w) };
        if r < 0 || r as usize != w {
            result = Err(if r < 0 { errno() } else { libc::EFAULT });
            break;
        }
        done += w;
    }
    // SAFETY: closing the two descriptors this function opened.
    unsafe {
        libc::close(fds[0]);
        libc::close(fds[1]);
    }
    result
}

/// Whether the byte at `addr` can be read now, asked of the kernel every time: unlike
/// `copy_from_user`, no block verified earlier is trusted (the `IsBad*Ptr` calls exist to
/// probe memory a program may have just unmapped or protected), and nothing is noted.
fn byte_readable(addr: usize) -> bool {
    addr >= NEVER_MAPPED && read_through_kernel(addr as *const u8, &mut [0u8; 1]).is_ok()
}

/// Whether every byte of `[addr, addr + len)` can be read: the kernel is asked about the
/// first byte, the start of each later page and the last byte (memory is readable a whole
/// page at a time). Nothing is dereferenced.
pub fn range_readable(addr: usize, len: usize) -> bool {
    if len == 0 {
        return true;
    }
    let Some(last) = addr.checked_add(len - 1) else {
        return false;
    };
    let mut at = addr;
    loop {
        if !byte_readable(at) {
            return false;
        }
        let next = (at | 4095).wrapping_add(1);
        if next == 0 || next > last {
            break;
        }
        at = next;
    }
    byte_readable(last)
}

/// Whether a string of `unit`-byte characters (1 or 2) at `addr` can be read up to its
/// terminator, or for `max_units` characters when none comes first. Each page is proven
/// readable by the kernel (`byte_readable`) before its bytes are read; nothing past the
/// terminator is read.
pub fn string_readable(addr: usize, unit: usize, max_units: usize) -> bool {
    walk_string(addr, unit, max_units, byte_readable, |_| {}).is_ok()
}

/// Whether every byte of `[addr, addr + len)` lies in a mapping the process may write, without
/// writing anything (a write-back of the bytes just read would race with other threads). On
/// Linux the mappings' permissions in `/proc/self/maps`; elsewhere (no such file) readable
/// memory is taken as writable.
pub fn range_writable(addr: usize, len: usize) -> bool {
    if !range_readable(addr, len) {
        return false;
    }
    if len == 0 {
        return true;
    }
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return true;
    };
    let end = addr + len; // no overflow: range_readable checked addr + len - 1
    let mut covered = addr;
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some((lo, hi)) = range.split_once('-') else {
            continue;
        };
        let (Ok(lo), Ok(hi)) = (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16))
        else {
            continue;
        };
        if lo <= covered && covered < hi {
            if perms.as_bytes().get(1) != Some(&b'w') {
                return false;
            }
            covered = hi;
            if covered >= end {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(linux_like)]
    #[test]
    fn stack_ranges_are_recognised() {
        let local = [0u8; 8];
        let heap = Box::new([0u8; 8]);
        let _ = std::hint::black_box(&local);
        assert!(!on_own_stack(heap.as_ptr() as usize, 8));
        assert!(!on_own_stack(16, 4));
        // A caller's local (this test's frame is above on_own_stack's).
        assert!(on_own_stack(local.as_ptr() as usize, 8));
        assert!(!on_own_stack(local.as_ptr() as usize, usize::MAX));
    }

    #[cfg(linux_like)]
    #[test]
    fn a_set_keeps_its_two_most_recent_blocks() {
        // Three block addresses of one set (only their numbers matter: nothing is read).
        let base = 0x7000_0000_0000usize;
        let set = verified::slot(base);
        let same: Vec<usize> = (1..100_000)
            .map(|k| base + k * 4096)
            .filter(|&b| verified::slot(b) == set)
            .take(2)
            .collect();
        let (a, b, c) = (base, same[0], same[1]);
        verified::note(a, 8, true);
        verified::note(b, 8, true);
        assert!(verified::hit(a, 8, true) && verified::hit(b, 8, true));
        // `b` was used last but `a` was looked up after it: `b` is the older one now.
        assert!(verified::hit(a, 8, true));
        verified::note(c, 8, true);
        assert!(verified::hit(c, 8, true), "the new block");
        assert!(verified::hit(a, 8, true), "the recently used block stays");
        assert!(
            !verified::hit(b, 8, true),
            "the least recently used block goes"
        );
    }

    #[cfg(linux_like)]
    #[test]
    fn verified_blocks_are_remembered_per_direction() {
        let heap = Box::new([5u8; 64]);
        // Inside one 4 KiB block (the Vec may straddle one: take the part that does not).
        let at = heap.as_ptr() as usize;
        let off = if (at & 4095) + 16 > 4096 {
            4096 - (at & 4095)
        } else {
            0
        };
        if off + 16 > heap.len() {
            return;
        }
        let p = at + off;
        let mut out = [0u8; 16];
        copy_from_user(p as *const u8, &mut out).unwrap();
        assert!(verified::hit(p, 16, false));
        assert!(!verified::hit(p, 16, true), "read is not write");
        assert!(
            !verified::hit(p | 4095, 2, false),
            "a range leaving the block"
        );
        // A range straddling two blocks is remembered as both.
        let two = vec![7u8; 3 * 4096];
        let edge = ((two.as_ptr() as usize + 4095) & !4095) + 4096 - 8;
        assert!(!verified::hit(edge, 16, false));
        copy_from_user(edge as *const u8, &mut out).unwrap();
        assert!(verified::hit(edge, 16, false));
        assert!(verified::hit(edge + 8, 8, false), "the second block alone");
        let mut dst = vec![0u8; 8192];
        let q = ((dst.as_mut_ptr() as usize + 4095) & !4095) + 8;
        copy_to_user(q as *mut u8, &[1, 2, 3]).unwrap();
        assert!(verified::hit(q, 3, true));
        assert!(verified::hit(q, 3, false), "written memory is readable");
        // The last span is recognised without the tables, in both directions for a write.
        copy_to_user(q as *mut u8, &[1, 2, 3]).unwrap();
        assert!(verified::recent(q, 3, true));
        assert!(verified::recent(q + 100, 8, false));
        assert!(!verified::recent(q - 4096, 8, true), "outside the span");
        assert!(!verified::recent(usize::MAX - 2, 8, false), "no overflow");
        if verified::slot(p & !4095) != verified::slot(q & !4095) {
            assert!(
                verified::hit(p, 16, false),
                "blocks in other slots are kept"
            );
        }
        copy_to_user(q as *mut u8, &[4, 5, 6]).unwrap();
        assert_eq!(dst[q - dst.as_ptr() as usize..][..3], [4, 5, 6]);
        assert_eq!(copy_from_user(8 as *const u8, &mut out), Err(libc::EFAULT));
    }

    #[test]
    fn copies_valid_memory_and_refuses_bad_addresses() {
        let src = [1u8, 2, 3, 4, 5];
        let mut out = [0u8; 5];
        copy_from_user(src.as_ptr(), &mut out).unwrap();
        assert_eq!(out, src);
        assert_eq!(copy_from_user(1 as *const u8, &mut out), Err(libc::EFAULT));
        let mut dst = [0u8; 3];
        copy_to_user(dst.as_mut_ptr(), &[7, 8, 9]).unwrap();
        assert_eq!(dst, [7, 8, 9]);
        assert_eq!(copy_to_user(8 as *mut u8, &[1]), Err(libc::EFAULT));
        let (mut a, mut b) = ([0u8; 2], [0u8; 4]);
        copy_to_user_each(&[(a.as_mut_ptr(), &[1, 2]), (b.as_mut_ptr(), &[3, 4, 5, 6])]).unwrap();
        assert_eq!((a, b), ([1, 2], [3, 4, 5, 6]));
        assert_eq!(
            copy_to_user_each(&[(a.as_mut_ptr(), &[9, 9]), (16 as *mut u8, &[1])]),
            Err(libc::EFAULT)
        );
        let mut big = vec![0u8; 10_000];
        let from: Vec<u8> = (0..10_000).map(|i| i as u8).collect();
        through_pipe(from.as_ptr(), big.as_mut_ptr(), big.len()).unwrap();
        assert_eq!(big, from);
        assert_eq!(
            through_pipe(16 as *const u8, big.as_mut_ptr(), 4),
            Err(libc::EFAULT)
        );
    }

    #[test]
    fn strings_of_every_unit_size_stop_at_their_terminator() {
        let narrow = b"ab\0z";
        assert_eq!(
            copy_string_from_user(narrow.as_ptr(), 1, 10),
            Ok(b"ab".to_vec())
        );
        let wide: [u16; 3] = [0x41, 0x100, 0];
        let got = copy_string_from_user(wide.as_ptr().cast(), 2, 10).unwrap();
        assert_eq!(
            got,
            [0x41u16, 0x100]
                .iter()
                .flat_map(|u| u.to_ne_bytes())
                .collect::<Vec<_>>()
        );
        // A 32-bit character whose low half is 0 does not end the string.
        let utf32: [u32; 3] = [0x1_0000, 0x38, 0];
        let got = copy_string_from_user(utf32.as_ptr().cast(), 4, 10).unwrap();
        assert_eq!(
            got,
            [0x1_0000u32, 0x38]
                .iter()
                .flat_map(|u| u.to_ne_bytes())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            copy_string_from_user(utf32.as_ptr().cast(), 4, 1),
            Err(libc::EFAULT)
        );
        assert_eq!(
            copy_string_from_user(8 as *const u8, 4, 10),
            Err(libc::EFAULT)
        );
    }
}
