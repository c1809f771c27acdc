//! Winsock constants with Windows' values: the one definition used by the core and the ABI,
//! exported into `ws2mp.h`.
//!
//! Only names that no POSIX header defines are here; the compat headers add the rest
//! (`FIONBIO`, `SO_DONTLINGER`, `h_errno` aliases, ...) on top of the system headers.
//!
//! Crate-private like every module but `ffi`: cbindgen reads the constants from the source, so
//! the ones only C programs use are not dead (hence the `allow`).
#![allow(dead_code)]

/// `(-1)`; written by hand in the header so the macro is parenthesised.
pub(crate) const SOCKET_ERROR: i32 = -1;
/// `(SOCKET)(~0)`; written by hand in the header (cbindgen cannot express the cast).
pub(crate) const INVALID_SOCKET: usize = usize::MAX;
pub const WINSOCK_VERSION: u16 = 0x0202;
pub const WSADESCRIPTION_LEN: usize = 256;
pub const WSASYS_STATUS_LEN: usize = 128;

// ---- error codes (docs/WINDOWS.md §9.1) ----------------------------------------------------------
pub const WSA_INVALID_HANDLE: i32 = 6;
pub const WSA_NOT_ENOUGH_MEMORY: i32 = 8;
pub const WSA_INVALID_PARAMETER: i32 = 87;
pub const WSA_OPERATION_ABORTED: i32 = 995;
pub const WSA_IO_INCOMPLETE: i32 = 996;
pub const WSA_IO_PENDING: i32 = 997;
pub const WSABASEERR: i32 = 10000;
pub const WSAEINTR: i32 = 10004;
pub const WSAEBADF: i32 = 10009;
pub const WSAEACCES: i32 = 10013;
pub const WSAEFAULT: i32 = 10014;
pub const WSAEINVAL: i32 = 10022;
pub const WSAEMFILE: i32 = 10024;
pub const WSAEWOULDBLOCK: i32 = 10035;
pub const WSAEINPROGRESS: i32 = 10036;
pub const WSAEALREADY: i32 = 10037;
pub const WSAENOTSOCK: i32 = 10038;
pub const WSAEDESTADDRREQ: i32 = 10039;
pub const WSAEMSGSIZE: i32 = 10040;
pub const WSAEPROTOTYPE: i32 = 10041;
pub const WSAENOPROTOOPT: i32 = 10042;
pub const WSAEPROTONOSUPPORT: i32 = 10043;
pub const WSAESOCKTNOSUPPORT: i32 = 10044;
pub const WSAEOPNOTSUPP: i32 = 10045;
pub const WSAEPFNOSUPPORT: i32 = 10046;
pub const WSAEAFNOSUPPORT: i32 = 10047;
pub const WSAEADDRINUSE: i32 = 10048;
pub const WSAEADDRNOTAVAIL: i32 = 10049;
pub const WSAENETDOWN: i32 = 10050;
pub const WSAENETUNREACH: i32 = 10051;
pub const WSAENETRESET: i32 = 10052;
pub const WSAECONNABORTED: i32 = 10053;
pub const WSAECONNRESET: i32 = 10054;
pub const WSAENOBUFS: i32 = 10055;
pub const WSAEISCONN: i32 = 10056;
pub const WSAENOTCONN: i32 = 10057;
pub const WSAESHUTDOWN: i32 = 10058;
pub const WSAETOOMANYREFS: i32 = 10059;
pub const WSAETIMEDOUT: i32 = 10060;
pub const WSAECONNREFUSED: i32 = 10061;
pub const WSAELOOP: i32 = 10062;
pub const WSAENAMETOOLONG: i32 = 10063;
pub const WSAEHOSTDOWN: i32 = 10064;
pub const WSAEHOSTUNREACH: i32 = 10065;
pub const WSAENOTEMPTY: i32 = 10066;
pub const WSAEPROCLIM: i32 = 10067;
pub const WSAEUSERS: i32 = 10068;
pub const WSAEDQUOT: i32 = 10069;
pub const WSAESTALE: i32 = 10070;
pub const WSAEREMOTE: i32 = 10071;
pub const WSASYSNOTREADY: i32 = 10091;
pub const WSAVERNOTSUPPORTED: i32 = 10092;
pub const WSANOTINITIALISED: i32 = 10093;
pub const WSAEDISCON: i32 = 10101;
pub const WSAENOMORE: i32 = 10102;
pub const WSAECANCELLED: i32 = 10103;
pub const WSAEINVALIDPROCTABLE: i32 = 10104;
pub const WSAEINVALIDPROVIDER: i32 = 10105;
pub const WSAEPROVIDERFAILEDINIT: i32 = 10106;
pub const WSASYSCALLFAILURE: i32 = 10107;
pub const WSASERVICE_NOT_FOUND: i32 = 10108;
pub const WSATYPE_NOT_FOUND: i32 = 10109;
pub const WSA_E_NO_MORE: i32 = 10110;
pub const WSA_E_CANCELLED: i32 = 10111;
pub const WSAEREFUSED: i32 = 10112;
pub const WSAHOST_NOT_FOUND: i32 = 11001;
pub const WSATRY_AGAIN: i32 = 11002;
pub const WSANO_RECOVERY: i32 = 11003;
pub const WSANO_DATA: i32 = 11004;
pub const WSANO_ADDRESS: i32 = WSANO_DATA;
pub const WSA_QOS_RECEIVERS: i32 = 11005;
pub const WSA_QOS_SENDERS: i32 = 11006;
pub const WSA_QOS_NO_SENDERS: i32 = 11007;
pub const WSA_QOS_NO_RECEIVERS: i32 = 11008;
pub const WSA_QOS_REQUEST_CONFIRMED: i32 = 11009;
pub const WSA_QOS_ADMISSION_FAILURE: i32 = 11010;
pub const WSA_QOS_POLICY_FAILURE: i32 = 11011;
pub const WSA_QOS_BAD_STYLE: i32 = 11012;
pub const WSA_QOS_BAD_OBJECT: i32 = 11013;
pub const WSA_QOS_TRAFFIC_CTRL_ERROR: i32 = 11014;
pub const WSA_QOS_GENERIC_ERROR: i32 = 11015;
pub const WSA_QOS_ESERVICETYPE: i32 = 11016;
pub const WSA_QOS_EFLOWSPEC: i32 = 11017;
pub const WSA_QOS_EPROVSPECBUF: i32 = 11018;
pub const WSA_QOS_EFILTERSTYLE: i32 = 11019;
pub const WSA_QOS_EFILTERTYPE: i32 = 11020;
pub const WSA_QOS_EFILTERCOUNT: i32 = 11021;
pub const WSA_QOS_EOBJLENGTH: i32 = 11022;
pub const WSA_QOS_EFLOWCOUNT: i32 = 11023;
pub const WSA_QOS_EUNKOWNPSOBJ: i32 = 11024;
pub const WSA_QOS_EPOLICYOBJ: i32 = 11025;
pub const WSA_QOS_EFLOWDESC: i32 = 11026;
pub const WSA_QOS_EPSFLOWSPEC: i32 = 11027;
pub const WSA_QOS_EPSFILTERSPEC: i32 = 11028;
pub const WSA_QOS_ESDMODEOBJ: i32 = 11029;
pub const WSA_QOS_ESHAPERATEOBJ: i32 = 11030;
pub const WSA_QOS_RESERVED_PETYPE: i32 = 11031;

