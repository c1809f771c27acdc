//! `MultiByteToWideChar` / `WideCharToMultiByte`: conversions between the program's `char`
//! strings and 16-bit `WCHAR` strings. The ANSI and OEM code pages are UTF-8 here (the Linux and
//! macOS locale), so `CP_ACP`, `CP_OEMCP`, `CP_THREAD_ACP` and `CP_UTF8` all convert UTF-8;
//! `CP_US_ASCII` (20127), Latin-1 (28591) and Windows-1252 are converted too.

use super::codes::ERROR_INVALID_PARAMETER;

pub(crate) const CP_ACP: u32 = 0;
pub(crate) const CP_OEMCP: u32 = 1;
pub(crate) const CP_MACCP: u32 = 2;
pub(crate) const CP_THREAD_ACP: u32 = 3;
pub(crate) const CP_UTF8: u32 = 65001;
pub(crate) const CP_US_ASCII: u32 = 20127;
pub(crate) const CP_LATIN1: u32 = 28591;
pub(crate) const CP_WINDOWS_1252: u32 = 1252;
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
    /// Windows-1252: Latin-1 but for 0x80..=0x9f, where it has typographic characters.
    Windows1252,
}

/// Windows-1252's bytes 0x80..=0x9f. The five bytes the code page leaves undefined (0x81,
/// 0x8d, 0x8f, 0x90, 0x9d) map to the C1 control with the same number, as on Windows.
const CP1252_HIGH: [u16; 32] = [
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/// The conversion for `code_page`; `ERROR_INVALID_PARAMETER` for one ws2mp does not convert.
pub(crate) fn page(code_page: u32) -> Result<Page, u32> {
    match code_page {
        CP_ACP | CP_OEMCP | CP_MACCP | CP_THREAD_ACP | CP_UTF8 => Ok(Page::Utf8),
        CP_US_ASCII => Ok(Page::Ascii),
        CP_LATIN1 => Ok(Page::Latin1),
        CP_WINDOWS_1252 => Ok(Page::Windows1252),
        _ => Err(ERROR_INVALID_PARAMETER),
    }
}

/// What `GetCPInfo` says about a code page: the longest character in bytes and the default
/// character. None of the pages ws2mp converts has DBCS lead bytes.
pub(crate) fn max_char_size(page: Page) -> u32 {
    if page == Page::Utf8 {
        4
    } else {
        1
    }
}

/// Whether `IsValidCodePage` accepts `code_page`: a real code page number ws2mp converts (the
/// aliases `CP_ACP`, `CP_OEMCP`, `CP_MACCP` and `CP_THREAD_ACP` are not code pages).
pub(crate) fn is_valid(code_page: u32) -> bool {
    code_page > CP_THREAD_ACP && page(code_page).is_ok()
}

/// The number `GetCPInfoEx` reports for `code_page`: the aliases name the ANSI (or OEM) code
/// page, which is UTF-8 here.
pub(crate) fn actual(code_page: u32) -> u32 {
    if code_page <= CP_THREAD_ACP {
        CP_UTF8
    } else {
        code_page
    }
}

/// `bytes` as UTF-16 units, at most `limit` of them (a character that would not fit whole is
/// left out); the flag says whether all of `bytes` was converted. Invalid sequences become
/// U+FFFD (ASCII: '?'), or fail with `ERROR_NO_UNICODE_TRANSLATION` when `strict`.
pub(crate) fn to_wide(
    page: Page,
    bytes: &[u8],
    strict: bool,
    limit: usize,
) -> Result<(Vec<u16>, bool), u32> {
    let mut out: Vec<u16> = Vec::with_capacity(bytes.len().min(limit));
    let push = |out: &mut Vec<u16>, units: &[u16]| {
        if out.len() + units.len() > limit {
            return false;
        }
        out.extend_from_slice(units);
        true
    };
    match page {
        Page::Utf8 => {
            let text = match std::str::from_utf8(bytes) {
                Ok(s) => std::borrow::Cow::Borrowed(s),
                Err(_) if strict => return Err(ERROR_NO_UNICODE_TRANSLATION),
                Err(_) => String::from_utf8_lossy(bytes),
            };
            let mut buf = [0u16; 2];
            for c in text.chars() {
                if !push(&mut out, c.encode_utf16(&mut buf)) {
                    return Ok((out, false));
                }
            }
        }
        Page::Ascii | Page::Latin1 | Page::Windows1252 => {
            if page == Page::Ascii && strict && bytes.iter().any(|&b| b > 0x7f) {
                return Err(ERROR_NO_UNICODE_TRANSLATION);
            }
            for &b in bytes {
                let unit = match (page, b) {
                    (Page::Ascii, 0x80..=0xff) => u16::from(b'?'),
                    (Page::Windows1252, 0x80..=0x9f) => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => u16::from(b),
                };
                if !push(&mut out, &[unit]) {
                    return Ok((out, false));
                }
            }
        }
    }
    Ok((out, true))
}

/// The byte a single-byte code page has for `c`, if it has one.
fn single_byte(page: Page, c: char) -> Option<u8> {
    let code = u32::from(c);
    match page {
        Page::Utf8 => None,
        Page::Ascii => u8::try_from(code).ok().filter(|&b| b <= 0x7f),
        Page::Latin1 => u8::try_from(code).ok(),
        Page::Windows1252 => match code {
            0x80..=0x9f => CP1252_HIGH
                .iter()
                .position(|&u| u32::from(u) == code)
                .map(|i| 0x80 + i as u8),
            0..=0xff => Some(code as u8),
            _ => CP1252_HIGH
                .iter()
                .position(|&u| u32::from(u) == code)
                .map(|i| 0x80 + i as u8),
        },
    }
}

/// `wide` in the code page, at most `limit` bytes (a character that would not fit whole is
/// left out), whether a default character replaced something the code page cannot hold (an
/// unpaired surrogate becomes U+FFFD in UTF-8; a character outside a single-byte page becomes
/// `default`), and whether all of `wide` was converted. Fails with
/// `ERROR_NO_UNICODE_TRANSLATION` on an unpaired surrogate when `strict`.
pub(crate) fn from_wide(
    page: Page,
    wide: &[u16],
    strict: bool,
    default: u8,
    limit: usize,
) -> Result<(Vec<u8>, bool, bool), u32> {
    if strict && char::decode_utf16(wide.iter().copied()).any(|c| c.is_err()) {
        return Err(ERROR_NO_UNICODE_TRANSLATION);
    }
    let mut out = Vec::with_capacity(wide.len().min(limit));
    let mut used_default = false;
    for c in char::decode_utf16(wide.iter().copied()) {
        let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut buf = [0u8; 4];
        let (bytes, defaulted): (&[u8], bool) = if page == Page::Utf8 {
            (c.encode_utf8(&mut buf).as_bytes(), false)
        } else {
            match single_byte(page, c) {
                Some(b) => {
                    buf[0] = b;
                    (&buf[..1], false)
                }
                None => {
                    buf[0] = default;
                    (&buf[..1], true)
                }
            }
        };
        if out.len() + bytes.len() > limit {
            return Ok((out, used_default, false));
        }
        out.extend_from_slice(bytes);
        used_default |= defaulted;
    }
    Ok((out, used_default, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: usize = usize::MAX;

    #[test]
    fn utf8_round_trips_through_utf16() {
        let text = "Grüße, 世界 🌍";
        let (wide, done) = to_wide(Page::Utf8, text.as_bytes(), true, ALL).unwrap();
        assert!(done);
        assert_eq!(wide.len(), 12); // the globe is a surrogate pair
        let (back, used, done) = from_wide(Page::Utf8, &wide, true, b'?', ALL).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(!used && done);
    }

    #[test]
    fn invalid_input_is_replaced_or_refused() {
        assert_eq!(
            to_wide(Page::Utf8, b"a\xffb", false, ALL).unwrap().0,
            vec![0x61, 0xfffd, 0x62]
        );
        assert_eq!(
            to_wide(Page::Utf8, b"a\xffb", true, ALL),
            Err(ERROR_NO_UNICODE_TRANSLATION)
        );
        let lone = [0x61, 0xd800, 0x62];
        assert_eq!(
            from_wide(Page::Utf8, &lone, true, b'?', ALL),
            Err(ERROR_NO_UNICODE_TRANSLATION)
        );
        assert_eq!(
            from_wide(Page::Ascii, &[0x61, 0xe9], false, b'?', ALL).unwrap(),
            (b"a?".to_vec(), true, true)
        );
        assert_eq!(
            from_wide(Page::Latin1, &[0x61, 0xe9], false, b'?', ALL).unwrap(),
            (vec![0x61, 0xe9], false, true)
        );
        assert_eq!(page(437), Err(ERROR_INVALID_PARAMETER));
    }

    #[test]
    fn windows_1252_has_its_own_high_bytes() {
        assert_eq!(
            to_wide(Page::Windows1252, b"\x80\x90\xe4", true, ALL).unwrap(),
            (vec![0x20ac, 0x90, 0xe4], true)
        );
        assert_eq!(
            from_wide(
                Page::Windows1252,
                &[0x20ac, 0x440, 0x2122],
                false,
                b'?',
                ALL
            )
            .unwrap(),
            (vec![0x80, b'?', 0x99], true, true)
        );
    }

    #[test]
    fn a_limit_keeps_whole_characters() {
        // "aé€" in UTF-8 is 1 + 2 + 3 bytes: 4 bytes of room take "aé".
        let wide = [0x61, 0xe9, 0x20ac];
        assert_eq!(
            from_wide(Page::Utf8, &wide, false, b'?', 4).unwrap(),
            ("aé".as_bytes().to_vec(), false, false)
        );
        // A surrogate pair is not split.
        assert_eq!(
            to_wide(Page::Utf8, "a🌍".as_bytes(), false, 2).unwrap(),
            (vec![0x61], false)
        );
        // The default character counts only for what was converted.
        assert_eq!(
            from_wide(Page::Latin1, &[0x54, 0x440], false, b'?', 1).unwrap(),
            (vec![0x54], false, false)
        );
        assert!(is_valid(CP_UTF8) && is_valid(1252) && !is_valid(CP_ACP) && !is_valid(437));
    }
}
