//! The providers behind a socket, and the contract between them and the socket façade.
//!
//! A [`crate::socket::Socket`] is a façade: it keeps what every Winsock socket has (the fd, the
//! catalog entry, the mode bits, the event selection) and holds one [`Provider`], chosen when
//! the socket is created, to which the calls that differ between providers are delegated by
//! enum dispatch (no vtable on the data path):
//!
//! - [`Provider::Native`]: the OS socket as it is ([`native`]: TCP, raw sockets, ...; its
//!   datagram path is also the multicast provider's);
//! - [`Provider::Multicast`]: an IP UDP socket, with Windows' multicast semantics
//!   ([`multicast`]: `WSAJoinLeaf` on c_leaf | d_leaf sockets, receive-side loopback, the
//!   emulated bind to an interface address);
//! - [`Provider::Rooted`]: ws2mp's rooted multipoint provider ([`rooted`], docs/PROTOCOL.md).
//!
//! The providers sit below the socket layer and never name it: what they need of the socket
//! they serve is the [`Host`] trait, which the façade implements (generic code, monomorphised
//! for the one implementation; rooted sessions keep `Weak<dyn Host>` back-references for the
//! events they record later, from the engine thread).

pub(crate) mod multicast;
pub(crate) mod native;
pub(crate) mod rooted;

use crate::addr::SockAddr;
use crate::catalog::Entry;
use crate::error::WsaResult;
use crate::sys::{Fd, OwnedFd};
use multicast::{Multicast, Slot};
use rooted::Member;
use std::sync::Arc;

/// What a condition function decided about a pending connection.
pub enum Admission {
    Accept,
    Reject,
    Defer,
    /// The condition function returned something else: the connection is reset and the call
    /// fails with `WSAEINVAL`.
    Invalid,
}

/// What a condition function is shown about a pending connection, and its callee data.
pub struct Offer<'a> {
    pub caller: &'a SockAddr,
    pub callee: &'a SockAddr,
    /// The asking side's connect data (None: the protocol carries none).
    pub caller_data: Option<&'a [u8]>,
    /// Room for callee data (None: the protocol carries none). The function's answer is
    /// `callee_data[..callee_len]`.
    pub callee_data: Option<&'a mut [u8]>,
    pub callee_len: usize,
}

/// A condition function: sees the offer, decides.
pub type Condition<'a> = &'a mut dyn FnMut(&mut Offer<'_>) -> Admission;

/// Writes callee data into the program's `lpCalleeData` when a join completes (built by the
/// ffi layer, which owns the pointer; called at most once, from any thread).
pub type CalleeFill = Box<dyn FnOnce(&[u8]) + Send>;

/// `WSAJoinLeaf`'s arguments, read from the program by the ABI layer.
pub struct JoinRequest<'a> {
    /// `name`/`namelen`: the group, the root or the leaf to join (an error: the address could
    /// not be read, reported where the provider's checks put it).
    pub name: WsaResult<SockAddr>,
    /// `lpCallerData`'s bytes (None: NULL or empty).
    pub caller_data: Option<&'a [u8]>,
    /// `lpCallerData` was non-NULL with a non-zero length but a NULL buffer.
    pub caller_data_unreadable: bool,
    /// Fills `lpCalleeData` (its bytes and length) when the join completes (None: NULL).
    pub callee: Option<CalleeFill>,
    /// `lpSQOS` / `lpGQOS` were non-NULL (ws2mp supports no QOS).
    pub sqos: bool,
    pub gqos: bool,
    /// `dwFlags`.
    pub flags: u32,
}

impl JoinRequest<'_> {
    /// The direction `dwFlags` asks for, as one `JL_*` value: `JL_SENDER_ONLY` or
    /// `JL_RECEIVER_ONLY` alone, else `JL_BOTH` for `JL_BOTH` or any combination of the three
    /// bits (`JL_SENDER_ONLY | JL_RECEIVER_ONLY` is how some Windows code asks for both, and
    /// Windows' providers accept it: they only tell "sender only" from the rest). No bit, or
    /// a bit outside the three, is `WSAEINVAL` (docs/WINDOWS.md §4).
    pub fn direction(&self) -> WsaResult<u32> {
        use crate::winsock::{JL_BOTH, JL_RECEIVER_ONLY, JL_SENDER_ONLY};
        match self.flags {
            JL_SENDER_ONLY => Ok(JL_SENDER_ONLY),
            JL_RECEIVER_ONLY => Ok(JL_RECEIVER_ONLY),
            f if f != 0 && f & !(JL_SENDER_ONLY | JL_RECEIVER_ONLY | JL_BOTH) == 0 => Ok(JL_BOTH),
            _ => Err(crate::error::WsaError::WSAEINVAL),
        }
    }
}

/// A `WSAIoctl` code whose meaning depends on the provider, with its input value.
#[derive(Clone, Copy, Debug)]
pub enum IoctlRequest {
    /// `SIO_MULTIPOINT_LOOPBACK` (BOOL).
    MultipointLoopback(u32),
    /// `SIO_MULTICAST_SCOPE` (int).
    MulticastScope(u32),
}

/// The provider of one socket, fixed at creation.
pub enum Provider {
    Native,
    /// An IP UDP socket: the multicast provider's state (the data path's bits inline, the
    /// rest created on first use).
    Multicast(Slot),
    Rooted(Arc<Member>),
}

