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

/// (NTSTATUS, Winsock error, Win32 error). The Winsock column is the mapping Windows'
/// `WSAGetOverlappedResult` applies (as Wine's conformance tests observe it); the first row
/// for a Winsock error is the status ws2mp stores for it. The Win32 column is what
/// `GetOverlappedResult` and `GetQueuedCompletionStatus` report (Windows' NTSTATUS → Win32
/// conversion); for the statuses ws2mp stores for `WSAENOTCONN`, `WSAESHUTDOWN` and
/// `WSAEWOULDBLOCK`, and where it knows no Win32 error, it is the Winsock code (docs/PORTING.md,
/// `ReadFile`).
const TABLE: &[(u32, i32, i32)] = &[
    (STATUS_CANCELLED, 995, 995), // WSA_OPERATION_ABORTED / ERROR_OPERATION_ABORTED
    (0x8000_0005, 10040, 234),    // STATUS_BUFFER_OVERFLOW: WSAEMSGSIZE / ERROR_MORE_DATA
    (0xC000_020D, 10054, 64),     // STATUS_CONNECTION_RESET / ERROR_NETNAME_DELETED
    (0xC000_0241, 10053, 1236),   // STATUS_CONNECTION_ABORTED / ERROR_CONNECTION_ABORTED
    (0xC000_0236, 10061, 1225),   // STATUS_CONNECTION_REFUSED / ERROR_CONNECTION_REFUSED
    (0xC000_00B5, 10060, 121),    // STATUS_IO_TIMEOUT / ERROR_SEM_TIMEOUT
    (0xC000_023C, 10051, 1231),   // STATUS_NETWORK_UNREACHABLE
    (0xC000_023D, 10065, 1232),   // STATUS_HOST_UNREACHABLE
    (0xC000_0140, 10057, 10057),  // STATUS_INVALID_CONNECTION / WSAENOTCONN
    (0xC000_0008, 10038, 6),      // STATUS_INVALID_HANDLE / WSAENOTSOCK
    (0xC000_0005, 10014, 998),    // STATUS_ACCESS_VIOLATION: WSAEFAULT / ERROR_NOACCESS
    (0xC000_0011, 38, 38),        // STATUS_END_OF_FILE (a file read past its end): ERROR_HANDLE_EOF
    (0xC000_00B0, 10058, 10058),  // STATUS_PIPE_DISCONNECTED / WSAESHUTDOWN
    (0xC000_00A3, 10035, 10035),  // STATUS_DEVICE_NOT_READY / WSAEWOULDBLOCK
    (0xC000_0237, 10101, 1226),   // STATUS_GRACEFUL_DISCONNECT: WSAEDISCON
    (0xC000_00BB, 10045, 50),     // STATUS_NOT_SUPPORTED: WSAEOPNOTSUPP / ERROR_NOT_SUPPORTED
    (0xC000_0022, 10013, 5),      // STATUS_ACCESS_DENIED: WSAEACCES / ERROR_ACCESS_DENIED
    (0xC000_009A, 10055, 1450),   // STATUS_INSUFFICIENT_RESOURCES: WSAENOBUFS
    (0xC000_020A, 10048, 52),     // STATUS_ADDRESS_ALREADY_EXISTS: WSAEADDRINUSE / ERROR_DUP_NAME
    (0xC000_0207, 10049, 1214),   // STATUS_INVALID_ADDRESS_COMPONENT: WSAEADDRNOTAVAIL
    (0xC000_023B, 10056, 1230),   // STATUS_CONNECTION_ACTIVE: WSAEISCONN
    (0xC000_0240, 10004, 1235),   // STATUS_REQUEST_ABORTED: WSAEINTR
    (0xC000_0350, 10064, 10064),  // STATUS_HOST_DOWN: WSAEHOSTDOWN
    (0xC000_000D, 10022, 87),     // STATUS_INVALID_PARAMETER: WSAEINVAL / ERROR_INVALID_PARAMETER
    // Read only (an earlier row gives the Winsock error its status).
    (0xC000_013B, 10053, 64),    // STATUS_LOCAL_DISCONNECT
    (0xC000_013C, 10054, 64),    // STATUS_REMOTE_DISCONNECT
    (0xC000_020C, 10054, 64),    // STATUS_CONNECTION_DISCONNECTED
    (0xC000_013E, 10054, 59),    // STATUS_LINK_FAILED / ERROR_UNEXP_NET_ERR
    (0xC000_023F, 10054, 1234),  // STATUS_PORT_UNREACHABLE
    (0xC000_020F, 10053, 59),    // STATUS_TRANSACTION_ABORTED
    (0xC000_0023, 10014, 122),   // STATUS_BUFFER_TOO_SMALL / ERROR_INSUFFICIENT_BUFFER
    (0xC000_02C5, 10014, 998),   // STATUS_DATATYPE_MISALIGNMENT_ERROR
    (0xC000_0206, 10040, 1784),  // STATUS_INVALID_BUFFER_SIZE / ERROR_INVALID_USER_BUFFER
    (0xC000_013F, 10060, 59),    // STATUS_LINK_TIMEOUT
    (0xC000_023E, 10051, 1233),  // STATUS_PROTOCOL_UNREACHABLE
    (0xC000_00BE, 10051, 53),    // STATUS_BAD_NETWORK_PATH
    (0xC000_00BC, 10061, 51),    // STATUS_REMOTE_NOT_LISTENING / ERROR_REM_NOT_LIST
    (0xC000_0002, 10045, 1),     // STATUS_NOT_IMPLEMENTED
    (0xC000_0017, 10055, 8),     // STATUS_NO_MEMORY
    (0xC000_0007, 10055, 10055), // STATUS_PAGEFILE_QUOTA
    (0xC000_0018, 10055, 10055), // STATUS_CONFLICTING_ADDRESSES
    (0xC000_0044, 10055, 10055), // STATUS_QUOTA_EXCEEDED
    (0xC000_0097, 10055, 10055), // STATUS_TOO_MANY_PAGING_FILES
    (0xC000_00A1, 10055, 10055), // STATUS_WORKING_SET_QUOTA
    (0xC000_012D, 10055, 1455),  // STATUS_COMMITMENT_LIMIT
    (0xC000_013D, 10055, 51),    // STATUS_REMOTE_RESOURCES
    (0xC000_0209, 10055, 68),    // STATUS_TOO_MANY_ADDRESSES / ERROR_TOO_MANY_NAMES
    (0xC000_0024, 10038, 10038), // STATUS_OBJECT_TYPE_MISMATCH
    (0xC000_000E, 10050, 10050), // STATUS_NO_SUCH_DEVICE: WSAENETDOWN
    (0xC000_000F, 10050, 10050), // STATUS_NO_SUCH_FILE
    (0xC000_0034, 10050, 10050), // STATUS_OBJECT_NAME_NOT_FOUND
    (0xC000_003A, 10050, 10050), // STATUS_OBJECT_PATH_NOT_FOUND
    (0xC000_00BF, 10050, 54),    // STATUS_NETWORK_BUSY
    (0xC000_00C3, 10050, 58),    // STATUS_INVALID_NETWORK_RESPONSE
    (0xC000_00C4, 10050, 59),    // STATUS_UNEXPECTED_NETWORK_ERROR
    (0xC000_0043, 10048, 10048), // STATUS_SHARING_VIOLATION
    (0xC000_0141, 10049, 59),    // STATUS_INVALID_ADDRESS
    (0xC000_00D0, 10035, 71),    // STATUS_REQUEST_NOT_ACCEPTED
];

