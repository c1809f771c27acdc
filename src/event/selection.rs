//! The Winsock network-event state machine of one socket (docs/WINDOWS.md §6.3), without I/O.
//!
//! [`Selection`] decides what `WSAEventSelect` records and when; it makes no system call and
//! touches no event object. Its inputs are the socket's [`SocketFacts`], readiness reports
//! (`sys::ready` bits), the re-enabling calls (`after_receive`, `after_send`, `after_accept`,
//! ...) and, where a rule depends on what the socket holds, the answers of a [`Probe`]
//! (pending error, a look at the head of the stream, waiting connections), asked lazily and
//! only when a rule needs them. Its outputs are the record (network events with their error
//! codes, taken by `take_record`) and, from every call, [`Effects`]: whether the selected event
//! must be signalled, and the poller interest the registration must change to. The driver
//! (`event::driver`) owns the event object and the poller registration and performs both.
//!
//! - An event is *recorded* (bit set in `record`, code stored, event signalled) only while it is
//!   selected and *enabled*; recording disables it until its re-enabling call.
//! - Readiness comes from the event's level-triggered poller. The registered interest is kept
//!   lazily: re-enabling only ever *adds* interest, and interest that is no longer wanted is
//!   removed the first time it produces a report that records nothing. In the usual
//!   wait → enumerate → recv loop this costs no system call beyond the wait itself.

use crate::error::WsaError;
use crate::sys::{self, interest, ready, Interest, Ready};

const FD_READ: u32 = crate::winsock::FD_READ as u32;
const FD_WRITE: u32 = crate::winsock::FD_WRITE as u32;
const FD_OOB: u32 = crate::winsock::FD_OOB as u32;
const FD_ACCEPT: u32 = crate::winsock::FD_ACCEPT as u32;
const FD_CONNECT: u32 = crate::winsock::FD_CONNECT as u32;
const FD_ADDRESS_LIST_CHANGE: u32 = crate::winsock::FD_ADDRESS_LIST_CHANGE as u32;
const FD_ROUTING_INTERFACE_CHANGE: u32 = crate::winsock::FD_ROUTING_INTERFACE_CHANGE as u32;
const FD_CLOSE: u32 = crate::winsock::FD_CLOSE as u32;
const FD_ALL_EVENTS: u32 = crate::winsock::FD_ALL_EVENTS as u32;
const FD_MAX_EVENTS: usize = crate::winsock::FD_MAX_EVENTS;

/// The facts about a socket that decide what can be recorded. `fd` and `token` are the
/// driver's (its poller registration and probes); the rules never look at them.
#[derive(Clone, Copy)]
pub struct SocketFacts {
    pub fd: sys::Fd,
    pub token: u64,
    pub stream: bool,
    pub listening: bool,
    pub connected: bool,
    pub connecting: bool,
    /// SO_OOBINLINE is on: urgent data is read in line and never reported as FD_OOB.
    pub oob_inline: bool,
    /// Returned by `accept`: it never made a connect, so it never reports FD_CONNECT.
    pub accepted: bool,
    /// A native TCP socket: the peer's close is reported when it arrives, even while data is
    /// unread (the rooted provider's connections report it once their data is read).
    pub native_stream: bool,
    /// The program shut down receiving (`SD_RECEIVE`, `SD_BOTH`).
    pub receive_shut: bool,
    /// ws2mp holds bytes of a partial non-blocking send: the socket is not writable for
    /// Winsock (no FD_WRITE) until they are sent, whatever the OS reports.
    pub send_queued: bool,
    /// The FD_CLOSE code when end-of-file is seen (0: graceful). Providers that end a
    /// connection themselves set it; native sockets report 0.
    pub close_code: i32,
}

/// What a look at the head of a connected stream found (without consuming anything).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Peek {
    Data,
    /// End of the stream (the peer's FIN, or the provider ended the connection).
    End,
    Empty,
    /// The connection failed (errno).
    Failed(i32),
}

/// The questions some rules ask about the socket itself. The driver answers them with system
/// calls; tests answer them from a script. Each is asked only when a rule needs the answer.
pub trait Probe {
    /// Takes the socket's pending error (`SO_ERROR`, which clears it): 0 when none.
    fn take_error(&mut self) -> i32;
    /// Looks at the head of a connected stream's receive queue.
    fn peek(&mut self) -> Peek;
    /// Connections waiting on a listener, where the OS tells.
    fn pending_connections(&mut self) -> Option<u32>;
}

