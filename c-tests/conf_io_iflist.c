/*
 * SIO_GET_INTERFACE_LIST the way an old multicast program lists interfaces, as Windows
 * answers it: success clears the last error and returns whole INTERFACE_INFO entries, one of
 * them the loopback interface; every entry has an IPv4 address and netmask, and a broadcast
 * address exactly when IFF_BROADCAST is set. A buffer smaller than one entry is WSAEFAULT with
 * 0 bytes returned; a NULL byte count is WSAEFAULT. Overlapped on a completion port it
 * completes with the list's size. SIO_ADDRESS_LIST_QUERY overlapped: a buffer too small fails
 * the call at once (WSAEFAULT with the size needed, or WSAEINVAL for a 1-byte buffer) and posts
 * nothing; with room it returns 0 with the size in *lpcbBytesReturned and posts a completion of
 * 0 bytes (port packet or completion routine); without lpcbBytesReturned it is WSAEFAULT.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static int g_apc_calls;
static DWORD g_apc_error, g_apc_bytes;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    (void)flags;
    ++g_apc_calls;
    g_apc_error = error;
    g_apc_bytes = bytes;
}

int main(void)
{
    WSADATA wsaData;
    INTERFACE_INFO list[64];
    char addrs[1024];
    WSAOVERLAPPED ov, *got_ov;
    DWORD size, expect, n, i;
    ULONG_PTR key;
    HANDLE port;
    SOCKET s;
    int loopback = 0, shapes_ok = 1;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    REQUIRE(s != INVALID_SOCKET, "an overlapped TCP socket");

    size = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), &size, NULL, NULL), 0,
             "SIO_GET_INTERFACE_LIST on a TCP socket succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and clears the last error");
    CHECK(size != 0 && size != 0xdeadbeef && size % sizeof(INTERFACE_INFO) == 0, "... returning whole entries");
    expect = size;
    n = size / sizeof(INTERFACE_INFO);
    for (i = 0; i < n && i < 64; i++) {
        INTERFACE_INFO *e = &list[i];
        if (e->iiFlags & IFF_LOOPBACK)
            loopback = 1;
        if (e->iiAddress.AddressIn.sin_family != AF_INET || e->iiNetmask.AddressIn.sin_family != AF_INET ||
            e->iiAddress.AddressIn.sin_addr.s_addr == 0 || e->iiNetmask.AddressIn.sin_addr.s_addr == 0)
            shapes_ok = 0;
        if ((e->iiFlags & IFF_BROADCAST) ? e->iiBroadcastAddress.AddressIn.sin_addr.s_addr == 0
                                         : e->iiBroadcastAddress.AddressIn.sin_addr.s_addr != 0)
            shapes_ok = 0;
    }
    CHECK(loopback, "the loopback interface is listed (IFF_LOOPBACK)");
    CHECK(shapes_ok, "every entry has an IPv4 address and netmask, a broadcast address only with IFF_BROADCAST");

    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(INTERFACE_INFO) - 1, &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "a buffer smaller than one entry: WSAEFAULT");
    CHECK_EQ(size, 0, "... and 0 bytes returned");
    CHECK(WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), NULL, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "no lpcbBytesReturned: WSAEFAULT");

    /* Overlapped, on a completion port: the completion carries the list's size. (Windows
     * leaves this call pending rather than returning 0, and reports a short buffer through the
     * completion: docs/PORTING.md.) */
    port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    REQUIRE(port != NULL, "the socket is associated with a completion port");
    memset(&ov, 0, sizeof(ov));
    (void)WSAIoctl(s, SIO_GET_INTERFACE_LIST, NULL, 0, list, sizeof(list), &size, &ov, NULL);
    got_ov = NULL;
    key = 0;
    CHECK(GetQueuedCompletionStatus(port, &size, &key, &got_ov, 1000), "overlapped: the port delivers the completion");
    CHECK(size == expect && key == 123 && got_ov == &ov, "... with the list's size, the key and the WSAOVERLAPPED");
    CHECK(ov.Internal == 0 && ov.InternalHigh == expect, "... Internal 0, InternalHigh the size");
    CHECK(!GetQueuedCompletionStatus(port, &size, &key, &got_ov, 0) && GetLastError() == WAIT_TIMEOUT, "... once");

    /* SIO_ADDRESS_LIST_QUERY, overlapped: a failure fails the call and posts nothing. */
    size = 0;
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, NULL, 0, &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "SIO_ADDRESS_LIST_QUERY without a buffer: WSAEFAULT");
    expect = size;
    CHECK(expect >= sizeof(SOCKET_ADDRESS_LIST) - sizeof(SOCKET_ADDRESS), "... and the size needed");
    memset(&ov, 0, sizeof(ov));
    ov.Internal = 0xdeadbeef;
    ov.InternalHigh = 0xdeadbeef;
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, addrs, 0, &size, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "overlapped with a zero-length buffer: WSAEFAULT at once");
    CHECK_EQ(size, expect, "... the size needed");
    CHECK(ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "... the WSAOVERLAPPED untouched");
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, addrs, 1, &size, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "overlapped with a one-byte buffer: WSAEINVAL at once");
    CHECK_EQ(size, 0, "... 0 bytes");
    CHECK(ov.Internal == 0xdeadbeef && ov.InternalHigh == 0xdeadbeef, "... the WSAOVERLAPPED untouched");
    CHECK(!GetQueuedCompletionStatus(port, &size, &key, &got_ov, 0) && GetLastError() == WAIT_TIMEOUT,
          "the refused calls posted nothing");

    WSASetLastError(0xdeadbeef);
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, addrs, sizeof(addrs), &size, &ov, NULL), 0,
             "overlapped with room: 0 at once");
    CHECK_EQ(WSAGetLastError(), 0, "... the last error cleared");
    CHECK_EQ(size, expect, "... *lpcbBytesReturned the list's size");
    got_ov = NULL;
    CHECK(GetQueuedCompletionStatus(port, &size, &key, &got_ov, 1000) && got_ov == &ov, "the completion is posted");
    CHECK_EQ(size, 0, "... with 0 bytes");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 0, "... Internal and InternalHigh 0");
    CHECK(!GetQueuedCompletionStatus(port, &size, &key, &got_ov, 0) && GetLastError() == WAIT_TIMEOUT, "... once");
    CloseHandle(port);
    closesocket(s);

    /* SIO_ADDRESS_LIST_QUERY with a completion routine. */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&ov, 0, sizeof(ov));
    CHECK(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, addrs, sizeof(addrs), NULL, &ov, on_done) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "SIO_ADDRESS_LIST_QUERY without lpcbBytesReturned: WSAEFAULT even when overlapped");
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_ADDRESS_LIST_QUERY, NULL, 0, addrs, sizeof(addrs), &size, &ov, on_done), 0,
             "with a completion routine: 0 at once");
    CHECK_EQ(size, expect, "... *lpcbBytesReturned the list's size");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "an alertable wait runs the routine");
    CHECK(g_apc_calls == 1 && g_apc_error == 0 && g_apc_bytes == 0, "... once, with no error and 0 bytes");
    closesocket(s);

    WSACleanup();
    return check_done();
}
