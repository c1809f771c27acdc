//! A level-triggered, pollable flag: readable while raised.
//!
//! Linux: an eventfd. Elsewhere: a non-blocking pipe (`os::signal_fds`).

use super::{os, Fd, SysResult};
use std::os::fd::{AsRawFd, OwnedFd};

pub struct Signal {
    read: OwnedFd,
    /// A pipe's write end (None: an eventfd, written through `read`).
    write: Option<OwnedFd>,
}

impl Signal {
    pub fn new() -> SysResult<Signal> {
        let (read, write) = os::signal_fds()?;
        Ok(Signal { read, write })
    }

    /// The descriptor that is readable while the signal is raised.
    pub fn raw_fd(&self) -> Fd {
        self.read.as_raw_fd()
    }

    /// Makes the descriptor readable. Raising twice without a clear is harmless.
    pub fn raise(&self) {
        let one = os::SIGNAL_TOKEN;
        let fd = self.write.as_ref().unwrap_or(&self.read).as_raw_fd();
        // SAFETY: writes the token from a local value to our non-blocking fd.
        unsafe { libc::write(fd, one.as_ptr().cast(), one.len()) };
    }

    /// Makes the descriptor unreadable again.
    pub fn clear(&self) {
        let mut buf = [0u8; 64];
        loop {
            // SAFETY: reads into a local buffer from our non-blocking fd.
            let n = unsafe { libc::read(self.raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            // One read resets an eventfd; a pipe is read until empty.
            if n <= 0 || self.write.is_none() {
                break;
            }
        }
    }
}
