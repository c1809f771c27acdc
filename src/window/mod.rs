//! Windows that are never shown, and the message queues of the threads that own them: the part
//! of USER32's message model that Winsock programs lean on. A program that learns about its
//! sockets through window messages (`WSAAsyncSelect`) creates a window (often a hidden or
//! message-only one), runs a `GetMessage` / `DispatchMessage` loop, and handles `WM_TIMER`,
//! its own posted messages and the socket notifications in the window procedure.
//!
//! - A window class is a name (case-insensitive) or atom, a window procedure and the size of
//!   the extra bytes of its windows. A window belongs to the thread that created it; its
//!   messages go to that thread's queue ([`queue`]).
//! - The system's classes (`Button`, `Static`, `Edit`, ... and `Message`) exist without
//!   registration, as on Windows, where programs create their hidden windows from them; their
//!   procedure is the default one (no control draws or reacts to input), and a class the
//!   program registers under the same name is found first.
//! - Nothing is drawn: styles, positions, menus and parents are kept only as values the
//!   program can read back.
//! - The calls that run the program's code (window and timer procedures) are made by the ABI
//!   layer; this module keeps the state and decides what runs when.

pub mod queue;

use crate::error::{WsaError, WsaResult};
use parking_lot::Mutex;
use queue::Queue;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Win32 error codes of the window calls.
pub(crate) mod codes {
    pub(crate) const ERROR_ACCESS_DENIED: i32 = 5;
    pub(crate) const ERROR_INVALID_PARAMETER: i32 = 87;
    pub(crate) const ERROR_INVALID_WINDOW_HANDLE: i32 = 1400;
    pub(crate) const ERROR_CANNOT_FIND_WND_CLASS: i32 = 1407;
    pub(crate) const ERROR_CLASS_ALREADY_EXISTS: i32 = 1410;
    pub(crate) const ERROR_CLASS_DOES_NOT_EXIST: i32 = 1411;
    pub(crate) const ERROR_CLASS_HAS_WINDOWS: i32 = 1412;
    pub(crate) const ERROR_INVALID_INDEX: i32 = 1413;
}

/// A registered window class.
pub struct Class {
    /// The name as registered (lookups ignore case).
    pub name: String,
    pub atom: u16,
    /// The window procedure new windows of the class start with.
    pub procedure: usize,
    /// Extra bytes each window of the class carries (`cbWndExtra`).
    pub window_extra: usize,
}

/// What a class is looked up by: `lpszClassName` is either a string or an atom
/// (`MAKEINTATOM`).
pub enum ClassName {
    Name(String),
    Atom(u16),
}

/// A window.
pub struct Window {
    pub handle: usize,
    pub class: Arc<Class>,
    /// The owning thread's queue.
    pub queue: Arc<Queue>,
    pub procedure: AtomicUsize,
    pub user_data: AtomicIsize,
    pub style: AtomicIsize,
    pub ex_style: AtomicIsize,
    pub id: AtomicIsize,
    pub instance: usize,
    pub parent: usize,
    extra: Mutex<Vec<u8>>,
    /// The window's text (its title): what `DefWindowProc` keeps from `WM_NCCREATE` and
    /// `WM_SETTEXT` and answers `WM_GETTEXT` with.
    pub text: Mutex<String>,
    destroyed: AtomicBool,
}

struct Registry {
    classes: Vec<Arc<Class>>,
    /// The system classes made so far (see [`SYSTEM_CLASSES`]).
    system: Vec<Arc<Class>>,
    windows: HashMap<usize, Arc<Window>>,
    /// `RegisterWindowMessage`'s names (lower case) and their numbers.
    messages: HashMap<String, u16>,
    next_atom: u16,
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        Mutex::new(Registry {
            classes: Vec::new(),
            system: Vec::new(),
            windows: HashMap::new(),
            messages: HashMap::new(),
            next_atom: 0xC000,
        })
    })
}

