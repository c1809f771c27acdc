//! CPack's packages, built from this source tree and used without installing them on the
//! system: the .tar.gz and the Debian packages libws2mp0 (runtime) and libws2mp-dev
//! (development) are unpacked (`tar`, `dpkg-deb -x`) into temporary directories, their
//! control data is checked (dependencies, shlibs, the ldconfig trigger, which files go in
//! which package), and the consumer project (tests/consumer/) is built with find_package
//! against each unpacked tree, statically and against the shared library, and run.
//!
//! Needs cmake, dpkg-deb, dpkg-shlibdeps (dpkg-dev), file and readelf: ./test.sh installs
//! them; without them this test fails.

#[path = "cmake_support/mod.rs"]
mod cmake_support;

use cmake_support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file (and symlink) under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn control_field(deb: &Path, field: &str) -> String {
    run(Command::new("dpkg-deb").arg("-f").arg(deb).arg(field))
        .trim()
        .to_string()
}

/// One file of a package's control area (control, shlibs, triggers, ...).
fn control_file(deb: &Path, name: &str, tmp: &Path) -> String {
    let dir = tmp.join(format!(
        "control-{}",
        deb.file_stem().unwrap().to_string_lossy()
    ));
    if !dir.exists() {
        run(Command::new("dpkg-deb").arg("-e").arg(deb).arg(&dir));
    }
    std::fs::read_to_string(dir.join(name))
        .unwrap_or_else(|e| panic!("{} has no control file {name}: {e}", deb.display()))
}

/// Builds and runs the consumer against an unpacked installation prefix, with the static
/// library and with the shared one.
fn consumers_against(tmp: &Path, label: &str, prefix: &Path) {
    let prefix_path = format!("-DCMAKE_PREFIX_PATH={}", prefix.display());
    consumer(
        tmp,
        &format!("{label}-static"),
        std::slice::from_ref(&prefix_path),
        false,
    );
    let build = consumer(
        tmp,
        &format!("{label}-shared"),
        &[prefix_path, "-DWS2MP_SHARED=ON".into()],
        true,
    );
    let (_, shared) = consumer_libraries(&build, "Release");
    assert!(
        Path::new(&shared).starts_with(prefix),
        "{label}: ws2mp::shared is {shared}, not in the unpacked tree {}",
        prefix.display()
    );
}

