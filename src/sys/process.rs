//! Child processes and anonymous pipes for `CreateProcess` / `CreatePipe`: starting a program
//! (std's `Command`: `posix_spawn` or `fork`+`exec`, with every descriptor but the three
//! standard ones left to close-on-exec), waiting for its end without reaping it (`waitid`
//! with `WNOWAIT`), reaping it, killing it, and pipes.

use super::{cvt, Fd, SysResult};
use std::ffi::OsString;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// What to start.
pub struct Spawn {
    pub program: PathBuf,
    /// The child's `argv[0]`.
    pub argv0: OsString,
    pub args: Vec<OsString>,
    /// The whole environment (None: this process's).
    pub env: Option<Vec<(OsString, OsString)>>,
    pub cwd: Option<PathBuf>,
    /// Descriptors for the child's 0, 1, 2 (None: this process's own; Some(-1): /dev/null).
    pub stdio: [Option<Fd>; 3],
    /// A suspended start (`CREATE_SUSPENDED`): the read end of a [`pipe`] the child waits on
    /// before it runs the program, and the number of its write end, which the caller keeps
    /// (the child closes its copy): the child runs once [`release`] writes to it, and exits
    /// with status 1 without running the program if it is closed without a write. The
    /// program's `argv[0]` is then its path (`argv0` is not used).
    pub hold: Option<(OwnedFd, Fd)>,
}

/// Lets a child started with [`Spawn::hold`] run its program: writes a line to the write end
/// of its pipe (which the caller then closes).
pub fn release(gate: &OwnedFd) -> SysResult<()> {
    use std::os::fd::AsRawFd;
    let byte = b'\n';
    // SAFETY: writes one byte from a local variable to our descriptor.
    cvt(unsafe { libc::write(gate.as_raw_fd(), std::ptr::addr_of!(byte).cast(), 1) as i32 })
        .map(|_| ())
}

fn stdio(fd: Option<Fd>) -> SysResult<Stdio> {
    Ok(match fd {
        None => Stdio::inherit(),
        Some(fd) if fd < 0 => Stdio::null(),
        Some(fd) => {
            // SAFETY: the caller's descriptor is open for the duration of this call; it is
            // only duplicated here.
            let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
            let dup = borrowed
                .try_clone_to_owned()
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EBADF))?;
            Stdio::from(dup)
        }
    })
}

/// Starts the program; returns its process id. Errors are the `exec`'s errno (ENOENT, EACCES,
/// ENOEXEC, ...).
pub fn spawn(s: Spawn) -> SysResult<u32> {
    // A suspended child is a shell that waits for a line on descriptor 3 (end of file: it
    // exits with status 1), closes it and replaces itself with the program: waiting before
    // `exec` in the forked child would hold `spawn`, which returns only once `exec` is done.
    let mut c = match &s.hold {
        Some(_) => {
            let mut sh = Command::new("/bin/sh");
            sh.args(["-c", HELD_START, "-"]).arg(&s.program);
            sh
        }
        None => {
            let mut c = Command::new(&s.program);
            c.arg0(&s.argv0);
            c
        }
    };
    c.args(&s.args);
    if let Some(env) = s.env {
        c.env_clear().envs(env);
    }
    if let Some(cwd) = s.cwd {
        c.current_dir(cwd);
    }
    c.stdin(stdio(s.stdio[0])?)
        .stdout(stdio(s.stdio[1])?)
        .stderr(stdio(s.stdio[2])?);
    if let Some((read_end, write_end)) = &s.hold {
        use std::os::fd::AsRawFd;
        let (gate, keeper) = (read_end.as_raw_fd(), *write_end);
        let hand_over = move || {
            // SAFETY: runs in the child between fork and exec, where only async-signal-safe
            // calls are allowed (close, dup2, fcntl are): the pipe's read end becomes
            // descriptor 3, kept across exec; the child's copy of the parent's end is closed,
            // so that the parent's close is seen as the end of the pipe.
            unsafe {
                libc::close(keeper);
                if gate == HELD_FD {
                    libc::fcntl(HELD_FD, libc::F_SETFD, 0);
                } else if libc::dup2(gate, HELD_FD) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        };
        // SAFETY: the closure makes only async-signal-safe calls, allocates nothing and takes
        // no lock.
        unsafe { c.pre_exec(hand_over) };
    }
    let child = c
        .spawn()
        .map_err(|e| e.raw_os_error().unwrap_or(libc::ENOENT))?;
    // Dropping a Child neither waits for nor kills it: the caller reaps it by its id.
    Ok(child.id())
}

/// The descriptor a suspended child's shell waits on.
const HELD_FD: libc::c_int = 3;

/// The suspended child's shell script: `$0` is `-`, `$1` the program, then its arguments.
const HELD_START: &str = "read -r _ <&3 || exit 1; exec 3<&-; exec \"$@\"";

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Exited(i32),
    Signalled(i32),
}

