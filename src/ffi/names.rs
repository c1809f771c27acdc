//! Name resolution and address strings: `gethostbyname` & co., `getaddrinfo`/`GetAddrInfoW`,
//! `getnameinfo`/`GetNameInfoW`, `gai_strerror`, `inet_pton`/`inet_ntop`/`InetPtonW`/
//! `InetNtopW` and `WSAAddressToString`/`WSAStringToAddress`. The libc-named functions carry
//! the `ws2mp_` prefix; `<ws2mp_names.h>` (included by the compat `<winsock2.h>`) maps
//! Windows' names and structures onto them.

use super::call;
use super::types::WSAPROTOCOL_INFOA;
use super::types::WSAPROTOCOL_INFOW;
use super::{addrinfo_lists, entries, read_array, read_in, write_array, write_out, Plain};
use crate::addr::SockAddr;
use crate::error::{set_last_error, WsaError, WsaResult};
use crate::names::address_string::{self, Parsed, StringAddress};
use crate::names::addrinfo::{self, Hints};
use crate::names::types::{
    addrinfoW, ws2mp_addrinfo, ws2mp_hostent, ws2mp_protoent, ws2mp_servent,
};
use crate::names::{hosts, messages, services};
use std::ffi::{CStr, CString};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::raw::{c_char, c_void};

/// Longest string argument read (characters); a longer one is treated as unreadable.
const MOST_TEXT: usize = 1 << 20;

/// A C string argument, or None for NULL; `WSAEFAULT` when its memory cannot be read (read
/// through checked copies: never a crash).
pub(super) fn text(p: *const c_char) -> WsaResult<Option<CString>> {
    if p.is_null() {
        return Ok(None);
    }
    let bytes = crate::sys::copy_string_from_user(p.cast(), 1, MOST_TEXT)
        .map_err(|_| WsaError::WSAEFAULT)?;
    Ok(Some(
        CString::new(bytes).expect("no NUL before the terminator"),
    ))
}

/// A UTF-16 string argument as UTF-8, None for NULL; the inner `Err` when it is not valid
/// UTF-16; `WSAEFAULT` when its memory cannot be read (checked copies, as [`text`]).
pub(super) fn wide(p: *const u16) -> WsaResult<Option<Result<String, ()>>> {
    if p.is_null() {
        return Ok(None);
    }
    let bytes = crate::sys::copy_string_from_user(p.cast(), 2, MOST_TEXT)
        .map_err(|_| WsaError::WSAEFAULT)?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_ne_bytes([c[0], c[1]]))
        .collect();
    if units.len() == 1 {
        if let Some(text) = utf32_text(p) {
            return Ok(Some(Ok(text)));
        }
    }
    Ok(Some(String::from_utf16(&units).map_err(|_| ())))
}

/// The C library's 32-bit `wchar_t` string behind a pointer the program cast to a WCHAR one
/// (`(LPWSTR)L"127.0.0.1:80"`, which compiles in C++): its first character reads as a
/// one-character UTF-16 string. It is taken for 32-bit when the next 32-bit unit is a
/// character (a 16-bit string's terminator is followed by a character below U+0011 only by
/// chance). None when it is not, or that memory cannot be read.
fn utf32_text(p: *const u16) -> Option<String> {
    let mut next = [0u8; 4];
    crate::sys::copy_from_user(p.cast::<u8>().wrapping_add(4), &mut next).ok()?;
    let (low, high) = (
        u16::from_ne_bytes([next[0], next[1]]),
        u16::from_ne_bytes([next[2], next[3]]),
    );
    if low == 0 || high > 0x10 {
        return None;
    }
    super::win32_strings::wchar_t_text(p.cast(), MOST_TEXT)
}

/// Copies `s` and its terminator to a C buffer of `cap` units, or fails with `WSAEFAULT` (too
/// small, or memory ws2mp cannot write: a checked copy, never a crash).
///
/// # Safety
/// None beyond the types' (kept `unsafe` for its callers' sake): the buffer is checked.
unsafe fn put<T: Plain + Default>(units: &[T], out: *mut T, cap: usize) -> WsaResult<()> {
    if units.len() + 1 > cap {
        return Err(WsaError::WSAEFAULT);
    }
    let mut all = Vec::with_capacity(units.len() + 1);
    all.extend_from_slice(units);
    all.push(T::default());
    write_array(out, &all)
}

