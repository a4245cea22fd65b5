#include "formats/common.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utf8proc.h>

#include "copydesk/text.hpp"

namespace copydesk::formats::detail {

namespace {
inline bool ascii8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return (w & 0x8080808080808080ULL) == 0;
}
}  // namespace

// ASCII eight bytes at a time; the rest as text::is_valid_utf8 checks it, a sequence at a time.
bool valid_utf8(std::string_view s) {
    const char* p = s.data();
    const char* e = p + s.size();
    while (p < e) {
        if (e - p >= 8 && ascii8(p)) { p += 8; continue; }
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x80) { ++p; continue; }
        // One multi-byte sequence (Table 3-7 of the Unicode Standard).
        const auto b = [&](ptrdiff_t k) { return static_cast<unsigned char>(p[k]); };
        const auto cont = [&](ptrdiff_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
            return k < e - p && b(k) >= lo && b(k) <= hi;
        };
        if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(1)) return false;
            p += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            if (!cont(1, lo, hi) || !cont(2)) return false;
            p += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return false;
            p += 4;
        } else {
            return false;
        }
    }
    return true;
}
std::string repaired_utf8(std::string_view s) { return text::repair_utf8(s); }

namespace {

// Per-byte action tables. 0: copy as is.
enum : uint8_t { copy = 0, drop = 1, amp, lt, gt, quot, lf, cr, tab, c2, ef, f4 };

// Dropped everywhere: C0 controls but TAB and LF (CR too: line ends are LF), DEL and the
// C1 controls (HTML parsers report them; no text needs them). Dropped from HTML and XML
// also: the noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF; XML 1.0 forbids U+FFFE/FFFF).
struct Tables {
    uint8_t xml_text[256], xml_attr[256], plain[256];
    Tables() {
        for (int i = 0; i < 256; ++i) {
            uint8_t v = (i < 0x20 || i == 0x7F) ? drop : copy;
            xml_text[i] = xml_attr[i] = plain[i] = v;
        }
        for (auto* t : {xml_text, xml_attr, plain}) {
            t[static_cast<unsigned char>('\n')] = lf;
            t[static_cast<unsigned char>('\r')] = cr;
            t[static_cast<unsigned char>('\t')] = copy;
            t[0xC2] = c2;
        }
        for (auto* t : {xml_text, xml_attr}) {
            t[static_cast<unsigned char>('&')] = amp;
            t[static_cast<unsigned char>('<')] = lt;
            t[static_cast<unsigned char>('>')] = gt;
            t[0xEF] = ef;
            for (int b = 0xF0; b <= 0xF4; ++b) t[b] = f4;
        }
        xml_attr[static_cast<unsigned char>('"')] = quot;
        xml_attr[static_cast<unsigned char>('\t')] = tab;
    }
};
const Tables tables;

template <bool Attr>
void xml_escape(std::string& out, std::string_view s, const uint8_t* table, std::string_view newline) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* e = p + s.size();
    const auto* run = p;
    auto flush = [&] { out.append(reinterpret_cast<const char*>(run), static_cast<size_t>(p - run)); };
    while (p < e) {
        const uint8_t a = table[*p];
        if (a == copy) { ++p; continue; }
        size_t skip = 1;  // bytes dropped or replaced
        switch (a) {
            case c2:  // U+0080..U+009F
                if (e - p < 2 || p[1] > 0x9F) { ++p; continue; }
                skip = 2;
                flush();
                break;
            case ef:  // U+FDD0..U+FDEF, U+FFFE, U+FFFF
                if (e - p < 3 || !((p[1] == 0xB7 && p[2] >= 0x90 && p[2] <= 0xAF) ||
                                   (p[1] == 0xBF && (p[2] & 0xFE) == 0xBE))) {
                    ++p;
                    continue;
                }
                skip = 3;
                flush();
                break;
            case f4:  // U+xFFFE, U+xFFFF in the supplementary planes
                if (e - p < 4 || !((p[1] & 0x0F) == 0x0F && p[2] == 0xBF && (p[3] & 0xFE) == 0xBE)) {
                    ++p;
                    continue;
                }
                skip = 4;
                flush();
                break;
            default:
                flush();
                switch (a) {
                    case amp: out.append("&amp;"); break;
                    case lt: out.append("&lt;"); break;
                    case gt: out.append("&gt;"); break;
                    case quot: out.append("&quot;"); break;
                    case lf:
                        if (Attr) out.append("&#10;");
                        else out.append(newline);
                        break;
                    case tab: out.append("&#9;"); break;
                    default: break;  // drop (CR included: a character reference to it is an
                                     // error in HTML, and XML would read it as a space)
                }
        }
        p += skip;
        run = p;
    }
    flush();
}

}  // namespace

