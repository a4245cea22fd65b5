// bench_extract: the HTML extractor over every page of ../shared/data/extract-dev/pages/*/*.html.gz,
// from raw bytes to the JSON line (the tool's stand-in decoding, parse, metadata, content,
// record::write), single thread, several rounds. Reports input MB per CPU second (median over
// rounds) and the process's peak RSS.
//
//   bench_extract [PAGES_DIR] [ROUNDS]
//
// Without the pages it says so and exits 0.
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/charset.hpp"
#include "copydesk/extract.hpp"
#include "copydesk/record.hpp"
#include "copydesk/text.hpp"
#include "bench.hpp"

using copydesk::bench::cpu_seconds;
using copydesk::bench::median;
using copydesk::bench::default_pages_dir;

namespace fs = std::filesystem;

namespace {






}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? fs::path(argv[1]) : default_pages_dir();
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    std::vector<std::string> pages = copydesk::bench::load_pages(dir);
    if (pages.empty()) {
        std::printf("bench_extract: no pages under %s (../shared absent?): nothing to measure\n",
                    dir.string().c_str());
        return 0;
    }
    size_t total = 0;
    for (const auto& p : pages) total += p.size();
    copydesk::extract::HtmlOptions options;
    options.url = "http://fakehost/test/page.html";
    std::vector<double> speeds;
    size_t out_bytes = 0, blocks = 0;
    for (int round = 0; round < rounds; ++round) {
        const double start = cpu_seconds();
        for (const auto& page : pages) {
            copydesk::Article a = copydesk::extract::extract_html(copydesk::charset::decode_html(page).utf8, options);
            blocks += a.body.size();
            std::string line;
            copydesk::record::write(a, line);
            out_bytes += line.size();
        }
        speeds.push_back(static_cast<double>(total) / 1e6 / (cpu_seconds() - start));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("bench_extract: %zu pages, %.1f MB of HTML, %d rounds (%zu blocks, %.1f MB of JSON per round)\n",
                pages.size(), static_cast<double>(total) / 1e6, rounds, blocks / static_cast<size_t>(rounds),
                static_cast<double>(out_bytes) / rounds / 1e6);
    std::printf("  throughput: %.1f MB/s per core, raw bytes to JSON line (CPU time, median; min %.1f, max %.1f)\n",
                median(speeds), *std::min_element(speeds.begin(), speeds.end()),
                *std::max_element(speeds.begin(), speeds.end()));
    std::printf("  process peak RSS: %.1f MB (all pages held in memory: %.1f MB)\n",
                static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(total) / 1e6);
    return 0;
}