/// Reads the family and then the `need` bytes (for that family, at most `len`) of a sockaddr
/// argument through checked copies. `Err(WSAEFAULT)` when they cannot be read; `Ok(None)` with
/// the family when `len` is shorter than the family's address.
fn sockaddr_arg(
    sa: *const libc::sockaddr,
    len: usize,
    need_of: impl Fn(i32) -> WsaResult<usize>,
) -> WsaResult<(i32, Option<SockAddr>)> {
    let mut head = [0u8; size_of::<libc::sa_family_t>()];
    let at = std::mem::offset_of!(libc::sockaddr, sa_family);
    crate::sys::copy_from_user(sa.cast::<u8>().wrapping_add(at), &mut head)
        .map_err(|_| WsaError::WSAEFAULT)?;
    let family = i32::from(libc::sa_family_t::from_ne_bytes(head));
    let need = need_of(family)?;
    if len < need {
        return Ok((family, None));
    }
    let mut bytes = [0u8; size_of::<libc::sockaddr_in6>()];
    let bytes = &mut bytes[..need];
    crate::sys::copy_from_user(sa.cast(), bytes).map_err(|_| WsaError::WSAEFAULT)?;
    Ok((family, SockAddr::from_bytes(bytes)))
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

// ---- hostent, servent, protoent --------------------------------------------------------------

/// Resolves a host name to its IPv4 addresses, Windows' `gethostbyname`.
///
/// `name` NULL or `""` (or this machine's own name) gives the local host: its name and the
/// IPv4 addresses of its interfaces (127.0.0.1 when it has none). A dotted quad `a.b.c.d` gives
/// that address without a lookup; other numeric forms, IPv6 literals and names under `.invalid`
/// fail with `WSAHOST_NOT_FOUND` without a lookup.
///
/// The `hostent` (Windows' layout: 16-bit `h_addrtype`/`h_length`) lives in a per-thread buffer
/// shared with `gethostbyaddr`, valid until the next such call on the thread.
///
/// Errors: `WSANOTINITIALISED`, `WSAHOST_NOT_FOUND`, `WSANO_DATA` (the name has no IPv4
/// address), `WSATRY_AGAIN`, `WSANO_RECOVERY`.
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_gethostbyname(name: *const c_char) -> *mut ws2mp_hostent {
    call(std::ptr::null_mut(), || {
        let name = text(name)?.map(|n| n.to_string_lossy().into_owned());
        hosts::by_name(name.as_deref()).map(|e| entries::hostent(&e))
    })
}

/// Windows' `gethostbyaddr`: the name of an IPv4 (`len` 4) or IPv6 (`len` 16) address.
///
/// Errors: `WSANOTINITIALISED`; `WSAEFAULT` for a NULL `addr` or a `len` shorter than the
/// family's address; `WSAEAFNOSUPPORT` for another `type`; `WSAHOST_NOT_FOUND` when the address
/// has no name; `WSATRY_AGAIN`, `WSANO_RECOVERY`. The result shares `gethostbyname`'s buffer.
///
/// # Safety
/// `addr` must be NULL or readable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_gethostbyaddr(
    addr: *const c_char,
    len: i32,
    r#type: i32,
) -> *mut ws2mp_hostent {
    call(std::ptr::null_mut(), || {
        crate::runtime::check()?;
        if addr.is_null() || len < 0 {
            return Err(WsaError::WSAEFAULT);
        }
        let mut copy = [0u8; 16];
        let bytes = &mut copy[..(len as usize).min(16)];
        // A checked copy: unreadable memory is WSAEFAULT, never a crash.
        crate::sys::copy_from_user(addr.cast(), bytes).map_err(|_| WsaError::WSAEFAULT)?;
        hosts::by_addr(bytes, r#type).map(|e| entries::hostent(&e))
    })
}

/// Windows' `gethostname(name, namelen)`: copies this machine's host name.
///
/// `namelen` has the C library's type (`size_t`), so that the compat header's declaration
/// agrees with `<unistd.h>`'s; Windows' `int` arguments convert to it, and a negative one (a
/// value above `INT_MAX`) is `WSAEFAULT`, as on Windows.
///
/// Returns 0, or `SOCKET_ERROR` with `WSAEFAULT` (NULL `name`, or `namelen` too short for the
/// name and its terminator; the buffer is left unchanged) or `WSANOTINITIALISED`.
///
/// # Safety
/// `name` must be NULL or writable for `namelen` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_gethostname(name: *mut c_char, namelen: usize) -> i32 {
    call(-1, || {
        crate::runtime::check()?;
        if name.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        let bytes = hosts::host_name(i32::try_from(namelen).unwrap_or(-1))?;
        // SAFETY: `name` holds `namelen` >= bytes.len() bytes (checked by host_name).
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr().cast::<c_char>(), name, bytes.len())
        };
        Ok(0)
    })
}

/// `GetHostNameW(name, namelen)`: as `gethostname`, in UTF-16; `namelen` counts WCHARs.
///
/// Returns 0, or `SOCKET_ERROR` with `WSAEFAULT` (NULL `name`, or `namelen` too short for the
/// name and its terminator; the buffer is left unchanged) or `WSANOTINITIALISED`.
///
/// # Safety
/// `name` must be NULL or writable for `namelen` WCHARs.
#[no_mangle]
pub unsafe extern "C" fn GetHostNameW(name: *mut u16, namelen: i32) -> i32 {
    call(-1, || {
        crate::runtime::check()?;
        if name.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        let units = utf16(&crate::sys::names::host_name());
        if namelen < 0 {
            return Err(WsaError::WSAEFAULT);
        }
        // SAFETY: writable for `namelen` units (caller guarantee); put checks the room.
        unsafe { put(&units, name, namelen as usize) }?;
        Ok(0)
    })
}

/// Windows' `getservbyname`: a service from the system's services database. `proto` NULL
/// matches any protocol. The `servent` has Win64's field order (`s_proto` before the 16-bit
/// `s_port`, in network byte order) and lives in a per-thread buffer shared with
/// `getservbyport`.
///
/// Errors: `WSANOTINITIALISED`, `WSAEFAULT` (NULL `name`), `WSANO_DATA` (unknown service).
///
/// # Safety
/// `name` and `proto` must be NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getservbyname(
    name: *const c_char,
    proto: *const c_char,
) -> *mut ws2mp_servent {
    call(std::ptr::null_mut(), || {
        crate::runtime::check()?;
        let (name, proto) = (text(name)?, text(proto)?);
        services::service_by_name(
            name.as_deref().ok_or(WsaError::WSAEFAULT)?,
            proto.as_deref(),
        )
        .map(|e| entries::servent(&e))
    })
}

