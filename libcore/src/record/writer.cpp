// JSON Lines writer: our own escaping, fields in the canonical order of copydesk-record(5),
// unknown members put back after the known member they followed.
#include <fmt/format.h>

#include <cstring>

#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

namespace copydesk::record {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

// True for bytes that JSON strings cannot hold as they are, and for 0xE2, the lead byte of
// U+2028 and U+2029: JSON allows those two raw, but they end lines for many line readers
// (JavaScript before ES2019, Python's str.splitlines), so a JSON Lines writer escapes them.
inline bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0xE2; }

// True when one of the 8 bytes of w is a control character, '"', '\\' or 0xE2 (SWAR: a byte
// is flagged when it is below 0x20 or equal to one of the three).
inline bool word_needs_escape(uint64_t w) {
    constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto has_zero = [](uint64_t x) { return (x - ones) & ~x & highs; };
    const uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) | has_zero(w ^ (ones * 0xE2));
}

void append_escaped_valid(std::string& out, std::string_view s) {
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        while (i + 8 <= s.size()) {  // skip clean 8-byte words
            uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (word_needs_escape(w)) break;
            i += 8;
        }
        if (i >= s.size()) break;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (!needs_escape(c)) continue;
        const bool line_separator = c == 0xE2 && i + 2 < s.size() && s[i + 1] == '\x80' &&
                                    (s[i + 2] == '\xA8' || s[i + 2] == '\xA9');
        if (c == 0xE2 && !line_separator) continue;
        out.append(s.data() + run, i - run);
        if (line_separator) {
            out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
            run = i + 1;
            continue;
        }
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex_digits[c >> 4];
                out += hex_digits[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
}

// Writes one JSON object member by member: commas, keys, and the unknown members (Extras)
// anchored after each known key. finish() writes the extras whose anchor never came up.
class ObjectWriter {
  public:
    ObjectWriter(std::string& out, const Extras& extras) : out_(out), extras_(extras) {
        out_ += '{';
        emitted_.assign(extras_.size(), false);
        after("");
    }

    // Marks the point after known member `k` (written or absent): its extras follow here.
    void after(std::string_view k) {
        for (size_t i = 0; i < extras_.size(); ++i) {
            if (emitted_[i] || extras_[i].after != k) continue;
            key(extras_[i].key);
            out_ += extras_[i].json;
            emitted_[i] = true;
        }
    }

    void key(std::string_view k) {
        if (!first_) out_ += ',';
        first_ = false;
        append_json_string(out_, k);
        out_ += ':';
    }

    void string(std::string_view k, const std::string& v) {
        key(k);
        append_json_string(out_, v);
        after(k);
    }
    void string(std::string_view k, const std::optional<std::string>& v) {
        if (v) string(k, *v); else after(k);
    }
    void nonempty(std::string_view k, const std::string& v) {
        if (!v.empty()) string(k, v); else after(k);
    }
    void integer(std::string_view k, int64_t v) {
        key(k);
        const fmt::format_int digits(v);
        out_.append(digits.data(), digits.size());
        after(k);
    }
    void number(std::string_view k, double v) {
        key(k);
        fmt::format_to(std::back_inserter(out_), "{}", v);
        after(k);
    }
    void boolean(std::string_view k, bool v) {
        key(k);
        out_ += v ? "true" : "false";
        after(k);
    }
    void strings(std::string_view k, const std::vector<std::string>& v) {
        if (v.empty()) { after(k); return; }
        key(k);
        out_ += '[';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) out_ += ',';
            append_json_string(out_, v[i]);
        }
        out_ += ']';
        after(k);
    }
    // A member whose value the caller writes with `write_value(out)`.
    template <class F>
    void custom(std::string_view k, bool present, F write_value) {
        if (present) {
            key(k);
            write_value(out_);
        }
        after(k);
    }
    void finish() {
        for (size_t i = 0; i < extras_.size(); ++i) {
            if (emitted_[i]) continue;
            key(extras_[i].key);
            out_ += extras_[i].json;
        }
        out_ += '}';
    }

  private:
    std::string& out_;
    const Extras& extras_;
    std::vector<bool> emitted_;
    bool first_ = true;
};

template <class T, class F>
void write_array(std::string& out, const std::vector<T>& items, F write_item) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        write_item(out, items[i]);
    }
    out += ']';
}

void write_span(std::string& out, const Span& s) {
    ObjectWriter o(out, s.extra);
    o.integer("start", s.start);
    o.integer("end", s.end);
    o.string("kind", s.kind);
    o.nonempty("href", s.href);
    o.finish();
}

void write_rows(std::string& out, const std::vector<std::vector<std::string>>& rows) {
    write_array(out, rows, [](std::string& o, const std::vector<std::string>& row) {
        write_array(o, row, [](std::string& oo, const std::string& cell) { append_json_string(oo, cell); });
    });
}

