//! The per-link state machine (docs/PROTOCOL.md §5). Pure: it decides what a received frame
//! means in the link's state, or that it is a protocol violation; the sessions do the I/O.

use super::wire::{self, Msg, Plane, WireError};
use crate::winsock::{
    JL_BOTH, JL_RECEIVER_ONLY, JL_SENDER_ONLY, WSAEPROTONOSUPPORT, WSAEPROTOTYPE,
};
use std::net::SocketAddr;

/// Which end of the link this side is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Side {
    /// Accepted the TCP connection: waits for a HELLO, then decides.
    Acceptor,
    /// Opened the TCP connection: sends a HELLO, then waits for the decision.
    Asker,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Phase {
    Connecting,
    AwaitHello,
    AwaitReply,
    Pending,
    Joined,
    Closing,
    Closed,
}

/// What a received frame means.
#[derive(Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A valid HELLO at an acceptor: the link is now PENDING.
    Request {
        jl: u8,
        hb_ms: u32,
        data: &'a [u8],
    },
    /// A HELLO this side must refuse with REJECT `code`; then close.
    Refuse {
        code: i32,
        why: &'static str,
    },
    /// ACCEPT at an asker: the link is JOINED.
    Accepted {
        hb_ms: u32,
        data: &'a [u8],
    },
    /// REJECT at an asker: the join failed with `code`; close.
    Rejected {
        code: i32,
    },
    /// A message to deliver; `origin` is set for RELAY (else the peer sent it).
    Deliver {
        payload: &'a [u8],
        origin: Option<SocketAddr>,
    },
    Heartbeat,
    /// LEAVE: the peer ended the membership gracefully.
    Left,
    /// A frame that arrived while closing: discarded.
    Ignored,
}

/// A protocol violation: the link is dropped with this reason.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation(pub String);

impl From<WireError> for Violation {
    fn from(e: WireError) -> Self {
        Violation(e.to_string())
    }
}

pub fn valid_jl(jl: u8) -> bool {
    u32::from(jl) == JL_SENDER_ONLY || u32::from(jl) == JL_RECEIVER_ONLY || u32::from(jl) == JL_BOTH
}

/// Whether a member with these JL flags receives data.
pub fn receives(jl: u8) -> bool {
    u32::from(jl) != JL_SENDER_ONLY
}

/// Whether a member with these JL flags may send data.
pub fn sends(jl: u8) -> bool {
    u32::from(jl) != JL_RECEIVER_ONLY
}

#[derive(Clone, Debug)]
pub struct Machine {
    pub side: Side,
    /// This side is the session's root.
    pub at_root: bool,
    /// This side's data plane.
    pub plane: Plane,
    pub phase: Phase,
    /// The leaf's JL flags (known at the root once the HELLO arrived; at a leaf, its own).
    pub jl: u8,
}

impl Machine {
    /// A link this side accepted (a root accepting a join, a listening leaf an invitation).
    pub fn acceptor(at_root: bool, plane: Plane) -> Machine {
        Machine {
            side: Side::Acceptor,
            at_root,
            plane,
            phase: Phase::AwaitHello,
            jl: JL_BOTH as u8,
        }
    }

    /// A link this side opened (a leaf joining, a root inviting), with the leaf's JL flags.
    pub fn asker(at_root: bool, plane: Plane, jl: u8) -> Machine {
        Machine {
            side: Side::Asker,
            at_root,
            plane,
            phase: Phase::Connecting,
            jl,
        }
    }

    pub fn is_joined(&self) -> bool {
        self.phase == Phase::Joined
    }

    /// The TCP connection of an asker is up and its HELLO is queued.
    pub fn connected(&mut self) {
        if self.phase == Phase::Connecting {
            self.phase = Phase::AwaitReply;
        }
    }

    /// The program admitted a PENDING request (ACCEPT is being sent).
    pub fn admit(&mut self) -> bool {
        if self.phase == Phase::Pending {
            self.phase = Phase::Joined;
            true
        } else {
            false
        }
    }

    /// A LEAVE (or REJECT) is queued: everything received from now on is discarded.
    pub fn closing(&mut self) {
        if self.phase != Phase::Closed {
            self.phase = Phase::Closing;
        }
    }

    pub fn close(&mut self) {
        self.phase = Phase::Closed;
    }

