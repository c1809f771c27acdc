/* A file sent over TCP the way small Windows file-transfer programs do it: the sender opens the
 * file with fopen_s, finds its size with _fseeki64/_ftelli64 (and _filelength on its
 * descriptor), sends a header line built with strcpy_s, strncat_s and _i64toa_s, then the
 * data in chunks; the receiver reads the header, upper-cases the command with _strupr_s, takes
 * the size with _atoi64, writes the data to a new file (_commit) and checks _eof and _tell on
 * it (counting the bytes with InterlockedAdd, reading its start back through _fdopen). The
 * file name also goes through mbstowcs_s / wcstombs_s, as programs do for the wide
 * APIs. The truncation and error rules of the new checked functions are tested after, with an
 * invalid-parameter handler that lets them return their error codes. */
#define _CRT_SECURE_NO_WARNINGS
#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <io.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "check.h"

#define CHUNK 1000
#define FILE_SIZE 70001

/* Installed first, as such programs do, so that the checked functions return their error codes
 * on Windows too (its default handler ends the program). */
static void keep_going(const wchar_t *expression, const wchar_t *function, const wchar_t *file,
                       unsigned int line, uintptr_t reserved)
{
    (void)expression;
    (void)function;
    (void)file;
    (void)line;
    (void)reserved;
}

static int recv_line(SOCKET s, char *line, int size)
{
    int n = 0;
    while (n < size - 1 && recv(s, line + n, 1, 0) == 1) {
        if (line[n] == '\n')
            break;
        n++;
    }
    line[n] = '\0';
    return n;
}

