//! A socket's `WSAEventSelect` state and the Winsock recording rules (docs/WINDOWS.md §6.3).
//!
//! - An event is *recorded* (bit set in `record`, code stored, event object set) only while it is
//!   selected and *enabled*; recording disables it until its re-enabling call.
//! - Readiness comes from the event's level-triggered poller. The registered interest is kept
//!   lazily: re-enabling only ever *adds* interest, and interest that is no longer wanted is
//!   removed the first time it produces a report that records nothing. In the usual
//!   wait → enumerate → recv loop this costs no system call beyond the wait itself.

use super::object::EventObject;
use crate::error::WsaError;
use crate::sys::{self, interest, ready, Peek};
use std::sync::Arc;

const FD_READ: u32 = crate::winsock::FD_READ as u32;
const FD_WRITE: u32 = crate::winsock::FD_WRITE as u32;
const FD_OOB: u32 = crate::winsock::FD_OOB as u32;
const FD_ACCEPT: u32 = crate::winsock::FD_ACCEPT as u32;
const FD_CONNECT: u32 = crate::winsock::FD_CONNECT as u32;
const FD_CLOSE: u32 = crate::winsock::FD_CLOSE as u32;
const FD_ALL_EVENTS: u32 = crate::winsock::FD_ALL_EVENTS as u32;
const FD_MAX_EVENTS: usize = crate::winsock::FD_MAX_EVENTS;

/// The facts about a socket that decide what can be recorded.
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
    /// The FD_CLOSE code when end-of-file is seen (0: graceful). Providers that end a
    /// connection themselves set it; native sockets report 0.
    pub close_code: i32,
}

pub struct Selection {
    pub event: Arc<EventObject>,
    pub mask: u32,
}

/// What one harvest learned about a connect in progress; the socket applies it to its mode.
pub enum ConnectOutcome {
    Succeeded,
    Failed,
}

#[derive(Default)]
pub struct EventState {
    pub selection: Option<Selection>,
    record: u32,
    /// The code of each recorded event. WSAE codes (and 0) fit in 16 bits; kept small because
    /// every selected socket carries this record.
    codes: [u16; FD_MAX_EVENTS],
    enabled: u32,
    /// Interest currently registered in the selected event's poller (0: not registered).
    registered: u8,
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
}

fn bit_index(bit: u32) -> usize {
    bit.trailing_zeros() as usize
}

impl EventState {
    pub fn is_selected(&self) -> bool {
        self.selection.is_some()
    }

    fn wants(&self, bit: u32) -> bool {
        match &self.selection {
            Some(sel) => sel.mask & self.enabled & bit != 0,
            None => false,
        }
    }

    fn record(&mut self, bit: u32, code: i32) {
        let Some(sel) = &self.selection else { return };
        self.record |= bit;
        self.codes[bit_index(bit)] =
            u16::try_from(code).unwrap_or(WsaError::WSAECONNABORTED.0 as u16);
        self.enabled &= !bit;
        sel.event.set();
    }

    /// The poller interest that the current state needs.
    fn desired(&self, f: &SocketFacts) -> u8 {
        if self.selection.is_none() || self.closed_seen {
            return 0;
        }
        let mut want = 0;
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
        if f.connecting || (self.write_armed && self.wants(FD_WRITE)) {
            want |= interest::WRITE;
        }
        if f.stream && f.connected && !f.oob_inline && self.wants(FD_OOB) {
            want |= interest::PRIORITY;
        }
        want
    }

    fn set_registration(&mut self, f: &SocketFacts, want: u8) {
        let Some(sel) = &self.selection else { return };
        if want == self.registered {
            return;
        }
        let poller = &sel.event.poller;
        let result = match (self.registered, want) {
            (0, w) => poller.add(f.fd, f.token, w),
            (old, 0) => poller.delete(f.fd, old),
            (old, w) => poller.modify(f.fd, f.token, old, w),
        };
        match result {
            Ok(()) => self.registered = want,
            Err(e) => crate::log::warn(format_args!(
                "fd {}: poller registration failed: {}",
                f.fd,
                WsaError::from_errno(e)
            )),
        }
    }

