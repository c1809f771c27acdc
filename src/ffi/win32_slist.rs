//! Interlocked singly linked lists (`SLIST_HEADER`, `SLIST_ENTRY`): the free lists of buffers
//! and per-connection contexts that IOCP servers keep. `InitializeSListHead`,
//! `InterlockedPushEntrySList`, `InterlockedPushListSListEx`, `InterlockedPopEntrySList`,
//! `InterlockedFlushSList`, `QueryDepthSList`, `RtlFirstEntrySList`.
//!
//! The header is Windows' 16 bytes in its x64 layout: the depth (the low 16 bits, a `USHORT`
//! that wraps as on Windows) and a count of changes, then the first entry. Every operation on one header is
//! atomic with respect to the others: it holds one of 64 locks chosen by the header's address
//! (Windows uses a 16-byte compare-and-swap; the entries' `Next` fields are the program's
//! memory, written only by the thread that holds the lock).

use parking_lot::Mutex;
use std::os::raw::c_void;

/// `SLIST_ENTRY`: a pointer to the next entry, first in the program's structure.
type Entry = *mut c_void;

#[repr(C)]
struct Header {
    /// Depth in the low 16 bits, a count of changes above.
    depth_and_sequence: u64,
    first: Entry,
}

#[repr(align(64))]
struct Stripe(Mutex<()>);

static STRIPES: [Stripe; 64] = [const { Stripe(Mutex::new(())) }; 64];

fn lock_for(header: *const Header) -> parking_lot::MutexGuard<'static, ()> {
    STRIPES[(header as usize >> 4) % STRIPES.len()].0.lock()
}

/// Runs `f` on the header under its lock; `fallback` for NULL.
///
/// # Safety
/// `header` must be NULL or point to an initialised `SLIST_HEADER` whose entries are valid.
unsafe fn with_header<T>(header: *mut c_void, fallback: T, f: impl FnOnce(&mut Header) -> T) -> T {
    let header = header.cast::<Header>();
    if header.is_null() {
        return fallback;
    }
    let _held = lock_for(header);
    // SAFETY: caller guarantee; the lock makes this the only access through ws2mp.
    f(unsafe { &mut *header })
}

impl Header {
    fn depth(&self) -> u16 {
        self.depth_and_sequence as u16
    }

    /// Records a change of the depth by `by` (wrapping, as a `USHORT`).
    fn changed(&mut self, by: i32) {
        let depth = (self.depth() as i32 + by) as u16;
        let sequence = (self.depth_and_sequence >> 16).wrapping_add(1);
        self.depth_and_sequence = (sequence << 16) | u64::from(depth);
    }
}

/// Empties the list (`SLIST_HEADER` zeroed). A NULL header is ignored.
///
/// # Safety
/// `ListHead` must be NULL or point to a writable `SLIST_HEADER`.
#[no_mangle]
pub unsafe extern "C" fn InitializeSListHead(ListHead: *mut c_void) {
    if !ListHead.is_null() {
        let _held = lock_for(ListHead.cast());
        // SAFETY: caller guarantee.
        unsafe {
            ListHead.cast::<Header>().write(Header {
                depth_and_sequence: 0,
                first: std::ptr::null_mut(),
            })
        };
    }
}

/// Puts `ListEntry` first; returns the entry that was first (NULL: the list was empty). NULL
/// for a NULL header or entry (nothing is done).
///
/// # Safety
/// `ListHead` must be an initialised `SLIST_HEADER`, `ListEntry` an `SLIST_ENTRY` on no list.
#[no_mangle]
pub unsafe extern "C" fn InterlockedPushEntrySList(
    ListHead: *mut c_void,
    ListEntry: *mut c_void,
) -> *mut c_void {
    // SAFETY: forwarded caller guarantee.
    unsafe { InterlockedPushListSListEx(ListHead, ListEntry, ListEntry, 1) }
}

/// Puts the chain `List` ... `ListEnd` (`Count` entries, linked through their `Next` fields)
/// first; returns the entry that was first. NULL for a NULL header, `List` or `ListEnd`.
///
/// # Safety
/// `ListHead` must be an initialised `SLIST_HEADER`; `List` to `ListEnd` a chain of `Count`
/// entries on no list.
#[no_mangle]
pub unsafe extern "C" fn InterlockedPushListSListEx(
    ListHead: *mut c_void,
    List: *mut c_void,
    ListEnd: *mut c_void,
    Count: u32,
) -> *mut c_void {
    if List.is_null() || ListEnd.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: forwarded caller guarantee.
    unsafe {
        with_header(ListHead, std::ptr::null_mut(), |h| {
            let old = h.first;
            // SAFETY: `ListEnd` is the program's entry (caller guarantee), written under the lock.
            ListEnd.cast::<Entry>().write(old);
            h.first = List;
            h.changed(Count as i32);
            old
        })
    }
}

/// Takes the first entry off the list; NULL when it is empty (or the header is NULL).
///
/// # Safety
/// `ListHead` must be NULL or an initialised `SLIST_HEADER`.
#[no_mangle]
pub unsafe extern "C" fn InterlockedPopEntrySList(ListHead: *mut c_void) -> *mut c_void {
    // SAFETY: forwarded caller guarantee.
    unsafe {
        with_header(ListHead, std::ptr::null_mut(), |h| {
            let first = h.first;
            if !first.is_null() {
                // SAFETY: an entry on the list (pushed by the program), read under the lock.
                h.first = first.cast::<Entry>().read();
                h.changed(-1);
            }
            first
        })
    }
}

/// Takes every entry off the list: returns the first (the rest follow through their `Next`
/// fields), NULL when it was empty.
///
/// # Safety
/// `ListHead` must be NULL or an initialised `SLIST_HEADER`.
#[no_mangle]
pub unsafe extern "C" fn InterlockedFlushSList(ListHead: *mut c_void) -> *mut c_void {
    // SAFETY: forwarded caller guarantee.
    unsafe {
        with_header(ListHead, std::ptr::null_mut(), |h| {
            let first = std::mem::replace(&mut h.first, std::ptr::null_mut());
            if !first.is_null() {
                let depth = h.depth();
                h.changed(-i32::from(depth));
            }
            first
        })
    }
}

/// The number of entries on the list (modulo 65536, a `USHORT` as on Windows); 0 for NULL.
///
/// # Safety
/// `ListHead` must be NULL or an initialised `SLIST_HEADER`.
#[no_mangle]
pub unsafe extern "C" fn QueryDepthSList(ListHead: *mut c_void) -> u16 {
    // SAFETY: forwarded caller guarantee.
    unsafe { with_header(ListHead, 0, |h| h.depth()) }
}

/// The first entry, left on the list (NULL: empty, or a NULL header).
///
/// # Safety
/// `ListHead` must be NULL or an initialised `SLIST_HEADER`.
#[no_mangle]
pub unsafe extern "C" fn RtlFirstEntrySList(ListHead: *const c_void) -> *mut c_void {
    // SAFETY: forwarded caller guarantee; nothing is written.
    unsafe { with_header(ListHead.cast_mut(), std::ptr::null_mut(), |h| h.first) }
}
