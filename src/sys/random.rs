//! Random bytes from the operating system's generator: `getrandom(2)` on Linux and Android,
//! `getentropy(3)` (256 bytes a call) elsewhere. What `rand_s`, `CryptGenRandom`,
//! `BCryptGenRandom` and the GUID generators draw from.

/// Fills `buf` with random bytes. Err: the errno (the generator is not available; seeded
/// generators do not fail otherwise).
pub fn fill(buf: &mut [u8]) -> Result<(), i32> {
    let mut done = 0;
    while done < buf.len() {
        let rest = &mut buf[done..];
        match next(rest) {
            Ok(n) => done += n,
            Err(libc::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(linux_like)]
fn next(rest: &mut [u8]) -> Result<usize, i32> {
    // SAFETY: the kernel writes at most `rest.len()` bytes into `rest`.
    let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
    if n < 0 {
        Err(super::errno())
    } else {
        Ok(n as usize)
    }
}

#[cfg(not(linux_like))]
fn next(rest: &mut [u8]) -> Result<usize, i32> {
    let n = rest.len().min(256);
    // SAFETY: `getentropy` writes exactly `n` (at most 256) bytes into `rest`.
    if unsafe { libc::getentropy(rest.as_mut_ptr().cast(), n) } != 0 {
        Err(super::errno())
    } else {
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fills_every_byte() {
        // 1,000 bytes of zeros staying zeros after a fill has odds of 2^-8000.
        let mut a = vec![0u8; 1000];
        super::fill(&mut a).unwrap();
        assert!(a.iter().any(|&b| b != 0));
        let mut b = vec![0u8; 1000];
        super::fill(&mut b).unwrap();
        assert_ne!(a, b);
    }
}
