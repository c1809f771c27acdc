/* WSARecvMsg / WSASendMsg compiled as C++ (WSAMSG, WSA_CMSG_* and IN_PKTINFO in C++). */
#include "ext_msg.c"