#[test]
fn packages_unpack_and_serve_the_consumer() {
    require_tool("cmake", "cmake");
    require_tool("dpkg-deb", "dpkg");
    require_tool("readelf", "binutils");
    let tmp = tempdir("packages");
    println!("working in {}", tmp.display());
    let build = tmp.join("build");
    // /usr: the Debian layout (multiarch library directory).
    cmake_configure(root(), &build, &["-DCMAKE_INSTALL_PREFIX=/usr".into()]);
    cmake_build(&build, &[]);
    run(Command::new("cpack")
        .args(["-G", "TGZ;DEB"])
        .current_dir(&build));

    let version = env!("CARGO_PKG_VERSION");
    let arch = run(Command::new("dpkg").arg("--print-architecture"))
        .trim()
        .to_string();
    let runtime = build.join(format!("libws2mp0_{version}_{arch}.deb"));
    let dev = build.join(format!("libws2mp-dev_{version}_{arch}.deb"));
    let tarball = std::fs::read_dir(&build)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".tar.gz"))
        .expect("cpack made a .tar.gz");
    for deb in [&runtime, &dev] {
        assert!(deb.is_file(), "cpack did not make {}", deb.display());
    }

    // Control data.
    assert_eq!(control_field(&runtime, "Package"), "libws2mp0");
    assert_eq!(control_field(&runtime, "Section"), "libs");
    let depends = control_field(&runtime, "Depends");
    assert!(
        depends.contains("libc6 (>="),
        "libws2mp0 Depends from dpkg-shlibdeps: {depends}"
    );
    assert_eq!(control_field(&dev, "Package"), "libws2mp-dev");
    let depends = control_field(&dev, "Depends");
    assert!(
        depends.contains(&format!("libws2mp0 (= {version})")),
        "libws2mp-dev must depend on exactly its runtime: {depends}"
    );
    let shlibs = control_file(&runtime, "shlibs", &tmp);
    assert!(
        shlibs.contains(&format!("libws2mp 0 libws2mp0 (>= {version})")),
        "shlibs: {shlibs}"
    );
    let triggers = control_file(&runtime, "triggers", &tmp);
    assert!(
        triggers.contains("activate-noawait ldconfig"),
        "triggers: {triggers}"
    );

    // Contents: dpkg-deb -x each package into its own tree, then both into one.
    let (shared_file, soname_link, dev_link) = shared_names();
    let libdir = run(Command::new("dpkg-architecture").arg("-qDEB_HOST_MULTIARCH"))
        .trim()
        .to_string();
    let lib = PathBuf::from("usr/lib").join(&libdir);
    let unpack = |deb: &Path, into: &Path| {
        run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(into));
    };
    let only_runtime = tmp.join("only-runtime");
    unpack(&runtime, &only_runtime);
    assert_eq!(
        files_under(&only_runtime),
        [
            lib.join(&soname_link).display().to_string(),
            lib.join(&shared_file).display().to_string()
        ],
        "libws2mp0 holds the shared library and its SONAME link, nothing else"
    );
    assert_eq!(
        soname_of(&only_runtime.join(&lib).join(&shared_file)).as_deref(),
        Some(soname())
    );
    let only_dev = tmp.join("only-dev");
    unpack(&dev, &only_dev);
    let dev_files = files_under(&only_dev);
    for file in [
        lib.join("libws2mp.a"),
        lib.join(&dev_link),
        lib.join("cmake/ws2mp/ws2mpConfig.cmake"),
        lib.join("pkgconfig/ws2mp.pc"),
        lib.join("pkgconfig/ws2mp-compat.pc"),
        PathBuf::from("usr/include/ws2mp/ws2mp.h"),
        PathBuf::from("usr/include/ws2mp/compat/winsock2.h"),
        PathBuf::from("usr/bin/ws2mp-scan"),
    ] {
        let file = file.display().to_string();
        assert!(dev_files.contains(&file), "libws2mp-dev lacks {file}");
    }
    assert!(
        !dev_files.iter().any(|f| f.ends_with(&shared_file)),
        "libws2mp-dev must not carry the shared library"
    );

    let both = tmp.join("debs");
    unpack(&runtime, &both);
    unpack(&dev, &both);
    consumers_against(&tmp, "deb", &both.join("usr"));
    // pkg-config against the unpacked tree, shared.
    let pc_dir = both.join(&lib).join("pkgconfig");
    let pkg = |args: &[&str]| -> Vec<String> {
        run(Command::new("pkg-config")
            .env("PKG_CONFIG_PATH", &pc_dir)
            .env_remove("PKG_CONFIG_LIBDIR")
            .args(args))
        .split_whitespace()
        .map(String::from)
        .collect()
    };
    let flags = pkg(&["--cflags", "--libs", "ws2mp-compat"]);
    let libdir_flag = pkg(&["--variable=libdir", "ws2mp"]);
    let exe = tmp.join("pkg-config-deb");
    run(Command::new("cc")
        .arg(root().join("tests/consumer/legacy_client.c"))
        .args(&flags)
        .arg(format!("-Wl,-rpath,{}", libdir_flag[0]))
        .arg("-o")
        .arg(&exe));
    assert!(links_shared_ws2mp(&exe));
    run_program(&exe, "3 round trips, all intact");

    // The .tar.gz: the same installation in one archive.
    let untarred = tmp.join("tgz");
    std::fs::create_dir_all(&untarred).unwrap();
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&untarred));
    let top: Vec<PathBuf> = std::fs::read_dir(&untarred)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(top.len(), 1, "one top-level directory in the archive");
    let prefix = &top[0];
    let tar_files = files_under(prefix);
    for file in [
        lib.join(&shared_file),
        lib.join(&soname_link),
        lib.join(&dev_link),
        lib.join("libws2mp.a"),
    ] {
        let file = file.strip_prefix("usr").unwrap().display().to_string();
        assert!(tar_files.contains(&file), "the .tar.gz lacks {file}");
    }
    consumers_against(&tmp, "tgz", prefix);

    let _ = std::fs::remove_dir_all(&tmp);
}
