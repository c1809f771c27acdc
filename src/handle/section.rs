//! File-mapping objects (`CreateFileMapping`, `OpenFileMapping`) and their views
//! (`MapViewOfFile`, `UnmapViewOfFile`, `FlushViewOfFile`).
//!
//! A section backed by the paging file is a POSIX shared-memory object: a named one is
//! `/ws2mp-<name>` (`sys::shared_memory`), so another process's `CreateFileMapping` or
//! `OpenFileMapping` of the same name shares its pages, as on Windows; an unnamed one has its
//! name removed at once. Every process using a named object holds a shared `flock` on it; the
//! one that finds no other holder when it lets go removes the name, so the object lives as long
//! as some process uses it, as a Windows section does. A name left behind by a process that
//! crashed is recognised the same way (nobody holds it) and made afresh. A section backed by a
//! file maps the file's descriptor; its name is known within this process only.
//!
//! A view keeps its section (and so the object) alive after the handle is closed, as on
//! Windows.

use super::{codes, err};
use crate::error::WsaResult;
use crate::sys::shared_memory::{self as shm, ViewAccess};
use parking_lot::Mutex;
use std::collections::{BTreeMap, HashMap};
use std::ffi::CString;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::{Arc, Weak};

const ERROR_FILE_INVALID: i32 = 1006;
const ERROR_MAPPED_ALIGNMENT: i32 = 1132;
const ERROR_INVALID_ADDRESS: i32 = 487;

/// Windows' allocation granularity: where views start in the section and in memory.
const GRANULARITY: u64 = 0x1_0000;

const FILE_MAP_COPY: u32 = 0x0001;
const FILE_MAP_WRITE: u32 = 0x0002;
const FILE_MAP_READ: u32 = 0x0004;
const FILE_MAP_EXECUTE: u32 = 0x0020;

/// The `SEC_*` attributes accepted (and without effect here): `SEC_COMMIT`, `SEC_RESERVE`,
/// `SEC_NOCACHE`, `SEC_WRITECOMBINE`, `SEC_LARGE_PAGES`.
const ACCEPTED_ATTRIBUTES: u32 =
    0x0800_0000 | 0x0400_0000 | 0x1000_0000 | 0x4000_0000 | 0x8000_0000;

/// What views of a section may do, from the `PAGE_*` value it was created with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Protection {
    write: bool,
    /// `PAGE_WRITECOPY`: views may write, into their own copy of the pages.
    copy: bool,
    execute: bool,
}

impl Protection {
    fn from_page(protect: u32) -> WsaResult<Protection> {
        if protect & !0xFF & !ACCEPTED_ATTRIBUTES != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let (write, copy, execute) = match protect & 0xFF {
            0x02 => (false, false, false),
            0x04 => (true, false, false),
            0x08 => (false, true, false),
            0x20 => (false, false, true),
            0x40 => (true, false, true),
            0x80 => (false, true, true),
            _ => return Err(err(codes::ERROR_INVALID_PARAMETER)),
        };
        Ok(Protection {
            write,
            copy,
            execute,
        })
    }
}

/// What a section maps.
pub enum Backing {
    /// `INVALID_HANDLE_VALUE`: memory of its own.
    PagingFile,
    /// An open file (`CreateFile`), by descriptor.
    File(i32),
}

/// A file-mapping object.
pub struct Section {
    fd: OwnedFd,
    size: u64,
    protection: Protection,
    /// The local name (`CreateFileMapping(..., "name")`), if any.
    name: Option<String>,
    /// The shared-memory name to remove when this process is the last to use it.
    shared: Option<CString>,
    /// This process made the shared object (where the system cannot lock shared memory, the
    /// maker removes the name when it lets go).
    made: bool,
}

