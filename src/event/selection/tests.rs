//! The recording rules, table-driven: each case is a socket, a script of what the OS would
//! answer, and a sequence of calls and readiness reports with the records they must produce.

use super::*;
use crate::error::WsaError;
use crate::sys::{interest, ready};

const READ: u32 = FD_READ;
const WRITE: u32 = FD_WRITE;
const OOB: u32 = FD_OOB;
const ACCEPT: u32 = FD_ACCEPT;
const CONNECT: u32 = FD_CONNECT;
const CLOSE: u32 = FD_CLOSE;

const R: u8 = ready::READABLE.bits();
const W: u8 = ready::WRITABLE.bits();
const P: u8 = ready::PRIORITY.bits();
const HUP: u8 = ready::HANGUP.bits();
const ERR: u8 = ready::ERROR.bits();
const I_PEER_CLOSED: u8 = interest::PEER_CLOSED.bits();
const I_PRIORITY: u8 = interest::PRIORITY.bits();
const I_READ: u8 = interest::READ.bits();
const I_WRITE: u8 = interest::WRITE.bits();
const I_EDGE: u8 = interest::EDGE.bits();

/// What the OS answers, and which questions were asked.
#[derive(Default)]
struct Script {
    error: i32,
    peek: Option<Peek>,
    pending: Option<u32>,
    asked: Vec<&'static str>,
}

impl Probe for Script {
    fn take_error(&mut self) -> i32 {
        self.asked.push("error");
        std::mem::take(&mut self.error)
    }
    fn peek(&mut self) -> Peek {
        self.asked.push("peek");
        self.peek.unwrap_or(Peek::Empty)
    }
    fn pending_connections(&mut self) -> Option<u32> {
        self.asked.push("pending");
        self.pending
    }
}

fn facts() -> SocketFacts {
    SocketFacts {
        fd: -1,
        token: 0,
        stream: false,
        listening: false,
        connected: false,
        connecting: false,
        oob_inline: false,
        accepted: false,
        native_stream: false,
        receive_shut: false,
        send_queued: false,
        close_code: 0,
    }
}

fn tcp() -> SocketFacts {
    SocketFacts {
        stream: true,
        connected: true,
        native_stream: true,
        ..facts()
    }
}

fn connecting() -> SocketFacts {
    SocketFacts {
        connected: false,
        connecting: true,
        ..tcp()
    }
}

fn accepted() -> SocketFacts {
    SocketFacts {
        accepted: true,
        ..tcp()
    }
}

fn listener() -> SocketFacts {
    SocketFacts {
        stream: true,
        listening: true,
        native_stream: true,
        ..facts()
    }
}

fn udp() -> SocketFacts {
    facts()
}

/// A rooted provider's connection (a c_leaf): FD_CLOSE once its data is read, with the
/// provider's code.
fn rooted(close_code: i32) -> SocketFacts {
    SocketFacts {
        stream: true,
        connected: true,
        close_code,
        ..facts()
    }
}

#[derive(Clone, Copy, Debug)]
enum Step {
    /// `WSAEventSelect(mask)` (the datagram socket has an address).
    Select(u32),
    /// `WSAEventSelect` of a datagram socket without an address.
    SelectUnbound(u32),
    /// `WSAAsyncSelect(mask)`: a selection for window messages.
    SelectMsg(u32),
    /// `WSAAsyncSelect` of a datagram socket without an address.
    SelectUnboundMsg(u32),
    Deselect,
    /// A readiness report from the poller.
    Ready(u8),
    /// Readiness that must produce this connect outcome.
    ReadyConnect(u8, ConnectOutcome),
    Recv,
    Send {
        would_block: bool,
    },
    Accept,
    ConnectCall {
        completed: bool,
    },
    RecordConnect(i32),
    /// A receive or send reported a connection failure.
    Failure,
    /// `WSAEnumNetworkEvents` must return exactly these bits.
    Enum(u32),
    /// ... with this code for this bit.
    Code(u32, i32),
    /// The next `take_error` answers this errno.
    OsError(i32),
    /// What a look at the stream finds from now on.
    Peeked(Peek),
    /// Connections waiting on the listener from now on.
    Pending(u32),
    /// The registration must be exactly this interest.
    Interest(u8),
    /// The event must have been signalled this many times so far.
    Signals(u32),
    /// No probe may have been asked so far.
    NoProbe,
    /// SO_OOBINLINE turned on.
    OobInline,
    /// Bytes of a partial send are queued (true) or the queue was sent (false, with the
    /// refresh the flusher makes).
    Queued(bool),
}
use Step::*;

