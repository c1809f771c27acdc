//! Creating, binding, connecting, accepting and closing sockets.

use super::types::{
    GROUP, LPCONDITIONPROC, QOS, SOCKET, WSABUF, WSAPROTOCOL_INFOA, WSAPROTOCOL_INFOW,
};
use super::{
    call_ok, check_addr_room, non_null, read_in, read_sockaddr, socket, write_out, write_sockaddr,
};
use crate::addr::SockAddr;
use crate::catalog::{self, wsa_flag};
use crate::error::{WsaError, WsaResult};
use crate::runtime;
use crate::socket::{self as core, Admission, Condition, Offer, Socket};
use crate::winsock::{
    CF_ACCEPT, CF_DEFER, CF_REJECT, FROM_PROTOCOL_INFO, INVALID_SOCKET, SOCKET_ERROR,
};
use std::os::fd::FromRawFd;
use std::sync::Arc;

/// The fields `WSASocket` reads from a protocol-info argument (identical in the A and W forms).
struct InfoArg {
    family: i32,
    socket_type: i32,
    protocol: i32,
    catalog_id: u32,
    /// A `WSADuplicateSocket` record.
    duplicate: Option<Duplicate>,
}

/// What a protocol-info structure filled by `WSADuplicateSocket` carries: `DUPLICATE_MAGIC`
/// in `dwServiceFlags3`, the target process in `dwServiceFlags4`, and either (same process)
/// the duplicated descriptor in `dwProviderReserved` or (another process) the offer's 128-bit
/// token in the last four `ProtocolChain.ChainEntries` (unused by a base protocol's chain).
#[derive(Clone, Copy)]
struct Duplicate {
    pid: u32,
    fd: i32,
    token: u128,
}

const DUPLICATE_MAGIC: u32 = 0x7773_326d;

/// Where the token sits in `ProtocolChain.ChainEntries`.
const TOKEN_ENTRIES: std::ops::Range<usize> = 3..7;

fn token_of(chain: &[u32; 7]) -> u128 {
    chain[TOKEN_ENTRIES]
        .iter()
        .fold(0u128, |t, &w| (t << 32) | u128::from(w))
}

fn token_into(chain: &mut [u32; 7], token: u128) {
    for (i, w) in chain[TOKEN_ENTRIES].iter_mut().enumerate() {
        *w = (token >> (32 * (3 - i))) as u32;
    }
}

fn duplicate_record(
    flags3: u32,
    flags4: u32,
    reserved: u32,
    chain: &[u32; 7],
) -> Option<Duplicate> {
    (flags3 == DUPLICATE_MAGIC).then(|| Duplicate {
        pid: flags4,
        fd: reserved as i32,
        token: token_of(chain),
    })
}

/// Resolves and checks a family/type/protocol triple as Windows' `WSASocket` does, in its
/// order: `AF_UNSPEC` with protocol 0 is `WSAEINVAL`; an unknown type `WSAESOCKTNOSUPPORT`; an
/// unknown family `WSAEAFNOSUPPORT`; a protocol no catalog entry of that family and type
/// offers `WSAEPROTONOSUPPORT`. 0 means "any" for the type and the protocol, and `AF_UNSPEC`
/// with a protocol means IPv4. Returns the triple and the catalog entry (None: a native
/// socket outside the catalog, raw or `AF_UNIX`).
fn resolve(
    family: i32,
    socket_type: i32,
    protocol: i32,
) -> WsaResult<(i32, i32, i32, Option<&'static catalog::Entry>)> {
    if family == libc::AF_UNSPEC && protocol == 0 {
        return Err(WsaError::WSAEINVAL);
    }
    if !(0..=libc::SOCK_SEQPACKET).contains(&socket_type) {
        return Err(WsaError::WSAESOCKTNOSUPPORT);
    }
    let family = match family {
        libc::AF_UNSPEC => libc::AF_INET,
        libc::AF_INET | libc::AF_INET6 => family,
        libc::AF_UNIX => return Ok((family, socket_type, protocol, None)),
        _ => return Err(WsaError::WSAEAFNOSUPPORT),
    };
    if let Some(e) = core::choose_entry(family, socket_type, protocol, None)? {
        return Ok((family, e.socket_type, protocol, Some(e)));
    }
    // Raw sockets: SOCK_RAW with any protocol, or type 0 with a protocol below 256 that no
    // other entry offers (Windows' raw entries cover protocols 0-255).
    if socket_type == libc::SOCK_RAW || (socket_type == 0 && (1..=255).contains(&protocol)) {
        return Ok((family, libc::SOCK_RAW, protocol, None));
    }
    let type_known = socket_type == 0
        || catalog::ENTRIES
            .iter()
            .any(|e| e.family == family && e.socket_type == socket_type);
    Err(if type_known {
        WsaError::WSAEPROTONOSUPPORT
    } else {
        WsaError::WSAESOCKTNOSUPPORT
    })
}

