// libFuzzer target over the whole normalize step list. The first byte picks the options
// (every step on or off, form, quotes, dashes, text kind); the rest is the text. Checks: the
// output is valid UTF-8, normalize is idempotent, and the offset map stays in bounds.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "copydesk/normalize.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    uint16_t sel = static_cast<uint16_t>(data[0] | (data[1] << 8));
    std::string_view in(reinterpret_cast<const char*>(data + 2), size - 2);
    normalize::Options o;
    const auto& st = normalize::steps();
    if (sel & 1) {
        // Random subset of steps.
        for (size_t i = 0; i < st.size(); ++i) o.set(st[i].name, (sel >> (1 + i % 12)) & 1);
    }
    o.form = static_cast<normalize::Form>((sel >> 13) % 3);
    o.quotes = static_cast<normalize::Quotes>((sel >> 4) % 3);
    o.dashes = static_cast<normalize::Dashes>((sel >> 6) % 2);
    auto kind = static_cast<normalize::Kind>((sel >> 14) % 3);

    text::OffsetMap map;
    std::vector<normalize::Change> explain;
    normalize::Report rep;
    std::string once = normalize::normalize_text(in, o, &map, &rep, &explain, kind);
    if (!text::is_valid_utf8(once)) std::abort();
    std::string twice = normalize::normalize_text(once, o, nullptr, nullptr, nullptr, kind);
    if (twice != once) std::abort();
    const int64_t n_new = text::count_code_points(once);
    const int64_t n_old = text::count_code_points(text::repair_utf8(in));
    for (int64_t x = 0; x <= n_old; x += 1 + n_old / 64) {
        int64_t s = map.map_start(x), e = map.map_end(x);
        if (s < 0 || s > n_new || e < 0 || e > n_new) std::abort();
    }
    if (map.map_end(n_old) != n_new) std::abort();

    // The same text as an article with a span over all of it.
    Article a;
    Block b;
    b.text = std::string(in);
    b.spans.push_back({0, n_old, "em", "", {}});
    a.body.push_back(b);
    a.title = std::string(in);
    normalize::normalize_article(a, o);
    if (!text::is_valid_utf8(a.body[0].text) || !text::is_valid_utf8(*a.title)) std::abort();
    const Span& sp = a.body[0].spans[0];
    if (sp.start < 0 || sp.end < sp.start || sp.end > text::count_code_points(a.body[0].text)) std::abort();
    return 0;
}
