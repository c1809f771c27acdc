//! The thread pool's simple calls: `QueueUserWorkItem`, timer queues (`CreateTimerQueue`,
//! `CreateTimerQueueTimer`, `ChangeTimerQueueTimer`, `DeleteTimerQueueTimer`,
//! `DeleteTimerQueue(Ex)`) and registered waits (`RegisterWaitForSingleObject`,
//! `UnregisterWait(Ex)`): servers use them for idle timeouts, keep-alives and work off the
//! accept loop. Each work item, timer and registered wait runs on a thread of its own (Windows
//! shares a pool; the callbacks see no difference but the thread ids). Timer and wait handles
//! are not waitable objects: they serve these calls only.

use super::win32_handles::{CloseHandle, WaitForMultipleObjects};
use super::win32_sync::{CreateEventA, SetEvent};
use parking_lot::{Condvar, Mutex};
use std::collections::BTreeMap;
use std::os::raw::c_void;
use std::sync::Arc;
use std::time::{Duration, Instant};

const ERROR_INVALID_HANDLE: i32 = 6;
const ERROR_INVALID_PARAMETER: i32 = 87;
const ERROR_IO_PENDING: i32 = 997;
/// `WT_EXECUTEONLYONCE`.
const WT_EXECUTEONLYONCE: u32 = 0x0000_0008;
/// `WT_EXECUTEINWAITTHREAD`: the callback runs on the thread that waits.
const WT_EXECUTEINWAITTHREAD: u32 = 0x0000_0004;
/// `INVALID_HANDLE_VALUE`: wait for the callbacks that are running.
const WAIT_FOR_CALLBACKS: usize = usize::MAX;

/// `WAITORTIMERCALLBACK`: `VOID (CALLBACK *)(PVOID, BOOLEAN TimerOrWaitFired)`.
type WaitOrTimerCallback = unsafe extern "C" fn(*mut c_void, u8);

fn fail(code: i32) -> i32 {
    crate::error::set_last_error(code);
    0
}

/// A timer's or registered wait's state, shared with its thread.
#[derive(Default)]
struct Control {
    /// Deleted: the thread stops at its next look.
    cancelled: bool,
    /// A callback is running now.
    in_callback: bool,
    /// The timer's next due time and period (changed by `ChangeTimerQueueTimer`).
    due: Option<Instant>,
    period: Duration,
    /// Bumped by every change, so that a sleeping timer thread re-reads its schedule.
    generation: u64,
    /// A one-shot timer (period 0) that fired: `ChangeTimerQueueTimer` no longer updates it.
    expired: bool,
    /// The thread running the callback now.
    callback_thread: Option<std::thread::ThreadId>,
}

struct Item {
    control: Mutex<Control>,
    changed: Condvar,
    /// A registered wait's private stop event (NULL for timers).
    stop_event: usize,
    /// The timer queue a timer belongs to (0: the default queue, or a registered wait).
    queue: usize,
    /// A registered wait with `WT_EXECUTEINWAITTHREAD`.
    in_wait_thread: bool,
}

/// The live timers, waits and queues by handle value.
struct Registry {
    next: usize,
    items: BTreeMap<usize, Arc<Item>>,
    queues: Vec<usize>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    next: 0,
    items: BTreeMap::new(),
    queues: Vec::new(),
});

fn new_handle(r: &mut Registry) -> usize {
    r.next += 1;
    // Far from ws2mp's other handles (and from the ICMP ones, 0x4943_xxxx).
    0x5450_0000 + r.next * 4
}

/// On Windows the `WT_EXECUTEINWAITTHREAD` callbacks run on the wait thread their waits share,
/// so one at a time: this lock stands for that thread.
static WAIT_THREAD: Mutex<()> = Mutex::new(());

/// Runs a callback of the program with `in_callback` set around it.
fn run_callback(item: &Item, callback: WaitOrTimerCallback, parameter: usize, fired: u8) {
    // Taken before `in_callback` is set: a wait unregistered meanwhile is not waited for.
    let _shared_thread = item.in_wait_thread.then(|| WAIT_THREAD.lock());
    {
        let mut c = item.control.lock();
        if c.cancelled {
            return;
        }
        c.in_callback = true;
        c.callback_thread = Some(std::thread::current().id());
    }
    // SAFETY: the program registered this callback with this parameter.
    unsafe { callback(parameter as *mut c_void, fired) };
    {
        let mut c = item.control.lock();
        c.in_callback = false;
        c.callback_thread = None;
    }
    item.changed.notify_all();
}

