//! A thread's message queue, made on the thread's first message call.
//!
//! What `GetMessage` / `PeekMessage` return, in Windows' order: messages other threads *sent*
//! are run first (their senders wait for the result); then posted messages, oldest first; then
//! the socket notifications of `WSAAsyncSelect` (taken from the sockets' network-event records,
//! one message a recorded event, connection events first and `FD_CLOSE` last); then `WM_QUIT`
//! once `PostQuitMessage` was called and nothing is posted; then `WM_TIMER` of a due timer. A
//! blocking `GetMessage` waits on the queue's event object, to which the `WSAAsyncSelect`
//! sockets are selected: the waiting thread harvests their readiness itself, as a
//! `WSAWaitForMultipleEvents` does, and posting or sending from another thread sets the event.

use crate::error::WsaResult;
use crate::handle::{wait, Kind, Object};
use parking_lot::{Condvar, Mutex};
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, OnceLock, Weak};
use std::time::{Duration, Instant};

pub(crate) const WM_QUIT: u32 = 0x0012;
pub(crate) const WM_TIMER: u32 = 0x0113;
/// The order in which one socket's recorded events become messages (`FD_*` bit numbers): the
/// connection first (`FD_CONNECT`, `FD_ACCEPT`), then data (`FD_READ`, `FD_OOB`), `FD_WRITE`,
/// the QOS and address-list events, and `FD_CLOSE` last, as Windows posts them for a
/// connection that is established, written and closed in one go.
const NOTIFICATION_ORDER: [usize; 10] = [4, 3, 0, 2, 1, 6, 7, 8, 9, 5];
/// The `QS_*` kinds of message a queue tells apart (`GetQueueStatus`, the wake mask of
/// `MsgWaitForMultipleObjects`, the `PM_QS_*` flags of `PeekMessage` shifted down 16 bits).
pub(crate) const QS_POSTMESSAGE: u32 = 0x0008;
pub(crate) const QS_TIMER: u32 = 0x0010;
pub(crate) const QS_HOTKEY: u32 = 0x0080;
pub(crate) const QS_SENDMESSAGE: u32 = 0x0040;
pub(crate) const QS_ALLPOSTMESSAGE: u32 = 0x0100;
/// The shortest timer interval (`USER_TIMER_MINIMUM`); shorter ones are raised to it.
const TIMER_MINIMUM: Duration = Duration::from_millis(10);

/// A message (`MSG` without its time and cursor position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg {
    pub hwnd: usize,
    pub message: u32,
    pub wparam: usize,
    pub lparam: isize,
}

/// Which messages a `GetMessage` / `PeekMessage` takes: `hwnd` 0 for every message of the
/// thread, `usize::MAX` (`(HWND)-1`) for the thread's own (posted with no window); `min` and
/// `max` both 0 for every message number; `kinds` the `QS_*` kinds it looks at (the `PM_QS_*`
/// flags of `PeekMessage`), 0 for every kind.
#[derive(Clone, Copy)]
pub struct Filter {
    pub hwnd: usize,
    pub min: u32,
    pub max: u32,
    pub kinds: u32,
}

impl Filter {
    /// Whether the call looks at messages of kind `qs` (a `QS_*` bit).
    fn looks_at(&self, qs: u32) -> bool {
        self.kinds == 0 || self.kinds & qs != 0
    }

    fn takes(&self, m: &Msg) -> bool {
        let window = match self.hwnd {
            0 => true,
            usize::MAX => m.hwnd == 0,
            h => m.hwnd == h,
        };
        window && self.takes_number(m.message)
    }

    fn takes_number(&self, message: u32) -> bool {
        (self.min == 0 && self.max == 0) || (self.min..=self.max).contains(&message)
    }
}

/// The answer a sender waits for.
#[derive(Default)]
struct Reply {
    value: Mutex<Option<isize>>,
    done: Condvar,
}

struct Timer {
    hwnd: usize,
    id: usize,
    interval: Duration,
    due: Instant,
    procedure: usize,
}