/// `ERROR_IO_INCOMPLETE` (996) wrapped in the NTSTATUS forms Windows reads back as itself.
const IO_INCOMPLETE_FORMS: [u32; 3] = [0x8007_03E4, 0xC001_03E4, 0xC007_03E4];
const WSA_IO_INCOMPLETE: i32 = 996;
/// What Windows reports for an error status it has no mapping for.
const WSAEINVAL: i32 = 10022;

/// Win32 errors a completion carries (an extension function's), with their NTSTATUS.
const WIN32_FAILURES: &[(i32, u32)] = &[
    (122, 0xC000_0023), // ERROR_INSUFFICIENT_BUFFER: STATUS_BUFFER_TOO_SMALL
];

/// The NTSTATUS for a result.
pub(crate) fn from_error(error: Option<WsaError>) -> u32 {
    let Some(e) = error else {
        return STATUS_SUCCESS;
    };
    if let Some((_, status)) = WIN32_FAILURES.iter().find(|(w, _)| *w == e.0) {
        return *status;
    }
    TABLE
        .iter()
        .find(|(_, wsa, _)| *wsa == e.0)
        .map_or(PRIVATE | (e.0 as u32 & 0xffff), |(s, _, _)| *s)
}

/// Whether an NTSTATUS is a success (`NT_SUCCESS`: severity success or informational) other
/// than `STATUS_PENDING`: `WSAGetOverlappedResult` then reports TRUE.
fn is_success(status: u32) -> bool {
    (status as i32) >= 0 && status != STATUS_PENDING
}

/// The Winsock error an NTSTATUS stands for (None: success). An error status Windows has no
/// mapping for is `WSAEINVAL`, as Windows reports it.
pub(crate) fn to_winsock(status: u32) -> Option<WsaError> {
    if is_success(status) {
        return None;
    }
    if status == STATUS_PENDING || IO_INCOMPLETE_FORMS.contains(&status) {
        return Some(WsaError(WSA_IO_INCOMPLETE));
    }
    if status & 0xF000_0000 == PRIVATE {
        return Some(WsaError((status & 0xffff) as i32));
    }
    Some(WsaError(
        TABLE
            .iter()
            .find(|(s, _, _)| *s == status)
            .map_or(WSAEINVAL, |(_, w, _)| *w),
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

    #[test]
    fn windows_mapping() {
        // Success statuses other than STATUS_PENDING are successes.
        assert_eq!(to_winsock(1), None);
        assert_eq!(to_winsock(0x4000_0000), None);
        assert_eq!(to_winsock(STATUS_PENDING), Some(WsaError(996)));
        assert_eq!(to_winsock(0xC007_03E4), Some(WsaError(996)));
        // Unknown errors are WSAEINVAL; a disconnected connection is a reset.
        assert_eq!(to_winsock(0xC000_0001), Some(WsaError(10022)));
        assert_eq!(to_winsock(0x8000_0001), Some(WsaError(10022)));
        assert_eq!(to_winsock(0xC000_020C), Some(WsaError(10054)));
        assert_eq!(to_winsock(0xC000_0140), Some(WsaError(10057)));
        assert_eq!(to_win32(0xC000_0023), Some(WsaError(122)));
        assert_eq!(from_error(Some(WsaError(122))), 0xC000_0023);
        // Every Winsock error ws2mp stores reads back as itself.
        for (_, wsa, _) in TABLE {
            assert_eq!(
                to_winsock(from_error(Some(WsaError(*wsa)))),
                Some(WsaError(*wsa))
            );
        }
    }
}
