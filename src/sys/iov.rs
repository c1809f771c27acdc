//! Gathering the bytes `iovec`s describe (the program's send buffers) into memory ws2mp owns.

use super::{copy_from_user, IoBufs, SysResult};

/// `head` followed by the first `total` bytes of `bufs` (zeroes if they hold fewer) as the
/// contents of `out`, whose memory is reused: no allocation, and no zero fill of bytes it held
/// already, once it is large enough. The program's bytes are read through checked copies:
/// `EFAULT` when a buffer cannot be read, never a crash.
pub(crate) fn gather_into(
    out: &mut Vec<u8>,
    head: &[u8],
    bufs: IoBufs<'_>,
    total: usize,
) -> SysResult<()> {
    let len = head.len() + total;
    if out.len() < len {
        out.resize(len, 0);
    } else {
        out.truncate(len);
    }
    out[..head.len()].copy_from_slice(head);
    let copied = gather(bufs, &mut out[head.len()..])?;
    out[head.len() + copied..].fill(0);
    Ok(())
}

/// Fills `dst` from the start of `bufs` through checked copies; how many bytes it filled.
fn gather(bufs: IoBufs<'_>, dst: &mut [u8]) -> SysResult<usize> {
    let mut at = 0;
    for b in bufs.raw() {
        if b.iov_len == 0 || b.iov_base.is_null() || at == dst.len() {
            continue;
        }
        let n = b.iov_len.min(dst.len() - at);
        copy_from_user(b.iov_base as *const u8, &mut dst[at..at + n])?;
        at += n;
    }
    Ok(at)
}

/// Appends to `out` the bytes of `bufs` after the first `skip` (what a partial send left),
/// through checked copies: `EFAULT` when a buffer cannot be read (`out` then holds what was
/// copied before it).
pub(crate) fn append_tail(out: &mut Vec<u8>, bufs: IoBufs<'_>, mut skip: usize) -> SysResult<()> {
    for b in bufs.raw() {
        if b.iov_len == 0 || b.iov_base.is_null() {
            continue;
        }
        if skip >= b.iov_len {
            skip -= b.iov_len;
            continue;
        }
        let n = b.iov_len - skip;
        let at = out.len();
        out.resize(at + n, 0);
        copy_from_user(
            (b.iov_base as *const u8).wrapping_add(skip),
            &mut out[at..at + n],
        )?;
        skip = 0;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(head: &[u8], bufs: IoBufs<'_>, total: usize) -> Vec<u8> {
        let mut v = vec![8u8; 32];
        gather_into(&mut v, head, bufs, total).unwrap();
        v
    }

    #[test]
    fn gathers_after_the_header_and_zero_fills() {
        let a = [1u8, 2, 3];
        let b = [4u8, 5];
        let mut st = super::super::iov_storage::<3>();
        let f = gathered(&[9, 9], IoBufs::from_slices(&mut st, [&a[..], &[], &b]), 5);
        assert_eq!(f, [9, 9, 1, 2, 3, 4, 5]);
        let short = gathered(&[7], IoBufs::from_slices(&mut st, [&a[..]]), 4);
        assert_eq!(short, [7, 1, 2, 3, 0]);
        let cut = gathered(&[], IoBufs::from_slices(&mut st, [&a[..], &b]), 4);
        assert_eq!(cut, [1, 2, 3, 4]);
        let bad = [libc::iovec {
            iov_base: 8 as *mut libc::c_void,
            iov_len: 4,
        }];
        let mut v = Vec::new();
        // SAFETY: breaks from_raw's contract on purpose, to see the checked copy refuse the
        // address: gather reads the list only through checked copies, never directly.
        let bad = unsafe { IoBufs::from_raw(&bad) };
        assert_eq!(gather_into(&mut v, &[1], bad, 4), Err(libc::EFAULT));
    }

    #[test]
    fn appends_what_a_partial_send_left() {
        let a = [1u8, 2, 3];
        let b = [4u8, 5];
        let mut st = super::super::iov_storage::<3>();
        let bufs = IoBufs::from_slices(&mut st, [&a[..], &[], &b]);
        for (skip, rest) in [
            (0, &[1u8, 2, 3, 4, 5][..]),
            (2, &[3, 4, 5]),
            (3, &[4, 5]),
            (4, &[5]),
        ] {
            let mut v = vec![9];
            append_tail(&mut v, bufs, skip).unwrap();
            assert_eq!(v[0], 9);
            assert_eq!(&v[1..], rest, "skip {skip}");
        }
    }
}