/// A socket `WSAAsyncSelect` pointed at a window of this thread.
#[derive(Clone, Copy)]
struct AsyncSocket {
    socket: usize,
    hwnd: usize,
    message: u32,
}

#[derive(Default)]
struct State {
    posted: VecDeque<Msg>,
    sent: VecDeque<(Msg, Arc<Reply>)>,
    quit: Option<i32>,
    timers: Vec<Timer>,
    next_timer_id: usize,
    sockets: Vec<AsyncSocket>,
    /// The `QS_*` kinds that arrived since the thread last looked (`GetQueueStatus`,
    /// `GetMessage`, `PeekMessage`): what a `MsgWaitForMultipleObjects` without
    /// `MWMO_INPUTAVAILABLE` wakes for. Timers are counted apart (`timers_seen`).
    changed: u32,
    /// Timers that came due before this instant were seen already (not "changed").
    timers_seen: Option<Instant>,
    /// The owning thread has ended: nothing will run what is sent.
    ended: bool,
}

pub struct Queue {
    pub thread: u32,
    /// Set whenever something arrives; the thread waits on it.
    object: Arc<Object>,
    state: Mutex<State>,
}

fn queues() -> &'static Mutex<HashMap<u32, Weak<Queue>>> {
    static QUEUES: OnceLock<Mutex<HashMap<u32, Weak<Queue>>>> = OnceLock::new();
    QUEUES.get_or_init(Default::default)
}

/// Keeps the thread's queue; when the thread ends, its queue goes (a later
/// `PostThreadMessage` to it fails), its windows go (without messages: nothing of the thread
/// runs any more) and senders waiting on it get 0.
struct Current(Arc<Queue>);

impl Drop for Current {
    fn drop(&mut self) {
        queues().lock().remove(&self.0.thread);
        super::forget_windows_of(&self.0);
        let mut st = self.0.state.lock();
        st.ended = true;
        for (_, reply) in st.sent.drain(..) {
            reply.give(0);
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// The calling thread's queue (made on first use; that can fail for want of descriptors).
pub fn current() -> WsaResult<Arc<Queue>> {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(q) = c.as_ref() {
            return Ok(q.0.clone());
        }
        let thread = crate::handle::thread::current_id();
        crate::handle::thread::set_message_queue_exit(thread_exit);
        let object = Object::new(Kind::Event { auto_reset: false }, None, false)?;
        let q = Arc::new(Queue {
            thread,
            object,
            state: Mutex::new(State::default()),
        });
        queues().lock().insert(thread, Arc::downgrade(&q));
        *c = Some(Current(q.clone()));
        Ok(q)
    })
}

/// The calling thread is ending: its queue goes now, before its handle is signalled, as on
/// Windows, where a thread seen to have ended has no queue (`PostThreadMessage` to it fails)
/// and no windows.
pub fn thread_exit() {
    let ending = CURRENT.try_with(|c| c.borrow_mut().take()).ok().flatten();
    drop(ending);
}

/// The queue of thread `id`, if the thread has one (`PostThreadMessage`).
pub fn of_thread(id: u32) -> Option<Arc<Queue>> {
    queues().lock().get(&id).and_then(Weak::upgrade)
}

/// An accepted socket takes over its listener's `WSAAsyncSelect` (window and message), as it
/// takes over the listener's event selection (`accept`, `WSAAccept`).
pub fn inherit_async_select(listener: usize, accepted: usize) {
    let all: Vec<Arc<Queue>> = queues().lock().values().filter_map(Weak::upgrade).collect();
    for q in all {
        let mut st = q.state.lock();
        if let Some(parent) = st.sockets.iter().find(|s| s.socket == listener).copied() {
            st.sockets.retain(|s| s.socket != accepted);
            st.sockets.push(AsyncSocket {
                socket: accepted,
                ..parent
            });
            drop(st);
            q.wake();
            return;
        }
    }
}

impl Reply {
    /// Answers the sender, once: a later answer (the procedure's result after a
    /// `ReplyMessage`) is dropped.
    fn give(&self, v: isize) {
        let mut value = self.value.lock();
        if value.is_none() {
            *value = Some(v);
            self.done.notify_all();
        }
    }
}

thread_local! {
    /// The answers of the messages from other threads this thread is running (innermost
    /// last): `InSendMessage`, `ReplyMessage`.
    static RUNNING_SENT: RefCell<Vec<Arc<Reply>>> = const { RefCell::new(Vec::new()) };
}

/// `InSendMessage`: whether the calling thread is running a message another thread sent.
pub fn in_send() -> bool {
    RUNNING_SENT.with(|r| !r.borrow().is_empty())
}

/// `ReplyMessage`: answers the message from another thread the calling thread is running
/// (the sender goes on at once; the procedure's own result is then dropped). False outside
/// such a message, or when it was answered already.
pub fn reply_early(v: isize) -> bool {
    RUNNING_SENT.with(|r| {
        let Some(reply) = r.borrow().last().cloned() else {
            return false;
        };
        let mut value = reply.value.lock();
        if value.is_some() {
            return false;
        }
        *value = Some(v);
        reply.done.notify_all();
        true
    })
}

/// `WSAMAKESELECTREPLY(event, error)` (the `LPARAM` of a socket notification), which is also
/// `WSAMAKEASYNCREPLY(length, error)`.
pub fn make_reply(low: u32, error: i32) -> isize {
    ((error as u32) << 16 | (low & 0xffff)) as i32 as isize
}

impl Queue {
    fn wake(&self) {
        self.object.event.set();
    }

