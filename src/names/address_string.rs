//! Text forms of IP addresses the Windows way: the strict forms of `inet_pton`/`InetPton`, the
//! lenient IPv4 forms and `addr:port` / `[addr%scope]:port` of `WSAStringToAddress`, and the
//! output of `inet_ntop` / `WSAAddressToString`.

/// The outcome of a strict parse (`inet_pton`): Windows writes an address it could read even
/// when text follows it, and still reports failure.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed<T> {
    /// The whole text is one address.
    Whole(T),
    /// An address was read, then other text followed (the address is still stored).
    Prefix(T),
    /// Not an address; nothing is stored.
    Invalid,
}

fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}

/// Strict dotted-quad IPv4: four decimal parts of at most 255 with no leading zeros. Returns
/// the address and how many bytes it took.
fn ipv4_strict_prefix(s: &[u8]) -> Option<([u8; 4], usize)> {
    let mut out = [0u8; 4];
    let mut i = 0;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if s.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let start = i;
        let mut v: u32 = 0;
        while i < s.len() && is_digit(s[i]) {
            if i > start && s[start] == b'0' {
                return None; // a leading zero
            }
            v = v * 10 + u32::from(s[i] - b'0');
            if v > 255 {
                return None;
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        if s[start] == b'0' && matches!(s.get(i), Some(b'x' | b'X')) {
            return None; // hexadecimal is not a strict form
        }
        *slot = v as u8;
    }
    Some((out, i))
}

/// `inet_pton(AF_INET)`'s reading of `s`.
pub fn ipv4_strict(s: &[u8]) -> Parsed<[u8; 4]> {
    match ipv4_strict_prefix(s) {
        Some((a, n)) if n == s.len() => Parsed::Whole(a),
        // A fifth part makes the text no address at all.
        Some((_, n)) if s[n] == b'.' => Parsed::Invalid,
        Some((a, _)) => Parsed::Prefix(a),
        None => Parsed::Invalid,
    }
}

/// The dotted quad embedded at the end of an IPv6 address: four decimal parts of at most 255,
/// each of one to three digits (leading zeros allowed).
fn embedded_ipv4(s: &[u8]) -> Option<([u8; 4], usize)> {
    let mut out = [0u8; 4];
    let mut i = 0;
    for (n, slot) in out.iter_mut().enumerate() {
        if n > 0 {
            if s.get(i) != Some(&b'.') {
                return None;
            }
            i += 1;
        }
        let start = i;
        let mut v: u32 = 0;
        while i < s.len() && is_digit(s[i]) && i - start < 4 {
            v = v * 10 + u32::from(s[i] - b'0');
            i += 1;
        }
        if i == start || i - start > 3 || v > 255 {
            return None;
        }
        *slot = v as u8;
    }
    Some((out, i))
}

/// Reads an IPv6 address at the start of `s`: returns it and the bytes it took. Windows'
/// rules: groups of one to four hex digits, one `::`, an optional dotted quad at the end, and
/// (as Windows does) at most six groups after a leading `::`.
pub fn ipv6_prefix(s: &[u8]) -> Option<([u8; 16], usize)> {
    let mut before: Vec<u16> = Vec::new();
    let mut after: Vec<u16> = Vec::new();
    let mut compressed = false;
    let mut leading = false;
    let mut i = 0;
    if s.starts_with(b"::") {
        compressed = true;
        leading = true;
        i = 2;
    } else if s.first() == Some(&b':') {
        return None;
    }
    let mut need_group = !compressed;
    loop {
        let groups = if compressed { &mut after } else { &mut before };
        let start = i;
        let mut j = i;
        while j < s.len() && s[j].is_ascii_hexdigit() {
            j += 1;
        }
        if j == start {
            if need_group {
                return None;
            }
            break;
        }
        if s.get(j) == Some(&b'.') {
            let (v4, n) = embedded_ipv4(&s[start..])?;
            groups.push(u16::from_be_bytes([v4[0], v4[1]]));
            groups.push(u16::from_be_bytes([v4[2], v4[3]]));
            i = start + n;
            break;
        }
        if j - start > 4 {
            return None;
        }
        let text = std::str::from_utf8(&s[start..j]).ok()?;
        groups.push(u16::from_str_radix(text, 16).ok()?);
        i = j;
        if s.get(i) != Some(&b':') {
            break;
        }
        if s.get(i + 1) == Some(&b':') {
            if compressed {
                return None;
            }
            compressed = true;
            i += 2;
            need_group = false;
        } else {
            i += 1;
            need_group = true;
        }
    }
    let n = before.len() + after.len();
    let fits = if !compressed {
        n == 8
    } else if leading {
        n <= 6
    } else {
        n <= 7
    };
    if !fits {
        return None;
    }
    let mut words = [0u16; 8];
    words[..before.len()].copy_from_slice(&before);
    words[8 - after.len()..].copy_from_slice(&after);
    let mut out = [0u8; 16];
    for (k, w) in words.iter().enumerate() {
        out[2 * k..2 * k + 2].copy_from_slice(&w.to_be_bytes());
    }
    Some((out, i))
}

/// `inet_pton(AF_INET6)`'s reading of `s` (nothing is stored unless the whole text is read).
pub fn ipv6_strict(s: &[u8]) -> Option<[u8; 16]> {
    match ipv6_prefix(s) {
        Some((a, n)) if n == s.len() => Some(a),
        _ => None,
    }
}

/// One number of the lenient IPv4 forms: `0x` hex, a leading `0` octal, or decimal, with
/// 32-bit wrap-around as Windows has it. None when the syntax is wrong (`0x` without digits,
/// 8 or 9 right after an octal `0`).
fn lenient_number(s: &[u8]) -> Option<(u32, usize)> {
    let (radix, mut i) = match s {
        [b'0', b'x' | b'X', ..] => (16, 2),
        [b'0', ..] => (8, 1),
        [c, ..] if is_digit(*c) => (10, 0),
        _ => return None,
    };
    let start = i;
    let mut v: u32 = 0;
    while let Some(&c) = s.get(i) {
        let d = match (c as char).to_digit(if radix == 8 { 10 } else { radix }) {
            Some(d) => d,
            None => break,
        };
        if radix == 8 && d >= 8 {
            // Windows refuses 8 or 9 right after the octal prefix ("08") and ends the
            // number at one later on ("008" is 0 followed by other text).
            if i == start {
                return None;
            }
            break;
        }
        v = v.wrapping_mul(radix).wrapping_add(d);
        i += 1;
    }
    if radix == 16 && i == start {
        return None;
    }
    Some((v, i))
}

/// `WSAStringToAddress(AF_INET)`'s address part: one to four numbers (`a`, `a.b`, `a.b.c`,
/// `a.b.c.d`, the last filling the remaining bytes). Returns the address (host order) and the
/// bytes it took, or None.
fn ipv4_lenient_prefix(s: &[u8]) -> Option<(u32, usize)> {
    let mut parts: Vec<u32> = Vec::new();
    let mut i = 0;
    loop {
        let (v, n) = lenient_number(&s[i..])?;
        parts.push(v);
        i += n;
        if s.get(i) != Some(&b'.') {
            break;
        }
        if parts.len() == 4 {
            return None;
        }
        i += 1;
    }
    let (last, head) = parts.split_last()?;
    if head.iter().any(|&p| p > 255) {
        return None;
    }
    let limit: u64 = match head.len() {
        0 => u64::from(u32::MAX),
        1 => 0xff_ffff,
        2 => 0xffff,
        _ => 0xff,
    };
    if u64::from(*last) > limit {
        return None;
    }
    let mut addr: u32 = 0;
    for (k, p) in head.iter().enumerate() {
        addr |= p << (24 - 8 * k);
    }
    Some((addr | last, i))
}

/// The whole of `s` as one of the lenient IPv4 forms `inet_addr` accepts (`1.2.3`,
/// `0x7f.1`, ...), as a host-order value.
pub fn ipv4_lenient(s: &[u8]) -> Option<u32> {
    match ipv4_lenient_prefix(s) {
        Some((v, n)) if n == s.len() => Some(v),
        _ => None,
    }
}

/// `inet_addr`'s reading of `s` (network-order value), Windows' rules: the lenient forms, then
/// the end of the text or white space (anything may follow it); a lone space is 0.0.0.0.
pub fn inet_addr(s: &[u8]) -> Option<u32> {
    if s == b" " {
        return Some(0);
    }
    let (v, n) = ipv4_lenient_prefix(s)?;
    match s.get(n) {
        None => Some(v.to_be()),
        Some(b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') => Some(v.to_be()),
        Some(_) => None,
    }
}

/// A port after `:` in `WSAStringToAddress`: the same number forms, 1 to 65535, and nothing
/// after it.
fn port(s: &[u8]) -> Option<u16> {
    let (v, n) = lenient_number(s)?;
    if n != s.len() || v == 0 || v > 0xffff {
        return None;
    }
    Some(v as u16)
}

/// What `WSAStringToAddress` read: the address, port (host order) and scope, or a failure
/// that may still carry the address part (Windows stores it with family 0).
#[derive(Debug, PartialEq, Eq)]
pub enum StringAddress {
    V4 {
        addr: [u8; 4],
        port: u16,
    },
    V6 {
        addr: [u8; 16],
        port: u16,
        scope: u32,
    },
}

/// `WSAStringToAddress(AF_INET)`: Ok, or Err carrying the address part when it was readable.
pub fn parse_v4_with_port(s: &[u8]) -> Result<StringAddress, Option<[u8; 4]>> {
    let (addr, n) = ipv4_lenient_prefix(s).ok_or(None)?;
    let bytes = addr.to_be_bytes();
    let rest = &s[n..];
    let port = match rest {
        [] => 0,
        [b':', p @ ..] => port(p).ok_or(Some(bytes))?,
        _ => return Err(Some(bytes)),
    };
    Ok(StringAddress::V4 { addr: bytes, port })
}

/// `WSAStringToAddress(AF_INET6)`: `addr`, `addr%scope`, `[addr]`, `[addr%scope]:port`.
pub fn parse_v6_with_port(s: &[u8]) -> Result<StringAddress, Option<[u8; 16]>> {
    let (bracketed, body) = match s {
        [b'[', rest @ ..] => (true, rest),
        _ => (false, s),
    };
    let (addr, n) = ipv6_prefix(body).ok_or(None)?;
    let mut rest = &body[n..];
    let mut scope = 0u32;
    if let [b'%', tail @ ..] = rest {
        let digits = tail.iter().take_while(|c| is_digit(**c)).count();
        if digits == 0 {
            return Err(Some(addr));
        }
        let text = std::str::from_utf8(&tail[..digits]).map_err(|_| Some(addr))?;
        scope = text.parse().map_err(|_| Some(addr))?;
        rest = &tail[digits..];
    }
    let mut port_value = 0;
    if bracketed {
        rest = match rest {
            [b']', tail @ ..] => tail,
            _ => return Err(Some(addr)),
        };
        match rest {
            [] => {}
            [b':', p @ ..] => port_value = port(p).ok_or(Some(addr))?,
            _ => return Err(Some(addr)),
        }
    } else if !rest.is_empty() {
        return Err(Some(addr));
    }
    Ok(StringAddress::V6 {
        addr,
        port: port_value,
        scope,
    })
}

/// An IPv4 address as `a.b.c.d`.
pub fn format_v4(a: [u8; 4]) -> String {
    format!("{}.{}.{}.{}", a[0], a[1], a[2], a[3])
}

/// An IPv6 address as Windows writes it: lowercase hex, the longest run of two or more zero
/// groups as `::`, and the last 32 bits as a dotted quad for IPv4-compatible, -mapped,
/// -translated and ISATAP addresses.
pub fn format_v6(a: [u8; 16]) -> String {
    let w: Vec<u16> = (0..8)
        .map(|k| u16::from_be_bytes([a[2 * k], a[2 * k + 1]]))
        .collect();
    let v4 = format_v4([a[12], a[13], a[14], a[15]]);
    let zero = |r: std::ops::Range<usize>| w[r].iter().all(|&x| x == 0);
    if zero(0..6) && w[6] != 0 {
        return format!("::{v4}");
    }
    if zero(0..5) && w[5] == 0xffff {
        return format!("::ffff:{v4}");
    }
    if zero(0..4) && w[4] == 0xffff && w[5] == 0 {
        return format!("::ffff:0:{v4}");
    }
    // The longest run of zero groups (the first one on a tie), if two or more long.
    let (mut best, mut best_len) = (0, 0);
    let mut k = 0;
    while k < 8 {
        if w[k] == 0 {
            let start = k;
            while k < 8 && w[k] == 0 {
                k += 1;
            }
            if k - start > best_len {
                best = start;
                best_len = k - start;
            }
        } else {
            k += 1;
        }
    }
    let isatap = (w[4] == 0 || w[4] == 0x200) && w[5] == 0x5efe;
    let groups = if isatap { 6 } else { 8 };
    let hex = |r: std::ops::Range<usize>| {
        w[r].iter()
            .map(|x| format!("{x:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    let mut out = if best_len >= 2 && best + best_len <= groups {
        format!("{}::{}", hex(0..best), hex(best + best_len..groups))
    } else {
        hex(0..groups)
    };
    if isatap {
        if !out.ends_with(':') {
            out.push(':');
        }
        out.push_str(&v4);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v6(s: &str) -> Option<[u8; 16]> {
        ipv6_strict(s.as_bytes())
    }

    #[test]
    fn strict_ipv4() {
        assert_eq!(ipv4_strict(b"1.2.3.4"), Parsed::Whole([1, 2, 3, 4]));
        assert_eq!(ipv4_strict(b"1.2.3"), Parsed::Invalid);
        assert_eq!(ipv4_strict(b"1.1.1.010"), Parsed::Invalid);
        assert_eq!(ipv4_strict(b"1.1.1.0x"), Parsed::Invalid);
        assert_eq!(ipv4_strict(b"1.1.1.0a"), Parsed::Prefix([1, 1, 1, 0]));
        assert_eq!(ipv4_strict(b"3.4.5.6 "), Parsed::Prefix([3, 4, 5, 6]));
        assert_eq!(ipv4_strict(b"3.4.5.6.7"), Parsed::Invalid);
        assert_eq!(ipv4_strict(b"127.127.127.256"), Parsed::Invalid);
        assert_eq!(ipv4_strict(b""), Parsed::Invalid);
    }

    #[test]
    fn strict_ipv6() {
        assert!(v6("::").is_some());
        assert!(v6("::1").is_some());
        assert!(v6("0:0:0:0:0:0:0::").is_some());
        assert!(v6("::0:0:0:0:0:0:0").is_none());
        assert!(v6("1111:2222:3333:4444:5555:6666::7777:8888").is_none());
        assert!(v6("1::001.2.3.4").is_some());
        assert!(v6("1::0001.2.3.4").is_none());
        assert!(v6("1111:2222:3333:4444:5555:6666:123.123.123.123").is_some());
        assert!(v6("1111:2222:1.2.3.4").is_none());
        assert!(v6("::%16").is_none());
        assert!(v6("1.2.3.4").is_none());
        assert!(v6("12345::6:7:8").is_none());
        assert!(v6("1111:2222:").is_none());
        assert!(v6("1::2::3").is_none());
        assert!(v6("[::]").is_none());
        let a = v6("2001:db8:85a3::8a2e:370:7334").unwrap();
        assert_eq!(format_v6(a), "2001:db8:85a3::8a2e:370:7334");
    }

    #[test]
    fn lenient_ipv4_and_ports() {
        let v4 = |s: &str| parse_v4_with_port(s.as_bytes());
        assert_eq!(
            v4("1.2.3"),
            Ok(StringAddress::V4 {
                addr: [1, 2, 0, 3],
                port: 0
            })
        );
        assert_eq!(
            v4("0x00010203:10"),
            Ok(StringAddress::V4 {
                addr: [0, 1, 2, 3],
                port: 10
            })
        );
        assert_eq!(
            v4("017700000001"),
            Ok(StringAddress::V4 {
                addr: [127, 0, 0, 1],
                port: 0
            })
        );
        assert_eq!(
            v4("0x123456789"),
            Ok(StringAddress::V4 {
                addr: [0x23, 0x45, 0x67, 0x89],
                port: 0
            })
        );
        assert_eq!(
            v4("127.0.0.1:0xAbCd"),
            Ok(StringAddress::V4 {
                addr: [127, 0, 0, 1],
                port: 43981
            })
        );
        assert_eq!(v4("127.0.0.1:0"), Err(Some([127, 0, 0, 1])));
        assert_eq!(v4("127.0.0.1:65537"), Err(Some([127, 0, 0, 1])));
        assert_eq!(v4("2001::1"), Err(Some([0, 0, 7, 0xd1])));
        assert_eq!(
            v4("1.1.1.010"),
            Ok(StringAddress::V4 {
                addr: [1, 1, 1, 8],
                port: 0
            })
        );
        assert_eq!(v4("1.1.1.08"), Err(None));
        assert_eq!(v4("1.1.1.008"), Err(Some([1, 1, 1, 0])));
        assert_eq!(v4("1.2."), Err(None));
        assert_eq!(v4("3.4.5.6.7"), Err(None));
        assert_eq!(v4("1000.2000"), Err(None));
        assert_eq!(v4(""), Err(None));
        let six = |s: &str| parse_v6_with_port(s.as_bytes());
        assert!(matches!(
            six("[::1]:65535"),
            Ok(StringAddress::V6 { port: 65535, .. })
        ));
        assert!(matches!(
            six("fe80::1%4"),
            Ok(StringAddress::V6 { scope: 4, .. })
        ));
        assert!(matches!(six("::1]:65535"), Err(Some(_))));
        assert!(six("").is_err());
    }

    #[test]
    fn inet_addr_forms() {
        let a = |s: &str| inet_addr(s.as_bytes()).map(u32::from_be);
        assert_eq!(a("1.2.3.4"), Some(0x0102_0304));
        assert_eq!(a("1 2 3 4"), Some(1));
        assert_eq!(a("1.2.3 .4"), Some(0x0102_0003));
        assert_eq!(a(" "), Some(0));
        assert_eq!(a("  "), None);
        assert_eq!(a(" 3.4.5.6"), None);
        assert_eq!(a("127.0.0.1:80"), None);
        assert_eq!(a("1.2.3.0a"), None);
        assert_eq!(a("0x2134"), Some(0x2134));
        assert_eq!(a("3.4.5.6.7"), None);
        assert_eq!(a(""), None);
    }

    #[test]
    fn formats() {
        assert_eq!(format_v4([21, 16, 32, 32]), "21.16.32.32");
        let mut a = [0u8; 16];
        a[10] = 0xff;
        a[11] = 0xfe;
        a[12..].copy_from_slice(&[0xcc, 0x98, 0xbd, 0x74]);
        assert_eq!(format_v6(a), "::fffe:cc98:bd74");
        a[10] = 0;
        a[11] = 0;
        assert_eq!(format_v6(a), "::204.152.189.116");
        let mut b = [0u8; 16];
        b[..4].copy_from_slice(&[0x20, 0x30, 0xa4, 0xb1]);
        assert_eq!(format_v6(b), "2030:a4b1::");
        let mut c = [0u8; 16];
        c[15] = 1;
        assert_eq!(format_v6(c), "::1");
        assert_eq!(format_v6([0; 16]), "::");
        let d = v6("1:0:2:3:4:5:6:7").unwrap();
        assert_eq!(format_v6(d), "1:0:2:3:4:5:6:7");
    }
}
