//! The `ADDRINFOA`/`ADDRINFOW` lists `getaddrinfo`/`GetAddrInfoW` hand to the program (built
//! from a `names::addrinfo::Answer`), and their release (`freeaddrinfo`/`FreeAddrInfoW`).

use crate::addr::SockAddr;
use crate::names::addrinfo::Answer;
use crate::names::types::{addrinfoW, addrinfoexA, addrinfoexW, ws2mp_addrinfo};
use std::ffi::CString;

/// One node as ws2mp allocates it: the ADDRINFOA/ADDRINFOW structure first, then the address
/// and the canonical name it points to.
#[repr(C)]
struct Node<I: Info> {
    ai: I,
    addr: libc::sockaddr_storage,
    canonical: Option<I::Name>,
}

/// What the ANSI and the UTF-16 lists differ in: the structure's type and how the canonical
/// name is kept. Implemented for both structures by [`info!`].
trait Info: Sized {
    /// The canonical name as a node keeps it (NUL-terminated).
    type Name;
    fn encode(canonical: &str) -> Option<Self::Name>;
    /// A node's structure for address `a`, in front of `next`; [`point`](Info::point) sets
    /// its pointers once the node has its place.
    fn new(a: &SockAddr, answer: &Answer, next: *mut Self) -> Self;
    fn point(&mut self, addr: *mut libc::sockaddr, name: Option<&mut Self::Name>);
    fn next(&self) -> *mut Self;
}

/// Implements [`Info`] for an addrinfo structure: its name type, how a `&str` becomes one,
/// and the pointer `ai_canonname` takes to it.
macro_rules! info {
    ($info:ty, $name:ty, $encode:expr, $pointer:expr $(, $field:ident: $value:expr)*) => {
        impl Info for $info {
            type Name = $name;
            fn encode(canonical: &str) -> Option<$name> {
                $encode(canonical)
            }
            fn new(a: &SockAddr, answer: &Answer, next: *mut Self) -> Self {
                Self {
                    ai_flags: answer.flags,
                    ai_family: a.family(),
                    ai_socktype: answer.hints.socktype,
                    ai_protocol: answer.hints.protocol,
                    ai_addrlen: a.as_bytes().len(),
                    ai_canonname: std::ptr::null_mut(),
                    ai_addr: std::ptr::null_mut(),
                    $($field: $value,)*
                    ai_next: next,
                }
            }
            fn point(&mut self, addr: *mut libc::sockaddr, name: Option<&mut $name>) {
                self.ai_addr = addr;
                if let Some(n) = name {
                    self.ai_canonname = $pointer(n);
                }
            }
            fn next(&self) -> *mut Self {
                self.ai_next
            }
        }
    };
}

info!(
    ws2mp_addrinfo,
    CString,
    |c: &str| CString::new(c).ok(),
    |n: &mut CString| n.as_ptr().cast_mut()
);
info!(
    addrinfoW,
    Vec<u16>,
    |c: &str| Some(c.encode_utf16().chain(std::iter::once(0)).collect()),
    |n: &mut Vec<u16>| n.as_mut_ptr()
);

info!(
    addrinfoexA,
    CString,
    |c: &str| CString::new(c).ok(),
    |n: &mut CString| n.as_ptr().cast_mut(),
    ai_blob: std::ptr::null_mut(),
    ai_bloblen: 0,
    ai_provider: std::ptr::null_mut()
);
info!(
    addrinfoexW,
    Vec<u16>,
    |c: &str| Some(c.encode_utf16().chain(std::iter::once(0)).collect()),
    |n: &mut Vec<u16>| n.as_mut_ptr(),
    ai_blob: std::ptr::null_mut(),
    ai_bloblen: 0,
    ai_provider: std::ptr::null_mut()
);

fn storage(a: &SockAddr) -> libc::sockaddr_storage {
    // SAFETY: all-zero is a valid sockaddr_storage.
    let mut s: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let bytes = a.as_bytes();
    // SAFETY: an address is never longer than sockaddr_storage.
    unsafe {
        std::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            std::ptr::addr_of_mut!(s).cast::<u8>(),
            bytes.len(),
        )
    };
    s
}

/// Builds the list of an answer, the canonical name (if any) on its first node.
fn build<I: Info>(answer: &Answer) -> *mut I {
    let mut head: *mut I = std::ptr::null_mut();
    for (k, a) in answer.addrs.iter().enumerate().rev() {
        let canonical = match k {
            0 => answer.canonical.as_deref().and_then(I::encode),
            _ => None,
        };
        let mut node = Box::new(Node {
            ai: I::new(a, answer, head),
            addr: storage(a),
            canonical,
        });
        let node_ref = &mut *node;
        let addr = std::ptr::addr_of_mut!(node_ref.addr).cast();
        node_ref.ai.point(addr, node_ref.canonical.as_mut());
        head = Box::into_raw(node).cast();
    }
    head
}

/// Frees a list [`build`] made.
///
/// # Safety
/// `head` must be NULL or a list from [`build`] (of the same `I`) not freed yet.
unsafe fn free<I: Info>(mut head: *mut I) {
    while !head.is_null() {
        // SAFETY: every node was a Box<Node<I>> whose first field is the addrinfo.
        let node = unsafe { Box::from_raw(head.cast::<Node<I>>()) };
        head = node.ai.next();
    }
}

/// Builds the ADDRINFOA list of an answer. Free it with [`free_list`].
pub fn list(answer: &Answer) -> *mut ws2mp_addrinfo {
    build(answer)
}

/// Builds the ADDRINFOW list of an answer. Free it with [`free_list_w`].
pub fn list_w(answer: &Answer) -> *mut addrinfoW {
    build(answer)
}

/// Frees a list [`list`] built.
///
/// # Safety
/// `head` must be NULL or a list from [`list`] not freed yet.
pub unsafe fn free_list(head: *mut ws2mp_addrinfo) {
    // SAFETY: forwarded caller guarantee.
    unsafe { free(head) }
}

/// Frees a list [`list_w`] built.
///
/// # Safety
/// `head` must be NULL or a list from [`list_w`] not freed yet.
pub unsafe fn free_list_w(head: *mut addrinfoW) {
    // SAFETY: forwarded caller guarantee.
    unsafe { free(head) }
}

/// Builds the ADDRINFOEXA list of an answer. Free it with [`free_list_ex`].
pub fn list_ex(answer: &Answer) -> *mut addrinfoexA {
    build(answer)
}

/// Builds the ADDRINFOEXW list of an answer. Free it with [`free_list_ex_w`].
pub fn list_ex_w(answer: &Answer) -> *mut addrinfoexW {
    build(answer)
}

/// Frees a list [`list_ex`] built.
///
/// # Safety
/// `head` must be NULL or a list from [`list_ex`] not freed yet.
pub unsafe fn free_list_ex(head: *mut addrinfoexA) {
    // SAFETY: forwarded caller guarantee.
    unsafe { free(head) }
}

/// Frees a list [`list_ex_w`] built.
///
/// # Safety
/// `head` must be NULL or a list from [`list_ex_w`] not freed yet.
pub unsafe fn free_list_ex_w(head: *mut addrinfoexW) {
    // SAFETY: forwarded caller guarantee.
    unsafe { free(head) }
}
