#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <fstream>
#include <iostream>
#include <sstream>
#include <pugixml.hpp>

#include "copydesk/formats.hpp"
#include "copydesk/text.hpp"
#include "formats/common.hpp"

using namespace copydesk;
using formats::render;
using formats::WriterOptions;

namespace {

Block para(std::string text, std::vector<Span> spans = {}) {
    Block b;
    b.type = "paragraph";
    b.text = std::move(text);
    b.spans = std::move(spans);
    return b;
}
Block heading(int level, std::string text) {
    Block b;
    b.type = "heading";
    b.level = level;
    b.text = std::move(text);
    return b;
}
Block item(std::string text, int depth = 0, bool ordered = false) {
    Block b;
    b.type = "item";
    b.text = std::move(text);
    b.depth = depth;
    b.ordered = ordered;
    return b;
}
Block typed(std::string type, std::string text) {
    Block b;
    b.type = std::move(type);
    b.text = std::move(text);
    return b;
}
Span span(int64_t s, int64_t e, std::string kind, std::string href = {}) {
    Span x;
    x.start = s;
    x.end = e;
    x.kind = std::move(kind);
    x.href = std::move(href);
    return x;
}
Annotation ann(std::string type, int64_t block, int64_t s, int64_t e, std::string value = {}) {
    Annotation a;
    a.type = std::move(type);
    a.block = block;
    a.start = s;
    a.end = e;
    a.value = std::move(value);
    return a;
}

Article small() {
    Article a;
    a.id = "a1";
    a.title = "Hello";
    a.body.push_back(para("One."));
    return a;
}

// Every block kind, nested lists, spans (nested, overlapping, at the ends), unicode,
// characters that need escaping, annotations, and a few empty fields.
Article rich() {
    Article a;
    a.id = "rich-1";
    a.url = "https://example.org/news/1?a=1&b=2";
    a.title = "Xi meets <Merkel> & \"friends\"";
    a.subtitle = "A *talk* in Berlin";
    a.authors = {"Li Wei", "Anna Müller"};
    a.date_published = "2020-03-23T12:25:51";
    a.site_name = "China Daily";
    a.language = "en";
    a.description = "Talks, \"quoted\"\nacross lines";
    a.keywords = {"diplomacy"};
    // 0
    a.body.push_back(para("Xi Jinping met Angela Merkel in Berlin on Saturday.",
                          {span(0, 10, "strong"), span(15, 28, "link", "https://de.example/merkel")}));
    // 1
    a.body.push_back(heading(2, "# Background"));
    // 2: escaping
    a.body.push_back(para("1. Not a list * _x_ [y] <b> `c` \\ a&amp; b | c"));
    // 3-7: nested lists
    a.body.push_back(item("First"));
    a.body.push_back(item("Nested one", 1, true));
    a.body.push_back(item("Nested two", 1, true));
    a.body.push_back(item("Deeper", 2));
    a.body.push_back(item("Second"));
    // 8
    a.body.push_back(typed("quote", "We agree, \u201cfully\u201d."));
    // 9
    Block code = typed("code", "int main() {\n  return 0; // ``` fence\n}\n");
    code.lang = "cpp";
    a.body.push_back(code);
    // 10
    Block fig = typed("figure", "The two leaders \u2014 caf\u00e9 \U0001F600");
    fig.src = "https://example.org/img.jpg";
    fig.alt = "Xi and Merkel";
    fig.spans = {span(4, 7, "em")};
    a.body.push_back(fig);
    // 11
    Block table;
    table.type = "table";
    table.rows = {{"Name", "Role"}, {"Xi", "President | CPC"}, {"Merkel", "Chancellor"}};
    table.header_rows = 1;
    a.body.push_back(table);
    // 12: nested and overlapping spans, a span at the very end
    a.body.push_back(para("bold italic and code end",
                          {span(0, 11, "strong"), span(5, 15, "em"), span(16, 20, "code"), span(21, 24, "sup")}));
    // 13: control characters
    a.body.push_back(para(std::string("bad\x01\x0b") + "chars\xef\xbf\xbe ok"));
    // annotations
    a.annotations.entities = {ann("person", 0, 0, 10, "Xi Jinping"), ann("person", 0, 15, 28, "Angela Merkel"),
                              ann("place", 0, 32, 38, "DE")};
    a.annotations.dates = {ann("weekday", 0, 42, 50, "2020-03-21")};
    return a;
}

// Tags of an HTML page balance (void elements aside).
bool html_balanced(const std::string& html, std::string* why = nullptr) {
    static const std::vector<std::string> voids = {"meta", "link", "br", "img", "hr", "input"};
    std::vector<std::string> stack;
    size_t i = 0;
    while ((i = html.find('<', i)) != std::string::npos) {
        const size_t e = html.find('>', i);
        if (e == std::string::npos) return false;
        std::string tag = html.substr(i + 1, e - i - 1);
        i = e + 1;
        if (tag.empty() || tag[0] == '!') continue;
        const bool close = tag[0] == '/';
        if (close) tag.erase(0, 1);
        const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
        if (std::find(voids.begin(), voids.end(), name) != voids.end()) continue;
        if (!close) {
            stack.push_back(name);
        } else if (stack.empty() || stack.back() != name) {
            if (why) *why = "unexpected </" + name + "> at " + std::to_string(i);
            return false;
        } else {
            stack.pop_back();
        }
    }
    if (!stack.empty() && why) *why = "unclosed <" + stack.back() + ">";
    return stack.empty();
}

std::string run(std::string_view format, const std::vector<Article>& as, const WriterOptions& o = {}) {
    auto w = formats::find_writer(format)->make(o);
    std::string out;
    w->begin(out);
    for (const auto& a : as) w->write(a, out);
    w->end(out);
    return out;
}

}  // namespace

