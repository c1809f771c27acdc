/*
 * WSAEventSelect's recording rules as Windows shows them in Wine's ws2_32 conformance suite
 * (the accept, connect, write, read, out-of-band and close event tests of sock.c), for one
 * event object shared by the sockets in turn: what is recorded when the condition already
 * holds at selection time, what a second selection (same mask, or after a mask of 0) records
 * (nothing already reported), that an event object is told again of data or a connection that
 * arrives while FD_READ or FD_ACCEPT waits for its recv or accept, that FD_WRITE comes back
 * only after WSAEWOULDBLOCK, and FD_CLOSE's code for a graceful close and a reset
 * (WSAECONNABORTED). A program that loops wait -> WSAEnumNetworkEvents -> act relies on every
 * one of these: an event that is not recorded hangs it, one recorded twice makes it act on a
 * condition that is gone.
 */
#define BY_MESSAGE 0
#include "conf_events_scenarios.h"

int main(void)
{
    return run_event_scenarios();
}