struct Sim {
    s: Selection,
    f: SocketFacts,
    os: Script,
    signals: u32,
    codes: [i32; FD_MAX_EVENTS],
}

impl Sim {
    fn apply(&mut self, fx: Effects) {
        if fx.signal {
            self.signals += 1;
        }
        if let Some(i) = fx.interest {
            self.s.registered(i);
        }
    }

    fn run(&mut self, case: &str, i: usize, step: Step) {
        let at = format!("{case}: step {i} ({step:?})");
        match step {
            Select(mask) => {
                let fx = self.s.select(&self.f, mask, false, false, &mut self.os);
                self.apply(fx);
            }
            SelectUnbound(mask) => {
                let fx = self.s.select(&self.f, mask, true, false, &mut self.os);
                self.apply(fx);
            }
            SelectMsg(mask) => {
                let fx = self.s.select(&self.f, mask, false, true, &mut self.os);
                self.apply(fx);
            }
            SelectUnboundMsg(mask) => {
                let fx = self.s.select(&self.f, mask, true, true, &mut self.os);
                self.apply(fx);
            }
            Deselect => {
                self.s.deselect();
            }
            Ready(bits) => {
                let (outcome, fx) =
                    self.s
                        .on_ready(&self.f, sys::Ready::from_bits_retain(bits), &mut self.os);
                assert_eq!(outcome, None, "{at}: no connect outcome expected");
                self.apply(fx);
            }
            ReadyConnect(bits, expected) => {
                let (outcome, fx) =
                    self.s
                        .on_ready(&self.f, sys::Ready::from_bits_retain(bits), &mut self.os);
                assert_eq!(outcome, Some(expected), "{at}");
                self.f.connecting = false;
                self.f.connected = expected == ConnectOutcome::Succeeded;
                self.apply(fx);
            }
            Recv => {
                let fx = self.s.after_receive(&self.f);
                self.apply(fx);
            }
            Send { would_block } => {
                let fx = self.s.after_send(&self.f, would_block);
                self.apply(fx);
            }
            Accept => {
                let fx = self.s.after_accept(&self.f);
                self.apply(fx);
            }
            ConnectCall { completed } => {
                if completed {
                    self.f.connected = true;
                } else {
                    self.f.connecting = true;
                }
                let fx = self.s.after_connect_call(&self.f, completed);
                self.apply(fx);
            }
            RecordConnect(code) => {
                let fx = self.s.record_connect(&self.f, code);
                self.apply(fx);
            }
            Failure => self.s.note_failure(10054),
            Enum(expected) => {
                self.codes = [-1; FD_MAX_EVENTS];
                let bits = self.s.take_record(&self.f, &mut self.codes, &mut self.os);
                let fx = self.s.after_take(&self.f);
                self.apply(fx);
                assert_eq!(bits, expected, "{at}: recorded {bits:#x}");
                for (k, code) in self.codes.iter().enumerate() {
                    if bits & (1 << k) == 0 {
                        assert_eq!(*code, -1, "{at}: code of an unrecorded event written");
                    }
                }
            }
            Code(bit, code) => {
                assert_eq!(self.codes[bit_index(bit)], code, "{at}");
            }
            OsError(e) => self.os.error = e,
            Peeked(p) => self.os.peek = Some(p),
            Pending(n) => self.os.pending = Some(n),
            Interest(i) => assert_eq!(self.s.registration().bits(), i, "{at}"),
            Signals(n) => assert_eq!(self.signals, n, "{at}"),
            NoProbe => assert!(self.os.asked.is_empty(), "{at}: asked {:?}", self.os.asked),
            OobInline => {
                self.f.oob_inline = true;
                let fx = self.s.refresh(&self.f);
                self.apply(fx);
            }
            Queued(on) => {
                self.f.send_queued = on;
                if !on {
                    let fx = self.s.refresh(&self.f);
                    self.apply(fx);
                }
            }
        }
    }
}

