/* ws2mp compat: <ws2spi.h>: the service-provider calls ws2mp provides (WSCEnumProtocols,
 * WSCGetProviderPath) are declared in <winsock2.h>; the provider-writing interface (WSPStartup,
 * WSPPROC_TABLE, LSP installation) is not provided. */
#ifndef WS2MP_COMPAT_WS2SPI_H
#define WS2MP_COMPAT_WS2SPI_H
#include "winsock2.h"
#endif
