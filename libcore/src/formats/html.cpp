// html: a clean HTML5 page. One record gives a standalone page whose <head> carries the
// article's title, language, author, date and description; several records give one page
// with an <article lang=...> per record. Blocks become semantic elements, spans em/strong/
// code/a/sub/sup/del, annotations <span class="entity TYPE"> and <time datetime>.
#include <algorithm>
#include <string>

#include "formats/common.hpp"

namespace copydesk::formats::detail {
namespace {

// A few lines of style so that the page reads well as it is; no scripts, no web fonts.
constexpr std::string_view kStyle =
    "<style>\n"
    "body{max-width:42em;margin:2em auto;padding:0 1em;font-family:Georgia,serif;line-height:1.5}\n"
    "img{max-width:100%;height:auto}pre{overflow-x:auto}table{border-collapse:collapse}\n"
    "th,td{border:1px solid #ccc;padding:.2em .5em}.byline,.dateline,.subtitle{color:#555}\n"
    "article+article{border-top:1px solid #ccc;margin-top:2em}\n"
    "</style>\n";

// A class token: lowercase ASCII letters, digits, '-' and '_' only.
void class_token(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out.push_back(c);
    }
}

class HtmlWriter final : public Writer {
  public:
    explicit HtmlWriter(const WriterOptions& o) : o_(o) {}

    void write(const Article& a, Output& out) override {
        if (n_ == 0 && !o_.corpus) {
            head_.clear();
            pending_.clear();
            standalone_head(a, head_);
            article(a, pending_, false);
            n_ = 1;
            return;
        }
        if (n_ == 0) page_head(out);
        if (n_ == 1 && !o_.corpus) {
            page_head(out);
            out.append(pending_);
            pending_.clear();
            pending_.shrink_to_fit();
        }
        article(a, out, true);
        ++n_;
    }

    void end(Output& out) override {
        if (n_ == 0) page_head(out);
        if (n_ == 1 && !o_.corpus) {
            out.append(head_);
            out.append(pending_);
        }
        out.append("</body>\n</html>\n");
        n_ = 0;
    }

  private:
    // The pending first record's <article> was rendered without lang: it goes into a
    // multi-record page here, so give it its lang now.
    void page_head(std::string& out) {
        out.append(
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"copydesk\">\n"
            "<title>Articles</title>\n");
        out.append(kStyle);
        out.append("</head>\n<body>\n");
        if (!pending_.empty() && !first_lang_.empty()) {
            // "<article" -> "<article lang=..."
            std::string attr = " lang=\"";
            xml_attr_v(attr, first_lang_);
            attr.push_back('"');
            pending_.insert(8, attr);
        }
    }

    void standalone_head(const Article& a, std::string& out) {
        first_lang_ = a.language.value_or("");
        out.append("<!DOCTYPE html>\n<html");
        if (a.language && !a.language->empty()) {
            out.append(" lang=\"");
            xml_attr_v(out, *a.language);
            out.push_back('"');
        }
        out.append(
            ">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"copydesk\">\n<title>");
        if (a.title) xml_text_v(out, *a.title, " ");
        out.append("</title>\n");
        auto meta = [&](std::string_view attr, std::string_view name, std::string_view value) {
            if (value.empty()) return;
            out.append("<meta ");
            out.append(attr);
            out.append("=\"");
            out.append(name);
            out.append("\" content=\"");
            xml_attr_v(out, value);
            out.append("\">\n");
        };
        for (const auto& au : a.authors) meta("name", "author", au);
        if (a.description) meta("name", "description", *a.description);
        if (!a.keywords.empty()) meta("name", "keywords", join(a.keywords, ", "));
        if (a.date_published) meta("property", "article:published_time", *a.date_published);
        if (a.date_modified) meta("property", "article:modified_time", *a.date_modified);
        if (a.site_name) meta("property", "og:site_name", *a.site_name);
        if (a.url && !a.url->empty() && safe_url(*a.url)) {
            out.append("<link rel=\"canonical\" href=\"");
            xml_attr_v(out, a.canonical_url && !a.canonical_url->empty() ? *a.canonical_url : *a.url);
            out.append("\">\n");
        }
        out.append(kStyle);
        out.append("</head>\n<body>\n");
    }

    void time_element(std::string& out, std::string_view value) {
        const std::string w = w3c_date(value);
        if (!w.empty()) {
            out.append("<time datetime=\"");
            out.append(w);
            out.append("\">");
            xml_text_v(out, value, " ");
            out.append("</time>");
        } else {  // <time> without a machine-readable value would be invalid
            out.append("<span class=\"date\">");
            xml_text_v(out, value, " ");
            out.append("</span>");
        }
    }

