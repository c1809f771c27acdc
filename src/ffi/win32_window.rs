//! Windows that are never shown and their messages (USER32's message model,
//! `crate::window`), and `WSAAsyncSelect`, which delivers socket notifications as window
//! messages.
//!
//! A program registers a class, creates a window (often a message-only one), points its
//! sockets at it with `WSAAsyncSelect`, and runs `GetMessage` / `DispatchMessage`; its window
//! procedure then receives the notifications (`wParam` the socket, `WSAGETSELECTEVENT` and
//! `WSAGETSELECTERROR` of `lParam`), its timers and its posted messages, as on Windows.
//! Nothing is drawn: `ShowWindow` and `UpdateWindow` change nothing.

#![allow(non_camel_case_types)]

use super::types::SOCKET;
use super::{call, call_ok, read_array, socket, write_array, write_out};
use crate::error::{set_last_error, WsaError, WsaResult};
use crate::window::queue::{self, Filter, Msg, WM_QUIT};
use crate::window::{self, codes, ClassName, NewWindow, Window};
use crate::winsock::SOCKET_ERROR;
use std::os::raw::{c_char, c_void};
use std::sync::Arc;

/// A window procedure: `LRESULT CALLBACK WndProc(HWND, UINT, WPARAM, LPARAM)`.
pub type WNDPROC = Option<unsafe extern "C" fn(*mut c_void, u32, usize, isize) -> isize>;
/// A timer procedure: `VOID CALLBACK TimerProc(HWND, UINT, UINT_PTR, DWORD)`.
pub type TIMERPROC = Option<unsafe extern "C" fn(*mut c_void, u32, usize, u32)>;

/// A point (`POINT`).
#[repr(C)]
pub struct tagPOINT {
    pub x: i32,
    pub y: i32,
}

/// A message (`MSG`, Win64 layout: 48 bytes).
#[repr(C)]
pub struct tagMSG {
    pub hwnd: *mut c_void,
    pub message: u32,
    pub wParam: usize,
    pub lParam: isize,
    pub time: u32,
    pub pt: tagPOINT,
}
const _: () = assert!(std::mem::size_of::<tagMSG>() == 48);

/// A window class (`WNDCLASSA`, 72 bytes).
#[repr(C)]
pub struct tagWNDCLASSA {
    pub style: u32,
    pub lpfnWndProc: WNDPROC,
    pub cbClsExtra: i32,
    pub cbWndExtra: i32,
    pub hInstance: *mut c_void,
    pub hIcon: *mut c_void,
    pub hCursor: *mut c_void,
    pub hbrBackground: *mut c_void,
    pub lpszMenuName: *const c_char,
    pub lpszClassName: *const c_char,
}
const _: () = assert!(std::mem::size_of::<tagWNDCLASSA>() == 72);

/// A window class with UTF-16 names (`WNDCLASSW`).
#[repr(C)]
pub struct tagWNDCLASSW {
    pub style: u32,
    pub lpfnWndProc: WNDPROC,
    pub cbClsExtra: i32,
    pub cbWndExtra: i32,
    pub hInstance: *mut c_void,
    pub hIcon: *mut c_void,
    pub hCursor: *mut c_void,
    pub hbrBackground: *mut c_void,
    pub lpszMenuName: *const u16,
    pub lpszClassName: *const u16,
}

/// `WNDCLASSEXA` (80 bytes): `cbSize` first, a small icon last.
#[repr(C)]
pub struct tagWNDCLASSEXA {
    pub cbSize: u32,
    pub style: u32,
    pub lpfnWndProc: WNDPROC,
    pub cbClsExtra: i32,
    pub cbWndExtra: i32,
    pub hInstance: *mut c_void,
    pub hIcon: *mut c_void,
    pub hCursor: *mut c_void,
    pub hbrBackground: *mut c_void,
    pub lpszMenuName: *const c_char,
    pub lpszClassName: *const c_char,
    pub hIconSm: *mut c_void,
}
const _: () = assert!(std::mem::size_of::<tagWNDCLASSEXA>() == 80);

/// `WNDCLASSEXW`.
#[repr(C)]
pub struct tagWNDCLASSEXW {
    pub cbSize: u32,
    pub style: u32,
    pub lpfnWndProc: WNDPROC,
    pub cbClsExtra: i32,
    pub cbWndExtra: i32,
    pub hInstance: *mut c_void,
    pub hIcon: *mut c_void,
    pub hCursor: *mut c_void,
    pub hbrBackground: *mut c_void,
    pub lpszMenuName: *const u16,
    pub lpszClassName: *const u16,
    pub hIconSm: *mut c_void,
}

/// What `WM_NCCREATE` and `WM_CREATE` point `lParam` at (`CREATESTRUCTA`, 80 bytes; the W
/// form has the same layout with UTF-16 names).
#[repr(C)]
pub(crate) struct tagCREATESTRUCTA {
    pub lpCreateParams: *mut c_void,
    pub hInstance: *mut c_void,
    pub hMenu: *mut c_void,
    pub hwndParent: *mut c_void,
    pub cy: i32,
    pub cx: i32,
    pub y: i32,
    pub x: i32,
    pub style: i32,
    pub lpszName: *const c_char,
    pub lpszClass: *const c_char,
    pub dwExStyle: u32,
}
const _: () = assert!(std::mem::size_of::<tagCREATESTRUCTA>() == 80);

const WM_NCCREATE: u32 = 0x0081;
const WM_CREATE: u32 = 0x0001;
const WM_DESTROY: u32 = 0x0002;
const WM_NCDESTROY: u32 = 0x0082;
const WM_CLOSE: u32 = 0x0010;
const WM_SETTEXT: u32 = 0x000C;
const WM_GETTEXT: u32 = 0x000D;
const WM_GETTEXTLENGTH: u32 = 0x000E;
const WM_QUERYENDSESSION: u32 = 0x0011;
const WM_QUERYOPEN: u32 = 0x0013;
const WM_TIMER: u32 = 0x0113;
const HWND_BROADCAST: usize = 0xffff;
const GWLP_WNDPROC: i32 = -4;
const GWLP_HINSTANCE: i32 = -6;
const GWLP_HWNDPARENT: i32 = -8;
const GWLP_ID: i32 = -12;
const GWL_STYLE: i32 = -16;
const GWL_EXSTYLE: i32 = -20;
const GWLP_USERDATA: i32 = -21;
const PM_REMOVE: u32 = 0x0001;
const MWMO_WAITALL: u32 = 0x0001;
const MWMO_ALERTABLE: u32 = 0x0002;
const MWMO_INPUTAVAILABLE: u32 = 0x0004;
const ERROR_NO_MORE_USER_HANDLES: i32 = 1158;
const INFINITE: u32 = 0xffff_ffff;
/// `GetQueueStatus`'s valid flags: `QS_ALLINPUT` (with `QS_TOUCH` and `QS_POINTER`),
/// `QS_ALLPOSTMESSAGE` and `QS_SMRESULT`.
const QS_VALID: u32 = 0x1cff | 0x0100 | 0x8000;
/// `FD_ALL_EVENTS` (the ten `FD_*` bits).
const FD_ALL_EVENTS: i32 = 0x3ff;

/// Longest name read (characters).
const MOST_NAME: usize = 1 << 16;

fn fail(code: i32) -> WsaError {
    WsaError(code)
}