fn create(
    family: i32,
    socket_type: i32,
    protocol: i32,
    info: Option<InfoArg>,
    group: GROUP,
    flags: u32,
) -> WsaResult<SOCKET> {
    runtime::check()?;
    if group != 0 || wsa_flag::WsaFlags::from_bits(flags).is_none() {
        return Err(WsaError::WSAEINVAL);
    }
    let (family, socket_type, protocol, entry) = match &info {
        Some(i) => {
            // An argument of 0 (or FROM_PROTOCOL_INFO) takes the structure's field; others
            // win over it, as on Windows.
            let pick = |arg: i32, field: i32| {
                if arg == 0 || arg == FROM_PROTOCOL_INFO {
                    field
                } else {
                    arg
                }
            };
            let family = pick(family, i.family);
            let socket_type = pick(socket_type, i.socket_type);
            let protocol = pick(protocol, i.protocol);
            // With a structure the family is checked first.
            if !matches!(family, libc::AF_INET | libc::AF_INET6 | libc::AF_UNIX) {
                return Err(WsaError::WSAEAFNOSUPPORT);
            }
            // The structure names a catalog entry: an unknown one is refused; it serves the
            // socket when the triple is its own (the rooted provider's entries share their
            // triple with nothing else).
            let named = catalog::by_id(i.catalog_id);
            if named.is_none() && i.duplicate.is_none() {
                return Err(WsaError::WSAEINVAL);
            }
            let own = named.filter(|e| {
                e.family == family
                    && e.socket_type == socket_type
                    && (protocol == 0 || protocol == e.protocol)
            });
            match (own, named) {
                (Some(e), _) => (family, socket_type, protocol, Some(e)),
                // A duplicated native socket outside the catalog (raw, AF_UNIX) names none.
                (None, None) => (family, socket_type, protocol, None),
                (None, Some(_)) => resolve(family, socket_type, protocol)?,
            }
        }
        None => resolve(family, socket_type, protocol)?,
    };
    let protocol = match entry {
        Some(e) if protocol == 0 => e.protocol,
        _ => protocol,
    };
    if let Some(d) = info.as_ref().and_then(|i| i.duplicate) {
        // A structure made for another process cannot be used here.
        if d.pid != std::process::id() {
            return Err(WsaError::WSAEINVAL);
        }
        if d.token != 0 {
            // Made by another process for this one: take the descriptor it offers.
            let s = Socket::take_offered(d.token, family, socket_type, protocol, entry, flags)?;
            return Ok(s.fd() as SOCKET);
        }
        let fd = d.fd;
        Socket::check_duplicate(fd)?;
        // SAFETY: `fd` is the descriptor `WSADuplicateSocket` made for this process (the
        // record names this process), still a socket and registered by no socket: the new
        // socket takes it over.
        let fd = unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) };
        let raw = std::os::fd::AsRawFd::as_raw_fd(&fd);
        let s = Socket::adopt_duplicate(fd, family, socket_type, protocol, entry, flags)?;
        // One socket on Windows with its source (socket/siblings.rs).
        if let Some(source) = crate::socket::siblings::adopted(raw, &s) {
            crate::overlapped::share_association(&source, &s);
        }
        return Ok(s.fd() as SOCKET);
    }
    catalog::check_multipoint_flags(entry, flags)?;
    let s = Socket::open(family, socket_type, protocol, entry, flags)?;
    crate::options::on_create(&s);
    Ok(s.fd() as SOCKET)
}