TEST_CASE("formats: dump the rich article in every format", "[.dump]") {
    for (const char* f : {"text", "markdown", "html", "tei", "csv", "wet"}) {
        std::cout << "==== " << f << "\n" << render(f, rich()) << "\n";
    }
}

TEST_CASE("formats: registry", "[formats]") {
    std::vector<std::string> names;
    for (const auto& f : formats::writers()) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"jsonl", "json", "text", "markdown", "html", "tei", "csv", "wet"});
    REQUIRE(formats::find_writer("markdown"));
    CHECK(formats::find_writer("markdown")->name == "markdown");
    CHECK(formats::find_writer("Markdown") == nullptr);
    CHECK(formats::find_writer("docx") == nullptr);
    auto guess = [](std::string_view p) {
        const auto* f = formats::writer_for_path(p);
        return f ? f->name : std::string("-");
    };
    CHECK(guess("out.md") == "markdown");
    CHECK(guess("out.markdown") == "markdown");
    CHECK(guess("OUT.MD.GZ") == "markdown");
    CHECK(guess("a/b.html") == "html");
    CHECK(guess("b.htm") == "html");
    CHECK(guess("corpus.xml") == "tei");
    CHECK(guess("corpus.tei.gz") == "tei");
    CHECK(guess("x.txt") == "text");
    CHECK(guess("x.csv") == "csv");
    CHECK(guess("x.jsonl.gz") == "jsonl");
    CHECK(guess("x.json") == "json");
    CHECK(guess("x.wet") == "wet");
    CHECK(guess("x.gz") == "-");
    CHECK(guess("x") == "-");
    CHECK(guess("dir.md/file") == "-");
    CHECK(guess("x.docx") == "-");
    for (const auto& f : formats::writers()) {
        CHECK_FALSE(f.description.empty());
        CHECK(f.make);
    }
}

TEST_CASE("formats: jsonl and json write the record stream", "[formats]") {
    auto stream = [](std::string_view format, int n) {
        auto w = formats::find_writer(format)->make({});
        std::string out;
        w->begin(out);
        for (int i = 0; i < n; ++i) {
            Article a;
            a.id = std::to_string(i);
            w->write(a, out);
        }
        w->end(out);
        return out;
    };
    const std::string zero = "{\"copydesk\":1,\"id\":\"0\",\"body\":[]}", one = "{\"copydesk\":1,\"id\":\"1\",\"body\":[]}";
    CHECK(stream("jsonl", 2) == zero + "\n" + one + "\n");
    CHECK(stream("jsonl", 0) == "");
    CHECK(stream("json", 2) == "[\n" + zero + ",\n" + one + "\n]\n");
    CHECK(stream("json", 0) == "[]\n");
}

TEST_CASE("formats: word count", "[formats]") {
    Article a;
    a.body.push_back(para("Hello, world \u2014 caf\u00e9 3 times"));
    a.body.push_back(typed("code", "not counted at all"));
    Block t;
    t.type = "table";
    t.rows = {{"two words", "one"}};
    a.body.push_back(t);
    a.body.push_back(para("  - \u00a0 -- x\u00a0y "));
    CHECK(formats::word_count(a) == 5 + 3 + 2);
}

// ---------------------------------------------------------------- text

TEST_CASE("text: small record exactly", "[formats]") {
    CHECK(render("text", small()) == "Hello\n\nOne.\n");
}

TEST_CASE("text: blocks, lists, tables, separator; no figures", "[formats]") {
    Article a;
    a.title = "T";
    a.body = {heading(2, "Head"), item("a"), item("b", 1, true), item("c", 1, true), item("d"),
              para("line one\nline two"), typed("figure", "Caption")};
    Block t;
    t.type = "table";
    t.rows = {{"x", "y\tz"}, {"1", "2\n3"}};
    a.body.push_back(t);
    a.body.push_back(typed("code", "  indented\n\n"));
    const std::string expect =
        "T\n\nHead\n\n- a\n  1. b\n  2. c\n- d\n\nline one\nline two\n\nx\ty z\n1\t2 3\n\n  indented\n";
    CHECK(render("text", a) == expect);
    CHECK(run("text", {small(), small()}) == "Hello\n\nOne.\n\f\nHello\n\nOne.\n");
    CHECK(run("text", {}) == "");
}

TEST_CASE("text: control characters are dropped, comments only on request", "[formats]") {
    Article a;
    a.body.push_back(para("a\x01\x0c" "b"));
    a.comments.push_back(para("nice"));
    CHECK(render("text", a) == "ab\n");
    WriterOptions o;
    o.comments = true;
    CHECK(render("text", a, o) == "ab\n\nComments\n\nnice\n");
    Article b;
    b.body = {para(" \n\t"), typed("quote", "\r"), para("x")};
    CHECK(render("text", b) == "x\n");
    CHECK(render("html", b).find("<article>\n<p>x</p>\n</article>") != std::string::npos);
    CHECK(render("tei", b).find("<body>\n<p>x</p>\n</body>") != std::string::npos);
}

// ---------------------------------------------------------------- markdown

std::string md_body(const Block& b) {
    Article a;
    a.body.push_back(b);
    return render("markdown", a);
}

