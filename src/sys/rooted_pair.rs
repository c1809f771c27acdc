//! The rooted provider's socket pair (docs/PROTOCOL.md §2): the one switch between an
//! `AF_UNIX` `SOCK_SEQPACKET` pair and an `AF_UNIX` `SOCK_STREAM` pair.
//!
//! The pair carries only readiness (a one-byte token toward the program's end, plug bytes from
//! it; the messages live in the provider's inbox), so either kind serves. Linux uses
//! `SOCK_SEQPACKET` unless the environment variable `WS2MP_ROOTED_PAIR` is `stream` when the
//! first rooted socket is made (read once); macOS and the BSDs have no `AF_UNIX`
//! `SOCK_SEQPACKET` and always use `SOCK_STREAM`.

use super::{OwnedFd, SysResult};

/// What the rooted provider's pairs are made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RootedPair {
    /// Linux's default (macOS and the BSDs have no `SOCK_SEQPACKET` for `AF_UNIX`).
    #[cfg_attr(not(linux_like), allow(dead_code))]
    Seqpacket,
    Stream,
}

/// The kind of pair this process uses (chosen once).
fn rooted_pair_kind() -> RootedPair {
    #[cfg(linux_like)]
    {
        static KIND: std::sync::OnceLock<RootedPair> = std::sync::OnceLock::new();
        *KIND.get_or_init(|| match std::env::var_os("WS2MP_ROOTED_PAIR") {
            Some(v) if v == "stream" => RootedPair::Stream,
            _ => RootedPair::Seqpacket,
        })
    }
    #[cfg(not(linux_like))]
    {
        RootedPair::Stream
    }
}

/// A connected `AF_UNIX` pair of [`rooted_pair_kind`]: `(program's end, provider's end)`, both
/// close-on-exec, the first never fd 0, neither raising SIGPIPE on send.
pub fn rooted_pair() -> SysResult<(OwnedFd, OwnedFd)> {
    make(rooted_pair_kind())
}

fn make(kind: RootedPair) -> SysResult<(OwnedFd, OwnedFd)> {
    super::socketpair(match kind {
        RootedPair::Seqpacket => libc::SOCK_SEQPACKET,
        RootedPair::Stream => libc::SOCK_STREAM,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::{self, interest, ready};
    use std::os::fd::AsRawFd;

    /// The kernel states the rooted provider relies on (src/provider/rooted/pair.rs), on both
    /// kinds of pair: the token makes the program's end readable, plug bytes make it
    /// unwritable until read away, the provider's close reads as end-of-file.
    #[test]
    fn both_kinds_report_token_plug_and_end() {
        let mut kinds = vec![RootedPair::Stream];
        if cfg!(linux_like) {
            kinds.push(RootedPair::Seqpacket);
        }
        for kind in kinds {
            let (app_owned, eng_owned) = make(kind).unwrap();
            let (app, eng) = (app_owned.as_raw_fd(), eng_owned.as_raw_fd());
            sys::set_nonblocking(eng, true).unwrap();
            sys::setsockopt(app, libc::SOL_SOCKET, libc::SO_SNDBUF, 1 as libc::c_int).unwrap();
            assert!(!sys::poll_one(app, interest::READ).contains(ready::READABLE));
            assert_eq!(sys::send(eng, &[1], libc::MSG_DONTWAIT), Ok(1));
            assert!(sys::poll_one(app, interest::READ).contains(ready::READABLE));
            let mut b = [0u8; 8];
            assert_eq!(sys::recv(app, &mut b, libc::MSG_DONTWAIT), Ok(1));
            assert!(
                !sys::poll_one(app, interest::READ).contains(ready::READABLE),
                "{kind:?}"
            );
            let mut plugged = false;
            for _ in 0..8 {
                let _ = sys::send(app, &[0; 256], libc::MSG_DONTWAIT);
                if !sys::poll_one(app, interest::WRITE).contains(ready::WRITABLE) {
                    plugged = true;
                    break;
                }
            }
            assert!(plugged, "{kind:?}: a plug makes the end unwritable");
            let mut buf = [0u8; 512];
            while let Ok(1..) = sys::recv(eng, &mut buf, libc::MSG_DONTWAIT) {}
            assert!(
                sys::poll_one(app, interest::WRITE).contains(ready::WRITABLE),
                "{kind:?}"
            );
            drop(eng_owned);
            assert!(
                sys::poll_one(app, interest::READ).contains(ready::READABLE),
                "{kind:?}"
            );
            assert_eq!(
                sys::recv(app, &mut b, libc::MSG_DONTWAIT),
                Ok(0),
                "{kind:?}"
            );
            drop(app_owned);
        }
    }
}
