#!/usr/bin/env bash
# Builds ws2mp and its examples with CMake (in build/demo) and runs the demo program.
# Arguments are passed to the demo. Cargo's target/ directory is shared with `cargo build`.
set -euo pipefail
cd "$(dirname "$0")"

DEMO=udp_echo

cmake -S . -B build/demo -DCMAKE_BUILD_TYPE=Release -DWS2MP_BUILD_EXAMPLES=ON \
    -DWS2MP_CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" >/dev/null
cmake --build build/demo --parallel
echo "--- running build/demo/examples/$DEMO"
exec "build/demo/examples/$DEMO" "$@"
