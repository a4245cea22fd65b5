// Tests of the plain-text dump parser and of input sniffing (copydesk/extract.hpp).
//
// Golden cases: every tests/data/dumps/NAME.txt is parsed and compared with NAME.expected.tsv,
// one "key<TAB>value" per line (repeated keys build lists):
//   title, subtitle, date_published, date_modified, site_name, section   exact values
//   breadcrumbs, authors, body_paragraphs                                  exact lists (in order)
//   body     TYPE<TAB>TEXT for every body block, TYPE one of paragraph, heading2, item,
//            item# (ordered), item@1 (depth 1), quote; exact list
//   warning  a text that one of the warnings must contain
//   charset  source.charset
//   absent   a field that must be absent (or empty: authors, breadcrumbs, body, warnings)
// Each of title, subtitle, date_published, date_modified, site_name, section, authors and
// breadcrumbs must be given a value or be listed as absent, so no field goes unchecked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "copydesk/extract.hpp"
#include "copydesk/text.hpp"
#include "extract/dump_util.hpp"

using namespace copydesk;
using namespace copydesk::extract;

namespace {

const std::filesystem::path kDumps = std::filesystem::path(COPYDESK_SOURCE_DIR) / "tests/data/dumps";

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

using Expectations = std::multimap<std::string, std::string>;

Expectations read_expectations(const std::filesystem::path& p) {
    Expectations e;
    std::istringstream in(read_file(p));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        e.emplace(line.substr(0, tab), line.substr(tab + 1));
    }
    return e;
}

std::vector<std::string> values(const Expectations& e, const std::string& key) {
    std::vector<std::string> v;
    auto [lo, hi] = e.equal_range(key);
    for (auto it = lo; it != hi; ++it) v.push_back(it->second);
    return v;
}

std::string block_type(const Block& b) {
    std::string t = b.type;
    if (b.type == "heading") t += std::to_string(b.level);
    if (b.type == "item" && b.ordered) t += '#';
    if (b.type == "item" && b.depth > 0) t += '@' + std::to_string(b.depth);
    return t;
}

void check_case(const std::string& name) {
    INFO("case " << name);
    const Article a = parse_text_dump(read_file(kDumps / (name + ".txt")));
    const Expectations e = read_expectations(kDumps / (name + ".expected.tsv"));
    const auto absent = values(e, "absent");
    const auto is_absent = [&](const std::string& f) {
        return std::find(absent.begin(), absent.end(), f) != absent.end();
    };

    const std::pair<const char*, const std::optional<std::string>*> scalars[] = {
        {"title", &a.title}, {"subtitle", &a.subtitle}, {"date_published", &a.date_published},
        {"date_modified", &a.date_modified}, {"site_name", &a.site_name}, {"section", &a.section}};
    for (auto [field, value] : scalars) {
        INFO("field " << field);
        const auto want = values(e, field);
        REQUIRE((want.size() == 1) != is_absent(field));  // given a value xor listed absent
        if (is_absent(field)) {
            CHECK_FALSE(value->has_value());
        } else {
            REQUIRE(value->has_value());
            CHECK(**value == want[0]);
        }
    }
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {
        {"authors", &a.authors}, {"breadcrumbs", &a.breadcrumbs}};
    for (auto [field, value] : lists) {
        INFO("field " << field);
        const auto want = values(e, field);
        REQUIRE(want.empty() == is_absent(field));
        CHECK(*value == want);
    }

    std::vector<std::string> paragraphs, body;
    for (const Block& b : a.body) {
        if (b.type == "paragraph") paragraphs.push_back(b.text);
        body.push_back(block_type(b) + '\t' + b.text);
    }
    if (e.count("body_paragraphs")) CHECK(paragraphs == values(e, "body_paragraphs"));
    if (e.count("body")) CHECK(body == values(e, "body"));
    if (is_absent("body")) CHECK(a.body.empty());
    REQUIRE((e.count("body_paragraphs") + e.count("body") > 0) != is_absent("body"));

    for (const auto& w : values(e, "warning")) {
        INFO("warning " << w);
        CHECK(std::any_of(a.warnings.begin(), a.warnings.end(),
                          [&](const std::string& got) { return got.find(w) != std::string::npos; }));
    }
    if (is_absent("warnings")) CHECK(a.warnings.empty());
    for (const auto& c : values(e, "charset")) CHECK(a.source.charset == c);

    CHECK(a.source.format == "text");
    for (const Block& b : a.body) CHECK(text::is_valid_utf8(b.text));
}

}  // namespace

