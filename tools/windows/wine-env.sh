# Sourced by the scripts beside it (compare.sh, bench.sh, window.sh): the Wine environment the
# Windows build is tested in on Debian 12 (issue 23). Installs Debian `wine`/`wine64` when
# missing (root), makes the prefix $WINEPREFIX (default ~/.wine-gd-atlas) on first use, and puts
# the bcryptprimitives.dll stand-in (wine-shim/, see its source) into the prefix: Wine 8.0 lacks
# that DLL, which every Windows 10/11 has and which Rust's standard library imports.
export LC_ALL=C.UTF-8
export WINEPREFIX=${WINEPREFIX:-$HOME/.wine-gd-atlas}
# -all: no Wine diagnostics on stderr (the comparisons read stderr); set WINEDEBUG=+wgl etc. to
# diagnose. No Mono/Gecko installation prompts (the app needs neither).
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}

wine_env_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v wine >/dev/null || [ ! -x /usr/lib/wine/wine64 ]; then
    echo "wine-env.sh: installing Wine (Debian wine, wine64)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wine wine64 >&2
fi
if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
    echo "wine-env.sh: making the Wine prefix $WINEPREFIX" >&2
    wineboot -i >/dev/null 2>&1
fi
wine_shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
# Wine has its own bcryptprimitives.dll from 8.13 on.
wine_version=$(wine --version 2>/dev/null | sed -n 's/^wine-\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
if [ ! -f "$wine_shim" ] && [ -n "$wine_version" ] && [ "$(echo "$wine_version" | awk '{print ($1 < 8 || ($1 == 8 && $2 < 13))}')" = 1 ]; then
    command -v x86_64-w64-mingw32-gcc >/dev/null || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q gcc-mingw-w64-x86-64 >&2
    }
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$wine_shim" \
        "$wine_env_dir/wine-shim/bcryptprimitives.c" "$wine_env_dir/wine-shim/bcryptprimitives.def" -ladvapi32
fi
