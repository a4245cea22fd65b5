#include <catch2/catch.hpp>

#include <random>

#include "copydesk/normalize.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;
using namespace copydesk::normalize;

namespace {

std::string norm(std::string_view s, const Options& o = {}, Kind k = Kind::block) {
    return normalize_text(s, o, nullptr, nullptr, nullptr, k);
}

Options only(std::initializer_list<const char*> names) {
    Options o;
    for (const char* n : names) o.only.push_back(n);
    return o;
}

}  // namespace

TEST_CASE("normalize: step table and options") {
    const auto& st = steps();
    REQUIRE(st.size() >= 15);
    CHECK(st.front().name == "surrogates");
    Options o;
    CHECK(o.enabled("mojibake"));
    CHECK(o.enabled("form"));
    CHECK_FALSE(o.enabled("quotes"));
    CHECK_FALSE(o.enabled("fullwidth"));
    CHECK(o.set("quotes", true));
    CHECK(o.quotes == Quotes::curly);
    CHECK(o.set("form", false));
    CHECK(o.form == Form::none);
    CHECK_FALSE(o.set("nonsense", true));
    Options p = only({"entities"});
    CHECK(p.enabled("entities"));
    CHECK_FALSE(p.enabled("whitespace"));
}

TEST_CASE("normalize: clean text is left alone") {
    for (const char* s : {"Plain ASCII text, with punctuation: (yes) \"quoted\" - it's fine.",
                          "Caf\xC3\xA9 cr\xC3\xA8me, na\xC3\xAF" "ve \xE2\x80\x94 d\xC3\xA9j\xC3\xA0 vu",
                          "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE6\x9C\xAC",
                          "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9\xCE\xBA\xCE\xAC \xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9",
                          "line one\nline two", ""}) {
        CHECK(norm(s) == s);
    }
}

TEST_CASE("normalize: unicode form") {
    CHECK(norm("Cafe\xCC\x81") == "Caf\xC3\xA9");                 // e + combining acute -> é
    CHECK(norm("\xE2\x84\xAB") == "\xC3\x85");                     // Angstrom sign -> Å
    Options k;
    k.form = Form::nfkc;
    CHECK(norm("x\xC2\xB2", k) == "x2");
    CHECK(norm("x\xC2\xB2") == "x\xC2\xB2");                       // NFC keeps ²
    Options none;
    none.form = Form::none;
    CHECK(norm("Cafe\xCC\x81", none) == "Cafe\xCC\x81");
}