TEST_CASE("text dumps give the expected fields (tests/data/dumps)") {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(kDumps))
        if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() >= 16);
    for (const auto& name : names) {
        REQUIRE(std::filesystem::exists(kDumps / (name + ".expected.tsv")));
        check_case(name);
    }
}

TEST_CASE("the seed gives the fields of expected.json") {
    const Article a = parse_text_dump(read_file(kDumps / "china-daily-2020-03-23.txt"));
    CHECK(a.title == "Xi\xE2\x80\x99s diplomacy highlights cooperation");
    CHECK(a.subtitle == "Experts see China\xE2\x80\x99s experiences and aid boosting confidence throughout the world");
    CHECK(a.date_published == "2020-03-23T12:25:51");
    CHECK(a.site_name == "China Daily Global");
    CHECK(a.breadcrumbs == std::vector<std::string>{"sh-obor", "Views", "Content"});
    CHECK(a.body.size() == 8);
    CHECK(a.source.charset == "utf-8");
}

TEST_CASE("dates in datelines become ISO 8601 without an invented zone") {
    const auto iso = [](std::string_view s, bool day_first = true) {
        auto d = detail::find_date(s, 0, day_first);
        return d ? d->iso : std::string("none");
    };
    CHECK(iso("2020-03-23 12:25:51") == "2020-03-23T12:25:51");
    CHECK(iso("2020-03-23T12:25:51+08:00") == "2020-03-23T12:25:51+08:00");
    CHECK(iso("2020-03-23T12:25:51Z") == "2020-03-23T12:25:51Z");
    CHECK(iso("2020-03-23 12:25 +0800") == "2020-03-23T12:25+08:00");
    CHECK(iso("March 23, 2020 12:25") == "2020-03-23T12:25");
    CHECK(iso("March 23, 2020 at 3:05 pm") == "2020-03-23T15:05");
    CHECK(iso("Mar. 23, 2020") == "2020-03-23");
    CHECK(iso("Sept 3 2020") == "2020-09-03");
    CHECK(iso("Monday, March 23rd, 2020") == "2020-03-23");
    CHECK(iso("Mon 23 March 2020") == "2020-03-23");
    CHECK(detail::find_date("Mon 23 March 2020", 0, true)->begin == 0);
    CHECK(iso("23 March 2020") == "2020-03-23");
    CHECK(iso("23rd Mar. 2020 08:00 GMT") == "2020-03-23T08:00Z");
    CHECK(iso("23.03.2020") == "2020-03-23");
    CHECK(iso("2020/03/23") == "2020-03-23");
    CHECK(iso("2020.03.23 08:01") == "2020-03-23T08:01");
    CHECK(iso("2020\xE5\xB9\xB4" "3\xE6\x9C\x88" "23\xE6\x97\xA5") == "2020-03-23");
    CHECK(iso("03/04/2020") == "2020-04-03");
    CHECK(iso("03/04/2020", false) == "2020-03-04");
    CHECK(iso("03/23/2020") == "2020-03-23");
    CHECK(iso("12:25 EST March 23, 2020") == "2020-03-23T12:25");
    CHECK(iso("March 23, 2020 12:25 EST") == "2020-03-23T12:25");
    CHECK(iso("Published 12:25 GMT, 23 March 2020") == "2020-03-23T12:25Z");
    CHECK(iso("9:30 am on March 23, 2020") == "2020-03-23T09:30");
    CHECK(iso("2020-02-30") == "none");
    CHECK(iso("2020-13-01") == "none");
    CHECK(iso("in 2020 the") == "none");
    CHECK(iso("version 1.2.2020") == "2020-02-01");  // a date all the same; datelines decide
    CHECK(iso("12345-03-23") == "none");
}