TEST_CASE("markdown: escapes what would be markup", "[formats]") {
    CHECK(md_body(para("a * b _c_ [d](e) <f> `g` \\ h")) == "a \\* b \\_c\\_ \\[d\\](e) \\<f> \\`g\\` \\\\ h\n");
    CHECK(md_body(para("# not a heading")) == "\\# not a heading\n");
    CHECK(md_body(para("C# stays")) == "C# stays\n");
    CHECK(md_body(para("1. not a list")) == "1\\. not a list\n");
    CHECK(md_body(para("2020) was")) == "2020\\) was\n");
    CHECK(md_body(para("2020 was")) == "2020 was\n");
    CHECK(md_body(para("- no\n+ no\n> no\n=== no")) == "\\- no\\\n\\+ no\\\n\\> no\\\n\\=== no\n");
    CHECK(md_body(para("AT&T &amp; &#39;")) == "AT&T \\&amp; \\&#39;\n");
    CHECK(md_body(para("    four spaces")) == "four spaces\n");
    CHECK(md_body(para("~~no~~")) == "\\~\\~no\\~\\~\n");
    CHECK(md_body(para("a\x7f\xc2\x85" "b\xc2\xa0" "c")) == "ab\xc2\xa0" "c\n");
    CHECK(md_body(heading(2, "Title #1 #")) == "## Title \\#1 \\#\n");
    CHECK(md_body(heading(7, "deep")) == "###### deep\n");
    CHECK(md_body(heading(2, "")) == "");
    CHECK(md_body(para("")) == "");
}

TEST_CASE("markdown: spans", "[formats]") {
    CHECK(md_body(para("a bold word", {span(2, 6, "strong")})) == "a **bold** word\n");
    CHECK(md_body(para("an em word", {span(3, 5, "em")})) == "an *em* word\n");
    CHECK(md_body(para("see this", {span(4, 8, "link", "https://x.org/a b(c)")})) ==
          "see [this](https://x.org/a%20b\\(c\\))\n");
    CHECK(md_body(para("run ls -l now", {span(4, 9, "code")})) == "run `ls -l` now\n");
    CHECK(md_body(para("a `tick` b", {span(2, 8, "code")})) == "a `` `tick` `` b\n");
    CHECK(md_body(para("H2O x2", {span(1, 2, "sub"), span(5, 6, "sup")})) == "H<sub>2</sub>O x<sup>2</sup>\n");
    // At both ends, nested.
    CHECK(md_body(para("all of it", {span(0, 9, "strong"), span(0, 3, "em")})) == "**<em>all</em> of it**\n");
    // Flanking rules: spans with white space or punctuation at their edges fall back to HTML.
    CHECK(md_body(para("x word y", {span(1, 7, "em")})) == "x<em> word </em>y\n");
    CHECK(md_body(para("a\"quoted\"b", {span(1, 9, "em")})) == "a<em>\"quoted\"</em>b\n");
    CHECK(md_body(para("in\"quoted\" b", {span(2, 10, "strong")})) == "in<strong>\"quoted\"</strong> b\n");
    CHECK(md_body(para("(\"quoted\")", {span(1, 9, "em")})) == "(*\"quoted\"*)\n");
    // Overlap: split so that the pieces nest.
    CHECK(md_body(para("bold italic", {span(0, 8, "strong"), span(5, 11, "em")})) ==
          "**bold <em>ita</em>**<em>lic</em>\n");
    // Unknown kinds render as their text; out-of-range offsets are clamped.
    CHECK(md_body(para("plain", {span(0, 5, "mark"), span(3, 99, "em")})) == "pla*in*\n");
    // Links with unsafe schemes are dropped.
    CHECK(md_body(para("click", {span(0, 5, "link", " JavaScript:alert(1)")})) == "click\n");
    // Nothing inside code; a link cannot contain a link.
    CHECK(md_body(para("a b c", {span(0, 5, "code"), span(2, 3, "em")})) == "`a b c`\n");
    CHECK(md_body(para("abc", {span(0, 3, "link", "u"), span(1, 2, "link", "v")})) == "[abc](u)\n");
    // "!" before a link would make it an image.
    CHECK(md_body(para("wow!link", {span(4, 8, "link", "u")})) == "wow\\![link](u)\n");
    CHECK(md_body(para("a\\!link", {span(3, 7, "link", "u")})) == "a\\\\\\![link](u)\n");
    // Code points, not bytes.
    CHECK(md_body(para("caf\u00e9 \U0001F600 ok", {span(5, 6, "em"), span(7, 9, "strong")})) ==
          "caf\u00e9 *\U0001F600* **ok**\n");
}

