// bench_entities: throughput of tag_article with every tagger on, and of entities and
// keywords alone, on generated news-like articles (typical, and dense with names); and
// start-up: the time to the first annotation of a fresh process (gazetteers are static
// data, nothing to load).
//
//   bench_entities [MB]      (default 20)
//
// Prints MB/s of body text per CPU second (process CPU time, so it is per core), the best
// of three runs.
#include <algorithm>
#include <chrono>
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

const char* const kSentences[] = {
    "President Xi Jinping has used head-of-state diplomacy to call for the building of a community of common health for mankind, observers said.",
    "In the message to French President Emmanuel Macron, Xi said China and France, both permanent members of the United Nations Security Council, share the responsibility.",
    "China is willing to strengthen cooperation with Germany in disease control, Xi said in his message to German Chancellor Angela Merkel.",
    "Shares of Volkswagen rose 4 percent in Frankfurt on Wednesday after the carmaker said it would build a battery plant near Valencia.",
    "Analysts at Goldman Sachs and Deutsche Bank said the move could put pressure on rivals such as Tesla and Renault.",
    "Real Madrid beat Bayern Munich 2-1 on Tuesday, and coach Carlo Ancelotti said his team had shown character.",
    "The World Health Organization warned that cases of measles had risen sharply in Europe and Central Asia, with Kazakhstan and Romania worst hit.",
    "Hans Kluge, the WHO's regional director, said that vaccination rates had fallen during the pandemic.",
    "Prime Minister Justin Trudeau announced that Canada would send 200 troops to Latvia as part of a NATO mission.",
    "The Conservative Party welcomed the decision but accused the government of moving too slowly, said spokeswoman Jane Okafor.",
    "Residents of Sheffield have been asked to boil their water after a burst main flooded a pumping station, Yorkshire Water said.",
    "The central bank kept its benchmark interest rate unchanged, citing uncertainty over the outlook for inflation and employment.",
    "Analysts expect the economy to recover gradually as factories reopen and consumers return to shops and restaurants.",
    "The opposition accused the government of mismanaging the crisis and demanded an independent inquiry into its decisions.",
    "Astronomers at the University of Michigan found water vapour in the atmosphere of a planet 120 light years from Earth.",
    "Protesters gathered in front of the parliament in Tbilisi, and the European Union's foreign policy chief, Josep Borrell, criticised the law.",
    "The Ministry of Foreign Affairs said on Monday that talks with the International Monetary Fund (IMF) would resume in Washington next week.",
    "Hospitals in the region have added hundreds of beds and recruited retired doctors and nurses to cope with the surge in patients.",
    "Merkel told reporters in Berlin that the IMF programme was the only way forward, while Macron stayed silent.",
    "The company said its quarterly revenue rose 12 percent to 4.5 billion dollars, beating the forecasts of most analysts.",
};

// Sentences without names, as most of an article's sentences are.
const char* const kPlain[] = {
    "The measures were necessary to protect the most vulnerable members of society, the minister told reporters on Monday.",
    "Residents queued for hours outside supermarkets, and some shelves were empty of rice, pasta and toilet paper.",
    "The report, which runs to more than 300 pages, recommends sweeping changes to the way the agency is funded and governed.",
    "Oil prices fell to their lowest level in nearly two decades as demand collapsed and producers failed to agree on output cuts.",
    "The mayor announced a package of support for small businesses, including grants, tax holidays and cheap loans.",
    "Scientists warned that the number of cases could continue to rise unless people follow the guidelines on social distancing.",
    "Thousands of protesters marched through the capital, and organisers said they may march again if their demands are ignored.",
    "Teachers said the new curriculum had been introduced too quickly and without enough training or money for books.",
};

std::mt19937 rng(7);

// A paragraph of 2-5 sentences; `plain_share` of them (in eighths) have no names.
std::string paragraph(unsigned plain_share) {
    std::string p;
    const int n = 2 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) {
        if (!p.empty()) p += ' ';
        if (rng() % 8 < plain_share) p += kPlain[rng() % std::size(kPlain)];
        else p += kSentences[rng() % std::size(kSentences)];
    }
    return p;
}

std::vector<Article> make_corpus(size_t target, unsigned plain_share, size_t& bytes) {
    std::vector<Article> corpus;
    bytes = 0;
    while (bytes < target) {
        Article a;
        a.title = "Leaders discuss cooperation";
        a.date_published = "2020-03-23T12:25:51";
        a.language = "en";
        const int blocks = 4 + static_cast<int>(rng() % 10);
        for (int i = 0; i < blocks; ++i) {
            Block b;
            b.text = paragraph(plain_share);
            bytes += b.text.size();
            a.body.push_back(std::move(b));
        }
        corpus.push_back(std::move(a));
    }
    return corpus;
}


// The best of three runs: the machine is shared, and the best run is the least disturbed.
void run(const char* label, const std::vector<Article>& corpus, size_t bytes, const tag::Options& o) {
    size_t entities = 0, keywords = 0;
    double t = 1e30;
    for (int round = 0; round < 3; ++round) {
        std::vector<Article> work = corpus;  // copy outside the timed part
        entities = keywords = 0;
        const double t0 = cpu_seconds();
        for (Article& a : work) {
            tag::tag_article(a, o);
            entities += a.annotations.entities.size();
            keywords += a.annotations.keywords.size();
        }
        t = std::min(t, cpu_seconds() - t0);
    }
    std::printf("%-22s %7.1f MB in %6.2f s CPU: %7.1f MB/s (%zu entities, %zu keywords)\n", label,
                bytes / 1e6, t, bytes / 1e6 / t, entities, keywords);
}

}  // namespace

int main(int argc, char** argv) {
    // Start-up: the first annotation of this process, gazetteers and word lists included.
    {
        const auto t0 = std::chrono::steady_clock::now();
        Article a;
        Block b;
        b.text = "German Chancellor Angela Merkel met the WHO in Geneva.";
        a.body.push_back(b);
        tag::tag_article(a);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        std::printf("start-up: first tag_article (all taggers) in %.2f ms, %zu entities\n", ms,
                    a.annotations.entities.size());
    }
    const double mb = argc > 1 ? std::atof(argv[1]) : 20.0;
    const size_t target = static_cast<size_t>(mb * 1e6);
    tag::Options all;
    tag::Options ent;
    ent.language = ent.dates = ent.keywords = false;
    tag::Options kw;
    kw.language = kw.dates = kw.entities = false;
    // Typical news: about half the sentences name someone or something. Name-dense: every
    // sentence does, with several names (a worst case for the entity tagger).
    for (const auto& [label, plain] : {std::pair{"typical news", 4u}, std::pair{"name-dense", 0u}}) {
        size_t bytes = 0;
        const std::vector<Article> corpus = make_corpus(target, plain, bytes);
        std::printf("%s: %zu articles, %.1f MB of body text\n", label, corpus.size(), bytes / 1e6);
        run("  all taggers", corpus, bytes, all);
        run("  entities", corpus, bytes, ent);
        run("  keywords", corpus, bytes, kw);
    }
    return 0;
}
