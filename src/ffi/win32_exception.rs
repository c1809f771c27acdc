//! `SetUnhandledExceptionFilter` and `AddVectoredExceptionHandler`: the program's exception
//! filters, called when its own code faults (`sys::fault` turns the signal into Windows'
//! exception record) or raises an exception (`RaiseException`).

use crate::sys::fault::{self, Fault, Verdict};
use std::os::raw::c_void;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering::SeqCst};

/// Windows' `EXCEPTION_RECORD` (x64 layout, 152 bytes).
#[repr(C)]
pub struct ExceptionRecord {
    code: u32,
    flags: u32,
    record: *mut ExceptionRecord,
    address: *mut c_void,
    number_parameters: u32,
    information: [usize; 15],
}

/// Windows' `EXCEPTION_POINTERS` (the `ContextRecord` is NULL: the processor state is not
/// provided).
#[repr(C)]
pub struct ExceptionPointers {
    record: *mut ExceptionRecord,
    context: *mut c_void,
}

/// A top-level exception filter: `LONG WINAPI f(EXCEPTION_POINTERS *)`, returning
/// `EXCEPTION_EXECUTE_HANDLER` (1), `EXCEPTION_CONTINUE_SEARCH` (0) or
/// `EXCEPTION_CONTINUE_EXECUTION` (-1).
pub type LPTOP_LEVEL_EXCEPTION_FILTER = Option<unsafe extern "C" fn(*mut ExceptionPointers) -> i32>;

/// A vectored exception handler: `LONG CALLBACK f(EXCEPTION_POINTERS *)`, returning
/// `EXCEPTION_CONTINUE_EXECUTION` (-1) or `EXCEPTION_CONTINUE_SEARCH` (0).
pub type PVECTORED_EXCEPTION_HANDLER = Option<unsafe extern "C" fn(*mut ExceptionPointers) -> i32>;

/// The program's filter, as an address (0: none).
static FILTER: AtomicUsize = AtomicUsize::new(0);

/// The vectored handlers in calling order, as (handle, function address). The signal handler
/// reads the list without a lock: each change publishes a new list and the old one is never
/// freed (a few bytes per change), since a fault may be reading it.
static VECTORED: AtomicPtr<Vec<(usize, usize)>> = AtomicPtr::new(std::ptr::null_mut());
static VECTORED_EDIT: parking_lot::Mutex<usize> = parking_lot::Mutex::new(0);

/// The vectored handlers now registered.
fn vectored() -> &'static [(usize, usize)] {
    let list = VECTORED.load(SeqCst);
    // SAFETY: VECTORED is null or a leaked, never-freed list (publish).
    unsafe { list.as_ref() }.map_or(&[], |v| v.as_slice())
}

/// Publishes `list` (the old one is left in place for any fault still reading it).
fn publish(list: Vec<(usize, usize)>) {
    VECTORED.store(Box::into_raw(Box::new(list)), SeqCst);
}

fn install() {
    if let Err(e) = fault::catch_faults(on_fault) {
        crate::log::error(format_args!(
            "exception handlers: sigaction failed (errno {e})"
        ));
    }
}

/// Makes `lpTopLevelExceptionFilter` the function called when the program's code faults:
/// an invalid memory access (`EXCEPTION_ACCESS_VIOLATION`, with the read/write flag and the
/// address in `ExceptionInformation[0..2]`), an integer division by zero
/// (`EXCEPTION_INT_DIVIDE_BY_ZERO`) or overflow, a floating-point fault, an illegal
/// instruction, a misaligned or unbacked access (`EXCEPTION_DATATYPE_MISALIGNMENT`,
/// `EXCEPTION_IN_PAGE_ERROR`). It runs on the faulting thread; what it returns decides:
/// `EXCEPTION_EXECUTE_HANDLER` ends the process at once with the exception code as its exit
/// code (the system keeps its low 8 bits: 5 for an access violation),
/// `EXCEPTION_CONTINUE_SEARCH` lets the fault take its usual course (the process crashes, or
/// a handler installed before gets it), `EXCEPTION_CONTINUE_EXECUTION` runs the faulting
/// instruction again. NULL removes the filter. Returns the previous filter (NULL at first).
///
/// Differences from Windows: `ContextRecord` is NULL (no `CONTEXT`); a stack overflow is not
/// reported (the filter would need a stack of its own); the filter runs inside a signal
/// handler, so it should do little more than Windows' filters usually do (write a line, set
/// a flag, end the process).
#[no_mangle]
pub extern "C" fn SetUnhandledExceptionFilter(
    lpTopLevelExceptionFilter: LPTOP_LEVEL_EXCEPTION_FILTER,
) -> LPTOP_LEVEL_EXCEPTION_FILTER {
    let new = lpTopLevelExceptionFilter.map_or(0, |f| f as usize);
    let old = FILTER.swap(new, SeqCst);
    if new != 0 {
        if let Err(e) = fault::catch_faults(on_fault) {
            crate::log::error(format_args!(
                "SetUnhandledExceptionFilter: sigaction failed (errno {e})"
            ));
        }
    }
    // SAFETY: FILTER only ever holds 0 or a filter function's address (stored above).
    (old != 0).then(|| unsafe {
        std::mem::transmute::<usize, unsafe extern "C" fn(*mut ExceptionPointers) -> i32>(old)
    })
}

