/* ws2mp-test: no-mingw */ /* as mstcpip_addr.c */
/* mstcpip_addr as C++ (the Vista samples that use these helpers are C++). */
#include "mstcpip_addr.c"
