//! Typed views of memory a C program lends ws2mp for the length of an overlapped operation:
//! its `WSAOVERLAPPED` and the buffers of its `WSABUF` array.
//!
//! Both are built once, at the ABI boundary (or, for the `WSAOVERLAPPED`, after the kernel has
//! checked that the address is writable); the core then uses them without `unsafe`. Windows'
//! contract is the one kept here: the program leaves the structure and the buffers alone until
//! the operation's completion is posted, and ws2mp never touches them afterwards.

use super::{copy_from_user, IoBufs, IoBufsMut};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Offsets in Windows' 64-bit `WSAOVERLAPPED`: `Internal`, `InternalHigh`, `Offset`,
/// `OffsetHigh`, `hEvent`.
const INTERNAL: usize = 0;
const INTERNAL_HIGH: usize = 8;
const H_EVENT: usize = 24;
/// `sizeof(WSAOVERLAPPED)`.
const OVERLAPPED_SIZE: usize = 32;

/// A program's `WSAOVERLAPPED`, known to be mapped and writable when it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserOverlapped(usize);

impl UserOverlapped {
    /// Checks (through the kernel, without trusting it) that `addr` names readable memory of
    /// a `WSAOVERLAPPED` and that it is 8-byte aligned. None for NULL, unmapped or misaligned
    /// addresses (the caller's `WSAEFAULT`).
    pub fn probe(addr: usize) -> Option<UserOverlapped> {
        if addr < 4096 || addr % std::mem::align_of::<usize>() != 0 {
            return None;
        }
        kernel_readable(addr, OVERLAPPED_SIZE).then_some(UserOverlapped(addr))
    }

    /// The address, as the program knows it (`lpOverlapped`).
    pub fn addr(self) -> usize {
        self.0
    }

    fn field(self, offset: usize) -> &'static AtomicUsize {
        // SAFETY: `probe` found the structure mapped and aligned; Windows' contract keeps it
        // valid until the completion is posted, and ws2mp stops using it then. The fields
        // are written with atomic stores because the program may read them (HasOverlapped-
        // IoCompleted) while the operation runs.
        unsafe { AtomicUsize::from_ptr((self.0 + offset) as *mut usize) }
    }

    /// The `hEvent` field.
    pub fn event(self) -> usize {
        self.field(H_EVENT).load(Ordering::Relaxed)
    }

    /// The `Internal` field (an NTSTATUS; `STATUS_PENDING` while the operation runs).
    pub fn status(self) -> u32 {
        self.field(INTERNAL).load(Ordering::Acquire) as u32
    }

    /// The `InternalHigh` field (bytes transferred).
    pub fn bytes(self) -> u32 {
        self.field(INTERNAL_HIGH).load(Ordering::Relaxed) as u32
    }

    /// Marks the operation pending: `Internal` becomes `STATUS_PENDING`; `InternalHigh` keeps
    /// whatever the program left there until the result is published (as on Windows).
    pub fn mark_pending(self, status: u32) {
        self.field(INTERNAL)
            .store(status as usize, Ordering::Release);
    }

    /// Writes the result: the byte count first, then the status (release), so that a program
    /// that sees the status changed also sees the count.
    pub fn publish(self, status: u32, bytes: u32) {
        self.field(INTERNAL_HIGH)
            .store(bytes as usize, Ordering::Relaxed);
        self.field(INTERNAL)
            .store(status as usize, Ordering::Release);
    }
}