    /// Interprets one received frame.
    pub fn on_frame<'a>(&mut self, ty: u8, body: &'a [u8]) -> Result<Event<'a>, Violation> {
        match self.phase {
            Phase::Closing => return Ok(Event::Ignored),
            Phase::Closed => return Err(Violation("frame after close".into())),
            Phase::Connecting => return Err(Violation("frame before the HELLO was sent".into())),
            _ => {}
        }
        let msg = match wire::parse(ty, body) {
            Ok(m) => m,
            Err(WireError::Version(v))
                if self.phase == Phase::AwaitHello && self.side == Side::Acceptor =>
            {
                let _ = v;
                self.phase = Phase::Closing;
                return Ok(Event::Refuse {
                    code: WSAEPROTONOSUPPORT,
                    why: "unsupported protocol version",
                });
            }
            Err(e) => return Err(e.into()),
        };
        match (self.phase, msg) {
            (Phase::AwaitHello, Msg::HelloJoin(h)) if self.at_root => self.on_hello(h),
            (Phase::AwaitHello, Msg::HelloInvite(h)) if !self.at_root => self.on_hello(h),
            (Phase::AwaitHello, _) => Err(Violation("expected a HELLO".into())),
            (Phase::AwaitReply, Msg::Accept { hb_ms, data }) => {
                self.phase = Phase::Joined;
                Ok(Event::Accepted { hb_ms, data })
            }
            (Phase::AwaitReply, Msg::Reject { code }) => {
                self.phase = Phase::Closed;
                Ok(Event::Rejected { code })
            }
            (Phase::AwaitReply, _) => Err(Violation("expected ACCEPT or REJECT".into())),
            (Phase::Pending, _) => Err(Violation("frame while the request is pending".into())),
            (Phase::Joined, Msg::Data(payload)) => {
                if self.at_root && !sends(self.jl) {
                    return Err(Violation("DATA from a receiver-only leaf".into()));
                }
                if !self.at_root && !receives(self.jl) {
                    return Err(Violation("DATA to a sender-only leaf".into()));
                }
                Ok(Event::Deliver {
                    payload,
                    origin: None,
                })
            }
            (Phase::Joined, Msg::Relay { origin, payload }) => {
                if self.at_root || self.plane != Plane::Peer || !receives(self.jl) {
                    return Err(Violation("RELAY where none is allowed".into()));
                }
                Ok(Event::Deliver {
                    payload,
                    origin: Some(origin),
                })
            }
            (Phase::Joined, Msg::Heartbeat) => Ok(Event::Heartbeat),
            (Phase::Joined, Msg::Leave { .. }) => {
                self.phase = Phase::Closed;
                Ok(Event::Left)
            }
            (Phase::Joined, _) => Err(Violation("handshake frame after the join".into())),
            (Phase::Connecting | Phase::Closing | Phase::Closed, _) => {
                Err(Violation("frame in a finished state".into()))
            }
        }
    }

    fn on_hello<'a>(&mut self, h: wire::Hello<'a>) -> Result<Event<'a>, Violation> {
        if !valid_jl(h.jl) {
            return Err(Violation(format!("invalid JL flags {:#x}", h.jl)));
        }
        if h.plane > 1 {
            return Err(Violation(format!("invalid data plane {}", h.plane)));
        }
        if !(300..=600_000).contains(&h.hb_ms) {
            return Err(Violation(format!("invalid heartbeat {} ms", h.hb_ms)));
        }
        if h.plane != self.plane as u8 {
            self.phase = Phase::Closing;
            return Ok(Event::Refuse {
                code: WSAEPROTOTYPE,
                why: "the two sides use different data planes",
            });
        }
        self.jl = h.jl;
        self.phase = Phase::Pending;
        Ok(Event::Request {
            jl: h.jl,
            hb_ms: h.hb_ms,
            data: h.data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::winsock::WSAECONNREFUSED;

    fn body(f: &[u8]) -> (u8, &[u8]) {
        (f[4], &f[wire::HEADER..])
    }

    #[test]
    fn leaf_initiated_join_at_the_root() {
        let mut m = Machine::acceptor(true, Plane::Rooted);
        let d = wire::data(b"early");
        let (t, b) = body(&d);
        assert!(m.clone().on_frame(t, b).is_err(), "DATA before HELLO");
        let h = wire::hello(false, JL_BOTH as u8, Plane::Rooted, 10_000, b"hi");
        let (t, b) = body(&h);
        assert_eq!(
            m.on_frame(t, b).unwrap(),
            Event::Request {
                jl: 4,
                hb_ms: 10_000,
                data: b"hi"
            }
        );
        assert_eq!(m.phase, Phase::Pending);
        assert!(m.admit());
        let (t, b) = body(&d);
        assert!(matches!(m.on_frame(t, b), Ok(Event::Deliver { .. })));
        let l = wire::leave(0);
        let (t, b) = body(&l);
        assert_eq!(m.on_frame(t, b).unwrap(), Event::Left);
    }

    #[test]
    fn refusals_and_violations() {
        let mut m = Machine::acceptor(true, Plane::Peer);
        let h = wire::hello(false, 4, Plane::Rooted, 10_000, &[]);
        let (t, b) = body(&h);
        assert!(matches!(
            m.on_frame(t, b),
            Ok(Event::Refuse {
                code: WSAEPROTOTYPE,
                ..
            })
        ));
        let mut m = Machine::acceptor(false, Plane::Rooted);
        let (t, b) = body(&h);
        assert!(m.on_frame(t, b).is_err(), "a JOIN at a listening leaf");
        let mut m = Machine::acceptor(true, Plane::Rooted);
        let h = wire::hello(false, 3, Plane::Rooted, 10_000, &[]);
        let (t, b) = body(&h);
        assert!(m.on_frame(t, b).is_err(), "bad JL flags");
        // A receiver-only leaf may not send.
        let mut m = Machine::acceptor(true, Plane::Rooted);
        let h = wire::hello(false, JL_RECEIVER_ONLY as u8, Plane::Rooted, 10_000, &[]);
        let (t, b) = body(&h);
        m.on_frame(t, b).unwrap();
        m.admit();
        let d = wire::data(b"x");
        let (t, b) = body(&d);
        assert!(m.on_frame(t, b).is_err());
        // The asker's side.
        let mut m = Machine::asker(false, Plane::Rooted, 4);
        assert!(m.on_frame(t, b).is_err(), "frame while connecting");
        m.connected();
        let r = wire::reject(WSAECONNREFUSED);
        let (t, b) = body(&r);
        assert_eq!(
            m.on_frame(t, b).unwrap(),
            Event::Rejected {
                code: WSAECONNREFUSED
            }
        );
    }
}
