/* Overlapped I/O on rooted multipoint sockets: a leaf's pending WSARecv completes with the
 * root's message (whole, in order, several pending at once), the root's pending
 * WSARecvFrom completes with a leaf's overlapped WSASend naming the leaf, and an overlapped
 * send by the root fans out to every leaf. The sockets stay blocking, as an overlapped
 * program leaves them: the overlapped calls never block.
 * ws2mp-test: timeout=60 */
#include "rmp.h"
#include <windows.h>

#define LEAVES 2

static SOCKET root, leaf[LEAVES];

static void setup(void)
{
    struct sockaddr_in addr;
    WSANETWORKEVENTS ne;
    WSAEVENT eroot = WSACreateEvent(), ev = WSACreateEvent();
    u_long off = 0;
    int i;

    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS | WSA_FLAG_OVERLAPPED);
    REQUIRE(root != INVALID_SOCKET && rmp_listen(root, &addr) == 0, "a root listens");
    WSAEventSelect(root, eroot, FD_ACCEPT);
    for (i = 0; i < LEAVES; i++) {
        leaf[i] = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS | WSA_FLAG_OVERLAPPED);
        WSAEventSelect(leaf[i], ev, FD_CONNECT);
        REQUIRE(WSAJoinLeaf(leaf[i], (SOCKADDR *)&addr, sizeof(addr), NULL, NULL, NULL, NULL, JL_BOTH) == leaf[i],
                "a leaf asks to join");
        rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne);
        REQUIRE(accept(root, NULL, NULL) != INVALID_SOCKET, "the root admits it");
        REQUIRE(rmp_wait(leaf[i], ev, FD_CONNECT, 5000, &ne) & FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == 0,
                "the leaf joined");
        WSAEventSelect(leaf[i], NULL, 0);
        ioctlsocket(leaf[i], FIONBIO, &off);
    }
    WSAEventSelect(root, NULL, 0);
    ioctlsocket(root, FIONBIO, &off);
    WSACloseEvent(eroot);
    WSACloseEvent(ev);
}

int main(void)
{
    WSADATA wsa;
    WSAOVERLAPPED ov[LEAVES][3], rov, sov;
    char bufs[LEAVES][3][32], rbuf[64];
    WSABUF wsabuf;
    DWORD flags = 0, got = 0, sent = 0;
    struct sockaddr_in from, mine;
    int fromlen = sizeof(from), minelen = sizeof(mine), i, k, rc, bad = 0;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    setup();

    /* Three pending receives per leaf, then three messages from the root. */
    for (i = 0; i < LEAVES; i++)
        for (k = 0; k < 3; k++) {
            memset(&ov[i][k], 0, sizeof(ov[i][k]));
            ov[i][k].hEvent = WSACreateEvent();
            wsabuf.buf = bufs[i][k];
            wsabuf.len = sizeof(bufs[i][k]);
            flags = 0;
            rc = WSARecv(leaf[i], &wsabuf, 1, NULL, &flags, &ov[i][k], NULL);
            if (!(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING))
                bad++;
        }
    CHECK_EQ(bad, 0, "every leaf's three receives are pending");
    CHECK_EQ(send(root, "msg-0", 5, 0), 5, "the root sends");
    CHECK_EQ(send(root, "msg-1", 5, 0), 5, "... again");
    memset(&sov, 0, sizeof(sov));
    sov.hEvent = WSACreateEvent();
    wsabuf.buf = (char *)"msg-2";
    wsabuf.len = 5;
    rc = WSASend(root, &wsabuf, 1, &sent, 0, &sov, NULL);
    CHECK(rc == 0 || WSAGetLastError() == WSA_IO_PENDING, "... and once overlapped");
    CHECK_EQ(WSAGetOverlappedResult(root, &sov, &sent, TRUE, &flags), TRUE, "... which completes");
    CHECK_EQ(sent, 5, "... 5 bytes");
    bad = 0;
    for (i = 0; i < LEAVES; i++)
        for (k = 0; k < 3; k++) {
            if (!WSAGetOverlappedResult(leaf[i], &ov[i][k], &got, TRUE, &flags) || got != 5 ||
                memcmp(bufs[i][k], "msg-", 4) != 0 || bufs[i][k][4] != '0' + k)
                bad++;
            WSACloseEvent(ov[i][k].hEvent);
        }
    CHECK_EQ(bad, 0, "every leaf's receives complete with the messages, whole and in order");

    /* The root's pending WSARecvFrom and a leaf's overlapped send. */
    memset(&rov, 0, sizeof(rov));
    rov.hEvent = WSACreateEvent();
    wsabuf.buf = rbuf;
    wsabuf.len = sizeof(rbuf);
    flags = 0;
    rc = WSARecvFrom(root, &wsabuf, 1, NULL, &flags, (SOCKADDR *)&from, &fromlen, &rov, NULL);
    CHECK(rc == SOCKET_ERROR && WSAGetLastError() == WSA_IO_PENDING, "the root's WSARecvFrom is pending");
    wsabuf.buf = (char *)"answer";
    wsabuf.len = 6;
    WSAResetEvent(sov.hEvent);
    rc = WSASend(leaf[1], &wsabuf, 1, &sent, 0, &sov, NULL);
    CHECK(rc == 0 || WSAGetLastError() == WSA_IO_PENDING, "leaf 1 answers overlapped");
    CHECK_EQ(WSAGetOverlappedResult(root, &rov, &got, TRUE, &flags), TRUE, "the root's receive completes");
    CHECK(got == 6 && memcmp(rbuf, "answer", 6) == 0, "... with the answer");
    getsockname(leaf[1], (SOCKADDR *)&mine, &minelen);
    CHECK(rmp_same_addr(&from, &mine), "... naming leaf 1");

    WSACloseEvent(rov.hEvent);
    WSACloseEvent(sov.hEvent);
    for (i = 0; i < LEAVES; i++)
        closesocket(leaf[i]);
    closesocket(root);
    WSACleanup();
    return check_done();
}
