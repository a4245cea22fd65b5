// libFuzzer target over tag_article with every tagger on. The first byte picks the reference
// date (none, or one of a few, incl. month and year ends) and per-block language; the rest,
// repaired to UTF-8, is the article, one block per line (the first line is the title).
// Checks: every entity and date annotation points into its block, with start <= end inside
// the block's code points, and its text is the block's text there; keywords are valid UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "copydesk/tag.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

namespace {

void check(const Article& a, const std::vector<Annotation>& list) {
    for (const Annotation& x : list) {
        if (x.block < 0 || x.block >= static_cast<int64_t>(a.body.size())) std::abort();
        const std::string& t = a.body[static_cast<size_t>(x.block)].text;
        const int64_t n = text::count_code_points(t);
        if (x.start < 0 || x.end < x.start || x.end > n) std::abort();
        const size_t from = text::byte_offset(t, x.start), to = text::byte_offset(t, x.end);
        if (std::string_view(t).substr(from, to - from) != x.text) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const uint8_t sel = data[0];
    const std::string in = text::repair_utf8(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
    Article a;
    size_t from = 0;
    while (from <= in.size()) {
        size_t nl = in.find('\n', from);
        if (nl == std::string::npos) nl = in.size();
        const std::string line = in.substr(from, nl - from);
        if (!a.title) {
            a.title = line;
        } else {
            Block b;
            b.text = line;
            a.body.push_back(b);
        }
        from = nl + 1;
    }
    tag::Options o;
    static const char* const dates[] = {"", "2020-03-23", "2021-12-31", "2024-02-29", "1999-01-01T23:59:59Z", "bad"};
    o.reference_date = dates[sel % 6];
    o.per_block_language = (sel >> 3) & 1;
    if ((sel >> 4) & 1) a.language = "de";
    tag::tag_article(a, o);
    check(a, a.annotations.entities);
    check(a, a.annotations.dates);
    for (const Keyword& k : a.annotations.keywords)
        if (!text::is_valid_utf8(k.text)) std::abort();
    return 0;
}