    /// `PostMessage` / `PostThreadMessage`.
    pub fn post(&self, m: Msg) {
        let mut st = self.state.lock();
        st.posted.push_back(m);
        st.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
        drop(st);
        self.wake();
    }

    /// `PostQuitMessage`: `WM_QUIT` comes once nothing else is posted.
    pub fn post_quit(&self, code: i32) {
        let mut st = self.state.lock();
        st.quit = Some(code);
        st.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
        drop(st);
        self.wake();
    }

    /// `SendMessage` from another thread: queues `m` for the owner, which runs it in its next
    /// message call, and waits for the result (0 if the owner thread ends first). Meanwhile the
    /// messages other threads send to the calling thread run through `run` (every few
    /// milliseconds), as Windows runs them, so that two threads sending to each other do not
    /// wait for ever.
    pub fn send_and_wait(&self, m: Msg, run: &mut dyn FnMut(&Msg) -> isize) -> isize {
        self.send_and_wait_for(m, run, None).unwrap_or(0)
    }

    /// `SendNotifyMessage` to a window of another thread: queued as a sent message (the owner
    /// runs it in its next message call, before posted messages) with no one waiting for the
    /// answer.
    pub fn send_no_wait(&self, m: Msg) {
        {
            let mut st = self.state.lock();
            if st.ended {
                return;
            }
            st.sent.push_back((m, Arc::new(Reply::default())));
            st.changed |= QS_SENDMESSAGE;
        }
        self.wake();
    }

    /// `send_and_wait` that gives up after `timeout` (`SendMessageTimeout`): None then; the
    /// owner still runs the message later and its answer is dropped.
    pub fn send_and_wait_for(
        &self,
        m: Msg,
        run: &mut dyn FnMut(&Msg) -> isize,
        timeout: Option<Duration>,
    ) -> Option<isize> {
        const RECHECK: Duration = Duration::from_millis(5);
        let deadline = timeout.map(|t| Instant::now() + t);
        let reply = Arc::new(Reply::default());
        {
            let mut st = self.state.lock();
            if st.ended {
                return Some(0);
            }
            st.sent.push_back((m, reply.clone()));
            st.changed |= QS_SENDMESSAGE;
        }
        self.wake();
        let mine = CURRENT.with(|c| c.borrow().as_ref().map(|c| c.0.clone()));
        loop {
            {
                let mut v = reply.value.lock();
                if v.is_none() {
                    let slice = deadline.map_or(RECHECK, |d| {
                        d.saturating_duration_since(Instant::now()).min(RECHECK)
                    });
                    reply.done.wait_for(&mut v, slice);
                }
                if let Some(v) = *v {
                    return Some(v);
                }
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return None;
            }
            if let Some(q) = &mine {
                q.run_sent(run);
            }
        }
    }

