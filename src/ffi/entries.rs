//! The per-thread result buffers of `gethostbyname`/`gethostbyaddr` (one `hostent`),
//! `getservbyname`/`getservbyport` (one `servent`) and `getprotobyname`/`getprotobynumber`
//! (one `protoent`), as Windows keeps them: each result is valid until the next call of the
//! same kind on the same thread; the buffer is reused when the next result fits (so the
//! pointer stays the same) and freed when the thread ends.
//!
//! Each entry is laid out in one block the way Windows lays out a `hostent`: the structure,
//! then its alias array, then its address array, then the addresses, then the strings. The
//! asynchronous calls (`WSAAsyncGetHostByName` & co.) lay the same block out for the program's
//! own buffer ([`block`]): its pointers point into that buffer.

use crate::names::entries::{HostEntry, ProtocolEntry, ServiceEntry};
use crate::names::types::{ws2mp_hostent, ws2mp_protoent, ws2mp_servent};
use std::cell::RefCell;
use std::os::raw::c_char;

thread_local! {
    static HOST: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    static SERVICE: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    static PROTOCOL: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Hands out space in a block. In measuring mode (`base` NULL) it only counts. The pointers
/// stored in the block are given as if the block lay at `origin` (`base` itself, or the
/// program's buffer it is copied to).
struct Arena {
    base: *mut u8,
    origin: usize,
    used: usize,
}

impl Arena {
    /// A pointer into the block as the block's reader sees it (at `origin`).
    fn seen<T>(&self, p: *mut T) -> *mut T {
        if p.is_null() {
            return p;
        }
        (p as usize - self.base as usize + self.origin) as *mut T
    }

    fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        self.used = self.used.next_multiple_of(align);
        let at = self.used;
        self.used += size;
        if self.base.is_null() {
            std::ptr::null_mut()
        } else {
            // SAFETY: the block was sized by a measuring pass of the same build.
            unsafe { self.base.add(at) }
        }
    }

    fn bytes(&mut self, data: &[u8]) -> *mut c_char {
        let p = self.alloc(data.len(), 1);
        if !p.is_null() {
            // SAFETY: `p` has room for `data.len()` bytes.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
        }
        p.cast()
    }

    fn string(&mut self, s: &str) -> *mut c_char {
        let mut data = s.as_bytes().to_vec();
        data.retain(|&b| b != 0);
        data.push(0);
        self.bytes(&data)
    }

    /// Reserves a NULL-terminated pointer array of `n` entries.
    fn pointers(&mut self, n: usize) -> *mut *mut c_char {
        self.alloc((n + 1) * size_of::<*mut c_char>(), 8).cast()
    }

    fn fill(&self, array: *mut *mut c_char, items: &[*mut c_char]) {
        if self.base.is_null() {
            return;
        }
        for (k, item) in items
            .iter()
            .chain(std::iter::once(&std::ptr::null_mut()))
            .enumerate()
        {
            // SAFETY: the array was reserved with room for the items and the terminator.
            unsafe { array.add(k).write(self.seen(*item)) };
        }
    }

    fn put<T>(&mut self, value: T) -> *mut T {
        let p = self.alloc(size_of::<T>(), align_of::<T>()).cast::<T>();
        if !p.is_null() {
            // SAFETY: `p` is aligned and has room for a T.
            unsafe { p.write(value) };
        }
        p
    }
}

/// Runs `build` once to measure and once to write into this thread's buffer `cell`, growing
/// the buffer only when the entry does not fit.
fn build<T>(
    cell: &'static std::thread::LocalKey<RefCell<Vec<u64>>>,
    build: impl Fn(&mut Arena) -> *mut T,
) -> *mut T {
    let mut measure = Arena {
        base: std::ptr::null_mut(),
        origin: 0,
        used: 0,
    };
    build(&mut measure);
    cell.with(|buf| {
        let mut buf = buf.borrow_mut();
        let words = measure.used.div_ceil(8);
        if buf.len() < words {
            *buf = vec![0u64; words];
        }
        let base: *mut u8 = buf.as_mut_ptr().cast();
        let mut arena = Arena {
            base,
            origin: base as usize,
            used: 0,
        };
        build(&mut arena)
    })
}

/// An entry an asynchronous call lays out in the program's buffer.
pub enum Entry {
    Host(HostEntry),
    Service(ServiceEntry),
    Protocol(ProtocolEntry),
}

/// `e` laid out as one block for the program's buffer at `origin`: the bytes to copy there.
pub fn block(e: &Entry, origin: usize) -> Vec<u8> {
    let lay = |a: &mut Arena| match e {
        Entry::Host(h) => lay_host(a, h).cast::<u8>(),
        Entry::Service(s) => lay_service(a, s).cast(),
        Entry::Protocol(p) => lay_protocol(a, p).cast(),
    };
    let mut measure = Arena {
        base: std::ptr::null_mut(),
        origin: 0,
        used: 0,
    };
    lay(&mut measure);
    let mut words = vec![0u64; measure.used.div_ceil(8)];
    let mut arena = Arena {
        base: words.as_mut_ptr().cast(),
        origin,
        used: 0,
    };
    lay(&mut arena);
    let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
    bytes.truncate(measure.used);
    bytes
}

