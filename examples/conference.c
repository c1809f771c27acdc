/*
 * conference: a rooted multipoint conference, written the way Winsock 2 multipoint programs are.
 *
 *   conference root PORT LEAVES     the chair: admits LEAVES leaves, greets them, broadcasts,
 *                                   evicts the last one admitted, then closes the session
 *   conference leaf PORT NAME       a participant: asks to join with its name as caller data,
 *                                   chats with the others, and leaves when the session ends
 *
 * The provider is picked the protocol-independent way: WSAEnumProtocols, then the entry with a
 * rooted control plane (XP1_MULTIPOINT_CONTROL_PLANE) and a non-rooted data plane, so that
 * what any member sends reaches every other member (the root relays). The root admits leaves
 * with WSAAccept and a condition function that reads the caller data (the leaf's name), refuses
 * the name "mallory", and answers with a greeting as callee data. Everything is driven by
 * WSAEventSelect / WSAWaitForMultipleEvents / WSAEnumNetworkEvents.
 *
 * Builds unchanged with ws2mp (include/compat) and with mingw-w64 against Windows' headers
 * (x86_64-w64-mingw32-gcc conference.c -lws2_32). On Windows it needs a provider with a rooted
 * control plane, which the stock TCP/IP stack does not have.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEAVES 16
#define NAME_LEN 32

static const char *who = "?";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void say(const char *fmt, ...)
{
    va_list ap;
    printf("%-8s ", who);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static void fail(const char *what)
{
    printf("%-8s %s failed: %d\n", who, what, WSAGetLastError());
    fflush(stdout);
    exit(1);
}

/* Finds the rooted-control, non-rooted-data provider for IPv4. */
static int find_provider(WSAPROTOCOL_INFOA *out)
{
    DWORD size = 0;
    WSAPROTOCOL_INFOA *list;
    int n, i, found = 0;
    WSAEnumProtocolsA(NULL, NULL, &size);
    list = (WSAPROTOCOL_INFOA *)malloc(size);
    n = WSAEnumProtocolsA(NULL, list, &size);
    for (i = 0; i < n && !found; i++) {
        DWORD f = list[i].dwServiceFlags1;
        if (list[i].iAddressFamily == AF_INET && (f & XP1_SUPPORT_MULTIPOINT) &&
            (f & XP1_MULTIPOINT_CONTROL_PLANE) && !(f & XP1_MULTIPOINT_DATA_PLANE)) {
            *out = list[i];
            found = 1;
        }
    }
    free(list);
    return found;
}

/* Members do not hear their own messages: SIO_MULTIPOINT_LOOPBACK is TRUE by default. */
static void no_echo(SOCKET s)
{
    BOOL off = FALSE;
    DWORD returned = 0;
    if (WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &off, sizeof(off), NULL, 0, &returned, NULL, NULL) != 0)
        fail("WSAIoctl(SIO_MULTIPOINT_LOOPBACK)");
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((u_short)port);
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    return a;
}

/* ---- the chair ---------------------------------------------------------------------------- */

struct member {
    SOCKET s; /* the c_leaf socket that stands for this leaf at the root */
    char name[NAME_LEN];
    int gone;
};

static struct member members[MAX_LEAVES];
static int member_count;
static char admitting[NAME_LEN];

/* The condition function: the caller data is the leaf's name; the callee data a greeting. */
static int CALLBACK admit(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos,
                          LPWSABUF callee_id, LPWSABUF callee_data, GROUP *g, DWORD_PTR ctx)
{
    char name[NAME_LEN] = "";
    char greeting[64];
    int len;
    (void)caller_id;
    (void)sqos;
    (void)gqos;
    (void)callee_id;
    (void)g;
    (void)ctx;
    if (caller_data != NULL && caller_data->len > 0) {
        len = caller_data->len < NAME_LEN - 1 ? (int)caller_data->len : NAME_LEN - 1;
        memcpy(name, caller_data->buf, (size_t)len);
        name[len] = '\0';
    }
    if (strcmp(name, "mallory") == 0 || member_count == MAX_LEAVES) {
        say("refuses %s", name);
        return CF_REJECT;
    }
    len = sprintf(greeting, "welcome, %s", name);
    if (callee_data != NULL && callee_data->len >= (u_long)len) {
        memcpy(callee_data->buf, greeting, (size_t)len);
        callee_data->len = (u_long)len;
    }
    strcpy(admitting, name);
    return CF_ACCEPT;
}

