//! The rooted protocol's frames (docs/PROTOCOL.md §4): encoding, and a decoder that splits a
//! byte stream into frames and parses their bodies.
//!
//! Pure code: no I/O. The decoder keeps at most one partial frame (≤ `HEADER + MAX_BODY`
//! bytes) and gives its buffer back when the frame is done, so an idle link holds nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

pub(crate) const HEADER: usize = 8;
pub(crate) const MAGIC: u32 = 0x5753_4D50;
pub(crate) const VERSION: u8 = 1;
/// Largest message (`dwMessageSize`, `SO_MAX_MSG_SIZE`).
pub(crate) const MAX_MESSAGE: usize = 65_536;
/// Largest caller or callee data.
pub(crate) const MAX_CONNECT_DATA: usize = 4_096;
/// Largest RELAY origin: family, port and an IPv6 address.
const MAX_ORIGIN: usize = 1 + 2 + 16;
/// Largest frame body.
pub(crate) const MAX_BODY: usize = MAX_MESSAGE + MAX_ORIGIN + 1;
const HELLO_FIXED: usize = 16;
const ACCEPT_FIXED: usize = 8;
/// Partial-frame buffers larger than this are released once their frame is complete.
const KEEP_CAPACITY: usize = 2048;

pub mod kind {
    pub(crate) const HELLO_JOIN: u8 = 0x01;
    pub(crate) const HELLO_INVITE: u8 = 0x02;
    pub(crate) const ACCEPT: u8 = 0x03;
    pub(crate) const REJECT: u8 = 0x04;
    pub(crate) const DATA: u8 = 0x10;
    pub(crate) const RELAY: u8 = 0x11;
    pub(crate) const HEARTBEAT: u8 = 0x20;
    pub(crate) const LEAVE: u8 = 0x21;
}

/// LEAVE reasons.
pub mod reason {
    pub(crate) const CLOSED: u32 = 0;
    pub(crate) const EVICTED: u32 = 1;
}

/// The data plane a side's catalog entry has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Plane {
    Rooted = 0,
    Peer = 1,
}

/// A parsed HELLO.
#[derive(Debug, PartialEq, Eq)]
pub struct Hello<'a> {
    pub jl: u8,
    pub plane: u8,
    pub hb_ms: u32,
    pub data: &'a [u8],
}

/// A parsed frame.
#[derive(Debug, PartialEq, Eq)]
pub enum Msg<'a> {
    HelloJoin(Hello<'a>),
    HelloInvite(Hello<'a>),
    Accept {
        hb_ms: u32,
        data: &'a [u8],
    },
    Reject {
        code: i32,
    },
    Data(&'a [u8]),
    Relay {
        origin: SocketAddr,
        payload: &'a [u8],
    },
    Heartbeat,
    Leave {
        reason: u32,
    },
}

/// Why bytes are not a valid frame. Every variant drops the connection.
#[derive(Debug, PartialEq, Eq, Clone)]
pub enum WireError {
    /// `len` above `MAX_BODY`.
    TooLong(u32),
    /// Non-zero flags or reserved header bits.
    BadHeader,
    UnknownType(u8),
    /// The body does not fit its type's layout.
    BadBody(&'static str),
    /// A HELLO without the magic number: not our protocol.
    BadMagic,
    /// A HELLO of another version (the reply is REJECT `WSAEPROTONOSUPPORT`).
    Version(u8),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::TooLong(n) => write!(f, "frame length {n} above the limit {MAX_BODY}"),
            WireError::BadHeader => write!(f, "non-zero reserved header bits"),
            WireError::UnknownType(t) => write!(f, "unknown frame type {t:#04x}"),
            WireError::BadBody(what) => write!(f, "malformed {what}"),
            WireError::BadMagic => write!(f, "not a ws2mp peer (bad magic)"),
            WireError::Version(v) => write!(f, "protocol version {v} (this side speaks {VERSION})"),
        }
    }
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Checks a header; returns `(type, body length)`.
pub fn parse_header(h: &[u8; HEADER]) -> Result<(u8, usize), WireError> {
    let len = be32(&h[0..4]);
    if len as usize > MAX_BODY {
        return Err(WireError::TooLong(len));
    }
    if h[5] != 0 || h[6] != 0 || h[7] != 0 {
        return Err(WireError::BadHeader);
    }
    Ok((h[4], len as usize))
}

fn parse_hello(body: &[u8]) -> Result<Hello<'_>, WireError> {
    if body.len() < 5 {
        return Err(WireError::BadBody("HELLO"));
    }
    if be32(&body[0..4]) != MAGIC {
        return Err(WireError::BadMagic);
    }
    if body[4] != VERSION {
        return Err(WireError::Version(body[4]));
    }
    if body.len() < HELLO_FIXED || body[7] != 0 || be16(&body[12..14]) != 0 {
        return Err(WireError::BadBody("HELLO"));
    }
    let data_len = be16(&body[14..16]) as usize;
    if data_len > MAX_CONNECT_DATA || body.len() != HELLO_FIXED + data_len {
        return Err(WireError::BadBody("HELLO data"));
    }
    Ok(Hello {
        jl: body[5],
        plane: body[6],
        hb_ms: be32(&body[8..12]),
        data: &body[HELLO_FIXED..],
    })
}

fn parse_origin(body: &[u8]) -> Result<(SocketAddr, usize), WireError> {
    let bad = WireError::BadBody("RELAY origin");
    let fam = *body.first().ok_or(bad.clone())?;
    let ip_len = match fam {
        4 => 4,
        6 => 16,
        _ => return Err(bad),
    };
    if body.len() < 3 + ip_len {
        return Err(bad);
    }
    let port = be16(&body[1..3]);
    let ip = &body[3..3 + ip_len];
    let ip = if fam == 4 {
        IpAddr::V4(Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]))
    } else {
        let mut o = [0u8; 16];
        o.copy_from_slice(ip);
        IpAddr::V6(Ipv6Addr::from(o))
    };
    Ok((SocketAddr::new(ip, port), 3 + ip_len))
}

