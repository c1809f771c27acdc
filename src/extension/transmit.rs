//! `TransmitFile` and `TransmitPackets`: send memory buffers and file ranges, in order, on a
//! connected socket, then optionally disconnect (`TF_DISCONNECT`, `TF_REUSE_SOCKET`).
//!
//! A file is named by its descriptor (the program's `HANDLE` value is the descriptor, see
//! docs/PORTING.md). Memory is copied when the call is made, so an overlapped call's buffers
//! may be reused at once; files are read as the transfer goes.

use super::disconnect::{self, TF_DISCONNECT, TF_REUSE_SOCKET};
use crate::error::{WsaError, WsaResult};
use crate::overlapped::{Attempt, Transferred};
use crate::socket::Socket;
use crate::socket::Wait;
use crate::sys::{msg as sysmsg, Fd};
use std::sync::Arc;

/// How much of a file is read per send.
const CHUNK: usize = 64 * 1024;

/// One piece of a transfer.
#[derive(Debug)]
pub(crate) enum Segment {
    Memory(Vec<u8>),
    /// `offset` None: from the file's current position (which advances); `len` None: to the
    /// end of the file.
    File {
        fd: Fd,
        offset: Option<u64>,
        len: Option<u64>,
    },
}

/// The flags both calls take.
const FLAGS: u32 = TF_DISCONNECT | TF_REUSE_SOCKET | 0x04 | 0x10 | 0x20;

/// The checks before a transfer: known flags (`WSAEINVAL`), a connected socket
/// (`WSAENOTCONN`, for datagram sockets too: `TransmitFile` needs a connection).
pub(crate) fn check(sock: &Socket, flags: u32, stream_only: bool) -> WsaResult<()> {
    if flags & !FLAGS != 0 {
        return Err(WsaError::WSAEINVAL);
    }
    if sock.rooted().is_some() {
        return Err(WsaError::WSAEOPNOTSUPP);
    }
    if (stream_only && !sock.is_stream()) || !sock.is_connected() {
        if sock.is_stream() && sock.connect_progress() == crate::socket::ConnectProgress::Connected
        {
            return Ok(());
        }
        return Err(WsaError::WSAENOTCONN);
    }
    Ok(())
}

/// Whether a program's file handle names a readable file: `WSA_INVALID_HANDLE` otherwise.
pub(crate) fn check_file(fd: Fd) -> WsaResult<()> {
    if fd < 0 || !sysmsg::is_readable_file(fd) {
        return Err(WsaError::WSA_INVALID_HANDLE);
    }
    Ok(())
}

/// A transfer in progress.
pub(crate) struct Operation {
    socket: Arc<Socket>,
    segments: std::collections::VecDeque<Segment>,
    /// Bytes read from a file and not yet sent.
    pending: Vec<u8>,
    /// Per-send size for files (0: the default).
    per_send: usize,
    flags: u32,
    sent: u64,
}

impl Operation {
    pub(crate) fn new(
        socket: Arc<Socket>,
        segments: Vec<Segment>,
        per_send: u32,
        flags: u32,
    ) -> Self {
        Operation {
            socket,
            segments: segments.into(),
            pending: Vec::new(),
            per_send: per_send as usize,
            flags,
            sent: 0,
        }
    }

    /// Runs the whole transfer, blocking as the socket's mode says (a non-blocking socket
    /// waits for room): the call without `OVERLAPPED`. Returns the bytes sent.
    pub(crate) fn run(mut self) -> WsaResult<u64> {
        self.step(Wait::AsSocket)?;
        Ok(self.sent)
    }

    /// One non-blocking try (an overlapped call).
    pub(crate) fn attempt(&mut self) -> Attempt {
        match self.step(Wait::Never) {
            Err(WsaError::WSAEWOULDBLOCK) => Attempt::WouldBlock,
            result => Attempt::Done(result.map(|()| Transferred {
                bytes: self.sent.min(u64::from(u32::MAX)) as u32,
                flags: 0,
            })),
        }
    }

    fn send_piece(&mut self, piece: &[u8], wait: Wait) -> WsaResult<usize> {
        if self.socket.is_stream() {
            self.socket.send_all(piece, wait)
        } else {
            // Datagram sockets (TransmitPackets): each element is one datagram.
            let mut iov = crate::sys::iov_storage();
            let bufs = crate::sys::IoBufs::single(&mut iov, piece);
            self.socket.send_with_control(bufs, 0, None, &[], wait)
        }
    }

    fn step(&mut self, wait: Wait) -> WsaResult<()> {
        loop {
            if !self.pending.is_empty() {
                let pending = std::mem::take(&mut self.pending);
                match self.send_piece(&pending, wait) {
                    Ok(n) => {
                        self.sent += n as u64;
                        if n < pending.len() {
                            self.pending = pending[n..].to_vec();
                            if wait == Wait::Never {
                                return Err(WsaError::WSAEWOULDBLOCK);
                            }
                        }
                    }
                    Err(e) => {
                        self.pending = pending;
                        return Err(e);
                    }
                }
                continue;
            }
            let Some(segment) = self.segments.pop_front() else {
                break;
            };
            match segment {
                Segment::Memory(bytes) => {
                    if !bytes.is_empty() || !self.socket.is_stream() {
                        self.pending = bytes;
                        if self.pending.is_empty() {
                            // An empty datagram element sends nothing.
                            continue;
                        }
                    }
                }
                Segment::File { fd, offset, len } => {
                    let chunk = match (self.per_send, self.socket.is_stream()) {
                        (0, _) | (_, false) => CHUNK,
                        (n, true) => n.min(CHUNK),
                    };
                    let want = len.map_or(chunk, |l| (l as usize).min(chunk));
                    if want == 0 {
                        continue;
                    }
                    let mut buf = vec![0u8; want];
                    let n = sysmsg::read_file(fd, &mut buf, offset).map_err(|e| match e {
                        libc::EBADF => WsaError::WSA_INVALID_HANDLE,
                        other => WsaError::from_errno(other),
                    })?;
                    if n == 0 {
                        continue;
                    }
                    buf.truncate(n);
                    self.pending = buf;
                    let left = len.map(|l| l - n as u64);
                    if left != Some(0) {
                        self.segments.push_front(Segment::File {
                            fd,
                            offset: offset.map(|o| o + n as u64),
                            len: left,
                        });
                    }
                }
            }
        }
        if self.flags & TF_DISCONNECT != 0 {
            disconnect::disconnect(&self.socket, self.flags & TF_REUSE_SOCKET)?;
        }
        Ok(())
    }
}
