/*
 * WSAAsyncSelect's notifications as Windows shows them in Wine's ws2_32 conformance suite
 * (the accept, connect, write, read, out-of-band and close event tests of sock.c), posted to
 * a message-only window: the same recording rules as WSAEventSelect, except where Windows
 * treats a window differently. Selecting the socket again (same events, or after lEvent 0)
 * posts again what still holds (FD_READ for unread data, FD_ACCEPT for a waiting connection,
 * FD_WRITE, FD_CLOSE with its code), where an event object records nothing; a socket
 * connected before the selection gets FD_WRITE and no FD_CONNECT; and data or connections
 * that arrive while FD_READ or FD_ACCEPT waits for its recv or accept post nothing new. A
 * Winsock 1.1 program's window procedure is written around exactly these messages.
 */
#define BY_MESSAGE 1
#include "conf_events_scenarios.h"

int main(void)
{
    return run_event_scenarios();
}