/// Creates a socket (ANSI protocol-info form).
///
/// With `lpProtocolInfo`, `af`/`type`/`protocol` may be `FROM_PROTOCOL_INFO` and the catalog
/// entry named by `dwCatalogEntryId` serves the socket. The multipoint flags are checked
/// against the entry as Windows does (C_ROOT needs a rooted control plane, D_ROOT a rooted data
/// plane, exactly one C and one D flag, any of them `XP1_SUPPORT_MULTIPOINT`).
/// `WSA_FLAG_NO_HANDLE_INHERIT` maps to close-on-exec. Sockets start blocking.
///
/// The triple is checked as Windows does (see `resolve`): `AF_UNSPEC` with protocol 0 is
/// `WSAEINVAL`, then an unknown type `WSAESOCKTNOSUPPORT`, an unknown family
/// `WSAEAFNOSUPPORT`, a protocol the family and type do not offer `WSAEPROTONOSUPPORT`; 0 is
/// "any" for the type and protocol. With protocol info, an argument of 0 or
/// `FROM_PROTOCOL_INFO` takes the structure's field and other arguments override it.
///
/// Errors: `WSANOTINITIALISED`; `WSAEINVAL` (bad flags or multipoint combination, `g` other
/// than 0, `AF_UNSPEC` with protocol 0, a `WSADuplicateSocket` structure made for another
/// process, used already, expired or altered); `WSAEAFNOSUPPORT`, `WSAESOCKTNOSUPPORT`,
/// `WSAEPROTONOSUPPORT`, `WSAEACCES` (raw sockets without the privilege), `WSAEMFILE`,
/// `WSAENOBUFS`.
///
/// # Safety
/// `lpProtocolInfo` must be NULL or point to a readable `WSAPROTOCOL_INFOA`.
#[no_mangle]
pub unsafe extern "C" fn WSASocketA(
    af: i32,
    r#type: i32,
    protocol: i32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOA,
    g: GROUP,
    dwFlags: u32,
) -> SOCKET {
    call_ok(INVALID_SOCKET, || {
        // SAFETY: the caller guarantees the pointer is NULL or readable.
        let info = unsafe { lpProtocolInfo.as_ref() }.map(|i| InfoArg {
            family: i.iAddressFamily,
            socket_type: i.iSocketType,
            protocol: i.iProtocol,
            catalog_id: i.dwCatalogEntryId,
            duplicate: duplicate_record(
                i.dwServiceFlags3,
                i.dwServiceFlags4,
                i.dwProviderReserved,
                &i.ProtocolChain.ChainEntries,
            ),
        });
        create(af, r#type, protocol, info, g, dwFlags)
    })
}

/// Creates a socket (UTF-16 protocol-info form). See `WSASocketA`.
///
/// # Safety
/// `lpProtocolInfo` must be NULL or point to a readable `WSAPROTOCOL_INFOW`.
#[no_mangle]
pub unsafe extern "C" fn WSASocketW(
    af: i32,
    r#type: i32,
    protocol: i32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOW,
    g: GROUP,
    dwFlags: u32,
) -> SOCKET {
    call_ok(INVALID_SOCKET, || {
        // SAFETY: the caller guarantees the pointer is NULL or readable.
        let info = unsafe { lpProtocolInfo.as_ref() }.map(|i| InfoArg {
            family: i.iAddressFamily,
            socket_type: i.iSocketType,
            protocol: i.iProtocol,
            catalog_id: i.dwCatalogEntryId,
            duplicate: duplicate_record(
                i.dwServiceFlags3,
                i.dwServiceFlags4,
                i.dwProviderReserved,
                &i.ProtocolChain.ChainEntries,
            ),
        });
        create(af, r#type, protocol, info, g, dwFlags)
    })
}

/// Winsock `socket()` (mapped from `socket` by the compat header): `WSASocket` with
/// `WSA_FLAG_OVERLAPPED` and no protocol info. Protocols outside the catalog (raw, `AF_UNIX`)
/// are created natively when the OS supports them. After the calling thread set
/// `SO_OPENTYPE` to `SO_SYNCHRONOUS_ALERT` or `SO_SYNCHRONOUS_NONALERT`, the socket is created
/// without `WSA_FLAG_OVERLAPPED`, as on Windows (an overlapped call on it then waits for its
/// result).
#[no_mangle]
pub extern "C" fn ws2mp_socket(af: i32, r#type: i32, protocol: i32) -> SOCKET {
    call_ok(INVALID_SOCKET, || {
        let flags = if crate::options::open_type() == 0 {
            wsa_flag::OVERLAPPED
        } else {
            0
        };
        create(af, r#type, protocol, None, 0, flags)
    })
}

/// Closes a socket: cancels its event selection (the event object stays), leaves multicast
/// groups, wakes calls blocked on it in other threads (they fail with `WSAEINTR`) and closes
/// the descriptor. No FD_CLOSE is recorded for the socket itself. Rooted multipoint sockets
/// (docs/PROTOCOL.md): a leaf leaves its session; a root's c_leaf socket evicts its leaf; a
/// root dismantles the session (FD_CLOSE on every c_leaf socket, local and remote).
///
/// Errors: `WSANOTINITIALISED`, `WSAENOTSOCK`.
#[no_mangle]
pub extern "C" fn closesocket(s: SOCKET) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        // An AcceptEx into this socket is cancelled (ffi/mswsock.rs).
        crate::extension::accept::abandon(&sock);
        sock.close();
        Ok(0)
    })
}

