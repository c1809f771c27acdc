//! One TCP connection of the rooted protocol: its state machine, its decoder, and its bounded
//! queue of frames the kernel has not taken yet.
//!
//! Frames are written straight to the socket by whichever thread sends (always under the
//! owning session's lock); the rest is queued and the engine flushes it when the socket turns
//! writable. Write interest is registered only while something is queued.

use super::config::{self, SEND_QUEUE_LIMIT};
use super::engine::Engine;
use super::machine::Machine;
use super::outgoing::Outgoing;
use super::wire::{self, Decoder};
use crate::addr::SockAddr;
use crate::error::WsaError;
use crate::sys::{self, interest, Fd, OwnedFd};
use std::collections::VecDeque;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Instant;

/// What reading a link produced.
pub enum Read {
    /// `n` bytes in the scratch buffer.
    Data(usize),
    /// Nothing more for now.
    Again,
    /// The peer closed its side.
    Eof,
    /// The connection failed (errno).
    Failed(i32),
}

pub struct Link {
    /// The connection (closed when the link is dropped).
    fd: OwnedFd,
    pub token: u64,
    pub machine: Machine,
    pub decoder: Decoder,
    /// The peer's address (the leaf at a root, the root at a leaf).
    pub peer: SockAddr,
    out: VecDeque<(Arc<[u8]>, usize)>,
    queued: usize,
    /// Interest registered in the engine's poller.
    interest: sys::Interest,
    /// Registered in the engine's poller (interest changes before that are applied then).
    live: bool,
    /// Reading is paused because the socket it delivers to is backlogged.
    pub paused: bool,
    /// The program reads this link itself (its blocking receives do): the engine does not
    /// watch it for reading, so that data arriving for the program wakes nobody else
    /// (docs/PROTOCOL.md §8). Ended by a wait on the socket's descriptor (`select`, `WSAPoll`,
    /// an event selection, `FIONREAD`) and by the engine's tick once the program stopped
    /// reading.
    pub direct: bool,
    /// A direct read happened since the engine's last tick.
    pub direct_used: bool,
    /// When the phase last changed (handshake and decision timeouts).
    pub since: Instant,
    pub last_rx: Instant,
    pub last_heartbeat: Instant,
    /// Last time queued bytes were taken by the kernel (or the queue was empty).
    pub last_progress: Instant,
    /// The peer's heartbeat timeout (ms), from its HELLO or ACCEPT.
    pub peer_hb_ms: u32,
}

impl Link {
    /// The connection's descriptor.
    #[inline]
    pub fn fd(&self) -> Fd {
        self.fd.as_raw_fd()
    }

    /// A link over `fd` (non-blocking, not yet registered).
    pub fn new(fd: OwnedFd, token: u64, machine: Machine, peer: SockAddr) -> Link {
        let now = Instant::now();
        let _ = sys::setsockopt(
            fd.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            1 as libc::c_int,
        );
        Link {
            fd,
            token,
            machine,
            decoder: Decoder::default(),
            peer,
            out: VecDeque::new(),
            queued: 0,
            interest: interest::NONE,
            live: false,
            paused: false,
            direct: false,
            direct_used: false,
            since: now,
            last_rx: now,
            last_heartbeat: now,
            last_progress: now,
            peer_hb_ms: config::heartbeat_ms(),
        }
    }

    pub fn interest(&self) -> sys::Interest {
        self.interest
    }

    /// Bytes waiting in user space.
    pub fn queued(&self) -> usize {
        self.queued
    }

    /// Whether a frame of `len` bytes fits in the queue.
    pub fn has_room(&self, len: usize) -> bool {
        self.queued + len <= SEND_QUEUE_LIMIT
    }

    /// The interest this link needs now.
    fn wanted(&self) -> sys::Interest {
        let mut w = interest::NONE;
        if !self.paused && !self.direct {
            w |= interest::READ;
        }
        if !self.out.is_empty() || self.machine.phase == super::machine::Phase::Connecting {
            w |= interest::WRITE;
        }
        w
    }

    /// Brings the poller registration in line with what the link needs.
    pub fn update_interest(&mut self, engine: &Engine) {
        if !self.live {
            return;
        }
        let want = self.wanted();
        if want != self.interest {
            engine.modify(self.fd(), self.token, self.interest, want);
            self.interest = want;
        }
    }

    /// Records the registration the caller made with `Engine::register`.
    pub fn registered(&mut self, interest: sys::Interest) {
        self.interest = interest;
        self.live = true;
    }

    /// Sends `frame`: straight to the socket if nothing is queued, else (and for whatever the
    /// kernel does not take) into the queue. The caller checks `has_room` first where the
    /// limit matters; control frames may exceed it slightly. Errors are the socket's errno.
    pub fn send(&mut self, engine: &Engine, frame: &Arc<[u8]>) -> Result<(), i32> {
        let sent = self.write_now(frame)?;
        if sent < frame.len() {
            self.queue_rest(engine, frame.clone(), sent);
        }
        Ok(())
    }

    /// Sends a DATA message as [`Link::send`] does; only a frame the kernel does not take at
    /// once is copied into shared memory (see `outgoing`).
    pub fn send_data(&mut self, engine: &Engine, msg: &mut Outgoing) -> Result<(), i32> {
        let sent = self.write_now(msg.frame())?;
        if sent < msg.frame().len() {
            self.queue_rest(engine, msg.shared().clone(), sent);
        }
        Ok(())
    }

