/* ws2mp-test: no-mingw */ /* <iostream.h> is Visual C++ 6's: mingw-w64 has no pre-standard headers */
// A Visual C++ 6 console client: <iostream.h> and cout/cin/endl without std::, a number read
// with scanf and the rest of the line dropped with fflush(stdin), as Microsoft's C library
// does, then a connection to a server on 127.0.0.1.
#include <winsock2.h>
#include <iostream.h>
#include <fstream.h>
#include <iomanip.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main()
{
    WSADATA wsa;
    char path[MAX_PATH], line[64];
    int port = 0;
    FILE *f;

    GetTempPathA(sizeof path, path);
    sprintf(path + strlen(path), "ws2mp_vc6_%lu.txt", (unsigned long)GetCurrentProcessId());
    ofstream out(path);
    out << "0 rest of the line" << endl << "unread" << endl;
    out.close();

    REQUIRE(freopen(path, "r", stdin) != NULL, "standard input from a file");
    CHECK_EQ(scanf("%d", &port), 1, "scanf reads the port");
    CHECK_EQ(fflush(stdin), 0, "fflush(stdin)");
    CHECK(fgets(line, sizeof line, stdin) == NULL, "... discarded what was buffered, as Microsoft's C library does");
    REQUIRE(freopen(path, "r", stdin) != NULL, "the same input again");
    CHECK(scanf("%d", &port) == 1 && fgets(line, sizeof line, stdin) != NULL && strcmp(line, " rest of the line\n") == 0,
          "without fflush the rest of the line is still there");
    f = fopen(path, "r");
    CHECK(f != NULL && fflush(f) == 0, "fflush of another stream is the C library's");
    if (f)
        fclose(f);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    SOCKET ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN addr;
    int len = sizeof(addr);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((u_short)port);
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    REQUIRE(bind(ls, (SOCKADDR *)&addr, sizeof addr) == 0 && listen(ls, 1) == 0 &&
                getsockname(ls, (SOCKADDR *)&addr, &len) == 0,
            "the server listens");
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(c, (SOCKADDR *)&addr, sizeof addr) == 0, "the client connects");
    cout << "connected to " << inet_ntoa(addr.sin_addr) << ":" << setw(5) << ntohs(addr.sin_port) << endl;
    closesocket(c);
    closesocket(ls);
    WSACleanup();
    DeleteFileA(path);
    return check_done();
}
