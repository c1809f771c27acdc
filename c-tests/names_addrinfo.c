/* getaddrinfo / freeaddrinfo / getnameinfo / gai_strerror with Windows' structure, flags,
 * result shape and codes. Only literals, "localhost", this machine's own name and names under
 * .invalid are looked up. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stddef.h>
#include "check.h"

static int count(const struct addrinfo *ai)
{
    int n = 0;
    for (; ai; ai = ai->ai_next)
        n++;
    return n;
}

/* getaddrinfo's result code must also be the last error; *res is NULL on failure. */
static void check_fails(const char *node, const char *service, const struct addrinfo *hints, int expected,
                        const char *what)
{
    struct addrinfo *res = (struct addrinfo *)(void *)&res;
    int rc;
    WSASetLastError(0xdead);
    rc = getaddrinfo(node, service, hints, &res);
    CHECK_EQ(rc, expected, what);
    CHECK_EQ(WSAGetLastError(), expected, "... and the same last error");
    CHECK(res == NULL, "... and no result");
}

static void test_layout_and_constants(void)
{
    CHECK_EQ(sizeof(struct addrinfo), 48, "sizeof(addrinfo) is 48 (Win64)");
    CHECK_EQ(offsetof(struct addrinfo, ai_addrlen), 16, "ai_addrlen at 16");
    CHECK_EQ(sizeof(((struct addrinfo *)0)->ai_addrlen), 8, "ai_addrlen is a size_t");
    CHECK_EQ(offsetof(struct addrinfo, ai_canonname), 24, "ai_canonname at 24 (before ai_addr)");
    CHECK_EQ(offsetof(struct addrinfo, ai_addr), 32, "ai_addr at 32");
    CHECK_EQ(offsetof(struct addrinfo, ai_next), 40, "ai_next at 40");
    CHECK_EQ(sizeof(ADDRINFOA), 48, "ADDRINFOA is struct addrinfo");
    CHECK_EQ(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV, 0xf, "AI_PASSIVE..AI_NUMERICSERV are 1, 2, 4, 8");
    CHECK_EQ(AI_ALL, 0x100, "AI_ALL is 0x100");
    CHECK_EQ(AI_ADDRCONFIG, 0x400, "AI_ADDRCONFIG is 0x400");
    CHECK_EQ(AI_V4MAPPED, 0x800, "AI_V4MAPPED is 0x800");
    CHECK_EQ(NI_NOFQDN | NI_NUMERICHOST << 4 | NI_NAMEREQD << 8 | NI_NUMERICSERV << 12 | NI_DGRAM << 16, 0x108421,
             "NI_* are 1, 2, 4, 8, 0x10");
    CHECK_EQ(NI_MAXHOST, 1025, "NI_MAXHOST is 1025");
    CHECK_EQ(NI_MAXSERV, 32, "NI_MAXSERV is 32");
    CHECK_EQ(EAI_AGAIN, WSATRY_AGAIN, "EAI_AGAIN is WSATRY_AGAIN");
    CHECK_EQ(EAI_BADFLAGS, WSAEINVAL, "EAI_BADFLAGS is WSAEINVAL");
    CHECK_EQ(EAI_FAIL, WSANO_RECOVERY, "EAI_FAIL is WSANO_RECOVERY");
    CHECK_EQ(EAI_FAMILY, WSAEAFNOSUPPORT, "EAI_FAMILY is WSAEAFNOSUPPORT");
    CHECK_EQ(EAI_MEMORY, WSA_NOT_ENOUGH_MEMORY, "EAI_MEMORY is WSA_NOT_ENOUGH_MEMORY");
    CHECK_EQ(EAI_NONAME, 11001, "EAI_NONAME is WSAHOST_NOT_FOUND");
    CHECK_EQ(EAI_NODATA, EAI_NONAME, "EAI_NODATA is EAI_NONAME");
    CHECK_EQ(EAI_SERVICE, WSATYPE_NOT_FOUND, "EAI_SERVICE is WSATYPE_NOT_FOUND");
    CHECK_EQ(EAI_SOCKTYPE, WSAESOCKTNOSUPPORT, "EAI_SOCKTYPE is WSAESOCKTNOSUPPORT");
}

