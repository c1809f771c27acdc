//! `setsockopt`, `getsockopt`, `ioctlsocket`, `WSAIoctl`.

use super::protocols::{info_a, info_w};
use super::types::{LPWSAOVERLAPPED_COMPLETION_ROUTINE, SOCKET, WSAOVERLAPPED};
use super::{call_ok, non_null, socket};
use crate::error::{WsaError, WsaResult};
use crate::options::{self, OptValue, UnixIoctl};
use crate::provider::IoctlRequest;
use crate::sys;
use crate::winsock::{self, SOCKET_ERROR};
use std::os::raw::c_void;

/// Sets a socket option (mapped from `setsockopt`).
///
/// Levels and option numbers are the native ones (`SOL_SOCKET`, `IPPROTO_IP`, ...; Windows'
/// `SOL_SOCKET` value 0xffff is accepted too) plus Winsock's own options. Values follow
/// Windows: BOOL/DWORD are 4 bytes (a 1-byte BOOL is accepted); `SO_KEEPALIVE`,
/// `SO_DONTROUTE`, `TCP_NODELAY` and `IPV6_V6ONLY` read only the value's first byte; an
/// `optlen` of -1 reads 4 bytes at `SOL_SOCKET` (elsewhere `WSAENOBUFS`); an `optlen` of 0
/// changes nothing and succeeds for the socket-level BOOLs; `SO_RCVBUF`, `SO_SNDBUF`, the
/// TCP-level options other than `TCP_NODELAY`, the receive-information flags (`IP_PKTINFO`,
/// `IP_RECVTTL`, ...; Windows' `IPV6_PKTINFO`/`IPV6_HOPLIMIT` flags are the system's
/// `IPV6_RECVPKTINFO`/`IPV6_RECVHOPLIMIT`) need 4 bytes; `IP_TOS` above 255 and `IP_HDRINCL`
/// on a TCP/UDP socket are `WSAEINVAL`; `SO_UPDATE_ACCEPT_CONTEXT`/`SO_UPDATE_CONNECT_CONTEXT`
/// are accepted (the first with the listening SOCKET as its value: the accept socket inherits
/// the listener's event selection or non-blocking mode; the second with no value, NULL/0 too);
/// `SO_RCVTIMEO`/`SO_SNDTIMEO`
/// take a DWORD of milliseconds (0 = none) or a native `struct timeval`; `SO_LINGER` takes
/// Windows' 4-byte `{u_short, u_short}` or the native `struct linger`; `SO_DONTLINGER` sets
/// only `l_onoff` (to the opposite of its value), keeping the `l_linger` set before;
/// `SO_EXCLUSIVEADDRUSE` and `SO_REUSEADDR` exclude each other (`WSAEINVAL`), and a bind
/// refused to a socket with `SO_REUSEADDR`, or because a socket of this process holds the port
/// exclusively on another address, fails with `WSAEACCES`, as on Windows.
/// `SO_REUSEADDR` lets several multicast members share a port (on macOS it sets `SO_REUSEPORT`
/// too, which a shared wildcard port needs there). `SO_RCVBUF`/`SO_SNDBUF` read back the value
/// set. `SO_OPENTYPE` is kept per thread. `IP_DONTFRAGMENT` (a BOOL, at the IP or IPv6 level)
/// sets the don't-fragment bit. New IPv6 sockets start with `IPV6_V6ONLY` TRUE, as on Windows;
/// IPv6-level options on an IPv4 socket fail with `WSAEINVAL`. Success clears the last error.
/// An unreadable `optval` fails with `WSAEFAULT` (the value is copied through the kernel).
///
/// IP multicast on UDP sockets, with Windows' meaning and value types:
/// `IP_MULTICAST_LOOP` / `IPV6_MULTICAST_LOOP` (4-byte BOOL or 1 byte) decide whether *this*
/// socket receives multicast sent from this host, as `SIO_MULTIPOINT_LOOPBACK` does (the
/// kernel's send-side loopback stays on); `IP_MULTICAST_TTL` / `IPV6_MULTICAST_HOPS` take a
/// DWORD 0–255; `IP_MULTICAST_IF` takes Windows' 4-byte IPv4 address, where `0.x.x.x` is an
/// interface index (the native `ip_mreq`/`ip_mreqn` forms are accepted too);
/// `IPV6_MULTICAST_IF` a DWORD interface index. The membership options (`IP_ADD_MEMBERSHIP`,
/// `IP_DROP_MEMBERSHIP`, `IPV6_JOIN_GROUP`/`IPV6_ADD_MEMBERSHIP`, `IPV6_LEAVE_GROUP`/
/// `IPV6_DROP_MEMBERSHIP`) take the same structures as on Windows. As on Windows, a UDP socket
/// receives only the groups it joined, even on a port other members share (on Linux ws2mp turns
/// `IP_MULTICAST_ALL` off on every UDP socket; BSD stacks behave so already).
///
/// Errors: `WSAEFAULT` (NULL `optval`, `optlen` too small), `WSAENOBUFS` (a negative
/// `optlen` outside the socket level), `WSAENOPROTOOPT` (unknown or
/// read-only option, wrong socket type), `WSAEINVAL` (a level other than the socket, IP, IPv6,
/// TCP and UDP levels on a TCP/UDP socket; a TTL above 255; a bad value),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `optval` must be NULL or readable for `optlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_setsockopt(
    s: SOCKET,
    level: i32,
    optname: i32,
    optval: *const c_void,
    optlen: i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        // SO_OPENTYPE is the thread's, not a socket's: Windows needs no valid handle for it.
        let sock = if options::open_type_option(level, optname) {
            crate::runtime::check()?;
            None
        } else {
            Some(socket(s)?)
        };
        // SO_UPDATE_CONNECT_CONTEXT takes no value (NULL, 0), as Windows documents it.
        if options::is_update_connect_context(level, optname) {
            return Ok(0);
        }
        if optval.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        // Windows' optlen rules: a negative length is 4 bytes at the socket level (else
        // WSAENOBUFS); a zero length sets a socket-level BOOL to nothing (else WSAEFAULT).
        let Some(optlen) = options::set_length(level, optname, optlen)? else {
            return Ok(0);
        };
        // Copied through the kernel: an unreadable pointer is WSAEFAULT, not a crash. No
        // option value is near this size; a longer optlen is cut here.
        let mut val = vec![0u8; optlen.min(MAX_OPTION)];
        sys::copy_from_user(optval.cast::<u8>(), &mut val).map_err(|_| WsaError::WSAEFAULT)?;
        match &sock {
            Some(sock) => options::set(sock, level, optname, &val)?,
            None => options::set_open_type(&val)?,
        }
        Ok(0)
    })
}

