//! Winsock error codes, the errno → WSAE* mapping, and the per-thread last error.

use crate::winsock as constants;
use std::cell::Cell;
use std::fmt;

/// A Winsock error code (`WSAE*`, `WSA_*`, or one of the few non-WSAE codes Winsock uses).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct WsaError(pub i32);

pub type WsaResult<T> = Result<T, WsaError>;

macro_rules! codes {
    ($($name:ident),* $(,)?) => {
        impl WsaError {
            $(pub const $name: WsaError = WsaError(constants::$name);)*

            /// The Winsock name of this code, for logs and test messages.
            pub fn name(self) -> &'static str {
                $(if self.0 == constants::$name {
                    return stringify!($name);
                })*
                "unknown"
            }
        }
    };
}

// The values live in winsock.rs (exported into ws2mp.h); this gives them a type.
codes! {
    WSA_INVALID_HANDLE,
    WSA_NOT_ENOUGH_MEMORY,
    WSA_INVALID_PARAMETER,
    WSA_OPERATION_ABORTED,
    WSA_IO_INCOMPLETE,
    WSA_IO_PENDING,
    WSAEINTR,
    WSAEBADF,
    WSAEACCES,
    WSAEFAULT,
    WSAEINVAL,
    WSAEMFILE,
    WSAEWOULDBLOCK,
    WSAEINPROGRESS,
    WSAEALREADY,
    WSAENOTSOCK,
    WSAEDESTADDRREQ,
    WSAEMSGSIZE,
    WSAEPROTOTYPE,
    WSAENOPROTOOPT,
    WSAEPROTONOSUPPORT,
    WSAESOCKTNOSUPPORT,
    WSAEOPNOTSUPP,
    WSAEPFNOSUPPORT,
    WSAEAFNOSUPPORT,
    WSAEADDRINUSE,
    WSAEADDRNOTAVAIL,
    WSAENETDOWN,
    WSAENETUNREACH,
    WSAENETRESET,
    WSAECONNABORTED,
    WSAECONNRESET,
    WSAENOBUFS,
    WSAEISCONN,
    WSAENOTCONN,
    WSAESHUTDOWN,
    WSAETOOMANYREFS,
    WSAETIMEDOUT,
    WSAECONNREFUSED,
    WSAELOOP,
    WSAENAMETOOLONG,
    WSAEHOSTDOWN,
    WSAEHOSTUNREACH,
    WSAENOTEMPTY,
    WSAEPROCLIM,
    WSAEUSERS,
    WSAEDQUOT,
    WSAESTALE,
    WSAEREMOTE,
    WSASYSNOTREADY,
    WSAVERNOTSUPPORTED,
    WSANOTINITIALISED,
    WSAEDISCON,
    WSAENOMORE,
    WSAECANCELLED,
    WSAEINVALIDPROCTABLE,
    WSAEINVALIDPROVIDER,
    WSAEPROVIDERFAILEDINIT,
    WSASYSCALLFAILURE,
    WSASERVICE_NOT_FOUND,
    WSATYPE_NOT_FOUND,
    WSA_E_NO_MORE,
    WSA_E_CANCELLED,
    WSAEREFUSED,
    WSAHOST_NOT_FOUND,
    WSATRY_AGAIN,
    WSANO_RECOVERY,
    WSANO_DATA,
}

