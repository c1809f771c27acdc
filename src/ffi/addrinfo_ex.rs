//! `GetAddrInfoExA` / `GetAddrInfoExW` (synchronous, and `GetAddrInfoExW`'s asynchronous form
//! with an `OVERLAPPED`), `GetAddrInfoExCancel`, `GetAddrInfoExOverlappedResult`,
//! `FreeAddrInfoEx` / `FreeAddrInfoExW`. The lookup is `getaddrinfo`'s
//! (`names::addrinfo::lookup`); an asynchronous one runs on a thread of its own.

use super::names::{hints_arg, text, wide};
use super::types::WSAOVERLAPPED;
use super::{addrinfo_lists, call, write_out};
use crate::error::{set_last_error, WsaError, WsaResult};
use crate::names::addrinfo::{self, Answer};
use crate::names::types::{addrinfoexA, addrinfoexW};
use std::collections::HashMap;
use std::os::raw::{c_char, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// `LPLOOKUPSERVICE_COMPLETION_ROUTINE`: `GetAddrInfoExW`'s completion routine (the error,
/// 0 bytes, the `OVERLAPPED`).
pub type LPLOOKUPSERVICE_COMPLETION_ROUTINE =
    Option<unsafe extern "C" fn(dwError: u32, dwBytes: u32, lpOverlapped: *mut WSAOVERLAPPED)>;

/// The name spaces a lookup may name: `NS_ALL`, `NS_TCPIP_LOCAL`, `NS_TCPIP_HOSTS`, `NS_DNS`
/// (all served by the system resolver).
const NAME_SPACES: [u32; 4] = [0, 10, 11, 12];

/// `OVERLAPPED`'s fields as `GetAddrInfoExW` uses them: `Internal` holds the Winsock result
/// (`WSAEINPROGRESS` while pending), `Pointer` the result pointer's address, `hEvent`.
const OV_INTERNAL: usize = 0;
const OV_POINTER: usize = 16;
const OV_EVENT: usize = 24;

fn read_word(ov: usize, at: usize) -> WsaResult<usize> {
    let mut b = [0u8; 8];
    crate::sys::copy_from_user((ov + at) as *const u8, &mut b).map_err(|_| WsaError::WSAEFAULT)?;
    Ok(usize::from_ne_bytes(b))
}

fn write_word(ov: usize, at: usize, v: usize) -> WsaResult<()> {
    crate::sys::copy_to_user((ov + at) as *mut u8, &v.to_ne_bytes())
        .map_err(|_| WsaError::WSAEFAULT)
}

/// The lookup's arguments after the common checks: node, service, hints.
type Query = (Option<String>, Option<String>, Option<addrinfo::Hints>);

/// The asynchronous arguments: the `OVERLAPPED`, the completion routine, the handle's place.
#[derive(Clone, Copy)]
struct Completion {
    ov: *mut WSAOVERLAPPED,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    handle: *mut *mut c_void,
}

/// How a form (ANSI, UTF-16) makes its list of an answer and frees it.
#[derive(Clone, Copy)]
struct Lists {
    build: fn(&Answer) -> usize,
    free: fn(usize),
}

/// One asynchronous lookup.
struct Job {
    id: u64,
    ov: usize,
    result: usize,
    event: usize,
    routine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    finished: AtomicBool,
}

/// The asynchronous lookups not finished yet, by the handle given to the program.
static JOBS: Mutex<Option<HashMap<u64, Arc<Job>>>> = Mutex::new(None);
static NEXT_JOB: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn jobs() -> std::sync::MutexGuard<'static, Option<HashMap<u64, Arc<Job>>>> {
    JOBS.lock().unwrap_or_else(|p| p.into_inner())
}

impl Job {
    /// Takes the right to complete the lookup (once): false when it finished already.
    fn claim(&self) -> bool {
        if self.finished.swap(true, Ordering::SeqCst) {
            return false;
        }
        if let Some(map) = jobs().as_mut() {
            map.remove(&self.id);
        }
        true
    }

