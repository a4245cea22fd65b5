#include <catch2/catch.hpp>
#include <random>

#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

namespace {

Article sample() {
    Article a;
    a.id = "f00d";
    a.source.path = "seed.txt";
    a.source.format = "text";
    a.source.bytes = 2381;
    a.title = "Xi\u2019s diplomacy \"highlights\" cooperation";
    a.authors = {"A. Writer", "B. Writer"};
    a.date_published = "2020-03-23T12:25:51";
    a.breadcrumbs = {"sh-obor", "Views", "Content"};
    Block h{.type = "heading", .text = "Heading", .level = 2};
    Block p{.type = "paragraph", .text = "Line one\nTab\there \\ back"};
    p.spans.push_back({0, 4, "em", "", {}});
    p.spans.push_back({5, 8, "link", "https://example.org/?a=1&b=2", {}});
    Block item{.type = "item", .text = "first"};
    item.ordered = true;
    item.depth = 1;
    Block table{.type = "table"};
    table.rows = {{"a", "b"}, {"1", "2"}};
    table.header_rows = 1;
    a.body = {h, p, item, table};
    a.annotations.language = LanguageGuess{"en", 0.99, {}};
    a.annotations.dates.push_back({"weekday", "Saturday", 1, 0, 8, "2020-03-21", {}});
    add_history(a, "extract");
    a.warnings = {"a warning"};
    return a;
}

std::string round_trip(std::string_view line) {
    record::Reader reader;
    Article a;
    auto st = reader.read(line, a);
    INFO(st.message);
    REQUIRE(st);
    return record::write(a);
}

// A random string mixing ASCII, escapes, accents, CJK, emoji and control characters.
std::string random_text(std::mt19937& rng) {
    static const std::vector<std::string> atoms = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
                                                   "\u00e9", "\u00a0", "\u2019", "\u4e2d", "\U0001F600", "{}", "[", ","};
    std::string s;
    const int n = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < n; ++i) s += atoms[rng() % atoms.size()];
    return s;
}

Article random_article(std::mt19937& rng) {
    Article a;
    a.id = random_text(rng);
    if (rng() % 2) a.title = random_text(rng);
    if (rng() % 2) a.url = "https://example.org/" + std::to_string(rng() % 1000);
    if (rng() % 3 == 0) a.authors = {random_text(rng), random_text(rng)};
    const int blocks = rng() % 5;
    for (int i = 0; i < blocks; ++i) {
        Block b;
        b.type = std::vector<std::string>{"paragraph", "heading", "item", "quote", "code"}[rng() % 5];
        b.text = random_text(rng);
        if (b.type == "heading") b.level = 1 + rng() % 6;
        if (rng() % 2) b.spans.push_back({0, 1, "strong", "", {}});
        a.body.push_back(b);
    }
    if (rng() % 2) a.annotations.entities.push_back({"person", random_text(rng), 0, 0, 2, "", {}});
    if (rng() % 3 == 0) a.extra.push_back({"title", "x_custom", "{\"nested\":[1,2.5,\"s\",null,true]}"});
    if (rng() % 3 == 0) a.extra.push_back({"", "aaa_first", "-1.25e3"});
    if (rng() % 4 == 0) a.error = random_text(rng);
    return a;
}

}  // namespace

TEST_CASE("writer escapes as JSON requires and keeps the canonical order") {
    const std::string line = record::write(sample());
    CHECK(line.rfind("{\"copydesk\":1,\"id\":\"f00d\",\"source\":{", 0) == 0);
    CHECK(line.find("\"Line one\\nTab\\there \\\\ back\"") != std::string::npos);
    CHECK(line.find("\\\"highlights\\\"") != std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find("\"rows\":[[\"a\",\"b\"],[\"1\",\"2\"]],\"header_rows\":1") != std::string::npos);
    CHECK(line.find("\"history\":[{\"tool\":\"extract\",\"version\":\"") != std::string::npos);
}

