/* A small thread-per-connection web server of the kind Winsock tutorials build: the document
 * root made absolute with _fullpath, each request's path joined with Windows' separator
 * (".\\root\\sub"), looked at with _stat (a directory serves its index.htm), the file opened
 * with fopen, its size taken as an integer fpos_t with fseek + fgetpos (and the start found
 * again with fsetpos), the file sent after an HTTP/1.0 header; a missing file gets a 404. The
 * root's subdirectory is made, checked and removed with _mkdir, _access, _unlink and _rmdir on
 * backslashed paths too. The clients run in the main thread; the server in a CreateThread
 * thread, one more per connection. */
#define _CRT_SECURE_NO_WARNINGS
#define _WINSOCK_DEPRECATED_NO_WARNINGS
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <direct.h>
#include <io.h>
#include <sys/stat.h>
#include "check.h"

#define PAGE "<html><body>ws2mp serves this page</body></html>"
#define SUB_PAGE "<html><body>the sub directory's index</body></html>"

static char root_name[64];   /* relative, as given on a command line */
static char root_full[1024]; /* after _fullpath */
static SOCKET listener;

static int send_all(SOCKET s, const char *p, int n)
{
    while (n > 0) {
        int w = send(s, p, n, 0);
        if (w == SOCKET_ERROR)
            return -1;
        p += w;
        n -= w;
    }
    return 0;
}

static DWORD WINAPI serve(LPVOID param)
{
    SOCKET s = (SOCKET)(UINT_PTR)param;
    char req[1024], path[1200], head[256], *body;
    char method[8], target[512];
    int n;
    FILE *f;
    fpos_t length = 0, start = 0;
    struct _stat st;

    n = recv(s, req, sizeof(req) - 1, 0);
    if (n <= 0) {
        closesocket(s);
        return 0;
    }
    req[n] = '\0';
    method[0] = target[0] = '\0';
    sscanf(req, "%7s %511s", method, target);
    /* "/a/b.htm" -> ".\\root\\a\\b.htm", as a Windows server spells it */
    sprintf(path, ".\\%s%s", root_name, target);
    for (body = path; *body; body++)
        if (*body == '/')
            *body = '\\';
    if (_stat(path, &st) == 0 && (st.st_mode & _S_IFDIR)) {
        if (path[strlen(path) - 1] != '\\')
            strcat(path, "\\");
        strcat(path, "index.htm");
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        const char *msg = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        send_all(s, msg, (int)strlen(msg));
        closesocket(s);
        return 0;
    }
    fgetpos(f, &start);
    fseek(f, 0, SEEK_END);
    fgetpos(f, &length);
    fsetpos(f, &start);
    body = (char *)malloc((size_t)length + 1);
    n = (int)fread(body, 1, (size_t)length, f);
    fclose(f);
    sprintf(head, "HTTP/1.0 200 OK\r\nContent-Length: %d\r\nContent-Type: text/html\r\n\r\n", (int)length);
    send_all(s, head, (int)strlen(head));
    send_all(s, body, n);
    free(body);
    closesocket(s);
    return 0;
}

static DWORD WINAPI server(LPVOID unused)
{
    (void)unused;
    for (;;) {
        SOCKET c = accept(listener, NULL, NULL);
        HANDLE t;
        if (c == INVALID_SOCKET)
            return 0;
        t = CreateThread(NULL, 0, serve, (LPVOID)(UINT_PTR)c, 0, NULL);
        if (t == NULL)
            closesocket(c);
        else
            CloseHandle(t);
    }
}

/* One request; the whole answer in `out`. */
static int fetch(unsigned short port, const char *target, char *out, int size)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN a;
    char req[256];
    int got = 0, n;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    a.sin_port = htons(port);
    if (connect(s, (SOCKADDR *)&a, sizeof(a)) == SOCKET_ERROR) {
        closesocket(s);
        return -1;
    }
    sprintf(req, "GET %s HTTP/1.0\r\n\r\n", target);
    send_all(s, req, (int)strlen(req));
    while (got < size - 1 && (n = recv(s, out + got, size - 1 - got, 0)) > 0)
        got += n;
    out[got] = '\0';
    closesocket(s);
    return got;
}

