/*
 * getaddrinfo and GetAddrInfoW hints as a protocol-independent client or server passes them,
 * checked against what Windows answers for "localhost":
 * - every pairing of family (unspecified or IPv4), socket type (none, stream, datagram) and
 *   protocol (none, TCP, UDP, IPv6, or a number no transport has) succeeds, and each entry
 *   carries the socket type and protocol exactly as the hints gave them, even a pairing that
 *   makes no sense (a datagram socket with TCP): Windows copies them, it does not check them;
 * - a socket type Windows does not know (999) fails with WSAESOCKTNOSUPPORT, returned and set
 *   as the last error, whatever the protocol;
 * - an empty service is the same as "0", for no node and for the empty node;
 * - AF_INET6 with AI_V4MAPPED gives only ::1 for "localhost" (it has an IPv6 address); with
 *   AI_ALL added, ::1 and then 127.0.0.1 as the IPv4-mapped ::ffff:127.0.0.1, the form a
 *   dual-stack server that opens only IPv6 sockets connects to.
 * A program that fills its hints from a table of transports relies on getting the entry
 * back as it asked. Only "localhost" and numeric addresses are looked up.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
#include "check.h"

#define NO_SUCH_TYPE 999
#define NO_SUCH_PROTOCOL 999

static const int families[] = {AF_UNSPEC, AF_INET};
static const int types[] = {0, SOCK_STREAM, SOCK_DGRAM, NO_SUCH_TYPE};
static const int protocols[] = {0, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6, NO_SUCH_PROTOCOL};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* How many entries of the list do not look like the hints asked (family, type, protocol). */
static int mismatches(const struct addrinfo *ai, int family, int type, int protocol)
{
    int bad = 0;
    for (; ai; ai = ai->ai_next) {
        int fam_ok = family == AF_UNSPEC ? (ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
                                         : ai->ai_family == family;
        if (!fam_ok || ai->ai_socktype != type || ai->ai_protocol != protocol)
            bad++;
    }
    return bad;
}

static int mismatches_w(const ADDRINFOW *ai, int family, int type, int protocol)
{
    int bad = 0;
    for (; ai; ai = ai->ai_next) {
        int fam_ok = family == AF_UNSPEC ? (ai->ai_family == AF_INET || ai->ai_family == AF_INET6)
                                         : ai->ai_family == family;
        if (!fam_ok || ai->ai_socktype != type || ai->ai_protocol != protocol)
            bad++;
    }
    return bad;
}

static void test_hint_matrix(void)
{
    static const WCHAR localhost_w[] = {'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't', 0};
    int f, t, p, wrong_answers = 0, wrong_entries = 0, wrong_errors = 0, tried = 0;
    int wrong_answers_w = 0, wrong_entries_w = 0, wrong_errors_w = 0;

    for (f = 0; f < COUNT(families); f++) {
        for (t = 0; t < COUNT(types); t++) {
            for (p = 0; p < COUNT(protocols); p++) {
                struct addrinfo hints, *res = NULL;
                ADDRINFOW hints_w, *res_w = NULL;
                int want = types[t] == NO_SUCH_TYPE ? WSAESOCKTNOSUPPORT : 0;
                int rc;

                memset(&hints, 0, sizeof(hints));
                hints.ai_family = families[f];
                hints.ai_socktype = types[t];
                hints.ai_protocol = protocols[p];
                WSASetLastError(0x1234);
                rc = getaddrinfo("localhost", NULL, &hints, &res);
                tried++;
                if (rc != want) {
                    wrong_answers++;
                    printf("# family %d type %d protocol %d: getaddrinfo gave %d\n", families[f], types[t],
                           protocols[p], rc);
                } else if (rc == 0) {
                    if (res == NULL || mismatches(res, families[f], types[t], protocols[p]) != 0)
                        wrong_entries++;
                } else if (WSAGetLastError() != want || res != NULL) {
                    wrong_errors++;
                }
                if (rc == 0)
                    freeaddrinfo(res);

                memset(&hints_w, 0, sizeof(hints_w));
                hints_w.ai_family = families[f];
                hints_w.ai_socktype = types[t];
                hints_w.ai_protocol = protocols[p];
                WSASetLastError(0x1234);
                rc = GetAddrInfoW(localhost_w, NULL, &hints_w, &res_w);
                if (rc != want) {
                    wrong_answers_w++;
                } else if (rc == 0) {
                    if (res_w == NULL || mismatches_w(res_w, families[f], types[t], protocols[p]) != 0)
                        wrong_entries_w++;
                } else if (WSAGetLastError() != want) {
                    wrong_errors_w++;
                }
                if (rc == 0)
                    FreeAddrInfoW(res_w);
            }
        }
    }
    CHECK_EQ(tried, COUNT(families) * COUNT(types) * COUNT(protocols), "every pairing of hints was tried");
    CHECK_EQ(wrong_answers, 0, "getaddrinfo: known socket types succeed, 999 fails with WSAESOCKTNOSUPPORT");
    CHECK_EQ(wrong_entries, 0, "getaddrinfo: each entry has the family asked and the type and protocol as given");
    CHECK_EQ(wrong_errors, 0, "getaddrinfo: the failure is also the last error, with no list");
    CHECK_EQ(wrong_answers_w, 0, "GetAddrInfoW: the same answers");
    CHECK_EQ(wrong_entries_w, 0, "GetAddrInfoW: the same entries");
    CHECK_EQ(wrong_errors_w, 0, "GetAddrInfoW: the same last error");
}

/* Two lists with the same entries in the same order. */
static int same_list(const struct addrinfo *a, const struct addrinfo *b)
{
    for (; a && b; a = a->ai_next, b = b->ai_next) {
        if (a->ai_flags != b->ai_flags || a->ai_family != b->ai_family || a->ai_socktype != b->ai_socktype ||
            a->ai_protocol != b->ai_protocol || a->ai_addrlen != b->ai_addrlen ||
            memcmp(a->ai_addr, b->ai_addr, a->ai_addrlen) != 0 || (a->ai_canonname == NULL) != (b->ai_canonname == NULL))
            return 0;
    }
    return a == NULL && b == NULL;
}

static void test_empty_service(void)
{
    struct addrinfo *zero = NULL, *empty = NULL;
    int rc;

    rc = getaddrinfo(NULL, "0", NULL, &zero);
    REQUIRE(rc == 0 && zero != NULL, "getaddrinfo(NULL, \"0\") succeeds");
    rc = getaddrinfo(NULL, "", NULL, &empty);
    REQUIRE(rc == 0 && empty != NULL, "getaddrinfo(NULL, \"\") succeeds");
    CHECK(same_list(zero, empty), "... with the same list as service \"0\"");
    freeaddrinfo(zero);
    freeaddrinfo(empty);

    WSASetLastError(0x1234);
    rc = getaddrinfo("", "0", NULL, &zero);
    REQUIRE(rc == 0 && zero != NULL, "getaddrinfo(\"\", \"0\") succeeds");
    CHECK_EQ(WSAGetLastError(), 0, "... and sets the last error to 0");
    rc = getaddrinfo("", "", NULL, &empty);
    REQUIRE(rc == 0 && empty != NULL, "getaddrinfo(\"\", \"\") succeeds");
    CHECK(same_list(zero, empty), "... with the same list as service \"0\"");
    freeaddrinfo(zero);
    freeaddrinfo(empty);
}

static int is_v6(const struct addrinfo *ai, const unsigned char want[16])
{
    return ai != NULL && ai->ai_family == AF_INET6 && ai->ai_addrlen == sizeof(struct sockaddr_in6) &&
           memcmp(&((const struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, want, 16) == 0;
}

static void test_v4_mapped(void)
{
    static const unsigned char loop6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
    struct addrinfo hints, *res = NULL;
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_V4MAPPED;
    rc = getaddrinfo("localhost", "7", &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "AF_INET6 + AI_V4MAPPED: localhost resolves");
    CHECK(is_v6(res, loop6), "... to ::1");
    CHECK(res->ai_next == NULL, "... and nothing else: it has an IPv6 address, IPv4 is not mapped");
    freeaddrinfo(res);

    hints.ai_flags = AI_V4MAPPED | AI_ALL;
    rc = getaddrinfo("localhost", "7", &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "AF_INET6 + AI_V4MAPPED | AI_ALL: localhost resolves");
    CHECK(is_v6(res, loop6), "... first to ::1");
    CHECK(is_v6(res->ai_next, mapped), "... then to ::ffff:127.0.0.1");
    CHECK(res->ai_next != NULL && ntohs(((struct sockaddr_in6 *)res->ai_next->ai_addr)->sin6_port) == 7,
          "... with the port");
    CHECK(res->ai_next != NULL && res->ai_next->ai_next == NULL, "... and nothing else");
    freeaddrinfo(res);

    hints.ai_flags = AI_ALL;
    rc = getaddrinfo("localhost", NULL, &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "AF_INET6 + AI_ALL alone: localhost resolves");
    CHECK(is_v6(res, loop6) && res->ai_next == NULL, "... to ::1 only: AI_ALL needs AI_V4MAPPED");
    freeaddrinfo(res);

    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_V4MAPPED | AI_ALL;
    rc = getaddrinfo("localhost", NULL, &hints, &res);
    REQUIRE(rc == 0 && res != NULL, "AF_UNSPEC + AI_V4MAPPED | AI_ALL: localhost resolves");
    CHECK(res->ai_next != NULL && res->ai_next->ai_family == AF_INET &&
              ((struct sockaddr_in *)res->ai_next->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "... 127.0.0.1 stays IPv4: mapping is for AF_INET6 only");
    freeaddrinfo(res);
}

int main(void)
{
    WSADATA wsa;
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    test_hint_matrix();
    test_empty_service();
    test_v4_mapped();
    WSACleanup();
    return check_done();
}
