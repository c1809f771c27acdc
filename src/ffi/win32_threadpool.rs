//! The thread pool of Windows Vista and later (`<threadpoolapiset.h>`): work objects, timers,
//! waits, I/O objects, private pools, cleanup groups and the callback-instance calls; and the
//! older `BindIoCompletionCallback` (`<winbase.h>`). The pool itself is `crate::pool`; this
//! layer reads the program's `TP_CALLBACK_ENVIRON` and binds its callbacks to their contexts.
//!
//! The `PTP_*` handles are opaque pointers the program only passes back (`struct _TP_WORK *`
//! and so on, as Windows declares them); `include/compat/threadpoolapiset.h` gives the
//! typedefs and the environment's inline helpers.

use super::call;
use super::overlapped::socket_handle;
use super::types::WSAOVERLAPPED;
use super::win32_critical::{ws2mp_critical_section, LeaveCriticalSection};
use super::win32_sync::{ReleaseMutex, ReleaseSemaphore, SetEvent};
use crate::handle::{codes, err};
use crate::pool::{self, CancelCallback, Fire, Group, ItemKind};
use std::os::raw::c_void;
use std::sync::Arc;

/// `TP_CALLBACK_INSTANCE`: what a running callback is given (opaque).
pub struct _TP_CALLBACK_INSTANCE {
    _opaque: [u8; 0],
}
/// `TP_WORK`: a work object (opaque).
pub struct _TP_WORK {
    _opaque: [u8; 0],
}
/// `TP_TIMER`: a timer object (opaque).
pub struct _TP_TIMER {
    _opaque: [u8; 0],
}
/// `TP_WAIT`: a wait object (opaque).
pub struct _TP_WAIT {
    _opaque: [u8; 0],
}
/// `TP_IO`: an I/O completion object (opaque).
pub struct _TP_IO {
    _opaque: [u8; 0],
}
/// `TP_POOL`: a pool (opaque).
pub struct _TP_POOL {
    _opaque: [u8; 0],
}
/// `TP_CLEANUP_GROUP`: a cleanup group (opaque).
pub struct _TP_CLEANUP_GROUP {
    _opaque: [u8; 0],
}
/// `TP_CALLBACK_ENVIRON` (`TP_CALLBACK_ENVIRON_V3`): defined in full by
/// `<threadpoolapiset.h>`, with Windows' fields and inline helpers.
pub struct _TP_CALLBACK_ENVIRON_V3 {
    _opaque: [u8; 0],
}

/// `PTP_WORK_CALLBACK`: `VOID CALLBACK f(PTP_CALLBACK_INSTANCE, PVOID Context, PTP_WORK)`.
pub type PTP_WORK_CALLBACK =
    Option<unsafe extern "C" fn(*mut _TP_CALLBACK_INSTANCE, *mut c_void, *mut _TP_WORK)>;
/// `PTP_SIMPLE_CALLBACK`: `VOID CALLBACK f(PTP_CALLBACK_INSTANCE, PVOID Context)`.
pub type PTP_SIMPLE_CALLBACK =
    Option<unsafe extern "C" fn(*mut _TP_CALLBACK_INSTANCE, *mut c_void)>;
/// `PTP_TIMER_CALLBACK`: `VOID CALLBACK f(PTP_CALLBACK_INSTANCE, PVOID Context, PTP_TIMER)`.
pub type PTP_TIMER_CALLBACK =
    Option<unsafe extern "C" fn(*mut _TP_CALLBACK_INSTANCE, *mut c_void, *mut _TP_TIMER)>;
/// `PTP_WAIT_CALLBACK`: `VOID CALLBACK f(PTP_CALLBACK_INSTANCE, PVOID Context, PTP_WAIT,
/// TP_WAIT_RESULT WaitResult)` (`WAIT_OBJECT_0` or `WAIT_TIMEOUT`).
pub type PTP_WAIT_CALLBACK =
    Option<unsafe extern "C" fn(*mut _TP_CALLBACK_INSTANCE, *mut c_void, *mut _TP_WAIT, u32)>;
