/* A stand-in for Windows' bcryptprimitives.dll, for wine 8.0, which lacks it.
 *
 * Rust's std (1.78 and later) and the Go runtime (1.22 and later, and every
 * Go built by a new enough toolchain) import ProcessPrng from this DLL to
 * get random bytes. Without it, under wine 8.0 a Rust .exe exits with 53
 * and no message, and Go dies with "fatal error: bcryptprimitives.dll not
 * found". ProcessPrng fills the buffer and always succeeds on Windows; here
 * it forwards to RtlGenRandom (advapi32's SystemFunction036), which wine
 * has, in chunks that fit its ULONG length.
 *
 * The tests build it with mingw-w64 into their private wine prefix's
 * drive_c/windows/system32 (Go loads it from there only):
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *     bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
