//! `SetConsoleCtrlHandler`: console control events from POSIX signals.
//!
//! SIGINT is `CTRL_C_EVENT`, SIGQUIT (Ctrl-\, the terminal's "break") is `CTRL_BREAK_EVENT`,
//! SIGHUP and SIGTERM are `CTRL_CLOSE_EVENT`. Once a handler is registered, those signals are
//! caught; the signal handler only writes the signal number to a pipe, and a dedicated thread
//! (as on Windows, not the thread that was interrupted) calls the handlers, last registered
//! first, until one returns TRUE. If none does, the default action ends the process with
//! `STATUS_CONTROL_C_EXIT` (0xC000013A; a POSIX exit status keeps its low 8 bits, 0x3A). After
//! `CTRL_CLOSE_EVENT` the process ends whatever the handlers return, as Windows ends it.

use super::{codes, err};
use crate::error::WsaResult;
use parking_lot::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};

pub use crate::sys::routine::CtrlHandler as Handler;

pub(crate) const CTRL_C_EVENT: u32 = 0;
pub(crate) const CTRL_BREAK_EVENT: u32 = 1;
pub(crate) const CTRL_CLOSE_EVENT: u32 = 2;
pub(crate) const STATUS_CONTROL_C_EXIT: u32 = 0xC000_013A;

static HANDLERS: Mutex<Vec<Handler>> = Mutex::new(Vec::new());
static IGNORE_CTRL_C: AtomicBool = AtomicBool::new(false);
static INSTALLED: Mutex<bool> = Mutex::new(false);

fn ensure_installed() -> WsaResult<()> {
    let mut installed = INSTALLED.lock();
    if *installed {
        return Ok(());
    }
    let fd =
        crate::sys::console::install(&[libc::SIGINT, libc::SIGQUIT, libc::SIGHUP, libc::SIGTERM])
            .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    std::thread::Builder::new()
        .name("ws2mp-console".into())
        .spawn(move || {
            while let Ok(sig) = crate::sys::console::next_signal(fd) {
                dispatch(sig);
            }
        })
        .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    *installed = true;
    Ok(())
}

/// Catches the console's signals from now on (a service's controls arrive as these signals).
pub(crate) fn catch_signals() -> WsaResult<()> {
    ensure_installed()
}

fn dispatch(sig: i32) {
    if super::service::on_signal(sig) {
        return;
    }
    let event = match sig {
        libc::SIGINT => CTRL_C_EVENT,
        libc::SIGQUIT => CTRL_BREAK_EVENT,
        _ => CTRL_CLOSE_EVENT,
    };
    if event == CTRL_C_EVENT && IGNORE_CTRL_C.load(SeqCst) {
        return;
    }
    let handlers: Vec<Handler> = HANDLERS.lock().clone();
    for handler in handlers.iter().rev() {
        if handler.call(event) != 0 && event != CTRL_CLOSE_EVENT {
            return;
        }
    }
    crate::sys::console::exit_process(STATUS_CONTROL_C_EXIT as i32)
}

/// `SetConsoleCtrlHandler(handler, add)`. Removing a handler that is not registered →
/// `ERROR_INVALID_PARAMETER`. `(NULL, TRUE)` ignores Ctrl-C, `(NULL, FALSE)` restores it.
pub fn set_handler(handler: Option<Handler>, add: bool) -> WsaResult<()> {
    match (handler, add) {
        (None, ignore) => {
            IGNORE_CTRL_C.store(ignore, SeqCst);
            if ignore {
                ensure_installed()?;
            }
        }
        (Some(h), true) => {
            ensure_installed()?;
            HANDLERS.lock().push(h);
        }
        (Some(h), false) => {
            let mut list = HANDLERS.lock();
            let at = list
                .iter()
                .rposition(|&x| x.address() == h.address())
                .ok_or(err(codes::ERROR_INVALID_PARAMETER))?;
            list.remove(at);
        }
    }
    Ok(())
}

/// `STD_INPUT_HANDLE`, `STD_OUTPUT_HANDLE`, `STD_ERROR_HANDLE` as `GetStdHandle` takes them
/// (`(DWORD)-10`, `-11`, `-12`).
const STD_HANDLES: [(u32, usize, i32); 3] = [
    // (nStdHandle, the handle value returned, the descriptor behind it)
    (-10i32 as u32, 0x8000_0010, 0),
    (-11i32 as u32, 0x8000_0014, 1),
    (-12i32 as u32, 0x8000_0018, 2),
];

