//! Property test of the rooted protocol's frame decoder and per-link state machine
//! (docs/PROTOCOL.md §4, §5): at least 1,000,000 random and mutated frames, split at random
//! points, through `wire::Decoder` and `machine::Machine` in every state and role.
//!
//! Checked: nothing panics; no allocation the decoder or the machine makes is larger than one
//! maximal frame, and the heap they hold stays bounded; the decoder never holds more than one
//! frame; a DATA/RELAY is only ever delivered on a joined link, a join request only from
//! AWAIT_HELLO, an ACCEPT/REJECT only while awaiting the reply; after a violation the link is
//! dropped (a fresh one is used).
//!
//! A unit test (the codec's limits are crate-private, so that they stay out of ws2mp.h):
//! `cargo test --lib fuzz -- --nocapture`. `WS2MP_FUZZ_FRAMES=N` changes the number of frames;
//! `WS2MP_FUZZ_SEED=S` the seed.

use super::machine::{Event, Machine, Phase};
use super::wire::{self, Decoder, Plane, HEADER, MAX_BODY};
use crate::sys::counting_alloc::{COUNTING, LARGEST, LIVE, MEASURING};
use std::cell::Cell;
use std::net::SocketAddr;

fn live() -> isize {
    LIVE.with(Cell::get)
}

/// splitmix64: small, seedable, good enough to explore inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A payload length: mostly small, sometimes large, rarely at or just past the limits.
fn length(rng: &mut Rng, max: usize) -> usize {
    match rng.below(100) {
        0..=79 => rng.below(64) as usize,
        80..=96 => rng.below(4096) as usize,
        97 => max,
        98 => max + 1,
        _ => rng.below(max as u64 + 2) as usize,
    }
}

fn jl(rng: &mut Rng) -> u8 {
    [1u8, 2, 4, 0, 3, 7, 255][rng.below(7) as usize]
}

/// One frame: a valid encoding with random fields, or raw bytes.
fn frame(rng: &mut Rng) -> Vec<u8> {
    let data_len = |rng: &mut Rng| length(rng, wire::MAX_CONNECT_DATA);
    let hb = |rng: &mut Rng| [10_000u32, 300, 299, 600_000, 600_001, 0][rng.below(6) as usize];
    let plane = |rng: &mut Rng| {
        if rng.chance(50) {
            Plane::Rooted
        } else {
            Plane::Peer
        }
    };
    match rng.below(12) {
        0 => {
            let n = data_len(rng);
            let (j, p, h) = (jl(rng), plane(rng), hb(rng));
            wire::hello(false, j, p, h, &rng.bytes(n)).to_vec()
        }
        1 => {
            let n = data_len(rng);
            let (j, p, h) = (jl(rng), plane(rng), hb(rng));
            wire::hello(true, j, p, h, &rng.bytes(n)).to_vec()
        }
        2 => {
            let n = data_len(rng);
            let h = hb(rng);
            wire::accept(h, &rng.bytes(n)).to_vec()
        }
        3 => wire::reject(rng.next() as i32).to_vec(),
        4 | 5 => {
            let n = length(rng, wire::MAX_MESSAGE);
            wire::data(&rng.bytes(n)).to_vec()
        }
        6 => {
            let n = length(rng, wire::MAX_MESSAGE);
            let origin: SocketAddr = if rng.chance(50) {
                SocketAddr::from(([10, 0, 0, rng.next() as u8], rng.next() as u16))
            } else {
                SocketAddr::from((
                    [0xfe80, 0, 0, 0, 0, 0, 0, rng.next() as u16],
                    rng.next() as u16,
                ))
            };
            wire::relay(origin, &rng.bytes(n)).to_vec()
        }
        7 => wire::heartbeat().to_vec(),
        8 => wire::leave(rng.next() as u32).to_vec(),
        9 => {
            // A header with a random type and a small body.
            let n = rng.below(64) as usize;
            let mut v = wire::header(rng.next() as u8, n).to_vec();
            v.extend(rng.bytes(n));
            v
        }
        10 => {
            // A header announcing a huge body (nothing may be allocated for it).
            let mut v = wire::header(wire::kind::DATA, 0).to_vec();
            let len = (MAX_BODY as u32).saturating_add(1 + rng.below(u32::MAX as u64 / 2) as u32);
            v[0..4].copy_from_slice(&len.to_be_bytes());
            v
        }
        _ => {
            let n = rng.below(48) as usize;
            rng.bytes(n)
        }
    }
}

