/* A portable event loop built for Windows XP (`#define _WIN32_WINNT 0x0501`): XP has no WSAPoll,
 * so the program brings its own `struct pollfd`, WSAPOLLFD, POLLIN/POLLOUT/POLLERR/POLLHUP
 * values and a WSAPoll over select(), and calls it through `#define poll WSAPoll` as its POSIX
 * build calls poll(). Windows' <winsock2.h> declares WSAPoll, WSAPOLLFD, `struct pollfd` and
 * the POLL* values only for Vista and later (_WIN32_WINNT >= 0x0600), so that compiles there
 * and the loop runs on the program's own code. The same source must compile here unchanged,
 * with the program's layout and values, and every call must reach the program's function. */
#define _WIN32_WINNT 0x0501
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

struct pollfd {
    SOCKET fd;
    short events;
    short revents;
};
typedef struct pollfd WSAPOLLFD;
#define POLLIN 0x0001
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010

static int own_poll_calls;

/* XP has no WSAPoll: readiness through select(). */
static int WSAPoll(WSAPOLLFD *fds, ULONG nfds, INT timeout)
{
    fd_set rd, wr, ex;
    struct timeval tv;
    ULONG i;
    int ready = 0;

    own_poll_calls++;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    for (i = 0; i < nfds; i++) {
        if (fds[i].events & POLLIN)
            FD_SET(fds[i].fd, &rd);
        if (fds[i].events & POLLOUT)
            FD_SET(fds[i].fd, &wr);
        FD_SET(fds[i].fd, &ex);
    }
    tv.tv_sec = timeout / 1000;
    tv.tv_usec = (timeout % 1000) * 1000;
    if (select(0, &rd, &wr, &ex, timeout < 0 ? NULL : &tv) == SOCKET_ERROR)
        return -1;
    for (i = 0; i < nfds; i++) {
        fds[i].revents = 0;
        if (FD_ISSET(fds[i].fd, &rd))
            fds[i].revents |= POLLIN;
        if (FD_ISSET(fds[i].fd, &wr))
            fds[i].revents |= POLLOUT;
        if (FD_ISSET(fds[i].fd, &ex))
            fds[i].revents |= POLLERR;
        if (fds[i].revents)
            ready++;
    }
    return ready;
}
#define poll WSAPoll

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in sin;
    int len = sizeof(sin);
    struct pollfd p[1];
    SOCKET s;
    char buf[8];

    CHECK_EQ(sizeof(struct pollfd), sizeof(WSAPOLLFD), "struct pollfd is the program's WSAPOLLFD");
    CHECK_EQ(POLLIN, 1, "POLLIN has the program's value");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind to 127.0.0.1");
    REQUIRE(getsockname(s, (struct sockaddr *)&sin, &len) == 0, "getsockname");

    p[0].fd = s;
    p[0].events = POLLIN;
    p[0].revents = -1;
    CHECK_EQ(poll(p, 1, 0), 0, "nothing to read yet");
    CHECK_EQ(p[0].revents, 0, "... revents cleared by the program's poll");
    CHECK_EQ(sendto(s, "ping", 4, 0, (struct sockaddr *)&sin, sizeof(sin)), 4, "send to itself");
    CHECK_EQ(poll(p, 1, 2000), 1, "the datagram makes the socket readable");
    CHECK_EQ(p[0].revents, POLLIN, "... reported with the program's POLLIN");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 4, "read it");
    p[0].events = POLLIN | POLLOUT;
    CHECK_EQ(poll(p, 1, 0), 1, "a UDP socket is writable");
    CHECK_EQ(p[0].revents, POLLOUT, "... reported with the program's POLLOUT only");
    CHECK_EQ(own_poll_calls, 3, "every poll reached the program's own WSAPoll");
    closesocket(s);
    WSACleanup();
    return check_done();
}
