//! Thread objects: `CreateThread`, `_beginthread(ex)`, `ExitThread`, exit codes, suspension
//! (`CREATE_SUSPENDED`, `SuspendThread`, `ResumeThread`), `TerminateThread`, thread ids.
//!
//! A thread is a detached pthread. Its object's event is set when the thread ends (its start
//! routine returns, it calls `ExitThread`, or `TerminateThread` ends it), after its exit code
//! is stored and the mutexes it still owns are abandoned, so a wait on the handle wakes
//! through the ordinary event path.
//! Thread ids are ws2mp's own (multiples of 4 like Windows', given on first use), so
//! `CreateThread` can report the new thread's id before the thread runs.
//!
//! A thread that has not started its routine waits for its suspend count to reach 0 on a
//! condition variable. A running one is stopped where it stands by a signal
//! (`sys::thread_control`): suspended, it sleeps in the signal handler until `ResumeThread`
//! brings the count back to 0; terminated, it sleeps there for good while the terminating
//! thread ends it in its place (exit code, signalled handle). As on Windows, a terminated
//! thread releases nothing it held (locks, memory, mutexes it owned stay owned). The one
//! exception is a thread waiting on a completion port, which may be gathering completions
//! for the port's other waiters: its wait is only interrupted, and it hands that part over
//! before it stops (`sys::thread_control::Stoppable`, `handle/port.rs`).

use super::apc::{self, ApcTarget};
use super::{codes, err, sync, table, Kind, Object};
use crate::error::WsaResult;
use crate::sys::thread_control::{self, Target};
use parking_lot::{Condvar, Mutex};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;

/// `STILL_ACTIVE`: the exit code of a thread that has not ended.
pub(crate) const STILL_ACTIVE: u32 = 259;
/// `GetCurrentThread()`'s pseudo-handle, `(HANDLE)-2`.
pub(crate) const CURRENT_THREAD: usize = usize::MAX - 1;
/// `GetCurrentProcess()`'s pseudo-handle, `(HANDLE)-1`.
pub(crate) const CURRENT_PROCESS: usize = usize::MAX;

pub use crate::sys::routine::ThreadRoutine as Routine;

pub struct ThreadState {
    id: u32,
    exit_code: AtomicU32,
    finished: AtomicBool,
    /// Suspension and termination; `signals.suspend` is the suspend count (`CREATE_SUSPENDED`
    /// → 1), changed under this lock only; the thread starts its routine at 0.
    control: Mutex<Control>,
    resumed: Condvar,
    /// What the control signal's handler reads on the running thread.
    signals: Arc<thread_control::Control>,
    /// `_beginthread`'s handle, closed when the thread ends (0: none).
    auto_close: AtomicUsize,
    /// The thread's APC queue (`QueueUserAPC`), there from creation on.
    apc: ApcTarget,
    /// Its kernel id once it runs, and the affinity mask set before that (applied at start).
    affinity: Mutex<Affinity>,
    /// When the thread started (threads ws2mp starts), and its CPU times and exit time once
    /// it has ended, for `GetThreadTimes`.
    times: Mutex<Times>,
    /// `SetThreadDescription`'s text, as the program gave it (UTF-16).
    description: Mutex<Vec<u16>>,
    /// `SetThreadPriority`'s level, for `GetThreadPriority` (scheduling is not changed).
    priority: AtomicI32,
}

/// A thread's times as `GetThreadTimes` reports them.
#[derive(Clone, Copy, Default)]
pub struct Times {
    pub created: Option<std::time::SystemTime>,
    /// (kernel, user, exit time), taken as the thread ended.
    pub ended: Option<(
        std::time::Duration,
        std::time::Duration,
        std::time::SystemTime,
    )>,
}

/// A thread's life as suspension and termination see it.
#[derive(Default)]
struct Control {
    /// The thread while it runs its routine: the control signal reaches it.
    running: Option<Target>,
    /// It ended (its routine returned, `ExitThread`, `TerminateThread`).
    ended: bool,
}

/// `MAXIMUM_SUSPEND_COUNT`.
const MAXIMUM_SUSPEND_COUNT: u32 = 127;

#[derive(Default)]
struct Affinity {
    /// The kernel thread id; 0 until the thread has started.
    tid: i32,
    /// A mask `SetThreadAffinityMask` gave before the thread started.
    pending: Option<u64>,
}

