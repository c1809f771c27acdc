/*
 * WSARecvMsg with IP_PKTINFO on and a control buffer too small for the packet information,
 * as Windows answers it: the datagram is received and counted, MSG_CTRUNC is reported in
 * dwFlags, and the call fails with WSAEMSGSIZE -- without an overlapped structure, with an
 * event (the WSAOVERLAPPED holds NTSTATUS' buffer-overflow code and the byte count, Offset and
 * OffsetHigh untouched; WSAGetOverlappedResult fails with WSAEMSGSIZE and the count), and with
 * a completion routine (called with WSAEMSGSIZE, the count and no flags). Also a NULL WSAMSG
 * (WSAEFAULT) and no control buffer at all (fine, nothing cut). WSASendMsg on a TCP socket is
 * WSAEINVAL (datagram and raw sockets only).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <string.h>
#include "check.h"

/* NTSTATUS STATUS_BUFFER_OVERFLOW, the status Windows leaves in WSAOVERLAPPED.Internal. */
#define NT_BUFFER_OVERFLOW 0x80000005u

static LPFN_WSARECVMSG pWSARecvMsg;
static int g_routine_calls;
static DWORD g_routine_error, g_routine_bytes, g_routine_flags;

static void CALLBACK on_done(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags)
{
    (void)ov;
    ++g_routine_calls;
    g_routine_error = error;
    g_routine_bytes = bytes;
    g_routine_flags = flags;
}

/* Prepares `msg` to receive into `data` with a one-byte control buffer. */
static void short_control(WSAMSG *msg, WSABUF *data, SOCKADDR_IN *from, char *control)
{
    memset(msg, 0, sizeof(*msg));
    msg->name = (SOCKADDR *)from;
    msg->namelen = sizeof(*from);
    msg->lpBuffers = data;
    msg->dwBufferCount = 1;
    msg->Control.buf = control;
    msg->Control.len = 1;
}

