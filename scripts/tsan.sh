#!/usr/bin/env bash
# ThreadSanitizer run: the library's unit tests, then the C tests that start threads, under TSan.
#
#   scripts/tsan.sh [NAME...]   (NAME: only the C tests whose file name contains NAME)
#
# Needs the nightly toolchain with rust-src (added when missing: -Zsanitizer=thread rebuilds std
# with -Zbuild-std), gcc and timeout. The library is built with -Zsanitizer=thread into
# target/tsan; each C test is compiled by gcc with -fsanitize=thread and linked with rustc's own
# TSan runtime (one runtime for the C and the Rust side; gcc's libtsan is not linked). A test
# fails on a race report (TSan's exit status 66), a non-zero exit, or a "not ok" line.
# The C tests chosen are those that call CreateThread/_beginthread(ex), CreateProcess (its
# reaper threads) or timeSetEvent (callbacks on a thread of ws2mp's), or use the rooted provider
# (its engine thread); tests run under valgrind, needing root, forking (TSan does not follow a
# child forked from a threaded process) or counting the process's threads (TSan adds its own)
# are left out, and those whose directive says no-tsan (with the reason beside it).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
export CARGO_TARGET_DIR="$PWD/target/tsan"
export RUSTFLAGS="-Zsanitizer=thread"
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1"
started=$SECONDS

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
rustup component add rust-src --toolchain nightly

echo "==> cargo +nightly test --lib under TSan"
# The rooted frame fuzzer runs on one thread (nothing for TSan to see): a short run here, the
# full million frames in ./test.sh.
WS2MP_FUZZ_FRAMES=${WS2MP_FUZZ_FRAMES:-20000} cargo +nightly test -Zbuild-std --target "$target" --lib --locked
echo "==> the static library under TSan"
cargo +nightly build -Zbuild-std --target "$target" --lib --locked
lib="$CARGO_TARGET_DIR/$target/debug/libws2mp.a"
runtime=$(ls "$(rustc +nightly --print target-libdir --target "$target")"/librustc-*_rt.tsan.a)

out="$CARGO_TARGET_DIR/c-tests"
mkdir -p "$out"
rm -f "$out"/*.failed

# The C flags of every test; -g1 (line tables) is enough for TSan's reports to name lines.
cflags=(-std=gnu11 -Wall -Wextra -Werror -O1 -g1 -fsanitize=thread)
# <winsock2.h> and <windows.h> precompiled with those flags (as tests/support does for the C
# tests): a test whose first include is one of them reads the precompiled form when the macros
# defined before it do not change it, and the header itself (the `#include_next` beside it)
# otherwise.
pch="$out/precompiled"
mkdir -p "$pch/sources"
for header in winsock2.h windows.h; do
    echo "#include_next <$header>" >"$pch/$header"
    echo "#include <$header>" >"$pch/sources/$header"
    gcc "${cflags[@]}" -Iinclude/compat -x c-header "$pch/sources/$header" -o "$pch/$header.gch"
done

# Builds and runs one C test; its report is printed whole (under a lock: tests run side by
# side), and a failure leaves NAME.failed and the binary.
run_one() {
    local src=$1 name timeout t0 status=0 report
    name=$(basename "$src" .c)
    timeout=$(head -n 30 "$src" | sed -n 's/.*ws2mp-test:.*timeout=\([0-9]*\).*/\1/p' | head -n 1)
    t0=$SECONDS
    report="$out/$name.report"
    # A test with a pragma is compiled without them (GCC does not keep a header's unit-wide
    # `#pragma GCC diagnostic` in the precompiled form: see tests/support).
    local precompiled=(-I"$pch")
    grep -q '^[[:space:]]*#[[:space:]]*pragma\|_Pragma' "$src" && precompiled=()
    if ! { gcc "${cflags[@]}" "${precompiled[@]}" -Iinclude/compat -Ic-tests -c "$src" -o "$out/$name.o" &&
        gcc "$out/$name.o" -Wl,--whole-archive "$runtime" -Wl,--no-whole-archive "$lib" \
            -lpthread -ldl -lm -lrt -o "$out/$name"; } >"$out/$name.log" 2>&1; then
        status=build
    else
        timeout -k 10 "$(( ${timeout:-60} * 3 ))" "$out/$name" >"$out/$name.log" 2>&1 </dev/null ||
            status=$?
    fi
    if [ "$status" != 0 ] || grep -q '^not ok ' "$out/$name.log"; then
        { echo "c-test $name under TSan ... FAILED (exit $status, $((SECONDS - t0))s)"
          sed 's/^/    | /' "$out/$name.log"; } >"$report"
        touch "$out/$name.failed"
    else
        echo "c-test $name under TSan ... ok ($((SECONDS - t0))s)" >"$report"
        rm -f "$out/$name" "$out/$name.o"   # tens of MB each; a failed test's binary stays
    fi
    flock "$out/.print" cat "$report"
}

# The tests chosen (see the top of this file), run WS2MP_TSAN_JOBS at a time (default: one
# more than the CPUs, as most of a test's time is spent waiting).
chosen=()
for src in c-tests/*.c; do
    name=$(basename "$src" .c)
    if [ $# -gt 0 ]; then
        keep=0
        for want in "$@"; do [[ "$name" == *"$want"* ]] && keep=1; done
        [ "$keep" = 1 ] || continue
    fi
    head -n 30 "$src" | grep -q 'ws2mp-test:.*\(needs-root\|valgrind\|no-tsan\)' && continue
    grep -q 'CreateThread\|_beginthread\|CreateProcess\|timeSetEvent\|rmp\.h' "$src" || continue
    grep -q 'fork *(\|/proc/self/task' "$src" && continue
    chosen+=("$src")
done
jobs_max=${WS2MP_TSAN_JOBS:-$(( $(nproc) + 1 ))}
for src in "${chosen[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
    run_one "$src" &
done
wait
failed=$(find "$out" -maxdepth 1 -name '*.failed' | wc -l)
echo "tsan: ${#chosen[@]} C tests ($jobs_max at a time), $failed failed, in $((SECONDS - started))s"
if [ "$failed" != 0 ]; then
    echo "failed under TSan: $(cd "$out" && ls -- *.failed | sed 's/\.failed$//' | tr '\n' ' ')"
    exit 1
fi
