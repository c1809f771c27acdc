/* A remote-command server of the kind small Windows admin tools are: a command arrives over
 * TCP, runs with _popen(cmd, "rt"), its output goes back over the socket line by line, then
 * _pclose's result (the command's exit code, as on Windows) as "exit N". */
#include <winsock2.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

/* Runs `cmd` and sends its output and exit code to `s`. */
static void run_for_client(SOCKET s, const char *cmd)
{
    char line[256];
    FILE *pipe = _popen(cmd, "rt");
    int code;
    if (pipe == NULL) {
        send(s, "cannot run\n", 11, 0);
        return;
    }
    while (fgets(line, sizeof(line), pipe) != NULL)
        send(s, line, (int)strlen(line), 0);
    code = _pclose(pipe);
    sprintf(line, "exit %d\n", code);
    send(s, line, (int)strlen(line), 0);
}

/* Sends `cmd` over `client`, lets the server run it, and returns what came back. */
static const char *ask(SOCKET client, SOCKET server, const char *cmd)
{
    static char reply[512];
    char got[128];
    int n, len = 0;
    send(client, cmd, (int)strlen(cmd), 0);
    n = recv(server, got, sizeof(got) - 1, 0);
    got[n > 0 ? n : 0] = '\0';
    run_for_client(server, got);
    for (;;) {
        fd_set rs;
        struct timeval tv = { 1, 0 };
        FD_ZERO(&rs);
        FD_SET(client, &rs);
        if (select(0, &rs, NULL, NULL, &tv) != 1)
            break;
        n = recv(client, reply + len, (int)sizeof(reply) - 1 - len, 0);
        if (n <= 0)
            break;
        len += n;
        reply[len] = '\0';
        if (strstr(reply, "exit ") != NULL && reply[len - 1] == '\n')
            break;
    }
    reply[len] = '\0';
    return reply;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, client, server;
    SOCKADDR_IN addr;
    int len;

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof(addr);
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(listener, 1) == 0 &&
                getsockname(listener, (SOCKADDR *)&addr, &len) == 0,
            "a listener on loopback");
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&addr, sizeof(addr)) == 0, "the client connects");
    server = accept(listener, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "the server accepts");

    CHECK(strcmp(ask(client, server, "echo hello"), "hello\nexit 0\n") == 0,
          "_popen(\"echo hello\", \"rt\"): the output, then _pclose's 0");
    CHECK(strcmp(ask(client, server, "exit 5"), "exit 5\n") == 0, "_pclose returns the command's exit code");
    {
        FILE *p = _popen("echo binary", "rb");
        char line[32] = "";
        CHECK(p != NULL && fgets(line, sizeof(line), p) != NULL && strncmp(line, "binary", 6) == 0,
              "_popen's \"rb\" mode reads the output too");
        CHECK_EQ(p != NULL ? _pclose(p) : -1, 0, "... and _pclose gives 0");
    }

    closesocket(client);
    closesocket(server);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