impl WsaError {
    /// Maps an errno value to the Winsock code for the same condition (docs/WINDOWS.md §9.2).
    ///
    /// The context-dependent cases (`EINPROGRESS` from `connect`, `EPIPE`, `EBADF`) are decided
    /// by the callers that know the context; here `EINPROGRESS` is `WSAEINPROGRESS`, `EPIPE` is
    /// `WSAECONNRESET` and `EBADF` is `WSAENOTSOCK`.
    pub fn from_errno(errno: i32) -> WsaError {
        use libc::*;
        #[allow(unreachable_patterns)]
        // EAGAIN == EWOULDBLOCK, ENOTSUP == EOPNOTSUPP on some targets
        match errno {
            EINTR => Self::WSAEINTR,
            EBADF => Self::WSAENOTSOCK,
            EACCES | EPERM => Self::WSAEACCES,
            EFAULT => Self::WSAEFAULT,
            EINVAL => Self::WSAEINVAL,
            EMFILE | ENFILE => Self::WSAEMFILE,
            EAGAIN | EWOULDBLOCK => Self::WSAEWOULDBLOCK,
            EINPROGRESS => Self::WSAEINPROGRESS,
            EALREADY => Self::WSAEALREADY,
            ENOTSOCK => Self::WSAENOTSOCK,
            EDESTADDRREQ => Self::WSAEDESTADDRREQ,
            EMSGSIZE => Self::WSAEMSGSIZE,
            EPROTOTYPE => Self::WSAEPROTOTYPE,
            ENOPROTOOPT => Self::WSAENOPROTOOPT,
            EPROTONOSUPPORT => Self::WSAEPROTONOSUPPORT,
            ESOCKTNOSUPPORT => Self::WSAESOCKTNOSUPPORT,
            EOPNOTSUPP | ENOTSUP => Self::WSAEOPNOTSUPP,
            EPFNOSUPPORT => Self::WSAEPFNOSUPPORT,
            EAFNOSUPPORT => Self::WSAEAFNOSUPPORT,
            EADDRINUSE => Self::WSAEADDRINUSE,
            EADDRNOTAVAIL => Self::WSAEADDRNOTAVAIL,
            ENETDOWN => Self::WSAENETDOWN,
            ENETUNREACH => Self::WSAENETUNREACH,
            ENETRESET => Self::WSAENETRESET,
            ECONNABORTED | EPROTO => Self::WSAECONNABORTED,
            ECONNRESET | EPIPE => Self::WSAECONNRESET,
            ENOBUFS | ENOMEM => Self::WSAENOBUFS,
            EISCONN => Self::WSAEISCONN,
            ENOTCONN => Self::WSAENOTCONN,
            ESHUTDOWN => Self::WSAESHUTDOWN,
            ETOOMANYREFS => Self::WSAETOOMANYREFS,
            ETIMEDOUT => Self::WSAETIMEDOUT,
            ECONNREFUSED => Self::WSAECONNREFUSED,
            ELOOP => Self::WSAELOOP,
            ENAMETOOLONG => Self::WSAENAMETOOLONG,
            EHOSTDOWN => Self::WSAEHOSTDOWN,
            EHOSTUNREACH => Self::WSAEHOSTUNREACH,
            ENOTEMPTY => Self::WSAENOTEMPTY,
            EUSERS => Self::WSAEUSERS,
            EDQUOT => Self::WSAEDQUOT,
            ESTALE => Self::WSAESTALE,
            EREMOTE => Self::WSAEREMOTE,
            other => {
                crate::log::warn(format_args!("unmapped errno {other}; reporting WSAEINVAL"));
                Self::WSAEINVAL
            }
        }
    }

    /// The Winsock code for the calling thread's current `errno`.
    pub fn last_os() -> WsaError {
        Self::from_errno(crate::sys::errno())
    }
}

impl From<std::io::Error> for WsaError {
    fn from(e: std::io::Error) -> Self {
        match e.raw_os_error() {
            Some(errno) => Self::from_errno(errno),
            None => Self::WSAEINVAL,
        }
    }
}

impl fmt::Debug for WsaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl fmt::Display for WsaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

thread_local! {
    static LAST_ERROR: Cell<i32> = const { Cell::new(0) };
}

/// `WSAGetLastError`: the calling thread's last Winsock error.
pub fn last_error() -> i32 {
    LAST_ERROR.with(|c| c.get())
}

/// `WSASetLastError`: sets the calling thread's last Winsock error.
pub fn set_last_error(code: i32) {
    LAST_ERROR.with(|c| c.set(code));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_mapping_follows_the_reference_table() {
        assert_eq!(
            WsaError::from_errno(libc::ECONNRESET),
            WsaError::WSAECONNRESET
        );
        assert_eq!(WsaError::from_errno(libc::EAGAIN), WsaError::WSAEWOULDBLOCK);
        assert_eq!(WsaError::from_errno(libc::ENOMEM), WsaError::WSAENOBUFS);
        assert_eq!(
            WsaError::from_errno(libc::EPROTO),
            WsaError::WSAECONNABORTED
        );
        assert_eq!(WsaError::from_errno(libc::ENOTSUP), WsaError::WSAEOPNOTSUPP);
        assert_eq!(WsaError::from_errno(libc::ECONNREFUSED).0, 10061);
        assert_eq!(WsaError::from_errno(libc::EIO), WsaError::WSAEINVAL);
    }

    #[test]
    fn last_error_is_per_thread() {
        set_last_error(10038);
        std::thread::spawn(|| assert_eq!(last_error(), 0))
            .join()
            .unwrap();
        assert_eq!(last_error(), 10038);
    }

    #[test]
    fn names_are_known() {
        assert_eq!(WsaError::WSAEMSGSIZE.name(), "WSAEMSGSIZE");
        assert_eq!(format!("{}", WsaError(10061)), "WSAECONNREFUSED(10061)");
    }
}
