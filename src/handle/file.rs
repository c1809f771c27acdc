//! Files opened by `CreateFile`: regular files (and directories with
//! `FILE_FLAG_BACKUP_SEMANTICS`) as handles. A file handle is the descriptor with a tag in the
//! high bits (`FILE_TAG | fd`), so it is never a socket, a standard handle or a handle of the
//! table, and `TransmitFile` / `TransmitPackets` find the descriptor behind it. The registry
//! keeps what `CloseHandle` needs (the path to remove for `FILE_FLAG_DELETE_ON_CLOSE`).

use super::file_locks::{self, Lock};
use super::file_share;
use super::port::Port;
use super::{codes, err};
use crate::error::WsaResult;
use crate::sys;
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::ffi::{CStr, CString};
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd};
use std::sync::Arc;

#[cfg(target_pointer_width = "64")]
const FILE_TAG: usize = 0x4649_4C45_0000_0000;
#[cfg(not(target_pointer_width = "64"))]
const FILE_TAG: usize = 0x6000_0000;
const FD_MASK: usize = 0x0FFF_FFFF;

pub(crate) const GENERIC_READ: u32 = 0x8000_0000;
pub(crate) const GENERIC_WRITE: u32 = 0x4000_0000;
pub(crate) const GENERIC_ALL: u32 = 0x1000_0000;
const FILE_READ_DATA: u32 = 0x0001;
const FILE_WRITE_DATA: u32 = 0x0002;
const FILE_APPEND_DATA: u32 = 0x0004;
const CREATE_NEW: u32 = 1;
const CREATE_ALWAYS: u32 = 2;
const OPEN_EXISTING: u32 = 3;
const OPEN_ALWAYS: u32 = 4;
const TRUNCATE_EXISTING: u32 = 5;
const FILE_ATTRIBUTE_READONLY: u32 = 0x0001;
const FILE_FLAG_BACKUP_SEMANTICS: u32 = 0x0200_0000;
const FILE_FLAG_DELETE_ON_CLOSE: u32 = 0x0400_0000;
const FILE_FLAG_OVERLAPPED: u32 = 0x4000_0000;

const ERROR_PATH_NOT_FOUND: i32 = 3;
const ERROR_TOO_MANY_OPEN_FILES: i32 = 4;
const ERROR_ACCESS_DENIED: i32 = 5;
/// Another open of the file does not share what this one asks for (or asks for what it
/// does not share).
pub(crate) const ERROR_SHARING_VIOLATION: i32 = 32;
const ERROR_FILE_EXISTS: i32 = 80;
const ERROR_DISK_FULL: i32 = 112;
const ERROR_NEGATIVE_SEEK: i32 = 131;
const ERROR_DIR_NOT_EMPTY: i32 = 145;
/// A byte range another handle (or, exclusively, this one) has locked.
pub(crate) const ERROR_LOCK_VIOLATION: i32 = 33;
/// `UnlockFile` of a range the handle has not locked.
const ERROR_NOT_LOCKED: i32 = 158;
/// A lock range running past the 2^64th byte.
const ERROR_INVALID_LOCK_RANGE: i32 = 307;
/// `CreateDirectory` on an existing name.
pub(crate) const ERROR_ALREADY_EXISTS: i32 = 183;

/// An open file: its descriptor (closed when dropped) and, for `FILE_FLAG_DELETE_ON_CLOSE`,
/// the path to remove.
struct Open {
    /// None: a descriptor the program opened and still owns (`_get_osfhandle`).
    _fd: Option<OwnedFd>,
    delete_on_close: Option<CString>,
    /// The byte-range locks the handle holds (`LockFile`), see `file_locks`.
    locks: Vec<Lock>,
    /// An end of an anonymous pipe (`CreatePipe`).
    pipe: bool,
    /// The completion port its overlapped transfers are posted to, with their key (a
    /// thread pool's I/O object: `CreateThreadpoolIo`, `BindIoCompletionCallback`).
    port: Option<(Arc<Port>, usize)>,
    /// Opened with `FILE_FLAG_OVERLAPPED`.
    overlapped: bool,
    /// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`: a transfer that completes at once (every one
    /// here) queues no packet to the port.
    skip_port: bool,
    /// Opened without the right to read (the descriptor is open for reading all the same:
    /// `ReadFile` refuses it here, as Windows does).
    no_read: bool,
}

static FILES: Mutex<BTreeMap<i32, Open>> = Mutex::new(BTreeMap::new());