void xml_text(std::string& out, std::string_view s, std::string_view newline) {
    xml_escape<false>(out, s, tables.xml_text, newline);
}
void xml_attr(std::string& out, std::string_view s) {
    xml_escape<true>(out, s, tables.xml_attr, {});
}
void plain_text(std::string& out, std::string_view s, std::string_view newline) {
    xml_escape<false>(out, s, tables.plain, newline);
}
void xml_text_v(std::string& out, std::string_view s, std::string_view newline) {
    with_valid_utf8(s, [&](std::string_view v) { xml_text(out, v, newline); });
}
void xml_attr_v(std::string& out, std::string_view s) {
    with_valid_utf8(s, [&](std::string_view v) { xml_attr(out, v); });
}
void plain_text_v(std::string& out, std::string_view s, std::string_view newline) {
    with_valid_utf8(s, [&](std::string_view v) { plain_text(out, v, newline); });
}

// ---- Inline layout ----

void add_span_marks(const Block& b, std::vector<Mark>& marks) {
    for (const Span& s : b.spans) {
        MarkKind k;
        const std::string& kind = s.kind;
        if (kind == "em" || kind == "i" || kind == "italic") k = MarkKind::em;
        else if (kind == "strong" || kind == "b" || kind == "bold") k = MarkKind::strong;
        else if (kind == "code") k = MarkKind::code;
        else if (kind == "link" || kind == "a") k = MarkKind::link;
        else if (kind == "sub") k = MarkKind::sub;
        else if (kind == "sup") k = MarkKind::sup;
        else if (kind == "del" || kind == "s" || kind == "strike") k = MarkKind::del;
        else continue;
        if (k == MarkKind::link && (s.href.empty() || !safe_url(s.href))) continue;
        Mark m;
        m.start = s.start;
        m.end = s.end;
        m.kind = k;
        m.attr = &s.href;
        m.order = static_cast<uint32_t>(marks.size());
        marks.push_back(m);
    }
}

void add_annotation_mark(const Annotation& a, bool is_date, std::vector<Mark>& marks) {
    Mark m;
    m.start = a.start;
    m.end = a.end;
    m.kind = is_date ? MarkKind::date : MarkKind::entity;
    m.attr = &a.value;
    m.type = &a.type;
    m.order = static_cast<uint32_t>(marks.size());
    marks.push_back(m);
}

namespace {
// Sets the byte offset of each (sorted) code point position. Returns false when a position
// lies past the end of the text.
bool fill_bytes(std::string_view text, std::vector<std::pair<int64_t, size_t>>& pos) {
    const char* d = text.data();
    const size_t size = text.size();
    size_t b = 0;
    int64_t cp = 0;
    for (auto& p : pos) {
        while (cp < p.first) {
            if (p.first - cp >= 8 && size - b >= 8) {
                // Eight bytes hold at most eight code points: count the bytes that start one.
                uint64_t w;
                std::memcpy(&w, d + b, 8);
                const uint64_t cont = w & (~w << 1) & 0x8080808080808080ULL;  // 10xxxxxx bytes
                b += 8;
                cp += 8 - __builtin_popcountll(cont);
                while (b < size && (static_cast<unsigned char>(d[b]) & 0xC0) == 0x80) ++b;
                continue;
            }
            if (b >= size) return false;
            ++b;
            while (b < size && (static_cast<unsigned char>(d[b]) & 0xC0) == 0x80) ++b;
            ++cp;
        }
        p.second = b;
    }
    return true;
}

// The code points where marks start or end, sorted and once each, with their bytes in
// `text`; false when one lies past its end (see fill_bytes).
bool mark_positions(std::string_view text, const std::vector<Mark>& m, std::vector<std::pair<int64_t, size_t>>& pos) {
    pos.clear();
    for (const Mark& x : m) {
        pos.emplace_back(x.start, 0);
        pos.emplace_back(x.end, 0);
    }
    std::sort(pos.begin(), pos.end());
    pos.erase(std::unique(pos.begin(), pos.end()), pos.end());
    return fill_bytes(text, pos);
}
}  // namespace

