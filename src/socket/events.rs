//! The socket's side of the event model: selection, readiness reports, enumeration.

use super::*;

impl Socket {
    /// `WSAEventSelect` (`by_message` false) or the selection behind `WSAAsyncSelect`
    /// (`by_message` true: the event is a window queue's). `mask == 0` cancels. Either way
    /// the socket becomes non-blocking.
    pub fn event_select(
        &self,
        event: Option<Arc<EventObject>>,
        mask: u32,
        by_message: bool,
    ) -> WsaResult<()> {
        sys::set_nonblocking(self.fd(), true).map_err(sys_err)?;
        self.set(mode::NONBLOCKING);
        // A datagram socket without an address is not writable for FD_WRITE on Windows: it
        // is recorded once it is bound (or connected).
        let unbound_datagram = !self.is_stream()
            && !matches!(self.provider, Provider::Rooted(_))
            && !self.has(mode::CONNECTION)
            && !self.is_bound_now();
        let mut ev = self.events.lock();
        let facts = self.facts();
        match event {
            Some(event) if mask != 0 => {
                ev.select(&facts, event, mask, unbound_datagram, by_message);
                self.set(mode::SELECTED);
            }
            _ => {
                ev.deselect(&facts);
                self.clear(mode::SELECTED);
            }
        }
        drop(ev);
        if let Provider::Rooted(r) = &self.provider {
            // Conditions the provider records itself (pending joins: FD_ACCEPT).
            r.rearm_accept(self);
        }
        if mask != 0 && self.events.lock().has_record() {
            // The selection recorded something itself (FD_CONNECT of a connected socket):
            // what else holds is recorded beside it now, as Windows does at the selection, so
            // a program that enumerates at once finds FD_WRITE with FD_CONNECT. (Otherwise the
            // next wait or enumeration looks, as before.)
            self.harvest_readiness(true);
        }
        Ok(())
    }

    /// Whether the socket's selection posts window messages (`WSAAsyncSelect`).
    pub fn selected_by_message(&self) -> bool {
        self.is_selected() && self.events.lock().by_message()
    }

    /// Applies the readiness the socket has now (one `poll`, or the rooted inbox) to its
    /// selection, for the interest the selection wants. With `always` false, only when nothing
    /// is recorded yet.
    fn harvest_readiness(&self, always: bool) {
        if !self.is_selected() {
            return;
        }
        let (event, want) = {
            let ev = self.events.lock();
            if ev.has_record() && !always {
                (None, sys::interest::NONE)
            } else {
                let facts = self.facts();
                (
                    ev.selection.as_ref().map(|s| s.event.clone()),
                    ev.wanted_interest(&facts),
                )
            }
        };
        if let Some(event) = event {
            if !want.is_empty() {
                // A rooted socket's descriptor is readable exactly while its inbox says
                // so: no `poll` per socket and call (a conference program enumerating
                // its hundred leaves after every wake-up).
                let bits = self
                    .provider
                    .rooted()
                    .and_then(|m| m.inbox.readiness(want))
                    .unwrap_or_else(|| sys::poll_one(self.fd(), want));
                if !bits.is_empty() {
                    self.on_ready(&event, bits);
                }
            }
        }
    }

    /// Whether the socket is selected to `event` (`WSAEventSelect`, or the queue event a
    /// `WSAAsyncSelect` uses).
    pub fn is_selected_to(&self, event: &Arc<EventObject>) -> bool {
        let ev = self.events.lock();
        matches!(&ev.selection, Some(sel) if Arc::ptr_eq(&sel.event, event))
    }

    /// Applies a readiness report from `event`'s poller.
    pub fn on_ready(&self, event: &Arc<EventObject>, bits: sys::Ready) {
        let mut ev = self.events.lock();
        match &ev.selection {
            Some(sel) if Arc::ptr_eq(&sel.event, event) => {}
            _ => return,
        }
        let facts = self.facts();
        let mut bits = bits;
        if bits.intersects(sys::ready::READABLE) && !self.readable_after_filter() {
            // Only datagrams the socket drops were queued: nothing to report.
            bits &= !sys::ready::READABLE;
        }
        match ev.on_ready(&facts, bits) {
            Some(ConnectOutcome::Succeeded) => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECTED);
            }
            Some(ConnectOutcome::Failed) => {
                self.clear(mode::CONNECTING);
                self.set(mode::CONNECT_FAILED);
            }
            None => {}
        }
    }

    /// `WSAEnumNetworkEvents`: evaluates current conditions if nothing is recorded yet, then,
    /// under the socket's lock, resets `reset` and takes and clears the record. Resetting
    /// before taking means a network event recorded meanwhile (on this or another socket
    /// sharing the event) leaves the event signalled rather than lost.
    pub fn take_network_events(&self, reset: Option<&EventObject>, codes: &mut [i32; 10]) -> u32 {
        self.harvest_readiness(false);
        let mut ev = self.events.lock();
        if let Some(e) = reset {
            e.reset();
        }
        let facts = self.facts();
        let bits = ev.take_record(&facts, codes);
        if ev.has_consumed() && !self.has(mode::CONSUMED) {
            self.set(mode::CONSUMED);
        }
        bits
    }

    /// Records FD_CONNECT (for joins that complete without a connect call).
    pub fn record_connect(&self, code: i32) {
        self.with_selection(|ev, f| ev.record_connect(f, code));
    }

    /// Records FD_ADDRESS_LIST_CHANGE (`routing` false) or FD_ROUTING_INTERFACE_CHANGE, if
    /// selected (the address list or the routes changed after an `SIO_ADDRESS_LIST_CHANGE` /
    /// `SIO_ROUTING_INTERFACE_CHANGE` that failed with `WSAEWOULDBLOCK`).
    pub(crate) fn record_host_change(&self, routing: bool) {
        self.with_selection(|ev, f| ev.record_host_change(f, routing));
    }

    /// Records FD_ACCEPT (a join request or invitation the provider holds), if enabled.
    pub(crate) fn record_accept(&self) {
        self.with_selection(|ev, f| ev.record_accept(f));
    }

    /// A join started by this socket completed with `code` (0: success): records FD_CONNECT,
    /// and on success the socket is connected and FD_WRITE follows.
    pub(crate) fn join_completed(&self, code: i32) {
        if code == 0 {
            self.set(mode::CONNECTED);
            self.with_selection(|ev, f| {
                ev.record_connect(f, 0);
                ev.arm_write(f);
            });
        } else {
            self.record_connect(code);
        }
    }

    /// A c_leaf socket a root created for an invitation is now connected (FD_WRITE follows; its
    /// FD_CONNECT goes to the root socket).
    pub(crate) fn mark_connected(&self) {
        self.set(mode::CONNECTED);
        self.with_selection(|ev, f| ev.arm_write(f));
    }
}