TEST_CASE("markdown: lists, quotes, code, figures, tables", "[formats]") {
    Article a;
    a.body = {item("a"), item("b", 1, true), item("c", 1, true), item("d", 2), item("e"), para("after"),
              item("x", 0, true), item("y", 0, false)};
    CHECK(render("markdown", a) == "- a\n  1. b\n  2. c\n     - d\n- e\n\nafter\n\n1. x\n\n- y\n");
    Article deep;
    deep.body = {item("jump", 3), item("-1 is a number")};
    CHECK(render("markdown", deep) == "- jump\n- \\-1 is a number\n");
    // Empty items get an empty comment; lists of one kind split by an empty block stay two.
    Article e;
    e.body = {item("a"), item("", 1), para(" "), item("b"), para("p"), item("c")};
    CHECK(render("markdown", e) == "- a\n  - <!-- -->\n\n<!-- -->\n\n- b\n\np\n\n- c\n");
    CHECK(md_body(typed("quote", "one\ntwo")) == "> one\\\n> two\n");
    Block code = typed("code", "a ```` b\n");
    code.lang = "py thon";
    CHECK(md_body(code) == "`````py\na ```` b\n`````\n");
    CHECK(md_body(typed("code", "x")) == "```\nx\n```\n");
    CHECK(md_body(typed("code", " \n ")) == "");
    Block fig = typed("figure", "A [caption]");
    fig.src = "img one.png";
    CHECK(md_body(fig) == "![A \\[caption\\]](img%20one.png)\n\nA \\[caption\\]\n");
    fig.alt = "alt";
    fig.src = "javascript:x";
    CHECK(md_body(fig) == "A \\[caption\\]\n");
    Block t;
    t.type = "table";
    t.rows = {{"h1", "h|2"}, {"a", "b\nc", "`x|y`"}};
    t.header_rows = 1;
    CHECK(md_body(t) == "| h1 | h\\|2 |  |\n| --- | --- | --- |\n| a | b<br>c | \\`x\\|y\\` |\n");
    t.header_rows = 0;
    CHECK(md_body(t) == "|  |  |  |\n| --- | --- | --- |\n| h1 | h\\|2 |\n| a | b<br>c | \\`x\\|y\\` |\n");
}

TEST_CASE("markdown: front matter and header", "[formats]") {
    Article a = small();
    a.authors = {"A \"B\"", "C\\D"};
    a.date_published = "2020-03-23";
    a.language = "en";
    CHECK(render("markdown", a) ==
          "---\ntitle: \"Hello\"\nauthor:\n  - \"A \\\"B\\\"\"\n  - \"C\\\\D\"\ndate: \"2020-03-23\"\nlang: \"en\"\n"
          "id: \"a1\"\n---\n\nOne.\n");
    WriterOptions o;
    o.front_matter = false;
    a.subtitle = "Sub title";
    a.site_name = "Site";
    a.url = "https://x.org/1";
    CHECK(render("markdown", a, o) ==
          "# Hello\n\n*Sub title*\n\nBy A \"B\" and C\\\\D · 2020-03-23 · Site · <https://x.org/1>\n\nOne.\n");
    // a subtitle the body opens with (a standfirst kept in the text) is not said twice
    a.subtitle = "One.";
    CHECK(render("markdown", a, o) ==
          "# Hello\n\nBy A \"B\" and C\\\\D · 2020-03-23 · Site · <https://x.org/1>\n\nOne.\n");
    CHECK(render("html", a).find("class=\"subtitle\"") == std::string::npos);
    a.subtitle = "Sub title";
    CHECK(render("html", a).find("<p class=\"subtitle\">Sub title</p>") != std::string::npos);
    Article empty;
    CHECK(render("markdown", empty) == "");
    CHECK(run("markdown", {small(), small()}) ==
          "---\ntitle: \"Hello\"\nid: \"a1\"\n---\n\nOne.\n\f\n---\ntitle: \"Hello\"\nid: \"a1\"\n---\n\nOne.\n");
    Article ctl;
    ctl.title = "x\x01y\u2028z";
    CHECK(render("markdown", ctl) == "---\ntitle: \"x\\x01y\\u2028z\"\n---\n");
}

// ---------------------------------------------------------------- html

TEST_CASE("html: small standalone page exactly", "[formats]") {
    Article a = small();
    a.language = "fr";
    const std::string expect =
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"copydesk\">\n<title>Hello</title>\n<style>";
    const std::string tail =
        "</style>\n</head>\n<body>\n"
        "<article>\n<header>\n<h1>Hello</h1>\n</header>\n<p>One.</p>\n</article>\n</body>\n</html>\n";
    const std::string h = render("html", a);
    CHECK(h.substr(0, expect.size()) == expect);
    CHECK(h.substr(h.size() - tail.size()) == tail);
}

TEST_CASE("html: rich article is balanced and escaped", "[formats]") {
    const std::string h = render("html", rich());
    std::string why;
    CHECK(html_balanced(h, &why));
    INFO(why);
    CHECK(h.find("<title>Xi meets &lt;Merkel&gt; &amp; \"friends\"</title>") != std::string::npos);
    CHECK(h.find("<meta name=\"description\" content=\"Talks, &quot;quoted&quot;&#10;across lines\">") !=
          std::string::npos);
    CHECK(h.find("<html lang=\"en\">") != std::string::npos);
    CHECK(h.find("<time datetime=\"2020-03-23T12:25:51\">2020-03-23T12:25:51</time>") != std::string::npos);
    CHECK(h.find("<p><span class=\"entity person\" data-value=\"Xi Jinping\"><strong>Xi Jinping</strong></span> met "
                 "<a href=\"https://de.example/merkel\"><span class=\"entity person\" data-value=\"Angela Merkel\">"
                 "Angela Merkel</span></a> in <span class=\"entity place\" data-value=\"DE\">Berlin</span> on "
                 "<time class=\"date weekday\" datetime=\"2020-03-21\">Saturday</time>.</p>") != std::string::npos);
    CHECK(h.find("<ul>\n<li>First\n<ol>\n<li>Nested one</li>\n<li>Nested two\n<ul>\n<li>Deeper</li>\n</ul>\n</li>\n"
                 "</ol>\n</li>\n<li>Second</li>\n</ul>\n") != std::string::npos);
    CHECK(h.find("<pre><code class=\"language-cpp\">int main() {\n  return 0; // ``` fence\n}\n</code></pre>") !=
          std::string::npos);
    CHECK(h.find("<figure>\n<img src=\"https://example.org/img.jpg\" alt=\"Xi and Merkel\">\n<figcaption>The <em>two</em>") !=
          std::string::npos);
    CHECK(h.find("<thead>\n<tr><th>Name</th><th>Role</th></tr>\n</thead>\n<tbody>\n<tr><td>Xi</td>") !=
          std::string::npos);
    CHECK(h.find("<p><strong>bold <em>italic</em></strong><em> and</em> <code>code</code> <sup>end</sup></p>") !=
          std::string::npos);
    CHECK(h.find("<p>badchars ok</p>") != std::string::npos);
    CHECK(h.find("<footer>\n<p class=\"source\"><a href=\"https://example.org/news/1?a=1&amp;b=2\">") != std::string::npos);
}