void layout_marks(std::string_view text, Layout& l) {
    l.events.clear();
    l.pieces.clear();
    auto& m = l.marks;
    if (m.empty()) return;
    // Offsets past the end are found when bytes are looked up (fill_bytes): only then is the
    // text counted and the marks clamped, and the layout made again.
    int64_t n = INT64_MAX;
    if (l.clamp) {
        n = text::count_code_points(text);
        l.clamp = false;
    }
    size_t w = 0;
    for (const Mark& x : m) {
        const int64_t s = std::clamp<int64_t>(x.start, 0, n);
        const int64_t e = std::clamp<int64_t>(x.end, 0, n);
        if (s < e) {
            m[w] = x;
            m[w].start = s;
            m[w].end = e;
            ++w;
        }
    }
    m.resize(w);
    if (m.empty()) return;
    std::sort(m.begin(), m.end(), [](const Mark& a, const Mark& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end > b.end;
        if (a.kind != b.kind) return a.kind < b.kind;
        return a.order < b.order;
    });
    // A link never contains or crosses another link: keep the first of overlapping ones.
    int64_t link_end = -1;
    w = 0;
    for (const Mark& x : m) {
        if (x.kind == MarkKind::link) {
            if (x.start < link_end) continue;
            link_end = x.end;
        }
        m[w++] = x;
    }
    m.resize(w);
    // At most kMaxNest marks over any one character: XML tools refuse deeper documents
    // (libxml2 stops at 256 levels), and no real text needs that many.
    constexpr size_t kMaxNest = 64;
    if (m.size() > kMaxNest) {
        std::vector<int64_t> ends;  // ends of kept marks that may still cover x.start
        w = 0;
        for (const Mark& x : m) {
            while (!ends.empty() && ends.back() <= x.start) ends.pop_back();
            if (ends.size() >= kMaxNest) continue;
            ends.push_back(x.end);
            m[w++] = x;
        }
        m.resize(w);
    }

    auto& pos = l.positions;
    if (!mark_positions(text, m, pos)) {
        l.clamp = true;
        layout_marks(text, l);
        return;
    }

    // Events and pieces, splitting where marks cross. Crossing marks can make the number of
    // pieces grow with the square of their number; past a budget of work the marks are cut
    // down to a properly nested subset (no splits) and laid out again.
    auto& stack = l.stack;
    auto& open = l.reopen;
    auto end_of = [&](uint32_t piece) { return m[l.pieces[piece].mark].end; };
    auto run = [&](size_t budget) -> bool {
        l.events.clear();
        l.pieces.clear();
        stack.clear();
        size_t work = 0, next = 0, inversions = 0;  // inversions: stack neighbours with end below < end above
        for (const auto& [p, byte] : pos) {
            // Close: the lowest piece on the stack that ends here, and everything above it;
            // those above that go on are reopened right after (the split). Every piece on the
            // stack ends at p or later; when ends never increase upwards, those ending at p
            // are on top.
            size_t i = stack.size();
            if (inversions == 0) {
                while (i > 0 && end_of(stack[i - 1]) == p) --i;
            } else {
                for (size_t k = 0; k < stack.size(); ++k) {
                    if (end_of(stack[k]) == p) { i = k; break; }
                }
                work += stack.size();
            }
            open.clear();
            if (i < stack.size()) {
                for (size_t k = stack.size(); k-- > i;) {
                    l.pieces[stack[k]].close_event = static_cast<uint32_t>(l.events.size());
                    l.events.push_back(Event{byte, stack[k], false});
                    if (k > 0 && end_of(stack[k - 1]) < end_of(stack[k])) --inversions;
                }
                for (size_t k = i; k < stack.size(); ++k) {
                    const uint32_t mk = l.pieces[stack[k]].mark;
                    if (m[mk].end > p) open.push_back(mk);
                }
                stack.resize(i);
            }
            while (next < m.size() && m[next].start == p) open.push_back(static_cast<uint32_t>(next++));
            if (open.size() > 1) {
                std::stable_sort(open.begin(), open.end(),
                                 [&](uint32_t a, uint32_t b) { return m[a].end > m[b].end; });
            }
            for (uint32_t mk : open) {
                const auto piece = static_cast<uint32_t>(l.pieces.size());
                l.pieces.push_back(Piece{mk, static_cast<uint32_t>(l.events.size()), 0});
                l.events.push_back(Event{byte, piece, true});
                if (!stack.empty() && end_of(stack.back()) < m[mk].end) ++inversions;
                stack.push_back(piece);
            }
            work += open.size() + 1;
            if (work + l.events.size() > budget) return false;
        }
        return true;
    };
    if (run(32 * m.size() + 4096)) return;
    // Keep a properly nested subset: a mark that crosses one kept before it is dropped.
    std::vector<int64_t> ends;
    w = 0;
    for (const Mark& x : m) {
        while (!ends.empty() && ends.back() <= x.start) ends.pop_back();
        if (!ends.empty() && x.end > ends.back()) continue;
        ends.push_back(x.end);
        m[w++] = x;
    }
    m.resize(w);
    mark_positions(text, m, pos);
    run(SIZE_MAX);
}