/// Binds a socket (mapped from `bind`).
///
/// A multipoint (c_leaf | d_leaf) UDP socket bound to one of the host's unicast addresses
/// receives the groups it joins on that address's interface, as on Windows (a plain POSIX
/// socket bound so receives no multicast at all). ws2mp binds the wildcard address with the
/// same port underneath, joins groups and sends multicast by that interface, sends every
/// datagram from the bound address (`IP_PKTINFO`), drops unicast datagrams sent to the host's
/// other addresses, and reports the bound address in `getsockname`. Difference from Windows:
/// the port is taken on every address, so another socket binding it on another address needs
/// `SO_REUSEADDR`. Other sockets bind exactly as asked.
///
/// Errors: `WSAEFAULT` (NULL `name`, `namelen` too small, or an address of another family than
/// the socket's, as Windows documents), `WSAEADDRINUSE`, `WSAEADDRNOTAVAIL` (not an address of
/// this host), `WSAEINVAL` (already bound), `WSAENOTSOCK`, `WSANOTINITIALISED`. A `namelen`
/// larger than the address is fine: only the address is read.
///
/// # Safety
/// `name` must be NULL or readable for `namelen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_bind(s: SOCKET, name: *const libc::sockaddr, namelen: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        let addr = read_sockaddr(name, namelen)?;
        crate::options::bind(&sock, &addr)?;
        Ok(0)
    })
}

/// Listens (mapped from `listen`). The socket must be bound (`WSAEINVAL` otherwise);
/// `SOMAXCONN` (0x7fffffff) means the system maximum.
///
/// Errors: `WSAEINVAL`, `WSAEISCONN`, `WSAEOPNOTSUPP` (not a stream socket), `WSAENOTSOCK`,
/// `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn ws2mp_listen(s: SOCKET, backlog: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        crate::options::before_listen(&sock);
        sock.listen(backlog)?;
        Ok(0)
    })
}

unsafe fn accept_common(
    s: SOCKET,
    addr: *mut libc::sockaddr,
    addrlen: *mut i32,
    decide: Option<Condition<'_>>,
) -> WsaResult<SOCKET> {
    let listener = socket(s)?;
    // `addr` without `addrlen` is accepted and `addr` left untouched, as on Windows.
    let addr = if addrlen.is_null() {
        std::ptr::null_mut()
    } else {
        addr
    };
    if !addr.is_null() {
        // A refused accept call still re-enables FD_ACCEPT, as every accept call does.
        if let Err(e) = non_null(addrlen).and_then(|_| check_addr_room(listener.family, addrlen)) {
            listener.accept_refused();
            return Err(e);
        }
    }
    let (new, peer): (Arc<Socket>, SockAddr) = listener.accept(decide)?;
    crate::options::mark_connect_start(&new);
    crate::options::inherit(&listener, &new);
    crate::window::queue::inherit_async_select(s, new.fd() as SOCKET);
    if let Err(e) = write_sockaddr(&peer, addr, addrlen) {
        new.close();
        return Err(e);
    }
    Ok(new.fd() as SOCKET)
}

/// Accepts a connection (mapped from `accept`). The new socket inherits the listener's event
/// selection (and so is non-blocking if the listener is selected). FD_ACCEPT is re-enabled.
///
/// `addr` with a NULL `addrlen` accepts without reporting the address (Windows does the same).
///
/// Errors: `WSAEWOULDBLOCK` (non-blocking, nothing pending), `WSAEINVAL` (not listening),
/// `WSAEOPNOTSUPP` (not a stream socket), `WSAEFAULT` (`*addrlen` too small), `WSAEINTR` (closed by another thread while blocked), `WSAEMFILE`, `WSAENOBUFS`,
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `addr` must be NULL or writable for `*addrlen` bytes; `addrlen` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_accept(
    s: SOCKET,
    addr: *mut libc::sockaddr,
    addrlen: *mut i32,
) -> SOCKET {
    // SAFETY: forwarded caller guarantee.
    call_ok(INVALID_SOCKET, || unsafe {
        accept_common(s, addr, addrlen, None)
    })
}

