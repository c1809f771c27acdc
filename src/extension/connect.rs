//! `ConnectEx`: a connect on a bound stream socket that completes through the program's
//! `OVERLAPPED`, optionally sending a first buffer once connected.

use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::overlapped::{Attempt, Transferred};
use crate::socket::Wait;
use crate::socket::{ConnectProgress, Socket};
use crate::sys;
use std::sync::Arc;

/// The checks `ConnectEx` makes before it starts: a stream socket, bound (`WSAEINVAL`
/// otherwise, as Windows requires), not listening, not being accepted into, not connected
/// (`WSAEISCONN`) and not connecting: a connect under way, started by `connect` or by another
/// `ConnectEx`, is `WSAEINVAL` on Windows (where a second `connect` gets `WSAEALREADY`).
pub(crate) fn check(sock: &Socket, to: &SockAddr) -> WsaResult<()> {
    if !sock.is_stream() || sock.rooted().is_some() {
        return Err(WsaError::WSAEINVAL);
    }
    if sock.is_listening() || super::accept::is_pending(sock) {
        return Err(WsaError::WSAEINVAL);
    }
    if sock.is_connected() {
        return Err(WsaError::WSAEISCONN);
    }
    if sock.is_connecting() && sock.connect_progress() == ConnectProgress::Pending {
        return Err(WsaError::WSAEINVAL);
    }
    if !sock.is_bound_now() {
        return Err(WsaError::WSAEINVAL);
    }
    if to.family() != sock.family {
        return Err(WsaError::WSAEAFNOSUPPORT);
    }
    if to.is_invalid_remote() {
        return Err(WsaError::WSAEADDRNOTAVAIL);
    }
    Ok(())
}

/// Starts the connect without waiting (the OS socket is made non-blocking for the call and
/// given back its mode after).
pub(crate) fn start(sock: &Socket, to: &SockAddr) -> WsaResult<()> {
    let blocking = !sock.is_nonblocking();
    if blocking {
        sys::set_nonblocking(sock.fd(), true).map_err(WsaError::from_errno)?;
    }
    // SO_CONNECT_TIME counts from here, as for connect.
    crate::options::mark_connect_start(sock);
    let result = sock.connect(to);
    if blocking {
        let _ = sys::set_nonblocking(sock.fd(), false);
    }
    match result {
        Ok(()) => Ok(()),
        Err(WsaError::WSAEWOULDBLOCK) => {
            sock.mark_connect_ex();
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// A `ConnectEx` in progress: waiting for the connection, then sending the first buffer.
pub(crate) struct Operation {
    socket: Arc<Socket>,
    /// The send buffer (copied from the program when the call was made).
    data: Vec<u8>,
    sent: usize,
    connected: bool,
}

impl Operation {
    pub(crate) fn new(socket: Arc<Socket>, data: Vec<u8>) -> Self {
        Operation {
            socket,
            data,
            sent: 0,
            connected: false,
        }
    }

    /// One non-blocking try.
    pub(crate) fn attempt(&mut self) -> Attempt {
        match self.step() {
            Err(WsaError::WSAEWOULDBLOCK) => Attempt::WouldBlock,
            result => Attempt::Done(result.map(|bytes| Transferred { bytes, flags: 0 })),
        }
    }

    fn step(&mut self) -> WsaResult<u32> {
        if !self.connected {
            match self.socket.connect_progress() {
                ConnectProgress::Pending => return Err(WsaError::WSAEWOULDBLOCK),
                ConnectProgress::Connected => {
                    self.socket.connect_completed();
                    self.connected = true;
                }
                ConnectProgress::Failed => {
                    let e = sys::take_socket_error(self.socket.fd());
                    return Err(if e == 0 {
                        WsaError::WSAECONNREFUSED
                    } else {
                        WsaError::from_errno(e)
                    });
                }
            }
        }
        while self.sent < self.data.len() {
            match self.socket.send_all(&self.data[self.sent..], Wait::Never) {
                Ok(n) => self.sent += n,
                Err(WsaError::WSAEWOULDBLOCK) => return Err(WsaError::WSAEWOULDBLOCK),
                Err(e) => return Err(e),
            }
        }
        Ok(self.sent as u32)
    }
}
