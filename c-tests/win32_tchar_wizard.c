/* A TCHAR program built narrow (TCHAR is char): tchar_wizard.h, from the wizard's _tmain. */
#include "tchar_wizard.h"

int _tmain(int argc, TCHAR **argv)
{
    (void)argc;
    (void)argv;
    return run();
}
