/* ws2mp-test: posix */ /* a pseudo-terminal */
/*
 * A console chat client reads the line to send key by key: it polls _kbhit, takes each key
 * with _getche, and sends the line when the key is 13 (Enter), as Windows' _getch reports it.
 * On a terminal Enter sends '\r', which the terminal's own line mode turns into '\n' as it
 * arrives: the key must still be 13, whether it was typed between conio calls or while
 * _getch waited. The test types into a pseudo-terminal on standard input and reads the line
 * the client sends on a loopback connection.
 */
#include <winsock2.h>
#include <conio.h>
#include <string.h>
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#include "check.h"

static int g_master;

static DWORD WINAPI type_enter_later(LPVOID arg)
{
    (void)arg;
    Sleep(200);
    return write(g_master, "\r", 1) == 1 ? 0 : 1;
}

int main(void)
{
    WSADATA wsaData;
    SOCKET listener, client, server;
    SOCKADDR_IN sa;
    int len = sizeof(sa), n, c, waited = 0;
    char line[64], got[64];
    int used = 0;
    int slave, saved_stdin;
    HANDLE typist;

    REQUIRE(openpty(&g_master, &slave, NULL, NULL, NULL) == 0, "openpty makes a terminal");
    saved_stdin = dup(STDIN_FILENO);
    REQUIRE(dup2(slave, STDIN_FILENO) == STDIN_FILENO, "its slave side becomes standard input");

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsaData) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(listener, (SOCKADDR *)&sa, sizeof(sa)) == 0 && listen(listener, 1) == 0, "listener");
    getsockname(listener, (SOCKADDR *)&sa, &len);
    client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(client, (SOCKADDR *)&sa, sizeof(sa)) == 0, "the chat client connects");
    server = accept(listener, NULL, NULL);
    REQUIRE(server != INVALID_SOCKET, "the server accepts it");

    /* "hi" and Enter typed while the client is between calls (the terminal in line mode). */
    CHECK(write(g_master, "hi\r", 3) == 3, "the user types hi and Enter");
    Sleep(100);
    memset(line, 0, sizeof(line));
    for (;;) {
        if (!_kbhit()) {
            if (++waited > 200)
                break;
            Sleep(10);
            continue;
        }
        c = _getche();
        if (c == 13) {
            send(client, line, (int)strlen(line), 0);
            break;
        }
        if (used < (int)sizeof(line) - 1)
            line[used++] = (char)c;
    }
    CHECK(waited <= 200, "the client sees the Enter key as 13");
    memset(got, 0, sizeof(got));
    n = recv(server, got, sizeof(got) - 1, 0);
    CHECK(n == 2 && strcmp(got, "hi") == 0, "... and sends the line without it");

    /* Enter typed while _getch waits for it. */
    typist = CreateThread(NULL, 0, type_enter_later, NULL, 0, NULL);
    CHECK_EQ(_getch(), 13, "Enter typed while _getch waits is 13");
    WaitForSingleObject(typist, INFINITE);
    CloseHandle(typist);

    /* A key other than Enter is unchanged. */
    CHECK(write(g_master, "q", 1) == 1, "another key");
    Sleep(50);
    CHECK_EQ(_getch(), 'q', "_getch returns it as typed");

    closesocket(server);
    closesocket(client);
    closesocket(listener);
    WSACleanup();
    dup2(saved_stdin, STDIN_FILENO);
    close(saved_stdin);
    close(slave);
    close(g_master);
    return check_done();
}
