/* GetSystemInfo / GetNativeSystemInfo the way servers size their worker pools: "two threads a
 * processor", the page size for buffer pools, the union'd processor architecture. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

int main(void)
{
    SYSTEM_INFO si;
    SYSTEM_INFO native;
    DWORD threads;
    DWORD bits = 0;
    DWORD_PTR mask;

    CHECK_EQ(sizeof(SYSTEM_INFO), 48, "SYSTEM_INFO has Windows' Win64 size");
    memset(&si, 0xA5, sizeof(si));
    GetSystemInfo(&si);
    CHECK(si.dwNumberOfProcessors >= 1, "at least one processor");
    threads = si.dwNumberOfProcessors * 2;
    CHECK(threads >= 2 && threads <= 128, "two worker threads a processor is a sane count");
    for (mask = si.dwActiveProcessorMask; mask != 0; mask >>= 1)
        bits += (DWORD)(mask & 1);
    CHECK_EQ(bits, si.dwNumberOfProcessors, "the active mask has one bit a processor");
    CHECK(si.dwPageSize >= 4096 && (si.dwPageSize & (si.dwPageSize - 1)) == 0,
          "the page size is a power of two of at least 4 KiB");
    CHECK_EQ(si.dwAllocationGranularity, 65536, "allocation granularity is 64 KiB");
    CHECK((ULONG_PTR)si.lpMinimumApplicationAddress < (ULONG_PTR)si.lpMaximumApplicationAddress,
          "the application address range is not empty");
#if defined(__x86_64__) || defined(_M_X64)
    CHECK_EQ(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64, "x86-64 is AMD64");
    CHECK_EQ(si.dwProcessorType, PROCESSOR_AMD_X8664, "processor type AMD X8664");
#elif defined(__aarch64__) || defined(_M_ARM64)
    CHECK_EQ(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_ARM64, "arm64 is ARM64");
#endif
    CHECK_EQ(si.dwOemId & 0xffff, si.wProcessorArchitecture,
             "dwOemId shares its low word with wProcessorArchitecture");
    CHECK_EQ(si.wReserved, 0, "wReserved is 0");

    memset(&native, 0, sizeof(native));
    GetNativeSystemInfo(&native);
    CHECK_EQ(native.dwNumberOfProcessors, si.dwNumberOfProcessors,
             "GetNativeSystemInfo agrees for a 64-bit process");
    CHECK_EQ(native.wProcessorArchitecture, si.wProcessorArchitecture,
             "and on the architecture");

    {
        /* The computer name, sized the way programs size it. */
        char name[MAX_COMPUTERNAME_LENGTH + 1];
        char tiny[1];
        DWORD size = sizeof(name);
        DWORD need = sizeof(tiny);
        DWORD i;
        BOOL upper = TRUE;
        CHECK(GetComputerNameA(name, &size), "GetComputerNameA succeeds");
        CHECK(size >= 1 && size <= MAX_COMPUTERNAME_LENGTH && strlen(name) == size,
              "it reports the length without the terminator, at most MAX_COMPUTERNAME_LENGTH");
        for (i = 0; i < size; i++)
            upper = upper && !islower((unsigned char)name[i]) && name[i] != '.';
        CHECK(upper, "a NetBIOS-style name: capitals, no domain part");
        CHECK(!GetComputerNameA(tiny, &need), "a buffer too small fails");
        CHECK_EQ(GetLastError(), ERROR_BUFFER_OVERFLOW, "... with ERROR_BUFFER_OVERFLOW");
        CHECK_EQ(need, size + 1, "... and the size needed, terminator included");
    }
    return check_done();
}
