/* ws2mp-test: no-mingw */ /* this mingw-w64 has no <ip2string.h> */
/* A multicast tool that reads its group and peers from text with ntdll's <ip2string.h>
 * conversions instead of inet_addr: RtlIpv4StringToAddressA in strict and lenient forms with
 * the terminator it leaves (a "host:port" line split at it), the Ex forms with ports in network
 * order, RtlIpv4AddressToStringA/ExA for its log lines, the IPv6 forms with a scope and a
 * bracketed port, and the W forms. The group it parsed is then joined and a datagram sent to
 * it on loopback, as the tool would. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <ip2string.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
#endif

static void check_v4(const char *text, BOOLEAN strict, NTSTATUS want, int want_end, const char *want_addr)
{
    struct in_addr a;
    PCSTR end = NULL;
    char buf[32], what[96];
    NTSTATUS st;

    a.s_addr = 0xabababab;
    st = RtlIpv4StringToAddressA(text, strict, &end, &a);
    snprintf(what, sizeof(what), "\"%s\" %s: status", text, strict ? "strict" : "lenient");
    CHECK_EQ(st, want, what);
    snprintf(what, sizeof(what), "\"%s\" %s: terminator", text, strict ? "strict" : "lenient");
    CHECK_EQ(end - text, want_end, what);
    snprintf(what, sizeof(what), "\"%s\" %s: address", text, strict ? "strict" : "lenient");
    if (want_addr != NULL) {
        RtlIpv4AddressToStringA(&a, buf);
        CHECK(strcmp(buf, want_addr) == 0, what);
    } else {
        CHECK(a.s_addr == 0xabababab, what);
    }
}

int main(void)
{
    WSADATA wsa;
    struct in_addr group, a;
    struct in6_addr a6;
    char buf[64], line[] = "239.1.2.3:5000 # the feed";
    PCSTR end;
    PCWSTR wend;
    WCHAR wbuf[64];
    static const WCHAR wtext[] = { '1', '0', '.', '0', '.', '0', '.', '7', ':', '9', 0 };
    ULONG len, scope;
    USHORT port;
    char *tail;

    /* what the lenient and strict readers accept, and where they stop */
    check_v4("1.1.1.1", TRUE, STATUS_SUCCESS, 7, "1.1.1.1");
    check_v4("3.4.5.6 ", TRUE, STATUS_SUCCESS, 7, "3.4.5.6");
    check_v4("1.223756", FALSE, STATUS_SUCCESS, 8, "1.3.106.12");
    check_v4("1.223756", TRUE, STATUS_INVALID_PARAMETER, 8, NULL);
    check_v4("203569230", FALSE, STATUS_SUCCESS, 9, "12.34.56.78");
    check_v4("1.1.1.0xaA", FALSE, STATUS_SUCCESS, 10, "1.1.1.170");
    check_v4("1.1.1.0xaA", TRUE, STATUS_INVALID_PARAMETER, 8, NULL);
    check_v4("1.1.1.010", FALSE, STATUS_SUCCESS, 9, "1.1.1.8");
    check_v4("1.1.1.010", TRUE, STATUS_INVALID_PARAMETER, 7, NULL);
    check_v4("1.1.1.08", FALSE, STATUS_INVALID_PARAMETER, 7, NULL);
    check_v4("255.255.255.256", FALSE, STATUS_INVALID_PARAMETER, 15, NULL);
    check_v4("255.255.255.4294967296", FALSE, STATUS_INVALID_PARAMETER, 21, NULL);
    check_v4("3.4.5.6.7", FALSE, STATUS_INVALID_PARAMETER, 7, NULL);
    check_v4("1..", FALSE, STATUS_INVALID_PARAMETER, 3, NULL);
    check_v4(" 3.4.5.6", FALSE, STATUS_INVALID_PARAMETER, 0, NULL);
    check_v4("::1", FALSE, STATUS_INVALID_PARAMETER, 0, NULL);

    /* a "group:port" line split at the terminator */
    REQUIRE(RtlIpv4StringToAddressA(line, TRUE, &end, &group) == STATUS_SUCCESS, "the feed's group");
    CHECK(*end == ':', "stopped at the port");
    CHECK_EQ(strtoul(end + 1, &tail, 10), 5000, "the port after it");
    CHECK(RtlIpv4AddressToStringA(&group, buf) == buf + 9 && strcmp(buf, "239.1.2.3") == 0,
          "back to text, the NUL's address returned");

    /* Ex: the whole string, the port in network order */
    CHECK(RtlIpv4StringToAddressExA("10.0.0.1:8080", TRUE, &a, &port) == STATUS_SUCCESS, "Ex with a port");
    CHECK(a.s_addr == htonl(0x0a000001) && port == htons(8080), "address and port in network order");
    CHECK(RtlIpv4StringToAddressExA("10.0.0.1", TRUE, &a, &port) == STATUS_SUCCESS && port == 0, "no port: 0");
    CHECK_EQ(RtlIpv4StringToAddressExA("10.0.0.1 ", TRUE, &a, &port), STATUS_INVALID_PARAMETER, "trailing text");
    CHECK_EQ(RtlIpv4StringToAddressExA("10.0.0.1:0", TRUE, &a, &port), STATUS_INVALID_PARAMETER, "port 0");
    CHECK_EQ(RtlIpv4StringToAddressExA("10.0.0.1:65536", TRUE, &a, &port), STATUS_INVALID_PARAMETER, "port 65536");

    len = sizeof(buf);
    CHECK(RtlIpv4AddressToStringExA(&a, htons(80), buf, &len) == STATUS_SUCCESS, "ToStringEx");
    CHECK(strcmp(buf, "10.0.0.1:80") == 0, "with the port");
    CHECK_EQ(len, 12, "length with the NUL");
    len = 11;
    CHECK_EQ(RtlIpv4AddressToStringExA(&a, htons(80), buf, &len), STATUS_INVALID_PARAMETER, "one short");
    CHECK_EQ(len, 12, "the length needed");
    len = sizeof(buf);
    CHECK(RtlIpv4AddressToStringExA(&a, 0, buf, &len) == STATUS_SUCCESS && strcmp(buf, "10.0.0.1") == 0,
          "port 0: the address alone");
    CHECK_EQ(RtlIpv4AddressToStringExA(&a, 0, buf, NULL), STATUS_INVALID_PARAMETER, "NULL length");

    /* IPv6 */
    CHECK(RtlIpv6StringToAddressA("fe80::1%4 tail", &end, &a6) == STATUS_SUCCESS, "IPv6 text");
    CHECK(*end == '%', "stops at the scope");
    CHECK(RtlIpv6AddressToStringA(&a6, buf) == buf + 7 && strcmp(buf, "fe80::1") == 0, "back to text");
    CHECK(RtlIpv6StringToAddressExA("[fe80::1%4]:443", &a6, &scope, &port) == STATUS_SUCCESS, "Ex, bracketed");
    CHECK(scope == 4 && port == htons(443), "scope and port");
    CHECK(RtlIpv6StringToAddressExA("::1", &a6, &scope, &port) == STATUS_SUCCESS && scope == 0 && port == 0,
          "Ex, bare");
    CHECK_EQ(RtlIpv6StringToAddressExA("[::1", &a6, &scope, &port), STATUS_INVALID_PARAMETER, "no ]");
    CHECK_EQ(RtlIpv6StringToAddressA("zz", &end, &a6), STATUS_INVALID_PARAMETER, "not an address");
    CHECK(RtlIpv6StringToAddressA("::ffff:1.2.3.4", &end, &a6) == STATUS_SUCCESS, "IPv4-mapped");
    RtlIpv6AddressToStringA(&a6, buf);
    CHECK(strcmp(buf, "::ffff:1.2.3.4") == 0, "written with a dotted quad, as Windows does");
    RtlIpv6StringToAddressA("fe80::1", &end, &a6);
    len = sizeof(buf);
    CHECK(RtlIpv6AddressToStringExA(&a6, 4, htons(443), buf, &len) == STATUS_SUCCESS, "Ex to text");
    CHECK(strcmp(buf, "[fe80::1%4]:443") == 0 && len == 16, "bracketed with scope and port");

    /* W forms */
    CHECK(RtlIpv4StringToAddressW(wtext, TRUE, &wend, &a) == STATUS_SUCCESS, "W text");
    CHECK(wend == wtext + 8 && *wend == ':', "W terminator");
    CHECK(RtlIpv4AddressToStringW(&a, wbuf) == wbuf + 8 && wbuf[0] == '1' && wbuf[7] == '7' && wbuf[8] == 0,
          "W back to text");
    CHECK(RtlIpv4StringToAddressExW(wtext, TRUE, &a, &port) == STATUS_SUCCESS && port == htons(9), "W Ex");
    /* the Ex readers take L"..." too, as a UNICODE program writes them */
    CHECK(RtlIpv4StringToAddressExW(L"10.0.0.8:10", TRUE, &a, &port) == STATUS_SUCCESS, "W Ex from L\"\"");
    CHECK(a.s_addr == htonl(0x0a000008) && port == htons(10), "its address and port");
    CHECK(RtlIpv6StringToAddressExW(L"[::1]:11", &a6, &scope, &port) == STATUS_SUCCESS && port == htons(11),
          "W Ex IPv6 from L\"\"");

    /* the group the tool read, used: a member on loopback gets what is sent to it */
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    {
        SOCKET rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in sin;
        struct ip_mreq mreq;
        int sl = sizeof(sin), ttl = 0;
        DWORD timeout = 2000;
        char got[16] = { 0 };

        memset(&sin, 0, sizeof(sin));
        sin.sin_family = AF_INET;
        REQUIRE(bind(rx, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind the member");
        getsockname(rx, (struct sockaddr *)&sin, &sl);
        mreq.imr_multiaddr = group;
        RtlIpv4StringToAddressA("127.0.0.1", TRUE, &end, &mreq.imr_interface);
        if (setsockopt(rx, IPPROTO_IP, IP_ADD_MEMBERSHIP, (const char *)&mreq, sizeof(mreq)) == 0) {
            setsockopt(rx, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout));
            setsockopt(tx, IPPROTO_IP, IP_MULTICAST_IF, (const char *)&mreq.imr_interface, sizeof(mreq.imr_interface));
            setsockopt(tx, IPPROTO_IP, IP_MULTICAST_TTL, (const char *)&ttl, sizeof(ttl));
            sin.sin_addr = group;
            CHECK_EQ(sendto(tx, "tick", 4, 0, (struct sockaddr *)&sin, sizeof(sin)), 4, "send to the group");
            CHECK_EQ(recv(rx, got, sizeof(got), 0), 4, "the member receives it");
        } else {
            printf("# no multicast on loopback here (%d): the join is skipped\n", WSAGetLastError());
        }
        closesocket(rx);
        closesocket(tx);
    }
    WSACleanup();
    return check_done();
}
