/* gethostbyname, gethostbyaddr, gethostname, getservbyname/port, getprotobyname/number: the
 * Windows structures, per-thread results and Winsock error codes. Only literals, "localhost",
 * this machine's own name and names under .invalid are looked up. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stddef.h>
#include "check.h"

static struct hostent *other_thread_result;

static DWORD WINAPI other_thread(LPVOID arg)
{
    (void)arg;
    other_thread_result = gethostbyname("127.0.0.2");
    return 0;
}

static void test_layouts(void)
{
    /* mingw-w64 on Win64 prints these. */
    CHECK_EQ(sizeof(struct hostent), 32, "sizeof(hostent) is 32");
    CHECK_EQ(offsetof(struct hostent, h_addrtype), 16, "h_addrtype at 16");
    CHECK_EQ(sizeof(((struct hostent *)0)->h_addrtype), 2, "h_addrtype is a short");
    CHECK_EQ(offsetof(struct hostent, h_length), 18, "h_length at 18");
    CHECK_EQ(offsetof(struct hostent, h_addr_list), 24, "h_addr_list at 24");
    CHECK_EQ(sizeof(struct servent), 32, "sizeof(servent) is 32");
    CHECK_EQ(offsetof(struct servent, s_aliases), 8, "s_aliases at 8");
    CHECK_EQ(offsetof(struct servent, s_proto), 16, "s_proto at 16 (Win64 order)");
    CHECK_EQ(offsetof(struct servent, s_port), 24, "s_port at 24 (Win64 order)");
    CHECK_EQ(sizeof(((struct servent *)0)->s_port), 2, "s_port is a short");
    CHECK_EQ(sizeof(struct protoent), 24, "sizeof(protoent) is 24");
    CHECK_EQ(offsetof(struct protoent, p_proto), 16, "p_proto at 16");
    CHECK_EQ(sizeof(((struct protoent *)0)->p_proto), 2, "p_proto is a short");
    CHECK_EQ(sizeof(HOSTENT), sizeof(struct hostent), "HOSTENT is struct hostent");
    CHECK_EQ(sizeof(SERVENT) + sizeof(PROTOENT), 56, "SERVENT and PROTOENT typedefs");
}

