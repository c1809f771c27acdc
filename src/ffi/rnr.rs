//! Registration and name resolution: `WSALookupServiceBeginA/W`, `WSALookupServiceNextA/W`,
//! `WSALookupServiceEnd` and `WSAEnumNameSpaceProvidersA/W`, over `names::rnr` (the DNS name
//! space: host names and addresses). `WSAQUERYSET` results are packed into the caller's
//! buffer: the structure, the class GUID, the `CSADDR_INFO` array, the addresses, the name.

use super::call;
use super::win32_sync::{name_a, name_w};
use crate::error::{WsaError, WsaResult};
use crate::names::rnr::{self, Found};
use std::mem::size_of;
use std::os::raw::{c_char, c_void};

/// `WSAQUERYSETA` / `WSAQUERYSETW` (the string pointers are `char *` or `WCHAR *`).
#[repr(C)]
struct QuerySet {
    size: u32,
    service_instance_name: *mut c_void,
    service_class_id: *mut [u8; 16],
    version: *mut c_void,
    comment: *mut c_void,
    name_space: u32,
    ns_provider_id: *mut [u8; 16],
    context: *mut c_void,
    number_of_protocols: u32,
    afp_protocols: *const [i32; 2],
    query_string: *mut c_void,
    number_of_cs_addrs: u32,
    csa_buffer: *mut CsAddrInfo,
    output_flags: u32,
    blob: *mut c_void,
}

/// `SOCKET_ADDRESS`.
#[repr(C)]
struct SocketAddress {
    sockaddr: *mut c_void,
    length: i32,
}

/// `CSADDR_INFO`.
#[repr(C)]
struct CsAddrInfo {
    local: SocketAddress,
    remote: SocketAddress,
    socket_type: i32,
    protocol: i32,
}

/// `WSANAMESPACE_INFOA` / `WSANAMESPACE_INFOW`.
#[repr(C)]
struct NameSpaceInfo {
    provider_id: [u8; 16],
    name_space: u32,
    active: i32,
    version: u32,
    identifier: *mut c_void,
}

const LUP_RETURN_NAME: u32 = 0x0010;
const LUP_RETURN_TYPE: u32 = 0x0020;
const LUP_RETURN_ADDR: u32 = 0x0100;
const LUP_RETURN_BLOB: u32 = 0x0200;

/// `BLOB`: a size and a pointer to the bytes.
#[repr(C)]
struct Blob {
    size: u32,
    data: *mut u8,
}

/// `LUP_RETURN_BLOB`'s blob for a host lookup, as Windows' DNS provider gives it: a `hostent`
/// of the IPv4 addresses found (`gethostbyname`'s), whose pointers are offsets from the
/// blob's start. None without an IPv4 address.
fn hostent_blob(found: &Found) -> Option<Vec<u8>> {
    let v4: Vec<Vec<u8>> = found
        .addrs
        .iter()
        .filter_map(|a| match a.to_std()?.ip() {
            std::net::IpAddr::V4(ip) => Some(ip.octets().to_vec()),
            std::net::IpAddr::V6(_) => None,
        })
        .collect();
    if v4.is_empty() {
        return None;
    }
    let entry = crate::names::entries::hostent(&found.name, &[], libc::AF_INET as i16, 4, &v4);
    Some(super::entries::block(
        &super::entries::Entry::Host(entry),
        0,
    ))
}
/// Windows' `AF_INET6`, accepted next to the native value in `lpafpProtocols`.
const WIN_AF_INET6: i32 = 23;
/// The DNS name-space provider's id, `{22059D40-7E9E-11CF-AE5A-00AA00A7112B}`.
const DNS_PROVIDER_ID: [u8; 16] = [
    0x40, 0x9D, 0x05, 0x22, 0x9E, 0x7E, 0xCF, 0x11, 0xAE, 0x5A, 0x00, 0xAA, 0x00, 0xA7, 0x11, 0x2B,
];

fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