TEST_CASE("html: annotations off, several records, overlapping annotations", "[formats]") {
    WriterOptions o;
    o.annotations = false;
    const std::string h = render("html", rich(), o);
    CHECK(h.find("entity") == std::string::npos);
    CHECK(h.find("<p><strong>Xi Jinping</strong> met") != std::string::npos);

    Article b = small();
    b.language = "de";
    const std::string two = run("html", {rich(), b});
    CHECK(html_balanced(two));
    CHECK(two.find("<html>") != std::string::npos);
    CHECK(two.find("<article lang=\"en\">") != std::string::npos);
    CHECK(two.find("<article lang=\"de\">") != std::string::npos);
    CHECK(two.find("<title>Articles</title>") != std::string::npos);
    Article d = small();
    d.date_published = "23 March";
    CHECK(render("html", d).find("<p class=\"dateline\"><span class=\"date\">23 March</span></p>") != std::string::npos);
    WriterOptions c;
    c.corpus = true;
    CHECK(run("html", {b}, c).find("<title>Articles</title>") != std::string::npos);
    CHECK(html_balanced(run("html", {})));

    Article x;
    x.body.push_back(para("New York Times Square"));
    x.annotations.entities = {ann("place", 0, 0, 8, "NYC"), ann("organization", 0, 4, 14)};
    x.annotations.dates = {ann("date", 0, 0, 21, "2020-13-01")};
    const std::string h2 = render("html", x);
    CHECK(h2.find("<p><span class=\"date\" data-value=\"2020-13-01\"><span class=\"entity place\" data-value=\"NYC\">"
                  "New <span class=\"entity organization\">York</span></span><span class=\"entity organization\"> "
                  "Times</span> Square</span></p>") != std::string::npos);
}

// ---------------------------------------------------------------- tei

TEST_CASE("tei: rich article parses as XML with the expected structure", "[formats]") {
    const std::string t = render("tei", rich());
    pugi::xml_document doc;
    const auto r = doc.load_string(t.c_str());
    INFO(r.description());
    INFO(t);
    REQUIRE(r);
    const auto tei = doc.child("TEI");
    REQUIRE(tei);
    CHECK(std::string(tei.attribute("xmlns").value()) == "http://www.tei-c.org/ns/1.0");
    CHECK(std::string(tei.attribute("xml:lang").value()) == "en");
    const auto fd = tei.child("teiHeader").child("fileDesc");
    CHECK(std::string(fd.child("titleStmt").child("title").text().get()) == "Xi meets <Merkel> & \"friends\"");
    CHECK(std::string(fd.child("titleStmt").find_child_by_attribute("title", "type", "sub").text().get()) ==
          "A *talk* in Berlin");
    CHECK(std::string(fd.child("titleStmt").last_child().text().get()) == "Anna Müller");
    CHECK(std::string(fd.child("publicationStmt").child("publisher").text().get()) == "China Daily");
    CHECK(std::string(fd.child("publicationStmt").child("date").attribute("when").value()) == "2020-03-23T12:25:51");
    CHECK(std::string(fd.child("sourceDesc").child("bibl").child("ref").attribute("target").value()) ==
          "https://example.org/news/1?a=1&b=2");
    const auto body = tei.child("text").child("body");
    const auto p0 = body.child("p");
    CHECK(std::string(p0.child("persName").attribute("key").value()) == "Xi Jinping");
    CHECK(std::string(p0.child("persName").child("hi").attribute("rend").value()) == "bold");
    CHECK(std::string(p0.child("ref").child("persName").text().get()) == "Angela Merkel");
    CHECK(std::string(p0.child("placeName").text().get()) == "Berlin");
    CHECK(std::string(p0.child("date").attribute("when").value()) == "2020-03-21");
    CHECK(std::string(p0.child("date").attribute("type").value()) == "weekday");
    const auto div = body.child("div");
    CHECK(std::string(div.child("head").text().get()) == "# Background");
    const auto list = div.child("list");
    CHECK(std::string(list.attribute("rend").value()) == "bulleted");
    CHECK(std::string(list.child("item").child("list").attribute("rend").value()) == "numbered");
    CHECK(std::string(list.child("item").child("list").last_child().child("list").child("item").text().get()) ==
          "Deeper");
    CHECK(std::string(div.child("quote").text().get()) == "We agree, \u201cfully\u201d.");
    CHECK(std::string(div.child("ab").attribute("subtype").value()) == "cpp");
    CHECK(std::string(div.child("ab").text().get()) == "int main() {\n  return 0; // ``` fence\n}\n");
    CHECK(std::string(div.child("figure").child("graphic").attribute("url").value()) == "https://example.org/img.jpg");
    CHECK(std::string(div.child("figure").child("figDesc").text().get()) == "Xi and Merkel");
    CHECK(std::string(div.child("table").child("row").attribute("role").value()) == "label");
    CHECK(std::string(div.child("table").last_child().last_child().text().get()) == "Chancellor");
    // Control characters and U+FFFE are gone; the rest stays.
    CHECK(t.find("badchars ok") != std::string::npos);
}