/// A class or window name argument: a string, or an atom when the pointer value is below
/// 0x10000 (`MAKEINTATOM`). `wide`: UTF-16.
fn class_name(p: *const c_void, wide: bool) -> WsaResult<ClassName> {
    let value = p as usize;
    if value != 0 && value < 0x1_0000 {
        return Ok(ClassName::Atom(value as u16));
    }
    Ok(ClassName::Name(text(p, wide)?.unwrap_or_default()))
}

/// A NUL-terminated string argument (None for NULL), read through checked copies.
fn text(p: *const c_void, wide: bool) -> WsaResult<Option<String>> {
    if p.is_null() {
        return Ok(None);
    }
    let unit = if wide { 2 } else { 1 };
    let bytes = crate::sys::copy_string_from_user(p.cast(), unit, MOST_NAME)
        .map_err(|_| fail(codes::ERROR_INVALID_PARAMETER))?;
    Ok(Some(if wide {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_ne_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }))
}

/// Calls a window procedure.
fn run_procedure(procedure: usize, hwnd: usize, message: u32, w: usize, l: isize) -> isize {
    if procedure == 0 {
        return 0;
    }
    // SAFETY: `procedure` is a window procedure the program gave (RegisterClass or
    // SetWindowLongPtr(GWLP_WNDPROC)): a non-NULL function pointer of the WNDPROC type.
    let f = unsafe {
        std::mem::transmute::<usize, unsafe extern "C" fn(*mut c_void, u32, usize, isize) -> isize>(
            procedure,
        )
    };
    // SAFETY: calling the program's procedure with the arguments Windows gives it.
    unsafe { f(hwnd as *mut c_void, message, w, l) }
}

/// Delivers `m` to its window's procedure (or a `WM_TIMER` with a timer procedure to it).
fn deliver(m: &Msg) -> isize {
    if m.message == WM_TIMER && m.lparam != 0 {
        // Only a procedure one of the thread's timers runs is called, as Windows checks it:
        // a WM_TIMER the program made up with another lParam runs nothing.
        let known = queue::current().is_ok_and(|q| q.has_timer_procedure(m.lparam as usize));
        if !known {
            return 0;
        }
        // SAFETY: a non-zero lParam of a WM_TIMER this queue made is the TIMERPROC the program
        // gave SetTimer.
        let f = unsafe {
            std::mem::transmute::<usize, unsafe extern "C" fn(*mut c_void, u32, usize, u32)>(
                m.lparam as usize,
            )
        };
        // SAFETY: the timer procedure with the arguments Windows gives it.
        unsafe {
            f(
                m.hwnd as *mut c_void,
                WM_TIMER,
                m.wparam,
                super::win32_time::GetTickCount(),
            )
        };
        return 0;
    }
    match window::lookup(m.hwnd) {
        Ok(w) => run_procedure(
            w.procedure.load(std::sync::atomic::Ordering::Acquire),
            m.hwnd,
            m.message,
            m.wparam,
            m.lparam,
        ),
        Err(_) => 0,
    }
}

/// Reads a `MSG` (as six words: its Win64 layout, padding included).
fn read_msg(p: *const tagMSG) -> WsaResult<Msg> {
    let mut w = [0usize; 6];
    read_array(p.cast::<usize>(), &mut w).map_err(|_| fail(codes::ERROR_INVALID_PARAMETER))?;
    Ok(Msg {
        hwnd: w[0],
        message: w[1] as u32,
        wparam: w[2],
        lparam: w[3] as isize,
    })
}

thread_local! {
    /// The time of the last message `GetMessage` / `PeekMessage` returned (`GetMessageTime`).
    static LAST_MESSAGE_TIME: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Writes a `MSG` (time now, cursor position 0,0).
fn write_msg(p: *mut tagMSG, m: &Msg) -> WsaResult<()> {
    let now = super::win32_time::GetTickCount();
    LAST_MESSAGE_TIME.with(|t| t.set(now));
    let time = now as usize;
    let w = [
        m.hwnd,
        m.message as usize,
        m.wparam,
        m.lparam as usize,
        time,
        0,
    ];
    write_array(p.cast::<usize>(), &w).map_err(|_| fail(codes::ERROR_INVALID_PARAMETER))
}

// ---- classes ---------------------------------------------------------------------------------

/// What ws2mp uses of a `WNDCLASS(EX)`, read as words: (procedure, window extra bytes, class
/// name).
fn read_class(p: *const c_void, extended: bool) -> WsaResult<(usize, usize, usize)> {
    let mut w = [0usize; 10];
    let n = if extended { 10 } else { 9 };
    read_array(p.cast::<usize>(), &mut w[..n]).map_err(|_| fail(codes::ERROR_INVALID_PARAMETER))?;
    if extended && (w[0] & 0xffff_ffff) != std::mem::size_of::<tagWNDCLASSEXA>() {
        return Err(fail(codes::ERROR_INVALID_PARAMETER));
    }
    let window_extra = ((w[2] >> 32) as u32 as i32).max(0) as usize;
    Ok((w[1], window_extra, w[8]))
}

fn register(p: *const c_void, extended: bool, wide: bool) -> u16 {
    call(0, || {
        let (procedure, extra, name) = read_class(p, extended)?;
        let ClassName::Name(name) = class_name(name as *const c_void, wide)? else {
            return Err(fail(codes::ERROR_INVALID_PARAMETER));
        };
        window::register_class(name, procedure, extra)
    })
}

/// Registers a window class (its name, procedure and `cbWndExtra`; styles, icons, cursors
/// and brushes are accepted and unused). Returns the class atom, or 0 with
/// `ERROR_CLASS_ALREADY_EXISTS` or `ERROR_INVALID_PARAMETER` (no name or procedure).
///
/// # Safety
/// `lpWndClass` must point to a `WNDCLASSA`.
#[no_mangle]
pub unsafe extern "C" fn RegisterClassA(lpWndClass: *const tagWNDCLASSA) -> u16 {
    register(lpWndClass.cast(), false, false)
}

/// `RegisterClassA` with UTF-16 names.
///
/// # Safety
/// `lpWndClass` must point to a `WNDCLASSW`.
#[no_mangle]
pub unsafe extern "C" fn RegisterClassW(lpWndClass: *const tagWNDCLASSW) -> u16 {
    register(lpWndClass.cast(), false, true)
}

/// `RegisterClassA` from a `WNDCLASSEXA` (`cbSize` must be its size, else
/// `ERROR_INVALID_PARAMETER`).
///
/// # Safety
/// `lpWndClass` must point to a `WNDCLASSEXA`.
#[no_mangle]
pub unsafe extern "C" fn RegisterClassExA(lpWndClass: *const tagWNDCLASSEXA) -> u16 {
    register(lpWndClass.cast(), true, false)
}

/// `RegisterClassExA` with UTF-16 names.
///
/// # Safety
/// `lpWndClass` must point to a `WNDCLASSEXW`.
#[no_mangle]
pub unsafe extern "C" fn RegisterClassExW(lpWndClass: *const tagWNDCLASSEXW) -> u16 {
    register(lpWndClass.cast(), true, true)
}

/// Removes a class (by name or atom). Fails with `ERROR_CLASS_DOES_NOT_EXIST`, or
/// `ERROR_CLASS_HAS_WINDOWS` while windows of it exist.
#[no_mangle]
pub extern "C" fn UnregisterClassA(lpClassName: *const c_char, hInstance: *mut c_void) -> i32 {
    let _ = hInstance;
    call(0, || {
        window::unregister_class(&class_name(lpClassName.cast(), false)?)?;
        Ok(1)
    })
}

/// `UnregisterClassA` with a UTF-16 name.
#[no_mangle]
pub extern "C" fn UnregisterClassW(lpClassName: *const u16, hInstance: *mut c_void) -> i32 {
    let _ = hInstance;
    call(0, || {
        window::unregister_class(&class_name(lpClassName.cast(), true)?)?;
        Ok(1)
    })
}

// ---- windows ---------------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn create_window(
    ex_style: u32,
    class: *const c_void,
    title: *const c_void,
    style: u32,
    pos: [i32; 4],
    parent: *mut c_void,
    menu: *mut c_void,
    instance: *mut c_void,
    param: *mut c_void,
    wide: bool,
) -> *mut c_void {
    let made = call(None, || {
        let w = window::create(NewWindow {
            class: class_name(class, wide)?,
            system_procedure: if wide {
                DefWindowProcW as *const () as usize
            } else {
                DefWindowProcA as *const () as usize
            },
            style: style as i32 as isize,
            ex_style: ex_style as isize,
            parent: parent as usize,
            id: menu as isize,
            instance: instance as usize,
        })?;
        Ok(Some(w))
    });
    let Some(w) = made else {
        return std::ptr::null_mut();
    };
    let create = tagCREATESTRUCTA {
        lpCreateParams: param,
        hInstance: instance,
        hMenu: menu,
        hwndParent: parent,
        cy: pos[3],
        cx: pos[2],
        y: pos[1],
        x: pos[0],
        style: style as i32,
        lpszName: title.cast(),
        lpszClass: class.cast(),
        dwExStyle: ex_style,
    };
    let l = std::ptr::addr_of!(create) as isize;
    let procedure = |w: &Window| w.procedure.load(std::sync::atomic::Ordering::Acquire);
    if run_procedure(procedure(&w), w.handle, WM_NCCREATE, 0, l) == 0
        || run_procedure(procedure(&w), w.handle, WM_CREATE, 0, l) == -1
    {
        destroy(&w);
        return std::ptr::null_mut();
    }
    w.handle as *mut c_void
}