/// What a call asks the driver to do.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
#[must_use]
pub struct Effects {
    /// A network event was recorded: set the selected event object.
    pub signal: bool,
    /// Change the poller registration to this interest (0: remove it). Confirm with
    /// [`Selection::registered`] once done.
    pub interest: Option<Interest>,
}

/// What one readiness report learned about a connect in progress; the socket applies it to
/// its mode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConnectOutcome {
    Succeeded,
    Failed,
}

/// One socket's event-selection state: the Winsock recording rules.
#[derive(Default)]
pub struct Selection {
    /// The selected `FD_*` mask (0: not selected).
    mask: u32,
    record: u32,
    /// The code of each recorded event. WSAE codes (and 0) fit in 16 bits; kept small because
    /// every selected socket carries this record.
    codes: [u16; FD_MAX_EVENTS],
    enabled: u32,
    /// Interest currently registered in the selected event's poller (0: not registered).
    registered: Interest,
    /// Something was recorded since the driver last collected the effects.
    signal: bool,
    /// FD_WRITE may be recorded when the socket is writable (after connect/accept/selection,
    /// or after a send failed with WSAEWOULDBLOCK).
    write_armed: bool,
    /// Readability may be watched for FD_CLOSE while FD_READ is not wanted. Closed when data is
    /// seen that cannot be reported; opened again by any receive.
    read_gate: bool,
    /// FD_CLOSE's condition was seen: nothing more comes from this connection.
    closed_seen: bool,
    /// A connection error (errno) that looking at the socket took from the OS: the receive that
    /// finds the end of the stream reports it instead, as it would have without the look.
    /// Kept across selections.
    consumed_error: i32,
    /// A receive or send got a connection failure (reset, abort) from the OS, so the end of the
    /// stream found later is that failure, not a graceful close. Kept across selections.
    broken: bool,
    /// The Winsock code of that failure (0: none): later receives report it again, as Windows
    /// keeps reporting a reset connection.
    failure: i32,
    /// FD_READ, FD_OOB and FD_ACCEPT bits that `WSAEnumNetworkEvents` handed to the program
    /// and that no re-enabling call followed: selecting the socket again does not record them
    /// again for the data or connections already reported, as on Windows.
    consumed: u32,
    /// For a listener whose FD_ACCEPT was consumed: the connections waiting then (where the OS
    /// tells), so that selecting again can tell whether new ones arrived since.
    accept_mark: Option<u32>,
    /// The socket was selected before: what was recorded then stays disabled (and FD_WRITE
    /// disarmed) across later selections until its re-enabling call, as on Windows.
    selected_before: bool,
    /// The selection posts window messages (`WSAAsyncSelect`): every selection evaluates
    /// afresh what holds, and FD_CONNECT comes only from a connection completing.
    by_message: bool,
}

fn bit_index(bit: u32) -> usize {
    bit.trailing_zeros() as usize
}

impl Selection {
    pub fn is_selected(&self) -> bool {
        self.mask != 0
    }

    /// The interest currently registered (as the driver confirmed it).
    pub fn registration(&self) -> Interest {
        self.registered
    }

    /// The driver changed the registration to `interest`.
    pub fn registered(&mut self, interest: Interest) {
        self.registered = interest;
    }

    fn wants(&self, bit: u32) -> bool {
        self.mask & self.enabled & bit != 0
    }

    fn record(&mut self, bit: u32, code: i32) {
        if !self.is_selected() {
            return;
        }
        self.record |= bit;
        self.codes[bit_index(bit)] =
            u16::try_from(code).unwrap_or(WsaError::WSAECONNABORTED.0 as u16);
        self.enabled &= !bit;
        self.signal = true;
    }