    void article(const Article& a, std::string& out, bool with_lang) {
        if (!with_lang) first_lang_ = a.language.value_or("");
        out.append("<article");
        if (with_lang && a.language && !a.language->empty()) {
            out.append(" lang=\"");
            xml_attr_v(out, *a.language);
            out.push_back('"');
        }
        out.append(">\n");
        const std::optional<std::string_view> subtitle = shown_subtitle(a);
        const bool has_header = (a.title && !a.title->empty()) || subtitle ||
                                !a.authors.empty() || (a.date_published && !a.date_published->empty()) ||
                                (a.site_name && !a.site_name->empty());
        if (has_header) {
            out.append("<header>\n");
            if (a.title && !a.title->empty()) {
                out.append("<h1>");
                xml_text_v(out, *a.title, " ");
                out.append("</h1>\n");
            }
            if (subtitle) {
                out.append("<p class=\"subtitle\">");
                xml_text_v(out, *subtitle, " ");
                out.append("</p>\n");
            }
            if (!a.authors.empty()) {
                out.append("<p class=\"byline\">By ");
                for (size_t i = 0; i < a.authors.size(); ++i) {
                    if (i) out.append(i + 1 == a.authors.size() ? " and " : ", ");
                    out.append("<span class=\"author\">");
                    xml_text_v(out, a.authors[i], " ");
                    out.append("</span>");
                }
                out.append("</p>\n");
            }
            const bool date = a.date_published && !a.date_published->empty();
            const bool site = a.site_name && !a.site_name->empty();
            if (date || site) {
                out.append("<p class=\"dateline\">");
                if (date) time_element(out, *a.date_published);
                if (date && site) out.append(" · ");
                if (site) {
                    out.append("<span class=\"site-name\">");
                    xml_text_v(out, *a.site_name, " ");
                    out.append("</span>");
                }
                out.append("</p>\n");
            }
            out.append("</header>\n");
        }
        if (o_.annotations) annotations_.build(a);
        blocks(a.body, out, o_.annotations);
        if (o_.comments && !a.comments.empty()) {
            out.append("<section class=\"comments\">\n<h2>Comments</h2>\n");
            blocks(a.comments, out, false);
            out.append("</section>\n");
        }
        if (a.url && !a.url->empty() && safe_url(*a.url)) {
            out.append("<footer>\n<p class=\"source\"><a href=\"");
            xml_attr_v(out, *a.url);
            out.append("\">");
            xml_text_v(out, *a.url, " ");
            out.append("</a></p>\n</footer>\n");
        }
        out.append("</article>\n");
    }

    void open_tag(std::string& out, const Mark& m) {
        switch (m.kind) {
            case MarkKind::link:
                out.append("<a href=\"");
                xml_attr_v(out, *m.attr);
                out.append("\">");
                break;
            case MarkKind::em: out.append("<em>"); break;
            case MarkKind::strong: out.append("<strong>"); break;
            case MarkKind::code: out.append("<code>"); break;
            case MarkKind::sub: out.append("<sub>"); break;
            case MarkKind::sup: out.append("<sup>"); break;
            case MarkKind::del: out.append("<del>"); break;
            case MarkKind::entity:
                out.append("<span class=\"entity");
                if (!m.type->empty()) {
                    out.push_back(' ');
                    class_token(out, *m.type);
                }
                out.push_back('"');
                if (!m.attr->empty()) {
                    out.append(" data-value=\"");
                    xml_attr_v(out, *m.attr);
                    out.push_back('"');
                }
                out.push_back('>');
                break;
            case MarkKind::date: {
                const std::string w = w3c_date(*m.attr);
                out.append(w.empty() ? "<span class=\"date" : "<time class=\"date");
                if (!m.type->empty() && *m.type != "date") {
                    out.push_back(' ');
                    class_token(out, *m.type);
                }
                out.push_back('"');
                if (!w.empty()) {
                    out.append(" datetime=\"");
                    out.append(w);
                    out.push_back('"');
                } else if (!m.attr->empty()) {
                    out.append(" data-value=\"");
                    xml_attr_v(out, *m.attr);
                    out.push_back('"');
                }
                out.push_back('>');
                break;
            }
        }
    }

    static void close_tag(std::string& out, const Mark& m) {
        switch (m.kind) {
            case MarkKind::link: out.append("</a>"); break;
            case MarkKind::em: out.append("</em>"); break;
            case MarkKind::strong: out.append("</strong>"); break;
            case MarkKind::code: out.append("</code>"); break;
            case MarkKind::sub: out.append("</sub>"); break;
            case MarkKind::sup: out.append("</sup>"); break;
            case MarkKind::del: out.append("</del>"); break;
            case MarkKind::entity: out.append("</span>"); break;
            case MarkKind::date: out.append(w3c_date(*m.attr).empty() ? "</span>" : "</time>"); break;
        }
    }

