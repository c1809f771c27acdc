/* The header-names test compiled as C++ (the names must also be valid C++). */
#include "conf_hdr_names.c"
