/*
 * Small pieces legacy programs lean on: _splitpath/_makepath (and their _s forms) to build a
 * log or data file's name next to the program, GetStartupInfo, the Ex forms of CreateEvent,
 * CreateMutex and CreateSemaphore, and GetCurrentProcessorNumber.
 */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_splitpath(void)
{
    char drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT], small[4];
    _splitpath("c:\\sample\\crt\\crt_makepath.c", drive, dir, fname, ext);
    CHECK(strcmp(drive, "c:") == 0, "_splitpath: the drive");
    CHECK(strcmp(dir, "\\sample\\crt\\") == 0, "_splitpath: the directory, with its last separator");
    CHECK(strcmp(fname, "crt_makepath") == 0, "_splitpath: the file name");
    CHECK(strcmp(ext, ".c") == 0, "_splitpath: the extension, with its dot");
    _splitpath("logs/feed.2024.txt", drive, dir, fname, ext);
    CHECK(drive[0] == '\0' && strcmp(dir, "logs/") == 0 && strcmp(fname, "feed.2024") == 0 && strcmp(ext, ".txt") == 0,
          "_splitpath: '/' separates, the last dot starts the extension");
    _splitpath("server", drive, dir, fname, ext);
    CHECK(drive[0] == '\0' && dir[0] == '\0' && strcmp(fname, "server") == 0 && ext[0] == '\0', "_splitpath: a bare name");
    _splitpath("c:\\dir.d\\noext", NULL, dir, fname, ext);
    CHECK(strcmp(dir, "\\dir.d\\") == 0 && strcmp(fname, "noext") == 0 && ext[0] == '\0',
          "_splitpath: a dot in the directory is not an extension; NULL parts are skipped");
    CHECK_EQ(_splitpath_s("c:\\a\\longname.txt", drive, sizeof(drive), dir, sizeof(dir), small, sizeof(small), ext,
                          sizeof(ext)),
             ERANGE, "_splitpath_s: a part too long for its buffer is ERANGE");
    CHECK(drive[0] == '\0' && dir[0] == '\0' && small[0] == '\0' && ext[0] == '\0', "... and every part is emptied");
    CHECK_EQ(_splitpath_s(NULL, drive, sizeof(drive), dir, sizeof(dir), fname, sizeof(fname), ext, sizeof(ext)), EINVAL,
             "_splitpath_s: a NULL path is EINVAL");
    CHECK_EQ(_splitpath_s("a.b", NULL, 5, NULL, 0, fname, sizeof(fname), NULL, 0), EINVAL,
             "_splitpath_s: a NULL part with a size is EINVAL");
}

static void test_makepath(void)
{
    char path[_MAX_PATH], tiny[8];
    _makepath(path, "c", "\\sample\\crt\\", "makepath", "c");
    CHECK(strcmp(path, "c:\\sample\\crt\\makepath.c") == 0, "_makepath: drive, directory, name, extension");
    _makepath(path, NULL, "logs", "feed", ".log");
    CHECK(strcmp(path, "logs\\feed.log") == 0, "_makepath: a separator after the directory, one dot");
    _makepath(path, "", "", "feed", NULL);
    CHECK(strcmp(path, "feed") == 0, "_makepath: only a name");
    CHECK_EQ(_makepath_s(path, sizeof(path), "d", "data/", "quotes", "bin"), 0, "_makepath_s");
    CHECK(strcmp(path, "d:data/quotes.bin") == 0, "_makepath_s keeps the directory's '/' separator");
    CHECK_EQ(_makepath_s(tiny, sizeof(tiny), NULL, "dir", "name", "ext"), ERANGE, "_makepath_s: too small is ERANGE");
    CHECK(tiny[0] == '\0', "... with an empty result");
    CHECK_EQ(_makepath_s(tiny, sizeof(tiny), NULL, NULL, "a", "b"), 0, "_makepath_s: exactly enough room");
    CHECK(strcmp(tiny, "a.b") == 0, "... a.b");
}

static void test_startup_and_ex(void)
{
    STARTUPINFOA si;
    HANDLE ev, mutex, sem;
    memset(&si, 0xAB, sizeof(si));
    GetStartupInfoA(&si);
    CHECK_EQ(si.cb, sizeof(si), "GetStartupInfo fills cb");
    CHECK(si.lpReserved == NULL && si.lpReserved2 == NULL && si.cbReserved2 == 0, "and clears the reserved fields");

    ev = CreateEventExA(NULL, NULL, CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
    REQUIRE(ev != NULL, "CreateEventEx");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "CREATE_EVENT_INITIAL_SET: signalled");
    CHECK_EQ(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "CREATE_EVENT_MANUAL_RESET: still signalled");
    CloseHandle(ev);
    ev = CreateEventExA(NULL, NULL, CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
    CHECK(ev != NULL && WaitForSingleObject(ev, 0) == WAIT_OBJECT_0 && WaitForSingleObject(ev, 0) == WAIT_TIMEOUT,
          "without CREATE_EVENT_MANUAL_RESET: auto-reset");
    CloseHandle(ev);
    mutex = CreateMutexExA(NULL, NULL, CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS);
    CHECK(mutex != NULL && ReleaseMutex(mutex), "CreateMutexEx with CREATE_MUTEX_INITIAL_OWNER: owned by the caller");
    CloseHandle(mutex);
    sem = CreateSemaphoreExA(NULL, 1, 2, NULL, 0, SEMAPHORE_ALL_ACCESS);
    CHECK(sem != NULL && WaitForSingleObject(sem, 0) == WAIT_OBJECT_0 && WaitForSingleObject(sem, 0) == WAIT_TIMEOUT,
          "CreateSemaphoreEx: its initial count");
    CloseHandle(sem);
    {
        SYSTEM_INFO info;
        GetSystemInfo(&info);
        CHECK(GetCurrentProcessorNumber() < info.dwNumberOfProcessors, "GetCurrentProcessorNumber is one of the processors");
    }
}

int main(void)
{
    test_splitpath();
    test_makepath();
    test_startup_and_ex();
    return check_done();
}
