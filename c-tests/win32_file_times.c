/* A file server's view of its files, the way a Windows server lists a file to a client:
 * GetFileInformationByHandle (attributes as GetFileAttributes gives them, size, links, the
 * volume serial number and file index that name the file), GetFileTime and SetFileTime (a
 * NULL, zero or all-0xFF FILETIME leaves that time alone; a read-only handle may not set
 * them), the size and last write time sent to a client over TCP on 127.0.0.1. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include "check.h"

static char path[MAX_PATH + 64];
static char other[MAX_PATH + 64];

static ULONGLONG ft64(FILETIME t)
{
    return ((ULONGLONG)t.dwHighDateTime << 32) | t.dwLowDateTime;
}

static FILETIME utc(WORD y, WORD mo, WORD d, WORD h, WORD mi, WORD s, WORD ms)
{
    SYSTEMTIME st;
    FILETIME ft;
    memset(&st, 0, sizeof(st));
    st.wYear = y;
    st.wMonth = mo;
    st.wDay = d;
    st.wHour = h;
    st.wMinute = mi;
    st.wSecond = s;
    st.wMilliseconds = ms;
    SystemTimeToFileTime(&st, &ft);
    return ft;
}

static HANDLE make(const char *name, const char *contents)
{
    DWORD n = 0;
    HANDLE f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (f != INVALID_HANDLE_VALUE)
        WriteFile(f, contents, (DWORD)strlen(contents), &n, NULL);
    return f;
}

static void test_times(void)
{
    HANDLE f, ro;
    FILETIME c, a, w, a2, w2, now, keep, set_a, set_w;
    ULONGLONG before;

    GetSystemTimeAsFileTime(&now);
    f = make(path, "hello, client\n");
    REQUIRE(f != INVALID_HANDLE_VALUE, "CreateFile makes the file");
    CHECK(GetFileTime(f, &c, &a, &w), "GetFileTime on a new file");
    CHECK(ft64(w) != 0 && ft64(c) != 0 && ft64(a) != 0, "all three times are set");
    before = ft64(now) - 10000000ull * 60;
    CHECK(ft64(w) > before && ft64(c) > before, "the write and creation times are recent");
    CHECK(GetFileTime(f, NULL, NULL, &w2) && ft64(w2) == ft64(w), "NULL pointers are skipped");

    set_a = utc(2001, 2, 3, 4, 5, 6, 789);
    set_w = utc(2009, 12, 31, 23, 59, 58, 1);
    CHECK(SetFileTime(f, NULL, &set_a, &set_w), "SetFileTime sets the access and write times");
    CHECK(GetFileTime(f, NULL, &a2, &w2), "GetFileTime reads them back");
    CHECK(ft64(a2) == ft64(set_a), "the access time is 2001-02-03 04:05:06.789 exactly");
    CHECK(ft64(w2) == ft64(set_w), "the write time is 2009-12-31 23:59:58.001 exactly");

    set_w = utc(2020, 6, 1, 12, 0, 0, 0);
    CHECK(SetFileTime(f, NULL, NULL, &set_w), "SetFileTime with only a write time");
    CHECK(GetFileTime(f, NULL, &a2, &w2) && ft64(a2) == ft64(set_a) && ft64(w2) == ft64(set_w),
          "changes the write time and leaves the access time");
    keep.dwLowDateTime = keep.dwHighDateTime = 0;
    CHECK(SetFileTime(f, NULL, &keep, &keep), "SetFileTime with zero FILETIMEs");
    CHECK(GetFileTime(f, NULL, &a2, &w2) && ft64(a2) == ft64(set_a) && ft64(w2) == ft64(set_w),
          "a zero FILETIME leaves the time alone");
    keep.dwLowDateTime = keep.dwHighDateTime = 0xFFFFFFFF;
    CHECK(SetFileTime(f, NULL, &keep, &keep), "SetFileTime with 0xFFFFFFFF FILETIMEs");
    CHECK(GetFileTime(f, NULL, &a2, &w2) && ft64(a2) == ft64(set_a) && ft64(w2) == ft64(set_w),
          "an all-0xFF FILETIME leaves the time alone");

    ro = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(ro != INVALID_HANDLE_VALUE, "a second, read-only handle");
    CHECK(GetFileTime(ro, NULL, NULL, &w2) && ft64(w2) == ft64(set_w), "which sees the same write time");
    SetLastError(0);
    CHECK(!SetFileTime(ro, NULL, NULL, &set_a), "SetFileTime through a read-only handle fails");
    CHECK_EQ(GetLastError(), ERROR_ACCESS_DENIED, "with ERROR_ACCESS_DENIED");
    CloseHandle(ro);
    CloseHandle(f);

    SetLastError(0);
    CHECK(!GetFileTime(INVALID_HANDLE_VALUE, &c, &a, &w), "GetFileTime(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
}

static void test_information(const char *dir)
{
    HANDLE f, g, h, d;
    BY_HANDLE_FILE_INFORMATION fi, gi, hi, di;
    FILETIME w;

    CHECK_EQ(sizeof(BY_HANDLE_FILE_INFORMATION), 52, "BY_HANDLE_FILE_INFORMATION is 52 bytes");
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    g = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    h = make(other, "another file, longer than the first\n");
    REQUIRE(f != INVALID_HANDLE_VALUE && g != INVALID_HANDLE_VALUE && h != INVALID_HANDLE_VALUE,
            "two handles on one file and one on another");
    memset(&fi, 0xAB, sizeof(fi));
    CHECK(GetFileInformationByHandle(f, &fi), "GetFileInformationByHandle");
    CHECK_EQ(fi.dwFileAttributes, GetFileAttributesA(path), "its attributes are GetFileAttributes'");
    CHECK_EQ(fi.nFileSizeLow, 14, "nFileSizeLow is the size");
    CHECK_EQ(fi.nFileSizeHigh, 0, "nFileSizeHigh 0");
    CHECK_EQ(fi.nNumberOfLinks, 1, "one link");
    CHECK(GetFileTime(f, NULL, NULL, &w) && ft64(w) == ft64(fi.ftLastWriteTime),
          "ftLastWriteTime is GetFileTime's");
    CHECK(GetFileInformationByHandle(g, &gi) && GetFileInformationByHandle(h, &hi), "and on the others");
    CHECK(fi.dwVolumeSerialNumber == gi.dwVolumeSerialNumber && fi.nFileIndexHigh == gi.nFileIndexHigh &&
              fi.nFileIndexLow == gi.nFileIndexLow,
          "two handles on one file: the same volume serial number and file index");
    CHECK(fi.dwVolumeSerialNumber == hi.dwVolumeSerialNumber, "a file in the same directory: the same volume");
    CHECK(fi.nFileIndexLow != hi.nFileIndexLow || fi.nFileIndexHigh != hi.nFileIndexHigh,
          "but another file index");
    CHECK_EQ(hi.nFileSizeLow, 36, "and its own size");

    d = CreateFileA(dir, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS, NULL);
    REQUIRE(d != INVALID_HANDLE_VALUE, "the directory opens with FILE_FLAG_BACKUP_SEMANTICS");
    CHECK(GetFileInformationByHandle(d, &di), "GetFileInformationByHandle on a directory");
    CHECK(di.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, "says FILE_ATTRIBUTE_DIRECTORY");
    CloseHandle(d);

    SetLastError(0);
    CHECK(!GetFileInformationByHandle(INVALID_HANDLE_VALUE, &fi), "GetFileInformationByHandle(INVALID_HANDLE_VALUE) fails");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "with ERROR_INVALID_HANDLE");
    CloseHandle(f);
    CloseHandle(g);
    CloseHandle(h);
}

/* What the server sends for a file: its size and last write time, in network order. */
struct listing {
    unsigned char size[8];
    unsigned char written[8];
};

