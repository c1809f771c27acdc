//! `AcceptEx` and `GetAcceptExSockaddrs`.
//!
//! The accept socket the program created beforehand becomes the accepted connection: the
//! connection's descriptor is moved onto the accept socket's number (`socket::extension`), so
//! the SOCKET value the program holds is the connection, as on Windows.
//!
//! The output buffer is `[receive data][local address slot][remote address slot]`; each slot
//! (the size the program gave, at least the address's size + 16) starts with the address
//! itself, its length following from its family, which `GetAcceptExSockaddrs` reads back.

use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::overlapped::{self, Attempt, Transferred};
use crate::socket::Socket;
use crate::sys;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

/// The most of a connection's first data one `AcceptEx` receives.
const MAX_FIRST_RECEIVE: usize = 1 << 20;

/// Windows' `ERROR_INSUFFICIENT_BUFFER`: an address slot smaller than the address + 16.
pub(crate) const ERROR_INSUFFICIENT_BUFFER: WsaError = WsaError(122);

/// Accept sockets with an `AcceptEx` pending (by token), with the listener it waits on and its
/// `OVERLAPPED`: a second `AcceptEx`, `connect` or `ConnectEx` into one fails with
/// `WSAEINVAL`, and closing it cancels the `AcceptEx`, as on Windows.
static PENDING: Mutex<Option<HashMap<u64, Waiting>>> = Mutex::new(None);

/// The listener a pending `AcceptEx` waits on, and the program's `OVERLAPPED` address.
type Waiting = (Weak<Socket>, usize);

/// Whether an `AcceptEx` into `socket` is pending.
pub(crate) fn is_pending(socket: &Socket) -> bool {
    PENDING
        .lock()
        .as_ref()
        .is_some_and(|p| p.contains_key(&socket.token()))
}

fn set_pending(socket: &Socket, on: Option<(&Arc<Socket>, usize)>) {
    let mut pending = PENDING.lock();
    let map = pending.get_or_insert_with(HashMap::new);
    match on {
        Some((listener, ov)) => {
            map.insert(socket.token(), (Arc::downgrade(listener), ov));
        }
        None => {
            map.remove(&socket.token());
        }
    }
}

/// `closesocket` on an accept socket: its pending `AcceptEx` completes with
/// `WSA_OPERATION_ABORTED` (cancelled on the listener it waits on).
pub(crate) fn abandon(socket: &Socket) {
    let entry = PENDING
        .lock()
        .as_mut()
        .and_then(|p| p.remove(&socket.token()));
    if let Some((listener, ov)) = entry {
        if let Some(listener) = listener.upgrade() {
            crate::overlapped::cancel(&listener, crate::overlapped::Cancel::One(ov));
        }
    }
}

/// The room an address of `family` needs in an `AcceptEx` slot.
pub(crate) fn slot_size(family: i32) -> u32 {
    let addr = match family {
        libc::AF_INET6 => std::mem::size_of::<libc::sockaddr_in6>(),
        _ => std::mem::size_of::<libc::sockaddr_in>(),
    };
    addr as u32 + 16
}

/// The length of the address stored at the start of a slot (from its family).
pub(crate) fn stored_len(slot: &[u8]) -> usize {
    let family_at = std::mem::offset_of!(libc::sockaddr, sa_family);
    let family = slot
        .get(family_at..family_at + 2)
        .map_or(0, |b| i32::from(u16::from_ne_bytes([b[0], b[1]])));
    #[cfg(not(linux_like))]
    let family = family & 0xff;
    match family {
        libc::AF_INET6 => std::mem::size_of::<libc::sockaddr_in6>(),
        libc::AF_INET => std::mem::size_of::<libc::sockaddr_in>(),
        _ => 0,
    }
}

/// What an `AcceptEx` call asked for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Accept {
    /// Address of the program's output buffer.
    pub(crate) buffer: usize,
    pub(crate) receive: u32,
    pub(crate) local: u32,
    pub(crate) remote: u32,
}

/// The checks `AcceptEx` makes before it starts: the listener listens; the accept socket is
/// a stream socket never bound, connected or already being accepted into.
pub(crate) fn check(listener: &Socket, acceptor: &Socket) -> WsaResult<()> {
    if !listener.is_listening() || !listener.is_stream() || listener.rooted().is_some() {
        return Err(WsaError::WSAEINVAL);
    }
    if !acceptor.is_stream()
        || acceptor.rooted().is_some()
        || acceptor.is_used()
        || is_pending(acceptor)
        || acceptor.family != listener.family
    {
        return Err(WsaError::WSAEINVAL);
    }
    Ok(())
}

