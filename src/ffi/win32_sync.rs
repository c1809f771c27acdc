//! Win32 synchronisation objects: events (`CreateEvent`, `OpenEvent`, `SetEvent`,
//! `ResetEvent`, `PulseEvent`), mutexes (`CreateMutex`, `OpenMutex`, `ReleaseMutex`) and semaphores
//! (`CreateSemaphore`, `OpenSemaphore`, `ReleaseSemaphore`). Wait on them with
//! `WaitForSingleObject` / `WaitForMultipleObjects` / `WSAWaitForMultipleEvents`; close them with
//! `CloseHandle`. A named object is shared with every process that uses the name
//! (`crate::handle::shared`); `Global\` and `Local\` name the same object.

use super::call;
use crate::error::{set_last_error, WsaResult};
use crate::handle::shared::{self, Init, Want};
use crate::handle::{codes, err, section, sync, table, Kind, Object};
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

/// Longest name read (Windows' limit for object names is `MAX_PATH`; this is a safety cap).
const NAME_CAP: usize = 32768;

/// A narrow (`A`) name argument; NULL → None.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string.
pub(crate) unsafe fn name_a(name: *const c_char) -> Option<String> {
    if name.is_null() {
        return None;
    }
    let mut len = 0;
    // SAFETY: caller guarantee: readable up to its NUL.
    while len < NAME_CAP && unsafe { *name.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` bytes were just read.
    let bytes = unsafe { std::slice::from_raw_parts(name.cast::<u8>(), len) };
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// A wide (`W`, UTF-16) name argument; NULL → None.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated UTF-16 string.
pub(crate) unsafe fn name_w(name: *const u16) -> Option<String> {
    if name.is_null() {
        return None;
    }
    let mut len = 0;
    // SAFETY: caller guarantee: readable up to its NUL.
    while len < NAME_CAP && unsafe { *name.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` units were just read.
    let units = unsafe { std::slice::from_raw_parts(name, len) };
    Some(String::from_utf16_lossy(units))
}

/// Creates an object, named or not. For an existing name the object is opened instead and the
/// last error is `ERROR_ALREADY_EXISTS` (also on success, as on Windows); otherwise it is 0.
pub(super) fn create(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    make: impl FnOnce(Option<String>) -> WsaResult<Arc<Object>>,
) -> WsaResult<*mut c_void> {
    create_with(name, same_kind, |n| {
        make(n.map(str::to_string)).map(|o| (o, false))
    })
}

/// [`create`]'s rules, `Global\` and `Local\` dropped from the name. `make` makes the object:
/// unnamed (None), or named when this process has no object of that name (and tells whether
/// another process had it: `ERROR_ALREADY_EXISTS` too).
fn create_with(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    make: impl FnOnce(Option<&str>) -> WsaResult<(Arc<Object>, bool)>,
) -> WsaResult<*mut c_void> {
    let name = name.map(|n| section::plain(&n).to_string());
    let (handle, existed) = match name.filter(|n| !n.is_empty()) {
        None => (table::insert(make(None)?.0, false)?, false),
        Some(n) => table::create_named(&n, same_kind, || make(Some(&n)))?,
    };
    set_last_error(if existed {
        codes::ERROR_ALREADY_EXISTS
    } else {
        0
    });
    Ok(handle as *mut c_void)
}

/// Opens a named object of this process (`access` as [`open_with`]).
pub(super) fn open(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    access: u32,
) -> WsaResult<*mut c_void> {
    open_with(name, same_kind, access, |_| {
        Err(err(codes::ERROR_FILE_NOT_FOUND))
    })
}

/// Opens a named object of this process, or (`elsewhere`) of another; `Global\` and `Local\`
/// are dropped from the name. Access rights are not enforced, except that asking for none
/// (`access` 0) is refused with `ERROR_ACCESS_DENIED` once the name is found, as Windows'
/// access check refuses an empty request (a missing name is still `ERROR_FILE_NOT_FOUND`).
fn open_with(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    access: u32,
    elsewhere: impl FnOnce(&str) -> WsaResult<Arc<Object>>,
) -> WsaResult<*mut c_void> {
    let name = name.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
    let name = section::plain(&name).to_string();
    let handle = table::open_named(&name, same_kind, || elsewhere(&name))?;
    if access == 0 {
        // The handle was only opened to find the object: nothing else holds it yet.
        let _ = table::close(handle);
        return Err(err(codes::ERROR_ACCESS_DENIED));
    }
    Ok(handle as *mut c_void)
}

/// Creates an event, mutex or semaphore: unnamed, a local object made by `make`; named, the
/// object shared with other processes (`crate::handle::shared`), opened if a process holds it
/// (then the last error is `ERROR_ALREADY_EXISTS`, else 0). `made` runs on an object this call
/// made.
fn create_shared(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    init: Init,
    make: impl FnOnce() -> WsaResult<Arc<Object>>,
    made: impl FnOnce(&Arc<Object>),
) -> WsaResult<*mut c_void> {
    create_with(name, same_kind, |n| match n {
        None => Ok((make()?, false)),
        Some(n) => {
            let (object, existed) = shared::create(n, init)?;
            if !existed {
                made(&object);
            }
            Ok((object, existed))
        }
    })
}

/// Opens a named event, mutex or semaphore, of this process or another.
fn open_shared(
    name: Option<String>,
    same_kind: fn(&Kind) -> bool,
    access: u32,
    want: Want,
) -> WsaResult<*mut c_void> {
    open_with(name, same_kind, access, |n| shared::open(n, want))
}

fn event(manual: i32, initial: i32, name: Option<String>) -> WsaResult<*mut c_void> {
    let init = Init::Event {
        auto_reset: manual == 0,
        signalled: initial != 0,
    };
    create_shared(
        name,
        is_event,
        init,
        || new_event(manual, initial, None),
        |_| {},
    )
}

fn mutex(initial_owner: bool, name: Option<String>) -> WsaResult<*mut c_void> {
    create_shared(
        name,
        is_mutex,
        Init::Mutex,
        || sync::new_mutex(initial_owner, None),
        |object| {
            if initial_owner && object.try_acquire().is_some() {
                sync::note_owned(object);
            }
        },
    )
}

fn semaphore(initial: i32, max: i32, name: Option<String>) -> WsaResult<*mut c_void> {
    if max <= 0 || initial < 0 || initial > max {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    create_shared(
        name,
        is_semaphore,
        Init::Semaphore { initial, max },
        || sync::new_semaphore(initial, max, None),
        |_| {},
    )
}

fn is_event(k: &Kind) -> bool {
    matches!(k, Kind::Event { .. })
}

fn is_mutex(k: &Kind) -> bool {
    matches!(k, Kind::Mutex(_))
}

fn is_semaphore(k: &Kind) -> bool {
    matches!(k, Kind::Semaphore(_))
}

fn new_event(manual: i32, initial: i32, name: Option<String>) -> WsaResult<Arc<Object>> {
    Object::new(
        Kind::Event {
            auto_reset: manual == 0,
        },
        name,
        initial != 0,
    )
}

/// Creates an event: manual-reset (`bManualReset` TRUE: stays signalled until `ResetEvent`) or
/// auto-reset (the wait that takes the signal resets it), initially signalled or not. The same
/// objects as `WSACreateEvent`: sockets can be selected to them with `WSAEventSelect`.
/// `lpEventAttributes` is ignored. A named event is shared with every process that uses the
/// name (`Global\` and `Local\` name the same one). With a name already in use (in any
/// process), the existing event is opened (its reset mode and state unchanged) and the last
/// error is `ERROR_ALREADY_EXISTS`.
///
/// Returns the handle, or NULL with `ERROR_INVALID_HANDLE` (the name belongs to a mutex or
/// semaphore) or `ERROR_NOT_ENOUGH_MEMORY`.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateEventA(
    lpEventAttributes: *mut c_void,
    bManualReset: i32,
    bInitialState: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = lpEventAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpName) };
        event(bManualReset, bInitialState, name)
    })
}

