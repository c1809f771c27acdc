//! Watching this host's addresses, interfaces and routes for changes: a netlink route socket
//! subscribed to the address, link and route groups (Linux), or a `PF_ROUTE` socket, which
//! every process may read the routing messages from (macOS, the BSDs; type-checked only).
//! The messages are read as bytes at their documented offsets.

use super::{errno, SysResult};
use std::net::IpAddr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// One change the OS reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// An address was added (or its properties changed) or removed. `family`: `AF_INET`,
    /// `AF_INET6`, or 0 when the message did not say.
    Address {
        family: i32,
        index: u32,
        addr: Option<IpAddr>,
        removed: bool,
    },
    /// An interface appeared, changed or went away.
    Interface { index: u32, removed: bool },
    /// A route was added, changed or removed (`family` 0 when unknown).
    Route { family: i32 },
}

/// An open watch: a socket the OS writes its change messages to.
pub struct Watch {
    fd: OwnedFd,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_ne_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_ne_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn ip_of(family: i32, data: &[u8]) -> Option<IpAddr> {
    match family {
        libc::AF_INET if data.len() >= 4 => {
            Some(IpAddr::from([data[0], data[1], data[2], data[3]]))
        }
        libc::AF_INET6 if data.len() >= 16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(&data[..16]);
            Some(IpAddr::from(a))
        }
        _ => None,
    }
}

#[cfg(linux_like)]
mod os {
    use super::*;

    const RTMGRP_LINK: u32 = 0x1;
    const RTMGRP_IPV4_IFADDR: u32 = 0x10;
    const RTMGRP_IPV4_ROUTE: u32 = 0x40;
    const RTMGRP_IPV6_IFADDR: u32 = 0x100;
    const RTMGRP_IPV6_ROUTE: u32 = 0x400;
    const RTM_NEWLINK: u16 = 16;
    const RTM_DELLINK: u16 = 17;
    const RTM_NEWADDR: u16 = 20;
    const RTM_DELADDR: u16 = 21;
    const RTM_NEWROUTE: u16 = 24;
    const RTM_DELROUTE: u16 = 25;
    const IFA_ADDRESS: u16 = 1;
    const IFA_LOCAL: u16 = 2;
    /// `nlmsghdr`: length, type, flags, sequence, port id.
    const NLMSG_HDR: usize = 16;
    /// `ifaddrmsg`: family, prefix length, flags, scope, index.
    const IFADDRMSG: usize = 8;

    pub(super) fn open() -> SysResult<OwnedFd> {
        // SAFETY: plain socket call; the descriptor is owned below.
        let fd = unsafe {
            libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_RAW | libc::SOCK_CLOEXEC,
                libc::NETLINK_ROUTE,
            )
        };
        if fd < 0 {
            return Err(errno());
        }
        // SAFETY: a descriptor just created and owned by nobody else.
        let owned = unsafe { OwnedFd::from_raw_fd(fd) };
        // SAFETY: sockaddr_nl is plain data; zeroes are a valid value.
        let mut sa: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
        sa.nl_family = libc::AF_NETLINK as libc::sa_family_t;
        sa.nl_groups = RTMGRP_LINK
            | RTMGRP_IPV4_IFADDR
            | RTMGRP_IPV6_IFADDR
            | RTMGRP_IPV4_ROUTE
            | RTMGRP_IPV6_ROUTE;
        // SAFETY: `sa` is a valid sockaddr_nl of the stated size.
        let r = unsafe {
            libc::bind(
                fd,
                (&sa as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
            )
        };
        if r != 0 {
            return Err(errno());
        }
        Ok(owned)
    }

    /// The address a `RTM_NEWADDR`/`RTM_DELADDR` payload names (`IFA_LOCAL` first: on a
    /// point-to-point link `IFA_ADDRESS` is the peer's).
    fn address(family: i32, attrs: &[u8]) -> Option<IpAddr> {
        let (mut local, mut any) = (None, None);
        let mut at = 0;
        while at + 4 <= attrs.len() {
            let len = usize::from(u16_at(attrs, at));
            let kind = u16_at(attrs, at + 2);
            if len < 4 || at + len > attrs.len() {
                break;
            }
            let data = &attrs[at + 4..at + len];
            match kind {
                IFA_LOCAL => local = ip_of(family, data),
                IFA_ADDRESS => any = ip_of(family, data),
                _ => {}
            }
            at += (len + 3) & !3;
        }
        local.or(any)
    }

    pub(super) fn parse(buf: &[u8], out: &mut Vec<Change>) {
        let mut at = 0;
        while at + NLMSG_HDR <= buf.len() {
            let len = u32_at(buf, at) as usize;
            if len < NLMSG_HDR || at + len > buf.len() {
                break;
            }
            let kind = u16_at(buf, at + 4);
            let body = &buf[at + NLMSG_HDR..at + len];
            match kind {
                RTM_NEWADDR | RTM_DELADDR if body.len() >= IFADDRMSG => {
                    let family = i32::from(body[0]);
                    out.push(Change::Address {
                        family,
                        index: u32_at(body, 4),
                        addr: address(family, &body[IFADDRMSG..]),
                        removed: kind == RTM_DELADDR,
                    });
                }
                RTM_NEWLINK | RTM_DELLINK if body.len() >= 8 => out.push(Change::Interface {
                    index: u32_at(body, 4),
                    removed: kind == RTM_DELLINK,
                }),
                RTM_NEWROUTE | RTM_DELROUTE if !body.is_empty() => out.push(Change::Route {
                    family: i32::from(body[0]),
                }),
                _ => {}
            }
            at += (len + 3) & !3;
        }
    }
}

