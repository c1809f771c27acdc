/* ws2mp-test: posix */ /* mmap/mprotect for unreadable option buffers */
/*
 * A pointer the program cannot read or write is WSAEFAULT, not a crash: option values passed
 * as small integers instead of pointers (a classic legacy bug), unmapped optlen pointers,
 * WSAIoctl buffers, an inaccessible (guard) page and a read-only page, and heap buffers that
 * are valid.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <sys/mman.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKET s;
    int len, v;
    DWORD returned;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s != INVALID_SOCKET, "socket");

    CHECK(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)1, 1) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(SO_DONTROUTE) with the value 1 instead of a pointer: WSAEFAULT");
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)16, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(SO_LINGER) with an unmapped pointer: WSAEFAULT");
    CHECK(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)8, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "setsockopt(TCP_NODELAY) with an unmapped pointer: WSAEFAULT");
    len = sizeof v;
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)8, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "getsockopt into an unmapped buffer: WSAEFAULT");
    CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, (int *)8) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "getsockopt with an unmapped optlen: WSAEFAULT");
    CHECK(ioctlsocket(s, FIONBIO, (u_long *)24) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "ioctlsocket(FIONBIO) with an unmapped argument: WSAEFAULT");
    CHECK(WSAIoctl(s, FIONBIO, (void *)24, 4, NULL, 0, &returned, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "WSAIoctl(FIONBIO) with an unmapped input: WSAEFAULT");
    CHECK(WSAIoctl(s, FIONREAD, NULL, 0, (void *)24, 4, &returned, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "WSAIoctl(FIONREAD) with an unmapped output: WSAEFAULT");
    {
        /* Pages the program may not touch, or only read. */
        char *guard = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        int *heap = malloc(2 * sizeof(int));
        REQUIRE(guard != MAP_FAILED && ro != MAP_FAILED && heap != NULL, "a guard page, a read-only page, a heap buffer");
        CHECK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, guard, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "setsockopt reading a guard page: WSAEFAULT");
        CHECK(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, guard + 4094, 4) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "setsockopt reading across into a guard page: WSAEFAULT");
        len = sizeof v;
        CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, ro, &len) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "getsockopt writing a read-only page: WSAEFAULT");
        CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&v, (int *)guard) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "getsockopt with optlen in a guard page: WSAEFAULT");
        CHECK(ioctlsocket(s, FIONREAD, (u_long *)ro) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "ioctlsocket(FIONREAD) into a read-only page: WSAEFAULT");
        heap[0] = 1;
        CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)heap, sizeof(int)), 0, "setsockopt from a heap buffer");
        heap[0] = 0;
        heap[1] = sizeof(int);
        CHECK(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)heap, &heap[1]) == 0 && heap[0] == 1 && heap[1] == 1,
              "getsockopt into a heap buffer with a heap optlen");
        free(heap);
        munmap(guard, 4096);
        munmap(ro, 4096);
    }
    v = 1;
    CHECK_EQ(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)&v, sizeof v), 0, "the same calls with real pointers work");

    closesocket(s);
    WSACleanup();
    return check_done();
}