type Case = (&'static str, SocketFacts, &'static [Step]);

const ABORTED: i32 = WsaError::WSAECONNABORTED.0;

fn cases() -> Vec<Case> {
    vec![
        (
            "a window is told again at each selection what still holds; an event object is not",
            tcp(),
            &[
                SelectMsg(READ | WRITE),
                Ready(R | W),
                Enum(READ | WRITE),
                SelectMsg(READ | WRITE),
                Ready(R | W),
                Enum(READ | WRITE),
                Select(READ | WRITE),
                Ready(R | W),
                Enum(0),
            ],
        ),
        (
            "an event object's listener records FD_ACCEPT again for a connection arriving \
             before the accept, watched edge-triggered until the accept",
            listener(),
            &[
                Select(ACCEPT),
                Pending(1),
                Ready(R),
                Enum(ACCEPT),
                Interest(I_READ | I_EDGE),
                Ready(R),
                Enum(0),
                Pending(2),
                Ready(R),
                Enum(ACCEPT),
                Ready(R),
                Enum(0),
                Accept,
                Interest(I_READ),
                Ready(R),
                Enum(ACCEPT),
            ],
        ),
        (
            "a window is not told again of a connection arriving before the accept",
            listener(),
            &[
                SelectMsg(ACCEPT),
                Pending(1),
                Ready(R),
                Enum(ACCEPT),
                Pending(2),
                Ready(R),
                Enum(0),
            ],
        ),
        (
            "a window gets no FD_CONNECT for a connection made before the selection",
            tcp(),
            &[SelectMsg(CONNECT | WRITE), Enum(0), Ready(W), Enum(WRITE)],
        ),
        (
            "a window: FD_WRITE for an unbound datagram socket, and again (no FD_CONNECT) at connect",
            udp(),
            &[
                SelectUnboundMsg(CONNECT | WRITE),
                Ready(W),
                Enum(WRITE),
                ConnectCall { completed: true },
                Enum(WRITE),
            ],
        ),
        (
            "a window is told again of a reset connection, with its code",
            tcp(),
            &[
                SelectMsg(CLOSE),
                OsError(libc::ECONNRESET),
                Ready(R | HUP | ERR),
                Enum(CLOSE),
                Code(CLOSE, ABORTED),
                Peeked(Peek::End),
                SelectMsg(CLOSE),
                Ready(R | HUP),
                Enum(CLOSE),
                Code(CLOSE, ABORTED),
            ],
        ),
        (
            "FD_READ is recorded once and re-enabled by a receive",
            tcp(),
            &[
                Select(READ),
                Ready(R),
                Enum(READ),
                Code(READ, 0),
                Ready(R),
                Enum(0),
                Recv,
                Ready(R),
                Enum(READ),
                Signals(2),
                NoProbe,
            ],
        ),
        (
            "no FD_WRITE while a partial send's rest is queued; armed, it follows the queue",
            tcp(),
            &[
                Select(WRITE),
                Ready(W),
                Enum(WRITE),
                Queued(true),
                Send { would_block: true },
                // Interest is dropped lazily: by the first report that records nothing.
                Ready(W),
                Enum(0),
                Interest(0),
                Queued(false),
                Interest(I_WRITE),
                Ready(W),
                Enum(WRITE),
                Send { would_block: false },
                Queued(true),
                Queued(false),
                Ready(W),
                Enum(0),
            ],
        ),
        (
            "FD_READ recorded but not enumerated is not recorded twice",
            tcp(),
            &[Select(READ), Ready(R), Ready(R), Signals(1), Enum(READ)],
        ),
        (
            "FD_WRITE at the first selection, then only after WSAEWOULDBLOCK",
            tcp(),
            &[
                Select(WRITE),
                Interest(I_WRITE),
                Ready(W),
                Enum(WRITE),
                Send { would_block: false },
                Ready(W),
                Enum(0),
                Send { would_block: false },
                Ready(W),
                Enum(0),
                Send { would_block: true },
                Interest(I_WRITE),
                Ready(W),
                Enum(WRITE),
            ],
        ),
        (
            "FD_WRITE waits for an address on a datagram socket",
            udp(),
            &[
                SelectUnbound(WRITE | READ),
                Interest(I_READ),
                Ready(W),
                Enum(0),
                ConnectCall { completed: true },
                Enum(WRITE),
            ],
        ),
        (
            "a bound datagram socket records FD_WRITE and FD_READ, never FD_CLOSE",
            udp(),
            &[
                Select(READ | WRITE | CLOSE),
                Ready(R | W),
                Enum(READ | WRITE),
                Recv,
                Ready(R | W | HUP),
                Enum(READ),
                NoProbe,
            ],
        ),
        (
            "FD_ACCEPT is re-enabled by accept",
            listener(),
            &[
                Select(ACCEPT),
                Interest(I_READ),
                Ready(R),
                Enum(ACCEPT),
                Ready(R),
                Enum(0),
                Accept,
                Interest(I_READ),
                Ready(R),
                Enum(ACCEPT),
            ],
        ),
        (
            "a listener never records FD_WRITE or FD_CONNECT",
            listener(),
            &[Select(WRITE | CONNECT | ACCEPT), Ready(W), Enum(0)],
        ),
        (
            "FD_CONNECT once, then FD_WRITE, when a connect succeeds",
            connecting(),
            &[
                Select(CONNECT | WRITE | READ),
                Interest(I_WRITE),
                Enum(0),
                ReadyConnect(W, ConnectOutcome::Succeeded),
                Enum(CONNECT | WRITE),
                Code(CONNECT, 0),
                Code(WRITE, 0),
                Ready(W),
                Enum(0),
            ],
        ),
        (
            "FD_CONNECT carries the connect failure as a WSAE code",
            connecting(),
            &[
                Select(CONNECT | WRITE),
                OsError(libc::ECONNREFUSED),
                ReadyConnect(W | HUP, ConnectOutcome::Failed),
                Enum(CONNECT),
                Code(CONNECT, WsaError::WSAECONNREFUSED.0),
                Ready(W | HUP),
                Enum(0),
            ],
        ),
        (
            "a connect that completes at once records FD_CONNECT and FD_WRITE",
            udp(),
            &[
                SelectUnbound(CONNECT | WRITE),
                ConnectCall { completed: true },
                Enum(CONNECT | WRITE),
                ConnectCall { completed: true },
                Enum(CONNECT),
            ],
        ),
        (
            "a connection established at selection time records FD_CONNECT at once",
            tcp(),
            &[
                Select(CONNECT | READ),
                Signals(1),
                Enum(CONNECT),
                Code(CONNECT, 0),
            ],
        ),
        (
            "accepted sockets never record FD_CONNECT and can send at once",
            accepted(),
            &[
                Select(CONNECT | WRITE | READ),
                Signals(0),
                Enum(0),
                Ready(W),
                Enum(WRITE),
            ],
        ),
        (
            "FD_CLOSE once for a graceful close, code 0",
            tcp(),
            &[
                Select(READ | CLOSE),
                Peeked(Peek::End),
                Ready(R | HUP),
                Enum(CLOSE),
                Code(CLOSE, 0),
                Ready(R | HUP),
                Interest(0),
                Enum(0),
                Recv,
                Ready(R | HUP),
                Enum(0),
            ],
        ),
        (
            "a native TCP socket records FD_CLOSE behind unread data",
            tcp(),
            &[
                Select(READ | CLOSE),
                Peeked(Peek::Data),
                Ready(R | HUP),
                Enum(READ | CLOSE),
                Code(CLOSE, 0),
                Recv,
                Peeked(Peek::End),
                Ready(R | HUP),
                Enum(0),
            ],
        ),
        (
            "a reset records FD_CLOSE with WSAECONNABORTED and keeps the error for recv",
            tcp(),
            &[
                Select(READ | CLOSE),
                OsError(libc::ECONNRESET),
                Ready(R | HUP | ERR),
                Enum(CLOSE),
                Code(CLOSE, ABORTED),
            ],
        ),
        (
            "after a failed send the end of the stream is FD_CLOSE with WSAECONNABORTED",
            tcp(),
            &[
                Select(CLOSE),
                Failure,
                Peeked(Peek::End),
                Ready(R | HUP),
                Enum(CLOSE),
                Code(CLOSE, ABORTED),
            ],
        ),
        (
            "the program's own shutdown(SD_RECEIVE) records no FD_CLOSE",
            SocketFacts {
                receive_shut: true,
                ..tcp()
            },
            &[Select(CLOSE), Peeked(Peek::End), Ready(R | HUP), Enum(0)],
        ),
        (
            "a provider's connection reports FD_CLOSE with its code once the data is read",
            rooted(WsaError::WSAECONNRESET.0),
            &[
                Select(READ | CLOSE),
                Peeked(Peek::Data),
                Ready(R | HUP),
                Enum(READ),
                Recv,
                Peeked(Peek::End),
                Ready(R | HUP),
                Enum(CLOSE),
                Code(CLOSE, WsaError::WSAECONNRESET.0),
            ],
        ),
        (
            "FD_OOB is recorded once and re-enabled by a receive",
            tcp(),
            &[
                Select(OOB),
                Interest(I_PRIORITY),
                Ready(P),
                Enum(OOB),
                Ready(P),
                Enum(0),
                Recv,
                Ready(P),
                Enum(OOB),
            ],
        ),
        (
            "with SO_OOBINLINE urgent data is never FD_OOB",
            SocketFacts {
                oob_inline: true,
                ..tcp()
            },
            &[Select(OOB | READ), Ready(P | R), Enum(READ)],
        ),
        (
            "turning SO_OOBINLINE on keeps FD_OOB out",
            tcp(),
            &[Select(READ), OobInline, Ready(P), Enum(0)],
        ),
        (
            "selecting again clears the record; what was never enumerated is recorded again",
            tcp(),
            &[
                Select(READ),
                Ready(R),
                Select(READ),
                Enum(0),
                Ready(R),
                Enum(READ),
            ],
        ),
        (
            "selecting again does not report enumerated data until a receive",
            tcp(),
            &[
                Select(READ),
                Ready(R),
                Enum(READ),
                Select(READ),
                Ready(R),
                Enum(0),
                Recv,
                Ready(R),
                Enum(READ),
            ],
        ),
        (
            "selecting again does not record FD_WRITE, FD_CONNECT or FD_CLOSE again",
            tcp(),
            &[
                Select(WRITE | CONNECT | CLOSE),
                Ready(W),
                Enum(WRITE | CONNECT),
                Select(WRITE | CONNECT | CLOSE),
                Ready(W),
                Enum(0),
            ],
        ),
        (
            "an event the previous mask left out is recorded at the new selection",
            tcp(),
            &[
                Select(READ),
                Ready(R | W),
                Enum(READ),
                Select(READ | WRITE),
                Ready(R | W),
                Enum(WRITE),
            ],
        ),
        (
            "cancelling and selecting again keeps the rules (mask 0 in between)",
            tcp(),
            &[
                Select(READ),
                Ready(R),
                Enum(READ),
                Deselect,
                Interest(0),
                Ready(R),
                Enum(0),
                Select(READ),
                Ready(R),
                Enum(0),
            ],
        ),
        (
            "a receive while not selected forgets the enumerated FD_READ",
            tcp(),
            &[
                Select(READ),
                Ready(R),
                Enum(READ),
                Deselect,
                Recv,
                Select(READ),
                Ready(R),
                Enum(READ),
            ],
        ),
        (
            "FD_ACCEPT at a new selection only for connections that arrived since",
            listener(),
            &[
                Pending(1),
                Select(ACCEPT),
                Ready(R),
                Enum(ACCEPT),
                Select(ACCEPT),
                Ready(R),
                Enum(0),
                Pending(2),
                Select(ACCEPT),
                Ready(R),
                Enum(ACCEPT),
            ],
        ),
        (
            "interest is dropped by a report that records nothing, added by re-enabling",
            tcp(),
            &[
                Select(READ),
                Interest(I_READ),
                Ready(R),
                Interest(I_READ),
                Ready(R),
                Interest(0),
                Recv,
                Interest(I_READ),
            ],
        ),
        (
            "unread data not reported again: the peer's close alone is watched",
            tcp(),
            &[
                Select(READ | CLOSE),
                Ready(R),
                Enum(READ),
                Ready(R),
                Interest(I_PEER_CLOSED),
                Peeked(Peek::Data),
                Ready(R | HUP),
                Enum(CLOSE),
            ],
        ),
        (
            "a join's FD_CONNECT is recorded for each attempt, codes kept as given",
            rooted(0),
            &[
                Select(CONNECT),
                Enum(CONNECT),
                RecordConnect(WsaError::WSAECONNREFUSED.0),
                Enum(CONNECT),
                Code(CONNECT, WsaError::WSAECONNREFUSED.0),
                RecordConnect(0x1_0000),
                Enum(CONNECT),
                Code(CONNECT, ABORTED),
            ],
        ),
        (
            "nothing is recorded without a selection",
            tcp(),
            &[
                Ready(R | W | P),
                RecordConnect(0),
                Enum(0),
                Signals(0),
                NoProbe,
            ],
        ),
    ]
}

