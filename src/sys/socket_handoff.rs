//! Handing a socket's descriptor to another process of this user (`WSADuplicateSocket` for
//! another process): the source listens on a one-shot AF_UNIX stream socket named after a
//! random token, the target connects there and receives the descriptor as `SCM_RIGHTS`.
//! On Linux the address is in the abstract namespace (`\0ws2mp-dup/<uid>/<token>`: no file,
//! gone with the listener); elsewhere it is a socket file in `$TMPDIR/ws2mp-<uid>/dup/`
//! (a directory only this user may enter). Every descriptor made here is close-on-exec.

use super::named_pipe::{sockaddr, uid};
use super::{cvt, cvt_size, errno, Fd, SysResult};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// The address bytes of `sun_path` for `token` (a leading NUL: the abstract namespace).
#[cfg(linux_like)]
fn path_of(token: u128) -> SysResult<Vec<u8>> {
    Ok(format!("\0ws2mp-dup/{}/{token:032x}", uid()).into_bytes())
}

#[cfg(not(linux_like))]
fn path_of(token: u128) -> SysResult<Vec<u8>> {
    super::named_pipe::private_path("dup", &format!("{token:032x}"), 40)
}

fn set_cloexec(fd: Fd) -> SysResult<()> {
    // SAFETY: plain system call on a descriptor the caller owns.
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) }).map(|_| ())
}

fn set_nonblocking(fd: Fd, on: bool) -> SysResult<()> {
    // SAFETY: plain system calls on a descriptor the caller owns.
    unsafe {
        let fl = cvt(libc::fcntl(fd, libc::F_GETFL))?;
        let fl = if on {
            fl | libc::O_NONBLOCK
        } else {
            fl & !libc::O_NONBLOCK
        };
        cvt(libc::fcntl(fd, libc::F_SETFL, fl))?;
    }
    Ok(())
}

fn stream_socket() -> SysResult<OwnedFd> {
    // SAFETY: plain system call; the new descriptor is owned at once.
    let fd = cvt(unsafe { libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0) })?;
    // SAFETY: a new descriptor nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    set_cloexec(fd)?;
    Ok(owned)
}

/// The non-blocking listener for `token`. `EADDRINUSE` when the token is taken.
pub fn listen(token: u128) -> SysResult<OwnedFd> {
    let path = path_of(token)?;
    let (a, len) = sockaddr(&path)?;
    let s = stream_socket()?;
    set_nonblocking(s.as_raw_fd(), true)?;
    // SAFETY: `a` is a valid sockaddr_un of `len` bytes.
    cvt(unsafe { libc::bind(s.as_raw_fd(), (&a as *const libc::sockaddr_un).cast(), len) })?;
    // SAFETY: plain system call.
    cvt(unsafe { libc::listen(s.as_raw_fd(), 8) })?;
    Ok(s)
}

/// Removes the socket file of the listener for `token` (nothing to do for abstract addresses).
pub fn unlink(token: u128) {
    if let Ok(path) = path_of(token) {
        if path.first() != Some(&0) {
            let _ = std::fs::remove_file(std::ffi::OsStr::from_bytes(&path));
        }
    }
}

/// Waits up to `ms` milliseconds for `fd` to be readable (or hung up).
pub fn readable_within(fd: Fd, ms: i32) -> bool {
    let mut p = [libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }];
    matches!(super::poll(&mut p, ms), Ok(n) if n > 0)
}

/// A connection waiting on `listener` (`EAGAIN` when none), blocking.
pub fn accept(listener: Fd) -> SysResult<OwnedFd> {
    // SAFETY: NULL address outputs are allowed.
    let fd = cvt(unsafe { libc::accept(listener, std::ptr::null_mut(), std::ptr::null_mut()) })?;
    // SAFETY: a new descriptor nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    set_cloexec(fd)?;
    set_nonblocking(fd, false)?;
    Ok(owned)
}

