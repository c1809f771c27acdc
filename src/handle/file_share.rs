//! Windows' share modes for the files `CreateFile` opens in this process.
//!
//! Every open of a file says what it will do with it (its access: reading, writing, deleting)
//! and what it lets later opens do (its share mode: `FILE_SHARE_READ`, `FILE_SHARE_WRITE`,
//! `FILE_SHARE_DELETE`). A new open is refused with `ERROR_SHARING_VIOLATION` when its access
//! is not in the share mode of an open already there, or that open's access is not in the new
//! one's share mode. An open that neither reads, writes nor deletes (access 0, attribute
//! queries) conflicts with nothing. `DeleteFile`, `MoveFile` and `CopyFile` open the files they
//! work on the same way on Windows, so they are checked here too.
//!
//! The registry keeps the opens of each file (by device and inode) for the handles that are
//! open; the system does not know share modes, so opens in other processes are not seen.

use parking_lot::Mutex;
use std::collections::BTreeMap;

pub(crate) const FILE_SHARE_READ: u32 = 0x1;
pub(crate) const FILE_SHARE_WRITE: u32 = 0x2;
pub(crate) const FILE_SHARE_DELETE: u32 = 0x4;
const SHARE_ALL: u32 = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

const GENERIC_READ: u32 = 0x8000_0000;
const GENERIC_WRITE: u32 = 0x4000_0000;
const GENERIC_EXECUTE: u32 = 0x2000_0000;
const GENERIC_ALL: u32 = 0x1000_0000;
const FILE_READ_DATA: u32 = 0x0001;
const FILE_WRITE_DATA: u32 = 0x0002;
const FILE_APPEND_DATA: u32 = 0x0004;
const FILE_EXECUTE: u32 = 0x0020;
const DELETE: u32 = 0x0001_0000;

/// What one open does with a file and what it lets others do: both in the bits of the share
/// mode (`FILE_SHARE_READ` for reading, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Share {
    uses: u32,
    allows: u32,
}

impl Share {
    /// The open `CreateFile(access, share_mode, ... FILE_FLAG_DELETE_ON_CLOSE?)` makes.
    pub(crate) fn new(access: u32, share_mode: u32, delete_on_close: bool) -> Share {
        let mut uses = 0;
        if access & (GENERIC_READ | GENERIC_EXECUTE | GENERIC_ALL | FILE_READ_DATA | FILE_EXECUTE)
            != 0
        {
            uses |= FILE_SHARE_READ;
        }
        if access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA) != 0 {
            uses |= FILE_SHARE_WRITE;
        }
        // Deleting on close needs (and, on Windows, adds) DELETE access.
        if access & (DELETE | GENERIC_ALL) != 0 || delete_on_close {
            uses |= FILE_SHARE_DELETE;
        }
        Share {
            uses,
            // An open that uses nothing stands in no one's way.
            allows: if uses == 0 {
                SHARE_ALL
            } else {
                share_mode & SHARE_ALL
            },
        }
    }

    /// The open `DeleteFile` and `MoveFile` make of the file they remove or rename.
    pub(crate) fn removal() -> Share {
        Share::new(DELETE, SHARE_ALL, false)
    }

    /// `CopyFile`'s open of its source (reading; others may do anything) and of an existing
    /// target (writing; others may read and write).
    pub(crate) fn copy_source() -> Share {
        Share::new(GENERIC_READ, SHARE_ALL, false)
    }

    pub(crate) fn copy_target() -> Share {
        Share::new(GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, false)
    }

    /// Whether the two opens can be there together.
    fn compatible(&self, other: &Share) -> bool {
        self.uses & !other.allows == 0 && other.uses & !self.allows == 0
    }
}

/// A file: its device and inode.
pub(crate) type FileId = (u64, u64);

/// The opens of each file, by the descriptor of the handle that holds each.
static OPENS: Mutex<BTreeMap<FileId, Vec<(i32, Share)>>> = Mutex::new(BTreeMap::new());

