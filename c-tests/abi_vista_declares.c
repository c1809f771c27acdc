/* The other side of a version-gated build: a program that says `#define _WIN32_WINNT 0x0600`
 * (Vista, as a Visual Studio 2008 project's targetver.h does) gets from Windows' headers
 * inet_pton, InetPton, WSAPoll with WSAPOLLFD and the POLL* values, GetTickCount64 and the
 * condition variables, and uses them without declaring anything itself. The same names must
 * be there, and be ws2mp's, for such a program. */
#define _WIN32_WINNT 0x0600
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <string.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in sin;
    int len = sizeof(sin);
    WSAPOLLFD p;
    SOCKET s;
    IN_ADDR a;
    char text[INET_ADDRSTRLEN];
    CONDITION_VARIABLE cv;
    SRWLOCK lock;
    ULONGLONG t;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    CHECK_EQ(inet_pton(AF_INET, "127.0.0.1", &a), 1, "inet_pton is declared for Vista");
    CHECK_EQ(ntohl(a.s_addr), 0x7F000001, "... and parses 127.0.0.1");
    CHECK_EQ(InetPtonA(AF_INET, "10.1.2.3", &a), 1, "InetPtonA too");
    CHECK(inet_ntop(AF_INET, &a, text, sizeof(text)) != NULL && strcmp(text, "10.1.2.3") == 0,
          "inet_ntop formats it back");

    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind");
    REQUIRE(getsockname(s, (struct sockaddr *)&sin, &len) == 0, "getsockname");
    CHECK_EQ(POLLRDNORM, 0x0100, "POLLRDNORM has Windows' value");
    p.fd = s;
    p.events = POLLRDNORM;
    p.revents = 0;
    CHECK_EQ(WSAPoll(&p, 1, 0), 0, "WSAPoll: nothing to read yet");
    CHECK_EQ(sendto(s, "x", 1, 0, (struct sockaddr *)&sin, sizeof(sin)), 1, "send to itself");
    CHECK_EQ(WSAPoll(&p, 1, 2000), 1, "WSAPoll sees the datagram");
    CHECK_EQ(p.revents, POLLRDNORM, "... as POLLRDNORM");
    closesocket(s);

    InitializeConditionVariable(&cv);
    InitializeSRWLock(&lock);
    AcquireSRWLockExclusive(&lock);
    CHECK(!SleepConditionVariableSRW(&cv, &lock, 10, 0), "a condition nobody wakes times out");
    CHECK_EQ(GetLastError(), ERROR_TIMEOUT, "... with ERROR_TIMEOUT");
    ReleaseSRWLockExclusive(&lock);
    t = GetTickCount64();
    CHECK(t > 0, "GetTickCount64 is declared for Vista");
    WSACleanup();
    return check_done();
}
