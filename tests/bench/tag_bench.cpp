// bench_tag: throughput of tag_article on generated article-like text.
//
//   bench_tag [MB]      (default 50)
//
// Builds MB megabytes of articles (prose with dates, times and relative expressions mixed
// in), then times tag_article with language+dates, with per-block language too, dates only
// and language only. Prints
// MB/s of body text per CPU second (process CPU time, so it is per core).
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "copydesk/tag.hpp"
#include "bench.hpp"

using copydesk::bench::cpu_seconds;

using namespace copydesk;

namespace {

const char* const kProse[] = {
    "President Xi Jinping has used head-of-state diplomacy to call for the building of a community of common health for mankind, observers said.",
    "China's experiences on epidemic control and its aid to the contagion-affected countries are boosting the confidence of the international community.",
    "The central bank kept its benchmark interest rate unchanged, citing uncertainty over the outlook for inflation and employment.",
    "Analysts expect the economy to recover gradually as factories reopen and consumers return to shops and restaurants.",
    "The opposition accused the government of mismanaging the crisis and demanded an independent inquiry into its decisions.",
    "Hospitals in the region have added hundreds of beds and recruited retired doctors and nurses to cope with the surge in patients.",
    "Through meetings, telephone conversations and correspondence with foreign leaders, Xi has underlined the importance of cooperation.",
    "The company said its quarterly revenue rose 12 percent to 4.5 billion dollars, beating the forecasts of most analysts.",
    "Residents queued for hours outside supermarkets, and some shelves were empty of rice, pasta and toilet paper.",
    "The minister told reporters that the measures were necessary to protect the most vulnerable members of society.",
    "Scientists warned that the number of cases could continue to rise unless people follow the guidelines on social distancing.",
    "Sheffield Wednesday fans gathered outside the stadium, while Theresa May urged her party to unite behind the plan.",
    "Thousands of protesters marched through the capital, and organisers said they may march again if their demands are ignored.",
    "The report, which runs to more than 300 pages, recommends sweeping changes to the way the agency is funded and governed.",
    "Oil prices fell to their lowest level in nearly two decades as demand collapsed and producers failed to agree on output cuts.",
    "The mayor announced a package of support for small businesses, including grants, tax holidays and cheap loans.",
};

const char* const kDated[] = {
    "The agreement was signed on March 23, 2020, in Geneva after months of negotiations.",
    "In recent messages of sympathy, which were made public on Saturday, Xi told them that China is ready to share information.",
    "The ministry said on Tuesday that the border will reopen on Friday, according to a statement.",
    "The first case was confirmed two weeks ago, and the number of infections has doubled every three days since.",
    "Elections are scheduled for next month, although several parties have called for a delay until 2021.",
    "The law was passed in May by a narrow majority and will take effect on 1 January 2021.",
    "The flight landed at 3:45 p.m. on Sunday, and passengers were screened before leaving the airport.",
    "Shares fell sharply on Mar. 9 as oil prices collapsed, wiping out the gains made since the 1990s.",
    "According to the filing dated 2020-03-23, the company lost money in the 2019-20 financial year.",
    "Yesterday the health ministry reported 500 new cases, and more figures will be published tomorrow at 10am.",
};

std::mt19937 rng(42);

std::string paragraph() {
    std::string p;
    const int n = 2 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
        if (!p.empty()) p += ' ';
        if (rng() % 4 == 0) p += kDated[rng() % std::size(kDated)];
        else p += kProse[rng() % std::size(kProse)];
    }
    return p;
}


void run(const char* label, const std::vector<Article>& corpus, size_t bytes, const tag::Options& o) {
    std::vector<Article> work = corpus;  // copy outside the timed part
    size_t dates = 0;
    const double t0 = cpu_seconds();
    for (Article& a : work) {
        tag::tag_article(a, o);
        dates += a.annotations.dates.size();
    }
    const double t = cpu_seconds() - t0;
    std::printf("%-16s %8.1f MB in %6.2f s CPU: %7.1f MB/s, %8.0f articles/s (%zu dates)\n", label,
                bytes / 1e6, t, bytes / 1e6 / t, work.size() / t, dates);
}

}  // namespace

int main(int argc, char** argv) {
    const double mb = argc > 1 ? std::atof(argv[1]) : 50.0;
    const size_t target = static_cast<size_t>(mb * 1e6);
    std::vector<Article> corpus;
    size_t bytes = 0;
    while (bytes < target) {
        Article a;
        a.title = "Xi's diplomacy highlights cooperation";
        a.date_published = "2020-03-23T12:25:51";
        const int blocks = 4 + static_cast<int>(rng() % 10);
        for (int i = 0; i < blocks; ++i) {
            Block b;
            b.text = paragraph();
            bytes += b.text.size();
            a.body.push_back(std::move(b));
        }
        corpus.push_back(std::move(a));
    }
    std::printf("%zu articles, %.1f MB of body text\n", corpus.size(), bytes / 1e6);
    // Language and dates only (bench_entities measures the entity and keyword taggers).
    tag::Options lang_dates;
    lang_dates.entities = lang_dates.keywords = false;
    run("language+dates", corpus, bytes, lang_dates);
    tag::Options dates_only = lang_dates;
    dates_only.language = false;
    run("dates", corpus, bytes, dates_only);
    tag::Options per_block = lang_dates;
    per_block.per_block_language = true;
    run("+ per-block lang", corpus, bytes, per_block);
    tag::Options lang_only = lang_dates;
    lang_only.dates = false;
    run("language", corpus, bytes, lang_only);
    return 0;
}
