/*
 * WSAIoctl codes a Windows program probes, as Windows answers them: codes Windows' TCP/IP does
 * not support (an unknown number, FIOASYNC, SIO_FLUSH) fail with WSAEOPNOTSUPP and 0 bytes
 * returned; SIO_BASE_HANDLE and SIO_BSP_HANDLE* give the socket itself; SIO_IDEAL_SEND_BACKLOG_QUERY
 * is WSAENOTCONN before a TCP connection, 64 KiB on one, WSAEOPNOTSUPP on UDP;
 * SIO_ENABLE_CIRCULAR_QUEUEING is accepted on UDP. SIO_GET_EXTENSION_FUNCTION_POINTER
 * overlapped completes at once with a 0-byte completion; an unknown GUID fails at once with
 * WSAEINVAL, the count and the WSAOVERLAPPED untouched and nothing posted. Every code refuses
 * a NULL lpcbBytesReturned, overlapped or not (WSAEFAULT).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <string.h>
#include "check.h"

#ifndef SIO_IDEAL_SEND_BACKLOG_QUERY
#define SIO_IDEAL_SEND_BACKLOG_QUERY 0x4004747B
#endif
#ifndef SIO_BSP_HANDLE_SELECT
#define SIO_BSP_HANDLE_SELECT 0x4800001C
#endif
#ifndef SIO_BSP_HANDLE_POLL
#define SIO_BSP_HANDLE_POLL 0x4800001D
#endif
#ifndef SIO_FLUSH
#define SIO_FLUSH 0x28000004
#endif

int main(void)
{
    static const DWORD unsupported[] = {0xdeadbeef, (DWORD)FIOASYNC, 0x667e, SIO_FLUSH};
    static const DWORD handle_codes[] = {SIO_BASE_HANDLE, SIO_BSP_HANDLE, SIO_BSP_HANDLE_SELECT, SIO_BSP_HANDLE_POLL};
    WSADATA wsaData;
    GUID acceptex = WSAID_ACCEPTEX, bogus = {0xdeadbeef, 0, 0, {0}};
    WSAOVERLAPPED ov, *got;
    SOCKET s, l, c, base;
    SOCKADDR_IN addr;
    ULONG backlog;
    ULONG_PTR key;
    DWORD size;
    HANDLE port;
    void *func;
    char what[120];
    unsigned i;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    memset(&ov, 0, sizeof(ov));

    for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
        s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        size = 0xdeadbeef;
        WSASetLastError(0xdeadbeef);
        snprintf(what, sizeof what, "ioctl %#lx: WSAEOPNOTSUPP", (unsigned long)unsupported[i]);
        CHECK(WSAIoctl(s, unsupported[i], NULL, 0, NULL, 0, &size, NULL, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEOPNOTSUPP,
              what);
        CHECK_EQ(size, 0, "... 0 bytes returned");
        CHECK(WSAIoctl(s, unsupported[i], NULL, 0, NULL, 0, NULL, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
              "... overlapped without lpcbBytesReturned: WSAEFAULT");
        closesocket(s);
    }

    for (i = 0; i < 4; i++) {
        s = socket(i % 2 ? AF_INET6 : AF_INET, i < 2 ? SOCK_STREAM : SOCK_DGRAM, 0);
        base = (SOCKET)0xdeadbeef;
        size = 0xdeadbeef;
        WSASetLastError(0xdeadbeef);
        snprintf(what, sizeof what, "ioctl %#lx gives the socket itself", (unsigned long)handle_codes[i]);
        CHECK(WSAIoctl(s, handle_codes[i], NULL, 0, &base, sizeof(base), &size, NULL, NULL) == 0 && base == s, what);
        CHECK(size == sizeof(base) && WSAGetLastError() == 0, "... 8 bytes returned, the last error cleared");
        CHECK(WSAIoctl(s, handle_codes[i], NULL, 0, &base, sizeof(base), NULL, &ov, NULL) == SOCKET_ERROR &&
                  WSAGetLastError() == WSAEFAULT,
              "... overlapped without lpcbBytesReturned: WSAEFAULT");
        closesocket(s);
    }

    /* SIO_IDEAL_SEND_BACKLOG_QUERY */
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(addr);
    REQUIRE(bind(l, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(l, 2) == 0 && getsockname(l, (SOCKADDR *)&addr, &len) == 0,
            "a listener");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    backlog = 0;
    CHECK(WSAIoctl(c, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAENOTCONN,
          "SIO_IDEAL_SEND_BACKLOG_QUERY before connecting: WSAENOTCONN");
    REQUIRE(connect(c, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    CHECK_EQ(WSAIoctl(c, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL), 0,
             "... connected: success");
    CHECK_EQ(backlog, 0x10000, "... 64 KiB");
    closesocket(c);
    closesocket(l);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK(WSAIoctl(s, SIO_IDEAL_SEND_BACKLOG_QUERY, NULL, 0, &backlog, sizeof(backlog), &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEOPNOTSUPP,
          "... on UDP: WSAEOPNOTSUPP");
    CHECK_EQ(WSAIoctl(s, SIO_ENABLE_CIRCULAR_QUEUEING, NULL, 0, NULL, 0, &size, NULL, NULL), 0,
             "SIO_ENABLE_CIRCULAR_QUEUEING on UDP: success");
    closesocket(s);

    /* SIO_GET_EXTENSION_FUNCTION_POINTER, overlapped */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    REQUIRE(port != NULL, "a socket on a completion port");
    CHECK(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex), &func, sizeof(func), NULL, &ov, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "extension pointer overlapped without lpcbBytesReturned: WSAEFAULT");
    size = 0xdeadbeef;
    ov.Internal = 0xdeadbeef;
    ov.InternalHigh = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &acceptex, sizeof(acceptex), &func, sizeof(func), &size, &ov, NULL), 0,
             "extension pointer overlapped: 0 at once");
    CHECK(WSAGetLastError() == 0 && size == sizeof(func), "... the last error cleared, 8 bytes returned");
    got = NULL;
    size = 0xdeadbeef;
    CHECK(GetQueuedCompletionStatus(port, &size, &key, (LPOVERLAPPED *)&got, 1000) && size == 0 && key == 123 && got == &ov,
          "... one completion of 0 bytes");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 0, "... Internal and InternalHigh 0");
    size = 0xdeadbeef;
    ov.Internal = 0xdeadbeef;
    ov.InternalHigh = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &bogus, sizeof(bogus), &func, sizeof(func), &size, &ov, NULL) ==
                  SOCKET_ERROR &&
              WSAGetLastError() == WSAEINVAL,
          "an unknown GUID overlapped: WSAEINVAL at once");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");
    CHECK(ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "... the WSAOVERLAPPED untouched");
    CHECK(!GetQueuedCompletionStatus(port, &size, &key, (LPOVERLAPPED *)&got, 0) && GetLastError() == WAIT_TIMEOUT,
          "... nothing posted");
    CloseHandle(port);
    closesocket(s);

    WSACleanup();
    return check_done();
}
