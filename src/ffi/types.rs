//! Winsock's own structures and handle types, laid out as Windows lays them out (64-bit).

use std::os::raw::{c_char, c_void};

/// A socket handle. Its value is the native file descriptor, so `select`, `poll` and other
/// code can use it directly. Never 0.
pub type SOCKET = usize;

/// An event object handle (`WSACreateEvent`). Opaque; `WSA_INVALID_EVENT` is NULL.
pub type WSAEVENT = *mut c_void;

/// A socket group id (`WSASocket`'s `g`). ws2mp supports no groups: only 0.
pub type GROUP = u32;

/// A buffer for the scatter/gather calls. Length first, unlike `struct iovec`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct WSABUF {
    pub len: u32,
    pub buf: *mut c_char,
}

/// `WSAStartup`'s output (the Win64 field order).
#[repr(C)]
pub struct WSADATA {
    pub wVersion: u16,
    pub wHighVersion: u16,
    pub iMaxSockets: u16,
    pub iMaxUdpDg: u16,
    pub lpVendorInfo: *mut c_char,
    pub szDescription: [c_char; 257],
    pub szSystemStatus: [c_char; 129],
}

/// `WSAEnumNetworkEvents`' output.
#[repr(C)]
pub struct WSANETWORKEVENTS {
    pub lNetworkEvents: i32,
    pub iErrorCode: [i32; 10],
}

#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct GUID {
    pub Data1: u32,
    pub Data2: u16,
    pub Data3: u16,
    pub Data4: [u8; 8],
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct WSAPROTOCOLCHAIN {
    pub ChainLen: i32,
    pub ChainEntries: [u32; 7],
}

/// A protocol catalog entry, narrow-string form (372 bytes).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct WSAPROTOCOL_INFOA {
    pub dwServiceFlags1: u32,
    pub dwServiceFlags2: u32,
    pub dwServiceFlags3: u32,
    pub dwServiceFlags4: u32,
    pub dwProviderFlags: u32,
    pub ProviderId: GUID,
    pub dwCatalogEntryId: u32,
    pub ProtocolChain: WSAPROTOCOLCHAIN,
    pub iVersion: i32,
    pub iAddressFamily: i32,
    pub iMaxSockAddr: i32,
    pub iMinSockAddr: i32,
    pub iSocketType: i32,
    pub iProtocol: i32,
    pub iProtocolMaxOffset: i32,
    pub iNetworkByteOrder: i32,
    pub iSecurityScheme: i32,
    pub dwMessageSize: u32,
    pub dwProviderReserved: u32,
    pub szProtocol: [c_char; 256],
}

/// A protocol catalog entry, UTF-16 form (628 bytes). `szProtocol` holds 16-bit WCHARs.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct WSAPROTOCOL_INFOW {
    pub dwServiceFlags1: u32,
    pub dwServiceFlags2: u32,
    pub dwServiceFlags3: u32,
    pub dwServiceFlags4: u32,
    pub dwProviderFlags: u32,
    pub ProviderId: GUID,
    pub dwCatalogEntryId: u32,
    pub ProtocolChain: WSAPROTOCOLCHAIN,
    pub iVersion: i32,
    pub iAddressFamily: i32,
    pub iMaxSockAddr: i32,
    pub iMinSockAddr: i32,
    pub iSocketType: i32,
    pub iProtocol: i32,
    pub iProtocolMaxOffset: i32,
    pub iNetworkByteOrder: i32,
    pub iSecurityScheme: i32,
    pub dwMessageSize: u32,
    pub dwProviderReserved: u32,
    pub szProtocol: [u16; 256],
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct FLOWSPEC {
    pub TokenRate: u32,
    pub TokenBucketSize: u32,
    pub PeakBandwidth: u32,
    pub Latency: u32,
    pub DelayVariation: u32,
    pub ServiceType: u32,
    pub MaxSduSize: u32,
    pub MinimumPolicedSize: u32,
}

#[repr(C)]
pub struct QOS {
    pub SendingFlowspec: FLOWSPEC,
    pub ReceivingFlowspec: FLOWSPEC,
    pub ProviderSpecific: WSABUF,
}

/// Overlapped I/O descriptor: `Internal` holds the operation's NTSTATUS (`STATUS_PENDING`
/// while it runs), `InternalHigh` the bytes transferred, `hEvent` the event to set (low bit set:
/// no completion port packet).
#[repr(C)]
pub struct WSAOVERLAPPED {
    pub Internal: usize,
    pub InternalHigh: usize,
    pub Offset: u32,
    pub OffsetHigh: u32,
    pub hEvent: WSAEVENT,
}

pub type LPWSAOVERLAPPED_COMPLETION_ROUTINE = Option<
    unsafe extern "C" fn(
        dwError: u32,
        cbTransferred: u32,
        lpOverlapped: *mut WSAOVERLAPPED,
        dwFlags: u32,
    ),
>;

/// The completion routine of `ReadFileEx`/`WriteFileEx`: a Win32 error code (0: success), the
/// bytes transferred and the operation's `OVERLAPPED`.
pub type LPOVERLAPPED_COMPLETION_ROUTINE = Option<
    unsafe extern "C" fn(
        dwErrorCode: u32,
        dwNumberOfBytesTransfered: u32,
        lpOverlapped: *mut WSAOVERLAPPED,
    ),
>;

/// `WSAAccept`'s condition function.
pub type LPCONDITIONPROC = Option<
    unsafe extern "C" fn(
        lpCallerId: *mut WSABUF,
        lpCallerData: *mut WSABUF,
        lpSQOS: *mut QOS,
        lpGQOS: *mut QOS,
        lpCalleeId: *mut WSABUF,
        lpCalleeData: *mut WSABUF,
        g: *mut GROUP,
        dwCallbackData: usize,
    ) -> i32,
>;

/// Winsock's `fd_set`: a counted array of sockets (not a bitmap). The compat header's
/// `fd_set` has this layout with `FD_SETSIZE` entries; `ws2mp_select` reads `fd_count`.
#[repr(C)]
pub struct ws2mp_fd_set {
    pub fd_count: u32,
    pub fd_array: [SOCKET; 64],
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn layouts_match_win64() {
        assert_eq!(size_of::<WSABUF>(), 16);
        assert_eq!(offset_of!(WSABUF, buf), 8);
        assert_eq!(size_of::<WSADATA>(), 408);
        assert_eq!(offset_of!(WSADATA, szDescription), 16);
        assert_eq!(offset_of!(WSADATA, szSystemStatus), 273);
        assert_eq!(size_of::<WSANETWORKEVENTS>(), 44);
        assert_eq!(size_of::<WSAPROTOCOL_INFOA>(), 372);
        assert_eq!(size_of::<WSAPROTOCOL_INFOW>(), 628);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, ProviderId), 20);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, dwCatalogEntryId), 36);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, ProtocolChain), 40);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, iVersion), 72);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, dwMessageSize), 108);
        assert_eq!(offset_of!(WSAPROTOCOL_INFOA, szProtocol), 116);
        assert_eq!(size_of::<FLOWSPEC>(), 32);
        assert_eq!(size_of::<QOS>(), 80);
        assert_eq!(size_of::<WSAOVERLAPPED>(), 32);
        assert_eq!(offset_of!(WSAOVERLAPPED, hEvent), 24);
        assert_eq!(size_of::<ws2mp_fd_set>(), 520);
        assert_eq!(size_of::<GUID>(), 16);
    }
}
