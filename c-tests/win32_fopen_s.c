/* fopen_s / freopen_s, the way Visual C++ programs open their input files (a sender reading the
 * lines it multicasts from a text file, a log reopened onto stdout). */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static void make_name(char *name, size_t size, const char *what)
{
    sprintf_s(name, size, "ws2mp_%s_%lu.txt", what, (unsigned long)GetCurrentProcessId());
}

static void test_fopen_s(void)
{
    char name[64], line[32];
    FILE *fp = (FILE *)1;
    errno_t err;

    make_name(name, sizeof(name), "fopen_s");
    remove(name);
    err = fopen_s(&fp, name, "r");
    CHECK_EQ(err, ENOENT, "fopen_s of a missing file for reading returns ENOENT");
    CHECK(fp == NULL, "fopen_s leaves NULL in the FILE pointer when the open fails");

    err = fopen_s(&fp, name, "w");
    CHECK_EQ(err, 0, "fopen_s creates a file for writing");
    CHECK(fp != NULL, "fopen_s stores the FILE");
    if (fp == NULL)
        return;
    fputs("first line\nsecond\n", fp);
    fclose(fp);

    fp = NULL;
    err = fopen_s(&fp, name, "r");
    CHECK_EQ(err, 0, "fopen_s opens the file again for reading");
    if (fp != NULL) {
        CHECK(fgets(line, sizeof(line), fp) != NULL && strcmp(line, "first line\n") == 0,
              "the file opened by fopen_s reads back what was written");
        fclose(fp);
    }
    remove(name);

    fp = (FILE *)1;
    CHECK_EQ(fopen_s(&fp, NULL, "r"), EINVAL, "fopen_s with a NULL name returns EINVAL");
    CHECK(fp == NULL, "fopen_s with a NULL name stores NULL");
    fp = (FILE *)1;
    CHECK_EQ(fopen_s(&fp, name, NULL), EINVAL, "fopen_s with a NULL mode returns EINVAL");
    CHECK(fp == NULL, "fopen_s with a NULL mode stores NULL");
    CHECK_EQ(fopen_s(NULL, name, "r"), EINVAL, "fopen_s with a NULL FILE pointer returns EINVAL");
}

static void test_freopen_s(void)
{
    char name[64], line[32];
    FILE *fp = NULL, *again = NULL;

    make_name(name, sizeof(name), "freopen_s");
    CHECK_EQ(fopen_s(&fp, name, "w"), 0, "fopen_s creates the file freopen_s reopens");
    if (fp == NULL)
        return;
    fputs("kept\n", fp);
    CHECK_EQ(freopen_s(&again, name, "r", fp), 0, "freopen_s reopens a stream on a file");
    CHECK(again == fp, "freopen_s stores the same stream");
    if (again != NULL) {
        CHECK(fgets(line, sizeof(line), again) != NULL && strcmp(line, "kept\n") == 0,
              "the reopened stream reads the file (the old stream was flushed)");
        fclose(again);
    }
    remove(name);
    again = (FILE *)1;
    CHECK_EQ(freopen_s(&again, name, "r", NULL), EINVAL, "freopen_s without a stream returns EINVAL");
    CHECK(again == NULL, "freopen_s without a stream stores NULL");
}

int main(void)
{
    test_fopen_s();
    test_freopen_s();
    return check_done();
}