/// Windows' `getservbyport`: `port` in network byte order (as `htons` gives it).
///
/// Errors: `WSANOTINITIALISED`, `WSANO_DATA` (no service on that port).
///
/// # Safety
/// `proto` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getservbyport(
    port: i32,
    proto: *const c_char,
) -> *mut ws2mp_servent {
    call(std::ptr::null_mut(), || {
        let proto = text(proto)?;
        services::service_by_port(port as u16, proto.as_deref()).map(|e| entries::servent(&e))
    })
}

/// Windows' `getprotobyname`, from Windows' own protocol table (ip, icmp, ggp, tcp, egp, pup,
/// udp, hmp, xns-idp, rdp, ipv6, ipv6-route, ipv6-frag, esp, ah, ipv6-icmp, ipv6-nonxt,
/// ipv6-opts, rvd), any case; each entry's one alias is the upper-case name.
///
/// Errors: `WSANOTINITIALISED`, `WSAEFAULT` (NULL `name`), `WSANO_DATA` (unknown).
///
/// # Safety
/// `name` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getprotobyname(name: *const c_char) -> *mut ws2mp_protoent {
    call(std::ptr::null_mut(), || {
        crate::runtime::check()?;
        let name = text(name)?.ok_or(WsaError::WSAEFAULT)?;
        services::protocol_by_name(name.to_bytes()).map(|e| entries::protoent(&e))
    })
}

/// Windows' `getprotobynumber`, from the same table as `getprotobyname`.
///
/// Errors: `WSANOTINITIALISED`, `WSANO_DATA` (a number the table does not list).
#[no_mangle]
pub extern "C" fn ws2mp_getprotobynumber(number: i32) -> *mut ws2mp_protoent {
    call(std::ptr::null_mut(), || {
        services::protocol_by_number(number).map(|e| entries::protoent(&e))
    })
}

// ---- getaddrinfo ------------------------------------------------------------------------------

/// Runs a lookup for getaddrinfo/getnameinfo and their UTF-16 forms: the result code is
/// returned and also set as the last error (0 on success, as Windows does).
fn resolver_call(body: impl FnOnce() -> WsaResult<()>) -> i32 {
    let code = call(WsaError::WSANO_RECOVERY.0, || {
        Ok(body().err().map_or(0, |e| e.0))
    });
    set_last_error(code);
    code
}

/// Windows' `getaddrinfo`: resolves a host and service to a list of addresses allocated by
/// ws2mp (free it with `freeaddrinfo`).
///
/// As on Windows: one entry per address, whose `ai_socktype`/`ai_protocol` are the hints'
/// (0 when the hints leave them 0, except that a service name known for TCP only or UDP only
/// gives `SOCK_STREAM` or `SOCK_DGRAM`) and `ai_flags` `AI_NUMERICHOST` when the host was
/// an address (else 0); a numeric service is read as
/// Windows' `strtoul` reads it (leading spaces and a sign accepted, 32-bit wrap-around, then
/// the low 16 bits: "65536" is port 0, "-1" port 65535); `pHints` uses Windows' `AI_*` values; a
/// NULL node gives the loopback (or, with `AI_PASSIVE`, the wildcard) addresses, IPv6 first;
/// `""` and the machine's own name give its interface addresses; numeric IPv4 hosts are
/// accepted in four parts, each decimal, octal or hexadecimal (`1.2.3.0x4`; `1.2.3` is
/// refused); `[IPv6]` and `[IPv6]:port` are accepted.
///
/// Returns 0 or the error, which is also the last error (0 on success): `WSAHOST_NOT_FOUND`
/// (EAI_NONAME: unknown name, NULL node and service, a non-numeric host with
/// `AI_NUMERICHOST`, a non-numeric service with `AI_NUMERICSERV`), `WSATYPE_NOT_FOUND`
/// (EAI_SERVICE), `WSAEINVAL` (EAI_BADFLAGS: unknown flags, `AI_CANONNAME` without a node, or
/// a NULL `ppResult`), `WSAEAFNOSUPPORT` (EAI_FAMILY), `WSAESOCKTNOSUPPORT` (EAI_SOCKTYPE),
/// `WSANO_DATA`, `WSATRY_AGAIN`, `WSANO_RECOVERY`, `WSANOTINITIALISED` (checked first: before
/// `WSAStartup` the result is left as it was).
///
/// # Safety
/// Strings NULL or NUL-terminated; `pHints` NULL or a valid ADDRINFOA; `ppResult` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getaddrinfo(
    pNodeName: *const c_char,
    pServiceName: *const c_char,
    pHints: *const ws2mp_addrinfo,
    ppResult: *mut *mut ws2mp_addrinfo,
) -> i32 {
    resolver_call(|| {
        // Before WSAStartup the result is left as it was.
        crate::runtime::check()?;
        if ppResult.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        // Checked copies: a result pointer or hints ws2mp cannot use are WSAEFAULT.
        write_out(ppResult.cast::<usize>(), 0)?;
        let hints = hints_arg(pHints.cast())?;
        let (node, service) = (text(pNodeName)?, text(pServiceName)?);
        let node = node.map(|n| n.to_string_lossy().into_owned());
        let service = service.map(|s| s.to_string_lossy().into_owned());
        let answer = addrinfo::lookup(node.as_deref(), service.as_deref(), hints)?;
        let head = addrinfo_lists::list(&answer);
        if let Err(e) = write_out(ppResult.cast::<usize>(), head as usize) {
            // SAFETY: the list was just made and never handed out.
            unsafe { addrinfo_lists::free_list(head) };
            return Err(e);
        }
        Ok(())
    })
}

