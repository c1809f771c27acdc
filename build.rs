// Tells the tests which target they were built for (the C tests compile with the cc crate,
// which needs the target triple), and gives the shared library a stable name to be found by:
// a SONAME on ELF platforms, an @rpath install name on macOS (otherwise the dylib records the
// absolute path it was built at, and programs linked against it look there).
fn main() {
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=WS2MP_TARGET={target}");
    match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
        Ok("macos" | "ios") => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libws2mp.dylib")
        }
        Ok("linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "illumos") => {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libws2mp.so")
        }
        _ => {}
    }
    println!("cargo:rerun-if-changed=build.rs");
}