    /// Adds any interest the state now needs (after a re-enabling call). Never removes.
    fn ensure(&mut self, f: &SocketFacts) {
        let want = self.desired(f);
        if want & !self.registered != 0 {
            self.set_registration(f, self.registered | want);
        }
    }

    /// `WSAEventSelect` with a non-zero mask: replaces the selection, clears the record, and
    /// arms the conditions to be evaluated at once (FD_WRITE waits for a bind or connect on a
    /// datagram socket without an address, as on Windows). The first selection enables
    /// everything; a
    /// later one keeps FD_WRITE, FD_CONNECT and FD_CLOSE disabled if they were recorded before
    /// (they are not recorded again for the same condition until their re-enabling call),
    /// while events the previous mask left out and that were never recorded are recorded now,
    /// as on Windows. FD_READ, FD_OOB and FD_ACCEPT are evaluated again unless the program
    /// enumerated them and made no re-enabling call since.
    pub fn select(
        &mut self,
        f: &SocketFacts,
        event: Arc<EventObject>,
        mask: u32,
        unbound_datagram: bool,
    ) {
        self.deselect(f);
        event.add_member();
        self.selection = Some(Selection { event, mask });
        self.record = 0;
        if !self.selected_before {
            self.selected_before = true;
            self.enabled = FD_ALL_EVENTS;
            self.write_armed =
                !f.listening && (f.connected || f.connecting || (!f.stream && !unbound_datagram));
        } else {
            // Data and connections that wait are looked at again, unless the program was told
            // of them already and has not received or accepted since (Windows records them
            // again only for data or connections arriving later; see docs/PORTING.md).
            let mut consumed = self.consumed;
            if consumed & FD_ACCEPT != 0 && f.listening {
                // Connections arrived since the program was told: record FD_ACCEPT again.
                // Where the OS cannot tell, it is recorded again while any waits.
                let arrived = match (self.accept_mark, sys::pending_connections(f.fd)) {
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
        if f.stream && f.connected && !f.accepted && self.wants(FD_CONNECT) {
            self.record(FD_CONNECT, 0);
        }
        self.ensure(f);
    }

    /// Cancels the selection (mask 0, closesocket). The event object is not touched.
    pub fn deselect(&mut self, f: &SocketFacts) {
        self.set_registration(f, 0);
        self.registered = 0;
        if let Some(sel) = self.selection.take() {
            sel.event.remove_member();
        }
        self.record = 0;
    }

    /// `WSAEnumNetworkEvents`: takes and clears the record.
    /// Returns the recorded bits and writes their codes (only those) into `codes`.
    pub fn take_record(&mut self, f: &SocketFacts, codes: &mut [i32; FD_MAX_EVENTS]) -> u32 {
        let bits = self.record;
        for (i, code) in codes.iter_mut().enumerate() {
            if bits & (1 << i) != 0 {
                *code = i32::from(self.codes[i]);
            }
        }
        self.record = 0;
        self.consumed |= bits & (FD_READ | FD_OOB | FD_ACCEPT);
        if bits & FD_ACCEPT != 0 && f.listening {
            self.accept_mark = sys::pending_connections(f.fd);
        }
        bits
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

    /// A receive or send reported a connection failure to the application.
    pub fn note_failure(&mut self) {
        self.broken = true;
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

    pub fn wanted_interest(&self, f: &SocketFacts) -> u8 {
        self.desired(f)
    }

    /// After a change of the facts that decide the interest (SO_OOBINLINE).
    pub fn refresh(&mut self, f: &SocketFacts) {
        self.ensure(f);
    }

    /// After any receive call (successful or not): re-enables FD_READ and FD_OOB.
    pub fn after_receive(&mut self, f: &SocketFacts) {
        self.enabled |= FD_READ | FD_OOB;
        self.consumed &= !(FD_READ | FD_OOB);
        self.read_gate = true;
        self.ensure(f);
    }

    /// After any send call. Only a send that failed with WSAEWOULDBLOCK arms FD_WRITE.
    pub fn after_send(&mut self, f: &SocketFacts, would_block: bool) {
        self.enabled |= FD_WRITE;
        if would_block {
            self.write_armed = true;
            self.ensure(f);
        }
    }

    /// After an accept call, except one that failed with WSATRY_AGAIN (CF_DEFER).
    pub fn after_accept(&mut self, f: &SocketFacts) {
        self.enabled |= FD_ACCEPT;
        self.consumed &= !FD_ACCEPT;
        self.ensure(f);
    }

    /// After `connect` started or finished on a selected socket.
    pub fn after_connect_call(&mut self, f: &SocketFacts, completed_now: bool) {
        // Each connect is a new attempt with its own FD_CONNECT.
        self.enabled |= FD_CONNECT;
        if completed_now {
            // A connect that completes at once (datagram sockets, loopback) records FD_CONNECT
            // immediately and arms FD_WRITE.
            if self.wants(FD_CONNECT) {
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
        self.ensure(f);
    }

    /// Records FD_ACCEPT for a pending request the provider holds (not a listening fd).
    pub fn record_accept(&mut self, f: &SocketFacts) {
        if self.wants(FD_ACCEPT) {
            self.record(FD_ACCEPT, 0);
        }
        self.ensure(f);
    }

    /// Arms FD_WRITE: recorded when the socket is next found writable.
    pub fn arm_write(&mut self, f: &SocketFacts) {
        self.write_armed = true;
        self.ensure(f);
    }

    /// Records FD_CONNECT with `code` (a WSAJoinLeaf completion, for example). Each join is
    /// its own attempt with its own outcome, so FD_CONNECT is recorded whenever it is selected
    /// (a rejected join tried again, a root's successive invitations).
    pub fn record_connect(&mut self, f: &SocketFacts, code: i32) {
        if self
            .selection
            .as_ref()
            .is_some_and(|s| s.mask & FD_CONNECT != 0)
        {
            self.record(FD_CONNECT, code);
        }
        self.ensure(f);
    }

    /// Applies a readiness report for this socket. Returns what it learned about a connect in
    /// progress, for the socket to update its mode.
    pub fn on_ready(&mut self, f: &SocketFacts, bits: u8) -> Option<ConnectOutcome> {
        self.selection.as_ref()?;
        let before = self.record;
        let mut outcome = None;
        let mut f = *f;

        if f.connecting && bits & (ready::WRITABLE | ready::HANGUP) != 0 {
            let err = sys::take_socket_error(f.fd);
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
                outcome = Some(ConnectOutcome::Failed);
            }
        }

        if bits & ready::READABLE != 0 && !self.closed_seen {
            if f.listening {
                if self.wants(FD_ACCEPT) {
                    self.record(FD_ACCEPT, 0);
                }
            } else if f.stream {
                if f.connected {
                    self.on_stream_readable(&f, bits);
                }
            } else if self.wants(FD_READ) {
                self.record(FD_READ, 0);
            }
        }

        if bits & ready::WRITABLE != 0
            && self.write_armed
            && self.wants(FD_WRITE)
            && !self.closed_seen
        {
            self.record(FD_WRITE, 0);
            self.write_armed = false;
        }

        if bits & ready::PRIORITY != 0 && f.stream && !f.oob_inline && self.wants(FD_OOB) {
            self.record(FD_OOB, 0);
        }

        if self.record == before {
            // Nothing new came of this report: drop the interest that produced it.
            let want = self.desired(&f);
            self.set_registration(&f, want);
        }
        outcome
    }

    fn on_stream_readable(&mut self, f: &SocketFacts, bits: u8) {
        let peek = if bits & ready::ERROR != 0 {
            // A reset or another failure is pending. It is reported now, not held back behind
            // unread data as a graceful close is (Windows discards that data on a reset).
            match sys::take_socket_error(f.fd) {
                0 => sys::peek_stream(f.fd),
                e => Peek::Failed(e),
            }
        } else if bits & ready::HANGUP != 0 {
            sys::peek_stream(f.fd)
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
                if bits & ready::HANGUP != 0 && f.native_stream && f.receive_shut {
                    // The program's own shutdown(SD_RECEIVE): nothing more is reported.
                    self.closed_seen = true;
                } else if bits & ready::HANGUP != 0 && f.native_stream && self.wants(FD_CLOSE) {
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