/// `CreateEventA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateEventW(
    lpEventAttributes: *mut c_void,
    bManualReset: i32,
    bInitialState: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = lpEventAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpName) };
        event(bManualReset, bInitialState, name)
    })
}

/// Opens a new handle to the named event. Returns NULL with `ERROR_FILE_NOT_FOUND` (no such
/// name), `ERROR_INVALID_HANDLE` (the name is a mutex's or semaphore's) or
/// `ERROR_INVALID_PARAMETER` (NULL name) or `ERROR_ACCESS_DENIED` (`dwDesiredAccess` 0). Other
/// access rights and inheritance are ignored.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn OpenEventA(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_a(lpName) },
            is_event,
            dwDesiredAccess,
            Want::Event,
        )
    })
}

/// `OpenEventA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn OpenEventW(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_w(lpName) },
            is_event,
            dwDesiredAccess,
            Want::Event,
        )
    })
}

/// Signals an event (an auto-reset event releases one waiter, or stays signalled until one
/// comes). Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not an event handle).
#[no_mangle]
pub extern "C" fn SetEvent(hEvent: *mut c_void) -> i32 {
    call(0, || {
        crate::handle::events::set(hEvent as usize)?;
        Ok(1)
    })
}

/// Resets an event to not signalled. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn ResetEvent(hEvent: *mut c_void) -> i32 {
    call(0, || {
        crate::handle::events::reset(hEvent as usize)?;
        Ok(1)
    })
}

