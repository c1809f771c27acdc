/*
 * multicast_chat: a multicast sender and receiver written the way classic Winsock 2 multicast
 * programs are written (the style of the Microsoft Press sample mcastws2.c):
 *
 *   s = WSASocket(af, SOCK_DGRAM, IPPROTO_UDP, NULL, 0,
 *                 WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
 *   bind(s, <interface address>:<group port>);
 *   WSAIoctl(s, SIO_MULTICAST_SCOPE, ...);       how many router hops (the TTL)
 *   WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, ...);   see below
 *   WSAJoinLeaf(s, <group>:<port>, ..., JL_SENDER_ONLY or JL_RECEIVER_ONLY);
 *   sender:   send(s, ...)       the group is the socket's default destination after the join
 *   receiver: recvfrom(s, ...)   from any sender in the group
 *   closesocket(s);              leaves the group
 *
 * Loopback is decided by the RECEIVING socket in Winsock: the sender turns it off (it does not
 * want its own messages back) and the receiver turns it on (it wants the messages of senders on
 * this host too), so a sender and a receiver on the same host talk to each other. ws2mp gives
 * SIO_MULTIPOINT_LOOPBACK that Windows meaning on Linux and macOS (where the native
 * IP_MULTICAST_LOOP belongs to the sending socket).
 *
 * Each message carries a sequence number, the number of messages, the payload length and a
 * checksum (FNV-1a) of the payload, whose content is a function of the sequence number. The
 * receiver checks all of it, counts what arrives, and exits 0 only when every message arrived
 * once and intact.
 *
 * Usage: multicast_chat [sender|receiver|both] [-6] [-g GROUP] [-p PORT] [-i INTERFACE]
 *                       [-n COUNT] [-t SCOPE] [-d DELAY_MS] [-w WAIT_S] [-q]
 *   sender     joins with JL_SENDER_ONLY and sends COUNT messages
 *   receiver   joins with JL_RECEIVER_ONLY and receives until COUNT messages arrived, or until
 *              nothing arrived for WAIT_S seconds
 *   both       (default) a receiver thread and a sender in one process
 *   -6         IPv6 (default group ff15::42); -g with an IPv6 group also selects IPv6
 *   -g GROUP   the group (default 239.255.42.99, or ff15::42 with -6)
 *   -p PORT    the group's port (default 5150)
 *   -i ADDR    the local interface address to bind to and join on (default: any; the system's
 *              multicast route decides)
 *   -n COUNT   messages to send / expect (default 20; a receiver without -n takes the count the
 *              messages carry)
 *   -t SCOPE   SIO_MULTICAST_SCOPE, the TTL / hop limit (default 1: the local network only)
 *   -d DELAY   milliseconds between two messages (default 20)
 *   -w WAIT    seconds a receiver waits for the next message (default 5)
 *   -q         do not print every message received
 *
 * Multicast leaves the host by the interface its route names (on Linux, `ip route get GROUP`
 * shows it; `ip route add 224.0.0.0/4 dev IFACE` chooses one). Try it first where it cannot
 * disturb anything, for example in a private network namespace (as tests/examples.rs does).
 *
 * Builds unchanged with ws2mp (include/compat) and with mingw-w64 against Windows' headers
 * (x86_64-w64-mingw32-gcc multicast_chat.c -lws2_32 -lpthread).
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_GROUP4 "239.255.42.99"
#define DEFAULT_GROUP6 "ff15::42"
#define DEFAULT_PORT 5150
#define MAX_COUNT 100000
#define MAX_PAYLOAD 1000
#define BUFSIZE 1400

enum mode { SENDER, RECEIVER, BOTH };

struct options {
    enum mode mode;
    int family;
    const char *group;
    const char *iface;
    unsigned short port;
    int count;
    int count_given;
    int scope;
    int delay_ms;
    int wait_s;
    int quiet;
};

static struct options opt;

static void usage(void)
{
    printf("usage: multicast_chat [sender|receiver|both] [-6] [-g GROUP] [-p PORT] [-i INTERFACE]\n"
           "                      [-n COUNT] [-t SCOPE] [-d DELAY_MS] [-w WAIT_S] [-q]\n");
    exit(2);
}

static int fail(const char *who, const char *what)
{
    printf("%s: %s failed with error %d\n", who, what, WSAGetLastError());
    return 1;
}

/* ---- messages ------------------------------------------------------------------------------ */

static unsigned long fnv1a(const char *p, int len)
{
    unsigned long h = 2166136261UL;
    int i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)p[i];
        h = (h * 16777619UL) & 0xFFFFFFFFUL;
    }
    return h;
}

