//! The name-resolution structures as Windows lays them out (Win64): `hostent`, `servent`,
//! `protoent`, `addrinfo` (ADDRINFOA), `addrinfoW` (ADDRINFOW) and the `GetAddrInfoEx` lists'
//! `addrinfoexA` / `addrinfoexW`.
//!
//! The libc-named ones carry a `ws2mp_` prefix here so that `ws2mp.h` never clashes with the
//! system's `<netdb.h>`; the compat header `ws2mp_names.h` gives them Windows' names.

use std::os::raw::c_char;

/// Windows' `struct hostent`: 16-bit `h_addrtype` and `h_length` (32 bytes on Win64).
#[repr(C)]
pub struct ws2mp_hostent {
    pub h_name: *mut c_char,
    pub h_aliases: *mut *mut c_char,
    pub h_addrtype: i16,
    pub h_length: i16,
    pub h_addr_list: *mut *mut c_char,
}

/// Windows' `struct servent`, Win64 field order: `s_proto` before the 16-bit `s_port`
/// (network byte order) (32 bytes).
#[repr(C)]
pub struct ws2mp_servent {
    pub s_name: *mut c_char,
    pub s_aliases: *mut *mut c_char,
    pub s_proto: *mut c_char,
    pub s_port: i16,
}

/// Windows' `struct protoent`: a 16-bit `p_proto` (24 bytes on Win64).
#[repr(C)]
pub struct ws2mp_protoent {
    pub p_name: *mut c_char,
    pub p_aliases: *mut *mut c_char,
    pub p_proto: i16,
}

/// Windows' `struct addrinfo` (ADDRINFOA): `ai_addrlen` is a `size_t` and `ai_canonname`
/// comes before `ai_addr` (48 bytes on Win64).
#[repr(C)]
pub struct ws2mp_addrinfo {
    pub ai_flags: i32,
    pub ai_family: i32,
    pub ai_socktype: i32,
    pub ai_protocol: i32,
    pub ai_addrlen: usize,
    pub ai_canonname: *mut c_char,
    pub ai_addr: *mut libc::sockaddr,
    pub ai_next: *mut ws2mp_addrinfo,
}

/// Windows' `struct addrinfoW` (ADDRINFOW): as `addrinfo`, with a UTF-16 canonical name.
#[repr(C)]
pub struct addrinfoW {
    pub ai_flags: i32,
    pub ai_family: i32,
    pub ai_socktype: i32,
    pub ai_protocol: i32,
    pub ai_addrlen: usize,
    pub ai_canonname: *mut u16,
    pub ai_addr: *mut libc::sockaddr,
    pub ai_next: *mut addrinfoW,
}

/// Windows' `struct addrinfoexA` (ADDRINFOEXA, `GetAddrInfoExA`'s): `addrinfo`'s fields, then
/// a provider blob and the provider's GUID (ws2mp leaves them NULL and 0), then the link.
#[repr(C)]
pub struct addrinfoexA {
    pub ai_flags: i32,
    pub ai_family: i32,
    pub ai_socktype: i32,
    pub ai_protocol: i32,
    pub ai_addrlen: usize,
    pub ai_canonname: *mut c_char,
    pub ai_addr: *mut libc::sockaddr,
    pub ai_blob: *mut std::os::raw::c_void,
    pub ai_bloblen: usize,
    pub ai_provider: *mut std::os::raw::c_void,
    pub ai_next: *mut addrinfoexA,
}

/// Windows' `struct addrinfoexW` (ADDRINFOEXW): as `addrinfoexA`, with a UTF-16 canonical
/// name.
#[repr(C)]
pub struct addrinfoexW {
    pub ai_flags: i32,
    pub ai_family: i32,
    pub ai_socktype: i32,
    pub ai_protocol: i32,
    pub ai_addrlen: usize,
    pub ai_canonname: *mut u16,
    pub ai_addr: *mut libc::sockaddr,
    pub ai_blob: *mut std::os::raw::c_void,
    pub ai_bloblen: usize,
    pub ai_provider: *mut std::os::raw::c_void,
    pub ai_next: *mut addrinfoexW,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn layouts_match_win64() {
        assert_eq!(size_of::<ws2mp_hostent>(), 32);
        assert_eq!(offset_of!(ws2mp_hostent, h_addrtype), 16);
        assert_eq!(offset_of!(ws2mp_hostent, h_length), 18);
        assert_eq!(offset_of!(ws2mp_hostent, h_addr_list), 24);
        assert_eq!(size_of::<ws2mp_servent>(), 32);
        assert_eq!(offset_of!(ws2mp_servent, s_proto), 16);
        assert_eq!(offset_of!(ws2mp_servent, s_port), 24);
        assert_eq!(size_of::<ws2mp_protoent>(), 24);
        assert_eq!(offset_of!(ws2mp_protoent, p_proto), 16);
        assert_eq!(size_of::<ws2mp_addrinfo>(), 48);
        assert_eq!(offset_of!(ws2mp_addrinfo, ai_addrlen), 16);
        assert_eq!(offset_of!(ws2mp_addrinfo, ai_canonname), 24);
        assert_eq!(offset_of!(ws2mp_addrinfo, ai_addr), 32);
        assert_eq!(offset_of!(ws2mp_addrinfo, ai_next), 40);
        assert_eq!(size_of::<addrinfoW>(), 48);
        assert_eq!(size_of::<addrinfoexA>(), 72);
        assert_eq!(offset_of!(addrinfoexA, ai_blob), 40);
        assert_eq!(offset_of!(addrinfoexA, ai_provider), 56);
        assert_eq!(offset_of!(addrinfoexA, ai_next), 64);
        assert_eq!(size_of::<addrinfoexW>(), 72);
    }
}