/// `PTP_WIN32_IO_CALLBACK`: `VOID CALLBACK f(PTP_CALLBACK_INSTANCE, PVOID Context,
/// PVOID Overlapped, ULONG IoResult, ULONG_PTR NumberOfBytesTransferred, PTP_IO)`; `IoResult`
/// is a Win32 error code (0: success).
pub type PTP_WIN32_IO_CALLBACK = Option<
    unsafe extern "C" fn(
        *mut _TP_CALLBACK_INSTANCE,
        *mut c_void,
        *mut c_void,
        u32,
        usize,
        *mut _TP_IO,
    ),
>;
/// `PTP_CLEANUP_GROUP_CANCEL_CALLBACK`: `VOID CALLBACK f(PVOID ObjectContext,
/// PVOID CleanupContext)`.
pub type PTP_CLEANUP_GROUP_CANCEL_CALLBACK = Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>;

/// The first fields of `TP_CALLBACK_ENVIRON` (versions 1 and 3 share them).
#[repr(C)]
pub(crate) struct Environ {
    version: u32,
    pool: *mut _TP_POOL,
    cleanup_group: *mut _TP_CLEANUP_GROUP,
    cleanup_group_cancel_callback: PTP_CLEANUP_GROUP_CANCEL_CALLBACK,
    race_dll: *mut c_void,
    activation_context: *mut c_void,
    finalization_callback: PTP_SIMPLE_CALLBACK,
    flags: u32,
}

/// The environment's `FinalizationCallback` (none for a NULL environment).
///
/// # Safety
/// `pcbe` must be NULL or a readable `TP_CALLBACK_ENVIRON`.
unsafe fn finalization(pcbe: *mut _TP_CALLBACK_ENVIRON_V3) -> PTP_SIMPLE_CALLBACK {
    if pcbe.is_null() {
        return None;
    }
    // SAFETY: caller guarantee; `Environ` is the structure's common prefix.
    unsafe { (*(pcbe as *const Environ)).finalization_callback }
}

/// `callback` followed by the environment's finalization callback, as Windows runs it: on the
/// callback's thread, with its instance and the object's context, once the callback returned
/// and before the instance's `...WhenCallbackReturns` actions.
fn finalized(callback: pool::Callback, fin: PTP_SIMPLE_CALLBACK, context: usize) -> pool::Callback {
    match fin {
        None => callback,
        Some(f) => Box::new(move |instance, me, fire| {
            callback(instance, me, fire);
            // SAFETY: the program's finalization callback, with the object's context.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                )
            }
        }),
    }
}

type Bound = (
    Arc<pool::Pool>,
    Option<(Arc<Group>, Option<CancelCallback>)>,
);

/// The pool and cleanup group an environment names (NULL: the default pool, no group); the
/// member's cancel callback is bound to `context`.
///
/// # Safety
/// `pcbe` must be NULL or a readable `TP_CALLBACK_ENVIRON`.
unsafe fn environ(
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
    context: usize,
) -> crate::error::WsaResult<Bound> {
    if pcbe.is_null() {
        return Ok((pool::default_pool()?, None));
    }
    // SAFETY: caller guarantee; `Environ` is the structure's common prefix.
    let env = unsafe { &*(pcbe as *const Environ) };
    let pool = pool::pool_of(env.pool as usize)?;
    if env.cleanup_group.is_null() {
        return Ok((pool, None));
    }
    let group = pool::group_of(env.cleanup_group as usize)?;
    let cancel: Option<CancelCallback> = env.cleanup_group_cancel_callback.map(|f| {
        Box::new(move |cleanup: usize| {
            // SAFETY: the program's cancel callback, with its object's and its cleanup context.
            unsafe { f(context as *mut c_void, cleanup as *mut c_void) }
        }) as CancelCallback
    });
    Ok((pool, Some((group, cancel))))
}

fn is(kind: ItemKind) -> impl Fn(ItemKind) -> bool {
    move |k| k == kind
}

