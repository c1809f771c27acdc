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

/// The fields of `OSVERSIONINFOEX` that `VerifyVersionInfo` compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Required {
    pub major: u32,
    pub minor: u32,
    pub build: u32,
    pub platform: u32,
    pub sp_major: u16,
    pub sp_minor: u16,
    pub suite_mask: u16,
    pub product_type: u8,
}

/// The version ws2mp reports, as `VerifyVersionInfo` compares it.
pub fn current() -> Required {
    Required {
        major: MAJOR,
        minor: MINOR,
        build: BUILD,
        platform: PLATFORM_NT,
        sp_major: 0,
        sp_minor: 0,
        suite_mask: SUITE_MASK,
        product_type: PRODUCT_WORKSTATION,
    }
}

/// The `VER_*` type bits of `VerifyVersionInfo`'s mask, in `VerSetConditionMask`'s priority
/// order (one field per call: the first bit present wins), with the place of each field's
/// 3-bit condition in the condition mask.
const CONDITION_SLOTS: [(u32, u32); 8] = [
    (0x80, 7), // VER_PRODUCT_TYPE
    (0x40, 6), // VER_SUITENAME
    (0x20, 5), // VER_SERVICEPACKMAJOR
    (0x10, 4), // VER_SERVICEPACKMINOR
    (0x08, 3), // VER_PLATFORMID
    (0x04, 2), // VER_BUILDNUMBER
    (0x02, 1), // VER_MAJORVERSION
    (0x01, 0), // VER_MINORVERSION
];
const VER_MINORVERSION: u32 = 0x01;
const VER_MAJORVERSION: u32 = 0x02;
const VER_BUILDNUMBER: u32 = 0x04;
const VER_PLATFORMID: u32 = 0x08;
const VER_SERVICEPACKMINOR: u32 = 0x10;
const VER_SERVICEPACKMAJOR: u32 = 0x20;
const VER_SUITENAME: u32 = 0x40;
const VER_PRODUCT_TYPE: u32 = 0x80;
const VER_EQUAL: u8 = 1;
const VER_GREATER_EQUAL: u8 = 3;
const VER_LESS: u8 = 4;
const VER_LESS_EQUAL: u8 = 5;
const VER_AND: u8 = 6;
const VER_OR: u8 = 7;

/// `VerSetConditionMask`: puts `condition` (its low 3 bits) in the slot of the first field
/// of `type_mask` (in the priority order above); a zero type mask or condition changes
/// nothing.
pub fn set_condition(mask: u64, type_mask: u32, condition: u8) -> u64 {
    let condition = condition & 7;
    if condition == 0 {
        return mask;
    }
    match CONDITION_SLOTS.iter().find(|(bit, _)| type_mask & bit != 0) {
        Some((_, slot)) => mask | (u64::from(condition) << (3 * slot)),
        None => mask,
    }
}

/// Why `VerifyVersionInfo` says no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    /// The running version does not meet the requirement (`ERROR_OLD_WIN_VERSION`).
    Old,
    /// A zero mask, or a suite condition other than `VER_AND` / `VER_OR`
    /// (`ERROR_BAD_ARGUMENTS`).
    BadArguments,
}

fn condition_of(mask: u64, bit: u32) -> u8 {
    let slot = CONDITION_SLOTS
        .iter()
        .find(|(b, _)| *b == bit)
        .map_or(0, |s| s.1);
    ((mask >> (3 * slot)) & 7) as u8
}

/// Whether `have` stands in `condition` to `want` (`VER_EQUAL` .. `VER_LESS_EQUAL`); any
/// other condition, 0 included, never holds.
fn holds(have: u32, want: u32, condition: u8) -> bool {
    match condition {
        VER_EQUAL => have == want,
        2 => have > want,
        VER_GREATER_EQUAL => have >= want,
        VER_LESS => have < want,
        VER_LESS_EQUAL => have <= want,
        _ => false,
    }
}

/// The condition a field of the major / minor / service-pack chain is compared with: the
/// first field's own; after it, a field's own only where it agrees in direction with the
/// ones before (an equality may become any comparison, a "greater" stays a "greater", a
/// "less" a "less"), else the previous one. A field without a condition fixes the chain's
/// condition for the rest (Windows' observed behaviour, as Wine's conformance tests record
/// it).
struct Chain {
    last: u8,
    fixed: bool,
}

impl Chain {
    fn condition(&mut self, own: u8) -> u8 {
        if !self.fixed {
            let agrees = match self.last {
                0 => {
                    self.last = own;
                    true
                }
                VER_EQUAL => {
                    let ok = (VER_EQUAL..=VER_LESS_EQUAL).contains(&own);
                    if ok {
                        self.last = own;
                    }
                    ok
                }
                2 | VER_GREATER_EQUAL => (VER_EQUAL..=VER_GREATER_EQUAL).contains(&own),
                _ => own == VER_EQUAL || (VER_LESS..=VER_LESS_EQUAL).contains(&own),
            };
            if agrees && own != 0 {
                return own;
            }
            if own == 0 {
                self.fixed = true;
            }
        }
        self.last
    }
}