    /// Completes a claimed lookup: the list (made by the form's `build`) into the program's
    /// result pointer, the code into `Internal`, then the completion routine (on this thread)
    /// or the event.
    fn complete(&self, outcome: WsaResult<usize>, free: fn(usize)) {
        let code = match outcome {
            Ok(list) => {
                if write_word(self.result, 0, list).is_err() {
                    free(list);
                }
                0
            }
            Err(e) => e.0,
        };
        let _ = write_word(self.ov, OV_INTERNAL, code as u32 as usize);
        match self.routine {
            // SAFETY: the program's completion routine, called as Windows calls it (the
            // error, 0 bytes, the OVERLAPPED), on a thread that is not the program's.
            Some(f) => unsafe { f(code as u32, 0, self.ov as *mut WSAOVERLAPPED) },
            None if self.event != 0 => {
                super::win32_sync::SetEvent(self.event as *mut c_void);
            }
            None => {}
        }
    }

    /// Completes the lookup unless it finished already (then a list is freed).
    fn finish(&self, outcome: WsaResult<usize>, free: fn(usize)) {
        if self.claim() {
            self.complete(outcome, free);
        } else if let Ok(list) = outcome {
            free(list);
        }
    }
}

/// Starts an asynchronous lookup: checks the `OVERLAPPED`, marks it in progress, lists the
/// job, writes its handle and runs the lookup (and the timeout) on threads of their own.
fn start_async(
    query: Query,
    result: usize,
    timeout: Option<Duration>,
    completion: Completion,
    lists: Lists,
) -> WsaResult<()> {
    let Lists { build, free } = lists;
    let Completion {
        ov,
        routine,
        handle,
    } = completion;
    let ov = ov as usize;
    let event = read_word(ov, OV_EVENT)?;
    // Windows refuses an event together with a completion routine (observed).
    if routine.is_some() && event != 0 {
        return Err(WsaError::WSAEINVAL);
    }
    write_word(ov, OV_INTERNAL, WsaError::WSAEINPROGRESS.0 as usize)?;
    write_word(ov, OV_POINTER, result)?;
    let id = NEXT_JOB.fetch_add(1, Ordering::Relaxed);
    if !handle.is_null() {
        write_out(handle.cast::<usize>(), id as usize)?;
    }
    let job = Arc::new(Job {
        id,
        ov,
        result,
        event,
        routine,
        finished: AtomicBool::new(false),
    });
    jobs()
        .get_or_insert_with(HashMap::new)
        .insert(id, job.clone());
    if let Some(t) = timeout {
        // The timer starts first: a lookup ends at its time however soon the answer follows.
        let timer = job.clone();
        let _ = std::thread::Builder::new()
            .name("ws2mp-getaddrinfoex-timeout".into())
            .spawn(move || {
                std::thread::sleep(t);
                timer.finish(Err(WsaError::WSAETIMEDOUT), free);
            });
    }
    let worker = job.clone();
    let spawned = std::thread::Builder::new()
        .name("ws2mp-getaddrinfoex".into())
        .spawn(move || {
            let (node, service, hints) = query;
            let outcome =
                addrinfo::lookup(node.as_deref(), service.as_deref(), hints).map(|a| build(&a));
            worker.finish(outcome, free);
        });
    // Without a thread for the lookup the call fails, unless the timer completed it already.
    if spawned.is_err() && job.claim() {
        return Err(WsaError::WSA_NOT_ENOUGH_MEMORY);
    }
    Ok(())
}

/// The checks and the work both forms share; `query` reads the strings and hints.
fn get_addr_info_ex(
    name_space: u32,
    result: *mut usize,
    timeout: *mut libc::timeval,
    completion: Completion,
    query: impl FnOnce() -> WsaResult<Query>,
    lists: Lists,
) -> i32 {
    let Lists { build, free } = lists;
    let ov = completion.ov;
    let code = call(WsaError::WSANO_RECOVERY.0, || {
        let r = (|| -> WsaResult<()> {
            crate::runtime::check()?;
            if result.is_null() || !NAME_SPACES.contains(&name_space) {
                return Err(WsaError::WSAEINVAL);
            }
            write_out(result, 0)?;
            // A timeout is for an asynchronous lookup only (Windows: WSAEINVAL otherwise).
            if !timeout.is_null() && ov.is_null() {
                return Err(WsaError::WSAEINVAL);
            }
            let q = query()?;
            if q.0.is_none() && q.1.is_none() {
                return Err(WsaError::WSAHOST_NOT_FOUND);
            }
            if ov.is_null() {
                let answer = addrinfo::lookup(q.0.as_deref(), q.1.as_deref(), q.2)?;
                let list = build(&answer);
                if let Err(e) = write_out(result, list) {
                    free(list);
                    return Err(e);
                }
                return Ok(());
            }
            let limit = if timeout.is_null() {
                None
            } else {
                let tv = super::read_in(timeout.cast_const())?;
                let ms = (tv.tv_sec.max(0) as u64)
                    .saturating_mul(1000)
                    .saturating_add(tv.tv_usec.max(0) as u64 / 1000);
                Some(Duration::from_millis(ms))
            };
            start_async(q, result as usize, limit, completion, lists)?;
            Err(WsaError::WSA_IO_PENDING)
        })();
        Ok(r.err().map_or(0, |e| e.0))
    });
    set_last_error(code);
    code
}