/* The payload of message `seq`: its length and its bytes depend on the sequence number. */
static int make_payload(int seq, char *out)
{
    int len = 16 + (seq * 53) % (MAX_PAYLOAD - 16), i;
    for (i = 0; i < len; i++)
        out[i] = (char)('a' + (seq * 7 + i * 13) % 26);
    return len;
}

/* "MCHAT seq=S count=N len=L sum=XXXXXXXX\n" followed by the payload. Returns the length. */
static int make_message(int seq, int count, char *out)
{
    char payload[MAX_PAYLOAD];
    int len = make_payload(seq, payload);
    int head = sprintf(out, "MCHAT seq=%d count=%d len=%d sum=%08lx\n", seq, count, len, fnv1a(payload, len));
    memcpy(out + head, payload, (size_t)len);
    return head + len;
}

/* Checks a received message; returns its sequence number, or -1 (with the reason) if it is not
 * intact. */
static int check_message(const char *msg, int n, int *count, const char **why)
{
    char expected[MAX_PAYLOAD];
    const char *payload = memchr(msg, '\n', (size_t)n);
    int seq, total, len, head;
    unsigned long sum;
    if (!payload || sscanf(msg, "MCHAT seq=%d count=%d len=%d sum=%lx", &seq, &total, &len, &sum) != 4) {
        *why = "not a multicast_chat message";
        return -1;
    }
    payload++;
    head = (int)(payload - msg);
    if (total <= 0 || total > MAX_COUNT || seq < 0 || seq >= total) {
        *why = "sequence number or count out of range";
        return -1;
    }
    if (*count == 0)
        *count = total;
    if (total != *count) {
        *why = "a different message count than the other messages";
        return -1;
    }
    if (len != n - head) {
        *why = "payload length differs from the header";
        return -1;
    }
    if (fnv1a(payload, len) != sum) {
        *why = "checksum mismatch";
        return -1;
    }
    if (make_payload(seq, expected) != len || memcmp(expected, payload, (size_t)len) != 0) {
        *why = "payload is not the one for its sequence number";
        return -1;
    }
    return seq;
}

/* ---- addresses ----------------------------------------------------------------------------- */

/* Parses a numeric address of `family` (AF_UNSPEC: either) with `port`. */
static int parse_addr(const char *text, int family, unsigned short port, SOCKADDR_STORAGE *out, int *len)
{
    struct addrinfo hints, *res = NULL;
    char service[16];
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    sprintf(service, "%u", (unsigned)port);
    if (getaddrinfo(text, service, &hints, &res) != 0 || !res)
        return 0;
    memset(out, 0, sizeof(*out));
    memcpy(out, res->ai_addr, res->ai_addrlen);
    *len = (int)res->ai_addrlen;
    freeaddrinfo(res);
    return 1;
}

static const char *addr_text(const SOCKADDR_STORAGE *a, int len, char *buf, int cap)
{
    if (getnameinfo((const struct sockaddr *)a, (socklen_t)len, buf, (DWORD)cap, NULL, 0, NI_NUMERICHOST) != 0)
        strcpy(buf, "?");
    return buf;
}

/* ---- the multipoint socket ----------------------------------------------------------------- */

/* Creates a c_leaf/d_leaf socket bound to the interface and the group's port, sets the scope
 * and the loopback, and joins the group with `flags`. `group` is filled in. */
