//! The socket pair behind every socket of the rooted provider (docs/PROTOCOL.md §2).
//!
//! The program's end is the `SOCKET`. Delivered messages are records of a 32-byte local
//! header (the sender's address) and the payload; `recv` strips the header with a two-part
//! `recvmsg`. The provider's end takes nothing but *plugs*: small records written from the
//! program's end, whose send buffer is the minimum, so that one plug makes the program's end
//! unwritable in the kernel (a send would block: no FD_WRITE, no `select` writability).

use super::config::DELIVERY_BACKLOG;
use crate::addr::SockAddr;
use crate::error::{WsaError, WsaResult};
use crate::sys::{self, interest, Fd};
use std::collections::VecDeque;

/// Size of the local header in front of every delivered message.
pub const LOCAL_HEADER: usize = 32;
const ADDR_ROOM: usize = LOCAL_HEADER - 4;
const PLUG: [u8; 256] = [0; 256];

/// Creates a pair: `(program's end, provider's end)`; the provider's end is non-blocking.
pub fn create() -> WsaResult<(Fd, Fd)> {
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        // No AF_UNIX SOCK_SEQPACKET here.
        return Err(WsaError::WSAESOCKTNOSUPPORT);
    }
    #[allow(unreachable_code)]
    {
        let (app, eng) = sys::socketpair(libc::SOCK_SEQPACKET).map_err(|e| match e {
            libc::EMFILE | libc::ENFILE => WsaError::WSAEMFILE,
            other => WsaError::from_errno(other),
        })?;
        // The program's end starts blocking, as every new Winsock socket does.
        let _ = sys::set_nonblocking(eng, true);
        // The program's end sends only plugs: the smallest buffer, so one plug blocks it.
        let _ = sys::setsockopt(app, libc::SOL_SOCKET, libc::SO_SNDBUF, 1 as libc::c_int);
        // The provider's end carries every delivered message: a large buffer.
        let _ = sys::setsockopt(
            eng,
            libc::SOL_SOCKET,
            libc::SO_SNDBUF,
            (4 << 20) as libc::c_int,
        );
        Ok((app, eng))
    }
}

fn local_header(from: &SockAddr) -> [u8; LOCAL_HEADER] {
    let mut h = [0u8; LOCAL_HEADER];
    let a = from.as_bytes();
    let n = a.len().min(ADDR_ROOM);
    h[0..2].copy_from_slice(&(n as u16).to_ne_bytes());
    h[4..4 + n].copy_from_slice(&a[..n]);
    h
}

fn header_addr(h: &[u8; LOCAL_HEADER]) -> SockAddr {
    let n = (u16::from_ne_bytes([h[0], h[1]]) as usize).min(ADDR_ROOM);
    SockAddr::from_bytes(&h[4..4 + n]).unwrap_or_else(SockAddr::empty)
}

/// Receives one message on the program's end into `bufs`. `Ok(None)` is end-of-file.
pub fn recv(app: Fd, bufs: &mut [libc::iovec], flags: i32) -> Result<Option<sys::Received>, i32> {
    let mut header = [0u8; LOCAL_HEADER];
    let mut small = [libc::iovec {
        iov_base: std::ptr::null_mut(),
        iov_len: 0,
    }; 8];
    let mut large = Vec::new();
    let iov: &mut [libc::iovec] = if bufs.len() < small.len() {
        &mut small[..bufs.len() + 1]
    } else {
        large.resize(
            bufs.len() + 1,
            libc::iovec {
                iov_base: std::ptr::null_mut(),
                iov_len: 0,
            },
        );
        &mut large[..]
    };
    iov[0] = libc::iovec {
        iov_base: header.as_mut_ptr().cast(),
        iov_len: LOCAL_HEADER,
    };
    iov[1..].copy_from_slice(bufs);
    let r = sys::recv_msg(app, iov, flags)?;
    if r.len == 0 {
        return Ok(None);
    }
    Ok(Some(sys::Received {
        len: r.len.saturating_sub(LOCAL_HEADER),
        from: header_addr(&header),
        truncated: r.truncated,
    }))
}

/// Size of the next message waiting on the program's end (`FIONREAD`).
pub fn next_size(app: Fd) -> WsaResult<usize> {
    let n = sys::bytes_readable(app).map_err(WsaError::from_errno)?;
    Ok(n.saturating_sub(LOCAL_HEADER))
}

/// Makes the program's end unwritable (see the module comment).
pub fn plug(app: Fd) {
    for _ in 0..8 {
        let _ = sys::send(app, &PLUG, libc::MSG_DONTWAIT);
        if sys::poll_one(app, interest::WRITE) & sys::ready::WRITABLE == 0 {
            return;
        }
    }
    crate::log::warn(format_args!(
        "rooted: fd {app} stays writable after plugging"
    ));
}

