//! The programs in examples/ are real Winsock programs: each must build unchanged against
//! include/compat (and run here, under AddressSanitizer), and build unchanged with mingw-w64
//! against Windows' own headers, which proves the source is Winsock code and not ws2mp code.
//!
//! `multicast_chat` sends multicast, so it runs only inside a private network namespace made
//! for it (see [`multicast_chat_runs_in_a_private_network_namespace`]), never on the machine's
//! own network.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Arguments for a quick run of each example (they must exit 0).
fn quick_args(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "event_echo" => Some(&["130", "5"]),
        "protocol_browser" => Some(&[]),
        "udp_echo" => Some(&[]),
        "iocp_server" => Some(&["-test", "8", "100"]),
        // Runs in multicast_chat_runs_in_a_private_network_namespace.
        "multicast_chat" => None,
        _ => None,
    }
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    v
}

fn name_of(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn examples_build_against_compat_and_run() {
    let lib_dir = support::library_dir(false);
    let out_dir = lib_dir.join("examples-test");
    std::fs::create_dir_all(&out_dir).unwrap();
    for src in examples() {
        let name = name_of(&src);
        let exe = out_dir.join(&name);
        support::compile_c(&support::CBuild {
            source: &src,
            output: &exe,
            lib_dir: &lib_dir,
            includes: &[],
            cplusplus: false,
            sanitize: true,
            shared: false,
            precompiled: None,
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let Some(args) = quick_args(&name) else {
            println!(
                "{name}: built (the conference runs in tests/cmake_consumer.rs through ./demo.sh)"
            );
            continue;
        };
        let out = support::run_bounded(
            Command::new(&exe)
                .args(args)
                .env("ASAN_OPTIONS", "detect_leaks=1"),
            Duration::from_secs(120),
        )
        .unwrap();
        print!("{}", out.stdout);
        assert!(
            out.success(),
            "{name} failed: {:?} (None: still running after 120 s)\n{}",
            out.status,
            out.stderr
        );
    }
}

#[test]
fn examples_build_with_mingw_against_windows_headers() {
    let out_dir = std::env::temp_dir().join(format!("ws2mp-mingw-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    for src in examples() {
        let name = name_of(&src);
        let exe = out_dir.join(format!("{name}.exe"));
        if let Err(e) = support::mingw_build(&src, &["-lws2_32", "-lpthread"], &exe) {
            panic!("{name} does not build with mingw-w64:\n{e}");
        }
        println!("{name}.exe built with mingw-w64");
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Sets up the namespace `unshare -n` made (lo up; a veth link mc0 with 10.55.0.1/24 and
/// fd55::1/64 that carries the multicast routes; its peer mc0p has no address, so what is sent
/// there goes nowhere), then runs multicast_chat ($1): IPv4 and IPv6, on the default route and
/// bound to the interface address, in one process (`both`) and as two processes.
const NETNS_SCRIPT: &str = r#"
set -e
ip link set lo up
ip link add mc0 type veth peer name mc0p
echo 1 > /proc/sys/net/ipv6/conf/mc0p/disable_ipv6
ip link set mc0 up
ip link set mc0p up
ip addr add 10.55.0.1/24 dev mc0
ip -6 addr add fd55::1/64 dev mc0 nodad
ip route add 224.0.0.0/4 dev mc0
exe=$1
log=$2
"$exe" both -q
"$exe" both -6 -q
"$exe" both -i 10.55.0.1 -n 30 -d 5 -q
"$exe" both -6 -i fd55::1 -g ff15::42:7 -p 6150 -t 2 -q
# Two processes: a receiver that learns the count from the messages, and a sender.
"$exe" receiver -q > "$log" 2>&1 &
receiver=$!
tries=0
until grep -q joined "$log"; do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { cat "$log"; echo "the receiver did not join"; exit 1; }
    sleep 0.1
done
"$exe" sender -n 25
status=0
wait $receiver || status=$?
cat "$log"
exit $status
"#;

/// multicast_chat, built against include/compat (AddressSanitizer on), run under `unshare -n`
/// in a network namespace of its own, which the kernel deletes when the run ends. Creating it
/// needs root: without root the test says so loudly and passes (CI runs it as root).
#[test]
fn multicast_chat_runs_in_a_private_network_namespace() {
    if !is_root() {
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! WARNING: multicast_chat was SKIPPED: running it needs root (it multicasts only \
             inside a private network namespace). CI runs it as root. !!!\n"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib_dir = support::library_dir(false);
    let out_dir = lib_dir.join("examples-netns");
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join("multicast_chat");
    support::compile_c(&support::CBuild {
        source: &root.join("examples/multicast_chat.c"),
        output: &exe,
        lib_dir: &lib_dir,
        includes: &[],
        cplusplus: false,
        sanitize: true,
        shared: false,
        precompiled: None,
    })
    .unwrap_or_else(|e| panic!("multicast_chat: {e}"));
    let log = out_dir.join("receiver.log");
    let out = support::run_bounded(
        Command::new("unshare")
            .args(["-n", "sh", "-c", NETNS_SCRIPT, "sh"])
            .arg(&exe)
            .arg(&log)
            .env("ASAN_OPTIONS", "detect_leaks=1"),
        Duration::from_secs(120),
    )
    .expect("run unshare (util-linux)");
    let stdout = &out.stdout;
    print!("{stdout}");
    assert!(
        out.success(),
        "multicast_chat failed in its network namespace: {:?} (None: still running after 120 s)\n{stdout}\n{}",
        out.status,
        out.stderr
    );
    assert_eq!(
        stdout.matches("multicast_chat: OK").count(),
        6,
        "four `both` runs, a receiver and a sender, each ending OK"
    );
}
