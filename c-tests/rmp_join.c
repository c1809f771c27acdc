/* Rooted multipoint: catalog, WSASocket flag rules, a leaf-initiated join with caller and callee
 * data admitted by a WSAAccept condition function, rooted data both ways, message boundaries,
 * oversize messages, side chats, and a leaf leaving. One process, event-driven.
 * ws2mp-test: timeout=60 */
#include "rmp.h"
#ifndef _WIN32
#include <dirent.h>

/* Threads of this process (ws2mp's engine is one while rooted sockets are in use), from
 * /proc: only under ws2mp, where the engine thread is an implementation fact worth checking. */
static int thread_count(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}
#endif

static struct sockaddr_in g_root_addr, g_leaf_addr;
static int g_cond_calls;

static int CALLBACK admit(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                          LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR cb)
{
    struct sockaddr_in *caller = (struct sockaddr_in *)caller_id->buf;
    struct sockaddr_in *callee = (struct sockaddr_in *)callee_id->buf;
    ++g_cond_calls;
    CHECK_EQ(cb, 42, "condition: dwCallbackData passed through");
    CHECK(caller_id->len >= sizeof(struct sockaddr_in) && rmp_same_addr(caller, &g_leaf_addr),
          "condition: lpCallerId is the leaf's address");
    CHECK(caller_data != NULL && caller_data->len == 10 && memcmp(caller_data->buf, "hello root", 10) == 0,
          "condition: lpCallerData is the leaf's caller data");
    CHECK(rmp_same_addr(callee, &g_root_addr), "condition: lpCalleeId is the root's address");
    CHECK(callee_data != NULL && callee_data->len == 4096, "condition: a 4096-byte callee buffer");
    CHECK(sqos == NULL && gqos == NULL, "condition: no QOS");
    memcpy(callee_data->buf, "welcome", 7);
    callee_data->len = 7;
    *g = 0;
    return CF_ACCEPT;
}