void AnnotationIndex::build(const Article& a) {
    items_.clear();
    by_block_.clear();
    for (const auto& e : a.annotations.entities) items_.emplace_back(&e, false);
    for (const auto& d : a.annotations.dates) items_.emplace_back(&d, true);
    if (items_.empty()) return;
    std::stable_sort(items_.begin(), items_.end(),
                     [](const auto& x, const auto& y) { return x.first->block < y.first->block; });
    size_t i = 0;
    while (i < items_.size()) {
        size_t j = i;
        const int64_t blk = items_[i].first->block;
        while (j < items_.size() && items_[j].first->block == blk) ++j;
        by_block_.push_back({blk, {i, j}});
        i = j;
    }
}

void AnnotationIndex::add_marks(size_t block, std::vector<Mark>& marks) const {
    if (by_block_.empty()) return;
    auto it = std::lower_bound(by_block_.begin(), by_block_.end(), static_cast<int64_t>(block),
                               [](const auto& x, int64_t b) { return x.first < b; });
    if (it == by_block_.end() || it->first != static_cast<int64_t>(block)) return;
    for (size_t k = it->second.first; k < it->second.second; ++k) {
        add_annotation_mark(*items_[k].first, items_[k].second, marks);
    }
}

// ---- Dates ----

namespace {
bool digits(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t k = at; k < at + n; ++k) {
        if (s[k] < '0' || s[k] > '9') return false;
    }
    return true;
}
int num(std::string_view s, size_t at, size_t n) {
    int v = 0;
    for (size_t k = at; k < at + n; ++k) v = v * 10 + (s[k] - '0');
    return v;
}
// Parses "hh:mm[:ss[.fff]][zone]" at s[i..]; appends the normalized form; false if invalid.
bool parse_time(std::string_view s, size_t i, std::string& out) {
    if (!digits(s, i, 2) || i + 2 >= s.size() || s[i + 2] != ':' || !digits(s, i + 3, 2)) return false;
    if (num(s, i, 2) > 24 || num(s, i + 3, 2) > 59) return false;
    out.append(s.substr(i, 5));
    i += 5;
    if (i < s.size() && s[i] == ':') {
        if (!digits(s, i + 1, 2) || num(s, i + 1, 2) > 60) return false;
        out.append(s.substr(i, 3));
        i += 3;
        if (i < s.size() && s[i] == '.') {
            size_t j = i + 1;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
            if (j == i + 1) return false;
            out.append(s.substr(i, j - i));
            i = j;
        }
    } else {
        out.append(":00");
    }
    if (i == s.size()) return true;
    if (s[i] == 'Z' && i + 1 == s.size()) { out.push_back('Z'); return true; }
    if (s[i] == '+' || s[i] == '-') {
        if (digits(s, i + 1, 2) && i + 3 < s.size() && s[i + 3] == ':' && digits(s, i + 4, 2) &&
            i + 6 == s.size()) {
            out.append(s.substr(i, 6));
            return true;
        }
        if (digits(s, i + 1, 4) && i + 5 == s.size()) {
            out.append(s.substr(i, 3));
            out.push_back(':');
            out.append(s.substr(i + 3, 2));
            return true;
        }
        if (digits(s, i + 1, 2) && i + 3 == s.size()) {
            out.append(s.substr(i, 3));
            out.append(":00");
            return true;
        }
    }
    return false;
}
}  // namespace

