/* ws2mp-test: no-mingw */ /* MSVC's #pragma comment/warning: ws2mp's headers silence them, mingw-w64's gcc warns */
/*
 * The MSVC pragmas Windows network programs carry (linking ws2_32.lib, silencing warnings)
 * build unchanged under -Wall -Werror: ws2mp is linked by the build, the pragmas mean nothing.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

#pragma comment(lib, "ws2_32.lib")
#pragma comment(lib, "Mswsock.lib")
#pragma warning(disable : 4996)
#pragma warning(push)
#pragma warning(pop)

int main(void)
{
    WSADATA wsaData;
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &wsaData), 0, "a program with MSVC pragmas builds and starts Winsock");
    CHECK_EQ(WSACleanup(), 0, "... and cleans up");
    return check_done();
}
