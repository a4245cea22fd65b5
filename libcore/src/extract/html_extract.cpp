// extract_html: parse, metadata, main content.
#include <fmt/format.h>

#include "copydesk/extract.hpp"
#include "copydesk/html.hpp"
#include "extract/html_internal.hpp"

namespace copydesk::extract {

Article extract_html(const pugi::xml_document& doc, const HtmlOptions& options) {
    Article a;
    a.source.format = "html";
    html_detail::PageFacts facts;
    html_detail::extract_metadata(doc, options.url, a, facts);
    html_detail::extract_content(doc, options, facts, a);
    html_detail::set_undeclared_language(a, options.content_language);
    html_detail::describe_from_body(a, facts);
    if (a.body.empty()) a.warnings.push_back("no article text found on the page");
    return a;
}

Article extract_html(std::string_view utf8, const HtmlOptions& options) {
    html::ParseOptions po;
    po.max_nodes = options.max_nodes;
    po.keep_comments = false;
    const html::ParseResult parsed = html::parse(utf8, po);
    Article a = extract_html(parsed.doc, options);
    for (const std::string& w : parsed.warnings) a.warnings.push_back(w);
    if (parsed.truncated && parsed.warnings.empty())
        a.warnings.push_back(fmt::format("page cut at {} nodes: the rest was not read", options.max_nodes));
    return a;
}

}  // namespace copydesk::extract