static int run_root(int port, int leaves)
{
    WSAPROTOCOL_INFOA info;
    struct sockaddr_in addr = loopback(port);
    WSAEVENT ev = WSACreateEvent();
    SOCKET root;
    int chats = 0, evicted = 0, i, rounds = 0;
    char buf[512];

    if (!find_provider(&info))
        fail("finding a rooted-control provider");
    say("uses provider \"%s\"", info.szProtocol);
    root = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                      WSA_FLAG_MULTIPOINT_C_ROOT | WSA_FLAG_MULTIPOINT_D_LEAF);
    if (root == INVALID_SOCKET)
        fail("WSASocket(c_root)");
    no_echo(root);
    if (bind(root, (SOCKADDR *)&addr, sizeof(addr)) != 0 || listen(root, SOMAXCONN) != 0)
        fail("bind/listen");
    if (WSAEventSelect(root, ev, FD_ACCEPT | FD_READ | FD_CLOSE) != 0)
        fail("WSAEventSelect");
    say("listens on 127.0.0.1:%d", port);

    /* Runs until every leaf has chatted, the last one was evicted, and the rest said goodbye
     * or a 20 s safety limit passed. */
    while (rounds++ < 400) {
        WSANETWORKEVENTS ne;
        if (WSAWaitForMultipleEvents(1, &ev, FALSE, 50, FALSE) == WSA_WAIT_FAILED)
            fail("WSAWaitForMultipleEvents");
        if (WSAEnumNetworkEvents(root, ev, &ne) != 0)
            fail("WSAEnumNetworkEvents");
        if (ne.lNetworkEvents & FD_ACCEPT) {
            struct sockaddr_in from;
            int fromlen = sizeof(from);
            SOCKET s = WSAAccept(root, (SOCKADDR *)&from, &fromlen, admit, 0);
            if (s != INVALID_SOCKET) {
                members[member_count].s = s;
                strcpy(members[member_count].name, admitting);
                member_count++;
                say("admits %s (a c_leaf socket now stands for it)", admitting);
                if (member_count == leaves) {
                    const char *hello = "hello everyone, the conference is open";
                    if (send(root, hello, (int)strlen(hello), 0) == SOCKET_ERROR)
                        fail("broadcast");
                    say("broadcasts \"%s\"", hello);
                }
            } else if (WSAGetLastError() != WSAECONNREFUSED && WSAGetLastError() != WSAEWOULDBLOCK) {
                fail("WSAAccept");
            }
        }
        if (ne.lNetworkEvents & FD_READ) {
            struct sockaddr_in from;
            int fromlen = sizeof(from), n;
            while ((n = recvfrom(root, buf, sizeof(buf) - 1, 0, (SOCKADDR *)&from, &fromlen)) > 0) {
                buf[n] = '\0';
                say("hears \"%s\"", buf);
                chats++;
                fromlen = sizeof(from);
            }
        }
        /* The per-leaf sockets share the root's event: look at each for FD_CLOSE. */
        for (i = 0; i < member_count; i++) {
            if (members[i].gone)
                continue;
            if (WSAEnumNetworkEvents(members[i].s, NULL, &ne) != 0)
                fail("WSAEnumNetworkEvents(c_leaf)");
            if (ne.lNetworkEvents & FD_CLOSE) {
                say("sees %s leave", members[i].name);
                closesocket(members[i].s);
                members[i].gone = 1;
            }
        }
        if (!evicted && member_count == leaves && chats >= leaves) {
            struct member *last = &members[member_count - 1];
            const char *note = "you are the last in: please make room";
            send(last->s, note, (int)strlen(note), 0); /* a side chat to that leaf alone */
            say("evicts %s", last->name);
            closesocket(last->s);
            last->gone = 1;
            evicted = 1;
            rounds = 380; /* about one more second for the others to chat */
        }
    }
    say("closes the conference");
    for (i = 0; i < member_count; i++)
        if (!members[i].gone)
            closesocket(members[i].s);
    closesocket(root);
    WSACloseEvent(ev);
    if (member_count != leaves || !evicted) {
        say("FAILED: %s", member_count != leaves ? "not every leaf was admitted" : "no eviction");
        return 1;
    }
    return 0;
}

