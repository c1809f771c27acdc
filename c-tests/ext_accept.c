/*
 * AcceptEx / ConnectEx / DisconnectEx / TransmitFile / WSARecvMsg with an OVERLAPPED, written
 * like a legacy IOCP server: the listener is associated with a completion port and AcceptEx
 * completions arrive there with the listener's key; AcceptEx without and with receive data
 * (completing only once the data arrived), GetAcceptExSockaddrs, SO_UPDATE_ACCEPT_CONTEXT, then
 * getpeername/getsockname and data on the accept socket; a second AcceptEx into the same socket
 * and ConnectEx on it are refused; ConnectEx on a bound socket with send data; DisconnectEx
 * with TF_REUSE_SOCKET and the same socket accepted into again; an overlapped TransmitFile from
 * an offset; an overlapped WSARecvMsg.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#ifndef _WIN32
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#endif
#include "check.h"

#define ADDR_SLOT (sizeof(SOCKADDR_IN) + 16)
#define LISTEN_KEY 0x1234

static LPFN_ACCEPTEX pAcceptEx;
static LPFN_GETACCEPTEXSOCKADDRS pGetAcceptExSockaddrs;
static LPFN_CONNECTEX pConnectEx;
static LPFN_DISCONNECTEX pDisconnectEx;
static LPFN_TRANSMITFILE pTransmitFile;
static LPFN_WSARECVMSG pWSARecvMsg;

static void *load(SOCKET s, GUID id)
{
    void *fn = NULL;
    DWORD bytes;
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn, &bytes, NULL, NULL);
    return fn;
}

static int CALLBACK defer_all(LPWSABUF caller, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee,
                               LPWSABUF callee_data, GROUP *g, DWORD_PTR context)
{
    (void)caller, (void)caller_data, (void)sqos, (void)gqos, (void)callee, (void)callee_data, (void)g,
        (void)context;
    return CF_DEFER;
}

static SOCKET overlapped_tcp(void)
{
    return WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
}

static int same(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
    return a->sin_family == b->sin_family && a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
}

int main(void)
{
    WSADATA wsaData;
    GUID accept_id = WSAID_ACCEPTEX, addrs_id = WSAID_GETACCEPTEXSOCKADDRS, connect_id = WSAID_CONNECTEX,
         disconnect_id = WSAID_DISCONNECTEX, transmit_id = WSAID_TRANSMITFILE, recvmsg_id = WSAID_WSARECVMSG;
    SOCKET listener, acceptor, client, other;
    SOCKADDR_IN laddr, caddr, got, *local, *remote;
    HANDLE port;
    OVERLAPPED ov, ov2, *done;
    ULONG_PTR key;
    DWORD bytes, wsaflags;
    BOOL ok;
    char buffer[256];
    int len, llen, rlen;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = overlapped_tcp();
    memset(&laddr, 0, sizeof laddr);
    laddr.sin_family = AF_INET;
    laddr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof laddr;
    REQUIRE(bind(listener, (SOCKADDR *)&laddr, sizeof laddr) == 0 &&
                getsockname(listener, (SOCKADDR *)&laddr, &len) == 0 && listen(listener, SOMAXCONN) == 0,
            "listener on 127.0.0.1");
    pAcceptEx = (LPFN_ACCEPTEX)load(listener, accept_id);
    pGetAcceptExSockaddrs = (LPFN_GETACCEPTEXSOCKADDRS)load(listener, addrs_id);
    pConnectEx = (LPFN_CONNECTEX)load(listener, connect_id);
    pDisconnectEx = (LPFN_DISCONNECTEX)load(listener, disconnect_id);
    pTransmitFile = (LPFN_TRANSMITFILE)load(listener, transmit_id);
    pWSARecvMsg = (LPFN_WSARECVMSG)load(listener, recvmsg_id);
    REQUIRE(pAcceptEx && pGetAcceptExSockaddrs && pConnectEx && pDisconnectEx && pTransmitFile && pWSARecvMsg,
            "extension functions loaded");
    port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    REQUIRE(port != NULL, "a completion port");
    REQUIRE(CreateIoCompletionPort((HANDLE)listener, port, LISTEN_KEY, 0) == port, "the listener joins the port");

    /* 1. AcceptEx without receive data, completed through the port. */
    acceptor = overlapped_tcp();
    memset(&ov, 0, sizeof ov);
    ok = pAcceptEx(listener, acceptor, buffer, 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ov);
    CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx is pending (ERROR_IO_PENDING)");
    CHECK(ov.Internal == 0x103, "... OVERLAPPED.Internal is STATUS_PENDING");
    CHECK(!pAcceptEx(listener, acceptor, buffer, 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ov2) &&
              WSAGetLastError() == WSAEINVAL,
          "a second AcceptEx into the same socket: WSAEINVAL");
    {
        SOCKADDR_IN any = laddr;
        memset(&ov2, 0, sizeof ov2);
        CHECK(!pConnectEx(acceptor, (SOCKADDR *)&any, sizeof any, NULL, 0, &bytes, &ov2) &&
                  WSAGetLastError() == WSAEINVAL,
              "ConnectEx on a socket being accepted into: WSAEINVAL");
    }
    CHECK(connect(acceptor, (SOCKADDR *)&laddr, sizeof laddr) == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "connect on a socket being accepted into: WSAEINVAL");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a client connects");
    len = sizeof caddr;
    getsockname(client, (SOCKADDR *)&caddr, &len);
    done = NULL;
    key = 0;
    bytes = 0xdeadbeef;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000);
    CHECK(ok && done == &ov, "the AcceptEx completion arrives on the listener's port");
    CHECK_EQ(key, LISTEN_KEY, "... with the listener's key");
    CHECK_EQ(bytes, 0, "... 0 bytes received");
    CHECK_EQ(ov.Internal, 0, "... STATUS_SUCCESS");
    local = remote = NULL;
    llen = rlen = 0;
    pGetAcceptExSockaddrs(buffer, 0, ADDR_SLOT, ADDR_SLOT, (SOCKADDR **)&local, &llen, (SOCKADDR **)&remote, &rlen);
    CHECK(local != NULL && llen == sizeof(SOCKADDR_IN) && same(local, &laddr),
          "GetAcceptExSockaddrs: the local address is the listener's");
    CHECK(remote != NULL && rlen == sizeof(SOCKADDR_IN) && same(remote, &caddr),
          "GetAcceptExSockaddrs: the remote address is the client's");
    CHECK_EQ(setsockopt(acceptor, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof listener), 0,
             "SO_UPDATE_ACCEPT_CONTEXT");
    len = sizeof got;
    CHECK(getpeername(acceptor, (SOCKADDR *)&got, &len) == 0 && same(&got, &caddr),
          "getpeername on the accept socket: the client");
    len = sizeof got;
    CHECK(getsockname(acceptor, (SOCKADDR *)&got, &len) == 0 && same(&got, &laddr),
          "getsockname on the accept socket: the listener's address");
    CHECK_EQ(send(client, "ping", 5, 0), 5, "the client sends");
    CHECK(recv(acceptor, buffer, sizeof buffer, 0) == 5 && strcmp(buffer, "ping") == 0,
          "the accept socket receives it");
    CHECK_EQ(send(acceptor, "pong", 5, 0), 5, "the accept socket sends");
    CHECK(recv(client, buffer, sizeof buffer, 0) == 5 && strcmp(buffer, "pong") == 0, "the client receives it");

    /* 2. DisconnectEx(TF_REUSE_SOCKET), then AcceptEx into the same socket with receive data. */
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = WSACreateEvent();
    ok = pDisconnectEx(acceptor, &ov2, TF_REUSE_SOCKET, 0);
    CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "DisconnectEx(TF_REUSE_SOCKET) is pending");
    CHECK(WSAWaitForMultipleEvents(1, &ov2.hEvent, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "... completes");
    CHECK(WSAGetOverlappedResult(acceptor, &ov2, &bytes, FALSE, &wsaflags) && bytes == 0, "... successfully");
    CHECK_EQ(recv(client, buffer, sizeof buffer, 0), 0, "the client reads the end of the stream");
    closesocket(client);

    memset(&ov, 0, sizeof ov);
    memset(buffer, 0, sizeof buffer);
    ok = pAcceptEx(listener, acceptor, buffer, 16, ADDR_SLOT, ADDR_SLOT, &bytes, &ov);
    CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx with 16 bytes of receive data, into the reused socket");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a client connects");
    len = sizeof caddr;
    getsockname(client, (SOCKADDR *)&caddr, &len);
    done = NULL;
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 300);
    CHECK(!ok && done == NULL, "... no completion before the client sends");
    CHECK_EQ(send(client, "hello", 5, 0), 5, "the client sends 5 bytes");
    ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 3000);
    CHECK(ok && done == &ov && key == LISTEN_KEY, "... then the AcceptEx completes on the port");
    CHECK_EQ(bytes, 5, "... with the 5 bytes received");
    CHECK(memcmp(buffer, "hello", 5) == 0, "... at the start of the buffer");
    pGetAcceptExSockaddrs(buffer, 16, ADDR_SLOT, ADDR_SLOT, (SOCKADDR **)&local, &llen, (SOCKADDR **)&remote, &rlen);
    CHECK(same(local, &laddr) && same(remote, &caddr), "GetAcceptExSockaddrs after the data: both addresses");
    CHECK_EQ(send(acceptor, "ok", 3, 0), 3, "the reused accept socket talks to the new client");
    CHECK(recv(client, buffer, sizeof buffer, 0) == 3 && strcmp(buffer, "ok") == 0, "... which receives it");
    closesocket(client);
    closesocket(acceptor);

    /* With no AcceptEx pending, a plain accept sees a connection that sends nothing. */
    {
        SOCKET quiet = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), got_it;
        fd_set readable;
        struct timeval tv = {2, 0};
        REQUIRE(connect(quiet, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a client connects and stays quiet");
        FD_ZERO(&readable);
        FD_SET(listener, &readable);
        CHECK_EQ(select(0, &readable, NULL, NULL, &tv), 1, "select reports the listener readable");
        got_it = accept(listener, NULL, NULL);
        CHECK(got_it != INVALID_SOCKET, "accept takes the quiet connection");
        closesocket(got_it);
        closesocket(quiet);
    }

    /* Closing an accept socket cancels its AcceptEx; a connection already waiting still
     * leaves AcceptEx pending first. */
    {
        SOCKET doomed = overlapped_tcp(), waiting;
        memset(&ov, 0, sizeof ov);
        ok = pAcceptEx(listener, doomed, buffer, 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ov);
        CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx into a socket about to be closed");
        closesocket(doomed);
        done = NULL;
        ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000);
        CHECK(!ok && done == &ov && GetLastError() == ERROR_OPERATION_ABORTED,
              "closing the accept socket completes its AcceptEx with ERROR_OPERATION_ABORTED");

        client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        REQUIRE(connect(client, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a client connects first");
        waiting = overlapped_tcp();
        memset(&ov, 0, sizeof ov);
        ok = pAcceptEx(listener, waiting, buffer, 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ov);
        CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx with a connection waiting is still pending");
        done = NULL;
        ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000);
        CHECK(ok && done == &ov, "... and completes on the port");
        closesocket(waiting);
        closesocket(client);
    }

    /* A connection WSAAccept deferred (CF_DEFER) is the one AcceptEx takes. */
    {
        SOCKET first = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), second = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        SOCKET into = overlapped_tcp(), plain;
        REQUIRE(connect(first, (SOCKADDR *)&laddr, sizeof laddr) == 0 && send(first, "1", 1, 0) == 1,
                "a first client connects and sends '1'");
        CHECK(WSAAccept(listener, NULL, NULL, defer_all, 0) == INVALID_SOCKET && WSAGetLastError() == WSATRY_AGAIN,
              "WSAAccept defers it (WSATRY_AGAIN)");
        memset(&ov, 0, sizeof ov);
        ok = pAcceptEx(listener, into, buffer, 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ov);
        CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "AcceptEx is pending");
        REQUIRE(connect(second, (SOCKADDR *)&laddr, sizeof laddr) == 0, "a second client connects");
        done = NULL;
        ok = GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000);
        CHECK(ok && done == &ov, "... the AcceptEx completes");
        plain = accept(listener, NULL, NULL);
        CHECK(plain != INVALID_SOCKET, "accept takes the second connection");
        CHECK(recv(into, buffer, sizeof buffer, 0) == 1 && buffer[0] == '1',
              "the AcceptEx took the deferred first connection");
        closesocket(plain);
        closesocket(into);
        closesocket(first);
        closesocket(second);
    }

    /* Many AcceptEx outstanding, as an IOCP server posts them: each connection completes one,
     * in the order they were posted, each on its own accept socket. */
    {
        enum { N = 8 };
        SOCKET pool[N], clients[N];
        OVERLAPPED ovs[N];
        static char bufs[N][2 * ADDR_SLOT];
        int i, seen = 0, in_order = 1, talks = 0;
        for (i = 0; i < N; i++) {
            pool[i] = overlapped_tcp();
            memset(&ovs[i], 0, sizeof ovs[i]);
            ok = pAcceptEx(listener, pool[i], bufs[i], 0, ADDR_SLOT, ADDR_SLOT, &bytes, &ovs[i]);
            if (ok || WSAGetLastError() != ERROR_IO_PENDING)
                in_order = 0;
        }
        CHECK(in_order, "8 AcceptEx posted, all pending");
        for (i = 0; i < N; i++) {
            clients[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            connect(clients[i], (SOCKADDR *)&laddr, sizeof laddr);
        }
        in_order = 1;
        for (i = 0; i < N; i++) {
            done = NULL;
            if (GetQueuedCompletionStatus(port, &bytes, &key, &done, 2000) && key == LISTEN_KEY) {
                if (done != &ovs[seen])
                    in_order = 0;
                seen++;
            }
        }
        CHECK_EQ(seen, N, "8 connections complete the 8 AcceptEx");
        CHECK(in_order, "... in the order they were posted");
        for (i = 0; i < N; i++) {
            char c = (char)('a' + i);
            SOCKADDR_IN peer_of_pool;
            int plen = sizeof peer_of_pool, j;
            if (getpeername(pool[i], (SOCKADDR *)&peer_of_pool, &plen) != 0)
                continue;
            /* Find the client this accept socket is connected to and talk to it. */
            for (j = 0; j < N; j++) {
                SOCKADDR_IN mine;
                int mlen = sizeof mine;
                getsockname(clients[j], (SOCKADDR *)&mine, &mlen);
                if (same(&mine, &peer_of_pool) && send(pool[i], &c, 1, 0) == 1 &&
                    recv(clients[j], buffer, 1, 0) == 1 && buffer[0] == c)
                    talks++;
            }
        }
        CHECK_EQ(talks, N, "... each accept socket is connected to one of the clients");
        for (i = 0; i < N; i++) {
            closesocket(pool[i]);
            closesocket(clients[i]);
        }
    }

    /* 3. ConnectEx on a bound socket, with send data. */
    other = overlapped_tcp();
    {
        SOCKADDR_IN any;
        memset(&any, 0, sizeof any);
        any.sin_family = AF_INET;
        REQUIRE(bind(other, (SOCKADDR *)&any, sizeof any) == 0, "bind the connecting socket");
    }
    memset(&ov2, 0, sizeof ov2);
    ov2.hEvent = WSACreateEvent();
    bytes = 0;
    ok = pConnectEx(other, (SOCKADDR *)&laddr, sizeof laddr, (char *)"first", 6, &bytes, &ov2);
    CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "ConnectEx is pending");
    CHECK(WSAWaitForMultipleEvents(1, &ov2.hEvent, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "... completes");
    CHECK(WSAGetOverlappedResult(other, &ov2, &bytes, FALSE, &wsaflags), "... successfully");
    CHECK_EQ(bytes, 6, "... having sent the 6 bytes");
    CHECK_EQ(setsockopt(other, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0), 0, "SO_UPDATE_CONNECT_CONTEXT");
    client = accept(listener, NULL, NULL);
    REQUIRE(client != INVALID_SOCKET, "the listener accepts it");
    CHECK(recv(client, buffer, sizeof buffer, 0) == 6 && strcmp(buffer, "first") == 0, "... the send data arrives");
    len = sizeof got;
    CHECK(getpeername(other, (SOCKADDR *)&got, &len) == 0 && same(&got, &laddr), "getpeername after ConnectEx");
    CHECK_EQ(send(other, "more", 5, 0), 5, "send after ConnectEx");
    CHECK(!pConnectEx(other, (SOCKADDR *)&laddr, sizeof laddr, NULL, 0, &bytes, &ov2) &&
              WSAGetLastError() == WSAEISCONN,
          "ConnectEx on a connected socket: WSAEISCONN");

    /* 4. An overlapped TransmitFile from offset 10. */
    {
        static char content[5000], got_file[5000];
        char path[260];
        HANDLE file;
        int i, n = 0, r;
        for (i = 0; i < 5000; i++)
            content[i] = (char)('A' + i % 23);
#ifdef _WIN32
        {
            char dir[MAX_PATH];
            DWORD w;
            GetTempPathA(sizeof dir, dir);
            GetTempFileNameA(dir, "ext", 0, path);
            file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
            WriteFile(file, content, sizeof content, &w, NULL);
        }
#else
        {
            int fd;
            snprintf(path, sizeof path, "/tmp/ws2mp_ext_accept_XXXXXX");
            fd = mkstemp(path);
            if (write(fd, content, sizeof content) != (ssize_t)sizeof content)
                fd = -1;
            file = (HANDLE)(intptr_t)fd;
        }
#endif
        memset(&ov2, 0, sizeof ov2);
        ov2.hEvent = WSACreateEvent();
        ov2.Offset = 10;
        ok = pTransmitFile(other, file, 0, 0, &ov2, NULL, 0);
        CHECK(!ok && WSAGetLastError() == ERROR_IO_PENDING, "an overlapped TransmitFile is pending");
        CHECK(WSAWaitForMultipleEvents(1, &ov2.hEvent, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "... completes");
        CHECK(WSAGetOverlappedResult(other, &ov2, &bytes, FALSE, &wsaflags) && bytes == 4990,
              "... having sent the file from offset 10 (4990 bytes)");
        r = recv(client, got_file, 5, 0); /* "more" */
        while (n < 4990 && (r = recv(client, got_file + n, 4990 - n, 0)) > 0)
            n += r;
        CHECK(n == 4990 && memcmp(got_file, content + 10, 4990) == 0, "... the peer reads those bytes");
#ifdef _WIN32
        CloseHandle(file);
        DeleteFileA(path);
#else
        close((int)(intptr_t)file);
        unlink(path);
#endif
    }
    closesocket(client);
    closesocket(other);

    /* 5. An overlapped WSARecvMsg on UDP. */
    {
        SOCKET u = WSASocket(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED);
        SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        SOCKADDR_IN uaddr = laddr, from;
        WSAMSG msg;
        WSABUF data;
        char control[64];
        DWORD on = 1, flags;
        uaddr.sin_port = 0;
        len = sizeof uaddr;
        bind(u, (SOCKADDR *)&uaddr, sizeof uaddr);
        getsockname(u, (SOCKADDR *)&uaddr, &len);
        setsockopt(u, IPPROTO_IP, IP_PKTINFO, (const char *)&on, sizeof on);
        memset(&msg, 0, sizeof msg);
        data.buf = buffer;
        data.len = sizeof buffer;
        msg.name = (SOCKADDR *)&from;
        msg.namelen = sizeof from;
        msg.lpBuffers = &data;
        msg.dwBufferCount = 1;
        msg.Control.buf = control;
        msg.Control.len = sizeof control;
        memset(&ov2, 0, sizeof ov2);
        ov2.hEvent = WSACreateEvent();
        CHECK(pWSARecvMsg(u, &msg, &bytes, &ov2, NULL) == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING,
              "an overlapped WSARecvMsg is pending");
        CHECK_EQ(sendto(s, "dgram", 6, 0, (SOCKADDR *)&uaddr, sizeof uaddr), 6, "a datagram is sent");
        CHECK(WSAWaitForMultipleEvents(1, &ov2.hEvent, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "... completes");
        CHECK(WSAGetOverlappedResult(u, &ov2, &bytes, FALSE, &flags) && bytes == 6, "... with 6 bytes");
        CHECK(strcmp(buffer, "dgram") == 0, "... the data");
        CHECK(msg.Control.len == WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) &&
                  ((IN_PKTINFO *)WSA_CMSG_DATA(WSA_CMSG_FIRSTHDR(&msg)))->ipi_addr.s_addr == inet_addr("127.0.0.1"),
              "... and the IN_PKTINFO naming 127.0.0.1");
        closesocket(u);
        closesocket(s);
    }

    closesocket(listener);
    CloseHandle(port);
    WSACleanup();
    return check_done();
}
