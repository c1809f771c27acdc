//! `SetUnhandledExceptionFilter`: the program's top-level exception filter, called when its
//! own code faults (`sys::fault` turns the signal into Windows' exception record).

use crate::sys::fault::{self, Fault, Verdict};
use std::os::raw::c_void;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

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

/// The program's filter, as an address (0: none).
static FILTER: AtomicUsize = AtomicUsize::new(0);

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

/// `EXCEPTION_EXECUTE_HANDLER` and `EXCEPTION_CONTINUE_EXECUTION`.
const EXECUTE_HANDLER: i32 = 1;
const CONTINUE_EXECUTION: i32 = -1;

/// Called by `sys::fault` on the faulting thread: builds the exception record and asks the
/// program's filter.
fn on_fault(f: &Fault) -> Verdict {
    let filter = FILTER.load(SeqCst);
    if filter == 0 {
        return Verdict::PassOn;
    }
    let mut information = [0usize; 15];
    let number_parameters = if f.code == fault::code::ACCESS_VIOLATION {
        information[0] = usize::from(f.write);
        information[1] = f.address;
        2
    } else {
        0
    };
    let mut record = ExceptionRecord {
        code: f.code,
        flags: 0,
        record: std::ptr::null_mut(),
        address: f.pc as *mut c_void,
        number_parameters,
        information,
    };
    let mut pointers = ExceptionPointers {
        record: &mut record,
        context: std::ptr::null_mut(),
    };
    // SAFETY: FILTER holds the filter the program registered; the pointers it gets are
    // valid for the call.
    let verdict = unsafe {
        let filter: unsafe extern "C" fn(*mut ExceptionPointers) -> i32 =
            std::mem::transmute(filter);
        filter(&mut pointers)
    };
    match verdict {
        EXECUTE_HANDLER => Verdict::Exit(f.code as i32),
        CONTINUE_EXECUTION => Verdict::Retry,
        _ => Verdict::PassOn,
    }
}
