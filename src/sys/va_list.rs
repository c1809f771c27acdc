//! Reading integer-class arguments from a C `va_list` that a program passes by address
//! (`FormatMessage`'s `va_list *Arguments`): each `next` is the C library's
//! `va_arg(*list, uintptr_t)`, and it advances the caller's list as `va_arg` would, so the
//! program can go on reading after the call (as on Windows, where the arguments an insert
//! used are consumed).
//!
//! The layouts are the platform ABIs':
//! - x86-64 System V (Linux, macOS, the BSDs): `va_list` is an array of one
//!   `{ u32 gp_offset; u32 fp_offset; void *overflow_arg_area; void *reg_save_area; }`;
//!   general-purpose arguments come from the register save area while `gp_offset < 48`, then
//!   from the overflow area, 8 bytes each.
//! - AArch64 AAPCS64 (Linux): `va_list` is `{ void *stack; void *gr_top; void *vr_top;
//!   int gr_offs; int vr_offs; }`; a negative `gr_offs` reads below `gr_top`, then the stack.
//! - Apple's arm64: `va_list` is a `char *` over 8-byte stack slots.
//!
//! On x86-64 `&list` has a different type when the program's `list` is a function parameter
//! (the array decayed to a pointer: `&list` is a pointer to that pointer) from when it is a
//! local that the program `va_start`ed (a pointer to the structure itself); Windows' `va_list`
//! is a plain pointer, so portable code writes `&list` in both places. The two are told apart
//! by the structure's offsets, which are small multiples of 8 and 16, where a pointer's upper
//! half is a user-space address's high bits.

use std::ffi::c_void;

/// Whether this target's `va_list` can be read here.
pub const SUPPORTED: bool = cfg!(any(
    all(target_arch = "x86_64", not(windows)),
    all(
        target_arch = "aarch64",
        any(target_os = "linux", target_os = "android")
    ),
    all(target_arch = "aarch64", target_vendor = "apple")
));

/// A `va_list` the caller passed by address.
pub struct VaList {
    list: *mut c_void,
}

#[cfg(all(target_arch = "x86_64", not(windows)))]
#[repr(C)]
struct SysVList {
    gp_offset: u32,
    fp_offset: u32,
    overflow_arg_area: *mut u64,
    reg_save_area: *mut u8,
}

#[cfg(all(
    target_arch = "aarch64",
    any(target_os = "linux", target_os = "android")
))]
#[repr(C)]
struct AapcsList {
    stack: *mut u64,
    gr_top: *mut u8,
    vr_top: *mut u8,
    gr_offs: i32,
    vr_offs: i32,
}

impl VaList {
    /// # Safety
    /// `list` must be the address of a live, `va_start`ed `va_list` of this platform (or, on
    /// x86-64, the address of a `va_list` function parameter), holding at least as many more
    /// integer-class arguments as `next` is called, and not used by anything else meanwhile.
    pub unsafe fn new(list: *mut c_void) -> Option<VaList> {
        if !SUPPORTED || list.is_null() {
            return None;
        }
        #[cfg(all(target_arch = "x86_64", not(windows)))]
        {
            // SAFETY: either layout starts with 8 readable bytes (the caller's guarantee).
            let head = unsafe { std::ptr::read(list.cast::<[u32; 2]>()) };
            let looks_like_struct = head[0] <= 48
                && head[0] % 8 == 0
                && (48..=304).contains(&head[1])
                && head[1] % 16 == 0;
            if !looks_like_struct {
                // SAFETY: it is the address of the decayed parameter, a pointer to the
                // structure.
                let inner = unsafe { *list.cast::<*mut c_void>() };
                return (!inner.is_null()).then_some(VaList { list: inner });
            }
        }
        Some(VaList { list })
    }

    /// The next argument as a 64-bit slot (an `int` argument's upper half is unspecified).
    pub fn next(&mut self) -> u64 {
        #[cfg(all(target_arch = "x86_64", not(windows)))]
        {
            let l = self.list.cast::<SysVList>();
            // SAFETY: `new`'s contract: a live System V va_list with an argument left; the
            // register save area holds 48 bytes of general registers, the overflow area the
            // rest in 8-byte slots.
            unsafe {
                if (*l).gp_offset < 48 {
                    let v = std::ptr::read_unaligned(
                        (*l).reg_save_area
                            .add((*l).gp_offset as usize)
                            .cast::<u64>(),
                    );
                    (*l).gp_offset += 8;
                    v
                } else {
                    let v = std::ptr::read_unaligned((*l).overflow_arg_area);
                    (*l).overflow_arg_area = (*l).overflow_arg_area.add(1);
                    v
                }
            }
        }
        #[cfg(all(
            target_arch = "aarch64",
            any(target_os = "linux", target_os = "android")
        ))]
        {
            let l = self.list.cast::<AapcsList>();
            // SAFETY: `new`'s contract: a live AAPCS64 va_list with an argument left; a negative
            // gr_offs addresses the saved general registers below gr_top.
            unsafe {
                if (*l).gr_offs < 0 {
                    let v = std::ptr::read_unaligned(
                        (*l).gr_top.offset((*l).gr_offs as isize).cast::<u64>(),
                    );
                    (*l).gr_offs += 8;
                    v
                } else {
                    let v = std::ptr::read_unaligned((*l).stack);
                    (*l).stack = (*l).stack.add(1);
                    v
                }
            }
        }
        #[cfg(all(target_arch = "aarch64", target_vendor = "apple"))]
        {
            let l = self.list.cast::<*mut u64>();
            // SAFETY: `new`'s contract: a live char* va_list over 8-byte slots.
            unsafe {
                let v = std::ptr::read_unaligned(*l);
                *l = (*l).add(1);
                v
            }
        }
        #[cfg(not(any(
            all(target_arch = "x86_64", not(windows)),
            all(
                target_arch = "aarch64",
                any(target_os = "linux", target_os = "android")
            ),
            all(target_arch = "aarch64", target_vendor = "apple")
        )))]
        {
            0
        }
    }
}
