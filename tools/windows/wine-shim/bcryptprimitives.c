/* A stand-in for Windows' bcryptprimitives.dll, for testing under Wine < 8.13 only (Debian 12
 * ships Wine 8.0). Rust's standard library (1.78 and later) imports ProcessPrng from it for its
 * random hash keys; every Windows 10 or 11 has the real DLL, so this file is never shipped with
 * gd-atlas.exe. tools/windows/wine-env.sh builds it and copies it into the Wine prefix's
 * system32. ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036),
 * which Wine implements. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