int main(void)
{
    WSADATA wsaData;
    GUID id = WSAID_WSARECVMSG;
    SOCKET server, client;
    SOCKADDR_IN addr, from;
    WSAOVERLAPPED ov;
    WSAMSG msg;
    WSABUF data;
    char buf[32], control[64];
    const char payload[] = "HELLO";
    DWORD bytes, flags, on = 1;
    int len, ret;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    server = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    client = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(server != INVALID_SOCKET && client != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof(addr);
    REQUIRE(bind(server, (SOCKADDR *)&addr, sizeof(addr)) == 0 && getsockname(server, (SOCKADDR *)&addr, &len) == 0,
            "the server binds to 127.0.0.1");
    REQUIRE(WSAIoctl(server, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof(id), &pWSARecvMsg, sizeof(pWSARecvMsg),
                     &bytes, NULL, NULL) == 0,
            "WSARecvMsg's pointer");
    data.buf = buf;
    data.len = sizeof(buf);

    CHECK(pWSARecvMsg(server, NULL, NULL, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT,
          "a NULL WSAMSG: WSAEFAULT");

    /* Without packet information, no control buffer at all is fine. */
    REQUIRE(sendto(client, payload, sizeof(payload), 0, (SOCKADDR *)&addr, sizeof(addr)) == sizeof(payload), "sendto");
    short_control(&msg, &data, &from, control);
    msg.Control.buf = NULL;
    msg.Control.len = 0;
    bytes = 0;
    CHECK_EQ(pWSARecvMsg(server, &msg, &bytes, NULL, NULL), 0, "no control buffer, no control data: success");
    CHECK_EQ(bytes, sizeof(payload), "... the datagram's size");
    CHECK_EQ(msg.dwFlags, 0, "... nothing cut");

    REQUIRE(setsockopt(server, IPPROTO_IP, IP_PKTINFO, (const char *)&on, sizeof(on)) == 0, "IP_PKTINFO on");

    /* Synchronous. */
    REQUIRE(sendto(client, payload, sizeof(payload), 0, (SOCKADDR *)&addr, sizeof(addr)) == sizeof(payload), "sendto");
    short_control(&msg, &data, &from, control);
    bytes = 0xdeadbeef;
    memset(buf, 0, sizeof(buf));
    ret = pWSARecvMsg(server, &msg, &bytes, NULL, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "a one-byte control buffer: WSAEMSGSIZE");
    CHECK_EQ(bytes, sizeof(payload), "... the datagram's bytes counted");
    CHECK(memcmp(buf, payload, sizeof(payload)) == 0, "... and received");
    CHECK_EQ(msg.dwFlags, MSG_CTRUNC, "... dwFlags is MSG_CTRUNC");
    {
        fd_set r;
        struct timeval zero = {0, 0};
        FD_ZERO(&r);
        FD_SET(server, &r);
        CHECK_EQ(select(0, &r, NULL, NULL, &zero), 0, "the datagram was taken: nothing more to read");
    }

    /* Overlapped, with an event. */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = WSACreateEvent();
    ov.Offset = 0xdead3;
    ov.OffsetHigh = 0xdead4;
    short_control(&msg, &data, &from, control);
    ret = pWSARecvMsg(server, &msg, NULL, &ov, NULL);
    CHECK(ret == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "an overlapped receive is pending");
    REQUIRE(sendto(client, payload, sizeof(payload), 0, (SOCKADDR *)&addr, sizeof(addr)) == sizeof(payload), "sendto");
    CHECK_EQ(WSAWaitForMultipleEvents(1, &ov.hEvent, FALSE, 2000, FALSE), WSA_WAIT_EVENT_0, "it completes");
    CHECK_EQ((DWORD)ov.Internal, NT_BUFFER_OVERFLOW, "Internal holds the buffer-overflow status");
    CHECK_EQ(ov.InternalHigh, sizeof(payload), "InternalHigh the bytes received");
    CHECK(ov.Offset == 0xdead3 && ov.OffsetHigh == 0xdead4, "Offset and OffsetHigh untouched");
    bytes = 0;
    flags = 0;
    CHECK(!WSAGetOverlappedResult(server, &ov, &bytes, FALSE, &flags) && WSAGetLastError() == WSAEMSGSIZE,
          "WSAGetOverlappedResult fails with WSAEMSGSIZE");
    CHECK_EQ(bytes, sizeof(payload), "... and reports the bytes received");
    CHECK_EQ(msg.dwFlags, MSG_CTRUNC, "the WSAMSG's dwFlags is MSG_CTRUNC");
    WSACloseEvent(ov.hEvent);

    /* Overlapped, with a completion routine. */
    REQUIRE(sendto(client, payload, sizeof(payload), 0, (SOCKADDR *)&addr, sizeof(addr)) == sizeof(payload), "sendto");
    Sleep(50);
    memset(&ov, 0, sizeof(ov));
    short_control(&msg, &data, &from, control);
    bytes = 0xdeadbeef;
    ret = pWSARecvMsg(server, &msg, NULL, &ov, on_done);
    CHECK(ret == SOCKET_ERROR, "with a completion routine the call reports failure");
    CHECK_EQ(SleepEx(2000, TRUE), WAIT_IO_COMPLETION, "an alertable wait runs the routine");
    CHECK_EQ(g_routine_calls, 1, "... once");
    CHECK_EQ(g_routine_error, WSAEMSGSIZE, "... with WSAEMSGSIZE");
    CHECK_EQ(g_routine_bytes, sizeof(payload), "... the bytes received");
    CHECK_EQ(g_routine_flags, 0, "... and no flags");
    CHECK_EQ(msg.dwFlags, MSG_CTRUNC, "the WSAMSG's dwFlags is MSG_CTRUNC");

    /* With room for the packet information nothing is cut. */
    REQUIRE(sendto(client, payload, sizeof(payload), 0, (SOCKADDR *)&addr, sizeof(addr)) == sizeof(payload), "sendto");
    short_control(&msg, &data, &from, control);
    msg.Control.len = sizeof(control);
    CHECK_EQ(pWSARecvMsg(server, &msg, &bytes, NULL, NULL), 0, "a control buffer with room: success");
    CHECK_EQ(msg.Control.len, WSA_CMSG_SPACE(sizeof(IN_PKTINFO)), "... holding one IN_PKTINFO message");
    CHECK(!(msg.dwFlags & MSG_CTRUNC), "... not cut");

    /* WSASendMsg is for datagram sockets: a TCP socket is WSAEINVAL. */
    {
        GUID send_id = WSAID_WSASENDMSG;
        LPFN_WSASENDMSG pWSASendMsg = NULL;
        SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), a;
        SOCKADDR_IN la = addr;
        la.sin_port = 0;
        len = sizeof(la);
        REQUIRE(bind(l, (SOCKADDR *)&la, sizeof(la)) == 0 && listen(l, 1) == 0 && getsockname(l, (SOCKADDR *)&la, &len) == 0 &&
                    connect(c, (SOCKADDR *)&la, sizeof(la)) == 0,
                "a connected TCP pair");
        a = accept(l, NULL, NULL);
        REQUIRE(WSAIoctl(c, SIO_GET_EXTENSION_FUNCTION_POINTER, &send_id, sizeof(send_id), &pWSASendMsg, sizeof(pWSASendMsg),
                         &bytes, NULL, NULL) == 0,
                "WSASendMsg's pointer");
        memset(&msg, 0, sizeof(msg));
        data.buf = (char *)payload;
        data.len = sizeof(payload);
        msg.lpBuffers = &data;
        msg.dwBufferCount = 1;
        bytes = 0;
        WSASetLastError(0xdeadbeef);
        CHECK(pWSASendMsg(c, &msg, 0, &bytes, NULL, NULL) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
              "WSASendMsg on a TCP socket: WSAEINVAL");
        closesocket(a);
        closesocket(c);
        closesocket(l);
    }

    closesocket(server);
    closesocket(client);
    WSACleanup();
    return check_done();
}
