/* ws2mp compat: <combaseapi.h> (which Windows' <objbase.h> includes): what ws2mp has of it is in <objbase.h>. */
#ifndef WS2MP_FWD_combaseapi_h
#define WS2MP_FWD_combaseapi_h
#include "objbase.h"
#endif
