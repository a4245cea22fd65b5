// libFuzzer target for the HTML extractor as a whole: parse, metadata (JSON-LD included),
// scoring, cleaning and block building, under ASan and UBSan. The first input byte picks the
// knobs; the rest is the page. Also exercises the URL resolver and the rules file reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "copydesk/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t knobs = data[0];
    const std::string_view page(reinterpret_cast<const char*>(data + 1), size - 1);
    copydesk::extract::HtmlOptions o;
    o.max_nodes = 100'000;
    o.url = "http://fakehost/test/page.html";
    o.preset = knobs % 3 == 0 ? copydesk::extract::HtmlPreset::balanced
                              : (knobs % 3 == 1 ? copydesk::extract::HtmlPreset::precision
                                                : copydesk::extract::HtmlPreset::recall);
    o.comments = knobs & 4;
    o.tables = !(knobs & 8);
    o.images = !(knobs & 16);
    o.whole_page = knobs & 32;
    if (knobs & 64) o.prune = {"//aside", "//div[@class='ad']"};
    if (knobs & 128) o.select = {"//article|//main"};
    size_t lines = 0;
    o.explain = [&lines](const std::string&) { ++lines; };
    const copydesk::Article a = copydesk::extract::extract_html(page, o);
    (void)a;
    const std::string_view head = page.substr(0, 200);
    (void)copydesk::extract::resolve_url(head, page.substr(head.size(), 200));
    (void)copydesk::extract::parse_html_rules(head);
    (void)copydesk::extract::split_authors(head);
    (void)copydesk::extract::clean_title(head, page.substr(head.size(), 20));
    (void)copydesk::extract::date_from_url(head);
    return 0;
}
