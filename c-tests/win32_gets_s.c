/* ws2mp-test: no-mingw */ /* gets_s is not in msvcrt.dll, the C library mingw-w64 links by default (UCRT has it) */
/* A console chat client's input loop: each line the user types is read with gets_s (Windows'
 * C library has no gets) and sent to the server until "quit". Standard input comes from a file,
 * as with `client < lines.txt`: lines without their newline, an empty line, a line too long for
 * the buffer (Windows calls the invalid-parameter handler; ws2mp returns NULL with ERANGE and
 * drops the rest of the line), a last line without a newline, then the input's end (NULL). */
#include <winsock2.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <io.h>
#include "check.h"

int main(void)
{
    WSADATA wsa;
    SOCKET listener, client, server;
    SOCKADDR_IN addr;
    int len, n, lines_sent = 0;
    char line[16], got[256];
    FILE *in = tmpfile();

    REQUIRE(in != NULL, "tmpfile");
    fputs("hello\n\nthis line is far too long\nthere\nquit\nleft over\nlast", in);
    fflush(in);
    rewind(in);
    REQUIRE(_dup2(_fileno(in), 0) == 0, "standard input from the file");

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

    /* The client's loop, as such programs write it. */
    for (;;) {
        printf("> ");
        if (gets_s(line, sizeof(line)) == NULL) {
            if (errno == ERANGE) {
                printf("line too long\n");
                errno = 0;
                continue;
            }
            break;
        }
        if (strcmp(line, "quit") == 0)
            break;
        strcat(line, "|");
        send(client, line, (int)strlen(line), 0);
        lines_sent++;
    }
    shutdown(client, SD_SEND);

    n = 0;
    while ((len = recv(server, got + n, (int)sizeof(got) - 1 - n, 0)) > 0)
        n += len;
    got[n > 0 ? n : 0] = '\0';
    CHECK_EQ(lines_sent, 3, "three lines are sent before quit");
    CHECK(strcmp(got, "hello||there|") == 0, "each without its newline, the empty one too, the long one not at all");

    /* What is left after quit: a line, then one without a newline, then the end. */
    errno = 0;
    CHECK(gets_s(line, sizeof(line)) == line && strcmp(line, "left over") == 0, "gets_s returns the buffer");
    CHECK(gets_s(line, sizeof(line)) == line && strcmp(line, "last") == 0, "the last line needs no newline");
    CHECK(gets_s(line, sizeof(line)) == NULL && line[0] == '\0', "at the input's end: NULL and an empty buffer");
    CHECK(gets_s(NULL, 8) == NULL && errno == EINVAL, "a NULL buffer: NULL, EINVAL");

    closesocket(client);
    closesocket(server);
    closesocket(listener);
    fclose(in);
    WSACleanup();
    return check_done();
}