fn build_a(a: &Answer) -> usize {
    addrinfo_lists::list_ex(a) as usize
}

fn build_w(a: &Answer) -> usize {
    addrinfo_lists::list_ex_w(a) as usize
}

fn free_a(list: usize) {
    // SAFETY: a list `build_a` made, freed once.
    unsafe { addrinfo_lists::free_list_ex(list as *mut addrinfoexA) }
}

fn free_w(list: usize) {
    // SAFETY: a list `build_w` made, freed once.
    unsafe { addrinfo_lists::free_list_ex_w(list as *mut addrinfoexW) }
}

/// Resolves a host and service as `getaddrinfo` does, into an `ADDRINFOEXA` list (free it with
/// `FreeAddrInfoEx`): `ai_blob` and `ai_provider` NULL, `ai_bloblen` 0. `dwNameSpace` is
/// `NS_ALL`, `NS_DNS`, `NS_TCPIP_LOCAL` or `NS_TCPIP_HOSTS` (all the system resolver);
/// `lpNspId` is not consulted. Only the synchronous form: `lpOverlapped` must be NULL, as
/// Windows documents for the ANSI function (`WSAEINVAL`), and so must `timeout`. Returns 0 or
/// the error, also the last error: `getaddrinfo`'s (`WSAHOST_NOT_FOUND` for an unknown name or
/// NULL name and service, `WSATRY_AGAIN`, ...), `WSAEINVAL` for a NULL `ppResult` or another
/// name space.
///
/// # Safety
/// Strings NULL or NUL-terminated; `hints` NULL or a valid ADDRINFOEXA; `ppResult` writable.
#[no_mangle]
pub unsafe extern "C" fn GetAddrInfoExA(
    pName: *const c_char,
    pServiceName: *const c_char,
    dwNameSpace: u32,
    lpNspId: *mut c_void,
    hints: *const addrinfoexA,
    ppResult: *mut *mut addrinfoexA,
    timeout: *mut libc::timeval,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    lpNameHandle: *mut *mut c_void,
) -> i32 {
    let _ = lpNspId;
    if !lpOverlapped.is_null() {
        set_last_error(WsaError::WSAEINVAL.0);
        return WsaError::WSAEINVAL.0;
    }
    get_addr_info_ex(
        dwNameSpace,
        ppResult.cast(),
        timeout,
        Completion {
            ov: lpOverlapped,
            routine: lpCompletionRoutine,
            handle: lpNameHandle,
        },
        || {
            let hints = hints_arg(hints.cast())?;
            let node = text(pName)?.map(|n| n.to_string_lossy().into_owned());
            let service = text(pServiceName)?.map(|s| s.to_string_lossy().into_owned());
            Ok((node, service, hints))
        },
        Lists {
            build: build_a,
            free: free_a,
        },
    )
}