static void test_literals(void)
{
    struct addrinfo hints, *res = NULL;
    struct sockaddr_in *sin;
    struct sockaddr_in6 *sin6;
    int rc;

    WSASetLastError(0xdead);
    rc = getaddrinfo("127.0.0.1", "80", NULL, &res);
    REQUIRE(rc == 0 && res != NULL, "getaddrinfo(127.0.0.1, 80) succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and sets the last error to 0");
    CHECK_EQ(count(res), 1, "... with one entry, not one per socket type");
    CHECK_EQ(res->ai_family, AF_INET, "... AF_INET");
    CHECK_EQ(res->ai_socktype, 0, "... ai_socktype 0 as the (absent) hints say");
    CHECK_EQ(res->ai_protocol, 0, "... ai_protocol 0");
    CHECK_EQ(res->ai_flags, AI_NUMERICHOST, "... ai_flags AI_NUMERICHOST: Windows marks an entry whose host was an address");
    CHECK_EQ(res->ai_addrlen, sizeof(struct sockaddr_in), "... ai_addrlen is sizeof(sockaddr_in)");
    CHECK(res->ai_canonname == NULL, "... no canonical name unless asked");
    sin = (struct sockaddr_in *)res->ai_addr;
    CHECK(sin->sin_family == AF_INET && ntohs(sin->sin_port) == 80, "... port 80");
    CHECK_EQ(ntohl(sin->sin_addr.s_addr), INADDR_LOOPBACK, "... address 127.0.0.1");
    freeaddrinfo(res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_UDP;
    rc = getaddrinfo("127.0.0.1", NULL, &hints, &res);
    REQUIRE(rc == 0, "hints SOCK_STREAM + IPPROTO_UDP are accepted");
    CHECK(res->ai_socktype == SOCK_STREAM && res->ai_protocol == IPPROTO_UDP, "... and copied to the result as given");
    freeaddrinfo(res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_CANONNAME;
    rc = getaddrinfo("127.0.0.1", NULL, &hints, &res);
    CHECK(rc == 0 && res->ai_canonname != NULL && strcmp(res->ai_canonname, "127.0.0.1") == 0,
          "AI_CANONNAME on a literal gives the literal");
    if (rc == 0)
        freeaddrinfo(res);

    rc = getaddrinfo("[::1]", NULL, NULL, &res);
    REQUIRE(rc == 0, "[::1] is an IPv6 literal");
    sin6 = (struct sockaddr_in6 *)res->ai_addr;
    CHECK(res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(struct sockaddr_in6), "... AF_INET6, sockaddr_in6");
    CHECK(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr), "... ::1");
    freeaddrinfo(res);
    rc = getaddrinfo("[::1]:10239", NULL, NULL, &res);
    CHECK(rc == 0 && res && ((struct sockaddr_in6 *)res->ai_addr)->sin6_port == 0, "[::1]:port is accepted, port ignored");
    if (rc == 0)
        freeaddrinfo(res);
    rc = getaddrinfo("fe80::1%3", NULL, NULL, &res);
    CHECK(rc == 0 && res && ((struct sockaddr_in6 *)res->ai_addr)->sin6_scope_id == 3, "a numeric scope becomes sin6_scope_id");
    if (rc == 0)
        freeaddrinfo(res);

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_V4MAPPED;
    rc = getaddrinfo("127.0.0.1", NULL, &hints, &res);
    CHECK(rc == 0 && res && IN6_IS_ADDR_V4MAPPED(&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr),
          "AF_INET6 + AI_V4MAPPED maps an IPv4 literal");
    if (rc == 0)
        freeaddrinfo(res);

    /* Four parts may be written as inet_addr reads them; the result is still numeric. */
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    rc = getaddrinfo("1.2.3.0x4", NULL, &hints, &res);
    CHECK(rc == 0 && res && ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == inet_addr("1.2.3.4") &&
              res->ai_flags == AI_NUMERICHOST,
          "1.2.3.0x4 is 1.2.3.4, a numeric host");
    if (rc == 0)
        freeaddrinfo(res);
    rc = getaddrinfo("1.2.3.010", NULL, &hints, &res);
    CHECK(rc == 0 && res && ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == inet_addr("1.2.3.8"),
          "1.2.3.010 is 1.2.3.8 (octal)");
    if (rc == 0)
        freeaddrinfo(res);
    rc = getaddrinfo("0.0.0.0 ", NULL, &hints, &res);
    CHECK(rc == 0 && res && ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == 0 && res->ai_flags == 0,
          "an address with a space after it resolves as a name would: 0.0.0.0, ai_flags 0");
    if (rc == 0)
        freeaddrinfo(res);
    rc = getaddrinfo("localhost", NULL, &hints, &res);
    CHECK(rc == 0 && res && res->ai_flags == 0, "a name's entries have ai_flags 0");
    if (rc == 0)
        freeaddrinfo(res);
    check_fails("1.1.1.256", NULL, &hints, WSAHOST_NOT_FOUND, "1.1.1.256 is not an address");
    check_fails("0.0.0.0.0", NULL, &hints, WSAHOST_NOT_FOUND, "five parts are not an address");

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICHOST;
    check_fails("0.0.0.0 ", NULL, &hints, WSAHOST_NOT_FOUND, "... nor a numeric host with AI_NUMERICHOST");
    check_fails("1.2.3", NULL, NULL, WSAHOST_NOT_FOUND, "1.2.3 is not an address");
    check_fails("0x7f.1", NULL, NULL, WSAHOST_NOT_FOUND, "0x7f.1 is not an address");
    check_fails("192.168.1.253:1024", NULL, &hints, WSAHOST_NOT_FOUND, "address:port is not a numeric host");
    check_fails("[::1", NULL, &hints, WSAHOST_NOT_FOUND, "an unmatched bracket is not a numeric host");
    check_fails("localhost", "80", &hints, WSAHOST_NOT_FOUND, "AI_NUMERICHOST refuses a name");
    hints.ai_family = AF_INET;
    check_fails("[::1]", NULL, &hints, WSAHOST_NOT_FOUND, "an IPv6 literal with AF_INET hints is not found");
}

static void test_names(void)
{
    struct addrinfo hints, *res = NULL, *res2 = NULL, *a, *b;
    char own[256];
    int rc, same;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    rc = getaddrinfo("localhost", "80", &hints, &res);
    REQUIRE(rc == 0, "getaddrinfo(localhost, 80, AF_INET) succeeds");
    CHECK_EQ(ntohl(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr), INADDR_LOOPBACK, "... 127.0.0.1");
    freeaddrinfo(res);

    /* Windows answers "localhost" itself: IPv6 gets ::1 whatever the hosts file says. */
    hints.ai_family = AF_INET6;
    rc = getaddrinfo("LocalHost", "80", &hints, &res);
    REQUIRE(rc == 0, "getaddrinfo(LocalHost, 80, AF_INET6) succeeds");
    CHECK(res->ai_family == AF_INET6 &&
              memcmp(&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, &in6addr_loopback, sizeof(IN6_ADDR)) == 0 &&
              ntohs(((struct sockaddr_in6 *)res->ai_addr)->sin6_port) == 80,
          "... ::1 port 80");
    freeaddrinfo(res);
    hints.ai_family = AF_INET;

    rc = getaddrinfo("", NULL, NULL, &res);
    REQUIRE(rc == 0 && res != NULL, "getaddrinfo(\"\") gives this machine's addresses");
    gethostname(own, sizeof(own));
    rc = getaddrinfo(own, NULL, NULL, &res2);
    REQUIRE(rc == 0, "getaddrinfo(own name) succeeds");
    same = count(res) == count(res2);
    for (a = res, b = res2; same && a && b; a = a->ai_next, b = b->ai_next)
        same = a->ai_addrlen == b->ai_addrlen && memcmp(a->ai_addr, b->ai_addr, a->ai_addrlen) == 0;
    CHECK(same, "... the same list as for \"\"");
    freeaddrinfo(res);
    freeaddrinfo(res2);

    rc = getaddrinfo(NULL, "0", NULL, &res);
    REQUIRE(rc == 0, "a NULL node with a service succeeds");
    CHECK_EQ(count(res), 2, "... two loopback addresses");
    CHECK(res->ai_family == AF_INET6 && res->ai_next->ai_family == AF_INET, "... IPv6 first");
    CHECK_EQ(ntohl(((struct sockaddr_in *)res->ai_next->ai_addr)->sin_addr.s_addr), INADDR_LOOPBACK, "... 127.0.0.1");
    freeaddrinfo(res);
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_PASSIVE;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(NULL, "27015", &hints, &res);
    REQUIRE(rc == 0, "AI_PASSIVE with a NULL node succeeds");
    CHECK(count(res) == 1 && ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr == htonl(INADDR_ANY),
          "... INADDR_ANY");
    CHECK_EQ(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port), 27015, "... port 27015");
    freeaddrinfo(res);

    hints.ai_flags = 0;
    rc = getaddrinfo("127.0.0.1", "http", &hints, &res);
    CHECK(rc == 0 && ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) == 80, "a service name is looked up");
    if (rc == 0)
        freeaddrinfo(res);

    check_fails("no-such-host.invalid", NULL, NULL, WSAHOST_NOT_FOUND, "a name under .invalid is not found");
    freeaddrinfo(NULL);
}

