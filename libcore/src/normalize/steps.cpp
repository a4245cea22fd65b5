// The normalize steps except mojibake (mojibake.cpp). Each takes valid UTF-8 and returns true
// when it changed it; offsets of what it changed go to ctx.edits, details to ctx.explain.
#include "copydesk/text.hpp"
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "normalize/internal.hpp"
#include "normalize/tables.hpp"

namespace copydesk::normalize::detail {

namespace {

// The code point that ends just before byte i (0 at the start).
inline char32_t prev_cp(std::string_view s, size_t i, size_t* start = nullptr) {
    if (i == 0) { if (start) *start = 0; return 0; }
    size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
    if (start) *start = j;
    size_t k = j;
    return text::decode_valid(s, k);
}

inline char32_t next_cp(std::string_view s, size_t i) {
    if (i >= s.size()) return 0;
    return text::decode_valid(s, i);
}

std::string utf8(char32_t cp) {
    std::string r;
    text::append_utf8(r, cp);
    return r;
}

bool finish(std::string& s, Rewriter& w, StepContext& c) {
    if (!w.changed()) return false;
    *c.count += w.changes;
    if (c.produced) *c.produced |= w.produced;
    s = w.finish();
    return true;
}

}  // namespace

char32_t cp1252_c1(char32_t c1) {
    if (c1 < 0x80 || c1 > 0x9F) return 0;
    char32_t u = kCharsets[0].to_unicode[c1];
    return u == 0 ? 0 : u;
}

// ---- utf8: ill-formed sequences -> U+FFFD; CESU-8 surrogate pairs -> the character -----------

std::string repair_utf8(std::string_view in, bool surrogates, StepContext& c, bool* changed) {
    // Rewriter counts code points by lead bytes; ill-formed input needs decode()'s counting, so
    // edits are recorded by hand here.
    std::string out;
    out.reserve(in.size() + 8);
    size_t i = 0, run = 0;  // run: start of the pending well-formed run
    int64_t cp = 0, changes = 0;
    Edits* e = c.edits;
    auto flush = [&](size_t end) {
        std::string_view r = in.substr(run, end - run);
        out.append(r);
        int64_t n = count_cp(r);
        if (e) e->keep(n);
        cp += n;
    };
    while (i < in.size()) {
        unsigned char b = static_cast<unsigned char>(in[i]);
        if (b < 0x80) { ++i; continue; }
        size_t j = i;
        char32_t u = text::decode(in, j);
        bool bad = u == 0xFFFD && !(j - i == 3 && static_cast<unsigned char>(in[i]) == 0xEF &&
                                     static_cast<unsigned char>(in[i + 1]) == 0xBF &&
                                     static_cast<unsigned char>(in[i + 2]) == 0xBD);
        if (!bad) { i = j; continue; }
        flush(i);
        // CESU-8: ED A0-AF xx ED B0-BF xx is a surrogate pair.
        auto at = [&](size_t k) { return k < in.size() ? static_cast<unsigned char>(in[k]) : 0u; };
        if (surrogates && at(i) == 0xED && at(i + 1) >= 0xA0 && at(i + 1) <= 0xAF &&
            (at(i + 2) & 0xC0) == 0x80 && at(i + 3) == 0xED && at(i + 4) >= 0xB0 &&
            at(i + 4) <= 0xBF && (at(i + 5) & 0xC0) == 0x80) {
            char32_t hi = 0xD000 | ((at(i + 1) & 0x3F) << 6) | (at(i + 2) & 0x3F);
            char32_t lo = 0xD000 | ((at(i + 4) & 0x3F) << 6) | (at(i + 5) & 0x3F);
            char32_t full = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            std::string r = utf8(full);
            // decode() sees each of the 6 bytes as one ill-formed code point.
            if (e) e->replace(6, 1);
            if (c.explain)
                c.explain->push_back({"surrogates", -1, cp, cp + 6, std::string(in.substr(i, 6)), r, {}, {}});
            out += r;
            cp += 6;
            i += 6;
        } else {
            // One U+FFFD per maximal subpart.
            if (e) e->replace(1, 1);
            if (c.explain)
                c.explain->push_back({"utf8", -1, cp, cp + 1, std::string(in.substr(i, j - i)), "\xEF\xBF\xBD", {}, {}});
            out += "\xEF\xBF\xBD";
            cp += 1;
            i = j;
        }
        ++changes;
        run = i;
    }
    if (changes == 0) { *changed = false; return {}; }
    flush(in.size());
    *changed = true;
    *c.count += changes;
    return out;
}

// ---- surrogates: "\ud83d\ude00" written out as text --------------------------------------------

bool step_surrogate_escapes(std::string& s, StepContext& c) {
    if (c.kind == Kind::code) return false;
    Rewriter w(s, "surrogates", c.edits, c.explain);
    auto hex4 = [&](size_t k, char32_t& v) {
        if (k + 6 > s.size() || s[k] != '\\' || (s[k + 1] != 'u' && s[k + 1] != 'U')) return false;
        v = 0;
        for (size_t j = k + 2; j < k + 6; ++j) {
            char ch = s[j];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10 : -1;
            if (d < 0) return false;
            v = v * 16 + d;
        }
        return true;
    };
    size_t i = 0;
    while ((i = s.find('\\', i)) != std::string::npos) {
        char32_t hi, lo;
        if (hex4(i, hi) && hi >= 0xD800 && hi <= 0xDBFF && hex4(i + 6, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
            w.replace(i, i + 12, utf8(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)));
            i += 12;
        } else {
            ++i;
        }
    }
    return finish(s, w, c);
}

// ---- ansi: terminal escape sequences ------------------------------------------------------------

bool step_ansi(std::string& s, StepContext& c) {
    Rewriter w(s, "ansi", c.edits, c.explain);
    size_t i = 0;
    while ((i = s.find('\x1b', i)) != std::string::npos) {
        size_t j = i + 1;
        if (j < s.size() && s[j] == '[') {  // CSI: parameters, intermediates, final byte
            ++j;
            while (j < s.size() && s[j] >= 0x30 && s[j] <= 0x3F) ++j;
            while (j < s.size() && s[j] >= 0x20 && s[j] <= 0x2F) ++j;
            if (j < s.size() && s[j] >= 0x40 && s[j] <= 0x7E) {
                w.replace(i, j + 1, "");
                i = j + 1;
                continue;
            }
        } else if (j < s.size() && s[j] == ']') {  // OSC ... BEL or ESC '\'
            size_t k = j + 1;
            while (k < s.size() && s[k] != '\x07' && s[k] != '\x1b' && k - j < 4096) ++k;
            if (k < s.size() && s[k] == '\x07') { w.replace(i, k + 1, ""); i = k + 1; continue; }
            if (k + 1 < s.size() && s[k] == '\x1b' && s[k + 1] == '\\') { w.replace(i, k + 2, ""); i = k + 2; continue; }
        }
        ++i;
    }
    return finish(s, w, c);
}

// ---- controls: C0 removed (not \t \n \r \v \f), C1 as windows-1252 or removed ------------------

bool step_controls(std::string& s, StepContext& c) {
    Rewriter w(s, "controls", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x20 || b == 0x7F) {
            if (b != '\t' && b != '\n' && b != '\r' && b != '\v' && b != '\f') w.replace(i, i + 1, "");
            ++i;
        } else if (b == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            char32_t u = cp1252_c1(static_cast<unsigned char>(s[i + 1]));
            w.replace(i, i + 2, u ? utf8(u) : std::string());
            i += 2;
        } else {
            ++i;
        }
    }
    return finish(s, w, c);
}

