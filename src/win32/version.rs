//! The Windows version ws2mp reports: Windows 10 version 22H2, 10.0.19045, a workstation
//! ("NT" platform, no service pack). Programs that print or check the version see a current,
//! supported Windows; the value is fixed so that output does not depend on the host.

pub(crate) const MAJOR: u32 = 10;
pub(crate) const MINOR: u32 = 0;
pub(crate) const BUILD: u32 = 19045;
/// `VER_PLATFORM_WIN32_NT`.
pub(crate) const PLATFORM_NT: u32 = 2;
/// `VER_SUITE_SINGLEUSERTS`: a client Windows with one interactive session.
pub(crate) const SUITE_MASK: u16 = 0x0100;
/// `VER_NT_WORKSTATION`.
pub(crate) const PRODUCT_WORKSTATION: u8 = 1;

/// `GetVersion`'s packed form: major in the low byte, minor in the next, the build in the high
/// word (bit 31 clear: an NT platform).
pub fn packed() -> u32 {
    MAJOR | (MINOR << 8) | (BUILD << 16)
}

/// The structure sizes `GetVersionEx` accepts: `(OSVERSIONINFO, OSVERSIONINFOEX)` for a
/// character size of 1 (A) or 2 (W).
pub fn accepted_sizes(char_size: u32) -> (u32, u32) {
    let base = 5 * 4 + 128 * char_size;
    (base, base + 8)
}