/// Creates a work object: each `SubmitThreadpoolWork` queues one call of
/// `pfnwk(instance, pv, work)` to the pool. NULL with `ERROR_INVALID_PARAMETER` for a NULL
/// callback, `ERROR_INVALID_HANDLE` for an environment naming an unknown pool or group.
///
/// # Safety
/// `pcbe` must be NULL or a `TP_CALLBACK_ENVIRON` set up by `InitializeThreadpoolEnvironment`.
#[no_mangle]
pub unsafe extern "C" fn CreateThreadpoolWork(
    pfnwk: PTP_WORK_CALLBACK,
    pv: *mut c_void,
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
) -> *mut _TP_WORK {
    call(std::ptr::null_mut(), || {
        let f = pfnwk.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let context = pv as usize;
        // SAFETY: caller guarantee.
        let (pool, group) = unsafe { environ(pcbe, context) }?;
        let callback: pool::Callback = Box::new(move |instance, me, _| {
            // SAFETY: the program's callback, with the context it gave.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                    me as *mut _TP_WORK,
                )
            }
        });
        // SAFETY: caller guarantee (as for `environ`).
        let callback = finalized(callback, unsafe { finalization(pcbe) }, context);
        Ok(pool::create(pool, ItemKind::Work, callback, group) as *mut _TP_WORK)
    })
}

/// Queues one call of the work object's callback (each submission runs once).
#[no_mangle]
pub extern "C" fn SubmitThreadpoolWork(pwk: *mut _TP_WORK) {
    call((), || {
        if let Some(item) = pool::item_of(pwk as usize, is(ItemKind::Work)) {
            pool::submit(&item);
        }
        Ok(())
    })
}

/// Waits until no callback of the work object is queued or running; with
/// `fCancelPendingCallbacks` TRUE the queued ones are withdrawn first (they never run).
/// Called from the object's own callback it waits forever, as on Windows.
#[no_mangle]
pub extern "C" fn WaitForThreadpoolWorkCallbacks(pwk: *mut _TP_WORK, fCancelPendingCallbacks: i32) {
    call((), || {
        if let Some(item) = pool::item_of(pwk as usize, is(ItemKind::Work)) {
            pool::wait_callbacks(&item, fCancelPendingCallbacks != 0);
        }
        Ok(())
    })
}

/// Closes a work object; callbacks already queued or running still run, then it is freed
/// (so a callback may close its own object).
#[no_mangle]
pub extern "C" fn CloseThreadpoolWork(pwk: *mut _TP_WORK) {
    call((), || {
        if pool::item_of(pwk as usize, is(ItemKind::Work)).is_some() {
            pool::close(pwk as usize);
        }
        Ok(())
    })
}

/// Queues one call of `pfns(instance, pv)` to the pool. TRUE, or FALSE with
/// `ERROR_INVALID_PARAMETER` (NULL callback) / `ERROR_INVALID_HANDLE` (bad environment).
///
/// # Safety
/// As `CreateThreadpoolWork`.
#[no_mangle]
pub unsafe extern "C" fn TrySubmitThreadpoolCallback(
    pfns: PTP_SIMPLE_CALLBACK,
    pv: *mut c_void,
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
) -> i32 {
    call(0, || {
        let f = pfns.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let context = pv as usize;
        // SAFETY: caller guarantee.
        let (pool, group) = unsafe { environ(pcbe, context) }?;
        let callback: pool::Callback = Box::new(move |instance, _, _| {
            // SAFETY: the program's callback, with the context it gave.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                )
            }
        });
        // SAFETY: caller guarantee (as for `environ`).
        let callback = finalized(callback, unsafe { finalization(pcbe) }, context);
        let h = pool::create(pool, ItemKind::Simple, callback, group);
        if let Some(item) = pool::item_of(h, is(ItemKind::Simple)) {
            pool::submit(&item);
        }
        Ok(1)
    })
}