/// Windows' `freeaddrinfo`: frees a list `getaddrinfo` returned. NULL is ignored.
///
/// # Safety
/// `pAddrInfo` must be NULL or a list from `getaddrinfo` not freed yet.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_freeaddrinfo(pAddrInfo: *mut ws2mp_addrinfo) {
    call((), || {
        // SAFETY: the list came from ws2mp and is freed once (caller guarantee).
        unsafe { addrinfo_lists::free_list(pAddrInfo) };
        Ok(())
    })
}

/// The UTF-16 `getaddrinfo`: as `getaddrinfo`, with UTF-16 names and an ADDRINFOW list (free
/// it with `FreeAddrInfoW`). Names are passed to the system resolver as UTF-8 (no IDN
/// encoding); a string that is not valid UTF-16 fails with `WSAHOST_NOT_FOUND`.
///
/// # Safety
/// As `getaddrinfo`, with NUL-terminated UTF-16 strings.
#[no_mangle]
pub unsafe extern "C" fn GetAddrInfoW(
    pNodeName: *const u16,
    pServiceName: *const u16,
    pHints: *const addrinfoW,
    ppResult: *mut *mut addrinfoW,
) -> i32 {
    resolver_call(|| {
        crate::runtime::check()?;
        if ppResult.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        // Checked copies: a result pointer or hints ws2mp cannot use are WSAEFAULT.
        write_out(ppResult.cast::<usize>(), 0)?;
        // As getaddrinfo: no node and no service is WSAHOST_NOT_FOUND with the result NULL.
        if pNodeName.is_null() && pServiceName.is_null() {
            return Err(WsaError::WSAHOST_NOT_FOUND);
        }
        let hints = hints_arg(pHints.cast())?;
        let (node, service) = (wide(pNodeName)?, wide(pServiceName)?);
        let node = node.transpose().map_err(|()| WsaError::WSAHOST_NOT_FOUND)?;
        let service = service
            .transpose()
            .map_err(|()| WsaError::WSATYPE_NOT_FOUND)?;
        let answer = addrinfo::lookup(node.as_deref(), service.as_deref(), hints)?;
        let head = addrinfo_lists::list_w(&answer);
        if let Err(e) = write_out(ppResult.cast::<usize>(), head as usize) {
            // SAFETY: the list was just made and never handed out.
            unsafe { addrinfo_lists::free_list_w(head) };
            return Err(e);
        }
        Ok(())
    })
}

/// Frees a list `GetAddrInfoW` returned. NULL is ignored.
///
/// # Safety
/// `pAddrInfo` must be NULL or a list from `GetAddrInfoW` not freed yet.
#[no_mangle]
pub unsafe extern "C" fn FreeAddrInfoW(pAddrInfo: *mut addrinfoW) {
    call((), || {
        // SAFETY: the list came from ws2mp and is freed once (caller guarantee).
        unsafe { addrinfo_lists::free_list_w(pAddrInfo) };
        Ok(())
    })
}

// ---- getnameinfo ------------------------------------------------------------------------------

/// The address and the wanted parts of a getnameinfo call, after Windows' argument checks.
///
/// # Safety
/// `sa` must be NULL or readable for `salen` bytes.
unsafe fn name_info_args(
    sa: *const libc::sockaddr,
    salen: i32,
    want_host: (bool, u32),
    want_service: (bool, u32),
) -> WsaResult<SockAddr> {
    crate::runtime::check()?;
    if sa.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    if salen < 2 {
        return Err(WsaError::WSAEFAULT);
    }
    let (_, addr) = sockaddr_arg(sa, salen as usize, |family| match family {
        libc::AF_INET => Ok(size_of::<libc::sockaddr_in>()),
        libc::AF_INET6 => Ok(size_of::<libc::sockaddr_in6>()),
        _ => Err(WsaError::WSAEAFNOSUPPORT),
    })?;
    let Some(addr) = addr else {
        return Err(WsaError::WSAEFAULT);
    };
    if !want_host.0 && !want_service.0 {
        return Err(WsaError::WSAHOST_NOT_FOUND);
    }
    if (want_host.0 && want_host.1 == 0) || (want_service.0 && want_service.1 == 0) {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(addr)
}

/// The first four fields of a program's `addrinfo`/`ADDRINFOW` hints (flags, family,
/// socket type, protocol: the same in both), through a checked copy. NULL: no hints.
pub(super) fn hints_arg(p: *const i32) -> WsaResult<Option<Hints>> {
    if p.is_null() {
        return Ok(None);
    }
    let mut f = [0i32; 4];
    read_array(p, &mut f)?;
    Ok(Some(Hints {
        flags: addrinfo::Ai::from_bits_retain(f[0]),
        family: f[1],
        socktype: f[2],
        protocol: f[3],
    }))
}

/// Windows' `getnameinfo`: the host and service names of an IPv4 or IPv6 address, with
/// Windows' `NI_*` flags. IPv6 scopes are written as numbers (`fe80::1%2`).
///
/// Returns 0 or the error (also the last error, 0 on success): `WSAEFAULT` (NULL `pSockaddr`,
/// a length shorter than the family's address, or a buffer too small for the answer),
/// `WSAEAFNOSUPPORT` (EAI_FAMILY), `WSAHOST_NOT_FOUND` (EAI_NONAME: both buffers NULL, or
/// `NI_NAMEREQD` and no name), `WSAEINVAL` (EAI_BADFLAGS: unknown flags, or a zero size for a
/// wanted buffer), `WSATRY_AGAIN`, `WSANO_RECOVERY`, `WSANOTINITIALISED`.
///
/// # Safety
/// `pSockaddr` NULL or readable for `SockaddrLength` bytes; each buffer NULL or writable for
/// its size.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_getnameinfo(
    pSockaddr: *const libc::sockaddr,
    SockaddrLength: i32,
    pNodeBuffer: *mut c_char,
    NodeBufferSize: u32,
    pServiceBuffer: *mut c_char,
    ServiceBufferSize: u32,
    Flags: i32,
) -> i32 {
    resolver_call(|| {
        let want_host = (!pNodeBuffer.is_null(), NodeBufferSize);
        let want_service = (!pServiceBuffer.is_null(), ServiceBufferSize);
        // SAFETY: caller guarantee.
        let addr = unsafe { name_info_args(pSockaddr, SockaddrLength, want_host, want_service) }?;
        let (host, service) = addrinfo::name_info(&addr, want_host.0, want_service.0, Flags)?;
        if want_host.0 {
            // SAFETY: the buffer is writable for its size (caller guarantee).
            unsafe {
                put(
                    host.as_bytes(),
                    pNodeBuffer.cast::<u8>(),
                    NodeBufferSize as usize,
                )
            }?;
        }
        if want_service.0 {
            // SAFETY: as above.
            unsafe {
                put(
                    service.as_bytes(),
                    pServiceBuffer.cast::<u8>(),
                    ServiceBufferSize as usize,
                )
            }?;
        }
        Ok(())
    })
}

