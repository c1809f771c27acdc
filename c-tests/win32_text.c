/* Text and console pieces of Windows network programs: MultiByteToWideChar and
 * WideCharToMultiByte (UTF-8 <-> UTF-16 for the W functions), MessageBox used for error
 * reports in console programs, console colours and titles (SetConsoleTextAttribute,
 * GetConsoleScreenBufferInfo, SetConsoleTitle), and the structure tags C++ code spells
 * (`WSAData wsaData;`, `struct pollfd` for WSAPoll), with <conio.h> in the same file. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <conio.h> /* after <winsock2.h>: WSAPoll's POLL* values stay Windows' */
#include <stdio.h>
#include "check.h"

static void test_conversions(void)
{
    /* "Grüße 🌍" in UTF-8: 6 + 4 bytes; in UTF-16: 6 units + a surrogate pair. */
    const char utf8[] = "Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x8c\x8d";
    WCHAR wide[32];
    char back[32];
    BOOL used = TRUE;
    int n;
    n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    CHECK_EQ(n, 9, "MultiByteToWideChar(-1) with no buffer gives the size with the NUL");
    CHECK_EQ(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide, 32), 9, "and converts");
    CHECK(wide[1] == 'r' && wide[2] == 0xFC && wide[6] == 0xD83C && wide[7] == 0xDF0D && wide[8] == 0,
          "to UTF-16 with a surrogate pair and the NUL");
    CHECK_EQ(MultiByteToWideChar(CP_ACP, 0, "abc", 3, wide, 32), 3, "an explicit count converts no NUL");
    CHECK_EQ(WideCharToMultiByte(CP_UTF8, 0, wide, 0, NULL, 0, NULL, NULL), 0, "a count of 0 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");

    MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide, 32);
    n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, NULL, 0, NULL, NULL);
    CHECK_EQ(n, (int)sizeof(utf8), "WideCharToMultiByte gives the UTF-8 size with the NUL");
    CHECK_EQ(WideCharToMultiByte(CP_UTF8, 0, wide, -1, back, sizeof(back), NULL, NULL), (int)sizeof(utf8),
             "and converts back");
    CHECK(strcmp(back, utf8) == 0, "to the same bytes");
    SetLastError(0);
    CHECK_EQ(WideCharToMultiByte(CP_UTF8, 0, wide, -1, back, 4, NULL, NULL), 0, "a short buffer fails");
    CHECK_EQ(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "with ERROR_INSUFFICIENT_BUFFER");
    CHECK_EQ(WideCharToMultiByte(CP_UTF8, 0, wide, -1, back, sizeof(back), "?", NULL), 0,
             "a default character with CP_UTF8 fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "with ERROR_INVALID_PARAMETER");
    CHECK_EQ(WideCharToMultiByte(20127, 0, wide, 3, back, sizeof(back), NULL, &used), 3,
             "US-ASCII takes the default character for u-umlaut");
    CHECK(back[2] == '?' && used, "and says it used it");
    CHECK_EQ(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff", 2, wide, 32), 0,
             "MB_ERR_INVALID_CHARS refuses invalid UTF-8");
    CHECK_EQ(GetLastError(), ERROR_NO_UNICODE_TRANSLATION, "with ERROR_NO_UNICODE_TRANSLATION");
    CHECK_EQ(MultiByteToWideChar(CP_UTF8, 0, "a\xff", 2, wide, 32), 2, "without it, U+FFFD replaces the byte");
    CHECK_EQ(wide[1], 0xFFFD, "U+FFFD");
}

static void test_message_box_and_console(void)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    WCHAR wtext[16];
    CHECK_EQ(MessageBoxA(NULL, "connection refused (expected by the test)", "win32_text", MB_OK | MB_ICONERROR), IDOK,
             "MessageBox(MB_OK) answers IDOK");
    CHECK_EQ(MessageBox(NULL, "a question (expected by the test)", "win32_text", MB_YESNO | MB_DEFBUTTON2), IDNO,
             "MessageBox(MB_YESNO | MB_DEFBUTTON2) answers the default button, IDNO");
    MultiByteToWideChar(CP_UTF8, 0, "wide text", -1, wtext, 16);
    CHECK_EQ(MessageBoxW(NULL, wtext, NULL, MB_RETRYCANCEL), IDRETRY, "MessageBoxW answers too");

    fflush(stdout);
    CHECK(SetConsoleTextAttribute(out, FOREGROUND_GREEN | FOREGROUND_INTENSITY), "SetConsoleTextAttribute succeeds");
    CHECK(GetConsoleScreenBufferInfo(out, &info), "GetConsoleScreenBufferInfo succeeds");
    CHECK_EQ(info.wAttributes, FOREGROUND_GREEN | FOREGROUND_INTENSITY, "and reports the attribute set");
    CHECK(info.dwSize.X > 0 && info.srWindow.Right == info.dwSize.X - 1, "and a window size");
    CHECK(SetConsoleTextAttribute(out, FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE), "the default colours again");
    CHECK(!SetConsoleTextAttribute(GetStdHandle(STD_INPUT_HANDLE), FOREGROUND_RED), "standard input has no colours");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE");
    CHECK(SetConsoleTitle(TEXT("win32_text")), "SetConsoleTitle succeeds");
    CHECK(SetConsoleOutputCP(CP_UTF8) && GetConsoleOutputCP() == CP_UTF8, "the console code page is UTF-8");
}

static void test_structure_tags(void)
{
#ifdef __cplusplus
    WSAData wsa;
#else
    struct WSAData wsa;
#endif
    struct pollfd fds[1];
    SOCKET s;
    CHECK_EQ(WSAStartup(MAKEWORD(2, 2), &wsa), 0, "WSAStartup with a `struct WSAData`");
    CHECK(POLLRDNORM == 0x0100 && POLLWRNORM == 0x0010 && POLLIN == 0x0300,
          "POLLRDNORM, POLLWRNORM and POLLIN have Windows' values after <conio.h>");
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    fds[0].fd = s;
    fds[0].events = POLLWRNORM;
    fds[0].revents = 0;
    CHECK_EQ(WSAPoll(fds, 1, 1000), 1, "WSAPoll takes a `struct pollfd` array");
    CHECK(fds[0].revents & POLLWRNORM, "and reports the UDP socket writable");
    closesocket(s);
    WSACleanup();
}

int main(void)
{
    test_conversions();
    test_message_box_and_console();
    test_structure_tags();
    return check_done();
}
