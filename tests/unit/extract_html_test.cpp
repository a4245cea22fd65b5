// Tests of the HTML extractor (copydesk/extract.hpp, HTML section): URL resolution, title
// cleaning, byline splitting, dates in URLs, the rules file, JSON-LD and the content pass.
#include <catch2/catch.hpp>

#include <string>

#include "copydesk/extract.hpp"

using namespace copydesk;
using namespace copydesk::extract;

namespace {

std::string texts(const Article& a) {
    std::string s;
    for (const Block& b : a.body) {
        s += b.type;
        if (b.type == "heading") s += std::to_string(b.level);
        if (b.type == "item") s += "@" + std::to_string(b.depth);
        s += ":" + b.text + "\n";
    }
    return s;
}

}  // namespace

TEST_CASE("resolve_url follows RFC 3986 section 5.4") {
    const std::string base = "http://a/b/c/d;p?q";
    // normal examples
    CHECK(resolve_url(base, "g:h") == "g:h");
    CHECK(resolve_url(base, "g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "./g") == "http://a/b/c/g");
    CHECK(resolve_url(base, "g/") == "http://a/b/c/g/");
    CHECK(resolve_url(base, "/g") == "http://a/g");
    CHECK(resolve_url(base, "//g") == "http://g/");
    CHECK(resolve_url(base, "?y") == "http://a/b/c/d;p?y");
    CHECK(resolve_url(base, "g?y") == "http://a/b/c/g?y");
    CHECK(resolve_url(base, "#s") == "http://a/b/c/d;p?q#s");
    CHECK(resolve_url(base, "g#s") == "http://a/b/c/g#s");
    CHECK(resolve_url(base, ";x") == "http://a/b/c/;x");
    CHECK(resolve_url(base, "") == "http://a/b/c/d;p?q");
    CHECK(resolve_url(base, ".") == "http://a/b/c/");
    CHECK(resolve_url(base, "./") == "http://a/b/c/");
    CHECK(resolve_url(base, "..") == "http://a/b/");
    CHECK(resolve_url(base, "../g") == "http://a/b/g");
    CHECK(resolve_url(base, "../..") == "http://a/");
    CHECK(resolve_url(base, "../../g") == "http://a/g");
    // abnormal examples
    CHECK(resolve_url(base, "../../../g") == "http://a/g");
    CHECK(resolve_url(base, "/./g") == "http://a/g");
    CHECK(resolve_url(base, "/../g") == "http://a/g");
    CHECK(resolve_url(base, "g.") == "http://a/b/c/g.");
    CHECK(resolve_url(base, "..g") == "http://a/b/c/..g");
    CHECK(resolve_url(base, "./g/.") == "http://a/b/c/g/");
    CHECK(resolve_url(base, "g;x=1/../y") == "http://a/b/c/y");
    CHECK(resolve_url(base, "g?y/./x") == "http://a/b/c/g?y/./x");
    // pages
    CHECK(resolve_url("https://example.com", "img/a.jpg") == "https://example.com/img/a.jpg");
    CHECK(resolve_url("https://example.com/x/", "  /a b \n") == "https://example.com/a b");
    CHECK(resolve_url("", "/a") == "/a");
    CHECK(resolve_url("https://example.com/a", "mailto:x@example.com") == "mailto:x@example.com");
}

TEST_CASE("clean_title removes the site name") {
    CHECK(clean_title("River floods | The Courier", "The Courier") == "River floods");
    CHECK(clean_title("The Courier - River floods", "the courier") == "River floods");
    CHECK(clean_title("River towns brace for floods \u2013 Courier", "") == "River towns brace for floods");
    CHECK(clean_title("Short | Site", "") == "Short | Site");
    CHECK(clean_title("A plain title without parts", "") == "A plain title without parts");
    CHECK(clean_title("  spaced   title  ", "") == "spaced title");
}

TEST_CASE("split_authors finds the people in a byline") {
    CHECK(split_authors("By Jane Doe and John Roe") == std::vector<std::string>{"Jane Doe", "John Roe"});
    CHECK(split_authors("Jane Doe, Staff Writer") == std::vector<std::string>{"Jane Doe"});
    CHECK(split_authors("Von Klaus Berger und Eva Roth") == std::vector<std::string>{"Klaus Berger", "Eva Roth"});
    CHECK(split_authors("Staff").empty());
    CHECK(split_authors("Ann Marsh - Senior Correspondent") == std::vector<std::string>{"Ann Marsh"});
    CHECK(split_authors("a@b.example").empty());
    CHECK(split_authors("Lee Park; Sam Ho & Robin Li") == std::vector<std::string>{"Lee Park", "Sam Ho", "Robin Li"});
    CHECK(split_authors("Mac & i") == std::vector<std::string>{"Mac & i"});
    CHECK(split_authors("James Akinaka \u2022 8h") == std::vector<std::string>{"James Akinaka"});
    // prefixes one after the other (a use-after-free here once, found by fuzz_extract under ASan)
    CHECK(split_authors("By Text: Written by Jane Doe") == std::vector<std::string>{"Jane Doe"});
}

TEST_CASE("split_authors: datelines, other roles, labels") {
    using names = std::vector<std::string>;
    CHECK(split_authors("By NORA QUIST March 11, 2015 3:46 PM") == names{"NORA QUIST"});
    CHECK(split_authors("Jane Doe on Tue, 3 May 2016") == names{"Jane Doe"});
    CHECK(split_authors("Ana Ruiz Hace 2 horas") == names{"Ana Ruiz"});
    CHECK(split_authors("Ana RuizHace 2 horas") == names{"Ana Ruiz"});
    CHECK(split_authors("June 5, 2019 by Jane Doe") == names{"Jane Doe"});
    CHECK(split_authors("Ver\u00f6ffentlicht am 12. M\u00e4rz 2020").empty());
    CHECK(split_authors("Written by Rob Ellery Edited by Betty Byers") == names{"Rob Ellery"});
    CHECK(split_authors("Medically reviewed by Dr. Ann Roe").empty());
    CHECK(split_authors("Text und Interview: Anna Berger") == names{"Anna Berger"});
    CHECK(split_authors("Theme: River by Studio").empty());
    CHECK(split_authors("Berg, Anna van") == names{"Berg, Anna van"});
    CHECK(split_authors("Anna Berg, Tom Roth") == names{"Anna Berg", "Tom Roth"});
}

TEST_CASE("split_authors: account names and collectives are not people") {
    CHECK(split_authors("riverupdates").empty());
    CHECK(split_authors("@river_news").empty());
    CHECK(split_authors("example.com").empty());
    CHECK(split_authors("Tierschutz-Team").empty());
    CHECK(split_authors("Our Foreign Staff").empty());
    CHECK(split_authors("The River Press -") == std::vector<std::string>{"The River Press"});
    CHECK(split_authors("All posts by river \u2192").empty());
    CHECK(split_authors("\u8096\u6625\u82b3") == std::vector<std::string>{"\u8096\u6625\u82b3"});
}

TEST_CASE("date_from_url reads dates in paths") {
    CHECK(date_from_url("https://x.example/2020/03/23/story") == "2020-03-23");
    CHECK(date_from_url("https://x.example/news/2020-3-5-story.html") == "2020-03-05");
    CHECK(date_from_url("https://x.example/20200323/story") == "2020-03-23");
    CHECK(date_from_url("https://x.example/2020/03/story") == "2020-03");
    CHECK(date_from_url("https://x.example/story-12345") == "");
    CHECK(date_from_url("https://x.example/1234/99/99/") == "");
}

TEST_CASE("rules files: hosts, select, prune, preset") {
    const HtmlRules r = parse_html_rules(
        "# rules\n[example.com]\nselect = \"//div[@id='story']\"\nprune = [\"//aside\", '//div[@class=\"ad\"]']\n"
        "preset = \"precision\"\n\n[\"news.example.com\"]\npreset = 'recall'\n");
    REQUIRE(r.error.empty());
    REQUIRE(r.rules.size() == 2);
    HtmlOptions o;
    CHECK(apply_html_rules(r, "https://www.example.com/a", o));
    CHECK(o.select == std::vector<std::string>{"//div[@id='story']"});
    CHECK(o.prune.size() == 2);
    CHECK(o.preset == HtmlPreset::precision);
    HtmlOptions n;
    CHECK(apply_html_rules(r, "https://news.example.com/a", n));
    CHECK(n.preset == HtmlPreset::recall);
    CHECK(n.select.empty());
    HtmlOptions none;
    CHECK_FALSE(apply_html_rules(r, "https://badexample.com/", none));
    CHECK(parse_html_rules("select = \"x\"\n").error == "line 1: key 'select' outside a [host] table");
    CHECK(parse_html_rules("[a]\nfoo = \"x\"\n").error.find("line 2: unknown key 'foo'") == 0);
    CHECK(parse_html_rules("[a]\nselect = \"x\n").error == "line 2: unterminated string");
}

TEST_CASE("JSON-LD: @graph, @id references, arrays, breadcrumbs") {
    const std::string page = R"(<html><head><script type="application/ld+json">
      {"@graph": [{"@type": "Person", "@id": "#p", "name": "Ann Marsh"},
                  {"@type": ["NewsArticle"], "headline": "Floods", "author": [{"@id": "#p"}, {"name": "Tom Reed"}],
                   "datePublished": "2024-03-02T08:15:00Z", "dateModified": "2024-03-03",
                   "publisher": {"@type": "Organization", "name": "Courier"}},
                  {"@type": "BreadcrumbList", "itemListElement": [
                     {"position": 2, "name": "Weather"}, {"position": 1, "item": {"name": "News"}}]}]}
      </script></head><body><p>Text.</p></body></html>)";
    const Article a = extract_html(page);
    CHECK(a.title == "Floods");
    CHECK(a.authors == std::vector<std::string>{"Ann Marsh", "Tom Reed"});
    CHECK(a.date_published == "2024-03-02T08:15:00Z");
    CHECK(a.date_modified == "2024-03-03");
    CHECK(a.site_name == "Courier");
    CHECK(a.breadcrumbs == std::vector<std::string>{"News", "Weather"});
}

TEST_CASE("JSON-LD that does not parse is ignored") {
    const Article a = extract_html("<title>T t t</title><script type=application/ld+json>{\"headline\": </script><p>x");
    CHECK(a.title == "T t t");
}

TEST_CASE("content: blocks, spans, lists, no glued words") {
    const std::string page =
        "<html><body><nav><a href=/>Home</a> <a href=/b>B</a></nav><div class=story>"
        "<h2>Head</h2><p>One <em>two</em> <a href='x.html'>three</a>.</p><p>Four<br>five</p>"
        "<ul><li>a<ul><li>b</li></ul></li></ul><div>six</div><div>seven</div>"
        "<p>A long paragraph, with commas, so that this container wins the scoring, clearly, and more.</p>"
        "</div><footer>Copyright</footer></body></html>";
    HtmlOptions o;
    o.url = "http://h.example/d/p.html";
    const Article a = extract_html(page, o);
    CHECK(texts(a) ==
          "heading2:Head\nparagraph:One two three.\nparagraph:Four\nfive\nitem@0:a\nitem@1:b\nparagraph:six\n"
          "paragraph:seven\nparagraph:A long paragraph, with commas, so that this container wins the scoring, "
          "clearly, and more.\n");
    REQUIRE(a.body.size() > 1);
    const Block& p = a.body[1];
    REQUIRE(p.spans.size() == 2);
    CHECK(p.spans[0].kind == "em");
    CHECK(p.spans[0].start == 4);
    CHECK(p.spans[0].end == 7);
    CHECK(p.spans[1].kind == "link");
    CHECK(p.spans[1].href == "http://h.example/d/x.html");
    CHECK(p.spans[1].start == 8);
    CHECK(p.spans[1].end == 13);
}

TEST_CASE("content: <base href> wins over the page URL; --no-links") {
    const std::string page =
        "<html><head><base href='https://cdn.example/base/'></head><body><article>"
        "<p>Some text here, long enough, with a <a href='../l'>link</a>, to be content, truly.</p>"
        "<img src='i.png' width=400></article></body></html>";
    HtmlOptions o;
    o.url = "http://h.example/a";
    Article a = extract_html(page, o);
    REQUIRE(a.body.size() == 2);
    CHECK(a.body[0].spans.at(0).href == "https://cdn.example/l");
    CHECK(a.body[1].type == "figure");
    CHECK(a.body[1].src == "https://cdn.example/base/i.png");
    o.links = false;
    o.images = false;
    a = extract_html(page, o);
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].spans.empty());
}