// ---- newlines: CRLF, CR, U+2028, U+2029 -> \n -------------------------------------------------

bool step_newlines(std::string& s, StepContext& c) {
    Rewriter w(s, "newlines", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b == '\r') {
            size_t e = (i + 1 < s.size() && s[i + 1] == '\n') ? i + 2 : i + 1;
            w.replace(i, e, "\n");
            i = e;
        } else if (b == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            w.replace(i, i + 3, "\n");
            i += 3;
        } else {
            ++i;
        }
    }
    return finish(s, w, c);
}

// ---- entities: &amp; &nbsp; &#8217; &#x2019; ... when the text is not markup --------------------

namespace {

// True when s holds something that looks like a tag: "<p>", "</a>", "<br/>", "<!--".
bool looks_like_markup(std::string_view s) {
    size_t i = 0;
    while ((i = s.find('<', i)) != std::string_view::npos) {
        size_t j = i + 1;
        if (j < s.size() && s[j] == '!' && s.substr(j, 3) == "!--") return true;
        if (j < s.size() && s[j] == '/') ++j;
        size_t k = j;
        while (k < s.size() && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) ++k;
        while (k < s.size() && k > j && ((s[k] >= '0' && s[k] <= '9') || s[k] == '-')) ++k;
        if (k > j && k < s.size() && (s[k] == '>' || s[k] == ' ' || s[k] == '/' || s[k] == '\n')) {
            if (s.find('>', k) != std::string_view::npos) return true;
        }
        i = j;
    }
    return false;
}

const char* find_named(std::string_view name) {
    size_t lo = 0, hi = kNamedEntityCount;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = std::strncmp(kNamedEntities[mid].name, name.data(), name.size());
        if (cmp == 0 && kNamedEntities[mid].name[name.size()] != '\0') cmp = 1;
        if (cmp < 0) lo = mid + 1;
        else if (cmp > 0) hi = mid;
        else return kNamedEntities[mid].value;
    }
    return nullptr;
}