/// The UTF-16 `getnameinfo`; buffer sizes are in WCHARs. Errors as `getnameinfo`.
///
/// # Safety
/// As `getnameinfo`.
#[no_mangle]
pub unsafe extern "C" fn GetNameInfoW(
    pSockaddr: *const libc::sockaddr,
    SockaddrLength: i32,
    pNodeBuffer: *mut u16,
    NodeBufferSize: u32,
    pServiceBuffer: *mut u16,
    ServiceBufferSize: u32,
    Flags: i32,
) -> i32 {
    resolver_call(|| {
        let want_host = (!pNodeBuffer.is_null(), NodeBufferSize);
        let want_service = (!pServiceBuffer.is_null(), ServiceBufferSize);
        // SAFETY: caller guarantee.
        let addr = unsafe { name_info_args(pSockaddr, SockaddrLength, want_host, want_service) }?;
        let (host, service) = addrinfo::name_info(&addr, want_host.0, want_service.0, Flags)?;
        if want_host.0 {
            // SAFETY: the buffer is writable for its size (caller guarantee).
            unsafe { put(&utf16(&host), pNodeBuffer, NodeBufferSize as usize) }?;
        }
        if want_service.0 {
            // SAFETY: as above.
            unsafe { put(&utf16(&service), pServiceBuffer, ServiceBufferSize as usize) }?;
        }
        Ok(())
    })
}

/// Windows' `gai_strerror` (`gai_strerrorA`): the system message of a Winsock code (the
/// `EAI_*` values are Winsock codes), in a per-thread buffer; "" for a code without one.
#[no_mangle]
pub extern "C" fn ws2mp_gai_strerror(ecode: i32) -> *mut c_char {
    messages::narrow(ecode)
}

/// `gai_strerrorW`: as `gai_strerror`, in UTF-16.
#[no_mangle]
pub extern "C" fn ws2mp_gai_strerrorW(ecode: i32) -> *mut u16 {
    messages::wide(ecode)
}

thread_local! {
    /// `ws2mp_inet_ntoa`'s result: "255.255.255.255" and its NUL fit in 16 bytes.
    static NTOA: std::cell::UnsafeCell<[u8; 16]> = const { std::cell::UnsafeCell::new([0; 16]) };
}

/// `inet_ntoa` as `GetProcAddress(LoadLibrary("ws2_32.dll"), "inet_ntoa")` finds it (a direct
/// call is the C library's): the dotted form of the IPv4 address `in_` (an `in_addr` passed by
/// value, network byte order), in a per-thread buffer that the thread's next call overwrites,
/// as Windows' stays valid only until the thread's next Winsock call.
#[no_mangle]
pub extern "C" fn ws2mp_inet_ntoa(in_: u32) -> *mut c_char {
    let [a, b, c, d] = in_.to_ne_bytes();
    let text = format!("{a}.{b}.{c}.{d}");
    NTOA.with(|cell| {
        let buf = cell.get();
        // SAFETY: the buffer belongs to this thread, and no reference to it is alive: the
        // program holds only the pointer this returned before, which the call may overwrite.
        let bytes = unsafe { &mut *buf };
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        bytes[text.len()] = 0;
        buf.cast::<c_char>()
    })
}

// ---- inet_pton / inet_ntop ----------------------------------------------------------------------

/// Windows' `inet_addr`: a dotted IPv4 address in any of the forms Windows accepts (`a.b.c.d`,
/// `a.b.c`, `a.b`, `a`, each part decimal, `0x` hex or `0` octal), which may be followed by
/// white space and anything after it. Returns the address in network byte order, or
/// `INADDR_NONE` (the last error is left alone, except for a NULL string: `WSAEFAULT`). Works
/// before `WSAStartup`.
///
/// # Safety
/// `cp` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_inet_addr(cp: *const c_char) -> u32 {
    call(u32::MAX, || {
        let s = text(cp)?.ok_or(WsaError::WSAEFAULT)?;
        Ok(address_string::inet_addr(s.to_bytes()).unwrap_or(u32::MAX))
    })
}

