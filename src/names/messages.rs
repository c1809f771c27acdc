//! `gai_strerror`'s texts. On Windows `gai_strerror` formats the system message of the Winsock
//! code (the `EAI_*` values are Winsock codes), so these are the system's English messages,
//! with the trailing space that formatting leaves where the message's line break was.

use std::cell::RefCell;

/// The message for `code`, or "" for a code that has none.
pub fn text(code: i32) -> &'static str {
    use crate::winsock::*;
    match code {
        0 => "The operation completed successfully. ",
        WSATRY_AGAIN => "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server. ",
        WSAEINVAL => "An invalid argument was supplied. ",
        WSANO_RECOVERY => "A non-recoverable error occurred during a database lookup. ",
        WSAEAFNOSUPPORT => "An address incompatible with the requested protocol was used. ",
        WSA_NOT_ENOUGH_MEMORY => "Not enough memory resources are available to process this command. ",
        WSAHOST_NOT_FOUND => "No such host is known. ",
        WSATYPE_NOT_FOUND => "The specified class was not found. ",
        WSAESOCKTNOSUPPORT => "The support for the specified socket type does not exist in this address family. ",
        WSANO_DATA => "The requested name is valid, but no data of the requested type was found. ",
        WSAEFAULT => "The system detected an invalid pointer address in attempting to use a pointer argument in a call. ",
        WSANOTINITIALISED => "Either the application has not called WSAStartup, or WSAStartup failed. ",
        _ => "",
    }
}

thread_local! {
    static NARROW: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static WIDE: RefCell<Vec<u16>> = const { RefCell::new(Vec::new()) };
}

/// The message as a NUL-terminated string in this thread's buffer (valid until the next call
/// on this thread).
pub fn narrow(code: i32) -> *mut std::os::raw::c_char {
    NARROW.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        b.extend_from_slice(text(code).as_bytes());
        b.push(0);
        b.as_mut_ptr().cast()
    })
}

/// The message as a NUL-terminated UTF-16 string in this thread's buffer.
pub fn wide(code: i32) -> *mut u16 {
    WIDE.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        b.extend(text(code).encode_utf16());
        b.push(0);
        b.as_mut_ptr()
    })
}
