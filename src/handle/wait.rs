//! `WSAWaitForMultipleEvents`, `WaitForSingleObject`, `WaitForMultipleObjects`.
//!
//! One event: the thread blocks in that event's poller and harvests what it returns.
//! Several events: the thread `poll`s the events' poller descriptors, then harvests the ready
//! ones. Either way the thread that waits is the thread that records the network events.
//!
//! An alertable wait (`WaitForSingleObjectEx(..., TRUE)` and the like) also ends when an APC
//! is queued to the thread (`crate::handle::apc`): the thread then blocks in `poll` on the
//! objects and on its APC queue's wake-up event, runs the queued calls and reports
//! [`WaitOutcome::IoCompletion`]. Windows' order is kept: objects that can be acquired first,
//! then queued calls, then the timeout. Waits that are not alertable never look at the queue.

use crate::error::{WsaError, WsaResult};
use crate::event::harvest;
use crate::event::object::{EventObject, Parked};
use crate::handle::{self, apc, pulse, table, Acquired, Kind, Object};
use crate::sys;
use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) const WSA_MAXIMUM_WAIT_EVENTS: usize = 64;
pub(crate) const WSA_INFINITE: u32 = 0xffff_ffff;
/// `WAIT_ABANDONED_0`: the wait took a mutex whose owner ended without releasing it.
pub(crate) const WAIT_ABANDONED_0: u32 = 0x80;

#[derive(Debug, PartialEq, Eq)]
pub enum WaitOutcome {
    /// Index of the lowest signalled object (any), or 0 (all).
    Signalled(usize),
    /// Index of a mutex whose owner ended without releasing it (`WAIT_ABANDONED_0 + i`).
    Abandoned(usize),
    Timeout,
    /// An alertable wait ran the calls queued to the thread (`WAIT_IO_COMPLETION`); nothing
    /// was acquired.
    IoCompletion,
}

thread_local! {
    static REPORTS: RefCell<Vec<(u64, sys::Ready)>> = RefCell::new(Vec::with_capacity(64));
}

/// Waits in `event`'s poller and records what it reports. With `blocking`, the thread counts
/// as blocked on the event while it waits, and stops counting *before* it records, so that the
/// events it records itself do not raise the signal descriptor for a waiter that is not there.
fn drain(event: &Arc<EventObject>, timeout_ms: i32, blocking: bool) -> WsaResult<()> {
    REPORTS.with(|r| {
        let mut reports = r.borrow_mut();
        reports.clear();
        let result = event.poller.wait(&mut reports, timeout_ms);
        if blocking {
            event.end_block();
        }
        result.map_err(WsaError::from_errno)?;
        harvest(event, &reports);
        Ok(())
    })
}

/// Acquires what the wait asks for, if it can be had now: the lowest-indexed object that can
/// be taken (any), or all of them at once (all).
fn satisfied(objects: &[Arc<Object>], wait_all: bool) -> Option<WaitOutcome> {
    if wait_all {
        let abandoned = handle::try_acquire_all(objects)?;
        objects.iter().for_each(note_mutex);
        return Some(match abandoned {
            Some(i) => WaitOutcome::Abandoned(i),
            None => WaitOutcome::Signalled(0),
        });
    }
    objects.iter().enumerate().find_map(|(i, o)| {
        let acquired = o.try_acquire()?;
        note_mutex(o);
        Some(match acquired {
            Acquired::Yes => WaitOutcome::Signalled(i),
            Acquired::Abandoned => WaitOutcome::Abandoned(i),
        })
    })
}

/// A mutex the wait took is remembered, to be abandoned if this thread ends owning it.
fn note_mutex(object: &Arc<Object>) {
    if matches!(object.kind, Kind::Mutex(_)) {
        handle::sync::note_owned(object);
    }
}

fn remaining_ms(deadline: Option<Instant>) -> i32 {
    match deadline {
        None => -1,
        Some(d) => {
            let left = d.saturating_duration_since(Instant::now());
            // Round up so a wait never returns before its deadline.
            let ms = left.as_micros().div_ceil(1000);
            ms.min(i32::MAX as u128) as i32
        }
    }
}

/// Waits on 1–64 handles of any kind (events, threads, mutexes, semaphores) with Windows'
/// rules: any → the lowest index that can be acquired; all → every object at once. Acquiring
/// consumes an auto-reset event's signal, takes a mutex, decrements a semaphore. Alertable or
/// not (see the module comment).
///
/// `lookup(h)` gives a handle's object and whether it is a table handle (one whose closing
/// during the wait fails the wait): the caller's layer may name objects the table does not
/// hold (a socket handle's own event).
pub fn wait_ex(
    handles: &[usize],
    wait_all: bool,
    timeout_ms: u32,
    alertable: bool,
    lookup: impl Fn(usize) -> WsaResult<(Arc<Object>, bool)>,
) -> WsaResult<WaitOutcome> {
    if handles.is_empty() || handles.len() > WSA_MAXIMUM_WAIT_EVENTS {
        return Err(WsaError::WSA_INVALID_PARAMETER);
    }
    // One handle (the usual case) needs no allocation.
    let single;
    let several;
    let mut in_table = [false; WSA_MAXIMUM_WAIT_EVENTS];
    let objects: &[Arc<Object>] = if let [h] = handles {
        let (o, t) = lookup(*h)?;
        in_table[0] = t;
        single = [o];
        &single
    } else {
        several = handles
            .iter()
            .zip(in_table.iter_mut())
            .map(|(&h, t)| {
                let (o, table) = lookup(h)?;
                *t = table;
                Ok(o)
            })
            .collect::<WsaResult<Vec<_>>>()?;
        &several
    };
    if wait_all {
        for (i, o) in objects.iter().enumerate() {
            if objects[..i].iter().any(|p| Arc::ptr_eq(p, o)) {
                return Err(WsaError::WSA_INVALID_PARAMETER);
            }
        }
    }
    wait_objects_ex(
        objects,
        wait_all,
        timeout_ms,
        |i| {
            handles
                .get(i)
                .copied()
                .filter(|&h| in_table[i] && !handle::is_pseudo(h))
        },
        alertable,
    )
}