// Parses an entity whose '&' was at i-1: s[i..] is "name;" or "#123;" or "#x1F;". Returns
// the byte just past ';' (0 when none) and its value.
size_t parse_entity(std::string_view s, size_t i, std::string& value) {
    if (i >= s.size()) return 0;
    if (s[i] == '#') {
        size_t j = i + 1;
        bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        if (hex) ++j;
        size_t d0 = j;
        uint32_t v = 0;
        while (j < s.size() && j - d0 < 8) {
            char ch = s[j];
            int d = ch >= '0' && ch <= '9' ? ch - '0'
                    : hex && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10 : -1;
            if (d < 0) break;
            v = v * (hex ? 16 : 10) + d;
            ++j;
        }
        if (j == d0 || j >= s.size() || s[j] != ';') return 0;
        char32_t u = v;
        if (u >= 0x80 && u <= 0x9F && cp1252_c1(u)) u = cp1252_c1(u);
        if (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
        value = utf8(u);
        return j + 1;
    }
    size_t j = i;
    while (j < s.size() && j - i < 32 && (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') || (s[j] >= '0' && s[j] <= '9')))
        ++j;
    if (j == i || j >= s.size() || s[j] != ';') return 0;
    const char* v = find_named(s.substr(i, j - i));
    if (!v) return 0;
    value = v;
    return j + 1;
}

}  // namespace

bool step_entities(std::string& s, StepContext& c) {
    if (c.kind == Kind::code || looks_like_markup(s)) return false;
    Rewriter w(s, "entities", c.edits, c.explain);
    size_t i = 0;
    std::string value;
    while ((i = s.find('&', i)) != std::string::npos) {
        size_t e = parse_entity(s, i + 1, value);
        if (!e) { ++i; continue; }
        // "&amp;lt;" is an escaped escape: decode it all the way.
        while (value == "&") {
            std::string v2;
            size_t e2 = parse_entity(s, e, v2);
            if (!e2) break;
            value = v2;
            e = e2;
        }
        w.replace(i, e, value);
        i = e;
    }
    return finish(s, w, c);
}

// ---- invisible: ZWSP, WJ, BOM, SHY, MVS; ZWJ/ZWNJ unless they join letters or emoji -----------

namespace {

bool joins(char32_t cp) {
    if (cp < 0x0590) return false;  // Latin, Greek, Cyrillic, Armenian never need them
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_SO ||
           cat == UTF8PROC_CATEGORY_SK;
}

}  // namespace

bool step_invisible(std::string& s, StepContext& c) {
    Rewriter w(s, "invisible", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0xC2) { ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        switch (cp) {
            case 0x200B: case 0x2060: case 0xFEFF: case 0x00AD: case 0x180E:
                w.replace(i, j, "");
                break;
            case 0x200C: case 0x200D: {
                char32_t p = prev_cp(s, i), n = next_cp(s, j);
                if (!(joins(p) && joins(n))) w.replace(i, j, "");
                break;
            }
            default: break;
        }
        i = j;
    }
    return finish(s, w, c);
}

// ---- spaces: no-break and other odd spaces -> " " ------------------------------------------------

bool step_spaces(std::string& s, StepContext& c) {
    if (c.kind == Kind::code) return false;
    Rewriter w(s, "spaces", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0xC2) { ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        if (class_of(cp) & kOddSpace) w.replace(i, j, " ");
        i = j;
    }
    return finish(s, w, c);
}

// ---- form: NFC or NFKC, applied only around code points that may change ------------------------

bool step_form(std::string& s, StepContext& c) {
    const uint32_t bit = c.opt->form == Form::nfkc ? kNfkc : kNfc;
    int options = UTF8PROC_STABLE | UTF8PROC_COMPOSE | (c.opt->form == Form::nfkc ? UTF8PROC_COMPAT : 0);
    Rewriter w(s, "form", c.edits, c.explain);
    size_t i = 0;
    size_t last_stable = 0;  // start of the last code point that is stable (a safe region start)
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) { last_stable = i; ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        if (!(class_of(cp) & bit)) { last_stable = i; i = j; continue; }
        // Region: from the last stable code point to the next stable one.
        size_t a = std::max(last_stable, w.pos);
        size_t e = j;
        while (e < s.size()) {
            size_t k = e;
            char32_t n = text::decode_valid(s, k);
            if (!(class_of(n) & bit)) break;
            e = k;
        }
        utf8proc_uint8_t* dst = nullptr;
        utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + a),
                                            static_cast<utf8proc_ssize_t>(e - a), &dst,
                                            static_cast<utf8proc_option_t>(options));
        if (len >= 0 && dst) {
            std::string_view r(reinterpret_cast<const char*>(dst), static_cast<size_t>(len));
            if (r != std::string_view(s).substr(a, e - a)) w.replace(a, e, r);
        }
        std::free(dst);
        i = e;
        last_stable = e;
    }
    return finish(s, w, c);
}

