/* ws2mp-test: posix */ /* mmap for pages the program may not touch */
/*
 * Name and address conversions given memory the program cannot use fail with WSAEFAULT
 * instead of crashing: WSAAddressToStringA's address, buffer and length, WSAStringToAddressA's
 * output and length, getnameinfo's address and buffers, getaddrinfo's hints and result
 * pointer, gethostbyaddr's address; string arguments (host, service and protocol names,
 * address strings) that are unreadable or run into a guard page without their terminator.
 * The same calls with real buffers still work.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <sys/mman.h>
#include "check.h"
#include "fault_util.h"

#define FAILS_WITH(expr, err, what) CHECK((expr) && WSAGetLastError() == (err), what)

int main(void)
{
    WSADATA wsaData;
    SOCKADDR_IN sin;
    char out[64], host[64];
    char *edge, *guard, *ro;
    DWORD len;
    int alen;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    map_guard_pages(&edge, &guard, &ro);

    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = inet_addr("10.1.2.3");

    len = sizeof out;
    FAILS_WITH(WSAAddressToStringA((SOCKADDR *)guard, sizeof sin, NULL, out, &len) == SOCKET_ERROR, WSAEFAULT,
               "WSAAddressToStringA of an address in a guard page: WSAEFAULT");
    FAILS_WITH(WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, (DWORD *)1) == SOCKET_ERROR, WSAEFAULT,
               "WSAAddressToStringA with the length at (DWORD *)1: WSAEFAULT");
    len = sizeof out;
    FAILS_WITH(WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, ro, &len) == SOCKET_ERROR, WSAEFAULT,
               "WSAAddressToStringA into a read-only page: WSAEFAULT");
    len = sizeof out;
    CHECK(WSAAddressToStringA((SOCKADDR *)&sin, sizeof sin, NULL, out, &len) == 0 && strcmp(out, "10.1.2.3:80") == 0,
          "WSAAddressToStringA still works");

    alen = sizeof sin;
    FAILS_WITH(WSAStringToAddressA("10.1.2.3", AF_INET, NULL, (SOCKADDR *)ro, &alen) == SOCKET_ERROR, WSAEFAULT,
               "WSAStringToAddressA into a read-only page: WSAEFAULT");
    FAILS_WITH(WSAStringToAddressA("10.1.2.3", AF_INET, NULL, (SOCKADDR *)&sin, (int *)guard) == SOCKET_ERROR, WSAEFAULT,
               "WSAStringToAddressA with the length in a guard page: WSAEFAULT");
    alen = sizeof sin;
    CHECK(WSAStringToAddressA("10.1.2.3:80", AF_INET, NULL, (SOCKADDR *)&sin, &alen) == 0 && alen == sizeof sin &&
              sin.sin_port == htons(80),
          "WSAStringToAddressA still works");

    CHECK_EQ(getnameinfo((SOCKADDR *)guard, sizeof sin, host, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT,
             "getnameinfo of an address in a guard page returns WSAEFAULT");
    CHECK_EQ(getnameinfo((SOCKADDR *)&sin, sizeof sin, ro, sizeof host, NULL, 0, NI_NUMERICHOST), WSAEFAULT,
             "getnameinfo into a read-only page returns WSAEFAULT");
    CHECK(getnameinfo((SOCKADDR *)&sin, sizeof sin, host, sizeof host, NULL, 0, NI_NUMERICHOST) == 0 &&
              strcmp(host, "10.1.2.3") == 0,
          "getnameinfo still works");

    {
        ADDRINFOA hints, *res = NULL;
        memset(&hints, 0, sizeof hints);
        hints.ai_family = AF_INET;
        hints.ai_flags = AI_NUMERICHOST;
        CHECK_EQ(getaddrinfo("127.0.0.1", NULL, &hints, (ADDRINFOA **)ro), WSAEFAULT,
                 "getaddrinfo with the result pointer in a read-only page returns WSAEFAULT");
        CHECK_EQ(getaddrinfo("127.0.0.1", NULL, (ADDRINFOA *)guard, &res), WSAEFAULT,
                 "getaddrinfo with the hints in a guard page returns WSAEFAULT");
        CHECK(getaddrinfo("127.0.0.1", NULL, &hints, &res) == 0 && res != NULL, "getaddrinfo still works");
        if (res)
            freeaddrinfo(res);
    }
    FAILS_WITH(gethostbyaddr(guard, 4, AF_INET) == NULL, WSAEFAULT, "gethostbyaddr of an address in a guard page: WSAEFAULT");

    /* Strings: "10.1" written right up to a guard page, with no terminator before it. */
    memcpy(guard - 4, "10.1", 4);
    FAILS_WITH(gethostbyname((const char *)1) == NULL, WSAEFAULT, "gethostbyname((char *)1): WSAEFAULT");
    FAILS_WITH(gethostbyname(guard - 4) == NULL, WSAEFAULT,
               "gethostbyname of a name running into a guard page: WSAEFAULT");
    FAILS_WITH(inet_addr(guard - 4) == INADDR_NONE, WSAEFAULT,
               "inet_addr of a string running into a guard page: WSAEFAULT");
    FAILS_WITH(getservbyname(guard - 4, "tcp") == NULL, WSAEFAULT,
               "getservbyname of a name running into a guard page: WSAEFAULT");
    FAILS_WITH(getprotobyname(guard) == NULL, WSAEFAULT, "getprotobyname of a name in a guard page: WSAEFAULT");
    alen = sizeof sin;
    FAILS_WITH(WSAStringToAddressA(guard - 4, AF_INET, NULL, (SOCKADDR *)&sin, &alen) == SOCKET_ERROR, WSAEFAULT,
               "WSAStringToAddressA of a string running into a guard page: WSAEFAULT");
    {
        ADDRINFOA *none = NULL;
        CHECK_EQ(getaddrinfo(guard - 4, NULL, NULL, &none), WSAEFAULT,
                 "getaddrinfo with the node name running into a guard page returns WSAEFAULT");
    }
    memcpy(guard - 8, "1.2\0", 4);
    CHECK(inet_addr(guard - 8) == htonl(0x01000002), "a string that ends just before the guard page is read");
    CHECK(gethostbyname("localhost") != NULL, "gethostbyname still works");

    munmap(edge, 8192);
    munmap(ro, 4096);
    WSACleanup();
    return check_done();
}