/// Reads a restriction set and starts the lookup.
///
/// # Safety
/// `qs` must be NULL or point to a readable `WSAQUERYSET` whose pointers are valid;
/// `handle` NULL or writable.
unsafe fn begin(
    qs: *const QuerySet,
    flags: u32,
    handle: *mut *mut c_void,
    wide: bool,
) -> WsaResult<i32> {
    if qs.is_null() || handle.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: caller guarantee.
    let q = unsafe { &*qs };
    if (q.size as usize) < size_of::<QuerySet>() {
        return Err(WsaError(87)); // ERROR_INVALID_PARAMETER, as Windows reports
    }
    let name = if q.service_instance_name.is_null() {
        None
    } else if wide {
        // SAFETY: caller guarantee (a NUL-terminated UTF-16 string).
        unsafe { name_w(q.service_instance_name as *const u16) }
    } else {
        // SAFETY: caller guarantee (a NUL-terminated string).
        unsafe { name_a(q.service_instance_name as *const c_char) }
    };
    // SAFETY: caller guarantee (NULL or a readable GUID).
    let class = unsafe { q.service_class_id.as_ref().copied() };
    let mut families = Vec::new();
    if !q.afp_protocols.is_null() {
        for i in 0..q.number_of_protocols.min(64) as usize {
            // SAFETY: caller guarantee: dwNumberOfProtocols readable AFPROTOCOLS.
            let [family, _] = unsafe { *q.afp_protocols.add(i) };
            families.push(if family == WIN_AF_INET6 {
                libc::AF_INET6
            } else {
                family
            });
        }
    }
    let h = rnr::begin(name.as_deref(), class, q.name_space, &families, flags)?;
    // SAFETY: checked non-NULL; caller guarantee.
    unsafe { *handle = h as *mut c_void };
    Ok(0)
}

/// Packs one result set into the caller's buffer.
///
/// # Safety
/// `len` must be NULL or writable; `out` NULL or writable for `*len` bytes.
unsafe fn next(
    handle: *mut c_void,
    flags: u32,
    len: *mut u32,
    out: *mut QuerySet,
    wide: bool,
) -> WsaResult<i32> {
    if len.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    let (found, begin_flags) = rnr::next(handle as usize, true)?;
    let flags = flags | begin_flags;
    let name_bytes: Vec<u8> = if wide {
        found
            .name
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_ne_bytes)
            .collect()
    } else {
        found.name.bytes().chain([0]).collect()
    };
    let addrs = if flags & LUP_RETURN_ADDR != 0 {
        &found.addrs[..]
    } else {
        &[]
    };
    let blob = if flags & LUP_RETURN_BLOB != 0 {
        hostent_blob(&found)
    } else {
        None
    };
    let blob_room = blob
        .as_ref()
        .map_or(0, |b| size_of::<Blob>() + round_up(b.len(), 8));
    let sa_room = |a: &crate::addr::SockAddr| round_up(a.len() as usize, 8);
    let mut need = round_up(size_of::<QuerySet>(), 8) + 16 + blob_room;
    need += addrs.len() * size_of::<CsAddrInfo>();
    need += addrs.iter().map(|a| 2 * sa_room(a)).sum::<usize>();
    need += name_bytes.len();
    // SAFETY: checked non-NULL; caller guarantee.
    let have = unsafe { *len } as usize;
    if out.is_null() || have < need {
        // SAFETY: as above.
        unsafe { *len = need as u32 };
        return Err(WsaError::WSAEFAULT);
    }
    let (Found { class, .. }, _) = rnr::next(handle as usize, false)?;
    let base = out as *mut u8;
    // SAFETY: the caller's buffer holds `need` bytes; everything is written inside it.
    unsafe {
        std::ptr::write_bytes(base, 0, need);
        let mut at = round_up(size_of::<QuerySet>(), 8);
        let guid = base.add(at) as *mut [u8; 16];
        guid.write_unaligned(class);
        at += 16;
        let blob_at = match &blob {
            Some(b) => {
                let header = base.add(at) as *mut Blob;
                let data = base.add(at + size_of::<Blob>());
                std::ptr::copy_nonoverlapping(b.as_ptr(), data, b.len());
                header.write_unaligned(Blob {
                    size: b.len() as u32,
                    data,
                });
                at += size_of::<Blob>() + round_up(b.len(), 8);
                header.cast::<c_void>()
            }
            None => std::ptr::null_mut(),
        };
        let cs = base.add(at) as *mut CsAddrInfo;
        at += addrs.len() * size_of::<CsAddrInfo>();
        for (i, a) in addrs.iter().enumerate() {
            // The local address is the family's wildcard: the family field (the buffer is
            // zeroed), nothing else.
            let local = base.add(at);
            std::ptr::copy_nonoverlapping(a.as_bytes().as_ptr(), local, 2);
            at += sa_room(a);
            let remote = base.add(at);
            std::ptr::copy_nonoverlapping(a.as_bytes().as_ptr(), remote, a.len() as usize);
            at += sa_room(a);
            cs.add(i).write_unaligned(CsAddrInfo {
                local: SocketAddress {
                    sockaddr: local.cast(),
                    length: a.len() as i32,
                },
                remote: SocketAddress {
                    sockaddr: remote.cast(),
                    length: a.len() as i32,
                },
                socket_type: libc::SOCK_STREAM,
                protocol: libc::IPPROTO_TCP,
            });
        }
        let name = base.add(at);
        std::ptr::copy_nonoverlapping(name_bytes.as_ptr(), name, name_bytes.len());
        (out).write_unaligned(QuerySet {
            size: size_of::<QuerySet>() as u32,
            service_instance_name: if flags & LUP_RETURN_NAME != 0 {
                name.cast()
            } else {
                std::ptr::null_mut()
            },
            service_class_id: if flags & LUP_RETURN_TYPE != 0 {
                guid
            } else {
                std::ptr::null_mut()
            },
            version: std::ptr::null_mut(),
            comment: std::ptr::null_mut(),
            name_space: rnr::NS_DNS,
            ns_provider_id: std::ptr::null_mut(),
            context: std::ptr::null_mut(),
            number_of_protocols: 0,
            afp_protocols: std::ptr::null(),
            query_string: std::ptr::null_mut(),
            number_of_cs_addrs: addrs.len() as u32,
            csa_buffer: if addrs.is_empty() {
                std::ptr::null_mut()
            } else {
                cs
            },
            output_flags: 0,
            blob: blob_at,
        });
    }
    Ok(0)
}