/// Creates a window of a registered class (or of a system class: `Button`, `Static`, `Edit`,
/// `Message`, ..., whose procedure is `DefWindowProc`), owned by the calling thread: it receives
/// `WM_NCCREATE` (FALSE refuses) and `WM_CREATE` (-1 refuses), both with a `CREATESTRUCTA`
/// whose `lpCreateParams` is `lpParam`. Nothing is shown; `HWND_MESSAGE` as the parent makes
/// a message-only window, as does any other parent. Returns the window, or NULL (last error
/// `ERROR_CANNOT_FIND_WND_CLASS`, or what the procedure's refusal left).
///
/// # Safety
/// The names must be NULL, atoms or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn CreateWindowExA(
    dwExStyle: u32,
    lpClassName: *const c_char,
    lpWindowName: *const c_char,
    dwStyle: u32,
    X: i32,
    Y: i32,
    nWidth: i32,
    nHeight: i32,
    hWndParent: *mut c_void,
    hMenu: *mut c_void,
    hInstance: *mut c_void,
    lpParam: *mut c_void,
) -> *mut c_void {
    create_window(
        dwExStyle,
        lpClassName.cast(),
        lpWindowName.cast(),
        dwStyle,
        [X, Y, nWidth, nHeight],
        hWndParent,
        hMenu,
        hInstance,
        lpParam,
        false,
    )
}

/// `CreateWindowExA` with UTF-16 names (`CREATESTRUCTW`).
///
/// # Safety
/// As `CreateWindowExA`.
#[no_mangle]
pub unsafe extern "C" fn CreateWindowExW(
    dwExStyle: u32,
    lpClassName: *const u16,
    lpWindowName: *const u16,
    dwStyle: u32,
    X: i32,
    Y: i32,
    nWidth: i32,
    nHeight: i32,
    hWndParent: *mut c_void,
    hMenu: *mut c_void,
    hInstance: *mut c_void,
    lpParam: *mut c_void,
) -> *mut c_void {
    create_window(
        dwExStyle,
        lpClassName.cast(),
        lpWindowName.cast(),
        dwStyle,
        [X, Y, nWidth, nHeight],
        hWndParent,
        hMenu,
        hInstance,
        lpParam,
        true,
    )
}

/// Sends `WM_DESTROY` and `WM_NCDESTROY`, then forgets the window.
fn destroy(w: &Arc<Window>) {
    if w.begin_destroy() {
        let procedure = w.procedure.load(std::sync::atomic::Ordering::Acquire);
        run_procedure(procedure, w.handle, WM_DESTROY, 0, 0);
        run_procedure(procedure, w.handle, WM_NCDESTROY, 0, 0);
        w.forget();
    }
}

/// Destroys a window of the calling thread: its procedure gets `WM_DESTROY`, then
/// `WM_NCDESTROY`; its timers stop and its queued messages are dropped. Fails with
/// `ERROR_INVALID_WINDOW_HANDLE`, or `ERROR_ACCESS_DENIED` from another thread.
#[no_mangle]
pub extern "C" fn DestroyWindow(hWnd: *mut c_void) -> i32 {
    call(0, || {
        let w = window::lookup(hWnd as usize)?;
        if !w.owned_here() {
            return Err(fail(codes::ERROR_ACCESS_DENIED));
        }
        destroy(&w);
        Ok(1)
    })
}

/// Whether `hWnd` names a window.
#[no_mangle]
pub extern "C" fn IsWindow(hWnd: *mut c_void) -> i32 {
    i32::from(window::lookup(hWnd as usize).is_ok())
}

/// Windows are never shown: returns FALSE (it was not visible) and changes nothing.
#[no_mangle]
pub extern "C" fn ShowWindow(hWnd: *mut c_void, nCmdShow: i32) -> i32 {
    let _ = (hWnd, nCmdShow);
    0
}

/// Nothing to paint: TRUE for a window, FALSE otherwise.
#[no_mangle]
pub extern "C" fn UpdateWindow(hWnd: *mut c_void) -> i32 {
    IsWindow(hWnd)
}

/// The window text in the caller's encoding: UTF-8 bytes (`A`) or UTF-16 units (`W`).
fn encoded_text(w: &Window, wide: bool) -> Vec<u16> {
    let t = w.text.lock();
    if wide {
        t.encode_utf16().collect()
    } else {
        t.bytes().map(u16::from).collect()
    }
}

/// Copies at most `max - 1` characters of the window text and a NUL to `buffer`; the number
/// copied.
fn copy_text(w: &Window, buffer: usize, max: usize, wide: bool) -> WsaResult<isize> {
    if max == 0 || buffer == 0 {
        return Ok(0);
    }
    let mut units = encoded_text(w, wide);
    units.truncate(max - 1);
    let n = units.len();
    units.push(0);
    if wide {
        write_array(buffer as *mut u16, &units)?;
    } else {
        let bytes: Vec<u8> = units.iter().map(|&u| u as u8).collect();
        write_array(buffer as *mut u8, &bytes)?;
    }
    Ok(n as isize)
}

fn def_window_proc(hwnd: *mut c_void, message: u32, w: usize, l: isize, wide: bool) -> isize {
    let window = || window::lookup(hwnd as usize);
    match message {
        WM_NCCREATE => {
            // The title: `lpszName` of the CREATESTRUCT (its eighth word).
            let mut words = [0usize; 8];
            if let Ok(win) = window() {
                if l != 0 && read_array(l as *const usize, &mut words).is_ok() {
                    let name = words[7];
                    if name >= 0x1_0000 {
                        if let Ok(Some(t)) = text(name as *const c_void, wide) {
                            *win.text.lock() = t;
                        }
                    }
                }
            }
            1
        }
        WM_SETTEXT => match (window(), text(l as *const c_void, wide)) {
            (Ok(win), Ok(t)) => {
                *win.text.lock() = t.unwrap_or_default();
                1
            }
            _ => 0,
        },
        WM_GETTEXT => window()
            .and_then(|win| copy_text(&win, l as usize, w, wide))
            .unwrap_or(0),
        WM_GETTEXTLENGTH => window().map_or(0, |win| encoded_text(&win, wide).len() as isize),
        WM_QUERYENDSESSION | WM_QUERYOPEN => 1,
        WM_CLOSE => {
            DestroyWindow(hwnd);
            0
        }
        _ => 0,
    }
}