/// Registers `Handler`, called for the same faults as the top-level filter, before it:
/// first in line when `First` is nonzero, else last. A handler that returns
/// `EXCEPTION_CONTINUE_EXECUTION` runs the faulting instruction again (the handlers after it
/// and the top-level filter are not called); `EXCEPTION_CONTINUE_SEARCH` passes the fault on.
/// Returns a handle for `RemoveVectoredExceptionHandler`, or NULL for a NULL handler.
/// Difference from Windows: the faults of `SetUnhandledExceptionFilter` and `RaiseException`'s
/// exceptions reach it, C++ exceptions do not.
#[no_mangle]
pub extern "C" fn AddVectoredExceptionHandler(
    First: u32,
    Handler: PVECTORED_EXCEPTION_HANDLER,
) -> *mut c_void {
    let Some(f) = Handler else {
        return std::ptr::null_mut();
    };
    let mut last_handle = VECTORED_EDIT.lock();
    *last_handle += 1;
    let mut list = vectored().to_vec();
    let entry = (*last_handle, f as usize);
    if First != 0 {
        list.insert(0, entry);
    } else {
        list.push(entry);
    }
    publish(list);
    install();
    *last_handle as *mut c_void
}

/// Removes the vectored handler `Handle` stands for: nonzero, or 0 when it is not
/// registered.
#[no_mangle]
pub extern "C" fn RemoveVectoredExceptionHandler(Handle: *mut c_void) -> u32 {
    let _edit = VECTORED_EDIT.lock();
    let mut list = vectored().to_vec();
    let before = list.len();
    list.retain(|(h, _)| *h != Handle as usize);
    if list.len() == before {
        return 0;
    }
    publish(list);
    1
}

/// `EXCEPTION_EXECUTE_HANDLER` and `EXCEPTION_CONTINUE_EXECUTION`.
const EXECUTE_HANDLER: i32 = 1;
const CONTINUE_EXECUTION: i32 = -1;

/// Calls a handler or filter the program registered (by address).
fn call(handler: usize, pointers: &mut ExceptionPointers) -> i32 {
    // SAFETY: `handler` is the address of an exception handler or filter the program
    // registered; the pointers it gets are valid for the call.
    unsafe {
        let handler: unsafe extern "C" fn(*mut ExceptionPointers) -> i32 =
            std::mem::transmute(handler);
        handler(pointers)
    }
}

/// What the program's handlers made of an exception.
enum Handled {
    /// A handler returned `EXCEPTION_CONTINUE_EXECUTION` (for a continuable exception).
    Continue,
    /// The top-level filter returned `EXCEPTION_EXECUTE_HANDLER`.
    Execute,
    /// Nobody took it.
    Not,
}

/// Offers an exception to the vectored handlers, in order, then to the top-level filter.
fn dispatch(
    code: u32,
    flags: u32,
    address: usize,
    information: [usize; 15],
    count: u32,
) -> Handled {
    let mut record = ExceptionRecord {
        code,
        flags,
        record: std::ptr::null_mut(),
        address: address as *mut c_void,
        number_parameters: count,
        information,
    };
    let mut pointers = ExceptionPointers {
        record: &mut record,
        context: std::ptr::null_mut(),
    };
    let continuable = flags & EXCEPTION_NONCONTINUABLE == 0;
    for &(_, handler) in vectored() {
        if call(handler, &mut pointers) == CONTINUE_EXECUTION && continuable {
            return Handled::Continue;
        }
    }
    match FILTER.load(SeqCst) {
        0 => Handled::Not,
        filter => match call(filter, &mut pointers) {
            EXECUTE_HANDLER => Handled::Execute,
            CONTINUE_EXECUTION if continuable => Handled::Continue,
            _ => Handled::Not,
        },
    }
}