/// Starts a lookup in the DNS name space: `lpServiceClassId` `SVCID_INET_HOSTADDRBYNAME` or
/// `SVCID_HOSTNAME` (a host name, or an address literal; NULL or "" names this host) or
/// `SVCID_INET_HOSTADDRBYINETSTRING` (an address literal), limited to the families of
/// `lpafpProtocols` (Windows' `AF_INET6`, 23, is accepted too). The name is resolved here.
/// No class in `NS_ALL` (Windows' network list) starts an empty enumeration. Returns 0 with the
/// handle in `*lphLookup`, or `SOCKET_ERROR` with `WSAEFAULT` (NULL pointers),
/// `ERROR_INVALID_PARAMETER` (87: `dwSize` short of the structure), `WSASERVICE_NOT_FOUND` (a
/// class or name space ws2mp does not answer), `WSAHOST_NOT_FOUND`, `WSANO_DATA` (no address of
/// the families asked).
///
/// # Safety
/// `lpqsRestrictions` must be NULL or a readable `WSAQUERYSETA` with valid pointers;
/// `lphLookup` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn WSALookupServiceBeginA(
    lpqsRestrictions: *const c_void,
    dwControlFlags: u32,
    lphLookup: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        begin(lpqsRestrictions.cast(), dwControlFlags, lphLookup, false)
    })
}

/// `WSALookupServiceBeginA` with a `WSAQUERYSETW`.
///
/// # Safety
/// As for `WSALookupServiceBeginA`.
#[no_mangle]
pub unsafe extern "C" fn WSALookupServiceBeginW(
    lpqsRestrictions: *const c_void,
    dwControlFlags: u32,
    lphLookup: *mut *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        begin(lpqsRestrictions.cast(), dwControlFlags, lphLookup, true)
    })
}

