/*
 * Starting a helper process from a POSIX test that already runs threads (ws2mp's engines start
 * with the first socket that needs one).
 *
 * fork() copies every lock as it is at that instant. glibc's malloc takes care of that, but the
 * allocator of AddressSanitizer as GCC 12 ships it does not: a child forked while another
 * thread of the parent was inside malloc waits forever on that thread's lock (seen as a leaves'
 * process whose engine never started). So a test that forks after the library started threads
 * runs its helper as a fresh copy of itself: fork, then exec of /proc/self/exe with "--child"
 * and the helper's arguments, formatted before the fork. Descriptors without FD_CLOEXEC (pipes)
 * are inherited; the child closes the parent's ends before calling respawn_exec().
 */
#ifndef WS2MP_RESPAWN_H
#define WS2MP_RESPAWN_H

#include <string.h>
#include <unistd.h>

#define RESPAWN_MAX_ARGS 12

/* In a forked child: replaces the process with a fresh copy of the program, run as
 * `program --child args[0] args[1] ...` (args ends with NULL). Never returns. */
static void respawn_exec(const char *const *args)
{
    char *argv[RESPAWN_MAX_ARGS + 3];
    int i = 0;
    argv[i++] = (char *)"/proc/self/exe";
    argv[i++] = (char *)"--child";
    while (*args && i < RESPAWN_MAX_ARGS + 2)
        argv[i++] = (char *)*args++;
    argv[i] = NULL;
    execv("/proc/self/exe", argv);
    _exit(127);
}

/* In main(): is this process a copy started by respawn_exec()? Its arguments are then
 * argv[2] .. argv[argc - 1]. */
static int respawned(int argc, char **argv)
{
    return argc >= 2 && strcmp(argv[1], "--child") == 0;
}

#endif