/// The UTF-16 `GetAddrInfoExA`, into an `ADDRINFOEXW` list (free it with `FreeAddrInfoExW`),
/// also asynchronous: with `lpOverlapped` the call returns `WSA_IO_PENDING` (also the last
/// error) and the lookup runs on a ws2mp thread; `*ppResult` is NULL until it finishes, the
/// `OVERLAPPED`'s `Internal` is `WSAEINPROGRESS` until then and the result code after, its
/// `Pointer` is `ppResult`. At the end the completion routine runs on that thread with the
/// code, 0 bytes and the `OVERLAPPED` (not as an APC: Windows calls it from a thread of its
/// own too), or else `hEvent` is set; both together are `WSAEINVAL`. `timeout` (only with
/// `lpOverlapped`; `WSAEINVAL` without) ends a lookup still running with `WSAETIMEDOUT`.
/// `*lpHandle` (if not NULL) receives the handle for `GetAddrInfoExCancel`.
///
/// # Safety
/// As `GetAddrInfoExA`, with UTF-16 strings; `lpOverlapped` and `ppResult` valid until the
/// lookup finishes.
#[no_mangle]
pub unsafe extern "C" fn GetAddrInfoExW(
    pName: *const u16,
    pServiceName: *const u16,
    dwNameSpace: u32,
    lpNspId: *mut c_void,
    hints: *const addrinfoexW,
    ppResult: *mut *mut addrinfoexW,
    timeout: *mut libc::timeval,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPLOOKUPSERVICE_COMPLETION_ROUTINE,
    lpHandle: *mut *mut c_void,
) -> i32 {
    let _ = lpNspId;
    get_addr_info_ex(
        dwNameSpace,
        ppResult.cast(),
        timeout,
        Completion {
            ov: lpOverlapped,
            routine: lpCompletionRoutine,
            handle: lpHandle,
        },
        || {
            let hints = hints_arg(hints.cast())?;
            let node = wide(pName)?
                .transpose()
                .map_err(|()| WsaError::WSAHOST_NOT_FOUND)?;
            let service = wide(pServiceName)?
                .transpose()
                .map_err(|()| WsaError::WSATYPE_NOT_FOUND)?;
            Ok((node, service, hints))
        },
        Lists {
            build: build_w,
            free: free_w,
        },
    )
}

/// Cancels the asynchronous `GetAddrInfoExW` whose handle `*lpHandle` holds: it completes at
/// once with `WSA_E_CANCELLED` and no result (the completion routine runs, on a ws2mp thread,
/// or the event is set). Returns 0, or `WSA_INVALID_HANDLE` (also the last error) when the
/// lookup already finished or the handle is unknown or NULL. The system lookup itself runs on
/// to its end; its answer is dropped.
///
/// # Safety
/// `lpHandle` NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn GetAddrInfoExCancel(lpHandle: *mut *mut c_void) -> i32 {
    let code = call(WsaError::WSA_INVALID_HANDLE.0, || {
        if lpHandle.is_null() {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
        let id = super::read_in(lpHandle.cast::<usize>().cast_const())? as u64;
        let job = jobs().as_ref().and_then(|m| m.get(&id).cloned());
        let Some(job) = job else {
            return Err(WsaError::WSA_INVALID_HANDLE);
        };
        if !job.claim() {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
        // The completion runs now, on a thread of its own (the canceller may hold locks the
        // routine takes).
        std::thread::Builder::new()
            .name("ws2mp-getaddrinfoex-cancel".into())
            .spawn(move || job.complete(Err(WsaError::WSA_E_CANCELLED), free_a))
            .map_err(|_| WsaError::WSA_NOT_ENOUGH_MEMORY)?;
        Ok(0)
    });
    if code != 0 {
        set_last_error(code);
    }
    code
}

/// The result of an asynchronous `GetAddrInfoExW`: `WSAEINPROGRESS` while it runs, then 0 or
/// its error (the `OVERLAPPED`'s `Internal`). `WSAEINVAL` for a NULL `lpOverlapped`.
///
/// # Safety
/// `lpOverlapped` NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn GetAddrInfoExOverlappedResult(lpOverlapped: *mut WSAOVERLAPPED) -> i32 {
    if lpOverlapped.is_null() {
        return WsaError::WSAEINVAL.0;
    }
    match read_word(lpOverlapped as usize, OV_INTERNAL) {
        Ok(v) => v as u32 as i32,
        Err(e) => e.0,
    }
}

/// Frees an `ADDRINFOEXA` list `GetAddrInfoExA` returned. NULL is ignored.
///
/// # Safety
/// `pAddrInfoEx` NULL or a list from `GetAddrInfoExA` not freed yet.
#[no_mangle]
pub unsafe extern "C" fn FreeAddrInfoEx(pAddrInfoEx: *mut addrinfoexA) {
    call((), || {
        free_a(pAddrInfoEx as usize);
        Ok(())
    })
}

/// Frees an `ADDRINFOEXW` list `GetAddrInfoExW` returned. NULL is ignored.
///
/// # Safety
/// `pAddrInfoEx` NULL or a list from `GetAddrInfoExW` not freed yet.
#[no_mangle]
pub unsafe extern "C" fn FreeAddrInfoExW(pAddrInfoEx: *mut addrinfoexW) {
    call((), || {
        free_w(pAddrInfoEx as usize);
        Ok(())
    })
}
