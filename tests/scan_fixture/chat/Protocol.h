/* Protocol.h - chat protocol shared by the server and its workers.
 *
 * Version 1 used RegOpenKeyEx to find the port and GetQueuedCompletionStatus for the
 * sockets; both are gone (this comment must not be reported).
 */
#ifndef CHAT_PROTOCOL_H
#define CHAT_PROTOCOL_H

#include <winsock2.h>

#define CHAT_PORT 5150
#define MAX_LINE 512
/* A function-like macro: its name is the program's own, its body uses send and closesocket. */
#define SEND_LINE(s, text) send((s), (text), (int)strlen(text), 0)
#define DROP_CLIENT(c) do { closesocket((c)->sock); (c)->sock = INVALID_SOCKET; } while (0)

typedef struct CHAT_CLIENT {
    SOCKET sock;
    char name[32];
} CHAT_CLIENT, *PCHAT_CLIENT;

#if 0
/* The old overlapped path, kept for reference. */
BOOL post_accept(SOCKET listener)
{
    return AcceptEx(listener, 0, 0, 0, 0, 0, 0, 0);
}
#endif

#endif
