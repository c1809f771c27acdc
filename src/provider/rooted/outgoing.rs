//! A DATA message on its way out (docs/PROTOCOL.md §8).
//!
//! The frame is gathered (checked copies of the program's buffers: `WSAEFAULT` before
//! anything is sent) into a buffer the sending thread keeps between sends, and written from
//! there; only a frame a link must queue (the kernel did not take all of it) is copied into
//! shared memory, once for every link that queues it. A send with nothing queued so costs no
//! allocation (an allocation, a zero fill and a free per message were ~15% of a request/answer
//! round trip's instructions).

use super::wire::{self, HEADER};
use crate::sys;
use std::cell::Cell;
use std::sync::Arc;

/// The largest spare buffer a thread keeps (bigger frames use one of their own).
const KEEP: usize = 16 * 1024;

thread_local! {
    /// This thread's spare frame buffer (empty while an `Outgoing` holds it).
    static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

pub struct Outgoing {
    /// The frame (header and payload).
    bytes: Vec<u8>,
    /// The same bytes in shared memory, once a link queued them.
    shared: Option<Arc<[u8]>>,
}

impl Outgoing {
    /// A DATA frame holding the first `total` bytes of `bufs`; `EFAULT` when they cannot be
    /// read.
    pub fn new(bufs: sys::IoBufs<'_>, total: usize) -> sys::SysResult<Outgoing> {
        let mut bytes = SPARE.take();
        let head = wire::header(wire::kind::DATA, total);
        let gathered = sys::iov::gather_into(&mut bytes, &head, bufs, total);
        let msg = Outgoing {
            bytes,
            shared: None,
        };
        gathered.map(|()| msg)
    }

    /// The frame.
    pub fn frame(&self) -> &[u8] {
        &self.bytes
    }

    /// The payload.
    pub fn payload(&self) -> &[u8] {
        &self.bytes[HEADER..]
    }

    /// The frame in shared memory (copied there on first use), for a link's queue.
    pub fn shared(&mut self) -> &Arc<[u8]> {
        self.shared
            .get_or_insert_with(|| Arc::from(&self.bytes[..]))
    }
}

impl Drop for Outgoing {
    fn drop(&mut self) {
        if self.bytes.capacity() <= KEEP {
            SPARE.set(std::mem::take(&mut self.bytes));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_the_data_frame_of_the_buffers_bytes() {
        let a = b"hello ".to_vec();
        let b = b"world".to_vec();
        let mut st = sys::iov_storage::<3>();
        let bufs = sys::IoBufs::from_slices(&mut st, [&a[..], &[], &b]);
        let mut msg = Outgoing::new(bufs, 11).unwrap();
        assert_eq!(msg.frame(), &wire::data(b"hello world")[..]);
        assert_eq!(msg.payload(), b"hello world");
        assert_eq!(&msg.shared()[..], &wire::data(b"hello world")[..]);
        drop(msg);
        // The spare buffer is reused, and holds nothing of the last message.
        let none = Outgoing::new(sys::IoBufs::empty(), 0).unwrap();
        assert_eq!(none.frame(), &wire::data(b"")[..]);
    }
}
