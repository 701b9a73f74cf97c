// bench-static-server FILE: serves FILE at GET /file on an ephemeral loopback port with cpp-httplib, the HTTP
// library our server is built on, reading it in 1 MiB slices as our download handler does, and swallows any
// PUT /sink body (counted, not stored). What curl gets from and sends to it is the loopback ceiling: no server
// built on this library moves bytes faster on this machine.
// Prints "listening on http://127.0.0.1:PORT" once ready; SIGTERM/SIGINT stop it.
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <httplib.h>
#include <limits>
#include <memory>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr size_t SliceBytes = 1 << 20;

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-static-server FILE\n");
        return 2;
    }
    // Blocked before any thread starts, then collected by one thread with sigwait: nothing runs in a handler.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    const std::string path = argv[1];
    struct stat info
    {
    };
    if (::stat(path.c_str(), &info) != 0) {
        std::perror(path.c_str());
        return 1;
    }
    const size_t size = size_t(info.st_size);

    httplib::Server server;
    server.Get("/file", [&](const httplib::Request&, httplib::Response& res) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            res.status = 500;
            return;
        }
        auto buffer = std::make_shared<std::vector<char>>(SliceBytes);
        res.set_content_provider(
            size, "application/octet-stream",
            [fd, buffer](size_t offset, size_t want, httplib::DataSink& sink) {
                const ssize_t n = ::pread(fd, buffer->data(), std::min(want, SliceBytes), off_t(offset));
                return n > 0 && sink.write(buffer->data(), size_t(n));
            },
            [fd](bool) { ::close(fd); });
    });
    server.Put("/sink", [](const httplib::Request&, httplib::Response& res, const httplib::ContentReader& reader) {
        size_t received = 0;
        reader([&received](const char*, size_t length) {
            received += length;
            return true;
        });
        res.set_content(std::to_string(received), "text/plain");
    });
    server.set_payload_max_length(std::numeric_limits<size_t>::max());
    const int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "bench-static-server: cannot bind 127.0.0.1\n");
        return 1;
    }
    std::thread watcher([&server, &stopSignals] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        server.stop();
    });
    watcher.detach(); // exit() ends it when the server stops for another reason
    std::printf("listening on http://127.0.0.1:%d\n", port);
    std::fflush(stdout);
    server.listen_after_bind();
    return 0;
}
