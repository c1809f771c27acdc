//! `WSAWaitForMultipleEvents`.
//!
//! One event: the thread blocks in that event's poller and harvests what it returns.
//! Several events: the thread `poll`s the events' poller descriptors, then harvests the ready
//! ones. Either way the thread that waits is the thread that records the network events.

use super::harvest;
use super::object::{self, EventObject, Parked};
use crate::error::{WsaError, WsaResult};
use crate::sys;
use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) const WSA_MAXIMUM_WAIT_EVENTS: usize = 64;
pub(crate) const WSA_INFINITE: u32 = 0xffff_ffff;

#[derive(Debug, PartialEq, Eq)]
pub enum WaitOutcome {
    /// Index of the lowest signalled event (any), or 0 (all).
    Signalled(usize),
    Timeout,
}

thread_local! {
    static REPORTS: RefCell<Vec<(u64, u8)>> = RefCell::new(Vec::with_capacity(64));
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

fn satisfied(events: &[Arc<EventObject>], wait_all: bool) -> Option<usize> {
    if wait_all {
        events.iter().all(|e| e.is_signalled()).then_some(0)
    } else {
        events.iter().position(|e| e.is_signalled())
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

pub fn wait(handles: &[usize], wait_all: bool, timeout_ms: u32) -> WsaResult<WaitOutcome> {
    if handles.is_empty() || handles.len() > WSA_MAXIMUM_WAIT_EVENTS {
        return Err(WsaError::WSA_INVALID_PARAMETER);
    }
    if wait_all {
        for (i, h) in handles.iter().enumerate() {
            if handles[..i].contains(h) {
                return Err(WsaError::WSA_INVALID_PARAMETER);
            }
        }
    }
    // One event (the usual case) needs no allocation.
    let single;
    let several;
    let events: &[Arc<EventObject>] = if let [h] = handles {
        single = [object::lookup(*h)?];
        &single
    } else {
        several = handles
            .iter()
            .map(|&h| object::lookup(h))
            .collect::<WsaResult<Vec<_>>>()?;
        &several
    };
    let deadline = (timeout_ms != WSA_INFINITE)
        .then(|| Instant::now() + Duration::from_millis(u64::from(timeout_ms)));

    loop {
        if let Some(i) = satisfied(events, wait_all) {
            return Ok(WaitOutcome::Signalled(i));
        }
        let timeout = remaining_ms(deadline);
        if events.len() == 1 && events[0].has_no_sockets() {
            // Nothing to harvest: sleep on the event itself (a futex), not on its poller.
            match events[0].park(deadline) {
                Parked::Signalled => return Ok(WaitOutcome::Signalled(0)),
                Parked::TimedOut => return Ok(WaitOutcome::Timeout),
                Parked::Changed => {}
            }
        } else if events.len() == 1 {
            let event = &events[0];
            if event.begin_block() {
                drain(event, timeout, true)?;
            }
        } else {
            wait_several(events, wait_all, timeout)?;
        }
        if let Some(i) = satisfied(events, wait_all) {
            return Ok(WaitOutcome::Signalled(i));
        }
        if handles
            .iter()
            .zip(events)
            .any(|(&h, e)| !object::still_open(h, e))
        {
            return Err(WsaError::WSA_INVALID_HANDLE);
        }
        if timeout == 0 {
            return Ok(WaitOutcome::Timeout);
        }
    }
}

fn wait_several(events: &[Arc<EventObject>], wait_all: bool, timeout: i32) -> WsaResult<()> {
    // Block on every event (any), or on the ones not yet signalled (all).
    let mut blocked: Vec<&Arc<EventObject>> = Vec::with_capacity(events.len());
    let mut already = false;
    for e in events {
        if wait_all && e.is_signalled() {
            continue;
        }
        if e.begin_block() {
            blocked.push(e);
        } else {
            already = true;
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
    let poll_timeout = if already && !wait_all { 0 } else { timeout };
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
