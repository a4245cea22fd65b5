// bench_corpus MB [SEED]: writes about MB megabytes of generated article records (JSON Lines)
// to stdout, for the pipeline benchmark in tests/bench/run. News-like English prose with the
// things the tools work on: no-break spaces, mixed quotes, dates, weekdays, names.
#include <fmt/format.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "copydesk/record.hpp"

namespace {

const std::vector<std::string> subjects = {
    "President Xi Jinping", "The ministry", "Chancellor Angela Merkel", "Officials in Berlin",
    "The World Health Organization", "Researchers at the university", "The central bank",
    "Emmanuel Macron", "The city council", "Local farmers", "The company's board", "Observers"};
const std::vector<std::string> verbs = {
    "said", "announced", "warned", "confirmed", "argued", "reported", "denied", "suggested"};
const std::vector<std::string> clauses = {
    "that the measures would stay in place until March 23, 2020",
    "that cooperation is the most powerful weapon against the virus",
    "on Saturday that talks had made progress",
    "that prices rose 3.2\u00a0percent in the year to 2019",
    "it's \"too early\" to say whether the plan will work",
    "that the report, published on 12 May 2021, was incomplete",
    "last Wednesday that the figures were revised",
    "the country\u2019s exports fell for a third month",
    "that the meeting would take place next month in Geneva",
    "that the new rules \u2014 agreed two weeks ago \u2014 apply from 2022-01-01"};

std::string sentence(std::mt19937& rng) {
    return subjects[rng() % subjects.size()] + " " + verbs[rng() % verbs.size()] + " " +
           clauses[rng() % clauses.size()] + ".";
}

copydesk::Article article(std::mt19937& rng, long n) {
    copydesk::Article a;
    a.id = fmt::format("{:016x}", static_cast<unsigned long long>(n) * 0x9e3779b97f4a7c15ull);
    a.title = fmt::format("Generated article {} on cooperation", n);
    a.date_published = fmt::format("2020-03-{:02}T12:25:51", 1 + n % 28);
    a.site_name = "Bench Daily";
    a.authors = {"Bench Writer"};
    const int paragraphs = 6 + static_cast<int>(rng() % 10);
    for (int p = 0; p < paragraphs; ++p) {
        copydesk::Block b;
        if (p == 3) {
            b.type = "heading";
            b.level = 2;
            b.text = "What comes next";
        } else {
            const int sentences = 2 + static_cast<int>(rng() % 4);
            for (int s = 0; s < sentences; ++s) b.text += (s ? " " : "") + sentence(rng);
        }
        a.body.push_back(std::move(b));
    }
    copydesk::add_history(a, "extract");
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_corpus MB [SEED]\n");
        return 2;
    }
    const double megabytes = std::atof(argv[1]);
    std::mt19937 rng(argc > 2 ? std::atoi(argv[2]) : 1);
    std::string out;
    double written = 0;
    for (long n = 0; written < megabytes * 1e6; ++n) {
        out.clear();
        copydesk::record::write(article(rng, n), out);
        out += '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
        written += static_cast<double>(out.size());
    }
    return 0;
}
