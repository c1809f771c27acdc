/* WSARecvEx as Winsock 1.1 datagram programs use it: a datagram larger than the buffer comes
 * back in part with MSG_PARTIAL set, a whole one with it clear; on a stream it is recv. */
#include <winsock.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET a, b, ls, c, s;
    SOCKADDR_IN addr;
    int len = (int)sizeof(addr), flags;
    char buf[16];

    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsa) == 0, "WSAStartup(1.1)");
    a = socket(AF_INET, SOCK_DGRAM, 0);
    b = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(a, (struct sockaddr *)&addr, sizeof addr) == 0 && getsockname(a, (struct sockaddr *)&addr, &len) == 0,
            "bind");
    sendto(b, "0123456789", 10, 0, (struct sockaddr *)&addr, sizeof addr);
    sendto(b, "abc", 3, 0, (struct sockaddr *)&addr, sizeof addr);
    flags = 0;
    CHECK_EQ(WSARecvEx(a, buf, 4, &flags), 4, "a 10-byte datagram into 4 bytes: 4 returned");
    CHECK(flags == MSG_PARTIAL && memcmp(buf, "0123", 4) == 0, "... with MSG_PARTIAL and its start");
    flags = MSG_PARTIAL;
    CHECK_EQ(WSARecvEx(a, buf, sizeof buf, &flags), 3, "the next datagram whole");
    CHECK(flags == 0 && memcmp(buf, "abc", 3) == 0, "... MSG_PARTIAL clear");

    ls = socket(AF_INET, SOCK_STREAM, 0);
    addr.sin_port = 0;
    len = (int)sizeof(addr);
    REQUIRE(bind(ls, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(ls, 1) == 0 &&
                getsockname(ls, (struct sockaddr *)&addr, &len) == 0,
            "listen");
    c = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(connect(c, (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    s = accept(ls, NULL, NULL);
    send(c, "stream", 6, 0);
    closesocket(c);
    flags = 0;
    CHECK_EQ(WSARecvEx(s, buf, 3, &flags), 3, "on a stream: as recv");
    CHECK_EQ(flags, 0, "... MSG_PARTIAL never set");
    CHECK_EQ(WSARecvEx(s, buf, sizeof buf, &flags), 3, "the rest");
    CHECK_EQ(WSARecvEx(s, buf, sizeof buf, &flags), 0, "0 once the peer closed");
    closesocket(s);
    closesocket(ls);
    closesocket(a);
    closesocket(b);
    WSACleanup();
    return check_done();
}
