/* What a remote-administration or backup server does with the file system besides reading
 * files: list the drives with their type, label, file system and free space (the answer to a
 * client's "DRIVES" command, sent over TCP on 127.0.0.1), walk a directory with
 * FindFirstFileEx, ask an open file for its path and details (GetFinalPathNameByHandle,
 * GetFileInformationByHandleEx), make hard and symbolic links, and copy a file with a progress
 * routine that can cancel. Also the errors Windows gives for bad arguments, and the W forms. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char g_dir[MAX_PATH];

static void make_file(const char *name, DWORD size)
{
    char path[MAX_PATH + 32], block[4096];
    HANDLE f;
    DWORD n;
    memset(block, 'z', sizeof block);
    sprintf(path, "%s\\%s", g_dir, name);
    f = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "create a file");
    while (size > 0) {
        DWORD chunk = size < sizeof block ? size : (DWORD)sizeof block;
        WriteFile(f, block, chunk, &n, NULL);
        size -= chunk;
    }
    CloseHandle(f);
}

/* The server's answer to "DRIVES": one line per drive. */
static int drives_answer(char *out, size_t cap)
{
    char roots[256], *root;
    DWORD mask = GetLogicalDrives(), len;
    int count = 0;
    out[0] = '\0';
    len = GetLogicalDriveStringsA(sizeof roots, roots);
    if (len == 0 || len > sizeof roots)
        return -1;
    for (root = roots; *root; root += strlen(root) + 1) {
        char label[MAX_PATH + 1], fs[MAX_PATH + 1], line[512];
        DWORD serial = 0, maxlen = 0, flags = 0;
        ULARGE_INTEGER avail, total, freeb;
        UINT type = GetDriveTypeA(root);
        if (!(mask & (1u << (toupper((unsigned char)root[0]) - 'A'))))
            return -2;
        if (!GetVolumeInformationA(root, label, sizeof label, &serial, &maxlen, &flags, fs, sizeof fs))
            return -3;
        if (!GetDiskFreeSpaceExA(root, &avail, &total, &freeb))
            return -4;
        sprintf(line, "%s type=%u fs=%s serial=%08lX maxname=%lu free=%llu/%llu\r\n", root, type, fs,
                (unsigned long)serial, (unsigned long)maxlen, (unsigned long long)freeb.QuadPart,
                (unsigned long long)total.QuadPart);
        if (strlen(out) + strlen(line) < cap)
            strcat(out, line);
        count++;
    }
    return count;
}

