// text: the words of the article, nothing else. Title, a blank line, then the blocks as
// plain paragraphs separated by blank lines; list items on consecutive lines with "- " or
// "1. " and indented under their parent; tables as tab-separated rows; code as it is.
// Figures are left out, captions too: out of their picture they are noise in running text
// (credits, "Photo: ..."), and corpus builders, the users of text and WET, do not want them. Records are separated by a line holding a single form feed.
#include <string>

#include "formats/common.hpp"

namespace copydesk::formats::detail {
namespace {

void one_line(std::string& out, std::string_view s) {
    with_valid_utf8(s, [&](std::string_view v) {
        const size_t at = out.size();
        plain_text(out, v, " ");
        for (size_t i = at; i < out.size(); ++i) {
            if (out[i] == '\t') out[i] = ' ';
        }
    });
}

void render_blocks(const std::vector<Block>& blocks, std::string& out, bool& any) {
    ListState lists;
    std::string indent;
    for (const Block& b : blocks) {
        if (b.type == "figure") continue;
        const bool item = b.type == "item";
        if (!item && lists.active()) lists.finish([](const ListState::Level&) {});
        if (b.type == "table") {
            if (b.rows.empty()) continue;
            if (any) out.push_back('\n');
            for (const auto& row : b.rows) {
                for (size_t c = 0; c < row.size(); ++c) {
                    if (c) out.push_back('\t');
                    one_line(out, row[c]);
                }
                out.push_back('\n');
            }
            any = true;
            continue;
        }
        if (!item && blank(b.text)) continue;
        if (item) {
            bool new_list = false;
            const size_t d = lists.item(b, new_list, [](const ListState::Level&) {});
            if (any && new_list && d == 0) out.push_back('\n');
            indent.clear();
            lists.append_indent(indent, d);
            out.append(indent);
            lists.append_marker(out, d);
            indent.append(lists.levels[d].width, ' ');
            std::string nl = "\n" + indent;
            plain_text_v(out, b.text, nl);
            out.push_back('\n');
            any = true;
            continue;
        }
        if (any) out.push_back('\n');
        if (b.type == "code") {
            plain_text_v(out, b.text);
            while (!out.empty() && out.back() == '\n') out.pop_back();
        } else {
            plain_text_v(out, b.text);
        }
        out.push_back('\n');
        any = true;
    }
}

class TextWriter final : public Writer {
  public:
    explicit TextWriter(const WriterOptions& o) : o_(o) {}
    void write(const Article& a, Output& out) override {
        if (n_++) out.append("\f\n");
        text_record(a, o_, out);
    }

  private:
    WriterOptions o_;
    uint64_t n_ = 0;
};

}  // namespace

void text_record(const Article& a, const WriterOptions& o, std::string& out) {
    bool any = false;
    if (a.title && !a.title->empty()) {
        one_line(out, *a.title);
        out.push_back('\n');
        any = true;
    }
    render_blocks(a.body, out, any);
    if (o.comments && !a.comments.empty()) {
        if (any) out.push_back('\n');
        out.append("Comments\n");
        any = true;
        render_blocks(a.comments, out, any);
    }
}

std::unique_ptr<Writer> make_text(const WriterOptions& o) { return std::make_unique<TextWriter>(o); }

}  // namespace copydesk::formats::detail
