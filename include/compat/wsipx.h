/* ws2mp compat: <wsipx.h>: the IPX address for Winsock (SOCKADDR_IPX, NSPROTO_IPX, NSPROTO_SPX,
 * NSPROTO_SPXII), so that a game's IPX driver compiles beside its UDP one. There is no IPX
 * transport, as on Windows since Vista: socket(AF_IPX, ...) fails with WSAEAFNOSUPPORT and the
 * program carries on without it (docs/PORTING.md section 6). AF_IPX is the system's value. */
#ifndef WS2MP_COMPAT_WSIPX_H
#define WS2MP_COMPAT_WSIPX_H
#include "winsock2.h"

typedef struct sockaddr_ipx {
    short sa_family;
    char sa_netnum[4];
    char sa_nodenum[6];
    unsigned short sa_socket;
} SOCKADDR_IPX, *PSOCKADDR_IPX, *LPSOCKADDR_IPX;

#define NSPROTO_IPX 1000
#define NSPROTO_SPX 1256
#define NSPROTO_SPXII 1257

#endif