/// Window handles: even values well above the handle table's, never reused while the process
/// runs (a stale HWND names no window rather than a new one).
static NEXT_HANDLE: AtomicUsize = AtomicUsize::new(0x0001_0010);

fn find_class<'a>(classes: &'a [Arc<Class>], name: &ClassName) -> Option<&'a Arc<Class>> {
    classes.iter().find(|c| match name {
        ClassName::Name(n) => c.name.eq_ignore_ascii_case(n),
        ClassName::Atom(a) => c.atom == *a,
    })
}

/// The classes Windows predefines for every process (the controls, MDI client and the
/// message-only window's class), spelled as Windows names them.
const SYSTEM_CLASSES: &[&str] = &[
    "Button",
    "ComboBox",
    "ComboLBox",
    "Edit",
    "ListBox",
    "MDIClient",
    "Message",
    "ScrollBar",
    "Static",
];

/// The system class named `name` (any case), made on first use with `procedure` (the default
/// window procedure) and an atom of its own.
fn system_class(r: &mut Registry, name: &ClassName, procedure: usize) -> Option<Arc<Class>> {
    if let Some(c) = find_class(&r.system, name) {
        return Some(c.clone());
    }
    let ClassName::Name(n) = name else {
        return None;
    };
    let spelled = SYSTEM_CLASSES.iter().find(|s| s.eq_ignore_ascii_case(n))?;
    let atom = r.next_atom;
    r.next_atom = r.next_atom.checked_add(1).unwrap_or(0xC000);
    let class = Arc::new(Class {
        name: (*spelled).to_string(),
        atom,
        procedure,
        window_extra: 0,
    });
    r.system.push(class.clone());
    Some(class)
}

/// `RegisterClass(Ex)`: the class's atom. A name already registered fails with
/// `ERROR_CLASS_ALREADY_EXISTS`.
pub fn register_class(name: String, procedure: usize, window_extra: usize) -> WsaResult<u16> {
    if name.is_empty() || procedure == 0 {
        return Err(WsaError(codes::ERROR_INVALID_PARAMETER));
    }
    let mut r = registry().lock();
    if find_class(&r.classes, &ClassName::Name(name.clone())).is_some() {
        return Err(WsaError(codes::ERROR_CLASS_ALREADY_EXISTS));
    }
    let atom = r.next_atom;
    r.next_atom = r.next_atom.checked_add(1).unwrap_or(0xC000);
    r.classes.push(Arc::new(Class {
        name,
        atom,
        procedure,
        window_extra,
    }));
    Ok(atom)
}

/// `RegisterWindowMessage`: the message number for `name` (any case), the same for every
/// caller, from the atom range (0xC000 to 0xFFFF) the classes' atoms also come from.
pub fn register_message(name: &str) -> WsaResult<u32> {
    if name.is_empty() {
        return Err(WsaError(codes::ERROR_INVALID_PARAMETER));
    }
    let mut r = registry().lock();
    let key = name.to_lowercase();
    if let Some(&n) = r.messages.get(&key) {
        return Ok(u32::from(n));
    }
    let n = r.next_atom;
    r.next_atom = r.next_atom.checked_add(1).unwrap_or(0xC000);
    r.messages.insert(key, n);
    Ok(u32::from(n))
}

/// `UnregisterClass`: fails while windows of the class exist.
pub fn unregister_class(name: &ClassName) -> WsaResult<()> {
    let mut r = registry().lock();
    let class = find_class(&r.classes, name)
        .cloned()
        .ok_or(WsaError(codes::ERROR_CLASS_DOES_NOT_EXIST))?;
    if r.windows.values().any(|w| Arc::ptr_eq(&w.class, &class)) {
        return Err(WsaError(codes::ERROR_CLASS_HAS_WINDOWS));
    }
    r.classes.retain(|c| !Arc::ptr_eq(c, &class));
    Ok(())
}