/// Accepts a connection after asking a condition function.
///
/// The function gets the caller's address in `lpCallerId`, the local address in `lpCalleeId`,
/// NULL QOS and a group pointer. TCP carries no connect data: `lpCallerData` and
/// `lpCalleeData` are NULL. On a listening socket of ws2mp's rooted provider (a c_root taking
/// join requests, or a c_leaf taking invitations; docs/PROTOCOL.md) `lpCallerData` is the
/// asking side's caller data (NULL when it sent none) and `lpCalleeData` a 4,096-byte buffer:
/// write the answer and set its `len` (to 0 for none). `CF_ACCEPT` returns the new socket;
/// `CF_REJECT` refuses (TCP: resets the connection) and fails with `WSAECONNREFUSED`;
/// `CF_DEFER` fails with `WSATRY_AGAIN`, keeps the request for the next call and does not
/// re-enable FD_ACCEPT; any other value fails with `WSAEINVAL` (the request is refused).
///
/// Errors: as `accept`, plus `WSAECONNREFUSED`, `WSATRY_AGAIN`.
///
/// # Safety
/// As `accept`; `lpfnCondition` must be NULL or a valid function.
#[no_mangle]
pub unsafe extern "C" fn WSAAccept(
    s: SOCKET,
    addr: *mut libc::sockaddr,
    addrlen: *mut i32,
    lpfnCondition: LPCONDITIONPROC,
    dwCallbackData: usize,
) -> SOCKET {
    call_ok(INVALID_SOCKET, || {
        let Some(cond) = lpfnCondition else {
            // SAFETY: forwarded caller guarantee.
            return unsafe { accept_common(s, addr, addrlen, None) };
        };
        let mut decide = |offer: &mut Offer<'_>| {
            let mut caller_bytes = offer.caller.as_bytes().to_vec();
            let mut callee_bytes = offer.callee.as_bytes().to_vec();
            let mut caller_id = WSABUF {
                len: caller_bytes.len() as u32,
                buf: caller_bytes.as_mut_ptr().cast(),
            };
            let mut callee_id = WSABUF {
                len: callee_bytes.len() as u32,
                buf: callee_bytes.as_mut_ptr().cast(),
            };
            // Connect data, for providers that carry it (the rooted provider).
            let mut caller_copy = offer.caller_data.map(|d| d.to_vec());
            let mut caller_data = caller_copy.as_mut().map(|d| WSABUF {
                len: d.len() as u32,
                buf: d.as_mut_ptr().cast(),
            });
            let capacity = offer.callee_data.as_ref().map_or(0, |b| b.len());
            let mut callee_data = offer.callee_data.as_mut().map(|b| WSABUF {
                len: b.len() as u32,
                buf: b.as_mut_ptr().cast(),
            });
            let mut group: GROUP = 0;
            // SAFETY: the condition function is the caller's; every pointer we pass is valid
            // for the duration of the call or NULL.
            let verdict = unsafe {
                cond(
                    &mut caller_id,
                    caller_data
                        .as_mut()
                        .map_or(std::ptr::null_mut(), |b| b as *mut WSABUF),
                    std::ptr::null_mut::<QOS>(),
                    std::ptr::null_mut::<QOS>(),
                    &mut callee_id,
                    callee_data
                        .as_mut()
                        .map_or(std::ptr::null_mut(), |b| b as *mut WSABUF),
                    &mut group,
                    dwCallbackData,
                )
            };
            offer.callee_len = callee_data.map_or(0, |b| (b.len as usize).min(capacity));
            match verdict {
                CF_ACCEPT => Admission::Accept,
                CF_REJECT => Admission::Reject,
                CF_DEFER => Admission::Defer,
                _ => Admission::Invalid,
            }
        };
        // SAFETY: forwarded caller guarantee.
        unsafe { accept_common(s, addr, addrlen, Some(&mut decide)) }
    })
}

fn is_all_zero(addr: &SockAddr) -> bool {
    addr.to_std()
        .is_some_and(|a| a.ip().is_unspecified() && a.port() == 0)
}