#[test]
fn recording_rules() {
    for (name, f, steps) in cases() {
        let mut sim = Sim {
            s: Selection::default(),
            f,
            os: Script::default(),
            signals: 0,
            codes: [-1; FD_MAX_EVENTS],
        };
        for (i, step) in steps.iter().enumerate() {
            sim.run(name, i, *step);
        }
    }
}

#[test]
fn probes_are_asked_only_when_a_rule_needs_them() {
    let mut s = Selection::default();
    let mut os = Script::default();
    let f = tcp();
    let _ = s.select(&f, READ | CLOSE, false, false, &mut os);
    let _ = s.on_ready(&f, sys::Ready::from_bits_retain(R), &mut os);
    assert!(
        os.asked.is_empty(),
        "plain data needs no look: {:?}",
        os.asked
    );
    let _ = s.after_receive(&f);
    os.peek = Some(Peek::Data);
    let _ = s.on_ready(&f, sys::Ready::from_bits_retain(R | HUP), &mut os);
    assert_eq!(os.asked, ["peek"]);
    os.asked.clear();
    let _ = s.after_receive(&f);
    os.error = libc::ECONNRESET;
    let _ = s.on_ready(&f, sys::Ready::from_bits_retain(R | HUP | ERR), &mut os);
    assert_eq!(
        os.asked,
        ["error"],
        "a pending error is reported without a peek"
    );
    assert_eq!(s.take_consumed_error(), Some(libc::ECONNRESET));
    assert_eq!(s.take_consumed_error(), None);
}

#[test]
fn effects_ask_for_a_signal_only_when_something_is_recorded() {
    let mut s = Selection::default();
    let mut os = Script::default();
    let f = tcp();
    let fx = s.select(&f, READ, false, false, &mut os);
    assert_eq!(
        fx,
        Effects {
            signal: false,
            interest: Some(interest::READ)
        }
    );
    s.registered(interest::READ);
    let (_, fx) = s.on_ready(&f, sys::Ready::from_bits_retain(R), &mut os);
    assert_eq!(
        fx,
        Effects {
            signal: true,
            interest: None
        }
    );
    let (_, fx) = s.on_ready(&f, sys::Ready::from_bits_retain(R), &mut os);
    assert_eq!(
        fx,
        Effects {
            signal: false,
            interest: Some(interest::NONE)
        }
    );
    s.registered(interest::NONE);
    assert_eq!(s.deselect(), interest::NONE);
    assert!(!s.is_selected());
}