/// Releases the threads waiting on an event now, then leaves it not signalled: all of them
/// for a manual-reset event, one for an auto-reset event; with nobody waiting it only resets
/// the event. Returns TRUE, or FALSE with `ERROR_INVALID_HANDLE` (not an event handle).
///
/// Differences (Microsoft calls `PulseEvent` unreliable and keeps it for compatibility): the
/// event is reset when the last of the threads waiting at the pulse has left its wait, so a
/// thread that starts waiting in that instant may be released too; a thread in a wait-all
/// (`bWaitAll` TRUE) is not counted and may miss the pulse, as a thread can on Windows.
#[no_mangle]
pub extern "C" fn PulseEvent(hEvent: *mut c_void) -> i32 {
    call(0, || {
        crate::handle::events::pulse(hEvent as usize)?;
        Ok(1)
    })
}

/// Creates a mutex, owned by the calling thread if `bInitialOwner`. A mutex is owned
/// recursively (each wait that takes it needs one `ReleaseMutex`); if its owner thread ends
/// without releasing it, the next wait takes it with `WAIT_ABANDONED`; so does a named mutex
/// whose owner process ends. Names work as for `CreateEventA` (an existing mutex is opened, not
/// taken, with `ERROR_ALREADY_EXISTS`).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateMutexA(
    lpMutexAttributes: *mut c_void,
    bInitialOwner: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = lpMutexAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpName) };
        mutex(bInitialOwner != 0, name)
    })
}

/// `CreateMutexA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateMutexW(
    lpMutexAttributes: *mut c_void,
    bInitialOwner: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = lpMutexAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpName) };
        mutex(bInitialOwner != 0, name)
    })
}

/// Opens a new handle to the named mutex (errors as `OpenEventA`).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn OpenMutexA(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_a(lpName) },
            is_mutex,
            dwDesiredAccess,
            Want::Mutex,
        )
    })
}

/// `OpenMutexA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn OpenMutexW(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_w(lpName) },
            is_mutex,
            dwDesiredAccess,
            Want::Mutex,
        )
    })
}

/// Releases one level of ownership of a mutex. Returns TRUE, or FALSE with `ERROR_NOT_OWNER`
/// (the caller does not own it) or `ERROR_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn ReleaseMutex(hMutex: *mut c_void) -> i32 {
    call(0, || {
        sync::release_mutex(&*table::get(hMutex as usize)?)?;
        Ok(1)
    })
}

/// Creates a semaphore with `lInitialCount` of at most `lMaximumCount`. Each wait that takes
/// it decrements the count; it is signalled while the count is above zero. Names work as for
/// `CreateEventA`. Returns NULL with `ERROR_INVALID_PARAMETER` (maximum ≤ 0, initial count
/// outside 0..=maximum).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn CreateSemaphoreA(
    lpSemaphoreAttributes: *mut c_void,
    lInitialCount: i32,
    lMaximumCount: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = lpSemaphoreAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_a(lpName) };
        semaphore(lInitialCount, lMaximumCount, name)
    })
}

/// `CreateSemaphoreA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn CreateSemaphoreW(
    lpSemaphoreAttributes: *mut c_void,
    lInitialCount: i32,
    lMaximumCount: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = lpSemaphoreAttributes;
    call(std::ptr::null_mut(), || {
        // SAFETY: caller guarantee.
        let name = unsafe { name_w(lpName) };
        semaphore(lInitialCount, lMaximumCount, name)
    })
}

/// Opens a new handle to the named semaphore (errors as `OpenEventA`).
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn OpenSemaphoreA(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const c_char,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_a(lpName) },
            is_semaphore,
            dwDesiredAccess,
            Want::Semaphore,
        )
    })
}

/// `OpenSemaphoreA` with a UTF-16 name.
///
/// # Safety
/// `lpName` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn OpenSemaphoreW(
    dwDesiredAccess: u32,
    bInheritHandle: i32,
    lpName: *const u16,
) -> *mut c_void {
    let _ = bInheritHandle;
    // SAFETY: caller guarantee.
    call(std::ptr::null_mut(), || {
        open_shared(
            unsafe { name_w(lpName) },
            is_semaphore,
            dwDesiredAccess,
            Want::Semaphore,
        )
    })
}

/// Adds `lReleaseCount` to a semaphore's count and writes the previous count to
/// `lpPreviousCount` (if not NULL). Returns TRUE, or FALSE with `ERROR_TOO_MANY_POSTS` (the
/// count would pass the maximum; nothing changes), `ERROR_INVALID_PARAMETER` (count ≤ 0) or
/// `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `lpPreviousCount` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ReleaseSemaphore(
    hSemaphore: *mut c_void,
    lReleaseCount: i32,
    lpPreviousCount: *mut i32,
) -> i32 {
    call(0, || {
        let prev = sync::release_semaphore(&*table::get(hSemaphore as usize)?, lReleaseCount)?;
        // SAFETY: caller guarantee.
        if let Some(out) = unsafe { lpPreviousCount.as_mut() } {
            *out = prev;
        }
        Ok(1)
    })
}