impl Provider {
    /// The provider of a new OS socket of this type (rooted sockets are made by
    /// [`rooted::open`]).
    pub fn for_native(family: i32, socket_type: i32, protocol: i32) -> Provider {
        if multicast::is_udp_triple(family, socket_type, protocol) {
            Provider::Multicast(Slot::new())
        } else {
            Provider::Native
        }
    }

    /// The rooted provider's state, for its sockets.
    #[inline]
    pub fn rooted(&self) -> Option<&Arc<Member>> {
        match self {
            Provider::Rooted(m) => Some(m),
            _ => None,
        }
    }

    /// Whether sends and receives are the native ones (no rooted provider, no multicast
    /// filter or default destination): one branch on the enum, and for UDP one load.
    #[inline]
    pub fn is_plain(&self) -> bool {
        match self {
            Provider::Native => true,
            Provider::Multicast(m) => m.is_plain(),
            Provider::Rooted(_) => false,
        }
    }

    /// The multicast provider's state of an IP UDP socket.
    #[inline]
    pub fn multicast_slot(&self) -> Option<&Slot> {
        match self {
            Provider::Multicast(m) => Some(m),
            _ => None,
        }
    }

    /// The multicast state, if this is an IP UDP socket that has any.
    #[inline]
    pub fn multicast_state(&self) -> Option<&Multicast> {
        self.multicast_slot().and_then(Slot::state)
    }
}

/// What a provider may ask of the socket it serves (implemented by the socket façade).
pub trait Host: Send + Sync {
    fn fd(&self) -> Fd;
    fn family(&self) -> i32;
    fn socket_type(&self) -> i32;
    fn protocol(&self) -> i32;
    fn wsa_flags(&self) -> u32;
    fn provider(&self) -> &Provider;
    /// The rooted provider's state, for its sockets.
    fn rooted(&self) -> Option<&Arc<Member>> {
        self.provider().rooted()
    }
    fn is_nonblocking(&self) -> bool;
    fn is_connected(&self) -> bool;
    /// Whether the socket has a local address.
    fn is_bound_now(&self) -> bool;
    /// `bind` with the façade's checks.
    fn bind(&self, addr: &SockAddr) -> WsaResult<()>;
    /// Binds the OS socket to `addr` as it is.
    fn bind_native(&self, addr: &SockAddr) -> WsaResult<()>;
    /// Gives the OS socket, bound to one of the host's addresses, a replacement bound to the
    /// wildcard address with `port` (false: not now, something holds the old one).
    fn move_to_wildcard(&self, port: u16) -> WsaResult<bool>;
    /// Records FD_CONNECT with `code`.
    fn record_connect(&self, code: i32);
    /// Records FD_ACCEPT, if enabled.
    fn record_accept(&self);
    /// A join started by this socket completed with `code` (0: success).
    fn join_completed(&self, code: i32);
    /// A c_leaf a root created is now connected.
    fn mark_connected(&self);
    /// `closesocket` on a socket the provider made but could not hand out.
    fn close(self: &Arc<Self>)
    where
        Self: Sized;
}

/// A host the rooted provider can create sockets of (for a root's c_leaf sockets and the
/// sockets `accept` returns).
pub trait Adopt: Host + Sized + 'static {
    /// Registers a socket of the rooted provider over the program's end of its pair.
    /// `connected`: a joined c_leaf (FD_CONNECT at selection, FD_WRITE armed); `connection`:
    /// a c_leaf (FD_CLOSE at end-of-file).
    #[allow(clippy::too_many_arguments)]
    fn adopt_rooted(
        fd: OwnedFd,
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        wsa_flags: u32,
        member: Arc<Member>,
        connection: bool,
        connected: bool,
    ) -> WsaResult<Arc<Self>>;
    /// Gives this new socket `parent`'s event selection, or at least its non-blocking mode.
    fn inherit_selection_from(&self, parent: &Self) -> WsaResult<()>;
}

#[cfg(test)]
mod tests {
    use super::JoinRequest;
    use crate::error::WsaError;
    use crate::winsock::{JL_BOTH, JL_RECEIVER_ONLY, JL_SENDER_ONLY};

    fn direction(flags: u32) -> Result<u32, WsaError> {
        JoinRequest {
            name: Err(WsaError::WSAEFAULT),
            caller_data: None,
            caller_data_unreadable: false,
            callee: None,
            sqos: false,
            gqos: false,
            flags,
        }
        .direction()
    }

    #[test]
    fn join_flags_name_one_direction() {
        assert_eq!(direction(JL_SENDER_ONLY), Ok(JL_SENDER_ONLY));
        assert_eq!(direction(JL_RECEIVER_ONLY), Ok(JL_RECEIVER_ONLY));
        for both in [
            JL_BOTH,
            JL_SENDER_ONLY | JL_RECEIVER_ONLY,
            JL_BOTH | JL_SENDER_ONLY,
            JL_BOTH | JL_RECEIVER_ONLY,
            JL_BOTH | JL_SENDER_ONLY | JL_RECEIVER_ONLY,
        ] {
            assert_eq!(direction(both), Ok(JL_BOTH), "flags {both:#x}");
        }
        for bad in [0, 8, JL_BOTH | 8, u32::MAX] {
            assert_eq!(direction(bad), Err(WsaError::WSAEINVAL), "flags {bad:#x}");
        }
    }
}
