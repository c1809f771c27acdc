/* WSAStartup / WSACleanup / WSAGetLastError, written as a legacy program would call them. */
#include <winsock2.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    SOCKET s;
    int err;

    /* Before WSAStartup: the socket calls fail with WSANOTINITIALISED (the event calls, the
     * kernel's on Windows, work: see bad_input.c). */
    s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(s == INVALID_SOCKET, "socket before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    CHECK_EQ(WSACleanup(), SOCKET_ERROR, "WSACleanup before WSAStartup fails");
    {
        WSAEVENT early = WSACreateEvent();
        CHECK(early != WSA_INVALID_EVENT, "WSACreateEvent before WSAStartup works, as on Windows");
        WSACloseEvent(early);
    }

    /* Version negotiation. */
    memset(&wsaData, 0, sizeof(wsaData));
    err = WSAStartup(MAKEWORD(2, 2), &wsaData);
    CHECK_EQ(err, 0, "WSAStartup(2.2) succeeds");
    CHECK_EQ(wsaData.wVersion, MAKEWORD(2, 2), "wVersion is 2.2");
    CHECK_EQ(wsaData.wHighVersion, MAKEWORD(2, 2), "wHighVersion is 2.2");
    CHECK(strcmp(wsaData.szDescription, "WinSock 2.0") == 0, "szDescription");
    CHECK(strcmp(wsaData.szSystemStatus, "Running") == 0, "szSystemStatus");
    CHECK_EQ(sizeof(WSADATA), 408, "WSADATA has the Win64 size");

    err = WSAStartup(MAKEWORD(1, 1), &wsaData);
    CHECK_EQ(err, 0, "a second WSAStartup(1.1) succeeds");
    CHECK_EQ(wsaData.wVersion, MAKEWORD(1, 1), "... and negotiates 1.1");
    err = WSAStartup(MAKEWORD(3, 0), &wsaData);
    CHECK_EQ(err, 0, "WSAStartup(3.0) succeeds");
    CHECK_EQ(wsaData.wVersion, MAKEWORD(2, 2), "... capped at 2.2");
    err = WSAStartup(MAKEWORD(0, 9), &wsaData);
    CHECK_EQ(err, WSAVERNOTSUPPORTED, "WSAStartup(0.9) returns WSAVERNOTSUPPORTED");
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT, "WSAStartup with NULL data returns WSAEFAULT");

    /* Last error is per call and per thread. */
    WSASetLastError(12345);
    CHECK_EQ(WSAGetLastError(), 12345, "WSASetLastError/WSAGetLastError round trip");
    s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(s != INVALID_SOCKET && s != 0, "socket after WSAStartup succeeds and is never 0");
    CHECK_EQ(WSAGetLastError(), 0, "a successful socket() clears the last error, as on Windows");
    CHECK_EQ(closesocket(s), 0, "closesocket succeeds");
    CHECK_EQ(closesocket(s), SOCKET_ERROR, "closing it again fails");
    CHECK_EQ(WSAGetLastError(), WSAENOTSOCK, "... with WSAENOTSOCK");

    /* Reference counting: three successful startups need three cleanups. */
    s = socket(AF_INET, SOCK_DGRAM, 0);
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(WSACleanup(), 0, "cleanup 1 of 3");
    CHECK_EQ(WSAGetLastError(), 0, "... a successful WSACleanup clears the last error, as on Windows");
    CHECK_EQ(WSACleanup(), 0, "cleanup 2 of 3");
    CHECK_EQ(sendto(s, "x", 1, 0, NULL, 0), SOCKET_ERROR, "an unconnected datagram socket still answers before the last cleanup");
    CHECK_EQ(WSAGetLastError(), WSAENOTCONN, "... with WSAENOTCONN (not WSAENOTSOCK)");
    WSASetLastError(WSAEWOULDBLOCK);
    CHECK_EQ(WSACleanup(), 0, "cleanup 3 of 3");
    CHECK_EQ(WSAGetLastError(), 0, "... the last one clears it too");
    CHECK_EQ(closesocket(s), SOCKET_ERROR, "after the last cleanup the socket is gone");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... and calls fail with WSANOTINITIALISED");
    CHECK_EQ(WSACleanup(), SOCKET_ERROR, "one cleanup too many fails");
    return check_done();
}
