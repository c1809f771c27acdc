/* A server written for Windows XP: it says so with `#define _WIN32_WINNT 0x0501` before
 * <winsock2.h>, and then defines its own inet_pton and inet_ntop over WSAStringToAddress and
 * WSAAddressToString, because XP's ws2_32 has neither. Windows' <ws2tcpip.h> declares
 * inet_pton, inet_ntop, InetPtonW and InetNtopW only for Vista and later (NTDDI_VERSION, which
 * follows _WIN32_WINNT), so those definitions compile there, static or not, and every call in
 * the program reaches them. Here the same source must compile unchanged and call its own
 * functions, not ws2mp's. */
#define _WIN32_WINNT 0x0501
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int own_pton_calls;
static int own_ntop_calls;

/* XP has no inet_pton: parse through WSAStringToAddress (which wants a writable string). */
static int inet_pton(int af, const char *src, void *dst)
{
    struct sockaddr_storage ss;
    int size = sizeof(ss);
    char text[INET6_ADDRSTRLEN + 1];

    own_pton_calls++;
    if (strlen(src) >= sizeof(text))
        return 0;
    strcpy(text, src);
    memset(&ss, 0, sizeof(ss));
    if (WSAStringToAddressA(text, af, NULL, (struct sockaddr *)&ss, &size) != 0)
        return 0;
    if (af == AF_INET) {
        memcpy(dst, &((struct sockaddr_in *)&ss)->sin_addr, sizeof(struct in_addr));
        return 1;
    }
    if (af == AF_INET6) {
        memcpy(dst, &((struct sockaddr_in6 *)&ss)->sin6_addr, sizeof(struct in6_addr));
        return 1;
    }
    return -1;
}

/* ... nor inet_ntop: format through WSAAddressToString. */
static const char *inet_ntop(int af, const void *src, char *dst, size_t size)
{
    struct sockaddr_storage ss;
    DWORD len = (DWORD)size;
    int salen;

    own_ntop_calls++;
    memset(&ss, 0, sizeof(ss));
    ss.ss_family = (short)af;
    if (af == AF_INET) {
        memcpy(&((struct sockaddr_in *)&ss)->sin_addr, src, sizeof(struct in_addr));
        salen = sizeof(struct sockaddr_in);
    } else if (af == AF_INET6) {
        memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, src, sizeof(struct in6_addr));
        salen = sizeof(struct sockaddr_in6);
    } else {
        return NULL;
    }
    if (WSAAddressToStringA((struct sockaddr *)&ss, (DWORD)salen, NULL, dst, &len) != 0)
        return NULL;
    return dst;
}

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in sin, bound;
    struct in6_addr six;
    int len = sizeof(bound);
    char text[64];
    SOCKET s;
    static const unsigned char loop6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

#ifdef inet_pton
    CHECK(0, "inet_pton is not a macro for an XP program");
#endif
#ifdef InetPton
    CHECK(0, "InetPton is not defined for an XP program");
#endif
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    CHECK_EQ(inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr), 1, "own inet_pton parses 127.0.0.1");
    CHECK_EQ(own_pton_calls, 1, "... the program's own function ran");
    CHECK_EQ(ntohl(sin.sin_addr.s_addr), 0x7F000001, "... into 127.0.0.1");
    CHECK_EQ(inet_pton(AF_INET, "not an address", &sin.sin_addr), 0, "own inet_pton rejects a name");
    CHECK_EQ(inet_pton(AF_INET6, "::1", &six), 1, "own inet_pton parses ::1");
    CHECK(memcmp(&six, loop6, 16) == 0, "... into the loopback address");
    CHECK_EQ(own_pton_calls, 3, "every call reached the program's own inet_pton");

    /* The parsed address is a real one: a socket binds to it. */
    sin.sin_addr.s_addr = 0;
    REQUIRE(inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr) == 1, "parse 127.0.0.1 again");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(s != INVALID_SOCKET, "socket");
    CHECK_EQ(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0, "bind to the parsed address");
    CHECK_EQ(getsockname(s, (struct sockaddr *)&bound, &len), 0, "getsockname");
    CHECK(inet_ntop(AF_INET, &bound.sin_addr, text, sizeof(text)) == text,
          "own inet_ntop formats the bound address");
    CHECK(strcmp(text, "127.0.0.1") == 0, "... as 127.0.0.1");
    CHECK_EQ(own_ntop_calls, 1, "... through the program's own inet_ntop");
    CHECK(inet_ntop(AF_INET6, loop6, text, sizeof(text)) == text && strcmp(text, "::1") == 0,
          "own inet_ntop formats ::1");
    CHECK(inet_ntop(AF_INET6, loop6, text, 2) == NULL, "own inet_ntop fails on a short buffer");
    CHECK_EQ(own_ntop_calls, 3, "every call reached the program's own inet_ntop");
    closesocket(s);
    WSACleanup();
    return check_done();
}
