// Benchmark of normalize_article: generated clean and damaged articles in memory, default
// options, throughput in MB/s of CPU time.
// Usage: bench_normalize [MB per case, default 64] [clean|damaged|all]
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "copydesk/article.hpp"
#include "copydesk/normalize.hpp"
#include "bench.hpp"

using copydesk::bench::cpu_seconds;

using namespace copydesk;

namespace {


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

// Clean sentences in other scripts, for the multilingual case.
const char* const kSentences[] = {
    "\xD0\x92\xD1\x87\xD0\xB5\xD1\x80\xD0\xB0 \xD0\xBC\xD1\x8B \xD1\x85\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xB8 \xD0\xB2 \xD0\xBA\xD0\xB8\xD0\xBD\xD0\xBE, \xD0\xB0 \xD0\xBF\xD0\xBE\xD1\x82\xD0\xBE\xD0\xBC \xD1\x83\xD0\xB6\xD0\xB8\xD0\xBD\xD0\xB0\xD0\xBB\xD0\xB8.",
    "\xE6\x98\xA8\xE5\xA4\xA9\xE6\x88\x91\xE4\xBB\xAC\xE5\x8E\xBB\xE7\x9C\x8B\xE7\x94\xB5\xE5\xBD\xB1\xE3\x80\x82",
    "\xCE\xA7\xCE\xB8\xCE\xB5\xCF\x82 \xCF\x80\xCE\xAE\xCE\xB3\xCE\xB1\xCE\xBC\xCE\xB5 \xCF\x83\xCE\xB9\xCE\xBD\xCE\xB5\xCE\xBC\xCE\xAC.",
    "Il \xC3\xA9tait une fois une reine qui s\xE2\x80\x99" "appelait H\xC3\xA9l\xC3\xA8ne.",
    "\xC3\x9C" "ber die Br\xC3\xBC" "cke gehen Fu\xC3\x9F" "g\xC3\xA4nger t\xC3\xA4glich.",
    "Wczoraj poszli\xC5\x9Bmy do kina, a potem zjedli\xC5\x9Bmy kolacj\xC4\x99.",
};

std::vector<Article> make_multilingual(size_t bytes, size_t& total) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<size_t> pick(0, std::size(kSentences) - 1), plen(3, 10);
    std::vector<Article> v;
    total = 0;
    while (total < bytes) {
        Article a;
        a.title = "Multilingual";
        for (int p = 0; p < 12; ++p) {
            Block b;
            size_t n = plen(rng);
            for (size_t i = 0; i < n; ++i) {
                if (i) b.text += ' ';
                b.text += kSentences[pick(rng)];
            }
            total += b.text.size();
            a.body.push_back(std::move(b));
        }
        v.push_back(std::move(a));
    }
    return v;
}

// damaged: 0 clean, 1 every fifth word damaged (dense), 2 one damaged word per paragraph.
std::vector<Article> make(size_t bytes, int damaged, size_t& total) {
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
                if ((damaged == 1 && i % 5 == 0) || (damaged == 2 && i == n / 2))
                    w = damage(w, static_cast<int>(kind(rng)));
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

void run(const char* name, std::vector<Article> v, size_t total, const normalize::Options& opt) {
    int64_t changes = 0;
    double t0 = cpu_seconds();
    for (Article& a : v) changes += normalize::normalize_article(a, opt).total();
    double dt = cpu_seconds() - t0;
    std::printf("%-28s %8.1f MB  %8.3f s  %8.1f MB/s  %10lld changes\n", name, total / 1e6, dt,
                total / 1e6 / dt, static_cast<long long>(changes));
}

}  // namespace

int main(int argc, char** argv) {
    size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
    std::string which = argc > 2 ? argv[2] : "all";
    normalize::Options def;
    normalize::Options foundation;  // the issue-2 steps only, for the ratio
    foundation.mojibake = false;
    size_t total = 0;
    if (which == "all" || which == "clean") {
        auto clean = make(mb << 20, 0, total);
        run("clean", clean, total, def);
        run("clean, no mojibake step", clean, total, foundation);
        auto multi = make_multilingual(mb << 20, total);
        run("clean multilingual", multi, total, def);
    }
    if (which == "all" || which == "damaged") {
        auto damaged = make(mb << 20, 1, total);
        run("damaged (every 5th word)", damaged, total, def);
        run("damaged, no mojibake step", damaged, total, foundation);
        auto one = make(mb << 20, 2, total);
        run("damaged (one word/paragraph)", one, total, def);
        run("one word, no mojibake step", one, total, foundation);
    }
}