impl Drop for Section {
    fn drop(&mut self) {
        if let Some(name) = &self.shared {
            let last = shm::unused_elsewhere(self.fd.as_raw_fd()).unwrap_or(self.made);
            if last {
                let _ = shm::remove(name);
            }
        }
        if let Some(name) = &self.name {
            if let Some(names) = NAMES.lock().as_mut() {
                if names.get(name).is_some_and(|w| w.strong_count() == 0) {
                    names.remove(name);
                }
            }
        }
    }
}

/// Named sections of this process (a file-backed one can only be opened from here).
static NAMES: Mutex<Option<HashMap<String, Weak<Section>>>> = Mutex::new(None);

/// The name without Windows' session prefixes (`Global\`, `Local\`), which name one namespace
/// here.
pub(crate) fn plain(name: &str) -> &str {
    for prefix in ["Global\\", "Local\\"] {
        if name.len() >= prefix.len() && name[..prefix.len()].eq_ignore_ascii_case(prefix) {
            return &name[prefix.len()..];
        }
    }
    name
}

fn local(name: &str) -> Option<Arc<Section>> {
    NAMES.lock().as_ref()?.get(name)?.upgrade()
}

fn remember(section: &Arc<Section>) {
    if let Some(name) = &section.name {
        NAMES
            .lock()
            .get_or_insert_with(HashMap::new)
            .insert(name.clone(), Arc::downgrade(section));
    }
}

fn sys_error(errno: i32) -> crate::error::WsaError {
    err(match errno {
        libc::ENOENT => codes::ERROR_FILE_NOT_FOUND,
        libc::EACCES | libc::EPERM => codes::ERROR_ACCESS_DENIED,
        libc::ENOMEM | libc::ENOSPC | libc::EFBIG | libc::EMFILE | libc::ENFILE => {
            codes::ERROR_NOT_ENOUGH_MEMORY
        }
        _ => codes::ERROR_INVALID_PARAMETER,
    })
}

/// Opens (or, with `create`, makes) the shared object `name`, holding it for this process.
/// Returns it, its size and whether this call made it (a name nobody held counts as made).
fn shared_object(name: &CString, create: Option<u64>) -> WsaResult<(OwnedFd, u64, bool)> {
    // A name can vanish between opening and holding it (its last user was removing it): then
    // the open is tried again.
    for _ in 0..8 {
        let (fd, mut made) = shm::open(name, create.is_some()).map_err(sys_error)?;
        let raw = fd.as_raw_fd();
        if !made && shm::unused_elsewhere(raw) == Ok(true) {
            // Left by a process that ended without letting go of it: gone, as on Windows.
            if create.is_none() {
                let _ = shm::remove(name);
                return Err(err(codes::ERROR_FILE_NOT_FOUND));
            }
            made = true;
            crate::sys::file::truncate(raw, 0).map_err(sys_error)?;
        }
        if let (true, Some(size)) = (made, create) {
            crate::sys::file::truncate(raw, size).map_err(sys_error)?;
        }
        let _ = shm::hold(raw); // not every system locks shared memory: then the name stays
        match shm::open(name, false) {
            Ok((again, _)) if same_object(raw, again.as_raw_fd()) => {
                let size = crate::sys::file::size(raw).map_err(sys_error)?;
                return Ok((fd, size, made));
            }
            _ => continue,
        }
    }
    Err(err(codes::ERROR_ACCESS_DENIED))
}

fn same_object(a: i32, b: i32) -> bool {
    use crate::sys::file_stat::stat;
    matches!((stat(a), stat(b)), (Ok(x), Ok(y)) if x.dev == y.dev && x.ino == y.ino)
}

