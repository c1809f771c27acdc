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

/// A service's `ServiceMain`: `VOID WINAPI ServiceMain(DWORD argc, LPSTR *argv)` (or `LPWSTR *`),
/// run once with the service's name as its only argument.
pub struct ServiceMain {
    f: unsafe extern "C-unwind" fn(u32, *mut *mut c_void),
    /// The argument, NUL-terminated, in the function's character type (bytes or UTF-16 units).
    name: ServiceName,
}

enum ServiceName {
    Narrow(std::ffi::CString),
    Wide(Vec<u16>),
}

impl ServiceMain {
    /// # Safety
    /// `f` must be sound to call once, on another thread, as `ServiceMain(argc, argv)` with
    /// narrow (`wide` false) or UTF-16 strings.
    pub unsafe fn new(
        f: unsafe extern "C-unwind" fn(u32, *mut *mut c_void),
        wide: bool,
        name: &str,
    ) -> Self {
        let name = if wide {
            ServiceName::Wide(name.encode_utf16().chain(Some(0)).collect())
        } else {
            let bytes: Vec<u8> = name.bytes().filter(|&b| b != 0).collect();
            ServiceName::Narrow(std::ffi::CString::new(bytes).expect("NUL bytes removed"))
        };
        ServiceMain { f, name }
    }

    /// Runs `ServiceMain(1, { name, NULL })`.
    pub fn run(self) {
        let arg = match &self.name {
            ServiceName::Narrow(s) => s.as_ptr() as *mut c_void,
            ServiceName::Wide(w) => w.as_ptr() as *mut c_void,
        };
        let mut argv = [arg, std::ptr::null_mut()];
        // SAFETY: the constructor's contract; `argv` and the name it points to live for the call.
        unsafe { (self.f)(1, argv.as_mut_ptr()) }
    }
}

/// A service's control handler: `VOID WINAPI Handler(DWORD)` (`RegisterServiceCtrlHandler`) or
/// `DWORD WINAPI HandlerEx(DWORD, DWORD, LPVOID, LPVOID)` with its context
/// (`RegisterServiceCtrlHandlerEx`).
#[derive(Clone, Copy)]
pub enum ServiceHandler {
    Plain(unsafe extern "C" fn(u32)),
    Ex(
        unsafe extern "C" fn(u32, u32, *mut c_void, *mut c_void) -> u32,
        *mut c_void,
    ),
}

// SAFETY: the context is the program's, handed back to its handler as Windows hands it.
unsafe impl Send for ServiceHandler {}

impl ServiceHandler {
    /// # Safety
    /// `f` must be sound to call with a control code on the dispatcher's thread.
    pub unsafe fn plain(f: unsafe extern "C" fn(u32)) -> Self {
        ServiceHandler::Plain(f)
    }

    /// # Safety
    /// `f` must be sound to call with a control code, event type 0, no event data and
    /// `context`, on the dispatcher's thread.
    pub unsafe fn ex(
        f: unsafe extern "C" fn(u32, u32, *mut c_void, *mut c_void) -> u32,
        context: *mut c_void,
    ) -> Self {
        ServiceHandler::Ex(f, context)
    }

    /// Delivers `control`.
    pub fn call(self, control: u32) {
        // SAFETY: the constructors' contracts.
        unsafe {
            match self {
                ServiceHandler::Plain(f) => f(control),
                ServiceHandler::Ex(f, context) => {
                    f(control, 0, std::ptr::null_mut(), context);
                }
            }
        }
    }
}
