/* VirtualAlloc the way an IOCP server builds its buffer pool: one reserved region, pages
 * committed as the pool grows, each buffer used for a real receive on 127.0.0.1, pages
 * decommitted and the region released; and VirtualProtect, with Windows' errors. */
#include <winsock2.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#define POOL_BYTES (1024 * 1024)
#define BUFFER_BYTES 8192

int main(void)
{
    SYSTEM_INFO si;
    WSADATA wsa;
    SOCKET a, b;
    SOCKADDR_IN addr;
    int len = (int)sizeof(addr), i, zero = 1;
    char *pool, *buf, *p;
    DWORD old = 0;

    GetSystemInfo(&si);
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    pool = (char *)VirtualAlloc(NULL, POOL_BYTES, MEM_RESERVE, PAGE_NOACCESS);
    CHECK(pool != NULL, "VirtualAlloc(MEM_RESERVE) of the pool");
    CHECK(((UINT_PTR)pool % si.dwAllocationGranularity) == 0, "... at an allocation-granularity boundary");

    buf = (char *)VirtualAlloc(pool + BUFFER_BYTES, BUFFER_BYTES, MEM_COMMIT, PAGE_READWRITE);
    CHECK(buf == pool + BUFFER_BYTES, "MEM_COMMIT of a buffer inside the region returns its address");
    for (i = 0; i < BUFFER_BYTES; i++)
        zero &= buf[i] == 0;
    CHECK(zero, "committed pages read as zero");

    /* A datagram received into the committed buffer. */
    a = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(a, (SOCKADDR *)&addr, sizeof addr) == 0 && getsockname(a, (SOCKADDR *)&addr, &len) == 0, "bind");
    CHECK_EQ(sendto(b, "pool data", 9, 0, (SOCKADDR *)&addr, sizeof addr), 9, "sendto");
    CHECK_EQ(recv(a, buf, BUFFER_BYTES, 0), 9, "recv into the VirtualAlloc buffer");
    CHECK(memcmp(buf, "pool data", 9) == 0, "... the bytes are there");
    CHECK_EQ(sendto(b, "more", 4, 0, (SOCKADDR *)&addr, sizeof addr), 4, "sendto again");
    CHECK_EQ(recv(a, pool, 100, 0), SOCKET_ERROR, "recv into a reserved page that is not committed fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT, as on Windows");

    CHECK(VirtualProtect(buf, BUFFER_BYTES, PAGE_READONLY, &old) && old == PAGE_READWRITE,
          "VirtualProtect to PAGE_READONLY; the old protection is PAGE_READWRITE");
    CHECK(VirtualProtect(buf, BUFFER_BYTES, PAGE_READWRITE, &old) && old == PAGE_READONLY, "... and back");
    CHECK(!VirtualProtect(pool, 4096, PAGE_READWRITE, &old) && GetLastError() == ERROR_INVALID_ADDRESS,
          "VirtualProtect of reserved pages: ERROR_INVALID_ADDRESS");

    CHECK(VirtualFree(buf, BUFFER_BYTES, MEM_DECOMMIT), "MEM_DECOMMIT of the buffer");
    p = (char *)VirtualAlloc(buf, BUFFER_BYTES, MEM_COMMIT, PAGE_READWRITE);
    CHECK(p == buf && p[0] == 0 && p[8] == 0, "committed again, its pages read as zero");
    CHECK(!VirtualFree(pool, BUFFER_BYTES, MEM_RELEASE) && GetLastError() == ERROR_INVALID_PARAMETER,
          "MEM_RELEASE with a size: ERROR_INVALID_PARAMETER");
    CHECK(!VirtualFree(buf, 0, MEM_RELEASE) && GetLastError() == ERROR_INVALID_ADDRESS,
          "MEM_RELEASE of an address that is not the region's base: ERROR_INVALID_ADDRESS");
    CHECK(VirtualFree(pool, 0, MEM_RELEASE), "MEM_RELEASE of the whole region");

    p = (char *)VirtualAlloc(NULL, 100, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    CHECK(p != NULL && p[99] == 0, "MEM_COMMIT | MEM_RESERVE in one call");
    strcpy(p, "usable");
    CHECK(VirtualFree(p, 0, MEM_RELEASE), "... released");
    CHECK(VirtualAlloc(NULL, 0, MEM_COMMIT, PAGE_READWRITE) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "a size of 0: ERROR_INVALID_PARAMETER");
    CHECK(VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE | PAGE_READONLY) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "two protections: ERROR_INVALID_PARAMETER");
    closesocket(a);
    closesocket(b);
    WSACleanup();
    return check_done();
}
