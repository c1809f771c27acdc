//! The carrier of Win32 named pipes (`crate::named_pipe`): AF_UNIX stream sockets. A pipe
//! name is a key (already case-folded) that becomes a socket address: on Linux one in the
//! abstract namespace (`\0ws2mp-pipe/<uid>/<key>`: no file to clean up, gone with the last
//! descriptor), elsewhere a socket file in `$TMPDIR/ws2mp-<uid>/pipe/` (a hash of the key
//! names it). Listening sockets are non-blocking; a connection's descriptor is blocking (a
//! child process may get it as its standard output) and every receive and send here is
//! non-blocking by its flags; waits go through [`wait`] with a [`Wake`] that cancels them.

use super::{cvt, cvt_size, errno, Fd, SysResult};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// The socket's flags for a send that must not raise SIGPIPE.
#[cfg(any(linux_like, target_os = "freebsd"))]
const SEND_FLAGS: libc::c_int = libc::MSG_NOSIGNAL | libc::MSG_DONTWAIT;
#[cfg(not(any(linux_like, target_os = "freebsd")))]
const SEND_FLAGS: libc::c_int = libc::MSG_DONTWAIT;

fn set_flags(fd: Fd, nonblocking: bool) -> SysResult<()> {
    // SAFETY: plain system calls on a descriptor we own.
    unsafe {
        let fl = cvt(libc::fcntl(fd, libc::F_GETFL))?;
        let fl = if nonblocking {
            fl | libc::O_NONBLOCK
        } else {
            fl & !libc::O_NONBLOCK
        };
        cvt(libc::fcntl(fd, libc::F_SETFL, fl))?;
        cvt(libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC))?;
    }
    #[cfg(not(any(linux_like, target_os = "freebsd")))]
    {
        let one: libc::c_int = 1;
        // SAFETY: SO_NOSIGPIPE takes one int, which outlives the call.
        cvt(unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_NOSIGPIPE,
                (&one as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        })?;
    }
    Ok(())
}

fn stream_socket() -> SysResult<OwnedFd> {
    // SAFETY: plain system call; the new descriptor is owned at once.
    let fd = cvt(unsafe { libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0) })?;
    // SAFETY: a new descriptor nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    set_flags(fd, true)?;
    Ok(owned)
}

/// FNV-1a, for socket file names of long keys.
fn hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(super) fn uid() -> u32 {
    // SAFETY: no preconditions.
    unsafe { libc::getuid() }
}

/// The address bytes of `sun_path` for `key` (a leading NUL: the abstract namespace).
#[cfg(linux_like)]
fn path_of(key: &str) -> SysResult<Vec<u8>> {
    let mut p = format!("\0ws2mp-pipe/{}/", uid()).into_bytes();
    if key.len() <= 80 {
        p.extend_from_slice(key.as_bytes());
    } else {
        p.extend_from_slice(format!("#{:016x}", hash(key)).as_bytes());
    }
    Ok(p)
}

#[cfg(not(linux_like))]
fn path_of(key: &str) -> SysResult<Vec<u8>> {
    private_path("pipe", &format!("{:016x}", hash(key)), 48)
}

/// Where there is no abstract namespace: `$TMPDIR/ws2mp-<uid>/<kind>/<file>` in a directory
/// only this user may enter (`/tmp` when `$TMPDIR` is `max_base` bytes or longer: a socket
/// path has ~104 bytes).
#[cfg(not(linux_like))]
pub(super) fn private_path(kind: &str, file: &str, max_base: usize) -> SysResult<Vec<u8>> {
    let base = std::env::var_os("TMPDIR")
        .map(std::path::PathBuf::from)
        .filter(|p| p.as_os_str().len() < max_base)
        .unwrap_or_else(|| "/tmp".into());
    let dir = base.join(format!("ws2mp-{}", uid())).join(kind);
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
    let mut p = dir.as_os_str().as_bytes().to_vec();
    p.push(b'/');
    p.extend_from_slice(file.as_bytes());
    Ok(p)
}

pub(super) fn sockaddr(path: &[u8]) -> SysResult<(libc::sockaddr_un, libc::socklen_t)> {
    // SAFETY: an all-zero sockaddr_un is valid.
    let mut a: libc::sockaddr_un = unsafe { std::mem::zeroed() };
    a.sun_family = libc::AF_UNIX as libc::sa_family_t;
    if path.len() >= a.sun_path.len() {
        return Err(libc::ENAMETOOLONG);
    }
    for (d, s) in a.sun_path.iter_mut().zip(path) {
        *d = *s as libc::c_char;
    }
    let base = std::mem::size_of::<libc::sa_family_t>();
    #[cfg(not(linux_like))]
    let base = base + 1; // sun_len
                         // An abstract address is exactly its bytes; a path also has its terminating NUL.
    let extra = usize::from(path.first() != Some(&0));
    Ok((a, (base + path.len() + extra) as libc::socklen_t))
}

