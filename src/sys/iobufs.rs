//! Buffer lists for the vectored socket calls: `iovec` arrays whose memory is known to be
//! readable (`IoBufs`) or writable (`IoBufsMut`) for a lifetime. The raw arrays stay inside
//! `sys`; the ffi layer builds the lists from a program's checked `WSABUF`s (unsafe, once), and
//! core code builds them from its own buffers (safe).

use std::marker::PhantomData;

/// A list of buffers readable for `'a`.
#[derive(Clone, Copy)]
pub struct IoBufs<'a> {
    iov: &'a [libc::iovec],
}

/// A list of buffers writable (and readable) for `'a`.
pub struct IoBufsMut<'a> {
    iov: &'a mut [libc::iovec],
    /// The memory is borrowed mutably for `'a` (what the iovecs point to).
    _bytes: PhantomData<&'a mut [u8]>,
}

/// An iovec describing `buf` (an empty one may keep a dangling base: no call reads it).
fn entry(base: *const u8, len: usize) -> libc::iovec {
    libc::iovec {
        iov_base: base.cast_mut().cast(),
        iov_len: len,
    }
}

fn total(iov: &[libc::iovec]) -> usize {
    iov.iter().fold(0, |t, b| t.saturating_add(b.iov_len))
}

/// Room for `N` list entries (for `from_slices` / `single`), all empty.
pub fn storage<const N: usize>() -> [libc::iovec; N] {
    [entry(std::ptr::null(), 0); N]
}

impl<'a> IoBufs<'a> {
    /// Wraps an iovec array as it is.
    ///
    /// # Safety
    /// Every iovec with a non-zero length must describe memory readable for `'a`, not written
    /// by anyone else while the list is in use.
    pub unsafe fn from_raw(iov: &'a [libc::iovec]) -> IoBufs<'a> {
        IoBufs { iov }
    }

    /// The slices `bufs`, described in the first entries of `storage` (as many slices as
    /// `storage` has room for; the rest are left out).
    pub fn from_slices(
        storage: &'a mut [libc::iovec],
        bufs: impl IntoIterator<Item = &'a [u8]>,
    ) -> IoBufs<'a> {
        let mut n = 0;
        for (s, b) in storage.iter_mut().zip(bufs) {
            *s = entry(b.as_ptr(), b.len());
            n += 1;
        }
        IoBufs { iov: &storage[..n] }
    }

    /// The one slice `buf`, described in `storage`.
    pub fn single(storage: &'a mut [libc::iovec; 1], buf: &'a [u8]) -> IoBufs<'a> {
        storage[0] = entry(buf.as_ptr(), buf.len());
        IoBufs { iov: storage }
    }

    /// The empty list.
    pub fn empty() -> IoBufs<'a> {
        IoBufs { iov: &[] }
    }

    /// Number of buffers.
    pub fn len(&self) -> usize {
        self.iov.len()
    }

    pub fn is_empty(&self) -> bool {
        self.iov.is_empty()
    }

    /// Total size in bytes (saturating).
    pub fn total_len(&self) -> usize {
        total(self.iov)
    }

    pub(in crate::sys) fn raw(&self) -> &'a [libc::iovec] {
        self.iov
    }
}

impl<'a> IoBufsMut<'a> {
    /// Wraps an iovec array as it is.
    ///
    /// # Safety
    /// Every iovec with a non-zero length must describe memory writable (and readable) for
    /// `'a`, used by no one else while the list is in use.
    pub unsafe fn from_raw(iov: &'a mut [libc::iovec]) -> IoBufsMut<'a> {
        IoBufsMut {
            iov,
            _bytes: PhantomData,
        }
    }

    /// The one slice `buf`, described in `storage`.
    pub fn single(storage: &'a mut [libc::iovec; 1], buf: &'a mut [u8]) -> IoBufsMut<'a> {
        storage[0] = entry(buf.as_mut_ptr(), buf.len());
        IoBufsMut {
            iov: storage,
            _bytes: PhantomData,
        }
    }

    /// The same buffers, borrowed for a shorter time.
    pub fn reborrow(&mut self) -> IoBufsMut<'_> {
        IoBufsMut {
            iov: self.iov,
            _bytes: PhantomData,
        }
    }

    /// The same buffers, to read.
    pub fn as_bufs(&self) -> IoBufs<'_> {
        IoBufs { iov: self.iov }
    }

    /// Number of buffers.
    pub fn len(&self) -> usize {
        self.iov.len()
    }

    pub fn is_empty(&self) -> bool {
        self.iov.is_empty()
    }

    /// Total size in bytes (saturating).
    pub fn total_len(&self) -> usize {
        total(self.iov)
    }

    pub(in crate::sys) fn raw(&mut self) -> &mut [libc::iovec] {
        self.iov
    }

    pub(in crate::sys) fn raw_ref(&self) -> &[libc::iovec] {
        self.iov
    }
}

// SAFETY: the lists only describe memory borrowed for 'a (shared for `IoBufs`, exclusive for
// `IoBufsMut`), exactly as `&[u8]` / `&mut [u8]` would, which are Send and Sync.
unsafe impl Send for IoBufs<'_> {}
// SAFETY: as above.
unsafe impl Sync for IoBufs<'_> {}
// SAFETY: as above.
unsafe impl Send for IoBufsMut<'_> {}
// SAFETY: as above.
unsafe impl Sync for IoBufsMut<'_> {}
