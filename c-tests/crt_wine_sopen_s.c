/* A journal file kept the way code written for Visual C++ 2005 and later keeps it: opened with
 * _sopen_s (the checked _open its deprecation warnings point to), tested with _access_s, cut
 * back to its last good record with _chsize_s and extended with _chsize. Windows returns the
 * errno value from each checked call (ENOENT for a missing file, EEXIST for _O_EXCL, EACCES for
 * a directory) and sets *pfh to -1 on failure; _chsize extends with zeros and keeps the file
 * position. ws2mp had none of these names, so such a program did not build. */
#include <windows.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <direct.h>
#include <share.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "check.h"

int main(void)
{
    char tmp[MAX_PATH], path[MAX_PATH + 64], dir[MAX_PATH + 64], buf[32];
    int fd = 0, r;
    DWORD n;

    n = GetTempPathA(sizeof tmp, tmp);
    REQUIRE(n > 0 && n < sizeof tmp, "GetTempPathA");
    snprintf(path, sizeof path, "%sws2mp_journal_%lu.dat", tmp, (unsigned long)GetCurrentProcessId());
    snprintf(dir, sizeof dir, "%sws2mp_journal_%lu.d", tmp, (unsigned long)GetCurrentProcessId());
    _unlink(path);

    CHECK_EQ(_access_s(path, 0), ENOENT, "_access_s of a missing journal: ENOENT");
    r = _sopen_s(&fd, path, _O_RDWR | _O_BINARY, _SH_DENYNO, 0);
    CHECK_EQ(r, ENOENT, "_sopen_s of a missing file without _O_CREAT: ENOENT");
    CHECK_EQ(fd, -1, "and the descriptor is -1");

    r = _sopen_s(&fd, path, _O_CREAT | _O_EXCL | _O_RDWR | _O_BINARY, _SH_DENYWR, _S_IREAD | _S_IWRITE);
    REQUIRE(r == 0 && fd >= 0, "_sopen_s creates the journal");
    CHECK_EQ(_write(fd, "rec1rec2bad", 11), 11, "three records written, the last one torn");
    CHECK_EQ(_chsize_s(fd, 8), 0, "_chsize_s cuts the torn record off");
    CHECK_EQ(_filelength(fd), 8, "the journal is 8 bytes");
    CHECK_EQ(_tell(fd), 11, "and the position is where it was");
    CHECK_EQ(_lseek(fd, 0, SEEK_END), 8, "the end is at 8");
    CHECK_EQ(_chsize(fd, 12), 0, "_chsize extends the file");
    CHECK_EQ(_lseek(fd, 0, SEEK_SET), 0, "back to the start");
    memset(buf, 'x', sizeof buf);
    CHECK_EQ(_read(fd, buf, sizeof buf), 12, "12 bytes read back");
    CHECK(memcmp(buf, "rec1rec2\0\0\0\0", 12) == 0, "the extension is zeros");
    errno = 0;
    CHECK(_chsize(fd, -1) == -1 && errno == EINVAL, "_chsize to a negative size: -1, EINVAL");
    CHECK_EQ(_chsize_s(fd, -1), EINVAL, "_chsize_s to a negative size: EINVAL");
    CHECK_EQ(_close(fd), 0, "closed");

    fd = 0;
    CHECK_EQ(_sopen_s(&fd, path, _O_CREAT | _O_EXCL | _O_WRONLY, _SH_DENYNO, _S_IREAD | _S_IWRITE), EEXIST,
             "_O_EXCL on the existing journal: EEXIST");
    CHECK_EQ(fd, -1, "descriptor -1");
    CHECK_EQ(_access_s(path, 0), 0, "_access_s: it exists");
    CHECK_EQ(_access_s(path, 6), 0, "and may be read and written");
    CHECK_EQ(_access_s(path, 1), EINVAL, "mode 1 is no mode: EINVAL");
    errno = 0;
    CHECK(_sopen_s(NULL, path, _O_RDONLY, _SH_DENYNO, 0) == EINVAL && errno == EINVAL, "NULL pfh: EINVAL");
    fd = 0;
    CHECK(_sopen_s(&fd, NULL, _O_RDONLY, _SH_DENYNO, 0) == EINVAL && fd == -1, "NULL name: EINVAL, -1");

    REQUIRE(_mkdir(dir) == 0, "a directory beside it");
    fd = 0;
    CHECK_EQ(_sopen_s(&fd, dir, _O_RDONLY, _SH_DENYNO, 0), EACCES, "_sopen_s of a directory: EACCES");
    CHECK_EQ(fd, -1, "descriptor -1");
    if (fd >= 0)
        _close(fd);
    _rmdir(dir);
    CHECK_EQ(_unlink(path), 0, "the journal removed");
    return check_done();
}
