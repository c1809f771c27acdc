//! Packet capture the Windows way: `SIO_RCVALL` (every IP packet), `SIO_RCVALL_MCAST`
//! (multicast packets) and `SIO_RCVALL_IGMPMCAST` (IGMP) on a raw socket bound to one of the
//! host's addresses. The socket then receives the packets of that address's interface, in
//! both directions, each whole from its IP header on, as Windows delivers them. Underneath,
//! the SOCKET's descriptor becomes a capture socket of the system (sys::capture_socket: an
//! `AF_PACKET` datagram socket on Linux); `getsockname` still reports the address bound, and a
//! receive reports each packet's IP source as its sender.

use super::*;

/// `SIO_RCVALL`'s `RCVALL_SOCKETLEVELONLY`: Windows documents it as not implemented (no effect).
const RCVALL_SOCKETLEVELONLY: u32 = 2;
/// `RCVALL_IPLEVEL`, the last value Windows knows.
const RCVALL_IPLEVEL: u32 = 3;

impl Socket {
    /// The address bound before a capture began, while the socket captures.
    pub(crate) fn captured_addr(&self) -> Option<SockAddr> {
        self.extra.lock().as_ref().and_then(|x| x.captured.clone())
    }

    /// `SIO_RCVALL` & co. with the value `value`: `RCVALL_OFF` (0) ends a capture (the socket
    /// is a raw socket bound to its address again), `RCVALL_ON` (1) and `RCVALL_IPLEVEL` (3)
    /// start one, `RCVALL_SOCKETLEVELONLY` (2) changes nothing, as on Windows. Errors:
    /// `WSAEINVAL` for a socket that is not a raw IP socket, not bound, bound to the wildcard
    /// address, or another value; `WSAEADDRNOTAVAIL` when no interface has the address any
    /// more; `WSAEOPNOTSUPP` where the system has no capture sockets.
    pub(crate) fn receive_all(&self, what: sys::Capture, value: u32) -> WsaResult<()> {
        if self.socket_type != libc::SOCK_RAW
            || !matches!(self.family, libc::AF_INET | libc::AF_INET6)
        {
            return Err(WsaError::WSAEINVAL);
        }
        let cloexec = self.wsa_flags & wsa_flag::NO_HANDLE_INHERIT != 0;
        let captured = self.captured_addr();
        match value {
            0 => {
                let Some(addr) = captured else {
                    return Ok(());
                };
                let os_protocol = native::os_protocol(self.socket_type, self.protocol);
                let fd = sys::socket(self.family, self.socket_type, os_protocol, cloexec)
                    .map_err(sys_err)?;
                sys::bind(fd.as_raw_fd(), &addr).map_err(sys_err)?;
                return self.take_over(fd, mode::BOUND);
            }
            RCVALL_SOCKETLEVELONLY => return Ok(()),
            1 | RCVALL_IPLEVEL => {}
            _ => return Err(WsaError::WSAEINVAL),
        }
        let addr = match captured {
            Some(a) => a,
            None if self.has(mode::BOUND) => sys::getsockname(self.fd()).map_err(sys_err)?,
            None => return Err(WsaError::WSAEINVAL),
        };
        let ip = addr.to_std().ok_or(WsaError::WSAEINVAL)?.ip();
        if ip.is_unspecified() {
            return Err(WsaError::WSAEINVAL);
        }
        let iface = sys::interface_addrs()
            .map_err(sys_err)?
            .into_iter()
            .find(|a| a.addr == ip && a.index != 0)
            .ok_or(WsaError::WSAEADDRNOTAVAIL)?;
        let loopback = iface.flags & libc::IFF_LOOPBACK as u32 != 0;
        let fd = sys::capture_socket(ip.is_ipv6(), iface.index, what, loopback, cloexec)
            .map_err(sys_err)?;
        self.take_over(fd, mode::BOUND)?;
        self.extra
            .lock()
            .get_or_insert_with(Default::default)
            .captured = Some(addr);
        Ok(())
    }
}