/// The Win32 error of a failed file call.
pub fn error(errno: i32) -> crate::error::WsaError {
    err(match errno {
        libc::ENOENT => codes::ERROR_FILE_NOT_FOUND,
        libc::ENOTDIR => ERROR_PATH_NOT_FOUND,
        libc::EACCES | libc::EPERM | libc::EROFS | libc::EISDIR => ERROR_ACCESS_DENIED,
        libc::EEXIST => ERROR_FILE_EXISTS,
        libc::ENOTEMPTY => ERROR_DIR_NOT_EMPTY,
        libc::EMFILE | libc::ENFILE => ERROR_TOO_MANY_OPEN_FILES,
        libc::ENOSPC => ERROR_DISK_FULL,
        libc::EINVAL => ERROR_NEGATIVE_SEEK,
        libc::EBADF => codes::ERROR_INVALID_HANDLE,
        _ => codes::ERROR_GEN_FAILURE,
    })
}

/// The Win32 error of a failed call on `path`: as `error`, except that a name whose directory
/// is missing is `ERROR_PATH_NOT_FOUND`, as on Windows (the system says "no such entry" for
/// both; only a missing last component is `ERROR_FILE_NOT_FOUND`).
pub fn path_error(errno: i32, path: &CStr) -> crate::error::WsaError {
    if errno == libc::ENOENT && !parent_exists(path) {
        return err(ERROR_PATH_NOT_FOUND);
    }
    error(errno)
}

/// Whether the directory `path` names its entry in is there (a name without one is in the
/// current directory).
pub fn parent_exists(path: &CStr) -> bool {
    let bytes = path.to_bytes();
    let end = bytes.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1);
    let Some(slash) = bytes[..end].iter().rposition(|&b| b == b'/') else {
        return true;
    };
    let parent = if slash == 0 {
        &b"/"[..]
    } else {
        &bytes[..slash]
    };
    CString::new(parent)
        .ok()
        .and_then(|p| sys::file_stat::stat_path(&p).ok())
        .is_some_and(|st| st.directory)
}

/// The descriptor behind a file handle, if `handle` is an open one.
pub fn fd_of(handle: usize) -> Option<i32> {
    if handle & !FD_MASK != FILE_TAG {
        return None;
    }
    let fd = (handle & FD_MASK) as i32;
    FILES.lock().contains_key(&fd).then_some(fd)
}

/// The file a `CreateFile` asks for, and how.
pub struct Request<'a> {
    pub path: &'a CStr,
    pub access: u32,
    pub share_mode: u32,
    pub disposition: u32,
    pub flags_and_attributes: u32,
}

