//! macOS/BSD backend of the poller: one kqueue, level-triggered filters.
//!
//! Not exercised by this project's CI (Linux only); written against the kqueue(2) manual.
//! `interest::PRIORITY` (out-of-band data) uses macOS's `EVFILT_EXCEPT` with `NOTE_OOB`; other
//! BSDs have no such filter, and there out-of-band data is only seen as readability.

use super::{cvt, errno, interest, ready, Fd, Interest, Ready, SysResult};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::raw::c_int;
use std::ptr;

pub struct Poller {
    kq: OwnedFd,
}

fn change(fd: Fd, filter: i16, flags: u16, token: u64) -> libc::kevent {
    // SAFETY: all-zero is a valid kevent.
    let mut kev: libc::kevent = unsafe { std::mem::zeroed() };
    kev.ident = fd as _;
    kev.filter = filter as _;
    kev.flags = flags as _;
    kev.udata = token as usize as _;
    kev
}

impl Poller {
    pub fn new() -> SysResult<Poller> {
        // SAFETY: plain system call.
        let kq = cvt(unsafe { libc::kqueue() })?;
        // SAFETY: fcntl on our own fd.
        unsafe { libc::fcntl(kq, libc::F_SETFD, libc::FD_CLOEXEC) };
        // SAFETY: a new descriptor that nothing else owns.
        Ok(Poller {
            kq: unsafe { OwnedFd::from_raw_fd(kq) },
        })
    }

    pub fn raw_fd(&self) -> Fd {
        self.kq.as_raw_fd()
    }

    fn apply(&self, changes: &[libc::kevent]) -> SysResult<()> {
        for kev in changes {
            // SAFETY: one valid change record, no event output.
            let r = unsafe {
                libc::kevent(self.kq.as_raw_fd(), kev, 1, ptr::null_mut(), 0, ptr::null())
            };
            if r < 0 {
                let e = errno();
                // Deleting a filter that was never added is not an error for us.
                if !(e == libc::ENOENT && kev.flags & libc::EV_DELETE != 0) {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    fn set(&self, fd: Fd, token: u64, old: Interest, wanted: Interest) -> SysResult<()> {
        let read = |bits: Interest| bits.intersects(interest::READ);
        let write = |bits: Interest| bits.intersects(interest::WRITE);
        let mut changes = Vec::with_capacity(3);
        if read(wanted) {
            let edge = if wanted.intersects(interest::EDGE) {
                libc::EV_CLEAR
            } else {
                0
            };
            changes.push(change(
                fd,
                libc::EVFILT_READ,
                libc::EV_ADD | libc::EV_ENABLE | edge,
                token,
            ));
        } else if read(old) {
            changes.push(change(fd, libc::EVFILT_READ, libc::EV_DELETE, token));
        }
        if write(wanted) {
            changes.push(change(
                fd,
                libc::EVFILT_WRITE,
                libc::EV_ADD | libc::EV_ENABLE,
                token,
            ));
        } else if write(old) {
            changes.push(change(fd, libc::EVFILT_WRITE, libc::EV_DELETE, token));
        }
        #[cfg(apple)]
        {
            let urgent = |bits: Interest| bits.intersects(interest::PRIORITY);
            if urgent(wanted) {
                let mut kev = change(
                    fd,
                    libc::EVFILT_EXCEPT,
                    libc::EV_ADD | libc::EV_ENABLE,
                    token,
                );
                kev.fflags = libc::NOTE_OOB;
                changes.push(kev);
            } else if urgent(old) {
                changes.push(change(fd, libc::EVFILT_EXCEPT, libc::EV_DELETE, token));
            }
        }
        self.apply(&changes)
    }

    pub fn add(&self, fd: Fd, token: u64, wanted: Interest) -> SysResult<()> {
        self.set(fd, token, Interest::NONE, wanted)
    }

    pub fn modify(&self, fd: Fd, token: u64, old: Interest, wanted: Interest) -> SysResult<()> {
        self.set(fd, token, old, wanted)
    }

    pub fn delete(&self, fd: Fd, old: Interest) -> SysResult<()> {
        self.set(fd, 0, old, Interest::NONE)
    }

    pub fn wait(&self, out: &mut Vec<(u64, Ready)>, timeout_ms: c_int) -> SysResult<()> {
        const BATCH: usize = 64;
        // SAFETY: all-zero kevents are valid output slots.
        let mut evs: [libc::kevent; BATCH] = unsafe { std::mem::zeroed() };
        let ts;
        let tsp = if timeout_ms < 0 {
            ptr::null()
        } else {
            ts = libc::timespec {
                tv_sec: (timeout_ms / 1000) as _,
                tv_nsec: ((timeout_ms % 1000) as i64 * 1_000_000) as _,
            };
            &ts as *const libc::timespec
        };
        // SAFETY: `evs` is writable for BATCH entries; `tsp` is null or points to `ts`.
        let n = unsafe {
            libc::kevent(
                self.kq.as_raw_fd(),
                ptr::null(),
                0,
                evs.as_mut_ptr(),
                BATCH as c_int,
                tsp,
            )
        };
        if n < 0 {
            let e = errno();
            return if e == libc::EINTR { Ok(()) } else { Err(e) };
        }
        for kev in &evs[..n as usize] {
            let mut bits = Ready::empty();
            if kev.filter == libc::EVFILT_READ {
                bits |= ready::READABLE;
            } else if kev.filter == libc::EVFILT_WRITE {
                bits |= ready::WRITABLE;
            }
            #[cfg(apple)]
            if kev.filter == libc::EVFILT_EXCEPT {
                bits |= ready::PRIORITY;
            }
            if kev.flags & libc::EV_EOF != 0 || kev.flags & libc::EV_ERROR != 0 {
                bits |= ready::HANGUP | ready::READABLE;
            }
            // At EOF on a socket, fflags holds its pending error (0 for an orderly end).
            if kev.flags & libc::EV_EOF != 0 && kev.fflags != 0 {
                bits |= ready::ERROR;
            }
            out.push((kev.udata as usize as u64, bits));
        }
        Ok(())
    }
}
