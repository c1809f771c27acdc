//! Linux backend of the poller: one epoll instance, level-triggered.

use super::{cvt, errno, interest, ready, Fd, Interest, Ready, SysResult};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::raw::c_int;

/// A readiness poller (one epoll instance), level-triggered unless `interest::EDGE` is asked.
pub struct Poller {
    epfd: OwnedFd,
}

fn events_for(wanted: Interest) -> u32 {
    let mut ev = 0u32;
    if wanted.intersects(interest::READ) {
        // RDHUP rides along with IN so that a report tells "data" from "maybe end of stream"
        // without a peek.
        ev |= (libc::EPOLLIN | libc::EPOLLRDHUP) as u32;
    }
    if wanted.intersects(interest::PEER_CLOSED) {
        ev |= libc::EPOLLRDHUP as u32;
    }
    if wanted.intersects(interest::WRITE) {
        ev |= libc::EPOLLOUT as u32;
    }
    if wanted.intersects(interest::PRIORITY) {
        ev |= libc::EPOLLPRI as u32;
    }
    if wanted.intersects(interest::EDGE) {
        ev |= libc::EPOLLET as u32;
    }
    ev
}

impl Poller {
    pub fn new() -> SysResult<Poller> {
        // SAFETY: plain system call.
        let epfd = cvt(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) })?;
        // SAFETY: a new descriptor that nothing else owns.
        Ok(Poller {
            epfd: unsafe { OwnedFd::from_raw_fd(epfd) },
        })
    }

    /// The descriptor that becomes readable when any registered source is ready.
    pub fn raw_fd(&self) -> Fd {
        self.epfd.as_raw_fd()
    }

    fn ctl(&self, op: c_int, fd: Fd, token: u64, wanted: Interest) -> SysResult<()> {
        let mut ev = libc::epoll_event {
            events: events_for(wanted),
            u64: token,
        };
        // SAFETY: `ev` is a valid epoll_event; the kernel copies it.
        cvt(unsafe { libc::epoll_ctl(self.epfd.as_raw_fd(), op, fd, &mut ev) }).map(drop)
    }

    pub fn add(&self, fd: Fd, token: u64, wanted: Interest) -> SysResult<()> {
        self.ctl(libc::EPOLL_CTL_ADD, fd, token, wanted)
    }

    pub fn modify(&self, fd: Fd, token: u64, _old: Interest, wanted: Interest) -> SysResult<()> {
        self.ctl(libc::EPOLL_CTL_MOD, fd, token, wanted)
    }

    pub fn delete(&self, fd: Fd, _old: Interest) -> SysResult<()> {
        self.ctl(libc::EPOLL_CTL_DEL, fd, 0, Interest::empty())
    }

    /// Waits up to `timeout_ms` (-1 = forever) and appends `(token, ready bits)` to `out`.
    /// An interrupted wait returns with nothing appended.
    pub fn wait(&self, out: &mut Vec<(u64, Ready)>, timeout_ms: c_int) -> SysResult<()> {
        const BATCH: usize = 64;
        // Not zeroed: the kernel writes the first `n` entries, and only those are read.
        let mut evs = [std::mem::MaybeUninit::<libc::epoll_event>::uninit(); BATCH];
        // SAFETY: `evs` is a writable array of BATCH events.
        let n = unsafe {
            libc::epoll_wait(
                self.epfd.as_raw_fd(),
                evs.as_mut_ptr().cast(),
                BATCH as c_int,
                timeout_ms,
            )
        };
        if n < 0 {
            let e = errno();
            return if e == libc::EINTR { Ok(()) } else { Err(e) };
        }
        for ev in &evs[..n as usize] {
            // SAFETY: epoll_wait initialised the first `n` entries.
            let ev = unsafe { ev.assume_init_ref() };
            let e = ev.events;
            let mut bits = Ready::empty();
            if e & (libc::EPOLLIN as u32) != 0 {
                bits |= ready::READABLE;
            }
            if e & (libc::EPOLLOUT as u32) != 0 {
                bits |= ready::WRITABLE;
            }
            if e & (libc::EPOLLPRI as u32) != 0 {
                bits |= ready::PRIORITY;
            }
            if e & ((libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR) as u32) != 0 {
                bits |= ready::HANGUP | ready::READABLE;
            }
            if e & (libc::EPOLLERR as u32) != 0 {
                bits |= ready::ERROR;
            }
            out.push((ev.u64, bits));
        }
        Ok(())
    }
}
