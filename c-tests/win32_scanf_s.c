/* The checked scanf family (scanf_s, fscanf_s, sscanf_s) as Visual C++ programs call it: every
 * %s, %c and %[ buffer followed by its size. */
#include <winsock2.h>
#include <windows.h>
#include "check.h"

static void test_sscanf_s(void)
{
    char word[8], other[8], letters[4], c1 = 0, pair[2];
    int port = 0, n = -1, extra = 0;

    CHECK_EQ(sscanf_s("group 5150", "%s %d", word, (unsigned)sizeof(word), &port), 2,
             "sscanf_s reads a string with its size and an int");
    CHECK(strcmp(word, "group") == 0 && port == 5150, "sscanf_s stores both fields");

    CHECK_EQ(sscanf_s("x=12;y", "x=%d;%c", &port, &c1, 1), 2, "sscanf_s matches literal text and %c");
    CHECK(port == 12 && c1 == 'y', "sscanf_s stores the int and the character");

    CHECK_EQ(sscanf_s("abcd", "%2c", pair, (unsigned)sizeof(pair)), 1, "%2c fills a 2-byte buffer");
    CHECK(pair[0] == 'a' && pair[1] == 'b', "%2c stores two characters, no NUL");
    CHECK_EQ(sscanf_s("abcd", "%3c", pair, (unsigned)sizeof(pair)), 0,
             "%3c into a 2-byte buffer assigns nothing");

    strcpy(word, "old");
    CHECK_EQ(sscanf_s("toolongword 7", "%s %d", word, 4u, &port), 0,
             "a token longer than its buffer ends the call with nothing assigned");
    CHECK(word[0] == '\0', "the too-small buffer is left empty");

    CHECK_EQ(sscanf_s("abc 9", "%3s %d", word, (unsigned)sizeof(word), &port), 2,
             "an explicit width within the buffer reads that many characters");
    CHECK(strcmp(word, "abc") == 0 && port == 9, "the width-limited string and the int");

    port = 0;
    CHECK_EQ(sscanf_s("hello123", "%[a-z]%d", letters, (unsigned)sizeof(letters), &port), 1,
             "%[ is cut at its buffer's size; the rest of its token is left for the next field");
    CHECK(strcmp(letters, "hel") == 0, "%[ stores what fits");
    CHECK_EQ(port, 0, "the next field meets the rest of the %[ token and fails");
    CHECK_EQ(sscanf_s("ab12 rest", "%[a-z]%d %s", letters, (unsigned)sizeof(letters), &port, other,
                      (unsigned)sizeof(other)),
             3, "%[, %d and %s in one call");
    CHECK(strcmp(letters, "ab") == 0 && port == 12 && strcmp(other, "rest") == 0,
          "the three fields are stored");

    CHECK_EQ(sscanf_s("10 20 30", "%*d %d%n", &port, &n), 1, "a suppressed field is not counted");
    CHECK(port == 20 && n == 5, "%n counts the characters read so far");

    CHECK_EQ(sscanf_s("", "%d", &port), EOF, "empty input returns EOF");
    CHECK_EQ(sscanf_s("   ", "%s", word, (unsigned)sizeof(word)), EOF, "white space only returns EOF");
    CHECK_EQ(sscanf_s("abc", "%d", &port), 0, "a matching failure returns 0");
    CHECK_EQ(sscanf_s("7 abc", "%d %d", &port, &extra), 1, "fields before a matching failure count");
    CHECK_EQ(sscanf_s("100%", "%d%%", &port), 1, "%% matches a percent sign");
}

static void test_fscanf_s_and_scanf_s(void)
{
    char name[64], word[16];
    FILE *fp = NULL, *in = NULL;
    int a = 0, b = 0;

    sprintf_s(name, sizeof(name), "ws2mp_scanf_s_%lu.txt", (unsigned long)GetCurrentProcessId());
    if (fopen_s(&fp, name, "w") != 0 || fp == NULL) {
        CHECK(0, "cannot create the input file");
        return;
    }
    fputs("first 1 2\nquit\n", fp);
    fclose(fp);

    CHECK_EQ(fopen_s(&fp, name, "r"), 0, "the input file opens");
    if (fp != NULL) {
        CHECK_EQ(fscanf_s(fp, "%s %d %d", word, (unsigned)sizeof(word), &a, &b), 3,
                 "fscanf_s reads a line's fields from a stream");
        CHECK(strcmp(word, "first") == 0 && a == 1 && b == 2, "fscanf_s stores them");
        fclose(fp);
    }

    /* scanf_s reads standard input: put the file there */
    CHECK_EQ(freopen_s(&in, name, "r", stdin), 0, "stdin is reopened on the file");
    if (in != NULL) {
        CHECK_EQ(scanf_s("%s", word, 4u), 0, "scanf_s refuses a word longer than its buffer");
        CHECK(word[0] == '\0', "and leaves the buffer empty");
        scanf_s("%*s"); /* what is left of the long word */
        a = b = 0;
        CHECK_EQ(scanf_s("%d %d", &a, &b), 2, "scanf_s goes on after the long word");
        CHECK(a == 1 && b == 2, "the two numbers after it");
        CHECK_EQ(scanf_s("%s", word, (unsigned)sizeof(word)), 1, "scanf_s reads the next line's word");
        CHECK(strcmp(word, "quit") == 0, "the word is 'quit'");
        CHECK_EQ(scanf_s("%s", word, (unsigned)sizeof(word)), EOF, "scanf_s at the end returns EOF");
    }
    remove(name);
}

int main(void)
{
    test_sscanf_s();
    test_fscanf_s_and_scanf_s();
    return check_done();
}
