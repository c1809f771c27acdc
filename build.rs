// Tells the tests which target they were built for (the C tests compile with the cc crate,
// which needs the target triple).
fn main() {
    let target = std::env::var("TARGET").expect("cargo sets TARGET");
    println!("cargo:rustc-env=WS2MP_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