static SOCKET join(const char *who, DWORD flags, BOOL loopback, SOCKADDR_STORAGE *group, int *glen)
{
    SOCKADDR_STORAGE local;
    int llen, scope = opt.scope;
    DWORD bytes = 0;
    BOOL reuse = TRUE;
    SOCKET s, joined;
    char text[INET6_ADDRSTRLEN + 8];

    if (!parse_addr(opt.group, opt.family, opt.port, group, glen)) {
        printf("%s: %s is not a multicast group address\n", who, opt.group);
        return INVALID_SOCKET;
    }
    if (!parse_addr(opt.iface ? opt.iface : (opt.family == AF_INET6 ? "::" : "0.0.0.0"), opt.family, opt.port,
                    &local, &llen)) {
        printf("%s: %s is not an interface address of the group's family\n", who, opt.iface);
        return INVALID_SOCKET;
    }

    s = WSASocket(opt.family, SOCK_DGRAM, IPPROTO_UDP, NULL, 0,
                  WSA_FLAG_MULTIPOINT_C_LEAF | WSA_FLAG_MULTIPOINT_D_LEAF);
    if (s == INVALID_SOCKET) {
        fail(who, "WSASocket");
        return INVALID_SOCKET;
    }
    /* Several programs on this host may use the group's port (the sender and the receiver of
     * "both" do). */
    if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&reuse, sizeof(reuse)) == SOCKET_ERROR ||
        bind(s, (SOCKADDR *)&local, llen) == SOCKET_ERROR) {
        fail(who, "bind");
        closesocket(s);
        return INVALID_SOCKET;
    }
    if (WSAIoctl(s, SIO_MULTICAST_SCOPE, &scope, sizeof(scope), NULL, 0, &bytes, NULL, NULL) == SOCKET_ERROR) {
        fail(who, "WSAIoctl(SIO_MULTICAST_SCOPE)");
        closesocket(s);
        return INVALID_SOCKET;
    }
    if (WSAIoctl(s, SIO_MULTIPOINT_LOOPBACK, &loopback, sizeof(loopback), NULL, 0, &bytes, NULL, NULL) ==
        SOCKET_ERROR) {
        fail(who, "WSAIoctl(SIO_MULTIPOINT_LOOPBACK)");
        closesocket(s);
        return INVALID_SOCKET;
    }
    /* For a c_leaf socket WSAJoinLeaf returns the socket itself: closing it leaves the group. */
    joined = WSAJoinLeaf(s, (SOCKADDR *)group, *glen, NULL, NULL, NULL, NULL, flags);
    if (joined == INVALID_SOCKET) {
        fail(who, "WSAJoinLeaf");
        closesocket(s);
        return INVALID_SOCKET;
    }
    printf("%s: joined %s port %u (%s, scope %d, loopback %s, interface %s)\n", who,
           addr_text(group, *glen, text, sizeof(text)), (unsigned)opt.port,
           flags == JL_SENDER_ONLY ? "JL_SENDER_ONLY" : "JL_RECEIVER_ONLY", opt.scope, loopback ? "on" : "off",
           opt.iface ? opt.iface : "any");
    fflush(stdout);
    return joined;
}

/* ---- sender ---------------------------------------------------------------------------------- */

static int run_sender(void)
{
    SOCKADDR_STORAGE group;
    int glen, seq, sent = 0;
    char msg[BUFSIZE];
    SOCKET s = join("sender", JL_SENDER_ONLY, FALSE, &group, &glen);
    if (s == INVALID_SOCKET)
        return 1;
    for (seq = 0; seq < opt.count; seq++) {
        int len = make_message(seq, opt.count, msg);
        /* No address: the group WSAJoinLeaf joined is the default destination. */
        if (send(s, msg, len, 0) == SOCKET_ERROR) {
            fail("sender", "send");
            break;
        }
        sent++;
        if (opt.delay_ms > 0)
            Sleep((DWORD)opt.delay_ms);
    }
    closesocket(s);
    printf("sender: sent %d of %d messages\n", sent, opt.count);
    return sent == opt.count ? 0 : 1;
}

/* ---- receiver -------------------------------------------------------------------------------- */

struct receiver {
    WSAEVENT ready; /* set once the receiver has joined (or failed to) */
    int result;
};

static int receive_all(SOCKET s)
{
    static unsigned char seen[MAX_COUNT];
    char buf[BUFSIZE], from_text[INET6_ADDRSTRLEN + 8];
    int count = opt.count_given ? opt.count : 0, distinct = 0, bad = 0, duplicates = 0, idle = 0, i;
    memset(seen, 0, sizeof(seen));
    while (count == 0 || distinct < count) {
        SOCKADDR_STORAGE from;
        int fromlen = sizeof(from), n, seq;
        const char *why = NULL;
        fd_set readable;
        struct timeval tv;

        FD_ZERO(&readable);
        FD_SET(s, &readable);
        tv.tv_sec = 1;
        tv.tv_usec = 0;
        if (select(0, &readable, NULL, NULL, &tv) == SOCKET_ERROR)
            return fail("receiver", "select");
        if (!FD_ISSET(s, &readable)) {
            if (++idle >= opt.wait_s)
                break;
            continue;
        }
        idle = 0;
        n = recvfrom(s, buf, sizeof(buf), 0, (SOCKADDR *)&from, &fromlen);
        if (n == SOCKET_ERROR) {
            if (WSAGetLastError() == WSAEMSGSIZE) {
                printf("receiver: a datagram larger than %d bytes\n", (int)sizeof(buf));
                bad++;
                continue;
            }
            return fail("receiver", "recvfrom");
        }
        seq = check_message(buf, n, &count, &why);
        addr_text(&from, fromlen, from_text, sizeof(from_text));
        if (seq < 0) {
            printf("receiver: BAD datagram of %d bytes from %s: %s\n", n, from_text, why);
            bad++;
            continue;
        }
        if (seen[seq]) {
            printf("receiver: message %d arrived twice\n", seq);
            duplicates++;
            continue;
        }
        seen[seq] = 1;
        distinct++;
        if (!opt.quiet)
            printf("receiver: message %d/%d, %d bytes from %s, intact\n", seq + 1, count, n, from_text);
    }
    if (count == 0) {
        printf("receiver: no message arrived within %d seconds (%d bad datagrams)\n", opt.wait_s, bad);
        return 1;
    }
    printf("receiver: %d of %d messages arrived intact, %d bad, %d duplicated\n", distinct, count, bad, duplicates);
    if (distinct < count) {
        printf("receiver: missing:");
        for (i = 0; i < count; i++)
            if (!seen[i])
                printf(" %d", i);
        printf("\n");
    }
    return distinct == count && bad == 0 && duplicates == 0 ? 0 : 1;
}

