/* ws2mp compat: <Ws2spi.h> is <ws2spi.h> (Windows' file names ignore case; Linux's do not). */
#ifndef WS2MP_FWD_Ws2spi_h
#define WS2MP_FWD_Ws2spi_h
#include "ws2spi.h"
#endif