    /// `SetTimer`: returns the timer's id (a new one for a thread timer without an id of an
    /// existing one, from Windows' range for them, 256 to 32767), or None when every id of
    /// that range is taken.
    pub fn set_timer(&self, hwnd: usize, id: usize, ms: u32, procedure: usize) -> Option<usize> {
        const FIRST: usize = 0x100;
        const LAST: usize = 0x7fff;
        let interval = Duration::from_millis(u64::from(ms.min(0x7fff_ffff))).max(TIMER_MINIMUM);
        let mut st = self.state.lock();
        let id = if hwnd == 0 && !st.timers.iter().any(|t| t.hwnd == 0 && t.id == id) {
            let start = st.next_timer_id.clamp(FIRST, LAST);
            let timers = &st.timers;
            let free = (start..=LAST)
                .chain(FIRST..start)
                .find(|&i| !timers.iter().any(|t| t.hwnd == 0 && t.id == i))?;
            st.next_timer_id = if free == LAST { FIRST } else { free + 1 };
            free
        } else {
            id
        };
        st.timers.retain(|t| !(t.hwnd == hwnd && t.id == id));
        st.timers.push(Timer {
            hwnd,
            id,
            interval,
            due: Instant::now() + interval,
            procedure,
        });
        drop(st);
        self.wake();
        Some(id)
    }

    /// Whether one of the queue's timers runs `procedure` (`DispatchMessage` of a `WM_TIMER`).
    pub fn has_timer_procedure(&self, procedure: usize) -> bool {
        procedure != 0
            && self
                .state
                .lock()
                .timers
                .iter()
                .any(|t| t.procedure == procedure)
    }

    /// `KillTimer`: whether the timer existed. A `WM_TIMER` already taken is not recalled.
    pub fn kill_timer(&self, hwnd: usize, id: usize) -> bool {
        let mut st = self.state.lock();
        let before = st.timers.len();
        st.timers.retain(|t| !(t.hwnd == hwnd && t.id == id));
        st.timers.len() != before
    }

    /// `WSAAsyncSelect` towards a window of this queue: the socket is selected to the queue's
    /// event (by the caller) and its notifications become `message` for `hwnd`.
    pub fn add_socket(&self, socket: usize, hwnd: usize, message: u32) {
        let mut st = self.state.lock();
        st.sockets.retain(|s| s.socket != socket);
        st.sockets.push(AsyncSocket {
            socket,
            hwnd,
            message,
        });
        drop(st);
        self.wake();
    }

    /// Stops turning the socket's notifications into messages (it was closed, or selected
    /// elsewhere: `WSAAsyncSelect` with no events or towards another queue, `WSAEventSelect`).
    fn remove_socket(&self, socket: usize) {
        self.state.lock().sockets.retain(|s| s.socket != socket);
    }

    /// The event object the queue's `WSAAsyncSelect` sockets are selected to.
    pub fn event(&self) -> &Arc<crate::event::object::EventObject> {
        &self.object.event
    }

    /// The object a `MsgWaitForMultipleObjects` waits on besides the program's.
    pub fn object(&self) -> &Arc<Object> {
        &self.object
    }

    /// A destroyed window: its timers, queued messages and socket notifications go. A
    /// `WM_QUIT` posted to it survives as the thread's quit request (the first one, unless a
    /// quit is pending already), as on Windows: `PostMessage(hwnd, WM_QUIT, ...)` followed by
    /// `DestroyWindow(hwnd)` still ends the message loop.
    pub fn forget_window(&self, hwnd: usize) {
        let mut st = self.state.lock();
        st.timers.retain(|t| t.hwnd != hwnd);
        if st.quit.is_none() {
            let quit = st
                .posted
                .iter()
                .find(|m| m.hwnd == hwnd && m.message == WM_QUIT)
                .map(|m| m.wparam as i32);
            if quit.is_some() {
                st.quit = quit;
                st.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
            }
        }
        st.posted.retain(|m| m.hwnd != hwnd);
        st.sockets.retain(|s| s.hwnd != hwnd);
    }