TEST_CASE("bad XPath gives a warning, not an exception") {
    HtmlOptions o;
    o.select = {"//div[@"};
    o.prune = {"(("};
    const Article a = extract_html("<p>x</p>", o);
    CHECK(a.warnings.size() == 2);
}

TEST_CASE("deeply nested pages do not recurse") {
    std::string page;
    for (int i = 0; i < 100000; ++i) page += "<div>";
    page += "text, text, text and more text for the scoring pass to find something";
    const Article a = extract_html(page);
    CHECK(a.body.size() == 1);
}

namespace {

// n paragraphs <p>text</p>: the body of a test page.
std::string paragraphs(int n, const std::string& text) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "<p>" + text + "</p>";
    return s;
}

// A page whose body text is long enough to be chosen, after the given header markup.
std::string page_with_header(const std::string& header, bool header_inside_article) {
    const std::string body = paragraphs(6,
        "The council met on Tuesday, as it does every month, and talked about roads, schools, "
        "parks and the budget for the coming year, at some length.");
    const std::string teasers =
        "<div class=teaser><p>Another story that is only a teaser of some other article on this site, "
        "with a link and enough words to look like a lead.</p></div>";
    if (header_inside_article)
        return "<html><head><title>Bridge to close for a year</title></head><body><article>" + header +
               "<div class=text>" + body + "</div></article>" + teasers + "</body></html>";
    return "<html><head><title>Bridge to close for a year</title></head><body><header class=article-head>" +
           header + "</header><div class=text>" + body + "</div>" + teasers + "</body></html>";
}

}  // namespace

