#!/usr/bin/env bash
# Installs the system tools one of the README's two commands needs, on Debian/Ubuntu:
#
#   scripts/tools.sh demo   what ./demo.sh needs: a C compiler (cargo builds the library)
#   scripts/tools.sh test   what ./test.sh (`cargo test`) needs: CMake, Ninja, pkg-config,
#                           valgrind, iproute2, binutils, g++, mingw-w64, dpkg-dev, file,
#                           nftables, and gcc's AddressSanitizer/UBSan runtimes
#
# This file is the one install list: ./demo.sh and ./test.sh run it, and .ci/run runs
# ./test.sh. Tools already present are found and skipped. Missing ones are installed with
# apt-get, as root or through sudo; when neither is possible (or there is no apt-get) it
# prints the command to run and exits 1.
#
# WS2MP_SETUP_DRY_RUN=1: find what is missing and print what would be run, change nothing
# (tests/setup_scripts.rs checks the scripts this way, with tools hidden from PATH).
set -euo pipefail

need=${1:?usage: scripts/tools.sh demo|test}
dry_run=${WS2MP_SETUP_DRY_RUN:-0}

# command -> Debian package
declare -A wanted
case "$need" in
demo)
    wanted=([cc]=gcc)
    ;;
test)
    wanted=([cc]=gcc [c++]=g++ [cmake]=cmake [ninja]=ninja-build [pkg-config]=pkg-config
            [ip]=iproute2 [valgrind]=valgrind [readelf]=binutils
            [dpkg-shlibdeps]=dpkg-dev [file]=file [nft]=nftables
            [x86_64-w64-mingw32-gcc]=gcc-mingw-w64-x86-64
            [x86_64-w64-mingw32-g++]=g++-mingw-w64-x86-64)
    # (mingw-w64 builds the examples and the C tests, C and C++, against Windows' own headers:
    # proof they are Winsock code;
    # dpkg-dev and file are what CPack's Debian packages need; nftables drops packets between
    # the namespaces of the rooted fault test.)
    ;;
*)
    echo "scripts/tools.sh: unknown set '$need' (demo or test)" >&2
    exit 2
    ;;
esac

missing=()
for cmd in $(printf '%s\n' "${!wanted[@]}" | sort); do
    if command -v "$cmd" >/dev/null 2>&1; then
        echo "found $cmd: $(command -v "$cmd")"
    else
        echo "missing $cmd (package ${wanted[$cmd]})"
        missing+=("${wanted[$cmd]}")
    fi
done

# The C tests link gcc's AddressSanitizer and UBSan runtimes (libgcc-N-dev carries them).
sanitizers_ok() {
    local dir status=0
    dir=$(mktemp -d)
    echo 'int main(void) { return 0; }' >"$dir/t.c"
    gcc -fsanitize=address,undefined "$dir/t.c" -o "$dir/t" >/dev/null 2>&1 || status=1
    rm -rf "$dir"
    return "$status"
}
if [ "$need" = test ] && command -v gcc >/dev/null 2>&1 && ! sanitizers_ok; then
    gcc_major=$(gcc -dumpversion | cut -d. -f1)
    echo "missing the sanitizer runtimes (package libgcc-$gcc_major-dev)"
    missing+=("libgcc-$gcc_major-dev")
fi

if [ "${#missing[@]}" -eq 0 ]; then
    echo "all tools present"
    exit 0
fi

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install the packages above (Debian names: ${missing[*]}) with your" \
        "system's package manager, then run this again." >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "Missing tools, and this is not root and there is no sudo. As root, run:" >&2
    echo "  apt-get update && ${install[*]}" >&2
    exit 1
fi

run() {
    printf '+ %s\n' "$*"
    if [ "$dry_run" = 1 ]; then
        return 0
    fi
    "$@"
}
export DEBIAN_FRONTEND=noninteractive
run "${as_root[@]}" apt-get update -qq
run "${as_root[@]}" "${install[@]}"
if [ "$dry_run" = 1 ]; then
    echo "WS2MP_SETUP_DRY_RUN=1: nothing was installed"
    exit 0
fi
if [ "$need" = test ] && ! sanitizers_ok; then
    echo "gcc still cannot link -fsanitize=address,undefined after the install" >&2
    exit 1
fi
echo "installed: ${missing[*]}"
