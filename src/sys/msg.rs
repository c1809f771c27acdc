//! The OS calls behind the Microsoft extension functions: `recvmsg`/`sendmsg` with control
//! messages (`WSARecvMsg`/`WSASendMsg`), reading the file `TransmitFile` sends, and moving an
//! open socket onto another descriptor number (`AcceptEx`'s accept socket, `DisconnectEx`'s
//! `TF_REUSE_SOCKET`).

use super::{cvt, cvt_size, retry, Fd, IoBufs, IoBufsMut, Received, SysResult, SEND_FLAGS};
use crate::addr::SockAddr;
use std::mem;
use std::os::raw::{c_int, c_void};

/// One control message, its payload in the kernel's layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    pub level: c_int,
    pub kind: c_int,
    pub data: Vec<u8>,
}

/// A message received with its control messages.
#[derive(Debug)]
pub struct ReceivedMsg {
    pub received: Received,
    /// Control messages were dropped for lack of room (`MSG_CTRUNC`).
    pub control_truncated: bool,
    pub controls: Vec<Control>,
}

/// Control-area storage aligned for `cmsghdr`.
#[repr(C, align(8))]
struct Aligned([u8; 512]);

/// `recvmsg` into `bufs` with up to `room` bytes of (kernel-layout) control messages.
pub fn recv_with_control(
    fd: Fd,
    mut bufs: IoBufsMut<'_>,
    flags: c_int,
    from: &mut SockAddr,
    room: usize,
) -> SysResult<ReceivedMsg> {
    let mut control = Aligned([0; 512]);
    let room = room.min(control.0.len());
    retry(|| {
        let mut msg = super::recv_header(from, &mut bufs);
        if room > 0 {
            msg.msg_control = control.0.as_mut_ptr().cast();
            msg.msg_controllen = room as _;
        }
        // SAFETY: the iovecs describe valid, writable caller buffers; msg_name points to
        // sockaddr_storage-sized memory and msg_control to `room` bytes of `control`.
        let n = cvt_size(unsafe { libc::recvmsg(fd, &mut msg, flags) })?;
        from.set_len(msg.msg_namelen);
        let mut controls = Vec::new();
        if room > 0 && msg.msg_controllen > 0 {
            // SAFETY: recvmsg filled `msg`; the walk stays inside its control area.
            unsafe {
                let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
                while !cmsg.is_null() {
                    let data = libc::CMSG_DATA(cmsg);
                    let header = data as usize - cmsg as usize;
                    let len = ((*cmsg).cmsg_len as usize).saturating_sub(header);
                    controls.push(Control {
                        level: (*cmsg).cmsg_level,
                        kind: (*cmsg).cmsg_type,
                        data: std::slice::from_raw_parts(data, len).to_vec(),
                    });
                    cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
                }
            }
        }
        Ok(ReceivedMsg {
            received: Received {
                len: n,
                truncated: msg.msg_flags & libc::MSG_TRUNC != 0,
            },
            control_truncated: msg.msg_flags & libc::MSG_CTRUNC != 0,
            controls,
        })
    })
}

/// `sendmsg` from `bufs` to `to` (or the connected peer) with `controls` (kernel layout).
pub fn send_with_control(
    fd: Fd,
    bufs: IoBufs<'_>,
    flags: c_int,
    to: Option<&SockAddr>,
    controls: &[Control],
) -> SysResult<usize> {
    let mut control = Aligned([0; 512]);
    // SAFETY: CMSG_SPACE is arithmetic.
    let need: usize = controls
        .iter()
        .map(|c| unsafe { libc::CMSG_SPACE(c.data.len() as _) } as usize)
        .sum();
    if need > control.0.len() {
        return Err(libc::ENOBUFS);
    }
    // SAFETY: zeroed msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { mem::zeroed() };
    if let Some(to) = to {
        msg.msg_name = to.as_ptr() as *mut c_void;
        msg.msg_namelen = to.len();
    }
    msg.msg_iov = bufs.raw().as_ptr() as *mut libc::iovec;
    msg.msg_iovlen = bufs.len() as _;
    if need > 0 {
        msg.msg_control = control.0.as_mut_ptr().cast();
        msg.msg_controllen = need as _;
        // SAFETY: the control area holds `need` bytes, the sum of every message's
        // CMSG_SPACE, so each header and payload written here lies inside it.
        unsafe {
            let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
            for c in controls {
                if cmsg.is_null() {
                    return Err(libc::ENOBUFS);
                }
                (*cmsg).cmsg_level = c.level;
                (*cmsg).cmsg_type = c.kind;
                (*cmsg).cmsg_len = libc::CMSG_LEN(c.data.len() as _) as _;
                std::ptr::copy_nonoverlapping(c.data.as_ptr(), libc::CMSG_DATA(cmsg), c.data.len());
                cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
            }
        }
    }
    retry(|| {
        // SAFETY: the iovecs point to valid caller buffers; the control area was built above.
        cvt_size(unsafe { libc::sendmsg(fd, &msg, flags | SEND_FLAGS) })
    })
}