/// The default window procedure: `WM_NCCREATE` keeps the window's title (the `CREATESTRUCT`'s
/// `lpszName`) and answers TRUE; `WM_SETTEXT` replaces the text (TRUE), `WM_GETTEXT` copies
/// at most `wParam - 1` characters of it and a NUL to `lParam` (the number copied),
/// `WM_GETTEXTLENGTH` gives its length; `WM_CLOSE` destroys the window; `WM_QUERYENDSESSION`
/// (the session may end) and `WM_QUERYOPEN` answer TRUE; everything else 0. Text is UTF-8.
#[no_mangle]
pub extern "C" fn DefWindowProcA(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> isize {
    def_window_proc(hWnd, Msg, wParam, lParam, false)
}

/// `DefWindowProcA` with UTF-16 text.
#[no_mangle]
pub extern "C" fn DefWindowProcW(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> isize {
    def_window_proc(hWnd, Msg, wParam, lParam, true)
}

fn get_window_text(hwnd: *mut c_void, buffer: *mut c_void, max: i32) -> i32 {
    call(0, || {
        window::lookup(hwnd as usize)?;
        if max <= 0 || buffer.is_null() {
            return Ok(0);
        }
        Ok(send_message(hwnd, WM_GETTEXT, max as usize, buffer as isize) as i32)
    })
}

/// Copies the window's text (its title, or what `SetWindowText` gave it) into `lpString`, at
/// most `nMaxCount - 1` characters and a NUL: the window procedure answers `WM_GETTEXT` (with
/// `DefWindowProc`, the text kept). Returns the number of characters copied; 0 with
/// `ERROR_INVALID_WINDOW_HANDLE` for no window.
///
/// # Safety
/// `lpString` must be writable for `nMaxCount` characters.
#[no_mangle]
pub unsafe extern "C" fn GetWindowTextA(
    hWnd: *mut c_void,
    lpString: *mut c_char,
    nMaxCount: i32,
) -> i32 {
    get_window_text(hWnd, lpString.cast(), nMaxCount)
}

/// `GetWindowTextA` with UTF-16 text.
///
/// # Safety
/// As `GetWindowTextA`.
#[no_mangle]
pub unsafe extern "C" fn GetWindowTextW(
    hWnd: *mut c_void,
    lpString: *mut u16,
    nMaxCount: i32,
) -> i32 {
    get_window_text(hWnd, lpString.cast(), nMaxCount)
}

fn get_window_text_length(hwnd: *mut c_void) -> i32 {
    call(0, || {
        window::lookup(hwnd as usize)?;
        Ok(send_message(hwnd, WM_GETTEXTLENGTH, 0, 0) as i32)
    })
}

/// The length of the window's text in characters (the answer to `WM_GETTEXTLENGTH`); 0 with
/// `ERROR_INVALID_WINDOW_HANDLE` for no window.
#[no_mangle]
pub extern "C" fn GetWindowTextLengthA(hWnd: *mut c_void) -> i32 {
    get_window_text_length(hWnd)
}

/// `GetWindowTextLengthA` in UTF-16 units.
#[no_mangle]
pub extern "C" fn GetWindowTextLengthW(hWnd: *mut c_void) -> i32 {
    get_window_text_length(hWnd)
}

fn set_window_text(hwnd: *mut c_void, text: *const c_void) -> i32 {
    call(0, || {
        window::lookup(hwnd as usize)?;
        Ok(i32::from(
            send_message(hwnd, WM_SETTEXT, 0, text as isize) != 0,
        ))
    })
}

/// Changes the window's text: the window procedure gets `WM_SETTEXT` (with `DefWindowProc`,
/// the text is kept; NULL is an empty text). FALSE with `ERROR_INVALID_WINDOW_HANDLE` for no
/// window.
///
/// # Safety
/// `lpString` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn SetWindowTextA(hWnd: *mut c_void, lpString: *const c_char) -> i32 {
    set_window_text(hWnd, lpString.cast())
}

/// `SetWindowTextA` with UTF-16 text.
///
/// # Safety
/// `lpString` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn SetWindowTextW(hWnd: *mut c_void, lpString: *const u16) -> i32 {
    set_window_text(hWnd, lpString.cast())
}

/// The id of the thread that owns `hWnd` (and the process id into `lpdwProcessId` if not
/// NULL); 0 for no window.
#[no_mangle]
pub extern "C" fn GetWindowThreadProcessId(hWnd: *mut c_void, lpdwProcessId: *mut u32) -> u32 {
    call(0, || {
        let w = window::lookup(hWnd as usize)?;
        if !lpdwProcessId.is_null() {
            write_out(lpdwProcessId, std::process::id())?;
        }
        Ok(w.queue.thread)
    })
}

fn get_long(hwnd: *mut c_void, index: i32, size: usize) -> isize {
    use std::sync::atomic::Ordering::Acquire;
    call(0, || {
        let w = window::lookup(hwnd as usize)?;
        Ok(match index {
            GWLP_WNDPROC => w.procedure.load(Acquire) as isize,
            GWLP_HINSTANCE => w.instance as isize,
            GWLP_HWNDPARENT => w.parent as isize,
            GWLP_ID => w.id.load(Acquire),
            GWL_STYLE => w.style.load(Acquire),
            GWL_EXSTYLE => w.ex_style.load(Acquire),
            GWLP_USERDATA => w.user_data.load(Acquire),
            i if i >= 0 => w.extra_at(i as usize, size)? as isize,
            _ => return Err(fail(codes::ERROR_INVALID_INDEX)),
        })
    })
}

fn set_long(hwnd: *mut c_void, index: i32, value: isize, size: usize) -> isize {
    use std::sync::atomic::Ordering::AcqRel;
    call(0, || {
        let w = window::lookup(hwnd as usize)?;
        // Windows clears the last error on success: a previous value of 0 is then told apart
        // from a failure.
        set_last_error(0);
        Ok(match index {
            GWLP_WNDPROC if value == 0 => return Err(fail(codes::ERROR_INVALID_PARAMETER)),
            GWLP_WNDPROC => w.procedure.swap(value as usize, AcqRel) as isize,
            GWLP_ID => w.id.swap(value, AcqRel),
            GWL_STYLE => w.style.swap(value, AcqRel),
            GWL_EXSTYLE => w.ex_style.swap(value, AcqRel),
            GWLP_USERDATA => w.user_data.swap(value, AcqRel),
            i if i >= 0 => w.set_extra_at(i as usize, size, value as i64)? as isize,
            _ => return Err(fail(codes::ERROR_INVALID_INDEX)),
        })
    })
}

/// A window's value at `nIndex`: `GWLP_USERDATA`, `GWLP_WNDPROC`, `GWLP_ID`,
/// `GWLP_HINSTANCE`, `GWLP_HWNDPARENT`, `GWL_STYLE`, `GWL_EXSTYLE`, or 8 of the class's extra
/// bytes at a non-negative offset. 0 with `ERROR_INVALID_WINDOW_HANDLE` or
/// `ERROR_INVALID_INDEX` on failure.
#[no_mangle]
pub extern "C" fn GetWindowLongPtrA(hWnd: *mut c_void, nIndex: i32) -> isize {
    get_long(hWnd, nIndex, 8)
}

