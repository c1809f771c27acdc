//! `DisconnectEx` (and `TransmitFile`'s `TF_DISCONNECT` / `TF_REUSE_SOCKET`): ends the
//! connection's sending side as `shutdown(SD_SEND)` does; with `TF_REUSE_SOCKET` the SOCKET
//! value then names a fresh, unbound socket of the same kind, ready for `AcceptEx` or
//! `ConnectEx` (Windows reuses the same kernel object; ws2mp puts a new OS socket under the
//! same descriptor number).

use crate::error::{WsaError, WsaResult};
use crate::socket::Socket;

/// `TF_DISCONNECT`.
pub(crate) const TF_DISCONNECT: u32 = 0x01;
/// `TF_REUSE_SOCKET`.
pub(crate) const TF_REUSE_SOCKET: u32 = 0x02;

/// The flags `DisconnectEx` takes (only `TF_REUSE_SOCKET`; others are `WSAEINVAL`).
pub(crate) fn check_flags(flags: u32) -> WsaResult<()> {
    if flags & !TF_REUSE_SOCKET != 0 {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(())
}

/// The checks before a disconnect: a connected stream socket (`WSAENOTCONN` otherwise).
pub(crate) fn check(sock: &Socket) -> WsaResult<()> {
    if !sock.is_stream() || sock.rooted().is_some() {
        return Err(WsaError::WSAENOTCONN);
    }
    if !sock.is_connected() && sock.connect_progress() != crate::socket::ConnectProgress::Connected
    {
        return Err(WsaError::WSAENOTCONN);
    }
    Ok(())
}

/// Disconnects: shuts the sending side down (a second call succeeds too), and with
/// `TF_REUSE_SOCKET` replaces the socket with a fresh one.
pub(crate) fn disconnect(sock: &Socket, flags: u32) -> WsaResult<()> {
    match sock.shutdown(1) {
        Ok(()) | Err(WsaError::WSAENOTCONN) => {}
        Err(e) => return Err(e),
    }
    if flags & TF_REUSE_SOCKET != 0 {
        sock.renew()?;
    }
    Ok(())
}