fn connect_path(path: &[u8]) -> SysResult<OwnedFd> {
    let (a, len) = sockaddr(path)?;
    let s = stream_socket()?;
    // SAFETY: `a` is a valid sockaddr_un of `len` bytes.
    let r = unsafe { libc::connect(s.as_raw_fd(), (&a as *const libc::sockaddr_un).cast(), len) };
    if r < 0 {
        let e = errno();
        if e != libc::EINPROGRESS && e != libc::EAGAIN {
            return Err(e);
        }
        if wait(s.as_raw_fd(), true, None, 5000)? != Waited::Ready {
            return Err(libc::ETIMEDOUT);
        }
        let mut so: libc::c_int = 0;
        let mut n = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: SO_ERROR writes one int into `so`.
        cvt(unsafe {
            libc::getsockopt(
                s.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_ERROR,
                (&mut so as *mut libc::c_int).cast(),
                &mut n,
            )
        })?;
        if so != 0 {
            return Err(so);
        }
    }
    set_flags(s.as_raw_fd(), false)?;
    Ok(s)
}

/// A listening socket at `key`'s address. `EADDRINUSE` when another process serves it.
pub fn listen(key: &str) -> SysResult<OwnedFd> {
    let path = path_of(key)?;
    let (a, len) = sockaddr(&path)?;
    if path.first() != Some(&0) {
        // A socket file left by a process that ended: nobody answers there, remove it.
        match connect_path(&path) {
            Ok(_) => return Err(libc::EADDRINUSE),
            Err(libc::ECONNREFUSED) => {
                let _ = std::fs::remove_file(std::ffi::OsStr::from_bytes(&path));
            }
            Err(_) => {}
        }
    }
    let s = stream_socket()?;
    // SAFETY: `a` is a valid sockaddr_un of `len` bytes.
    cvt(unsafe { libc::bind(s.as_raw_fd(), (&a as *const libc::sockaddr_un).cast(), len) })?;
    // SAFETY: plain system call.
    cvt(unsafe { libc::listen(s.as_raw_fd(), 64) })?;
    Ok(s)
}

/// Removes the socket file of a listener at `key` (nothing to do for abstract addresses).
pub fn unlink(key: &str) {
    if let Ok(path) = path_of(key) {
        if path.first() != Some(&0) {
            let _ = std::fs::remove_file(std::ffi::OsStr::from_bytes(&path));
        }
    }
}

/// Connects to the listener at `key`: `ENOENT` / `ECONNREFUSED` when there is none.
pub fn connect(key: &str) -> SysResult<OwnedFd> {
    connect_path(&path_of(key)?)
}

/// A connection waiting on `listener` (`EAGAIN` when none), blocking (see the module).
pub fn accept(listener: Fd) -> SysResult<OwnedFd> {
    // SAFETY: NULL address outputs are allowed.
    let fd = cvt(unsafe { libc::accept(listener, std::ptr::null_mut(), std::ptr::null_mut()) })?;
    // SAFETY: a new descriptor nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    set_flags(fd, false)?;
    Ok(owned)
}

/// Whether the process at the other end of `fd` runs as this process's user (or root): an
/// abstract address has no file permissions, so the server checks who connected.
pub fn peer_is_same_user(fd: Fd) -> bool {
    let me = uid();
    #[cfg(linux_like)]
    {
        // SAFETY: an all-zero ucred is valid; SO_PEERCRED writes one.
        let mut cred: libc::ucred = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
        // SAFETY: `cred` is writable for `len` bytes.
        let r = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_PEERCRED,
                (&mut cred as *mut libc::ucred).cast(),
                &mut len,
            )
        };
        r == 0 && (cred.uid == me || cred.uid == 0)
    }
    #[cfg(not(linux_like))]
    {
        let (mut u, mut g) = (0 as libc::uid_t, 0 as libc::gid_t);
        // SAFETY: two writable outputs.
        let r = unsafe { libc::getpeereid(fd, &mut u, &mut g) };
        r == 0 && (u == me || u == 0)
    }
}

/// A self-pipe that wakes [`wait`]ers (a cancel, a close).
pub struct Wake {
    r: OwnedFd,
    w: OwnedFd,
}

impl Wake {
    pub fn new() -> SysResult<Wake> {
        let (r, w) = super::process::pipe()?;
        set_nonblocking(r.as_raw_fd())?;
        set_nonblocking(w.as_raw_fd())?;
        Ok(Wake { r, w })
    }

    /// Wakes every waiter, now and from now on (the byte stays).
    pub fn fire(&self) {
        // SAFETY: writes one byte from a local.
        let _ = unsafe { libc::write(self.w.as_raw_fd(), [1u8].as_ptr().cast(), 1) };
    }

    pub fn fd(&self) -> Fd {
        self.r.as_raw_fd()
    }
}

