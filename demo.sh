#!/usr/bin/env bash
# The README's first command: builds ws2mp (cargo build --release) and examples/conference.c
# (an unchanged Winsock program, compiled with cc against include/compat and libws2mp.a), then
# runs the rooted conference on loopback — a root and three leaf processes (alice, bob, carol),
# plus mallory, whom the root refuses — printing the session as it happens. Exits non-zero if
# any process fails. Needs only cargo and a C compiler: scripts/tools.sh demo installs cc when
# it is missing. Cargo's target directory is CARGO_TARGET_DIR or target/, as for `cargo build`.
set -euo pipefail
cd "$(dirname "$0")"

scripts/tools.sh demo
if [ "${WS2MP_SETUP_DRY_RUN:-0}" = 1 ]; then
    echo "WS2MP_SETUP_DRY_RUN=1: would now build and run the conference"
    exit 0
fi
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
echo "--- cargo build --release --lib"
cargo build --release --lib --locked --quiet --target-dir "$target_dir"
mkdir -p build/demo
bin=build/demo/conference
# The static library and the native libraries Rust's standard library needs.
libs=(-lpthread -ldl -lm)
if [ "$(uname -s)" = Linux ]; then
    libs+=(-lrt -lutil)
fi
echo "--- cc examples/conference.c -> $bin"
cc -std=gnu11 -O2 -Wall -Wextra -Iinclude/compat examples/conference.c \
    "$target_dir/release/libws2mp.a" "${libs[@]}" -o "$bin"
port=${1:-$((20000 + RANDOM % 20000))}

echo "--- rooted conference on 127.0.0.1:$port ($bin)"
"$bin" root "$port" 3 &
pids=($!)
sleep 0.3
for name in alice bob carol mallory; do
    "$bin" leaf "$port" "$name" &
    pids+=($!)
    sleep 0.2
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
if [ "$status" -eq 0 ]; then
    echo "--- conference over: every process exited 0"
else
    echo "--- conference FAILED: a process exited non-zero"
fi
exit "$status"