    /// The queue's status, socket notifications included: the `QS_*` kinds of message in the
    /// queue now, and the kinds that arrived since the thread last looked (`GetQueueStatus`'s
    /// high and low words).
    pub fn status(&self) -> (u32, u32) {
        self.harvest_sockets();
        let st = self.state.lock();
        let now = Instant::now();
        let mut present = 0;
        if !st.posted.is_empty() || st.quit.is_some() {
            present |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
        }
        if !st.sent.is_empty() {
            present |= QS_SENDMESSAGE;
        }
        let mut changed = st.changed & present;
        if st.timers.iter().any(|t| t.due <= now) {
            present |= QS_TIMER;
        }
        let seen = st.timers_seen;
        if st
            .timers
            .iter()
            .any(|t| t.due <= now && seen.is_none_or(|seen| t.due > seen))
        {
            changed |= QS_TIMER;
        }
        (present, changed)
    }

    /// Marks the kinds in `kinds` as seen (`GetQueueStatus`, and the message calls for the
    /// kinds they look at): they no longer count as new.
    pub fn mark_seen(&self, kinds: u32) {
        let mut st = self.state.lock();
        st.changed &= !kinds;
        if kinds & QS_TIMER != 0 {
            st.timers_seen = Some(Instant::now());
        }
    }