/// The wait itself, over objects already looked up, alertable or not. `handle_of(i)` names
/// object `i`'s handle, if it has one, so that a wait fails when that handle is closed under it.
pub fn wait_objects_ex(
    objects: &[Arc<Object>],
    wait_all: bool,
    timeout_ms: u32,
    handle_of: impl Fn(usize) -> Option<usize>,
    alertable: bool,
) -> WsaResult<WaitOutcome> {
    let deadline = (timeout_ms != WSA_INFINITE)
        .then(|| Instant::now() + Duration::from_millis(u64::from(timeout_ms)));
    let mut expired = false;
    // Armed on the first block, disarmed when the wait returns.
    let mut armed: Option<apc::Armed> = None;
    // Counted among the events' waiters (for `PulseEvent`) until the wait returns.
    let _waiting = (!wait_all).then(|| pulse::enter(objects));
    loop {
        if let Some(outcome) = satisfied(objects, wait_all) {
            return Ok(outcome);
        }
        if alertable && apc::run_pending() {
            return Ok(WaitOutcome::IoCompletion);
        }
        if expired {
            return Ok(WaitOutcome::Timeout);
        }
        let timeout = remaining_ms(deadline);
        if alertable {
            if armed.is_none() {
                match apc::arm_event()? {
                    Some(a) => armed = Some(a),
                    None => continue,
                }
            }
            let wake = armed.as_ref().and_then(|a| a.event());
            wait_several(objects, wait_all, timeout, wake)?;
        } else if objects.len() == 1 && objects[0].event.has_no_sockets() {
            // Nothing to harvest: sleep on the event itself (a futex), not on its poller.
            match objects[0].event.park(deadline) {
                Parked::Signalled | Parked::Changed => {}
                Parked::TimedOut => expired = true,
            }
        } else if objects.len() == 1 {
            let event = &objects[0].event;
            if event.begin_block() {
                drain(event, timeout, true)?;
            }
        } else {
            wait_several(objects, wait_all, timeout, None)?;
        }
        // What woke us may be what we wait for, even if a handle was closed meanwhile (a
        // `_beginthread` handle closes itself right after its thread's end is signalled).
        if let Some(outcome) = satisfied(objects, wait_all) {
            return Ok(outcome);
        }
        if alertable && apc::run_pending() {
            return Ok(WaitOutcome::IoCompletion);
        }
        if objects
            .iter()
            .enumerate()
            .any(|(i, o)| handle_of(i).is_some_and(|h| !table::still_open(h, o)))
        {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
        if timeout == 0 {
            expired = true;
        }
        // Woken for a call that was withdrawn before it ran (a cancelled timer's routine): arm
        // again, which clears the wake-up event, rather than spin on it.
        if armed
            .as_ref()
            .and_then(|a| a.event())
            .is_some_and(|e| e.is_signalled())
        {
            armed = None;
        }
    }
}

/// Blocks in `poll` on the objects' events and on `wake` (an alertable wait's APC wake-up
/// event, which ends the block whatever `wait_all` says).
fn wait_several(
    objects: &[Arc<Object>],
    wait_all: bool,
    timeout: i32,
    wake: Option<&Arc<EventObject>>,
) -> WsaResult<()> {
    // Block on every event (any), or on the ones not yet signalled (all).
    let mut blocked: Vec<&Arc<EventObject>> = Vec::with_capacity(objects.len() + 1);
    let mut already = false;
    for e in objects.iter().map(|o| &o.event) {
        if wait_all && e.is_signalled() {
            continue;
        }
        if e.begin_block() {
            blocked.push(e);
        } else {
            already = true;
        }
    }
    let mut woken = false;
    if let Some(w) = wake {
        if w.begin_block() {
            blocked.push(w);
        } else {
            woken = true;
        }
    }
    let mut fds: Vec<libc::pollfd> = blocked
        .iter()
        .map(|e| libc::pollfd {
            fd: e.poller.raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        })
        .collect();
    let poll_timeout = if (already && !wait_all) || woken || blocked.is_empty() {
        0
    } else {
        timeout
    };
    let r = sys::poll(&mut fds, poll_timeout);
    for e in &blocked {
        e.end_block();
    }
    match r {
        Ok(_) | Err(libc::EINTR) => {}
        Err(e) => return Err(WsaError::from_errno(e)),
    }
    for (e, pfd) in blocked.iter().zip(&fds) {
        if pfd.revents != 0 {
            drain(e, 0, false)?;
        }
    }
    Ok(())
}