impl ThreadState {
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn exit_code(&self) -> u32 {
        self.exit_code.load(SeqCst)
    }

    /// The thread's APC queue.
    pub(crate) fn apc(&self) -> &ApcTarget {
        &self.apc
    }

    /// Its times (see `Times`).
    pub fn times(&self) -> Times {
        *self.times.lock()
    }

    /// Its kernel thread id, once it runs (0 before).
    pub fn kernel_id(&self) -> i32 {
        self.affinity.lock().tid
    }

    /// Its priority level (`GetThreadPriority`): `THREAD_PRIORITY_NORMAL` (0) until one is set.
    pub fn priority(&self) -> i32 {
        self.priority.load(SeqCst)
    }

    /// Records its priority level (`SetThreadPriority`).
    pub fn set_priority(&self, level: i32) {
        self.priority.store(level, SeqCst);
    }

    /// Its description (`GetThreadDescription`): empty until one is set.
    pub fn description(&self) -> Vec<u16> {
        self.description.lock().clone()
    }

    /// Sets its description, and the system's name of the thread (its first 15 bytes of
    /// UTF-8) when it runs: `current` says whether it is the calling thread.
    pub fn set_description(&self, text: Vec<u16>, current: bool) {
        let name = String::from_utf16_lossy(&text);
        *self.description.lock() = text;
        if current {
            crate::sys::thread::set_current_name(&name);
        } else if self.kernel_id() != 0 {
            crate::sys::thread::set_name_of(self.kernel_id(), &name);
        }
    }

    /// Whether the thread has ended.
    pub fn has_finished(&self) -> bool {
        self.finished.load(SeqCst)
    }

    /// Makes the calling thread, which this object stands for, reachable by `SuspendThread`
    /// and `TerminateThread` (a suspension asked for before this is honoured at once).
    fn bind_current(&self) {
        thread_control::bind_current(&self.signals);
        let suspended = thread_control::held_back(|| {
            self.control.lock().running = Some(Target::current());
            self.signals.suspend.load(SeqCst) > 0
        });
        if suspended {
            let _ = thread_control::nudge(Target::current());
        }
    }

    /// Records the running thread's kernel id and applies an affinity set before it started.
    fn started(&self, tid: i32) {
        let mut a = self.affinity.lock();
        a.tid = tid;
        if let Some(mask) = a.pending.take() {
            let _ = crate::sys::thread::set_affinity(tid, mask);
        }
    }

    /// `ResumeThread`: decrements the suspend count; returns the previous count. At 0 the
    /// thread starts its routine, or goes on from where `SuspendThread` stopped it.
    pub fn resume(&self) -> u32 {
        let control = self.control.lock();
        let prev = self.signals.suspend.load(SeqCst);
        if prev > 0 {
            self.signals.suspend.store(prev - 1, SeqCst);
            if prev == 1 {
                self.resumed.notify_all();
                if let Some(target) = control.running {
                    let _ = thread_control::nudge(target);
                }
            }
        }
        prev
    }

    /// `SuspendThread`: increments the suspend count and, from 0, stops the thread where it
    /// stands (it may run a moment longer: the stop is asynchronous, as on Windows). Returns
    /// the previous count; `ERROR_ACCESS_DENIED` for a thread that has ended,
    /// `ERROR_SIGNAL_REFUSED` past `MAXIMUM_SUSPEND_COUNT`.
    pub fn suspend(&self) -> WsaResult<u32> {
        let control = self.control.lock();
        if control.ended {
            return Err(err(codes::ERROR_ACCESS_DENIED));
        }
        let prev = self.signals.suspend.load(SeqCst);
        if prev >= MAXIMUM_SUSPEND_COUNT {
            return Err(err(codes::ERROR_SIGNAL_REFUSED));
        }
        self.signals.suspend.store(prev + 1, SeqCst);
        match control.running {
            // The calling thread stops once it no longer holds its own lock.
            Some(target) if prev == 0 && target == Target::current() => {
                drop(control);
                let _ = thread_control::nudge(target);
            }
            Some(target) if prev == 0 => {
                thread_control::nudge(target).map_err(|_| err(codes::ERROR_ACCESS_DENIED))?;
            }
            _ => {}
        }
        Ok(prev)
    }