fn connect_common(s: SOCKET, addr: SockAddr) -> WsaResult<i32> {
    let sock = socket(s)?;
    // A socket an AcceptEx will accept into cannot connect (WSAEINVAL), as on Windows.
    if crate::extension::accept::is_pending(&sock) {
        return Err(WsaError::WSAEINVAL);
    }
    if addr.family() == libc::AF_UNSPEC && sock.dissolves_on_unspec() {
        // AF_UNSPEC dissolves a datagram socket's association, as the all-zero address does.
        sock.disconnect_datagram()?;
        return Ok(0);
    }
    if addr.family() != sock.family {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    // A stream socket cannot connect to the unspecified address or to port 0 (Windows:
    // `WSAEADDRNOTAVAIL`; Linux and macOS would connect to this host, or be refused).
    if sock.is_stream() && addr.is_invalid_remote() {
        return Err(WsaError::WSAEADDRNOTAVAIL);
    }
    if is_all_zero(&addr) {
        sock.disconnect_datagram()?;
        return Ok(0);
    }
    crate::options::mark_connect_start(&sock);
    sock.connect(&addr)?;
    Ok(0)
}

/// Connects (mapped from `connect`). A non-blocking stream socket fails with
/// `WSAEWOULDBLOCK` (not `WSAEINPROGRESS`) and completes through FD_CONNECT or writability;
/// calling again meanwhile gives `WSAEALREADY`, after success `WSAEISCONN`. On a datagram
/// socket it sets the default peer; an all-zero address or an `AF_UNSPEC` one removes it.
///
/// Errors: also `WSAEFAULT`, `WSAEAFNOSUPPORT`, `WSAEADDRNOTAVAIL` (the unspecified address,
/// or port 0, on a stream socket), `WSAECONNREFUSED`, `WSAENETUNREACH`, `WSAEHOSTUNREACH`,
/// `WSAETIMEDOUT`, `WSAEINVAL` (listening socket), `WSAEOPNOTSUPP` (a rooted multipoint
/// socket: joins are `WSAJoinLeaf`'s), `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `name` must be NULL or readable for `namelen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_connect(
    s: SOCKET,
    name: *const libc::sockaddr,
    namelen: i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let addr = read_sockaddr(name, namelen)?;
        connect_common(s, addr)
    })
}

/// Connects with connect data and QOS. TCP and UDP carry no connect data: non-empty
/// `lpCallerData` fails with `WSAEPROTONOSUPPORT`, and `lpCalleeData->len` is set to 0. QOS is
/// not supported: a non-NULL `lpSQOS` fails with `WSAEOPNOTSUPP`, a non-NULL `lpGQOS` with
/// `WSAEINVAL`. Otherwise as `connect`.
///
/// # Safety
/// `name` must be NULL or readable for `namelen` bytes; the WSABUF/QOS pointers NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn WSAConnect(
    s: SOCKET,
    name: *const libc::sockaddr,
    namelen: i32,
    lpCallerData: *const WSABUF,
    lpCalleeData: *mut WSABUF,
    lpSQOS: *const QOS,
    lpGQOS: *const QOS,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let _ = socket(s)?;
        if !lpGQOS.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        if !lpSQOS.is_null() {
            return Err(WsaError::WSAEOPNOTSUPP);
        }
        // Checked copies: a WSABUF ws2mp cannot read or write is WSAEFAULT, never a crash.
        if !lpCallerData.is_null() && read_in(lpCallerData)?.len > 0 {
            return Err(WsaError::WSAEPROTONOSUPPORT);
        }
        let addr = read_sockaddr(name, namelen)?;
        let r = connect_common(s, addr);
        if !lpCalleeData.is_null() {
            write_out(lpCalleeData.cast::<u32>(), 0)?;
        }
        r
    })
}

/// Shuts down sending (`SD_SEND`), receiving (`SD_RECEIVE`) or both (`SD_BOTH`) (mapped from
/// `shutdown`). Later sends fail with `WSAESHUTDOWN` after `SD_SEND`, later receives after
/// `SD_RECEIVE`, on stream and datagram sockets; overlapped receives already pending on a TCP
/// socket still wait for data and get it, as on Windows. Unlike Windows, `SD_RECEIVE` on TCP
/// does not reset the connection when more data arrives (see docs/PORTING.md).
///
/// Errors: `WSAEINVAL` (bad `how`), `WSAENOTCONN` (unconnected or listening stream socket),
/// `WSAENOTSOCK`,
/// `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn ws2mp_shutdown(s: SOCKET, how: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        socket(s)?.shutdown(how)?;
        Ok(0)
    })
}