TEST_CASE("content: the standfirst under the headline is kept, other teasers are not") {
    const std::string lead =
        "<div class=teaser-text><p>The old bridge over the Wend will close in May for repairs that "
        "take a year, the county said.</p></div>";
    const std::string byline = "<p class=byline>By Ann Marsh | 3 March 2024 | 4 min read</p>";
    for (bool inside : {false, true}) {
        CAPTURE(inside);
        const Article a = extract_html(page_with_header("<h1>Bridge to close for a year</h1>" + byline + lead, inside),
                                       HtmlOptions{});
        REQUIRE(a.body.size() == 7);
        CHECK(a.body[0].text ==
              "The old bridge over the Wend will close in May for repairs that take a year, the county said.");
        CHECK(a.body[1].text.rfind("The council met", 0) == 0);
        CHECK(texts(a).find("Another story") == std::string::npos);
    }
    SECTION("no headline that says the title: nothing is taken from outside the text") {
        const Article a = extract_html(page_with_header("<h1>The County Herald</h1>" + lead, false), HtmlOptions{});
        CHECK(a.body.size() == 6);
    }
    SECTION("a line of facts is not a standfirst") {
        const Article a = extract_html(
            page_with_header("<h1>Bridge to close for a year</h1><p>Friday | 14 June 2019 | 15:49 by Ann Marsh in "
                             "Local news and politics | 0 comments so far</p>",
                             false),
            HtmlOptions{});
        CHECK(a.body.size() == 6);
    }
}

