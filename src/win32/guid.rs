//! GUIDs (UUIDs) as `CoCreateGuid`, `UuidCreate` and `UuidCreateSequential` make them, and
//! their text form as `UuidToString` / `UuidFromString` spell it: 36 characters
//! `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, no braces.

use parking_lot::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Windows' `GUID` / `UUID`: 16 bytes, the first three fields in the machine's byte order.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Guid {
    pub data1: u32,
    pub data2: u16,
    pub data3: u16,
    pub data4: [u8; 8],
}

impl Guid {
    /// The GUID whose memory holds these 16 bytes.
    pub fn from_bytes(b: [u8; 16]) -> Guid {
        Guid {
            data1: u32::from_ne_bytes([b[0], b[1], b[2], b[3]]),
            data2: u16::from_ne_bytes([b[4], b[5]]),
            data3: u16::from_ne_bytes([b[6], b[7]]),
            data4: [b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]],
        }
    }

    /// The GUID's 16 bytes as they lie in memory.
    pub fn to_bytes(self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&self.data1.to_ne_bytes());
        b[4..6].copy_from_slice(&self.data2.to_ne_bytes());
        b[6..8].copy_from_slice(&self.data3.to_ne_bytes());
        b[8..].copy_from_slice(&self.data4);
        b
    }

    /// Marks `version` and the RFC 4122 variant (`10xx` in the top bits of `data4[0]`).
    fn stamped(mut self, version: u16) -> Guid {
        self.data3 = (self.data3 & 0x0FFF) | (version << 12);
        self.data4[0] = (self.data4[0] & 0x3F) | 0x80;
        self
    }

    /// A GUID that stands for `name` and only for it (the same in every process and run): a
    /// version 8 (vendor-defined) UUID of two 64-bit FNV-1a hashes of the name.
    pub fn named(name: &str) -> Guid {
        let fnv = |basis: u64| {
            name.bytes().fold(basis, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
            })
        };
        let (a, b) = (fnv(0xCBF2_9CE4_8422_2325), fnv(0x6C62_272E_07BB_0142));
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_be_bytes());
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        Guid::from_bytes(bytes).stamped(8)
    }

    /// The lower-case text form, 36 characters.
    pub fn to_text(self) -> String {
        let d = &self.data4;
        format!(
            "{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
            self.data1, self.data2, self.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    }

    /// Reads the text form (either case); None unless it is exactly that.
    pub fn parse(text: &[u8]) -> Option<Guid> {
        if text.len() != 36 || [8, 13, 18, 23].iter().any(|&i| text[i] != b'-') {
            return None;
        }
        let hex = |from: usize, to: usize| -> Option<u64> {
            let s = std::str::from_utf8(&text[from..to]).ok()?;
            if !s.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            u64::from_str_radix(s, 16).ok()
        };
        let node = hex(24, 36)?.to_be_bytes();
        let seq = hex(19, 23)? as u16;
        let mut data4 = [0u8; 8];
        data4[..2].copy_from_slice(&seq.to_be_bytes());
        data4[2..].copy_from_slice(&node[2..]);
        Some(Guid {
            data1: hex(0, 8)? as u32,
            data2: hex(9, 13)? as u16,
            data3: hex(14, 18)? as u16,
            data4,
        })
    }
}

/// A random (version 4) GUID. Err: the errno of the system's generator.
pub fn random() -> Result<Guid, i32> {
    let mut b = [0u8; 16];
    crate::sys::random::fill(&mut b)?;
    Ok(Guid::from_bytes(b).stamped(4))
}

/// 100-ns intervals from the start of the Gregorian calendar (1582-10-15) to 1970-01-01.
const GREGORIAN_TO_UNIX: u64 = 0x01B2_1DD2_1381_4000;

/// The node and clock sequence of this process's time-based GUIDs (random: no network card's
/// address is used), and the last timestamp handed out.
struct Clock {
    node: [u8; 6],
    sequence: u16,
    last: u64,
}

static CLOCK: Mutex<Option<Clock>> = Mutex::new(None);

/// A time-based (version 1) GUID, later ones greater in their timestamp: the current time in
/// 100-ns units, a random clock sequence and a random node with the multicast bit set (RFC
/// 4122's mark of a node that is no network address; Windows then reports
/// `RPC_S_UUID_LOCAL_ONLY`). Err: the errno of the system's generator.
pub fn sequential() -> Result<Guid, i32> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_nanos() / 100) as u64)
        + GREGORIAN_TO_UNIX;
    let mut clock = CLOCK.lock();
    if clock.is_none() {
        let mut seed = [0u8; 8];
        crate::sys::random::fill(&mut seed)?;
        *clock = Some(Clock {
            node: [seed[0] | 0x01, seed[1], seed[2], seed[3], seed[4], seed[5]],
            sequence: u16::from_ne_bytes([seed[6], seed[7]]) & 0x3FFF,
            last: 0,
        });
    }
    let c = clock.as_mut().expect("set above");
    c.last = now.max(c.last + 1);
    let t = c.last;
    let mut data4 = [0u8; 8];
    data4[..2].copy_from_slice(&c.sequence.to_be_bytes());
    data4[2..].copy_from_slice(&c.node);
    Ok(Guid {
        data1: t as u32,
        data2: (t >> 32) as u16,
        data3: (t >> 48) as u16,
        data4,
    }
    .stamped(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_guids_are_version_4_and_differ() {
        let (a, b) = (random().unwrap(), random().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.data3 >> 12, 4);
        assert_eq!(a.data4[0] & 0xC0, 0x80);
    }

    #[test]
    fn sequential_guids_grow() {
        let a = sequential().unwrap();
        let b = sequential().unwrap();
        let stamp = |g: Guid| {
            (u64::from(g.data3 & 0x0FFF) << 48) | (u64::from(g.data2) << 32) | u64::from(g.data1)
        };
        assert!(stamp(b) > stamp(a));
        assert_eq!(a.data3 >> 12, 1);
        assert_eq!(a.data4[2..], b.data4[2..], "one node");
        assert_eq!(a.data4[2] & 1, 1, "multicast bit");
    }

    #[test]
    fn text_round_trips() {
        let g = Guid {
            data1: 0x6B29FC40,
            data2: 0xCA47,
            data3: 0x1067,
            data4: [0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA],
        };
        assert_eq!(g.to_text(), "6b29fc40-ca47-1067-b31d-00dd010662da");
        assert_eq!(
            Guid::parse(b"6B29FC40-CA47-1067-B31D-00DD010662DA"),
            Some(g)
        );
        assert_eq!(Guid::from_bytes(g.to_bytes()), g);
        for bad in [
            &b"{6b29fc40-ca47-1067-b31d-00dd010662da}"[..],
            b"6b29fc40-ca47-1067-b31d-00dd010662d",
            b"6b29fc40+ca47-1067-b31d-00dd010662da",
            b"6b29fc4g-ca47-1067-b31d-00dd010662da",
            b"+b29fc40-ca47-1067-b31d-00dd010662da",
        ] {
            assert_eq!(Guid::parse(bad), None);
        }
    }
}