/// Queues `Function(Context)` to run on a thread of its own. Returns TRUE (FALSE with
/// `ERROR_INVALID_PARAMETER` for a NULL function).
#[no_mangle]
pub extern "C" fn QueueUserWorkItem(
    Function: Option<unsafe extern "C" fn(*mut c_void) -> u32>,
    Context: *mut c_void,
    Flags: u32,
) -> i32 {
    let _ = Flags;
    let Some(f) = Function else {
        return fail(ERROR_INVALID_PARAMETER);
    };
    let ctx = Context as usize;
    // SAFETY: the program queued this routine with this context.
    std::thread::spawn(move || unsafe { f(ctx as *mut c_void) });
    1
}

/// Creates a timer queue (timers can also go on the default queue, NULL).
#[no_mangle]
pub extern "C" fn CreateTimerQueue() -> *mut c_void {
    let mut r = REGISTRY.lock();
    let h = new_handle(&mut r);
    r.queues.push(h);
    h as *mut c_void
}

fn timer_thread(item: Arc<Item>, callback: WaitOrTimerCallback, parameter: usize) {
    loop {
        {
            let mut c = item.control.lock();
            loop {
                if c.cancelled {
                    return;
                }
                match c.due {
                    None => {
                        item.changed.wait(&mut c);
                    }
                    Some(due) => {
                        let now = Instant::now();
                        if now >= due {
                            break;
                        }
                        let generation = c.generation;
                        item.changed.wait_for(&mut c, due - now);
                        if c.generation != generation {
                            continue;
                        }
                    }
                }
            }
            // Due now: schedule the next run before calling back.
            c.due = (!c.period.is_zero()).then(|| Instant::now() + c.period);
            c.expired = c.due.is_none();
        }
        run_callback(&item, callback, parameter, 1);
    }
}

/// Creates a timer that calls `Callback(Parameter, TRUE)` after `DueTime` ms and then every
/// `Period` ms (0: once; also once with `WT_EXECUTEONLYONCE`), on a thread of its own.
/// `TimerQueue` is a queue from `CreateTimerQueue` or NULL (the default queue). Returns TRUE
/// with the timer in `*phNewTimer`, or FALSE with `ERROR_INVALID_PARAMETER` (NULL pointers)
/// or `ERROR_INVALID_HANDLE` (an unknown queue).
///
/// # Safety
/// `phNewTimer` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn CreateTimerQueueTimer(
    phNewTimer: *mut *mut c_void,
    TimerQueue: *mut c_void,
    Callback: Option<unsafe extern "C" fn(*mut c_void, u8)>,
    Parameter: *mut c_void,
    DueTime: u32,
    Period: u32,
    Flags: u32,
) -> i32 {
    let (Some(callback), false) = (Callback, phNewTimer.is_null()) else {
        return fail(ERROR_INVALID_PARAMETER);
    };
    let queue = TimerQueue as usize;
    let mut r = REGISTRY.lock();
    if queue != 0 && !r.queues.contains(&queue) {
        drop(r);
        return fail(ERROR_INVALID_HANDLE);
    }
    let period = if Flags & WT_EXECUTEONLYONCE != 0 {
        0
    } else {
        Period
    };
    let item = Arc::new(Item {
        control: Mutex::new(Control {
            due: Some(Instant::now() + Duration::from_millis(u64::from(DueTime))),
            period: Duration::from_millis(u64::from(period)),
            ..Control::default()
        }),
        changed: Condvar::new(),
        stop_event: 0,
        queue,
        in_wait_thread: false,
    });
    let h = new_handle(&mut r);
    r.items.insert(h, item.clone());
    drop(r);
    // SAFETY: caller guarantee.
    unsafe { *phNewTimer = h as *mut c_void };
    let parameter = Parameter as usize;
    std::thread::spawn(move || timer_thread(item, callback, parameter));
    1
}

fn lookup(h: *mut c_void) -> Option<Arc<Item>> {
    REGISTRY.lock().items.get(&(h as usize)).cloned()
}

