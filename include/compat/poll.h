/*
 * ws2mp compat: <poll.h> is the system's.
 *
 * <winsock2.h> makes `struct pollfd` Windows' WSAPOLLFD (and POLLIN & co. Windows' values) for
 * the WSAPoll code that spells it so. A file that includes <poll.h> after <winsock2.h> wants
 * POSIX poll: the name is given back to the system's structure here, and the system's POLL*
 * values replace Windows' (as when <poll.h> comes first).
 */
#pragma GCC system_header
#ifdef pollfd
#undef pollfd
#endif
#include_next <poll.h>
