/* GlobalMemoryStatusEx and GlobalMemoryStatus as a Windows program uses them (to size caches
 * and buffers): dwLength must be set to sizeof(MEMORYSTATUSEX), otherwise FALSE with
 * ERROR_INVALID_PARAMETER and nothing written; the figures are consistent (available never
 * above total, a load in percent, the 128 TB address space of a 64-bit process); the old
 * GlobalMemoryStatus sets dwLength itself and agrees. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

int main(void)
{
    MEMORYSTATUSEX ms;
    MEMORYSTATUS old;
    DWORDLONG mb;

    CHECK_EQ(sizeof(MEMORYSTATUSEX), 64, "MEMORYSTATUSEX is 64 bytes");

    memset(&ms, 0xAB, sizeof(ms));
    ms.dwLength = sizeof(ms) - 1;
    SetLastError(0);
    CHECK_EQ(GlobalMemoryStatusEx(&ms), FALSE, "GlobalMemoryStatusEx with a wrong dwLength fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(ms.ullTotalPhys == 0xABABABABABABABABull, "... and writes nothing");
    ms.dwLength = 0;
    CHECK_EQ(GlobalMemoryStatusEx(&ms), FALSE, "dwLength 0 fails too");

    memset(&ms, 0, sizeof(ms));
    ms.dwLength = sizeof(ms);
    CHECK_EQ(GlobalMemoryStatusEx(&ms), TRUE, "GlobalMemoryStatusEx with dwLength = sizeof(MEMORYSTATUSEX)");
    CHECK_EQ(ms.dwLength, sizeof(ms), "... dwLength is kept");
    mb = ms.ullTotalPhys / (1024 * 1024);
    printf("# %lu MB of RAM, %lu MB available, load %lu%%\n", (unsigned long)mb,
           (unsigned long)(ms.ullAvailPhys / (1024 * 1024)), (unsigned long)ms.dwMemoryLoad);
    CHECK(mb >= 64, "total physical memory is plausible (at least 64 MB)");
    CHECK(ms.ullAvailPhys > 0 && ms.ullAvailPhys <= ms.ullTotalPhys, "available physical memory is within the total");
    CHECK(ms.dwMemoryLoad <= 100, "dwMemoryLoad is a percentage");
    CHECK(ms.ullTotalPageFile >= ms.ullTotalPhys, "the commit limit includes the RAM");
    CHECK(ms.ullAvailPageFile <= ms.ullTotalPageFile, "available commit is within the limit");
    CHECK(ms.ullTotalVirtual == 0x7FFFFFFE0000ull, "the user address space of a 64-bit process (128 TB)");
    CHECK(ms.ullAvailVirtual > 0 && ms.ullAvailVirtual <= ms.ullTotalVirtual, "available virtual memory is within it");
    CHECK_EQ(ms.ullAvailExtendedVirtual, 0, "ullAvailExtendedVirtual is 0");

    memset(&old, 0, sizeof(old));
    GlobalMemoryStatus(&old);
    CHECK_EQ(old.dwLength, sizeof(old), "GlobalMemoryStatus sets dwLength");
    CHECK(old.dwTotalPhys == (SIZE_T)ms.ullTotalPhys, "... and reports the same RAM");
    CHECK(old.dwTotalVirtual == (SIZE_T)ms.ullTotalVirtual, "... and address space");
    CHECK(old.dwMemoryLoad <= 100, "... and a percentage load");
    return check_done();
}