int main(void)
{
    WSADATA wsa;
    WSAPROTOCOL_INFOA info, peer_info;
    SOCKET root, leaf, c, bad;
    WSAEVENT eroot, eleaf, ec;
    WSANETWORKEVENTS ne;
    WSABUF caller, callee;
    char cbuf[64], buf[70000], big[65537];
    struct sockaddr_in from;
    int len, n, i, opt;
    DWORD optlen;
#ifndef _WIN32
    int threads_before = thread_count();
#endif

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    /* ---- catalog ---------------------------------------------------------------------- */
    REQUIRE(rmp_find(AF_INET, 1, &info) == 0, "an AF_INET entry with rooted control and data planes");
    CHECK_EQ(info.iSocketType, SOCK_SEQPACKET, "... message-oriented reliable type SOCK_SEQPACKET");
#ifdef WS2MP_PROTO_RMP /* ws2mp's own protocol numbers, from its header */
    CHECK_EQ(info.iProtocol, WS2MP_PROTO_RMP, "... protocol WS2MP_PROTO_RMP");
#endif
    CHECK(info.iProtocol > 0xffff, "... a protocol number outside the IP protocol space");
    CHECK((info.dwServiceFlags1 & (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_MESSAGE_ORIENTED | XP1_CONNECT_DATA)) ==
              (XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_MESSAGE_ORIENTED | XP1_CONNECT_DATA),
          "... reliable, ordered, message-oriented, with connect data");
    CHECK(!(info.dwServiceFlags1 & XP1_CONNECTIONLESS), "... connection-oriented");
    CHECK_EQ(info.dwMessageSize, 65536, "... dwMessageSize 65536");
    REQUIRE(rmp_find(AF_INET, 0, &peer_info) == 0, "an AF_INET entry with rooted control and non-rooted data");
#ifdef WS2MP_PROTO_RMP_PEER
    CHECK_EQ(peer_info.iProtocol, WS2MP_PROTO_RMP_PEER, "... protocol WS2MP_PROTO_RMP_PEER");
#endif
    CHECK(rmp_find(AF_INET6, 1, &peer_info) == 0 && rmp_find(AF_INET6, 0, &peer_info) == 0,
          "both entries exist for AF_INET6 too");

    /* ---- WSASocket flag rules ------------------------------------------------------------ */
    bad = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "no multipoint flag: WSAEINVAL");
    bad = rmp_socket(AF_INET, 1, WSA_FLAG_MULTIPOINT_C_ROOT);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "C_ROOT without a D flag: WSAEINVAL");
    bad = rmp_socket(AF_INET, 1, WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_ROOT);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "C_ROOT|C_LEAF: WSAEINVAL");
    bad = rmp_socket(AF_INET, 0, RMP_ROOT_FLAGS);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "D_ROOT on the non-rooted data entry: WSAEINVAL");
    bad = rmp_socket(AF_INET, 1, RMP_PEER_ROOT_FLAGS);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "c_root|d_leaf on the rooted-data entry: WSAEINVAL (ws2mp rule)");
    bad = WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 0, RMP_ROOT_FLAGS);
    CHECK(bad == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL, "C_ROOT on TCP: WSAEINVAL");
    bad = WSASocketA(AF_INET, SOCK_SEQPACKET, 0, NULL, 0, RMP_ROOT_FLAGS);
    CHECK(bad != INVALID_SOCKET, "AF_INET/SOCK_SEQPACKET/0 selects the rooted entry");
    closesocket(bad);

    /* ---- a root and a leaf --------------------------------------------------------------- */
    root = rmp_socket(AF_INET, 1, RMP_ROOT_FLAGS);
    REQUIRE(root != INVALID_SOCKET, "WSASocket c_root|d_root");
    memset(&peer_info, 0, sizeof(peer_info));
    len = sizeof(peer_info);
    CHECK(getsockopt(root, SOL_SOCKET, SO_PROTOCOL_INFOA, (char *)&peer_info, &len) == 0 &&
              peer_info.dwCatalogEntryId == info.dwCatalogEntryId,
          "SO_PROTOCOL_INFOA names the rooted entry");
    len = sizeof(opt);
    CHECK(getsockopt(root, SOL_SOCKET, SO_MAX_MSG_SIZE, (char *)&opt, &len) == 0 && opt == 65536,
          "SO_MAX_MSG_SIZE is 65536");
    REQUIRE(rmp_listen(root, &g_root_addr) == 0, "root binds and listens");
    eroot = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(root, eroot, FD_ACCEPT | FD_READ | FD_WRITE | FD_CLOSE), 0, "root event-selected");

    leaf = rmp_socket(AF_INET, 1, RMP_LEAF_FLAGS);
    REQUIRE(leaf != INVALID_SOCKET, "WSASocket c_leaf|d_leaf");
    n = send(leaf, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "send before joining: WSAENOTCONN");
    eleaf = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(leaf, eleaf, FD_CONNECT | FD_READ | FD_WRITE | FD_CLOSE), 0, "leaf event-selected");
    g_leaf_addr = rmp_loopback(0);
    CHECK_EQ(bind(leaf, (struct sockaddr *)&g_leaf_addr, sizeof(g_leaf_addr)), 0, "leaf binds to 127.0.0.1");
    len = sizeof(g_leaf_addr);
    CHECK_EQ(getsockname(leaf, (struct sockaddr *)&g_leaf_addr, &len), 0, "leaf getsockname");

    caller.buf = "hello root";
    caller.len = 10;
    memset(cbuf, 0, sizeof(cbuf));
    callee.buf = cbuf;
    callee.len = sizeof(cbuf);
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), &caller, &callee, NULL, NULL, 8) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEINVAL,
          "WSAJoinLeaf with dwFlags 8 (no JL_ bit): WSAEINVAL");
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), &caller, &callee, (LPQOS)&info, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEOPNOTSUPP,
          "WSAJoinLeaf with QOS: WSAEOPNOTSUPP");
    /* JL_SENDER_ONLY | JL_RECEIVER_ONLY is how some Windows code asks for both directions: the
     * leaf both receives and sends below. */
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), &caller, &callee, NULL, NULL,
                      JL_SENDER_ONLY | JL_RECEIVER_ONLY) == leaf,
          "non-blocking WSAJoinLeaf (JL_SENDER_ONLY | JL_RECEIVER_ONLY) returns the same socket at once");
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), &caller, &callee, NULL, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEALREADY,
          "a second join while one is outstanding: WSAEALREADY");

    CHECK(rmp_wait(root, eroot, FD_ACCEPT, 5000, &ne) & FD_ACCEPT, "root sees FD_ACCEPT");
    CHECK((rmp_wait(root, eroot, FD_ACCEPT, 200, &ne) & FD_ACCEPT) == 0, "FD_ACCEPT is not recorded again before accept");
    len = sizeof(from);
    c = WSAAccept(root, (struct sockaddr *)&from, &len, admit, 42);
    REQUIRE(c != INVALID_SOCKET, "WSAAccept admits the leaf (CF_ACCEPT)");
    CHECK_EQ(g_cond_calls, 1, "the condition function ran once");
    CHECK(rmp_same_addr(&from, &g_leaf_addr), "WSAAccept reports the leaf's address");
    CHECK(c != root && c != leaf, "... as a new c_leaf socket");
    len = sizeof(from);
    CHECK(getpeername(c, (struct sockaddr *)&from, &len) == 0 && rmp_same_addr(&from, &g_leaf_addr),
          "getpeername on the c_leaf socket names the leaf");

    CHECK(rmp_wait(leaf, eleaf, FD_CONNECT | FD_WRITE, 5000, &ne) == (FD_CONNECT | FD_WRITE), "leaf sees FD_CONNECT and FD_WRITE");
    CHECK_EQ(ne.iErrorCode[FD_CONNECT_BIT], 0, "... FD_CONNECT with error 0");
    CHECK(callee.len == 7 && memcmp(cbuf, "welcome", 7) == 0, "lpCalleeData holds the root's callee data, len updated");
    CHECK(WSAJoinLeaf(leaf, (struct sockaddr *)&g_root_addr, sizeof(g_root_addr), &caller, &callee, NULL, NULL, JL_BOTH) == INVALID_SOCKET &&
              WSAGetLastError() == WSAEISCONN,
          "joining again: WSAEISCONN");
    len = sizeof(from);
    CHECK(getpeername(leaf, (struct sockaddr *)&from, &len) == 0 && rmp_same_addr(&from, &g_root_addr),
          "the leaf's peer is the root");

    /* ---- rooted data ------------------------------------------------------------------- */
    CHECK_EQ(send(root, "m1", 2, 0), 2, "root sends a message");
    n = rmp_recv_wait(leaf, buf, sizeof(buf), 5000, &from);
    CHECK(n == 2 && memcmp(buf, "m1", 2) == 0, "the leaf receives it");
    CHECK(rmp_same_addr(&from, &g_root_addr), "... and recvfrom names the root");
    CHECK_EQ(send(leaf, "up", 2, 0), 2, "leaf sends to the root");
    n = rmp_recv_wait(root, buf, sizeof(buf), 5000, &from);
    CHECK(n == 2 && memcmp(buf, "up", 2) == 0, "the root receives it");
    CHECK(rmp_same_addr(&from, &g_leaf_addr), "... and recvfrom names the leaf");
    CHECK(recv(c, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK,
          "the leaf's message did not go to its c_leaf socket");

    /* Message boundaries: three sends, three receives of exactly those sizes. */
    for (i = 0; i < 3; i++) {
        memset(buf, 'a' + i, 100 * (i + 1));
        CHECK_EQ(send(root, buf, 100 * (i + 1), 0), 100 * (i + 1), "root sends a sized message");
    }
    for (i = 0; i < 3; i++) {
        n = rmp_recv_wait(leaf, buf, sizeof(buf), 5000, NULL);
        CHECK(n == 100 * (i + 1) && buf[0] == 'a' + i && buf[n - 1] == 'a' + i, "message boundaries are kept");
    }
    /* A message larger than the buffer: the buffer is filled and WSAEMSGSIZE. */
    CHECK_EQ(send(root, "0123456789", 10, 0), 10, "root sends 10 bytes");
    rmp_wait(leaf, eleaf, FD_READ, 5000, &ne);
    memset(buf, 0, 16);
    n = recv(leaf, buf, 4, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE && memcmp(buf, "0123", 4) == 0,
          "a 4-byte buffer gets 4 bytes and WSAEMSGSIZE");
    /* The largest message, and one byte more. */
    memset(big, 'z', sizeof(big));
    n = send(root, big, 65537, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "a 65537-byte send fails with WSAEMSGSIZE");
    CHECK_EQ(send(root, big, 65536, 0), 65536, "a 65536-byte send succeeds");
    n = rmp_recv_wait(leaf, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 65536 && buf[0] == 'z' && buf[65535] == 'z', "... and arrives whole");
    {
        WSABUF parts[2];
        DWORD sent = 0, got = 0, flags = 0;
        parts[0].buf = "gath";
        parts[0].len = 4;
        parts[1].buf = "ered";
        parts[1].len = 4;
        CHECK(WSASend(leaf, parts, 2, &sent, 0, NULL, NULL) == 0 && sent == 8, "WSASend gathers two buffers into one message");
        parts[0].buf = buf;
        parts[0].len = 3;
        parts[1].buf = buf + 3;
        parts[1].len = 100;
        rmp_wait(root, eroot, FD_READ, 5000, &ne);
        len = sizeof(from);
        CHECK(WSARecvFrom(root, parts, 2, &got, &flags, (struct sockaddr *)&from, &len, NULL, NULL) == 0 && got == 8 &&
                  memcmp(buf, "gathered", 8) == 0 && rmp_same_addr(&from, &g_leaf_addr),
              "WSARecvFrom scatters it and names the leaf");
    }
    /* FIONREAD is the next message's size. */
    CHECK_EQ(send(root, "12345", 5, 0), 5, "root sends 5 bytes");
    rmp_wait(leaf, eleaf, FD_READ, 5000, &ne);
    {
        u_long avail = 0;
        CHECK(ioctlsocket(leaf, FIONREAD, &avail) == 0 && avail == 5, "FIONREAD is the next message's size");
    }
    CHECK_EQ(rmp_recv_wait(leaf, buf, sizeof(buf), 1000, NULL), 5, "... which recv returns");

    /* ---- side chat: a send on the c_leaf socket reaches that leaf alone --------------------- */
    CHECK_EQ(send(c, "psst", 4, 0), 4, "root sends on the leaf's c_leaf socket");
    n = rmp_recv_wait(leaf, buf, sizeof(buf), 5000, NULL);
    CHECK(n == 4 && memcmp(buf, "psst", 4) == 0, "the leaf receives the side chat");

    /* ---- select and poll see the rooted sockets' readiness ------------------------------- */
    {
        fd_set rd;
        struct timeval tv = {2, 0};
        CHECK_EQ(send(root, "sel", 3, 0), 3, "root sends for select");
        FD_ZERO(&rd);
        FD_SET(leaf, &rd);
        CHECK(select(0, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(leaf, &rd), "select reports the leaf readable");
        CHECK_EQ(rmp_recv_wait(leaf, buf, sizeof(buf), 1000, NULL), 3, "... and the message is there");
        FD_ZERO(&rd);
        FD_SET(leaf, &rd);
        tv.tv_sec = 0;
        tv.tv_usec = 100000;
        CHECK_EQ(select(0, &rd, NULL, NULL, &tv), 0, "select times out once it is read");
    }

    /* ---- the leaf leaves: FD_CLOSE on its c_leaf socket at the root ---------------------- */
    ec = WSACreateEvent();
    CHECK_EQ(WSAEventSelect(c, ec, FD_READ | FD_CLOSE), 0, "c_leaf socket selected for FD_CLOSE");
    CHECK_EQ(closesocket(leaf), 0, "the leaf closes its socket");
    CHECK(rmp_wait(c, ec, FD_CLOSE, 5000, &ne) & FD_CLOSE, "the root's c_leaf socket sees FD_CLOSE");
    CHECK_EQ(ne.iErrorCode[FD_CLOSE_BIT], 0, "... with error 0 (a graceful leave)");
    CHECK_EQ(recv(c, buf, sizeof(buf), 0), 0, "recv on it returns 0");
    n = send(c, "x", 1, 0);
    CHECK(n == SOCKET_ERROR && WSAGetLastError() == WSAENOTCONN, "a side chat to a gone leaf: WSAENOTCONN");
    CHECK_EQ(send(root, "nobody", 6, 0), 6, "the root may still send (to no leaf)");

    optlen = 0;
    (void)optlen;
    closesocket(c);
    closesocket(root);
    WSACloseEvent(eroot);
    WSACloseEvent(eleaf);
    WSACloseEvent(ec);
#ifndef _WIN32
    CHECK_EQ(thread_count(), threads_before + 1, "one engine thread while rooted sockets exist");
#endif
    CHECK_EQ(WSACleanup(), 0, "WSACleanup");
#ifndef _WIN32
    CHECK_EQ(thread_count(), threads_before, "the last WSACleanup stopped the engine thread");
#endif
    return check_done();
}
