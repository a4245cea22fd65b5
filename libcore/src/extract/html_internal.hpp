// Private pieces of the HTML extractor shared by html_*.cpp.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"
#include "copydesk/extract.hpp"

namespace copydesk::extract {

// White space (ASCII and U+00A0) trimmed at both ends.
std::string_view trim_view(std::string_view s);
// Runs of white space (ASCII and U+00A0) become one space; trimmed.
std::string collapse_space(std::string_view s);
// Lowercase host of an absolute URL ("" when none).
std::string host_of(std::string_view url);

namespace html_detail {

// ISO 8601 form of a date as pages write it ("2020-03-23T12:25:51+01:00", "March 23, 2020",
// "23 Mar 2020", "Mon, 23 Mar 2020 12:25:51 GMT", "2020/03/23"); empty when not a date.
std::string normalize_date(std::string_view s);

// The text of a subtree, white space collapsed, <script>/<style> left out. Iterative.
std::string node_text(pugi::xml_node n);

// Bytes of text inside the links (<a>) under n, as node_text gives them.
size_t linked_bytes(pugi::xml_node n);

// Visits the nodes under `root` in document order, without recursion; `visit(node)` returns
// whether to go into the node's children.
template <class Visit>
void walk_under(pugi::xml_node root, Visit visit) {
    pugi::xml_node cur = root.first_child();
    while (cur && cur != root) {
        if (visit(cur) && cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur && cur != root && !cur.next_sibling()) cur = cur.parent();
        if (!cur || cur == root) break;
        cur = cur.next_sibling();
    }
}

// Lowercase "class id" of an element, for hint matching.
std::string class_id(pugi::xml_node n);

// Whether the lowercase hint string names a comment section.
bool is_comment_hint(std::string_view hint);

// What the metadata pass learned that the content pass uses.
struct PageFacts {
    std::string base;  // the URL links resolve against (<base href> over the page URL)
    std::vector<std::string> bylines;  // visible bylines, white space collapsed
};

// Fills the metadata fields of `a` from the page. `url` is the page URL (may be empty).
void extract_metadata(const pugi::xml_document& doc, std::string_view url, Article& a, PageFacts& facts);

// Sets a.language when the page declared none: from `content_language` (the HTTP header),
// else from the body text when the detector is sure, recording the guess and its confidence
// in a.annotations.language (with "declared": null). Call after extract_content.
void set_undeclared_language(Article& a, std::string_view content_language);

// Sets a.description, when the page gives none, to the first paragraph of a.body that can
// stand as one (as Readability's excerpt, without bylines, bare dates, lead-ins ending in ':'
// and one- or two-word lines). Call after extract_content.
void describe_from_body(Article& a, const PageFacts& facts);

// Fills a.body (and a.comments) from the page.
void extract_content(const pugi::xml_document& doc, const HtmlOptions& options, const PageFacts& facts,
                     Article& a);

}  // namespace html_detail
}  // namespace copydesk::extract
