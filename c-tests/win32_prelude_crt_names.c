/* A portable log splitter's configuration block, written for the Microsoft C library before any
 * header, as Windows' headers allow: `#define strtok_r strtok_s`, `#define strdup _strdup`
 * (to quiet the POSIX-name deprecation) and `#define fileno _fileno`. It then splits a
 * "host port name" line with strtok_r, keeps the name with strdup, checks that stdout is not
 * stdin's descriptor with fileno, and sends the line to itself over a loopback UDP socket. */
#define strtok_r strtok_s
#define strdup _strdup
#define fileno _fileno
#define strcasecmp _stricmp
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    char line[] = "127.0.0.1 0 Logger";
    char *save = NULL, *host, *port, *name, *kept;
    SOCKET s;
    struct sockaddr_in a;
    int len = sizeof(a);
    char buf[64];

    host = strtok_r(line, " ", &save);
    port = strtok_r(NULL, " ", &save);
    name = strtok_r(NULL, " ", &save);
    REQUIRE(host && port && name, "three fields");
    CHECK_EQ(strcmp(host, "127.0.0.1"), 0, "first field");
    CHECK_EQ(strcmp(port, "0"), 0, "second field");
    CHECK(strtok_r(NULL, " ", &save) == NULL, "no fourth field");
    kept = strdup(name);
    REQUIRE(kept != NULL, "strdup");
    CHECK_EQ(strcasecmp(kept, "LOGGER"), 0, "the kept name");
    CHECK(fileno(stdout) != fileno(stdin), "stdout and stdin descriptors differ");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((u_short)atoi(port));
    REQUIRE(inet_pton(AF_INET, host, &a.sin_addr) == 1, "inet_pton");
    REQUIRE(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind");
    REQUIRE(getsockname(s, (struct sockaddr *)&a, &len) == 0, "getsockname");
    CHECK_EQ(sendto(s, kept, (int)strlen(kept), 0, (struct sockaddr *)&a, len), 6, "sendto");
    CHECK_EQ(recv(s, buf, sizeof(buf), 0), 6, "recv");
    CHECK_EQ(memcmp(buf, "Logger", 6), 0, "the name came back");

    free(kept);
    closesocket(s);
    WSACleanup();
    return check_done();
}