static void test_bad_arguments(void)
{
    struct addrinfo hints;
    check_fails(NULL, NULL, NULL, WSAHOST_NOT_FOUND, "NULL node and service fail with WSAHOST_NOT_FOUND");
    check_fails(NULL, "nonexistentservice", NULL, WSATYPE_NOT_FOUND, "an unknown service fails with WSATYPE_NOT_FOUND");
    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_NUMERICSERV;
    check_fails("127.0.0.1", "http", &hints, WSAHOST_NOT_FOUND, "AI_NUMERICSERV refuses a service name");
    hints.ai_flags = 0x2000;
    check_fails("127.0.0.1", NULL, &hints, EAI_BADFLAGS, "an unknown flag fails with EAI_BADFLAGS");
    hints.ai_flags = AI_CANONNAME;
    check_fails(NULL, "80", &hints, EAI_BADFLAGS, "AI_CANONNAME without a node fails with EAI_BADFLAGS");
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = 12345;
    check_fails("127.0.0.1", NULL, &hints, EAI_FAMILY, "an unknown family fails with EAI_FAMILY");
    hints.ai_family = AF_INET;
    hints.ai_socktype = 999;
    hints.ai_protocol = IPPROTO_TCP;
    check_fails("localhost", NULL, &hints, EAI_SOCKTYPE, "socket type 999 fails with EAI_SOCKTYPE");
}

