/* An HTTP downloader and update checker of the WinINet kind, as Windows programs wrote them
 * (and the one-call URLDownloadToFile of urlmon):
 * InternetOpen, then InternetOpenUrl and an InternetReadFile loop into a buffer, the status
 * code through HttpQueryInfo(HTTP_QUERY_FLAG_NUMBER | HTTP_QUERY_STATUS_CODE); and
 * InternetConnect, HttpOpenRequest("POST") with accept types, HttpSendRequest with a body.
 * The server is a Winsock thread on 127.0.0.1 that answers with a Content-Length, a chunked
 * body, a redirect and a 404. */
#include <winsock2.h>
#include <windows.h>
#include <wininet.h>
#include <urlmon.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static SOCKET listener;
static char last_request[2048];

static int recv_request(SOCKET c, char *buf, int size)
{
    int got = 0, r;
    char *end;
    long body = 0;

    while (got < size - 1 && (r = recv(c, buf + got, size - 1 - got, 0)) > 0) {
        got += r;
        buf[got] = '\0';
        end = strstr(buf, "\r\n\r\n");
        if (end) {
            char *cl = strstr(buf, "Content-Length: ");
            if (cl && cl < end)
                body = atol(cl + 16);
            if (got >= (int)(end + 4 - buf) + body)
                break;
        }
    }
    return got;
}

static DWORD WINAPI Server(LPVOID unused)
{
    SOCKET c;
    char req[2048];
    const char *reply;

    (void)unused;
    while ((c = accept(listener, NULL, NULL)) != INVALID_SOCKET) {
        recv_request(c, req, sizeof(req));
        strcpy(last_request, req);
        if (strncmp(req, "GET /update.txt ", 16) == 0)
            reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
                    "X-Mirror: one\r\nX-Mirror: two\r\n\r\nversion=2.1\n";
        else if (strncmp(req, "GET /old ", 9) == 0)
            reply = "HTTP/1.1 302 Found\r\nLocation: /update.txt\r\nContent-Length: 0\r\n\r\n";
        else if (strncmp(req, "POST /report ", 13) == 0)
            reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "3\r\nthe\r\n9\r\n report w\r\n6\r\nas OK.\r\n0\r\n\r\n";
        else
            reply = "HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n<h1>Not Found</h1>";
        send(c, reply, (int)strlen(reply), 0);
        shutdown(c, SD_SEND);
        closesocket(c);
    }
    return 0;
}

static int read_all(HINTERNET h, char *buf, int size)
{
    DWORD n;
    int got = 0;

    while (InternetReadFile(h, buf + got, 5, &n) && n > 0) {
        got += (int)n;
        if (got + 5 >= size)
            break;
    }
    buf[got] = '\0';
    return got;
}

