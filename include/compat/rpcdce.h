/* ws2mp compat: <rpcdce.h>: the UUID functions of <rpc.h>. */
#include "rpc.h"