/// An `AcceptEx` in progress: waiting for a connection, then (with receive data asked for)
/// for the connection's first data.
///
/// As on Windows, the connection is accepted into the accept socket as soon as it arrives,
/// data or not: the accept socket then is connected (`SO_CONNECT_TIME` counts its seconds,
/// closing it ends the connection and cancels the `AcceptEx`), and the next `AcceptEx` takes
/// the next connection. While the first data is awaited the operation is parked on the
/// listener (still pending there, cancelled with the listener's operations) and the accept
/// socket is watched for it ([`First`]).
pub(crate) struct Operation {
    listener: Arc<Socket>,
    acceptor: Arc<Socket>,
    params: Accept,
    /// The program's `OVERLAPPED` (what completes the parked operation).
    overlapped: usize,
    /// The peer, once the connection was accepted (into `acceptor`).
    accepted: Option<SockAddr>,
    /// Handed over to a [`First`] watch, which now owns the pending mark.
    parked: bool,
}

/// What one step of the operation came to.
enum Step {
    Done(u32),
    /// Accepted; the first data is awaited on the accept socket.
    Parked,
}

impl Operation {
    /// `overlapped`: the program's `OVERLAPPED` (what closing the accept socket cancels).
    pub(crate) fn new(
        listener: Arc<Socket>,
        acceptor: Arc<Socket>,
        params: Accept,
        overlapped: usize,
    ) -> Self {
        set_pending(&acceptor, Some((&listener, overlapped)));
        Operation {
            listener,
            acceptor,
            params,
            overlapped,
            accepted: None,
            parked: false,
        }
    }

    /// One non-blocking try.
    pub(crate) fn attempt(&mut self) -> Attempt {
        match self.step() {
            Err(WsaError::WSAEWOULDBLOCK) => Attempt::WouldBlock,
            Ok(Step::Parked) => Attempt::Parked,
            result => {
                set_pending(&self.acceptor, None);
                let result = result.map(|step| match step {
                    Step::Done(bytes) => bytes,
                    Step::Parked => 0,
                });
                Attempt::Done(result.map(|bytes| Transferred { bytes, flags: 0 }))
            }
        }
    }

    fn step(&mut self) -> WsaResult<Step> {
        if self.acceptor.is_closed() {
            return Err(WsaError::WSA_OPERATION_ABORTED);
        }
        if self.accepted.is_none() {
            if !sys::poll_one(self.listener.fd(), sys::interest::READ)
                .intersects(sys::ready::READABLE)
            {
                return Err(WsaError::WSAEWOULDBLOCK);
            }
            // A slot too small for the address fails the request and leaves the connection
            // queued, as Windows does.
            let need = slot_size(self.listener.family);
            let p = &self.params;
            if (p.local != 0 && p.local < need) || p.remote < need {
                return Err(ERROR_INSUFFICIENT_BUFFER);
            }
            self.accepted = Some(self.listener.accept_into(&self.acceptor)?);
            // SO_CONNECT_TIME counts from here, as for accept.
            crate::options::mark_connect_start(&self.acceptor);
        }
        let peer = self.accepted.clone().expect("accepted above");
        if self.params.receive > 0 && !has_news(&self.acceptor) {
            let first = First {
                listener: self.listener.clone(),
                acceptor: self.acceptor.clone(),
                params: self.params,
                overlapped: self.overlapped,
                peer,
            };
            overlapped::watch(&self.acceptor, Box::new(move |_, _| first.on_readable()))?;
            self.parked = true;
            return Ok(Step::Parked);
        }
        finish(&self.acceptor, &self.params, &peer).map(Step::Done)
    }
}

impl Drop for Operation {
    fn drop(&mut self) {
        if !self.parked {
            set_pending(&self.acceptor, None);
        }
    }
}

/// Whether the connection has something to report: data, its end, or an error.
fn has_news(conn: &Socket) -> bool {
    sys::poll_one(conn.fd(), sys::interest::READ)
        .intersects(sys::ready::READABLE | sys::ready::HANGUP | sys::ready::ERROR)
}

