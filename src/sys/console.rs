//! Console control signals: a signal handler that forwards the signal number through a
//! self-pipe to a thread, which runs the program's handlers outside signal context.

use super::{cvt, Fd, SysResult};
use std::os::raw::c_int;
use std::sync::atomic::{AtomicI32, Ordering};

static PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: c_int) {
    let fd = PIPE_WRITE.load(Ordering::Relaxed);
    if fd < 0 {
        return;
    }
    let byte = sig as u8;
    // SAFETY: write and errno access are async-signal-safe; errno is restored for the
    // interrupted code.
    unsafe {
        let saved = super::errno();
        libc::write(fd, (&byte as *const u8).cast(), 1);
        super::set_errno(saved);
    }
}

/// Creates the self-pipe and routes `signals` to it. Returns the pipe's read end, from which
/// each delivered signal arrives as one byte (its number).
pub fn install(signals: &[c_int]) -> SysResult<Fd> {
    let mut fds = [0 as Fd; 2];
    // SAFETY: `fds` has room for the two descriptors.
    cvt(unsafe { libc::pipe(fds.as_mut_ptr()) })?;
    for fd in fds {
        // SAFETY: fcntl on our own descriptors.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // The write end never blocks the signal handler (a full pipe drops the signal).
    // SAFETY: fcntl on our own descriptor.
    unsafe {
        let fl = libc::fcntl(fds[1], libc::F_GETFL);
        libc::fcntl(fds[1], libc::F_SETFL, fl | libc::O_NONBLOCK);
    }
    PIPE_WRITE.store(fds[1], Ordering::SeqCst);
    for &sig in signals {
        // SAFETY: a zeroed sigaction with our handler, SA_RESTART and an empty mask.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(c_int) as usize;
            sa.sa_flags = libc::SA_RESTART;
            libc::sigemptyset(&mut sa.sa_mask);
            cvt(libc::sigaction(sig, &sa, std::ptr::null_mut()))?;
        }
    }
    Ok(fds[0])
}

/// Blocks until a signal arrives on the pipe `install` returned; returns its number.
pub fn next_signal(fd: Fd) -> SysResult<c_int> {
    let mut byte = 0u8;
    loop {
        // SAFETY: reads one byte into `byte`.
        let n = unsafe { libc::read(fd, (&mut byte as *mut u8).cast(), 1) };
        match n {
            1 => return Ok(c_int::from(byte)),
            0 => return Err(libc::EPIPE),
            _ if super::errno() == libc::EINTR => continue,
            _ => return Err(super::errno()),
        }
    }
}

/// Ends the process with `code` (exit handlers run, as with `ExitProcess`).
pub fn exit_process(code: i32) -> ! {
    std::process::exit(code)
}

/// Sends `sig` to this process (`GenerateConsoleCtrlEvent`).
pub fn raise_in_process(sig: c_int) -> SysResult<()> {
    // SAFETY: kill with this process's own id has no memory-safety preconditions.
    cvt(unsafe { libc::kill(libc::getpid(), sig) }).map(|_| ())
}

/// Writes all of `bytes` to `fd` (retrying short writes and EINTR): a console write.
pub fn write_all(fd: Fd, mut bytes: &[u8]) -> SysResult<()> {
    while !bytes.is_empty() {
        // SAFETY: `bytes` is a valid readable slice for its length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            if super::errno() == libc::EINTR {
                continue;
            }
            return Err(super::errno());
        }
        bytes = &bytes[n as usize..];
    }
    Ok(())
}

/// Reads what `fd` has, at most `buf.len()` bytes, waiting for some (retrying EINTR): a console
/// read. 0 at the end of the input.
pub fn read(fd: Fd, buf: &mut [u8]) -> SysResult<usize> {
    loop {
        // SAFETY: `buf` is writable for its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        if super::errno() != libc::EINTR {
            return Err(super::errno());
        }
    }
}

/// Whether `fd` is a terminal.
pub fn is_terminal(fd: Fd) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// Flushes the C library's output streams (so that text the program printed before a console
/// call reaches the terminal before what the call writes).
pub fn flush_stdio() {
    // SAFETY: fflush(NULL) flushes every output stream; it takes the streams' own locks.
    unsafe { libc::fflush(std::ptr::null_mut()) };
}

/// The terminal's size in columns and rows, when `fd` is a terminal that knows it.
pub fn window_size(fd: Fd) -> Option<(u16, u16)> {
    // SAFETY: an all-zero winsize is valid; TIOCGWINSZ only writes it.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: `ws` is writable for the ioctl.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0 && ws.ws_col > 0 && ws.ws_row > 0).then_some((ws.ws_col, ws.ws_row))
}