/// Sets a timer's next due time and period. A one-shot timer (period 0) that already fired is
/// not updated (TRUE all the same), as Microsoft documents it.
#[no_mangle]
pub extern "C" fn ChangeTimerQueueTimer(
    TimerQueue: *mut c_void,
    Timer: *mut c_void,
    DueTime: u32,
    Period: u32,
) -> i32 {
    let _ = TimerQueue;
    let Some(item) = lookup(Timer).filter(|i| i.stop_event == 0) else {
        return fail(ERROR_INVALID_HANDLE);
    };
    let mut c = item.control.lock();
    if c.expired {
        return 1;
    }
    c.due = Some(Instant::now() + Duration::from_millis(u64::from(DueTime)));
    c.period = Duration::from_millis(u64::from(Period));
    c.generation += 1;
    drop(c);
    item.changed.notify_all();
    1
}

/// Stops `item` and answers for the completion argument: NULL returns at once (FALSE with
/// `ERROR_IO_PENDING` when a callback is running, as Windows), `INVALID_HANDLE_VALUE` waits
/// for a running callback, an event is set once no callback runs (at once, TRUE; after the
/// running callback returned, FALSE with `ERROR_IO_PENDING`, as Windows).
fn cancel(item: Arc<Item>, completion: usize) -> i32 {
    let mut c = item.control.lock();
    c.cancelled = true;
    c.generation += 1;
    // A `WT_EXECUTEINWAITTHREAD` callback unregistering its own wait is not outstanding:
    // Windows returns TRUE there.
    let own = item.in_wait_thread && c.callback_thread == Some(std::thread::current().id());
    let running = c.in_callback && !own;
    drop(c);
    item.changed.notify_all();
    if item.stop_event != 0 {
        // Wakes the wait thread (closing the event also would); the program's last error is
        // kept.
        let saved = crate::error::last_error();
        SetEvent(item.stop_event as *mut c_void);
        CloseHandle(item.stop_event as *mut c_void);
        crate::error::set_last_error(saved);
    }
    match completion {
        0 if running => fail(ERROR_IO_PENDING),
        0 => 1,
        WAIT_FOR_CALLBACKS => {
            let mut c = item.control.lock();
            while c.in_callback && !own {
                item.changed.wait(&mut c);
            }
            1
        }
        event if !running => {
            SetEvent(event as *mut c_void);
            1
        }
        event => {
            std::thread::spawn(move || {
                let mut c = item.control.lock();
                while c.in_callback {
                    item.changed.wait(&mut c);
                }
                drop(c);
                SetEvent(event as *mut c_void);
            });
            fail(ERROR_IO_PENDING)
        }
    }
}

/// Deletes a timer: it will not fire again. `CompletionEvent`: NULL (return at once; FALSE
/// with `ERROR_IO_PENDING` when its callback is running), `INVALID_HANDLE_VALUE` (wait for the
/// running callback) or an event to set when no callback runs. Calling it with
/// `INVALID_HANDLE_VALUE` from the timer's own callback waits forever, as on Windows.
#[no_mangle]
pub extern "C" fn DeleteTimerQueueTimer(
    TimerQueue: *mut c_void,
    Timer: *mut c_void,
    CompletionEvent: *mut c_void,
) -> i32 {
    let _ = TimerQueue;
    let item = REGISTRY.lock().items.remove(&(Timer as usize));
    match item.filter(|i| i.stop_event == 0) {
        Some(item) => cancel(item, CompletionEvent as usize),
        None => fail(ERROR_INVALID_HANDLE),
    }
}

/// Deletes a timer queue and its timers (`CompletionEvent` as for `DeleteTimerQueueTimer`,
/// applied to each timer).
#[no_mangle]
pub extern "C" fn DeleteTimerQueueEx(TimerQueue: *mut c_void, CompletionEvent: *mut c_void) -> i32 {
    let queue = TimerQueue as usize;
    let mut r = REGISTRY.lock();
    let Some(pos) = r.queues.iter().position(|q| *q == queue) else {
        drop(r);
        return fail(ERROR_INVALID_HANDLE);
    };
    r.queues.remove(pos);
    let timers: Vec<usize> = r
        .items
        .iter()
        .filter(|(_, i)| i.queue == queue)
        .map(|(h, _)| *h)
        .collect();
    let items: Vec<Arc<Item>> = timers.iter().filter_map(|h| r.items.remove(h)).collect();
    drop(r);
    let completion = CompletionEvent as usize;
    let per_timer = if completion == WAIT_FOR_CALLBACKS {
        WAIT_FOR_CALLBACKS
    } else {
        0
    };
    let mut ok = 1;
    for item in items.iter().cloned() {
        if cancel(item, per_timer) == 0 {
            ok = 0;
        }
    }
    if completion != 0 && completion != WAIT_FOR_CALLBACKS {
        std::thread::spawn(move || {
            for item in items {
                let mut c = item.control.lock();
                while c.in_callback {
                    item.changed.wait(&mut c);
                }
            }
            SetEvent(completion as *mut c_void);
        });
    }
    ok
}

