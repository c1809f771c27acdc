//! Copying to and from memory a C program handed us, without trusting the pointer.
//!
//! A Winsock call given a pointer it cannot read or write fails with `WSAEFAULT`; it must not
//! crash. The copies here go through the kernel, which checks the address range and reports
//! `EFAULT` instead of faulting: `process_vm_readv`/`process_vm_writev` on our own process on
//! Linux (one system call), and a pipe elsewhere (or where those calls are refused, e.g. by a
//! seccomp filter): `write` from the program's memory into the pipe and `read` back into ours
//! (or the other way round for an output). A range on the calling thread's own stack above the
//! current frame (a program's local variable, the common case) is known to be valid and is
//! copied directly.

use super::{errno, SysResult};
use std::os::raw::c_void;

/// Whether `[ptr, ptr + len)` lies on the calling thread's stack, between this frame and the
/// stack's top: memory that is mapped, readable and writable for as long as this call runs
/// (it holds the frames of our callers, where a program's local variables live). Those
/// copies need no system call. Linux only (elsewhere the kernel copies everything).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn on_own_stack(ptr: usize, len: usize) -> bool {
    use std::cell::Cell;
    thread_local! {
        /// The thread's stack as (lowest address, end); (0, 0) when unknown.
        static BOUNDS: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    }
    let bounds = BOUNDS.with(|b| {
        if let Some(v) = b.get() {
            return v;
        }
        let v = thread_stack().unwrap_or((0, 0));
        b.set(Some(v));
        v
    });
    let here = 0u8;
    let sp = std::hint::black_box(&here) as *const u8 as usize;
    let (lo, hi) = bounds;
    // Running on the thread's own stack (not a signal stack or a coroutine's), and the range
    // is above this frame and below the end.
    sp >= lo && sp < hi && ptr >= sp && ptr.checked_add(len).is_some_and(|end| end <= hi)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn thread_stack() -> Option<(usize, usize)> {
    let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
    // SAFETY: `attr` is initialised by pthread_getattr_np before use and destroyed after.
    unsafe {
        if libc::pthread_getattr_np(libc::pthread_self(), attr.as_mut_ptr()) != 0 {
            return None;
        }
        let mut addr = std::ptr::null_mut();
        let mut size = 0;
        let ok = libc::pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(attr.as_mut_ptr());
        let lo = addr as usize;
        (ok && size > 0).then(|| (lo, lo.saturating_add(size)))
    }
}

/// Addresses below this are never mapped (the kernel's minimum mmap address is at least a
/// page): a value passed where a pointer belongs fails without a system call.
const NEVER_MAPPED: usize = 4096;

/// Copies `out.len()` bytes from the program's address `src` into `out`. `Err(EFAULT)` when
/// any of them cannot be read. Any address is acceptable: it is checked, not trusted.
#[allow(clippy::not_unsafe_ptr_arg_deref)] // dereferenced only once proven valid
pub fn copy_from_user(src: *const u8, out: &mut [u8]) -> SysResult<()> {
    if out.is_empty() {
        return Ok(());
    }
    if (src as usize) < NEVER_MAPPED {
        return Err(libc::EFAULT);
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        if on_own_stack(src as usize, out.len()) {
            // SAFETY: the range is live, mapped stack memory of a caller (on_own_stack), and
            // `out` is our own buffer of the same length.
            unsafe { std::ptr::copy_nonoverlapping(src, out.as_mut_ptr(), out.len()) };
            return Ok(());
        }
        let local = libc::iovec {
            iov_base: out.as_mut_ptr().cast::<c_void>(),
            iov_len: out.len(),
        };
        let remote = libc::iovec {
            iov_base: src as *mut c_void,
            iov_len: out.len(),
        };
        // SAFETY: `local` is our own buffer; the kernel validates `remote` and reports EFAULT
        // for an address we may not read.
        let n = unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) };
        if n >= 0 {
            return if n as usize == out.len() {
                Ok(())
            } else {
                Err(libc::EFAULT)
            };
        }
        let e = errno();
        if e == libc::EFAULT {
            return Err(e);
        }
    }
    through_pipe(src, out.as_mut_ptr(), out.len())
}

/// Copies `data` to the program's address `dst`. `Err(EFAULT)` when it cannot be written (a
/// prefix may have been written).
pub fn copy_to_user(dst: *mut u8, data: &[u8]) -> SysResult<()> {
    copy_to_user_each(&[(dst, data)])
}

