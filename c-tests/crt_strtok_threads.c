/* Microsoft's strtok keeps its position per thread ("each function uses a thread-local static
 * variable for parsing the string into tokens", the C runtime reference): a thread may call
 * strtok(NULL, ...) to go on in its own string while other threads split theirs. Winsock
 * servers that start a thread per connection (_beginthreadex) parse each request line with
 * strtok: the method, then the path, then the protocol, each thread in its own buffer. With
 * one position for the whole process, a thread that splits its request between another
 * thread's first and second call sends that thread into its buffer: it serves the other
 * client's file, or reads a stack buffer that has gone. Here two connection threads on
 * 127.0.0.1 take their turns in lockstep (events) so that their calls interleave every time. */
#include <winsock2.h>
#include <windows.h>
#include <process.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

#define REQUEST_SIZE 256

struct connection {
    SOCKET sock;
    HANDLE my_turn;    /* set when this thread may take its next step */
    HANDLE other_turn; /* set to let the other thread take its next step */
    char method[32];
    char path[64];
    char protocol[32];
    char extension[16];
    int received;
};

static void copy_token(char *to, size_t size, const char *token)
{
    if (token == NULL) {
        strcpy(to, "(none)");
    } else {
        strncpy(to, token, size - 1);
        to[size - 1] = '\0';
    }
}

/* Each step splits one more token of this thread's request, then hands the turn over. */
static unsigned __stdcall connection_thread(void *arg)
{
    struct connection *c = (struct connection *)arg;
    char request[REQUEST_SIZE];
    char name[64];
    char *token;
    int n = recv(c->sock, request, sizeof(request) - 1, 0);
    c->received = n;
    if (n <= 0) {
        request[0] = '\0';
    } else {
        request[n] = '\0';
    }

    WaitForSingleObject(c->my_turn, 5000);
    token = strtok(request, " /");
    copy_token(c->method, sizeof(c->method), token);
    SetEvent(c->other_turn);

    WaitForSingleObject(c->my_turn, 5000);
    token = strtok(NULL, " /");
    copy_token(c->path, sizeof(c->path), token);
    SetEvent(c->other_turn);

    WaitForSingleObject(c->my_turn, 5000);
    token = strtok(NULL, " \r\n");
    copy_token(c->protocol, sizeof(c->protocol), token);
    SetEvent(c->other_turn);

    /* A second string split in the same thread: the extension of the path. */
    WaitForSingleObject(c->my_turn, 5000);
    strcpy(name, c->path);
    strtok(name, ".");
    token = strtok(NULL, ".");
    copy_token(c->extension, sizeof(c->extension), token);
    SetEvent(c->other_turn);

    send(c->sock, c->path, (int)strlen(c->path), 0);
    closesocket(c->sock);
    return 0;
}