// ---- ligatures: ﬁ -> fi, ĳ -> ij, ǆ -> dž ... --------------------------------------------------

bool step_ligatures(std::string& s, StepContext& c) {
    Rewriter w(s, "ligatures", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0xC4) { ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        const char* r = nullptr;
        switch (cp) {
            case 0xFB00: r = "ff"; break;
            case 0xFB01: r = "fi"; break;
            case 0xFB02: r = "fl"; break;
            case 0xFB03: r = "ffi"; break;
            case 0xFB04: r = "ffl"; break;
            case 0xFB05: r = "\xC5\xBFt"; break;  // ſt
            case 0xFB06: r = "st"; break;
            case 0x0132: r = "IJ"; break;
            case 0x0133: r = "ij"; break;
            case 0x01C4: r = "D\xC5\xBD"; break;
            case 0x01C5: r = "D\xC5\xBE"; break;
            case 0x01C6: r = "d\xC5\xBE"; break;
            case 0x01C7: r = "LJ"; break;
            case 0x01C8: r = "Lj"; break;
            case 0x01C9: r = "lj"; break;
            case 0x01CA: r = "NJ"; break;
            case 0x01CB: r = "Nj"; break;
            case 0x01CC: r = "nj"; break;
            case 0x01F1: r = "DZ"; break;
            case 0x01F2: r = "Dz"; break;
            case 0x01F3: r = "dz"; break;
            default: break;
        }
        if (r) w.replace(i, j, r);
        i = j;
    }
    return finish(s, w, c);
}

// ---- fullwidth: Ａ -> A, ｶ -> カ, ￥ -> ¥ (NFKC of U+FF01-FFEE) ------------------------------------

bool step_fullwidth(std::string& s, StepContext& c) {
    if (c.kind == Kind::code) return false;
    Rewriter w(s, "fullwidth", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b != 0xEF) { ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        if (cp >= 0xFF01 && cp <= 0xFFEE) {
            utf8proc_int32_t buf[8];
            int lbc = 0;
            utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 8,
                                                         static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_COMPOSE), &lbc);
            if (n == 1 && buf[0] != static_cast<utf8proc_int32_t>(cp)) w.replace(i, j, utf8(static_cast<char32_t>(buf[0])));
        }
        i = j;
    }
    return finish(s, w, c);
}

