// Tests of the metadata pass of the HTML extractor (extract_html's fields other than the
// body): which source each field takes when several disagree.
#include <catch2/catch.hpp>

#include <string>

#include "copydesk/extract.hpp"

using namespace copydesk;
using namespace copydesk::extract;

namespace {

std::string ld_page(const std::string& json, const std::string& head = {}, const std::string& body = {}) {
    return "<html><head>" + head + "<script type=\"application/ld+json\">" + json + "</script></head><body>" +
           body + "<p>Text of the article, long enough to be a paragraph of its own.</p></body></html>";
}

}  // namespace

TEST_CASE("title: a JSON-LD name that is the publisher's is not the headline") {
    const Article a = extract_html(ld_page(
        R"({"@type": "NewsArticle", "name": "Courier.cz", "headline": "Floods reach the old town",
            "publisher": {"@type": "Organization", "name": "Courier.cz"}})",
        "<title>Floods reach the old town - Courier.cz</title>"));
    CHECK(a.title == "Floods reach the old town");
    CHECK(a.site_name == "Courier.cz");
}

TEST_CASE("title: an <h1> that links to the home page is the logo") {
    // a <title> this short gives way to a single <h1> of more than four words, unless that is the logo
    const std::string head = "<html><head><title>Chapter 1</title></head><body><h1>";
    const std::string rest = "</h1><p>Text of the story.</p></body></html>";
    CHECK(extract_html(head + "<a href=\"/\">Archive of Our Own beta</a>" + rest).title == "Chapter 1");
    CHECK(extract_html(head + "<a href=\"https://archive.example/\">Archive of Our Own beta</a>" + rest).title ==
          "Chapter 1");
    CHECK(extract_html(head + "Conversations with a shy cryptid" + rest).title == "Conversations with a shy cryptid");
}

