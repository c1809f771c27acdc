//! Process objects (`CreateProcess`'s `hProcess` and `hThread`): signalled when the child
//! ends, with its exit code (`GetExitCodeProcess`) and `TerminateProcess`.
//!
//! One reaper thread per child waits for its end without reaping it (the child stays a
//! zombie, so its id cannot be reused while `TerminateProcess` may still signal it), then,
//! under the object's lock, reaps it exactly once, stores the exit code and sets the object's
//! event. `TerminateProcess` kills only a child not yet reaped, under the same lock.
//!
//! `OpenProcess` of a process ws2mp did not start makes an object watched by a thread of its
//! own through an `ExitWatch` (a pidfd on Linux, so neither the watch nor `TerminateProcess`
//! can reach another process that reuses the id); its exit code is not this process's to
//! collect (its parent reaps it), so it reads 0 once it has ended, or the code
//! `TerminateProcess` gave.

use super::{codes, err, Kind, Object};
use crate::error::WsaResult;
use crate::sys::process::{self as sysproc, Ended};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
use std::sync::{Arc, Weak};

/// `ERROR_ACCESS_DENIED`: `TerminateProcess` of a process that has already ended.
const ERROR_ACCESS_DENIED: i32 = 5;

pub struct ProcessState {
    pid: u32,
    exit_code: AtomicU32,
    life: Mutex<Life>,
    /// A child started with `CREATE_SUSPENDED`, until `ResumeThread`: the write end of the
    /// pipe it waits on before running its program (`sysproc::Spawn::hold`).
    held: Mutex<Option<std::os::fd::OwnedFd>>,
    /// A process ws2mp did not start (`OpenProcess`): how its end is seen and how it is
    /// killed. None for a child, and for this process itself.
    outsider: Option<Arc<sysproc::ExitWatch>>,
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

    /// `ResumeThread` on the child's thread handle: a child started with `CREATE_SUSPENDED`
    /// runs its program now (the previous suspend count, 1, is returned); any other child is
    /// not suspended (0).
    pub fn resume(&self) -> u32 {
        match self.held.lock().take() {
            Some(gate) => {
                // A failed write closes the pipe all the same: the child then exits unrun.
                let _ = sysproc::release(&gate);
                1
            }
            None => 0,
        }
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

/// Makes the object of the child `pid` (just started) and the thread that reaps it. `held`:
/// the write end of the pipe a child started suspended waits on.
pub fn adopt(pid: u32, held: Option<std::os::fd::OwnedFd>) -> WsaResult<Arc<Object>> {
    let object = new_object(pid, None)?;
    if let Kind::Process(p) = &object.kind {
        *p.held.lock() = held;
    }
    CHILDREN
        .lock()
        .get_or_insert_with(HashMap::new)
        .insert(pid, Arc::downgrade(&object));
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

fn new_object(pid: u32, outsider: Option<Arc<sysproc::ExitWatch>>) -> WsaResult<Arc<Object>> {
    Object::new(
        Kind::Process(ProcessState {
            pid,
            exit_code: AtomicU32::new(super::thread::STILL_ACTIVE),
            life: Mutex::new(Life::default()),
            held: Mutex::new(None),
            outsider,
        }),
        None,
        false,
    )
}

/// The children `CreateProcess` started, by id (`OpenProcess` of one gives its object).
static CHILDREN: Mutex<Option<HashMap<u32, Weak<Object>>>> = Mutex::new(None);

/// `OpenProcess(pid)`: a child's own object, this process (never signalled), or a process
/// ws2mp did not start, watched until it ends. `ERROR_INVALID_PARAMETER` for no such process
/// (and for 0), `ERROR_ACCESS_DENIED` for another user's.
pub fn open(pid: u32) -> WsaResult<Arc<Object>> {
    if pid == 0 {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    if let Some(child) = CHILDREN.lock().as_mut().and_then(|c| {
        c.retain(|_, w| w.strong_count() > 0);
        c.get(&pid)?.upgrade()
    }) {
        return Ok(child);
    }
    match sysproc::exists(pid) {
        Err(libc::EPERM) => return Err(err(codes::ERROR_ACCESS_DENIED)),
        Err(_) => return Err(err(codes::ERROR_INVALID_PARAMETER)),
        Ok(()) => {}
    }
    if pid == crate::sys::thread::process_id() {
        return new_object(pid, None);
    }
    let watch = Arc::new(sysproc::ExitWatch::new(pid));
    let object = new_object(pid, Some(watch.clone()))?;
    let weak = Arc::downgrade(&object);
    std::thread::Builder::new()
        .name("ws2mp-watch".into())
        .stack_size(64 * 1024)
        .spawn(move || loop {
            let ended = watch.ended_within(250);
            let Some(object) = weak.upgrade() else { return };
            if ended {
                outsider_ended(&object);
                return;
            }
        })
        .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    Ok(object)
}

fn outsider_ended(object: &Object) {
    let Ok(p) = state(object) else { return };
    let mut life = p.life.lock();
    life.reaped = true;
    p.exit_code.store(life.terminated.unwrap_or(0), SeqCst);
    drop(life);
    object.event.set();
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
    if p.pid == crate::sys::thread::process_id() {
        sysproc::exit_now(code);
    }
    if life.terminated.is_none() {
        life.terminated = Some(code);
    }
    match &p.outsider {
        Some(watch) => watch.kill().map_err(|e| {
            err(if e == libc::EPERM {
                ERROR_ACCESS_DENIED
            } else {
                codes::ERROR_INVALID_HANDLE
            })
        }),
        // The child is not reaped (the lock is held): its id is still its own.
        None => {
            let _ = sysproc::kill(p.pid);
            Ok(())
        }
    }
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