TEST_CASE("metadata in a dateline line") {
    const auto parse = [](std::string_view header) {
        std::string doc = "Headline of the story\n\n" + std::string(header) + "\n\nBody text here.\n";
        return parse_text_dump(doc);
    };
    auto a = parse("By ZHANG YI in Beijing and LI XIAOKUN in Washington | China Daily | Updated: 2020-03-23 07:52");
    CHECK(a.authors == std::vector<std::string>{"ZHANG YI", "LI XIAOKUN"});
    CHECK(a.site_name == "China Daily");
    CHECK(a.date_modified == "2020-03-23T07:52");
    CHECK_FALSE(a.date_published);

    a = parse("By Anna Smith, Staff Writer");
    CHECK(a.authors == std::vector<std::string>{"Anna Smith"});
    CHECK_FALSE(a.site_name);

    a = parse("By the editorial board");
    CHECK(a.authors.empty());
    CHECK(a.body.size() == 1);
    CHECK(a.warnings.size() == 1);

    a = parse("By Anna Smith, Bo Li, and Carl Jones");
    CHECK(a.authors == std::vector<std::string>{"Anna Smith", "Bo Li", "Carl Jones"});

    a = parse("Published on March 23, 2020 by Anna Smith");
    CHECK(a.date_published == "2020-03-23");
    CHECK(a.authors == std::vector<std::string>{"Anna Smith"});

    a = parse("Source: Xinhua | 2020-03-23 09:10");
    CHECK(a.site_name == "Xinhua");
    CHECK(a.date_published == "2020-03-23T09:10");

    a = parse("Published 12:25 GMT, 23 March 2020");
    CHECK(a.date_published == "2020-03-23T12:25Z");
    CHECK_FALSE(a.site_name);

    a = parse("Posted on March 23, 2020 by admin");
    CHECK(a.date_published == "2020-03-23");
    CHECK(a.authors == std::vector<std::string>{"admin"});
    CHECK(a.body.size() == 1);

    a = parse("BY ANNA SMITH, CHINA DAILY");
    CHECK(a.authors == std::vector<std::string>{"ANNA SMITH"});
    CHECK(a.site_name == "CHINA DAILY");

    a = parse("Last updated: Monday 23 March 2020, 10:52 GMT | chinadaily.com.cn");
    CHECK(a.date_modified == "2020-03-23T10:52Z");
    CHECK(a.site_name == "chinadaily.com.cn");

    // Body-like lines with a date or "By" are not metadata.
    a = parse("By the time the meeting ended on March 23, 2020, most delegates had left.");
    CHECK(a.authors.empty());
    CHECK_FALSE(a.date_published);
    CHECK(a.body.size() == 2);
}

TEST_CASE("body blocks: wrapped lines, one-line paragraphs, CJK, options") {
    auto a = parse_text_dump("First line of a\nwrapped paragraph.\n\nSecond.");
    REQUIRE(a.body.size() == 2);
    CHECK(a.body[0].text == "First line of a wrapped paragraph.");

    const std::string long1(150, 'a'), long2(150, 'b');
    a = parse_text_dump(long1 + ".\n" + long2 + ".\n");
    CHECK(a.body.size() == 2);  // one paragraph per long line, not merged

    a = parse_text_dump("\xE4\xB8\xAD\xE6\x96\x87\n\xE6\x96\x87\xE5\xAD\x97\xE3\x80\x82");
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].text == "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE5\xAD\x97\xE3\x80\x82");

    a = parse_text_dump("A long first paragraph of the body that ends with a period.\n\nPhoto: Reuters\n\n"
                        "He said:\n\nWe will win\n\nMore text follows here.");
    for (const auto& b : a.body) CHECK(b.type == "paragraph");

    DumpOptions keep_lines;
    keep_lines.join_wrapped_lines = false;
    a = parse_text_dump("First line of a\nwrapped paragraph.", keep_lines);
    CHECK(a.body.size() == 2);

    DumpOptions no_headings;
    no_headings.detect_headings = false;
    a = parse_text_dump("A long first paragraph of the body that ends with a period.\n\nBackground\n\nMore text.", no_headings);
    for (const auto& b : a.body) CHECK(b.type == "paragraph");
}

