/* The Win32 odds and ends a legacy multithreaded socket server calls at start-up, as it
 * calls them: it asks the user's locale for the decimal and thousands separators to format
 * its statistics (GetLocaleInfoA, sizing the buffer first), the system locale for its ISO
 * language and country names (GetLocaleInfoW), and the ANSI code page (compared with
 * GetACP); it checks IsProcessorFeaturePresent for SSE2 before picking its checksum routine;
 * it keeps each worker's session block in fiber-local storage with a callback that frees the
 * block when the worker exits, or when the slot is freed at shutdown (FlsAlloc, FlsSetValue,
 * FlsGetValue, FlsFree); it polls GetAsyncKeyState(VK_ESCAPE) in its main loop (never down
 * here: there is no keyboard); and it allocates its buffers with <windowsx.h>'s
 * GlobalAllocPtr / GlobalReAllocPtr / GlobalFreePtr. Also the documented errors:
 * ERROR_INSUFFICIENT_BUFFER with the buffer holding what fits, ERROR_INVALID_FLAGS for an
 * unknown LCTYPE, ERROR_INVALID_PARAMETER for FLS index 0 and for a slot freed twice. */
#include <winsock2.h>
#include <windows.h>
#include <windowsx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static volatile LONG released;
static volatile LONG released_sum;

static VOID WINAPI release_session(PVOID data)
{
    InterlockedIncrement(&released);
    InterlockedExchangeAdd(&released_sum, (LONG)(INT_PTR)data);
}

static DWORD fls_slot;

static DWORD WINAPI worker(LPVOID param)
{
    if (!FlsSetValue(fls_slot, param))
        return 1;
    return FlsGetValue(fls_slot) == param ? 0 : 2;
}

static void locale(void)
{
    char dec[8], thousand[8], cp[8], small[4];
    WCHAR lang[16], country[16];
    DWORD number = 0;
    int need, n;

    need = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDECIMAL, NULL, 0);
    CHECK_EQ(need, 2, "GetLocaleInfoA with no buffer: the size, the NUL counted");
    n = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_SDECIMAL, dec, sizeof(dec));
    CHECK(n == 2 && strcmp(dec, ".") == 0, "LOCALE_SDECIMAL is \".\"");
    n = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_STHOUSAND, thousand, sizeof(thousand));
    CHECK(n == 2 && strcmp(thousand, ",") == 0, "LOCALE_STHOUSAND is \",\"");
    n = GetLocaleInfoA(LOCALE_SYSTEM_DEFAULT, LOCALE_SENGLANGUAGE, NULL, 0);
    CHECK_EQ(n, 8, "LOCALE_SENGLANGUAGE is \"English\" (8 with its NUL)");
    memset(small, 'x', sizeof(small));
    SetLastError(0);
    n = GetLocaleInfoA(LOCALE_SYSTEM_DEFAULT, LOCALE_SENGLANGUAGE, small, 3);
    CHECK(n == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "too small: 0 with ERROR_INSUFFICIENT_BUFFER");
    CHECK(memcmp(small, "Eng", 3) == 0 && small[3] == 'x', "and the buffer holds what fits, as on Windows");
    n = GetLocaleInfoA(LOCALE_USER_DEFAULT, LOCALE_IDEFAULTANSICODEPAGE, cp, sizeof(cp));
    CHECK(n > 1 && (UINT)atoi(cp) == GetACP(), "LOCALE_IDEFAULTANSICODEPAGE is GetACP's code page");
    n = GetLocaleInfoW(LOCALE_SYSTEM_DEFAULT, LOCALE_SISO639LANGNAME, lang, 16);
    CHECK(n == 3 && lang[0] == 'e' && lang[1] == 'n' && lang[2] == 0, "GetLocaleInfoW LOCALE_SISO639LANGNAME: en");
    n = GetLocaleInfoW(LOCALE_SYSTEM_DEFAULT, LOCALE_SISO3166CTRYNAME, country, 16);
    CHECK(n == 3 && country[0] == 'U' && country[1] == 'S' && country[2] == 0, "LOCALE_SISO3166CTRYNAME: US");
    n = GetLocaleInfoW(LOCALE_USER_DEFAULT, LOCALE_ILANGUAGE | LOCALE_RETURN_NUMBER, (LPWSTR)&number,
                       sizeof(number) / sizeof(WCHAR));
    CHECK(n == 2 && number == GetUserDefaultLCID(), "LOCALE_RETURN_NUMBER gives the LCID as a DWORD");
    SetLastError(0);
    n = GetLocaleInfoA(LOCALE_USER_DEFAULT, 0x7777, dec, sizeof(dec));
    CHECK(n == 0 && GetLastError() == ERROR_INVALID_FLAGS, "an unknown LCTYPE: ERROR_INVALID_FLAGS");
}

