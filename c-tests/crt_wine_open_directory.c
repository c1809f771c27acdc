/* A file tool's first step the way Windows programs write it: "is this name a file I can read?"
 * answered by fopen / _open, and only when that fails with EACCES the name is taken for a
 * directory and listed with _findfirst / _findnext. On Windows a directory never opens as a
 * file: fopen gives NULL and _open -1, both with errno EACCES, whatever the mode (Wine's msvcrt
 * file.c and dir.c tests; CreateFile refuses a directory without backup semantics). The C
 * library opens a directory for reading, so the tool would "read" it and never list it. Also
 * checked: the low-level calls on a real file (_O_BINARY writes, _lseek, _fstat, _read at the
 * end, _close twice) and the search's end (ENOENT). */
#include <windows.h>
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "check.h"

/* What the tool does with a name: 1 read as a file, 2 listed as a directory, 0 neither. */
static int open_or_list(const char *name, int *entries)
{
    FILE *f = fopen(name, "rb");
    char spec[MAX_PATH + 8];
    struct _finddata_t found;
    intptr_t h;
    if (f != NULL) {
        fclose(f);
        return 1;
    }
    if (errno != EACCES)
        return 0;
    snprintf(spec, sizeof spec, "%s\\*", name);
    h = _findfirst(spec, &found);
    if (h == -1)
        return 0;
    *entries = 0;
    do {
        if (strcmp(found.name, ".") != 0 && strcmp(found.name, "..") != 0)
            (*entries)++;
    } while (_findnext(h, &found) == 0);
    _findclose(h);
    return 2;
}

