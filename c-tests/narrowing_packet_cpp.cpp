/* ws2mp-test: no-mingw */ /* mingw-w64's g++ refuses the brace-list narrowing this test is about (MSVC compiles it with warning C4838) */
/* A C++ discovery probe of the usual shape: the packet is a `char` array initialised from byte
 * constants above 0x7f (`{ 0xff, 0xee, ... }`), and a reply template is a struct with `char`
 * fields initialised from such constants. MSVC compiles these (warning C4838); GCC and Clang
 * refuse the narrowing from C++11 on unless told otherwise, which <winsock2.h> does. The probe
 * goes over UDP on loopback and arrives byte for byte. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

struct ReplyHeader {
    char magic;
    char kind;
    unsigned char version;
};

static const ReplyHeader kReply = { 0xA5, 0x81, 2 };

int main()
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    char probe[10] = { 0xff, 0xee, 0xdd, 0xaa, 0x00, 0x99, 0x77, 0x55, 0x33, 0x11 };
    const unsigned char expect[10] = { 0xff, 0xee, 0xdd, 0xaa, 0x00, 0x99, 0x77, 0x55, 0x33, 0x11 };
    CHECK(memcmp(probe, expect, sizeof probe) == 0, "the char array holds the bytes of its constants");
    CHECK((unsigned char)kReply.magic == 0xA5 && (unsigned char)kReply.kind == 0x81 &&
              kReply.version == 2,
          "the struct's char fields hold the bytes of their constants");

    SOCKET rx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKET tx = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(rx != INVALID_SOCKET && tx != INVALID_SOCKET, "two UDP sockets");
    SOCKADDR_IN addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(rx, (SOCKADDR *)&addr, sizeof addr) == 0, "bind the listener on loopback");
    int len = sizeof addr;
    REQUIRE(getsockname(rx, (SOCKADDR *)&addr, &len) == 0, "getsockname");

    CHECK_EQ(sendto(tx, probe, sizeof probe, 0, (SOCKADDR *)&addr, sizeof addr), (int)sizeof probe,
             "sendto sends the probe");
    char got[64];
    memset(got, 0, sizeof got);
    CHECK_EQ(recvfrom(rx, got, sizeof got, 0, NULL, NULL), (int)sizeof probe,
             "recvfrom gets the whole probe");
    CHECK(memcmp(got, expect, sizeof expect) == 0, "the probe arrives byte for byte");

    closesocket(tx);
    closesocket(rx);
    WSACleanup();
    return check_done();
}
