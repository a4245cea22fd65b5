// Benchmark of normalize_article: generated clean and damaged articles in memory, default
// options, throughput in MB/s of CPU time.
// Usage: bench_normalize [MB per case, default 64] [clean|damaged|both]
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "copydesk/article.hpp"
#include "copydesk/normalize.hpp"

using namespace copydesk;

namespace {

double cpu_seconds() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

const char* const kWords[] = {
    "the", "government", "announced", "on", "Saturday", "that", "new", "measures", "would",
    "take", "effect", "in", "March", "caf\xC3\xA9", "d\xC3\xA9j\xC3\xA0", "vu", "it\xE2\x80\x99s",
    "\xE2\x80\x9Cquoted\xE2\x80\x9D", "\xE2\x80\x94", "officials", "said,", "and", "2020.", "M\xC3\xBCller",
    "economy", "growth", "of", "percent", "while", "hospitals", "reported", "cases"};

// Damage applied to one word in a damaged paragraph.
std::string damage(const std::string& w, int kind) {
    switch (kind) {
        case 0: {  // windows-1252 mojibake of every non-ASCII character
            std::string r;
            static const char* const map[][2] = {
                {"\xC3\xA9", "\xC3\x83\xC2\xA9"}, {"\xC3\xA0", "\xC3\x83\xC2\xA0"},
                {"\xC3\xBC", "\xC3\x83\xC2\xBC"}, {"\xE2\x80\x99", "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"},
                {"\xE2\x80\x9C", "\xC3\xA2\xE2\x82\xAC\xC5\x93"}, {"\xE2\x80\x9D", "\xC3\xA2\xE2\x82\xAC\xC2\x9D"},
                {"\xE2\x80\x94", "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9D"}};
            r = w;
            for (const auto& m : map) {
                size_t p;
                while ((p = r.find(m[0])) != std::string::npos) r.replace(p, std::string(m[0]).size(), m[1]);
            }
            return r;
        }
        case 1: return w + "&nbsp;";
        case 2: return w + "\xC2\xA0 ";
        case 3: return "\xE2\x80\x8B" + w;
        default: return w + " &amp;";
    }
}

std::vector<Article> make(size_t bytes, bool damaged, size_t& total) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1), plen(40, 160), kind(0, 4);
    std::vector<Article> v;
    total = 0;
    while (total < bytes) {
        Article a;
        a.title = "A title about the economy";
        a.authors = {"Jane Doe"};
        for (int p = 0; p < 12; ++p) {
            Block b;
            size_t n = plen(rng);
            for (size_t i = 0; i < n; ++i) {
                std::string w = kWords[pick(rng)];
                if (damaged && i % 5 == 0) w = damage(w, static_cast<int>(kind(rng)));
                if (i) b.text += ' ';
                b.text += w;
            }
            b.text += '.';
            total += b.text.size();
            a.body.push_back(std::move(b));
        }
        v.push_back(std::move(a));
    }
    return v;
}

void run(const char* name, size_t bytes, bool damaged) {
    size_t total = 0;
    std::vector<Article> v = make(bytes, damaged, total);
    normalize::Options opt;
    int64_t changes = 0;
    double t0 = cpu_seconds();
    for (Article& a : v) changes += normalize::normalize_article(a, opt).total();
    double dt = cpu_seconds() - t0;
    std::printf("%-8s %8.1f MB  %8.3f s  %8.1f MB/s  %10lld changes\n", name, total / 1e6, dt,
                total / 1e6 / dt, static_cast<long long>(changes));
}

}  // namespace

int main(int argc, char** argv) {
    size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
    std::string which = argc > 2 ? argv[2] : "both";
    if (which != "damaged") run("clean", mb << 20, false);
    if (which != "clean") run("damaged", mb << 20, true);
}