/// Reads a socket option (mapped from `getsockopt`). Value formats as for `setsockopt`, with
/// Windows' lengths: `SO_KEEPALIVE`, `SO_DONTROUTE`, `TCP_NODELAY` and `IPV6_V6ONLY` are one
/// byte (written and reported whatever the buffer size); the other socket-level BOOLs report
/// 1 byte into a buffer shorter than 4; IP-level integers give 1 byte into a short buffer;
/// `SO_LINGER` is Windows' 4-byte structure; the timeouts read back the milliseconds set (a
/// buffer of a native `struct timeval`'s size gets a `timeval`). A too-short buffer is
/// `WSAEFAULT` (for `SO_LINGER`/`SO_RCVBUF`/`SO_SNDBUF` zeroed first; for the 4-byte-only
/// TCP/IP options `*optlen` is set to 0). `SO_PROTOCOL_INFOA`/`W` return the socket's catalog
/// entry (a shorter buffer learns the size needed, 372/628 bytes; a larger one keeps its
/// `*optlen`). `SO_BSP_STATE` returns a `CSADDR_INFO` whose addresses follow it in the buffer
/// (`*optlen` unchanged). `SO_ERROR` returns a WSAE code and clears the thread's last
/// error. On UDP sockets `IP_MULTICAST_LOOP` / `IPV6_MULTICAST_LOOP` return the receive-side
/// loopback setting and `IP_MULTICAST_TTL` / `IPV6_MULTICAST_HOPS` the TTL, as 4-byte DWORDs
/// (1 byte when `*optlen` is smaller). `SO_CONNECT_TIME` is the seconds a stream socket has
/// been connected (0xFFFFFFFF when it is not). `*optlen` is otherwise set to the bytes written.
/// Unwritable buffers fail with `WSAEFAULT`; success clears the last error.
///
/// Errors: `WSAEFAULT` (NULL pointers, buffer too small), `WSAENOPROTOOPT` (unknown option),
/// `WSAEINVAL` (unknown level, as for `setsockopt`), `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `optval` must be NULL or writable for `*optlen` bytes; `optlen` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getsockopt(
    s: SOCKET,
    level: i32,
    optname: i32,
    optval: *mut c_void,
    optlen: *mut i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = if options::open_type_option(level, optname) {
            crate::runtime::check()?;
            None
        } else {
            Some(socket(s)?)
        };
        let optval = non_null(optval)?;
        let optlen = non_null(optlen)?;
        let mut cap = [0u8; 4];
        sys::copy_from_user(optlen.cast::<u8>(), &mut cap).map_err(|_| WsaError::WSAEFAULT)?;
        let mut cap = i32::from_ne_bytes(cap);
        if cap < 0 && sock.is_none() {
            // SO_OPENTYPE belongs to the thread: Windows answers it whatever the length says.
            cap = 4;
        }
        if cap <= 0 {
            return Err(WsaError::WSAEFAULT);
        }
        let cap = cap as usize;
        let write = |bytes: &[u8]| -> WsaResult<i32> {
            if bytes.len() > cap {
                return Err(WsaError::WSAEFAULT);
            }
            // Through the kernel: an unwritable buffer is WSAEFAULT, not a crash.
            let len = (bytes.len() as i32).to_ne_bytes();
            sys::copy_to_user_each(&[(optval.cast::<u8>(), bytes), (optlen.cast::<u8>(), &len)])
                .map_err(|_| WsaError::WSAEFAULT)?;
            Ok(0)
        };
        let value = match &sock {
            Some(sock) => options::get(sock, level, optname, cap)?,
            None => options::get_open_type(cap)?,
        };
        let result = match value {
            OptValue::Bytes(b) => write(&b),
            OptValue::Reported(b, reported) => {
                if b.len() > cap {
                    return Err(WsaError::WSAEFAULT);
                }
                let len = (reported as i32).to_ne_bytes();
                sys::copy_to_user_each(&[(optval.cast::<u8>(), &b), (optlen.cast::<u8>(), &len)])
                    .map_err(|_| WsaError::WSAEFAULT)?;
                Ok(0)
            }
            OptValue::BspState {
                local,
                remote,
                slot,
                socket_type,
                protocol,
            } => {
                // CSADDR_INFO { {lpSockaddr, iSockaddrLength} x 2, iSocketType, iProtocol },
                // then the local and remote address slots it points to.
                let base = optval as usize;
                let ptr_size = std::mem::size_of::<usize>();
                let mut out = vec![0u8; options::CSADDR_INFO_SIZE + 2 * slot];
                for (i, addr) in [local, remote].iter().enumerate() {
                    let at = i * 2 * ptr_size;
                    if let Some(a) = addr {
                        let place = options::CSADDR_INFO_SIZE + i * slot;
                        out[place..place + a.len()].copy_from_slice(a);
                        out[at..at + ptr_size].copy_from_slice(&(base + place).to_ne_bytes());
                        out[at + ptr_size..at + ptr_size + 4]
                            .copy_from_slice(&(a.len() as i32).to_ne_bytes());
                    }
                }
                let tail = 4 * ptr_size;
                out[tail..tail + 4].copy_from_slice(&socket_type.to_ne_bytes());
                out[tail + 4..tail + 8].copy_from_slice(&protocol.to_ne_bytes());
                // The caller's *optlen is left as it was, as on Windows.
                sys::copy_to_user(optval.cast::<u8>(), &out).map_err(|_| WsaError::WSAEFAULT)?;
                Ok(0)
            }
            OptValue::FaultNoLength => {
                let _ = sys::copy_to_user(optlen.cast::<u8>(), &0i32.to_ne_bytes());
                Err(WsaError::WSAEFAULT)
            }
            OptValue::ZeroedFault => {
                // Windows clears the too-short buffer before refusing it.
                let zeros = vec![0u8; cap.min(4)];
                let _ = sys::copy_to_user(optval.cast::<u8>(), &zeros);
                Err(WsaError::WSAEFAULT)
            }
            OptValue::ProtocolInfo(entry) => {
                let bytes = if optname == options::SO_PROTOCOL_INFOA {
                    // SAFETY: plain data viewed as bytes.
                    unsafe { as_bytes(&info_a(entry)) }.to_vec()
                } else {
                    // SAFETY: plain data viewed as bytes.
                    unsafe { as_bytes(&info_w(entry)) }.to_vec()
                };
                if cap < bytes.len() {
                    // Windows tells a short buffer the size it needs.
                    let need = (bytes.len() as i32).to_ne_bytes();
                    let _ = sys::copy_to_user(optlen.cast::<u8>(), &need);
                    return Err(WsaError::WSAEFAULT);
                }
                // A larger buffer keeps its *optlen, as on Windows.
                sys::copy_to_user(optval.cast::<u8>(), &bytes).map_err(|_| WsaError::WSAEFAULT)?;
                Ok(0)
            }
        };
        result
    })
}