static void test_getnameinfo(void)
{
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    char host[NI_MAXHOST], serv[NI_MAXSERV], small[4];
    int rc;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    WSASetLastError(WSAEWOULDBLOCK);
    rc = getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv),
                     NI_NUMERICHOST | NI_NUMERICSERV);
    CHECK(rc == 0 && strcmp(host, "127.0.0.1") == 0 && strcmp(serv, "80") == 0, "numeric host and service");
    CHECK_EQ(WSAGetLastError(), 0, "... and a success sets the last error to 0");
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin) - 1, host, sizeof(host), NULL, 0, 0), WSAEFAULT,
             "an IPv4 address one byte short: WSAEFAULT");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... also the last error");
    rc = getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), 0);
    CHECK(rc == 0 && strcmp(host, "localhost") == 0, "127.0.0.1 is named localhost");
    CHECK(rc == 0 && strcmp(serv, "http") == 0, "port 80 is named http");

    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    sin6.sin6_addr.s6_addr[0] = 0xfe;
    sin6.sin6_addr.s6_addr[1] = 0x80;
    sin6.sin6_addr.s6_addr[15] = 1;
    sin6.sin6_scope_id = 3;
    rc = getnameinfo((struct sockaddr *)&sin6, sizeof(sin6), host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    CHECK(rc == 0 && strcmp(host, "fe80::1%3") == 0, "a numeric IPv6 host carries its scope as a number");

    WSASetLastError(0);
    CHECK_EQ(getnameinfo(NULL, sizeof(sin), host, sizeof(host), NULL, 0, 0), WSAEFAULT, "a NULL address: WSAEFAULT");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... also the last error");
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, 8, host, sizeof(host), NULL, 0, 0), WSAEFAULT,
             "a short address length: WSAEFAULT");
    sin.sin_family = AF_UNIX;
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0), EAI_FAMILY,
             "another family: EAI_FAMILY");
    sin.sin_family = AF_INET;
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin), NULL, 0, NULL, 0, 0), EAI_NONAME,
             "neither host nor service wanted: EAI_NONAME");
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, 0, NULL, 0, 0), EAI_BADFLAGS,
             "a host buffer of size 0: EAI_BADFLAGS");
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0x100), EAI_BADFLAGS,
             "an unknown flag: EAI_BADFLAGS");
    CHECK_EQ(getnameinfo((struct sockaddr *)&sin, sizeof(sin), small, sizeof(small), NULL, 0, NI_NUMERICHOST), WSAEFAULT,
             "a host buffer too small: WSAEFAULT");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... also the last error");
}