/// Random damage: bit flips, a changed byte, truncation, extension, a rewritten length.
fn mutate(rng: &mut Rng, f: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(3) {
        match rng.below(6) {
            0 if !f.is_empty() => {
                let i = rng.below(f.len() as u64) as usize;
                f[i] ^= 1 << rng.below(8);
            }
            1 if !f.is_empty() => {
                let i = rng.below(f.len() as u64) as usize;
                f[i] = rng.next() as u8;
            }
            2 => {
                let keep = rng.below(f.len() as u64 + 1) as usize;
                f.truncate(keep);
            }
            3 => {
                let n = rng.below(16) as usize;
                f.extend(rng.bytes(n));
            }
            4 if f.len() >= 4 => {
                let len = match rng.below(4) {
                    0 => 0,
                    1 => f.len() as u32,
                    2 => MAX_BODY as u32,
                    _ => rng.next() as u32,
                };
                f[0..4].copy_from_slice(&len.to_be_bytes());
            }
            _ => {
                if f.len() > HEADER {
                    f[4] = [0x01, 0x02, 0x03, 0x04, 0x10, 0x11, 0x20, 0x21][rng.below(8) as usize];
                }
            }
        }
    }
}

/// A frame that is valid for `m`'s state most of the time (so deep states are reached).
fn guided(rng: &mut Rng, m: &Machine) -> Vec<u8> {
    let n = length(rng, 2048).min(wire::MAX_MESSAGE);
    match m.phase {
        Phase::AwaitHello => {
            let j = [1u8, 2, 4][rng.below(3) as usize];
            let plane = if rng.chance(90) {
                m.plane
            } else if m.plane == Plane::Rooted {
                Plane::Peer
            } else {
                Plane::Rooted
            };
            let data = rng.bytes(n.min(wire::MAX_CONNECT_DATA));
            wire::hello(!m.at_root, j, plane, 10_000, &data).to_vec()
        }
        Phase::AwaitReply if rng.chance(85) => wire::accept(5_000, &rng.bytes(n.min(100))).to_vec(),
        Phase::AwaitReply => wire::reject(10061).to_vec(),
        Phase::Joined => match rng.below(20) {
            0 => wire::leave(0).to_vec(),
            1..=3 => wire::heartbeat().to_vec(),
            4..=6 if !m.at_root => {
                wire::relay(SocketAddr::from(([127, 0, 0, 1], 9)), &rng.bytes(n)).to_vec()
            }
            _ => wire::data(&rng.bytes(n)).to_vec(),
        },
        _ => frame(rng),
    }
}

fn fresh_machine(rng: &mut Rng) -> Machine {
    let plane = if rng.chance(50) {
        Plane::Rooted
    } else {
        Plane::Peer
    };
    let mut m = match rng.below(4) {
        0 => Machine::acceptor(true, plane),
        1 => Machine::acceptor(false, plane),
        2 => Machine::asker(true, plane, jl(rng)),
        _ => Machine::asker(false, plane, jl(rng)),
    };
    // Random local transitions, as the sessions make them.
    for _ in 0..rng.below(4) {
        match rng.below(4) {
            0 => m.connected(),
            1 => {
                m.admit();
            }
            2 if rng.chance(10) => m.closing(),
            _ => {}
        }
    }
    m
}