/// Reads `s` as an address of `family` into `out` (4 or 16 bytes): 1, 0 (not an address), or
/// -1 with the error.
///
/// # Safety
/// `out` must be writable for the family's address size.
unsafe fn pton(family: i32, s: &[u8], out: *mut c_void) -> WsaResult<i32> {
    match family {
        libc::AF_INET => match address_string::ipv4_strict(s) {
            Parsed::Whole(a) | Parsed::Prefix(a) => {
                // SAFETY: writable for 4 bytes (caller guarantee).
                unsafe { std::ptr::copy_nonoverlapping(a.as_ptr(), out.cast::<u8>(), 4) };
                Ok(i32::from(matches!(
                    address_string::ipv4_strict(s),
                    Parsed::Whole(_)
                )))
            }
            Parsed::Invalid => Ok(0),
        },
        libc::AF_INET6 => match address_string::ipv6_strict(s) {
            Some(a) => {
                // SAFETY: writable for 16 bytes (caller guarantee).
                unsafe { std::ptr::copy_nonoverlapping(a.as_ptr(), out.cast::<u8>(), 16) };
                Ok(1)
            }
            None => Ok(0),
        },
        _ => Err(WsaError::WSAEAFNOSUPPORT),
    }
}

/// Windows' `inet_pton` (`InetPtonA`): reads an IPv4 address in the strict dotted-quad form or
/// an IPv6 address into `pAddrBuf` (4 or 16 bytes). Works before `WSAStartup`.
///
/// Returns 1, 0 when the text is not an address of that family (the last error is left
/// alone; as on Windows, an IPv4 address followed by other text is still stored), or -1 with
/// `WSAEFAULT` (NULL string or buffer) or `WSAEAFNOSUPPORT` (another family).
///
/// # Safety
/// `pszAddrString` NULL or NUL-terminated; `pAddrBuf` NULL or writable for the address.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_inet_pton(
    Family: i32,
    pszAddrString: *const c_char,
    pAddrBuf: *mut c_void,
) -> i32 {
    call(-1, || {
        let s = text(pszAddrString)?.ok_or(WsaError::WSAEFAULT)?;
        if pAddrBuf.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        // SAFETY: caller guarantee for the buffer.
        unsafe { pton(Family, s.to_bytes(), pAddrBuf) }
    })
}

/// `InetPtonW`: as `inet_pton` for a UTF-16 string, except that a text that is not an address
/// also sets the last error to `WSAEINVAL` (as Windows does).
///
/// # Safety
/// As `inet_pton`, with a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn InetPtonW(
    Family: i32,
    pszAddrString: *const u16,
    pAddrBuf: *mut c_void,
) -> i32 {
    call(-1, || {
        let s = wide(pszAddrString)?.ok_or(WsaError::WSAEFAULT)?;
        if pAddrBuf.is_null() {
            return Err(WsaError::WSAEFAULT);
        }
        let s = s.unwrap_or_default();
        // SAFETY: caller guarantee for the buffer.
        let r = unsafe { pton(Family, s.as_bytes(), pAddrBuf) }?;
        if r == 0 {
            set_last_error(WsaError::WSAEINVAL.0);
        }
        Ok(r)
    })
}

/// The text of the address at `addr` for `family`.
///
/// # Safety
/// `addr` must be readable for the family's address size.
unsafe fn ntop(family: i32, addr: *const c_void) -> WsaResult<String> {
    if addr.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    match family {
        libc::AF_INET => {
            let mut a = [0u8; 4];
            // SAFETY: readable for 4 bytes (caller guarantee).
            unsafe { std::ptr::copy_nonoverlapping(addr.cast::<u8>(), a.as_mut_ptr(), 4) };
            Ok(address_string::format_v4(a))
        }
        libc::AF_INET6 => {
            let mut a = [0u8; 16];
            // SAFETY: readable for 16 bytes (caller guarantee).
            unsafe { std::ptr::copy_nonoverlapping(addr.cast::<u8>(), a.as_mut_ptr(), 16) };
            Ok(address_string::format_v6(a))
        }
        _ => Err(WsaError::WSAEAFNOSUPPORT),
    }
}

/// Windows' `inet_ntop` (`InetNtopA`): writes the text of an IPv4 or IPv6 address (Windows'
/// IPv6 form: lowercase, `::` for the longest run of zero groups, a dotted quad for
/// IPv4-compatible and -mapped addresses). Works before `WSAStartup`.
///
/// Returns `pStringBuf`, or NULL with `WSAEAFNOSUPPORT` (another family), `WSAEINVAL` (NULL
/// buffer, or `StringBufSize` too small for the text and its terminator; Windows 8 and later
/// report `STATUS_INVALID_PARAMETER` there) or `WSAEFAULT` (NULL `pAddr`).
///
/// # Safety
/// `pAddr` NULL or readable for the address; `pStringBuf` NULL or writable for
/// `StringBufSize` bytes.
#[no_mangle]
pub unsafe extern "C" fn ws2mp_inet_ntop(
    Family: i32,
    pAddr: *const c_void,
    pStringBuf: *mut c_char,
    StringBufSize: usize,
) -> *const c_char {
    call(std::ptr::null(), || {
        // SAFETY: caller guarantee.
        let s = unsafe { ntop(Family, pAddr) }?;
        if pStringBuf.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        // SAFETY: writable for StringBufSize bytes.
        unsafe { put(s.as_bytes(), pStringBuf.cast::<u8>(), StringBufSize) }
            .map_err(|_| WsaError::WSAEINVAL)?;
        Ok(pStringBuf.cast_const())
    })
}