TEST_CASE("content: prompts to the reader and the furniture that ends the page go") {
    const std::string story = paragraphs(5,
        "The harbour wall was rebuilt over the winter, with stone from the old quarry, and the "
                 "fishermen say it has already stood up to two storms, better than they had hoped.");
    const std::string page =
        "<html><body><div class=story>" + story +
        "<p>Never miss the latest news by signing up to our newsletter today!</p>" + story +
        "<p>Follow The Harbour Post on Twitter and Instagram @harbourpost.</p>"
        "<p>Follow these steps shared on Twitter to tie a boat up safely, the harbour master said.</p>"
        "<p>The council says the subscription model for mooring fees will stay, and that those who "
        "subscribe to our harbour plan, in its words, will pay less, as it told the meeting on Friday, "
        "when boat owners from both villages asked for the fees to be frozen for another year.</p>"
        "<h3>More from the coast</h3><ul><li><a href=/a>Lighthouse reopens to visitors</a></li>"
        "<li><a href=/b>New lifeboat for Kelby</a></li></ul></div></body></html>";
    const Article a = extract_html(page, HtmlOptions{});
    const std::string t = texts(a);
    CHECK(t.find("newsletter") == std::string::npos);
    CHECK(t.find("@harbourpost") == std::string::npos);
    CHECK(t.find("More from the coast") == std::string::npos);
    CHECK(t.find("Lighthouse") == std::string::npos);
    // a paragraph of the story (longer than a prompt) that happens to use the words stays
    CHECK(t.find("subscribe to our harbour plan") != std::string::npos);
    CHECK(t.find("Follow these steps") != std::string::npos);
    CHECK(a.body.size() == 12);
}

TEST_CASE("content: a wrapper 'with-sidebar' is a layout, not a sidebar") {
    const std::string story = paragraphs(4,
        "Some things we never knew we wanted until we saw them, and this one, a folding kettle, "
                 "is the best of them all, for camping, for travel and for small kitchens.");
    const std::string page = "<html><body><header role=banner><a href=/>Home</a> <a href=/x>Gadgets and more</a>"
                             "</header><section class='gallery--wrapper gallery--wrapper__with-sidebar'>" +
                             story + "</section><div class=sidebar><p>Ads and links</p></div></body></html>";
    const Article a = extract_html(page, HtmlOptions{});
    CHECK(a.body.size() == 4);
    CHECK(texts(a).find("Ads and links") == std::string::npos);
}

