// bench_html_linear: the adversarial inputs of tests/unit/html_test.cpp at n and 4n; parsing
// 4x the input must cost about 4x the time, not 16x. Prints the ratio for each case and exits 1
// when one is above 9 (timings: run on a quiet machine).
#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "copydesk/html.hpp"

namespace {

std::string repeat(std::string_view s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

double parse_seconds(const std::string& html) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const copydesk::html::ParseResult r = copydesk::html::parse(html);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

struct Case {
    const char* name;
    std::function<std::string(size_t)> make;
    size_t n;
};

}  // namespace

int main() {
    const std::vector<Case> cases = {
        {"case 1", [](size_t k) { return repeat("<div>", k) + repeat("</div>", k); }, 100'000},
        {"case 2", [](size_t k) { return "<svg>" + repeat("<g>", k) + repeat("</x>", k); }, 10'000},
        {"case 3", [](size_t k) { return "<b>" + repeat("<div>", k) + repeat("</b>", k); }, 10'000},
        {"case 4", [](size_t k) { return repeat("<div>", k) + repeat("<table></table>", k); }, 10'000},
        {"case 5", [](size_t k) { return "<p><object>" + repeat("<div>", k); }, 20'000},
        {"case 6", [](size_t k) { return "<div " + repeat("x ", k) + ">"; }, 200'000},
        {"case 7", [](size_t k) { return "<table>" + repeat("text<tr><td>c</td></tr>", k); }, 20'000},
        {"case 8", [](size_t k) { return "<table>" + repeat("x<table>", k); }, 20'000},
        // misnested formatting under ever deeper blocks: the adoption agency moves subtrees
        {"case 9", [](size_t k) { return repeat("<a href=x><div>", k); }, 20'000},
        {"case 10", [](size_t k) { return repeat("<font><div><a>", k); }, 20'000},
    };
    int status = 0;
    for (const Case& c : cases) {
        size_t n = c.n;  // grown until a parse takes long enough to time
        double small = parse_seconds(c.make(n));
        while (small < 0.05 && n < (size_t(1) << 26)) small = parse_seconds(c.make(n *= 2));
        const double large = parse_seconds(c.make(4 * n));
        const double ratio = large / std::max(small, 1e-6);
        fmt::print("{:<8} n={:<8} {:8.4f}s  4n: {:8.4f}s  ratio {:5.1f}{}\n", c.name, n, small, large, ratio,
                   ratio > 9 ? "  NOT LINEAR" : "");
        if (ratio > 9) status = 1;
    }
    return status;
}