    /// The poller interest that the current state needs.
    fn desired(&self, f: &SocketFacts) -> Interest {
        if !self.is_selected() || self.closed_seen {
            return Interest::empty();
        }
        let mut want = Interest::empty();
        if f.listening && !self.wants(FD_ACCEPT) && self.watching_arrivals(f) {
            // FD_ACCEPT was reported and no accept followed: only a new connection is told
            // again (an event object's rule), so the listener is watched for arrivals alone.
            return interest::READ | interest::EDGE;
        }
        let read = if f.listening {
            self.wants(FD_ACCEPT)
        } else if f.stream {
            f.connected && (self.wants(FD_READ) || (self.wants(FD_CLOSE) && self.read_gate))
        } else {
            self.wants(FD_READ)
        };
        if read {
            want |= interest::READ;
        } else if f.native_stream && f.connected && self.wants(FD_CLOSE) {
            // Unread data that is not reported again: watch for the peer's close alone.
            want |= interest::PEER_CLOSED;
        }
        if f.connecting || (self.write_armed && self.wants(FD_WRITE) && !f.send_queued) {
            want |= interest::WRITE;
        }
        if f.stream && f.connected && !f.oob_inline && self.wants(FD_OOB) {
            want |= interest::PRIORITY;
        }
        want
    }

    /// Collects the effects, adding any interest the state now needs (after a re-enabling
    /// call). Never removes interest, except that a change between level- and
    /// edge-triggered registration is made at once (an accept after arrivals were watched
    /// must see the connections still waiting).
    fn ensure(&mut self, f: &SocketFacts) -> Effects {
        let want = self.desired(f);
        let edge_changed =
            self.registered.contains(interest::EDGE) != want.contains(interest::EDGE);
        let interest = if edge_changed {
            Some(want)
        } else {
            (!want.difference(self.registered).is_empty()).then_some(self.registered | want)
        };
        self.effects(interest)
    }

    /// An event object's listener whose FD_ACCEPT was enumerated and not followed by an
    /// accept: Windows records FD_ACCEPT again when another connection arrives. Watched
    /// where the OS counts the waiting connections (Linux), on native listeners.
    fn watching_arrivals(&self, f: &SocketFacts) -> bool {
        !self.by_message
            && f.native_stream
            && self.mask & FD_ACCEPT != 0
            && self.consumed & FD_ACCEPT != 0
            && self.accept_mark.is_some()
    }

    fn effects(&mut self, interest: Option<Interest>) -> Effects {
        Effects {
            signal: std::mem::take(&mut self.signal),
            interest: interest.filter(|&i| i != self.registered),
        }
    }

    /// `WSAEventSelect` with a non-zero mask: replaces the selection, clears the record, and
    /// arms the conditions to be evaluated at once (FD_WRITE waits for a bind or connect on a
    /// datagram socket without an address, as on Windows). The first selection enables
    /// everything; a later one keeps FD_WRITE, FD_CONNECT and FD_CLOSE disabled if they were
    /// recorded before (they are not recorded again for the same condition until their
    /// re-enabling call), while events the previous mask left out and that were never recorded
    /// are recorded now, as on Windows. FD_READ, FD_OOB and FD_ACCEPT are evaluated again
    /// unless the program enumerated them and made no re-enabling call since.
    ///
    /// The driver has moved the registration to the new event's poller (or removed it)
    /// beforehand: the state starts from `registered` 0.
    ///
    /// A selection for window messages (`by_message`, `WSAAsyncSelect`) is evaluated as a first
    /// one every time: what holds is posted again (unread data, a waiting connection, room to
    /// send, the end of the connection with its code), as Windows does for a window, and a
    /// datagram socket can send even before it has an address. FD_CONNECT is never posted for
    /// a connection made before the selection: only a connect completing posts it.
    pub fn select(
        &mut self,
        f: &SocketFacts,
        mask: u32,
        unbound_datagram: bool,
        by_message: bool,
        probe: &mut impl Probe,
    ) -> Effects {
        self.mask = mask;
        self.record = 0;
        self.registered = Interest::empty();
        self.by_message = by_message;
        if !self.selected_before || by_message {
            self.selected_before = true;
            self.enabled = FD_ALL_EVENTS;
            self.consumed = 0;
            self.accept_mark = None;
            self.write_armed = !f.listening
                && (f.connected
                    || f.connecting
                    || (!f.stream && (by_message || !unbound_datagram)));
        } else {
            // Data and connections that wait are looked at again, unless the program was told
            // of them already and has not received or accepted since (Windows records them
            // again only for data or connections arriving later; see docs/PORTING.md).
            let mut consumed = self.consumed;
            if consumed & FD_ACCEPT != 0 && f.listening {
                // Connections arrived since the program was told: record FD_ACCEPT again.
                // Where the OS cannot tell, it is recorded again while any waits.
                let arrived = match (self.accept_mark, probe.pending_connections()) {
                    (Some(then), Some(now)) => now > then,
                    _ => true,
                };
                if arrived {
                    consumed &= !FD_ACCEPT;
                }
            }
            self.enabled |= (FD_READ | FD_OOB | FD_ACCEPT) & !consumed;
        }
        self.read_gate = true;
        if self.enabled & FD_CLOSE != 0 {
            // Never reported: look for the end of the stream again.
            self.closed_seen = false;
        }
        if !by_message && f.stream && f.connected && !f.accepted && self.wants(FD_CONNECT) {
            self.record(FD_CONNECT, 0);
        }
        self.ensure(f)
    }

