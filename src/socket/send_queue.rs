//! The send queue of a non-blocking TCP socket.
//!
//! Windows never reports a partial non-blocking stream send: the stack takes the whole buffer
//! (it buffers beyond `SO_SNDBUF`) or, while earlier data still fills the send buffer, fails
//! with `WSAEWOULDBLOCK`; `FD_WRITE` follows once there is room. Legacy programs rely on it
//! and ignore the count. Linux takes what fits. So when a non-blocking send on a native
//! stream socket was partial, the rest is kept here and the call reports the whole length;
//! until it is sent the socket is not writable for Winsock (sends fail with
//! `WSAEWOULDBLOCK`, `select`/`WSAPoll` report no writability, no `FD_WRITE`).
//!
//! One flusher thread (started on first use) watches the queued sockets' writability with
//! its own poller and writes the queues as the kernel takes them, whether or not the program
//! calls ws2mp again. When a queue is finished it raises the queue's drain signal (`select`
//! and `WSAPoll` wait on it), wakes blocking senders, does a `shutdown(SD_SEND)` that waited
//! for it, and re-evaluates the event selection (FD_WRITE when armed). A closed socket's
//! queue is sent before its descriptor closes (the flusher holds the socket), as Windows'
//! graceful close sends in the background; `SO_LINGER {1, 0}` drops it.
//!
//! Locks: the flusher's table, then a socket's `send_queue`, then its `events`; the table is
//! never taken while a queue lock is held.

use super::*;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

/// The rest of a partial send, not yet taken by the kernel.
pub(crate) struct SendQueue {
    data: Vec<u8>,
    /// Bytes of `data` already sent.
    sent: usize,
    /// `shutdown(SD_SEND)` was called meanwhile: the OS's shutdown follows the last byte.
    shut_after: bool,
    /// Raised when the queue is finished (sent, failed or dropped); never cleared.
    drained: Arc<sys::Signal>,
}

struct Flusher {
    poller: sys::Poller,
    /// The sockets with a queue, by poller token. Holding the socket keeps a closed socket's
    /// descriptor open until its queue is sent.
    sockets: Mutex<HashMap<u64, Arc<Socket>>>,
}

static FLUSHER: OnceLock<Option<&'static Flusher>> = OnceLock::new();

fn flusher() -> Option<&'static Flusher> {
    *FLUSHER.get_or_init(|| {
        let poller = match sys::Poller::new() {
            Ok(p) => p,
            Err(e) => {
                crate::log::warn(format_args!(
                    "send queue: no poller: {}",
                    WsaError::from_errno(e)
                ));
                return None;
            }
        };
        let f: &'static Flusher = Box::leak(Box::new(Flusher {
            poller,
            sockets: Mutex::new(HashMap::new()),
        }));
        let started = std::thread::Builder::new()
            .name("ws2mp-sendq".into())
            .spawn(move || run(f));
        match started {
            Ok(_) => {
                sys::shared_sync::at_exit(drain_at_exit);
                Some(f)
            }
            Err(e) => {
                crate::log::warn(format_args!("send queue: no flusher thread: {e}"));
                None
            }
        }
    })
}

/// The flusher thread: writes each queue whose socket the kernel reports writable.
fn run(f: &'static Flusher) {
    let mut ready = Vec::new();
    loop {
        ready.clear();
        if f.poller.wait(&mut ready, -1).is_err() {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        for &(token, _) in &ready {
            let mut sockets = f.sockets.lock();
            let Some(sock) = sockets.get(&token).cloned() else {
                continue;
            };
            let outcome =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sock.flush_send_queue()));
            if !matches!(outcome, Ok(false)) {
                let _ = f.poller.delete(sock.fd(), sys::interest::WRITE);
                sockets.remove(&token);
            }
            drop(sockets);
            // A closed socket's descriptor closes here, after its last byte was queued in the
            // kernel (the OS then sends it, and the FIN, as Windows' graceful close does).
            drop(sock);
        }
    }
}

/// Whether a send of `total` bytes on `sock` that sent `sent` may leave the rest to the queue:
/// a plain (no flags but `MSG_DONTROUTE`) non-blocking send of the program on a native TCP
/// socket that took some but not all of it.
fn queues(sock: &Socket, sent: usize, total: usize, flags: i32, wait: Wait) -> bool {
    sent < total
        && wait == Wait::AsSocket
        && flags & !libc::MSG_DONTROUTE == 0
        && sock.is_stream()
        && matches!(sock.provider, Provider::Native)
        && sock.is_nonblocking()
}

