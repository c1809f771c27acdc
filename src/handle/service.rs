//! Windows services without a service control manager: `StartServiceCtrlDispatcher`,
//! `RegisterServiceCtrlHandler(Ex)`, `SetServiceStatus`.
//!
//! The process is a service when whatever started it says so with `WS2MP_SERVICE` in its
//! environment (a systemd unit's `Environment=WS2MP_SERVICE=1`; a service's name picks it from
//! a table of several). Then `StartServiceCtrlDispatcher` does what Windows' does: it runs the
//! service's `ServiceMain` on a thread of its own, with the service's name as its argument, and
//! the calling thread becomes the control dispatcher, calling the service's handler with the
//! controls the system sends as signals: SIGTERM and SIGINT are `SERVICE_CONTROL_STOP`
//! (`SERVICE_CONTROL_SHUTDOWN` for a service that accepts only that), SIGHUP is
//! `SERVICE_CONTROL_PARAMCHANGE` (ignored unless accepted). It returns once the service reports
//! `SERVICE_STOPPED`. A stop the service does not accept ends the process, as a service manager
//! ends a service that does not stop. Without `WS2MP_SERVICE` the process was started from a
//! console, and the call fails with `ERROR_FAILED_SERVICE_CONTROLLER_CONNECT` as Windows' does,
//! so a program's console fallback runs. Status changes also go to systemd's notification socket
//! when there is one (`READY=1` once running, `STOPPING=1`).

use super::{codes, err};
use crate::error::WsaResult;
use crate::sys::routine::{ServiceHandler, ServiceMain};
use parking_lot::{Condvar, Mutex};
use std::collections::VecDeque;

const ERROR_INVALID_DATA: i32 = 13;
const ERROR_SERVICE_ALREADY_RUNNING: i32 = 1056;
const ERROR_FAILED_SERVICE_CONTROLLER_CONNECT: i32 = 1063;
const ERROR_SERVICE_NOT_IN_EXE: i32 = 1083;

const SERVICE_STOPPED: u32 = 1;
const SERVICE_START_PENDING: u32 = 2;
const SERVICE_STOP_PENDING: u32 = 3;
const SERVICE_RUNNING: u32 = 4;
const SERVICE_PAUSED: u32 = 7;

const SERVICE_CONTROL_STOP: u32 = 1;
const SERVICE_CONTROL_SHUTDOWN: u32 = 5;
const SERVICE_CONTROL_PARAMCHANGE: u32 = 6;

const SERVICE_ACCEPT_STOP: u32 = 0x1;
const SERVICE_ACCEPT_SHUTDOWN: u32 = 0x4;
const SERVICE_ACCEPT_PARAMCHANGE: u32 = 0x8;

/// The one service status handle (one service runs in a process here).
pub(crate) const STATUS_HANDLE: usize = 0x5E5_0000;

/// The environment variable that makes the process a service.
const SERVICE_VARIABLE: &str = "WS2MP_SERVICE";

/// The running service, while `StartServiceCtrlDispatcher` runs.
struct Dispatcher {
    handler: Option<ServiceHandler>,
    state: u32,
    accepted: u32,
    controls: VecDeque<u32>,
}

static DISPATCHER: Mutex<Option<Dispatcher>> = Mutex::new(None);
static WAKE: Condvar = Condvar::new();

/// `StartServiceCtrlDispatcher` over a table of service `names`: `start(i)` makes the chosen
/// entry's `ServiceMain` (called with the name). Returns once the service has stopped.
pub fn dispatch(names: &[String], start: impl FnOnce(usize, &str) -> ServiceMain) -> WsaResult<()> {
    let wanted = std::env::var(SERVICE_VARIABLE)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or(err(ERROR_FAILED_SERVICE_CONTROLLER_CONNECT))?;
    if names.is_empty() {
        return Err(err(codes::ERROR_INVALID_PARAMETER));
    }
    let index = names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(&wanted))
        .unwrap_or(0);
    {
        let mut d = DISPATCHER.lock();
        if d.is_some() {
            return Err(err(ERROR_SERVICE_ALREADY_RUNNING));
        }
        *d = Some(Dispatcher {
            handler: None,
            state: SERVICE_START_PENDING,
            accepted: 0,
            controls: VecDeque::new(),
        });
    }
    let started = super::console::catch_signals().and_then(|()| {
        let main = start(index, &names[index]);
        crate::sys::routine::spawn(main, ServiceMain::run, 0)
            .map_err(|_| err(codes::ERROR_NOT_ENOUGH_MEMORY))
    });
    if let Err(e) = started {
        *DISPATCHER.lock() = None;
        return Err(e);
    }
    loop {
        let mut d = DISPATCHER.lock();
        let (handler, control) = loop {
            let s = d.as_mut().expect("only dispatch ends the dispatcher");
            if s.state == SERVICE_STOPPED {
                *d = None;
                return Ok(());
            }
            match (s.controls.pop_front(), s.handler) {
                (Some(c), Some(h)) => break (h, c),
                _ => WAKE.wait(&mut d),
            }
        };
        drop(d);
        handler.call(control); // on the dispatcher's thread, as on Windows
    }
}

/// A signal for the running service, if one runs: whether it was taken as a control (false:
/// the console's handling applies).
pub(crate) fn on_signal(sig: i32) -> bool {
    let mut d = DISPATCHER.lock();
    let Some(s) = d.as_mut() else {
        return false;
    };
    let control = match sig {
        libc::SIGTERM | libc::SIGINT if s.accepted & SERVICE_ACCEPT_STOP != 0 => {
            SERVICE_CONTROL_STOP
        }
        libc::SIGTERM if s.accepted & SERVICE_ACCEPT_SHUTDOWN != 0 => SERVICE_CONTROL_SHUTDOWN,
        libc::SIGHUP if s.accepted & SERVICE_ACCEPT_PARAMCHANGE != 0 => SERVICE_CONTROL_PARAMCHANGE,
        libc::SIGHUP => return true,
        _ => return false,
    };
    s.controls.push_back(control);
    WAKE.notify_all();
    true
}

/// `RegisterServiceCtrlHandler(Ex)` from the service (its name is not checked: one service runs
/// in the process, as Windows does not check it for `SERVICE_WIN32_OWN_PROCESS`).
pub fn register(handler: ServiceHandler) -> WsaResult<usize> {
    let mut d = DISPATCHER.lock();
    let s = d.as_mut().ok_or(err(ERROR_SERVICE_NOT_IN_EXE))?;
    s.handler = Some(handler);
    WAKE.notify_all();
    Ok(STATUS_HANDLE)
}

/// `SetServiceStatus(handle, status)`: the service's state and the controls it accepts.
pub fn set_status(handle: usize, state: u32, accepted: u32) -> WsaResult<()> {
    let mut d = DISPATCHER.lock();
    let s = d
        .as_mut()
        .filter(|_| handle == STATUS_HANDLE)
        .ok_or(err(codes::ERROR_INVALID_HANDLE))?;
    if !(SERVICE_STOPPED..=SERVICE_PAUSED).contains(&state) {
        return Err(err(ERROR_INVALID_DATA));
    }
    let was = s.state;
    s.state = state;
    s.accepted = accepted;
    WAKE.notify_all();
    drop(d);
    if state != was {
        match state {
            SERVICE_RUNNING => crate::sys::service_manager::notify("READY=1"),
            SERVICE_STOP_PENDING | SERVICE_STOPPED => {
                crate::sys::service_manager::notify("STOPPING=1")
            }
            _ => {}
        }
    }
    Ok(())
}