// ---- hyphenation --------------------------------------------------------------------------------
// "X-\nY" (the break may have spaces around it) where X ends in a letter and Y starts with a
// lowercase letter is a word broken at a line end. The hyphen goes too ("infor-\nmation" ->
// "information") unless the evidence says it is a real compound, in which case only the line
// break goes ("well-\nknown" -> "well-known"):
//   - a soft hyphen (U+00AD) always goes;
//   - the same text spells the pair elsewhere: "X-Y" keeps the hyphen, "XY" drops it;
//   - X is itself part of a hyphenated compound ("state-of-\nthe-art"), or Y is followed by
//     another hyphen, keeps it;
//   - X is a common first element (well, self, so, non, ...) or Y a common second element
//     (based, known, like, term, ...) of English compounds keeps it;
//   - otherwise the hyphen goes.

namespace {

const char* const kCompoundFirst[] = {
    "all", "anti", "co", "cross", "ex", "far", "full", "half", "high", "ill", "long", "low",
    "multi", "near", "non", "off", "old", "one", "post", "pre", "pro", "quasi", "self", "semi",
    "short", "so", "three", "two", "well", "world", "year", "first", "second", "third", "top",
    "little", "much", "up", "down", "out", "over", "under", "wide", "open", "hard", "free"};
const char* const kCompoundSecond[] = {
    "based", "known", "like", "term", "time", "free", "old", "year", "related", "made",
    "owned", "run", "led", "level", "scale", "style", "wide", "called", "up", "down", "off",
    "out", "in", "on", "class", "minded", "friendly", "oriented", "specific", "driven",
    "born", "looking", "speaking", "making", "being", "day", "week", "month", "hour", "minute",
    "million", "billion", "point", "way", "end", "range", "quality", "profile", "rise"};

bool in_list(std::string_view w, const char* const* list, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (w == list[i]) return true;
    return false;
}

std::string lower_ascii(std::string_view w) {
    std::string r(w);
    for (char& ch : r)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    return r;
}

// The words of s (runs of letters and marks) and the pairs of them joined by one hyphen
// ("well-known"), for the evidence test; built once per text that has a candidate.
struct WordIndex {
    std::unordered_set<std::string_view> words;
    explicit WordIndex(std::string_view s) {
        size_t i = 0, prev_start = std::string_view::npos, prev_end = 0;
        while (i < s.size()) {
            size_t st = i;
            char32_t cp = text::decode_valid(s, i);
            if (!is_letter_or_mark(cp)) continue;
            size_t e = i;
            while (e < s.size()) {
                size_t k = e;
                if (!is_letter_or_mark(text::decode_valid(s, k))) break;
                e = k;
            }
            words.insert(s.substr(st, e - st));
            if (prev_start != std::string_view::npos && prev_end + 1 == st && s[prev_end] == '-')
                words.insert(s.substr(prev_start, e - prev_start));
            prev_start = st;
            prev_end = e;
            i = e;
        }
    }
    bool has(std::string_view w) const { return words.count(w) != 0; }
};

}  // namespace

bool step_hyphenation(std::string& s, StepContext& c) {
    if (c.kind == Kind::code) return false;
    Rewriter w(s, "hyphenation", c.edits, c.explain);
    std::unique_ptr<WordIndex> index;
    size_t i = 0;
    while (i < s.size()) {
        size_t h = s.find_first_of("-\xC2", i);
        if (h == std::string::npos) break;
        size_t hend;
        bool soft = false;
        if (s[h] == '-') hend = h + 1;
        else if (h + 1 < s.size() && static_cast<unsigned char>(s[h + 1]) == 0xAD) { hend = h + 2; soft = true; }
        else { i = h + 1; continue; }
        i = hend;
        // The break: [ \t]* \n [ \t]*
        size_t k = hend;
        while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
        if (k >= s.size() || s[k] != '\n') continue;
        ++k;
        while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
        size_t ws = h;
        char32_t before = prev_cp(s, h, &ws);
        char32_t after = next_cp(s, k);
        if (!is_letter(before) || !is_lower(after)) continue;
        // The two parts.
        size_t a0 = h;
        while (a0 > 0) {
            size_t st;
            char32_t p = prev_cp(s, a0, &st);
            if (!is_letter_or_mark(p)) break;
            a0 = st;
        }
        size_t b1 = k;
        while (b1 < s.size()) {
            size_t t = b1;
            char32_t n = text::decode_valid(s, t);
            if (!is_letter_or_mark(n)) break;
            b1 = t;
        }
        std::string_view first = std::string_view(s).substr(a0, h - a0);
        std::string_view second = std::string_view(s).substr(k, b1 - k);
        bool keep = false;
        if (!soft) {
            std::string joined = std::string(first) + std::string(second);
            std::string hyph = std::string(first) + "-" + std::string(second);
            if (!index) index = std::make_unique<WordIndex>(s);
            if (index->has(hyph)) keep = true;
            else if (index->has(joined)) keep = false;
            else if ((a0 > 0 && s[a0 - 1] == '-') || (b1 < s.size() && s[b1] == '-')) keep = true;
            else {
                std::string f = lower_ascii(first), g = lower_ascii(second);
                keep = in_list(f, kCompoundFirst, std::size(kCompoundFirst)) ||
                       in_list(g, kCompoundSecond, std::size(kCompoundSecond));
            }
        }
        w.replace(h, k, keep ? "-" : "");
        i = k;
    }
    return finish(s, w, c);
}

