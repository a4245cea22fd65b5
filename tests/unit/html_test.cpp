#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <catch2/catch.hpp>

#include "../conformance/dat_file.hpp"
#include "copydesk/html.hpp"

using namespace copydesk;
namespace fs = std::filesystem;

namespace {

std::string repeat(std::string_view s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

size_t count_elements(const pugi::xml_node& root, std::string_view name) {
    size_t n = 0;
    for (pugi::xml_node node = root.first_child(); node;) {  // iterative pre-order walk
        if (name == node.name()) ++n;
        if (node.first_child()) { node = node.first_child(); continue; }
        while (node && node != root && !node.next_sibling()) node = node.parent();
        node = node == root || !node ? pugi::xml_node() : node.next_sibling();
    }
    return n;
}

size_t depth_of_first_children(const pugi::xml_node& root) {
    size_t depth = 0;
    for (pugi::xml_node node = root.first_child(); node; node = node.first_child()) ++depth;
    return depth;
}

// Adversarial input parses whole, without hitting a limit (that it does so in linear time is
// measured by tests/bench/html_linear_bench.cpp: speed is never checked by unit tests).
void require_parses(const std::function<std::string(size_t)>& make_input, size_t n) {
    const html::ParseResult r = html::parse(make_input(n));
    REQUIRE_FALSE(r.truncated);
    REQUIRE(r.doc.child("html"));
}

}  // namespace

TEST_CASE("html: copydesk's own conformance cases (tests/data/html/*.dat)", "[html]") {
    const fs::path dir = fs::path(COPYDESK_SOURCE_DIR) / "tests/data/html";
    size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".dat") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        for (const auto& c : html::testing::read_dat(text)) {
            INFO(entry.path().filename().string() << "\n" << c.data);
            html::ParseOptions options;
            options.scripting = c.scripting;
            const html::ParseResult r = c.fragment_context.empty()
                                            ? html::parse(c.data, options)
                                            : html::parse_fragment(c.data, c.fragment_context, options);
            CHECK(html::testing::trim_newlines(html::dump_tree(r.doc)) == c.document);
            ++cases;
        }
    }
    REQUIRE(cases >= 10);
}

TEST_CASE("html: parse builds a pugixml document with lowercase names", "[html]") {
    const html::ParseResult r = html::parse("<!DOCTYPE html><HTML><Body CLASS=Main><P>Hi &amp; bye");
    REQUIRE(r);
    REQUIRE_FALSE(r.truncated);
    const pugi::xml_node body = r.doc.child("html").child("body");
    REQUIRE(body);
    CHECK(std::string(body.attribute("class").value()) == "Main");
    CHECK(std::string(body.child("p").child_value()) == "Hi & bye");
    CHECK(r.doc.first_child().type() == pugi::node_doctype);
    CHECK(std::string(r.doc.first_child().value()) == "html");
}

TEST_CASE("html: errors are counted, invalid UTF-8 becomes U+FFFD, CR LF becomes LF", "[html]") {
    const html::ParseResult r = html::parse("<p>a\xFF\r\nb</p></x>");
    CHECK(r.errors > 0);
    CHECK(std::string(r.doc.child("html").child("body").child("p").child_value()) == "a\xEF\xBF\xBD\nb");
    CHECK(html::parse("<!DOCTYPE html><p>ok</p>").errors == 0);
}

TEST_CASE("html: keep_comments=false drops comments", "[html]") {
    html::ParseOptions options;
    options.keep_comments = false;
    const html::ParseResult r = html::parse("<!--a--><p><!--b-->x</p>", options);
    CHECK(html::dump_tree(r.doc).find("<!--") == std::string::npos);
    CHECK(html::dump_tree(html::parse("<!--a--><p>").doc).find("<!-- a -->") != std::string::npos);
}

TEST_CASE("html: the scripting flag decides how noscript parses", "[html]") {
    html::ParseOptions on;
    on.scripting = true;
    const std::string input = "<noscript><p>x</p></noscript>";
    CHECK(html::dump_tree(html::parse(input).doc).find("<p>") != std::string::npos);
    CHECK(html::dump_tree(html::parse(input, on).doc).find("\"<p>x</p>\"") != std::string::npos);
}

