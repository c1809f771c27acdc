//! The byte layout of the IP Helper API's MIB tables: a `DWORD dwNumEntries` followed by the
//! rows (`MIB_TCPTABLE`, `MIB_IFTABLE`, ...), each row written field by field in Windows'
//! order and sizes, so the Rust side needs no `#[repr(C)]` copy of every structure. Every
//! row of these tables is 4-aligned, so `table[0]` is at offset 4.

use super::codes::{ERROR_CAN_NOT_COMPLETE, ERROR_NOT_SUPPORTED};

/// One row (or one whole statistics structure) being written.
#[derive(Default)]
pub(crate) struct Row(pub(crate) Vec<u8>);

impl Row {
    pub(crate) fn dword(mut self, v: u32) -> Row {
        self.0.extend_from_slice(&v.to_ne_bytes());
        self
    }

    /// A counter that Windows keeps in 32 bits (it wraps, as Windows' do).
    pub(crate) fn counter(self, v: u64) -> Row {
        self.dword(v as u32)
    }

    /// A port as the MIB rows hold it: network byte order in the low 16 bits of a DWORD.
    pub(crate) fn port(self, p: u16) -> Row {
        self.dword(u32::from(p.to_be()))
    }

    /// An IPv4 address as an `IPAddr`/`DWORD` in network byte order.
    pub(crate) fn ipv4(mut self, octets: [u8; 4]) -> Row {
        self.0.extend_from_slice(&octets);
        self
    }

    pub(crate) fn bytes(mut self, b: &[u8]) -> Row {
        self.0.extend_from_slice(b);
        self
    }

    /// `b` in a fixed array of `len` bytes (cut, or padded with zeros).
    pub(crate) fn array(mut self, b: &[u8], len: usize) -> Row {
        let n = b.len().min(len);
        self.0.extend_from_slice(&b[..n]);
        self.0.resize(self.0.len() + len - n, 0);
        self
    }

    /// `s` in a fixed `WCHAR` array of `len` units, NUL-terminated (cut to fit).
    pub(crate) fn wide(mut self, s: &str, len: usize) -> Row {
        let units: Vec<u16> = s.encode_utf16().take(len - 1).collect();
        for u in &units {
            self.0.extend_from_slice(&u.to_ne_bytes());
        }
        self.0.resize(self.0.len() + 2 * (len - units.len()), 0);
        self
    }
}

/// A table: the count, then the rows, all of `row_size` bytes. The size asked of the caller
/// leaves room for one row when there are none, as `sizeof(MIB_..TABLE)` does.
pub(crate) fn table(rows: Vec<Row>, row_size: usize) -> Vec<u8> {
    let mut out = (rows.len() as u32).to_ne_bytes().to_vec();
    for r in &rows {
        debug_assert_eq!(r.0.len(), row_size, "a MIB row has its structure's size");
        out.extend_from_slice(&r.0);
    }
    out.resize(out.len().max(4 + row_size), 0);
    out
}

/// The Win32 error for a failed read of the system's tables.
pub(crate) fn error_of(errno: i32) -> u32 {
    if errno == libc::EOPNOTSUPP {
        ERROR_NOT_SUPPORTED
    } else {
        ERROR_CAN_NOT_COMPLETE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_windows_field_encodings() {
        let r = Row::default().port(80).ipv4([127, 0, 0, 1]).wide("lo", 4);
        assert_eq!(&r.0[..4], &u32::from(80u16.to_be()).to_ne_bytes());
        assert_eq!(&r.0[4..8], &[127, 0, 0, 1]);
        assert_eq!(r.0.len(), 16);
        assert_eq!(&r.0[8..10], &u16::from(b'l').to_ne_bytes());
        assert_eq!(&r.0[12..16], &[0, 0, 0, 0]);
    }

    #[test]
    fn an_empty_table_has_room_for_one_row() {
        let t = table(Vec::new(), 20);
        assert_eq!(t.len(), 24);
        assert_eq!(&t[..4], &[0, 0, 0, 0]);
    }
}