/* ---- a participant ------------------------------------------------------------------------- */

static int run_leaf(int port, const char *name)
{
    WSAPROTOCOL_INFOA info;
    struct sockaddr_in root = loopback(port);
    WSABUF caller, callee;
    char greeting[128] = "", buf[512];
    WSAEVENT ev = WSACreateEvent();
    SOCKET s;
    int heard_open = 0, chatted = 0, attempt;

    if (!find_provider(&info))
        fail("finding a rooted-control provider");
    s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0,
                   WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    if (s == INVALID_SOCKET)
        fail("WSASocket(c_leaf)");
    no_echo(s);
    caller.buf = (char *)name;
    caller.len = (u_long)strlen(name);
    callee.buf = greeting;
    callee.len = sizeof(greeting) - 1;
    /* The root may still be starting: try for a few seconds. */
    for (attempt = 0;; attempt++) {
        if (WSAJoinLeaf(s, (SOCKADDR *)&root, sizeof(root), &caller, &callee, NULL, NULL, JL_BOTH) != INVALID_SOCKET)
            break;
        if (WSAGetLastError() == WSAECONNREFUSED && strcmp(name, "mallory") == 0) {
            say("was refused by the root (WSAECONNREFUSED), as expected");
            closesocket(s);
            return 0;
        }
        if (attempt == 50)
            fail("WSAJoinLeaf");
        Sleep(100);
    }
    greeting[callee.len] = '\0';
    say("joined; the root says \"%s\"", greeting);
    if (WSAEventSelect(s, ev, FD_READ | FD_CLOSE) != 0)
        fail("WSAEventSelect");
    for (;;) {
        WSANETWORKEVENTS ne;
        if (WSAWaitForMultipleEvents(1, &ev, FALSE, 20000, FALSE) != WSA_WAIT_EVENT_0)
            fail("waiting for the conference");
        if (WSAEnumNetworkEvents(s, ev, &ne) != 0)
            fail("WSAEnumNetworkEvents");
        if (ne.lNetworkEvents & FD_READ) {
            struct sockaddr_in from;
            int fromlen = sizeof(from), n;
            while ((n = recvfrom(s, buf, sizeof(buf) - 1, 0, (SOCKADDR *)&from, &fromlen)) > 0) {
                buf[n] = '\0';
                say("hears \"%s\"", buf);
                if (strstr(buf, "conference is open") != NULL)
                    heard_open = 1;
                fromlen = sizeof(from);
            }
        }
        if (heard_open && !chatted) {
            char line[96];
            sprintf(line, "%s: hello from %s", name, name);
            if (send(s, line, (int)strlen(line), 0) == SOCKET_ERROR)
                fail("send");
            chatted = 1;
        }
        if (ne.lNetworkEvents & FD_CLOSE) {
            say("sees the session end (FD_CLOSE, error %d)", ne.iErrorCode[FD_CLOSE_BIT]);
            break;
        }
    }
    closesocket(s);
    WSACloseEvent(ev);
    return heard_open && chatted ? 0 : 1;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    int rc;
    if (argc < 4 || (strcmp(argv[1], "root") != 0 && strcmp(argv[1], "leaf") != 0)) {
        printf("usage: conference root PORT LEAVES | conference leaf PORT NAME\n");
        return 2;
    }
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    who = strcmp(argv[1], "root") == 0 ? "root" : argv[3];
    rc = strcmp(argv[1], "root") == 0 ? run_root(atoi(argv[2]), atoi(argv[3]))
                                       : run_leaf(atoi(argv[2]), argv[3]);
    WSACleanup();
    return rc;
}
