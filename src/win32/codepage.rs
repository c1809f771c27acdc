//! `MultiByteToWideChar` / `WideCharToMultiByte`: conversions between the program's `char`
//! strings and 16-bit `WCHAR` strings. The ANSI and OEM code pages are UTF-8 here (the Linux and
//! macOS locale), so `CP_ACP`, `CP_OEMCP`, `CP_THREAD_ACP` and `CP_UTF8` all convert UTF-8;
//! `CP_US_ASCII` (20127) and Latin-1 (28591) are converted too.

use super::codes::ERROR_INVALID_PARAMETER;

pub(crate) const CP_ACP: u32 = 0;
pub(crate) const CP_OEMCP: u32 = 1;
pub(crate) const CP_MACCP: u32 = 2;
pub(crate) const CP_THREAD_ACP: u32 = 3;
pub(crate) const CP_UTF8: u32 = 65001;
pub(crate) const CP_US_ASCII: u32 = 20127;
pub(crate) const CP_LATIN1: u32 = 28591;
/// `MB_ERR_INVALID_CHARS`: fail on a byte sequence that is not valid in the code page.
pub(crate) const MB_ERR_INVALID_CHARS: u32 = 0x08;
/// `WC_ERR_INVALID_CHARS`: fail on an unpaired surrogate (UTF-8 only).
pub(crate) const WC_ERR_INVALID_CHARS: u32 = 0x80;
/// `ERROR_NO_UNICODE_TRANSLATION`.
pub(crate) const ERROR_NO_UNICODE_TRANSLATION: u32 = 1113;

/// How a code page is converted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Page {
    Utf8,
    Ascii,
    Latin1,
}

/// The conversion for `code_page`; `ERROR_INVALID_PARAMETER` for one ws2mp does not convert.
pub(crate) fn page(code_page: u32) -> Result<Page, u32> {
    match code_page {
        CP_ACP | CP_OEMCP | CP_MACCP | CP_THREAD_ACP | CP_UTF8 => Ok(Page::Utf8),
        CP_US_ASCII => Ok(Page::Ascii),
        CP_LATIN1 | 1252 => Ok(Page::Latin1),
        _ => Err(ERROR_INVALID_PARAMETER),
    }
}

/// `bytes` as UTF-16 units. Invalid sequences become U+FFFD (ASCII: '?'), or fail with
/// `ERROR_NO_UNICODE_TRANSLATION` when `strict`.
pub(crate) fn to_wide(page: Page, bytes: &[u8], strict: bool) -> Result<Vec<u16>, u32> {
    match page {
        Page::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.encode_utf16().collect()),
            Err(_) if strict => Err(ERROR_NO_UNICODE_TRANSLATION),
            Err(_) => Ok(String::from_utf8_lossy(bytes).encode_utf16().collect()),
        },
        Page::Ascii => bytes
            .iter()
            .map(|&b| match b {
                0..=0x7f => Ok(u16::from(b)),
                _ if strict => Err(ERROR_NO_UNICODE_TRANSLATION),
                _ => Ok(u16::from(b'?')),
            })
            .collect(),
        Page::Latin1 => Ok(bytes.iter().map(|&b| u16::from(b)).collect()),
    }
}

/// `wide` in the code page, and whether a default character replaced something that the
/// code page cannot hold (an unpaired surrogate becomes U+FFFD in UTF-8; a character outside
/// ASCII or Latin-1 becomes `default`). Fails with `ERROR_NO_UNICODE_TRANSLATION` on an
/// unpaired surrogate when `strict`.
pub(crate) fn from_wide(
    page: Page,
    wide: &[u16],
    strict: bool,
    default: u8,
) -> Result<(Vec<u8>, bool), u32> {
    let mut out = Vec::with_capacity(wide.len());
    let mut used_default = false;
    for c in char::decode_utf16(wide.iter().copied()) {
        let c = match c {
            Ok(c) => c,
            Err(_) if strict => return Err(ERROR_NO_UNICODE_TRANSLATION),
            Err(_) => char::REPLACEMENT_CHARACTER,
        };
        let limit = match page {
            Page::Utf8 => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                continue;
            }
            Page::Ascii => 0x7f,
            Page::Latin1 => 0xff,
        };
        if u32::from(c) <= limit {
            out.push(u32::from(c) as u8);
        } else {
            out.push(default);
            used_default = true;
        }
    }
    Ok((out, used_default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_round_trips_through_utf16() {
        let text = "Grüße, 世界 🌍";
        let wide = to_wide(Page::Utf8, text.as_bytes(), true).unwrap();
        assert_eq!(wide.len(), 12); // the globe is a surrogate pair
        let (back, used) = from_wide(Page::Utf8, &wide, true, b'?').unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(!used);
    }

    #[test]
    fn invalid_input_is_replaced_or_refused() {
        assert_eq!(
            to_wide(Page::Utf8, b"a\xffb", false).unwrap(),
            vec![0x61, 0xfffd, 0x62]
        );
        assert_eq!(
            to_wide(Page::Utf8, b"a\xffb", true),
            Err(ERROR_NO_UNICODE_TRANSLATION)
        );
        let lone = [0x61, 0xd800, 0x62];
        assert_eq!(
            from_wide(Page::Utf8, &lone, true, b'?'),
            Err(ERROR_NO_UNICODE_TRANSLATION)
        );
        assert_eq!(
            from_wide(Page::Ascii, &[0x61, 0xe9], false, b'?').unwrap(),
            (b"a?".to_vec(), true)
        );
        assert_eq!(
            from_wide(Page::Latin1, &[0x61, 0xe9], false, b'?').unwrap(),
            (vec![0x61, 0xe9], false)
        );
        assert_eq!(page(437), Err(ERROR_INVALID_PARAMETER));
    }
}
