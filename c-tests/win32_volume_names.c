/* A disk-inventory agent lists the machine's volumes the Windows way: FindFirstVolume/
 * FindNextVolume for the unique names, GetVolumePathNamesForVolumeName for each one's drive
 * letters, GetVolumeInformation and GetDiskFreeSpaceEx on the unique name itself. ws2mp has
 * one volume, C:, the system's root (docs/WINDOWS.md §10.10; Wine's kernel32 volume.c test). */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void test_list_volumes(void)
{
    char name[MAX_PATH], paths[MAX_PATH], fs[64], mounted[MAX_PATH];
    DWORD needed = 0, serial = 0;
    ULARGE_INTEGER avail, total;
    HANDLE find;
    int count = 0;

    SetLastError(0);
    find = FindFirstVolumeA(name, 49);
    CHECK(find == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILENAME_EXCED_RANGE,
          "a buffer too small for the name: ERROR_FILENAME_EXCED_RANGE");
    find = FindFirstVolumeA(name, sizeof(name));
    REQUIRE(find != INVALID_HANDLE_VALUE, "FindFirstVolume");
    do {
        count++;
        CHECK(strlen(name) == 49 && strncmp(name, "\\\\?\\Volume{", 11) == 0 && strcmp(name + 47, "}\\") == 0,
              "the name is \\\\?\\Volume{GUID}\\");
        SetLastError(0);
        CHECK(!GetVolumePathNamesForVolumeNameA(name, paths, 2, &needed) && GetLastError() == ERROR_MORE_DATA,
              "GetVolumePathNamesForVolumeName with a short buffer: ERROR_MORE_DATA");
        CHECK_EQ(needed, 5, "... and the size needed");
        CHECK(GetVolumePathNamesForVolumeNameA(name, paths, sizeof(paths), &needed), "GetVolumePathNamesForVolumeName");
        CHECK(strcmp(paths, "C:\\") == 0 && paths[4] == '\0', "the volume is mounted at C:\\");
        CHECK(GetVolumeInformationA(name, NULL, 0, &serial, NULL, NULL, fs, sizeof(fs)), "GetVolumeInformation of the unique name");
        CHECK(GetDiskFreeSpaceExA(name, &avail, &total, NULL) && total.QuadPart > 0, "GetDiskFreeSpaceEx of the unique name");
        CHECK_EQ(GetDriveTypeA(name) != DRIVE_NO_ROOT_DIR, 1, "GetDriveType of the unique name");
    } while (FindNextVolumeA(find, name, sizeof(name)));
    CHECK_EQ(GetLastError(), ERROR_NO_MORE_FILES, "the list ends with ERROR_NO_MORE_FILES");
    CHECK_EQ(count, 1, "one volume");
    CHECK(FindVolumeClose(find), "FindVolumeClose");
    SetLastError(0);
    CHECK(!FindVolumeClose(find) && GetLastError() == ERROR_INVALID_HANDLE, "closed twice: ERROR_INVALID_HANDLE");

    CHECK(GetVolumeNameForVolumeMountPointA("C:\\", mounted, sizeof(mounted)), "GetVolumeNameForVolumeMountPoint(C:\\)");
    CHECK(strncmp(mounted, "\\\\?\\Volume{", 11) == 0, "... the same kind of name");
    SetLastError(0);
    CHECK(!GetVolumeNameForVolumeMountPointA("C:", mounted, sizeof(mounted)) && GetLastError() == ERROR_INVALID_NAME,
          "without the trailing \\: ERROR_INVALID_NAME");
    SetLastError(0);
    CHECK(!GetVolumeNameForVolumeMountPointA("Q:\\", mounted, sizeof(mounted)) && GetLastError() == ERROR_FILE_NOT_FOUND,
          "a drive that does not exist: ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    CHECK(!GetVolumeNameForVolumeMountPointA("C:\\", mounted, 10) && GetLastError() == ERROR_FILENAME_EXCED_RANGE,
          "a short buffer: ERROR_FILENAME_EXCED_RANGE");
    CHECK(GetVolumeInformationA("\\\\?\\C:\\", NULL, 0, NULL, NULL, NULL, fs, sizeof(fs)), "GetVolumeInformation(\\\\?\\C:\\)");
    CHECK(GetVolumeInformationA("\\\\.\\C:\\", NULL, 0, NULL, NULL, NULL, fs, sizeof(fs)), "GetVolumeInformation(\\\\.\\C:\\)");
}

static void test_wide(void)
{
    WCHAR name[64], paths[16];
    DWORD needed = 0;
    HANDLE find = FindFirstVolumeW(name, 64);
    REQUIRE(find != INVALID_HANDLE_VALUE, "FindFirstVolumeW");
    CHECK(name[0] == '\\' && name[4] == 'V' && name[48] == '\\' && name[49] == 0, "the W name");
    CHECK(GetVolumePathNamesForVolumeNameW(name, paths, 16, &needed) && paths[0] == 'C' && paths[3] == 0 && paths[4] == 0,
          "GetVolumePathNamesForVolumeNameW");
    CHECK(!FindNextVolumeW(find, name, 64) && GetLastError() == ERROR_NO_MORE_FILES, "FindNextVolumeW");
    CHECK(FindVolumeClose(find), "FindVolumeClose");
    CHECK(GetVolumeNameForVolumeMountPointW(L"C:\\", name, 64), "GetVolumeNameForVolumeMountPointW");
}

int main(void)
{
    test_list_volumes();
    test_wide();
    return check_done();
}