static void test_drives(void)
{
    char answer[2048], buf[2048], roots[8];
    WCHAR wroots[8], wfs[64];
    SOCKET l, c, s;
    struct sockaddr_in a;
    int alen = sizeof a, got = 0, n;
    DWORD serial = 0, file_serial = 0;
    BY_HANDLE_FILE_INFORMATION info;
    HANDLE f;
    char path[MAX_PATH + 32];

    CHECK_EQ(GetLogicalDrives(), 0x4, "GetLogicalDrives: C: only");
    CHECK_EQ(GetLogicalDriveStringsA(0, NULL), 5, "the size the drive strings need, with the last NUL");
    CHECK_EQ(GetLogicalDriveStringsA(4, roots), 5, "a buffer one short gets the size needed");
    CHECK_EQ(GetLogicalDriveStringsA(sizeof roots, roots), 4, "the strings' length without the last NUL");
    CHECK(memcmp(roots, "C:\\\0", 5) == 0, "\"C:\\\" then the list's NUL");
    CHECK_EQ(GetLogicalDriveStringsW(8, wroots), 4, "GetLogicalDriveStringsW");
    CHECK(wroots[0] == 'C' && wroots[2] == '\\' && wroots[3] == 0 && wroots[4] == 0, "... in UTF-16");

    CHECK_EQ(GetDriveTypeA("C:\\"), GetDriveTypeA("/"), "C:\\ is the root");
    CHECK(GetDriveTypeA("C:\\") >= DRIVE_FIXED && GetDriveTypeA("C:\\") <= DRIVE_RAMDISK, "a real drive type");
    CHECK(GetDriveTypeA(g_dir) >= DRIVE_FIXED && GetDriveTypeA(g_dir) <= DRIVE_RAMDISK, "any directory names its drive");
    CHECK(GetDriveTypeA(NULL) >= DRIVE_FIXED && GetDriveTypeA(NULL) <= DRIVE_RAMDISK, "NULL: the current directory's");
    CHECK_EQ(GetDriveTypeA("Q:\\"), DRIVE_NO_ROOT_DIR, "another letter: no such drive");
    CHECK_EQ(GetDriveTypeA("C:\\no\\such\\dir\\"), DRIVE_NO_ROOT_DIR, "a missing directory");
    CHECK_EQ(GetDriveTypeW(L"C:\\"), GetDriveTypeA("C:\\"), "GetDriveTypeW (a wchar_t literal)");

    n = drives_answer(answer, sizeof answer);
    CHECK_EQ(n, 1, "one drive listed");
    CHECK(strncmp(answer, "C:\\ type=", 9) == 0, "the line names C:\\");

    /* The volume serial of a file is its volume's. */
    sprintf(path, "%s\\serial.txt", g_dir);
    make_file("serial.txt", 10);
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(GetFileInformationByHandle(f, &info), "GetFileInformationByHandle");
    file_serial = info.dwVolumeSerialNumber;
    CloseHandle(f);
    CHECK(GetVolumeInformationA(g_dir, NULL, 0, &serial, NULL, NULL, NULL, 0), "every out pointer may be NULL");
    CHECK_EQ(serial, file_serial, "the directory's volume serial is its files'");
    CHECK(!GetVolumeInformationA("Q:\\", NULL, 0, NULL, NULL, NULL, NULL, 0), "no volume for another letter");
    CHECK_EQ(GetLastError(), ERROR_PATH_NOT_FOUND, "... ERROR_PATH_NOT_FOUND");
    CHECK(!GetVolumeInformationA(path, NULL, 0, NULL, NULL, NULL, NULL, 0), "a file is no volume root");
    CHECK_EQ(GetLastError(), ERROR_DIRECTORY, "... ERROR_DIRECTORY");
    CHECK(!GetVolumeInformationA("C:\\", NULL, 0, NULL, NULL, NULL, (char *)buf, 1), "a file system name buffer of one char");
    CHECK_EQ(GetLastError(), ERROR_BAD_LENGTH, "... ERROR_BAD_LENGTH");
    CHECK(GetVolumeInformationW(L"C:\\", NULL, 0, NULL, NULL, NULL, wfs, 64) && wfs[0] != 0,
          "GetVolumeInformationW names the file system");
    CHECK(!GetDiskFreeSpaceExA("Q:\\", NULL, NULL, NULL), "no free space on a missing drive");

    /* The answer travels to a client as a server would send it. */
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 1) == 0, "listen");
    getsockname(l, (struct sockaddr *)&a, &alen);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect");
    s = accept(l, NULL, NULL);
    CHECK(send(s, answer, (int)strlen(answer), 0) == (int)strlen(answer), "send the drive list");
    closesocket(s);
    while ((n = recv(c, buf + got, (int)sizeof buf - 1 - got, 0)) > 0)
        got += n;
    buf[got] = '\0';
    CHECK(strcmp(buf, answer) == 0, "the client reads the drive list");
    closesocket(c);
    closesocket(l);
}

static void test_find_ex(void)
{
    char spec[MAX_PATH + 32];
    WIN32_FIND_DATAA fd;
    WIN32_FIND_DATAW wfd;
    HANDLE h;
    int files = 0, dirs = 0;

    make_file("one.log", 100);
    make_file("two.log", 200);
    sprintf(spec, "%s\\sub", g_dir);
    CHECK(CreateDirectoryA(spec, NULL), "a subdirectory");
    sprintf(spec, "%s\\*", g_dir);
    h = FindFirstFileExA(spec, FindExInfoBasic, &fd, FindExSearchLimitToDirectories, NULL, FIND_FIRST_EX_LARGE_FETCH);
    CHECK(h != INVALID_HANDLE_VALUE, "FindFirstFileEx with FindExInfoBasic and LimitToDirectories");
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0)
                continue;
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                dirs++;
            else
                files++;
            CHECK(fd.cAlternateFileName[0] == '\0', "no 8.3 name with FindExInfoBasic");
        } while (FindNextFileA(h, &fd));
        FindClose(h);
    }
    CHECK_EQ(dirs, 1, "the directory is listed");
    CHECK(files >= 2, "the advisory directory filter lists files too (check the attribute)");

    SetLastError(0);
    h = FindFirstFileExA(spec, FindExInfoStandard, &fd, FindExSearchLimitToDevices, NULL, 0);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER,
          "FindExSearchLimitToDevices is ERROR_INVALID_PARAMETER");
    h = FindFirstFileExA(spec, FindExInfoMaxInfoLevel, &fd, FindExSearchNameMatch, NULL, 0);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "an unknown level");
    h = FindFirstFileExA(spec, FindExInfoStandard, &fd, FindExSearchNameMatch, &fd, 0);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "a search filter");
    sprintf(spec, "%s\\*.none", g_dir);
    h = FindFirstFileExA(spec, FindExInfoStandard, &fd, FindExSearchNameMatch, NULL, 0);
    CHECK(h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "no match: ERROR_FILE_NOT_FOUND");

    {
        WCHAR wspec[MAX_PATH + 32];
        sprintf(spec, "%s\\one.log", g_dir);
        MultiByteToWideChar(CP_UTF8, 0, spec, -1, wspec, MAX_PATH + 32);
        h = FindFirstFileExW(wspec, FindExInfoStandard, &wfd, FindExSearchNameMatch, NULL, 0);
        CHECK(h != INVALID_HANDLE_VALUE && wfd.nFileSizeLow == 100 && wfd.cFileName[0] == 'o',
              "FindFirstFileExW finds one file");
        if (h != INVALID_HANDLE_VALUE)
            FindClose(h);
    }
}