/// `CreateFileMapping`: a section of `size` bytes (0: the file's size) with the `PAGE_*`
/// protection `protect`. Returns it and whether the name already existed (the existing section
/// is returned, its size unchanged).
pub fn create(
    backing: Backing,
    protect: u32,
    size: u64,
    name: Option<&str>,
) -> WsaResult<(Arc<Section>, bool)> {
    let protection = Protection::from_page(protect)?;
    let name = name.map(plain).filter(|n| !n.is_empty());
    if let Some(existing) = name.and_then(local) {
        return Ok((existing, true));
    }
    let (fd, size, shared, existed) = match backing {
        Backing::PagingFile => {
            if size == 0 {
                return Err(err(codes::ERROR_INVALID_PARAMETER));
            }
            match name {
                None => {
                    let fd = shm::anonymous().map_err(sys_error)?;
                    crate::sys::file::truncate(fd.as_raw_fd(), size).map_err(sys_error)?;
                    (fd, size, None, false)
                }
                Some(n) => {
                    let system = shm::object_name(n);
                    let (fd, size, made) = shared_object(&system, Some(size))?;
                    (fd, size, Some(system), !made)
                }
            }
        }
        Backing::File(file) => {
            let writable = crate::sys::file_stat::writable(file).map_err(sys_error)?;
            if protection.write && !writable {
                return Err(err(codes::ERROR_ACCESS_DENIED));
            }
            let have = crate::sys::file::size(file).map_err(sys_error)?;
            let size = match size {
                0 if have == 0 => return Err(err(ERROR_FILE_INVALID)),
                0 => have,
                s if s > have && !protection.write => {
                    return Err(err(codes::ERROR_NOT_ENOUGH_MEMORY))
                }
                s => {
                    if s > have {
                        crate::sys::file::truncate(file, s).map_err(sys_error)?;
                    }
                    s
                }
            };
            let fd = shm::keep_file(file).map_err(sys_error)?;
            (fd, size, None, false)
        }
    };
    let section = Arc::new(Section {
        fd,
        size,
        protection,
        name: name.map(str::to_owned),
        shared,
        made: !existed,
    });
    remember(&section);
    Ok((section, existed))
}

/// `OpenFileMapping`: the section called `name`, in this process or another.
pub fn open(name: &str) -> WsaResult<Arc<Section>> {
    let name = plain(name);
    if let Some(existing) = local(name) {
        return Ok(existing);
    }
    let system = shm::object_name(name);
    let (fd, size, _) = shared_object(&system, None)?;
    let section = Arc::new(Section {
        fd,
        size,
        // Opened sections take their views' access from the object's descriptor.
        protection: Protection {
            write: true,
            copy: false,
            execute: false,
        },
        name: Some(name.to_owned()),
        shared: Some(system),
        made: false,
    });
    remember(&section);
    Ok(section)
}

struct View {
    len: usize,
    _section: Arc<Section>,
}

/// Views of this process, by base address.
static VIEWS: Mutex<BTreeMap<usize, View>> = Mutex::new(BTreeMap::new());