std::string w3c_date(std::string_view s) {
    std::string out;
    if (s.empty() || s.size() > 64) return out;
    if (s[0] == 'T') s.remove_prefix(1);
    if (s.size() >= 5 && s[2] == ':') {  // time only
        if (!parse_time(s, 0, out)) out.clear();
        return out;
    }
    if (!digits(s, 0, 4)) return out;
    out.append(s.substr(0, 4));
    if (s.size() == 4) return out;
    if (s[4] != '-' || !digits(s, 5, 2) || num(s, 5, 2) < 1 || num(s, 5, 2) > 12) return {};
    out.append(s.substr(4, 3));
    if (s.size() == 7) return out;
    if (s[7] != '-' || !digits(s, 8, 2) || num(s, 8, 2) < 1 || num(s, 8, 2) > 31) return {};
    out.append(s.substr(7, 3));
    if (s.size() == 10) return out;
    if (s[10] != 'T' && s[10] != ' ') return {};
    out.push_back('T');
    if (!parse_time(s, 11, out)) return {};
    return out;
}

bool is_time_type(std::string_view type) { return type == "time"; }

bool safe_url(std::string_view url) {
    // Scheme as a browser sees it: leading spaces/controls skipped, TAB/LF/CR ignored.
    std::string scheme;
    size_t i = 0;
    while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
    for (; i < url.size() && scheme.size() < 16; ++i) {
        const char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == ':') break;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
              c == '-' || c == '.'))
            return true;  // no scheme: a relative URL
        scheme.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    if (i >= url.size() || url[i] != ':') return true;
    if (scheme == "javascript" || scheme == "vbscript") return false;
    if (scheme == "data") {
        std::string rest;
        for (size_t k = i + 1; k < url.size() && rest.size() < 16; ++k) {
            const char c = url[k];
            rest.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        }
        return rest.rfind("image/png", 0) == 0 || rest.rfind("image/jpeg", 0) == 0 ||
               rest.rfind("image/gif", 0) == 0 || rest.rfind("image/webp", 0) == 0;
    }
    return true;
}

bool blank(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) > 0x20) return false;
    }
    return true;
}

std::optional<std::string_view> shown_subtitle(const Article& a) {
    if (!a.subtitle || blank(*a.subtitle)) return std::nullopt;
    for (const Block& b : a.body) {
        if (b.type == "figure" || blank(b.text)) continue;
        if (b.text == *a.subtitle) return std::nullopt;
        break;
    }
    return std::string_view(*a.subtitle);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out.append(sep);
        out.append(items[i]);
    }
    return out;
}

int64_t count_words(std::string_view s) {
    int64_t n = 0;
    bool in = false, has = false;
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        bool space, alnum;
        if (c < 0x80) {
            ++i;
            space = c == ' ' || (c >= '\t' && c <= '\r');
            alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        } else {
            const char32_t cp = text::decode(s, i);
            const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
            space = cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
                    cat == UTF8PROC_CATEGORY_ZP || cp == 0x85;
            alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        }
        if (space) {
            n += in && has;
            in = has = false;
        } else {
            in = true;
            has = has || alnum;
        }
    }
    return n + (in && has);
}

}  // namespace copydesk::formats::detail
