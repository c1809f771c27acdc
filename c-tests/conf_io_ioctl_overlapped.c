/*
 * WSAIoctl with an overlapped structure, the way an IOCP server issues FIONREAD, SIOCATMARK,
 * FIONBIO and SIO_KEEPALIVE_VALS, as Windows answers: the call completes at once (returns 0,
 * the output and *lpcbBytesReturned written, Internal and InternalHigh 0) and still posts a
 * completion of 0 bytes to the socket's port, or to the completion routine; a NULL
 * lpcbBytesReturned is WSAEFAULT even with an overlapped structure; a short FIONREAD output
 * buffer is WSAEFAULT with the count untouched; FIONBIO takes an input longer than 4 bytes and
 * ignores an output buffer.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

static int g_apc_calls;
static DWORD g_apc_error, g_apc_bytes;
static LPWSAOVERLAPPED g_apc_ov;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)flags;
    ++g_apc_calls;
    g_apc_error = error;
    g_apc_bytes = bytes;
    g_apc_ov = ov;
}

/* Expects one completion of 0 bytes for `ov` on `port`, and nothing after it. */
static void expect_zero_completion(HANDLE port, WSAOVERLAPPED *ov, const char *what)
{
    char text[160];
    DWORD size = 0xdeadbeef;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = NULL;
    snprintf(text, sizeof text, "%s: one completion of 0 bytes on the port", what);
    CHECK(GetQueuedCompletionStatus(port, &size, &key, &got, 1000) && size == 0 && key == 123 && got == ov, text);
    snprintf(text, sizeof text, "%s: nothing more", what);
    CHECK(!GetQueuedCompletionStatus(port, &size, &key, &got, 0) && GetLastError() == WAIT_TIMEOUT, text);
}

int main(void)
{
    WSADATA wsaData;
    WSAOVERLAPPED ov;
    struct tcp_keepalive ka;
    u_long one = 1;
    char five[5] = {1, 0, 0, 0, 0};
    int value;
    DWORD size;
    HANDLE port;
    SOCKET s;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(s != INVALID_SOCKET, "a TCP socket");
    port = CreateIoCompletionPort((HANDLE)s, NULL, 123, 0);
    REQUIRE(port != NULL, "associated with a completion port");
    memset(&ov, 0, sizeof(ov));

    /* NULL lpcbBytesReturned */
    CHECK(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), NULL, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "FIONREAD overlapped without lpcbBytesReturned: WSAEFAULT");
    CHECK(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof(value), NULL, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "SIOCATMARK overlapped without lpcbBytesReturned: WSAEFAULT");
    CHECK(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, NULL, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "FIONBIO overlapped without lpcbBytesReturned: WSAEFAULT");
    memset(&ka, 0, sizeof(ka));
    CHECK(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, NULL, &ov, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "SIO_KEEPALIVE_VALS overlapped without lpcbBytesReturned: WSAEFAULT");
    CHECK(!GetQueuedCompletionStatus(port, &size, NULL, NULL, 0), "the refused calls posted nothing");

    /* A short FIONREAD output buffer */
    size = 0xdeadbeef;
    CHECK(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value) - 1, &size, NULL, NULL) == SOCKET_ERROR &&
              WSAGetLastError() == WSAEFAULT,
          "FIONREAD with a 3-byte buffer: WSAEFAULT");
    CHECK_EQ(size, 0xdeadbeef, "... the count untouched");

    /* Completions */
    value = 0xdeadbeef;
    size = 0xdeadbeef;
    ov.Internal = 0xdeadbeef;
    ov.InternalHigh = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &size, &ov, NULL), 0, "FIONREAD overlapped: 0 at once");
    CHECK_EQ(WSAGetLastError(), 0, "... the last error cleared");
    CHECK(value == 0 && size == sizeof(value), "... 0 readable, 4 bytes returned");
    CHECK(ov.Internal == 0 && ov.InternalHigh == 0, "... Internal and InternalHigh 0");
    expect_zero_completion(port, &ov, "FIONREAD");

    value = 0xdeadbeef;
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIOCATMARK, NULL, 0, &value, sizeof(value), &size, &ov, NULL), 0, "SIOCATMARK overlapped: 0 at once");
    CHECK(value == TRUE && size == sizeof(value), "... TRUE, 4 bytes returned");
    expect_zero_completion(port, &ov, "SIOCATMARK");

    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, &ov, NULL), 0, "FIONBIO overlapped: 0 at once");
    CHECK_EQ(size, 0, "... 0 bytes returned");
    expect_zero_completion(port, &ov, "FIONBIO");

    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &size, &ov, NULL), 0, "SIO_KEEPALIVE_VALS overlapped: 0 at once");
    CHECK_EQ(size, 0, "... 0 bytes returned");
    expect_zero_completion(port, &ov, "SIO_KEEPALIVE_VALS");

    /* FIONBIO's lengths */
    CHECK_EQ(WSAIoctl(s, FIONBIO, five, sizeof(five), NULL, 0, &size, NULL, NULL), 0, "FIONBIO with a 5-byte input");
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), (char *)1, 4, &size, NULL, NULL), 0, "FIONBIO ignores its output buffer");
    CloseHandle(port);
    closesocket(s);

    /* Completion routines */
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&ov, 0, sizeof(ov));
    size = 0xdeadbeef;
    CHECK_EQ(WSAIoctl(s, FIONREAD, NULL, 0, &value, sizeof(value), &size, &ov, on_done), 0,
             "FIONREAD with a completion routine: 0 at once");
    CHECK_EQ(size, sizeof(value), "... 4 bytes returned");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "an alertable wait runs the routine");
    CHECK(g_apc_calls == 1 && g_apc_error == 0 && g_apc_bytes == 0 && g_apc_ov == &ov,
          "... once, no error, 0 bytes, the WSAOVERLAPPED");
    g_apc_calls = 0;
    CHECK_EQ(WSAIoctl(s, FIONBIO, &one, sizeof(one), NULL, 0, &size, &ov, on_done), 0, "FIONBIO with a completion routine");
    CHECK_EQ(SleepEx(0, TRUE), WAIT_IO_COMPLETION, "an alertable wait runs the routine");
    CHECK(g_apc_calls == 1 && g_apc_error == 0 && g_apc_bytes == 0, "... once, no error, 0 bytes");
    closesocket(s);

    WSACleanup();
    return check_done();
}