/// `SIO_KEEPALIVE_VALS`: reads the program's `struct tcp_keepalive` (three ULONGs).
fn keepalive_vals(sock: &crate::socket::Socket, input: *const c_void, len: u32) -> WsaResult<()> {
    if input.is_null() || len < 12 {
        return Err(WsaError::WSAEFAULT);
    }
    let mut v = [0u8; 12];
    sys::copy_from_user(input.cast::<u8>(), &mut v).map_err(|_| WsaError::WSAEFAULT)?;
    let word = |i: usize| u32::from_ne_bytes([v[i], v[i + 1], v[i + 2], v[i + 3]]);
    options::keepalive_vals(sock, word(0) != 0, word(4), word(8))
}

/// The most of an option value `setsockopt` reads (the largest, `WSAPROTOCOL_INFOW`, is 628).
const MAX_OPTION: usize = 4096;

unsafe fn as_bytes<T>(v: &T) -> &[u8] {
    // SAFETY: the caller passes repr(C) plain data without uninitialised padding.
    unsafe { std::slice::from_raw_parts((v as *const T).cast::<u8>(), std::mem::size_of::<T>()) }
}

/// Controls a socket's mode. `cmd` is Windows' `FIONBIO`, `FIONREAD` or `SIOCATMARK` (or the
/// native value of the same name); `argp` points to the program's `u_long`, which is 32 bits
/// as on Windows (LLP64): exactly 4 bytes are read or written (`FIONBIO` only reads it, so one
/// variable can serve many calls). `FIONBIO` 0 fails with `WSAEINVAL` while the socket is
/// event-selected. `FIONREAD` is the bytes one receive returns (for datagrams: the next
/// datagram's size on Linux, all queued bytes on macOS), capped at 0xFFFFFFFF. `SIOCATMARK` is
/// TRUE when no out-of-band data is pending.
///
/// Errors: `WSAEFAULT` (NULL or unreadable/unwritable `argp`), `WSAEINVAL` (unknown command),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `argp` must be NULL or point to a 4-byte `u_long`.
#[no_mangle]
pub unsafe extern "C" fn ioctlsocket(s: SOCKET, cmd: i32, argp: *mut u32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let which = options::classify_unix_ioctl(cmd as u32).ok_or(WsaError::WSAEINVAL)?;
        let argp = non_null(argp)?;
        // Only FIONBIO reads its argument; the others only write it.
        let writes = !matches!(which, UnixIoctl::NonBlocking);
        let mut arg = [0u8; 4];
        if !writes {
            sys::copy_from_user(argp.cast::<u8>(), &mut arg).map_err(|_| WsaError::WSAEFAULT)?;
        }
        let out = options::unix_ioctl(&sock, which, u64::from(u32::from_ne_bytes(arg)))?;
        if writes {
            // FIONBIO only reads its argument (a loop that reuses the variable must see its
            // value unchanged, as on Windows).
            let out = out.min(u64::from(u32::MAX)) as u32;
            sys::copy_to_user(argp.cast::<u8>(), &out.to_ne_bytes())
                .map_err(|_| WsaError::WSAEFAULT)?;
        }
        Ok(0)
    })
}