TEST_CASE("odd inputs do not crash and keep text valid UTF-8") {
    for (std::string_view s : {std::string_view(""), std::string_view("\n\n\n"),
                               std::string_view("\xEF\xBB\xBF"), std::string_view("\r\r\r"),
                               std::string_view("\0\0\0", 3), std::string_view("\xFF\xFE"),
                               std::string_view("\xFF\xFE" "a\0", 4), std::string_view("- \n* \n1. "),
                               std::string_view("By\n\nBy \n|\n>\n> \n#\n## \n"),
                               std::string_view("2020-03-23\xE2\x80")}) {
        const Article a = parse_text_dump(s);
        for (const auto& b : a.body) CHECK(text::is_valid_utf8(b.text));
        if (a.title) CHECK(text::is_valid_utf8(*a.title));
    }
    auto a = parse_text_dump("caf\xC3\xA9 \xE2\x80\x99ok\xFF.");
    CHECK(a.source.charset == "utf-8");
    REQUIRE(a.warnings.size() == 1);
    CHECK(a.body[0].text == "caf\xC3\xA9 \xE2\x80\x99ok\xEF\xBF\xBD.");

    a = parse_text_dump(std::string_view("\xFF\xFEH\0i\0.\0", 8));
    CHECK(a.source.charset == "utf-16le");
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].text == "Hi.");
}

TEST_CASE("sniff_input routes inputs") {
    CHECK(sniff_input("") == InputKind::text);
    CHECK(sniff_input("Current Location: sh-obor > Views\n\nXi's diplomacy") == InputKind::text);
    CHECK(sniff_input("<!DOCTYPE html>\n<html><head>") == InputKind::html);
    CHECK(sniff_input("\xEF\xBB\xBF  \n<html lang=\"en\">") == InputKind::html);
    CHECK(sniff_input("<?xml version=\"1.0\"?>\n<!-- saved -->\n<HTML>") == InputKind::html);
    CHECK(sniff_input("<div class=\"a\">text</div>") == InputKind::html);
    CHECK(sniff_input("  <body>") == InputKind::html);
    CHECK(sniff_input("Saved page\n\n<p>Hello</p>") == InputKind::html);
    CHECK(sniff_input("a < b and c > d, <b is not a page") == InputKind::text);
    CHECK(sniff_input("WARC/1.0\r\nWARC-Type: response\r\n") == InputKind::warc);
    CHECK(sniff_input("WARC/1.1\r\n") == InputKind::warc);
    CHECK(sniff_input("{\"copydesk\": 1, \"title\": \"x\"}\n") == InputKind::jsonl);
    CHECK(sniff_input("\n  {\"a\": 1}") == InputKind::jsonl);
    CHECK(sniff_input(std::string_view("abc\0def", 7)) == InputKind::binary);
    CHECK(sniff_input("\x1F\x8B\x08\x00") == InputKind::binary);
    CHECK(sniff_input("%PDF-1.7\n") == InputKind::binary);
    CHECK(sniff_input("\x01\x02\x03\x04\x05 abc") == InputKind::binary);
    CHECK(sniff_input("Caf\xE9 au lait") == InputKind::text);  // windows-1252 is text
    CHECK(sniff_input(std::string_view("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14)) == InputKind::html);
    CHECK(sniff_input(std::string_view("\xFF\xFEH\0i\0", 6)) == InputKind::text);
    CHECK(sniff_input(std::string_view("\xFF\xFE\x2D\x4E\x87\x65\x2D\x4E\x87\x65", 10)) == InputKind::text);
    CHECK(to_string(InputKind::jsonl) == "jsonl");
}