int main(void)
{
    char tmp[MAX_PATH], dir[MAX_PATH + 64], file[MAX_PATH + 96], buf[32], spec[MAX_PATH + 96];
    struct _stat st;
    struct _finddata_t found;
    intptr_t h;
    FILE *f;
    int fd, r, entries = -1, saw_dot = 0, saw_file = 0, more;
    DWORD n;

    n = GetTempPathA(sizeof tmp, tmp);
    REQUIRE(n > 0 && n < sizeof tmp, "GetTempPathA");
    snprintf(dir, sizeof dir, "%sws2mp_opendir_%lu", tmp, (unsigned long)GetCurrentProcessId());
    snprintf(file, sizeof file, "%s\\data.bin", dir);
    REQUIRE(_mkdir(dir) == 0, "_mkdir makes the work directory");

    errno = 0;
    f = fopen(dir, "r");
    CHECK(f == NULL, "fopen of a directory for reading fails");
    CHECK_EQ(errno, EACCES, "with errno EACCES");
    if (f != NULL)
        fclose(f);
    errno = 0;
    f = fopen(dir, "rb");
    CHECK(f == NULL && errno == EACCES, "in binary mode too");
    if (f != NULL)
        fclose(f);
    errno = 0;
    f = fopen(dir, "w");
    CHECK(f == NULL && errno == EACCES, "fopen of a directory for writing: NULL, EACCES");
    if (f != NULL)
        fclose(f);
    errno = 0;
    f = fopen(dir, "a+");
    CHECK(f == NULL && errno == EACCES, "fopen of a directory for appending: NULL, EACCES");
    if (f != NULL)
        fclose(f);
    f = (FILE *)&f;
    CHECK_EQ(fopen_s(&f, dir, "r"), EACCES, "fopen_s of a directory returns EACCES");
    CHECK(f == NULL, "and gives no FILE");
    if (f != NULL && f != (FILE *)&f)
        fclose(f);

    errno = 0;
    fd = _open(dir, _O_RDONLY | _O_BINARY);
    CHECK_EQ(fd, -1, "_open of a directory read-only fails");
    CHECK_EQ(errno, EACCES, "with errno EACCES");
    if (fd >= 0)
        _close(fd);
    errno = 0;
    fd = _open(dir, _O_WRONLY);
    CHECK(fd == -1 && errno == EACCES, "_open of a directory for writing: -1, EACCES");
    if (fd >= 0)
        _close(fd);

    CHECK(_stat(dir, &st) == 0 && (st.st_mode & _S_IFDIR) != 0, "_stat says it is a directory");

    /* A file in it, written with the low-level calls. */
    fd = _open(file, _O_CREAT | _O_WRONLY | _O_TRUNC | _O_BINARY, _S_IREAD | _S_IWRITE);
    REQUIRE(fd >= 0, "_open creates a file in the directory");
    CHECK_EQ(_write(fd, "0123456789", 10), 10, "_write writes ten bytes");
    CHECK_EQ(_lseek(fd, 0, SEEK_CUR), 10, "_lseek reports the position after them");
    CHECK_EQ(_lseek(fd, 4, SEEK_SET), 4, "_lseek to 4 from the start");
    CHECK_EQ(_write(fd, "ab", 2), 2, "a write in the middle");
    errno = 0;
    r = (int)_lseek(fd, -1, SEEK_SET);
    CHECK(r == -1 && errno == EINVAL, "_lseek before the start: -1, EINVAL");
    CHECK(_fstat(fd, &st) == 0 && st.st_size == 10 && (st.st_mode & _S_IFREG) != 0,
          "_fstat: a regular file of 10 bytes");
    CHECK_EQ(_close(fd), 0, "_close");
    errno = 0;
    CHECK(_close(fd) == -1 && errno == EBADF, "a second _close: -1, EBADF");

    fd = _open(file, _O_RDONLY | _O_BINARY);
    REQUIRE(fd >= 0, "the file opens read-only");
    memset(buf, 0, sizeof buf);
    CHECK_EQ(_read(fd, buf, sizeof buf), 10, "_read returns the ten bytes");
    CHECK(memcmp(buf, "0123ab6789", 10) == 0, "with the middle rewritten");
    CHECK_EQ(_read(fd, buf, sizeof buf), 0, "_read at the end returns 0");
    errno = 0;
    CHECK(_write(fd, "x", 1) == -1 && errno == EBADF, "_write on a read-only descriptor: EBADF");
    _close(fd);

    f = fopen(file, "rb");
    CHECK(f != NULL, "fopen of the file itself succeeds");
    if (f != NULL) {
        errno = 0;
        f = freopen(dir, "rb", f);
        CHECK(f == NULL && errno == EACCES, "freopen of the stream onto the directory: NULL, EACCES");
        if (f != NULL)
            fclose(f);
    }

    CHECK_EQ(open_or_list(file, &entries), 1, "the tool reads the file as a file");
    CHECK_EQ(open_or_list(dir, &entries), 2, "and lists the directory as a directory");
    CHECK_EQ(entries, 1, "which holds the one file");

    snprintf(spec, sizeof spec, "%s\\*", dir);
    h = _findfirst(spec, &found);
    REQUIRE(h != -1, "_findfirst over the directory");
    do {
        saw_dot += strcmp(found.name, ".") == 0 || strcmp(found.name, "..") == 0;
        if (strcmp(found.name, "data.bin") == 0)
            saw_file = found.size == 10 && (found.attrib & _A_SUBDIR) == 0;
        errno = 0;
        more = _findnext(h, &found) == 0;
    } while (more);
    CHECK_EQ(errno, ENOENT, "_findnext after the last entry: errno ENOENT");
    CHECK_EQ(saw_dot, 2, "the search lists . and ..");
    CHECK(saw_file, "and the file, 10 bytes, not a directory");
    CHECK_EQ(_findclose(h), 0, "_findclose");

    snprintf(spec, sizeof spec, "%s\\*.none", dir);
    errno = 0;
    CHECK(_findfirst(spec, &found) == -1 && errno == ENOENT, "a pattern matching nothing: -1, ENOENT");

    CHECK_EQ(_unlink(file), 0, "_unlink the file");
    CHECK_EQ(_rmdir(dir), 0, "_rmdir the directory");
    return check_done();
}