/// The lookup's result set, packed into `lpqsResults` (`*lpdwBufferLength` bytes): the name
/// (`LUP_RETURN_NAME`; canonical when the resolver gives one), the class (`LUP_RETURN_TYPE`)
/// and every address as a `CSADDR_INFO` (`LUP_RETURN_ADDR`; the remote address with port 0,
/// the local one the family's wildcard) in the DNS name space; the flags of `Begin` and `Next`
/// both count. `LUP_RETURN_BLOB` gives Windows' `hostent` blob (the IPv4 addresses; its
/// pointers are offsets from the blob's start). Returns 0, or `SOCKET_ERROR` with
/// `WSA_E_NO_MORE` (after the one result set), `WSAEFAULT` (a buffer too small: the size
/// needed is in `*lpdwBufferLength` and the result stays), `WSA_INVALID_HANDLE`.
///
/// # Safety
/// `lpdwBufferLength` must be NULL or writable; `lpqsResults` NULL or writable for
/// `*lpdwBufferLength` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSALookupServiceNextA(
    hLookup: *mut c_void,
    dwControlFlags: u32,
    lpdwBufferLength: *mut u32,
    lpqsResults: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        next(
            hLookup,
            dwControlFlags,
            lpdwBufferLength,
            lpqsResults.cast(),
            false,
        )
    })
}

/// `WSALookupServiceNextA` filling a `WSAQUERYSETW` (the name in UTF-16).
///
/// # Safety
/// As for `WSALookupServiceNextA`.
#[no_mangle]
pub unsafe extern "C" fn WSALookupServiceNextW(
    hLookup: *mut c_void,
    dwControlFlags: u32,
    lpdwBufferLength: *mut u32,
    lpqsResults: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        next(
            hLookup,
            dwControlFlags,
            lpdwBufferLength,
            lpqsResults.cast(),
            true,
        )
    })
}

/// Ends a lookup. Returns 0, or `SOCKET_ERROR` with `WSA_INVALID_HANDLE`.
#[no_mangle]
pub extern "C" fn WSALookupServiceEnd(hLookup: *mut c_void) -> i32 {
    call(-1, || {
        rnr::end(hLookup as usize)?;
        Ok(0)
    })
}

/// # Safety
/// As for `WSAEnumNameSpaceProvidersA`.
unsafe fn enum_providers(len: *mut u32, out: *mut NameSpaceInfo, wide: bool) -> WsaResult<i32> {
    crate::runtime::check()?;
    if len.is_null() {
        return Err(WsaError::WSAEFAULT);
    }
    let ident: Vec<u8> = if wide {
        "Tcpip"
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_ne_bytes)
            .collect()
    } else {
        b"Tcpip\0".to_vec()
    };
    let need = size_of::<NameSpaceInfo>() + ident.len();
    // SAFETY: checked non-NULL; caller guarantee.
    if out.is_null() || (unsafe { *len } as usize) < need {
        // SAFETY: as above.
        unsafe { *len = need as u32 };
        return Err(WsaError::WSAEFAULT);
    }
    // SAFETY: the caller's buffer holds `need` bytes.
    unsafe {
        let text = (out as *mut u8).add(size_of::<NameSpaceInfo>());
        std::ptr::copy_nonoverlapping(ident.as_ptr(), text, ident.len());
        out.write_unaligned(NameSpaceInfo {
            provider_id: DNS_PROVIDER_ID,
            name_space: rnr::NS_DNS,
            active: 1,
            version: 0x0002_0000,
            identifier: text.cast(),
        });
    }
    Ok(1)
}

/// The name-space providers: one, the DNS name space ("Tcpip", `NS_DNS`, active). Returns the
/// count (1), or `SOCKET_ERROR` with `WSAEFAULT` and the size needed in `*lpdwBufferLength`.
///
/// # Safety
/// `lpdwBufferLength` must be NULL or writable; `lpnspBuffer` NULL or writable for
/// `*lpdwBufferLength` bytes.
#[no_mangle]
pub unsafe extern "C" fn WSAEnumNameSpaceProvidersA(
    lpdwBufferLength: *mut u32,
    lpnspBuffer: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        enum_providers(lpdwBufferLength, lpnspBuffer.cast(), false)
    })
}

/// `WSAEnumNameSpaceProvidersA` with a UTF-16 identifier.
///
/// # Safety
/// As for `WSAEnumNameSpaceProvidersA`.
#[no_mangle]
pub unsafe extern "C" fn WSAEnumNameSpaceProvidersW(
    lpdwBufferLength: *mut u32,
    lpnspBuffer: *mut c_void,
) -> i32 {
    // SAFETY: caller guarantee.
    call(-1, || unsafe {
        enum_providers(lpdwBufferLength, lpnspBuffer.cast(), true)
    })
}