/// What `CreateWindowEx` records about a new window.
pub struct NewWindow {
    pub class: ClassName,
    /// The procedure of a system class's windows (`DefWindowProc`).
    pub system_procedure: usize,
    pub style: isize,
    pub ex_style: isize,
    pub parent: usize,
    pub id: isize,
    pub instance: usize,
}

/// Makes a window owned by the calling thread. The caller then sends it `WM_NCCREATE` and
/// `WM_CREATE` (and [`destroy`]s it if either refuses).
pub fn create(new: NewWindow) -> WsaResult<Arc<Window>> {
    let mut r = registry().lock();
    // A system class's window gets the default procedure of the call that made it
    // (`DefWindowProcW` for `CreateWindowExW`): its text is kept in the caller's encoding.
    let (class, procedure) = match find_class(&r.classes, &new.class).cloned() {
        Some(c) => {
            let procedure = c.procedure;
            (c, procedure)
        }
        None => (
            system_class(&mut r, &new.class, new.system_procedure)
                .ok_or(WsaError(codes::ERROR_CANNOT_FIND_WND_CLASS))?,
            new.system_procedure,
        ),
    };
    let handle = NEXT_HANDLE.fetch_add(0x10, Ordering::Relaxed);
    let window = Arc::new(Window {
        handle,
        procedure: AtomicUsize::new(procedure),
        extra: Mutex::new(vec![0; class.window_extra]),
        class,
        queue: queue::current()?,
        user_data: AtomicIsize::new(0),
        style: AtomicIsize::new(new.style),
        ex_style: AtomicIsize::new(new.ex_style),
        id: AtomicIsize::new(new.id),
        instance: new.instance,
        parent: new.parent,
        text: Mutex::new(String::new()),
        destroyed: AtomicBool::new(false),
    });
    r.windows.insert(handle, window.clone());
    Ok(window)
}

/// The window a handle names (`ERROR_INVALID_WINDOW_HANDLE` otherwise).
pub fn lookup(handle: usize) -> WsaResult<Arc<Window>> {
    registry()
        .lock()
        .windows
        .get(&handle)
        .cloned()
        .ok_or(WsaError(codes::ERROR_INVALID_WINDOW_HANDLE))
}

/// Forgets the windows of a thread that ended.
fn forget_windows_of(queue: &Arc<Queue>) {
    let mut r = registry().lock();
    r.windows.retain(|_, w| !Arc::ptr_eq(&w.queue, queue));
}

/// Every window (`HWND_BROADCAST`).
pub fn all() -> Vec<Arc<Window>> {
    registry().lock().windows.values().cloned().collect()
}

impl Window {
    /// Whether the calling thread owns the window (only it may destroy it).
    pub fn owned_here(&self) -> bool {
        self.queue.thread == crate::handle::thread::current_id()
    }

    /// Marks the window destroyed: the first call returns true (the caller sends
    /// `WM_DESTROY`/`WM_NCDESTROY` and then calls [`Window::forget`]).
    pub fn begin_destroy(&self) -> bool {
        !self.destroyed.swap(true, Ordering::AcqRel)
    }

    /// Removes the destroyed window: its handle names nothing any more, its timers stop and
    /// the messages still queued for it are dropped.
    pub fn forget(&self) {
        registry().lock().windows.remove(&self.handle);
        self.queue.forget_window(self.handle);
    }

    /// `GetWindowLongPtr` of a non-negative index: the extra bytes at `offset`.
    pub fn extra_at(&self, offset: usize, size: usize) -> WsaResult<i64> {
        let extra = self.extra.lock();
        let bytes = extra
            .get(offset..offset.saturating_add(size))
            .ok_or(WsaError(codes::ERROR_INVALID_INDEX))?;
        let mut v = [0u8; 8];
        v[..size].copy_from_slice(bytes);
        Ok(i64::from_ne_bytes(v))
    }