/// `InetNtopW`: as `inet_ntop`, writing UTF-16; `StringBufSize` counts WCHARs.
///
/// # Safety
/// As `inet_ntop`.
#[no_mangle]
pub unsafe extern "C" fn InetNtopW(
    Family: i32,
    pAddr: *const c_void,
    pStringBuf: *mut u16,
    StringBufSize: usize,
) -> *const u16 {
    call(std::ptr::null(), || {
        // SAFETY: caller guarantee.
        let s = unsafe { ntop(Family, pAddr) }?;
        if pStringBuf.is_null() {
            return Err(WsaError::WSAEINVAL);
        }
        // SAFETY: writable for StringBufSize units.
        unsafe { put(&utf16(&s), pStringBuf, StringBufSize) }.map_err(|_| WsaError::WSAEINVAL)?;
        Ok(pStringBuf.cast_const())
    })
}

// ---- WSAAddressToString / WSAStringToAddress ------------------------------------------------------

/// The text WSAAddressToString writes for a sockaddr.
///
/// # Safety
/// `sa` must be NULL or readable for `len` bytes.
unsafe fn address_text(sa: *const libc::sockaddr, len: u32) -> WsaResult<String> {
    crate::runtime::check()?;
    if sa.is_null() {
        return Err(WsaError::WSAEINVAL);
    }
    if len < 2 {
        return Err(WsaError::WSAEFAULT);
    }
    let (_, addr) = sockaddr_arg(sa, len as usize, |family| match family {
        libc::AF_INET => Ok(size_of::<libc::sockaddr_in>()),
        libc::AF_INET6 => Ok(size_of::<libc::sockaddr_in6>()),
        _ => Err(WsaError::WSAEINVAL),
    })?;
    let addr = addr
        .ok_or(WsaError::WSAEFAULT)?
        .to_std()
        .ok_or(WsaError::WSAEINVAL)?;
    Ok(match addr {
        SocketAddr::V4(v4) => {
            let ip = address_string::format_v4(v4.ip().octets());
            match v4.port() {
                0 => ip,
                p => format!("{ip}:{p}"),
            }
        }
        SocketAddr::V6(v6) => {
            let mut ip = address_string::format_v6(v6.ip().octets());
            if v6.scope_id() != 0 {
                ip = format!("{ip}%{}", v6.scope_id());
            }
            match v6.port() {
                0 => ip,
                p => format!("[{ip}]:{p}"),
            }
        }
    })
}

/// Writes `units` (without terminator) with the length protocol of WSAAddressToString:
/// `*len` in characters including the terminator; too small (or a NULL buffer) → `WSAEFAULT`
/// with `*len` set to the size needed.
///
/// # Safety
/// `out` NULL or writable for `*len` units; `len` NULL or valid.
unsafe fn put_with_length<T: Plain + Default>(
    units: &[T],
    out: *mut T,
    len: *mut u32,
) -> WsaResult<i32> {
    let have = read_in(len)?;
    let need = units.len() as u32 + 1;
    if out.is_null() || have < need {
        write_out(len, need)?;
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: checked copies.
    unsafe { put(units, out, need as usize) }?;
    write_out(len, need)?;
    Ok(0)
}

/// Writes the text of an IPv4 or IPv6 socket address: `1.2.3.4`, `1.2.3.4:80` (a port is
/// shown when it is not 0), `::1`, `fe80::1%4`, `[::1]:80`, `[fe80::1%4]:80`.
///
/// Returns 0, or `SOCKET_ERROR` with `WSAEFAULT` (NULL `lpdwAddressStringLength`, an address
/// length shorter than the family's address, or a buffer that is NULL or too small: then
/// `*lpdwAddressStringLength` is set to the characters needed, terminator included),
/// `WSAEINVAL` (NULL address, or a family other than IPv4/IPv6) or `WSANOTINITIALISED`.
/// `lpProtocolInfo` is ignored.
///
/// # Safety
/// `lpsaAddress` NULL or readable for `dwAddressLength` bytes; the buffer NULL or writable for
/// `*lpdwAddressStringLength` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSAAddressToStringA(
    lpsaAddress: *const libc::sockaddr,
    dwAddressLength: u32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOA,
    lpszAddressString: *mut c_char,
    lpdwAddressStringLength: *mut u32,
) -> i32 {
    let _ = lpProtocolInfo;
    call(-1, || {
        // SAFETY: caller guarantee.
        let s = unsafe { address_text(lpsaAddress, dwAddressLength) }?;
        // SAFETY: caller guarantee.
        unsafe {
            put_with_length(
                s.as_bytes(),
                lpszAddressString.cast::<u8>(),
                lpdwAddressStringLength,
            )
        }
    })
}

/// `WSAAddressToStringW`: as `WSAAddressToStringA`, in UTF-16 (lengths in WCHARs).
///
/// # Safety
/// As `WSAAddressToStringA`.
#[no_mangle]
pub unsafe extern "C" fn WSAAddressToStringW(
    lpsaAddress: *const libc::sockaddr,
    dwAddressLength: u32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOW,
    lpszAddressString: *mut u16,
    lpdwAddressStringLength: *mut u32,
) -> i32 {
    let _ = lpProtocolInfo;
    call(-1, || {
        // SAFETY: caller guarantee.
        let s = unsafe { address_text(lpsaAddress, dwAddressLength) }?;
        // SAFETY: caller guarantee.
        unsafe { put_with_length(&utf16(&s), lpszAddressString, lpdwAddressStringLength) }
    })
}

