//! Overlapped I/O: operations that complete later, through the program's `WSAOVERLAPPED`.
//!
//! This is the contract the ABI layer (`ffi/io.rs`, the extension functions of
//! `ffi/mswsock.rs`) codes against. An operation is a [`Request`]: the socket, the program's
//! `WSAOVERLAPPED`, how completion is announced (event, port, completion routine), the
//! socket queue it joins ([`Direction`]: receives complete in the order they were posted,
//! sends likewise) and an `attempt` closure that tries the operation without blocking.
//! [`submit`] tries it at once on the calling thread (when no earlier operation of the same
//! direction is pending) and either completes it (Windows' "returns 0, completion still
//! posted") or leaves it pending (`WSA_IO_PENDING`) for the engine, which calls `attempt`
//! again whenever the socket is ready in that direction.
//!
//! Files: `ops.rs` (a socket's two queues, completing and cancelling operations), `engine.rs`
//! (the readiness engine that retries pending operations), `status.rs` (NTSTATUS ↔ errors),
//! `wait.rs` (waiting for one operation: `GetOverlappedResult(..., TRUE)`).
//! docs/ARCHITECTURE.md ("Overlapped I/O") describes the design.

mod engine;
mod ops;
pub(crate) mod status;
mod wait;

use crate::error::{WsaError, WsaResult};
use crate::socket::{Socket, Wait};
use std::sync::Arc;

pub(crate) use engine::Lead;
pub(crate) use ops::{
    associate, cancel, handle_object, post_at_once, set_notification_modes, Cancel,
};
pub(crate) use ops::{
    complete_detached, complete_detached_with, complete_external, complete_external_by,
    external_pending, finish_synchronous, watch,
};
pub(crate) use ops::{share_association, start_detached, start_detached_with, submit_external};
pub(crate) use ops::{SKIP_PORT_ON_SUCCESS, SKIP_SET_EVENT};
pub(crate) use wait::wait_for;

/// Which of a socket's two ordered queues an operation joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Receive,
    Send,
}

/// What an operation transferred: the byte count and the flags reported to the program
/// (`lpFlags` of `WSARecv`, `dwFlags` of the completion routine).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Transferred {
    pub(crate) bytes: u32,
    pub(crate) flags: u32,
}

/// One non-blocking try of an operation.
pub(crate) enum Attempt {
    /// Finished, successfully or with the Winsock error the completion reports.
    Done(WsaResult<Transferred>),
    /// Not possible yet: try again when the socket is ready in the request's direction.
    WouldBlock,
    /// Finished with an error that still transferred data (a datagram truncated into the
    /// buffers: `WSAEMSGSIZE` with the buffers' size as the byte count).
    Failed(WsaError, Transferred),
    /// Still pending, but no longer waiting for this socket: the operation leaves its queue
    /// (the next one there is tried) and is completed from elsewhere, by
    /// [`complete_external_by`] (an `AcceptEx` that took its connection and now waits for the
    /// connection's first data, watched on the accept socket by [`watch`]).
    Parked,
}

/// How the completion is announced, besides the program's `WSAOVERLAPPED`'s `Internal` /
/// `InternalHigh`: the `hEvent` in that structure (read by the engine), the completion port
/// the socket is associated with (found by the engine), and this optional completion routine,
/// run as an APC on the issuing thread. The ABI layer builds the routine closure (it calls the
/// program's function pointer with `dwError`, `cbTransferred`, `lpOverlapped`, `dwFlags`).
pub(crate) type Routine = Box<dyn FnOnce(u32, u32, u32) + Send>;

/// Tries an operation without blocking (see [`Request::attempt`]): the socket calls it makes
/// are given the [`Wait`] it is passed (never `Wait::AsSocket`).
pub(crate) type AttemptFn = Box<dyn FnMut(&Socket, Wait) -> Attempt + Send>;

/// An overlapped operation as the ABI layer hands it over.
pub(crate) struct Request {
    pub(crate) socket: Arc<Socket>,
    /// Address of the program's `WSAOVERLAPPED` ([`submit`] checks it: `WSAEFAULT`).
    pub(crate) overlapped: usize,
    pub(crate) routine: Option<Routine>,
    pub(crate) direction: Direction,
    /// Tries the operation without blocking. Called first on the issuing thread, then by the
    /// engine whenever the socket is ready in `direction`, until it returns `Done`.
    pub(crate) attempt: AttemptFn,
    /// For a plain stream receive (no flags) into one buffer: the buffer, which the kernel
    /// may then fill by itself when the first attempt would block (io_uring), the socket's
    /// [`Socket::finish_kernel_receive`] giving the result. None: always `attempt`.
    pub(crate) kernel: Option<crate::sys::userbuf::ReceiveTarget>,
    /// The issuing thread waits for the operation (a socket without `WSA_FLAG_OVERLAPPED`) and
    /// then sets the `hEvent` itself ([`finish_synchronous`]).
    pub(crate) synchronous: bool,
}

/// What [`submit`] did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Submitted {
    /// Completed at once (the call returns 0); the completion was still posted unless the
    /// socket's notification modes skip it.
    Done(Transferred),
    /// Left pending (`SOCKET_ERROR` + `WSA_IO_PENDING`).
    Pending,
}

/// Starts an overlapped operation.
///
/// `WSAOVERLAPPED` is checked here (unmapped or misaligned → `WSAEFAULT`); `Internal`
/// becomes `STATUS_PENDING` (`InternalHigh` is left alone until the result), and the `hEvent` (when there is no completion
/// routine) is reset. A failure at once fails the call and posts nothing, except a warning
/// (`WSAEMSGSIZE`: the call fails, the completion carrying the truncated count is posted, as
/// Windows posts STATUS_BUFFER_OVERFLOW).
pub(crate) fn submit(request: Request) -> WsaResult<Submitted> {
    ops::submit(request)
}

/// The attempt of an operation, run so that the socket never waits (`admitted`: a receive
/// that was pending at `shutdown(SD_RECEIVE)`, which still receives).
fn attempt_once(attempt: &mut AttemptFn, socket: &Socket, admitted: bool) -> Attempt {
    let wait = if admitted {
        Wait::Admitted
    } else {
        Wait::Never
    };
    match attempt(socket, wait) {
        Attempt::Done(Err(WsaError::WSAEWOULDBLOCK)) => Attempt::WouldBlock,
        // An attempt never waits: "interrupted" means the socket was closed under it, which
        // completes the operation as closesocket completes the others (`ops::closing`).
        Attempt::Done(Err(WsaError::WSAEINTR)) | Attempt::Failed(WsaError::WSAEINTR, _) => {
            Attempt::Done(Err(ops::close_error(socket)))
        }
        other => other,
    }
}
