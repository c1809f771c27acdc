/* A select() chat server of the kind Winsock tutorials and old console programs are written as:
 * a fixed array of client sockets where 0 marks a free slot, one fd_set rebuilt per round with
 * FD_SET, FD_ISSET over the array after select(0, ...), the peer printed with inet_ntoa and
 * ntohs, each line sent on to the other clients, "server full" for one client too many, and a
 * disconnect told apart from a reset by recv's 0 or SOCKET_ERROR with WSAECONNRESET. The clients
 * run in the same thread, each step driven by one server round, so the order is fixed. */
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#define _CRT_SECURE_NO_WARNINGS
#include <stdio.h>
#include <string.h>
#include <winsock2.h>
#include "check.h"

#define MAX_CLIENTS 3
#define MAXRECV 1024

static SOCKET master;
static SOCKET client_socket[MAX_CLIENTS];
static int connects_seen, disconnects_seen, resets_seen, refused_full;
static char last_peer[64];
static int rounds_ready, set_mismatches;

/* Sends the line to every client but `from`. */
static void broadcast(SOCKET from, const char *line)
{
    int i;
    for (i = 0; i < MAX_CLIENTS; i++) {
        if (client_socket[i] != 0 && client_socket[i] != from)
            send(client_socket[i], line, (int)strlen(line), 0);
    }
}

/* One round of the server's loop; returns select's result. */
static int server_round(long wait_ms)
{
    fd_set readfds;
    struct timeval tv;
    SOCKADDR_IN address;
    int addrlen, activity, i, valread;
    char buffer[MAXRECV + 1];
    char line[MAXRECV + 64];
    u_int ready = 0;

    FD_ZERO(&readfds);
    FD_SET(master, &readfds);
    for (i = 0; i < MAX_CLIENTS; i++) {
        if (client_socket[i] > 0)
            FD_SET(client_socket[i], &readfds);
    }
    tv.tv_sec = wait_ms / 1000;
    tv.tv_usec = (wait_ms % 1000) * 1000;
    activity = select(0, &readfds, NULL, NULL, &tv);
    if (activity == SOCKET_ERROR) {
        printf("select call failed with error code : %d\n", WSAGetLastError());
        return activity;
    }
    if (activity == 0)
        return 0;
    /* Windows leaves only the ready sockets in the set; the count is select's result. */
    rounds_ready++;
    if (readfds.fd_count != (u_int)activity)
        set_mismatches++;

    if (FD_ISSET(master, &readfds)) {
        SOCKET new_socket;
        addrlen = sizeof(SOCKADDR_IN);
        ready++;
        new_socket = accept(master, (struct sockaddr *)&address, &addrlen);
        if (new_socket == INVALID_SOCKET) {
            printf("accept failed with error code : %d\n", WSAGetLastError());
        } else {
            const char *message = "Welcome to the chat\r\n";
            printf("New connection, socket fd is %d, ip is : %s, port : %d\n", (int)new_socket,
                   inet_ntoa(address.sin_addr), ntohs(address.sin_port));
            sprintf(last_peer, "%s:%d", inet_ntoa(address.sin_addr), ntohs(address.sin_port));
            for (i = 0; i < MAX_CLIENTS; i++) {
                if (client_socket[i] == 0) {
                    client_socket[i] = new_socket;
                    printf("Adding to list of sockets at index %d\n", i);
                    break;
                }
            }
            if (i == MAX_CLIENTS) {
                message = "Server full\r\n";
                refused_full++;
            } else {
                connects_seen++;
            }
            if (send(new_socket, message, (int)strlen(message), 0) != (int)strlen(message))
                perror("send");
            if (i == MAX_CLIENTS)
                closesocket(new_socket);
        }
    }

    for (i = 0; i < MAX_CLIENTS; i++) {
        SOCKET s = client_socket[i];
        if (s == 0 || !FD_ISSET(s, &readfds))
            continue;
        ready++;
        addrlen = sizeof(SOCKADDR_IN);
        getpeername(s, (struct sockaddr *)&address, &addrlen);
        valread = recv(s, buffer, MAXRECV, 0);
        if (valread == SOCKET_ERROR) {
            int error_code = WSAGetLastError();
            if (error_code == WSAECONNRESET) {
                printf("Host disconnected unexpectedly, ip %s, port %d\n", inet_ntoa(address.sin_addr),
                       ntohs(address.sin_port));
                resets_seen++;
                closesocket(s);
                client_socket[i] = 0;
            } else {
                printf("recv failed with error code : %d\n", error_code);
            }
        } else if (valread == 0) {
            printf("Host disconnected, ip %s, port %d\n", inet_ntoa(address.sin_addr), ntohs(address.sin_port));
            disconnects_seen++;
            closesocket(s);
            client_socket[i] = 0;
        } else {
            buffer[valread] = '\0';
            sprintf(line, "[%s:%d] %s", inet_ntoa(address.sin_addr), ntohs(address.sin_port), buffer);
            broadcast(s, line);
        }
    }
    if (ready != readfds.fd_count)
        set_mismatches++;
    return activity;
}

