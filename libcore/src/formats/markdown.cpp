// markdown: CommonMark, with GFM pipe tables. Front matter in YAML (default) or a readable
// title/byline header. Every character that could start markup is escaped; spans become
// *em*, **strong**, `code` and [links](href) where CommonMark's flanking rules let them
// parse back as the same thing, and inline HTML (<em>, <strong>, <sub>, <sup>, <del>)
// otherwise. Records are separated by a line holding a single form feed.
#include <algorithm>
#include <string>

#include "copydesk/text.hpp"
#include "formats/common.hpp"

#include <utf8proc.h>

namespace copydesk::formats::detail {
namespace {

// How '\n' and a few characters are written in the current context.
struct Ctx {
    std::string_view nl = "\\\n";  // what a newline in the text becomes
    bool nl_starts_line = true;    // whether after `nl` we are at the start of a line
    bool heading = false;          // '#' escaped everywhere
    bool table = false;            // '|' escaped
};

// Bytes that need a look in md_escape: ASCII punctuation that can start markup, controls.
struct MdTable {
    bool special[256] = {};
    MdTable() {
        for (int c = 0; c < 0x20; ++c) special[c] = true;
        for (unsigned char c : std::string_view("\\`*_[]<>#|&~")) special[c] = true;
        special[0x7F] = true;  // DEL: dropped
        special[0xC2] = true;  // lead byte of the C1 controls (dropped)
    }
};
const MdTable md_table;

bool entity_like(std::string_view s, size_t i) {  // s[i] == '&'
    size_t j = i + 1;
    if (j < s.size() && s[j] == '#') ++j;
    const size_t start = j;
    while (j < s.size() && j - start < 32 &&
           ((s[j] >= '0' && s[j] <= '9') || ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')))
        ++j;
    return j > start && j < s.size() && s[j] == ';';
}

// Escapes s[from, to) (s is the whole block text, for look-ahead). `line_start` carries
// over between calls: at the start of a line, white space is dropped and the characters
// that would start a block (# > - + = and "1." / "1)") are escaped.
void md_escape(std::string& out, std::string_view s, size_t from, size_t to, const Ctx& ctx,
               bool& line_start) {
    size_t i = from;
    while (i < to) {
        if (line_start) {
            const char c = s[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
            line_start = false;
            if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=') {
                out.push_back('\\');
                out.push_back(c);
                ++i;
                continue;
            }
            if (c >= '0' && c <= '9') {
                size_t j = i;
                while (j < s.size() && j - i < 10 && s[j] >= '0' && s[j] <= '9') ++j;
                if (j < to && j - i <= 9 && (s[j] == '.' || s[j] == ')') &&
                    (j + 1 == s.size() || s[j + 1] == ' ' || s[j + 1] == '\t' || s[j + 1] == '\n')) {
                    out.append(s.substr(i, j - i));
                    out.push_back('\\');
                    out.push_back(s[j]);
                    i = j + 1;
                    continue;
                }
            }
        }
        // Copy the run of ordinary bytes.
        size_t run = i;
        while (run < to && !md_table.special[static_cast<unsigned char>(s[run])]) ++run;
        out.append(s.data() + i, run - i);
        i = run;
        if (i >= to) break;
        const char c = s[i++];
        switch (c) {
            case '\n':
                out.append(ctx.nl);
                line_start = ctx.nl_starts_line;
                break;
            case '\t': out.push_back('\t'); break;
            case '#':
                if (ctx.heading) out.push_back('\\');
                out.push_back('#');
                break;
            case '|':
                if (ctx.table) out.push_back('\\');
                out.push_back('|');
                break;
            case '>': out.push_back('>'); break;
            case '&':
                if (entity_like(s, i - 1)) out.push_back('\\');
                out.push_back('&');
                break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '~':
                out.push_back('\\');
                out.push_back(c);
                break;
            case '\xC2':
                if (i < to && static_cast<unsigned char>(s[i]) <= 0x9F) ++i;  // a C1 control: dropped
                else out.push_back(c);
                break;
            default: break;  // other controls dropped
        }
    }
}

void md_escape_all(std::string& out, std::string_view s, const Ctx& ctx, bool line_start) {
    md_escape(out, s, 0, s.size(), ctx, line_start);
}

// A link destination: spaces and <> percent-encoded, parentheses and backslashes escaped.
void md_dest(std::string& out, std::string_view url, bool table) {
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : url) {
        if (c <= 0x20 || c == '<' || c == '>' || c == 0x7F) {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        } else if (c == '(' || c == ')' || c == '\\' || (table && c == '|')) {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
}

// Character classes for CommonMark's flanking rules.
enum class CC { space, punct, other };

CC classify(char32_t c) {
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return CC::space;
        if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
            (c >= '{' && c <= '~'))
            return CC::punct;
        return CC::other;
    }
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    if (cat == UTF8PROC_CATEGORY_ZS) return CC::space;
    if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO) return CC::punct;
    return CC::other;
}

CC class_after(std::string_view s, size_t byte) {
    if (byte >= s.size()) return CC::space;
    size_t i = byte;
    return classify(text::decode(s, i));
}
CC class_before(std::string_view s, size_t byte) {
    if (byte == 0) return CC::space;
    size_t i = byte - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return classify(text::decode(s, i));
}

enum Style : uint8_t { md = 0, html = 1, hidden = 2 };

class MarkdownWriter final : public Writer {
  public:
    explicit MarkdownWriter(const WriterOptions& o) : o_(o) {}

