/*
 * A UDP server on a completion port whose receive helper keeps the sender's address and its
 * length in a per-I/O context, and clears the context's length for the next request as soon
 * as the receive is posted (programs also keep that length in a local of the helper, gone
 * when the datagram comes). Windows reads the room *lpFromlen gives when WSARecvFrom is
 * called, and writes the address and its length when the receive completes: the completion
 * carries the datagram and the sender, and the length is the address's again.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

typedef struct {
    WSAOVERLAPPED ov;
    WSABUF wb;
    char buf[548];
    SOCKADDR_IN from;
    int fromlen;
    DWORD flags;
} RECV_CTX;

static int post_recvfrom(SOCKET s, RECV_CTX *ctx)
{
    DWORD got = 0;
    memset(&ctx->ov, 0, sizeof(ctx->ov));
    ctx->wb.buf = ctx->buf;
    ctx->wb.len = sizeof(ctx->buf) - 1;
    ctx->flags = 0;
    ctx->fromlen = sizeof(ctx->from);
    if (WSARecvFrom(s, &ctx->wb, 1, &got, &ctx->flags, (SOCKADDR *)&ctx->from, &ctx->fromlen, &ctx->ov, NULL) ==
        0)
        return 1;
    return WSAGetLastError() == WSA_IO_PENDING;
}

int main(void)
{
    WSADATA wsd;
    SOCKET srv, cli;
    SOCKADDR_IN addr, cli_addr;
    int len = sizeof(addr);
    HANDLE port;
    RECV_CTX ctx;
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED done = NULL;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsd) == 0, "WSAStartup");
    srv = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
    cli = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    REQUIRE(srv != INVALID_SOCKET && cli != INVALID_SOCKET, "two UDP sockets");
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(srv, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind the server to 127.0.0.1");
    REQUIRE(getsockname(srv, (SOCKADDR *)&addr, &len) == 0, "getsockname");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(port != NULL && CreateIoCompletionPort((HANDLE)srv, port, 7, 0) == port, "a completion port");

    CHECK(post_recvfrom(srv, &ctx), "WSARecvFrom is pending");
    /* The context's length is reused before the datagram arrives. */
    ctx.fromlen = 0;

    CHECK_EQ(sendto(cli, "hello", 5, 0, (SOCKADDR *)&addr, sizeof(addr)), 5, "the client sends");
    CHECK(GetQueuedCompletionStatus(port, &bytes, &key, &done, 5000), "the receive completes successfully");
    CHECK(done == &ctx.ov && key == 7, "... with the context's OVERLAPPED and the socket's key");
    CHECK_EQ(bytes, 5, "... with the datagram's 5 bytes");
    CHECK(memcmp(ctx.buf, "hello", 5) == 0, "... the data");
    CHECK_EQ(ctx.fromlen, sizeof(SOCKADDR_IN), "the length is the sender's address length again");
    len = sizeof(cli_addr);
    REQUIRE(getsockname(cli, (SOCKADDR *)&cli_addr, &len) == 0, "the client's address");
    CHECK(ctx.from.sin_family == AF_INET && ctx.from.sin_port == cli_addr.sin_port &&
              ctx.from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "the sender's address was written");

    CloseHandle(port);
    closesocket(cli);
    closesocket(srv);
    WSACleanup();
    return check_done();
}