/// Parses a frame body of type `ty`.
pub fn parse(ty: u8, body: &[u8]) -> Result<Msg<'_>, WireError> {
    match ty {
        kind::HELLO_JOIN => parse_hello(body).map(Msg::HelloJoin),
        kind::HELLO_INVITE => parse_hello(body).map(Msg::HelloInvite),
        kind::ACCEPT => {
            if body.len() < ACCEPT_FIXED || be16(&body[4..6]) != 0 {
                return Err(WireError::BadBody("ACCEPT"));
            }
            let data_len = be16(&body[6..8]) as usize;
            if data_len > MAX_CONNECT_DATA || body.len() != ACCEPT_FIXED + data_len {
                return Err(WireError::BadBody("ACCEPT data"));
            }
            Ok(Msg::Accept {
                hb_ms: be32(&body[0..4]),
                data: &body[ACCEPT_FIXED..],
            })
        }
        kind::REJECT => match body.len() {
            4 => Ok(Msg::Reject {
                code: be32(body) as i32,
            }),
            _ => Err(WireError::BadBody("REJECT")),
        },
        kind::DATA => {
            if body.len() > MAX_MESSAGE {
                return Err(WireError::BadBody("DATA (message too large)"));
            }
            Ok(Msg::Data(body))
        }
        kind::RELAY => {
            let (origin, used) = parse_origin(body)?;
            let payload = &body[used..];
            if payload.len() > MAX_MESSAGE {
                return Err(WireError::BadBody("RELAY (message too large)"));
            }
            Ok(Msg::Relay { origin, payload })
        }
        kind::HEARTBEAT => match body.len() {
            0 => Ok(Msg::Heartbeat),
            _ => Err(WireError::BadBody("HEARTBEAT")),
        },
        kind::LEAVE => match body.len() {
            4 => Ok(Msg::Leave { reason: be32(body) }),
            _ => Err(WireError::BadBody("LEAVE")),
        },
        other => Err(WireError::UnknownType(other)),
    }
}

// ---- encoding ------------------------------------------------------------------------------

/// A frame header for a body of `len` bytes.
pub fn header(ty: u8, len: usize) -> [u8; HEADER] {
    let l = (len as u32).to_be_bytes();
    [l[0], l[1], l[2], l[3], ty, 0, 0, 0]
}

/// One allocation, sized exactly (a `Vec` turned into an `Arc` would be two, and a second copy:
/// the root builds one RELAY frame per relayed message).
fn frame(ty: u8, parts: &[&[u8]]) -> Arc<[u8]> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut f: Arc<[u8]> = std::iter::repeat_n(0u8, HEADER + len).collect();
    let out = Arc::get_mut(&mut f).expect("a new Arc has no other owner");
    out[..HEADER].copy_from_slice(&header(ty, len));
    let mut at = HEADER;
    for p in parts {
        out[at..at + p.len()].copy_from_slice(p);
        at += p.len();
    }
    f
}