    void write(const Article& a, Output& out) override {
        if (n_++) out.append("\f\n");
        bool any = false;
        if (o_.front_matter) front_matter(a, out, any);
        else header(a, out, any);
        blocks(a.body, out, any);
        if (o_.comments && !a.comments.empty()) {
            if (any) out.push_back('\n');
            out.append("## Comments\n");
            any = true;
            blocks(a.comments, out, any);
        }
    }

  private:
    // ---- metadata ----
    static void yaml_string(std::string& out, std::string_view s) {
        with_valid_utf8(s, [&](std::string_view v) {
            out.push_back('"');
            static const char* hex = "0123456789ABCDEF";
            size_t i = 0;
            while (i < v.size()) {
                const auto c = static_cast<unsigned char>(v[i]);
                if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && c < 0x80) {
                    out.push_back(static_cast<char>(c));
                    ++i;
                    continue;
                }
                if (c == '"') { out.append("\\\""); ++i; continue; }
                if (c == '\\') { out.append("\\\\"); ++i; continue; }
                if (c == '\n') { out.append("\\n"); ++i; continue; }
                if (c == '\t') { out.append("\\t"); ++i; continue; }
                if (c < 0x80) {
                    out.append("\\x");
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                    ++i;
                    continue;
                }
                const size_t at = i;
                const char32_t cp = text::decode(v, i);
                if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
                    out.append("\\u");
                    for (int sh = 12; sh >= 0; sh -= 4) out.push_back(hex[(cp >> sh) & 15]);
                } else {
                    out.append(v.substr(at, i - at));
                }
            }
            out.push_back('"');
        });
    }

    static void front_matter(const Article& a, std::string& out, bool& any) {
        const size_t at = out.size();
        out.append("---\n");
        auto field = [&](std::string_view key, const std::optional<std::string>& v) {
            if (!v || v->empty()) return;
            out.append(key);
            out.append(": ");
            yaml_string(out, *v);
            out.push_back('\n');
        };
        field("title", a.title);
        field("subtitle", a.subtitle);
        if (!a.authors.empty()) {
            out.append("author:\n");
            for (const auto& au : a.authors) {
                out.append("  - ");
                yaml_string(out, au);
                out.push_back('\n');
            }
        }
        field("date", a.date_published);
        field("date_modified", a.date_modified);
        field("site_name", a.site_name);
        field("section", a.section);
        field("lang", a.language);
        field("url", a.url);
        field("description", a.description);
        if (!a.keywords.empty()) {
            out.append("keywords:\n");
            for (const auto& k : a.keywords) {
                out.append("  - ");
                yaml_string(out, k);
                out.push_back('\n');
            }
        }
        if (!a.id.empty()) field("id", a.id);
        if (out.size() == at + 4) {
            out.resize(at);  // nothing to say
            return;
        }
        out.append("---\n");
        any = true;
    }

    static bool flanks(std::string_view s) {
        if (s.empty()) return false;
        size_t i = 0;
        if (classify(text::decode(s, i)) != CC::other) return false;
        return class_before(s, s.size()) == CC::other;
    }

