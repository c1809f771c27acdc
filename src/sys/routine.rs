//! The program's own code that ws2mp runs: thread start routines (`CreateThread`,
//! `_beginthread(ex)`) and console control handlers (`SetConsoleCtrlHandler`), as values that
//! are safe to call. Only the ABI layer makes them, through constructors whose callers vouch
//! that the function may be called as declared; the core stores and calls them in safe code.

use super::SysResult;
use std::os::raw::c_void;

/// A thread's start routine and its parameter: `DWORD WINAPI f(LPVOID)` (`CreateThread`,
/// `_beginthreadex`) or `void f(void *)` (`_beginthread`). "C-unwind": `ExitThread` inside it
/// unwinds through.
pub struct ThreadRoutine {
    kind: Kind,
    param: *mut c_void,
}

#[derive(Clone, Copy)]
enum Kind {
    Win32(unsafe extern "C-unwind" fn(*mut c_void) -> u32),
    Void(unsafe extern "C-unwind" fn(*mut c_void)),
}

// SAFETY: the parameter is the program's, handed to the new thread as Windows hands it; what
// it points to is the program's business (as on Windows).
unsafe impl Send for ThreadRoutine {}

impl ThreadRoutine {
    /// # Safety
    /// `f` must be sound to call once with `param` on another thread.
    pub unsafe fn win32(
        f: unsafe extern "C-unwind" fn(*mut c_void) -> u32,
        param: *mut c_void,
    ) -> Self {
        ThreadRoutine {
            kind: Kind::Win32(f),
            param,
        }
    }

    /// # Safety
    /// As [`ThreadRoutine::win32`].
    pub unsafe fn void(f: unsafe extern "C-unwind" fn(*mut c_void), param: *mut c_void) -> Self {
        ThreadRoutine {
            kind: Kind::Void(f),
            param,
        }
    }

    /// Runs the routine; its exit code (0 for a `void` routine).
    pub fn run(self) -> u32 {
        // SAFETY: the constructor's contract.
        unsafe {
            match self.kind {
                Kind::Win32(f) => f(self.param),
                Kind::Void(f) => {
                    f(self.param);
                    0
                }
            }
        }
    }
}

/// Starts a detached thread that runs `body(data)`, with at least `stack` bytes of stack (0:
/// the default). `data` is moved out of its allocation (which is freed) before `body` runs, so
/// a thread that ends inside `body` without unwinding (`pthread_exit` on some systems) leaks
/// nothing of it. Err(errno) if the system refuses.
pub fn spawn<T: Send + 'static>(data: T, body: fn(T), stack: usize) -> SysResult<()> {
    extern "C-unwind" fn trampoline<T>(arg: *mut c_void) -> *mut c_void {
        // SAFETY: `spawn` passed a `Box<(T, fn(T))>` it gave up.
        let (data, body) = *unsafe { Box::from_raw(arg.cast::<(T, fn(T))>()) };
        body(data);
        std::ptr::null_mut()
    }
    let arg = Box::into_raw(Box::new((data, body)));
    // SAFETY: `trampoline::<T>` takes ownership of the box it is given, on the new thread
    // (T: Send).
    let r = unsafe { super::thread::spawn(trampoline::<T>, arg.cast(), stack) };
    if r.is_err() {
        // SAFETY: the thread was not created, so the box is still ours.
        drop(unsafe { Box::from_raw(arg) });
    }
    r
}

/// A console control handler (`PHANDLER_ROUTINE`).
#[derive(Clone, Copy)]
pub struct CtrlHandler(unsafe extern "C" fn(u32) -> i32);

impl CtrlHandler {
    /// # Safety
    /// `f` must be sound to call with a control code on any thread, for as long as it stays
    /// registered.
    pub unsafe fn new(f: unsafe extern "C" fn(u32) -> i32) -> Self {
        CtrlHandler(f)
    }

    /// The function's address (what tells two registrations apart).
    pub fn address(self) -> usize {
        self.0 as usize
    }

    /// Calls the handler with `event`; its answer (non-zero: handled).
    pub fn call(self, event: u32) -> i32 {
        // SAFETY: the constructor's contract.
        unsafe { (self.0)(event) }
    }
}