    /// Milliseconds until the next timer that is not due yet comes due (`u32::MAX`: none), for
    /// a wait that wakes for timers.
    pub fn next_timer_ms(&self) -> u32 {
        let st = self.state.lock();
        let now = Instant::now();
        st.timers
            .iter()
            .filter(|t| t.due > now)
            .map(|t| {
                (t.due - now)
                    .as_millis()
                    .saturating_add(1)
                    .min(u128::from(u32::MAX - 1)) as u32
            })
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Clears the queue's event before a wait; what arrives after sets it again.
    pub fn arm(&self) {
        self.object.event.reset();
    }

    /// Turns the recorded network events of this queue's `WSAAsyncSelect` sockets into posted
    /// messages. Sockets closed or selected elsewhere since are dropped from the list.
    fn harvest_sockets(&self) {
        let sockets = self.state.lock().sockets.clone();
        for s in sockets {
            let sock = i32::try_from(s.socket)
                .ok()
                .and_then(crate::socket::registry::get)
                .filter(|sock| sock.is_selected_to(&self.object.event));
            let Some(sock) = sock else {
                self.remove_socket(s.socket);
                continue;
            };
            let mut codes = [0i32; 10];
            let bits = sock.take_network_events(None, &mut codes);
            if bits == 0 {
                continue;
            }
            let mut st = self.state.lock();
            st.changed |= QS_POSTMESSAGE | QS_ALLPOSTMESSAGE;
            for bit in NOTIFICATION_ORDER {
                if bits & (1 << bit) != 0 {
                    st.posted.push_back(Msg {
                        hwnd: s.hwnd,
                        message: s.message,
                        wparam: s.socket,
                        lparam: make_reply(1 << bit, codes[bit]),
                    });
                }
            }
        }
    }

    fn take_posted(&self, filter: &Filter, remove: bool) -> Option<Msg> {
        let mut st = self.state.lock();
        let at = st.posted.iter().position(|m| filter.takes(m))?;
        if remove {
            st.posted.remove(at)
        } else {
            st.posted.get(at).copied()
        }
    }

    fn take_quit(&self, filter: &Filter, remove: bool) -> Option<Msg> {
        let mut st = self.state.lock();
        let code = st.quit?;
        if !filter.takes_number(WM_QUIT) {
            return None;
        }
        if remove {
            st.quit = None;
        }
        Some(Msg {
            hwnd: 0,
            message: WM_QUIT,
            wparam: code as usize,
            lparam: 0,
        })
    }

    fn due_timer(&self, filter: &Filter, remove: bool) -> Option<Msg> {
        let mut st = self.state.lock();
        let now = Instant::now();
        let t = st.timers.iter_mut().find(|t| {
            t.due <= now
                && filter.takes(&Msg {
                    hwnd: t.hwnd,
                    message: WM_TIMER,
                    wparam: t.id,
                    lparam: 0,
                })
        })?;
        if remove {
            t.due = now + t.interval;
        }
        Some(Msg {
            hwnd: t.hwnd,
            message: WM_TIMER,
            wparam: t.id,
            lparam: t.procedure as isize,
        })
    }

    /// Milliseconds until the next timer is due (`u32::MAX`: no timer).
    fn next_due_ms(&self) -> u32 {
        let st = self.state.lock();
        let now = Instant::now();
        st.timers
            .iter()
            .map(|t| {
                t.due
                    .saturating_duration_since(now)
                    .as_millis()
                    .min(u128::from(u32::MAX - 1)) as u32
            })
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Runs the messages other threads sent, each through `run`, and answers their senders.
    fn run_sent(&self, run: &mut dyn FnMut(&Msg) -> isize) {
        loop {
            let Some((m, reply)) = self.state.lock().sent.pop_front() else {
                return;
            };
            RUNNING_SENT.with(|r| r.borrow_mut().push(reply.clone()));
            let v = run(&m);
            RUNNING_SENT.with(|r| r.borrow_mut().pop());
            reply.give(v);
        }
    }

    /// The next message for `filter` (see the module comment), removed if `remove`. Without
    /// `block` it returns None at once when there is nothing; with it, it waits.
    pub fn next(
        &self,
        filter: &Filter,
        remove: bool,
        block: bool,
        run: &mut dyn FnMut(&Msg) -> isize,
    ) -> WsaResult<Option<Msg>> {
        let mut first = true;
        loop {
            // The first pass probes the sockets; after a wait, only an event set meanwhile
            // (by readiness the wait found, a post or a send) means something new.
            let fresh = std::mem::take(&mut first) || self.object.event.is_signalled();
            self.arm();
            if filter.looks_at(QS_SENDMESSAGE) {
                self.run_sent(run);
                self.mark_seen(QS_SENDMESSAGE);
            }
            let posted = filter.looks_at(QS_POSTMESSAGE);
            // What is there now is seen by this call: a wait afterwards is for what comes next.
            let mut seen = 0;
            if posted {
                seen |= QS_POSTMESSAGE | QS_HOTKEY;
                if filter.min == 0 && filter.max == 0 && filter.hwnd == 0 {
                    seen |= QS_ALLPOSTMESSAGE;
                }
            }
            if filter.looks_at(QS_TIMER) {
                seen |= QS_TIMER;
            }
            self.mark_seen(seen);
            if posted {
                if let Some(m) = self.take_posted(filter, remove) {
                    return Ok(Some(m));
                }
                if fresh {
                    self.harvest_sockets();
                    self.mark_seen(seen);
                }
            }
            let found = if posted {
                self.take_posted(filter, remove)
                    .or_else(|| self.take_quit(filter, remove))
            } else {
                None
            };
            if let Some(m) = found.or_else(|| {
                filter
                    .looks_at(QS_TIMER)
                    .then(|| self.due_timer(filter, remove))
                    .flatten()
            }) {
                return Ok(Some(m));
            }
            if !block {
                return Ok(None);
            }
            let timeout = self.next_due_ms();
            let objects = std::slice::from_ref(&self.object);
            wait::wait_objects_ex(objects, false, timeout, |_| None, false)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(hwnd: usize, message: u32) -> Msg {
        Msg {
            hwnd,
            message,
            wparam: 0,
            lparam: 0,
        }
    }

    #[test]
    fn posted_then_quit_then_timers_and_filters() {
        let q = current().unwrap();
        let all = Filter {
            hwnd: 0,
            min: 0,
            max: 0,
            kinds: 0,
        };
        let mut none = |_: &Msg| 0;
        q.post_quit(3);
        q.post(msg(0, 0x400));
        q.post(msg(7, 0x401));
        let only_7 = Filter {
            hwnd: 7,
            min: 0,
            max: 0,
            kinds: 0,
        };
        assert_eq!(
            q.next(&only_7, true, false, &mut none).unwrap(),
            Some(msg(7, 0x401))
        );
        assert_eq!(
            q.next(&all, false, false, &mut none).unwrap(),
            Some(msg(0, 0x400)),
            "peek"
        );
        assert_eq!(
            q.next(&all, true, false, &mut none).unwrap(),
            Some(msg(0, 0x400))
        );
        let quit = q.next(&all, true, false, &mut none).unwrap().unwrap();
        assert_eq!(
            (quit.message, quit.wparam),
            (WM_QUIT, 3),
            "WM_QUIT once the posts are taken"
        );
        assert_eq!(q.next(&all, true, false, &mut none).unwrap(), None);
        let id = q.set_timer(0, 0, 10, 0).unwrap();
        assert!(
            (0x100..=0x7fff).contains(&id),
            "a thread timer id in Windows' range"
        );
        let t0 = Instant::now();
        let m = q.next(&all, true, true, &mut none).unwrap().unwrap();
        assert_eq!((m.message, m.wparam), (WM_TIMER, id));
        assert!(t0.elapsed() >= Duration::from_millis(9));
        assert!(q.kill_timer(0, id));
        assert!(!q.kill_timer(0, id));
    }

    #[test]
    fn a_message_sent_from_another_thread_runs_in_the_owner_and_answers() {
        let q = current().unwrap();
        let q2 = q.clone();
        let sender = std::thread::spawn(move || q2.send_and_wait(msg(9, 0x402), &mut |_| 0));
        let ran = std::cell::RefCell::new(Vec::new());
        let mut run = |m: &Msg| {
            ran.borrow_mut().push(*m);
            42
        };
        let all = Filter {
            hwnd: 0,
            min: 0,
            max: 0,
            kinds: 0,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while ran.borrow().is_empty() && Instant::now() < deadline {
            let _ = q.next(&all, true, false, &mut run).unwrap();
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(sender.join().unwrap(), 42);
        assert_eq!(*ran.borrow(), vec![msg(9, 0x402)]);
    }

    #[test]
    fn two_threads_sending_to_each_other_both_get_answers() {
        let (to_a, from_b) = std::sync::mpsc::channel::<Arc<Queue>>();
        let (to_b, from_a) = std::sync::mpsc::channel::<Arc<Queue>>();
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let all = Filter {
            hwnd: 0,
            min: 0,
            max: 0,
            kinds: 0,
        };
        let b = std::thread::spawn(move || {
            let mut run = |m: &Msg| m.message as isize + 2;
            to_a.send(current().unwrap()).unwrap();
            let a = from_a.recv().unwrap();
            let answer = a.send_and_wait(msg(1, 0x500), &mut run);
            // Keep answering until A has its answer too.
            while finished.try_recv().is_err() {
                current()
                    .unwrap()
                    .next(&all, true, false, &mut run)
                    .unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
            answer
        });
        to_b.send(current().unwrap()).unwrap();
        let b_queue = from_b.recv().unwrap();
        let mut run = |m: &Msg| m.message as isize + 1;
        let answer = b_queue.send_and_wait(msg(2, 0x600), &mut run);
        done.send(()).unwrap();
        // Keep answering until B has its answer too.
        while !b.is_finished() {
            current()
                .unwrap()
                .next(&all, true, false, &mut run)
                .unwrap();
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(answer, 0x602, "B ran A's message");
        assert_eq!(b.join().unwrap(), 0x501, "A ran B's message");
    }

    #[test]
    fn sending_to_the_queue_of_a_thread_that_ended_answers_0() {
        let q = std::thread::spawn(|| current().unwrap()).join().unwrap();
        assert_eq!(q.send_and_wait(msg(3, 0x700), &mut |_| 9), 0);
    }

    #[test]
    fn replies_carry_event_and_error() {
        assert_eq!(make_reply(0x20, 10053), (10053 << 16 | 0x20) as isize);
        assert_eq!(make_reply(1, 0), 1);
    }
}