    void inline_text(std::string& out, const Block& b, size_t index, bool annotate) {
        with_valid_utf8(b.text, [&](std::string_view text) {
            layout_.clear();
            add_span_marks(b, layout_.marks);
            if (annotate) annotations_.add_marks(index, layout_.marks);
            if (layout_.marks.empty()) {
                xml_text(out, text, "<br>\n");
                return;
            }
            layout_marks(text, layout_);
            size_t pos = 0;
            for (const Event& e : layout_.events) {
                if (e.byte > pos) {
                    xml_text(out, text.substr(pos, e.byte - pos), "<br>\n");
                    pos = e.byte;
                }
                const Mark& m = layout_.marks[layout_.pieces[e.piece].mark];
                if (e.open) open_tag(out, m);
                else close_tag(out, m);
            }
            if (pos < text.size()) xml_text(out, text.substr(pos), "<br>\n");
        });
    }

    void blocks(const std::vector<Block>& bs, std::string& out, bool annotate) {
        ListState lists;
        auto close_list = [&](const ListState::Level& l) { out.append(l.ordered ? "</li>\n</ol>\n" : "</li>\n</ul>\n"); };
        for (size_t i = 0; i < bs.size(); ++i) {
            const Block& b = bs[i];
            if (b.type == "item") {
                bool new_list = false;
                lists.item(b, new_list, close_list);
                if (new_list) {
                    if (lists.levels.size() > 1) out.push_back('\n');
                    out.append(b.ordered ? "<ol>\n" : "<ul>\n");
                } else {
                    out.append("</li>\n");
                }
                out.append("<li>");
                inline_text(out, b, i, annotate);
                continue;
            }
            if (lists.active()) lists.finish(close_list);
            if (blank(b.text) && b.type != "table" && (b.type != "figure" || b.src.empty())) continue;
            if (b.type == "heading") {
                const char level = static_cast<char>('0' + std::clamp(b.level, 1, 6));
                out.append("<h");
                out.push_back(level);
                out.push_back('>');
                inline_text(out, b, i, annotate);
                out.append("</h");
                out.push_back(level);
                out.append(">\n");
            } else if (b.type == "quote") {
                out.append("<blockquote><p>");
                inline_text(out, b, i, annotate);
                out.append("</p></blockquote>\n");
            } else if (b.type == "code") {
                out.append("<pre><code");
                if (!b.lang.empty()) {
                    out.append(" class=\"language-");
                    class_token(out, b.lang);
                    out.push_back('"');
                }
                out.push_back('>');
                xml_text_v(out, b.text);
                out.append("</code></pre>\n");
            } else if (b.type == "figure") {
                out.append("<figure>\n");
                if (!b.src.empty() && safe_url(b.src)) {
                    out.append("<img src=\"");
                    xml_attr_v(out, b.src);
                    out.append("\" alt=\"");
                    xml_attr_v(out, b.alt);
                    out.append("\">\n");
                }
                if (!blank(b.text)) {
                    out.append("<figcaption>");
                    inline_text(out, b, i, annotate);
                    out.append("</figcaption>\n");
                }
                out.append("</figure>\n");
            } else if (b.type == "table") {
                if (b.rows.empty()) continue;
                out.append("<table>\n");
                const size_t head = static_cast<size_t>(std::clamp<int64_t>(b.header_rows, 0, static_cast<int64_t>(b.rows.size())));
                for (size_t r = 0; r < b.rows.size(); ++r) {
                    if (r == 0 && head > 0) out.append("<thead>\n");
                    if (r == head) out.append("<tbody>\n");
                    out.append("<tr>");
                    const char* cell = r < head ? "th" : "td";
                    for (const auto& c : b.rows[r]) {
                        out.push_back('<');
                        out.append(cell);
                        out.push_back('>');
                        xml_text_v(out, c, "<br>");
                        out.append("</");
                        out.append(cell);
                        out.push_back('>');
                    }
                    out.append("</tr>\n");
                    if (r + 1 == head) out.append("</thead>\n");
                }
                if (head < b.rows.size()) out.append("</tbody>\n");
                out.append("</table>\n");
            } else {
                out.append("<p>");
                inline_text(out, b, i, annotate);
                out.append("</p>\n");
            }
        }
        if (lists.active()) lists.finish(close_list);
    }

    WriterOptions o_;
    uint64_t n_ = 0;
    std::string head_, pending_, first_lang_;
    Layout layout_;
    AnnotationIndex annotations_;
};

}  // namespace

std::unique_ptr<Writer> make_html(const WriterOptions& o) { return std::make_unique<HtmlWriter>(o); }

}  // namespace copydesk::formats::detail
