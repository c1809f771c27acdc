/* The wide C runtime's file and directory calls the way a Unicode upload spooler uses them,
 * having included only <stdio.h>, <wchar.h>, <direct.h>, <io.h> and <sys/stat.h> (no Windows
 * header): it remembers where it started with _wgetcwd, makes its spool directory with
 * _wmkdir (a name with an accent), moves into it with _wchdir, writes an upload with _wfopen,
 * sizes it with _wstat into a `struct _stat` (and _wstat64 into a `struct _stat64`), checks it
 * with _waccess, marks it read-only with _wchmod, renames it with _wrename, deletes it with
 * _wunlink, drops a marker with _wremove, and removes the directory with _wrmdir. Also the
 * errors Windows' C library gives: EEXIST for a directory that exists, ENOENT for names that
 * do not, ERANGE from _wgetcwd when the buffer is too small, a malloc'd buffer for NULL, and
 * a path written with `\`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include <direct.h>
#include <io.h>
#include <process.h>
#include <sys/types.h>
#include <sys/stat.h>
#include "check.h"

int main(void)
{
    wchar_t start[512], inside[512], spool[64], tiny[4];
    wchar_t *dup;
    struct _stat st;
    struct _stat64 st64;
    FILE *f;

    REQUIRE(_wgetcwd(start, 512) != NULL, "_wgetcwd gives the starting directory");
    CHECK(wcslen(start) > 0, "and it is not empty");
    dup = _wgetcwd(NULL, 0);
    REQUIRE(dup != NULL, "_wgetcwd(NULL, 0) allocates the buffer");
    CHECK(wcscmp(dup, start) == 0, "with the same directory in it");
    free(dup);
    errno = 0;
    CHECK(_wgetcwd(tiny, 4) == NULL && errno == ERANGE, "a buffer too small is NULL with ERANGE");

    /* A spool directory of its own, named with a non-ASCII character. */
    swprintf(spool, 64, L"spool_caf\x00e9_%d", (int)_getpid());
    CHECK_EQ(_wmkdir(spool), 0, "_wmkdir makes the spool directory");
    errno = 0;
    CHECK(_wmkdir(spool) == -1 && errno == EEXIST, "a second _wmkdir fails with EEXIST");
    CHECK_EQ(_waccess(spool, 0), 0, "_waccess finds the directory");
    CHECK(_wstat(spool, &st) == 0 && (st.st_mode & _S_IFMT) == _S_IFDIR, "_wstat says it is a directory");
    REQUIRE(_wchdir(spool) == 0, "_wchdir moves into it");
    REQUIRE(_wgetcwd(inside, 512) != NULL, "_wgetcwd inside");
    CHECK(wcslen(inside) > wcslen(start) && wcsstr(inside, spool) != NULL, "the new directory ends with the spool's name");

    f = _wfopen(L"upload.part", L"wb");
    REQUIRE(f != NULL, "_wfopen creates the upload");
    fwrite("0123456789", 1, 10, f);
    fclose(f);
    CHECK(_wstat(L"upload.part", &st) == 0 && st.st_size == 10 && (st.st_mode & _S_IFMT) == _S_IFREG,
          "_wstat gives the upload's size into a struct _stat");
    CHECK(_wstat64(L"upload.part", &st64) == 0 && st64.st_size == 10, "_wstat64 into a struct _stat64");
    CHECK_EQ(_waccess(L"upload.part", 6), 0, "_waccess: readable and writable");
    CHECK_EQ(_wchmod(L"upload.part", _S_IREAD), 0, "_wchmod marks it read-only");
    CHECK(_wstat(L"upload.part", &st) == 0 && (st.st_mode & _S_IWRITE) == 0, "the write bit is gone");
    CHECK_EQ(_wchmod(L"upload.part", _S_IREAD | _S_IWRITE), 0, "_wchmod makes it writable again");
    CHECK_EQ(_wrename(L"upload.part", L"upload.done"), 0, "_wrename completes the upload");
    errno = 0;
    CHECK(_waccess(L"upload.part", 0) == -1 && errno == ENOENT, "the old name is gone (ENOENT)");
    errno = 0;
    CHECK(_waccess(L"upload.done", 1) == -1 && errno == EINVAL, "_waccess mode 1 is EINVAL, as on Windows");

    /* A path with a backslash, as the program builds it on Windows. */
    CHECK_EQ(_wmkdir(L"sub"), 0, "_wmkdir a subdirectory");
    f = _wfopen(L"sub\\marker.txt", L"w");
    REQUIRE(f != NULL, "_wfopen with a backslash path");
    fclose(f);
    CHECK(_wstat(L"sub\\marker.txt", &st) == 0 && st.st_size == 0, "_wstat reads the backslash path");
    CHECK_EQ(_wremove(L"sub\\marker.txt"), 0, "_wremove deletes the marker");
    CHECK_EQ(_wrmdir(L"sub"), 0, "_wrmdir removes the subdirectory");

    CHECK_EQ(_wunlink(L"upload.done"), 0, "_wunlink deletes the upload");
    errno = 0;
    CHECK(_wunlink(L"upload.done") == -1 && errno == ENOENT, "a second _wunlink fails with ENOENT");
    errno = 0;
    CHECK(_wstat(L"upload.done", &st) == -1 && errno == ENOENT, "_wstat of a missing file: ENOENT");
    errno = 0;
    CHECK(_wchdir(L"no such directory") == -1 && errno == ENOENT, "_wchdir to nowhere: ENOENT");

    REQUIRE(_wchdir(start) == 0, "_wchdir back to the start");
    errno = 0;
    CHECK(_wrmdir(L"no such directory") == -1 && errno == ENOENT, "_wrmdir of nothing: ENOENT");
    CHECK_EQ(_wrmdir(spool), 0, "_wrmdir removes the spool directory");
    CHECK(_waccess(spool, 0) == -1, "and it is gone");
    return check_done();
}