/// Parses `s` for WSAStringToAddress and writes the result.
///
/// # Safety
/// `out` NULL or writable for `*len` bytes; `len` NULL or valid.
unsafe fn string_to_address(
    s: Option<&[u8]>,
    family: i32,
    out: *mut libc::sockaddr,
    len: *mut i32,
) -> WsaResult<i32> {
    crate::runtime::check()?;
    let need = match family {
        libc::AF_INET => size_of::<libc::sockaddr_in>(),
        libc::AF_INET6 => size_of::<libc::sockaddr_in6>(),
        _ => return Err(WsaError::WSAEINVAL),
    };
    if out.is_null() || len.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    let have = read_in(len)?;
    if have < 0 || (have as usize) < need {
        write_out(len, need as i32)?;
        return Err(WsaError::WSAEFAULT);
    }
    let s = s.ok_or(WsaError::WSAEINVAL)?;
    let (parsed, partial) = if family == libc::AF_INET {
        match address_string::parse_v4_with_port(s) {
            Ok(a) => (Some(a), None),
            Err(p) => (
                None,
                p.map(|a| {
                    SockAddr::from_std(SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(a), 0)))
                }),
            ),
        }
    } else {
        match address_string::parse_v6_with_port(s) {
            Ok(a) => (Some(a), None),
            Err(p) => (
                None,
                p.map(|a| {
                    SockAddr::from_std(SocketAddr::V6(SocketAddrV6::new(
                        Ipv6Addr::from(a),
                        0,
                        0,
                        0,
                    )))
                }),
            ),
        }
    };
    // Windows clears the structure, and on failure leaves the family 0 with whatever address
    // part it could read.
    // Checked copies: memory ws2mp cannot write is WSAEFAULT, never a crash.
    let mut cleared = [0u8; size_of::<libc::sockaddr_in6>()];
    let cleared = &mut cleared[..need];
    let Some(parsed) = parsed else {
        if let Some(p) = partial {
            let bytes = p.as_bytes();
            let (from, to) = if family == libc::AF_INET {
                (4, 8)
            } else {
                (8, 24)
            };
            cleared[from..to].copy_from_slice(&bytes[from..to]);
        }
        write_array(out.cast::<u8>(), cleared)?;
        return Err(WsaError::WSAEINVAL);
    };
    let addr = match parsed {
        StringAddress::V4 { addr, port } => SockAddr::from_std(SocketAddr::V4(SocketAddrV4::new(
            Ipv4Addr::from(addr),
            port,
        ))),
        StringAddress::V6 { addr, port, scope } => SockAddr::from_std(SocketAddr::V6(
            SocketAddrV6::new(Ipv6Addr::from(addr), port, 0, scope),
        )),
    };
    write_array(out.cast::<u8>(), addr.as_bytes())?;
    write_out(len, need as i32)?;
    Ok(0)
}

/// Parses an address string into a socket address: for `AF_INET` the forms `inet_addr`
/// accepts (`1.2.3.4`, `1.2.3`, `0x7f000001`, `0177.1`, ...) with an optional `:port` (decimal,
/// `0x` hex or `0` octal, 1 to 65535); for `AF_INET6` `addr`, `addr%scope`, `[addr]` and
/// `[addr%scope]:port`. On success `*lpAddressLength` is set to the structure's size.
///
/// Returns 0, or `SOCKET_ERROR` with `WSAEFAULT` (NULL `lpAddress` or length, or a length
/// smaller than the family's structure: then `*lpAddressLength` is set to that size),
/// `WSAEINVAL` (not an address of that family: the structure is cleared and keeps the
/// address part that could be read, with family 0; a NULL string; another family) or
/// `WSANOTINITIALISED`. `lpProtocolInfo` is ignored.
///
/// # Safety
/// `AddressString` NULL or NUL-terminated; `lpAddress` NULL or writable for
/// `*lpAddressLength` bytes; `lpAddressLength` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn WSAStringToAddressA(
    AddressString: *const c_char,
    AddressFamily: i32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOA,
    lpAddress: *mut libc::sockaddr,
    lpAddressLength: *mut i32,
) -> i32 {
    let _ = lpProtocolInfo;
    call(-1, || {
        let s = text(AddressString)?;
        // SAFETY: caller guarantee.
        unsafe {
            string_to_address(
                s.as_deref().map(CStr::to_bytes),
                AddressFamily,
                lpAddress,
                lpAddressLength,
            )
        }
    })
}

/// `WSAStringToAddressW`: as `WSAStringToAddressA`, for a UTF-16 string.
///
/// # Safety
/// As `WSAStringToAddressA`, with a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn WSAStringToAddressW(
    AddressString: *const u16,
    AddressFamily: i32,
    lpProtocolInfo: *const WSAPROTOCOL_INFOW,
    lpAddress: *mut libc::sockaddr,
    lpAddressLength: *mut i32,
) -> i32 {
    let _ = lpProtocolInfo;
    call(-1, || {
        let s = wide(AddressString)?.map(|r| r.unwrap_or_else(|()| "\u{fffd}".to_string()));
        // SAFETY: caller guarantee.
        unsafe {
            string_to_address(
                s.as_deref().map(str::as_bytes),
                AddressFamily,
                lpAddress,
                lpAddressLength,
            )
        }
    })
}
