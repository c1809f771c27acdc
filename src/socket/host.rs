//! The socket as its provider sees it ([`Host`], [`Adopt`]), and the calls the façade hands to
//! the provider as a whole (`WSAJoinLeaf`, the provider-specific `WSAIoctl` codes).

use super::*;

impl Host for Socket {
    #[inline]
    fn fd(&self) -> Fd {
        self.fd()
    }
    #[inline]
    fn family(&self) -> i32 {
        self.family
    }
    #[inline]
    fn socket_type(&self) -> i32 {
        self.socket_type
    }
    #[inline]
    fn protocol(&self) -> i32 {
        self.protocol
    }
    #[inline]
    fn wsa_flags(&self) -> u32 {
        self.wsa_flags
    }
    #[inline]
    fn provider(&self) -> &Provider {
        &self.provider
    }
    fn is_nonblocking(&self) -> bool {
        Socket::is_nonblocking(self)
    }
    fn is_connected(&self) -> bool {
        Socket::is_connected(self)
    }
    fn is_bound_now(&self) -> bool {
        Socket::is_bound_now(self)
    }
    fn bind(&self, addr: &SockAddr) -> WsaResult<()> {
        Socket::bind(self, addr)
    }
    fn bind_native(&self, addr: &SockAddr) -> WsaResult<()> {
        Socket::bind_native(self, addr)
    }
    fn move_to_wildcard(&self, port: u16) -> WsaResult<bool> {
        Socket::move_to_wildcard(self, port)
    }
    fn record_connect(&self, code: i32) {
        Socket::record_connect(self, code)
    }
    fn record_accept(&self) {
        Socket::record_accept(self)
    }
    fn join_completed(&self, code: i32) {
        Socket::join_completed(self, code)
    }
    fn mark_connected(&self) {
        Socket::mark_connected(self)
    }
    fn close(self: &Arc<Self>) {
        Socket::close(self)
    }
}

impl Adopt for Socket {
    fn adopt_rooted(
        fd: OwnedFd,
        entry: &'static Entry,
        family: i32,
        protocol: i32,
        wsa_flags: u32,
        member: Arc<Member>,
        connection: bool,
        connected: bool,
    ) -> WsaResult<Arc<Self>> {
        Socket::adopt_rooted(
            fd, entry, family, protocol, wsa_flags, member, connection, connected,
        )
    }
    fn inherit_selection_from(&self, parent: &Self) -> WsaResult<()> {
        Socket::inherit_selection_from(self, parent)
    }
}

impl Socket {
    /// `WSAJoinLeaf`: the provider's join. Returns the socket that stands for the join (this
    /// one, or for a rooted c_root a new c_leaf socket). A socket whose provider does not
    /// join (a TCP socket, a UDP socket without the leaf flags) fails with `WSAEINVAL`.
    pub fn join_leaf(self: &Arc<Self>, req: JoinRequest<'_>) -> WsaResult<Arc<Socket>> {
        match &self.provider {
            Provider::Rooted(member) => rooted::join(member, self, req),
            Provider::Multicast(_) => multicast::join(&**self, req).map(|()| self.clone()),
            Provider::Native => Err(WsaError::WSAEINVAL),
        }
    }

    /// Something other than a receive is about to wait for this socket to become readable
    /// (`select`, `WSAPoll`). Returns a second descriptor to watch with it, readable when the
    /// provider holds something the socket's own descriptor does not show (a rooted socket's
    /// pending join requests).
    pub fn prepare_read_wait(&self) -> Option<Fd> {
        match &self.provider {
            Provider::Rooted(r) => {
                r.watch();
                r.accept_signal_fd()
            }
            _ => None,
        }
    }

    /// `FIONREAD`: the bytes a receive would return now (a rooted socket: its next message).
    pub fn bytes_readable(&self) -> WsaResult<usize> {
        match &self.provider {
            Provider::Rooted(r) => r.bytes_readable(self),
            _ => {
                // A filtered multicast socket first drops the datagrams it would not return.
                self.readable_after_filter();
                sys::bytes_readable(self.fd()).map_err(WsaError::from_errno)
            }
        }
    }

    /// Whether `connect` to an `AF_UNSPEC` address dissolves the socket's association (a
    /// datagram socket of the OS; the rooted provider's sockets join with `WSAJoinLeaf` only).
    pub fn dissolves_on_unspec(&self) -> bool {
        !self.is_stream() && !matches!(self.provider, Provider::Rooted(_))
    }

    /// The `WSAIoctl` codes whose meaning is the provider's.
    ///
    /// Rooted sockets (docs/PROTOCOL.md §3.1): loopback is honoured; scope is IP multicast's
    /// TTL and does not apply (`WSAENOPROTOOPT`). IP UDP sockets: Windows' receive-side loopback
    /// and the multicast TTL (crate::provider::multicast). Others: `WSAENOPROTOOPT`.
    pub fn ioctl(&self, req: IoctlRequest) -> WsaResult<()> {
        match (&self.provider, req) {
            (Provider::Rooted(member), IoctlRequest::MultipointLoopback(on)) => {
                member.set_loopback(on != 0);
                Ok(())
            }
            (Provider::Rooted(_), IoctlRequest::MulticastScope(_)) => Err(WsaError::WSAENOPROTOOPT),
            (Provider::Multicast(_), IoctlRequest::MultipointLoopback(on)) => {
                multicast::set_loopback(self, on != 0)
            }
            (Provider::Multicast(_), IoctlRequest::MulticastScope(scope)) => {
                multicast::set_scope(self, scope as i32)
            }
            (Provider::Native, _) => Err(WsaError::WSAENOPROTOOPT),
        }
    }
}