    static void header(const Article& a, std::string& out, bool& any) {
        const Ctx line{" ", false, true, false};
        if (a.title && !a.title->empty()) {
            out.append("# ");
            with_valid_utf8(*a.title, [&](std::string_view v) { md_escape_all(out, v, line, true); });
            out.push_back('\n');
            any = true;
        }
        if (const std::optional<std::string_view> subtitle = shown_subtitle(a)) {
            if (any) out.push_back('\n');
            with_valid_utf8(*subtitle, [&](std::string_view v) {
                const bool em = flanks(v);
                if (em) out.push_back('*');
                md_escape_all(out, v, Ctx{" ", false, false, false}, !em);
                if (em) out.push_back('*');
            });
            out.push_back('\n');
            any = true;
        }
        std::string by;
        const Ctx plain{" ", false, false, false};
        if (!a.authors.empty()) {
            by.append("By ");
            for (size_t i = 0; i < a.authors.size(); ++i) {
                if (i) by.append(i + 1 == a.authors.size() ? " and " : ", ");
                with_valid_utf8(a.authors[i], [&](std::string_view v) { md_escape_all(by, v, plain, false); });
            }
        }
        auto part = [&](const std::optional<std::string>& v) {
            if (!v || v->empty()) return;
            if (!by.empty()) by.append(" · ");
            with_valid_utf8(*v, [&](std::string_view s) { md_escape_all(by, s, plain, by.empty()); });
        };
        part(a.date_published);
        part(a.site_name);
        if (a.url && !a.url->empty()) {
            if (!by.empty()) by.append(" · ");
            with_valid_utf8(*a.url, [&](std::string_view s) {
                const bool autolink = safe_url(s) && s.find_first_of(" <>\t\n\r") == std::string_view::npos &&
                                      s.find(':') != std::string_view::npos;
                if (autolink) {
                    by.push_back('<');
                    by.append(s);
                    by.push_back('>');
                } else {
                    md_escape_all(by, s, plain, by.empty());
                }
            });
        }
        if (!by.empty()) {
            if (any) out.push_back('\n');
            out.append(by);
            out.push_back('\n');
            any = true;
        }
    }