TEST_CASE("date: an explicit publication date wins over JSON-LD dateCreated") {
    const Article a = extract_html(ld_page(R"({"@type": "Article", "headline": "H", "dateCreated": "2017-02-24T01:18:13Z"})",
                                           R"(<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">)"));
    CHECK(a.date_published == "2017-02-23T17:18:13-08:00");
    const Article b = extract_html(ld_page(R"({"@type": "Article", "headline": "H", "dateCreated": "2017-02-24"})"));
    CHECK(b.date_published == "2017-02-24");
}

TEST_CASE("authors: the site's house account is not an author, a declared one may be") {
    const Article shown = extract_html(
        "<html><head><title>Smaller updates | River Developers Blog</title></head><body><p>Text of the post, "
        "long enough.</p><div class=post-footer>Posted by <a rel=author href=/p/1>River Developers</a></div></body></html>");
    CHECK(shown.authors.empty());
    const Article declared = extract_html(
        "<html><head><title>Anomaly detection in SQL | Haki Bent</title><meta name=author content=\"Haki Bent\">"
        "</head><body><p>Text of the post.</p></body></html>");
    CHECK(declared.authors == std::vector<std::string>{"Haki Bent"});
}

TEST_CASE("language: html lang, else Content-Language, else the text when it is sure") {
    const std::string text =
        "<p>Die Stadt baut bis zum Herbst drei neue Radwege durch die Altstadt und sperrt dafür einzelne "
        "Gassen.</p><p>Anwohner begrüßen die Pläne, Händler fürchten dagegen um ihre Lieferzonen und "
        "verlangen feste Zeiten für die Anlieferung am Morgen.</p>";
    HtmlOptions http;
    http.content_language = "fr-CH, de";
    const Article declared = extract_html("<html lang=\"de-AT\"><body>" + text + "</body></html>", http);
    CHECK(declared.language == "de-AT");
    CHECK_FALSE(declared.annotations.language);
    const Article header = extract_html("<html><body>" + text + "</body></html>", http);
    CHECK(header.language == "fr-CH");
    CHECK_FALSE(header.annotations.language);
    const Article detected = extract_html("<html><body>" + text + "</body></html>");
    CHECK(detected.language == "de");
    REQUIRE(detected.annotations.language);
    CHECK(detected.annotations.language->code == "de");
    CHECK(detected.annotations.language->confidence >= 0.8);
    const Article unsure = extract_html("<html><body><p>Open daily from nine to five.</p></body></html>");
    CHECK_FALSE(unsure.language);
    CHECK_FALSE(unsure.annotations.language);
}

TEST_CASE("metadata escaped twice, or holding HTML, reads as text") {
    const Article a = extract_html(ld_page(
        R"({"@type": "Article", "headline": "Rock &amp; Roll &#8211; the early years",
            "description": "<p><strong>Lead</strong> of the story</p>", "author": "Ann &quot;Nan&quot; Lee"})",
        R"(<meta property="og:site_name" content="Caf&amp;eacute; &amp;#x1F62D; &amp;#xg;">)"));
    CHECK(a.title == "Rock & Roll \u2013 the early years");
    CHECK(a.description == "Lead of the story");
    CHECK(a.authors == std::vector<std::string>{"Ann \"Nan\" Lee"});
    CHECK(a.site_name == "Caf\u00e9 \U0001F62D &#xg;");
    const Article lt = extract_html(ld_page(R"({"@type": "Article", "headline": "Why 3 < 5 &amp; <b> is a tag"})"));
    CHECK(lt.title == "Why 3 < 5 & <b> is a tag");
}

TEST_CASE("description: the page's own, else the first paragraph that is not the byline") {
    const std::string body = "<article><h1>Ferry service resumes</h1><p class=byline>By Nora Quist</p>"
                             "<p>The island ferry sailed again on Wednesday morning, two days after the storm.</p>"
                             "<p>Passengers queued from dawn, and the operator added an extra crossing.</p></article>";
    const Article own = extract_html("<html><head><meta name=description content=\"Ferries run again.\"></head><body>" +
                                     body + "</body></html>");
    CHECK(own.description == "Ferries run again.");
    const Article first = extract_html("<html><body>" + body + "</body></html>");
    CHECK(first.description == "The island ferry sailed again on Wednesday morning, two days after the storm.");
    for (std::string_view not_one : {"Home", "January 22, 2014", "Originalartikel:", "by -_river_-"}) {
        const Article a = extract_html("<html><body><article><p>" + std::string(not_one) +
                                       "</p><p>Paragraph one of the story, long enough to describe it.</p>"
                                       "<p>A second paragraph follows here.</p></article></body></html>");
        CHECK(a.description == "Paragraph one of the story, long enough to describe it.");
    }
}

TEST_CASE("subtitle: metadata first, else the standfirst under the headline") {
    const std::string body =
        "<article><h1>Harbour bridge to close</h1><div class=byline>By Nora Quist</div>"
        "<p class=standfirst>The crossing will shut for six weeks, and buses will take the ring road.</p>"
        "<p>The council approved the repairs on Tuesday after inspectors found rust in the cables.</p></article>";
    CHECK(extract_html("<html><body>" + body + "</body></html>").subtitle ==
          "The crossing will shut for six weeks, and buses will take the ring road.");
    CHECK(extract_html(ld_page(R"({"@type": "Article", "headline": "Harbour bridge to close",
                                   "alternativeHeadline": "Six weeks of repairs"})", "", body))
              .subtitle == "Six weeks of repairs");
    // a paragraph outside the headline's header is the body, not a standfirst
    CHECK_FALSE(extract_html("<html><body><h1>Harbour bridge to close</h1><p>The council approved the repairs "
                             "on Tuesday after inspectors found rust.</p></body></html>")
                    .subtitle);
    // a "headline" in a menu (a breadcrumb's last item) has no standfirst
    CHECK_FALSE(extract_html("<html><body><nav><h1>Harbour bridge</h1></nav><p class=teaser>Read our other story "
                             "about the harbour and its ferries.</p></body></html>")
                    .subtitle);
}