TEST_CASE("html: parse_fragment parses in the context of an element", "[html]") {
    const html::ParseResult td = html::parse_fragment("<td>a</td>", "tr");
    CHECK(html::dump_tree(td.doc) == "| <td>\n|   \"a\"\n");
    const html::ParseResult title = html::parse_fragment("<b>x</b>", "title");
    CHECK(html::dump_tree(title.doc) == "| \"<b>x</b>\"\n");
    const html::ParseResult svg = html::parse_fragment("<circle/>", "svg svg");
    CHECK(html::dump_tree(svg.doc) == "| <svg circle>\n");
}

TEST_CASE("html: max_nodes stops building and reports truncation", "[html]") {
    html::ParseOptions options;
    options.max_nodes = 100;
    const html::ParseResult r = html::parse(repeat("<p>x</p>", 10'000), options);
    CHECK(r.truncated);
    CHECK_FALSE(r);
    REQUIRE_FALSE(r.warnings.empty());
    CHECK(count_elements(r.doc, "p") < 60);
}

TEST_CASE("html: a million nested divs parse without recursion, in linear time", "[html][robustness]") {
    const size_t n = 1'000'000;
    const html::ParseResult r = html::parse(repeat("<div>", n) + "x");
    REQUIRE_FALSE(r.truncated);
    CHECK(depth_of_first_children(r.doc.child("html").child("body")) == n + 1);  // divs, text
    require_parses([](size_t k) { return repeat("<div>", k) + repeat("</div>", k); }, 100'000);
}

TEST_CASE("html: scopes are searched 512 elements deep at most, with a warning", "[html][robustness]") {
    const html::ParseResult shallow = html::parse("<div>" + repeat("<span>", 500) + "</div>x");
    CHECK(shallow.warnings.empty());
    CHECK(std::string(shallow.doc.child("html").child("body").last_child().value()) == "x");
    const html::ParseResult deep = html::parse("<div>" + repeat("<span>", 600) + "</div>x");
    CHECK_FALSE(deep.warnings.empty());
    CHECK(deep.doc.child("html").child("body").last_child().name() == std::string("div"));
    // Deep pages whose end tags match stay exact: every walk finds its element at the top.
    const html::ParseResult nested = html::parse(repeat("<div>", 5000) + repeat("</div>", 5000) + "x");
    CHECK(nested.warnings.empty());
    CHECK(std::string(nested.doc.child("html").child("body").last_child().value()) == "x");
}

TEST_CASE("html: adversarial end tags stay linear", "[html][robustness]") {
    require_parses([](size_t k) { return "<svg>" + repeat("<g>", k) + repeat("</x>", k); }, 10'000);
    require_parses([](size_t k) { return "<b>" + repeat("<div>", k) + repeat("</b>", k); }, 10'000);
    require_parses([](size_t k) { return repeat("<div>", k) + repeat("<table></table>", k); }, 10'000);
    require_parses([](size_t k) { return "<p><object>" + repeat("<div>", k); }, 20'000);
}

TEST_CASE("html: the adoption agency keeps the tree at most 512 deep on deep pages", "[html][robustness]") {
    // Each <a> closes the one before it and moves the <div> it holds: without a bound the tree
    // grows one level per repeat, and every move (pugixml checks the new parent's ancestors)
    // costs its depth.
    const html::ParseResult r = html::parse(repeat("<a href=x><div>", 3000));
    CHECK_FALSE(r.warnings.empty());
    size_t deepest = 0;
    for (pugi::xpath_node n : r.doc.select_nodes("//*")) {
        size_t depth = 0;
        for (pugi::xml_node p = n.node(); p.parent(); p = p.parent()) ++depth;
        deepest = std::max(deepest, depth);
    }
    CHECK(deepest <= 520);
    CHECK(count_elements(r.doc, "div") == 3000);
    // shallow pages are untouched: the tree the standard gives
    const html::ParseResult few = html::parse(repeat("<a href=x><div>", 3));
    CHECK(few.warnings.empty());
    CHECK(html::dump_tree(few.doc) ==
          "| <html>\n|   <head>\n|   <body>\n|     <a>\n|       href=\"x\"\n|     <div>\n|       <a>\n"
          "|         href=\"x\"\n|       <a>\n|         href=\"x\"\n|       <div>\n|         <a>\n"
          "|           href=\"x\"\n|         <a>\n|           href=\"x\"\n|           <div>\n");
}

TEST_CASE("html: dump_tree walks deep trees iteratively", "[html][robustness]") {
    const html::ParseResult r = html::parse(repeat("<span>", 3000));
    const std::string dump = html::dump_tree(r.doc);
    CHECK(std::count(dump.begin(), dump.end(), '\n') == 3003);  // html, head, body, spans
}

TEST_CASE("html: a frameset replacing a deep body is removed without recursion", "[html][robustness]") {
    const html::ParseResult r = html::parse(repeat("<div>", 500'000) + "<frameset></frameset>");
    CHECK(html::dump_tree(r.doc) == "| <html>\n|   <head>\n|   <frameset>\n");
}

TEST_CASE("html: unclosed formatting elements stay linear (Noah's Ark and the cap)", "[html][robustness]") {
    // Identical elements: at most three are reopened in each later div.
    const html::ParseResult same =
        html::parse("<div>" + repeat("<b>", 300) + "</div>" + repeat("<div>x</div>", 100));
    CHECK(count_elements(same.doc, "b") == 300 + 3 * 100);
    // Distinct ones: the list is capped, with a warning.
    std::string distinct;
    for (int i = 0; i < 300; ++i) distinct += "<b id=" + std::to_string(i) + ">";
    const html::ParseResult capped = html::parse("<div>" + distinct + "</div>x");
    CHECK(count_elements(capped.doc, "b") == 300 + 64);
    CHECK_FALSE(capped.warnings.empty());
    require_parses([](size_t k) {
        std::string s;
        for (size_t i = 0; i < k; ++i) s += "<i id=" + std::to_string(i) + "><p>x</p>";
        return s;
    }, 20'000);
}

TEST_CASE("html: huge attribute counts stay linear and keep the first duplicate", "[html][robustness]") {
    std::string attrs = "<div a=first";
    for (int i = 0; i < 100'000; ++i) attrs += " a" + std::to_string(i % 50'000) + "=v";
    attrs += " a=second>";
    const html::ParseResult r = html::parse(attrs);
    const pugi::xml_node div = r.doc.child("html").child("body").child("div");
    CHECK(std::distance(div.attributes_begin(), div.attributes_end()) == 50'001);
    CHECK(std::string(div.attribute("a").value()) == "first");
    require_parses([](size_t k) { return "<div " + repeat("x ", k) + ">"; }, 200'000);
}

TEST_CASE("html: an endless table of misplaced text stays linear", "[html][robustness]") {
    const html::ParseResult r = html::parse("<table>" + repeat("text<tr><td>cell</td></tr>", 3));
    CHECK(std::string(r.doc.child("html").child("body").first_child().value()) == "texttexttext");
    require_parses([](size_t k) { return "<table>" + repeat("text<tr><td>c</td></tr>", k); }, 20'000);
    require_parses([](size_t k) { return "<table>" + repeat("x<table>", k); }, 20'000);
}

TEST_CASE("html: a NUL right after an entity name's prefix is not part of the name", "[html]") {
    // Found by fuzzing: "&gt" followed by NUL read past the table's "gt" entry.
    const html::ParseResult r = html::parse(std::string_view("<div title=\"&gt\0x\">&gt\0y</div>", 30));
    const pugi::xml_node div = r.doc.child("html").child("body").child("div");
    CHECK(std::string(div.attribute("title").value()) == ">\xEF\xBF\xBDx");
    CHECK(std::string(div.child_value()) == ">y");
}
