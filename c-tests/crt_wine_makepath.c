/* A log file's name built the way Windows programs build it: the directory split off the
 * program's path with _splitpath, then _makepath(path, NULL, path, "app", "log") into the same
 * buffer that holds the directory, or _makepath(path, drive, dir, name, "bak") to rename a
 * file's extension. Microsoft's _makepath reads a part that is the output buffer itself before
 * writing over it; ws2mp's cleared the buffer first, so the directory vanished and the log went
 * to "app.log" in the working directory. The cases are those of Wine's msvcrt dir.c
 * test_makepath (only one part may be the buffer: more crash Windows). */
#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define BUF ((const char *)1) /* "the output buffer itself" in the table */

struct makepath_case {
    const char *start, *drive, *dir, *fname, *ext, *expected;
};

static const char *pick(const char *part, char *buf)
{
    return part == BUF ? buf : part;
}

int main(void)
{
    static const struct makepath_case cases[] = {
        {NULL, NULL, NULL, NULL, NULL, ""},
        {NULL, "c", NULL, NULL, NULL, "c:"},
        {NULL, "c:", NULL, NULL, NULL, "c:"},
        {NULL, "c:\\", NULL, NULL, NULL, "c:"},
        {NULL, NULL, "dir", NULL, NULL, "dir\\"},
        {NULL, NULL, "dir\\", NULL, NULL, "dir\\"},
        {NULL, NULL, "\\dir", NULL, NULL, "\\dir\\"},
        {NULL, NULL, NULL, "file", NULL, "file"},
        {NULL, NULL, NULL, "\\file", NULL, "\\file"},
        {NULL, NULL, NULL, NULL, "ext", ".ext"},
        {NULL, NULL, NULL, NULL, ".ext", ".ext"},
        {"foo", NULL, NULL, NULL, NULL, ""},
        {"foo", BUF, NULL, NULL, NULL, "f:"},
        {"foo", NULL, BUF, NULL, NULL, "foo\\"},
        {"foo", NULL, NULL, BUF, NULL, "foo"},
        {"foo", NULL, BUF, "file", NULL, "foo\\file"},
        {"foo", NULL, BUF, "file", "ext", "foo\\file.ext"},
        {"foo", NULL, NULL, BUF, "ext", "foo.ext"},
        {NULL, "c", "dir", "file", "ext", "c:dir\\file.ext"},
        {NULL, "c:", "dir", "file", "ext", "c:dir\\file.ext"},
        {NULL, "c:\\", "dir", "file", "ext", "c:dir\\file.ext"},
    };
    char buf[MAX_PATH], msg[160], drive[_MAX_DRIVE], dir[_MAX_DIR], fname[_MAX_FNAME], ext[_MAX_EXT];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct makepath_case *c = &cases[i];
        memset(buf, 'X', sizeof buf);
        if (c->start != NULL)
            strcpy(buf, c->start);
        _makepath(buf, pick(c->drive, buf), pick(c->dir, buf), pick(c->fname, buf), pick(c->ext, buf));
        buf[sizeof buf - 1] = '\0';
        snprintf(msg, sizeof msg, "_makepath case %u gives \"%s\"", (unsigned)i, c->expected);
        CHECK(strcmp(buf, c->expected) == 0, msg);
    }

    /* The program's own use: the log beside the program. */
    _splitpath("C:\\Program Files\\Relay\\relay.exe", drive, dir, fname, ext);
    CHECK(strcmp(drive, "C:") == 0 && strcmp(dir, "\\Program Files\\Relay\\") == 0 &&
              strcmp(fname, "relay") == 0 && strcmp(ext, ".exe") == 0,
          "_splitpath of the program's path");
    _makepath(buf, drive, dir, NULL, NULL);
    CHECK(strcmp(buf, "C:\\Program Files\\Relay\\") == 0, "the directory rebuilt");
    _makepath(buf, NULL, buf, "app", "log");
    CHECK(strcmp(buf, "C:\\Program Files\\Relay\\app.log") == 0, "and the log's name built in the same buffer");
    _makepath(buf, drive, dir, fname, "bak");
    CHECK(strcmp(buf, "C:\\Program Files\\Relay\\relay.bak") == 0, "the backup's name: another extension");
    CHECK_EQ(_makepath_s(buf, 13, NULL, "logs", "app", "log"), 0, "_makepath_s of 12 characters into 13 bytes");
    CHECK(strcmp(buf, "logs\\app.log") == 0, "gives logs\\app.log");
    CHECK_EQ(_makepath_s(buf, sizeof buf, NULL, buf, "old", NULL), 0, "_makepath_s with the buffer as the directory");
    CHECK(strcmp(buf, "logs\\app.log\\old") == 0, "reads it before writing");
    CHECK_EQ(_makepath_s(buf, 12, NULL, "logs", "app", "log"), ERANGE, "into 12 bytes: ERANGE");
    CHECK_EQ(buf[0], '\0', "and the buffer emptied");
    return check_done();
}