int main(void)
{
    WSADATA wsa;
    SOCKET listener, sender, receiver;
    SOCKADDR_IN addr;
    int len, i, same = 1;
    FILE *f, *out;
    char src_name[64], dst_name[64], header[128], number[32], line[128], buf[CHUNK];
    char *next = NULL, *cmd, *name, *size_text;
    __int64 size, got = 0;
    wchar_t wname[64];
    char back[64];
    size_t converted = 0;
    int fd;
    LONG volatile received_total = 0;
    LONGLONG volatile received_total64 = 0;

    CHECK(_set_invalid_parameter_handler(keep_going) == NULL, "_set_invalid_parameter_handler: no handler before");
    CHECK(_set_invalid_parameter_handler(keep_going) == keep_going, "... then the one installed");
    sprintf(src_name, "ws2mp_ft_src_%lu.bin", (unsigned long)GetCurrentProcessId());
    sprintf(dst_name, "ws2mp_ft_dst_%lu.bin", (unsigned long)GetCurrentProcessId());
    REQUIRE(fopen_s(&f, src_name, "wb") == 0, "the file to send is created");
    for (i = 0; i < FILE_SIZE; i++)
        fputc((i * 7 + i / 256) & 0xff, f);
    fclose(f);

    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = inet_addr("127.0.0.1");
    len = sizeof(addr);
    REQUIRE(bind(listener, (SOCKADDR *)&addr, sizeof(addr)) == 0 && listen(listener, 1) == 0 &&
                getsockname(listener, (SOCKADDR *)&addr, &len) == 0,
            "a listener on loopback");
    sender = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(sender, (SOCKADDR *)&addr, sizeof(addr)) == 0, "the sender connects");
    receiver = accept(listener, NULL, NULL);
    REQUIRE(receiver != INVALID_SOCKET, "the receiver accepts");

    /* The sender. */
    REQUIRE(fopen_s(&f, src_name, "rb") == 0, "fopen_s(\"rb\")");
    CHECK_EQ(_fseeki64(f, 0, SEEK_END), 0, "_fseeki64 to the end");
    size = _ftelli64(f);
    CHECK_EQ(size, FILE_SIZE, "_ftelli64 there is the file's size");
    CHECK_EQ(_filelength(_fileno(f)), FILE_SIZE, "so is _filelength of its descriptor");
    CHECK_EQ(_filelengthi64(_fileno(f)), FILE_SIZE, "and _filelengthi64");
    rewind(f);
    CHECK_EQ(mbstowcs_s(&converted, wname, 64, src_name, _TRUNCATE), 0, "mbstowcs_s of the file name");
    CHECK_EQ(converted, strlen(src_name) + 1, "... counts the characters with the NUL");
    CHECK_EQ(wcstombs_s(&converted, back, sizeof(back), wname, _TRUNCATE), 0, "wcstombs_s back");
    CHECK(strcmp(back, src_name) == 0 && converted == strlen(src_name) + 1, "... gives the same name");
    strcpy_s(header, sizeof(header), "put ");
    strncat_s(header, sizeof(header), back, _TRUNCATE);
    strncat_s(header, sizeof(header), " ", 1);
    CHECK_EQ(_i64toa_s(size, number, sizeof(number), 10), 0, "_i64toa_s of the size");
    strncat_s(header, sizeof(header), number, sizeof(number));
    strncat_s(header, sizeof(header), "\n", 1);
    send(sender, header, (int)strlen(header), 0);
    while ((len = (int)fread(buf, 1, CHUNK, f)) > 0)
        send(sender, buf, len, 0);
    fclose(f);
    shutdown(sender, SD_SEND);

    /* The receiver. */
    recv_line(receiver, line, sizeof(line));
    cmd = strtok_s(line, " ", &next);
    name = strtok_s(NULL, " ", &next);
    size_text = strtok_s(NULL, " ", &next);
    REQUIRE(cmd != NULL && name != NULL && size_text != NULL, "the header has a command, a name and a size");
    CHECK_EQ(_strupr_s(cmd, strlen(cmd) + 1), 0, "_strupr_s of the command");
    CHECK(strcmp(cmd, "PUT") == 0, "... upper-cases it");
    CHECK(strcmp(name, src_name) == 0, "the name arrives");
    CHECK_EQ(_atoi64(size_text), FILE_SIZE, "the size arrives");
    fd = _open(dst_name, _O_CREAT | _O_TRUNC | _O_RDWR | _O_BINARY, _S_IREAD | _S_IWRITE);
    REQUIRE(fd >= 0, "_open of the file to write");
    while ((len = recv(receiver, buf, CHUNK, 0)) > 0) {
        _write(fd, buf, (unsigned int)len);
        got += len;
        InterlockedAdd(&received_total, len);
        InterlockedAdd64(&received_total64, len);
    }
    CHECK_EQ(got, FILE_SIZE, "every byte arrives");
    CHECK_EQ(InterlockedAdd(&received_total, 0), FILE_SIZE, "InterlockedAdd counted them (it returns the new value)");
    CHECK(InterlockedAdd64(&received_total64, 1) == FILE_SIZE + 1, "so did InterlockedAdd64");
    CHECK_EQ(_commit(fd), 0, "_commit");
    CHECK_EQ(_tell(fd), FILE_SIZE, "_tell is at the end");
    CHECK_EQ(_eof(fd), 1, "_eof there is 1");
    CHECK_EQ(_lseeki64(fd, 10, SEEK_SET), 10, "_lseeki64 back to 10");
    CHECK_EQ(_telli64(fd), 10, "_telli64 is 10");
    CHECK_EQ(_eof(fd), 0, "_eof before the end is 0");
    {
        int again = _dup(fd);
        FILE *head = _fdopen(again, "rt");
        RtlZeroMemory(buf, sizeof(buf));
        CHECK(head != NULL && fread(buf, 1, 4, head) == 4, "_fdopen(fd, \"rt\") reads the file through a stream");
        CHECK(buf[0] == (char)(10 * 7 & 0xff) && buf[4] == 0, "... from the descriptor's position, into the zeroed buffer");
        if (head != NULL)
            fclose(head);
    }
    _close(fd);
    CHECK_EQ(_eof(fd), -1, "_eof of a closed descriptor is -1");

    REQUIRE(fopen_s(&f, src_name, "rb") == 0 && fopen_s(&out, dst_name, "rb") == 0, "both files open");
    for (i = 0; i < FILE_SIZE && same; i++)
        same = fgetc(f) == fgetc(out);
    CHECK(same && fgetc(out) == EOF, "the copy is the file");
    fclose(f);
    fclose(out);
    _unlink(src_name);
    _unlink(dst_name);

    /* The rules of the checked functions. */
    strcpy_s(line, 8, "abc");
    CHECK_EQ(strncat_s(line, 8, "defghij", 2), 0, "strncat_s appends count characters");
    CHECK(strcmp(line, "abcde") == 0, "... abc + de");
    CHECK_EQ(strncat_s(line, 8, "xyz", _TRUNCATE), STRUNCATE, "strncat_s with _TRUNCATE that cuts is STRUNCATE");
    CHECK(strcmp(line, "abcdexy") == 0, "... keeping what fits");
    CHECK_EQ(strncat_s(line, 8, "q", 1), ERANGE, "strncat_s past the end is ERANGE");
    CHECK_EQ(line[0], '\0', "... emptying the destination");
    strcpy_s(line, 8, "MiXeD");
    CHECK(_strlwr_s(line, 8) == 0 && strcmp(line, "mixed") == 0, "_strlwr_s");
    CHECK_EQ(_ltoa_s(-255, number, 5, 10), 0, "_ltoa_s(-255) in 5 characters");
    CHECK(strcmp(number, "-255") == 0, "... writes it");
    CHECK_EQ(_ultoa_s(255ul, number, 2, 16), ERANGE, "_ultoa_s that does not fit is ERANGE");
    CHECK_EQ(_ui64toa_s(0xffffffffffull, number, sizeof(number), 16), 0, "_ui64toa_s in hex");
    CHECK(strcmp(number, "ffffffffff") == 0, "... lower-case digits");
    CHECK_EQ(mbstowcs_s(&converted, NULL, 0, "abcd", 0), 0, "mbstowcs_s(NULL, 0) asks for the size");
    CHECK_EQ(converted, 5, "... 4 characters and the NUL");
    CHECK_EQ(mbstowcs_s(&converted, wname, 3, "abcd", 3), ERANGE, "mbstowcs_s of more than fits is ERANGE");
    CHECK_EQ(mbstowcs_s(&converted, wname, 3, "abcd", _TRUNCATE), STRUNCATE, "... or STRUNCATE with _TRUNCATE");
    CHECK(wname[0] == L'a' && wname[1] == L'b' && wname[2] == L'\0' && converted == 3, "... two characters and the NUL");
    CHECK_EQ(wcstombs_s(&converted, back, sizeof(back), L"abcd", 2), 0, "wcstombs_s converts count bytes");
    CHECK(strcmp(back, "ab") == 0 && converted == 3, "... ab");

    closesocket(sender);
    closesocket(receiver);
    closesocket(listener);
    WSACleanup();
    return check_done();
}