/// Sends a control code to a socket.
///
/// Supported: `FIONBIO` (4-byte input), `FIONREAD` and `SIOCATMARK` (4-byte output) as in
/// `ioctlsocket`; on IP UDP sockets (multipoint or not) `SIO_MULTIPOINT_LOOPBACK` (4-byte BOOL
/// input, default TRUE) and `SIO_MULTICAST_SCOPE` (4-byte int input, 0–255, default 1).
/// `SIO_MULTICAST_SCOPE` is the multicast TTL / hop limit: 0 keeps datagrams on this host,
/// 1 keeps them on the local link. `SIO_MULTIPOINT_LOOPBACK` has Windows' receive-side meaning:
/// it decides whether *this* socket receives multicast sent from this host (by any socket),
/// not whether its own sends are looped back; datagrams are dropped on receipt when their
/// source is one of this host's addresses (the address list is refreshed at most every second,
/// and whenever loopback is turned off). Both fail with `WSAENOPROTOOPT` on other sockets and
/// `WSAEFAULT` without a 4-byte input; a scope outside 0–255 fails with `WSAEINVAL`.
/// `SIO_KEEPALIVE_VALS` (a 12-byte `struct tcp_keepalive`: on/off, idle time and probe
/// interval in ms, rounded up to whole seconds) on stream sockets (`WSAEINVAL` on others).
/// `SIO_UDP_CONNRESET` (BOOL: whether a port unreachable fails the next receive of a datagram
/// socket with `WSAECONNRESET`, default TRUE), `SIO_UDP_NETRESET` (BOOL, kept),
/// `SIO_GET_INTERFACE_LIST` (`INTERFACE_INFO` array; `WSAEFAULT` when it does not fit) and
/// `SIO_ADDRESS_LIST_QUERY` (`SOCKET_ADDRESS_LIST`; `WSAEFAULT` with the size needed in
/// `*lpcbBytesReturned` when it does not fit) and `SIO_ROUTING_INTERFACE_QUERY` (the local
/// address toward a destination; `WSAEINVAL` for a short input or the unspecified address,
/// `WSAEAFNOSUPPORT` for another family) as on Windows.
/// `SIO_ADDRESS_LIST_CHANGE` and `SIO_ROUTING_INTERFACE_CHANGE` wait for the host's address
/// list of the socket's family, or its routes, to change: overlapped they stay pending
/// (`WSA_IO_PENDING`) and complete with 0 bytes at the change (`CancelIo(Ex)` and
/// `closesocket` abort them); otherwise a blocking socket's call returns at the change and a
/// non-blocking socket's fails with `WSAEWOULDBLOCK`, the change then recording
/// `FD_ADDRESS_LIST_CHANGE` / `FD_ROUTING_INTERFACE_CHANGE` (ffi/ioctls.rs).
/// `SIO_SET_MULTICAST_FILTER` (an `ip_msfilter` in: the whole source filter of an IPv4
/// membership; a socket that is not a member joins) and `SIO_GET_MULTICAST_FILTER` (the
/// group and interface in, the filter out) on IPv4 datagram and raw sockets (Linux; elsewhere
/// `WSAEOPNOTSUPP`). `SIO_RCVALL`, `SIO_RCVALL_MCAST`, `SIO_RCVALL_IGMPMCAST` (a 4-byte
/// `RCVALL_*` in) on a raw socket bound to one of the host's addresses: it then receives its
/// interface's IP packets (all, multicast, IGMP), both directions, IP header first (Linux,
/// with the privilege raw sockets need; `WSAEINVAL` unbound, on the wildcard address or on
/// other sockets).
/// `SIO_BASE_HANDLE` / `SIO_BSP_HANDLE(_SELECT/_POLL)` write the socket itself (a `SOCKET`;
/// `WSAEFAULT` for a shorter buffer; overlapped: not supported, below), `SIO_IDEAL_SEND_BACKLOG_QUERY`
/// writes 65,536 for a connected stream socket (`WSAENOTCONN` before the connection,
/// `WSAEOPNOTSUPP` on datagram sockets), `SIO_ENABLE_CIRCULAR_QUEUEING` is accepted and does
/// nothing, and so is `SIO_LOOPBACK_FAST_PATH` on a stream socket (a 4-byte BOOL in; `WSAEFAULT`
/// without it, `WSAEOPNOTSUPP` on other sockets). QOS codes fail with `WSAENOPROTOOPT` (no QOS support);
/// `SIO_GET_EXTENSION_FUNCTION_POINTER` takes a 16-byte GUID (`WSAID_ACCEPTEX`,
/// `WSAID_GETACCEPTEXSOCKADDRS`, `WSAID_CONNECTEX`, `WSAID_DISCONNECTEX`, `WSAID_TRANSMITFILE`,
/// `WSAID_TRANSMITPACKETS`, `WSAID_WSARECVMSG`, `WSAID_WSASENDMSG`, `WSAID_WSAPOLL`) and writes
/// the function's address (pointer-sized output; `WSAEFAULT` for short buffers, `WSAEINVAL` for
/// another GUID); other codes fail with `WSAEOPNOTSUPP`, as on Windows: overlapped, the call
/// returns `WSA_IO_PENDING` with `*lpcbBytesReturned` untouched and the failure arrives through
/// the completion (`GetQueuedCompletionStatus` fails with `ERROR_NOT_SUPPORTED`, a completion
/// routine gets `WSAEOPNOTSUPP`, `Internal` is `STATUS_NOT_SUPPORTED`). `lpcbBytesReturned`
/// is required, with or without `lpOverlapped` (`WSAEFAULT`, as on Windows). An overlapped call
/// (other than the two change notifications) completes at once: it returns 0 and its
/// completion (event, port packet or completion routine) is still posted with 0 bytes, as
/// Windows does (`SIO_GET_INTERFACE_LIST`'s with the
/// list's size); a failure fails the call and posts nothing. (Windows leaves an overlapped `SIO_GET_INTERFACE_LIST` pending and reports a short
/// buffer through its completion; see docs/PORTING.md.)
/// `*lpcbBytesReturned` receives the output size, 0 when the call fails (the size needed for
/// `SIO_ADDRESS_LIST_QUERY`).
///
/// Errors: `WSAEFAULT` (NULL or too-small buffers, NULL `lpcbBytesReturned`), `WSAEINVAL`,
/// `WSAENOPROTOOPT`, `WSAEOPNOTSUPP` (unknown code), `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// Each buffer must be NULL or valid for its stated size.
#[no_mangle]
pub unsafe extern "C" fn WSAIoctl(
    s: SOCKET,
    dwIoControlCode: u32,
    lpvInBuffer: *const c_void,
    cbInBuffer: u32,
    lpvOutBuffer: *mut c_void,
    cbOutBuffer: u32,
    lpcbBytesReturned: *mut u32,
    lpOverlapped: *mut WSAOVERLAPPED,
    lpCompletionRoutine: LPWSAOVERLAPPED_COMPLETION_ROUTINE,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        // Windows refuses a NULL count even with an OVERLAPPED (observed for every code).
        let returned = non_null(lpcbBytesReturned)?;
        // A failed call reports 0 bytes, as Windows does (unless the code says otherwise;
        // FIONREAD/SIOCATMARK refused for their output buffer leave the count alone).
        // The codes of ffi/ioctls.rs set the count themselves.
        let mut before = [0u8; 4];
        sys::copy_from_user(returned.cast::<u8>(), &mut before).map_err(|_| WsaError::WSAEFAULT)?;
        if !super::ioctls::handles(dwIoControlCode) {
            sys::copy_to_user(returned.cast::<u8>(), &0u32.to_ne_bytes())
                .map_err(|_| WsaError::WSAEFAULT)?;
        }
        let input = || -> WsaResult<u32> {
            if lpvInBuffer.is_null() || cbInBuffer < 4 {
                return Err(WsaError::WSAEFAULT);
            }
            let mut v = [0u8; 4];
            sys::copy_from_user(lpvInBuffer.cast::<u8>(), &mut v)
                .map_err(|_| WsaError::WSAEFAULT)?;
            Ok(u32::from_ne_bytes(v))
        };
        // A code the provider does not support: WSAEOPNOTSUPP at once, or, overlapped, pending
        // with the count untouched and the failure in the completion (port packet with
        // ERROR_NOT_SUPPORTED, completion routine with WSAEOPNOTSUPP), as Windows answers.
        let unsupported = || -> WsaResult<i32> {
            if lpOverlapped.is_null() {
                return Err(WsaError::WSAEOPNOTSUPP);
            }
            sys::copy_to_user(returned.cast::<u8>(), &before).map_err(|_| WsaError::WSAEFAULT)?;
            super::overlapped::post_at_once(
                &sock,
                lpOverlapped,
                lpCompletionRoutine,
                0,
                Some(WsaError::WSAEOPNOTSUPP),
            )?;
            Err(WsaError::WSA_IO_PENDING)
        };
        let output = |v: u32| -> WsaResult<u32> {
            if lpvOutBuffer.is_null() || cbOutBuffer < 4 {
                return Err(WsaError::WSAEFAULT);
            }
            sys::copy_to_user(lpvOutBuffer.cast::<u8>(), &v.to_ne_bytes())
                .map_err(|_| WsaError::WSAEFAULT)?;
            Ok(4)
        };
        let written = match dwIoControlCode {
            // The codes whose meaning is the socket's provider's.
            options::SIO_MULTIPOINT_LOOPBACK => {
                sock.ioctl(IoctlRequest::MultipointLoopback(input()?))?;
                0
            }
            options::SIO_MULTICAST_SCOPE => {
                sock.ioctl(IoctlRequest::MulticastScope(input()?))?;
                0
            }
            options::SIO_KEEPALIVE_VALS => {
                keepalive_vals(&sock, lpvInBuffer, cbInBuffer)?;
                0
            }
            winsock::SIO_BASE_HANDLE
            | winsock::SIO_BSP_HANDLE
            | winsock::SIO_BSP_HANDLE_SELECT
            | winsock::SIO_BSP_HANDLE_POLL => {
                // The socket is its own base provider handle. Windows answers an overlapped
                // request through the completion with "not supported".
                if !lpOverlapped.is_null() {
                    return unsupported();
                }
                if lpvOutBuffer.is_null() || (cbOutBuffer as usize) < std::mem::size_of::<SOCKET>()
                {
                    return Err(WsaError::WSAEFAULT);
                }
                sys::copy_to_user(lpvOutBuffer.cast::<u8>(), &s.to_ne_bytes())
                    .map_err(|_| WsaError::WSAEFAULT)?;
                std::mem::size_of::<SOCKET>() as u32
            }
            winsock::SIO_ENABLE_CIRCULAR_QUEUEING => 0,
            winsock::SIO_LOOPBACK_FAST_PATH => {
                if !sock.is_stream() {
                    return Err(WsaError::WSAEOPNOTSUPP);
                }
                input()?;
                0
            }
            winsock::SIO_IDEAL_SEND_BACKLOG_QUERY => {
                if !sock.is_stream() {
                    return Err(WsaError::WSAEOPNOTSUPP);
                }
                if !sock.is_connected() {
                    return Err(WsaError::WSAENOTCONN);
                }
                // Windows' answer on loopback and most links: 64 KiB.
                output(0x1_0000)?
            }
            winsock::SIO_IDEAL_SEND_BACKLOG_CHANGE => {
                if !sock.is_stream() {
                    return Err(WsaError::WSAEOPNOTSUPP);
                }
                if !sock.is_connected() {
                    return Err(WsaError::WSAENOTCONN);
                }
                // ws2mp's ideal send backlog never changes (the query's answer is fixed), so
                // the notification stays pending: overlapped until the socket is closed
                // (then aborted, as on Windows); without an OVERLAPPED there is nothing to
                // wait for (WSAEWOULDBLOCK, which Windows gives a non-blocking socket).
                if lpOverlapped.is_null() {
                    return Err(WsaError::WSAEWOULDBLOCK);
                }
                let routine = super::overlapped::routine_of(lpCompletionRoutine, lpOverlapped);
                crate::overlapped::submit_external(&sock, lpOverlapped as usize, routine)?;
                return Err(WsaError::WSA_IO_PENDING);
            }
            super::ioctls::SIO_RCVALL
            | super::ioctls::SIO_RCVALL_MCAST
            | super::ioctls::SIO_RCVALL_IGMPMCAST => {
                let what = match dwIoControlCode {
                    super::ioctls::SIO_RCVALL => sys::Capture::All,
                    super::ioctls::SIO_RCVALL_MCAST => sys::Capture::Multicast,
                    _ => sys::Capture::Igmp,
                };
                sock.receive_all(what, input()?)?;
                0
            }
            super::ioctls::SIO_SET_MULTICAST_FILTER => {
                super::ioctls::set_multicast_filter(&sock, lpvInBuffer, cbInBuffer)?
            }
            super::ioctls::SIO_GET_MULTICAST_FILTER => super::ioctls::get_multicast_filter(
                &sock,
                lpvInBuffer,
                cbInBuffer,
                lpvOutBuffer,
                cbOutBuffer,
            )?,
            winsock::SIO_ADDRESS_LIST_CHANGE | winsock::SIO_ROUTING_INTERFACE_CHANGE => {
                let routing = dwIoControlCode == winsock::SIO_ROUTING_INTERFACE_CHANGE;
                super::ioctls::host_change(&sock, routing, lpOverlapped, lpCompletionRoutine)?;
                0
            }
            options::SIO_GET_QOS
            | options::SIO_SET_QOS
            | options::SIO_GET_GROUP_QOS
            | options::SIO_SET_GROUP_QOS => return Err(WsaError::WSAENOPROTOOPT),
            // Datagram error reports and the host's address lists (ffi/ioctls.rs).
            // SAFETY: forwarded caller guarantees; `returned` checked non-NULL.
            code if super::ioctls::handles(code) => unsafe {
                super::ioctls::wsa_ioctl(
                    &sock,
                    code,
                    lpvInBuffer,
                    cbInBuffer,
                    lpvOutBuffer,
                    cbOutBuffer,
                    returned,
                )
            }?,
            code => match options::classify_unix_ioctl(code) {
                Some(UnixIoctl::NonBlocking) => {
                    let v = input()?;
                    options::unix_ioctl(&sock, UnixIoctl::NonBlocking, u64::from(v))?;
                    0
                }
                Some(which) => {
                    if lpvOutBuffer.is_null() || cbOutBuffer < 4 {
                        let _ = sys::copy_to_user(returned.cast::<u8>(), &before);
                        return Err(WsaError::WSAEFAULT);
                    }
                    let v = options::unix_ioctl(&sock, which, 0)?;
                    output(v.min(u64::from(u32::MAX)) as u32)?
                }
                // The Microsoft extension functions (ffi/mswsock.rs); a code Windows does not
                // know is WSAEOPNOTSUPP.
                None if code == crate::winsock::SIO_GET_EXTENSION_FUNCTION_POINTER => {
                    super::mswsock::extension_pointer(
                        lpvInBuffer,
                        cbInBuffer,
                        lpvOutBuffer,
                        cbOutBuffer,
                    )
                    .inspect_err(|_| {
                        // A refused request leaves the count as it was (observed).
                        let _ = sys::copy_to_user(returned.cast::<u8>(), &before);
                    })?
                }
                None => return unsupported(),
            },
        };
        sys::copy_to_user(returned.cast::<u8>(), &written.to_ne_bytes())
            .map_err(|_| WsaError::WSAEFAULT)?;
        let pends = matches!(
            dwIoControlCode,
            winsock::SIO_ADDRESS_LIST_CHANGE | winsock::SIO_ROUTING_INTERFACE_CHANGE
        );
        if !lpOverlapped.is_null() && !pends {
            // Every other code completes at once; the completion is still posted. Windows' completion
            // carries 0 bytes (the size is in *lpcbBytesReturned), except SIO_GET_INTERFACE_LIST's,
            // which carries the list's size (observed).
            let posted = if dwIoControlCode == super::ioctls::SIO_GET_INTERFACE_LIST {
                written
            } else {
                0
            };
            super::overlapped::post_at_once(
                &sock,
                lpOverlapped,
                lpCompletionRoutine,
                posted,
                None,
            )?;
        }
        Ok(0)
    })
}