    /// `SetWindowLongPtr` of a non-negative index: stores `value`'s low `size` bytes, returns
    /// the previous value.
    pub fn set_extra_at(&self, offset: usize, size: usize, value: i64) -> WsaResult<i64> {
        let mut extra = self.extra.lock();
        let bytes = extra
            .get_mut(offset..offset.saturating_add(size))
            .ok_or(WsaError(codes::ERROR_INVALID_INDEX))?;
        let mut old = [0u8; 8];
        old[..size].copy_from_slice(bytes);
        bytes.copy_from_slice(&value.to_ne_bytes()[..size]);
        Ok(i64::from_ne_bytes(old))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_found_by_name_in_any_case_or_by_atom() {
        let atom = register_class("Ws2mpTestClass".into(), 1, 8).unwrap();
        assert!(atom >= 0xC000);
        assert_eq!(
            register_class("WS2MPTESTCLASS".into(), 1, 0).err(),
            Some(WsaError(codes::ERROR_CLASS_ALREADY_EXISTS))
        );
        let w = create(NewWindow {
            class: ClassName::Atom(atom),
            system_procedure: 0,
            style: 0,
            ex_style: 0,
            parent: 0,
            id: 0,
            instance: 0,
        })
        .unwrap();
        assert_eq!(w.set_extra_at(0, 8, -5).unwrap(), 0);
        assert_eq!(w.extra_at(0, 8).unwrap(), -5);
        assert!(w.extra_at(4, 8).is_err(), "past the extra bytes");
        assert_eq!(
            unregister_class(&ClassName::Name("ws2mptestclass".into())).err(),
            Some(WsaError(codes::ERROR_CLASS_HAS_WINDOWS))
        );
        assert!(w.begin_destroy());
        assert!(!w.begin_destroy(), "destroyed once");
        w.forget();
        assert!(lookup(w.handle).is_err());
        unregister_class(&ClassName::Name("ws2mptestclass".into())).unwrap();
    }

    #[test]
    fn system_classes_need_no_registration_and_a_registered_one_comes_first() {
        let make = |name: &str| {
            create(NewWindow {
                class: ClassName::Name(name.into()),
                system_procedure: 7,
                style: 0,
                ex_style: 0,
                parent: 0,
                id: 0,
                instance: 0,
            })
        };
        let button = make("button").unwrap();
        assert_eq!(button.class.name, "Button");
        assert_eq!(button.procedure.load(Ordering::Relaxed), 7);
        let again = make("BUTTON").unwrap();
        assert!(
            Arc::ptr_eq(&button.class, &again.class),
            "one class per name"
        );
        assert_eq!(
            make("NoSuchClassWs2mp").err(),
            Some(WsaError(codes::ERROR_CANNOT_FIND_WND_CLASS))
        );
        register_class("Edit".into(), 9, 0).unwrap();
        let edit = make("edit").unwrap();
        assert_eq!(
            edit.procedure.load(Ordering::Relaxed),
            9,
            "the program's class first"
        );
        for w in [button, again, edit] {
            w.begin_destroy();
            w.forget();
        }
        unregister_class(&ClassName::Name("Edit".into())).unwrap();
    }

    #[test]
    fn the_windows_of_a_thread_go_when_it_ends() {
        let atom = register_class("Ws2mpThreadWindows".into(), 1, 0).unwrap();
        let handle = std::thread::spawn(move || {
            let w = create(NewWindow {
                class: ClassName::Atom(atom),
                system_procedure: 0,
                style: 0,
                ex_style: 0,
                parent: 0,
                id: 0,
                instance: 0,
            })
            .unwrap();
            assert!(lookup(w.handle).is_ok());
            w.handle
        })
        .join()
        .unwrap();
        assert!(lookup(handle).is_err(), "the window went with its thread");
        unregister_class(&ClassName::Atom(atom)).unwrap();
    }
}