// ---- WSASocket ------------------------------------------------------------------------------
pub const FROM_PROTOCOL_INFO: i32 = -1;
pub const WSA_FLAG_OVERLAPPED: u32 = 0x01;
pub const WSA_FLAG_MULTIPOINT_C_ROOT: u32 = 0x02;
pub const WSA_FLAG_MULTIPOINT_C_LEAF: u32 = 0x04;
pub const WSA_FLAG_MULTIPOINT_D_ROOT: u32 = 0x08;
pub const WSA_FLAG_MULTIPOINT_D_LEAF: u32 = 0x10;
pub const WSA_FLAG_ACCESS_SYSTEM_SECURITY: u32 = 0x40;
pub const WSA_FLAG_NO_HANDLE_INHERIT: u32 = 0x80;
pub const WSA_FLAG_REGISTERED_IO: u32 = 0x100;
pub const SG_UNCONSTRAINED_GROUP: u32 = 0x01;
pub const SG_CONSTRAINED_GROUP: u32 = 0x02;

// ---- WSAJoinLeaf, WSAAccept, shutdown -------------------------------------------------------
pub const JL_SENDER_ONLY: u32 = 0x01;
pub const JL_RECEIVER_ONLY: u32 = 0x02;
pub const JL_BOTH: u32 = 0x04;
pub const CF_ACCEPT: i32 = 0x0000;
pub const CF_REJECT: i32 = 0x0001;
pub const CF_DEFER: i32 = 0x0002;
pub const SD_RECEIVE: i32 = 0x00;
pub const SD_SEND: i32 = 0x01;
pub const SD_BOTH: i32 = 0x02;
pub const MSG_PARTIAL: i32 = 0x8000;

