//! include/ws2mp.h must be exactly what the pinned cbindgen generates from the sources.
//! Set WS2MP_BLESS=1 to rewrite it.

use std::path::Path;

#[test]
fn generated_header_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut generated);
    let path = root.join("include/ws2mp.h");
    let current = std::fs::read(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("WS2MP_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        panic!(
            "include/ws2mp.h is stale: run `WS2MP_BLESS=1 cargo test --test header` and commit it"
        );
    }
}
