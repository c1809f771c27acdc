/* Shared memory the Windows way, as a market-data feed handler shares its quote book with the
 * programs that read it: CreateFileMapping of the paging file under a name, MapViewOfFile in
 * the feed and in a reader process started with CreateProcess (OpenFileMapping), the reader
 * answering through the same memory; the name living as long as some process uses it; views
 * of a file (a read-only one, a writable one that grows the file, FlushViewOfFile); and the
 * errors Windows gives for a misaligned offset, a view past the end, a writable view of a
 * read-only mapping, an empty file, a missing name, an unknown view address. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define QUOTES 1000

typedef struct QUOTE_BOOK {
    volatile LONG published; /* quotes ready, set last by the feed */
    volatile LONG answered;  /* set by the reader when its checksum is in place */
    LONG checksum;           /* the reader's sum of every price */
    LONG reader_seen;
    struct {
        char symbol[8];
        LONG price;
        LONG size;
    } quote[QUOTES];
} QUOTE_BOOK;

static char self[MAX_PATH];

/* --- the reader process --- */

static int reader(const char *name)
{
    HANDLE map = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    QUOTE_BOOK *book;
    DWORD waited = 0;
    LONG i, sum = 0;
    if (map == NULL)
        return 10;
    book = (QUOTE_BOOK *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    if (book == NULL)
        return 11;
    while (InterlockedCompareExchange(&book->published, 0, 0) != QUOTES) {
        if (waited++ > 10000)
            return 12;
        Sleep(1);
    }
    for (i = 0; i < QUOTES; i++) {
        char want[8];
        sprintf(want, "S%04ld", (long)i);
        if (strcmp(book->quote[i].symbol, want) != 0 || book->quote[i].size != i % 7 + 1)
            return 13;
        sum += book->quote[i].price;
    }
    book->checksum = sum;
    book->reader_seen = QUOTES;
    InterlockedExchange(&book->answered, 1);
    UnmapViewOfFile(book);
    CloseHandle(map);
    return 0;
}

/* Opens the mapping and keeps it until killed. */
static int holder(const char *name)
{
    HANDLE map = OpenFileMappingA(FILE_MAP_WRITE, FALSE, name);
    void *view = map ? MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    if (view == NULL)
        return 20;
    CloseHandle(map);
    InterlockedExchange(&((QUOTE_BOOK *)view)->answered, 2);
    Sleep(60000);
    return 21;
}

static BOOL start(const char *args, PROCESS_INFORMATION *pi)
{
    STARTUPINFOA si;
    char line[MAX_PATH + 160];
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    snprintf(line, sizeof(line), "\"%s\" child %s", self, args);
    return CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, pi);
}

/* --- the feed --- */