/// `VerifyVersionInfo`: whether `have` meets `want` for the fields of `type_mask`, each
/// compared as `condition_mask` says. The major version, minor version and service pack
/// numbers are compared as one number, most significant first: a later field is looked at
/// only while the earlier ones are equal under an ordering condition.
pub fn verify(have: &Required, want: &Required, type_mask: u32, mask: u64) -> Result<(), Mismatch> {
    if type_mask == 0 || mask == 0 {
        return Err(Mismatch::BadArguments);
    }
    let check = |ok: bool| if ok { Ok(()) } else { Err(Mismatch::Old) };
    if type_mask & VER_PRODUCT_TYPE != 0 {
        let c = condition_of(mask, VER_PRODUCT_TYPE);
        check(holds(have.product_type.into(), want.product_type.into(), c))?;
    }
    if type_mask & VER_SUITENAME != 0 {
        let (have_s, want_s) = (have.suite_mask, want.suite_mask);
        match condition_of(mask, VER_SUITENAME) {
            VER_AND => check(have_s & want_s == want_s)?,
            VER_OR => check(want_s == 0 || have_s & want_s != 0)?,
            _ => return Err(Mismatch::BadArguments),
        }
    }
    if type_mask & VER_PLATFORMID != 0 {
        check(holds(
            have.platform,
            want.platform,
            condition_of(mask, VER_PLATFORMID),
        ))?;
    }
    if type_mask & VER_BUILDNUMBER != 0 {
        check(holds(
            have.build,
            want.build,
            condition_of(mask, VER_BUILDNUMBER),
        ))?;
    }
    let chain = [
        (VER_MAJORVERSION, have.major, want.major),
        (VER_MINORVERSION, have.minor, want.minor),
        (
            VER_SERVICEPACKMAJOR,
            have.sp_major.into(),
            want.sp_major.into(),
        ),
        (
            VER_SERVICEPACKMINOR,
            have.sp_minor.into(),
            want.sp_minor.into(),
        ),
    ];
    let mut conditions = Chain {
        last: 0,
        fixed: false,
    };
    let mut verdict = Ok(());
    for (bit, have_v, want_v) in chain {
        if type_mask & bit == 0 {
            continue;
        }
        let c = conditions.condition(condition_of(mask, bit));
        verdict = check(holds(have_v, want_v, c));
        if have_v != want_v || !(VER_EQUAL..=VER_LESS_EQUAL).contains(&c) {
            break;
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_VERSION: u32 =
        VER_MAJORVERSION | VER_MINORVERSION | VER_SERVICEPACKMAJOR | VER_SERVICEPACKMINOR;
    const GREATER: u8 = 2;

    fn mask(pairs: &[(u32, u8)]) -> u64 {
        pairs.iter().fold(0, |m, &(t, c)| set_condition(m, t, c))
    }

    /// The system the cases run against: 6.1 with service pack 1.0, so that a lower
    /// service pack can be asked for.
    fn system() -> Required {
        Required {
            major: 6,
            minor: 1,
            sp_major: 1,
            ..current()
        }
    }

    #[test]
    fn conditions_go_in_their_fields_slot_one_field_per_call() {
        assert_eq!(set_condition(0, VER_MINORVERSION, VER_GREATER_EQUAL), 3);
        assert_eq!(
            set_condition(0, VER_MAJORVERSION, VER_GREATER_EQUAL),
            3 << 3
        );
        assert_eq!(set_condition(0, VER_PRODUCT_TYPE, VER_EQUAL), 1 << 21);
        // Two bits at once: only the first in priority order (service pack over major).
        assert_eq!(
            set_condition(0, VER_MAJORVERSION | VER_SERVICEPACKMAJOR, VER_EQUAL),
            1 << 15
        );
        assert_eq!(set_condition(7, 0, VER_EQUAL), 7);
        assert_eq!(set_condition(7, VER_MAJORVERSION, 0), 7);
        assert_eq!(set_condition(0, VER_MINORVERSION, 8 | VER_LESS), 4);
    }

    #[test]
    fn zero_masks_are_bad_arguments() {
        let s = system();
        assert_eq!(verify(&s, &s, 0, 3), Err(Mismatch::BadArguments));
        assert_eq!(
            verify(&s, &s, VER_MAJORVERSION, 0),
            Err(Mismatch::BadArguments)
        );
    }

    #[test]
    fn version_numbers_compare_most_significant_first() {
        let s = system();
        let ge = mask(&[
            (VER_MAJORVERSION, VER_GREATER_EQUAL),
            (VER_MINORVERSION, VER_GREATER_EQUAL),
            (VER_SERVICEPACKMAJOR, VER_GREATER_EQUAL),
        ]);
        assert_eq!(verify(&s, &s, ALL_VERSION, ge), Ok(()));
        // 3.10 is below 6.x: the minor version is not looked at once the majors differ.
        let old = Required {
            major: 3,
            minor: 10,
            ..s
        };
        assert_eq!(verify(&s, &old, ALL_VERSION, ge), Ok(()));
        let newer_minor = Required { minor: 2, ..s };
        assert_eq!(
            verify(&s, &newer_minor, ALL_VERSION, ge),
            Err(Mismatch::Old)
        );
        let newer_sp = Required { sp_major: 2, ..s };
        assert_eq!(verify(&s, &newer_sp, ALL_VERSION, ge), Err(Mismatch::Old));
        let higher_major = Required {
            major: 7,
            minor: 0,
            ..s
        };
        assert_eq!(
            verify(&s, &higher_major, ALL_VERSION, ge),
            Err(Mismatch::Old)
        );
    }

    #[test]
    fn a_field_without_a_condition_never_holds_first_and_fixes_the_chain_later() {
        let s = system();
        let minor_only = mask(&[(VER_MINORVERSION, VER_GREATER_EQUAL)]);
        // The major version is in the type mask but has no condition: no match.
        assert_eq!(verify(&s, &s, ALL_VERSION, minor_only), Err(Mismatch::Old));
        // Without it, the service pack fields go on with the minor's "greater or equal".
        let no_major = VER_MINORVERSION | VER_SERVICEPACKMAJOR | VER_SERVICEPACKMINOR;
        assert_eq!(verify(&s, &s, no_major, minor_only), Ok(()));
        let lower_sp = Required { sp_major: 0, ..s };
        let greater_minor = mask(&[(VER_MINORVERSION, GREATER)]);
        assert_eq!(verify(&s, &lower_sp, no_major, greater_minor), Ok(()));
        // Major "equal", minor without a condition: equality is fixed, so the service
        // pack's own "greater" is not used and 1 != 0 fails.
        let eq_then_gt = mask(&[
            (VER_MAJORVERSION, VER_EQUAL),
            (VER_SERVICEPACKMAJOR, GREATER),
        ]);
        assert_eq!(
            verify(&s, &lower_sp, ALL_VERSION, eq_then_gt),
            Err(Mismatch::Old)
        );
        // With the minor's own condition the service pack keeps its "greater".
        let full = mask(&[
            (VER_MAJORVERSION, VER_GREATER_EQUAL),
            (VER_MINORVERSION, VER_EQUAL),
            (VER_SERVICEPACKMAJOR, GREATER),
        ]);
        assert_eq!(verify(&s, &lower_sp, ALL_VERSION, full), Ok(()));
        // A "less or equal" after a "greater or equal" disagrees: the "greater or equal" stays.
        let mixed = mask(&[
            (VER_MAJORVERSION, VER_GREATER_EQUAL),
            (VER_MINORVERSION, VER_LESS_EQUAL),
            (VER_SERVICEPACKMAJOR, GREATER),
        ]);
        assert_eq!(verify(&s, &lower_sp, ALL_VERSION, mixed), Ok(()));
        let sp_only = mask(&[
            (VER_SERVICEPACKMAJOR, GREATER),
            (VER_SERVICEPACKMINOR, VER_EQUAL),
        ]);
        assert_eq!(
            verify(&s, &lower_sp, ALL_VERSION, sp_only),
            Err(Mismatch::Old)
        );
    }

    #[test]
    fn build_platform_product_and_suite() {
        let s = system();
        let newer_build = Required {
            build: s.build + 1,
            ..s
        };
        let build_ge = mask(&[(VER_BUILDNUMBER, VER_GREATER_EQUAL)]);
        assert_eq!(
            verify(&s, &newer_build, VER_BUILDNUMBER, build_ge),
            Err(Mismatch::Old)
        );
        assert_eq!(verify(&s, &s, VER_BUILDNUMBER, build_ge), Ok(()));
        let server = Required {
            product_type: 3,
            ..s
        };
        let product_eq = mask(&[(VER_PRODUCT_TYPE, VER_EQUAL)]);
        assert_eq!(
            verify(&s, &server, VER_PRODUCT_TYPE, product_eq),
            Err(Mismatch::Old)
        );
        assert_eq!(
            verify(&s, &s, VER_PLATFORMID, mask(&[(VER_PLATFORMID, VER_EQUAL)])),
            Ok(())
        );
        let terminal_server = Required {
            suite_mask: 0x0010,
            ..s
        };
        let and = mask(&[(VER_SUITENAME, VER_AND)]);
        let or = mask(&[(VER_SUITENAME, VER_OR)]);
        assert_eq!(
            verify(&s, &terminal_server, VER_SUITENAME, and),
            Err(Mismatch::Old)
        );
        assert_eq!(verify(&s, &s, VER_SUITENAME, and), Ok(()));
        let either = Required {
            suite_mask: 0x0110,
            ..s
        };
        assert_eq!(verify(&s, &either, VER_SUITENAME, or), Ok(()));
        assert_eq!(verify(&s, &either, VER_SUITENAME, and), Err(Mismatch::Old));
        let suite_eq = mask(&[(VER_SUITENAME, VER_EQUAL)]);
        assert_eq!(
            verify(&s, &s, VER_SUITENAME, suite_eq),
            Err(Mismatch::BadArguments)
        );
    }
}
