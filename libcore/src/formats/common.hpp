// formats/common.hpp — private helpers shared by the writers: escaping, the inline layout
// that turns spans and annotations (possibly overlapping) into properly nested pieces, list
// nesting, and date checks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"
#include "copydesk/formats.hpp"

namespace copydesk::formats::detail {

// ---- Factories (one per format file) ----
std::unique_ptr<Writer> make_jsonl(const WriterOptions&);
std::unique_ptr<Writer> make_json(const WriterOptions&);
std::unique_ptr<Writer> make_text(const WriterOptions&);
std::unique_ptr<Writer> make_markdown(const WriterOptions&);
std::unique_ptr<Writer> make_html(const WriterOptions&);
std::unique_ptr<Writer> make_tei(const WriterOptions&);
std::unique_ptr<Writer> make_csv(const WriterOptions&);
std::unique_ptr<Writer> make_wet(const WriterOptions&);

// The plain text of a record as the text writer renders it (title, blank line, blocks),
// without the record separator. Used by the text and wet writers.
void text_record(const Article& a, const WriterOptions& o, std::string& out);

// ---- UTF-8 ----
// Calls f(v) with v = s when s is valid UTF-8, else with a repaired copy.
template <class F>
void with_valid_utf8(std::string_view s, F&& f);
bool valid_utf8(std::string_view s);
std::string repaired_utf8(std::string_view s);

template <class F>
void with_valid_utf8(std::string_view s, F&& f) {
    if (valid_utf8(s)) {
        f(s);
    } else {
        const std::string r = repaired_utf8(s);
        f(std::string_view(r));
    }
}

// ---- Escaping (all REQUIRE valid UTF-8 input) ----
// XML/HTML character data: & < > escaped, characters not allowed in XML 1.0 dropped, CR
// dropped, and each LF replaced by `newline`.
void xml_text(std::string& out, std::string_view s, std::string_view newline = "\n");
// XML/HTML attribute value (for "..."): & < > " escaped, TAB LF CR as character references.
void xml_attr(std::string& out, std::string_view s);
// Plain text: C0 controls other than TAB and LF dropped (CR too), LF replaced by `newline`.
void plain_text(std::string& out, std::string_view s, std::string_view newline = "\n");
// Same as the above but checking/repairing UTF-8 first (for metadata strings).
void xml_text_v(std::string& out, std::string_view s, std::string_view newline = "\n");
void xml_attr_v(std::string& out, std::string_view s);
void plain_text_v(std::string& out, std::string_view s, std::string_view newline = "\n");

// ---- Inline layout ----
enum class MarkKind : uint8_t { link, entity, date, strong, em, del, sub, sup, code };

struct Mark {
    int64_t start = 0, end = 0;        // code points
    MarkKind kind = MarkKind::em;
    const std::string* attr = nullptr;  // link: href; annotation: value
    const std::string* type = nullptr;  // annotation: type
    uint32_t order = 0;                 // input order, for stable ties
};

struct Event {
    size_t byte = 0;     // byte offset in the text where the event happens
    uint32_t piece = 0;  // index into Layout::pieces
    bool open = false;
};

// A contiguous piece of one mark: overlapping marks are split so that pieces nest.
struct Piece {
    uint32_t mark = 0;
    uint32_t open_event = 0, close_event = 0;
};

struct Layout {
    std::vector<Mark> marks;
    std::vector<Event> events;   // in output order
    std::vector<Piece> pieces;
    std::vector<std::pair<int64_t, size_t>> positions;  // scratch: code point -> byte
    std::vector<uint32_t> stack, reopen;                 // scratch
    bool clamp = false;                                  // scratch: offsets past the end seen
    void clear() { marks.clear(); events.clear(); pieces.clear(); }
};

// Marks for a block's spans (known kinds only; unknown kinds render as plain text).
void add_span_marks(const Block& b, std::vector<Mark>& marks);
void add_annotation_mark(const Annotation& a, bool is_date, std::vector<Mark>& marks);

// Clamps and sorts l.marks over `text` and fills l.events and l.pieces. Overlapping links
// are dropped (a link never contains a link); all else is split to nest properly. Nesting
// order for equal ranges: link, entity/date, strong, em, del, sub, sup, code (innermost).
// REQUIRES: text is valid UTF-8.
void layout_marks(std::string_view text, Layout& l);

// Annotations of an article bucketed by block index.
class AnnotationIndex {
  public:
    void build(const Article& a);
    bool empty() const { return by_block_.empty(); }
    // Appends the marks of block i to `marks`.
    void add_marks(size_t block, std::vector<Mark>& marks) const;