static void processor(void)
{
#if defined(_M_X64) || defined(__x86_64__)
    CHECK(IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE), "SSE2 on x64");
    CHECK(IsProcessorFeaturePresent(PF_XMMI_INSTRUCTIONS_AVAILABLE), "SSE on x64");
    CHECK(IsProcessorFeaturePresent(PF_RDTSC_INSTRUCTION_AVAILABLE), "RDTSC on x64");
    CHECK(IsProcessorFeaturePresent(PF_COMPARE_EXCHANGE_DOUBLE), "CMPXCHG8B on x64");
    CHECK(!IsProcessorFeaturePresent(PF_ARM_NEON_INSTRUCTIONS_AVAILABLE), "no NEON on x64");
    if (IsProcessorFeaturePresent(PF_AVX2_INSTRUCTIONS_AVAILABLE))
        CHECK(IsProcessorFeaturePresent(PF_AVX_INSTRUCTIONS_AVAILABLE), "AVX2 implies AVX");
#elif defined(_M_ARM64) || defined(__aarch64__)
    CHECK(IsProcessorFeaturePresent(PF_ARM_V8_INSTRUCTIONS_AVAILABLE), "ARMv8 on ARM64");
    CHECK(!IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE), "no SSE2 on ARM64");
#endif
    CHECK(!IsProcessorFeaturePresent(PF_FLOATING_POINT_EMULATED), "floating point is not emulated");
    CHECK(!IsProcessorFeaturePresent(1000), "an unknown feature is absent");
}

static void fiber_local_storage(void)
{
    HANDLE threads[3];
    int i;
    DWORD code;

    fls_slot = FlsAlloc(release_session);
    REQUIRE(fls_slot != FLS_OUT_OF_INDEXES && fls_slot != 0, "FlsAlloc gives an index (never 0)");
    SetLastError(ERROR_INVALID_HANDLE);
    CHECK(FlsGetValue(fls_slot) == NULL && GetLastError() == ERROR_SUCCESS, "a new slot reads NULL, ERROR_SUCCESS");
    for (i = 0; i < 3; i++) {
        threads[i] = CreateThread(NULL, 0, worker, (LPVOID)(INT_PTR)(10 << i), 0, NULL);
        REQUIRE(threads[i] != NULL, "CreateThread");
    }
    WaitForMultipleObjects(3, threads, TRUE, INFINITE);
    for (i = 0; i < 3; i++) {
        CHECK(GetExitCodeThread(threads[i], &code) && code == 0, "the worker stored and read its session");
        CloseHandle(threads[i]);
    }
    CHECK_EQ(released, 3, "each worker's exit called the callback once");
    CHECK_EQ(released_sum, 10 + 20 + 40, "with the worker's own value");

    CHECK(FlsSetValue(fls_slot, (PVOID)(INT_PTR)5), "the main thread stores a session");
    CHECK(FlsGetValue(fls_slot) == (PVOID)(INT_PTR)5, "and reads it back");
    CHECK(FlsFree(fls_slot), "FlsFree");
    CHECK_EQ(released, 4, "FlsFree called the callback for the main thread's value");
    CHECK_EQ(released_sum, 75, "with that value");
    SetLastError(0);
    CHECK(!FlsFree(fls_slot) && GetLastError() == ERROR_INVALID_PARAMETER, "a second FlsFree: ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(FlsGetValue(0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "index 0: ERROR_INVALID_PARAMETER");
    CHECK(!FlsSetValue(0, (PVOID)1), "FlsSetValue(0) fails");
}

static void keyboard_and_memory(void)
{
    char *buf;
    int polls;

    for (polls = 0; polls < 3; polls++)
        if (GetAsyncKeyState(VK_ESCAPE) & 0x8000)
            break;
    CHECK_EQ(polls, 3, "Esc is never down (no keyboard here)");
    CHECK_EQ(GetKeyState(VK_CAPITAL) & 1, 0, "Caps Lock is not toggled");

    buf = (char *)GlobalAllocPtr(GHND, 64);
    REQUIRE(buf != NULL, "GlobalAllocPtr");
    CHECK(buf[0] == 0 && buf[63] == 0, "GHND memory is zeroed");
    strcpy(buf, "session table");
    CHECK(GlobalPtrHandle(buf) != NULL, "GlobalPtrHandle");
    buf = (char *)GlobalReAllocPtr(buf, 4096, GMEM_MOVEABLE);
    REQUIRE(buf != NULL, "GlobalReAllocPtr grows it");
    CHECK(strcmp(buf, "session table") == 0, "the contents move along");
    CHECK(!GlobalFreePtr(buf), "GlobalFreePtr: FALSE when freed");
    CHECK_EQ(GET_X_LPARAM(MAKELPARAM(-5, 7)), -5, "GET_X_LPARAM is signed");
    CHECK_EQ(GET_Y_LPARAM(MAKELPARAM(-5, 7)), 7, "GET_Y_LPARAM");
}

int main(void)
{
    locale();
    processor();
    fiber_local_storage();
    keyboard_and_memory();
    return check_done();
}