// ---- network events (docs/WINDOWS.md §6.1) -------------------------------------------------------
pub const FD_READ_BIT: i32 = 0;
pub const FD_WRITE_BIT: i32 = 1;
pub const FD_OOB_BIT: i32 = 2;
pub const FD_ACCEPT_BIT: i32 = 3;
pub const FD_CONNECT_BIT: i32 = 4;
pub const FD_CLOSE_BIT: i32 = 5;
pub const FD_QOS_BIT: i32 = 6;
pub const FD_GROUP_QOS_BIT: i32 = 7;
pub const FD_ROUTING_INTERFACE_CHANGE_BIT: i32 = 8;
pub const FD_ADDRESS_LIST_CHANGE_BIT: i32 = 9;
pub const FD_MAX_EVENTS: usize = 10;
pub const FD_READ: i32 = 1 << FD_READ_BIT;
pub const FD_WRITE: i32 = 1 << FD_WRITE_BIT;
pub const FD_OOB: i32 = 1 << FD_OOB_BIT;
pub const FD_ACCEPT: i32 = 1 << FD_ACCEPT_BIT;
pub const FD_CONNECT: i32 = 1 << FD_CONNECT_BIT;
pub const FD_CLOSE: i32 = 1 << FD_CLOSE_BIT;
pub const FD_QOS: i32 = 1 << FD_QOS_BIT;
pub const FD_GROUP_QOS: i32 = 1 << FD_GROUP_QOS_BIT;
pub const FD_ROUTING_INTERFACE_CHANGE: i32 = 1 << FD_ROUTING_INTERFACE_CHANGE_BIT;
pub const FD_ADDRESS_LIST_CHANGE: i32 = 1 << FD_ADDRESS_LIST_CHANGE_BIT;
pub const FD_ALL_EVENTS: i32 = (1 << FD_MAX_EVENTS) - 1;

pub const WSA_MAXIMUM_WAIT_EVENTS: u32 = 64;
pub const WSA_WAIT_EVENT_0: u32 = 0;
pub const WSA_WAIT_IO_COMPLETION: u32 = 0xC0;
pub const WSA_WAIT_TIMEOUT: u32 = 0x102;
// WSA_WAIT_FAILED and WSA_INFINITE are written into ws2mp.h by cbindgen.toml as
// `((uint32_t)0xFFFFFFFFu)`, Windows' `((DWORD)0xFFFFFFFF)`: cbindgen would print 4294967295, a
// `long` in C, and `int ret = WSAWaitForMultipleEvents(...); if (ret == WSA_WAIT_FAILED)` would
// then never be true (the int -1 stays -1 against a long).
pub(crate) const WSA_WAIT_FAILED: u32 = 0xFFFF_FFFF;