/// Creates a timer object (not set: see `SetThreadpoolTimer`).
///
/// # Safety
/// As `CreateThreadpoolWork`.
#[no_mangle]
pub unsafe extern "C" fn CreateThreadpoolTimer(
    pfnti: PTP_TIMER_CALLBACK,
    pv: *mut c_void,
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
) -> *mut _TP_TIMER {
    call(std::ptr::null_mut(), || {
        let f = pfnti.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let context = pv as usize;
        // SAFETY: caller guarantee.
        let (pool, group) = unsafe { environ(pcbe, context) }?;
        let callback: pool::Callback = Box::new(move |instance, me, _| {
            // SAFETY: the program's callback, with the context it gave.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                    me as *mut _TP_TIMER,
                )
            }
        });
        // SAFETY: caller guarantee (as for `environ`).
        let callback = finalized(callback, unsafe { finalization(pcbe) }, context);
        Ok(pool::create(pool, ItemKind::Timer, callback, group) as *mut _TP_TIMER)
    })
}

/// Reads a `FILETIME` due time: None for NULL.
///
/// # Safety
/// `ft` must be NULL or point to a readable `FILETIME` (two `DWORD`s, low first).
unsafe fn filetime(ft: *const c_void) -> Option<i64> {
    if ft.is_null() {
        return None;
    }
    // SAFETY: caller guarantee; FILETIME is two 32-bit halves, maybe not 8-byte aligned.
    let halves = unsafe { std::ptr::read_unaligned(ft as *const [u32; 2]) };
    Some(((u64::from(halves[1]) << 32) | u64::from(halves[0])) as i64)
}

/// Sets a timer: the callback is queued at `*pftDueTime` (negative: relative, in 100 ns units;
/// positive: an absolute UTC `FILETIME`; 0 or a time past: at once), then every `msPeriod` ms
/// (0: once). NULL `pftDueTime` stops it (callbacks already queued still run).
/// `msWindowLength` (the tolerated delay) is ignored: a timer fires when due.
///
/// # Safety
/// `pftDueTime` must be NULL or a readable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn SetThreadpoolTimer(
    pti: *mut _TP_TIMER,
    pftDueTime: *mut c_void,
    msPeriod: u32,
    msWindowLength: u32,
) {
    // SAFETY: caller guarantee.
    unsafe { SetThreadpoolTimerEx(pti, pftDueTime, msPeriod, msWindowLength) };
}

/// `SetThreadpoolTimer` that returns whether the timer was set before.
///
/// # Safety
/// As `SetThreadpoolTimer`.
#[no_mangle]
pub unsafe extern "C" fn SetThreadpoolTimerEx(
    pti: *mut _TP_TIMER,
    pftDueTime: *mut c_void,
    msPeriod: u32,
    msWindowLength: u32,
) -> i32 {
    let _ = msWindowLength;
    call(0, || {
        let Some(item) = pool::item_of(pti as usize, is(ItemKind::Timer)) else {
            return Ok(0);
        };
        // SAFETY: caller guarantee.
        let due = unsafe { filetime(pftDueTime) }.map(pool::due_from_filetime);
        Ok(i32::from(pool::set_timer(&item, due, msPeriod)))
    })
}

/// Whether the timer is set (a due time was given and it was not stopped with NULL).
#[no_mangle]
pub extern "C" fn IsThreadpoolTimerSet(pti: *mut _TP_TIMER) -> i32 {
    pool::item_of(pti as usize, is(ItemKind::Timer))
        .map_or(0, |i| i32::from(pool::timer_is_set(&i)))
}

/// As `WaitForThreadpoolWorkCallbacks`, for a timer (it is not stopped: set it with NULL
/// first).
#[no_mangle]
pub extern "C" fn WaitForThreadpoolTimerCallbacks(
    pti: *mut _TP_TIMER,
    fCancelPendingCallbacks: i32,
) {
    call((), || {
        if let Some(item) = pool::item_of(pti as usize, is(ItemKind::Timer)) {
            pool::wait_callbacks(&item, fCancelPendingCallbacks != 0);
        }
        Ok(())
    })
}

