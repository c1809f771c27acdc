//! A level-triggered, pollable flag: readable while raised.
//!
//! Linux: an eventfd. Elsewhere: a non-blocking pipe.

use super::{cvt, Fd, SysResult};

pub struct Signal {
    read_fd: Fd,
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    write_fd: Fd,
}

impl Signal {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn new() -> SysResult<Signal> {
        // SAFETY: plain system call.
        let fd = cvt(unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) })?;
        Ok(Signal { read_fd: fd })
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    pub fn new() -> SysResult<Signal> {
        let mut fds = [0 as Fd; 2];
        // SAFETY: `fds` has room for the two descriptors pipe() writes.
        cvt(unsafe { libc::pipe(fds.as_mut_ptr()) })?;
        for fd in fds {
            // SAFETY: fcntl on our own fds.
            unsafe {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
                let fl = libc::fcntl(fd, libc::F_GETFL);
                libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
            }
        }
        Ok(Signal {
            read_fd: fds[0],
            write_fd: fds[1],
        })
    }

    /// The descriptor that is readable while the signal is raised.
    pub fn raw_fd(&self) -> Fd {
        self.read_fd
    }

    /// Makes the descriptor readable. Raising twice without a clear is harmless.
    pub fn raise(&self) {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            let one: u64 = 1;
            // SAFETY: writes 8 bytes from a local value to our eventfd.
            unsafe { libc::write(self.read_fd, std::ptr::addr_of!(one).cast(), 8) };
        }
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        {
            let one = 1u8;
            // SAFETY: writes 1 byte from a local value to our pipe.
            unsafe { libc::write(self.write_fd, std::ptr::addr_of!(one).cast(), 1) };
        }
    }

    /// Makes the descriptor unreadable again.
    pub fn clear(&self) {
        let mut buf = [0u8; 64];
        loop {
            // SAFETY: reads into a local buffer from our non-blocking fd.
            let n = unsafe { libc::read(self.read_fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 || cfg!(any(target_os = "linux", target_os = "android")) {
                break;
            }
        }
    }
}

impl Drop for Signal {
    fn drop(&mut self) {
        super::close(self.read_fd);
        #[cfg(not(any(target_os = "linux", target_os = "android")))]
        super::close(self.write_fd);
    }
}