/// `DeleteTimerQueueEx(TimerQueue, NULL)`.
#[no_mangle]
pub extern "C" fn DeleteTimerQueue(TimerQueue: *mut c_void) -> i32 {
    DeleteTimerQueueEx(TimerQueue, std::ptr::null_mut())
}

fn wait_thread(
    item: Arc<Item>,
    object: usize,
    callback: WaitOrTimerCallback,
    parameter: usize,
    ms: u32,
    once: bool,
) {
    let handles = [item.stop_event as *mut c_void, object as *mut c_void];
    loop {
        // SAFETY: two valid handle slots.
        let r = unsafe { WaitForMultipleObjects(2, handles.as_ptr(), 0, ms) };
        match r {
            0 => break,                                           // stopped
            1 => run_callback(&item, callback, parameter, 0),     // the object
            0x102 => run_callback(&item, callback, parameter, 1), // WAIT_TIMEOUT
            _ => break, // a handle was closed (the stop event by UnregisterWait)
        }
        if once {
            break;
        }
    }
}

/// Calls `Callback(Context, FALSE)` on a thread of its own each time `hObject` is signalled
/// (an event, thread, mutex or semaphore), or `Callback(Context, TRUE)` when `dwMilliseconds`
/// pass without it (`INFINITE`: never); only once with `WT_EXECUTEONLYONCE`. A manual-reset
/// event that stays set calls back again and again, as on Windows. `WT_EXECUTEINWAITTHREAD`
/// callbacks run one at a time, as on the wait thread Windows gives them. Returns TRUE with
/// the wait in `*phNewWaitObject`, or FALSE with `ERROR_INVALID_PARAMETER` /
/// `ERROR_INVALID_HANDLE`.
///
/// # Safety
/// `phNewWaitObject` must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn RegisterWaitForSingleObject(
    phNewWaitObject: *mut *mut c_void,
    hObject: *mut c_void,
    Callback: Option<unsafe extern "C" fn(*mut c_void, u8)>,
    Context: *mut c_void,
    dwMilliseconds: u32,
    dwFlags: u32,
) -> i32 {
    let (Some(callback), false) = (Callback, phNewWaitObject.is_null()) else {
        return fail(ERROR_INVALID_PARAMETER);
    };
    if crate::handle::lookup(hObject as usize).is_err() {
        return fail(ERROR_INVALID_HANDLE);
    }
    // SAFETY: NULL attributes and name.
    let stop = unsafe { CreateEventA(std::ptr::null_mut(), 1, 0, std::ptr::null()) };
    if stop.is_null() {
        return 0;
    }
    let item = Arc::new(Item {
        control: Mutex::new(Control::default()),
        changed: Condvar::new(),
        stop_event: stop as usize,
        queue: 0,
        in_wait_thread: dwFlags & WT_EXECUTEINWAITTHREAD != 0,
    });
    let mut r = REGISTRY.lock();
    let h = new_handle(&mut r);
    r.items.insert(h, item.clone());
    drop(r);
    // SAFETY: caller guarantee.
    unsafe { *phNewWaitObject = h as *mut c_void };
    let (object, parameter) = (hObject as usize, Context as usize);
    let once = dwFlags & WT_EXECUTEONLYONCE != 0;
    std::thread::spawn(move || {
        wait_thread(item, object, callback, parameter, dwMilliseconds, once)
    });
    1
}

/// Cancels a registered wait (`CompletionEvent` as for `DeleteTimerQueueTimer`). A
/// `WT_EXECUTEINWAITTHREAD` callback unregistering its own wait gets TRUE, as on Windows.
#[no_mangle]
pub extern "C" fn UnregisterWaitEx(WaitHandle: *mut c_void, CompletionEvent: *mut c_void) -> i32 {
    let item = REGISTRY.lock().items.remove(&(WaitHandle as usize));
    match item.filter(|i| i.stop_event != 0) {
        Some(item) => cancel(item, CompletionEvent as usize),
        None => fail(ERROR_INVALID_HANDLE),
    }
}

/// `UnregisterWaitEx(WaitHandle, NULL)`.
#[no_mangle]
pub extern "C" fn UnregisterWait(WaitHandle: *mut c_void) -> i32 {
    UnregisterWaitEx(WaitHandle, std::ptr::null_mut())
}
