//! The thin driver of a socket's event selection: owns the selected event object and the
//! socket's registration in that event's poller, answers the state machine's probes with
//! system calls, and carries out what it asks (`event::selection` decides; this file acts).

use super::object::EventObject;
use super::selection::{ConnectOutcome, Effects, Peek, Probe, Selection, SocketFacts};
use crate::error::WsaError;
use crate::sys::{self, Fd};
use std::sync::Arc;

/// The event a socket is selected to, and the mask.
pub struct Target {
    pub event: Arc<EventObject>,
    pub mask: u32,
}

/// A socket's `WSAEventSelect` state: the rules ([`Selection`]) and what they act on.
#[derive(Default)]
pub struct EventState {
    pub selection: Option<Target>,
    rules: Selection,
}

/// The probes, answered by the OS.
struct Os(Fd);

impl Probe for Os {
    fn take_error(&mut self) -> i32 {
        sys::take_socket_error(self.0)
    }

    fn peek(&mut self) -> Peek {
        match sys::peek_stream(self.0) {
            sys::Peek::Data => Peek::Data,
            sys::Peek::End => Peek::End,
            sys::Peek::Empty => Peek::Empty,
            sys::Peek::Failed(e) => Peek::Failed(e),
        }
    }

    fn pending_connections(&mut self) -> Option<u32> {
        sys::pending_connections(self.0)
    }
}

impl EventState {
    /// Signals the selected event and changes the poller registration, as `fx` asks.
    fn apply(&mut self, f: &SocketFacts, fx: Effects) {
        let Some(sel) = &self.selection else { return };
        if fx.signal {
            sel.event.set();
        }
        let Some(want) = fx.interest else { return };
        let poller = &sel.event.poller;
        let result = match (self.rules.registration(), want) {
            (old, w) if old.is_empty() => poller.add(f.fd, f.token, w),
            (old, w) if w.is_empty() => poller.delete(f.fd, old),
            (old, w) => poller.modify(f.fd, f.token, old, w),
        };
        match result {
            Ok(()) => self.rules.registered(want),
            Err(e) => crate::log::warn(format_args!(
                "fd {}: poller registration failed: {}",
                f.fd,
                WsaError::from_errno(e)
            )),
        }
    }

    /// `WSAEventSelect` with a non-zero mask (see [`Selection::select`]).
    pub fn select(
        &mut self,
        f: &SocketFacts,
        event: Arc<EventObject>,
        mask: u32,
        unbound_datagram: bool,
        by_message: bool,
    ) {
        self.deselect(f);
        event.add_member();
        self.selection = Some(Target { event, mask });
        let fx = self
            .rules
            .select(f, mask, unbound_datagram, by_message, &mut Os(f.fd));
        self.apply(f, fx);
    }

    /// The socket's descriptor now names a new OS socket (`sys::move_to_wildcard`), which no
    /// poller knows: registers it as the old one was.
    pub fn register_again(&mut self, f: &SocketFacts) {
        let Some(sel) = &self.selection else { return };
        let registered = self.rules.registration();
        if registered.is_empty() {
            return;
        }
        if let Err(e) = sel.event.poller.add(f.fd, f.token, registered) {
            crate::log::warn(format_args!(
                "fd {}: poller registration failed: {}",
                f.fd,
                WsaError::from_errno(e)
            ));
        }
    }

    /// Cancels the selection (mask 0, closesocket). The event object is not touched.
    pub fn deselect(&mut self, f: &SocketFacts) {
        let registered = self.rules.deselect();
        if let Some(sel) = self.selection.take() {
            if !registered.is_empty() {
                let _ = sel.event.poller.delete(f.fd, registered);
            }
            sel.event.remove_member();
        }
    }

    /// `WSAEnumNetworkEvents`: takes and clears the record (see [`Selection::take_record`]).
    pub fn take_record(&mut self, f: &SocketFacts, codes: &mut [i32; 10]) -> u32 {
        let bits = self.rules.take_record(f, codes, &mut Os(f.fd));
        let fx = self.rules.after_take(f);
        self.apply(f, fx);
        bits
    }

    /// Whether the selection posts window messages (`WSAAsyncSelect`).
    pub fn by_message(&self) -> bool {
        self.selection.is_some() && self.rules.by_message()
    }

    pub fn has_consumed(&self) -> bool {
        self.rules.has_consumed()
    }

    pub fn forget_consumed(&mut self, bits: u32) -> bool {
        self.rules.forget_consumed(bits)
    }

    pub fn note_failure(&mut self, code: i32) {
        self.rules.note_failure(code)
    }

    pub fn failure(&self) -> Option<i32> {
        self.rules.failure()
    }

    pub fn is_broken(&self) -> bool {
        self.rules.is_broken()
    }

    pub fn take_consumed_error(&mut self) -> Option<i32> {
        self.rules.take_consumed_error()
    }

    pub fn has_record(&self) -> bool {
        self.rules.has_record()
    }

    pub fn wanted_interest(&self, f: &SocketFacts) -> sys::Interest {
        self.rules.wanted_interest(f)
    }

    pub fn refresh(&mut self, f: &SocketFacts) {
        let fx = self.rules.refresh(f);
        self.apply(f, fx);
    }

    pub fn after_receive(&mut self, f: &SocketFacts) {
        let fx = self.rules.after_receive(f);
        self.apply(f, fx);
    }

    pub fn after_send(&mut self, f: &SocketFacts, would_block: bool) {
        let fx = self.rules.after_send(f, would_block);
        self.apply(f, fx);
    }

    pub fn after_accept(&mut self, f: &SocketFacts) {
        let fx = self.rules.after_accept(f);
        self.apply(f, fx);
    }

    pub fn after_connect_call(&mut self, f: &SocketFacts, completed_now: bool) {
        let fx = self.rules.after_connect_call(f, completed_now);
        self.apply(f, fx);
    }

    pub fn record_accept(&mut self, f: &SocketFacts) {
        let fx = self.rules.record_accept(f);
        self.apply(f, fx);
    }

    pub fn arm_write(&mut self, f: &SocketFacts) {
        let fx = self.rules.arm_write(f);
        self.apply(f, fx);
    }

    pub fn record_connect(&mut self, f: &SocketFacts, code: i32) {
        let fx = self.rules.record_connect(f, code);
        self.apply(f, fx);
    }

    pub fn record_host_change(&mut self, f: &SocketFacts, routing: bool) {
        let fx = self.rules.record_host_change(f, routing);
        self.apply(f, fx);
    }

    /// Applies a readiness report for this socket (see [`Selection::on_ready`]).
    pub fn on_ready(&mut self, f: &SocketFacts, bits: sys::Ready) -> Option<ConnectOutcome> {
        let (outcome, fx) = self.rules.on_ready(f, bits, &mut Os(f.fd));
        self.apply(f, fx);
        outcome
    }
}