int main(void)
{
    WSADATA wsa;
    struct sockaddr_in addr;
    int len = sizeof(addr);
    HANDLE thread;
    HINTERNET hInternet, hUrl, hConnect, hRequest;
    char url[128], buf[512];
    DWORD status, size, index, avail, flags;
    LPCSTR accept_types[] = {"text/plain", "text/html", NULL};
    char body[] = "disk=93%";

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, 0);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind");
    REQUIRE(listen(listener, 5) == 0, "listen");
    getsockname(listener, (struct sockaddr *)&addr, &len);
    thread = CreateThread(NULL, 0, Server, NULL, 0, NULL);

    CHECK(InternetGetConnectedState(&flags, 0), "InternetGetConnectedState");
    hInternet = InternetOpenA("Updater/1.0", INTERNET_OPEN_TYPE_PRECONFIG, NULL, NULL, 0);
    REQUIRE(hInternet != NULL, "InternetOpen");

    /* The update check: a GET with a Content-Length. */
    sprintf(url, "http://127.0.0.1:%d/update.txt", ntohs(addr.sin_port));
    hUrl = InternetOpenUrlA(hInternet, url, NULL, 0, INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE, 0);
    REQUIRE(hUrl != NULL, "InternetOpenUrl of an http:// URL");
    CHECK(strstr(last_request, "GET /update.txt HTTP/1.1\r\n") == last_request, "the request line");
    CHECK(strstr(last_request, "\r\nUser-Agent: Updater/1.0\r\n") != NULL, "the agent is sent");
    CHECK(strstr(last_request, "\r\nHost: 127.0.0.1:") != NULL, "the Host header");
    status = 0;
    size = sizeof(status);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_FLAG_NUMBER | HTTP_QUERY_STATUS_CODE, &status, &size, NULL),
          "HttpQueryInfo(STATUS_CODE | FLAG_NUMBER)");
    CHECK_EQ(status, HTTP_STATUS_OK, "200");
    CHECK_EQ(size, sizeof(DWORD), "a DWORD written");
    size = sizeof(buf);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_CONTENT_LENGTH, buf, &size, NULL), "HttpQueryInfo(CONTENT_LENGTH)");
    CHECK(strcmp(buf, "12") == 0, "as a string");
    CHECK_EQ(size, 2, "its length without the NUL");
    size = 3;
    SetLastError(0);
    CHECK(!HttpQueryInfoA(hUrl, HTTP_QUERY_CONTENT_TYPE, buf, &size, NULL), "a buffer too small fails");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER");
    CHECK_EQ(size, strlen("text/plain") + 1, "the size needed, with the NUL");
    index = 0;
    size = sizeof(buf);
    strcpy(buf, "X-Mirror");
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_CUSTOM, buf, &size, &index) && strcmp(buf, "one") == 0,
          "HTTP_QUERY_CUSTOM: the first X-Mirror");
    size = sizeof(buf);
    strcpy(buf, "X-Mirror");
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_CUSTOM, buf, &size, &index) && strcmp(buf, "two") == 0,
          "the index moves on to the second");
    size = sizeof(buf);
    strcpy(buf, "X-Mirror");
    SetLastError(0);
    CHECK(!HttpQueryInfoA(hUrl, HTTP_QUERY_CUSTOM, buf, &size, &index), "no third one");
    CHECK_EQ(GetLastError(), ERROR_HTTP_HEADER_NOT_FOUND, "ERROR_HTTP_HEADER_NOT_FOUND");
    avail = 0;
    CHECK(InternetQueryDataAvailable(hUrl, &avail, 0, 0) && avail > 0 && avail <= 12,
          "InternetQueryDataAvailable");
    CHECK_EQ(read_all(hUrl, buf, sizeof(buf)), 12, "the whole body, 5 bytes at a time");
    CHECK(strcmp(buf, "version=2.1\n") == 0, "byte for byte");
    CHECK(InternetCloseHandle(hUrl), "InternetCloseHandle");
    SetLastError(0);
    CHECK(!InternetCloseHandle(hUrl), "closing it again fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");

    /* A redirect is followed. */
    sprintf(url, "http://127.0.0.1:%d/old", ntohs(addr.sin_port));
    hUrl = InternetOpenUrlA(hInternet, url, NULL, 0, 0, 0);
    REQUIRE(hUrl != NULL, "InternetOpenUrl of a redirected URL");
    CHECK_EQ(read_all(hUrl, buf, sizeof(buf)), 12, "the redirect's target is read");
    InternetCloseHandle(hUrl);
    hUrl = InternetOpenUrlA(hInternet, url, NULL, 0, INTERNET_FLAG_NO_AUTO_REDIRECT, 0);
    REQUIRE(hUrl != NULL, "InternetOpenUrl with INTERNET_FLAG_NO_AUTO_REDIRECT");
    size = sizeof(status);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_FLAG_NUMBER | HTTP_QUERY_STATUS_CODE, &status, &size, NULL) &&
              status == HTTP_STATUS_REDIRECT,
          "the 302 itself");
    size = sizeof(buf);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_LOCATION, buf, &size, NULL) && strcmp(buf, "/update.txt") == 0,
          "its Location");
    InternetCloseHandle(hUrl);

    /* A missing page: the open succeeds, the status says 404. */
    sprintf(url, "http://127.0.0.1:%d/missing.html", ntohs(addr.sin_port));
    hUrl = InternetOpenUrlA(hInternet, url, NULL, 0, 0, 0);
    REQUIRE(hUrl != NULL, "InternetOpenUrl of a missing page succeeds");
    size = sizeof(status);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_FLAG_NUMBER | HTTP_QUERY_STATUS_CODE, &status, &size, NULL) &&
              status == HTTP_STATUS_NOT_FOUND,
          "404");
    size = sizeof(buf);
    CHECK(HttpQueryInfoA(hUrl, HTTP_QUERY_STATUS_TEXT, buf, &size, NULL) && strcmp(buf, "Not Found") == 0,
          "HTTP_QUERY_STATUS_TEXT");
    CHECK(read_all(hUrl, buf, sizeof(buf)) == 18 && strcmp(buf, "<h1>Not Found</h1>") == 0,
          "a body without a length ends with the connection");
    InternetCloseHandle(hUrl);

    /* The report: InternetConnect, HttpOpenRequest, HttpSendRequest with a body. */
    hConnect = InternetConnectA(hInternet, "127.0.0.1", ntohs(addr.sin_port), NULL, NULL,
                                INTERNET_SERVICE_HTTP, 0, 1);
    REQUIRE(hConnect != NULL, "InternetConnect");
    hRequest = HttpOpenRequestA(hConnect, "POST", "report", NULL, NULL, accept_types, INTERNET_FLAG_RELOAD, 1);
    REQUIRE(hRequest != NULL, "HttpOpenRequest");
    status = 30000;
    CHECK(InternetSetOptionA(hRequest, INTERNET_OPTION_RECEIVE_TIMEOUT, &status, sizeof(status)),
          "InternetSetOption(INTERNET_OPTION_RECEIVE_TIMEOUT)");
    CHECK(HttpAddRequestHeadersA(hRequest, "X-Client: 7\r\n", (DWORD)-1,
                                 HTTP_ADDREQ_FLAG_ADD | HTTP_ADDREQ_FLAG_REPLACE),
          "HttpAddRequestHeaders");
    SetLastError(0);
    CHECK(!InternetReadFile(hRequest, buf, sizeof(buf), &size), "reading before the send fails");
    CHECK_EQ(GetLastError(), ERROR_INTERNET_INCORRECT_HANDLE_STATE, "ERROR_INTERNET_INCORRECT_HANDLE_STATE");
    CHECK(HttpSendRequestA(hRequest, "Content-Type: application/x-www-form-urlencoded\r\n", (DWORD)-1,
                           body, (DWORD)strlen(body)),
          "HttpSendRequest with a body");
    CHECK(strstr(last_request, "POST /report HTTP/1.1\r\n") == last_request, "the object is the path");
    CHECK(strstr(last_request, "\r\nAccept: text/plain, text/html\r\n") != NULL, "the accept types");
    CHECK(strstr(last_request, "\r\nContent-Type: application/x-www-form-urlencoded\r\n") != NULL,
          "the program's header");
    CHECK(strstr(last_request, "\r\nContent-Length: 8\r\n") != NULL, "the body's length");
    CHECK(strstr(last_request, "\r\nX-Client: 7\r\n") != NULL, "the added header");
    CHECK(strstr(last_request, "\r\n\r\ndisk=93%") != NULL, "the body");
    CHECK(read_all(hRequest, buf, sizeof(buf)) == 18 && strcmp(buf, "the report was OK.") == 0,
          "a chunked answer, without its chunk lines");
    CHECK(InternetCloseHandle(hRequest), "close the request");
    CHECK(InternetCloseHandle(hConnect), "close the connection");

    /* A downloader that splits the URL itself: InternetCrackUrl, then InternetConnect to the
     * host and port, HttpOpenRequest of the path with a NULL verb (GET). */
    {
        URL_COMPONENTSA uc;
        char host[64], small[4];

        sprintf(url, "http://127.0.0.1:%d/update.txt?channel=beta", ntohs(addr.sin_port));
        ZeroMemory(&uc, sizeof(uc));
        uc.dwStructSize = sizeof(uc);
        uc.lpszHostName = host;
        uc.dwHostNameLength = sizeof(host);
        uc.dwUrlPathLength = 1;
        uc.dwExtraInfoLength = 1;
        REQUIRE(InternetCrackUrlA(url, 0, 0, &uc), "InternetCrackUrl");
        CHECK_EQ(uc.nScheme, INTERNET_SCHEME_HTTP, "INTERNET_SCHEME_HTTP");
        CHECK(strcmp(host, "127.0.0.1") == 0 && uc.dwHostNameLength == 9, "the host copied, its length");
        CHECK_EQ(uc.nPort, ntohs(addr.sin_port), "the port");
        CHECK(uc.lpszUrlPath == strchr(url + 7, '/'), "the path: a pointer into the URL");
        CHECK_EQ(uc.dwUrlPathLength, strlen("/update.txt"), "the path's length");
        CHECK(uc.lpszExtraInfo != NULL && strncmp(uc.lpszExtraInfo, "?channel=beta", uc.dwExtraInfoLength) == 0,
              "the query is the extra information");
        CHECK(uc.dwUserNameLength == 0 && uc.lpszUserName == NULL, "no user name asked for");

        hConnect = InternetConnectA(hInternet, host, uc.nPort, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
        REQUIRE(hConnect != NULL, "InternetConnect to the cracked host");
        memcpy(buf, uc.lpszUrlPath, uc.dwUrlPathLength);
        buf[uc.dwUrlPathLength] = '\0';
        hRequest = HttpOpenRequestA(hConnect, NULL, buf, NULL, NULL, NULL, 0, 0);
        REQUIRE(hRequest != NULL && HttpSendRequestA(hRequest, NULL, 0, NULL, 0), "GET of the cracked path");
        CHECK(strstr(last_request, "GET /update.txt HTTP/1.1\r\n") == last_request, "a NULL verb is GET");
        CHECK_EQ(read_all(hRequest, buf, sizeof(buf)), 12, "the file");
        InternetCloseHandle(hRequest);
        InternetCloseHandle(hConnect);

        ZeroMemory(&uc, sizeof(uc));
        uc.dwStructSize = sizeof(uc);
        uc.dwSchemeLength = 1;
        uc.dwHostNameLength = 1;
        CHECK(InternetCrackUrlA("https://updates.example.com/x", 0, 0, &uc), "InternetCrackUrl of an https URL");
        CHECK_EQ(uc.nScheme, INTERNET_SCHEME_HTTPS, "INTERNET_SCHEME_HTTPS");
        CHECK_EQ(uc.nPort, INTERNET_DEFAULT_HTTPS_PORT, "https' default port");
        CHECK_EQ(uc.dwSchemeLength, 5, "the scheme's length");
        CHECK_EQ(uc.dwHostNameLength, strlen("updates.example.com"), "the host's length");
        uc.lpszHostName = small;
        uc.dwHostNameLength = sizeof(small);
        SetLastError(0);
        CHECK(!InternetCrackUrlA("https://updates.example.com/x", 0, 0, &uc), "a host buffer too small fails");
        CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER");
        CHECK_EQ(uc.dwHostNameLength, strlen("updates.example.com") + 1, "the size needed, with the NUL");
        SetLastError(0);
        CHECK(!InternetCrackUrlA("updates.example.com/x", 0, 0, &uc), "a URL without a scheme fails");
        CHECK_EQ(GetLastError(), ERROR_INTERNET_INVALID_URL, "ERROR_INTERNET_INVALID_URL");
    }

    /* The one-call download into a file. */
    sprintf(url, "http://127.0.0.1:%d/old", ntohs(addr.sin_port));
    CHECK_EQ(URLDownloadToFileA(NULL, url, "ws2mp-urlmon.txt", 0, NULL), S_OK, "URLDownloadToFile");
    {
        FILE *f = fopen("ws2mp-urlmon.txt", "rb");
        size_t n = 0;
        CHECK(f != NULL, "it wrote the file");
        if (f) {
            n = fread(buf, 1, sizeof(buf) - 1, f);
            fclose(f);
        }
        buf[n] = '\0';
        CHECK(strcmp(buf, "version=2.1\n") == 0, "with the redirect's target in it");
        DeleteFileA("ws2mp-urlmon.txt");
    }
    sprintf(url, "http://127.0.0.1:%d/missing.html", ntohs(addr.sin_port));
    CHECK(FAILED(URLDownloadToFileA(NULL, url, "ws2mp-urlmon.txt", 0, NULL)), "a 404 fails");
    CHECK(GetFileAttributesA("ws2mp-urlmon.txt") == INVALID_FILE_ATTRIBUTES, "and writes no file");

    /* What this WinINet cannot do, and wrong handles. */
    SetLastError(0);
    CHECK(InternetOpenUrlA(hInternet, "https://127.0.0.1/", NULL, 0, 0, 0) == NULL, "an https:// URL fails");
#ifndef _WIN32
    CHECK_EQ(GetLastError(), ERROR_INTERNET_UNRECOGNIZED_SCHEME, "ERROR_INTERNET_UNRECOGNIZED_SCHEME (no TLS)");
#endif
    SetLastError(0);
    CHECK(InternetOpenUrlA(hInternet, "no url", NULL, 0, 0, 0) == NULL, "a string that is no URL fails");
    CHECK_EQ(GetLastError(), ERROR_INTERNET_INVALID_URL, "ERROR_INTERNET_INVALID_URL");
    SetLastError(0);
    CHECK(!InternetReadFile(hInternet, buf, sizeof(buf), &size), "InternetReadFile on the session fails");
    CHECK_EQ(GetLastError(), ERROR_INTERNET_INCORRECT_HANDLE_TYPE, "ERROR_INTERNET_INCORRECT_HANDLE_TYPE");
    CHECK(InternetCloseHandle(hInternet), "close the session");

    closesocket(listener);
    WaitForSingleObject(thread, 5000);
    CloseHandle(thread);
    WSACleanup();
    return check_done();
}
