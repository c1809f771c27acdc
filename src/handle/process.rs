//! Process objects (`CreateProcess`'s `hProcess` and `hThread`): signalled when the child
//! ends, with its exit code (`GetExitCodeProcess`) and `TerminateProcess`.
//!
//! One reaper thread per child waits for its end without reaping it (the child stays a
//! zombie, so its id cannot be reused while `TerminateProcess` may still signal it), then,
//! under the object's lock, reaps it exactly once, stores the exit code and sets the object's
//! event. `TerminateProcess` kills only a child not yet reaped, under the same lock.

use super::{codes, err, Kind, Object};
use crate::error::WsaResult;
use crate::sys::process::{self as sysproc, Ended};
use parking_lot::Mutex;
use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use std::sync::Arc;

/// `ERROR_ACCESS_DENIED`: `TerminateProcess` of a process that has already ended.
const ERROR_ACCESS_DENIED: i32 = 5;

pub struct ProcessState {
    pid: u32,
    exit_code: AtomicU32,
    life: Mutex<Life>,
}

#[derive(Default)]
struct Life {
    reaped: bool,
    /// The code `TerminateProcess` gave, reported when the kill ends the child.
    terminated: Option<u32>,
}

impl ProcessState {
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// `STILL_ACTIVE` until the child has ended, then its exit code.
    pub fn exit_code(&self) -> u32 {
        self.exit_code.load(SeqCst)
    }
}

/// The exit code Windows would report for a child that ended this way: its exit status, or
/// for a signal the status of the matching Windows ending (an access violation for SIGSEGV,
/// `STATUS_CONTROL_C_EXIT` for SIGINT, 3 for `abort`, 1 for a kill).
pub fn exit_code(ended: Ended) -> u32 {
    match ended {
        Ended::Exited(code) => code as u32,
        Ended::Signalled(sig) => match sig {
            libc::SIGSEGV | libc::SIGBUS => 0xC000_0005,
            libc::SIGILL => 0xC000_001D,
            libc::SIGFPE => 0xC000_0094,
            libc::SIGINT => 0xC000_013A,
            libc::SIGABRT => 3,
            _ => 1,
        },
    }
}

/// The process behind an object, or `ERROR_INVALID_HANDLE`.
pub fn state(object: &Object) -> WsaResult<&ProcessState> {
    match &object.kind {
        Kind::Process(p) => Ok(p),
        _ => Err(err(codes::ERROR_INVALID_HANDLE)),
    }
}

/// Makes the object of the child `pid` (just started) and the thread that reaps it.
pub fn adopt(pid: u32) -> WsaResult<Arc<Object>> {
    let object = Object::new(
        Kind::Process(ProcessState {
            pid,
            exit_code: AtomicU32::new(super::thread::STILL_ACTIVE),
            life: Mutex::new(Life::default()),
        }),
        None,
        false,
    )?;
    let reaper = object.clone();
    let spawned = std::thread::Builder::new()
        .name("ws2mp-reaper".into())
        .stack_size(64 * 1024)
        .spawn(move || reap(&reaper));
    if spawned.is_err() {
        // No thread to wait for it: wait here, so that the child is not left a zombie.
        let _ = sysproc::kill(pid);
        reap(&object);
        return Err(err(codes::ERROR_NOT_ENOUGH_MEMORY));
    }
    Ok(object)
}

fn reap(object: &Arc<Object>) {
    let Ok(p) = state(object) else { return };
    let _ = sysproc::wait_ended(p.pid);
    let mut life = p.life.lock();
    let code = match sysproc::reap(p.pid) {
        Ok(Ended::Signalled(libc::SIGKILL)) if life.terminated.is_some() => life.terminated,
        Ok(ended) => Some(exit_code(ended)),
        Err(_) => life.terminated.or(Some(1)),
    };
    life.reaped = true;
    p.exit_code.store(code.unwrap_or(1), SeqCst);
    drop(life);
    object.event.set();
}

/// `TerminateProcess`: kills the child, whose exit code becomes `code`. `ERROR_ACCESS_DENIED`
/// when it has already ended.
pub fn terminate(object: &Object, code: u32) -> WsaResult<()> {
    let p = state(object)?;
    let mut life = p.life.lock();
    if life.reaped {
        return Err(err(ERROR_ACCESS_DENIED));
    }
    if life.terminated.is_none() {
        life.terminated = Some(code);
    }
    // The child is not reaped (the lock is held): its id is still its own.
    let _ = sysproc::kill(p.pid);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_become_windows_endings() {
        assert_eq!(exit_code(Ended::Exited(7)), 7);
        assert_eq!(exit_code(Ended::Signalled(libc::SIGSEGV)), 0xC000_0005);
        assert_eq!(exit_code(Ended::Signalled(libc::SIGINT)), 0xC000_013A);
        assert_eq!(exit_code(Ended::Signalled(libc::SIGTERM)), 1);
    }
}
