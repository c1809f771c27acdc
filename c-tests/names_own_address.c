/*
 * A LAN game names its players: it learns its own address as Quake's WINS_GetLocalAddress does
 * (gethostname, then gethostbyname of that name, the first address), and names each peer with
 * gethostbyaddr, falling back to the dotted address. On Windows the machine's own addresses
 * reverse-resolve to its host name whatever DNS holds (the resolver knows its own name both
 * ways), so a player on the same machine is shown by name; so does getnameinfo.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

/* The first label of a host name, lower-cased, for comparing "vm" with "VM.example.com". */
static void first_label(const char *name, char *out, size_t size)
{
    size_t i;
    for (i = 0; i + 1 < size && name[i] != '\0' && name[i] != '.'; i++)
        out[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    out[i] = '\0';
}

int main(void)
{
    WSADATA wsaData;
    char buff[256], mine[256], theirs[256], host[NI_MAXHOST];
    struct hostent *local, *peer;
    struct in_addr my_addr;
    SOCKADDR_IN sa;

    REQUIRE(WSAStartup(MAKEWORD(1, 1), &wsaData) == 0, "WSAStartup(1.1)");
    REQUIRE(gethostname(buff, sizeof(buff)) == 0, "gethostname");
    local = gethostbyname(buff);
    REQUIRE(local != NULL && local->h_addr_list[0] != NULL, "gethostbyname of the host name gives an address");
    memcpy(&my_addr, local->h_addr_list[0], sizeof(my_addr));
    printf("# %s is %s\n", buff, inet_ntoa(my_addr));

    peer = gethostbyaddr((char *)&my_addr, sizeof(my_addr), AF_INET);
    REQUIRE(peer != NULL, "gethostbyaddr of that address names it");
    first_label(buff, mine, sizeof(mine));
    first_label(peer->h_name, theirs, sizeof(theirs));
    printf("# gethostbyaddr: %s\n", peer->h_name);
    if (my_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        CHECK(strcmp(mine, theirs) == 0, "... with the host name");
    } else {
        CHECK(1, "... (a loopback-only host: the system's name for 127.0.0.1)");
    }
    CHECK(peer->h_addrtype == AF_INET && peer->h_length == 4, "an AF_INET entry of 4-byte addresses");

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr = my_addr;
    CHECK_EQ(getnameinfo((SOCKADDR *)&sa, sizeof(sa), host, sizeof(host), NULL, 0, NI_NAMEREQD), 0,
             "getnameinfo(NI_NAMEREQD) of the address succeeds");
    first_label(host, theirs, sizeof(theirs));
    if (my_addr.s_addr != htonl(INADDR_LOOPBACK)) {
        CHECK(strcmp(mine, theirs) == 0, "... with the host name");
    } else {
        CHECK(1, "... (a loopback-only host)");
    }

    WSACleanup();
    return check_done();
}
