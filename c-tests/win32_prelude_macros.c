/* A Winsock 1.1 chat relay written for Windows and Unix alike sets its portability names
 * before any header, as Windows allows: `#define socklen_t int` (no socklen_t in <winsock.h>),
 * `#define strcasecmp _stricmp` (no strcasecmp in Windows' C library), then <windows.h>,
 * <tchar.h> and <winsock.h> with WIN32_LEAN_AND_MEAN, and after them its own
 * `typedef unsigned long in_addr_t;` (a name no Windows header declares). It starts Winsock 1.1,
 * listens on the address inet_addr gives it, accepts a client with an int address length and
 * checks the client's LOGIN= line with strncasecmp; WSACancelBlockingCall at shutdown finds no
 * blocking call in progress. */
#define STANDALONE

/* The program's Windows branch (#ifdef _WIN32 in its source). */
#define UNIXWIN
#define socklen_t int
#define strcasecmp _stricmp
#define strncasecmp _strnicmp
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <tchar.h>
#include <winsock.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef UNIXWIN
typedef unsigned long in_addr_t;
#endif

#include "check.h"

#define LOGIN_START_TOKEN "LOGIN="

int main(void)
{
    WSADATA wsa;
    in_addr_t addr;
    struct sockaddr_in local, peer;
    socklen_t len;
    SOCKET listener, client, conn;
    char line[64];
    int n;

    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsa) == 0, "WSAStartup 1.1");
    CHECK_EQ(LOBYTE(wsa.wVersion), 1, "version 1.1 negotiated");

    addr = inet_addr("127.0.0.1");
    CHECK(sizeof(in_addr_t) == sizeof(unsigned long), "the program's own in_addr_t");
    CHECK_EQ((long)ntohl((u_long)addr), 0x7f000001L, "inet_addr into an in_addr_t");

    listener = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listener != INVALID_SOCKET, "socket");
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = (u_long)addr;
    local.sin_port = 0;
    REQUIRE(bind(listener, (struct sockaddr *)&local, sizeof(local)) == 0, "bind");
    len = sizeof(local);
    REQUIRE(getsockname(listener, (struct sockaddr *)&local, &len) == 0, "getsockname");
    REQUIRE(listen(listener, 5) == 0, "listen");

    client = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(client != INVALID_SOCKET, "client socket");
    REQUIRE(connect(client, (struct sockaddr *)&local, sizeof(local)) == 0, "connect");
    CHECK_EQ(send(client, "login=Bob\n", 10, 0), 10, "send the login line");

    len = sizeof(peer);
    conn = accept(listener, (struct sockaddr *)&peer, &len);
    REQUIRE(conn != INVALID_SOCKET, "accept with a socklen_t length");
    CHECK_EQ(len, (int)sizeof(peer), "accepted address length");
    CHECK_EQ(peer.sin_addr.s_addr, (u_long)addr, "accepted from 127.0.0.1");

    n = recv(conn, line, sizeof(line) - 1, 0);
    REQUIRE(n == 10, "recv the login line");
    line[n] = 0;
    CHECK_EQ(strncasecmp(line, LOGIN_START_TOKEN, strlen(LOGIN_START_TOKEN)), 0,
             "LOGIN= matched without regard to case");
    CHECK(strcasecmp("Bob", line + 6) != 0, "the name with its newline differs");
    CHECK_EQ(strcasecmp("BOB\n", line + 6), 0, "the name matched without regard to case");

    CHECK_EQ(WSACancelBlockingCall(), SOCKET_ERROR, "no blocking call to cancel");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "WSAEINVAL in a 1.1 session");

    closesocket(conn);
    closesocket(client);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