// ---- protocol information (docs/WINDOWS.md §7) ---------------------------------------------------
pub const XP1_CONNECTIONLESS: u32 = 0x0000_0001;
pub const XP1_GUARANTEED_DELIVERY: u32 = 0x0000_0002;
pub const XP1_GUARANTEED_ORDER: u32 = 0x0000_0004;
pub const XP1_MESSAGE_ORIENTED: u32 = 0x0000_0008;
pub const XP1_PSEUDO_STREAM: u32 = 0x0000_0010;
pub const XP1_GRACEFUL_CLOSE: u32 = 0x0000_0020;
pub const XP1_EXPEDITED_DATA: u32 = 0x0000_0040;
pub const XP1_CONNECT_DATA: u32 = 0x0000_0080;
pub const XP1_DISCONNECT_DATA: u32 = 0x0000_0100;
pub const XP1_SUPPORT_BROADCAST: u32 = 0x0000_0200;
pub const XP1_SUPPORT_MULTIPOINT: u32 = 0x0000_0400;
pub const XP1_MULTIPOINT_CONTROL_PLANE: u32 = 0x0000_0800;
pub const XP1_MULTIPOINT_DATA_PLANE: u32 = 0x0000_1000;
pub const XP1_QOS_SUPPORTED: u32 = 0x0000_2000;
pub const XP1_INTERRUPT: u32 = 0x0000_4000;
pub const XP1_UNI_SEND: u32 = 0x0000_8000;
pub const XP1_UNI_RECV: u32 = 0x0001_0000;
pub const XP1_IFS_HANDLES: u32 = 0x0002_0000;
pub const XP1_PARTIAL_MESSAGE: u32 = 0x0004_0000;
pub const XP1_SAN_SUPPORT_SDP: u32 = 0x0008_0000;
pub const PFL_MULTIPLE_PROTO_ENTRIES: u32 = 0x01;
pub const PFL_RECOMMENDED_PROTO_ENTRY: u32 = 0x02;
pub const PFL_HIDDEN: u32 = 0x04;
pub const PFL_MATCHES_PROTOCOL_ZERO: u32 = 0x08;
pub const PFL_NETWORKDIRECT_PROVIDER: u32 = 0x10;
pub const BIGENDIAN: i32 = 0x0000;
pub const LITTLEENDIAN: i32 = 0x0001;
pub const SECURITY_PROTOCOL_NONE: i32 = 0x0000;
pub const LAYERED_PROTOCOL: i32 = 0;
pub const BASE_PROTOCOL: i32 = 1;
pub const MAX_PROTOCOL_CHAIN: usize = 7;
pub const WSAPROTOCOL_LEN: usize = 255;