/// The end of an `AcceptEx` once its connection is in the accept socket: with receive data
/// asked for, one receive (as Windows does: at most what fits, bounded so that a huge length
/// costs no huge buffer; the peer's close or reset before sending is 0 bytes), then the
/// address slots.
fn finish(conn: &Socket, params: &Accept, peer: &SockAddr) -> WsaResult<u32> {
    let mut received = 0usize;
    if params.receive > 0 {
        let mut data = vec![0u8; (params.receive as usize).min(MAX_FIRST_RECEIVE)];
        let mut iov = sys::iov_storage();
        received = match conn.recv_with_control(
            sys::IoBufsMut::single(&mut iov, &mut data),
            0,
            &mut SockAddr::empty(),
            0,
            crate::socket::Wait::Never,
        ) {
            Ok(r) => r.received.len,
            Err(WsaError::WSAEWOULDBLOCK | WsaError::WSAECONNRESET) => 0,
            Err(e) => return Err(e),
        };
        sys::copy_to_user(params.buffer as *mut u8, &data[..received])
            .map_err(|_| WsaError::WSAEFAULT)?;
    }
    let local = conn.local_addr().ok();
    write_slots(params, local.as_ref(), peer)?;
    Ok(received as u32)
}

fn write_slots(p: &Accept, local: Option<&SockAddr>, remote: &SockAddr) -> WsaResult<()> {
    let base = p.buffer + p.receive as usize;
    let mut writes: Vec<(*mut u8, &[u8])> = Vec::new();
    if p.local != 0 {
        if let Some(local) = local {
            writes.push((base as *mut u8, local.as_bytes()));
        }
    }
    writes.push(((base + p.local as usize) as *mut u8, remote.as_bytes()));
    sys::copy_to_user_each(&writes).map_err(|_| WsaError::WSAEFAULT)
}

/// A parked `AcceptEx`: its connection is in the accept socket, which is watched for the
/// first data (or the connection's end); then the operation completes on the listener.
struct First {
    listener: Arc<Socket>,
    acceptor: Arc<Socket>,
    params: Accept,
    overlapped: usize,
    peer: SockAddr,
}

impl First {
    /// The accept socket was reported readable.
    fn on_readable(&self) -> Attempt {
        let acceptor = &self.acceptor;
        let done = overlapped::complete_external_by(&self.listener, self.overlapped, || {
            has_news(acceptor).then(|| finish(acceptor, &self.params, &self.peer))
        });
        if done == Some(false) {
            return Attempt::WouldBlock;
        }
        // Completed, or cancelled meanwhile (CancelIo or the listener's close).
        Attempt::Done(Ok(Transferred::default()))
    }
}

impl Drop for First {
    fn drop(&mut self) {
        set_pending(&self.acceptor, None);
    }
}

/// `GetAcceptExSockaddrs`' answer: where each address starts in the buffer (offsets) and its
/// length; None for the local one when the program gave it no room. `read(offset, room)` reads
/// the start of a slot (at most `room` bytes).
pub(crate) fn sockaddrs(
    receive: u32,
    local: u32,
    remote: u32,
    read: impl Fn(usize, usize) -> Vec<u8>,
) -> (Option<(usize, usize)>, (usize, usize)) {
    let local_at = receive as usize;
    let remote_at = local_at + local as usize;
    let local_slot = (local > 0).then(|| (local_at, stored_len(&read(local_at, local as usize))));
    let remote_len = if remote > 0 {
        stored_len(&read(remote_at, remote as usize))
    } else {
        0
    };
    (local_slot, (remote_at, remote_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4_slot(port: u16) -> Vec<u8> {
        let addr = SockAddr::from_std(format!("127.0.0.1:{port}").parse().unwrap());
        let mut slot = addr.as_bytes().to_vec();
        slot.resize(slot_size(libc::AF_INET) as usize, 0);
        slot
    }

    #[test]
    fn slots_follow_the_data_and_carry_their_length() {
        let need = slot_size(libc::AF_INET);
        assert_eq!(need as usize, std::mem::size_of::<libc::sockaddr_in>() + 16);
        let mut buffer = vec![0xaa; 5];
        buffer.extend(v4_slot(1));
        buffer.extend(v4_slot(2));
        let read = |at: usize, n: usize| buffer[at..at + n].to_vec();
        let (local, remote) = sockaddrs(5, need, need, read);
        let sin = std::mem::size_of::<libc::sockaddr_in>();
        assert_eq!(local, Some((5, sin)));
        assert_eq!(remote, (5 + need as usize, sin));
    }

    #[test]
    fn no_local_slot_leaves_the_local_address_out() {
        let need = slot_size(libc::AF_INET);
        let buffer = v4_slot(9);
        let read = |at: usize, n: usize| buffer[at..at + n].to_vec();
        let (local, remote) = sockaddrs(0, 0, need, read);
        assert_eq!(local, None);
        assert_eq!(remote, (0, std::mem::size_of::<libc::sockaddr_in>()));
    }

    #[test]
    fn an_empty_slot_has_no_address() {
        assert_eq!(stored_len(&[0u8; 32]), 0);
        assert_eq!(stored_len(&[]), 0);
    }
}
