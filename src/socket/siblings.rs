//! Sockets of this process that are one socket on Windows: a socket and the sockets made from
//! its `WSADuplicateSocket` records by `WSASocket` in this process. Windows gives each of them a
//! handle to one file object, so the object lives, with the overlapped operations pending on it
//! and its completion port association, until the last handle is closed. Here each is a socket
//! with its own descriptor; the group keeps what Windows keeps per file object:
//! - a socket closed while another of the group is open is parked: it leaves the registry (its
//!   handle value is no socket any more) but its operations stay pending, and complete or are
//!   cancelled as usual, until the last one of the group is closed;
//! - the completion port association (overlapped/ops.rs reads [`open_members`]).

use super::Socket;
use crate::sys::Fd;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::{Arc, Weak};

#[derive(Default)]
pub(crate) struct Group {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The group's sockets not closed yet.
    open: Vec<Weak<Socket>>,
    /// Closed while another was open: kept until the last one closes.
    parked: Vec<Arc<Socket>>,
}

/// What `closesocket` does with a socket that belongs to a group.
pub(crate) enum Leave {
    /// Another socket of the group is open: keep this one's operations pending.
    Park,
    /// The last one: close, then finish the parked ones.
    Last(Vec<Arc<Socket>>),
}

/// Descriptors `WSADuplicateSocket` made for this process, with the socket they duplicate, until
/// `WSASocket` takes them (a record never used leaves an entry, replaced when its descriptor
/// number is made again).
static OFFERED: Mutex<Option<HashMap<Fd, Weak<Socket>>>> = Mutex::new(None);

/// `WSADuplicateSocket` for this process made `fd` from `source`.
pub(crate) fn offered(fd: Fd, source: &Arc<Socket>) {
    OFFERED
        .lock()
        .get_or_insert_with(HashMap::new)
        .insert(fd, Arc::downgrade(source));
}

/// `WSASocket` took over the descriptor `fd` as `new`: `new` joins its source's group. Returns
/// the source when it is still open.
pub(crate) fn adopted(fd: Fd, new: &Arc<Socket>) -> Option<Arc<Socket>> {
    let source = OFFERED.lock().as_mut()?.remove(&fd)?.upgrade()?;
    if source.is_closed() {
        return None;
    }
    let group = {
        let mut extra = source.extra.lock();
        let extra = extra.get_or_insert_with(Default::default);
        extra
            .group
            .get_or_insert_with(|| {
                let g = Arc::new(Group::default());
                g.inner.lock().open.push(Arc::downgrade(&source));
                g
            })
            .clone()
    };
    group.inner.lock().open.push(Arc::downgrade(new));
    new.extra.lock().get_or_insert_with(Default::default).group = Some(group);
    Some(source)
}

/// The open sockets of `socket`'s group (`socket` itself included), or `socket` alone.
pub(crate) fn open_members(socket: &Arc<Socket>) -> Vec<Arc<Socket>> {
    let group = socket.extra.lock().as_ref().and_then(|x| x.group.clone());
    match group {
        Some(g) => g
            .inner
            .lock()
            .open
            .iter()
            .filter_map(Weak::upgrade)
            .collect(),
        None => vec![socket.clone()],
    }
}

/// `closesocket` on `socket`: `None` when it belongs to no group.
pub(super) fn leave(socket: &Arc<Socket>) -> Option<Leave> {
    let group = socket.extra.lock().as_ref().and_then(|x| x.group.clone())?;
    let mut inner = group.inner.lock();
    inner
        .open
        .retain(|w| w.upgrade().is_some_and(|s| !Arc::ptr_eq(&s, socket)));
    if inner.open.is_empty() {
        Some(Leave::Last(std::mem::take(&mut inner.parked)))
    } else {
        inner.parked.push(socket.clone());
        Some(Leave::Park)
    }
}