/// Starts the disconnect of a connection: `shutdown(s, SD_SEND)`, after which sends fail with
/// `WSAESHUTDOWN` and the peer sees the end of the stream. Like `shutdown`, it queues no
/// completion. TCP carries no disconnect data: `lpOutboundDisconnectData` must be NULL.
///
/// Errors: `WSAENOPROTOOPT` (disconnect data given), `WSAENOTCONN`, `WSAENOTSOCK`,
/// `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn WSASendDisconnect(s: SOCKET, lpOutboundDisconnectData: *mut WSABUF) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        if !lpOutboundDisconnectData.is_null() {
            return Err(WsaError::WSAENOPROTOOPT);
        }
        sock.shutdown(1)?;
        Ok(0)
    })
}

/// Ends receiving on a connection: `shutdown(s, SD_RECEIVE)`, after which receives fail with
/// `WSAESHUTDOWN`. It queues no completion. TCP carries no disconnect data:
/// `lpInboundDisconnectData` must be NULL.
///
/// Errors: `WSAENOPROTOOPT` (a disconnect data buffer given), `WSAENOTCONN`, `WSAENOTSOCK`,
/// `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn WSARecvDisconnect(s: SOCKET, lpInboundDisconnectData: *mut WSABUF) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        if !lpInboundDisconnectData.is_null() {
            return Err(WsaError::WSAENOPROTOOPT);
        }
        sock.shutdown(0)?;
        Ok(0)
    })
}

/// The local address (mapped from `getsockname`). A multipoint UDP socket bound to an
/// interface address reports that address (see `bind`).
///
/// Errors: `WSAEINVAL` (not bound), `WSAEFAULT` (NULL pointers or `*namelen` too small),
/// `WSAENOTSOCK`, `WSANOTINITIALISED`.
///
/// # Safety
/// `name` must be NULL or writable for `*namelen` bytes; `namelen` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getsockname(
    s: SOCKET,
    name: *mut libc::sockaddr,
    namelen: *mut i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        non_null(name)?;
        non_null(namelen)?;
        let addr = sock.local_addr()?;
        write_sockaddr(&addr, name, namelen)?;
        Ok(0)
    })
}

/// The peer's address (mapped from `getpeername`); for a socket that joined a multicast group
/// with `WSAJoinLeaf`, the group.
///
/// Errors: `WSAENOTCONN` (checked before the pointers), `WSAEFAULT`, `WSAENOTSOCK`,
/// `WSANOTINITIALISED`. The address stays available after `shutdown`.
///
/// # Safety
/// `name` must be NULL or writable for `*namelen` bytes; `namelen` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getpeername(
    s: SOCKET,
    name: *mut libc::sockaddr,
    namelen: *mut i32,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        // An unconnected socket is WSAENOTCONN whatever the pointers, as on Windows.
        let addr = sock.peer_addr()?;
        non_null(name)?;
        non_null(namelen)?;
        write_sockaddr(&addr, name, namelen)?;
        Ok(0)
    })
}