/// `MapViewOfFileEx`: `len` bytes (0: to the section's end) from `offset` (a multiple of 64
/// KiB), with the `FILE_MAP_*` access `access`, at `at` (0: where the system chooses).
pub fn map_view(
    section: &Arc<Section>,
    access: u32,
    offset: u64,
    len: usize,
    at: usize,
) -> WsaResult<usize> {
    let p = section.protection;
    let view = if access & FILE_MAP_WRITE != 0 {
        if !p.write {
            return Err(err(codes::ERROR_ACCESS_DENIED));
        }
        ViewAccess {
            write: true,
            execute: false,
            private: false,
        }
    } else if access & FILE_MAP_COPY != 0 {
        ViewAccess {
            write: true,
            execute: false,
            private: true,
        }
    } else if access & FILE_MAP_READ != 0 {
        ViewAccess {
            write: false,
            execute: false,
            private: false,
        }
    } else {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    };
    let view = ViewAccess {
        execute: access & FILE_MAP_EXECUTE != 0,
        ..view
    };
    if view.execute && !p.execute {
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    if offset % GRANULARITY != 0 || at as u64 % GRANULARITY != 0 {
        return Err(err(ERROR_MAPPED_ALIGNMENT));
    }
    if offset >= section.size {
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    let rest = section.size - offset;
    let len = match len as u64 {
        0 => usize::try_from(rest).map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?,
        l if l > rest => return Err(err(codes::ERROR_ACCESS_DENIED)),
        _ => len,
    };
    let base = shm::map(section.fd.as_raw_fd(), offset, len, view, at).map_err(|e| match e {
        libc::ENOMEM if at != 0 => err(ERROR_INVALID_ADDRESS),
        libc::EACCES => err(codes::ERROR_ACCESS_DENIED),
        _ => err(codes::ERROR_NOT_ENOUGH_MEMORY),
    })?;
    VIEWS.lock().insert(
        base,
        View {
            len,
            _section: section.clone(),
        },
    );
    Ok(base)
}

/// The view holding `addr`: its base and length.
fn view_at(views: &BTreeMap<usize, View>, addr: usize) -> Option<(usize, usize)> {
    let (&base, view) = views.range(..=addr).next_back()?;
    (addr < base + view.len).then_some((base, view.len))
}

/// `UnmapViewOfFile`: removes the view holding `addr` (its base or any address in it).
pub fn unmap_view(addr: usize) -> WsaResult<()> {
    let mut views = VIEWS.lock();
    let (base, len) = view_at(&views, addr).ok_or(err(ERROR_INVALID_ADDRESS))?;
    shm::unmap(base, len).map_err(|_| err(ERROR_INVALID_ADDRESS))?;
    let view = views.remove(&base);
    drop(views);
    drop(view); // may let go of the section, outside the lock
    Ok(())
}

/// `FlushViewOfFile`: writes `len` bytes from `addr` (0: to the view's end) to the object.
pub fn flush_view(addr: usize, len: usize) -> WsaResult<()> {
    let views = VIEWS.lock();
    let (base, view_len) = view_at(&views, addr).ok_or(err(ERROR_INVALID_ADDRESS))?;
    let end = base + view_len;
    let len = if len == 0 {
        end - addr
    } else {
        len.min(end - addr)
    };
    shm::flush(addr, len).map_err(|_| err(ERROR_INVALID_ADDRESS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protections_follow_page_values() {
        assert!(Protection::from_page(0x04).unwrap().write);
        assert!(Protection::from_page(0x0800_0004).is_ok(), "SEC_COMMIT");
        assert!(Protection::from_page(0x01).is_err(), "PAGE_NOACCESS");
        assert!(Protection::from_page(0x0100_0002).is_err(), "SEC_IMAGE");
    }

    #[test]
    fn session_prefixes_name_one_namespace() {
        assert_eq!(plain("Global\\feed"), "feed");
        assert_eq!(plain("local\\feed"), "feed");
        assert_eq!(plain("feed"), "feed");
    }

    #[test]
    fn views_cover_their_range_and_go_once() {
        let (s, existed) = create(Backing::PagingFile, 0x04, 100_000, None).unwrap();
        assert!(!existed);
        let a = map_view(&s, FILE_MAP_WRITE, 0, 0, 0).unwrap();
        let b = map_view(&s, FILE_MAP_READ, GRANULARITY, 0, 0).unwrap();
        assert_eq!(
            view_at(&VIEWS.lock(), a + 99_999).map(|v| v.1),
            Some(100_000)
        );
        assert_eq!(
            view_at(&VIEWS.lock(), b).map(|v| v.1),
            Some(100_000 - 65_536)
        );
        assert_eq!(
            map_view(&s, FILE_MAP_READ, 1, 0, 0).err(),
            Some(err(ERROR_MAPPED_ALIGNMENT))
        );
        assert_eq!(
            map_view(&s, FILE_MAP_READ, 0, 100_001, 0).err(),
            Some(err(codes::ERROR_ACCESS_DENIED))
        );
        unmap_view(a + 10).unwrap();
        unmap_view(b).unwrap();
        assert_eq!(unmap_view(a).err(), Some(err(ERROR_INVALID_ADDRESS)));
    }
}
