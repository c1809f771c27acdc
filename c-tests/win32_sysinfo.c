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
    {
        /* GetComputerNameEx: the DNS names agree with gethostname and with each other. */
        WSADATA wsa;
        char host[256], dns[256], domain[256], full[512], netbios[MAX_COMPUTERNAME_LENGTH + 1];
        char netbios_ex[MAX_COMPUTERNAME_LENGTH + 1], tiny[1];
        WCHAR wide[256];
        DWORD n = sizeof(dns), nd = sizeof(domain), nf = sizeof(full), nb = sizeof(netbios), nbx = sizeof(netbios_ex);
        DWORD nw = 256, need = sizeof(tiny), i;
        BOOL same = TRUE;
        REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0 && gethostname(host, sizeof(host)) == 0, "gethostname");
        CHECK(GetComputerNameExA(ComputerNameDnsHostname, dns, &n), "GetComputerNameExA(ComputerNameDnsHostname)");
        CHECK_EQ(n, strlen(dns), "... reports the length without the terminator");
        CHECK(strncmp(host, dns, n) == 0 && (host[n] == '\0' || host[n] == '.'),
              "... is the host name gethostname gives (up to a first dot)");
        CHECK(GetComputerNameExA(ComputerNameDnsDomain, domain, &nd), "ComputerNameDnsDomain (may be empty)");
        CHECK(GetComputerNameExA(ComputerNameDnsFullyQualified, full, &nf), "ComputerNameDnsFullyQualified");
        CHECK(strncmp(full, dns, n) == 0 && (nd == 0 ? full[n] == '\0' : (full[n] == '.' && strcmp(full + n + 1, domain) == 0)),
              "... is the host name, then the domain when there is one");
        CHECK(GetComputerNameA(netbios, &nb) && GetComputerNameExA(ComputerNameNetBIOS, netbios_ex, &nbx) &&
                  strcmp(netbios, netbios_ex) == 0,
              "ComputerNameNetBIOS is GetComputerName's name");
        CHECK(GetComputerNameExW(ComputerNameDnsHostname, wide, &nw) && nw == n, "GetComputerNameExW agrees on the length");
        for (i = 0; i <= n && i < 256; i++)
            same = same && wide[i] == (WCHAR)(unsigned char)dns[i];
        CHECK(same, "... and on the characters");
        CHECK(!GetComputerNameExA(ComputerNameDnsHostname, tiny, &need), "a buffer too small fails");
        CHECK_EQ(GetLastError(), ERROR_MORE_DATA, "... with ERROR_MORE_DATA");
        CHECK_EQ(need, n + 1, "... and the size needed, terminator included");
        need = sizeof(dns);
        CHECK(!GetComputerNameExA(ComputerNameMax, dns, &need), "ComputerNameMax is not a format");
        CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
        WSACleanup();
    }
    return check_done();
}