/// Called by `sys::fault` on the faulting thread: the fault as an exception record, offered to
/// the program's handlers.
fn on_fault(f: &Fault) -> Verdict {
    let mut information = [0usize; 15];
    let count = if f.code == fault::code::ACCESS_VIOLATION {
        information[0] = usize::from(f.write);
        information[1] = f.address;
        2
    } else {
        0
    };
    match dispatch(f.code, 0, f.pc, information, count) {
        Handled::Continue => Verdict::Retry,
        Handled::Execute => Verdict::Exit(f.code as i32),
        Handled::Not => Verdict::PassOn,
    }
}

/// The exception Visual C++ programs raise to name a thread for the debugger
/// (`MS_VC_EXCEPTION`), with a `THREADNAME_INFO` as its arguments.
const MS_VC_EXCEPTION: u32 = 0x406D_1388;
/// `THREADNAME_INFO.dwType`.
const THREADNAME_INFO_TYPE: usize = 0x1000;

/// Names the calling thread from a `THREADNAME_INFO` given as `RaiseException`'s arguments
/// (`dwType` 0x1000, `szName`, `dwThreadID` -1 or the caller's id).
fn name_thread(args: &[usize]) {
    let (Some(&kind), Some(&name)) = (args.first(), args.get(1)) else {
        return;
    };
    let thread = args.get(2).map_or(u32::MAX, |&t| t as u32);
    let me = crate::handle::thread::current_id();
    if kind & 0xFFFF_FFFF != THREADNAME_INFO_TYPE || (thread != u32::MAX && thread != me) {
        return;
    }
    if let Ok(text) = crate::sys::copy_string_from_user(name as *const u8, 1, 256) {
        crate::sys::thread::set_current_name(&String::from_utf8_lossy(&text));
    }
}

/// Raises a software exception on the calling thread. `MS_VC_EXCEPTION` (0x406D1388) with a
/// `THREADNAME_INFO` names the calling thread (what Visual C++'s `SetThreadName` recipe does;
/// the system keeps 15 bytes of the name) and returns, as on Windows with no debugger once
/// the program's `__except` has caught it. Any other code goes to the vectored handlers and
/// the top-level filter with an `EXCEPTION_RECORD` of `dwExceptionCode`, `dwExceptionFlags`
/// and up to 15 arguments: `EXCEPTION_CONTINUE_EXECUTION` returns from the call (not for
/// `EXCEPTION_NONCONTINUABLE`), `EXCEPTION_EXECUTE_HANDLER` from the filter ends the process
/// with the code as its exit code, and with no handler taking it the process ends the same way
/// (Windows' unhandled exception). Difference from Windows: the program's own `__try` /
/// `__except` blocks never catch it (they compile to their normal path here).
///
/// # Safety
/// `lpArguments` must be NULL or point to `nNumberOfArguments` readable values.
#[no_mangle]
pub unsafe extern "C" fn RaiseException(
    dwExceptionCode: u32,
    dwExceptionFlags: u32,
    nNumberOfArguments: u32,
    lpArguments: *const usize,
) {
    let count = (nNumberOfArguments as usize).min(15);
    let mut information = [0usize; 15];
    if !lpArguments.is_null() && super::read_array(lpArguments, &mut information[..count]).is_err()
    {
        information = [0; 15];
    }
    if dwExceptionCode == MS_VC_EXCEPTION {
        name_thread(&information[..count]);
        return;
    }
    let flags = dwExceptionFlags & EXCEPTION_NONCONTINUABLE;
    match dispatch(
        dwExceptionCode,
        flags,
        RaiseException as *const () as usize,
        information,
        count as u32,
    ) {
        Handled::Continue => {}
        Handled::Execute | Handled::Not => {
            crate::log::error(format_args!(
                "unhandled exception 0x{dwExceptionCode:08X} raised by the program: the process ends"
            ));
            crate::sys::process::exit_now(dwExceptionCode)
        }
    }
}

/// `EXCEPTION_NONCONTINUABLE`.
const EXCEPTION_NONCONTINUABLE: u32 = 1;