/// Copies each `(dst, data)` pair to the program's memory, in one system call on Linux (a
/// `getsockopt` writes its value and its length together). `Err(EFAULT)` when any destination
/// cannot be written (earlier ones may have been). Any address is acceptable: it is checked,
/// not trusted.
#[allow(clippy::not_unsafe_ptr_arg_deref)] // dereferenced only once proven valid
pub fn copy_to_user_each(pairs: &[(*mut u8, &[u8])]) -> SysResult<()> {
    const MAX: usize = 4;
    if pairs.len() > MAX {
        return pairs.iter().try_for_each(|p| copy_to_user_each(&[*p]));
    }
    let mut total = 0;
    for (dst, data) in pairs {
        if !data.is_empty() && (*dst as usize) < NEVER_MAPPED {
            return Err(libc::EFAULT);
        }
        total += data.len();
    }
    if total == 0 {
        return Ok(());
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        if pairs
            .iter()
            .all(|(dst, data)| on_own_stack(*dst as usize, data.len()))
        {
            for (dst, data) in pairs {
                // SAFETY: each range is live, mapped stack memory of a caller (on_own_stack).
                unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), *dst, data.len()) };
            }
            return Ok(());
        }
        let empty = libc::iovec {
            iov_base: std::ptr::null_mut(),
            iov_len: 0,
        };
        let mut local = [empty; MAX];
        let mut remote = [empty; MAX];
        for (i, (dst, data)) in pairs.iter().enumerate() {
            local[i] = libc::iovec {
                iov_base: data.as_ptr() as *mut c_void,
                iov_len: data.len(),
            };
            remote[i] = libc::iovec {
                iov_base: dst.cast::<c_void>(),
                iov_len: data.len(),
            };
        }
        let count = pairs.len() as libc::c_ulong;
        // SAFETY: the `local` entries are our own buffers, only read; the kernel validates the
        // `remote` ones.
        let n = unsafe {
            libc::process_vm_writev(
                libc::getpid(),
                local.as_ptr(),
                count,
                remote.as_ptr(),
                count,
                0,
            )
        };
        if n >= 0 {
            return if n as usize == total {
                Ok(())
            } else {
                Err(libc::EFAULT)
            };
        }
        let e = errno();
        if e == libc::EFAULT {
            return Err(e);
        }
    }
    pairs
        .iter()
        .filter(|(_, data)| !data.is_empty())
        .try_for_each(|(dst, data)| through_pipe(data.as_ptr(), *dst, data.len()))
}

/// Moves `len` bytes from `src` to `dst` through a fresh pipe, in chunks the pipe holds
/// without blocking. Exactly one of the two pointers is the program's; the kernel checks it.
fn through_pipe(src: *const u8, dst: *mut u8, len: usize) -> SysResult<()> {
    const CHUNK: usize = 4096;
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(errno());
    }
    let mut done = 0;
    let mut result = Ok(());
    while done < len {
        let n = CHUNK.min(len - done);
        // SAFETY: the kernel reads `n` bytes at `src + done` and reports EFAULT if it cannot;
        // `done + n <= len`, so the address stays in the range the caller named.
        let w = unsafe { libc::write(fds[1], src.add(done).cast::<c_void>(), n) };
        if w <= 0 {
            result = Err(if w < 0 { errno() } else { libc::EFAULT });
            break;
        }
        let w = w as usize;
        // SAFETY: as above, for writing `w` bytes at `dst + done`.
        let r = unsafe { libc::read(fds[0], dst.add(done).cast::<c_void>(), w) };
        if r < 0 || r as usize != w {
            result = Err(if r < 0 { errno() } else { libc::EFAULT });
            break;
        }
        done += w;
    }
    // SAFETY: closing the two descriptors this function opened.
    unsafe {
        libc::close(fds[0]);
        libc::close(fds[1]);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_ranges_are_recognised() {
        let local = [0u8; 8];
        let heap = Box::new([0u8; 8]);
        let _ = std::hint::black_box(&local);
        assert!(!on_own_stack(heap.as_ptr() as usize, 8));
        assert!(!on_own_stack(16, 4));
        // A caller's local (this test's frame is above on_own_stack's).
        assert!(on_own_stack(local.as_ptr() as usize, 8));
        assert!(!on_own_stack(local.as_ptr() as usize, usize::MAX));
    }

    #[test]
    fn copies_valid_memory_and_refuses_bad_addresses() {
        let src = [1u8, 2, 3, 4, 5];
        let mut out = [0u8; 5];
        copy_from_user(src.as_ptr(), &mut out).unwrap();
        assert_eq!(out, src);
        assert_eq!(copy_from_user(1 as *const u8, &mut out), Err(libc::EFAULT));
        let mut dst = [0u8; 3];
        copy_to_user(dst.as_mut_ptr(), &[7, 8, 9]).unwrap();
        assert_eq!(dst, [7, 8, 9]);
        assert_eq!(copy_to_user(8 as *mut u8, &[1]), Err(libc::EFAULT));
        let (mut a, mut b) = ([0u8; 2], [0u8; 4]);
        copy_to_user_each(&[(a.as_mut_ptr(), &[1, 2]), (b.as_mut_ptr(), &[3, 4, 5, 6])]).unwrap();
        assert_eq!((a, b), ([1, 2], [3, 4, 5, 6]));
        assert_eq!(
            copy_to_user_each(&[(a.as_mut_ptr(), &[9, 9]), (16 as *mut u8, &[1])]),
            Err(libc::EFAULT)
        );
        let mut big = vec![0u8; 10_000];
        let from: Vec<u8> = (0..10_000).map(|i| i as u8).collect();
        through_pipe(from.as_ptr(), big.as_mut_ptr(), big.len()).unwrap();
        assert_eq!(big, from);
        assert_eq!(
            through_pipe(16 as *const u8, big.as_mut_ptr(), 4),
            Err(libc::EFAULT)
        );
    }
}
