// bench_extract: the HTML extractor over every page of ../shared/data/extract-dev/pages/*/*.html.gz,
// from raw bytes to the JSON line (the tool's stand-in decoding, parse, metadata, content,
// record::write), single thread, several rounds. Reports input MB per CPU second (median over
// rounds) and the process's peak RSS.
//
//   bench_extract [PAGES_DIR] [ROUNDS]
//
// Without the pages it says so and exits 0.
#include <sys/resource.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/extract.hpp"
#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

namespace fs = std::filesystem;

namespace {

std::string gunzip(const fs::path& path) {
    std::string out;
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) return out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    gzclose(f);
    return out;
}

double cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// The tool's stand-in decoding: valid UTF-8 as it is, else bytes as Latin-1.
std::string utf8_of(const std::string& bytes) {
    if (copydesk::text::is_valid_utf8(bytes)) return bytes;
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char c : bytes) copydesk::text::append_utf8(out, c);
    return out;
}

fs::path default_pages_dir() {
    return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path() /
           "shared/data/extract-dev/pages";
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = argc > 1 ? fs::path(argv[1]) : default_pages_dir();
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    std::vector<std::string> pages;
    if (fs::is_directory(dir))
        for (const auto& site : fs::directory_iterator(dir))
            if (site.is_directory())
                for (const auto& page : fs::directory_iterator(site.path()))
                    if (page.path().string().ends_with(".html.gz")) pages.push_back(gunzip(page.path()));
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
            copydesk::Article a = copydesk::extract::extract_html(utf8_of(page), options);
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