int main(void)
{
    WSADATA wsa;
    SOCKADDR_IN a;
    int len = sizeof(a);
    unsigned short port;
    HANDLE thread;
    FILE *f;
    char file[128], answer[2048], *owned;
    fpos_t pos = 7;

    sprintf(root_name, "ws2mp_www_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(_mkdir(root_name) == 0, "_mkdir makes the document root");
    sprintf(file, ".\\%s\\index.htm", root_name);
    f = fopen(file, "wb");
    REQUIRE(f != NULL, "fopen creates .\\root\\index.htm (a path with Windows' separator)");
    fputs(PAGE, f);
    fclose(f);
    sprintf(file, ".\\%s\\sub", root_name);
    CHECK(_mkdir(file) == 0, "_mkdir makes .\\root\\sub");
    strcat(file, "\\index.htm");
    f = fopen(file, "wb");
    REQUIRE(f != NULL, "fopen creates its index.htm");
    fputs(SUB_PAGE, f);
    fclose(f);
    CHECK(_access(file, 0) == 0, "_access finds .\\root\\sub\\index.htm");
    sprintf(file, ".\\%s\\index.htm", root_name);

    CHECK(_fullpath(root_full, root_name, sizeof(root_full)) == root_full, "_fullpath fills the caller's buffer");
    CHECK(strstr(root_full, root_name) != NULL && strlen(root_full) > strlen(root_name),
          "_fullpath gives a longer, absolute name ending in the root");
    CHECK(_fullpath(answer, root_name, 4) == NULL, "_fullpath refuses a buffer too small");
    owned = _fullpath(NULL, ".", 0);
    CHECK(owned != NULL && strlen(owned) + strlen(root_name) + 1 == strlen(root_full),
          "_fullpath(NULL, \".\") allocates the current directory");
    free(owned);

    /* fpos_t is an integer offset: seek, read it back, compare. */
    f = fopen(file, "rb");
    REQUIRE(f != NULL, "fopen reads it back");
    fseek(f, 10, SEEK_SET);
    CHECK(fgetpos(f, &pos) == 0 && pos == 10, "fgetpos gives the offset as a number");
    pos = 3;
    CHECK(fsetpos(f, &pos) == 0 && fgetc(f) == PAGE[3], "fsetpos sets a numeric offset");
    fclose(f);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    a.sin_port = 0;
    REQUIRE(bind(listener, (SOCKADDR *)&a, sizeof(a)) == 0, "bind");
    REQUIRE(listen(listener, 5) == 0, "listen");
    getsockname(listener, (SOCKADDR *)&a, &len);
    port = ntohs(a.sin_port);
    thread = CreateThread(NULL, 0, server, NULL, 0, NULL);
    REQUIRE(thread != NULL, "CreateThread starts the server");

    CHECK(fetch(port, "/index.htm", answer, sizeof(answer)) > 0, "GET /index.htm is answered");
    CHECK(strncmp(answer, "HTTP/1.0 200 OK", 15) == 0, "the file is found (200)");
    sprintf(file, "Content-Length: %d\r\n", (int)strlen(PAGE));
    CHECK(strstr(answer, file) != NULL, "its length comes from fgetpos");
    CHECK(strstr(answer, "\r\n\r\n" PAGE) != NULL, "the page follows the header whole");
    CHECK(fetch(port, "/sub", answer, sizeof(answer)) > 0 && strstr(answer, "\r\n\r\n" SUB_PAGE) != NULL,
          "_stat finds .\\root\\sub a directory, and its index.htm is served");
    CHECK(fetch(port, "/sub/", answer, sizeof(answer)) > 0 && strstr(answer, "\r\n\r\n" SUB_PAGE) != NULL,
          "so is /sub/");
    CHECK(fetch(port, "/missing.htm", answer, sizeof(answer)) > 0 &&
              strncmp(answer, "HTTP/1.0 404", 12) == 0,
          "a missing file is a 404");

    closesocket(listener);
    CHECK(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "the server thread ends with its listener");
    CloseHandle(thread);
    WSACleanup();

    sprintf(file, ".\\%s\\sub\\index.htm", root_name);
    CHECK(_unlink(file) == 0, "_unlink removes .\\root\\sub\\index.htm");
    sprintf(file, ".\\%s\\sub", root_name);
    CHECK(_rmdir(file) == 0, "_rmdir removes .\\root\\sub");
    sprintf(file, "%s/index.htm", root_name);
    remove(file);
    _rmdir(root_name);
    return check_done();
}
