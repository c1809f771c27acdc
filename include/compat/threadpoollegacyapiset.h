/*
 * ws2mp compat: <threadpoollegacyapiset.h>: QueueUserWorkItem, the timer-queue calls,
 * RegisterWaitForSingleObject and BindIoCompletionCallback (all declared through <windows.h>).
 */
#include "windows.h"