/// The control-message type that carries IPv4 packet information (`IP_PKTINFO`). FreeBSD has
/// no such message: there it is a number no control message carries.
#[cfg(not(target_os = "freebsd"))]
pub(crate) const PKTINFO4_MESSAGE: libc::c_int = libc::IP_PKTINFO;
#[cfg(target_os = "freebsd")]
pub(crate) const PKTINFO4_MESSAGE: libc::c_int = -1;

/// Windows' `IN_PKTINFO` (`{ IN_ADDR ipi_addr; ULONG ipi_ifindex; }`) from the kernel's
/// `IP_PKTINFO` payload; None when the payload is not one.
#[cfg(not(target_os = "freebsd"))]
pub fn pktinfo4_to_windows(native: &[u8]) -> Option<[u8; 8]> {
    if native.len() < mem::size_of::<libc::in_pktinfo>() {
        return None;
    }
    // SAFETY: `native` holds at least one in_pktinfo; any bytes are a valid one.
    let info = unsafe { std::ptr::read_unaligned(native.as_ptr().cast::<libc::in_pktinfo>()) };
    let mut out = [0u8; 8];
    out[..4].copy_from_slice(&info.ipi_addr.s_addr.to_ne_bytes());
    out[4..].copy_from_slice(&(info.ipi_ifindex as u32).to_ne_bytes());
    Some(out)
}

/// The kernel's `IP_PKTINFO` payload from Windows' `IN_PKTINFO`: the address becomes the
/// source (`ipi_spec_dst`), the index the outgoing interface.
#[cfg(not(target_os = "freebsd"))]
pub fn pktinfo4_from_windows(windows: &[u8]) -> Option<Vec<u8>> {
    if windows.len() < 8 {
        return None;
    }
    // SAFETY: all-zero is a valid in_pktinfo.
    let mut info: libc::in_pktinfo = unsafe { mem::zeroed() };
    info.ipi_spec_dst.s_addr = u32::from_ne_bytes(windows[..4].try_into().ok()?);
    info.ipi_ifindex = u32::from_ne_bytes(windows[4..8].try_into().ok()?) as _;
    // SAFETY: in_pktinfo is plain integers without padding.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            (&info as *const libc::in_pktinfo).cast::<u8>(),
            mem::size_of::<libc::in_pktinfo>(),
        )
    };
    Some(bytes.to_vec())
}

/// FreeBSD has no `IP_PKTINFO` messages: payloads pass unchanged.
#[cfg(target_os = "freebsd")]
pub fn pktinfo4_to_windows(_native: &[u8]) -> Option<[u8; 8]> {
    None
}

/// FreeBSD has no `IP_PKTINFO` messages: payloads pass unchanged.
#[cfg(target_os = "freebsd")]
pub fn pktinfo4_from_windows(_windows: &[u8]) -> Option<Vec<u8>> {
    None
}

/// Makes descriptor number `dst` refer to `src`'s open socket (the socket `dst` named before
/// is closed), keeping `dst` close-on-exec when `cloexec`. `src` stays open.
pub fn dup_onto(src: Fd, dst: Fd, cloexec: bool) -> SysResult<()> {
    #[cfg(linux_like)]
    {
        let flags = if cloexec { libc::O_CLOEXEC } else { 0 };
        // SAFETY: dup3 on descriptors this library owns; no memory is touched.
        retry(|| cvt(unsafe { libc::dup3(src, dst, flags) })).map(drop)
    }
    #[cfg(not(linux_like))]
    {
        // SAFETY: dup2 on descriptors this library owns; no memory is touched.
        retry(|| cvt(unsafe { libc::dup2(src, dst) }))?;
        if cloexec {
            // SAFETY: fcntl on a descriptor we own.
            unsafe { libc::fcntl(dst, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        Ok(())
    }
}

/// Reads from a file at `offset` (`pread`), or at its current position (`read`) when None.
/// Returns 0 at the end of the file.
pub fn read_file(fd: Fd, buf: &mut [u8], offset: Option<u64>) -> SysResult<usize> {
    retry(|| match offset {
        // SAFETY: `buf` is writable for its length.
        Some(at) => cvt_size(unsafe {
            libc::pread(fd, buf.as_mut_ptr().cast(), buf.len(), at as libc::off_t)
        }),
        // SAFETY: `buf` is writable for its length.
        None => cvt_size(unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) }),
    })
}

/// Whether `fd` is an open descriptor that can be read as a file (not a socket or a
/// directory).
pub fn is_readable_file(fd: Fd) -> bool {
    // SAFETY: zeroed stat is a valid output buffer; fstat writes it.
    let mut st: libc::stat = unsafe { mem::zeroed() };
    // SAFETY: fstat only writes `st`.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return false;
    }
    let kind = st.st_mode & libc::S_IFMT;
    kind != libc::S_IFSOCK && kind != libc::S_IFDIR
}