TEST_CASE("content: captions set as paragraphs go to their picture; credits go") {
    const std::string story = paragraphs(4,
        "The weak layer lies under the fresh snow, and it is what makes the slope dangerous, "
                 "the institute said, as every winter when cold nights follow a dry spell.");
    const std::string page = "<html><body><div class=text>" + story +
                             "<p><img src=/a.jpg width=600 height=400><br><em>Abbildung 4: klassische "
                             "Schwachschicht.</em></p><p>Fig. 2: The slope seen from the valley</p>"
                             "<p>Figure 6 shows the state of the snow pack after the storm, as we measured it.</p>"
                             "<p>(© FEI/Christophe Taniere)</p>" + story + "</div></body></html>";
    const Article a = extract_html(page, HtmlOptions{});
    const std::string t = texts(a);
    CHECK(t.find("figure:Abbildung 4: klassische Schwachschicht.") != std::string::npos);
    CHECK(t.find("Fig. 2") == std::string::npos);
    CHECK(t.find("Taniere") == std::string::npos);
    CHECK(t.find("paragraph:Figure 6 shows the state") != std::string::npos);  // prose that names a figure
    CHECK(a.body.size() == 10);
}

TEST_CASE("content: other stories at the end and publisher's disclaimers go") {
    const std::string story = paragraphs(4,
        "The column this week is about the new rules for working from home, which most firms "
                 "have now written down, and about what employees can ask of their managers under them.");
    const std::string page =
        "<html><body><div class=text><p>This post contains references to products from one or more of our "
        "advertisers. We may receive compensation when you click on links to those products, and the terms "
        "apply to the offers listed on this page.</p>" +
        story +
        "<p>Weitere Beiträge aus der Kolumne:</p><p>Warum Homeoffice kein Privileg ist</p>"
        "<p>Was Chefs jetzt lernen müssen, wenn das Team verteilt arbeitet</p></div></body></html>";
    const Article a = extract_html(page, HtmlOptions{});
    const std::string t = texts(a);
    CHECK(t.find("compensation") == std::string::npos);
    CHECK(t.find("Kolumne") == std::string::npos);
    CHECK(t.find("Privileg") == std::string::npos);
    CHECK(a.body.size() == 4);
}

TEST_CASE("content: a paragraph of links to names goes, one of addresses (references) stays") {
    std::string kudos = "<p>Kudos from ";
    std::string refs = "<p>";
    for (int i = 0; i < 8; ++i) {
        kudos += "<a href=/u" + std::to_string(i) + ">night_train_reader_" + std::to_string(i) + "</a>, ";
        refs += "[" + std::to_string(i) + "] <a href=http://r.example/" + std::to_string(i) + ">http://r.example/" +
                std::to_string(i) + "</a><br>";
    }
    const std::string story = paragraphs(2, "Chapter two begins on the night train north, where the two of "
                                            "them meet again after years, and neither knows what to say first.");
    const std::string page = "<html><body><div class=text>" + story + refs + "</p>" + kudos + "and more</p>" +
                             story + "</div></body></html>";
    const std::string t = texts(extract_html(page, HtmlOptions{}));
    CHECK(t.find("reader_3") == std::string::npos);
    CHECK(t.find("http://r.example/3") != std::string::npos);
}

TEST_CASE("content: inline elements nested past 64 add no spans", "[robustness]") {
    std::string page = "<html><body>";
    for (int i = 0; i < 2000; ++i) page += "<div class=x><b>";
    page += "Deep text at the bottom of it all, long enough to be kept as the article, with commas, yes.";
    const Article a = extract_html(page, HtmlOptions{});
    REQUIRE(a.body.size() == 1);
    CHECK(a.body[0].spans.size() == 64);
}

TEST_CASE("content: sources cited by address at the end stay; teaser links there go") {
    const std::string story = paragraphs(4, "Japan resumed its vaccination drive this year, after a pause of almost "
                                            "a decade that researchers say cost thousands of women their protection.");
    const std::string page = "<html><body><div class=text>" + story +
                             "<p>1 <a href=https://r.example/a>https://r.example/a</a></p>"
                             "<p>2 <a href=https://r.example/b>https://r.example/b</a></p>"
                             "<p><a href=/other>Another story on this site</a></p></div></body></html>";
    const std::string t = texts(extract_html(page, HtmlOptions{}));
    CHECK(t.find("https://r.example/b") != std::string::npos);
    CHECK(t.find("Another story") == std::string::npos);
}