/// `GetStdHandle`: the handle of standard input, output or error. The values are above
/// `INT_MAX`, so they are never a descriptor (a SOCKET given as a `HANDLE` to `WriteFile` is
/// one: the two must never be confused), and beyond the handle table's range (ws2mp's own
/// handles are small multiples of 1024 plus a generation).
pub fn std_handle(which: u32) -> WsaResult<usize> {
    STD_HANDLES
        .iter()
        .find(|(w, _, _)| *w == which)
        .map(|(_, h, _)| *h)
        .ok_or(err(codes::ERROR_INVALID_PARAMETER))
}

/// The descriptor behind a standard handle, if `handle` is one.
pub fn std_fd(handle: usize) -> Option<i32> {
    STD_HANDLES
        .iter()
        .find(|(_, h, _)| *h == handle)
        .map(|(_, _, fd)| *fd)
}

/// The descriptor behind a standard handle that is redirected from or to a regular file
/// (`prog < data.bin`): on Windows such a handle is a file handle, which `GetFileSize`,
/// `SetFilePointer` and `TransmitFile` take.
pub fn std_file_fd(handle: usize) -> Option<i32> {
    std_fd(handle).filter(|fd| crate::sys::file::is_regular(*fd))
}

/// `WriteConsole`: writes UTF-8 `text` to the standard handle `handle`.
pub fn write(handle: usize, text: &[u8]) -> WsaResult<()> {
    let fd = std_fd(handle)
        .filter(|fd| *fd != 0)
        .ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    crate::sys::console::write_all(fd, text).map_err(io_error)
}

/// `ReadFile` on a standard handle: reads at most `buf.len()` bytes from standard input
/// (0 at its end). Output and error are not readable (`ERROR_INVALID_HANDLE`).
pub fn read(handle: usize, buf: &mut [u8]) -> WsaResult<usize> {
    let fd = std_fd(handle)
        .filter(|fd| *fd == 0)
        .ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    crate::sys::console::read(fd, buf).map_err(io_error)
}

/// The Win32 error of a failed console read or write: memory the program cannot use is
/// `ERROR_NOACCESS`; anything else `ERROR_INVALID_HANDLE`.
fn io_error(errno: i32) -> crate::error::WsaError {
    match errno {
        libc::EFAULT => err(codes::ERROR_NOACCESS),
        _ => err(codes::ERROR_INVALID_HANDLE),
    }
}

/// `GenerateConsoleCtrlEvent`: delivers `CTRL_C_EVENT` (SIGINT) or `CTRL_BREAK_EVENT`
/// (SIGQUIT) to this process, whose handlers then run as for a key press. Windows delivers it
/// to every process sharing the console; ws2mp to the calling process only.
pub fn generate(event: u32) -> WsaResult<()> {
    let sig = match event {
        CTRL_C_EVENT => libc::SIGINT,
        CTRL_BREAK_EVENT => libc::SIGQUIT,
        _ => return Err(err(codes::ERROR_INVALID_PARAMETER)),
    };
    crate::sys::console::raise_in_process(sig).map_err(|_| err(codes::ERROR_INVALID_PARAMETER))
}

/// The attribute the program last set with `SetConsoleTextAttribute` (Windows' default,
/// light grey on black, until then).
static TEXT_ATTRIBUTE: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(0x07);