// ---- whitespace: runs collapsed, ends trimmed -------------------------------------------------
// In a block, a run with a line break becomes one "\n", any other run one " "; in a metadata
// line every run becomes " ". Code blocks are left alone.

bool step_whitespace(std::string& s, StepContext& c) {
    if (c.kind == Kind::code) return false;
    Rewriter w(s, "whitespace", c.edits, c.explain);
    auto ws = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f'; };
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        if (static_cast<unsigned char>(s[i]) > ' ' || !ws(s[i])) { ++i; continue; }
        // A lone space between words is the common case.
        if (s[i] == ' ' && i > 0 && i + 1 < n && !ws(s[i + 1])) { ++i; continue; }
        size_t j = i;
        bool nl = false;
        while (j < n && ws(s[j])) {
            if (s[j] != ' ' && s[j] != '\t') nl = true;
            ++j;
        }
        std::string_view run = std::string_view(s).substr(i, j - i);
        std::string_view r = (nl && c.kind == Kind::block) ? "\n" : " ";
        if (i == 0 || j == n) r = "";
        if (run != r) w.replace(i, j, r);
        i = j;
    }
    return finish(s, w, c);
}

// ---- quotes -------------------------------------------------------------------------------------

namespace {

bool opens(char32_t p) {
    return p == 0 || is_space(p) || p == '(' || p == '[' || p == '{' || p == '<' || p == 0x2018 ||
           p == 0x201C || p == 0x2013 || p == 0x2014 || p == '-' || p == '/' || p == 0xAB;
}

}  // namespace

bool step_quotes(std::string& s, StepContext& c) {
    if (c.kind == Kind::code || c.opt->quotes == Quotes::keep) return false;
    Rewriter w(s, "quotes", c.edits, c.explain);
    size_t i = 0;
    if (c.opt->quotes == Quotes::ascii) {
        while (i < s.size()) {
            unsigned char b = static_cast<unsigned char>(s[i]);
            if (b != 0xE2) { ++i; continue; }
            size_t j = i;
            char32_t cp = text::decode_valid(s, j);
            if (cp >= 0x2018 && cp <= 0x201B) w.replace(i, j, "'");
            else if (cp >= 0x201C && cp <= 0x201F) w.replace(i, j, "\"");
            i = j;
        }
    } else {
        while ((i = s.find_first_of("'\"", i)) != std::string::npos) {
            char32_t p = prev_cp(s, i), n = next_cp(s, i + 1);
            const char* r;
            if (s[i] == '"') {
                r = opens(p) ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
            } else if (is_letter(p) || is_digit(p)) {
                r = "\xE2\x80\x99";
            } else if (opens(p) && !is_digit(n)) {
                r = "\xE2\x80\x98";
            } else {
                r = "\xE2\x80\x99";
            }
            w.replace(i, i + 1, r);
            ++i;
        }
    }
    return finish(s, w, c);
}

// ---- dashes -------------------------------------------------------------------------------------

bool step_dashes(std::string& s, StepContext& c) {
    if (c.kind == Kind::code || c.opt->dashes == Dashes::keep) return false;
    Rewriter w(s, "dashes", c.edits, c.explain);
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b != 0xE2) { ++i; continue; }
        size_t j = i;
        char32_t cp = text::decode_valid(s, j);
        if (cp >= 0x2010 && cp <= 0x2013) w.replace(i, j, "-");
        else if (cp == 0x2014 || cp == 0x2015) w.replace(i, j, "--");
        i = j;
    }
    return finish(s, w, c);
}

}  // namespace copydesk::normalize::detail