impl Socket {
    /// After a send of `bufs` that sent `result`: a partial non-blocking stream send keeps the
    /// rest and reports the whole length (see the module). Cold unless the send was partial.
    #[inline]
    pub(super) fn queue_rest(
        &self,
        result: WsaResult<usize>,
        bufs: sys::IoBufs<'_>,
        flags: i32,
        wait: Wait,
    ) -> WsaResult<usize> {
        match result {
            Ok(sent) if sent < bufs.total_len() => {
                let total = bufs.total_len();
                if !queues(self, sent, total, flags, wait) {
                    return Ok(sent);
                }
                let mut rest = Vec::with_capacity(total - sent);
                if sys::iov::append_tail(&mut rest, bufs, sent).is_err() {
                    // The kernel read the start; the rest cannot be read: Windows checks the
                    // whole buffer first, so report the fault.
                    return Err(WsaError::WSAEFAULT);
                }
                self.enqueue(rest).map(|()| total)
            }
            other => other,
        }
    }

    /// Starts the queue with `rest` and hands the socket to the flusher.
    #[cold]
    fn enqueue(&self, rest: Vec<u8>) -> WsaResult<()> {
        let Some(f) = flusher() else {
            return Err(WsaError::WSAENOBUFS);
        };
        let drained = Arc::new(sys::Signal::new().map_err(|_| WsaError::WSAENOBUFS)?);
        let Some(me) = registry::get(self.fd()).filter(|s| std::ptr::eq(&**s, self)) else {
            // Closed by another thread during the send.
            return Err(WsaError::WSAEINTR);
        };
        {
            let mut slot = self.send_queue.lock();
            *slot = Some(Box::new(SendQueue {
                data: rest,
                sent: 0,
                shut_after: false,
                drained,
            }));
            self.set(mode::SEND_QUEUED);
        }
        let token = self.token();
        let mut sockets = f.sockets.lock();
        if sockets.insert(token, me).is_none() {
            if let Err(e) = f.poller.add(self.fd(), token, sys::interest::WRITE) {
                sockets.remove(&token);
                drop(sockets);
                self.finish_send_queue(Some(e));
                return Err(WsaError::from_errno(e));
            }
        }
        crate::log::debug(format_args!(
            "socket {}: partial send, rest queued",
            self.fd()
        ));
        Ok(())
    }

    /// A send while a queue exists: waits for it on a blocking call; else writes what the
    /// kernel takes now and fails with `WSAEWOULDBLOCK` unless that finished the queue.
    #[cold]
    pub(super) fn wait_send_queue(&self, wait: Wait) -> WsaResult<()> {
        let mut slot = self.send_queue.lock();
        if wait == Wait::AsSocket && !self.is_nonblocking() {
            while slot.is_some() {
                if self.has(mode::CLOSED) {
                    return Err(WsaError::WSAEINTR);
                }
                self.send_drained
                    .wait_for(&mut slot, Duration::from_millis(100));
            }
        }
        drop(slot);
        // A non-blocking call writes what the kernel takes now, and finds a connection that
        // failed meanwhile (before the flusher does: the send then reports the failure).
        if !self.flush_send_queue() {
            return Err(WsaError::WSAEWOULDBLOCK);
        }
        if self.has(mode::SHUT_SEND) {
            return Err(WsaError::WSAESHUTDOWN);
        }
        Ok(())
    }

    /// Whether bytes of a partial send are still queued (the socket is then not writable).
    #[inline]
    pub fn send_queued(&self) -> bool {
        self.has(mode::SEND_QUEUED)
    }

    /// The signal raised when the send queue is finished, while there is one (`select` and
    /// `WSAPoll` wait on it instead of the socket's writability).
    pub fn send_drain_signal(&self) -> Option<Arc<sys::Signal>> {
        if !self.send_queued() {
            return None;
        }
        self.send_queue.lock().as_ref().map(|q| q.drained.clone())
    }