    /// Whether the selection posts window messages (`WSAAsyncSelect`).
    pub fn by_message(&self) -> bool {
        self.by_message
    }

    /// Cancels the selection (mask 0, closesocket). Returns the interest that was registered
    /// (the driver removes it from the old event's poller).
    pub fn deselect(&mut self) -> Interest {
        self.mask = 0;
        self.record = 0;
        self.signal = false;
        std::mem::take(&mut self.registered)
    }

    /// `WSAEnumNetworkEvents`: takes and clears the record.
    /// Returns the recorded bits and writes their codes (only those) into `codes`.
    pub fn take_record(
        &mut self,
        f: &SocketFacts,
        codes: &mut [i32; FD_MAX_EVENTS],
        probe: &mut impl Probe,
    ) -> u32 {
        let bits = self.record;
        for (i, code) in codes.iter_mut().enumerate() {
            if bits & (1 << i) != 0 {
                *code = i32::from(self.codes[i]);
            }
        }
        self.record = 0;
        self.consumed |= bits & (FD_READ | FD_OOB | FD_ACCEPT);
        if bits & FD_ACCEPT != 0 && f.listening {
            self.accept_mark = probe.pending_connections();
        }
        bits
    }

    /// After `take_record`: a listener whose FD_ACCEPT the program was just told of is watched
    /// for new connections from now on (the registration may have been dropped meanwhile).
    pub fn after_take(&mut self, f: &SocketFacts) -> Effects {
        if f.listening && self.watching_arrivals(f) {
            self.ensure(f)
        } else {
            Effects::default()
        }
    }

    /// Whether FD_READ/FD_OOB/FD_ACCEPT the program was told of are remembered.
    pub fn has_consumed(&self) -> bool {
        self.consumed != 0
    }

    /// A re-enabling call while not selected: forgets `bits`. Returns whether any remain.
    pub fn forget_consumed(&mut self, bits: u32) -> bool {
        self.consumed &= !bits;
        self.consumed != 0
    }

    /// A receive or send reported a connection failure (Winsock `code`) to the application.
    pub fn note_failure(&mut self, code: i32) {
        self.broken = true;
        if self.failure == 0 {
            self.failure = code;
        }
    }

    /// The connection failure a receive or send reported, if any.
    pub fn failure(&self) -> Option<i32> {
        (self.failure != 0).then_some(self.failure)
    }

    /// Whether a receive or send reported a connection failure (a reset) to the application.
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// The connection error taken from the OS by a look at the socket, once.
    pub fn take_consumed_error(&mut self) -> Option<i32> {
        match std::mem::take(&mut self.consumed_error) {
            0 => None,
            e => Some(e),
        }
    }

    pub fn has_record(&self) -> bool {
        self.record != 0
    }

    /// The interest the state needs now (what a direct look at the socket asks the OS).
    pub fn wanted_interest(&self, f: &SocketFacts) -> Interest {
        self.desired(f)
    }

    /// After a change of the facts that decide the interest (SO_OOBINLINE).
    pub fn refresh(&mut self, f: &SocketFacts) -> Effects {
        self.ensure(f)
    }

    /// After any receive call (successful or not): re-enables FD_READ and FD_OOB.
    pub fn after_receive(&mut self, f: &SocketFacts) -> Effects {
        self.enabled |= FD_READ | FD_OOB;
        self.consumed &= !(FD_READ | FD_OOB);
        self.read_gate = true;
        self.ensure(f)
    }

