#pragma once

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sreg::test {

// A child process that only waits to be killed. It never outlives the test: stop() or the destructor kills
// it, it dies with its parent and on its own after a minute, and it holds none of our output pipes, so a test
// runner never waits for it either.
class SleeperProcess final
{
public:
    SleeperProcess()
    {
        const pid_t parent = ::getpid();
        m_pid = ::fork();
        if (m_pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent)
                ::_exit(0);
            for (int fd = 0; fd < 3; ++fd)
                ::close(fd);
            ::alarm(60);
            ::pause();
            ::_exit(0);
        }
    }
    ~SleeperProcess() { stop(); }
    SleeperProcess(const SleeperProcess&) = delete;
    SleeperProcess& operator=(const SleeperProcess&) = delete;

    pid_t pid() const { return m_pid; }
    void stop()
    {
        if (m_pid <= 0)
            return;
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = 0; // reaped: the number may soon belong to someone else
    }

private:
    pid_t m_pid = 0;
};

} // namespace sreg::test
