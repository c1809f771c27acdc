/* The registry the way a legacy server keeps its settings: a key under HKEY_CURRENT_USER
 * created with RegCreateKeyEx, typed values set and read back with Windows' size protocol,
 * enumeration, RegGetValue's type filter, deletion rules, the W forms, and the file that
 * keeps it all for the next run. */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "wide.h"

int main(void)
{
    char dir[MAX_PATH], keypath[128], buf[256], name[64];
    HKEY key, sub, again;
    DWORD disp, type, size, port = 5150, n, subkeys, values, maxname;
    unsigned char blob[3] = {1, 2, 3};
    static const char multi[] = "alpha\0beta\0";
    unsigned __int64 big = 0x0102030405060708ULL, big_back = 0;
    WCHAR wbuf[32];
    FILE *f;
    int found = 0;

    GetTempPathA(sizeof dir, dir);
    sprintf(dir + strlen(dir), "ws2mp_registry_%lu", (unsigned long)GetCurrentProcessId());
    REQUIRE(SetEnvironmentVariableA("WS2MP_REGISTRY", dir), "keep this test's registry in a directory of its own");
    sprintf(keypath, "Software\\ws2mp-test\\Server%lu", (unsigned long)GetCurrentProcessId());

    CHECK_EQ(RegOpenKeyExA(HKEY_CURRENT_USER, keypath, 0, KEY_READ, &key), ERROR_FILE_NOT_FOUND,
             "RegOpenKeyEx on a key not created yet: ERROR_FILE_NOT_FOUND");
    CHECK_EQ(RegOpenKeyExA(HKEY_LOCAL_MACHINE, "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters", 0,
                           KEY_READ, &key),
             ERROR_FILE_NOT_FOUND, "Windows' own keys are not there: the program uses its defaults");

    CHECK_EQ(RegCreateKeyExA(HKEY_CURRENT_USER, keypath, 0, NULL, REG_OPTION_NON_VOLATILE, KEY_ALL_ACCESS, NULL, &key,
                             &disp),
             ERROR_SUCCESS, "RegCreateKeyEx");
    CHECK_EQ(disp, REG_CREATED_NEW_KEY, "... REG_CREATED_NEW_KEY");
    CHECK_EQ(RegSetValueExA(key, "Port", 0, REG_DWORD, (const BYTE *)&port, sizeof port), ERROR_SUCCESS, "REG_DWORD");
    CHECK_EQ(RegSetValueExA(key, "Name", 0, REG_SZ, (const BYTE *)"echo server", 12), ERROR_SUCCESS, "REG_SZ");
    CHECK_EQ(RegSetValueExA(key, "Blob", 0, REG_BINARY, blob, sizeof blob), ERROR_SUCCESS, "REG_BINARY");
    CHECK_EQ(RegSetValueExA(key, "Peers", 0, REG_MULTI_SZ, (const BYTE *)multi, sizeof multi), ERROR_SUCCESS,
             "REG_MULTI_SZ");
    CHECK_EQ(RegSetValueExA(key, "Big", 0, REG_QWORD, (const BYTE *)&big, sizeof big), ERROR_SUCCESS, "REG_QWORD");
    CHECK_EQ(RegSetValueExA(key, "Log", 0, REG_EXPAND_SZ, (const BYTE *)"%WS2MP_REG_DIR%\\log", 20), ERROR_SUCCESS,
             "REG_EXPAND_SZ");
    CHECK_EQ(RegSetValueExA(key, NULL, 0, REG_SZ, (const BYTE *)"default", 8), ERROR_SUCCESS, "the default value");
    CHECK_EQ(RegSetValueExA(key, "Bad", 0, REG_DWORD, (const BYTE *)&port, 2), ERROR_INVALID_PARAMETER,
             "a REG_DWORD of 2 bytes: ERROR_INVALID_PARAMETER");
    CHECK_EQ(RegCloseKey(key), ERROR_SUCCESS, "RegCloseKey");
    CHECK_EQ(RegCloseKey(key), ERROR_INVALID_HANDLE, "... twice: ERROR_INVALID_HANDLE");

    /* Read back, as the program's next start would. */
    CHECK_EQ(RegOpenKeyExA(HKEY_CURRENT_USER, "SOFTWARE\\WS2MP-TEST", 0, KEY_READ, &key), ERROR_SUCCESS,
             "RegOpenKeyEx, names in any case");
    CHECK_EQ(RegOpenKeyExA(key, keypath + strlen("Software\\ws2mp-test\\"), 0, KEY_READ, &sub), ERROR_SUCCESS,
             "... a subkey of an open key");
    port = 0;
    size = sizeof port;
    CHECK(RegQueryValueExA(sub, "port", NULL, &type, (BYTE *)&port, &size) == ERROR_SUCCESS && type == REG_DWORD &&
              port == 5150 && size == 4,
          "RegQueryValueEx of the REG_DWORD");
    size = 0;
    CHECK(RegQueryValueExA(sub, "Name", NULL, &type, NULL, &size) == ERROR_SUCCESS && size == 12 && type == REG_SZ,
          "no buffer: the size, the NUL counted");
    size = 4;
    CHECK(RegQueryValueExA(sub, "Name", NULL, NULL, (BYTE *)buf, &size) == ERROR_MORE_DATA && size == 12,
          "a buffer too small: ERROR_MORE_DATA and the size needed");
    size = sizeof buf;
    CHECK(RegQueryValueExA(sub, "Name", NULL, NULL, (BYTE *)buf, &size) == ERROR_SUCCESS && strcmp(buf, "echo server") == 0,
          "the REG_SZ");
    size = sizeof buf;
    CHECK(RegQueryValueExA(sub, "Peers", NULL, &type, (BYTE *)buf, &size) == ERROR_SUCCESS && type == REG_MULTI_SZ &&
              size == sizeof multi && memcmp(buf, multi, sizeof multi) == 0,
          "the REG_MULTI_SZ");
    size = sizeof buf;
    CHECK(RegQueryValueExA(sub, "Blob", NULL, &type, (BYTE *)buf, &size) == ERROR_SUCCESS && size == 3 && buf[2] == 3,
          "the REG_BINARY");
    size = sizeof buf;
    CHECK(RegQueryValueExA(sub, "", NULL, NULL, (BYTE *)buf, &size) == ERROR_SUCCESS && strcmp(buf, "default") == 0,
          "the default value by an empty name");
    size = sizeof buf;
    CHECK_EQ(RegQueryValueExA(sub, "Missing", NULL, NULL, (BYTE *)buf, &size), ERROR_FILE_NOT_FOUND,
             "a missing value: ERROR_FILE_NOT_FOUND");

    /* RegGetValue: the type filter, expansion. */
    size = sizeof big_back;
    CHECK(RegGetValueA(HKEY_CURRENT_USER, keypath, "Big", RRF_RT_QWORD, &type, &big_back, &size) == ERROR_SUCCESS &&
              big_back == big && type == REG_QWORD,
          "RegGetValue(RRF_RT_QWORD) by path");
    size = sizeof port;
    CHECK_EQ(RegGetValueA(sub, NULL, "Name", RRF_RT_REG_DWORD, NULL, &port, &size), ERROR_UNSUPPORTED_TYPE,
             "a type outside the filter: ERROR_UNSUPPORTED_TYPE");
    SetEnvironmentVariableA("WS2MP_REG_DIR", "/var/tmp");
    size = sizeof buf;
    CHECK(RegGetValueA(sub, NULL, "Log", RRF_RT_REG_SZ, &type, buf, &size) == ERROR_SUCCESS && type == REG_SZ &&
              strcmp(buf, "/var/tmp\\log") == 0,
          "a REG_EXPAND_SZ comes back expanded, as REG_SZ");
    size = sizeof buf;
    CHECK(RegGetValueA(sub, NULL, "Log", RRF_RT_ANY | RRF_NOEXPAND, &type, buf, &size) == ERROR_SUCCESS &&
              type == REG_EXPAND_SZ && strcmp(buf, "%WS2MP_REG_DIR%\\log") == 0,
          "... as written with RRF_NOEXPAND");

    /* Enumeration. */
    CHECK(RegQueryInfoKeyA(sub, NULL, NULL, NULL, &subkeys, NULL, NULL, &values, &maxname, NULL, NULL, NULL) ==
                  ERROR_SUCCESS &&
              subkeys == 0 && values == 7 && maxname == 5,
          "RegQueryInfoKey: 0 subkeys, 7 values, longest name 5");
    for (n = 0;; n++) {
        DWORD len = sizeof name;
        LONG r = RegEnumValueA(sub, n, name, &len, NULL, &type, NULL, NULL);
        if (r != ERROR_SUCCESS) {
            CHECK_EQ(r, ERROR_NO_MORE_ITEMS, "RegEnumValue ends with ERROR_NO_MORE_ITEMS");
            break;
        }
        if (n == 0)
            CHECK(strcmp(name, "Port") == 0 && len == 4 && type == REG_DWORD, "RegEnumValue: in the order set");
    }
    CHECK_EQ(n, 7, "... all seven");
    CHECK_EQ(RegCreateKeyA(sub, "Clients\\Limits", &again), ERROR_SUCCESS, "RegCreateKey of a path two deep");
    RegCloseKey(again);
    n = sizeof name;
    CHECK(RegEnumKeyExA(sub, 0, name, &n, NULL, NULL, NULL, NULL) == ERROR_SUCCESS && strcmp(name, "Clients") == 0 &&
              n == 7,
          "RegEnumKeyEx");
    n = 3;
    CHECK_EQ(RegEnumKeyExA(sub, 0, name, &n, NULL, NULL, NULL, NULL), ERROR_MORE_DATA, "... into a short buffer: ERROR_MORE_DATA");
    n = sizeof name;
    CHECK_EQ(RegEnumKeyExA(sub, 1, name, &n, NULL, NULL, NULL, NULL), ERROR_NO_MORE_ITEMS, "... past the last");
    CHECK_EQ(RegEnumKeyA(sub, 0, name, sizeof name), ERROR_SUCCESS, "RegEnumKey");

    /* The W forms: a WCHAR string read back through the A form. */
    CHECK_EQ(RegSetValueExW(sub, W("Wide"), 0, REG_SZ, (const BYTE *)W("caf"), 4 * sizeof(WCHAR)), ERROR_SUCCESS,
             "RegSetValueExW");
    size = sizeof buf;
    CHECK(RegQueryValueExA(sub, "wide", NULL, NULL, (BYTE *)buf, &size) == ERROR_SUCCESS && strcmp(buf, "caf") == 0 &&
              size == 4,
          "... read by RegQueryValueExA as ANSI");
    size = sizeof wbuf;
    CHECK(RegQueryValueExW(sub, W("Name"), NULL, NULL, (BYTE *)wbuf, &size) == ERROR_SUCCESS && size == 24 &&
              wbuf[0] == 'e' && wbuf[11] == 0,
          "RegQueryValueExW of an A-written string: UTF-16, 24 bytes");

    /* Deletion. */
    CHECK_EQ(RegDeleteValueA(sub, "Blob"), ERROR_SUCCESS, "RegDeleteValue");
    CHECK_EQ(RegDeleteValueA(sub, "Blob"), ERROR_FILE_NOT_FOUND, "... again: ERROR_FILE_NOT_FOUND");
    CHECK_EQ(RegDeleteKeyA(sub, "Clients"), ERROR_ACCESS_DENIED, "RegDeleteKey of a key with subkeys: ERROR_ACCESS_DENIED");
    CHECK_EQ(RegDeleteKeyA(sub, "Clients\\Limits"), ERROR_SUCCESS, "RegDeleteKey of a leaf");
    CHECK_EQ(RegDeleteKeyA(sub, "Clients"), ERROR_SUCCESS, "... then of its parent");

    /* The file that keeps it. */
    sprintf(buf, "%s/HKEY_CURRENT_USER.reg", dir);
    f = fopen(buf, "r");
    REQUIRE(f != NULL, "the registry file for HKEY_CURRENT_USER exists");
    while (fgets(buf, sizeof buf, f) != NULL)
        found |= strstr(buf, "\"Port\"=4:") != NULL;
    fclose(f);
    CHECK(found, "... and holds the Port value");

    CHECK_EQ(RegCloseKey(sub), ERROR_SUCCESS, "close the subkey");
    CHECK_EQ(RegDeleteTreeA(key, NULL), ERROR_SUCCESS, "RegDeleteTree(NULL) empties the key");
    CHECK_EQ(RegOpenKeyExA(HKEY_CURRENT_USER, keypath, 0, KEY_READ, &again), ERROR_FILE_NOT_FOUND, "... the server's key is gone");
    CHECK_EQ(RegCloseKey(key), ERROR_SUCCESS, "close the key");
    CHECK_EQ(RegCloseKey(HKEY_CURRENT_USER), ERROR_SUCCESS, "closing a predefined key succeeds");

    sprintf(buf, "%s/HKEY_CURRENT_USER.reg", dir);
    DeleteFileA(buf);
    RemoveDirectoryA(dir);
    return check_done();
}