TEST_CASE("normalize: spaces and white space") {
    CHECK(norm("a\xC2\xA0" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d") == "a b c d");
    CHECK(norm("  a  \t b \n\n  c  ") == "a b\nc");
    CHECK(norm("a\r\nb\rc\xE2\x80\xA8" "d") == "a\nb\nc\nd");
    CHECK(norm("  title\n  on two lines ", {}, Kind::line) == "title on two lines");
    CHECK(norm("  int  x;\n\tif (x)  {}\n", {}, Kind::code) == "  int  x;\n\tif (x)  {}\n");
}

TEST_CASE("normalize: invisible characters") {
    CHECK(norm("zero\xE2\x80\x8Bwidth") == "zerowidth");
    CHECK(norm("\xEF\xBB\xBFstart") == "start");
    CHECK(norm("soft\xC2\xADhyphen") == "softhyphen");
    CHECK(norm("word\xE2\x81\xA0joiner") == "wordjoiner");
    // ZWJ in an emoji sequence stays, a stray one goes.
    const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
    CHECK(norm(family) == family);
    CHECK(norm("a\xE2\x80\x8D" "b") == "ab");
    // ZWNJ in Persian stays: می‌خواهم
    const std::string fa = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85";
    CHECK(norm(fa) == fa);
    // ZWJ in Devanagari (क्‍ष) stays.
    const std::string hi = "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7";
    CHECK(norm(hi) == hi);
}

TEST_CASE("normalize: control characters") {
    CHECK(norm("a\x01" "b\x7F" "c") == "abc");
    CHECK(norm("it\xC2\x92s \xC2\x93quoted\xC2\x94 \xC2\x96 ok") == "it\xE2\x80\x99s \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 ok");
    CHECK(norm("x\xC2\x81y") == "xy");  // undefined in windows-1252: removed
    CHECK(norm("tab\there") == "tab here");
    CHECK(norm("tab\there", {}, Kind::code) == "tab\there");
}

TEST_CASE("normalize: HTML entities") {
    CHECK(norm("Tom &amp; Jerry") == "Tom & Jerry");
    CHECK(norm("a&nbsp;b") == "a b");
    CHECK(norm("it&#8217;s it&#x2019;s") == "it\xE2\x80\x99s it\xE2\x80\x99s");
    CHECK(norm("&eacute;t&eacute; &hellip;") == "\xC3\xA9t\xC3\xA9 \xE2\x80\xA6");
    CHECK(norm("&amp;amp;") == "&");
    CHECK(norm("&#150;") == "\xE2\x80\x93");  // numeric C1 as windows-1252, as HTML says
    CHECK(norm("AT&T &unknown; & so on; &#;") == "AT&T &unknown; & so on; &#;");
    // Markup: entities are part of it and stay.
    CHECK(norm("<p>Tom &amp; Jerry</p>") == "<p>Tom &amp; Jerry</p>");
    CHECK(norm("x &lt; y &amp;&amp; y", {}, Kind::code) == "x &lt; y &amp;&amp; y");
    CHECK(norm("&lt;b&gt;bold&lt;/b&gt;") == "<b>bold</b>");
}

TEST_CASE("normalize: quotes and dashes") {
    Options c;
    c.quotes = Quotes::curly;
    CHECK(norm("\"Hello,\" she said. It's the '90s, 'right'?", c) ==
          "\xE2\x80\x9CHello,\xE2\x80\x9D she said. It\xE2\x80\x99s the \xE2\x80\x99" "90s, \xE2\x80\x98right\xE2\x80\x99?");
    Options a;
    a.quotes = Quotes::ascii;
    a.dashes = Dashes::ascii;
    CHECK(norm("\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s \xE2\x80\x94 ok", a) == "\"Hi\" - it's -- ok");
    CHECK(norm("\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 x") == "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 x");  // keep
}

TEST_CASE("normalize: hyphenation across line breaks") {
    CHECK(norm("the infor-\nmation age") == "the information age");
    CHECK(norm("a well-\nknown fact") == "a well-known fact");
    CHECK(norm("state-of-\nthe-art") == "state-of-the-art");
    CHECK(norm("re-\nsearch and more re-search") == "re-search and more re-search");
    CHECK(norm("co-\noperate and cooperate") == "cooperate and cooperate");
    CHECK(norm("soft\xC2\xAD\nhyphen") == "softhyphen");
    CHECK(norm("Covid-\n19 cases") == "Covid-\n19 cases");
    CHECK(norm("list -\nitem") == "list -\nitem");
    Options no;
    no.hyphenation = false;
    CHECK(norm("infor-\nmation", no) == "infor-\nmation");
}

TEST_CASE("normalize: invalid UTF-8, surrogates, ANSI, ligatures, full width") {
    CHECK(norm("a\xFF" "b\xC3") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK(norm("cesu \xED\xA0\xBD\xED\xB8\x80!") == "cesu \xF0\x9F\x98\x80!");
    CHECK(norm("json \\ud83d\\ude00!") == "json \xF0\x9F\x98\x80!");
    CHECK(norm("lone \\ud83d stays") == "lone \\ud83d stays");
    CHECK(norm("\x1B[1;31mred\x1B[0m text") == "red text");
    CHECK(norm("\xEF\xAC\x81nance \xEF\xAC\x82ow") == "finance flow");
    CHECK(norm("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3") == "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3");  // opt-in
    Options f;
    f.fullwidth = true;
    CHECK(norm("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x81", f) == "ABC!");
}

TEST_CASE("normalize: offset map and explain") {
    text::OffsetMap m;
    std::vector<Change> ex;
    Report rep;
    const std::string in = "a&amp;b  c\xE2\x80\x8B" "d";
    std::string out = normalize_text(in, Options{}, &m, &rep, &ex);
    CHECK(out == "a&b cd");
    CHECK(rep.counts["entities"] == 1);
    CHECK(rep.counts["whitespace"] == 1);
    CHECK(rep.counts["invisible"] == 1);
    CHECK(ex.size() == 3);
    CHECK(m.map_start(0) == 0);
    CHECK(m.map_start(6) == 2);   // b
    CHECK(m.map_start(9) == 4);   // c
    CHECK(m.map_end(12) == 6);
}

TEST_CASE("normalize: article texts, spans, annotations and history") {
    Article a;
    a.title = "  Caf\xC3\xA9\xC2\xA0News \n";
    a.authors = {"Jane&nbsp;Doe"};
    Block p;
    p.text = "The  caf\xC3\xA9&nbsp;opened &amp; closed on Saturday.";
    // "opened" at code points 15..21, "Saturday" at 38..46.
    p.spans.push_back({15, 21, "em", "", {}});
    a.body.push_back(p);
    Block code;
    code.type = "code";
    code.text = "a  &amp;  b\n";
    a.body.push_back(code);
    Annotation d;
    d.type = "weekday";
    d.text = "Saturday";
    d.block = 0;
    d.start = 38;
    d.end = 46;
    a.annotations.dates.push_back(d);
    Report r = normalize_article(a, Options{});
    CHECK(*a.title == "Caf\xC3\xA9 News");
    CHECK(a.authors[0] == "Jane Doe");
    const std::string& t = a.body[0].text;
    CHECK(t == "The caf\xC3\xA9 opened & closed on Saturday.");
    auto sub = [&](int64_t s, int64_t e) {
        size_t b0 = text::byte_offset(t, s), b1 = text::byte_offset(t, e);
        return t.substr(b0, b1 - b0);
    };
    CHECK(sub(a.body[0].spans[0].start, a.body[0].spans[0].end) == "opened");
    CHECK(sub(a.annotations.dates[0].start, a.annotations.dates[0].end) == "Saturday");
    CHECK(a.annotations.dates[0].text == "Saturday");
    CHECK(a.body[1].text == "a  &amp;  b\n");
    REQUIRE(a.history.size() == 1);
    CHECK(a.history[0].find("\"changes\":{") != std::string::npos);
    CHECK(a.history[0].find("\"entities\":3") != std::string::npos);
    CHECK(r.counts["whitespace"] >= 2);
}

// ---- Property tests ------------------------------------------------------------------------

namespace {

const char* const kPieces[] = {
    "word", "Caf\xC3\xA9", "e\xCC\x81", "\xC3\xBC", "\xC3\xB1", " ", "  ", "\t", "\n", "\r\n", "\r",
    "\xC2\xA0", "\xE2\x80\x89", "\xE3\x80\x80", "\xE2\x80\xAF", "&amp;", "&nbsp;", "&#8217;", "&#x2019;",
    "&amp;amp;", "&lt;p&gt;", "&", ";", "&#0;", "&#150;", "&hellip;", "<p>", "</b>", "\x01", "\x7F", "\x1B",
    "\x1B[31m", "\xC2\x85", "\xC2\x96", "\xC2\x81", "\xFF", "\xC3", "\xED\xA0\x80", "\xED\xA0\xBD\xED\xB8\x80",
    "\xF0\x9F\x98\x80", "\xE2\x80\x8D", "\xE2\x80\x8C", "\xE2\x80\x8B", "\xC2\xAD", "\xEF\xBB\xBF",
    "\xE2\x81\xA0", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "\xE4\xB8\xAD\xE6\x96\x87",
    "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE", "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7", "'", "\"",
    "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "-", "\xE2\x80\x93", "\xE2\x80\x94",
    "-\n", "infor-\nmation", "well-\nknown", "\xEF\xAC\x81", "\xEF\xBC\xA1", "\xEF\xBD\xB6", "\\ud83d\\ude00",
    "\\ud83d", "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2", "\xC3\x83\xC2\xA9", "\xC3\x83 ", "\xE2\x80\xA8", "\xC7\x86",
    "\xE2\x84\xAB", "\xCE\x91\xCE\xB8", "\xD0\x9C\xD0\xBE", "1", "2", "(", ")", ".", "x", "\xE1\x84\x80", "\xE1\x85\xA1",
    "\xCC\x88", "\xE0\xB8\x81", "\xF0\x9D\x85\x9E", "\xE2\x80\xAE",
};

std::string random_text(std::mt19937& rng, size_t max_pieces) {
    std::uniform_int_distribution<size_t> n(0, max_pieces), pick(0, std::size(kPieces) - 1);
    std::uniform_int_distribution<int> byte(0, 255), coin(0, 20);
    std::string s;
    size_t k = n(rng);
    for (size_t i = 0; i < k; ++i) {
        if (coin(rng) == 0) s += static_cast<char>(byte(rng));
        else s += kPieces[pick(rng)];
    }
    return s;
}

std::vector<Options> option_sets() {
    std::vector<Options> v;
    v.emplace_back();
    Options all_off;
    for (const auto& st : steps()) all_off.set(st.name, false);
    v.push_back(all_off);
    for (const auto& st : steps()) {
        Options off;
        off.set(st.name, false);
        v.push_back(off);
        Options on;
        on.only = {st.name};
        on.set(st.name, true);
        v.push_back(on);
    }
    Options k;
    k.form = Form::nfkc;
    k.fullwidth = true;
    k.quotes = Quotes::curly;
    k.dashes = Dashes::ascii;
    v.push_back(k);
    Options a;
    a.quotes = Quotes::ascii;
    v.push_back(a);
    return v;
}

}  // namespace

TEST_CASE("normalize property: idempotent, valid UTF-8, for every option set and kind") {
    std::mt19937 rng(12345);
    const auto sets = option_sets();
    for (int iter = 0; iter < 400; ++iter) {
        std::string in = random_text(rng, 24);
        for (const Options& o : sets) {
            for (Kind k : {Kind::block, Kind::code, Kind::line}) {
                std::string once = norm(in, o, k);
                INFO("input: " << in);
                REQUIRE(text::is_valid_utf8(once));
                std::string twice = norm(once, o, k);
                REQUIRE(twice == once);
            }
        }
    }
}

TEST_CASE("normalize property: spans and annotations stay on the same words") {
    std::mt19937 rng(777);
    std::uniform_int_distribution<int> len(3, 8), letter(0, 25), words(1, 12);
    for (int iter = 0; iter < 500; ++iter) {
        Article a;
        Block b;
        std::vector<std::string> ws;
        std::vector<std::pair<int64_t, int64_t>> at;
        int nw = words(rng);
        for (int w = 0; w < nw; ++w) {
            // Junk between words, always delimited by spaces so no word can join it.
            b.text += " " + random_text(rng, 4) + " ";
            std::string word;
            int l = len(rng);
            for (int i = 0; i < l; ++i) word += static_cast<char>('a' + letter(rng));
            int64_t s = text::count_code_points(text::repair_utf8(b.text));
            b.text += word;
            ws.push_back(word);
            at.push_back({s, s + l});
        }
        b.text += " " + random_text(rng, 4);
        for (size_t w = 0; w < ws.size(); ++w) {
            b.spans.push_back({at[w].first, at[w].second, "em", "", {}});
            Annotation an;
            an.type = "misc";
            an.text = ws[w];
            an.block = 0;
            an.start = at[w].first;
            an.end = at[w].second;
            a.annotations.entities.push_back(an);
        }
        a.body.push_back(b);
        Options o;
        if (iter % 2) { o.quotes = Quotes::curly; o.form = Form::nfkc; }
        normalize_article(a, o);
        const std::string& t = a.body[0].text;
        INFO("input: " << b.text << "\noutput: " << t);
        REQUIRE(text::is_valid_utf8(t));
        for (size_t w = 0; w < ws.size(); ++w) {
            const Span& sp = a.body[0].spans[w];
            size_t b0 = text::byte_offset(t, sp.start), b1 = text::byte_offset(t, sp.end);
            CHECK(t.substr(b0, b1 - b0) == ws[w]);
            CHECK(a.annotations.entities[w].text == ws[w]);
        }
    }
}

TEST_CASE("normalize: spans over changed text cover the changed words") {
    Article a;
    Block b;
    // Words changed by entities, NFC, ligatures, invisible characters, hyphenation, spaces.
    const char* const parts[][2] = {
        {"caf&eacute;", "caf\xC3\xA9"},
        {"Cafe\xCC\x81", "Caf\xC3\xA9"},
        {"\xEF\xAC\x81nance", "finance"},
        {"zero\xE2\x80\x8Bwidth", "zerowidth"},
        {"infor-\nmation", "information"},
        {"New\xC2\xA0York", "New York"},
        {"it&#8217;s", "it\xE2\x80\x99s"},
    };
    for (const auto& p : parts) {
        int64_t s = text::count_code_points(b.text);
        b.text += p[0];
        b.spans.push_back({s, text::count_code_points(b.text), "em", "", {}});
        b.text += "  and  ";
    }
    a.body.push_back(b);
    normalize_article(a, Options{});
    const std::string& t = a.body[0].text;
    for (size_t i = 0; i < std::size(parts); ++i) {
        const Span& sp = a.body[0].spans[i];
        size_t b0 = text::byte_offset(t, sp.start), b1 = text::byte_offset(t, sp.end);
        CHECK(t.substr(b0, b1 - b0) == parts[i][1]);
    }
}
