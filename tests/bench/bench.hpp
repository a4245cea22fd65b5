// Helpers shared by the benchmarks in tests/bench: CPU time, medians, the dev pages.
#pragma once

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/io.hpp"

namespace copydesk::bench {

// CPU seconds used by this process so far (all threads).
inline double cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// <source>/../shared/data/extract-dev/pages, where the dev pages live when ../shared is there.
inline std::filesystem::path default_pages_dir() {
    return std::filesystem::path(COPYDESK_SOURCE_DIR).parent_path() / "shared/data/extract-dev/pages";
}

// Every <dir>/<collection>/*.html.gz page, gunzipped; empty when the folder is absent.
inline std::vector<std::string> load_pages(const std::filesystem::path& dir) {
    std::vector<std::string> pages;
    if (!std::filesystem::is_directory(dir)) return pages;
    for (const auto& collection : std::filesystem::directory_iterator(dir)) {
        if (!collection.is_directory()) continue;
        for (const auto& page : std::filesystem::directory_iterator(collection.path()))
            if (page.path().string().ends_with(".html.gz"))
                pages.push_back(io::read_all(page.path().string(), size_t(1) << 30).bytes);
    }
    return pages;
}

}  // namespace copydesk::bench