TEST_CASE("tei: small record exactly, corpus for several", "[formats]") {
    const std::string expect =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<teiHeader>\n"
        "<fileDesc>\n<titleStmt>\n<title type=\"main\">Hello</title>\n</titleStmt>\n<publicationStmt>\n"
        "<p>Publisher unknown.</p>\n</publicationStmt>\n<sourceDesc>\n<bibl>\n<title level=\"a\">Hello</title>\n"
        "</bibl>\n</sourceDesc>\n</fileDesc>\n</teiHeader>\n<text>\n<body>\n<p>One.</p>\n</body>\n</text>\n</TEI>\n";
    CHECK(render("tei", small()) == expect);
    for (size_t n : {0, 2, 3}) {
        std::vector<Article> as(n, rich());
        const std::string t = run("tei", as);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(t.c_str()));
        const auto corpus = doc.child("teiCorpus");
        REQUIRE(corpus);
        CHECK(corpus.child("teiHeader"));
        size_t count = 0;
        for (auto c : corpus.children("TEI")) {
            (void)c;
            ++count;
        }
        CHECK(count == n);
    }
    WriterOptions o;
    o.corpus = true;
    pugi::xml_document doc;
    REQUIRE(doc.load_string(run("tei", {small()}, o).c_str()));
    CHECK(doc.child("teiCorpus").child("TEI"));
}

TEST_CASE("tei: hostile text stays well-formed", "[formats]") {
    Article a;
    a.title = std::string("t\x01\x1f\xff<&>");  // control chars and invalid UTF-8
    a.language = "en\"x";
    a.url = "http://x/?a=\"b\"&c=<d> e";
    a.authors = {"]]>"};
    a.body.push_back(para("line\r\nbreak ]]> \x7f", {span(0, 2, "code"), span(1, 3, "em")}));
    a.body.push_back(heading(3, "three"));
    a.body.push_back(heading(1, "one"));
    a.body.push_back(para("tail"));
    a.annotations.dates = {ann("range", 0, 0, 4, "2020-03-01/2020-03-05"), ann("time", 99, 0, 1, "12:25")};
    const std::string t = render("tei", a);
    pugi::xml_document doc;
    const auto r = doc.load_string(t.c_str());
    INFO(t);
    REQUIRE(r);
    CHECK(text::is_valid_utf8(t));
    const auto p = doc.child("TEI").child("text").child("body").child("p");
    CHECK(std::string(p.child("date").attribute("from").value()) == "2020-03-01");
    CHECK(std::string(p.child("date").attribute("to").value()) == "2020-03-05");
    CHECK(std::string(p.child("date").child("code").text().get()) == "li");  // em inside code is dropped
    CHECK(p.child("lb"));
    CHECK(std::string(doc.child("TEI").child("teiHeader").child("fileDesc").child("sourceDesc").child("bibl")
                          .child("ref").attribute("target").value()) == "http://x/?a=\"b\"&c=<d>%20e");
    // Headings open divisions by level.
    const auto body = doc.child("TEI").child("text").child("body");
    CHECK(std::string(body.child("div").child("head").text().get()) == "three");
    CHECK(std::string(body.last_child().child("head").text().get()) == "one");
    CHECK(std::string(body.last_child().child("p").text().get()) == "tail");
}

// ---------------------------------------------------------------- csv

TEST_CASE("csv: header, quoting, lists, word count", "[formats]") {
    Article a = rich();
    const std::string c = run("csv", {a, small()});
    CHECK(c ==
          "id,url,title,authors,date_published,site_name,language,words\r\n"
          "rich-1,https://example.org/news/1?a=1&b=2,\"Xi meets <Merkel> & \"\"friends\"\"\",Li Wei; Anna Müller,"
          "2020-03-23T12:25:51,China Daily,en," +
              std::to_string(formats::word_count(a)) +
              "\r\n"
              "a1,,Hello,,,,,1\r\n");
    WriterOptions o;
    o.csv_columns = {"title", "text", "blocks"};
    CHECK(render("csv", small(), o) == "title,text,blocks\r\nHello,\"Hello\n\nOne.\",1\r\n");
    o.csv_columns = {"title", "nope"};
    CHECK_THROWS_AS(formats::find_writer("csv")->make(o), std::invalid_argument);
    CHECK(run("csv", {}) == "id,url,title,authors,date_published,site_name,language,words\r\n");
}

// ---------------------------------------------------------------- wet

TEST_CASE("wet: one conversion record per article", "[formats]") {
    Article a = small();
    a.url = "https://x.org/1";
    a.source.warc_date = "2020-03-23T12:25:51Z";
    a.source.warc_record_id = "<urn:uuid:0000>";
    const std::string w = render("wet", a);
    const std::string text = "Hello\n\nOne.\n";
    const std::string head = w.substr(0, w.find("\r\n\r\n"));
    CHECK(head.rfind("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://x.org/1\r\n"
                     "WARC-Date: 2020-03-23T12:25:51Z\r\nWARC-Record-ID: <urn:uuid:", 0) == 0);
    CHECK(head.find("\r\nWARC-Refers-To: <urn:uuid:0000>\r\nContent-Type: text/plain\r\nContent-Length: 12") !=
          std::string::npos);
    CHECK(w.substr(w.find("\r\n\r\n") + 4) == text + "\r\n\r\n");
    CHECK(render("wet", a) == w);  // the record id is stable
    Article b = a;
    b.id = "other";
    CHECK(render("wet", b) != w);
    b.url.reset();
    CHECK(render("wet", b).find("\r\nWARC-Target-URI: urn:copydesk:other\r\n") != std::string::npos);
}

