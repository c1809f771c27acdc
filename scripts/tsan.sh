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
cargo +nightly test -Zbuild-std --target "$target" --lib --locked
echo "==> the static library under TSan"
cargo +nightly build -Zbuild-std --target "$target" --lib --locked
lib="$CARGO_TARGET_DIR/$target/debug/libws2mp.a"
runtime=$(ls "$(rustc +nightly --print target-libdir --target "$target")"/librustc-*_rt.tsan.a)

out="$CARGO_TARGET_DIR/c-tests"
mkdir -p "$out"
failed=()
count=0
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
    timeout=$(head -n 30 "$src" | sed -n 's/.*ws2mp-test:.*timeout=\([0-9]*\).*/\1/p' | head -n 1)
    count=$((count + 1))
    t0=$SECONDS
    gcc -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=thread -Iinclude/compat -Ic-tests \
        -c "$src" -o "$out/$name.o"
    gcc "$out/$name.o" -Wl,--whole-archive "$runtime" -Wl,--no-whole-archive "$lib" \
        -lpthread -ldl -lm -lrt -o "$out/$name"
    status=0
    timeout -k 10 "$(( ${timeout:-60} * 3 ))" "$out/$name" >"$out/$name.log" 2>&1 </dev/null || status=$?
    if [ "$status" != 0 ] || grep -q '^not ok ' "$out/$name.log"; then
        echo "c-test $name under TSan ... FAILED (exit $status, $((SECONDS - t0))s)"
        sed 's/^/    | /' "$out/$name.log"
        failed+=("$name")
    else
        echo "c-test $name under TSan ... ok ($((SECONDS - t0))s)"
        rm -f "$out/$name" "$out/$name.o"   # tens of MB each; a failed test's binary stays
    fi
done
echo "tsan: $count C tests, ${#failed[@]} failed, in $((SECONDS - started))s"
[ "${#failed[@]}" = 0 ]