/// HELLO_JOIN (`invite` false) or HELLO_INVITE. `data` must be ≤ `MAX_CONNECT_DATA`.
pub fn hello(invite: bool, jl: u8, plane: Plane, hb_ms: u32, data: &[u8]) -> Arc<[u8]> {
    let mut fixed = [0u8; HELLO_FIXED];
    fixed[0..4].copy_from_slice(&MAGIC.to_be_bytes());
    fixed[4] = VERSION;
    fixed[5] = jl;
    fixed[6] = plane as u8;
    fixed[8..12].copy_from_slice(&hb_ms.to_be_bytes());
    fixed[14..16].copy_from_slice(&(data.len() as u16).to_be_bytes());
    let ty = if invite {
        kind::HELLO_INVITE
    } else {
        kind::HELLO_JOIN
    };
    frame(ty, &[&fixed, data])
}

pub fn accept(hb_ms: u32, data: &[u8]) -> Arc<[u8]> {
    let mut fixed = [0u8; ACCEPT_FIXED];
    fixed[0..4].copy_from_slice(&hb_ms.to_be_bytes());
    fixed[6..8].copy_from_slice(&(data.len() as u16).to_be_bytes());
    frame(kind::ACCEPT, &[&fixed, data])
}

pub fn reject(code: i32) -> Arc<[u8]> {
    frame(kind::REJECT, &[&(code as u32).to_be_bytes()])
}

pub fn leave(reason: u32) -> Arc<[u8]> {
    frame(kind::LEAVE, &[&reason.to_be_bytes()])
}

pub fn heartbeat() -> Arc<[u8]> {
    frame(kind::HEARTBEAT, &[])
}

/// A DATA frame. `payload` must be ≤ `MAX_MESSAGE`.
#[cfg(test)]
pub fn data(payload: &[u8]) -> Arc<[u8]> {
    frame(kind::DATA, &[payload])
}

/// A RELAY frame naming `origin`.
pub fn relay(origin: SocketAddr, payload: &[u8]) -> Arc<[u8]> {
    let mut o = [0u8; MAX_ORIGIN];
    o[1..3].copy_from_slice(&origin.port().to_be_bytes());
    let used = match origin.ip() {
        IpAddr::V4(ip) => {
            o[0] = 4;
            o[3..7].copy_from_slice(&ip.octets());
            7
        }
        IpAddr::V6(ip) => {
            o[0] = 6;
            o[3..19].copy_from_slice(&ip.octets());
            19
        }
    };
    frame(kind::RELAY, &[&o[..used], payload])
}

// ---- decoding a stream -----------------------------------------------------------------------

/// Splits a byte stream into frames.
#[derive(Default)]
pub struct Decoder {
    partial: Vec<u8>,
}

impl Decoder {
    /// Bytes held for an incomplete frame.
    pub fn pending(&self) -> usize {
        self.partial.len()
    }

    /// Feeds `input`; calls `on_frame(type, body)` for every complete frame, in order, until it
    /// returns false (the link is finished: the rest is discarded). A bad header is an error;
    /// the bytes after it are discarded too.
    pub fn feed(
        &mut self,
        mut input: &[u8],
        on_frame: &mut dyn FnMut(u8, &[u8]) -> bool,
    ) -> Result<(), WireError> {
        if !self.partial.is_empty() {
            if self.partial.len() < HEADER {
                let take = (HEADER - self.partial.len()).min(input.len());
                self.partial.extend_from_slice(&input[..take]);
                input = &input[take..];
                if self.partial.len() < HEADER {
                    return Ok(());
                }
            }
            let mut h = [0u8; HEADER];
            h.copy_from_slice(&self.partial[..HEADER]);
            let (ty, len) = match parse_header(&h) {
                Ok(v) => v,
                Err(e) => {
                    self.release();
                    return Err(e);
                }
            };
            let missing = HEADER + len - self.partial.len();
            // Exactly one frame's room, never a doubling past it.
            self.partial.reserve_exact(missing);
            let take = missing.min(input.len());
            self.partial.extend_from_slice(&input[..take]);
            input = &input[take..];
            if take < missing {
                return Ok(());
            }
            let body = std::mem::take(&mut self.partial);
            let go_on = on_frame(ty, &body[HEADER..]);
            self.partial = body;
            self.partial.clear();
            if self.partial.capacity() > KEEP_CAPACITY {
                self.release();
            }
            if !go_on {
                return Ok(());
            }
        }
        while input.len() >= HEADER {
            let mut h = [0u8; HEADER];
            h.copy_from_slice(&input[..HEADER]);
            let (ty, len) = parse_header(&h)?;
            if input.len() < HEADER + len {
                break;
            }
            if !on_frame(ty, &input[HEADER..HEADER + len]) {
                return Ok(());
            }
            input = &input[HEADER + len..];
        }
        if !input.is_empty() {
            if input.len() < HEADER {
                self.partial.reserve_exact(HEADER);
            } else {
                // The header was checked above; reserve the whole frame once.
                let mut h = [0u8; HEADER];
                h.copy_from_slice(&input[..HEADER]);
                let (_, len) = parse_header(&h)?;
                self.partial.reserve_exact(HEADER + len);
            }
            self.partial.extend_from_slice(input);
        }
        Ok(())
    }