/* Runs server rounds until `cond` holds or two seconds pass. */
#define SERVE_UNTIL(cond)                                                                        \
    do {                                                                                         \
        DWORD start_ = GetTickCount();                                                           \
        while (!(cond) && GetTickCount() - start_ < 2000)                                        \
            server_round(50);                                                                    \
    } while (0)

static SOCKET connect_client(const SOCKADDR_IN *server)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return s;
    if (connect(s, (const struct sockaddr *)server, sizeof(*server)) == SOCKET_ERROR) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* Reads what has arrived on a client within `wait_ms`, as a string. */
static int client_read(SOCKET s, char *buf, int size, long wait_ms)
{
    fd_set rs;
    struct timeval tv = { 0, 0 };
    int n;
    tv.tv_sec = wait_ms / 1000;
    tv.tv_usec = (wait_ms % 1000) * 1000;
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    if (select(0, &rs, NULL, NULL, &tv) != 1) {
        buf[0] = '\0';
        return 0;
    }
    n = recv(s, buf, size - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
    return n;
}

static char *port_of(SOCKET s, char *out)
{
    SOCKADDR_IN a;
    int len = sizeof(a);
    getsockname(s, (SOCKADDR *)&a, &len);
    sprintf(out, "%s:%d", inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    return out;
}

int main(void)
{
    WSADATA wsa;
    SOCKADDR_IN server;
    SOCKET a, b, c, d;
    int len, i, n;
    char buf[256], name_a[64], name_b[64], expect[256];
    struct linger lg;

    printf("# Initialising Winsock...\n");
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");

    master = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(master != INVALID_SOCKET, "socket");
    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_addr.s_addr = inet_addr("127.0.0.1");
    server.sin_port = htons(0);
    REQUIRE(bind(master, (struct sockaddr *)&server, sizeof(server)) != SOCKET_ERROR, "bind");
    REQUIRE(listen(master, 3) != SOCKET_ERROR, "listen");
    len = sizeof(server);
    REQUIRE(getsockname(master, (struct sockaddr *)&server, &len) == 0, "getsockname");
    for (i = 0; i < MAX_CLIENTS; i++)
        CHECK(client_socket[i] == 0, "the client array starts as free slots (0)");

    CHECK_EQ(server_round(0), 0, "select with a zero timeval and nothing pending returns 0");

    a = connect_client(&server);
    b = connect_client(&server);
    c = connect_client(&server);
    REQUIRE(a != INVALID_SOCKET && b != INVALID_SOCKET && c != INVALID_SOCKET, "three clients connect");
    SERVE_UNTIL(connects_seen == 3);
    CHECK_EQ(connects_seen, 3, "the server accepts all three through select on the listener");
    for (i = 0; i < MAX_CLIENTS; i++)
        CHECK(client_socket[i] != 0 && client_socket[i] != INVALID_SOCKET, "each takes a slot");
    CHECK(strcmp(last_peer, port_of(c, buf)) == 0, "inet_ntoa and ntohs of accept's address give the client's ip:port");

    CHECK(client_read(a, buf, sizeof(buf), 1000) > 0 && strcmp(buf, "Welcome to the chat\r\n") == 0, "A gets the welcome");
    CHECK(client_read(b, buf, sizeof(buf), 1000) > 0 && strcmp(buf, "Welcome to the chat\r\n") == 0, "B gets the welcome");
    CHECK(client_read(c, buf, sizeof(buf), 1000) > 0 && strcmp(buf, "Welcome to the chat\r\n") == 0, "C gets the welcome");

    /* A fourth client: no slot left. */
    d = connect_client(&server);
    REQUIRE(d != INVALID_SOCKET, "a fourth client connects (the listener's backlog)");
    SERVE_UNTIL(refused_full == 1);
    CHECK_EQ(refused_full, 1, "the server turns the fourth away");
    CHECK(client_read(d, buf, sizeof(buf), 1000) > 0 && strcmp(buf, "Server full\r\n") == 0, "... telling it so");
    CHECK_EQ(client_read(d, buf, sizeof(buf), 1000), 0, "... then closing it (recv 0)");
    closesocket(d);

    /* A line from A goes to B and C, not back to A. */
    CHECK_EQ(send(a, "hello", 5, 0), 5, "A sends a line");
    sprintf(expect, "[%s] hello", port_of(a, name_a));
    n = 0;
    {
        DWORD start = GetTickCount();
        while (GetTickCount() - start < 2000) {
            server_round(50);
            n = client_read(b, buf, sizeof(buf), 50);
            if (n > 0)
                break;
        }
    }
    CHECK(n > 0 && strcmp(buf, expect) == 0, "B receives it prefixed with A's inet_ntoa address and port");
    CHECK(client_read(c, buf, sizeof(buf), 1000) > 0 && strcmp(buf, expect) == 0, "C receives the same line");
    CHECK_EQ(client_read(a, buf, sizeof(buf), 100), 0, "A does not get its own line back");

    /* B leaves in order: recv 0 on the server. */
    port_of(b, name_b);
    closesocket(b);
    SERVE_UNTIL(disconnects_seen == 1);
    CHECK_EQ(disconnects_seen, 1, "a closed client is seen as recv returning 0");
    n = 0;
    for (i = 0; i < MAX_CLIENTS; i++)
        n += client_socket[i] == 0;
    CHECK_EQ(n, 1, "... and its slot is free again");

    /* C leaves with a reset (linger on, zero timeout): recv fails with WSAECONNRESET. */
    lg.l_onoff = 1;
    lg.l_linger = 0;
    CHECK_EQ(setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof(lg)), 0, "SO_LINGER {1, 0}");
    closesocket(c);
    SERVE_UNTIL(resets_seen == 1);
    CHECK_EQ(resets_seen, 1, "an aborted client is seen as SOCKET_ERROR with WSAECONNRESET");
    CHECK_EQ(disconnects_seen, 1, "... not as an orderly close");

    /* A new client takes a freed slot and can talk to A. */
    b = connect_client(&server);
    REQUIRE(b != INVALID_SOCKET, "a new client connects");
    SERVE_UNTIL(connects_seen == 4);
    CHECK(client_read(b, buf, sizeof(buf), 1000) > 0 && strcmp(buf, "Welcome to the chat\r\n") == 0, "it is welcomed into a free slot");
    CHECK_EQ(send(b, "hi A", 4, 0), 4, "it sends a line");
    sprintf(expect, "[%s] hi A", port_of(b, name_b));
    n = 0;
    {
        DWORD start = GetTickCount();
        while (GetTickCount() - start < 2000) {
            server_round(50);
            n = client_read(a, buf, sizeof(buf), 50);
            if (n > 0)
                break;
        }
    }
    CHECK(n > 0 && strcmp(buf, expect) == 0, "A receives it");

    closesocket(a);
    closesocket(b);
    SERVE_UNTIL(disconnects_seen == 3);
    CHECK_EQ(disconnects_seen, 3, "both last clients are seen leaving");
    CHECK(rounds_ready >= 8, "the server saw sockets ready in several rounds");
    CHECK_EQ(set_mismatches, 0, "in each, select's result is fd_count and FD_ISSET finds exactly those sockets");
    closesocket(master);
    WSACleanup();
    return check_done();
}
