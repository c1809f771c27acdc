/* GetAddrInfoW / FreeAddrInfoW / GetNameInfoW / gai_strerrorW: the UTF-16 (16-bit WCHAR)
 * forms. Only literals, "localhost" and names under .invalid are looked up. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stddef.h>
#include "check.h"

/* WCHAR is 16-bit, as on Windows; the test spells its strings with a helper. */
static const WCHAR *W(WCHAR *buf, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        buf[i] = (WCHAR)(unsigned char)s[i];
    buf[i] = 0;
    return buf;
}

static int wide_equals(const WCHAR *w, const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (w[i] != (WCHAR)(unsigned char)s[i])
            return 0;
    return w[i] == 0;
}

int main(void)
{
    WSADATA wsa;
    ADDRINFOW hints, *res = NULL, *p;
    WCHAR node[64], service[16], host[NI_MAXHOST], serv[NI_MAXSERV];
    struct sockaddr_in sin;
    int rc, n;

    CHECK_EQ(sizeof(ADDRINFOW), 48, "sizeof(ADDRINFOW) is 48");
    CHECK_EQ(offsetof(ADDRINFOW, ai_canonname), 24, "ai_canonname at 24");
    CHECK_EQ(offsetof(ADDRINFOW, ai_addr), 32, "ai_addr at 32");
    CHECK_EQ(sizeof(WCHAR), 2, "WCHAR is 16 bits");

    CHECK_EQ(GetAddrInfoW(W(node, "127.0.0.1"), NULL, NULL, &res), WSANOTINITIALISED,
             "GetAddrInfoW before WSAStartup fails");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    WSASetLastError(0xdead);
    rc = GetAddrInfoW(W(node, "127.0.0.1"), W(service, "8080"), NULL, &res);
    REQUIRE(rc == 0 && res != NULL, "GetAddrInfoW(127.0.0.1, 8080) succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and sets the last error to 0");
    CHECK(res->ai_family == AF_INET && res->ai_next == NULL, "... one AF_INET entry");
    CHECK(res->ai_socktype == 0 && res->ai_protocol == 0, "... socktype and protocol 0");
    CHECK_EQ(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port), 8080, "... port 8080");
    FreeAddrInfoW(res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_CANONNAME;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    rc = GetAddrInfoW(W(node, "localhost"), NULL, &hints, &res);
    REQUIRE(rc == 0, "GetAddrInfoW(localhost, AF_INET, SOCK_DGRAM) succeeds");
    for (p = res, n = 0; p; p = p->ai_next, n++)
        CHECK(p->ai_socktype == SOCK_DGRAM && p->ai_protocol == IPPROTO_UDP, "... entries carry the hints' type and protocol");
    CHECK(n >= 1, "... at least one entry");
    CHECK(res->ai_canonname != NULL && res->ai_canonname[0] != 0, "... and a UTF-16 canonical name");
    FreeAddrInfoW(res);

    res = (ADDRINFOW *)(void *)&res;
    WSASetLastError(0);
    rc = GetAddrInfoW(NULL, NULL, NULL, &res);
    CHECK_EQ(rc, WSAHOST_NOT_FOUND, "NULL node and service: WSAHOST_NOT_FOUND");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "... also the last error");
    CHECK(res == NULL, "... and, as getaddrinfo, the result is set to NULL");
    res = NULL;
    CHECK_EQ(GetAddrInfoW(W(node, "no-such-host.invalid"), NULL, NULL, &res), WSAHOST_NOT_FOUND,
             "a name under .invalid: WSAHOST_NOT_FOUND");
    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = 999;
    CHECK_EQ(GetAddrInfoW(W(node, "localhost"), NULL, &hints, &res), WSAESOCKTNOSUPPORT, "socket type 999: WSAESOCKTNOSUPPORT");
    FreeAddrInfoW(NULL);

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    WSASetLastError(WSAEWOULDBLOCK);
    rc = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, NI_MAXHOST, serv, NI_MAXSERV, NI_NUMERICHOST | NI_NUMERICSERV);
    CHECK(rc == 0 && wide_equals(host, "127.0.0.1") && wide_equals(serv, "80"), "GetNameInfoW numeric host and service");
    CHECK_EQ(WSAGetLastError(), 0, "... and a success sets the last error to 0");
    rc = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, 9, NULL, 0, NI_NUMERICHOST);
    CHECK_EQ(rc, WSAEFAULT, "a host buffer of 9 WCHARs is too small for 127.0.0.1");
    rc = GetNameInfoW((struct sockaddr *)&sin, sizeof(sin), host, 10, NULL, 0, NI_NUMERICHOST);
    CHECK_EQ(rc, 0, "... 10 WCHARs is enough");

    CHECK(wide_equals(gai_strerrorW(EAI_NONAME), "No such host is known. "), "gai_strerrorW(EAI_NONAME)");

    {
        char narrow[256];
        WCHAR wname[256];
        int len;
        gethostname(narrow, sizeof(narrow));
        CHECK_EQ(GetHostNameW(wname, 256), 0, "GetHostNameW succeeds");
        CHECK(wide_equals(wname, narrow), "... with gethostname's name in UTF-16");
        len = (int)strlen(narrow);
        W(wname, "deadbeef");
        WSASetLastError(0);
        CHECK_EQ(GetHostNameW(wname, len), SOCKET_ERROR, "GetHostNameW without room for the terminator fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
        CHECK(wide_equals(wname, "deadbeef"), "... leaving the buffer unchanged");
        CHECK_EQ(GetHostNameW(wname, len + 1), 0, "... and succeeds with exactly enough room");
        CHECK_EQ(GetHostNameW(NULL, 256), SOCKET_ERROR, "GetHostNameW(NULL) fails");
        CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    }

    WSACleanup();
    return check_done();
}