    /// After any send call. Only a send that failed with WSAEWOULDBLOCK arms FD_WRITE.
    pub fn after_send(&mut self, f: &SocketFacts, would_block: bool) -> Effects {
        self.enabled |= FD_WRITE;
        if would_block {
            self.write_armed = true;
            self.ensure(f)
        } else {
            self.effects(None)
        }
    }

    /// After an accept call, except one that failed with WSATRY_AGAIN (CF_DEFER).
    pub fn after_accept(&mut self, f: &SocketFacts) -> Effects {
        self.enabled |= FD_ACCEPT;
        self.consumed &= !FD_ACCEPT;
        self.ensure(f)
    }

    /// After `connect` started or finished on a selected socket.
    pub fn after_connect_call(&mut self, f: &SocketFacts, completed_now: bool) -> Effects {
        // Each connect is a new attempt with its own FD_CONNECT.
        self.enabled |= FD_CONNECT;
        if completed_now {
            // A connect that completes at once (datagram sockets, loopback) records FD_CONNECT
            // immediately and arms FD_WRITE. For a window, Windows posts no FD_CONNECT for a
            // datagram socket's connect, only FD_WRITE again (the socket has a new peer).
            if self.by_message && !f.stream {
                self.enabled |= FD_WRITE;
            } else if self.wants(FD_CONNECT) {
                self.record(FD_CONNECT, 0);
            }
            // A socket that has just connected can send (its send buffer is empty): FD_WRITE
            // goes with FD_CONNECT, as on Windows.
            if self.wants(FD_WRITE) {
                self.record(FD_WRITE, 0);
                self.write_armed = false;
            } else {
                self.write_armed = true;
            }
        }
        self.ensure(f)
    }

    /// Records FD_ACCEPT for a pending request the provider holds (not a listening fd).
    pub fn record_accept(&mut self, f: &SocketFacts) -> Effects {
        if self.wants(FD_ACCEPT) {
            self.record(FD_ACCEPT, 0);
        }
        self.ensure(f)
    }

    /// Arms FD_WRITE: recorded when the socket is next found writable.
    pub fn arm_write(&mut self, f: &SocketFacts) -> Effects {
        self.write_armed = true;
        self.ensure(f)
    }

    /// Records FD_CONNECT with `code` (a WSAJoinLeaf completion, for example). Each join is
    /// its own attempt with its own outcome, so FD_CONNECT is recorded whenever it is selected
    /// (a rejected join tried again, a root's successive invitations).
    pub fn record_connect(&mut self, f: &SocketFacts, code: i32) -> Effects {
        if self.mask & FD_CONNECT != 0 {
            self.record(FD_CONNECT, code);
        }
        self.ensure(f)
    }

    /// Records FD_ADDRESS_LIST_CHANGE (`routing` false) or FD_ROUTING_INTERFACE_CHANGE when
    /// selected: the host's address list or routes changed after an `SIO_ADDRESS_LIST_CHANGE`
    /// / `SIO_ROUTING_INTERFACE_CHANGE` on the non-blocking socket asked to be told.
    pub fn record_host_change(&mut self, f: &SocketFacts, routing: bool) -> Effects {
        let bit = if routing {
            FD_ROUTING_INTERFACE_CHANGE
        } else {
            FD_ADDRESS_LIST_CHANGE
        };
        if self.mask & bit != 0 {
            self.record(bit, 0);
        }
        self.ensure(f)
    }