    fn release(&mut self) {
        self.partial = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8], chunk: usize) -> Result<Vec<(u8, Vec<u8>)>, WireError> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        for c in bytes.chunks(chunk.max(1)) {
            d.feed(c, &mut |t, b| {
                out.push((t, b.to_vec()));
                true
            })?;
        }
        Ok(out)
    }

    #[test]
    fn round_trips_every_frame() {
        let origin: SocketAddr = "[2001:db8::7]:4000".parse().unwrap();
        let all: Vec<Arc<[u8]>> = vec![
            hello(false, 4, Plane::Rooted, 10_000, b"caller"),
            hello(true, 1, Plane::Peer, 300, &[]),
            accept(10_000, b"callee"),
            reject(10061),
            data(b"payload"),
            data(&[]),
            relay(origin, b"x"),
            relay("10.0.0.1:9".parse().unwrap(), &[7u8; 100]),
            heartbeat(),
            leave(reason::EVICTED),
        ];
        let stream: Vec<u8> = all.iter().flat_map(|f| f.iter().copied()).collect();
        for chunk in [1, 3, 8, 13, 1000, stream.len()] {
            let got = frames(&stream, chunk).unwrap();
            assert_eq!(got.len(), all.len());
            for (t, b) in &got {
                parse(*t, b).unwrap();
            }
        }
        let got = frames(&stream, 5).unwrap();
        assert_eq!(
            parse(got[0].0, &got[0].1).unwrap(),
            Msg::HelloJoin(Hello {
                jl: 4,
                plane: 0,
                hb_ms: 10_000,
                data: b"caller"
            })
        );
        assert_eq!(
            parse(got[6].0, &got[6].1).unwrap(),
            Msg::Relay {
                origin,
                payload: b"x"
            }
        );
    }

    #[test]
    fn rejects_bad_frames() {
        assert_eq!(
            frames(&header(kind::DATA, MAX_BODY + 1), 8).unwrap_err(),
            WireError::TooLong(MAX_BODY as u32 + 1)
        );
        let mut h = header(kind::DATA, 0);
        h[6] = 1;
        assert_eq!(frames(&h, 8).unwrap_err(), WireError::BadHeader);
        assert_eq!(parse(0x7f, &[]).unwrap_err(), WireError::UnknownType(0x7f));
        assert_eq!(
            parse(kind::HELLO_JOIN, b"GET / HTTP/1.1\r\n").unwrap_err(),
            WireError::BadMagic
        );
        let mut v2 = hello(false, 4, Plane::Rooted, 1000, &[]).to_vec();
        v2[HEADER + 4] = 2;
        assert_eq!(
            parse(kind::HELLO_JOIN, &v2[HEADER..]).unwrap_err(),
            WireError::Version(2)
        );
        assert!(parse(kind::DATA, &vec![0; MAX_MESSAGE + 1]).is_err());
        assert!(parse(kind::LEAVE, &[0; 3]).is_err());
        assert!(parse(kind::RELAY, &[5, 0, 0]).is_err());
        // The largest legal frame fits.
        let big = relay("[::1]:1".parse().unwrap(), &vec![1; MAX_MESSAGE]);
        assert!(big.len() <= HEADER + MAX_BODY);
        assert_eq!(frames(&big, 4096).unwrap().len(), 1);
    }

    #[test]
    fn releases_large_partial_buffers() {
        let f = data(&vec![3; 60_000]);
        let mut d = Decoder::default();
        let mut n = 0;
        d.feed(&f[..30_000], &mut |_, _| true).unwrap();
        assert_eq!(d.pending(), 30_000);
        d.feed(&f[30_000..], &mut |_, _| {
            n += 1;
            true
        })
        .unwrap();
        assert_eq!(n, 1);
        assert_eq!(d.partial.capacity(), 0);
    }
}
