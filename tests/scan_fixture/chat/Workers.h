#ifndef WORKERS_H
#define WORKERS_H
#include <windows.h>

/* The program's own thread pool, with its own CreateThread: not Windows' function. */
class WorkerPool {
public:
    BOOL CreateThread(int count);
    void Stop();
private:
    HANDLE threads_[8];
    int count_;
};
#endif
