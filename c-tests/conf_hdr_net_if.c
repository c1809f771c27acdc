/* ws2mp-test: posix */ /* <net/if.h> is a POSIX header */
/*
 * A Windows program that includes <net/if.h> after <winsock2.h> (for if_nametoindex, as
 * portable code often does) builds, and IFF_* keep Windows' values (the INTERFACE_INFO flags
 * SIO_GET_INTERFACE_LIST reports).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <net/if.h>
#include "check.h"

int main(void)
{
    WSADATA wsaData;
    char name[IF_NAMESIZE];
    unsigned int index;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    CHECK(IFF_UP == 1 && IFF_BROADCAST == 2 && IFF_LOOPBACK == 4 && IFF_POINTTOPOINT == 8 && IFF_MULTICAST == 16,
          "IFF_* have Windows' values after <net/if.h>");
    index = if_nametoindex("lo");
    if (index == 0)
        index = if_nametoindex("lo0");
    CHECK(index != 0, "if_nametoindex finds the loopback interface");
    CHECK(if_indextoname(index, name) != NULL && name[0] == 'l' && name[1] == 'o', "... and if_indextoname names it");
    WSACleanup();
    return check_done();
}