    // ---- inline ----
    void inline_text(std::string& out, std::string_view text, const Block& b, const Ctx& ctx) {
        // Trailing white space would only make stray hard breaks; leading white space is
        // dropped by md_escape at the start of the line.
        while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' ||
                                 text.back() == '\r'))
            text.remove_suffix(1);
        bool line_start = true;
        if (b.spans.empty()) {
            md_escape(out, text, 0, text.size(), ctx, line_start);
            return;
        }
        layout_.clear();
        add_span_marks(b, layout_.marks);
        layout_marks(text, layout_);
        if (layout_.events.empty()) {
            md_escape(out, text, 0, text.size(), ctx, line_start);
            return;
        }
        decide(text);
        const auto& ev = layout_.events;
        size_t pos = 0;
        int in_code = 0;
        for (size_t k = 0; k < ev.size(); ++k) {
            const Event& e = ev[k];
            if (e.byte > pos) {
                if (!in_code) md_escape(out, text, pos, e.byte, ctx, line_start);
                pos = e.byte;
            }
            const Piece& p = layout_.pieces[e.piece];
            const Mark& m = layout_.marks[p.mark];
            uint8_t& st = style_[e.piece];
            if (e.open && in_code) st = hidden;
            if (st == hidden) continue;
            line_start = false;
            switch (m.kind) {
                case MarkKind::code:
                    if (e.open) {
                        code_span(out, text.substr(e.byte, ev[p.close_event].byte - e.byte), ctx);
                        ++in_code;
                    } else {
                        --in_code;
                    }
                    break;
                case MarkKind::link:
                    if (e.open) {
                        // "![" would make an image: escape a '!' written just before.
                        if (!out.empty() && out.back() == '!') {
                            size_t bs = 0;
                            while (bs + 2 <= out.size() && out[out.size() - 2 - bs] == '\\') ++bs;
                            if (bs % 2 == 0) out.insert(out.size() - 1, 1, '\\');
                        }
                        out.push_back('[');
                    } else {
                        out.append("](");
                        with_valid_utf8(*m.attr, [&](std::string_view v) { md_dest(out, v, ctx.table); });
                        out.push_back(')');
                    }
                    break;
                case MarkKind::em:
                    if (st == md) out.push_back('*');
                    else out.append(e.open ? "<em>" : "</em>");
                    break;
                case MarkKind::strong:
                    if (st == md) out.append("**");
                    else out.append(e.open ? "<strong>" : "</strong>");
                    break;
                case MarkKind::del: out.append(e.open ? "<del>" : "</del>"); break;
                case MarkKind::sub: out.append(e.open ? "<sub>" : "</sub>"); break;
                case MarkKind::sup: out.append(e.open ? "<sup>" : "</sup>"); break;
                default: break;
            }
        }
        if (pos < text.size()) md_escape(out, text, pos, text.size(), ctx, line_start);
    }

    // Chooses *…* / **…** or inline HTML for each em/strong piece so that CommonMark parses
    // the delimiters back as the same pieces: an opener must be left-flanking, and may be
    // right-flanking too only when no other * piece is open (else it could close that one);
    // a closer must be right-flanking; a delimiter never touches another * delimiter (the
    // runs would merge).
    void decide(std::string_view text) {
        const auto& ev = layout_.events;
        const auto& pieces = layout_.pieces;
        style_.assign(pieces.size(), md);
        auto is_star = [&](uint32_t piece) {
            const MarkKind k = layout_.marks[pieces[piece].mark].kind;
            return (k == MarkKind::em || k == MarkKind::strong) && style_[piece] == md;
        };
        int open_stars = 0;
        for (size_t ei = 0; ei < ev.size(); ++ei) {
            const uint32_t pi = ev[ei].piece;
            const MarkKind k = layout_.marks[pieces[pi].mark].kind;
            if (k != MarkKind::em && k != MarkKind::strong) continue;
            if (!ev[ei].open) {
                if (style_[pi] == md) --open_stars;
                continue;
            }
            bool ok = true;
            for (const uint32_t at : {pieces[pi].open_event, pieces[pi].close_event}) {
                const size_t byte = ev[at].byte;
                const bool marker_before = at > 0 && ev[at - 1].byte == byte;
                const bool marker_after = at + 1 < ev.size() && ev[at + 1].byte == byte;
                if ((marker_before && ev[at - 1].piece < pi && is_star(ev[at - 1].piece)) ||
                    (marker_after && ev[at + 1].piece < pi && is_star(ev[at + 1].piece))) {
                    ok = false;
                    break;
                }
                const CC before = marker_before ? CC::punct : class_before(text, byte);
                const CC after = marker_after ? CC::punct : class_after(text, byte);
                const bool left = after != CC::space && (after != CC::punct || before != CC::other);
                const bool right = before != CC::space && (before != CC::punct || after != CC::other);
                if (at == pieces[pi].open_event) ok = left && (!right || open_stars == 0);
                else ok = right;
                if (!ok) break;
            }
            style_[pi] = ok ? md : html;
            if (ok) ++open_stars;
        }
    }

    static void code_span(std::string& out, std::string_view s, const Ctx& ctx) {
        std::string body;
        plain_text(body, s, " ");
        size_t longest = 0, run = 0;
        for (char c : body) {
            run = c == '`' ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        const std::string fence(longest + 1, '`');
        const bool all_space = body.find_first_not_of(' ') == std::string::npos;
        const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' ||
                                           (!all_space && body.front() == ' ' && body.back() == ' '));
        out.append(fence);
        if (pad) out.push_back(' ');
        if (ctx.table) {
            for (char c : body) {
                if (c == '|') out.push_back('\\');
                out.push_back(c);
            }
        } else {
            out.append(body);
        }
        if (pad) out.push_back(' ');
        out.append(fence);
    }

    // ---- blocks ----
    void blocks(const std::vector<Block>& bs, std::string& out, bool& any) {
        ListState lists;
        std::string nl;
        // The kind of the top-level list that ended last, while nothing else was written
        // after it (-1: none): a list of the same kind right after would merge with it.
        int last_list = -1;
        for (const Block& b : bs) {
            const bool item = b.type == "item";
            if (!item && lists.active()) {
                lists.finish([&](const ListState::Level& l) { last_list = l.ordered; });
            }
            if (item) {
                bool new_list = false;
                const size_t d = lists.item(b, new_list, [](const ListState::Level&) {});
                if (any && new_list && d == 0) {
                    out.push_back('\n');
                    if (last_list == static_cast<int>(b.ordered)) out.append("<!-- -->\n\n");
                }
                last_list = -1;
                nl.assign("\\\n");
                lists.append_indent(nl, d);
                out.append(nl, 2, std::string::npos);
                lists.append_marker(out, d);
                nl.append(lists.levels[d].width, ' ');
                const size_t text_at = out.size();
                with_valid_utf8(b.text, [&](std::string_view v) { inline_text(out, v, b, Ctx{nl, true}); });
                // An empty item could not interrupt its parent's paragraph (or would be read
                // as a setext underline): give it an empty comment.
                if (out.size() == text_at) out.append("<!-- -->");
                out.push_back('\n');
                any = true;
                continue;
            }
            if (b.type != "table" && (b.type != "figure" || b.src.empty()) && blank(b.text)) continue;
            const size_t mark = out.size();
            if (any) out.push_back('\n');
            const size_t start = out.size();
            if (b.type == "heading") {
                const int level = std::clamp(b.level, 1, 6);
                out.append(static_cast<size_t>(level), '#');
                out.push_back(' ');
                with_valid_utf8(b.text, [&](std::string_view v) {
                    inline_text(out, v, b, Ctx{" ", false, true, false});
                });
                if (out.size() == start + static_cast<size_t>(level) + 1) { out.resize(mark); continue; }
            } else if (b.type == "code") {
                code_block(out, b);
            } else if (b.type == "quote") {
                out.append("> ");
                with_valid_utf8(b.text, [&](std::string_view v) { inline_text(out, v, b, Ctx{"\\\n> ", true}); });
                if (out.size() == start + 2) { out.resize(mark); continue; }
            } else if (b.type == "figure") {
                figure(out, b);
            } else if (b.type == "table") {
                table(out, b);
            } else {
                with_valid_utf8(b.text, [&](std::string_view v) { inline_text(out, v, b, Ctx{}); });
            }
            if (out.size() == start) { out.resize(mark); continue; }
            out.push_back('\n');
            any = true;
            last_list = -1;
        }
    }

    static void code_block(std::string& out, const Block& b) {
        std::string body;
        plain_text_v(body, b.text);
        while (!body.empty() && body.back() == '\n') body.pop_back();
        size_t longest = 0, run = 0;
        for (char c : body) {
            run = c == '`' ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        const std::string fence(std::max<size_t>(3, longest + 1), '`');
        out.append(fence);
        with_valid_utf8(b.lang, [&](std::string_view lang) {
            for (char c : lang) {
                if (c == ' ' || c == '\t' || c == '\n') break;
                if ((c > 0x20 || c < 0) && c != '`' && c != 0x7F) out.push_back(c);
            }
        });
        out.push_back('\n');
        out.append(body);
        if (!body.empty()) out.push_back('\n');
        out.append(fence);
    }

    void figure(std::string& out, const Block& b) {
        const Ctx alt_ctx{" ", false, false, false};
        if (!b.src.empty() && safe_url(b.src)) {
            out.append("![");
            with_valid_utf8(b.alt.empty() ? std::string_view(b.text) : std::string_view(b.alt),
                            [&](std::string_view v) { md_escape_all(out, v, alt_ctx, false); });
            out.append("](");
            with_valid_utf8(b.src, [&](std::string_view v) { md_dest(out, v, false); });
            out.push_back(')');
            if (blank(b.text)) return;
            out.append("\n\n");
        }
        with_valid_utf8(b.text, [&](std::string_view v) { inline_text(out, v, b, Ctx{}); });
    }

    static void table(std::string& out, const Block& b) {
        size_t cols = 0;
        for (const auto& r : b.rows) cols = std::max(cols, r.size());
        if (cols == 0) return;
        const Ctx cell{"<br>", false, false, true};
        const std::vector<std::string>* header = nullptr;
        // The header row has every column; shorter body rows are left short (GFM fills
        // them), so a ragged table cannot blow up the output.
        auto row = [&](const std::vector<std::string>* r) {
            out.push_back('|');
            const size_t n = r && r != header ? r->size() : cols;
            for (size_t c = 0; c < n; ++c) {
                out.push_back(' ');
                if (r && c < r->size()) {
                    with_valid_utf8((*r)[c], [&](std::string_view v) {
                        std::string_view t = v;
                        while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.remove_suffix(1);
                        md_escape_all(out, t, cell, true);
                    });
                }
                out.append(" |");
            }
            out.push_back('\n');
        };
        size_t first = 0;
        if (b.header_rows > 0) {
            header = &b.rows[0];
            row(header);
            first = 1;
        } else {
            row(nullptr);
        }
        out.push_back('|');
        for (size_t c = 0; c < cols; ++c) out.append(" --- |");
        out.push_back('\n');
        for (size_t r = first; r < b.rows.size(); ++r) row(&b.rows[r]);
        out.pop_back();  // the caller ends the block
    }

    WriterOptions o_;
    uint64_t n_ = 0;
    Layout layout_;
    std::vector<uint8_t> style_;
};

}  // namespace

std::unique_ptr<Writer> make_markdown(const WriterOptions& o) { return std::make_unique<MarkdownWriter>(o); }

}  // namespace copydesk::formats::detail
