//! A level-triggered, pollable flag: readable while raised.
//!
//! Linux: an eventfd. Elsewhere: a non-blocking pipe (`os::signal_fds`).

use super::{os, Fd, SysResult};

pub struct Signal {
    read_fd: Fd,
    /// The same descriptor as `read_fd` for an eventfd.
    write_fd: Fd,
}

impl Signal {
    pub fn new() -> SysResult<Signal> {
        let (read_fd, write_fd) = os::signal_fds()?;
        Ok(Signal { read_fd, write_fd })
    }

    /// The descriptor that is readable while the signal is raised.
    pub fn raw_fd(&self) -> Fd {
        self.read_fd
    }

    /// Makes the descriptor readable. Raising twice without a clear is harmless.
    pub fn raise(&self) {
        let one = os::SIGNAL_TOKEN;
        // SAFETY: writes the token from a local value to our non-blocking fd.
        unsafe { libc::write(self.write_fd, one.as_ptr().cast(), one.len()) };
    }

    /// Makes the descriptor unreadable again.
    pub fn clear(&self) {
        let mut buf = [0u8; 64];
        loop {
            // SAFETY: reads into a local buffer from our non-blocking fd.
            let n = unsafe { libc::read(self.read_fd, buf.as_mut_ptr().cast(), buf.len()) };
            // One read resets an eventfd; a pipe is read until empty.
            if n <= 0 || self.read_fd == self.write_fd {
                break;
            }
        }
    }
}

impl Drop for Signal {
    fn drop(&mut self) {
        super::close(self.read_fd);
        if self.write_fd != self.read_fd {
            super::close(self.write_fd);
        }
    }
}