    /// The calling thread, which this object stands for, is ending: whether it is the one
    /// to end it (false: `TerminateThread` did).
    fn end(&self) -> bool {
        // It must not be stopped holding its own lock.
        thread_control::held_back(|| {
            let mut control = self.control.lock();
            control.running = None;
            !std::mem::replace(&mut control.ended, true)
        })
    }
}

static NEXT_ID: AtomicU32 = AtomicU32::new(4);

/// The calling thread's own object, if ws2mp started it. Dropped by the thread's TLS
/// destructors: if it ends some other way (a direct `pthread_exit`), its handle is still
/// signalled.
struct Current(RefCell<Option<Arc<Object>>>);

impl Drop for Current {
    fn drop(&mut self) {
        if let Some(object) = self.0.borrow_mut().take() {
            finish(&object, 0);
        }
    }
}

thread_local! {
    static ID: Cell<u32> = const { Cell::new(0) };
    static CURRENT: Current = const { Current(RefCell::new(None)) };
}

fn new_id() -> u32 {
    NEXT_ID.fetch_add(4, SeqCst)
}

/// `GetCurrentThreadId`: nonzero, unique among live threads of the process.
pub fn current_id() -> u32 {
    ID.with(|id| {
        if id.get() == 0 {
            id.set(new_id());
        }
        id.get()
    })
}

/// The calling thread's object, if ws2mp started it (for `GetCurrentThread`'s pseudo-handle).
pub fn current_object() -> Option<Arc<Object>> {
    CURRENT.try_with(|c| c.0.borrow().clone()).ok().flatten()
}

/// The calling thread's object, made now for a thread ws2mp did not start (the main thread, a
/// pthread): `DuplicateHandle(GetCurrentThread())` needs a real object. It is signalled (exit
/// code 0) when the thread's TLS is destroyed, that is when the thread ends.
pub fn current_object_or_new() -> WsaResult<Arc<Object>> {
    if let Some(me) = current_object() {
        return Ok(me);
    }
    let object = new_object(current_id(), false, ApcTarget::current())?;
    let thread = state(&object)?;
    thread.started(crate::sys::thread::os_thread_id());
    thread.bind_current();
    CURRENT
        .try_with(|c| *c.0.borrow_mut() = Some(object.clone()))
        .map_err(|_| err(codes::ERROR_INVALID_HANDLE))?;
    Ok(object)
}

fn new_object(id: u32, suspended: bool, apc: ApcTarget) -> WsaResult<Arc<Object>> {
    Object::new(
        Kind::Thread(ThreadState {
            id,
            exit_code: AtomicU32::new(STILL_ACTIVE),
            finished: AtomicBool::new(false),
            control: Mutex::new(Control::default()),
            resumed: Condvar::new(),
            signals: Arc::new(thread_control::Control {
                suspend: AtomicU32::new(u32::from(suspended)),
                terminated: AtomicBool::new(false),
            }),
            auto_close: AtomicUsize::new(0),
            apc,
            affinity: Mutex::new(Affinity::default()),
            times: Mutex::new(Times::default()),
            description: Mutex::new(Vec::new()),
            priority: AtomicI32::new(0),
        }),
        None,
        false,
    )
}