/// Waits until `pid` has ended, leaving it unreaped (a zombie: its id cannot be reused).
pub fn wait_ended(pid: u32) -> SysResult<()> {
    loop {
        // SAFETY: an all-zero siginfo_t is valid; waitid only writes it.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: a valid siginfo_t to write.
        let r = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        match cvt(r) {
            Err(libc::EINTR) => continue,
            other => return other.map(|_| ()),
        }
    }
}

/// Reaps `pid` (which has ended) and tells how it ended.
pub fn reap(pid: u32) -> SysResult<Ended> {
    let mut status = 0;
    loop {
        // SAFETY: a valid int to write the status to.
        match cvt(unsafe { libc::waitpid(pid as libc::pid_t, &mut status, 0) }) {
            Err(libc::EINTR) => continue,
            Err(e) => return Err(e),
            Ok(_) => break,
        }
    }
    Ok(if libc::WIFSIGNALED(status) {
        Ended::Signalled(libc::WTERMSIG(status))
    } else {
        Ended::Exited(libc::WEXITSTATUS(status))
    })
}

/// Kills `pid` (SIGKILL). The caller makes sure it has not been reaped.
pub fn kill(pid: u32) -> SysResult<()> {
    // SAFETY: plain system call.
    cvt(unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) }).map(|_| ())
}

/// Whether process `pid` exists and may be signalled by this one: `Err(ESRCH)` when there is
/// none, `Err(EPERM)` when it belongs to another user.
pub fn exists(pid: u32) -> SysResult<()> {
    let pid = libc::pid_t::try_from(pid).map_err(|_| libc::ESRCH)?;
    // SAFETY: signal 0 only checks.
    cvt(unsafe { libc::kill(pid, 0) }).map(|_| ())
}

/// Watches a process this one did not start, to tell when it ends: a pidfd on Linux (readable
/// once the process has ended), elsewhere its id, checked with `exists`.
pub struct ExitWatch {
    pid: u32,
    #[cfg(linux_like)]
    pidfd: Option<OwnedFd>,
}

impl ExitWatch {
    pub fn new(pid: u32) -> ExitWatch {
        #[cfg(linux_like)]
        {
            // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor or -1.
            let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
            let pidfd = (fd >= 0).then(|| {
                // SAFETY: a new descriptor that nothing else owns.
                unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd as i32) }
            });
            ExitWatch { pid, pidfd }
        }
        #[cfg(not(linux_like))]
        ExitWatch { pid }
    }

    /// Kills the process (SIGKILL): through the pidfd where there is one, so a process that
    /// took the id of an ended one is never reached.
    pub fn kill(&self) -> SysResult<()> {
        #[cfg(linux_like)]
        if let Some(fd) = &self.pidfd {
            let raw = std::os::fd::AsRawFd::as_raw_fd(fd);
            // SAFETY: pidfd_send_signal with a pidfd, a signal, no siginfo and no flags.
            let r = unsafe {
                libc::syscall(
                    libc::SYS_pidfd_send_signal,
                    raw,
                    libc::SIGKILL,
                    std::ptr::null::<u8>(),
                    0,
                )
            };
            return if r == 0 { Ok(()) } else { Err(super::errno()) };
        }
        kill(self.pid)
    }

    /// Waits up to `ms` milliseconds; whether the process has ended.
    pub fn ended_within(&self, ms: u32) -> bool {
        #[cfg(linux_like)]
        if let Some(fd) = &self.pidfd {
            let mut p = libc::pollfd {
                fd: std::os::fd::AsRawFd::as_raw_fd(fd),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let r = unsafe { super::libc_next::poll(&mut p, 1, ms as i32) };
            return r > 0;
        }
        if exists(self.pid) == Err(libc::ESRCH) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(u64::from(ms.min(100))));
        exists(self.pid) == Err(libc::ESRCH)
    }
}

