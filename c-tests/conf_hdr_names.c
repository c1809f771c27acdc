/*
 * Names legacy Winsock sources use that come from Windows' own headers: WSAMSG and the
 * WSA_CMSG_* walk over a control buffer, IN_PKTINFO/IN6_PKTINFO in Windows' layout, the
 * mswsock.h extension-function types and GUIDs (asking for WSARecvMsg fails, so the program
 * takes its fallback), WSAAsyncSelect's lParam macros, SCOPE_ID, CSADDR_INFO, OVERLAPPED, the
 * IPPROTO_ names Windows has, IN6ADDR_ANY_INIT, the SD_ and MSG_ values and SOMAXCONN.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <mstcpip.h>
#include "check.h"

static const IN6_ADDR any6 = IN6ADDR_ANY_INIT;
static const IN6_ADDR loop6 = IN6ADDR_LOOPBACK_INIT;

int main(void)
{
    WSADATA wsaData;
    char control[256];
    WSABUF data;
    WSAMSG msg;
    WSACMSGHDR *c;
    IN_PKTINFO *pi;
    int count = 0;
    GUID recvmsg_id = WSAID_WSARECVMSG, accept_id = WSAID_ACCEPTEX;
    LPFN_WSARECVMSG recvmsg_fn = NULL;
    LPFN_ACCEPTEX acceptex_fn = NULL;
    LPFN_CONNECTEX connectex_fn = NULL;
    LPFN_GETACCEPTEXSOCKADDRS addrs_fn = NULL;
    LPFN_TRANSMITFILE transmit_fn = NULL;
    LPFN_DISCONNECTEX disconnect_fn = NULL;
    LPFN_WSASENDMSG sendmsg_fn = NULL;
    DWORD bytes = 0;
    SOCKET s;
    SCOPE_ID scope;
    CSADDR_INFO cs;
    OVERLAPPED ov;
    LONG lparam = WSAMAKESELECTREPLY(FD_READ, WSAECONNRESET);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");

    /* Two control headers laid out the way the stack would, walked with the macros. */
    memset(control, 0, sizeof control);
    memset(&msg, 0, sizeof msg);
    data.buf = control;
    data.len = 0;
    msg.lpBuffers = &data;
    msg.dwBufferCount = 1;
    msg.Control.buf = control;
    msg.Control.len = (ULONG)(WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) + WSA_CMSG_SPACE(sizeof(INT)));
    c = WSA_CMSG_FIRSTHDR(&msg);
    REQUIRE(c != NULL, "WSA_CMSG_FIRSTHDR finds the first header");
    c->cmsg_len = WSA_CMSG_LEN(sizeof(IN_PKTINFO));
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    pi = (IN_PKTINFO *)WSA_CMSG_DATA(c);
    pi->ipi_addr.s_addr = htonl(INADDR_LOOPBACK);
    pi->ipi_ifindex = 1;
    c = WSA_CMSG_NXTHDR(&msg, c);
    REQUIRE(c != NULL, "WSA_CMSG_NXTHDR finds the second header");
    c->cmsg_len = WSA_CMSG_LEN(sizeof(INT));
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_TTL;
    for (c = WSA_CMSG_FIRSTHDR(&msg); c != NULL; c = WSA_CMSG_NXTHDR(&msg, c))
        count++;
    CHECK_EQ(count, 2, "the walk visits both headers and stops");
    c = WSA_CMSG_FIRSTHDR(&msg);
    CHECK_EQ((int)((unsigned char *)WSA_CMSG_DATA(c) - (unsigned char *)c),
             (int)WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)), "WSA_CMSG_DATA follows the aligned header");
    CHECK_EQ(offsetof(IN_PKTINFO, ipi_addr), 0, "IN_PKTINFO: the address first, as on Windows");
    CHECK_EQ(sizeof(IN_PKTINFO), 8, "IN_PKTINFO is 8 bytes");
    CHECK_EQ(sizeof(IN6_PKTINFO), 20, "IN6_PKTINFO is 20 bytes");

    /* Extension functions: handed out by WSAIoctl (c-tests/ext_*.c test them). */
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    CHECK(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &recvmsg_id, sizeof recvmsg_id, &recvmsg_fn,
                   sizeof recvmsg_fn, &bytes, NULL, NULL) == 0,
          "asking for WSARecvMsg succeeds");
    CHECK(recvmsg_fn != NULL, "... and sets the pointer");
    CHECK(accept_id.Data1 == 0xb5367df1 && accept_id.Data4[7] == 0x92, "WSAID_ACCEPTEX has Windows' value");
    CHECK(acceptex_fn == NULL && connectex_fn == NULL && addrs_fn == NULL && transmit_fn == NULL &&
              disconnect_fn == NULL && sendmsg_fn == NULL,
          "the LPFN_* types declare");
    closesocket(s);

    /* Small structures and macros. */
    scope.Value = 0;
    scope.Zone = 5;
    scope.Level = 2;
    CHECK_EQ(scope.Value, 0x20000005u, "SCOPE_ID: Zone in the low 28 bits, Level in the top 4");
    memset(&cs, 0, sizeof cs);
    CHECK(cs.LocalAddr.lpSockaddr == NULL && cs.iSocketType == 0, "CSADDR_INFO declares");
    memset(&ov, 0, sizeof ov);
    CHECK(ov.hEvent == NULL, "OVERLAPPED declares");
    CHECK(WSAGETSELECTEVENT(lparam) == FD_READ && WSAGETSELECTERROR(lparam) == WSAECONNRESET,
          "WSAGETSELECTEVENT / WSAGETSELECTERROR split an lParam");
    CHECK(IN6_IS_ADDR_UNSPECIFIED(&any6) && IN6_IS_ADDR_LOOPBACK(&loop6), "IN6ADDR_ANY_INIT / IN6ADDR_LOOPBACK_INIT");
    CHECK(IPPROTO_GGP == 3 && IPPROTO_IPV4 == 4 && IPPROTO_ST == 5 && IPPROTO_CBT == 7 && IPPROTO_IGP == 9 &&
              IPPROTO_RDP == 27 && IPPROTO_ND == 77 && IPPROTO_ICLFXBM == 78 && IPPROTO_PGM == 113 &&
              IPPROTO_L2TP == 115 && IPPROTO_ICMPV6 == 58 && IPPROTO_RAW == 255,
          "Windows' IPPROTO_* numbers");
    CHECK(SD_RECEIVE == 0 && SD_SEND == 1 && SD_BOTH == 2 && MSG_MAXIOVLEN == 16 && SOMAXCONN > 0,
          "SD_*, MSG_MAXIOVLEN, SOMAXCONN");
    CHECK(TF_DISCONNECT == 1 && TF_REUSE_SOCKET == 2, "TF_* flags");

    /* Header guards, byte order, IPv6 helpers, multicast source requests. */
