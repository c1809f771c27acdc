/* ws2mp-test: posix */ /* closes the standard input descriptor */
/* A daemon-style program whose standard input is closed: on Windows a SOCKET is never 0, and
 * legacy code treats 0 as "no socket". Every way ws2mp makes a socket (socket, WSASocket,
 * accept, a rooted multipoint socket, whose socket pair is made inside ws2mp) hands back a
 * working socket other than 0 even when descriptor 0 is the lowest free one; and WSASocket
 * takes exactly its documented flags (WSA_FLAG_REGISTERED_IO yes, an undefined bit no). */
#include "rmp.h"
#include <unistd.h>
#include "check.h"

/* Frees descriptor 0, so that the next descriptor the system hands out is 0. */
static void free_fd0(void)
{
    close(0);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    free_fd0();
    SOCKET a = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK(a != INVALID_SOCKET, "socket succeeds with descriptor 0 free");
    CHECK(a != 0, "socket never returns SOCKET 0");

    free_fd0();
    SOCKET b = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    CHECK(b != INVALID_SOCKET, "WSASocket succeeds with descriptor 0 free");
    CHECK(b != 0, "WSASocket never returns SOCKET 0");

    /* A listener, then an accepted connection while descriptor 0 is free. */
    SOCKET listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in addr;
    int len = sizeof(addr);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the listener");
    REQUIRE(getsockname(listener, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    REQUIRE(listen(listener, 1) == 0, "listen");
    REQUIRE(connect(b, (SOCKADDR *)&addr, sizeof(addr)) == 0, "connect");
    free_fd0();
    SOCKET c = accept(listener, NULL, NULL);
    CHECK(c != INVALID_SOCKET, "accept succeeds with descriptor 0 free");
    CHECK(c != 0, "accept never returns SOCKET 0");
    char buf[8] = {0};
    CHECK_EQ(send(b, "ping", 4, 0), 4, "the client sends on its socket");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 4, "the accepted socket receives it");
    CHECK(memcmp(buf, "ping", 4) == 0, "the bytes arrive unchanged");

    /* The rooted provider's socket stands on a socket pair ws2mp makes. */
    free_fd0();
    SOCKET r = rmp_socket(AF_INET, 1, WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_ROOT);
    CHECK(r != INVALID_SOCKET, "a rooted multipoint socket is created with descriptor 0 free");
    CHECK(r != 0, "a rooted multipoint socket is never SOCKET 0");

    /* WSASocket's flags: a defined one is accepted, an undefined bit is WSAEINVAL. */
    SOCKET d = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_REGISTERED_IO);
    CHECK(d != INVALID_SOCKET, "WSASocket accepts WSA_FLAG_REGISTERED_IO");
    SOCKET e = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, 0x20);
    CHECK(e == INVALID_SOCKET, "WSASocket refuses the undefined flag bit 0x20");
    CHECK_EQ(WSAGetLastError(), WSAEINVAL, "... with WSAEINVAL");

    closesocket(a);
    closesocket(b);
    closesocket(c);
    closesocket(listener);
    if (r != INVALID_SOCKET)
        closesocket(r);
    if (d != INVALID_SOCKET)
        closesocket(d);
    WSACleanup();
    return check_done();
}