#[cfg(not(linux_like))]
mod os {
    use super::*;

    const RTM_ADD: u8 = 0x1;
    const RTM_DELETE: u8 = 0x2;
    const RTM_CHANGE: u8 = 0x3;
    const RTM_NEWADDR: u8 = 0xc;
    const RTM_DELADDR: u8 = 0xd;
    const RTM_IFINFO: u8 = 0xe;
    /// `RTA_IFA`: the interface address among a message's socket addresses.
    const RTA_IFA: u32 = 0x20;
    /// `ifa_msghdr`'s size: length, version, type, address bits, flags, index, metric.
    const IFA_MSGHDR: usize = 20;
    /// The alignment of the socket addresses after the header (`ROUNDUP` in route.h).
    #[cfg(apple)]
    const SA_ALIGN: usize = 4;
    #[cfg(not(apple))]
    const SA_ALIGN: usize = std::mem::size_of::<libc::c_long>();

    pub(super) fn open() -> SysResult<OwnedFd> {
        // SAFETY: plain socket call; the descriptor is owned below.
        let fd = unsafe { libc::socket(libc::PF_ROUTE, libc::SOCK_RAW, libc::AF_UNSPEC) };
        if fd < 0 {
            return Err(errno());
        }
        // SAFETY: a descriptor just created and owned by nobody else.
        let owned = unsafe { OwnedFd::from_raw_fd(fd) };
        // SAFETY: fcntl on the descriptor we own.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        Ok(owned)
    }

    /// The family and address of the `RTA_IFA` socket address of an `ifa_msghdr`.
    fn interface_address(msg: &[u8]) -> (i32, Option<IpAddr>) {
        let bits = u32_at(msg, 4);
        let mut at = IFA_MSGHDR;
        for bit in 0..8 {
            if bits & (1 << bit) == 0 {
                continue;
            }
            if at + 2 > msg.len() {
                break;
            }
            let len = usize::from(msg[at]);
            let family = i32::from(msg[at + 1]);
            if 1 << bit == RTA_IFA {
                let data = &msg[at..msg.len().min(at + len.max(2))];
                let ip = match family {
                    libc::AF_INET if data.len() >= 8 => ip_of(family, &data[4..]),
                    libc::AF_INET6 if data.len() >= 24 => ip_of(family, &data[8..]),
                    _ => None,
                };
                return (family, ip);
            }
            at += if len == 0 {
                SA_ALIGN
            } else {
                (len + SA_ALIGN - 1) & !(SA_ALIGN - 1)
            };
        }
        (0, None)
    }

    pub(super) fn parse(buf: &[u8], out: &mut Vec<Change>) {
        let mut at = 0;
        while at + 4 <= buf.len() {
            let len = usize::from(u16_at(buf, at));
            if len < 4 || at + len > buf.len() {
                break;
            }
            let msg = &buf[at..at + len];
            match msg[3] {
                RTM_NEWADDR | RTM_DELADDR if msg.len() >= IFA_MSGHDR => {
                    let (family, addr) = interface_address(msg);
                    out.push(Change::Address {
                        family,
                        index: u32::from(u16_at(msg, 12)),
                        addr,
                        removed: msg[3] == RTM_DELADDR,
                    });
                }
                RTM_IFINFO if msg.len() >= 14 => out.push(Change::Interface {
                    index: u32::from(u16_at(msg, 12)),
                    removed: false,
                }),
                RTM_ADD | RTM_DELETE | RTM_CHANGE => out.push(Change::Route { family: 0 }),
                _ => {}
            }
            at += len;
        }
    }
}

impl Watch {
    /// Opens a watch; the OS queues the changes from now on.
    pub fn open() -> SysResult<Watch> {
        Ok(Watch { fd: os::open()? })
    }

    /// Waits for the next messages and appends the changes they report (possibly none: a
    /// message of another kind). An error other than an interruption ends the watch.
    pub fn next(&self, out: &mut Vec<Change>) -> SysResult<()> {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            // SAFETY: `buf` is writable for its length.
            let n =
                unsafe { libc::recv(self.fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
            if n < 0 {
                let e = errno();
                if e == libc::EINTR {
                    continue;
                }
                // The kernel dropped messages (a full queue): something changed.
                if e == libc::ENOBUFS {
                    out.push(Change::Address {
                        family: 0,
                        index: 0,
                        addr: None,
                        removed: false,
                    });
                    out.push(Change::Route { family: 0 });
                    return Ok(());
                }
                return Err(e);
            }
            os::parse(&buf[..n as usize], out);
            return Ok(());
        }
    }
}

#[cfg(all(test, linux_like))]
mod tests {
    use super::*;

    #[test]
    fn parses_a_new_ipv4_address() {
        // nlmsghdr (len 40, RTM_NEWADDR) + ifaddrmsg (AF_INET, /24, index 7) + IFA_LOCAL.
        let mut m = Vec::new();
        m.extend_from_slice(&32u32.to_ne_bytes());
        m.extend_from_slice(&20u16.to_ne_bytes());
        m.extend_from_slice(&[0; 10]);
        m.extend_from_slice(&[libc::AF_INET as u8, 24, 0, 0]);
        m.extend_from_slice(&7u32.to_ne_bytes());
        m.extend_from_slice(&8u16.to_ne_bytes());
        m.extend_from_slice(&2u16.to_ne_bytes());
        m.extend_from_slice(&[10, 9, 8, 7]);
        let mut out = Vec::new();
        os::parse(&m, &mut out);
        assert_eq!(
            out,
            vec![Change::Address {
                family: libc::AF_INET,
                index: 7,
                addr: Some(IpAddr::from([10, 9, 8, 7])),
                removed: false
            }]
        );
    }
}
