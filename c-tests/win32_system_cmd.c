/* system() the way Windows console programs call it, with <stdlib.h> alone: cmd.exe's
 * system("pause") before the program ends, system("pause>nul"), system("cls"),
 * system("title ..."), system("color 0A"), system("start ..."), and a command's exit code as system's result
 * (Windows returns cmd's exit code, not a wait status). Standard output goes to a temporary
 * file, standard input comes from one, as with `prog < keys > out` on Windows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <io.h>
#include "check.h"

/* Runs system(cmd) with standard output in a temporary file; its result, and the output in
 * `out`. */
static int run_captured(const char *cmd, char *out, size_t size)
{
    FILE *f = tmpfile();
    int saved, r;
    size_t n;
    if (f == NULL)
        return -100;
    fflush(stdout);
    saved = _dup(1);
    _dup2(_fileno(f), 1);
    r = system(cmd);
    fflush(stdout);
    _dup2(saved, 1);
    _close(saved);
    rewind(f);
    n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
    return r;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int main(void)
{
    char out[256];
    FILE *keys = tmpfile();
    const char *prompt = "Press any key to continue . . . ";

    REQUIRE(keys != NULL, "tmpfile for the keys");
    fputs("ab", keys);
    fflush(keys);
    rewind(keys);
    REQUIRE(_dup2(_fileno(keys), 0) == 0, "standard input from the keys file");

    CHECK(system(NULL) != 0, "system(NULL): a command interpreter is available");

    CHECK_EQ(run_captured("pause", out, sizeof(out)), 0, "system(\"pause\") returns 0");
    CHECK(starts_with(out, prompt), "... after writing cmd's prompt");
    CHECK(strlen(out) > strlen(prompt) && out[strlen(out) - 1] == '\n', "... and ending its line once a key came");

    CHECK_EQ(run_captured("pause>nul", out, sizeof(out)), 0, "system(\"pause>nul\") returns 0");
    CHECK_EQ(strlen(out), 0, "... writing nothing");

    CHECK_EQ(run_captured("PAUSE", out, sizeof(out)), 0, "system(\"PAUSE\") at the input's end returns at once");
    CHECK(starts_with(out, prompt), "... cmd's names are case-insensitive");

    CHECK_EQ(run_captured("cls", out, sizeof(out)), 0, "system(\"cls\") returns 0");
    CHECK(strcmp(out, "\f") == 0, "... and writes a form feed to output that is not a console");

    CHECK_EQ(run_captured("title ws2mp chat server", out, sizeof(out)), 0, "system(\"title ...\") returns 0");
    CHECK_EQ(strlen(out), 0, "... writing nothing to a file");

    CHECK_EQ(run_captured("color 0A", out, sizeof(out)), 0, "system(\"color 0A\") returns 0");
    CHECK_EQ(strlen(out), 0, "... writing nothing to a file");
    CHECK_EQ(run_captured("color 77", out, sizeof(out)), 1, "system(\"color 77\"): the same colour twice is refused with 1");
    CHECK_EQ(run_captured("color", out, sizeof(out)), 0, "system(\"color\") restores the default colours");

    CHECK_EQ(run_captured("echo hello", out, sizeof(out)), 0, "other commands run in the command interpreter");
    CHECK(starts_with(out, "hello"), "... and write to the program's standard output");
    CHECK_EQ(run_captured("exit 3", out, sizeof(out)), 3, "system's result is the command's exit code");

    CHECK_EQ(run_captured("start \"job\" /wait echo waited", out, sizeof(out)), 0,
             "system(\"start /wait ...\") runs the command to its end");
    CHECK(starts_with(out, "waited"), "... (the title and options read as cmd reads them)");
    CHECK_EQ(run_captured("start /wait exit 4", out, sizeof(out)), 4, "... and returns its exit code");
    CHECK_EQ(run_captured("start /b exit 5", out, sizeof(out)), 0,
             "system(\"start ...\") without /wait starts the command and returns 0 at once");

    fclose(keys);
    return check_done();
}