TEST_CASE("writer never emits invalid UTF-8") {
    Article a;
    a.title = std::string("bad \xC3 byte \x01");
    const std::string line = record::write(a);
    CHECK(text::is_valid_utf8(line));
    CHECK(line.find("bad \xEF\xBF\xBD byte \\u0001") != std::string::npos);
}

TEST_CASE("writer escapes U+2028 and U+2029, which line readers take for line ends") {
    Article a;
    a.title = std::string("one\xE2\x80\xA8two\xE2\x80\xA9three \xE2\x80\x9Cquoted\xE2\x80\x9D");
    const std::string line = record::write(a);
    CHECK(line.find("one\\u2028two\\u2029three \xE2\x80\x9Cquoted\xE2\x80\x9D") != std::string::npos);
    CHECK(line.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(round_trip(line) == line);
}

TEST_CASE("reading then writing a record changes nothing") {
    const std::string line = record::write(sample());
    CHECK(round_trip(line) == line);
}

TEST_CASE("unknown members pass through verbatim and in their place") {
    const std::string line =
        R"({"copydesk":1,"zz_first":{"k" : [1, 2]},"id":"x","title":"T","my_tool":{"score": 1.50},)"
        R"("also":"kept","body":[{"type":"paragraph","custom":true,"text":"p","spans":[{"start":0,"end":1,"kind":"em","weight":3}]}],)"
        R"("annotations":{"entities":[{"type":"person","text":"p","block":0,"start":0,"end":1,"wikidata":"Q1"}],"sentiment":0.2}})";
    const std::string out = round_trip(line);
    CHECK(out == line);
}

TEST_CASE("round trip property over many random records") {
    std::mt19937 rng(42);
    for (int i = 0; i < 2000; ++i) {
        const std::string line = record::write(random_article(rng));
        REQUIRE(text::is_valid_utf8(line));
        REQUIRE(round_trip(line) == line);
    }
}

TEST_CASE("reader reports what is wrong") {
    record::Reader reader;
    Article a;
    auto check = [&](std::string_view line, std::string_view expected) {
        auto st = reader.read(line, a);
        CHECK_FALSE(st);
        INFO(st.message);
        CHECK(st.message.find(expected) != std::string::npos);
    };
    check("{\"title\": 5}", "field 'title': expected a string");
    check("[1,2]", "not a JSON object");
    check("{\"title\": \"unterminated", "invalid JSON");
    check("{\"a\":1} trailing", "invalid JSON");
    check("{\"title\": \"\xC3(\"}", "invalid JSON");
    check("{\"x\": [1,,2]}", "field 'x'");
    check("not json", "invalid JSON");
    // The reader recovers: the next good line reads fine.
    CHECK(reader.read("{\"title\":\"ok\"}", a));
    CHECK(a.title == "ok");
}

TEST_CASE("nulls read as absent") {
    record::Reader reader;
    Article a;
    REQUIRE(reader.read(R"({"copydesk":1,"title":null,"authors":null,"error":null,"body":[]})", a));
    CHECK_FALSE(a.title);
    CHECK(a.authors.empty());
    CHECK_FALSE(a.error);
}

TEST_CASE("error_line keeps the input") {
    CHECK(record::error_line(R"({"a": 1})", "field 'a': bad", "in.jsonl", 3) ==
          R"({"a": 1,"error":"field 'a': bad"})");
    CHECK(record::error_line("{}", "empty", "in.jsonl", 3) == R"({"error":"empty"})");
    const std::string junk = record::error_line("not json", "invalid JSON", "in.jsonl", 7);
    CHECK(junk == R"({"copydesk":1,"source":{"path":"in.jsonl","format":"jsonl","offset":7},"body":[],"input":"not json","error":"invalid JSON"})");
    const std::string binary = record::error_line("\xff\xfe", "invalid JSON", "-", 1);
    CHECK(binary.find("\"input_base64\":\"//4=\"") != std::string::npos);
    CHECK(text::is_valid_utf8(binary));
}