/// Waits for one key on `fd` (`pause`): on a terminal in character mode without echo (its
/// settings restored afterwards; a key sent as an escape sequence is read whole), otherwise
/// one byte of the input as it is. `None` at the input's end.
pub fn read_key(fd: Fd) -> SysResult<Option<u8>> {
    // SAFETY: an all-zero termios is a valid value for tcgetattr to overwrite.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `saved` is writable; tcgetattr only fills it.
    let raw = is_terminal(fd) && unsafe { libc::tcgetattr(fd, &mut saved) } == 0;
    if raw {
        let mut keys = saved;
        keys.c_lflag &= !(libc::ICANON | libc::ECHO);
        keys.c_cc[libc::VMIN] = 1;
        keys.c_cc[libc::VTIME] = 0;
        // SAFETY: `keys` is a valid termios (the terminal's own, two flags and VMIN/VTIME set).
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &keys) };
    }
    let mut byte = [0u8; 1];
    let got = read(fd, &mut byte);
    if raw && matches!(got, Ok(1)) && byte[0] == 0x1b {
        // A key the terminal sends as an escape sequence (an arrow, a function key) is one key,
        // as Windows' console reads it: the rest of the sequence, arriving with it, goes too.
        let mut rest = saved;
        rest.c_lflag &= !(libc::ICANON | libc::ECHO);
        rest.c_cc[libc::VMIN] = 0;
        rest.c_cc[libc::VTIME] = 1;
        // SAFETY: `rest` is a valid termios (the terminal's own, with a read timeout).
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &rest) };
        let next = || {
            let mut b = [0u8; 1];
            matches!(read(fd, &mut b), Ok(1)).then_some(b[0])
        };
        match next() {
            // CSI: parameters up to a final byte (0x40-0x7e).
            Some(b'[') => {
                for _ in 0..16 {
                    if next().is_none_or(|b| (0x40..=0x7e).contains(&b)) {
                        break;
                    }
                }
            }
            // SS3: one more byte (F1-F4, keypad keys).
            Some(b'O') => {
                let _ = next();
            }
            // Escape alone, or Alt with a key: nothing more.
            _ => {}
        }
    }
    if raw {
        // SAFETY: `saved` holds the settings tcgetattr read above.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    }
    Ok((got? == 1).then_some(byte[0]))
}

/// The C library's `system`, its result as Windows' `system` gives it: the command's exit code
/// (128 + the signal's number for a command a signal ended, as shells report it), not the wait
/// status; -1 when no shell ran (errno set). `None` asks whether a shell is available.
pub fn run_shell(command: Option<&std::ffi::CStr>) -> c_int {
    let p = command.map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `p` is NULL or a NUL-terminated string that outlives the call.
    let status = unsafe { libc::system(p) };
    if command.is_none() || status == -1 {
        status
    } else if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        status
    }
}

/// The terminal's input settings on `fd` that console modes stand for: (echo, line input,
/// signals from Ctrl-C & co.).
pub fn input_flags(fd: Fd) -> SysResult<(bool, bool, bool)> {
    // SAFETY: an all-zero termios is a valid value for tcgetattr to overwrite.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is writable; tcgetattr only fills it.
    cvt(unsafe { libc::tcgetattr(fd, &mut t) })?;
    let on = |flag: libc::tcflag_t| t.c_lflag & flag != 0;
    Ok((on(libc::ECHO), on(libc::ICANON), on(libc::ISIG)))
}

/// Sets the terminal's echo, line input and signal keys on `fd` (one byte at a time without
/// line input).
pub fn set_input_flags(fd: Fd, echo: bool, line: bool, signals: bool) -> SysResult<()> {
    // SAFETY: an all-zero termios is a valid value for tcgetattr to overwrite.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is writable; tcgetattr only fills it.
    cvt(unsafe { libc::tcgetattr(fd, &mut t) })?;
    for (flag, on) in [
        (libc::ECHO, echo),
        (libc::ICANON, line),
        (libc::ISIG, signals),
    ] {
        if on {
            t.c_lflag |= flag;
        } else {
            t.c_lflag &= !flag;
        }
    }
    if !line {
        t.c_cc[libc::VMIN] = 1;
        t.c_cc[libc::VTIME] = 0;
    }
    // SAFETY: `t` is the terminal's own settings with three flags changed.
    cvt(unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) }).map(|_| ())
}

/// Drops what the terminal on `fd` has received and the program has not read
/// (`FlushConsoleInputBuffer`).
pub fn flush_input(fd: Fd) -> SysResult<()> {
    // SAFETY: tcflush only acts on the descriptor.
    cvt(unsafe { libc::tcflush(fd, libc::TCIFLUSH) }).map(|_| ())
}