/* Services: a number is read as Windows' strtoul does (a 32-bit unsigned long, then the low
 * 16 bits); a name known for one transport only gives that socket type. */
static void test_services(void)
{
    static const struct {
        const char *service;
        int port;
    } numbers[] = {
        {"010", 10},   {" 123", 123}, {"+5", 5},         {"65535", 65535},      {"65536", 0},
        {"65537", 1},  {"-1", 65535}, {"-4", 65532},     {"-65536", 0},         {"4294967295", 65535},
        {"4294967296", 65535},        {"99999999999999999999", 65535},
    };
    static const char *not_numbers[] = {"28 ", "0x1a", "a28", ":0", "-"};
    static const struct {
        const char *service;
        int port, socktype;
    } names[] = {
        {"smtp", 25, SOCK_STREAM}, /* TCP only */
        {"tftp", 69, SOCK_DGRAM},  /* UDP only */
        {"domain", 53, 0},         /* both: left open */
    };
    struct addrinfo hints, *res;
    char what[96];
    size_t i;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
        snprintf(what, sizeof(what), "service \"%s\" is port %d", numbers[i].service, numbers[i].port);
        res = NULL;
        if (getaddrinfo(NULL, numbers[i].service, &hints, &res) != 0 || res == NULL) {
            CHECK(0, what);
            continue;
        }
        CHECK_EQ(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port), numbers[i].port, what);
        CHECK_EQ(res->ai_socktype, 0, "... and the socket type stays 0");
        freeaddrinfo(res);
    }
    for (i = 0; i < sizeof(not_numbers) / sizeof(not_numbers[0]); i++) {
        snprintf(what, sizeof(what), "service \"%s\" is neither a number nor a name: WSATYPE_NOT_FOUND",
                 not_numbers[i]);
        check_fails(NULL, not_numbers[i], &hints, WSATYPE_NOT_FOUND, what);
    }
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(what, sizeof(what), "service \"%s\" is port %d", names[i].service, names[i].port);
        res = NULL;
        if (getaddrinfo(NULL, names[i].service, &hints, &res) != 0 || res == NULL) {
            CHECK(0, what);
            continue;
        }
        CHECK_EQ(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port), names[i].port, what);
        CHECK_EQ(res->ai_socktype, names[i].socktype, "... with the socket type of its transports");
        CHECK_EQ(res->ai_protocol, 0, "... and protocol 0");
        freeaddrinfo(res);
    }
    hints.ai_socktype = SOCK_STREAM;
    check_fails(NULL, "tftp", &hints, WSATYPE_NOT_FOUND, "a UDP-only service with SOCK_STREAM hints: WSATYPE_NOT_FOUND");
}

static void test_gai_strerror(void)
{
    CHECK(strcmp(gai_strerror(EAI_NONAME), "No such host is known. ") == 0, "gai_strerror(EAI_NONAME) is the system message");
    CHECK(strstr(gai_strerrorA(EAI_BADFLAGS), "invalid argument") != NULL, "gai_strerrorA(EAI_BADFLAGS)");
    CHECK(strcmp(gai_strerror(EAI_SERVICE), "The specified class was not found. ") == 0, "gai_strerror(EAI_SERVICE)");
}

int main(void)
{
    WSADATA wsa;
    struct addrinfo *res = NULL, untouched;
    test_layout_and_constants();
    CHECK_EQ(getaddrinfo("127.0.0.1", NULL, NULL, &res), WSANOTINITIALISED, "getaddrinfo before WSAStartup fails");
    CHECK(res == NULL, "... with no result");
    res = &untouched;
    CHECK_EQ(getaddrinfo(NULL, NULL, NULL, &res), WSANOTINITIALISED,
             "getaddrinfo(NULL, NULL) before WSAStartup: WSANOTINITIALISED comes first");
    CHECK(res == &untouched, "... and the result is left as it was");
    res = NULL;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_literals();
    test_names();
    test_bad_arguments();
    test_getnameinfo();
    test_services();
    test_gai_strerror();
    WSACleanup();
    return check_done();
}
