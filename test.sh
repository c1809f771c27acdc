#!/usr/bin/env bash
# The README's second command: installs the tools the tests need (scripts/tools.sh test: CMake,
# Ninja, pkg-config, valgrind, iproute2, mingw-w64, ...; apt-get as root or through sudo), then
# runs every test: `cargo test` (Rust unit tests, the C tests, header and symbol checks, the
# CMake/pkg-config consumers, the packages, the demo). Arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> tools (scripts/tools.sh test)"
scripts/tools.sh test
if [ "${WS2MP_SETUP_DRY_RUN:-0}" = 1 ]; then
    echo "WS2MP_SETUP_DRY_RUN=1: would now run cargo test $*"
    exit 0
fi
echo "==> cargo test $*"
exec cargo test "$@"