/// `CreateFile`: opens or creates `path`. Returns the handle and whether the file already
/// existed (`CREATE_ALWAYS` / `OPEN_ALWAYS` then report `ERROR_ALREADY_EXISTS`). Another open
/// of the file in this process whose share mode does not allow this one (or that this one's
/// does not allow) refuses it with `ERROR_SHARING_VIOLATION`, before anything is truncated.
pub fn create(r: &Request<'_>) -> WsaResult<(usize, bool)> {
    let (path, access, disposition, flags_and_attributes) =
        (r.path, r.access, r.disposition, r.flags_and_attributes);
    let read = access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA) != 0;
    let write = access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA) != 0;
    let mut flags = match (read, write) {
        (_, false) => libc::O_RDONLY,
        (false, true) => libc::O_WRONLY,
        (true, true) => libc::O_RDWR,
    };
    if access & FILE_APPEND_DATA != 0 && access & (GENERIC_WRITE | FILE_WRITE_DATA) == 0 {
        flags |= libc::O_APPEND;
    }
    // Truncation waits until the share modes have allowed the open.
    let truncate = match disposition {
        CREATE_NEW => {
            flags |= libc::O_CREAT | libc::O_EXCL;
            false
        }
        CREATE_ALWAYS => {
            flags |= libc::O_CREAT;
            true
        }
        OPEN_EXISTING => false,
        OPEN_ALWAYS => {
            flags |= libc::O_CREAT;
            false
        }
        // Truncating asks for GENERIC_WRITE itself (FILE_WRITE_DATA alone is refused).
        TRUNCATE_EXISTING if access & (GENERIC_WRITE | GENERIC_ALL) != 0 => true,
        _ => return Err(err(codes::ERROR_INVALID_PARAMETER)),
    };
    let delete_on_close = flags_and_attributes & FILE_FLAG_DELETE_ON_CLOSE != 0;
    let existed = sys::file_stat::stat_path(path).ok();
    let backup = flags_and_attributes & FILE_FLAG_BACKUP_SEMANTICS != 0;
    let trailing_slash = path.to_bytes().last() == Some(&b'/');
    match &existed {
        Some(st) if st.directory => {
            // A directory opens only with backup semantics (reading it: the handle names it
            // for the attribute and time calls), as on Windows; named with a trailing
            // separator without them, it is not found as a file.
            if !backup {
                return Err(err(if trailing_slash {
                    ERROR_PATH_NOT_FOUND
                } else {
                    ERROR_ACCESS_DENIED
                }));
            }
            if disposition != OPEN_EXISTING && disposition != OPEN_ALWAYS {
                return Err(err(ERROR_ACCESS_DENIED));
            }
            flags = libc::O_RDONLY | libc::O_DIRECTORY;
        }
        // The read-only attribute refuses writing and deleting, also to root.
        Some(st) if !st.owner_writable && (write || delete_on_close || truncate) => {
            return Err(err(ERROR_ACCESS_DENIED));
        }
        Some(_) if trailing_slash => return Err(err(ERROR_PATH_NOT_FOUND)),
        _ => {}
    }
    let mode = if flags_and_attributes & FILE_ATTRIBUTE_READONLY != 0 {
        0o444
    } else {
        0o666
    };
    let owned = sys::file::open(path, flags, mode).map_err(|e| path_error(e, path))?;
    let fd = owned.as_raw_fd();
    if fd as usize > FD_MASK {
        return Err(err(ERROR_TOO_MANY_OPEN_FILES));
    }
    let st = sys::file_stat::stat(fd).map_err(error)?;
    let share = file_share::Share::new(access, r.share_mode, delete_on_close);
    // The registry of files is held across the check and the record, so two opens racing
    // each other see each other.
    let mut files = FILES.lock();
    if !file_share::admit((st.dev, st.ino), fd, share) {
        return Err(err(ERROR_SHARING_VIOLATION));
    }
    if truncate && existed.is_some() {
        let cut = if write {
            sys::file::truncate(fd, 0)
        } else {
            sys::file::truncate_path(path, 0)
        };
        if let Err(e) = cut {
            file_share::forget(fd);
            return Err(error(e));
        }
    }
    let open = Open {
        _fd: Some(owned),
        delete_on_close: delete_on_close.then(|| path.to_owned()),
        locks: Vec::new(),
        pipe: false,
        port: None,
        overlapped: flags_and_attributes & FILE_FLAG_OVERLAPPED != 0,
        no_read: !read,
        skip_port: false,
    };
    files.insert(fd, open);
    Ok((FILE_TAG | fd as usize, existed.is_some()))
}

/// Whether the handle of `fd` was opened with `FILE_FLAG_OVERLAPPED` (a transfer at an
/// `OVERLAPPED`'s offset then leaves the file position alone).
pub(crate) fn is_overlapped(fd: i32) -> bool {
    FILES.lock().get(&fd).is_some_and(|o| o.overlapped)
}

/// Whether the handle of `fd` may read (`ReadFile` through a handle opened without read
/// access is `ERROR_ACCESS_DENIED`).
pub(crate) fn is_readable(fd: i32) -> bool {
    FILES.lock().get(&fd).is_none_or(|o| !o.no_read)
}

/// Whether an open `share` of the file at `path` is allowed by the handles that have it open
/// (`DeleteFile`, `MoveFile` and `CopyFile` open files this way on Windows). A path that is
/// not there is allowed (the call itself then fails as it should).
pub(crate) fn share_allows(path: &CStr, share: file_share::Share) -> bool {
    match sys::file_stat::stat_path(path) {
        Ok(st) => file_share::allowed((st.dev, st.ino), share),
        Err(_) => true,
    }
}

/// Whether a handle has the file at `path` open.
pub(crate) fn is_open_path(path: &CStr) -> bool {
    sys::file_stat::stat_path(path).is_ok_and(|st| file_share::is_open((st.dev, st.ino)))
}

