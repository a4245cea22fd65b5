// bench_convert: renders a generated stream of articles in every format of libcore/formats
// and prints throughput in MB/s of article text per CPU second (one thread).
//
//     bench_convert [MB=100] [FORMAT...]
//
// Articles are built in memory first (news-like paragraphs with some non-ASCII, inline
// spans, headings, nested lists, a quote, a table, entity and date annotations), so only
// rendering is timed. The output is drained after every record, as the tool does.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "copydesk/formats.hpp"
#include "bench.hpp"

using copydesk::bench::cpu_seconds;

using namespace copydesk;

namespace {


const char* kWords[] = {"the", "government", "said", "on", "Saturday", "that", "measures", "against", "epidemic",
                        "would", "continue", "in", "Beijing", "and", "Shanghai", "while", "officials", "reported",
                        "new", "cases", "café", "naïve", "Zürich", "“quoted”", "—", "economy", "growth", "per",
                        "cent", "2020", "markets", "of", "a", "to", "with", "Xi", "Jinping", "Merkel", "&", "<b>",
                        "*stars*", "under_score", "[bracket]", "北京", "статья"};
constexpr size_t kNumWords = sizeof(kWords) / sizeof(kWords[0]);

std::string sentence(std::mt19937& rng, size_t words) {
    std::string s;
    for (size_t i = 0; i < words; ++i) {
        if (i) s.push_back(' ');
        s.append(kWords[rng() % kNumWords]);
    }
    s.push_back('.');
    return s;
}

int64_t cps(const std::string& s) {
    int64_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

Article make_article(std::mt19937& rng, size_t index, size_t& bytes) {
    Article a;
    a.id = "bench-" + std::to_string(index);
    a.url = "https://news.example.org/2020/03/23/article-" + std::to_string(index) + ".html";
    a.title = sentence(rng, 8);
    a.authors = {"Li Wei", "Anna Müller"};
    a.date_published = "2020-03-23T12:25:51";
    a.site_name = "Example Daily";
    a.language = "en";
    auto add = [&](Block b) {
        bytes += b.text.size();
        for (const auto& r : b.rows)
            for (const auto& c : r) bytes += c.size();
        a.body.push_back(std::move(b));
    };
    for (int sec = 0; sec < 3; ++sec) {
        Block h;
        h.type = "heading";
        h.level = 2;
        h.text = sentence(rng, 5);
        add(std::move(h));
        for (int p = 0; p < 4; ++p) {
            Block b;
            b.type = "paragraph";
            for (int s = 0; s < 5; ++s) {
                if (s) b.text.push_back(' ');
                b.text += sentence(rng, 12 + rng() % 10);
            }
            const int64_t n = cps(b.text);
            for (int k = 0; k < 4; ++k) {
                Span sp;
                sp.start = static_cast<int64_t>(rng() % static_cast<uint64_t>(n - 20));
                sp.end = sp.start + 3 + static_cast<int64_t>(rng() % 15);
                static const char* kinds[] = {"em", "strong", "link", "code"};
                sp.kind = kinds[k];
                if (sp.kind == "link") sp.href = "https://example.org/x?a=1&b=2";
                b.spans.push_back(sp);
            }
            const auto blk = static_cast<int64_t>(a.body.size());
            for (int k = 0; k < 3; ++k) {
                Annotation e;
                e.type = k == 0 ? "person" : k == 1 ? "place" : "organization";
                e.block = blk;
                e.start = static_cast<int64_t>(rng() % static_cast<uint64_t>(n - 20));
                e.end = e.start + 5 + static_cast<int64_t>(rng() % 10);
                e.value = "Normalized Name";
                a.annotations.entities.push_back(e);
            }
            Annotation d;
            d.type = "date";
            d.block = blk;
            d.start = 10;
            d.end = 18;
            d.value = "2020-03-21";
            a.annotations.dates.push_back(d);
            add(std::move(b));
        }
        for (int i = 0; i < 4; ++i) {
            Block it;
            it.type = "item";
            it.depth = i % 2;
            it.ordered = sec % 2;
            it.text = sentence(rng, 10);
            add(std::move(it));
        }
        Block q;
        q.type = "quote";
        q.text = sentence(rng, 20);
        add(std::move(q));
    }
    Block t;
    t.type = "table";
    t.header_rows = 1;
    for (int r = 0; r < 4; ++r) t.rows.push_back({sentence(rng, 2), sentence(rng, 3), "42"});
    add(std::move(t));
    bytes += a.title->size();
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const double mb = argc > 1 ? std::atof(argv[1]) : 100.0;
    std::vector<std::string> names;
    for (int i = 2; i < argc; ++i) names.emplace_back(argv[i]);
    if (names.empty()) names = {"text", "markdown", "html", "tei", "csv", "wet"};

    std::mt19937 rng(42);
    std::vector<Article> articles;
    size_t bytes = 0;
    while (static_cast<double>(bytes) < mb * 1e6) articles.push_back(make_article(rng, articles.size(), bytes));
    std::printf("%zu articles, %.1f MB of text\n", articles.size(), static_cast<double>(bytes) / 1e6);
    std::printf("%-10s %10s %10s %12s\n", "format", "MB/s", "rec/s", "out MB");

    for (const auto& name : names) {
        const auto* f = formats::find_writer(name);
        if (!f) {
            std::fprintf(stderr, "bench_convert: unknown format '%s'\n", name.c_str());
            return 2;
        }
        auto w = f->make({});
        std::string out;
        size_t out_bytes = 0;
        const double t0 = cpu_seconds();
        w->begin(out);
        for (const auto& a : articles) {
            w->write(a, out);
            out_bytes += out.size();
            out.clear();
        }
        w->end(out);
        out_bytes += out.size();
        const double dt = cpu_seconds() - t0;
        std::printf("%-10s %10.1f %10.0f %12.1f\n", name.c_str(), static_cast<double>(bytes) / 1e6 / dt,
                    static_cast<double>(articles.size()) / dt, static_cast<double>(out_bytes) / 1e6);
    }
    return 0;
}
