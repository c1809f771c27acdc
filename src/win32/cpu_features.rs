//! What `IsProcessorFeaturePresent` answers: Windows' `PF_*` feature numbers, each asked of the
//! processor (CPUID on x86_64, the kernel's hardware capabilities on AArch64, through the
//! standard library's feature detection) where a feature is an instruction set, fixed where it
//! is a property every 64-bit processor of the architecture has, and FALSE where it belongs to
//! another architecture, to a Windows facility ws2mp does not have (`__fastfail`,
//! virtualization firmware) or cannot be learnt cheaply.

/// Whether Windows' processor feature `feature` (a `PF_*` number) is present.
pub fn present(feature: u32) -> bool {
    imp::present(feature)
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::is_x86_feature_detected as has;

    pub fn present(feature: u32) -> bool {
        match feature {
            // PF_COMPARE_EXCHANGE_DOUBLE (CMPXCHG8B), PF_PAE_ENABLED, PF_NX_ENABLED,
            // PF_SSE_DAZ_MODE_AVAILABLE: every x86_64 processor, as Windows x64 reports them.
            2 | 9 | 11 | 12 => true,
            3 => has!("mmx"),
            6 => has!("sse"),
            8 => has!("tsc"),
            10 => has!("sse2"),
            13 => has!("sse3"),
            14 => has!("cmpxchg16b"),
            17 => has!("xsave"),
            28 => has!("rdrand"),
            36 => has!("ssse3"),
            37 => has!("sse4.1"),
            38 => has!("sse4.2"),
            39 => has!("avx"),
            40 => has!("avx2"),
            41 => has!("avx512f"),
            42 => has!("ermsb"),
            _ => false,
        }
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use std::arch::is_aarch64_feature_detected as has;

    pub fn present(feature: u32) -> bool {
        match feature {
            // PF_ARM_VFP_32_REGISTERS_AVAILABLE, PF_ARM_DIVIDE_INSTRUCTION_AVAILABLE,
            // PF_ARM_64BIT_LOADSTORE_ATOMIC, PF_ARM_FMAC_INSTRUCTIONS_AVAILABLE,
            // PF_ARM_V8_INSTRUCTIONS_AVAILABLE, PF_NX_ENABLED: every AArch64 processor.
            12 | 18 | 24 | 25 | 27 | 29 => true,
            19 => has!("neon"),
            30 => has!("aes") && has!("sha2"),
            31 => has!("crc"),
            34 => has!("lse"),
            43 => has!("dotprod"),
            44 => has!("jsconv"),
            45 => has!("rcpc"),
            _ => false,
        }
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod imp {
    pub fn present(_feature: u32) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::present;

    #[test]
    fn baseline_features_of_the_architecture() {
        #[cfg(target_arch = "x86_64")]
        {
            assert!(present(10), "SSE2 is part of x86_64");
            assert!(present(6) && present(8) && present(2));
            assert!(!present(18), "an ARM feature is never present on x86_64");
        }
        #[cfg(target_arch = "aarch64")]
        {
            assert!(present(29) && present(19));
            assert!(!present(10));
        }
        assert!(!present(7), "3DNow! is never reported");
        assert!(!present(1000), "an unknown feature is absent");
    }
}