/// Whether `[addr, addr + len)` (at most 32 bytes) is readable, as the kernel finds it. The
/// kernel does the reading: another thread of ws2mp may be storing to the same structure (a
/// completion being published), and a copy in user space would race with it.
fn kernel_readable(addr: usize, len: usize) -> bool {
    // A structure among the calling thread's locals (its callers' frames) is mapped while the
    // call runs, and one the kernel read for this thread recently (a server's per-connection
    // context, checked at every operation) is taken as still mapped: no system call needed.
    #[cfg(linux_like)]
    if super::usercopy::known_readable(addr, len) {
        return true;
    }
    let mut copy = [0u8; OVERLAPPED_SIZE];
    let len = len.min(copy.len());
    #[cfg(linux_like)]
    {
        let local = libc::iovec {
            iov_base: copy.as_mut_ptr().cast(),
            iov_len: len,
        };
        let remote = libc::iovec {
            iov_base: addr as *mut libc::c_void,
            iov_len: len,
        };
        // SAFETY: the kernel reads the remote range, checking it, into our own buffer.
        let n =
            unsafe { libc::process_vm_readv(super::usercopy::own_pid(), &local, 1, &remote, 1, 0) };
        if n == len as isize {
            super::usercopy::noted_readable(addr, len);
            return true;
        }
        if n >= 0 || super::errno() == libc::EFAULT {
            return false;
        }
        // Refused (a seccomp filter, no ptrace permission): the portable check.
    }
    copy_from_user(addr as *const u8, &mut copy[..len]).is_ok()
}

/// The buffers of a program's `WSABUF` array, copied at submission (programs build the array
/// on the stack; the buffers themselves stay the program's).
pub struct UserBufs {
    iov: Vec<libc::iovec>,
}

// SAFETY: the iovecs point into buffers the program lent for the whole operation; which
// thread performs the operation does not matter to it (Windows' kernel does it on none).
unsafe impl Send for UserBufs {}

impl UserBufs {
    /// Copies `(pointer, length)` pairs.
    ///
    /// # Safety
    /// Every pair must describe memory that stays valid (writable, for a receive) until the
    /// operation completes.
    pub unsafe fn new(pairs: impl Iterator<Item = (*mut u8, usize)>) -> UserBufs {
        UserBufs {
            iov: pairs
                .map(|(p, n)| libc::iovec {
                    iov_base: p.cast(),
                    iov_len: n,
                })
                .collect(),
        }
    }

    /// The buffers, to send from.
    pub fn bufs(&self) -> IoBufs<'_> {
        // SAFETY: `new`'s contract: every pair is readable until the operation completes,
        // which outlives this borrow of `self`.
        unsafe { IoBufs::from_raw(&self.iov) }
    }

    /// The buffers, to receive into.
    ///
    /// # Safety
    /// The buffers were lent for a receive (writable, `new`'s contract).
    pub unsafe fn bufs_mut(&mut self) -> IoBufsMut<'_> {
        // SAFETY: writable until the operation completes (the caller's contract), which
        // outlives this exclusive borrow of `self`.
        unsafe { IoBufsMut::from_raw(&mut self.iov) }
    }

    /// The one buffer of a receive, for the kernel to fill by itself (io_uring); None for a
    /// list of several buffers or an empty one.
    ///
    /// # Safety
    /// The buffers were lent for a receive (writable until the operation completes).
    pub unsafe fn receive_target(&self) -> Option<ReceiveTarget> {
        match self.iov[..] {
            [v] if v.iov_len > 0 => Some(ReceiveTarget {
                base: std::num::NonZeroUsize::new(v.iov_base as usize)?,
                len: u32::try_from(v.iov_len).ok()?,
            }),
            _ => None,
        }
    }

    /// Total capacity in bytes.
    pub fn capacity(&self) -> usize {
        self.iov.iter().map(|v| v.iov_len).sum()
    }

    /// Drops the first `n` bytes (a stream send that went out in part).
    pub fn advance(&mut self, mut n: usize) {
        let mut skip = 0;
        for v in &mut self.iov {
            if n >= v.iov_len {
                n -= v.iov_len;
                skip += 1;
            } else {
                // SAFETY: `n` < the buffer's length: the new start stays inside it.
                v.iov_base = unsafe { v.iov_base.cast::<u8>().add(n) }.cast();
                v.iov_len -= n;
                break;
            }
        }
        self.iov.drain(..skip);
    }
}

/// A program's receive buffer handed to the kernel, which fills it after the call returned
/// (io_uring's receive): the buffer stays the program's, lent writable until the operation's
/// completion is posted, and ws2mp posts it only after the kernel has reported the receive
/// finished or cancelled.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(target_os = "linux"), allow(dead_code))] // only io_uring reads it
pub struct ReceiveTarget {
    pub(super) base: std::num::NonZeroUsize,
    pub(super) len: u32,
}