// ---------------------------------------------------------------- properties

namespace {

// Random text with markup characters, non-ASCII, controls and (sometimes) broken UTF-8.
std::string random_text(std::mt19937& rng) {
    static const char* toks[] = {"a", "word", " ", " ", "\n", "*", "_", "`", "\\", "[", "]", "<", ">", "&",
                                 "&amp;", "\"", "'", "#", "1.", "-", "|", "\t", "\r", "\x01", "\x0c",
                                 "\xef\xbf\xbf", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "]]>",
                                 "\xff", "\xe2\x80", "\x7f", "\xc2\x85", "\xc2\xa0", "\xef\xb7\x90",
                                 "\xf4\x8f\xbf\xbf"};
    std::string t;
    const int n = static_cast<int>(rng() % 14);
    for (int i = 0; i < n; ++i) t += toks[rng() % (sizeof toks / sizeof *toks)];
    return t;
}

Article random_article(std::mt19937& rng) {
    static const char* types[] = {"paragraph", "heading", "item", "quote", "code", "figure", "table", "odd"};
    static const char* kinds[] = {"em", "strong", "code", "link", "sub", "sup", "del", "weird"};
    static const char* etypes[] = {"person", "place", "organization", "misc", "date", "time", "range"};
    Article a;
    if (rng() % 2) a.title = random_text(rng);
    if (rng() % 2) a.authors = {random_text(rng), random_text(rng)};
    if (rng() % 2) a.date_published = rng() % 2 ? "2020-03-23" : random_text(rng);
    if (rng() % 2) a.language = "en";
    if (rng() % 2) a.url = "http://x/?a=" + random_text(rng);
    const int nb = static_cast<int>(rng() % 8);
    for (int i = 0; i < nb; ++i) {
        Block b;
        b.type = types[rng() % 8];
        b.text = random_text(rng);
        b.level = static_cast<int>(rng() % 9) - 1;
        b.depth = static_cast<int>(rng() % 4) - 1;
        b.ordered = rng() % 2;
        b.lang = rng() % 2 ? "py" : random_text(rng);
        if (b.type == "figure") { b.src = random_text(rng); b.alt = random_text(rng); }
        if (b.type == "table") {
            b.rows = {{random_text(rng), random_text(rng)}, {random_text(rng)}};
            b.header_rows = static_cast<int>(rng() % 3);
        }
        const int64_t len = text::count_code_points(b.text);
        const int ns = static_cast<int>(rng() % 4);
        for (int k = 0; k < ns; ++k) {
            Span s;
            s.start = static_cast<int64_t>(rng() % static_cast<uint64_t>(len + 3)) - 1;
            s.end = s.start + static_cast<int64_t>(rng() % static_cast<uint64_t>(len + 2));
            s.kind = kinds[rng() % 8];
            s.href = rng() % 4 ? "http://h/" + random_text(rng) : "javascript:x";
            b.spans.push_back(s);
        }
        const int na = static_cast<int>(rng() % 3);
        for (int k = 0; k < na; ++k) {
            const char* t = etypes[rng() % 7];
            Annotation an = ann(t, i + static_cast<int64_t>(rng() % 2), static_cast<int64_t>(rng() % static_cast<uint64_t>(len + 1)),
                                static_cast<int64_t>(rng() % static_cast<uint64_t>(len + 2)), random_text(rng));
            if (std::string_view(t) == "date" || std::string_view(t) == "time" || std::string_view(t) == "range") {
                an.value = rng() % 2 ? "2020-03-21" : rng() % 2 ? "12:30" : "2020-03-01/2020-03-05";
                a.annotations.dates.push_back(an);
            } else {
                a.annotations.entities.push_back(an);
            }
        }
        a.body.push_back(b);
    }
    return a;
}

// The characters of s that XML 1.0 allows (CR dropped), after U+FFFD repair.
std::string xml_chars(const std::string& s) {
    const std::string v = text::repair_utf8(s);
    std::string out;
    size_t i = 0;
    while (i < v.size()) {
        const size_t at = i;
        const char32_t c = text::decode(v, i);
        if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) ||
            (c & 0xFFFE) == 0xFFFE)
            continue;
        out.append(v, at, i - at);
    }
    return out;
}

// Text of an element, <lb/> read as a line break (the writer puts a newline after it).
void xml_text_of(const pugi::xml_node& n, std::string& out, bool& after_lb) {
    for (auto c : n.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            std::string_view v = c.value();
            if (after_lb && !v.empty() && v[0] == '\n') v.remove_prefix(1);
            out += v;
            after_lb = false;
        } else if (std::string_view(c.name()) == "lb") {
            out += "\n";
            after_lb = true;
        } else {
            xml_text_of(c, out, after_lb);
        }
    }
}

}  // namespace

TEST_CASE("formats: random articles give well-formed, valid UTF-8 output in every format", "[formats]") {
    std::mt19937 rng(20200323);
    for (int round = 0; round < 400; ++round) {
        const Article a = random_article(rng);
        for (const auto& f : formats::writers()) {
            const std::string out = render(f.name, a);
            INFO(f.name << " round " << round);
            REQUIRE(text::is_valid_utf8(out));
            if (f.name == "tei") {
                pugi::xml_document doc;
                const auto r = doc.load_string(out.c_str());
                INFO(out);
                REQUIRE(r);
            }
            if (f.name == "html") {
                std::string why;
                INFO(out);
                REQUIRE(html_balanced(out, &why));
            }
        }
    }
}

