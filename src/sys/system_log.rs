//! The system log (`syslog`), where `ReportEvent` writes what Windows keeps in its event log.

use std::ffi::CString;

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Notice,
    Info,
}

/// Writes one message (NUL bytes dropped) at `severity`, under the program's name.
pub fn write(severity: Severity, text: &str) {
    let priority = libc::LOG_USER
        | match severity {
            Severity::Error => libc::LOG_ERR,
            Severity::Warning => libc::LOG_WARNING,
            Severity::Notice => libc::LOG_NOTICE,
            Severity::Info => libc::LOG_INFO,
        };
    let text = CString::new(text.replace('\0', "")).expect("NUL bytes removed");
    // SAFETY: a constant format taking one C string, and that string.
    unsafe { libc::syslog(priority, c"%s".as_ptr(), text.as_ptr()) };
}
