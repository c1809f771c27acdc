// Tells the tests which target they were built for (the C tests compile with the cc crate,
// which needs the target triple), and gives the shared library its versioned name:
// - ELF: the SONAME libws2mp.so.<major> (CMake installs the file as libws2mp.so.<version>,
//   with the symlinks libws2mp.so.<major> and libws2mp.so);
// - macOS: the install name @rpath/libws2mp.<major>.dylib (otherwise the dylib records the
//   absolute path it was built at), compatibility_version ABI_SINCE and current_version
//   <version>.

/// The first version with this ABI (macOS compatibility_version): a program linked against any
/// later version with the same ABI still loads this one. Raise it with the SONAME's major.
const ABI_SINCE: &str = "0.1.0";

fn main() {
    // cfg aliases for the OS families the code tells apart, so that the list of systems is
    // written once (a build script already exists; the cfg_aliases crate would add a
    // dependency for these few lines): `linux_like` = Linux and Android (epoll, eventfd,
    // MSG_NOSIGNAL, ...); everything else is macOS or a BSD (kqueue, SO_NOSIGPIPE, ...), and
    // `apple` = Apple's systems (xnu's own options).
    println!("cargo::rustc-check-cfg=cfg(linux_like, apple)");
    if matches!(
        std::env::var("CARGO_CFG_TARGET_OS").as_deref(),
        Ok("linux" | "android")
    ) {
        println!("cargo:rustc-cfg=linux_like");
    }
    if std::env::var("CARGO_CFG_TARGET_VENDOR").as_deref() == Ok("apple") {
        println!("cargo:rustc-cfg=apple");
    }
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=WS2MP_TARGET={target}");
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets it");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets it");
    match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
        Ok("macos" | "ios") => {
            for arg in [
                format!("-Wl,-install_name,@rpath/libws2mp.{major}.dylib"),
                format!("-Wl,-compatibility_version,{ABI_SINCE}"),
                format!("-Wl,-current_version,{version}"),
            ] {
                println!("cargo:rustc-cdylib-link-arg={arg}");
            }
        }
        Ok("linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos") => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libws2mp.so.{major}")
        }
        _ => {}
    }
    println!("cargo:rerun-if-changed=build.rs");
}