// ---- Winsock-only socket options and ioctls ---------------------------------------------------
pub const SO_GROUP_ID: i32 = 0x2001;
pub const SO_GROUP_PRIORITY: i32 = 0x2002;
pub const SO_MAX_MSG_SIZE: i32 = 0x2003;
pub const SO_PROTOCOL_INFOA: i32 = 0x2004;
pub const SO_PROTOCOL_INFOW: i32 = 0x2005;
pub const PVD_CONFIG: i32 = 0x3001;
pub const SO_CONDITIONAL_ACCEPT: i32 = 0x3002;
pub const IOC_UNIX: u32 = 0x0000_0000;
pub const IOC_WS2: u32 = 0x0800_0000;
pub const IOC_PROTOCOL: u32 = 0x1000_0000;
pub const IOC_VENDOR: u32 = 0x1800_0000;
/// `SIO_GET_BROADCAST_ADDRESS` (`_WSAIOR(IOC_WS2, 5)`): the broadcast address for `sendto`
/// (an IPv4 socket gets a `sockaddr_in` of 255.255.255.255, port 0; IPv6 `WSAENOPROTOOPT`).
pub const SIO_GET_BROADCAST_ADDRESS: u32 = 0x4800_0005;
pub const SIO_GET_EXTENSION_FUNCTION_POINTER: u32 = 0xC800_0006;
pub const SIO_GET_QOS: u32 = 0xC800_0007;
pub const SIO_GET_GROUP_QOS: u32 = 0xC800_0008;
pub const SIO_MULTIPOINT_LOOPBACK: u32 = 0x8800_0009;
pub const SIO_MULTICAST_SCOPE: u32 = 0x8800_000A;
pub const SIO_SET_QOS: u32 = 0x8800_000B;
pub const SIO_SET_GROUP_QOS: u32 = 0x8800_000C;
pub const SIO_ROUTING_INTERFACE_QUERY: u32 = 0xC800_0014;
pub const SIO_ROUTING_INTERFACE_CHANGE: u32 = 0x8800_0015;
pub const SIO_ADDRESS_LIST_QUERY: u32 = 0x4800_0016;
pub const SIO_ADDRESS_LIST_CHANGE: u32 = 0x2800_0017;
/// `SIO_ENABLE_CIRCULAR_QUEUEING` (no buffers): accepted and ignored, as Windows accepts it.
pub const SIO_ENABLE_CIRCULAR_QUEUEING: u32 = 0x2800_0002;
/// `SIO_LOOPBACK_FAST_PATH` (a BOOL in; TCP sockets, before connecting): accepted and ignored,
/// as loopback TCP is already a short path on Linux and macOS.
pub const SIO_LOOPBACK_FAST_PATH: u32 = 0x9800_0010;
/// `SIO_FLUSH`: not supported (`WSAEOPNOTSUPP`), as on Windows' TCP/IP.
pub const SIO_FLUSH: u32 = 0x2800_0004;
/// `SIO_BSP_HANDLE`, `SIO_BSP_HANDLE_SELECT`, `SIO_BSP_HANDLE_POLL`, `SIO_BASE_HANDLE`: the
/// base provider's handle for the socket (a `SOCKET` out), which is the socket itself.
pub const SIO_BSP_HANDLE: u32 = 0x4800_001B;
pub const SIO_BSP_HANDLE_SELECT: u32 = 0x4800_001C;
pub const SIO_BSP_HANDLE_POLL: u32 = 0x4800_001D;
pub const SIO_BASE_HANDLE: u32 = 0x4800_0022;
/// `SIO_IDEAL_SEND_BACKLOG_QUERY` (a ULONG out): how many bytes to keep queued for sending on
/// a connected stream socket.
pub const SIO_IDEAL_SEND_BACKLOG_QUERY: u32 = 0x4004_747B;
/// `SIO_IDEAL_SEND_BACKLOG_CHANGE` (no buffers): completes when the ideal send backlog of a
/// connected stream socket changes (`idealsendbacklognotify`).
pub const SIO_IDEAL_SEND_BACKLOG_CHANGE: u32 = 0x2000_747A;
pub const SIO_ADDRESS_LIST_SORT: u32 = 0xC800_0019;

// ---- ws2mp's rooted multipoint provider (docs/PROTOCOL.md) -----------------------------------
/// `iProtocol` of the rooted provider's entries with a rooted control and data plane
/// (AF_INET/AF_INET6, SOCK_SEQPACKET). Outside every IP protocol number, so it cannot clash.
pub const WS2MP_PROTO_RMP: i32 = 0x4D50_0001;
/// `iProtocol` of the rooted provider's entries with a rooted control plane and a non-rooted
/// (peer) data plane.
pub const WS2MP_PROTO_RMP_PEER: i32 = 0x4D50_0002;
/// The rooted provider's largest message (`dwMessageSize`, `SO_MAX_MSG_SIZE`); larger sends
/// fail with `WSAEMSGSIZE`.
pub const WS2MP_RMP_MAX_MESSAGE: u32 = 65_536;