fn set_nonblocking(fd: Fd) -> SysResult<()> {
    // SAFETY: plain system calls on a descriptor we own.
    unsafe {
        let fl = cvt(libc::fcntl(fd, libc::F_GETFL))?;
        cvt(libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK))?;
    }
    Ok(())
}

/// How a [`wait`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// `fd` is readable (or writable, or hung up: the next call says which).
    Ready,
    /// The wake descriptor fired.
    Woken,
    Timeout,
}

/// Waits until `fd` is readable (`write`: writable), `wake` fires, or `timeout_ms` pass
/// (negative: no limit).
pub fn wait(fd: Fd, write: bool, wake: Option<Fd>, timeout_ms: i32) -> SysResult<Waited> {
    let events = if write { libc::POLLOUT } else { libc::POLLIN };
    let mut p = [
        libc::pollfd {
            fd,
            events,
            revents: 0,
        },
        libc::pollfd {
            fd: wake.unwrap_or(-1),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let deadline = (timeout_ms >= 0)
        .then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    loop {
        let left = match deadline {
            None => -1,
            Some(d) => d
                .saturating_duration_since(std::time::Instant::now())
                .as_millis()
                .min(i32::MAX as u128) as i32,
        };
        match super::poll(&mut p, left) {
            Ok(0) => return Ok(Waited::Timeout),
            Ok(_) => {
                if p[1].revents != 0 {
                    return Ok(Waited::Woken);
                }
                return Ok(Waited::Ready);
            }
            Err(libc::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A non-blocking receive (`peek`: leaves the bytes queued). 0: the peer closed its end.
pub fn recv(fd: Fd, buf: &mut [u8], peek: bool) -> SysResult<usize> {
    let flags = libc::MSG_DONTWAIT | if peek { libc::MSG_PEEK } else { 0 };
    // SAFETY: `buf` is writable for its length.
    cvt_size(unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) })
}

/// A non-blocking send, without SIGPIPE (`EPIPE` once the peer is gone).
pub fn send(fd: Fd, buf: &[u8]) -> SysResult<usize> {
    // SAFETY: `buf` is readable for its length.
    cvt_size(unsafe { libc::send(fd, buf.as_ptr().cast(), buf.len(), SEND_FLAGS) })
}

/// The bytes queued to be read.
pub fn available(fd: Fd) -> SysResult<usize> {
    super::process::available(fd).map(|n| n as usize)
}

/// Whether the peer closed its end and nothing is left to read.
pub fn hung_up(fd: Fd) -> bool {
    let mut b = [0u8; 1];
    // A peer that closed with data unread makes the first receive ECONNRESET (once).
    matches!(
        recv(fd, &mut b, true),
        Ok(0) | Err(libc::ECONNRESET) | Err(libc::EPIPE)
    )
}

/// Ends the connection both ways (the peer reads its end; its writes fail).
pub fn shutdown(fd: Fd) {
    // SAFETY: plain system call.
    let _ = unsafe { libc::shutdown(fd, libc::SHUT_RDWR) };
}

/// A program's buffer lent to an operation that may finish on another thread (an overlapped
/// `ReadFile`): the core copies the data in through it.
pub struct UserSpan {
    ptr: usize,
    len: usize,
}

impl UserSpan {
    /// # Safety
    /// `ptr` must be writable (readable, for a write) for `len` bytes until the operation
    /// that gets the span completes (Windows' contract for `lpBuffer`); NULL only with 0.
    pub unsafe fn new(ptr: *mut u8, len: usize) -> UserSpan {
        UserSpan {
            ptr: ptr as usize,
            len,
        }
    }

    /// A buffer of the process's own that lives to its end (for tests).
    #[cfg(test)]
    pub fn leaked(len: usize) -> UserSpan {
        let buf: &'static mut [u8] = Box::leak(vec![0u8; len].into_boxed_slice());
        UserSpan {
            ptr: buf.as_mut_ptr() as usize,
            len,
        }
    }

    /// A second span of the same buffer (for tests).
    #[cfg(test)]
    pub fn again(&self) -> UserSpan {
        UserSpan {
            ptr: self.ptr,
            len: self.len,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Copies `data` (at most `len` bytes of it) to the start of the buffer.
    pub fn fill(&self, data: &[u8]) -> usize {
        let n = data.len().min(self.len);
        if n > 0 {
            // SAFETY: `new`'s contract: writable for `len` ≥ n bytes until completion,
            // which is when this runs at the latest.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr as *mut u8, n) };
        }
        n
    }

    /// The buffer's bytes (a write copies them when it starts).
    pub fn to_vec(&self) -> Vec<u8> {
        if self.len == 0 {
            return Vec::new();
        }
        // SAFETY: `new`'s contract: readable for `len` bytes.
        unsafe { std::slice::from_raw_parts(self.ptr as *const u8, self.len) }.to_vec()
    }
}
