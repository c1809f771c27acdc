//! The three ways one result is spelled: the NTSTATUS in `WSAOVERLAPPED.Internal`, the
//! Winsock error `WSAGetOverlappedResult` and completion routines report, and the Win32 error
//! `GetQueuedCompletionStatus` and `GetOverlappedResult` report (Windows maps a reset
//! connection to `ERROR_NETNAME_DELETED` there, not to `WSAECONNRESET`).

use crate::error::WsaError;

pub(crate) const STATUS_SUCCESS: u32 = 0;
/// `Internal` while the operation is pending.
pub(crate) const STATUS_PENDING: u32 = 0x103;
pub(crate) const STATUS_CANCELLED: u32 = 0xC000_0120;
/// Statuses for Winsock errors Windows has no NTSTATUS of ours for: the customer bit
/// (0x2000_0000) with the error code in the low bits.
const PRIVATE: u32 = 0xE000_0000;

/// (NTSTATUS, Winsock error, Win32 error).
const TABLE: &[(u32, i32, i32)] = &[
    (STATUS_CANCELLED, 995, 995), // WSA_OPERATION_ABORTED / ERROR_OPERATION_ABORTED
    (0x8000_0005, 10040, 234),    // STATUS_BUFFER_OVERFLOW: WSAEMSGSIZE / ERROR_MORE_DATA
    (0xC000_020D, 10054, 64),     // STATUS_CONNECTION_RESET / ERROR_NETNAME_DELETED
    (0xC000_0241, 10053, 1236),   // STATUS_CONNECTION_ABORTED / ERROR_CONNECTION_ABORTED
    (0xC000_0236, 10061, 1225),   // STATUS_CONNECTION_REFUSED / ERROR_CONNECTION_REFUSED
    (0xC000_00B5, 10060, 121),    // STATUS_IO_TIMEOUT / ERROR_SEM_TIMEOUT
    (0xC000_023C, 10051, 1231),   // STATUS_NETWORK_UNREACHABLE
    (0xC000_023D, 10065, 1232),   // STATUS_HOST_UNREACHABLE
    (0xC000_020C, 10057, 10057),  // STATUS_CONNECTION_DISCONNECTED / WSAENOTCONN
    (0xC000_0008, 10038, 6),      // STATUS_INVALID_HANDLE / WSAENOTSOCK
    (0xC000_0005, 10014, 998),    // STATUS_ACCESS_VIOLATION: WSAEFAULT / ERROR_NOACCESS
    (0xC000_0011, 38, 38),        // STATUS_END_OF_FILE (a file read past its end): ERROR_HANDLE_EOF
];

/// The NTSTATUS for a result.
pub(crate) fn from_error(error: Option<WsaError>) -> u32 {
    let Some(e) = error else {
        return STATUS_SUCCESS;
    };
    TABLE
        .iter()
        .find(|(_, wsa, _)| *wsa == e.0)
        .map_or(PRIVATE | (e.0 as u32 & 0xffff), |(s, _, _)| *s)
}

/// The Winsock error an NTSTATUS stands for (None: success).
pub(crate) fn to_winsock(status: u32) -> Option<WsaError> {
    if status == STATUS_SUCCESS {
        return None;
    }
    if status & 0xF000_0000 == PRIVATE {
        return Some(WsaError((status & 0xffff) as i32));
    }
    Some(WsaError(
        TABLE
            .iter()
            .find(|(s, _, _)| *s == status)
            .map_or(WsaError::WSAEFAULT.0, |(_, w, _)| *w),
    ))
}

/// The Win32 error an NTSTATUS stands for (None: success).
pub(crate) fn to_win32(status: u32) -> Option<WsaError> {
    let wsa = to_winsock(status)?;
    Some(WsaError(
        TABLE
            .iter()
            .find(|(s, _, _)| *s == status)
            .map_or(wsa.0, |(_, _, w)| *w),
    ))
}

/// Whether a failure is a warning (the operation still completed, with a result: a datagram
/// truncated into the buffers), posted like a success.
pub(crate) fn is_warning(error: WsaError) -> bool {
    error == WsaError::WSAEMSGSIZE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        assert_eq!(from_error(None), 0);
        assert_eq!(to_winsock(0), None);
        for e in [995, 10040, 10054, 10022, 10035, 10057] {
            let s = from_error(Some(WsaError(e)));
            assert_ne!(s, STATUS_PENDING);
            assert_eq!(to_winsock(s), Some(WsaError(e)));
        }
        assert_eq!(
            to_win32(from_error(Some(WsaError(10054)))),
            Some(WsaError(64))
        );
        assert_eq!(to_win32(STATUS_CANCELLED), Some(WsaError(995)));
    }
}