static void test_feed_and_reader(void)
{
    char name[64], args[128];
    HANDLE map, again;
    QUOTE_BOOK *book;
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    LONG i, sum = 0;
    sprintf(name, "Local\\ws2mp_quotes_%lu", (unsigned long)GetCurrentProcessId());
    SetLastError(12345);
    map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(QUOTE_BOOK), name);
    REQUIRE(map != NULL, "CreateFileMapping of the paging file with a name");
    CHECK_EQ(GetLastError(), 0, "a new mapping leaves the last error 0");
    book = (QUOTE_BOOK *)MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    REQUIRE(book != NULL, "MapViewOfFile of the whole mapping");
    CHECK(book->published == 0 && book->quote[QUOTES - 1].price == 0, "new memory reads as zero");

    again = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, name);
    CHECK(again != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
          "the same name again opens the existing mapping with ERROR_ALREADY_EXISTS");
    if (again) {
        QUOTE_BOOK *other = (QUOTE_BOOK *)MapViewOfFile(again, FILE_MAP_READ, 0, 0, 0);
        void *whole = MapViewOfFile(again, FILE_MAP_READ, 0, 0, sizeof(QUOTE_BOOK));
        CHECK(other != NULL && other != book, "a second view at another address");
        CHECK(whole != NULL, "the existing mapping kept its size (a view of all of it)");
        if (whole)
            UnmapViewOfFile(whole);
        book->reader_seen = 77;
        CHECK(other != NULL && other->reader_seen == 77, "both views show the same memory");
        if (other)
            CHECK(UnmapViewOfFile(other), "UnmapViewOfFile");
        CloseHandle(again);
    }

    sprintf(args, "reader ws2mp_quotes_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(start(args, &pi), "CreateProcess starts the reader");
    for (i = 0; i < QUOTES; i++) {
        sprintf(book->quote[i].symbol, "S%04ld", (long)i);
        book->quote[i].price = 10000 + i * 3;
        book->quote[i].size = i % 7 + 1;
        sum += book->quote[i].price;
    }
    InterlockedExchange(&book->published, QUOTES);
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "the reader finishes");
    CHECK(GetExitCodeProcess(pi.hProcess, &code) && code == 0, "the reader found every quote (exit code 0)");
    CHECK_EQ(book->answered, 1, "the reader answered through the shared memory");
    CHECK_EQ(book->checksum, sum, "... with the sum of every price the feed wrote");
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);

    /* A process still using the mapping keeps it, and its name, after the feed lets go. */
    sprintf(args, "holder ws2mp_quotes_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(start(args, &pi), "CreateProcess starts a process that holds the mapping");
    for (i = 0; i < 10000 && InterlockedCompareExchange(&book->answered, 0, 0) != 2; i++)
        Sleep(1);
    CHECK_EQ(book->answered, 2, "the holder mapped it");
    CHECK(UnmapViewOfFile(book), "the feed unmaps its view");
    CHECK(CloseHandle(map), "and closes its handle");
    again = OpenFileMappingA(FILE_MAP_READ, FALSE, name);
    CHECK(again != NULL, "the name still opens while another process uses the mapping");
    if (again) {
        QUOTE_BOOK *view = (QUOTE_BOOK *)MapViewOfFile(again, FILE_MAP_READ, 0, 0, 0);
        CHECK(view != NULL && view->checksum == sum, "with the quotes still in it");
        if (view)
            UnmapViewOfFile(view);
        CloseHandle(again);
    }
    CHECK(TerminateProcess(pi.hProcess, 0), "the holder is stopped");
    CHECK_EQ(WaitForSingleObject(pi.hProcess, 10000), WAIT_OBJECT_0, "and ends");
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    SetLastError(0);
    CHECK(OpenFileMappingA(FILE_MAP_READ, FALSE, name) == NULL && GetLastError() == ERROR_FILE_NOT_FOUND,
          "once no process uses it, the name is gone (ERROR_FILE_NOT_FOUND)");
    map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(QUOTE_BOOK), name);
    CHECK(map != NULL && GetLastError() == 0, "creating it again makes a new mapping");
    book = map ? (QUOTE_BOOK *)MapViewOfFile(map, FILE_MAP_READ, 0, 0, 0) : NULL;
    CHECK(book != NULL && book->checksum == 0, "whose memory reads as zero");
    if (book)
        UnmapViewOfFile(book);
    if (map)
        CloseHandle(map);
}

static void test_views_and_errors(void)
{
    SYSTEM_INFO si;
    HANDLE map, ro;
    char *a, *b, *copy;
    GetSystemInfo(&si);
    CHECK_EQ(si.dwAllocationGranularity, 65536, "views start at 64 KiB boundaries");

    SetLastError(0);
    CHECK(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a paging-file mapping of size 0 fails with ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_NOACCESS, 0, 4096, NULL) == NULL &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "PAGE_NOACCESS fails with ERROR_INVALID_PARAMETER");
    SetLastError(0);
    CHECK(OpenFileMappingA(FILE_MAP_READ, FALSE, "ws2mp_no_such_mapping") == NULL &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "OpenFileMapping of a missing name fails with ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    CHECK(MapViewOfFile((HANDLE)(ULONG_PTR)0x12345678, FILE_MAP_READ, 0, 0, 0) == NULL &&
              GetLastError() == ERROR_INVALID_HANDLE,
          "MapViewOfFile of a bad handle fails with ERROR_INVALID_HANDLE");

    map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE | SEC_COMMIT, 0, 3 * 65536, NULL);
    REQUIRE(map != NULL, "an unnamed mapping of 192 KiB (SEC_COMMIT)");
    a = (char *)MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0);
    b = (char *)MapViewOfFile(map, FILE_MAP_READ, 0, 65536, 65536);
    REQUIRE(a != NULL && b != NULL, "a view of all of it, and of its second 64 KiB");
    strcpy(a + 65536, "second block");
    CHECK(strcmp(b, "second block") == 0, "views of one unnamed mapping share its memory");
    SetLastError(0);
    CHECK(MapViewOfFile(map, FILE_MAP_READ, 0, 4096, 0) == NULL && GetLastError() == ERROR_MAPPED_ALIGNMENT,
          "an offset off the 64 KiB granularity fails with ERROR_MAPPED_ALIGNMENT");
    SetLastError(0);
    CHECK(MapViewOfFile(map, FILE_MAP_READ, 0, 65536, 3 * 65536) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "a view past the end fails with ERROR_ACCESS_DENIED");
    SetLastError(0);
    CHECK(MapViewOfFile(map, FILE_MAP_READ, 0, 3 * 65536, 0) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "an offset at the end fails with ERROR_ACCESS_DENIED");
    copy = (char *)MapViewOfFile(map, FILE_MAP_COPY, 0, 0, 0);
    REQUIRE(copy != NULL, "a copy-on-write view");
    CHECK(strcmp(copy + 65536, "second block") == 0, "starts with the mapping's contents");
    strcpy(copy + 65536, "private");
    CHECK(strcmp(b, "second block") == 0, "its writes stay in it");
    CHECK(FlushViewOfFile(a, 0), "FlushViewOfFile of a memory view");
    CHECK(CloseHandle(map), "closing the handle while views remain");
    strcpy(a, "still here");
    CHECK(strcmp(a, "still here") == 0 && strcmp(b, "second block") == 0, "the views keep the memory");
    CHECK(UnmapViewOfFile(b + 100), "UnmapViewOfFile with an address inside the view");
    CHECK(UnmapViewOfFile(a) && UnmapViewOfFile(copy), "UnmapViewOfFile of the others");
    SetLastError(0);
    CHECK(!UnmapViewOfFile(a) && GetLastError() == ERROR_INVALID_ADDRESS,
          "unmapping it twice fails with ERROR_INVALID_ADDRESS");
    SetLastError(0);
    CHECK(!UnmapViewOfFile(NULL) && GetLastError() == ERROR_INVALID_ADDRESS, "so does NULL");

    ro = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 4096, NULL);
    REQUIRE(ro != NULL, "a PAGE_READONLY mapping");
    SetLastError(0);
    CHECK(MapViewOfFile(ro, FILE_MAP_WRITE, 0, 0, 0) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "a writable view of it fails with ERROR_ACCESS_DENIED");
    SetLastError(0);
    CHECK(MapViewOfFile(ro, FILE_MAP_ALL_ACCESS, 0, 0, 0) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "so does FILE_MAP_ALL_ACCESS");
    a = (char *)MapViewOfFile(ro, FILE_MAP_READ, 0, 0, 0);
    CHECK(a != NULL && a[4095] == 0, "a read view of it works");
    if (a)
        UnmapViewOfFile(a);
    CloseHandle(ro);
}

