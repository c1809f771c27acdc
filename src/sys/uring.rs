//! io_uring backend of the overlapped engine (Linux): readiness reports through one-shot
//! `IORING_OP_POLL_ADD` requests, and receives the kernel performs itself (`IORING_OP_RECV`
//! into a program's buffer), reaped by one thread.
//!
//! Threads that arm a socket push a request to the submission queue under a lock and submit it
//! at once; the reaping thread blocks in `io_uring_enter(GETEVENTS)` and takes the completions.
//! A poll request carries only numbers (descriptor, mask, token), never a pointer, so nothing
//! the kernel reads can go away under it. A receive carries the program's buffer
//! ([`ReceiveTarget`]: lent until the operation's completion, which the engine posts only after
//! the kernel's report). Whether io_uring is usable (kernel version, seccomp,
//! `kernel.io_uring_disabled`) is found out at run time by [`Ring::new`].

use super::userbuf::ReceiveTarget;
use super::{interest, ready, Fd, Interest, Ready, SysResult};
use io_uring::{opcode, squeue, types, IoUring};
use parking_lot::Mutex;

/// `IORING_ENTER_GETEVENTS`.
const ENTER_GETEVENTS: u32 = 1;
/// The token of `POLL_REMOVE` requests (their completions are not reports).
const REMOVE_TOKEN: u64 = u64::MAX;
/// The token of the no-op requests that wake the waiting thread ([`Ring::kick`]).
const KICK_TOKEN: u64 = u64::MAX - 1;
/// Marks the user data of a receive ([`Ring::receive`]); a socket's token never has this bit
/// (generations are 31 bits), and the two tokens above are no socket's (no descriptor is that
/// large).
const RECEIVE_TAG: u64 = 1 << 63;

/// An io_uring instance used for readiness.
pub struct Ring {
    ring: IoUring,
    /// Serialises the submission queue (many threads arm sockets); whether a thread is
    /// submitting ([`Ring::push`]).
    submit: Mutex<bool>,
    /// Serialises the completion queue (one consumer at a time).
    reap: Mutex<()>,
    /// Receives ask for `IORING_RECVSEND_POLL_FIRST` (Linux 5.19, as cooperative task
    /// running): the caller has just found the socket empty, so the kernel's own first try
    /// at submission would fail too; it waits for readiness at once instead.
    poll_first: bool,
}

/// `IORING_RECVSEND_POLL_FIRST`.
const RECVSEND_POLL_FIRST: u16 = 1;

fn os_err(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

fn mask_for(wanted: Interest) -> u32 {
    let mut m = 0;
    if wanted.intersects(interest::READ) {
        m |= (libc::POLLIN | libc::POLLRDHUP) as u32;
    }
    if wanted.intersects(interest::WRITE) {
        m |= libc::POLLOUT as u32;
    }
    if wanted.intersects(interest::PRIORITY) {
        m |= libc::POLLPRI as u32;
    }
    m
}

fn bits_for(revents: u32) -> Ready {
    let mut bits = Ready::empty();
    if revents & libc::POLLIN as u32 != 0 {
        bits |= ready::READABLE;
    }
    if revents & libc::POLLOUT as u32 != 0 {
        bits |= ready::WRITABLE;
    }
    if revents & libc::POLLPRI as u32 != 0 {
        bits |= ready::PRIORITY;
    }
    if revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR) as u32 != 0 {
        bits |= ready::HANGUP | ready::READABLE;
    }
    if revents & libc::POLLERR as u32 != 0 {
        bits |= ready::ERROR;
    }
    bits
}

impl Ring {
    /// A ring with room for `entries` requests in flight, or the errno that says io_uring is
    /// not available.
    pub fn new(entries: u32) -> SysResult<Ring> {
        // Cooperative task running (Linux 5.19): a readiness report is finished by the thread
        // that armed the poll at its next entry to the kernel (or when it sleeps
        // interruptibly: it is woken), instead of an inter-processor interrupt into a thread
        // that is running. Threads arming polls are in ws2mp calls that enter the kernel
        // constantly; a thread computing without system calls finishes the report at its next
        // timer tick at worst. Older kernels refuse the flag: the default then.
        let (ring, recent) = match IoUring::builder().setup_coop_taskrun().build(entries) {
            Ok(ring) => (ring, true),
            Err(_) => (IoUring::new(entries).map_err(os_err)?, false),
        };
        Ok(Ring {
            ring,
            submit: Mutex::new(false),
            reap: Mutex::new(()),
            poll_first: recent,
        })
    }

    /// Queues `entry` and sees that it is submitted.
    ///
    /// Submissions are combined: the thread that finds nobody submitting enters the kernel
    /// and goes on until the queue is empty; a thread that queues an entry meanwhile returns
    /// at once (its entry goes with the submitter's next call). Holding one lock across the
    /// system call made the other workers of an IOCP server spin on it, and entering the
    /// kernel concurrently made them sleep on the ring's own lock there: both cost more than
    /// the submission. The submitting thread becomes the one the kernel finishes the entry's
    /// readiness report in (as when it submitted its own).
    ///
    /// # Safety
    /// Memory the request refers to stays valid until its completion is taken.
    unsafe fn push(&self, entry: squeue::Entry) -> SysResult<()> {
        {
            let mut submitting = self.submit.lock();
            // SAFETY: the submission queue is only used with `submit` held.
            let mut sq = unsafe { self.ring.submission_shared() };
            loop {
                // SAFETY: the caller's contract.
                if unsafe { sq.push(&entry) }.is_ok() {
                    break;
                }
                // Full: hand what is queued to the kernel and try again.
                sq.sync();
                self.ring.submitter().submit().map_err(os_err)?;
                sq.sync();
            }
            sq.sync();
            if *submitting {
                return Ok(());
            }
            *submitting = true;
        }
        loop {
            let submitted = match self.ring.submitter().submit() {
                Err(e) if e.raw_os_error() == Some(libc::EINTR) => continue,
                other => other,
            };
            let mut submitting = self.submit.lock();
            // SAFETY: as above; only the ends are read.
            let left = unsafe { self.ring.submission_shared() }.len();
            if submitted.is_err() || left == 0 {
                *submitting = false;
                return submitted.map(|_| ()).map_err(os_err);
            }
        }
    }