/// Ends this process at once with `code` (no exit handlers run).
pub fn exit_now(code: u32) -> ! {
    // SAFETY: _exit never returns.
    unsafe { libc::_exit(code as i32) }
}

/// An anonymous pipe, both ends close-on-exec: (read end, write end). A write to a pipe whose
/// read end is closed fails with EPIPE instead of raising SIGPIPE (SIGPIPE is ignored from the
/// first pipe on; children start with its default action again).
pub fn pipe() -> SysResult<(OwnedFd, OwnedFd)> {
    ignore_sigpipe();
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: a valid array of two ints.
    cvt(unsafe { libc::pipe(fds.as_mut_ptr()) })?;
    use std::os::fd::FromRawFd;
    // SAFETY: two new descriptors that nothing else owns.
    let (r, w) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    for fd in &fds {
        // SAFETY: plain system call on our descriptor.
        cvt(unsafe { libc::fcntl(*fd, libc::F_SETFD, libc::FD_CLOEXEC) })?;
    }
    Ok((r, w))
}

fn ignore_sigpipe() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: querying then setting the disposition; only SIG_DFL is replaced, so a
        // program's own handler stays.
        unsafe {
            let old = libc::signal(libc::SIGPIPE, libc::SIG_IGN);
            if old != libc::SIG_DFL && old != libc::SIG_ERR {
                libc::signal(libc::SIGPIPE, old);
            }
        }
    });
}

/// Bytes waiting to be read in a pipe (`FIONREAD`).
pub fn available(fd: Fd) -> SysResult<u32> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    cvt(unsafe { libc::ioctl(fd, libc::FIONREAD as _, &mut n) })?;
    Ok(n.max(0) as u32)
}

/// Up to `max` of the bytes waiting in pipe `fd`, left in the pipe (`PeekNamedPipe` with a
/// buffer). Linux copies them with `tee(2)` into a scratch pipe and reads that; an empty pipe
/// gives nothing. None where the system cannot copy a pipe's data without taking it.
#[cfg(target_os = "linux")]
pub fn peek(fd: Fd, max: usize) -> Option<SysResult<Vec<u8>>> {
    use std::os::fd::AsRawFd;
    let run = || -> SysResult<Vec<u8>> {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: a valid array of two ints.
        cvt(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) })?;
        use std::os::fd::FromRawFd;
        // SAFETY: two new descriptors that nothing else owns.
        let (r, w) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        // SAFETY: plain system call on descriptors; tee copies between two pipes.
        let n = unsafe { libc::tee(fd, w.as_raw_fd(), max, libc::SPLICE_F_NONBLOCK) };
        if n < 0 {
            let e = std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO);
            return if e == libc::EAGAIN {
                Ok(Vec::new())
            } else {
                Err(e)
            };
        }
        let mut buf = vec![0u8; n as usize];
        let mut got = 0;
        while got < buf.len() {
            // SAFETY: the rest of `buf` is writable for its length.
            let k = unsafe {
                libc::read(
                    r.as_raw_fd(),
                    buf[got..].as_mut_ptr().cast(),
                    buf.len() - got,
                )
            };
            if k <= 0 {
                break;
            }
            got += k as usize;
        }
        buf.truncate(got);
        Ok(buf)
    };
    if max == 0 {
        return Some(Ok(Vec::new()));
    }
    Some(run())
}

/// Without `tee(2)` a pipe's data cannot be copied out and left in place.
#[cfg(not(target_os = "linux"))]
pub fn peek(fd: Fd, max: usize) -> Option<SysResult<Vec<u8>>> {
    let _ = (fd, max);
    None
}

/// Whether `path` is a regular file that may be executed.
pub fn executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether a pipe's write ends are all closed (`POLLHUP`), without waiting.
pub fn hung_up(fd: Fd) -> bool {
    let mut p = [libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    }];
    super::poll(&mut p, 0).is_ok() && p[0].revents & libc::POLLHUP != 0
}