  private:
    std::vector<std::pair<const Annotation*, bool>> items_;  // sorted by block
    std::vector<std::pair<int64_t, std::pair<size_t, size_t>>> by_block_;
};

// ---- Lists ----
// Tracks nested lists over a run of item blocks: depth is clamped so it never jumps by
// more than one level, and to kMaxDepth levels (indentation would grow with the square of
// the number of items); a change of `ordered` at a depth starts a new list there.
struct ListState {
    static constexpr size_t kMaxDepth = 32;
    struct Level {
        bool ordered = false;
        int64_t number = 0;  // number of the current item in this list (1-based)
        size_t width = 0;    // writers' use: width of the current item's marker
    };
    std::vector<Level> levels;

    // Enters an item: calls close(level) for each list that ends before it (innermost
    // first), sets new_list when the item opens a list, and returns its effective depth.
    template <class Close>
    size_t item(const Block& b, bool& new_list, Close&& close) {
        size_t d = b.depth < 0 ? 0 : static_cast<size_t>(b.depth);
        if (d > levels.size()) d = levels.size();
        if (d >= kMaxDepth) d = kMaxDepth - 1;
        while (levels.size() > d + 1) { close(levels.back()); levels.pop_back(); }
        if (levels.size() == d + 1 && levels.back().ordered != b.ordered) {
            close(levels.back());
            levels.pop_back();
        }
        new_list = levels.size() == d;
        if (new_list) levels.push_back(Level{b.ordered, 0, 0});
        ++levels.back().number;
        return d;
    }
    // Leaves the lists (at a non-item block or the end): close(level), innermost first.
    template <class Close>
    void finish(Close&& close) {
        while (!levels.empty()) { close(levels.back()); levels.pop_back(); }
    }
    bool active() const { return !levels.empty(); }
    // Appends the indentation of an item at depth d: the marker widths of the lists around it.
    void append_indent(std::string& out, size_t d) const {
        for (size_t k = 0; k < d; ++k) out.append(levels[k].width, ' ');
    }
    // Appends the marker of the current item at depth d ("3. " or "- ") and records its width.
    void append_marker(std::string& out, size_t d) {
        const size_t at = out.size();
        if (levels[d].ordered) {
            out.append(std::to_string(levels[d].number));
            out.append(". ");
        } else {
            out.append("- ");
        }
        levels[d].width = out.size() - at;
    }
};

// ---- Dates ----
// Normalizes an ISO 8601 / W3C date, dateTime or time into the form XML schema (TEI @when)
// and HTML <time datetime> accept: "YYYY", "YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss"
// (seconds added when missing, fraction and zone kept), "hh:mm:ss". Returns "" when `s` is
// not such a value.
std::string w3c_date(std::string_view s);

// True for the kinds of annotation types that name a date/time ("date", "time", ...).
bool is_time_type(std::string_view type);

// True when a URL is safe to put in href/src (no javascript:, vbscript:, data: schemes).
bool safe_url(std::string_view url);

// True when s holds nothing but ASCII white space and control characters: such a block
// renders as nothing in every writer.
bool blank(std::string_view s);

// The subtitle to show above the body: none when the body's first text block says it
// already (extract keeps a standfirst in the body and also gives it as the subtitle).
std::optional<std::string_view> shown_subtitle(const Article& a);

// Joins items with sep.
std::string join(const std::vector<std::string>& items, std::string_view sep);

// Word count of one text (see formats::word_count).
int64_t count_words(std::string_view s);

}  // namespace copydesk::formats::detail