/// Whether `pid` names a running process (Windows checks the target of `WSADuplicateSocket`).
fn process_exists(pid: u32) -> bool {
    if pid == 0 || pid > i32::MAX as u32 {
        return false;
    }
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        std::path::Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

/// The body of `WSADuplicateSocketA`/`W`: checks in Windows' order (the socket, the process,
/// then the structure) and duplicates the descriptor now: for this process a second
/// descriptor, for another one an offer (see `socket/handoff.rs`). Returns the record.
fn duplicate(s: SOCKET, pid: u32, info_null: bool) -> WsaResult<(Arc<Socket>, Duplicate)> {
    let sock = socket(s)?;
    if !process_exists(pid) {
        return Err(WsaError::WSAEINVAL);
    }
    if info_null {
        return Err(WsaError::WSAEFAULT);
    }
    let record = if pid == std::process::id() {
        let fd = sock.duplicate_descriptor()?;
        crate::socket::siblings::offered(fd, &sock);
        Duplicate { pid, fd, token: 0 }
    } else {
        Duplicate {
            pid,
            fd: -1,
            token: sock.offer_to_process(pid)?,
        }
    };
    Ok((sock, record))
}

/// Writes what `WSASocket` needs to take the duplicate over into a `WSAPROTOCOL_INFOA/W`
/// (the two structures share these fields).
macro_rules! stamp_duplicate {
    ($info:ident, $sock:ident, $d:expr) => {
        $info.iAddressFamily = $sock.family;
        $info.iSocketType = $sock.socket_type;
        $info.iProtocol = $sock.protocol;
        $info.dwServiceFlags3 = DUPLICATE_MAGIC;
        $info.dwServiceFlags4 = $d.pid;
        $info.dwProviderReserved = $d.fd as u32;
        token_into(&mut $info.ProtocolChain.ChainEntries, $d.token);
    };
}

/// Fills a protocol-info structure with which `WSASocket` in process `dwProcessId` creates a
/// socket for the same underlying socket as `s` (ANSI form).
///
/// The structure is good for one `WSASocket(FROM_PROTOCOL_INFO, ..., &info, ...)` (or with 0
/// arguments) in that process; every descriptor shares the connection, the bound address, the
/// queued data, the options and the blocking mode, and each must be closed; the source may
/// close its own at once. Within the same process the descriptor is duplicated now. For
/// another process of the same user it is offered over a local socket named by a random token
/// in the structure's reserved fields and given only to that process; the offer lasts until
/// the target takes it or ends, or the source ends (a normal exit waits up to 5 s for pending
/// offers). Differences from Windows: the offer ends with the source process (Windows puts the
/// handle into the target at once); rooted multipoint sockets cannot be duplicated
/// (`WSAEOPNOTSUPP`); ws2mp's own state (event selection, multicast filter) is not shared.
///
/// Errors: `WSANOTINITIALISED`, `WSAENOTSOCK`, `WSAEINVAL` (no such process), `WSAEFAULT`
/// (NULL `lpProtocolInfo`), `WSAEOPNOTSUPP`, `WSAEMFILE`, `WSAENOBUFS` (no offer could be made).
///
/// # Safety
/// `lpProtocolInfo` must be NULL or point to a writable `WSAPROTOCOL_INFOA`.
#[no_mangle]
pub unsafe extern "C" fn WSADuplicateSocketA(
    s: SOCKET,
    dwProcessId: u32,
    lpProtocolInfo: *mut WSAPROTOCOL_INFOA,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        if !lpProtocolInfo.is_null() {
            // Proven readable and writable (its own bytes written back) before the duplicate
            // is made: memory ws2mp cannot write is WSAEFAULT, never a crash or a leak.
            write_out(lpProtocolInfo, read_in(lpProtocolInfo)?)?;
        }
        let (sock, record) = duplicate(s, dwProcessId, lpProtocolInfo.is_null())?;
        let mut info = match sock.entry {
            Some(e) => super::protocols::info_a(e),
            // SAFETY: the structure is plain integers and arrays; all-zero is valid.
            None => unsafe { std::mem::zeroed() },
        };
        stamp_duplicate!(info, sock, record);
        write_out(lpProtocolInfo, info)?;
        Ok(0)
    })
}

/// `WSADuplicateSocketA` with the UTF-16 protocol-info structure.
///
/// # Safety
/// `lpProtocolInfo` must be NULL or point to a writable `WSAPROTOCOL_INFOW`.
#[no_mangle]
pub unsafe extern "C" fn WSADuplicateSocketW(
    s: SOCKET,
    dwProcessId: u32,
    lpProtocolInfo: *mut WSAPROTOCOL_INFOW,
) -> i32 {
    call_ok(SOCKET_ERROR, || {
        if !lpProtocolInfo.is_null() {
            // Proven readable and writable (its own bytes written back) before the duplicate
            // is made: memory ws2mp cannot write is WSAEFAULT, never a crash or a leak.
            write_out(lpProtocolInfo, read_in(lpProtocolInfo)?)?;
        }
        let (sock, record) = duplicate(s, dwProcessId, lpProtocolInfo.is_null())?;
        let mut info = match sock.entry {
            Some(e) => super::protocols::info_w(e),
            // SAFETY: the structure is plain integers and arrays; all-zero is valid.
            None => unsafe { std::mem::zeroed() },
        };
        stamp_duplicate!(info, sock, record);
        write_out(lpProtocolInfo, info)?;
        Ok(0)
    })
}