void write_block(std::string& out, const Block& b) {
    const bool table = b.type == "table";
    ObjectWriter o(out, b.extra);
    o.string("type", b.type);
    if (b.type == "heading" || b.level) o.integer("level", b.level); else o.after("level");
    if (b.type == "item" || b.ordered) o.boolean("ordered", b.ordered); else o.after("ordered");
    if (b.type == "item" || b.depth) o.integer("depth", b.depth); else o.after("depth");
    o.nonempty("lang", b.lang);
    o.nonempty("src", b.src);
    o.nonempty("alt", b.alt);
    if (!table || !b.text.empty()) o.string("text", b.text); else o.after("text");
    o.custom("spans", !b.spans.empty(), [&](std::string& w) { write_array(w, b.spans, write_span); });
    o.custom("rows", table || !b.rows.empty(), [&](std::string& w) { write_rows(w, b.rows); });
    if (table || b.header_rows) o.integer("header_rows", b.header_rows); else o.after("header_rows");
    o.finish();
}

void write_blocks(std::string& out, const std::vector<Block>& blocks) { write_array(out, blocks, write_block); }

void write_annotation(std::string& out, const Annotation& a) {
    ObjectWriter o(out, a.extra);
    o.string("type", a.type);
    o.string("text", a.text);
    o.integer("block", a.block);
    o.integer("start", a.start);
    o.integer("end", a.end);
    o.nonempty("value", a.value);
    o.finish();
}

void write_keyword(std::string& out, const Keyword& k) {
    ObjectWriter o(out, k.extra);
    o.string("text", k.text);
    o.number("score", k.score);
    o.finish();
}

void write_language(std::string& out, const LanguageGuess& l) {
    ObjectWriter o(out, l.extra);
    o.string("code", l.code);
    o.number("confidence", l.confidence);
    o.finish();
}

void write_annotations(std::string& out, const Annotations& an) {
    ObjectWriter o(out, an.extra);
    o.custom("language", an.language.has_value(), [&](std::string& w) { write_language(w, *an.language); });
    o.custom("entities", !an.entities.empty(), [&](std::string& w) { write_array(w, an.entities, write_annotation); });
    o.custom("dates", !an.dates.empty(), [&](std::string& w) { write_array(w, an.dates, write_annotation); });
    o.custom("keywords", !an.keywords.empty(), [&](std::string& w) { write_array(w, an.keywords, write_keyword); });
    o.finish();
}

bool annotations_present(const Annotations& an) {
    return an.present || an.language || !an.entities.empty() || !an.dates.empty() ||
           !an.keywords.empty() || !an.extra.empty();
}

void write_source(std::string& out, const Source& s) {
    ObjectWriter o(out, s.extra);
    o.nonempty("path", s.path);
    o.nonempty("uri", s.uri);
    o.nonempty("format", s.format);
    o.nonempty("warc_record_id", s.warc_record_id);
    o.nonempty("warc_date", s.warc_date);
    if (s.bytes >= 0) o.integer("bytes", s.bytes); else o.after("bytes");
    if (s.offset >= 0) o.integer("offset", s.offset); else o.after("offset");
    o.nonempty("charset", s.charset);
    o.nonempty("charset_source", s.charset_source);
    o.finish();
}

bool source_present(const Source& s) {
    return s.present || !s.path.empty() || !s.uri.empty() || !s.format.empty() || s.bytes >= 0 ||
           s.offset >= 0 || !s.charset.empty() || !s.warc_record_id.empty() || !s.extra.empty();
}

void write_raw_list(std::string& out, const std::vector<std::string>& raw) {
    write_array(out, raw, [](std::string& o, const std::string& json) { o += json; });
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    if (text::is_valid_utf8(s)) {
        append_escaped_valid(out, s);
    } else {
        append_escaped_valid(out, text::repair_utf8(s));
    }
    out += '"';
}

void write(const Article& a, std::string& out) {
    ObjectWriter o(out, a.extra);
    o.integer("copydesk", a.schema);
    o.nonempty("id", a.id);
    o.custom("source", source_present(a.source), [&](std::string& w) { write_source(w, a.source); });
    o.string("url", a.url);
    o.string("canonical_url", a.canonical_url);
    o.string("title", a.title);
    o.string("subtitle", a.subtitle);
    o.strings("authors", a.authors);
    o.string("date_published", a.date_published);
    o.string("date_modified", a.date_modified);
    o.string("site_name", a.site_name);
    o.string("section", a.section);
    o.strings("breadcrumbs", a.breadcrumbs);
    o.strings("categories", a.categories);
    o.strings("keywords", a.keywords);
    o.string("description", a.description);
    o.string("image", a.image);
    o.string("language", a.language);
    o.string("license", a.license);
    o.custom("body", true, [&](std::string& w) { write_blocks(w, a.body); });
    o.custom("comments", !a.comments.empty(), [&](std::string& w) { write_blocks(w, a.comments); });
    o.custom("annotations", annotations_present(a.annotations),
             [&](std::string& w) { write_annotations(w, a.annotations); });
    o.custom("history", !a.history.empty(), [&](std::string& w) { write_raw_list(w, a.history); });
    o.strings("warnings", a.warnings);
    o.string("error", a.error);
    o.finish();
}

std::string write(const Article& a) {
    std::string out;
    write(a, out);
    return out;
}

}  // namespace copydesk::record