TEST_CASE("formats: markup never changes the words (TEI paragraphs keep their text)", "[formats]") {
    std::mt19937 rng(7);
    for (int round = 0; round < 400; ++round) {
        Article a = random_article(rng);
        Block p = para(random_text(rng));
        const int64_t len = text::count_code_points(p.text);
        for (int k = 0; k < 4; ++k) {
            const int64_t s = static_cast<int64_t>(rng() % static_cast<uint64_t>(len + 1));
            p.spans.push_back(span(s, s + static_cast<int64_t>(rng() % 5), k % 2 ? "em" : "link", "h"));
        }
        a.body = {p};
        const std::string out = render("tei", a);
        pugi::xml_document doc;
        REQUIRE(doc.load_string(out.c_str(), pugi::parse_default | pugi::parse_ws_pcdata));
        const auto node = doc.child("TEI").child("text").child("body").child("p");
        std::string got;
        bool after_lb = false;
        xml_text_of(node, got, after_lb);
        INFO(out);
        const std::string want = xml_chars(p.text);
        const bool blank = std::all_of(p.text.begin(), p.text.end(),
                                       [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
        if (blank) CHECK(got.empty());  // blank blocks are left out
        else CHECK(got == want);
    }
}

// ---------------------------------------------------------------- golden files

// tests/data/formats/rich.* hold the rich article in each format, for people to read and
// for review of any change. COPYDESK_UPDATE_GOLDEN=1 rewrites them.
TEST_CASE("formats: golden files of the rich article", "[formats]") {
    Article a = rich();
    a.source.warc_date = "2020-03-23T12:25:51Z";
    a.comments.push_back(para("First!"));
    WriterOptions o;
    o.comments = true;
    const std::string dir = std::string(COPYDESK_SOURCE_DIR) + "/tests/data/formats/";
    const bool update = std::getenv("COPYDESK_UPDATE_GOLDEN") != nullptr;
    for (const auto& [format, ext] : std::vector<std::pair<std::string, std::string>>{
             {"text", "txt"}, {"markdown", "md"}, {"html", "html"}, {"tei", "xml"}, {"csv", "csv"}, {"wet", "wet"}}) {
        const std::string got = render(format, a, o);
        const std::string path = dir + "rich." + ext;
        if (update) {
            std::ofstream(path, std::ios::binary) << got;
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        INFO(path << " (COPYDESK_UPDATE_GOLDEN=1 rewrites it)");
        REQUIRE(in);
        std::stringstream want;
        want << in.rdbuf();
        CHECK(got == want.str());
    }
}

// ---------------------------------------------------------------- hostile records

TEST_CASE("formats: hostile records stay linear", "[formats]") {
    // 20000 crossing spans over one paragraph: would split into 10^8 pieces.
    Article a;
    std::string t(40000, 'x');
    Block p = para(t);
    for (int64_t i = 0; i < 20000; ++i) p.spans.push_back(span(i, 20000 + i, i % 2 ? "em" : "strong"));
    a.body.push_back(p);
    // 20000 nested spans, 20000 annotations over the same words.
    Block q = para(t);
    for (int64_t i = 0; i < 20000; ++i) q.spans.push_back(span(i, 40000 - i, "em"));
    a.body.push_back(q);
    for (int64_t i = 0; i < 20000; ++i) a.annotations.entities.push_back(ann("person", 1, i, i + 5));
    // A ragged table: one wide row, many short ones.
    Block wide;
    wide.type = "table";
    wide.rows.assign(50000, {"c"});
    wide.rows.push_back(std::vector<std::string>(50000, "w"));
    a.body.push_back(wide);
    // 50000 items, each one level deeper.
    for (int i = 0; i < 50000; ++i) a.body.push_back(item("i", i));
    for (const char* f : {"text", "markdown", "html", "tei"}) {
        const std::string out = render(f, a);
        INFO(f);
        CHECK(out.size() < 40000000);
        if (std::string_view(f) == "tei") {
            pugi::xml_document doc;
            CHECK(doc.load_string(out.c_str()));
        }
        if (std::string_view(f) == "html") CHECK(html_balanced(out));
    }
    // Nesting is capped (XML tools refuse documents deeper than a few hundred levels).
    Article n;
    n.body.push_back(q);
    const std::string tei = render("tei", n);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(tei.c_str()));
    size_t depth = 0;
    for (auto x = doc.child("TEI").child("text").child("body").child("p"); x; x = x.child("hi")) ++depth;
    CHECK(depth > 60);
    CHECK(depth < 70);
}

TEST_CASE("formats: the fast UTF-8 check agrees with text::is_valid_utf8", "[formats]") {
    std::mt19937 rng(99);
    static const char* pieces[] = {"a", "abcdefgh", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\x80",
                                   "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x80", "\xff",
                                   "\xf0\x9f", "\xc2", "\xef\xbf\xbf", "\xe0\x9f\x80", "\xf5\x80\x80\x80"};
    for (int round = 0; round < 20000; ++round) {
        std::string t;
        const int n = static_cast<int>(rng() % 12);
        for (int i = 0; i < n; ++i) t += pieces[rng() % (sizeof pieces / sizeof *pieces)];
        INFO(t);
        REQUIRE(formats::detail::valid_utf8(t) == text::is_valid_utf8(t));
    }
}