static void test_before_startup(void)
{
    char name[256];
    WSASetLastError(0);
    CHECK(gethostbyname("localhost") == NULL, "gethostbyname before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    CHECK_EQ(gethostname(name, sizeof(name)), SOCKET_ERROR, "gethostname before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    CHECK(getservbyname("telnet", "tcp") == NULL, "getservbyname before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
    CHECK(getprotobynumber(6) == NULL, "getprotobynumber before WSAStartup fails");
    CHECK_EQ(WSAGetLastError(), WSANOTINITIALISED, "... with WSANOTINITIALISED");
}

static void test_gethostname(void)
{
    char name[256];
    int len;
    CHECK_EQ(gethostname(name, sizeof(name)), 0, "gethostname succeeds");
    len = (int)strlen(name);
    CHECK(len > 0, "... with a non-empty name");
    strcpy(name, "deadbeef");
    WSASetLastError(0);
    CHECK_EQ(gethostname(name, len), SOCKET_ERROR, "gethostname without room for the terminator fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    CHECK(strcmp(name, "deadbeef") == 0, "... leaving the buffer unchanged");
    CHECK_EQ(gethostname(name, len + 1), 0, "gethostname with exactly enough room succeeds");
    CHECK_EQ(gethostname(NULL, 256), SOCKET_ERROR, "gethostname(NULL) fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
}

static void test_gethostbyname(void)
{
    struct hostent *h;
    char own[256], **p;
    unsigned char loopback[4] = {127, 0, 0, 1};
    HANDLE t;
    int n;

    h = gethostbyname("localhost");
    REQUIRE(h != NULL, "gethostbyname(\"localhost\") succeeds");
    CHECK_EQ(h->h_addrtype, AF_INET, "... h_addrtype AF_INET");
    CHECK_EQ(h->h_length, 4, "... h_length 4");
    CHECK(memcmp(h->h_addr, loopback, 4) == 0, "... h_addr is 127.0.0.1");

    h = gethostbyname("127.0.0.1");
    REQUIRE(h != NULL, "a dotted quad resolves without a lookup");
    CHECK(strcmp(h->h_name, "127.0.0.1") == 0, "... h_name is the string");
    CHECK(memcmp(h->h_addr_list[0], loopback, 4) == 0 && h->h_addr_list[1] == NULL, "... one address, that one");
    /* Windows lays the entry out in one block: aliases right after the structure, then the
     * address list, then the addresses. */
    CHECK((void *)h->h_aliases == (void *)(h + 1), "h_aliases follows the structure");
    for (p = h->h_aliases, n = 1; *p; p++)
        n++;
    CHECK((void *)h->h_addr_list == (void *)(h->h_aliases + n), "h_addr_list follows the aliases");
    CHECK((void *)h->h_addr_list[0] == (void *)(h->h_addr_list + 2), "the first address follows the address list");

    /* Results are per thread: another thread's call leaves ours alone. */
    t = CreateThread(NULL, 0, other_thread, NULL, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    CHECK(other_thread_result != NULL, "gethostbyname works in another thread");
    CHECK(strcmp(h->h_name, "127.0.0.1") == 0, "... and this thread's result is unchanged");

    h = gethostbyname("");
    REQUIRE(h != NULL, "gethostbyname(\"\") gives the local host");
    gethostname(own, sizeof(own));
    CHECK(strcmp(h->h_name, own) == 0, "... named as gethostname says");
    CHECK(h->h_addr_list[0] != NULL && h->h_length == 4, "... with at least one IPv4 address");
    h = gethostbyname(NULL);
    CHECK(h != NULL && strcmp(h->h_name, own) == 0, "gethostbyname(NULL) gives the local host too");
    h = gethostbyname(own);
    CHECK(h != NULL && h->h_addrtype == AF_INET, "gethostbyname(own name) succeeds");

    WSASetLastError(0);
    CHECK(gethostbyname("no-such-host.invalid") == NULL, "a name under .invalid is not found");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "... WSAHOST_NOT_FOUND");
    CHECK_EQ(h_errno, WSAHOST_NOT_FOUND, "h_errno is WSAGetLastError()");
    CHECK_EQ(HOST_NOT_FOUND, 11001, "HOST_NOT_FOUND is WSAHOST_NOT_FOUND");
    WSASetLastError(0);
    CHECK(gethostbyname("1.2.3") == NULL, "a non-canonical dotted form is not an address");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "... WSAHOST_NOT_FOUND");
    WSASetLastError(0);
    CHECK(gethostbyname("::1") == NULL, "gethostbyname does not take IPv6 literals");
    CHECK_EQ(WSAGetLastError(), WSAHOST_NOT_FOUND, "... WSAHOST_NOT_FOUND");
}

static void test_gethostbyaddr(void)
{
    struct hostent *h;
    struct in_addr a;
    a.s_addr = htonl(INADDR_LOOPBACK);
    h = gethostbyaddr((const char *)&a, 4, AF_INET);
    REQUIRE(h != NULL, "gethostbyaddr(127.0.0.1) succeeds");
    CHECK(h->h_name != NULL && h->h_name[0] != '\0', "... with a name");
    CHECK(h->h_addrtype == AF_INET && h->h_length == 4, "... of type AF_INET, length 4");
    CHECK(memcmp(h->h_addr, &a, 4) == 0, "... and the address asked about");
    WSASetLastError(0);
    CHECK(gethostbyaddr((const char *)&a, 3, AF_INET) == NULL, "a short address fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
    WSASetLastError(0);
    CHECK(gethostbyaddr((const char *)&a, 4, AF_UNIX) == NULL, "another type fails");
    CHECK_EQ(WSAGetLastError(), WSAEAFNOSUPPORT, "... with WSAEAFNOSUPPORT");
    WSASetLastError(0);
    CHECK(gethostbyaddr(NULL, 4, AF_INET) == NULL, "a NULL address fails");
    CHECK_EQ(WSAGetLastError(), WSAEFAULT, "... with WSAEFAULT");
}

static void test_services(void)
{
    struct servent *s, *again;
    s = getservbyname("telnet", "tcp");
    REQUIRE(s != NULL, "getservbyname(telnet, tcp) succeeds");
    CHECK_EQ(ntohs(s->s_port), 23, "... port 23 in network byte order");
    CHECK(strcmp(s->s_proto, "tcp") == 0 && strcmp(s->s_name, "telnet") == 0, "... name and protocol");
    again = getservbyname("domain", "udp");
    CHECK(again == s, "the next result reuses the thread's buffer");
    CHECK(again != NULL && ntohs(again->s_port) == 53, "domain/udp is port 53");
    s = getservbyport(htons(53), "udp");
    CHECK(s != NULL && strcmp(s->s_name, "domain") == 0, "getservbyport(53, udp) is domain");
    s = getservbyname("telnet", NULL);
    CHECK(s != NULL && ntohs(s->s_port) == 23, "a NULL protocol matches any");
    WSASetLastError(0);
    CHECK(getservbyname("no-such-service", "tcp") == NULL, "an unknown service fails");
    CHECK_EQ(WSAGetLastError(), WSANO_DATA, "... with WSANO_DATA");
    WSASetLastError(0);
    CHECK(getservbyport(htons(1), "no-such-protocol") == NULL, "getservbyport with an unknown protocol fails");
    CHECK_EQ(WSAGetLastError(), WSANO_DATA, "... with WSANO_DATA");
}

static void test_protocols(void)
{
    struct protoent *p;
    p = getprotobyname("tcp");
    CHECK(p != NULL && p->p_proto == 6, "getprotobyname(tcp) is 6");
    p = getprotobyname("UDP");
    CHECK(p != NULL && p->p_proto == 17, "names match in any case");
    p = getprotobyname("IPV6-ICMP");
    CHECK(p != NULL && p->p_proto == 58, "... IPV6-ICMP is 58");
    p = getprotobynumber(6);
    REQUIRE(p != NULL, "getprotobynumber(6) succeeds");
    CHECK(strcmp(p->p_name, "tcp") == 0, "... named tcp");
    CHECK(p->p_aliases[0] && strcmp(p->p_aliases[0], "TCP") == 0 && !p->p_aliases[1], "... with the one alias TCP");
    p = getprotobynumber(41);
    CHECK(p != NULL && strcmp(p->p_aliases[0], "IPv6") == 0, "protocol 41 is ipv6, alias IPv6");
    WSASetLastError(0);
    CHECK(getprotobynumber(2) == NULL, "a number Windows does not list fails");
    CHECK_EQ(WSAGetLastError(), WSANO_DATA, "... with WSANO_DATA");
    WSASetLastError(0);
    CHECK(getprotobyname("no-such-protocol") == NULL, "an unknown protocol name fails");
    CHECK_EQ(WSAGetLastError(), WSANO_DATA, "... with WSANO_DATA");
}

int main(void)
{
    WSADATA wsa;
    test_layouts();
    test_before_startup();
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_gethostname();
    test_gethostbyname();
    test_gethostbyaddr();
    test_services();
    test_protocols();
    WSACleanup();
    return check_done();
}