/// A host entry in this thread's buffer: `addrs` are raw addresses of `length` bytes each.
pub fn hostent(e: &HostEntry) -> *mut ws2mp_hostent {
    build(&HOST, |a| lay_host(a, e))
}

fn lay_host(a: &mut Arena, e: &HostEntry) -> *mut ws2mp_hostent {
    let (name, aliases, family, length, addrs) =
        (&e.name, &e.aliases, e.family, e.length, &e.addrs);
    let entry = a.put(ws2mp_hostent {
        h_name: std::ptr::null_mut(),
        h_aliases: std::ptr::null_mut(),
        h_addrtype: family,
        h_length: length,
        h_addr_list: std::ptr::null_mut(),
    });
    let alias_array = a.pointers(aliases.len());
    let addr_array = a.pointers(addrs.len());
    let addr_items: Vec<*mut c_char> = addrs.iter().map(|x| a.bytes(x)).collect();
    let h_name = a.string(name);
    let alias_items: Vec<*mut c_char> = aliases.iter().map(|s| a.string(s)).collect();
    a.fill(alias_array, &alias_items);
    a.fill(addr_array, &addr_items);
    if !entry.is_null() {
        // SAFETY: `entry` was written above and lies in the block being laid out.
        unsafe {
            (*entry).h_name = a.seen(h_name);
            (*entry).h_aliases = a.seen(alias_array);
            (*entry).h_addr_list = a.seen(addr_array);
        }
    }
    entry
}

/// A service entry in this thread's buffer; `port_be` in network byte order.
pub fn servent(e: &ServiceEntry) -> *mut ws2mp_servent {
    build(&SERVICE, |a| lay_service(a, e))
}

fn lay_service(a: &mut Arena, e: &ServiceEntry) -> *mut ws2mp_servent {
    let (name, aliases, port_be, proto) = (&e.name, &e.aliases, e.port_be, &e.proto);
    let entry = a.put(ws2mp_servent {
        s_name: std::ptr::null_mut(),
        s_aliases: std::ptr::null_mut(),
        s_proto: std::ptr::null_mut(),
        s_port: port_be as i16,
    });
    let alias_array = a.pointers(aliases.len());
    let s_name = a.string(name);
    let alias_items: Vec<*mut c_char> = aliases.iter().map(|s| a.string(s)).collect();
    let s_proto = a.string(proto);
    a.fill(alias_array, &alias_items);
    if !entry.is_null() {
        // SAFETY: `entry` was written above and lies in the block being laid out.
        unsafe {
            (*entry).s_name = a.seen(s_name);
            (*entry).s_aliases = a.seen(alias_array);
            (*entry).s_proto = a.seen(s_proto);
        }
    }
    entry
}

/// A protocol entry in this thread's buffer.
pub fn protoent(e: &ProtocolEntry) -> *mut ws2mp_protoent {
    build(&PROTOCOL, |a| lay_protocol(a, e))
}

fn lay_protocol(a: &mut Arena, e: &ProtocolEntry) -> *mut ws2mp_protoent {
    let (name, aliases, number) = (&e.name, &e.aliases, e.number);
    let entry = a.put(ws2mp_protoent {
        p_name: std::ptr::null_mut(),
        p_aliases: std::ptr::null_mut(),
        p_proto: number,
    });
    let alias_array = a.pointers(aliases.len());
    let p_name = a.string(name);
    let alias_items: Vec<*mut c_char> = aliases.iter().map(|s| a.string(s)).collect();
    a.fill(alias_array, &alias_items);
    if !entry.is_null() {
        // SAFETY: `entry` was written above and lies in the block being laid out.
        unsafe {
            (*entry).p_name = a.seen(p_name);
            (*entry).p_aliases = a.seen(alias_array);
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::entries;
    use std::ffi::CStr;

    #[test]
    fn hostent_is_one_block_in_windows_order_and_reused() {
        let h = hostent(&entries::hostent(
            "example",
            &["alias".to_string()],
            2,
            4,
            &[vec![1, 2, 3, 4], vec![5, 6, 7, 8]],
        ));
        // SAFETY: the entry is valid until the next hostent call on this thread.
        unsafe {
            assert_eq!((*h).h_aliases.cast::<u8>(), h.add(1).cast::<u8>());
            assert_eq!((*h).h_addr_list, (*h).h_aliases.add(2));
            assert_eq!(
                (*(*h).h_addr_list).cast::<u8>(),
                (*h).h_addr_list.add(3).cast::<u8>()
            );
            assert_eq!(CStr::from_ptr((*h).h_name).to_bytes(), b"example");
            assert_eq!(CStr::from_ptr(*(*h).h_aliases).to_bytes(), b"alias");
            assert_eq!(*(*(*h).h_addr_list.add(1)).add(3), 8);
            assert!((*(*h).h_addr_list.add(2)).is_null());
        }
        let again = hostent(&entries::hostent("x", &[], 2, 4, &[vec![9, 9, 9, 9]]));
        assert_eq!(h, again, "a smaller entry reuses the buffer");
    }
}