/// The user and (where the system tells it) the process at the other end of `conn`.
pub fn peer(conn: Fd) -> Option<(u32, Option<u32>)> {
    #[cfg(linux_like)]
    {
        // SAFETY: an all-zero ucred is valid; SO_PEERCRED writes one.
        let mut cred: libc::ucred = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
        // SAFETY: `cred` is writable for `len` bytes.
        let r = unsafe {
            libc::getsockopt(
                conn,
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&mut cred as *mut libc::ucred).cast(),
                &mut len,
            )
        };
        (r == 0).then_some((cred.uid, u32::try_from(cred.pid).ok()))
    }
    #[cfg(not(linux_like))]
    {
        let (mut u, mut g) = (0 as libc::uid_t, 0 as libc::gid_t);
        // SAFETY: two writable outputs.
        if unsafe { libc::getpeereid(conn, &mut u, &mut g) } != 0 {
            return None;
        }
        Some((u, peer_pid(conn)))
    }
}

/// `LOCAL_PEERPID` at level `SOL_LOCAL` (macOS): the pid of the connecting process.
#[cfg(apple)]
fn peer_pid(conn: Fd) -> Option<u32> {
    const SOL_LOCAL: libc::c_int = 0;
    const LOCAL_PEERPID: libc::c_int = 2;
    let mut pid: libc::pid_t = 0;
    let mut len = std::mem::size_of::<libc::pid_t>() as libc::socklen_t;
    // SAFETY: LOCAL_PEERPID writes one pid_t into `pid`.
    let r = unsafe {
        libc::getsockopt(
            conn,
            SOL_LOCAL,
            LOCAL_PEERPID,
            (&mut pid as *mut libc::pid_t).cast(),
            &mut len,
        )
    };
    (r == 0).then(|| u32::try_from(pid).ok()).flatten()
}

/// Other systems do not tell the peer's process: the user check alone applies.
#[cfg(not(any(linux_like, apple)))]
fn peer_pid(_conn: Fd) -> Option<u32> {
    None
}

/// This process's user.
pub fn my_uid() -> u32 {
    uid()
}

/// Control-area storage aligned for `cmsghdr`, room for one descriptor.
#[repr(C, align(8))]
struct Control([u8; 64]);

/// Sends `fd` over `conn` (one data byte carries it). `EPIPE` when the peer is gone.
pub fn send_fd(conn: Fd, fd: Fd) -> SysResult<()> {
    let mut control = Control([0; 64]);
    let mut byte = [b'D'];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    // SAFETY: an all-zero msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.0.as_mut_ptr().cast();
    // SAFETY: CMSG_SPACE is arithmetic.
    msg.msg_controllen = unsafe { libc::CMSG_SPACE(std::mem::size_of::<Fd>() as _) } as _;
    // SAFETY: the control area (64 bytes) holds CMSG_SPACE(4), so the header and the
    // descriptor written here lie inside it; `msg` points to live locals during sendmsg.
    let n = unsafe {
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<Fd>() as _) as _;
        std::ptr::copy_nonoverlapping(
            (&fd as *const Fd).cast::<u8>(),
            libc::CMSG_DATA(cmsg),
            std::mem::size_of::<Fd>(),
        );
        libc::sendmsg(conn, &msg, super::SEND_FLAGS)
    };
    match cvt_size(n)? {
        1 => Ok(()),
        _ => Err(libc::EIO),
    }
}

/// Connects to the listener for `token`: `ENOENT` / `ECONNREFUSED` when there is none.
pub fn connect(token: u128) -> SysResult<OwnedFd> {
    let path = path_of(token)?;
    let (a, len) = sockaddr(&path)?;
    let s = stream_socket()?;
    set_nonblocking(s.as_raw_fd(), true)?;
    // A full backlog (EAGAIN) is retried for about two seconds; a local connect is otherwise
    // accepted into the backlog or refused at once.
    for _ in 0..100 {
        // SAFETY: `a` is a valid sockaddr_un of `len` bytes.
        let r =
            unsafe { libc::connect(s.as_raw_fd(), (&a as *const libc::sockaddr_un).cast(), len) };
        if r == 0 {
            set_nonblocking(s.as_raw_fd(), false)?;
            return Ok(s);
        }
        match errno() {
            libc::EAGAIN | libc::EINTR => std::thread::sleep(std::time::Duration::from_millis(20)),
            e => return Err(e),
        }
    }
    Err(libc::ETIMEDOUT)
}