/// Stops and closes a timer (callbacks already queued or running still run).
#[no_mangle]
pub extern "C" fn CloseThreadpoolTimer(pti: *mut _TP_TIMER) {
    call((), || {
        if pool::item_of(pti as usize, is(ItemKind::Timer)).is_some() {
            pool::close(pti as usize);
        }
        Ok(())
    })
}

/// Creates a wait object (not armed: see `SetThreadpoolWait`).
///
/// # Safety
/// As `CreateThreadpoolWork`.
#[no_mangle]
pub unsafe extern "C" fn CreateThreadpoolWait(
    pfnwa: PTP_WAIT_CALLBACK,
    pv: *mut c_void,
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
) -> *mut _TP_WAIT {
    call(std::ptr::null_mut(), || {
        let f = pfnwa.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let context = pv as usize;
        // SAFETY: caller guarantee.
        let (pool, group) = unsafe { environ(pcbe, context) }?;
        let callback: pool::Callback = Box::new(move |instance, me, fire| {
            let result = match fire {
                Fire::Wait(r) => r,
                _ => pool::WAIT_OBJECT_0,
            };
            // SAFETY: the program's callback, with the context it gave.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                    me as *mut _TP_WAIT,
                    result,
                )
            }
        });
        // SAFETY: caller guarantee (as for `environ`).
        let callback = finalized(callback, unsafe { finalization(pcbe) }, context);
        Ok(pool::create(pool, ItemKind::Wait, callback, group) as *mut _TP_WAIT)
    })
}

/// Arms a wait, once: the callback is queued with `WAIT_OBJECT_0` when `h` (an event, mutex,
/// semaphore, thread, process or waitable timer) is signalled, acquiring it as a wait does, or
/// with `WAIT_TIMEOUT` at `*pftTimeout` (as a timer's due time; NULL: never). Setting it again
/// replaces the previous arming; `h` NULL stops it.
///
/// # Safety
/// `pftTimeout` must be NULL or a readable `FILETIME`.
#[no_mangle]
pub unsafe extern "C" fn SetThreadpoolWait(
    pwa: *mut _TP_WAIT,
    h: *mut c_void,
    pftTimeout: *mut c_void,
) {
    // SAFETY: caller guarantee.
    unsafe { SetThreadpoolWaitEx(pwa, h, pftTimeout, std::ptr::null_mut()) };
}

/// `SetThreadpoolWait` that returns whether the wait was armed before.
///
/// # Safety
/// As `SetThreadpoolWait`.
#[no_mangle]
pub unsafe extern "C" fn SetThreadpoolWaitEx(
    pwa: *mut _TP_WAIT,
    h: *mut c_void,
    pftTimeout: *mut c_void,
    Reserved: *mut c_void,
) -> i32 {
    let _ = Reserved;
    call(0, || {
        let Some(item) = pool::item_of(pwa as usize, is(ItemKind::Wait)) else {
            return Ok(0);
        };
        // SAFETY: caller guarantee.
        let deadline = unsafe { filetime(pftTimeout) }.map(pool::due_from_filetime);
        Ok(i32::from(pool::set_wait(&item, h as usize, deadline)))
    })
}

/// As `WaitForThreadpoolWorkCallbacks`, for a wait (an armed wait is not stopped: set it
/// with NULL first).
#[no_mangle]
pub extern "C" fn WaitForThreadpoolWaitCallbacks(pwa: *mut _TP_WAIT, fCancelPendingCallbacks: i32) {
    call((), || {
        if let Some(item) = pool::item_of(pwa as usize, is(ItemKind::Wait)) {
            pool::wait_callbacks(&item, fCancelPendingCallbacks != 0);
        }
        Ok(())
    })
}

/// Stops and closes a wait object.
#[no_mangle]
pub extern "C" fn CloseThreadpoolWait(pwa: *mut _TP_WAIT) {
    call((), || {
        if pool::item_of(pwa as usize, is(ItemKind::Wait)).is_some() {
            pool::close(pwa as usize);
        }
        Ok(())
    })
}