    /// Asks for one report, tagged `token`, when `fd` is ready for `wanted`
    /// (`sys::interest` bits). One-shot: ask again for the next one.
    pub fn poll_add(&self, fd: Fd, token: u64, wanted: Interest) -> SysResult<()> {
        let entry = opcode::PollAdd::new(types::Fd(fd), mask_for(wanted))
            .build()
            .user_data(token);
        // SAFETY: a poll request refers to no memory: a descriptor number and a mask.
        unsafe { self.push(entry) }
    }

    /// Withdraws the pending request tagged `token`, if any.
    pub fn poll_remove(&self, token: u64) -> SysResult<()> {
        let entry = opcode::PollRemove::new(token)
            .build()
            .user_data(REMOVE_TOKEN);
        // SAFETY: refers to no memory.
        unsafe { self.push(entry) }
    }

    /// Asks the kernel to receive from `fd` into `target` (no flags) as soon as data or the
    /// end of the stream is there (the caller just found none: the kernel waits for
    /// readiness first); [`Ring::wait`] reports the result with `token`. At most one
    /// per token at a time.
    pub fn receive(&self, fd: Fd, target: ReceiveTarget, token: u64) -> SysResult<()> {
        let poll_first = if self.poll_first {
            RECVSEND_POLL_FIRST
        } else {
            0
        };
        let entry = opcode::Recv::new(types::Fd(fd), target.base.get() as *mut u8, target.len)
            .ioprio(poll_first)
            .build()
            .user_data(token | RECEIVE_TAG);
        // SAFETY: `ReceiveTarget`'s contract: the buffer is lent writable until the operation
        // completes, and the engine completes it only after this request's report.
        unsafe { self.push(entry) }
    }

    /// Cancels the receive asked for with `token`; its report follows (`-ECANCELED`, or its
    /// result if it had finished).
    pub fn cancel_receive(&self, token: u64) -> SysResult<()> {
        let entry = opcode::AsyncCancel::new(token | RECEIVE_TAG)
            .build()
            .user_data(REMOVE_TOKEN);
        // SAFETY: refers to no memory.
        unsafe { self.push(entry) }
    }

    /// Wakes the thread blocked in [`Ring::wait`] (a no-op request completes at once).
    pub fn kick(&self) {
        // SAFETY: refers to no memory.
        let _ = unsafe { self.push(opcode::Nop::new().build().user_data(KICK_TOKEN)) };
    }

    /// The ring's descriptor: readable while completions wait to be taken.
    pub fn raw_fd(&self) -> Fd {
        use std::os::fd::AsRawFd;
        self.ring.as_raw_fd()
    }

    /// Waits for at least one report (with `block`) and appends `(token, ready bits)` of polls
    /// to `out`, `(token, result)` of receives (bytes, or a negative errno) to `received`.
    /// A poll that failed reports every bit (the attempt finds out why); a cancelled one
    /// reports none (io_uring cancels the requests of a thread that ends, so the socket must
    /// be armed again from a live thread; a receive cancelled so reports `-ECANCELED`).
    pub fn wait(
        &self,
        out: &mut Vec<(u64, Ready)>,
        received: &mut Vec<(u64, i32)>,
        block: bool,
    ) -> SysResult<()> {
        let _guard = self.reap.lock();
        if block {
            // SAFETY: a plain wait: nothing to submit, no argument.
            let r = unsafe {
                self.ring
                    .submitter()
                    .enter::<libc::sigset_t>(0, 1, ENTER_GETEVENTS, None)
            };
            match r {
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
                Err(e) => return Err(os_err(e)),
            }
        }
        // SAFETY: the completion queue is only used with `reap` held.
        let mut cq = unsafe { self.ring.completion_shared() };
        cq.sync();
        for cqe in &mut cq {
            let token = cqe.user_data();
            let res = cqe.result();
            if token == REMOVE_TOKEN || token == KICK_TOKEN {
                continue;
            }
            if token & RECEIVE_TAG != 0 {
                received.push((token & !RECEIVE_TAG, res));
                continue;
            }
            // A cancelled poll (withdrawn, or cancelled by the kernel because the thread that
            // asked for it ended) reports nothing ready: the caller asks again if it still
            // waits.
            let bits = if res == -libc::ECANCELED {
                Ready::empty()
            } else if res < 0 {
                ready::READABLE | ready::WRITABLE | ready::HANGUP | ready::ERROR
            } else {
                bits_for(res as u32)
            };
            out.push((token, bits));
        }
        cq.sync();
        Ok(())
    }
}