#if !defined(_WINSOCK2API_) || !defined(_WINSOCKAPI_) || !defined(_WS2TCPIP_H_) || !defined(_MSWSOCK_)
    CHECK(0, "Windows' header guards are defined");
#endif
    {
        unsigned long long wire = htonll(0x0102030405060708ULL);
        CHECK(((unsigned char *)&wire)[0] == 1 && ((unsigned char *)&wire)[7] == 8 &&
                  ntohll(wire) == 0x0102030405060708ULL,
              "htonll puts the most significant byte first; ntohll undoes it");
    }
    {
        SOCKADDR_IN6 sa6;
        IN6_ADDR a6;
        IP_MREQ_SOURCE ms;
        char text[GAI_STRERROR_BUFFER_SIZE];
        IN6ADDR_SETLOOPBACK(&sa6);
        CHECK(IN6ADDR_ISLOOPBACK(&sa6) && !IN6ADDR_ISANY(&sa6), "IN6ADDR_SETLOOPBACK / IN6ADDR_ISLOOPBACK");
        IN6ADDR_SETANY(&sa6);
        CHECK(IN6ADDR_ISANY(&sa6) && sa6.sin6_family == AF_INET6, "IN6ADDR_SETANY");
        IN6_SET_ADDR_LOOPBACK(&a6);
        CHECK(IN6_IS_ADDR_LOOPBACK(&a6), "IN6_SET_ADDR_LOOPBACK");
        IN6_SET_ADDR_UNSPECIFIED(&a6);
        CHECK(IN6_IS_ADDR_UNSPECIFIED(&a6), "IN6_SET_ADDR_UNSPECIFIED");
        ms.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
        ms.imr_sourceaddr.S_un.S_addr = htonl(INADDR_LOOPBACK);
        ms.imr_interface.s_addr = htonl(INADDR_ANY);
        CHECK(ms.imr_sourceaddr.S_un.S_un_b.s_b1 == 127 && sizeof ms == 12, "IP_MREQ_SOURCE has Windows' in_addr fields");
        text[0] = 0;
        CHECK(sizeof text == 1024 && RCVALL_ON == 1, "GAI_STRERROR_BUFFER_SIZE, RCVALL_ON");
    }
    WSACleanup();
    return check_done();
}