/// Binds a socket (`(HANDLE)s`) or a file handle from `CreateFile` to the pool: each
/// overlapped operation on it (a file's complete at once), announced by
/// `StartThreadpoolIo`, ends with one call of `pfnio(instance, pv, overlapped, IoResult,
/// bytes, io)` (`IoResult` a Win32 error: 0, `ERROR_NETNAME_DELETED`,
/// `ERROR_OPERATION_ABORTED`, ...), also when it completed at once, unless the socket has
/// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`. NULL with `ERROR_INVALID_HANDLE` (neither a socket
/// nor a file), `ERROR_INVALID_PARAMETER` (already bound to a completion port, NULL callback).
///
/// # Safety
/// As `CreateThreadpoolWork`.
#[no_mangle]
pub unsafe extern "C" fn CreateThreadpoolIo(
    fl: *mut c_void,
    pfnio: PTP_WIN32_IO_CALLBACK,
    pv: *mut c_void,
    pcbe: *mut _TP_CALLBACK_ENVIRON_V3,
) -> *mut _TP_IO {
    call(std::ptr::null_mut(), || {
        let f = pfnio.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        let target = io_target(fl)?;
        let context = pv as usize;
        // SAFETY: caller guarantee.
        let (pool, group) = unsafe { environ(pcbe, context) }?;
        let callback: pool::Callback = Box::new(move |instance, me, fire| {
            let (overlapped, result, bytes) = match fire {
                Fire::Io {
                    overlapped,
                    result,
                    bytes,
                } => (overlapped, result, bytes),
                _ => (0, 0, 0),
            };
            // SAFETY: the program's callback, with the context it gave.
            unsafe {
                f(
                    instance as *mut _TP_CALLBACK_INSTANCE,
                    context as *mut c_void,
                    overlapped as *mut c_void,
                    result,
                    bytes as usize,
                    me as *mut _TP_IO,
                )
            }
        });
        // SAFETY: caller guarantee (as for `environ`).
        let callback = finalized(callback, unsafe { finalization(pcbe) }, context);
        Ok(pool::create_io(pool, &target, true, callback, group)? as *mut _TP_IO)
    })
}

/// A socket (`(HANDLE)s`) or a file handle from `CreateFile`.
fn io_target(h: *mut c_void) -> crate::error::WsaResult<pool::IoTarget> {
    if crate::handle::file::fd_of(h as usize).is_some() {
        return Ok(pool::IoTarget::File(h as usize));
    }
    Ok(pool::IoTarget::Socket(socket_handle(h)?))
}

fn is_io(k: ItemKind) -> bool {
    k == (ItemKind::Io { counted: true })
}

/// Announces one overlapped operation on the I/O object's socket; call it before each.
#[no_mangle]
pub extern "C" fn StartThreadpoolIo(pio: *mut _TP_IO) {
    call((), || {
        if let Some(item) = pool::item_of(pio as usize, is_io) {
            pool::count_io(&item, true);
        }
        Ok(())
    })
}

/// Withdraws the last `StartThreadpoolIo`: for an operation that failed at once with an error
/// other than `ERROR_IO_PENDING` / `WSA_IO_PENDING` (or succeeded at once on a socket with
/// `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`).
#[no_mangle]
pub extern "C" fn CancelThreadpoolIo(pio: *mut _TP_IO) {
    call((), || {
        if let Some(item) = pool::item_of(pio as usize, is_io) {
            pool::count_io(&item, false);
        }
        Ok(())
    })
}

/// Waits until every started operation has completed and no callback of the object is
/// running (close the socket first to end operations still pending). With
/// `fCancelPendingCallbacks` TRUE the completions that come while it waits get no callback.
#[no_mangle]
pub extern "C" fn WaitForThreadpoolIoCallbacks(pio: *mut _TP_IO, fCancelPendingCallbacks: i32) {
    call((), || {
        if let Some(item) = pool::item_of(pio as usize, is_io) {
            pool::wait_callbacks(&item, fCancelPendingCallbacks != 0);
        }
        Ok(())
    })
}

/// Closes an I/O object (freed once its started operations and callbacks are done).
#[no_mangle]
pub extern "C" fn CloseThreadpoolIo(pio: *mut _TP_IO) {
    call((), || {
        if pool::item_of(pio as usize, is_io).is_some() {
            pool::close(pio as usize);
        }
        Ok(())
    })
}

