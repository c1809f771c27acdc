//! The Microsoft extension functions' logic (`AcceptEx`, `ConnectEx`, `DisconnectEx`,
//! `TransmitFile`, `TransmitPackets`, `WSARecvMsg`, `WSASendMsg`), one file per family. The ABI
//! layer (`ffi/mswsock.rs`) checks the program's pointers and arguments and calls in here;
//! overlapped calls become `overlapped::Request`s whose `attempt` is built here.
//!
//! Program memory that an operation fills when it completes (the `AcceptEx` buffer, a
//! `WSARecvMsg`'s control area) is written through `sys::copy_to_user`, so the closures that
//! run later on the engine's thread hold plain addresses, and no unchecked code.

pub(crate) mod accept;
pub(crate) mod connect;
pub(crate) mod disconnect;
pub(crate) mod message;
pub(crate) mod transmit;

use crate::error::WsaError;
use crate::overlapped::{Attempt, Transferred};

/// An attempt's outcome from a step that may not be possible yet.
pub(crate) fn finish(result: Result<u32, WsaError>) -> Attempt {
    match result {
        Err(WsaError::WSAEWOULDBLOCK) => Attempt::WouldBlock,
        other => Attempt::Done(other.map(|bytes| Transferred { bytes, flags: 0 })),
    }
}
