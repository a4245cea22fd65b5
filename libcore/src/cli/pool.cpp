#include <condition_variable>
#include <thread>

#include "copydesk/cli.hpp"

namespace copydesk::cli {

// Threads wait for a generation of work, take item indices from an atomic counter, and the
// last one to finish wakes the caller.
struct WorkerPool::Shared {
    std::mutex mutex;
    std::condition_variable work_ready, work_done;
    const std::function<void(size_t)>* work = nullptr;
    size_t n = 0;
    std::atomic<size_t> next{0};
    size_t busy = 0;
    uint64_t generation = 0;
    bool stopping = false;
    std::vector<std::thread> threads;

    void take_items() {
        for (size_t i; (i = next.fetch_add(1)) < n;) (*work)(i);
    }

    void worker_loop() {
        uint64_t seen = 0;
        for (;;) {
            std::unique_lock<std::mutex> lock(mutex);
            work_ready.wait(lock, [&] { return stopping || generation != seen; });
            if (stopping) return;
            seen = generation;
            lock.unlock();
            take_items();
            lock.lock();
            if (--busy == 0) work_done.notify_all();
        }
    }
};

WorkerPool::WorkerPool(int jobs) : jobs_(jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())),
                                   shared_(std::make_unique<Shared>()) {
    for (int i = 1; i < jobs_; ++i) shared_->threads.emplace_back([s = shared_.get()] { s->worker_loop(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(shared_->mutex);
        shared_->stopping = true;
    }
    shared_->work_ready.notify_all();
    for (auto& t : shared_->threads) t.join();
}

void WorkerPool::run(size_t n, const std::function<void(size_t)>& work) {
    Shared& s = *shared_;
    if (s.threads.empty() || n < 2) {
        for (size_t i = 0; i < n; ++i) work(i);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.work = &work;
        s.n = n;
        s.next = 0;
        s.busy = s.threads.size();
        ++s.generation;
    }
    s.work_ready.notify_all();
    s.take_items();
    std::unique_lock<std::mutex> lock(s.mutex);
    s.work_done.wait(lock, [&] { return s.busy == 0; });
}

}  // namespace copydesk::cli