/// Receives the descriptor the other end of `conn` sends, waiting up to `ms` milliseconds.
/// `ETIMEDOUT`; `ECONNRESET` when the other end closed without sending one (it refused).
pub fn recv_fd(conn: Fd, ms: i32) -> SysResult<OwnedFd> {
    if !readable_within(conn, ms) {
        return Err(libc::ETIMEDOUT);
    }
    let mut control = Control([0; 64]);
    let mut byte = [0u8; 1];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    // SAFETY: an all-zero msghdr is a valid "nothing" value.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.0.as_mut_ptr().cast();
    msg.msg_controllen = control.0.len() as _;
    #[cfg(linux_like)]
    let flags = libc::MSG_CMSG_CLOEXEC | libc::MSG_DONTWAIT;
    #[cfg(not(linux_like))]
    let flags = libc::MSG_DONTWAIT;
    let n = loop {
        // SAFETY: `msg` points to live, writable locals of the lengths it states.
        match cvt_size(unsafe { libc::recvmsg(conn, &mut msg, flags) }) {
            Err(libc::EINTR) => continue,
            other => break other?,
        }
    };
    let mut got: Vec<OwnedFd> = Vec::new();
    // SAFETY: recvmsg filled `msg`; the walk stays inside its control area, and every
    // descriptor an SCM_RIGHTS message carries is new to this process and owned at once.
    unsafe {
        let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(cmsg);
                let header = data as usize - cmsg as usize;
                let len = ((*cmsg).cmsg_len as usize).saturating_sub(header);
                for i in 0..len / std::mem::size_of::<Fd>() {
                    let mut fd: Fd = 0;
                    std::ptr::copy_nonoverlapping(
                        data.add(i * std::mem::size_of::<Fd>()),
                        (&mut fd as *mut Fd).cast::<u8>(),
                        std::mem::size_of::<Fd>(),
                    );
                    got.push(OwnedFd::from_raw_fd(fd));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
        }
    }
    if n != 1 || got.len() != 1 {
        // Anything else is not the source's answer; extra descriptors close with `got`.
        return Err(if n == 0 {
            libc::ECONNRESET
        } else {
            libc::EPROTO
        });
    }
    let fd = got.remove(0);
    set_cloexec(fd.as_raw_fd())?;
    Ok(fd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_descriptor_reaches_the_connecting_end() {
        let token = 0x1234_5678_9abc_def0_0fed_cba9_8765_4321u128 ^ u128::from(std::process::id());
        let l = listen(token).unwrap();
        assert_eq!(listen(token).err(), Some(libc::EADDRINUSE));
        let c = connect(token).unwrap();
        assert!(readable_within(l.as_raw_fd(), 1000));
        let a = accept(l.as_raw_fd()).unwrap();
        let (u, pid) = peer(a.as_raw_fd()).unwrap();
        assert_eq!(u, my_uid());
        #[cfg(linux_like)]
        assert_eq!(pid, Some(std::process::id()));
        let _ = pid;
        let (r, w) = super::super::process::pipe().unwrap();
        send_fd(a.as_raw_fd(), w.as_raw_fd()).unwrap();
        drop(w);
        let got = recv_fd(c.as_raw_fd(), 1000).unwrap();
        // SAFETY: writes one byte from a local to a descriptor this test owns.
        assert_eq!(
            unsafe { libc::write(got.as_raw_fd(), b"x".as_ptr().cast(), 1) },
            1
        );
        let mut b = [0u8; 1];
        // SAFETY: reads one byte into a local from a descriptor this test owns.
        assert_eq!(
            unsafe { libc::read(r.as_raw_fd(), b.as_mut_ptr().cast(), 1) },
            1
        );
        drop(l);
        unlink(token);
        assert!(connect(token).is_err(), "the listener is gone");
        // A connection closed without a descriptor is a refusal.
        let l = listen(token).unwrap();
        let c = connect(token).unwrap();
        drop(accept(l.as_raw_fd()).unwrap());
        assert_eq!(recv_fd(c.as_raw_fd(), 1000).err(), Some(libc::ECONNRESET));
        unlink(token);
    }
}