static SOCKET connect_and_send(unsigned short port, const char *request)
{
    struct sockaddr_in addr;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = htons(port);
    if (s == INVALID_SOCKET || connect(s, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR) {
        return INVALID_SOCKET;
    }
    send(s, request, (int)strlen(request), 0);
    return s;
}

static int read_all(SOCKET s, char *buf, int size)
{
    int total = 0, n;
    while (total < size - 1 && (n = recv(s, buf + total, size - 1 - total, 0)) > 0) {
        total += n;
    }
    buf[total] = '\0';
    return total;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, client_a, client_b;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    struct connection conn[2];
    HANDLE threads[2];
    HANDLE turn_a, turn_b;
    char reply[64];
    unsigned short port;
    int i;
    char single[] = "one,two;three";
    char *token;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup succeeds");

    /* In one thread strtok splits as the C library's does. */
    token = strtok(single, ",;");
    CHECK(token != NULL && strcmp(token, "one") == 0, "strtok gives the first token");
    token = strtok(NULL, ",;");
    CHECK(token != NULL && strcmp(token, "two") == 0, "strtok(NULL) goes on in the same string");
    token = strtok(NULL, ",;");
    CHECK(token != NULL && strcmp(token, "three") == 0, "and gives the last token");
    CHECK(strtok(NULL, ",;") == NULL, "then NULL: no token is left");

    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    addr.sin_port = 0;
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0, "bind to 127.0.0.1 succeeds");
    REQUIRE(listen(listener, 5) == 0, "listen succeeds");
    REQUIRE(getsockname(listener, (SOCKADDR *)&addr, &len) == 0, "getsockname gives the port");
    port = ntohs(addr.sin_port);

    client_a = connect_and_send(port, "GET /index.html HTTP/1.0\r\n\r\n");
    client_b = connect_and_send(port, "POST /upload.txt HTTP/1.1\r\n\r\n");
    REQUIRE(client_a != INVALID_SOCKET && client_b != INVALID_SOCKET, "two clients connect");

    turn_a = CreateEvent(NULL, FALSE, TRUE, NULL); /* the first connection starts */
    turn_b = CreateEvent(NULL, FALSE, FALSE, NULL);
    REQUIRE(turn_a != NULL && turn_b != NULL, "CreateEvent succeeds");
    memset(conn, 0, sizeof(conn));
    conn[0].my_turn = turn_a;
    conn[0].other_turn = turn_b;
    conn[1].my_turn = turn_b;
    conn[1].other_turn = turn_a;
    for (i = 0; i < 2; ++i) {
        conn[i].sock = accept(listener, NULL, NULL);
        REQUIRE(conn[i].sock != INVALID_SOCKET, "accept gives the connection");
    }
    for (i = 0; i < 2; ++i) {
        threads[i] = (HANDLE)_beginthreadex(NULL, 0, connection_thread, &conn[i], 0, NULL);
        REQUIRE(threads[i] != 0, "_beginthreadex starts the connection thread");
    }
    CHECK_EQ(WaitForMultipleObjects(2, threads, TRUE, 20000), WAIT_OBJECT_0,
             "both connection threads finish");

    /* Which connection was accepted first is the network's choice: find each by its method. */
    if (strcmp(conn[0].method, "POST") == 0) {
        struct connection swap = conn[0];
        conn[0] = conn[1];
        conn[1] = swap;
    }
    printf("# first: %s %s %s (%s); second: %s %s %s (%s)\n", conn[0].method, conn[0].path,
           conn[0].protocol, conn[0].extension, conn[1].method, conn[1].path, conn[1].protocol,
           conn[1].extension);
    CHECK(conn[0].received > 0 && conn[1].received > 0, "each thread received its request");
    CHECK(strcmp(conn[0].method, "GET") == 0, "the GET thread's first token is its method");
    CHECK(strcmp(conn[1].method, "POST") == 0, "the POST thread's first token is its method");
    CHECK(strcmp(conn[0].path, "index.html") == 0,
          "strtok(NULL) in the GET thread goes on in its own request, not the other thread's");
    CHECK(strcmp(conn[1].path, "upload.txt") == 0,
          "strtok(NULL) in the POST thread goes on in its own request");
    CHECK(strcmp(conn[0].protocol, "HTTP/1.0") == 0, "the GET thread's third token is its protocol");
    CHECK(strcmp(conn[1].protocol, "HTTP/1.1") == 0, "the POST thread's third token is its protocol");
    CHECK(strcmp(conn[0].extension, "html") == 0, "a new string in the GET thread starts over there");
    CHECK(strcmp(conn[1].extension, "txt") == 0, "a new string in the POST thread starts over there");

    read_all(client_a, reply, sizeof(reply));
    CHECK(strcmp(reply, "index.html") == 0, "the GET client is answered with its own path");
    read_all(client_b, reply, sizeof(reply));
    CHECK(strcmp(reply, "upload.txt") == 0, "the POST client is answered with its own path");

    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    CloseHandle(turn_a);
    CloseHandle(turn_b);
    closesocket(client_a);
    closesocket(client_b);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