/// The output descriptor behind `handle` (output or error, not input).
fn output_fd(handle: usize) -> WsaResult<i32> {
    std_fd(handle)
        .filter(|fd| *fd != 0)
        .ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// The ANSI SGR sequence for a console attribute: `FOREGROUND_*` / `BACKGROUND_*` bits (blue 1,
/// green 2, red 4, intensity 8; the background's in the next four bits). Windows' default
/// (0x07) resets the terminal to its own colours.
pub fn sgr(attribute: u16) -> String {
    if attribute & 0xff == 0x07 {
        return "\x1b[0m".to_string();
    }
    // Windows' bit order is BGR, ANSI's RGB.
    let ansi = |bits: u16| ((bits & 4) >> 2) | (bits & 2) | ((bits & 1) << 2);
    let fg = ansi(attribute) + if attribute & 0x08 != 0 { 90 } else { 30 };
    let bg = ansi(attribute >> 4) + if attribute & 0x80 != 0 { 100 } else { 40 };
    format!("\x1b[0;{fg};{bg}m")
}

/// `SetConsoleTextAttribute`: colours later output on a terminal with ANSI sequences; output
/// that is not a terminal (a file, a pipe) gets nothing, so logs stay clean.
pub fn set_text_attribute(handle: usize, attribute: u16) -> WsaResult<()> {
    let fd = output_fd(handle)?;
    TEXT_ATTRIBUTE.store(attribute, SeqCst);
    if crate::sys::console::is_terminal(fd) {
        crate::sys::console::flush_stdio();
        crate::sys::console::write_all(fd, sgr(attribute).as_bytes()).map_err(io_error)?;
    }
    Ok(())
}

/// `SetConsoleTitle`: the terminal's title (an OSC 0 sequence) when standard output is a
/// terminal; nothing otherwise.
pub fn set_title(title: &str) -> WsaResult<()> {
    *TITLE.lock() = Some(title.to_owned());
    if crate::sys::console::is_terminal(1) {
        crate::sys::console::flush_stdio();
        let clean: String = title.chars().filter(|c| !c.is_control()).collect();
        crate::sys::console::write_all(1, format!("\x1b]0;{clean}\x07").as_bytes())
            .map_err(io_error)?;
    }
    Ok(())
}

/// The console's title as `SetConsoleTitle` (or cmd's `title`) last set it; `None` until then.
static TITLE: Mutex<Option<String>> = Mutex::new(None);

/// `GetConsoleTitle`'s text: the title last set, or, until one is set, the program's path
/// (what Windows' console shows for a program started on its own console).
pub fn title() -> String {
    if let Some(t) = TITLE.lock().as_ref() {
        return t.clone();
    }
    std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `GetConsoleScreenBufferInfo`'s answers: the window's size (the terminal's, or 80 x 25 when
/// the output is not a terminal) and the attribute last set.
pub fn screen_info(handle: usize) -> WsaResult<((u16, u16), u16)> {
    let fd = output_fd(handle)?;
    let size = crate::sys::console::window_size(fd).unwrap_or((80, 25));
    Ok((size, TEXT_ATTRIBUTE.load(SeqCst)))
}

/// Rings the terminal's bell: BEL on standard output or error, whichever is a terminal.
pub fn bell() {
    if let Some(fd) = [1, 2]
        .into_iter()
        .find(|fd| crate::sys::console::is_terminal(*fd))
    {
        crate::sys::console::flush_stdio();
        let _ = crate::sys::console::write_all(fd, b"\x07");
    }
}

/// `Beep`: Windows sounds `frequency` Hz for `duration_ms` and returns after it. Here the
/// terminal's bell rings (BEL on standard output, or standard error, whichever is a terminal;
/// nothing when neither is) and the call returns after the duration. The frequency must be
/// 37 to 32767 (`ERROR_INVALID_PARAMETER`).
pub fn beep(frequency: u32, duration_ms: u32) -> WsaResult<()> {
    if !(0x25..=0x7fff).contains(&frequency) {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    bell();
    std::thread::sleep(std::time::Duration::from_millis(duration_ms.into()));
    Ok(())
}

/// `ENABLE_PROCESSED_INPUT`: Ctrl-C is a signal, not a key.
const ENABLE_PROCESSED_INPUT: u32 = 0x1;
/// `ENABLE_LINE_INPUT`: reads return whole lines.
const ENABLE_LINE_INPUT: u32 = 0x2;
/// `ENABLE_ECHO_INPUT`: typed keys are echoed (only with line input).
const ENABLE_ECHO_INPUT: u32 = 0x4;
/// An output handle's mode: processed output, wrapping at the line's end, and escape
/// sequences (a terminal always has all three).
const OUTPUT_MODE: u32 = 0x1 | 0x2 | 0x4;

/// The terminal behind a standard handle; `ERROR_INVALID_HANDLE` when the handle is not one
/// or is redirected (as Windows fails the console calls on a redirected handle).
fn terminal_fd(handle: usize) -> WsaResult<i32> {
    std_fd(handle)
        .filter(|fd| crate::sys::console::is_terminal(*fd))
        .ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// `GetConsoleMode`: standard input's echo, line and Ctrl-C processing as the terminal has
/// them; an output handle's mode is processed output, wrapping and escape sequences.
pub fn mode(handle: usize) -> WsaResult<u32> {
    let fd = terminal_fd(handle)?;
    if fd != 0 {
        return Ok(OUTPUT_MODE);
    }
    let (echo, line, signals) = crate::sys::console::input_flags(fd).map_err(io_error)?;
    let bit = |on: bool, flag: u32| if on { flag } else { 0 };
    Ok(bit(signals, ENABLE_PROCESSED_INPUT)
        | bit(line, ENABLE_LINE_INPUT)
        | bit(echo, ENABLE_ECHO_INPUT))
}

/// `SetConsoleMode`: on standard input, the terminal's echo, line input and Ctrl-C
/// processing (echo needs line input: `ERROR_INVALID_PARAMETER`, as on Windows; other bits
/// are accepted and change nothing); on an output handle nothing changes (the terminal
/// already processes escape sequences: `ENABLE_VIRTUAL_TERMINAL_PROCESSING` is always on).
pub fn set_mode(handle: usize, mode: u32) -> WsaResult<()> {
    let fd = terminal_fd(handle)?;
    if fd != 0 {
        return Ok(());
    }
    if mode & ENABLE_ECHO_INPUT != 0 && mode & ENABLE_LINE_INPUT == 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    crate::sys::console::set_input_flags(
        fd,
        mode & ENABLE_ECHO_INPUT != 0,
        mode & ENABLE_LINE_INPUT != 0,
        mode & ENABLE_PROCESSED_INPUT != 0,
    )
    .map_err(io_error)
}

/// Standard input's terminal; `ERROR_INVALID_HANDLE` for any other handle or a redirected one.
fn input_terminal(handle: usize) -> WsaResult<i32> {
    terminal_fd(handle)
        .ok()
        .filter(|fd| *fd == 0)
        .ok_or(err(codes::ERROR_INVALID_HANDLE))
}

/// `ReadConsole`: what the terminal on standard input has, at most `buf.len()` bytes, waiting
/// for some. In line mode a line's end comes as Windows' console gives it, `\r\n` (at most
/// `buf.len() - 1` bytes are read to make room for the `\r`); without line input Enter is
/// `\r`, as on Windows.
pub fn read_console(handle: usize, buf: &mut [u8]) -> WsaResult<usize> {
    let fd = input_terminal(handle)?;
    if buf.is_empty() {
        return Ok(0);
    }
    let (_, line, _) = crate::sys::console::input_flags(fd).map_err(io_error)?;
    let room = if line && buf.len() > 1 {
        buf.len() - 1
    } else {
        buf.len()
    };
    let n = crate::sys::console::read(fd, &mut buf[..room]).map_err(io_error)?;
    if n > 0 && buf[n - 1] == b'\n' {
        if !line {
            buf[n - 1] = b'\r';
        } else if n < buf.len() && (n < 2 || buf[n - 2] != b'\r') {
            buf[n - 1] = b'\r';
            buf[n] = b'\n';
            return Ok(n + 1);
        }
    }
    Ok(n)
}

/// `FlushConsoleInputBuffer`: drops the terminal's unread input.
pub fn flush_console_input(handle: usize) -> WsaResult<()> {
    let fd = input_terminal(handle)?;
    crate::sys::console::flush_input(fd).map_err(io_error)
}

/// `SetConsoleCursorPosition`: moves a terminal's cursor to column `x`, row `y` of the window
/// (0-based; an escape sequence, after the C library's buffered output); a negative position
/// is `ERROR_INVALID_PARAMETER`. Output that is not a terminal gets nothing and the call
/// succeeds, as for `SetConsoleTextAttribute`.
pub fn set_cursor_position(handle: usize, x: i16, y: i16) -> WsaResult<()> {
    let fd = output_fd(handle)?;
    if x < 0 || y < 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    if crate::sys::console::is_terminal(fd) {
        crate::sys::console::flush_stdio();
        let seq = format!("\x1b[{};{}H", i32::from(y) + 1, i32::from(x) + 1);
        crate::sys::console::write_all(fd, seq.as_bytes()).map_err(io_error)?;
    }
    Ok(())
}

/// A command of cmd.exe's that Windows console programs run with `system()` and that the POSIX
/// shell does not have.
#[derive(Debug, PartialEq, Eq)]
pub enum CmdBuiltin<'a> {
    /// `pause`; `quiet` for `pause>nul` (no prompt, still waits).
    Pause { quiet: bool },
    /// `cls`.
    Cls,
    /// `title text`.
    Title(&'a str),
    /// `color` (`None`: the default colours) or `color bf` / `color f` as an attribute.
    Color(Option<u16>),
    /// `color` with an argument cmd refuses (not one or two hex digits, or the foreground
    /// the same as the background): exit code 1, nothing changes.
    BadColor,
    /// `start ["title"] [/b] [/min] [/wait] [/d dir] ... command`: the command in the
    /// background (`wait`: run to its end), from `dir` when given.
    Start {
        wait: bool,
        dir: Option<&'a str>,
        command: &'a str,
    },
}

/// `start`'s arguments after the word: its title, options and the command.
fn start_arguments(arg: &str) -> CmdBuiltin<'_> {
    let mut rest = arg;
    // A first quoted argument is the window's title.
    if let Some(after) = rest.strip_prefix('"') {
        rest = after
            .split_once('"')
            .map_or("", |(_, r)| r)
            .trim_start_matches(blank);
    }
    let (mut wait, mut dir) = (false, None);
    while let Some(option) = rest.strip_prefix('/') {
        let end = option.find(blank).unwrap_or(option.len());
        let (name, after) = option.split_at(end);
        rest = after.trim_start_matches(blank);
        if name.eq_ignore_ascii_case("wait") {
            wait = true;
        } else if name.len() > 1 && name[..1].eq_ignore_ascii_case("d") {
            dir = Some(&name[1..]);
        } else if name.eq_ignore_ascii_case("d")
            || name.eq_ignore_ascii_case("node")
            || name.eq_ignore_ascii_case("affinity")
        {
            // The option's value is the next word.
            let end = rest.find(blank).unwrap_or(rest.len());
            if name.eq_ignore_ascii_case("d") {
                dir = Some(&rest[..end]);
            }
            rest = rest[end..].trim_start_matches(blank);
        }
    }
    CmdBuiltin::Start {
        wait,
        dir,
        command: rest,
    }
}

fn blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Whether `rest` is a redirection to the null device (`>nul`, `> NUL`, `1>nul`).
fn to_nul(rest: &str) -> bool {
    let r = rest.strip_prefix('1').unwrap_or(rest);
    r.strip_prefix('>')
        .is_some_and(|r| r.trim_start_matches(blank).eq_ignore_ascii_case("nul"))
}

/// The cmd.exe command `line` names, when it is one ws2mp runs itself (case-insensitive, as
/// cmd reads it). Lines with other redirections, pipes or `&` go to the shell.
pub fn cmd_builtin(line: &str) -> Option<CmdBuiltin<'_>> {
    let line = line.trim_matches(|c| blank(c) || c == '\r' || c == '\n');
    let end = line.find(|c| blank(c) || c == '>').unwrap_or(line.len());
    let (word, rest) = line.split_at(end);
    let arg = rest.trim_start_matches(blank);
    let plain = !arg.contains(['<', '>', '|', '&']);
    if word.eq_ignore_ascii_case("pause") {
        return match arg {
            "" => Some(CmdBuiltin::Pause { quiet: false }),
            a if to_nul(a) => Some(CmdBuiltin::Pause { quiet: true }),
            _ => None,
        };
    }
    if word.eq_ignore_ascii_case("cls") {
        return arg.is_empty().then_some(CmdBuiltin::Cls);
    }
    if word.eq_ignore_ascii_case("title") && plain && !rest.starts_with('>') {
        return Some(CmdBuiltin::Title(arg));
    }
    if word.eq_ignore_ascii_case("start") && !rest.starts_with('>') {
        return Some(start_arguments(arg));
    }
    if word.eq_ignore_ascii_case("color") && plain && !rest.starts_with('>') {
        if arg.is_empty() {
            return Some(CmdBuiltin::Color(None));
        }
        let attr = (arg.len() <= 2 && arg.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| u16::from_str_radix(arg, 16).ok())
            .flatten();
        return Some(match attr {
            Some(a) if a >> 4 != a & 0x0f => CmdBuiltin::Color(Some(a)),
            _ => CmdBuiltin::BadColor,
        });
    }
    None
}

/// Runs a cmd.exe command as Windows' console shows it, after flushing the C library's
/// streams (cmd writes to the console itself); returns the exit code cmd gives. `pause`
/// writes "Press any key to continue . . . ", waits for a key on standard input (a byte, or
/// its end, when that is not a terminal) and ends the line; `cls` clears a terminal and writes
/// a form feed (0x0C) to anything else, as cmd does to a file; `title` and `color` are
/// `SetConsoleTitle` and `SetConsoleTextAttribute` (a colour applies to later output: a
/// terminal has no way to recolour what it shows).
pub fn run_cmd_builtin(builtin: &CmdBuiltin<'_>) -> i32 {
    use crate::sys::console as sys;
    sys::flush_stdio();
    match builtin {
        CmdBuiltin::Pause { quiet } => {
            if !quiet {
                let _ = sys::write_all(1, b"Press any key to continue . . . ");
            }
            let _ = sys::read_key(0);
            if !quiet {
                let _ = sys::write_all(1, b"\n");
            }
            0
        }
        CmdBuiltin::Cls => {
            let clear: &[u8] = if sys::is_terminal(1) {
                b"\x1b[H\x1b[2J\x1b[3J"
            } else {
                b"\x0c"
            };
            let _ = sys::write_all(1, clear);
            0
        }
        CmdBuiltin::Title(title) => {
            let _ = set_title(title);
            0
        }
        CmdBuiltin::Color(attr) => {
            let _ = set_text_attribute(STD_HANDLES[1].1, attr.unwrap_or(0x07));
            0
        }
        CmdBuiltin::BadColor => 1,
        CmdBuiltin::Start { wait, dir, command } => {
            if command.is_empty() {
                // A new console window: none here.
                return 0;
            }
            let cd = dir.map_or(String::new(), |d| {
                format!("cd '{}' && ", d.replace('\'', "'\\''"))
            });
            let line = if *wait {
                format!("{cd}{command}")
            } else {
                format!("({cd}{command}) &")
            };
            match std::ffi::CString::new(line) {
                Ok(c) => {
                    let code = sys::run_shell(Some(&c));
                    if *wait {
                        code
                    } else {
                        0
                    }
                }
                Err(_) => 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cmd_builtin, CmdBuiltin::*};

    #[test]
    fn start_runs_its_command_in_the_background_or_waits() {
        assert_eq!(
            cmd_builtin("start notepad file.txt"),
            Some(Start {
                wait: false,
                dir: None,
                command: "notepad file.txt"
            })
        );
        assert_eq!(
            cmd_builtin("START \"title\" /B /wait /d C:\\work tool -x"),
            Some(Start {
                wait: true,
                dir: Some("C:\\work"),
                command: "tool -x"
            })
        );
        assert_eq!(
            cmd_builtin("start /min"),
            Some(Start {
                wait: false,
                dir: None,
                command: ""
            })
        );
    }

    #[test]
    fn cmd_builtins_are_read_as_cmd_reads_them() {
        assert_eq!(cmd_builtin("pause"), Some(Pause { quiet: false }));
        assert_eq!(cmd_builtin("  PAUSE \r\n"), Some(Pause { quiet: false }));
        assert_eq!(cmd_builtin("pause>nul"), Some(Pause { quiet: true }));
        assert_eq!(cmd_builtin("pause > NUL"), Some(Pause { quiet: true }));
        assert_eq!(cmd_builtin("Pause 1>nul"), Some(Pause { quiet: true }));
        assert_eq!(cmd_builtin("pause>out.txt"), None);
        assert_eq!(cmd_builtin("pauses"), None);
        assert_eq!(cmd_builtin("cls"), Some(Cls));
        assert_eq!(cmd_builtin("CLS"), Some(Cls));
        assert_eq!(cmd_builtin("cls && dir"), None);
        assert_eq!(cmd_builtin("title Chat server"), Some(Title("Chat server")));
        assert_eq!(cmd_builtin("title"), Some(Title("")));
        assert_eq!(cmd_builtin("title a | b"), None);
        assert_eq!(cmd_builtin("color"), Some(Color(None)));
        assert_eq!(cmd_builtin("color 0A"), Some(Color(Some(0x0a))));
        assert_eq!(cmd_builtin("COLOR f0"), Some(Color(Some(0xf0))));
        assert_eq!(cmd_builtin("color 2"), Some(Color(Some(0x02))));
        assert_eq!(cmd_builtin("color 77"), Some(BadColor));
        assert_eq!(cmd_builtin("color 0"), Some(BadColor));
        assert_eq!(cmd_builtin("color zz"), Some(BadColor));
        assert_eq!(cmd_builtin("color 123"), Some(BadColor));
        assert_eq!(cmd_builtin("colors"), None);
        assert_eq!(cmd_builtin("ls -l"), None);
        assert_eq!(cmd_builtin(""), None);
    }
}