static void test_file_views(void)
{
    char dir[MAX_PATH], path[MAX_PATH], got[16];
    HANDLE file, map;
    DWORD n;
    char *view;
    GetTempPathA(sizeof(dir), dir);
    REQUIRE(GetTempFileNameA(dir, "map", 0, path) != 0, "GetTempFileName");

    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(file != INVALID_HANDLE_VALUE, "CreateFile");
    SetLastError(0);
    CHECK(CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL) == NULL && GetLastError() == ERROR_FILE_INVALID,
          "mapping an empty file with size 0 fails with ERROR_FILE_INVALID");
    CHECK(WriteFile(file, "hello, map", 10, &n, NULL) && n == 10, "WriteFile");
    map = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    REQUIRE(map != NULL, "a read-only mapping of the file, its size");
    view = (char *)MapViewOfFile(map, FILE_MAP_READ, 0, 0, 0);
    CHECK(view != NULL && memcmp(view, "hello, map", 10) == 0, "the view shows the file");
    if (view)
        UnmapViewOfFile(view);
    CloseHandle(map);

    map = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 8192, NULL);
    REQUIRE(map != NULL, "a writable mapping larger than the file");
    CHECK_EQ(GetFileSize(file, NULL), 8192, "grows the file to the mapping's size");
    view = (char *)MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0);
    REQUIRE(view != NULL, "a writable view");
    memcpy(view, "HELLO", 5);
    memcpy(view + 8000, "tail", 4);
    CHECK(FlushViewOfFile(view, 0), "FlushViewOfFile");
    CHECK(UnmapViewOfFile(view), "UnmapViewOfFile");
    CloseHandle(map);
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    CHECK(ReadFile(file, got, 10, &n, NULL) && n == 10 && memcmp(got, "HELLO, map", 10) == 0,
          "ReadFile sees what the view wrote");
    SetFilePointer(file, 8000, NULL, FILE_BEGIN);
    CHECK(ReadFile(file, got, 4, &n, NULL) && n == 4 && memcmp(got, "tail", 4) == 0, "at the end too");
    CloseHandle(file);

    file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    REQUIRE(file != INVALID_HANDLE_VALUE, "CreateFile for reading");
    SetLastError(0);
    CHECK(CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "a writable mapping of a file opened for reading fails with ERROR_ACCESS_DENIED");
    SetLastError(0);
    CHECK(CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 16384, NULL) == NULL &&
              GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "a read-only mapping larger than the file fails with ERROR_NOT_ENOUGH_MEMORY");
    CloseHandle(file);
    DeleteFileA(path);
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    if (argc > 3 && strcmp(argv[1], "child") == 0) {
        char name[64];
        snprintf(name, sizeof(name), "Global\\%s", argv[3]);
        if (strcmp(argv[2], "reader") == 0)
            return reader(name);
        if (strcmp(argv[2], "holder") == 0)
            return holder(argv[3]);
        return 99;
    }
    REQUIRE(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    REQUIRE(GetModuleFileNameA(NULL, self, sizeof(self)) > 0, "GetModuleFileNameA");
    test_views_and_errors();
    test_file_views();
    test_feed_and_reader();
    WSACleanup();
    return check_done();
}