/// Binds a socket or a file handle to the default pool the older way: every completion of an
/// overlapped operation on it calls `Function(dwErrorCode, dwNumberOfBytesTransfered, lpOverlapped)` on
/// a pool thread (a Win32 error code, 0 on success), also for one that completed at once
/// (unless `FILE_SKIP_COMPLETION_PORT_ON_SUCCESS`). `Flags` must be 0. FALSE with
/// `ERROR_INVALID_HANDLE` (neither a socket nor a file) or `ERROR_INVALID_PARAMETER` (already
/// bound to a port, NULL function, flags).
#[no_mangle]
pub extern "C" fn BindIoCompletionCallback(
    FileHandle: *mut c_void,
    Function: Option<unsafe extern "C" fn(u32, u32, *mut WSAOVERLAPPED)>,
    Flags: u32,
) -> i32 {
    call(0, || {
        let f = Function.ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
        if Flags != 0 {
            return Err(err(codes::ERROR_INVALID_PARAMETER));
        }
        let target = io_target(FileHandle)?;
        let callback: pool::Callback = Box::new(move |_, _, fire| {
            if let Fire::Io {
                overlapped,
                result,
                bytes,
            } = fire
            {
                // SAFETY: the program's completion routine, with its OVERLAPPED.
                unsafe { f(result, bytes, overlapped as *mut WSAOVERLAPPED) }
            }
        });
        pool::create_io(pool::default_pool()?, &target, false, callback, None)?;
        Ok(1)
    })
}

/// Creates a private pool (its own threads; at most 500 until `SetThreadpoolThreadMaximum`).
/// `reserved` must be NULL.
#[no_mangle]
pub extern "C" fn CreateThreadpool(reserved: *mut c_void) -> *mut _TP_POOL {
    let _ = reserved;
    call(std::ptr::null_mut(), || {
        Ok(pool::create_pool()? as *mut _TP_POOL)
    })
}

/// Closes a private pool; its threads end once the objects bound to it are closed.
#[no_mangle]
pub extern "C" fn CloseThreadpool(ptpp: *mut _TP_POOL) {
    call((), || {
        if !ptpp.is_null() {
            pool::close_pool(ptpp as usize);
        }
        Ok(())
    })
}

/// Sets the most threads the pool may run (at least 1).
#[no_mangle]
pub extern "C" fn SetThreadpoolThreadMaximum(ptpp: *mut _TP_POOL, cthrdMost: u32) {
    call((), || {
        if !ptpp.is_null() {
            if let Ok(p) = pool::pool_of(ptpp as usize) {
                pool::set_max(&p, cthrdMost);
            }
        }
        Ok(())
    })
}

/// Sets the fewest threads the pool keeps, starting them now. FALSE if they could not be
/// started, or `ERROR_INVALID_HANDLE` for an unknown pool.
#[no_mangle]
pub extern "C" fn SetThreadpoolThreadMinimum(ptpp: *mut _TP_POOL, cthrdMic: u32) -> i32 {
    call(0, || {
        if ptpp.is_null() {
            return Err(err(codes::ERROR_INVALID_HANDLE));
        }
        let p = pool::pool_of(ptpp as usize)?;
        if pool::set_min(&p, cthrdMic) {
            Ok(1)
        } else {
            Err(err(codes::ERROR_NOT_ENOUGH_MEMORY))
        }
    })
}

/// Creates a cleanup group: objects created with an environment naming it become members.
#[no_mangle]
pub extern "C" fn CreateThreadpoolCleanupGroup() -> *mut _TP_CLEANUP_GROUP {
    pool::create_group() as *mut _TP_CLEANUP_GROUP
}

