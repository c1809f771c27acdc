/* The extension-function test compiled as C++: the LPFN_* types, WSAID_* initialisers and the
 * exports must also be valid C++. */
#include "ext_pointers.c"