/// `GetWindowLongPtrA`.
#[no_mangle]
pub extern "C" fn GetWindowLongPtrW(hWnd: *mut c_void, nIndex: i32) -> isize {
    get_long(hWnd, nIndex, 8)
}

/// Sets a window's value at `nIndex` (as `GetWindowLongPtrA` names them; `GWLP_WNDPROC`
/// subclasses the window) and returns the previous one. A success sets the last error to 0.
#[no_mangle]
pub extern "C" fn SetWindowLongPtrA(hWnd: *mut c_void, nIndex: i32, dwNewLong: isize) -> isize {
    set_long(hWnd, nIndex, dwNewLong, 8)
}

/// `SetWindowLongPtrA`.
#[no_mangle]
pub extern "C" fn SetWindowLongPtrW(hWnd: *mut c_void, nIndex: i32, dwNewLong: isize) -> isize {
    set_long(hWnd, nIndex, dwNewLong, 8)
}

/// The 32-bit `GetWindowLongPtrA` (4 extra bytes at a non-negative offset; the other values
/// truncated to a LONG).
#[no_mangle]
pub extern "C" fn GetWindowLongA(hWnd: *mut c_void, nIndex: i32) -> i32 {
    get_long(hWnd, nIndex, 4) as i32
}

/// `GetWindowLongA`.
#[no_mangle]
pub extern "C" fn GetWindowLongW(hWnd: *mut c_void, nIndex: i32) -> i32 {
    get_long(hWnd, nIndex, 4) as i32
}

/// The 32-bit `SetWindowLongPtrA`.
#[no_mangle]
pub extern "C" fn SetWindowLongA(hWnd: *mut c_void, nIndex: i32, dwNewLong: i32) -> i32 {
    set_long(hWnd, nIndex, dwNewLong as isize, 4) as i32
}

/// `SetWindowLongA`.
#[no_mangle]
pub extern "C" fn SetWindowLongW(hWnd: *mut c_void, nIndex: i32, dwNewLong: i32) -> i32 {
    set_long(hWnd, nIndex, dwNewLong as isize, 4) as i32
}

// ---- messages --------------------------------------------------------------------------------

fn filter(hwnd: *mut c_void, min: u32, max: u32) -> Filter {
    Filter {
        hwnd: hwnd as usize,
        min,
        max,
        kinds: 0,
    }
}

/// A `hWnd` filter that names no window (not NULL, not `(HWND)-1`):
/// `ERROR_INVALID_WINDOW_HANDLE`, as Windows answers `GetMessage` and `PeekMessage`.
fn check_filter_window(hwnd: *mut c_void) -> WsaResult<()> {
    match hwnd as usize {
        0 | usize::MAX => Ok(()),
        h => window::lookup(h).map(|_| ()),
    }
}

fn get_message(msg: *mut tagMSG, hwnd: *mut c_void, min: u32, max: u32) -> i32 {
    call(-1, || {
        if msg.is_null() {
            return Err(fail(codes::ERROR_INVALID_PARAMETER));
        }
        check_filter_window(hwnd)?;
        let q = queue::current()?;
        let m = q
            .next(&filter(hwnd, min, max), true, true, &mut deliver)?
            .ok_or(fail(codes::ERROR_INVALID_PARAMETER))?;
        write_msg(msg, &m)?;
        Ok(i32::from(m.message != WM_QUIT))
    })
}

/// Waits for the calling thread's next message (of `hWnd`, or any with NULL; `(HWND)-1` for
/// thread messages only; between `wMsgFilterMin` and `wMsgFilterMax` unless both are 0),
/// running the messages other threads send meanwhile. Order: sent, posted, socket
/// notifications (`WSAAsyncSelect`), `WM_QUIT`, `WM_TIMER`. Returns TRUE, FALSE for `WM_QUIT`,
/// or -1 (`ERROR_INVALID_PARAMETER`: NULL `lpMsg`; `ERROR_INVALID_WINDOW_HANDLE`: `hWnd`
/// names no window, a destroyed one for instance).
///
/// # Safety
/// `lpMsg` must be NULL or point to a writable `MSG`.
#[no_mangle]
pub unsafe extern "C" fn GetMessageA(
    lpMsg: *mut tagMSG,
    hWnd: *mut c_void,
    wMsgFilterMin: u32,
    wMsgFilterMax: u32,
) -> i32 {
    get_message(lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax)
}

/// `GetMessageA`.
///
/// # Safety
/// As `GetMessageA`.
#[no_mangle]
pub unsafe extern "C" fn GetMessageW(
    lpMsg: *mut tagMSG,
    hWnd: *mut c_void,
    wMsgFilterMin: u32,
    wMsgFilterMax: u32,
) -> i32 {
    get_message(lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax)
}