/// Releases every member: timers and waits stop; with `fCancelPendingCallbacks` TRUE the
/// callbacks not yet started are withdrawn and each member's cleanup-group cancel callback is
/// called with (its context, `pvCleanupContext`); then the running callbacks (and, without
/// cancelling, the queued ones) are waited for and every member is closed. The group stays
/// usable.
#[no_mangle]
pub extern "C" fn CloseThreadpoolCleanupGroupMembers(
    ptpcg: *mut _TP_CLEANUP_GROUP,
    fCancelPendingCallbacks: i32,
    pvCleanupContext: *mut c_void,
) {
    call((), || {
        if let Ok(g) = pool::group_of(ptpcg as usize) {
            pool::close_group_members(&g, fCancelPendingCallbacks != 0, pvCleanupContext as usize);
        }
        Ok(())
    })
}

/// Closes a cleanup group (close its members first).
#[no_mangle]
pub extern "C" fn CloseThreadpoolCleanupGroup(ptpcg: *mut _TP_CLEANUP_GROUP) {
    call((), || {
        pool::close_group(ptpcg as usize);
        Ok(())
    })
}

/// Sets the event when the current callback returns.
#[no_mangle]
pub extern "C" fn SetEventWhenCallbackReturns(pci: *mut _TP_CALLBACK_INSTANCE, evt: *mut c_void) {
    let evt = evt as usize;
    pool::on_return(
        pci as usize,
        Box::new(move || {
            SetEvent(evt as *mut c_void);
        }),
    );
}

/// Releases the semaphore `crel` times when the current callback returns.
#[no_mangle]
pub extern "C" fn ReleaseSemaphoreWhenCallbackReturns(
    pci: *mut _TP_CALLBACK_INSTANCE,
    sem: *mut c_void,
    crel: u32,
) {
    let sem = sem as usize;
    pool::on_return(
        pci as usize,
        Box::new(move || {
            // SAFETY: a NULL previous-count pointer is allowed.
            unsafe { ReleaseSemaphore(sem as *mut c_void, crel as i32, std::ptr::null_mut()) };
        }),
    );
}

/// Releases the mutex when the current callback returns.
#[no_mangle]
pub extern "C" fn ReleaseMutexWhenCallbackReturns(
    pci: *mut _TP_CALLBACK_INSTANCE,
    mutex: *mut c_void,
) {
    let m = mutex as usize;
    pool::on_return(
        pci as usize,
        Box::new(move || {
            ReleaseMutex(m as *mut c_void);
        }),
    );
}

/// Leaves the critical section when the current callback returns (on the callback's thread,
/// which must own it).
///
/// # Safety
/// `pcs` must be an initialised `CRITICAL_SECTION` that outlives the callback.
#[no_mangle]
pub unsafe extern "C" fn LeaveCriticalSectionWhenCallbackReturns(
    pci: *mut _TP_CALLBACK_INSTANCE,
    pcs: *mut ws2mp_critical_section,
) {
    let cs = pcs as usize;
    pool::on_return(
        pci as usize,
        Box::new(move || {
            // SAFETY: caller guarantee; run on the thread that entered it.
            unsafe { LeaveCriticalSection(cs as *mut ws2mp_critical_section) };
        }),
    );
}

/// Accepted and ignored: ws2mp's modules (itself) are never unloaded.
#[no_mangle]
pub extern "C" fn FreeLibraryWhenCallbackReturns(
    pci: *mut _TP_CALLBACK_INSTANCE,
    module: *mut c_void,
) {
    let _ = (pci, module);
}

/// Tells the pool the current callback may take long: TRUE when another thread is there (or
/// was started) for the pool's other callbacks, FALSE at the pool's maximum.
#[no_mangle]
pub extern "C" fn CallbackMayRunLong(pci: *mut _TP_CALLBACK_INSTANCE) -> i32 {
    i32::from(pool::may_run_long(pci as usize))
}

/// The current callback counts as finished for `WaitForThreadpool*Callbacks` and cleanup
/// groups from now on, though it keeps running.
#[no_mangle]
pub extern "C" fn DisassociateCurrentThreadFromCallback(pci: *mut _TP_CALLBACK_INSTANCE) {
    call((), || {
        pool::disassociate(pci as usize);
        Ok(())
    })
}
