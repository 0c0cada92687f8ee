#!/usr/bin/env bash
# Cross-builds the self-contained Windows executable `gd-atlas.exe` on Debian (issue 23).
#
#   tools/windows/build.sh            # debug profile (what the comparisons use)
#   tools/windows/build.sh --release  # release profile (what users get)
#
# Installs what it needs first (idempotent; needs root for apt-get):
#   Debian: gcc-mingw-w64-x86-64 (linker and the C compiler for mimalloc/ring)
#   rustup: the x86_64-pc-windows-gnu standard library
# The exe lands in target/x86_64-pc-windows-gnu/<profile>/gd-atlas.exe, next to the Linux
# build's target/<profile>/; nothing else is needed beside it (data and fonts are embedded).
# With --release, target/windows-dist/gd-atlas.exe is the same exe without symbols: ship that.
# The linker settings are given here through cargo's environment variables, not a
# .cargo/config.toml, so an ordinary `cargo build` / `cargo test` is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."

profile=debug
cargo_args=()
for arg in "$@"; do
    case "$arg" in
        --release) profile=release; cargo_args+=(--release) ;;
        *) echo "build.sh: unknown argument $arg (only --release)" >&2; exit 2 ;;
    esac
done

target=x86_64-pc-windows-gnu
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    echo "build.sh: installing the MinGW-w64 cross compiler (Debian gcc-mingw-w64-x86-64)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc-mingw-w64-x86-64 >&2
fi
if ! rustup target list --installed | grep -qx "$target"; then
    rustup target add "$target" >&2
fi

# The GNU toolchain's own runtime DLLs (libgcc_s_seh-1, libwinpthread-1, libstdc++-6) are linked
# statically, so the exe imports only DLLs that every Windows has (checked below).
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static -C link-arg=-static -C link-arg=-static-libgcc"
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar

cargo build --target "$target" --bin gd-atlas "${cargo_args[@]}"

exe="target/$target/$profile/gd-atlas.exe"
# Every DLL the exe imports must be a Windows system DLL (or an API set, api-ms-win-*).
allowed='^(kernel32|combase|ktmw32|rpcrt4|shlwapi|user32|gdi32|opengl32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|imm32|dwmapi|uxtheme|ws2_32|bcrypt|bcryptprimitives|ntdll|userenv|winmm|shcore|secur32|crypt32|ncrypt|propsys|uiautomationcore|dbghelp|msvcrt|ucrtbase|version|setupapi|hid|winspool|iphlpapi|dwrite|d2d1|windowscodecs|msimg32|cfgmgr32|powrprof|synchronization|api-ms-win-[a-z0-9-]+)\.dll$'
imports=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | sort -u)
bad=$(printf '%s\n' "$imports" | grep -viE "$allowed" || true)
if [ -n "$bad" ]; then
    echo "build.sh: $exe imports DLLs that Windows does not have: $(echo $bad)" >&2
    exit 1
fi
echo "$exe: $(stat -c %s "$exe") bytes; imports $(echo $imports)"
if [ "$profile" = release ]; then
    # What to hand out: the same exe without its symbol table (a fifth of the file; backtraces
    # then show addresses only). Cargo's own output is left as it is.
    mkdir -p target/windows-dist
    x86_64-w64-mingw32-strip -o target/windows-dist/gd-atlas.exe "$exe"
    echo "target/windows-dist/gd-atlas.exe: $(stat -c %s target/windows-dist/gd-atlas.exe) bytes (symbols stripped)"
fi