/// Binds a file handle's overlapped transfers to a completion port under `key`: each one that
/// completes (at once, as file I/O does here) posts its packet there. A handle already bound
/// → `ERROR_INVALID_PARAMETER`, as on Windows; not a file handle → `ERROR_INVALID_HANDLE`.
pub(crate) fn associate(handle: usize, port: Arc<Port>, key: usize) -> WsaResult<()> {
    let fd = fd_of(handle).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    let mut files = FILES.lock();
    let open = files.get_mut(&fd).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    if open.port.is_some() {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    open.port = Some((port, key));
    Ok(())
}

/// The completion port (and key) a file's transfers are posted to, if it is bound to one.
pub(crate) fn port_of(fd: i32) -> Option<(Arc<Port>, usize)> {
    FILES.lock().get(&fd).and_then(|o| o.port.clone())
}

/// The port a completed transfer of `fd` queues its packet to: its port, unless
/// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS` is set (file transfers always complete at once).
pub(crate) fn packet_port(fd: i32) -> Option<(Arc<Port>, usize)> {
    FILES
        .lock()
        .get(&fd)
        .filter(|o| !o.skip_port)
        .and_then(|o| o.port.clone())
}

/// `SetFileCompletionNotificationModes` on a file handle: whether transfers that complete at
/// once skip the port. `ERROR_INVALID_HANDLE` when `handle` is no file.
pub(crate) fn set_skip_port(handle: usize, skip: bool) -> WsaResult<()> {
    let fd = fd_of(handle).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    let mut files = FILES.lock();
    let open = files.get_mut(&fd).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    open.skip_port = skip;
    Ok(())
}

/// `CloseHandle` on a file handle: false when `handle` is not one.
pub fn close(handle: usize) -> bool {
    let Some(fd) = fd_of(handle) else {
        return false;
    };
    let Some(open) = FILES.lock().remove(&fd) else {
        return false;
    };
    let Open {
        _fd: file,
        delete_on_close,
        ..
    } = open;
    file_share::forget(fd);
    drop(file);
    if let Some(path) = delete_on_close {
        let _ = sys::file::unlink(&path);
    }
    true
}

/// `SetFilePointer(Ex)`: moves the position (`method` FILE_BEGIN 0, FILE_CURRENT 1, FILE_END 2).
pub fn seek(fd: i32, distance: i64, method: u32) -> WsaResult<u64> {
    let whence = match method {
        0 => libc::SEEK_SET,
        1 => libc::SEEK_CUR,
        2 => libc::SEEK_END,
        _ => return Err(err(codes::ERROR_INVALID_PARAMETER)),
    };
    sys::file::seek(fd, distance, whence).map_err(error)
}

/// Gives the system the settings that make `range` what `held` adds up to. The system takes
/// an exclusive lock only through a descriptor open for writing: through a read-only handle
/// an exclusive lock is a shared one there (it keeps other handles' exclusive locks out, not
/// their shared ones), while this handle's own records keep Windows' rules.
fn apply(fd: i32, held: &[Lock], range: &Lock, wait: bool) -> WsaResult<()> {
    let writable = sys::file_stat::writable(fd).map_err(error)?;
    for s in file_locks::settings(held, range) {
        let kind = match s.kind {
            sys::file_lock::Kind::Exclusive if !writable => sys::file_lock::Kind::Shared,
            k => k,
        };
        sys::file_lock::set(fd, s.start, s.len, kind, wait).map_err(|e| match e {
            libc::EAGAIN | libc::EACCES | libc::EDEADLK => err(ERROR_LOCK_VIOLATION),
            e => error(e),
        })?;
    }
    Ok(())
}

/// `LockFile(Ex)`: takes `lock` for the handle of `fd` (the rules of `file_locks`); `wait`:
/// waits while another handle holds a conflicting lock (a conflict with the handle's own locks
/// fails at once: on Windows that wait would never end). `ERROR_LOCK_VIOLATION` for a
/// conflict, `ERROR_INVALID_LOCK_RANGE` for a range past the 2^64th byte.
pub fn lock(fd: i32, lock: Lock, wait: bool) -> WsaResult<()> {
    if !lock.valid() {
        return Err(err(ERROR_INVALID_LOCK_RANGE));
    }
    let mut held = {
        let files = FILES.lock();
        let open = files.get(&fd).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
        if file_locks::conflicts(&open.locks, &lock) {
            return Err(err(ERROR_LOCK_VIOLATION));
        }
        open.locks.clone()
    };
    let before = held.clone();
    held.push(lock);
    // The files' registry is not held while the system waits for another handle's lock.
    if let Err(e) = apply(fd, &held, &lock, wait) {
        // Back to what the handle held before (unlocking or downgrading never waits).
        let _ = apply(fd, &before, &lock, false);
        return Err(e);
    }
    if let Some(open) = FILES.lock().get_mut(&fd) {
        open.locks.push(lock);
    }
    Ok(())
}

/// `UnlockFile(Ex)`: gives up the handle's lock of exactly `len` bytes at `start`;
/// `ERROR_NOT_LOCKED` when it holds none.
pub fn unlock(fd: i32, start: u64, len: u64) -> WsaResult<()> {
    let mut files = FILES.lock();
    let open = files.get_mut(&fd).ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    let i = file_locks::find(&open.locks, start, len).ok_or(err(ERROR_NOT_LOCKED))?;
    let gone = open.locks.remove(i);
    apply(fd, &open.locks, &gone, false)
}

/// `_get_osfhandle` of a descriptor the program opened itself (`_open`, `open`): a file
/// handle naming it, which the program's `_close` closes (`CloseHandle` on it only forgets
/// the handle). A descriptor `CreateFile` opened gives back its own handle.
/// `ERROR_INVALID_HANDLE` when `fd` is not open.
pub fn adopt(fd: i32) -> WsaResult<usize> {
    if fd < 0 || fd as usize > FD_MASK {
        return Err(err(codes::ERROR_INVALID_HANDLE));
    }
    sys::file_stat::writable(fd).map_err(|_| err(codes::ERROR_INVALID_HANDLE))?;
    FILES.lock().entry(fd).or_insert(Open {
        _fd: None,
        delete_on_close: None,
        locks: Vec::new(),
        pipe: false,
        port: None,
        overlapped: false,
        no_read: false,
        skip_port: false,
    });
    Ok(FILE_TAG | fd as usize)
}

/// `_open_osfhandle` of a file handle: the handle is gone and its descriptor is the
/// program's from now on (its `_close` closes the file). None when `handle` is no file handle.
pub fn release(handle: usize) -> Option<i32> {
    let fd = fd_of(handle)?;
    let open = FILES.lock().remove(&fd)?;
    file_share::forget(fd);
    if let Some(owned) = open._fd {
        let _ = owned.into_raw_fd();
    }
    Some(fd)
}

/// `CreatePipe`'s ends become file handles (`ReadFile`, `WriteFile`, `CloseHandle` take them).
pub fn adopt_pipe(fd: OwnedFd) -> WsaResult<usize> {
    let raw = fd.as_raw_fd();
    if raw < 0 || raw as usize > FD_MASK {
        return Err(err(ERROR_TOO_MANY_OPEN_FILES));
    }
    FILES.lock().insert(
        raw,
        Open {
            _fd: Some(fd),
            delete_on_close: None,
            locks: Vec::new(),
            pipe: true,
            port: None,
            overlapped: false,
            no_read: false,
            skip_port: false,
        },
    );
    Ok(FILE_TAG | raw as usize)
}

/// `DuplicateHandle` of a file handle (`CreateFile`, a `CreatePipe` end, `_get_osfhandle`)
/// or a standard handle: a new file handle on a second descriptor of the same open file (the
/// two share the file position, as on Windows; a pipe end stays a pipe end, for
/// `PeekNamedPipe`). Byte-range locks stay with the handle that took them, and
/// `FILE_FLAG_DELETE_ON_CLOSE` with the original. None when `handle` is neither.
pub fn duplicate(handle: usize) -> Option<WsaResult<usize>> {
    let fd = fd_of(handle).or_else(|| super::console::std_fd(handle))?;
    let pipe = is_pipe(fd);
    let overlapped = is_overlapped(fd);
    let no_read = !is_readable(fd);
    Some((|| {
        let owned = sys::file::duplicate(fd).map_err(error)?;
        let raw = owned.as_raw_fd();
        if raw < 0 || raw as usize > FD_MASK {
            return Err(err(ERROR_TOO_MANY_OPEN_FILES));
        }
        FILES.lock().insert(
            raw,
            Open {
                _fd: Some(owned),
                delete_on_close: None,
                locks: Vec::new(),
                pipe,
                port: None,
                overlapped,
                no_read,
                skip_port: false,
            },
        );
        file_share::duplicate(fd, raw);
        Ok(FILE_TAG | raw as usize)
    })())
}

/// Whether `fd` is an end of an anonymous pipe from `CreatePipe`.
pub fn is_pipe(fd: i32) -> bool {
    FILES.lock().get(&fd).is_some_and(|o| o.pipe)
}