static void put64(unsigned char *p, ULONGLONG v)
{
    int i;
    for (i = 7; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)v;
}

static ULONGLONG get64(const unsigned char *p)
{
    ULONGLONG v = 0;
    int i;
    for (i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

static void test_listing_to_client(void)
{
    SOCKET ls, cs, as;
    struct sockaddr_in sa;
    int len = sizeof(sa), got = 0, n;
    struct listing out, in;
    BY_HANDLE_FILE_INFORMATION fi;
    FILETIME w;
    HANDLE f;

    ls = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(ls, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(ls, 1) == 0 &&
                getsockname(ls, (struct sockaddr *)&sa, &len) == 0,
            "the server listens on 127.0.0.1");
    cs = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    REQUIRE(connect(cs, (struct sockaddr *)&sa, sizeof(sa)) == 0, "the client connects");
    as = accept(ls, NULL, NULL);
    REQUIRE(as != INVALID_SOCKET, "the server accepts");

    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    REQUIRE(f != INVALID_HANDLE_VALUE && GetFileInformationByHandle(f, &fi), "the server opens the file");
    put64(out.size, ((ULONGLONG)fi.nFileSizeHigh << 32) | fi.nFileSizeLow);
    put64(out.written, ft64(fi.ftLastWriteTime));
    CloseHandle(f);
    CHECK_EQ(send(as, (const char *)&out, sizeof(out), 0), sizeof(out), "the server sends the listing");
    while (got < (int)sizeof(in) && (n = recv(cs, (char *)&in + got, sizeof(in) - got, 0)) > 0)
        got += n;
    CHECK_EQ(got, sizeof(in), "the client receives it");
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(GetFileTime(f, NULL, NULL, &w), "the client reads the file's time itself");
    CHECK(get64(in.size) == 14 && get64(in.written) == ft64(w), "size 14 and the same last write time");
    CHECK(get64(in.written) == ft64(utc(2020, 6, 1, 12, 0, 0, 0)), "the time the server set: 2020-06-01 12:00");
    CloseHandle(f);
    closesocket(as);
    closesocket(cs);
    closesocket(ls);
}

int main(void)
{
    WSADATA wsa;
    char dir[MAX_PATH];
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    GetTempPathA(MAX_PATH, dir);
    snprintf(path, sizeof(path), "%sws2mp_ftime_%lu.txt", dir, (unsigned long)GetCurrentProcessId());
    snprintf(other, sizeof(other), "%sws2mp_ftime_%lu.b", dir, (unsigned long)GetCurrentProcessId());
    test_times();
    test_information(dir);
    test_listing_to_client();
    DeleteFileA(path);
    DeleteFileA(other);
    WSACleanup();
    return check_done();
}
