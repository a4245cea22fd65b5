// bench_html: parses every page of ../shared/data/extract-dev/pages/*/*.html.gz into the
// pugixml DOM, several rounds, and reports
//   - throughput: input MB per CPU second, median over the rounds;
//   - memory: peak heap bytes (ours and pugixml's) while one page is parsed and its result
//     alive, per input byte: median and worst page; and the process's peak RSS.
//
//   bench_html [PAGES_DIR] [ROUNDS]
//
// Pages are fed as bytes (whatever their charset): ill-formed UTF-8 becomes U+FFFD.
// Without the pages it says so and exits 0.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "copydesk/html.hpp"
#include "bench.hpp"

using copydesk::bench::cpu_seconds;
using copydesk::bench::median;
using copydesk::bench::default_pages_dir;

namespace fs = std::filesystem;

// ---- heap accounting: every operator new and every pugixml allocation -----------------------

namespace {
size_t heap_now = 0, heap_peak = 0;

void* counted_malloc(size_t n) {
    void* p = std::malloc(n);
    if (!p) return nullptr;
    heap_now += malloc_usable_size(p);
    heap_peak = std::max(heap_peak, heap_now);
    return p;
}
void counted_free(void* p) {
    if (!p) return;
    heap_now -= malloc_usable_size(p);
    std::free(p);
}
}  // namespace

void* operator new(size_t n) {
    if (void* p = counted_malloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, size_t) noexcept { counted_free(p); }
void operator delete[](void* p, size_t) noexcept { counted_free(p); }

namespace {





}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? fs::path(argv[1]) : default_pages_dir();
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    pugi::set_memory_management_functions(counted_malloc, counted_free);

    std::vector<std::string> pages = copydesk::bench::load_pages(dir);
    if (pages.empty()) {
        std::printf("bench_html: no pages under %s (../shared absent?): nothing to measure\n",
                    dir.string().c_str());
        return 0;
    }
    size_t total = 0;
    for (const auto& p : pages) total += p.size();

    // Memory: one page at a time, peak heap above the baseline while parsing and holding it.
    std::vector<double> ratios;
    double worst_large = 0;  // pages of 16 kB and more: below, pugixml's first page dominates
    size_t peak_sum = 0;
    for (const auto& page : pages) {
        const size_t baseline = heap_now;
        heap_peak = heap_now;
        {
            const copydesk::html::ParseResult r = copydesk::html::parse(page);
            (void)r;
        }
        peak_sum += heap_peak - baseline;
        if (page.empty()) continue;
        ratios.push_back(static_cast<double>(heap_peak - baseline) / static_cast<double>(page.size()));
        if (page.size() >= 16 * 1024) worst_large = std::max(worst_large, ratios.back());
    }

    std::vector<double> speeds;
    size_t nodes_check = 0;
    for (int round = 0; round < rounds; ++round) {
        const double start = cpu_seconds();
        for (const auto& page : pages) {
            const copydesk::html::ParseResult r = copydesk::html::parse(page);
            nodes_check += r.doc.first_child() ? 1 : 0;
        }
        const double seconds = cpu_seconds() - start;
        speeds.push_back(static_cast<double>(total) / 1e6 / seconds);
    }

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("bench_html: %zu pages, %.1f MB, %d rounds (%zu documents built)\n", pages.size(),
                static_cast<double>(total) / 1e6, rounds, nodes_check);
    std::printf("  throughput: %.1f MB/s per core (CPU time, median; min %.1f, max %.1f)\n",
                median(speeds), *std::min_element(speeds.begin(), speeds.end()),
                *std::max_element(speeds.begin(), speeds.end()));
    std::printf("  peak heap per input byte while parsing a page: median %.2fx, all pages %.2fx, "
                "worst %.2fx (%.2fx among pages of 16 kB or more)\n",
                median(ratios), static_cast<double>(peak_sum) / static_cast<double>(total),
                *std::max_element(ratios.begin(), ratios.end()), worst_large);
    std::printf("  process peak RSS: %.1f MB (all pages held in memory: %.1f MB)\n",
                static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(total) / 1e6);
    return 0;
}
