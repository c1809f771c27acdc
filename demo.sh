#!/usr/bin/env bash
# The README's first command: builds ws2mp and its examples with CMake (in build/demo) and runs
# the rooted conference on loopback — a root and three leaf processes (alice, bob, carol), plus
# mallory, whom the root refuses — printing the session as it happens. Exits non-zero if any
# process fails. Cargo's target/ directory is shared with `cargo build`.
set -euo pipefail
cd "$(dirname "$0")"

cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DWS2MP_BUILD_EXAMPLES=ON \
    -DWS2MP_CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" >/dev/null
cmake --build build/demo --parallel >/dev/null
bin=build/demo/examples/conference
port=${1:-$((20000 + RANDOM % 20000))}

echo "--- rooted conference on 127.0.0.1:$port (build/demo/examples/conference)"
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