/// Whether an open `share` of `id` can be made now (the opens there allow it).
pub(crate) fn allowed(id: FileId, share: Share) -> bool {
    OPENS
        .lock()
        .get(&id)
        .is_none_or(|opens| opens.iter().all(|(_, o)| o.compatible(&share)))
}

/// Records the open `share` of `id` by descriptor `fd` if the opens there allow it; false
/// (nothing recorded) when they do not.
pub(crate) fn admit(id: FileId, fd: i32, share: Share) -> bool {
    let mut opens = OPENS.lock();
    let list = opens.entry(id).or_default();
    if !list.iter().all(|(_, o)| o.compatible(&share)) {
        if list.is_empty() {
            opens.remove(&id);
        }
        return false;
    }
    list.push((fd, share));
    true
}

/// A second handle (`DuplicateHandle`) on the open that descriptor `of` holds: the same open,
/// now also held by `fd`.
pub(crate) fn duplicate(of: i32, fd: i32) {
    let mut opens = OPENS.lock();
    for list in opens.values_mut() {
        if let Some(&(_, share)) = list.iter().find(|(d, _)| *d == of) {
            list.push((fd, share));
            return;
        }
    }
}

/// Whether any handle has `id` open.
pub(crate) fn is_open(id: FileId) -> bool {
    OPENS.lock().contains_key(&id)
}

/// The handle of descriptor `fd` is closed: its open is gone.
pub(crate) fn forget(fd: i32) {
    let mut opens = OPENS.lock();
    opens.retain(|_, list| {
        list.retain(|(d, _)| *d != fd);
        !list.is_empty()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: u32 = FILE_SHARE_READ;
    const W: u32 = FILE_SHARE_WRITE;
    const D: u32 = FILE_SHARE_DELETE;

    #[test]
    fn access_must_be_shared_both_ways() {
        let reader = Share::new(GENERIC_READ, R, false);
        assert!(reader.compatible(&Share::new(GENERIC_READ, R | W, false)));
        // A writer is refused by a reader that shares only reading...
        assert!(!reader.compatible(&Share::new(GENERIC_WRITE, R | W, false)));
        // ...and a reader by an open that does not share reading.
        assert!(!reader.compatible(&Share::new(GENERIC_READ, W, false)));
        let exclusive = Share::new(GENERIC_READ | GENERIC_WRITE, 0, false);
        assert!(!exclusive.compatible(&Share::new(FILE_READ_DATA, SHARE_ALL, false)));
    }

    #[test]
    fn an_open_without_data_access_conflicts_with_nothing() {
        let attributes = Share::new(0, 0, false);
        let exclusive = Share::new(GENERIC_READ | GENERIC_WRITE | DELETE, 0, false);
        assert!(attributes.compatible(&exclusive));
        assert!(exclusive.compatible(&attributes));
    }

    #[test]
    fn removal_needs_delete_sharing() {
        assert!(!Share::new(GENERIC_READ, R | W, false).compatible(&Share::removal()));
        assert!(Share::new(GENERIC_READ, R | D, false).compatible(&Share::removal()));
        // Delete-on-close asks for delete access.
        assert!(!Share::new(GENERIC_READ, R, true).compatible(&Share::new(GENERIC_READ, R, false)));
    }

    #[test]
    fn the_registry_admits_and_forgets() {
        let id = (u64::MAX, 7);
        assert!(admit(id, 9001, Share::new(GENERIC_WRITE, R, false)));
        assert!(!admit(id, 9002, Share::new(GENERIC_WRITE, R | W, false)));
        assert!(admit(id, 9003, Share::new(GENERIC_READ, R | W, false)));
        duplicate(9001, 9004);
        forget(9001);
        assert!(!allowed(id, Share::new(GENERIC_WRITE, R | W, false)));
        forget(9004);
        forget(9003);
        assert!(!is_open(id));
    }
}