/// The thread behind an object, or `ERROR_INVALID_HANDLE`.
pub fn state(object: &Object) -> WsaResult<&ThreadState> {
    match &object.kind {
        Kind::Thread(t) => Ok(t),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

struct Start {
    object: Arc<Object>,
    routine: Routine,
}

/// Starts a thread; returns its handle and id. `auto_close`: the handle is closed when the
/// thread ends (`_beginthread`). Out of threads or memory → `ERROR_NOT_ENOUGH_MEMORY`.
pub fn create(
    routine: Routine,
    stack: usize,
    suspended: bool,
    auto_close: bool,
) -> WsaResult<(usize, u32)> {
    let id = new_id();
    let object = new_object(id, suspended, ApcTarget::new())?;
    let handle = table::insert(object.clone(), false)?;
    if auto_close {
        state(&object)?.auto_close.store(handle, SeqCst);
    }
    let start = Start { object, routine };
    if crate::sys::routine::spawn(start, run, stack).is_err() {
        let _ = table::close(handle);
        return Err(err(codes::ERROR_NOT_ENOUGH_MEMORY));
    }
    Ok((handle, id))
}

/// The new thread's body (started by `sys::routine::spawn`).
fn run(start: Start) {
    let Start { object, routine } = start;
    let Ok(thread) = state(&object) else {
        return;
    };
    ID.with(|id| id.set(thread.id));
    thread.times.lock().created = Some(std::time::SystemTime::now());
    thread.started(crate::sys::thread::os_thread_id());
    apc::install(&thread.apc);
    {
        let mut control = thread.control.lock();
        while thread.signals.suspend.load(SeqCst) > 0 && !control.ended {
            thread.resumed.wait(&mut control);
        }
        if control.ended {
            // Terminated before it started: its routine never runs.
            return;
        }
    }
    thread.bind_current();
    // As on Windows, APCs queued before the thread started (to a `CREATE_SUSPENDED` thread,
    // say) run before its routine.
    apc::run_pending();
    // From here the thread's object lives in its TLS only, so that an `ExitThread` (which
    // unwinds, or on some systems does not) leaves nothing of this frame to drop.
    let _ = CURRENT.try_with(|c| *c.0.borrow_mut() = Some(object));
    let code = routine.run();
    finish_current(code);
}

/// How an ending thread's message queue and windows go (the window layer, above this one, sets
/// it when it makes the first queue): before the thread's handle is signalled, as on Windows.
static MESSAGE_QUEUE_EXIT: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what [`finish_current`] calls to end the thread's message queue (the first call wins;
/// the window layer passes the same function every time).
pub fn set_message_queue_exit(exit: fn()) {
    let _ = MESSAGE_QUEUE_EXIT.set(exit);
}

/// The calling thread ends with `code`: runs its FLS callbacks, records the code, abandons the
/// mutexes it owns, ends its message queue, signals its handle, and closes the handle if
/// `_beginthread` made it.
pub fn finish_current(code: u32) {
    // Fiber-local storage callbacks run before the handle is signalled, as on Windows.
    super::fls::thread_exit();
    sync::abandon_owned();
    // Its message queue and windows go before anyone sees it ended.
    if let Some(exit) = MESSAGE_QUEUE_EXIT.get() {
        exit();
    }
    let object = CURRENT.try_with(|c| c.0.borrow_mut().take()).ok().flatten();
    if let Some(object) = object {
        finish(&object, code);
    }
}

/// Runs on the ending thread itself (its routine's end, `ExitThread`, its TLS destructor).
fn finish(object: &Arc<Object>, code: u32) {
    let Ok(thread) = state(object) else { return };
    thread_control::unbind_current();
    if !thread.end() {
        return;
    }
    if let Ok((kernel, user)) = crate::sys::cpu_times::thread() {
        thread.times.lock().ended = Some((kernel, user, std::time::SystemTime::now()));
    }
    conclude(object, thread, code);
}

/// `TerminateThread` on another thread: stops it for good where it stands (or before its
/// routine starts) and ends it with `code` in its place. A thread that has ended already
/// keeps its exit code.
pub fn terminate(object: &Arc<Object>, code: u32) -> WsaResult<()> {
    let thread = state(object)?;
    {
        // Held while the signal goes out: the thread cannot get past its own end meanwhile.
        let mut control = thread.control.lock();
        if control.ended {
            return Ok(());
        }
        control.ended = true;
        thread.signals.terminated.store(true, SeqCst);
        match control.running.take() {
            Some(target) => {
                thread_control::nudge(target).map_err(|_| err(codes::ERROR_ACCESS_DENIED))?
            }
            None => {
                thread.resumed.notify_all();
            }
        }
    }
    thread.times.lock().ended = Some((
        std::time::Duration::ZERO,
        std::time::Duration::ZERO,
        std::time::SystemTime::now(),
    ));
    sync::abandon_owned_by(thread.id);
    conclude(object, thread, code);
    Ok(())
}

/// The end of a thread as others see it: its exit code, its signalled handle, and the
/// handle `_beginthread` made closed.
fn conclude(object: &Arc<Object>, thread: &ThreadState, code: u32) {
    thread.finished.store(true, SeqCst);
    thread.exit_code.store(code, SeqCst);
    object.event.set();
    let handle = thread.auto_close.swap(0, SeqCst);
    if handle != 0 {
        let _ = table::close(handle);
    }
}

/// `ExitThread`: ends the calling thread with `code` (its routine's frames are unwound, as far
/// as the system unwinds them on `pthread_exit`).
pub fn exit_current(code: u32) -> ! {
    finish_current(code);
    crate::sys::thread::exit()
}

/// The process's affinity mask (`GetProcessAffinityMask`): the CPUs the process was allowed
/// when ws2mp first looked, narrowed by `SetProcessAffinityMask`.
static PROCESS_AFFINITY: Mutex<u64> = Mutex::new(0);

/// The process's affinity mask and the system's (the CPUs online).
pub fn process_affinity() -> (u64, u64) {
    let system = crate::sys::thread::online_cpus_mask();
    let mut process = PROCESS_AFFINITY.lock();
    if *process == 0 {
        let pid = crate::sys::thread::process_id() as i32;
        *process = crate::sys::thread::affinity(pid).unwrap_or(system) & system;
        if *process == 0 {
            *process = system;
        }
    }
    (*process, system)
}

/// `SetProcessAffinityMask`: every thread of the process (those running now) may run on the
/// CPUs of `mask` only, which must be a nonzero subset of the system's.
pub fn set_process_affinity(mask: u64) -> WsaResult<()> {
    let (_, system) = process_affinity();
    if mask == 0 || mask & !system != 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    for tid in crate::sys::thread::process_thread_ids() {
        let _ = crate::sys::thread::set_affinity(tid, mask);
    }
    *PROCESS_AFFINITY.lock() = mask;
    Ok(())
}

/// `SetThreadAffinityMask`: the thread (`None`: the caller) may run on the CPUs of `mask`
/// only, a nonzero subset of the process's mask (else `ERROR_INVALID_PARAMETER`). Returns the
/// mask the thread had. A thread that has not started yet gets it when it starts.
pub fn set_thread_affinity(target: Option<&ThreadState>, mask: u64) -> WsaResult<u64> {
    let (process, system) = process_affinity();
    // As on Windows: all bits set means every CPU the process may use, and bits for CPUs the
    // system does not have are ignored (what is left must be a nonzero part of the process's
    // mask).
    let mask = if mask == u64::MAX {
        process
    } else {
        mask & system
    };
    if mask == 0 || mask & !process != 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    let apply = |tid: i32| -> WsaResult<u64> {
        let previous = crate::sys::thread::affinity(tid).unwrap_or(process);
        crate::sys::thread::set_affinity(tid, mask)
            .map_err(|_| err(codes::ERROR_INVALID_PARAMETER))?;
        Ok(previous & process)
    };
    match target {
        None => apply(crate::sys::thread::os_thread_id()),
        Some(thread) => {
            let mut a = thread.affinity.lock();
            if a.tid == 0 {
                let previous = a.pending.replace(mask).unwrap_or(process);
                return Ok(previous);
            }
            if thread.has_finished() {
                return Ok(mask);
            }
            apply(a.tid)
        }
    }
}

/// `GetPriorityClass`'s answer: what `SetPriorityClass` last recorded.
static PRIORITY_CLASS: AtomicU32 = AtomicU32::new(NORMAL_PRIORITY_CLASS);
/// `NORMAL_PRIORITY_CLASS`.
pub(crate) const NORMAL_PRIORITY_CLASS: u32 = 0x20;

/// `SetPriorityClass` on the process: the class is recorded (`GetPriorityClass` reads it);
/// the OS priority of its threads stays as it is. `PROCESS_MODE_BACKGROUND_BEGIN`/`END`
/// are accepted and change nothing. Anything else is `ERROR_INVALID_PARAMETER`.
pub fn set_priority_class(class: u32) -> WsaResult<()> {
    const IDLE: u32 = 0x40;
    const HIGH: u32 = 0x80;
    const REALTIME: u32 = 0x100;
    const BELOW_NORMAL: u32 = 0x4000;
    const ABOVE_NORMAL: u32 = 0x8000;
    const BACKGROUND_BEGIN: u32 = 0x0010_0000;
    const BACKGROUND_END: u32 = 0x0020_0000;
    match class {
        IDLE | BELOW_NORMAL | NORMAL_PRIORITY_CLASS | ABOVE_NORMAL | HIGH | REALTIME => {
            PRIORITY_CLASS.store(class, SeqCst);
            Ok(())
        }
        BACKGROUND_BEGIN | BACKGROUND_END => Ok(()),
        _ => Err(err(codes::ERROR_INVALID_PARAMETER)),
    }
}

/// `GetPriorityClass`.
pub fn priority_class() -> u32 {
    PRIORITY_CLASS.load(SeqCst)
}