    /// `shutdown(SD_SEND)` (or `SD_BOTH`) while bytes are queued: the OS's shutdown of sending
    /// waits for them. Returns whether it was deferred.
    pub(super) fn defer_send_shutdown(&self) -> bool {
        if !self.send_queued() {
            return false;
        }
        match self.send_queue.lock().as_mut() {
            Some(q) => {
                q.shut_after = true;
                true
            }
            None => false,
        }
    }

    /// Writes the queue as far as the kernel takes it (the flusher, or a send that finds the
    /// queue). Returns whether the queue is finished (sent, failed, or gone); the flusher
    /// drops a finished queue's registration at its next report.
    fn flush_send_queue(&self) -> bool {
        let mut slot = self.send_queue.lock();
        let Some(q) = slot.as_mut() else {
            return true;
        };
        let mut failed = None;
        while q.sent < q.data.len() {
            match sys::send(self.fd(), &q.data[q.sent..], libc::MSG_DONTWAIT) {
                Ok(n) => q.sent += n,
                Err(libc::EINTR) => {}
                Err(e) if e == libc::EAGAIN || e == libc::EWOULDBLOCK => return false,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        drop(slot);
        self.finish_send_queue(failed);
        true
    }

    /// Ends the queue: everything sent (`failed` None) or the connection failed (errno).
    fn finish_send_queue(&self, failed: Option<i32>) {
        let q = {
            let mut slot = self.send_queue.lock();
            let q = slot.take();
            self.clear(mode::SEND_QUEUED);
            q
        };
        self.send_drained.notify_all();
        let Some(q) = q else { return };
        match failed {
            Some(e) => {
                let err = WsaError::from_errno(e);
                crate::log::debug(format_args!(
                    "socket {}: queued send failed: {err}",
                    self.fd()
                ));
                // Reported by the next call and with FD_CLOSE, as a send's own failure is.
                self.events.lock().note_failure(match e {
                    libc::EPIPE => WsaError::WSAECONNRESET.0,
                    _ => err.0,
                });
            }
            None if q.shut_after => {
                let _ = sys::shutdown(self.fd(), libc::SHUT_WR);
            }
            None => {}
        }
        q.drained.raise();
        if !self.has(mode::CLOSED) {
            // FD_WRITE, when a send failed with WSAEWOULDBLOCK since.
            self.with_selection(|ev, f| ev.refresh(f));
        }
    }

    /// `closesocket` with bytes queued: they are sent in the background (the flusher holds
    /// the socket, so its descriptor closes after them), unless `SO_LINGER` is on with a zero
    /// timeout (abortive close: dropped, and the connection is reset).
    pub(super) fn close_send_queue(&self) {
        let abortive =
            sys::getsockopt::<libc::linger>(self.fd(), libc::SOL_SOCKET, libc::SO_LINGER)
                .is_ok_and(|l| l.l_onoff != 0 && l.l_linger == 0);
        if abortive {
            self.drop_send_queue();
        }
    }

    /// Drops the queue and the flusher's registration (abortive close; the descriptor is
    /// replaced by `DisconnectEx(TF_REUSE_SOCKET)`).
    pub(super) fn drop_send_queue(&self) {
        let Some(f) = flusher() else { return };
        let token = self.token();
        let (held, queue) = {
            let mut sockets = f.sockets.lock();
            let held = sockets.remove(&token);
            if held.is_some() {
                let _ = f.poller.delete(self.fd(), sys::interest::WRITE);
            }
            // Taken while the table is locked: the flusher cannot be writing it.
            let queue = self.send_queue.lock().take();
            self.clear(mode::SEND_QUEUED);
            (held, queue)
        };
        self.send_drained.notify_all();
        if let Some(q) = queue {
            q.drained.raise();
        }
        drop(held);
    }
}

/// How long a normal exit waits for queued bytes to be taken by the kernel.
const EXIT_LINGER: Duration = Duration::from_secs(5);

/// At a normal exit (`exit`, a return from `main`), waits up to [`EXIT_LINGER`] for the
/// queues to be sent: a program that sends, closes and returns expects its data to arrive
/// (on Windows the system sends it after the process is gone).
extern "C" fn drain_at_exit() {
    let Some(Some(f)) = FLUSHER.get() else { return };
    let until = std::time::Instant::now() + EXIT_LINGER;
    while !f.sockets.lock().is_empty() && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
}