    /// Writes `frame` to the socket if nothing is queued: how many bytes the kernel took (0
    /// when the frame must wait behind the queue).
    fn write_now(&mut self, frame: &[u8]) -> Result<usize, i32> {
        if !self.out.is_empty() || self.machine.phase == super::machine::Phase::Connecting {
            return Ok(0);
        }
        let sent = match sys::send(self.fd(), frame, 0) {
            Ok(n) => n,
            Err(libc::EAGAIN) => 0,
            #[allow(unreachable_patterns)]
            Err(libc::EWOULDBLOCK) => 0,
            Err(e) => return Err(e),
        };
        if sent < frame.len() {
            self.last_progress = Instant::now();
        }
        Ok(sent)
    }

    /// Queues `frame` from `offset` on (what the kernel has not taken).
    fn queue_rest(&mut self, engine: &Engine, frame: Arc<[u8]>, offset: usize) {
        self.queued += frame.len() - offset;
        self.out.push_back((frame, offset));
        self.update_interest(engine);
    }

    /// Queues `frame` without writing (the caller flushes the link once it queued a batch).
    /// Returns whether the queue was empty before.
    pub fn enqueue(&mut self, frame: &Arc<[u8]>) -> bool {
        let was_empty = self.out.is_empty();
        if was_empty {
            self.last_progress = Instant::now();
        }
        self.queued += frame.len();
        self.out.push_back((frame.clone(), 0));
        was_empty
    }

    /// Writes queued frames until the kernel stops taking them. Returns whether the queue is
    /// now empty.
    pub fn flush(&mut self, engine: &Engine, now: Instant) -> Result<bool, i32> {
        const BATCH: usize = 256;
        while !self.out.is_empty() {
            let mut iov = sys::iov_storage::<BATCH>();
            let unsent = self.out.iter().map(|(frame, off)| &frame[*off..]);
            let bufs = sys::IoBufs::from_slices(&mut iov, unsent);
            let written = match sys::send_msg(self.fd(), bufs, 0, None) {
                Ok(w) => w,
                Err(libc::EAGAIN) => break,
                #[allow(unreachable_patterns)]
                Err(libc::EWOULDBLOCK) => break,
                Err(e) => return Err(e),
            };
            self.last_progress = now;
            self.queued -= written;
            let mut left = written;
            while left > 0 {
                // The kernel took at most what was queued.
                let Some((frame, off)) = self.out.front_mut() else {
                    break;
                };
                let rest = frame.len() - *off;
                if left >= rest {
                    left -= rest;
                    self.out.pop_front();
                } else {
                    *off += left;
                    left = 0;
                }
            }
            if written == 0 {
                break;
            }
        }
        if self.out.is_empty() {
            // Give the ring's memory back: an idle link holds nothing.
            self.out = VecDeque::new();
            self.last_progress = now;
        }
        self.update_interest(engine);
        Ok(self.out.is_empty())
    }

    /// Whether the queue has held data without progress for longer than the stall timeout.
    pub fn stalled(&self, now: Instant) -> bool {
        !self.out.is_empty()
            && now.saturating_duration_since(self.last_progress) > config::timeouts().stall
    }

    /// Reads once into `scratch`.
    pub fn read(&mut self, scratch: &mut [u8], now: Instant) -> Read {
        match sys::recv(self.fd(), scratch, 0) {
            Ok(0) => Read::Eof,
            Ok(n) => {
                self.last_rx = now;
                Read::Data(n)
            }
            Err(libc::EAGAIN) => Read::Again,
            #[allow(unreachable_patterns)]
            Err(libc::EWOULDBLOCK) => Read::Again,
            Err(e) => Read::Failed(e),
        }
    }

    /// Sends a HEARTBEAT if one is due.
    pub fn heartbeat_due(&mut self, engine: &Engine, now: Instant) -> Result<(), i32> {
        if now.saturating_duration_since(self.last_heartbeat)
            >= config::heartbeat_interval(self.peer_hb_ms)
        {
            self.last_heartbeat = now;
            self.send(engine, &wire::heartbeat())?;
        }
        Ok(())
    }

    /// Whether the peer has been silent for longer than this side's heartbeat timeout.
    pub fn silent(&self, now: Instant) -> bool {
        !self.paused
            && !self.direct
            && now.saturating_duration_since(self.last_rx) > config::timeouts().heartbeat
    }

    /// The program reads this link itself from now on (see `direct`).
    pub fn claim(&mut self, engine: &Engine) {
        self.direct_used = true;
        if !self.direct {
            self.direct = true;
            self.update_interest(engine);
        }
    }

    /// The engine watches this link for reading again.
    pub fn release(&mut self, engine: &Engine) {
        if self.direct {
            self.direct = false;
            self.direct_used = false;
            self.update_interest(engine);
        }
    }

    /// The engine's tick: a link the program stopped reading itself goes back to the engine.
    pub fn tick_direct(&mut self, engine: &Engine) {
        if self.direct {
            if self.direct_used {
                self.direct_used = false;
            } else {
                self.release(engine);
            }
        }
    }

    /// Removes the registration and closes the connection; `abort` resets it (SO_LINGER 0).
    pub fn close(mut self, engine: &Engine, abort: bool) {
        engine.deregister(self.fd(), self.token, self.interest);
        self.interest = interest::NONE;
        if abort {
            let _ = sys::setsockopt(
                self.fd(),
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                },
            );
        }
        // Drop closes the descriptor.
    }

    /// Whether nothing is queued.
    pub fn is_flushed(&self) -> bool {
        self.out.is_empty()
    }
}

/// The Winsock code for a failed link (errno of a read, a write or a connect).
pub fn failure_code(errno: i32) -> i32 {
    match errno {
        libc::ECONNRESET | libc::EPIPE => WsaError::WSAECONNRESET.0,
        libc::ETIMEDOUT => WsaError::WSAECONNABORTED.0,
        e => WsaError::from_errno(e).0,
    }
}