static void test_handle_info(void)
{
    char path[MAX_PATH + 32], final_path[MAX_PATH + 32], moved[MAX_PATH + 32];
    HANDLE f;
    FILE_BASIC_INFO basic;
    FILE_STANDARD_INFO standard;
    FILE_ID_INFO id;
    BY_HANDLE_FILE_INFORMATION info;
    union {
        FILE_NAME_INFO info;
        BYTE bytes[sizeof(FILE_NAME_INFO) + MAX_PATH * 2 * sizeof(WCHAR)];
    } name;
    FILE_NAME_INFO small;
    DWORD len;
    const char *tail;

    sprintf(path, "%s\\info.dat", g_dir);
    make_file("info.dat", 5000);
    f = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE, "open the file");
    CHECK(GetFileInformationByHandle(f, &info), "GetFileInformationByHandle");

    CHECK(GetFileInformationByHandleEx(f, FileStandardInfo, &standard, sizeof standard), "FileStandardInfo");
    CHECK_EQ(standard.EndOfFile.QuadPart, 5000, "EndOfFile is the size");
    CHECK(standard.AllocationSize.QuadPart >= 5000, "AllocationSize covers it");
    CHECK(standard.NumberOfLinks == 1 && !standard.Directory && !standard.DeletePending, "one link, a file");

    CHECK(GetFileInformationByHandleEx(f, FileBasicInfo, &basic, sizeof basic), "FileBasicInfo");
    CHECK_EQ(basic.LastWriteTime.u.LowPart, info.ftLastWriteTime.dwLowDateTime, "the write time as GetFileTime's");
    CHECK(basic.FileAttributes & FILE_ATTRIBUTE_NORMAL, "the attributes");

    CHECK(GetFileInformationByHandleEx(f, FileIdInfo, &id, sizeof id), "FileIdInfo");
    CHECK_EQ((DWORD)id.VolumeSerialNumber, info.dwVolumeSerialNumber, "the volume serial");
    CHECK(memcmp(id.FileId.Identifier, &info.nFileIndexLow, 4) == 0, "the file id starts with the file index");

    CHECK(GetFileInformationByHandleEx(f, FileNameInfo, &name, sizeof name), "FileNameInfo");
    CHECK(name.info.FileNameLength > 0 && name.info.FileNameLength % 2 == 0 && name.info.FileName[0] == '\\',
          "the name is a \\-separated path");
    CHECK(!GetFileInformationByHandleEx(f, FileNameInfo, &small, sizeof small), "a FILE_NAME_INFO too small");
    CHECK_EQ(GetLastError(), ERROR_MORE_DATA, "... ERROR_MORE_DATA");
    CHECK_EQ(small.FileNameLength, name.info.FileNameLength, "... with the whole length");

    CHECK(!GetFileInformationByHandleEx(f, FileStandardInfo, &standard, 8), "a buffer smaller than the structure");
    CHECK_EQ(GetLastError(), ERROR_BAD_LENGTH, "... ERROR_BAD_LENGTH");
    CHECK(!GetFileInformationByHandleEx(f, FileDispositionInfo, &standard, sizeof standard), "a set-only class");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!GetFileInformationByHandleEx((HANDLE)12345, FileBasicInfo, &basic, sizeof basic), "no such handle");
    CHECK_EQ(GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");

    len = GetFinalPathNameByHandleA(f, final_path, sizeof final_path, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    CHECK(len > 0 && len < sizeof final_path && len == strlen(final_path), "GetFinalPathNameByHandle");
    tail = strrchr(final_path, '\\');
    CHECK(tail != NULL && strcmp(tail, "\\info.dat") == 0, "the path ends with the file's name");
    CHECK_EQ(GetFinalPathNameByHandleA(f, final_path, 3, 0), len + 1, "a short buffer: the size needed with the NUL");
    CHECK_EQ(GetFinalPathNameByHandleA(f, final_path, sizeof final_path, 0x10), 0, "unknown flags");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    /* A rename is seen through the open handle; the path reads back through CreateFile. */
    sprintf(moved, "%s\\renamed.dat", g_dir);
    CHECK(MoveFileA(path, moved), "rename the open file");
    len = GetFinalPathNameByHandleA(f, final_path, sizeof final_path, 0);
    tail = strrchr(final_path, '\\');
    CHECK(len > 0 && tail != NULL && strcmp(tail, "\\renamed.dat") == 0, "the path follows the rename");
    {
        HANDLE again = CreateFileA(final_path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING, 0, NULL);
        CHECK(again != INVALID_HANDLE_VALUE, "CreateFile opens the path it gave");
        CloseHandle(again);
    }
    {
        WCHAR wpath[MAX_PATH + 32];
        CHECK_EQ(GetFinalPathNameByHandleW(f, wpath, MAX_PATH + 32, VOLUME_NAME_NONE), len, "the W form");
    }
    CloseHandle(f);
    DeleteFileA(moved);
}

static void test_links(void)
{
    char target[MAX_PATH + 32], hard[MAX_PATH + 32], soft[MAX_PATH + 32], buf[16];
    HANDLE f;
    DWORD n = 0;
    BY_HANDLE_FILE_INFORMATION info;

    make_file("target.txt", 7);
    sprintf(target, "%s\\target.txt", g_dir);
    sprintf(hard, "%s\\hard.txt", g_dir);
    sprintf(soft, "%s\\soft.txt", g_dir);
    CHECK(CreateHardLinkA(hard, target, NULL), "CreateHardLink");
    f = CreateFileA(target, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(GetFileInformationByHandle(f, &info) && info.nNumberOfLinks == 2, "two links now");
    CloseHandle(f);
    CHECK(!CreateHardLinkA(hard, target, NULL), "a second link of the same name");
    CHECK_EQ(GetLastError(), ERROR_ALREADY_EXISTS, "... ERROR_ALREADY_EXISTS");
    CHECK(!CreateHardLinkA(hard, NULL, NULL), "a NULL name");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");

    CHECK(CreateSymbolicLinkA(soft, "target.txt", SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE),
          "CreateSymbolicLink with a relative target");
    f = CreateFileA(soft, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    CHECK(f != INVALID_HANDLE_VALUE && ReadFile(f, buf, sizeof buf, &n, NULL) && n == 7, "reading through the link");
    CloseHandle(f);
    CHECK(!CreateSymbolicLinkA(soft, "target.txt", 0x100), "unknown flags");
    CHECK_EQ(GetLastError(), ERROR_INVALID_PARAMETER, "... ERROR_INVALID_PARAMETER");
    CHECK(!CreateSymbolicLinkW(L"", L"x", 0), "an empty link name");
    DeleteFileA(soft);
    DeleteFileA(hard);
    DeleteFileA(target);
}

struct progress {
    int calls, stream_switches;
    LONGLONG last, total;
    int cancel_at;
};

static DWORD CALLBACK on_progress(LARGE_INTEGER TotalFileSize, LARGE_INTEGER TotalBytesTransferred,
                                  LARGE_INTEGER StreamSize, LARGE_INTEGER StreamBytesTransferred, DWORD dwStreamNumber,
                                  DWORD dwCallbackReason, HANDLE hSourceFile, HANDLE hDestinationFile, LPVOID lpData)
{
    struct progress *p = (struct progress *)lpData;
    (void)StreamSize;
    (void)StreamBytesTransferred;
    (void)dwStreamNumber;
    (void)hSourceFile;
    (void)hDestinationFile;
    p->calls++;
    if (dwCallbackReason == CALLBACK_STREAM_SWITCH)
        p->stream_switches++;
    p->last = TotalBytesTransferred.QuadPart;
    p->total = TotalFileSize.QuadPart;
    if (p->cancel_at && p->calls == p->cancel_at)
        return PROGRESS_CANCEL;
    return PROGRESS_CONTINUE;
}

static void test_copy_progress(void)
{
    char from[MAX_PATH + 32], to[MAX_PATH + 32];
    struct progress p;
    BOOL cancel = FALSE;
    LPPROGRESS_ROUTINE routine = on_progress;

    make_file("big.bin", 3 * 1024 * 1024 + 5);
    sprintf(from, "%s\\big.bin", g_dir);
    sprintf(to, "%s\\copy.bin", g_dir);
    memset(&p, 0, sizeof p);
    CHECK(CopyFileExA(from, to, routine, &p, &cancel, 0), "CopyFileEx with a progress routine");
    CHECK_EQ(p.stream_switches, 1, "one CALLBACK_STREAM_SWITCH");
    CHECK(p.calls >= 4, "a call per MiB chunk");
    CHECK_EQ(p.last, 3 * 1024 * 1024 + 5, "the last call reports every byte");
    CHECK_EQ(p.total, 3 * 1024 * 1024 + 5, "TotalFileSize");
    CHECK(!CopyFileExA(from, to, NULL, NULL, NULL, COPY_FILE_FAIL_IF_EXISTS), "COPY_FILE_FAIL_IF_EXISTS");
    CHECK_EQ(GetLastError(), ERROR_FILE_EXISTS, "... ERROR_FILE_EXISTS");

    memset(&p, 0, sizeof p);
    p.cancel_at = 2;
    DeleteFileA(to);
    CHECK(!CopyFileExA(from, to, on_progress, &p, NULL, 0), "PROGRESS_CANCEL stops the copy");
    CHECK_EQ(GetLastError(), ERROR_REQUEST_ABORTED, "... ERROR_REQUEST_ABORTED");
    CHECK_EQ(GetFileAttributesA(to), INVALID_FILE_ATTRIBUTES, "... and removes the new file");

    cancel = TRUE;
    CHECK(!CopyFileExA(from, to, NULL, NULL, &cancel, 0), "*pbCancel set cancels");
    CHECK_EQ(GetLastError(), ERROR_REQUEST_ABORTED, "... ERROR_REQUEST_ABORTED");

    memset(&p, 0, sizeof p);
    CHECK(MoveFileWithProgressA(from, to, on_progress, &p, MOVEFILE_REPLACE_EXISTING), "MoveFileWithProgress");
    CHECK_EQ(p.calls, 0, "a rename makes no progress call");
    CHECK(GetFileAttributesA(from) == INVALID_FILE_ATTRIBUTES && GetFileAttributesA(to) != INVALID_FILE_ATTRIBUTES,
          "the file moved");
    CHECK(CopyFileExW(L"/no/such/file", L"/tmp/never", NULL, NULL, NULL, 0) == FALSE &&
              GetLastError() == ERROR_PATH_NOT_FOUND,
          "CopyFileExW from a missing directory: ERROR_PATH_NOT_FOUND");
    DeleteFileA(to);
}

int main(void)
{
    WSADATA wsa;
    char sub[MAX_PATH + 32];
    CHECK(WSAStartup(MAKEWORD(2, 2), &wsa) == 0, "WSAStartup");
    GetTempPathA(MAX_PATH, g_dir);
    sprintf(g_dir + strlen(g_dir), "ws2mp_volumes_%lu", (unsigned long)GetCurrentProcessId());
    CHECK(CreateDirectoryA(g_dir, NULL), "a directory of our own");

    test_drives();
    test_find_ex();
    test_handle_info();
    test_links();
    test_copy_progress();

    sprintf(sub, "%s\\sub", g_dir);
    RemoveDirectoryA(sub);
    DeleteFileA(strcat(strcpy(sub, g_dir), "\\one.log"));
    DeleteFileA(strcat(strcpy(sub, g_dir), "\\two.log"));
    DeleteFileA(strcat(strcpy(sub, g_dir), "\\serial.txt"));
    CHECK(RemoveDirectoryA(g_dir), "the directory is empty again");
    WSACleanup();
    return check_done();
}