fn peek_message(msg: *mut tagMSG, hwnd: *mut c_void, min: u32, max: u32, remove: u32) -> i32 {
    call(0, || {
        check_filter_window(hwnd)?;
        let q = queue::current()?;
        match q.next(
            &Filter {
                kinds: remove >> 16,
                ..filter(hwnd, min, max)
            },
            remove & PM_REMOVE != 0,
            false,
            &mut deliver,
        )? {
            Some(m) => {
                write_msg(msg, &m)?;
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

/// As `GetMessageA` without waiting: TRUE with the message (removed with `PM_REMOVE`, left
/// with `PM_NOREMOVE`), or FALSE when there is none (also with `ERROR_INVALID_WINDOW_HANDLE`
/// when `hWnd` names no window). `PM_QS_SENDMESSAGE`, `PM_QS_POSTMESSAGE` (posted messages,
/// socket notifications, `WM_QUIT`, timers), `PM_QS_INPUT` and `PM_QS_PAINT` (nothing: there
/// is no input and no painting) in `wRemoveMsg` limit the kinds looked at; `PM_NOYIELD` is
/// accepted. Also makes the thread's queue (the idiom a thread uses before others post to it).
///
/// # Safety
/// `lpMsg` must point to a writable `MSG`.
#[no_mangle]
pub unsafe extern "C" fn PeekMessageA(
    lpMsg: *mut tagMSG,
    hWnd: *mut c_void,
    wMsgFilterMin: u32,
    wMsgFilterMax: u32,
    wRemoveMsg: u32,
) -> i32 {
    peek_message(lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax, wRemoveMsg)
}

/// `PeekMessageA`.
///
/// # Safety
/// As `PeekMessageA`.
#[no_mangle]
pub unsafe extern "C" fn PeekMessageW(
    lpMsg: *mut tagMSG,
    hWnd: *mut c_void,
    wMsgFilterMin: u32,
    wMsgFilterMax: u32,
    wRemoveMsg: u32,
) -> i32 {
    peek_message(lpMsg, hWnd, wMsgFilterMin, wMsgFilterMax, wRemoveMsg)
}

/// Waits until the calling thread's queue has a message (or a socket notification, or a
/// due timer). Returns TRUE.
#[no_mangle]
pub extern "C" fn WaitMessage() -> i32 {
    call(0, || {
        let q = queue::current()?;
        let all = filter(std::ptr::null_mut(), 0, 0);
        q.next(&all, false, true, &mut deliver)?;
        Ok(1)
    })
}

/// There is no keyboard: returns FALSE and posts nothing.
///
/// # Safety
/// `lpMsg` is not read.
#[no_mangle]
pub unsafe extern "C" fn TranslateMessage(lpMsg: *const tagMSG) -> i32 {
    let _ = lpMsg;
    0
}

fn dispatch(msg: *const tagMSG) -> isize {
    call(0, || Ok(deliver(&read_msg(msg)?)))
}

/// Runs the message's window procedure and returns its result (a `WM_TIMER` with a timer
/// procedure runs that instead; a message without a window runs nothing and returns 0).
///
/// # Safety
/// `lpMsg` must point to a `MSG`.
#[no_mangle]
pub unsafe extern "C" fn DispatchMessageA(lpMsg: *const tagMSG) -> isize {
    dispatch(lpMsg)
}

/// `DispatchMessageA`.
///
/// # Safety
/// As `DispatchMessageA`.
#[no_mangle]
pub unsafe extern "C" fn DispatchMessageW(lpMsg: *const tagMSG) -> isize {
    dispatch(lpMsg)
}

fn post_message(hwnd: *mut c_void, message: u32, w: usize, l: isize) -> i32 {
    call(0, || {
        let m = Msg {
            hwnd: hwnd as usize,
            message,
            wparam: w,
            lparam: l,
        };
        match hwnd as usize {
            0 => queue::current()?.post(m),
            HWND_BROADCAST => window::all().iter().for_each(|w| {
                w.queue.post(Msg {
                    hwnd: w.handle,
                    ..m
                })
            }),
            h => window::lookup(h)?.queue.post(m),
        }
        Ok(1)
    })
}

/// Queues a message for a window's thread (NULL: the calling thread, as
/// `PostThreadMessage`; `HWND_BROADCAST`: every window) and returns at once. FALSE with
/// `ERROR_INVALID_WINDOW_HANDLE` for no window.
#[no_mangle]
pub extern "C" fn PostMessageA(hWnd: *mut c_void, Msg: u32, wParam: usize, lParam: isize) -> i32 {
    post_message(hWnd, Msg, wParam, lParam)
}

/// `PostMessageA`.
#[no_mangle]
pub extern "C" fn PostMessageW(hWnd: *mut c_void, Msg: u32, wParam: usize, lParam: isize) -> i32 {
    post_message(hWnd, Msg, wParam, lParam)
}

fn post_thread(thread: u32, message: u32, w: usize, l: isize) -> i32 {
    const ERROR_INVALID_THREAD_ID: i32 = 1444;
    call(0, || {
        let q = queue::of_thread(thread).ok_or(fail(ERROR_INVALID_THREAD_ID))?;
        q.post(Msg {
            hwnd: 0,
            message,
            wparam: w,
            lparam: l,
        });
        Ok(1)
    })
}

/// Queues a message (with no window) for thread `idThread`, which must have a queue (a
/// thread gets one with its first message call, `PeekMessage` for instance): FALSE with
/// `ERROR_INVALID_THREAD_ID` otherwise.
#[no_mangle]
pub extern "C" fn PostThreadMessageA(idThread: u32, Msg: u32, wParam: usize, lParam: isize) -> i32 {
    post_thread(idThread, Msg, wParam, lParam)
}

/// `PostThreadMessageA`.
#[no_mangle]
pub extern "C" fn PostThreadMessageW(idThread: u32, Msg: u32, wParam: usize, lParam: isize) -> i32 {
    post_thread(idThread, Msg, wParam, lParam)
}

/// `SendMessageTimeout`'s body: the procedure's result, or None when the owner did not
/// answer within `ms`.
fn send_with_timeout(
    win: &Arc<Window>,
    message: u32,
    w: usize,
    l: isize,
    ms: u32,
) -> Option<isize> {
    if win.owned_here() {
        let procedure = win.procedure.load(std::sync::atomic::Ordering::Acquire);
        return Some(run_procedure(procedure, win.handle, message, w, l));
    }
    let m = Msg {
        hwnd: win.handle,
        message,
        wparam: w,
        lparam: l,
    };
    let timeout = std::time::Duration::from_millis(u64::from(ms));
    win.queue.send_and_wait_for(m, &mut deliver, Some(timeout))
}

fn send_message_timeout(
    hwnd: *mut c_void,
    message: u32,
    w: usize,
    l: isize,
    ms: u32,
    result: *mut usize,
) -> isize {
    const ERROR_TIMEOUT: i32 = 1460;
    call(0, || {
        let answer = if hwnd as usize == HWND_BROADCAST {
            for win in window::all() {
                let _ = send_with_timeout(&win, message, w, l, ms);
            }
            0
        } else {
            let win = window::lookup(hwnd as usize)?;
            send_with_timeout(&win, message, w, l, ms).ok_or(fail(ERROR_TIMEOUT))?
        };
        if !result.is_null() {
            write_out(result, answer as usize)?;
        }
        Ok(1)
    })
}

/// `SendMessageA` that waits at most `uTimeout` ms for a window of another thread to answer:
/// nonzero with the procedure's result in `*lpdwResult` (may be NULL), or 0 with
/// `ERROR_TIMEOUT` (the owner still runs the message later; its result is dropped) or
/// `ERROR_INVALID_WINDOW_HANDLE`. `HWND_BROADCAST` sends to every window. `fuFlags`
/// (`SMTO_NORMAL`, `SMTO_BLOCK`, `SMTO_ABORTIFHUNG`, `SMTO_NOTIMEOUTIFNOTHUNG`) are accepted:
/// the sender always runs the messages sent to it meanwhile, and hung windows are not
/// detected.
///
/// # Safety
/// `lpdwResult` must be NULL or point to a writable `DWORD_PTR`.
#[no_mangle]
pub unsafe extern "C" fn SendMessageTimeoutA(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
    fuFlags: u32,
    uTimeout: u32,
    lpdwResult: *mut usize,
) -> isize {
    let _ = fuFlags;
    send_message_timeout(hWnd, Msg, wParam, lParam, uTimeout, lpdwResult)
}

/// `SendMessageTimeoutA`.
///
/// # Safety
/// As `SendMessageTimeoutA`.
#[no_mangle]
pub unsafe extern "C" fn SendMessageTimeoutW(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
    fuFlags: u32,
    uTimeout: u32,
    lpdwResult: *mut usize,
) -> isize {
    let _ = fuFlags;
    send_message_timeout(hWnd, Msg, wParam, lParam, uTimeout, lpdwResult)
}

fn send_notify(hwnd: *mut c_void, message: u32, w: usize, l: isize) -> i32 {
    call(0, || {
        let targets = if hwnd as usize == HWND_BROADCAST {
            window::all()
        } else {
            vec![window::lookup(hwnd as usize)?]
        };
        for win in targets {
            if win.owned_here() {
                let procedure = win.procedure.load(std::sync::atomic::Ordering::Acquire);
                run_procedure(procedure, win.handle, message, w, l);
            } else {
                win.queue.send_no_wait(Msg {
                    hwnd: win.handle,
                    message,
                    wparam: w,
                    lparam: l,
                });
            }
        }
        Ok(1)
    })
}

/// Sends a message without waiting for the answer: to a window of the calling thread it runs
/// the procedure at once (as `SendMessage`); to one of another thread it queues the message,
/// which the owner runs in its next message call before its posted messages, and returns at
/// once. `HWND_BROADCAST` sends to every window. FALSE with `ERROR_INVALID_WINDOW_HANDLE` for
/// no window.
#[no_mangle]
pub extern "C" fn SendNotifyMessageA(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> i32 {
    send_notify(hWnd, Msg, wParam, lParam)
}

/// `SendNotifyMessageA`.
#[no_mangle]
pub extern "C" fn SendNotifyMessageW(
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> i32 {
    send_notify(hWnd, Msg, wParam, lParam)
}

/// Whether the calling thread is running a message another thread sent with `SendMessage`
/// (the sender is waiting).
#[no_mangle]
pub extern "C" fn InSendMessage() -> i32 {
    i32::from(queue::in_send())
}

/// Answers the message another thread sent, from inside its procedure: the sender goes on
/// with `lResult` at once, and the procedure's own return value is dropped. FALSE when the
/// calling thread is not running a message sent from another thread, or it was answered.
#[no_mangle]
pub extern "C" fn ReplyMessage(lResult: isize) -> i32 {
    i32::from(queue::reply_early(lResult))
}

fn register_window_message(name: *const c_void, wide: bool) -> u32 {
    call(0, || {
        let name = text(name, wide)?.ok_or(fail(codes::ERROR_INVALID_PARAMETER))?;
        window::register_message(&name)
    })
}

/// A message number (0xC000 to 0xFFFF) for `lpString`, the same for every call with the same
/// name in any case: programs agree on private messages by name. 0 with
/// `ERROR_INVALID_PARAMETER` for NULL or an empty name.
///
/// # Safety
/// `lpString` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn RegisterWindowMessageA(lpString: *const c_char) -> u32 {
    register_window_message(lpString.cast(), false)
}

/// `RegisterWindowMessageA` with a UTF-16 name.
///
/// # Safety
/// `lpString` must be NULL or a NUL-terminated UTF-16 string.
#[no_mangle]
pub unsafe extern "C" fn RegisterWindowMessageW(lpString: *const u16) -> u32 {
    register_window_message(lpString.cast(), true)
}

/// The time (`GetTickCount` milliseconds) of the last message the calling thread's
/// `GetMessage` or `PeekMessage` returned: its `MSG.time`.
#[no_mangle]
pub extern "C" fn GetMessageTime() -> i32 {
    LAST_MESSAGE_TIME.with(|t| t.get()) as i32
}

/// The cursor position of the last message: always 0,0 (there is no cursor), as `MSG.pt`.
#[no_mangle]
pub extern "C" fn GetMessagePos() -> u32 {
    0
}

/// Calls a window procedure (the one `SetWindowLongPtr(GWLP_WNDPROC)` returned, when a
/// subclassed window passes messages on) and returns its result; NULL `lpPrevWndFunc` calls
/// nothing and returns 0.
#[no_mangle]
pub extern "C" fn CallWindowProcA(
    lpPrevWndFunc: WNDPROC,
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> isize {
    run_procedure(
        lpPrevWndFunc.map_or(0, |f| f as usize),
        hWnd as usize,
        Msg,
        wParam,
        lParam,
    )
}

/// `CallWindowProcA`.
#[no_mangle]
pub extern "C" fn CallWindowProcW(
    lpPrevWndFunc: WNDPROC,
    hWnd: *mut c_void,
    Msg: u32,
    wParam: usize,
    lParam: isize,
) -> isize {
    CallWindowProcA(lpPrevWndFunc, hWnd, Msg, wParam, lParam)
}

fn send_message(hwnd: *mut c_void, message: u32, w: usize, l: isize) -> isize {
    call(0, || {
        let win = window::lookup(hwnd as usize)?;
        if win.owned_here() {
            let procedure = win.procedure.load(std::sync::atomic::Ordering::Acquire);
            return Ok(run_procedure(procedure, win.handle, message, w, l));
        }
        let m = Msg {
            hwnd: win.handle,
            message,
            wparam: w,
            lparam: l,
        };
        Ok(win.queue.send_and_wait(m, &mut deliver))
    })
}

/// Runs a window's procedure with the message and returns its result: at once on the
/// window's own thread; from another thread, the owner runs it in its next message call
/// while the sender waits (and runs the messages sent to it meanwhile).
#[no_mangle]
pub extern "C" fn SendMessageA(hWnd: *mut c_void, Msg: u32, wParam: usize, lParam: isize) -> isize {
    send_message(hWnd, Msg, wParam, lParam)
}

/// `SendMessageA`.
#[no_mangle]
pub extern "C" fn SendMessageW(hWnd: *mut c_void, Msg: u32, wParam: usize, lParam: isize) -> isize {
    send_message(hWnd, Msg, wParam, lParam)
}

/// Asks the calling thread's message loop to end: `GetMessage` returns FALSE (with `WM_QUIT`
/// and `nExitCode` as `wParam`) once nothing else is posted.
#[no_mangle]
pub extern "C" fn PostQuitMessage(nExitCode: i32) {
    call((), || {
        queue::current()?.post_quit(nExitCode);
        Ok(())
    })
}

/// Starts (or restarts) a timer: `WM_TIMER` with `wParam` the id, every `uElapse` ms (at
/// least 10), for `hWnd` (then returns `nIDEvent`, or 1 for id 0) or, with NULL `hWnd`, for
/// the thread (then returns a new id between 256 and 32767, as Windows does). With
/// `lpTimerFunc`, `DispatchMessage` calls it instead of the window procedure. 0 with
/// `ERROR_INVALID_WINDOW_HANDLE` for no window, or `ERROR_NO_MORE_USER_HANDLES` when the
/// thread already has a timer with every id of that range.
#[no_mangle]
pub extern "C" fn SetTimer(
    hWnd: *mut c_void,
    nIDEvent: usize,
    uElapse: u32,
    lpTimerFunc: TIMERPROC,
) -> usize {
    call(0, || {
        let procedure = lpTimerFunc.map_or(0, |f| f as usize);
        Ok(match hWnd as usize {
            0 => queue::current()?
                .set_timer(0, nIDEvent, uElapse, procedure)
                .ok_or(fail(ERROR_NO_MORE_USER_HANDLES))?,
            h => {
                window::lookup(h)?
                    .queue
                    .set_timer(h, nIDEvent, uElapse, procedure);
                nIDEvent.max(1)
            }
        })
    })
}

/// Stops a timer. FALSE when there is no such timer.
#[no_mangle]
pub extern "C" fn KillTimer(hWnd: *mut c_void, uIDEvent: usize) -> i32 {
    call(0, || {
        let q = match hWnd as usize {
            0 => queue::current()?,
            h => window::lookup(h)?.queue.clone(),
        };
        if q.kill_timer(hWnd as usize, uIDEvent) {
            Ok(1)
        } else {
            Err(fail(codes::ERROR_INVALID_PARAMETER))
        }
    })
}

fn msg_wait(handles: *const *mut c_void, count: u32, ms: u32, mask: u32, flags: u32) -> u32 {
    use crate::handle::wait::{self, WaitOutcome};
    const WAIT_FAILED: u32 = 0xffff_ffff;
    call(WAIT_FAILED, || {
        if count as usize >= wait::WSA_MAXIMUM_WAIT_EVENTS || (count > 0 && handles.is_null()) {
            return Err(fail(codes::ERROR_INVALID_PARAMETER));
        }
        let mut raw = vec![0usize; count as usize];
        read_array(handles.cast::<usize>(), &mut raw)
            .map_err(|_| fail(codes::ERROR_INVALID_PARAMETER))?;
        // Events, threads, ... and sockets (`(HANDLE)s`, see `wait_target`).
        let mut in_table = vec![false; raw.len()];
        let mut objects = raw
            .iter()
            .zip(in_table.iter_mut())
            .map(|(&h, t)| {
                let (o, table) = super::win32_handles::wait_target(h)?;
                *t = table;
                Ok(o)
            })
            .collect::<WsaResult<Vec<_>>>()?;
        let q = queue::current()?;
        // The kinds of message in the mask that wake the wait: those that arrived since the
        // thread last looked at its queue, or (MWMO_INPUTAVAILABLE) any in the queue.
        let wanted = || {
            let (present, changed) = q.status();
            let bits = if flags & MWMO_INPUTAVAILABLE != 0 {
                present | changed
            } else {
                changed
            };
            bits & mask != 0
        };
        let deadline = (ms != INFINITE)
            .then(|| std::time::Instant::now() + std::time::Duration::from_millis(u64::from(ms)));
        objects.push(q.object().clone());
        let out = loop {
            q.arm();
            if flags & MWMO_WAITALL == 0 && wanted() {
                return Ok(count);
            }
            let left = deadline.map_or(INFINITE, |d| {
                d.saturating_duration_since(std::time::Instant::now())
                    .as_millis()
                    .min(u128::from(INFINITE - 1)) as u32
            });
            // A timer coming due sets nothing: wait until then when the mask asks for timers.
            let timer = if mask & queue::QS_TIMER != 0 {
                q.next_timer_ms()
            } else {
                INFINITE
            };
            let slice = left.min(timer);
            let out = wait::wait_objects_ex(
                &objects,
                flags & MWMO_WAITALL != 0,
                slice,
                |i| raw.get(i).copied().filter(|_| in_table[i]),
                flags & MWMO_ALERTABLE != 0,
            )?;
            match out {
                // Something arrived in the queue, or a timer came due: look again (a kind
                // the mask leaves out goes on waiting).
                WaitOutcome::Signalled(i) if i == count as usize && flags & MWMO_WAITALL == 0 => {}
                WaitOutcome::Timeout if slice < left => {}
                out => break out,
            }
        };
        Ok(match out {
            WaitOutcome::Signalled(i) => i as u32,
            WaitOutcome::Abandoned(i) => 0x80 + i as u32,
            WaitOutcome::Timeout => 0x102,
            WaitOutcome::IoCompletion => 0xC0,
        })
    })
}

/// Waits for one (or all, `fWaitAll`) of the objects, or for a message in the calling
/// thread's queue of a kind `dwWakeMask` names (`QS_POSTMESSAGE`: posted messages, socket
/// notifications and `WM_QUIT`; `QS_SENDMESSAGE`: messages other threads send; `QS_TIMER`:
/// due timers; `QS_ALLINPUT`, `QS_ALLEVENTS`, ...) that arrived since the thread last looked
/// at its queue (`GetMessage`, `PeekMessage`, `GetQueueStatus`), as on Windows: a message
/// already seen and left in the queue does not end the wait. Returns `WAIT_OBJECT_0 + i` for
/// object `i`, `WAIT_OBJECT_0 + nCount` for a message, `WAIT_TIMEOUT`, or `WAIT_FAILED`.
///
/// # Safety
/// `pHandles` must be readable for `nCount` handles.
#[no_mangle]
pub unsafe extern "C" fn MsgWaitForMultipleObjects(
    nCount: u32,
    pHandles: *const *mut c_void,
    fWaitAll: i32,
    dwMilliseconds: u32,
    dwWakeMask: u32,
) -> u32 {
    let flags = if fWaitAll != 0 { MWMO_WAITALL } else { 0 };
    msg_wait(pHandles, nCount, dwMilliseconds, dwWakeMask, flags)
}

/// `MsgWaitForMultipleObjects` with flags: `MWMO_WAITALL`, `MWMO_ALERTABLE` (queued APCs run
/// and end the wait with `WAIT_IO_COMPLETION`), `MWMO_INPUTAVAILABLE` (any message of the
/// mask's kinds in the queue ends the wait, seen before or not).
///
/// # Safety
/// As `MsgWaitForMultipleObjects`.
#[no_mangle]
pub unsafe extern "C" fn MsgWaitForMultipleObjectsEx(
    nCount: u32,
    pHandles: *const *mut c_void,
    dwMilliseconds: u32,
    dwWakeMask: u32,
    dwFlags: u32,
) -> u32 {
    msg_wait(pHandles, nCount, dwMilliseconds, dwWakeMask, dwFlags)
}

/// The kinds of message in the calling thread's queue (`QS_POSTMESSAGE`, `QS_ALLPOSTMESSAGE`,
/// `QS_SENDMESSAGE`, `QS_TIMER` for a due timer) in the high word, and the kinds that arrived
/// since the last `GetQueueStatus`, `GetMessage` or `PeekMessage` in the low word, both
/// limited to `flags`; the kinds in `flags` then count as seen. 0 with `ERROR_INVALID_FLAGS`
/// for a bit that is no `QS_*` kind.
#[no_mangle]
pub extern "C" fn GetQueueStatus(flags: u32) -> u32 {
    const ERROR_INVALID_FLAGS: i32 = 1004;
    call(0, || {
        if flags & !QS_VALID != 0 {
            return Err(fail(ERROR_INVALID_FLAGS));
        }
        let q = queue::current()?;
        let (present, changed) = q.status();
        q.mark_seen(flags);
        Ok(((present & flags) << 16) | (changed & flags))
    })
}

/// Whether mouse or keyboard input waits in the calling thread's queue: always FALSE (there
/// is no input).
#[no_mangle]
pub extern "C" fn GetInputState() -> i32 {
    0
}

// ---- WSAAsyncSelect --------------------------------------------------------------------------

/// Asks for window messages about a socket's network events: for each `FD_*` event in
/// `lEvent`, `wMsg` is posted to `hWnd` with `wParam` the socket and `lParam`
/// `WSAMAKESELECTREPLY(event, error)`, under the same rules as `WSAEventSelect` (one message
/// per event until the call that re-enables it: `recv` for `FD_READ`, `send` after a
/// `WSAEWOULDBLOCK` for `FD_WRITE`, `accept` for `FD_ACCEPT`, ...). Unlike `WSAEventSelect`,
/// every call posts again what holds (unread data, a waiting connection, room to send, a
/// closed connection), never `FD_CONNECT` for a connection made before the call; a datagram
/// socket's `connect` posts `FD_WRITE` and no `FD_CONNECT`, as Windows does. Replaces an
/// earlier `WSAAsyncSelect` or `WSAEventSelect`; `lEvent` 0 cancels (messages already queued
/// stay). The socket becomes non-blocking. The notifications are produced in the window thread's
/// message calls (`GetMessage`, `PeekMessage`, `MsgWaitForMultipleObjects`).
///
/// Errors: `WSAEINVAL` (unknown event bits, or `hWnd` names no window while `lEvent` is not
/// 0), `WSAENOTSOCK`, `WSANOTINITIALISED`.
#[no_mangle]
pub extern "C" fn WSAAsyncSelect(s: SOCKET, hWnd: *mut c_void, wMsg: u32, lEvent: i32) -> i32 {
    call_ok(SOCKET_ERROR, || {
        let sock = socket(s)?;
        if lEvent & !FD_ALL_EVENTS != 0 {
            return Err(WsaError::WSAEINVAL);
        }
        if lEvent == 0 {
            // The queue drops a socket no longer selected to it at its next pass.
            sock.event_select(None, 0, true)?;
            return Ok(0);
        }
        let w = window::lookup(hWnd as usize).map_err(|_| WsaError::WSAEINVAL)?;
        sock.event_select(Some(w.queue.event().clone()), lEvent as u32, true)?;
        w.queue.add_socket(s, w.handle, wMsg);
        Ok(0)
    })
}