    /// Applies a readiness report (`sys::ready` bits) for this socket. Returns what it learned
    /// about a connect in progress, for the socket to update its mode, and the effects.
    pub fn on_ready(
        &mut self,
        f: &SocketFacts,
        bits: Ready,
        probe: &mut impl Probe,
    ) -> (Option<ConnectOutcome>, Effects) {
        if !self.is_selected() {
            return (None, Effects::default());
        }
        let before = self.record;
        let mut outcome = None;
        let mut f = *f;

        if f.connecting && bits.intersects(ready::WRITABLE | ready::HANGUP) {
            let err = probe.take_error();
            let code = if err == 0 {
                0
            } else {
                WsaError::from_errno(err).0
            };
            if self.wants(FD_CONNECT) {
                self.record(FD_CONNECT, code);
            }
            f.connecting = false;
            if err == 0 {
                f.connected = true;
                self.write_armed = true;
                outcome = Some(ConnectOutcome::Succeeded);
            } else {
                // A failed connection cannot send: no FD_WRITE follows (armed when the socket
                // was selected while its connect was in progress).
                self.write_armed = false;
                outcome = Some(ConnectOutcome::Failed);
            }
        }

        if bits.intersects(ready::READABLE) && !self.closed_seen {
            if f.listening {
                if self.wants(FD_ACCEPT) {
                    self.record(FD_ACCEPT, 0);
                } else if self.watching_arrivals(&f) {
                    self.on_arrival(probe);
                }
            } else if f.stream {
                if f.connected {
                    self.on_stream_readable(&f, bits, probe);
                }
            } else if self.wants(FD_READ) {
                self.record(FD_READ, 0);
            }
        }

        if bits.intersects(ready::WRITABLE)
            && self.write_armed
            && self.wants(FD_WRITE)
            && !self.closed_seen
            && !f.send_queued
        {
            self.record(FD_WRITE, 0);
            self.write_armed = false;
        }

        if bits.intersects(ready::PRIORITY) && f.stream && !f.oob_inline && self.wants(FD_OOB) {
            self.record(FD_OOB, 0);
        }

        // Nothing new came of this report: drop the interest that produced it.
        let interest = (self.record == before).then(|| self.desired(&f));
        (outcome, self.effects(interest))
    }

    /// A report for a listener watched for arrivals: FD_ACCEPT again if more connections wait
    /// than when the program was told.
    fn on_arrival(&mut self, probe: &mut impl Probe) {
        let (Some(then), Some(now)) = (self.accept_mark, probe.pending_connections()) else {
            return;
        };
        if now > then {
            self.record(FD_ACCEPT, 0);
        }
        self.accept_mark = Some(now);
    }

    fn on_stream_readable(&mut self, f: &SocketFacts, bits: Ready, probe: &mut impl Probe) {
        let peek = if bits.intersects(ready::ERROR) {
            // A reset or another failure is pending. It is reported now, not held back behind
            // unread data as a graceful close is (Windows discards that data on a reset).
            match probe.take_error() {
                0 => probe.peek(),
                e => Peek::Failed(e),
            }
        } else if bits.intersects(ready::HANGUP) {
            probe.peek()
        } else {
            Peek::Data
        };
        match peek {
            Peek::Data => {
                if self.wants(FD_READ) {
                    self.record(FD_READ, 0);
                } else {
                    self.read_gate = false;
                }
                if bits.intersects(ready::HANGUP) && f.native_stream && f.receive_shut {
                    // The program's own shutdown(SD_RECEIVE): nothing more is reported.
                    self.closed_seen = true;
                } else if bits.intersects(ready::HANGUP) && f.native_stream && self.wants(FD_CLOSE)
                {
                    // The peer closed behind the unread data: Windows records FD_CLOSE when the
                    // close arrives (the data is still read before end-of-file).
                    let code = if self.broken || self.consumed_error != 0 {
                        WsaError::WSAECONNABORTED.0
                    } else {
                        0
                    };
                    self.record(FD_CLOSE, code);
                }
            }
            Peek::End => {
                self.closed_seen = true;
                // After the program's own shutdown(SD_RECEIVE) the end of the stream is its own
                // doing (POSIX cannot tell it from the peer's close): Windows records nothing.
                if self.wants(FD_CLOSE) && !(f.receive_shut && f.native_stream) {
                    // A failure a receive or send already took from the OS (native sockets), or
                    // the code the provider ended the connection with (0: graceful).
                    let code = if self.broken || self.consumed_error != 0 {
                        WsaError::WSAECONNABORTED.0
                    } else {
                        f.close_code
                    };
                    self.record(FD_CLOSE, code);
                }
            }
            Peek::Failed(e) => {
                // A reset or another failure of the connection. Windows reports an aborted
                // connection for both (see docs/PORTING.md).
                self.consumed_error = e;
                self.closed_seen = true;
                if self.wants(FD_CLOSE) {
                    self.record(FD_CLOSE, WsaError::WSAECONNABORTED.0);
                }
            }
            Peek::Empty => {}
        }
    }
}

#[cfg(test)]
mod tests;