#[test]
fn random_and_mutated_frames_never_panic_or_grow() {
    COUNTING.with(|c| c.set(true));
    let frames: u64 = std::env::var("WS2MP_FUZZ_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("WS2MP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5753_4D50_0001);
    let mut rng = Rng(seed);
    let baseline = live();
    let mut decoder = Decoder::default();
    let mut machine = fresh_machine(&mut rng);
    let (mut delivered, mut violations, mut decode_errors, mut links) = (0u64, 0u64, 0u64, 1u64);
    let mut stream: Vec<u8> = Vec::with_capacity(2 * (HEADER + MAX_BODY));
    let mut sent = 0u64;
    while sent < frames {
        // A batch of frames, some damaged, sent as one byte stream split at random points.
        stream.clear();
        // Guidance: a copy of the machine predicts the state each next frame will meet.
        let mut sim = machine.clone();
        for _ in 0..1 + rng.below(8) {
            let mut f = if rng.chance(85) {
                guided(&mut rng, &sim)
            } else {
                frame(&mut rng)
            };
            if f.len() >= HEADER {
                let _ = sim.on_frame(f[4], &f[HEADER..]);
                sim.admit();
            }
            if rng.chance(8) {
                mutate(&mut rng, &mut f);
            }
            stream.extend_from_slice(&f);
            sent += 1;
        }
        let mut rest = &stream[..];
        let mut dropped = false;
        while !rest.is_empty() && !dropped {
            let cut = 1 + rng.below(rest.len() as u64) as usize;
            let (chunk, tail) = rest.split_at(cut);
            rest = tail;
            let mut violated = false;
            MEASURING.with(|m| m.set(true));
            let result = decoder.feed(chunk, &mut |ty, body| {
                assert!(body.len() <= MAX_BODY, "a body above the limit was framed");
                let phase = machine.phase;
                match machine.on_frame(ty, body) {
                    Ok(Event::Deliver { payload, .. }) => {
                        assert_eq!(phase, Phase::Joined, "delivered outside JOINED");
                        assert!(payload.len() <= wire::MAX_MESSAGE);
                        delivered += 1;
                    }
                    Ok(Event::Request { data, .. }) => {
                        assert_eq!(phase, Phase::AwaitHello, "a request outside AWAIT_HELLO");
                        assert!(data.len() <= wire::MAX_CONNECT_DATA);
                        assert_eq!(machine.phase, Phase::Pending);
                    }
                    Ok(Event::Accepted { data, .. }) => {
                        assert_eq!(phase, Phase::AwaitReply, "ACCEPT outside AWAIT_REPLY");
                        assert!(data.len() <= wire::MAX_CONNECT_DATA);
                        assert!(machine.is_joined());
                    }
                    Ok(Event::Rejected { .. }) => assert_eq!(phase, Phase::AwaitReply),
                    Ok(Event::Refuse { .. }) => assert_eq!(phase, Phase::AwaitHello),
                    Ok(Event::Left | Event::Heartbeat) => assert_eq!(phase, Phase::Joined),
                    Ok(Event::Ignored) => assert_eq!(phase, Phase::Closing),
                    Err(_) => {
                        violated = true;
                        return false;
                    }
                }
                // The sessions move PENDING links on (the program decides) now and then.
                if machine.phase == Phase::Pending && rng.chance(50) {
                    machine.admit();
                }
                true
            });
            MEASURING.with(|m| m.set(false));
            assert!(
                decoder.pending() <= HEADER + MAX_BODY,
                "the decoder holds more than one frame"
            );
            if result.is_err() {
                decode_errors += 1;
            }
            if violated || result.is_err() || machine.phase == Phase::Closed {
                violations += u64::from(violated);
                // The link is dropped: a new connection starts from scratch.
                dropped = true;
                decoder = Decoder::default();
                machine = fresh_machine(&mut rng);
                links += 1;
            }
        }
        let held = live() - baseline;
        assert!(
            held <= (4 * (HEADER + MAX_BODY) + (1 << 20)) as isize,
            "live heap grew to {held} bytes"
        );
    }
    let largest = LARGEST.with(Cell::get);
    assert!(
        largest <= HEADER + MAX_BODY,
        "an allocation of {largest} bytes (more than one frame)"
    );
    println!(
        "{sent} frames over {links} links: {delivered} delivered, {violations} violations, \
         {decode_errors} undecodable streams; largest allocation {largest} bytes"
    );
    assert!(sent >= frames && delivered > frames / 20 && violations > 1000 && links > 1000);
}