static void *receiver_thread(void *arg)
{
    struct receiver *r = arg;
    SOCKADDR_STORAGE group;
    int glen;
    SOCKET s = join("receiver", JL_RECEIVER_ONLY, TRUE, &group, &glen);
    WSASetEvent(r->ready);
    if (s == INVALID_SOCKET) {
        r->result = 1;
        return NULL;
    }
    r->result = receive_all(s);
    closesocket(s);
    return NULL;
}

static int run_receiver(void)
{
    struct receiver r;
    r.ready = WSACreateEvent();
    r.result = 1;
    receiver_thread(&r);
    WSACloseEvent(r.ready);
    return r.result;
}

static int run_both(void)
{
    struct receiver r;
    pthread_t thread;
    int sent;
    r.ready = WSACreateEvent();
    r.result = 1;
    if (r.ready == WSA_INVALID_EVENT)
        return fail("multicast_chat", "WSACreateEvent");
    if (pthread_create(&thread, NULL, receiver_thread, &r) != 0) {
        printf("multicast_chat: cannot start the receiver thread\n");
        return 1;
    }
    /* Send once the receiver is a member. */
    if (WSAWaitForMultipleEvents(1, &r.ready, FALSE, 10000, FALSE) != WSA_WAIT_EVENT_0)
        printf("multicast_chat: the receiver did not get ready; sending anyway\n");
    sent = run_sender();
    pthread_join(thread, NULL);
    WSACloseEvent(r.ready);
    return sent == 0 && r.result == 0 ? 0 : 1;
}

/* ---- main ------------------------------------------------------------------------------------ */

static int number(const char *text, int lo, int hi)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == 0 || *end != 0 || v < lo || v > hi)
        usage();
    return (int)v;
}

int main(int argc, char **argv)
{
    WSADATA wsaData;
    int i, rc;

    opt.mode = BOTH;
    opt.family = AF_INET;
    opt.port = DEFAULT_PORT;
    opt.count = 20;
    opt.scope = 1;
    opt.delay_ms = 20;
    opt.wait_s = 5;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "sender") == 0)
            opt.mode = SENDER;
        else if (strcmp(a, "receiver") == 0)
            opt.mode = RECEIVER;
        else if (strcmp(a, "both") == 0)
            opt.mode = BOTH;
        else if (strcmp(a, "-6") == 0)
            opt.family = AF_INET6;
        else if (strcmp(a, "-q") == 0)
            opt.quiet = 1;
        else if (!v)
            usage();
        else if (strcmp(a, "-g") == 0)
            opt.group = argv[++i];
        else if (strcmp(a, "-p") == 0)
            opt.port = (unsigned short)number(argv[++i], 1, 65535);
        else if (strcmp(a, "-i") == 0)
            opt.iface = argv[++i];
        else if (strcmp(a, "-n") == 0) {
            opt.count = number(argv[++i], 1, MAX_COUNT);
            opt.count_given = 1;
        } else if (strcmp(a, "-t") == 0)
            opt.scope = number(argv[++i], 0, 255);
        else if (strcmp(a, "-d") == 0)
            opt.delay_ms = number(argv[++i], 0, 60000);
        else if (strcmp(a, "-w") == 0)
            opt.wait_s = number(argv[++i], 1, 3600);
        else
            usage();
    }
    if (opt.group && strchr(opt.group, ':'))
        opt.family = AF_INET6;
    if (!opt.group)
        opt.group = opt.family == AF_INET6 ? DEFAULT_GROUP6 : DEFAULT_GROUP4;
    if (opt.mode == BOTH)
        opt.count_given = 1;

    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0) {
        printf("multicast_chat: WSAStartup failed\n");
        return 1;
    }
    printf("multicast_chat: %s\n", wsaData.szDescription);
    fflush(stdout);
    switch (opt.mode) {
    case SENDER:
        rc = run_sender();
        break;
    case RECEIVER:
        rc = run_receiver();
        break;
    default:
        rc = run_both();
        break;
    }
    WSACleanup();
    printf("multicast_chat: %s\n", rc == 0 ? "OK" : "FAILED");
    return rc;
}
