/*
 * corpus: no-mingw (GCC has no __try/__finally; this program is for MSVC, as its original was)
 *
 * Structured exception handling as MSVC programs use it for cleanup: the socket work runs in a
 * __try block, __finally closes what was opened, __leave bails out early, and an __except
 * filter guards a parser. Nothing faults, so the normal path is what runs everywhere.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>

static int closed = 0;

static int exchange(BOOL bailOut)
{
    SOCKET listener = INVALID_SOCKET, a = INVALID_SOCKET, b = INVALID_SOCKET;
    SOCKADDR_IN addr;
    int len = sizeof(addr), got = -1;
    char buf[16];

    __try {
        listener = socket(AF_INET, SOCK_STREAM, 0);
        ZeroMemory(&addr, sizeof(addr));
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(listener, (SOCKADDR *)&addr, sizeof(addr)) || listen(listener, 1) ||
            getsockname(listener, (SOCKADDR *)&addr, &len))
            __leave;
        a = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(a, (SOCKADDR *)&addr, sizeof(addr)) == SOCKET_ERROR)
            __leave;
        b = accept(listener, NULL, NULL);
        if (bailOut)
            __leave;
        send(a, "seh", 3, 0);
        got = recv(b, buf, sizeof(buf), 0);
    }
    __finally {
        if (b != INVALID_SOCKET)
            closed += closesocket(b) == 0;
        if (a != INVALID_SOCKET)
            closed += closesocket(a) == 0;
        if (listener != INVALID_SOCKET)
            closed += closesocket(listener) == 0;
    }
    return got;
}

static int parse_port(const char *text)
{
    int port = -1;
    __try {
        port = atoi(text);
    }
    __except (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                                : EXCEPTION_CONTINUE_SEARCH) {
        printf("bad pointer (exception 0x%08lx)\n", (unsigned long)GetExceptionCode());
        port = 0;
    }
    return port;
}

int main(void)
{
    WSADATA wsd;
    int got, early;
    if (WSAStartup(MAKEWORD(2, 2), &wsd) != 0)
        return 1;
    got = exchange(FALSE);
    early = exchange(TRUE);
    WSACleanup();
    printf("exchanged %d bytes; bailed out with %d; %d sockets closed in __finally; port %d\n", got, early, closed,
           parse_port("5150"));
    return got == 3 && early == -1 && closed == 6 && parse_port("5150") == 5150 ? 0 : 1;
}