/// Removes every plug (the program's end turns writable again).
pub fn unplug(eng: Fd) {
    let mut buf = [0u8; 512];
    while let Ok(1..) = sys::recv(eng, &mut buf, libc::MSG_DONTWAIT) {}
}

/// Messages collected while processing one read, delivered together (one `sendmmsg`).
#[derive(Default)]
pub struct Staging {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Staging {
    pub fn push(&mut self, from: &SockAddr, payload: &[u8]) {
        self.bytes.extend_from_slice(&local_header(from));
        self.bytes.extend_from_slice(payload);
        self.ends.push(self.bytes.len());
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        if self.bytes.capacity() > 4 << 20 {
            self.bytes = Vec::new();
        }
    }

    fn records(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let r = &self.bytes[start..end];
            start = end;
            r
        })
    }
}

/// What a delivery did.
#[derive(PartialEq, Eq, Debug)]
pub enum Delivered {
    /// In the pair (or backlogged within the limit).
    Done,
    /// Backlogged beyond the limit: the source should stop reading.
    Full,
    /// The program's end is closed.
    Gone,
}

/// The provider's end of a pair, with the backlog of messages the pair could not take.
pub struct Delivery {
    pub eng: Fd,
    backlog: VecDeque<Vec<u8>>,
    bytes: usize,
    /// Poller registration for write readiness while backlogged: (token, registered).
    pub token: u64,
    pub watching: bool,
}

impl Delivery {
    pub fn new(eng: Fd, token: u64) -> Delivery {
        Delivery {
            eng,
            backlog: VecDeque::new(),
            bytes: 0,
            token,
            watching: false,
        }
    }

    pub fn is_backlogged(&self) -> bool {
        !self.backlog.is_empty()
    }

    pub fn is_full(&self) -> bool {
        self.bytes > DELIVERY_BACKLOG
    }

    /// Delivers one message from `from`.
    pub fn deliver(&mut self, from: &SockAddr, payload: &[u8]) -> Delivered {
        let header = local_header(from);
        if self.backlog.is_empty() {
            let iov = [
                libc::iovec {
                    iov_base: header.as_ptr() as *mut libc::c_void,
                    iov_len: LOCAL_HEADER,
                },
                libc::iovec {
                    iov_base: payload.as_ptr() as *mut libc::c_void,
                    iov_len: payload.len(),
                },
            ];
            match sys::send_msg(self.eng, &iov, libc::MSG_DONTWAIT, None) {
                Ok(_) => return Delivered::Done,
                Err(libc::EAGAIN) => {}
                #[allow(unreachable_patterns)]
                Err(libc::EWOULDBLOCK) => {}
                Err(libc::EPIPE | libc::ECONNRESET | libc::ENOTCONN) => return Delivered::Gone,
                Err(e) => {
                    crate::log::warn(format_args!(
                        "rooted: delivery failed: {}",
                        WsaError::from_errno(e)
                    ));
                    return Delivered::Gone;
                }
            }
        }
        let mut record = Vec::with_capacity(LOCAL_HEADER + payload.len());
        record.extend_from_slice(&header);
        record.extend_from_slice(payload);
        self.bytes += record.len();
        self.backlog.push_back(record);
        if self.is_full() {
            Delivered::Full
        } else {
            Delivered::Done
        }
    }

    /// Delivers every staged message, in order, after anything backlogged.
    pub fn deliver_staged(&mut self, staged: &Staging) -> Delivered {
        if staged.is_empty() {
            return Delivered::Done;
        }
        let records: Vec<&[u8]> = staged.records().collect();
        let mut sent = 0;
        if self.backlog.is_empty() {
            match sys::send_records(self.eng, &records) {
                Ok(n) => sent = n,
                Err(libc::EAGAIN) => {}
                #[allow(unreachable_patterns)]
                Err(libc::EWOULDBLOCK) => {}
                Err(_) => return Delivered::Gone,
            }
        }
        for r in &records[sent..] {
            self.bytes += r.len();
            self.backlog.push_back(r.to_vec());
        }
        if self.is_full() {
            Delivered::Full
        } else {
            Delivered::Done
        }
    }

    /// Moves backlogged messages into the pair. Returns false if the program's end is gone.
    pub fn drain(&mut self) -> bool {
        while let Some(record) = self.backlog.front() {
            match sys::send(self.eng, record, libc::MSG_DONTWAIT) {
                Ok(_) => {
                    self.bytes -= record.len();
                    self.backlog.pop_front();
                }
                Err(libc::EAGAIN) => return true,
                #[allow(unreachable_patterns)]
                Err(libc::EWOULDBLOCK) => return true,
                Err(_) => {
                    self.backlog.clear();
                    self.bytes = 0;
                    return false;
                }
            }
        }
        self.backlog = VecDeque::new();
        true
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        sys::close(self.eng);
    }
}
