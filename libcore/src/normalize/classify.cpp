// Code point classes, the one-pass classifier, edit lists and the rewriter.
#include "copydesk/text.hpp"
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "normalize/internal.hpp"
#include "normalize/tables.hpp"

namespace copydesk::normalize::detail {

namespace {

// True when the normalization form (options) of the lone code point is not itself.
bool decomposes_differently(char32_t cp, int options) {
    std::string u;
    text::append_utf8(u, cp);
    utf8proc_uint8_t* dst = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(u.data()),
                                      static_cast<utf8proc_ssize_t>(u.size()), &dst,
                                      static_cast<utf8proc_option_t>(options));
    bool diff = n < 0 || std::string_view(reinterpret_cast<const char*>(dst), static_cast<size_t>(n)) != u;
    std::free(dst);
    return diff;
}

// Bits that depend on Unicode properties; computed for the BMP once, on the fly above it.
uint32_t compute_class(char32_t cp, const std::vector<bool>* second) {
    uint32_t k = 0;
    if (cp < 0x80) return 0;
    if (cp >= 0x80 && cp <= 0x9F) k |= kCtrl;
    switch (cp) {
        case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
            k |= kOddSpace; break;
        case 0x00AD: k |= kInvisible | kHyphen; break;
        case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x180E:
            k |= kInvisible; break;
        case 0x2028: case 0x2029: k |= kNewline; break;
        case 0x2018: case 0x2019: case 0x201A: case 0x201B:
        case 0x201C: case 0x201D: case 0x201E: case 0x201F:
            k |= kCurlyQuote; break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
            k |= kDash; break;
        case 0xFFFD: k |= kFffd; break;
        default: break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) k |= kOddSpace;
    if ((cp >= 0xFB00 && cp <= 0xFB06) || cp == 0x0132 || cp == 0x0133 ||
        (cp >= 0x01C4 && cp <= 0x01CC) || (cp >= 0x01F1 && cp <= 0x01F3))
        k |= kLigature;
    if ((cp >= 0xFF01 && cp <= 0xFFEE)) k |= kFullwidth;
    const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
    bool sec = second ? (cp < second->size() && (*second)[cp]) : false;
    bool unstable = p->combining_class != 0 || sec;
    bool has_decomp = p->decomp_seqindex != UINT16_MAX;
    if (unstable || (has_decomp && decomposes_differently(cp, UTF8PROC_COMPOSE | UTF8PROC_STABLE)))
        k |= kNfc;
    if (unstable ||
        (has_decomp && decomposes_differently(cp, UTF8PROC_COMPOSE | UTF8PROC_STABLE | UTF8PROC_COMPAT)))
        k |= kNfkc;
    return k;
}

struct Tables {
    std::vector<bool> second;        // can combine with a preceding character (NFC)
    std::vector<uint32_t> bmp;       // class_of for U+0000-U+FFFF
    std::array<uint32_t, 128> ascii{};
    Tables() {
        second.assign(0x30000, false);
        for (char32_t cp = 0x80; cp < 0x30000; ++cp) {
            const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
            if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0) continue;
            utf8proc_int32_t buf[32];
            int lbc = 0;
            utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 32,
                                                         UTF8PROC_DECOMPOSE, &lbc);
            for (utf8proc_ssize_t i = 1; i < n; ++i)
                if (buf[i] >= 0 && buf[i] < 0x30000) second[buf[i]] = true;
        }
        bmp.resize(0x10000);
        for (char32_t cp = 0; cp < 0x10000; ++cp) bmp[cp] = compute_class(cp, &second);
        // Mojibake evidence: what UTF-8 lead and continuation bytes look like in each charset.
        for (size_t c = 0; c < kCharsetCount; ++c) {
            const Charset& cs = kCharsets[c];
            for (int b = 0x80; b <= 0xBF; ++b)
                if (cs.to_unicode[b] >= 0x80 && cs.to_unicode[b] < 0x10000) bmp[cs.to_unicode[b]] |= kMojiCont;
            for (int b = 0xC2; b <= 0xF4; ++b)
                if (cs.to_unicode[b] >= 0x80 && cs.to_unicode[b] < 0x10000) bmp[cs.to_unicode[b]] |= kMojiLead;
            // A lost no-break space only matters where that space is a continuation byte.
            bool nbsp_cont = cs.to_unicode[0xA0] == 0xA0;
            for (int b = 0xC2; b <= 0xDF && nbsp_cont; ++b)
                if (cs.to_unicode[b] >= 0x80 && cs.to_unicode[b] < 0x10000) bmp[cs.to_unicode[b]] |= kMojiLead2;
        }
        for (char32_t cp = 0x80; cp <= 0x9F; ++cp) bmp[cp] |= kMojiCont;
        for (int c = 0; c < 0x20; ++c) ascii[c] = kCtrl;
        ascii['\t'] = kTabEtc;
        ascii['\v'] = kTabEtc;
        ascii['\f'] = kTabEtc;
        ascii['\n'] = kLineFeed;
        ascii['\r'] = kNewline;
        ascii[0x1B] = kCtrl | kEsc;
        ascii[0x7F] = kCtrl;
        ascii['&'] = kAmp;
        ascii['\\'] = kBackslash;
        ascii['\''] = kAsciiQuote;
        ascii['"'] = kAsciiQuote;
        ascii['-'] = kHyphen;
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

constexpr bool ascii_ws(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

uint32_t class_of(char32_t cp) {
    if (cp < 0x80) return tables().ascii[cp];
    if (cp < 0x10000) return tables().bmp[cp];
    return compute_class(cp, &tables().second);
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;

// High bit of each byte set where the byte equals c (bytes must be < 0x80).
inline uint64_t eq_bytes(uint64_t w, unsigned char c) {
    uint64_t x = w ^ (kOnes * c);
    return ~(((x & ~kHigh) + ~kHigh) | x) & kHigh;
}
// High bit set where the byte is < n (bytes must be < 0x80, n <= 0x80).
inline uint64_t lt_bytes(uint64_t w, unsigned char n) {
    return ~((w & ~kHigh) + kOnes * (0x80 - n)) & kHigh;
}

// Length of the well-formed sequence at s[i] (a non-ASCII lead), 0 when ill-formed.
inline size_t valid_length(const unsigned char* p, size_t i, size_t n) {
    unsigned char c = p[i];
    auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
    if (c < 0xC2) return 0;
    if (c < 0xE0) return cont(1) ? 2 : 0;
    if (c < 0xF0) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && p[i + 1] < 0xA0) return 0;
        if (c == 0xED && p[i + 1] > 0x9F) return 0;
        return 3;
    }
    if (c > 0xF4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[i + 1] < 0x90) return 0;
    if (c == 0xF4 && p[i + 1] > 0x8F) return 0;
    return 4;
}

}  // namespace

uint32_t classify(std::string_view s) {
    const Tables& t = tables();
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    uint32_t m = 0;
    uint64_t quotes = 0, hyphens = 0;
    bool prev_ws = true;     // the start counts as white space: leading white space is a run
    uint32_t prev_k = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (i + 8 <= n) {
                uint64_t w;
                std::memcpy(&w, p + i, 8);
                if ((w & kHigh) == 0) {
                    uint64_t special = lt_bytes(w, 0x20) | eq_bytes(w, '&') | eq_bytes(w, '\\') |
                                       eq_bytes(w, 0x7F);
                    if (special == 0) {
                        quotes |= eq_bytes(w, '\'') | eq_bytes(w, '"');
                        hyphens |= eq_bytes(w, '-');
                        uint64_t sp = eq_bytes(w, ' ');
                        if ((sp & (sp << 8)) || (prev_ws && (sp & 0x80))) m |= kWsRun;
                        if ((prev_k & kMojiLead2) && (sp & 0x80)) m |= kMojibake;
                        prev_ws = (sp >> 63) != 0;
                        prev_k = 0;
                        i += 8;
                        continue;
                    }
                }
            }
            m |= t.ascii[c];
            bool ws = ascii_ws(c);
            if (ws && prev_ws) m |= kWsRun;
            if (c == ' ' && (prev_k & kMojiLead2)) m |= kMojibake;
            prev_ws = ws;
            prev_k = 0;
            ++i;
        } else {
            size_t len = valid_length(p, i, n);
            if (len == 0) {
                m |= kInvalid;
                ++i;
                prev_k = 0;
                prev_ws = false;
                continue;
            }
            char32_t cp = text::decode_valid(s, i);
            uint32_t k = cp < 0x10000 ? t.bmp[cp] : compute_class(cp, &t.second);
            m |= k;
            if ((k & kMojiCont) && (prev_k & kMojiLead)) m |= kMojibake;
            prev_k = k;
            prev_ws = false;
        }
    }
    if (quotes) m |= kAsciiQuote;
    if (hyphens) m |= kHyphen;
    if (prev_ws && n > 0) m |= kWsRun;
    return m;
}

bool is_letter(char32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
bool is_letter_or_mark(char32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}
bool is_lower(char32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LL;
}
bool is_upper(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
bool is_digit(char32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}
bool is_space(char32_t cp) {
    if (cp < 0x80) return ascii_ws(static_cast<unsigned char>(cp));
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) return true;
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ZS;
}

// ---- Edits ---------------------------------------------------------------------------------

void Edits::replay(text::OffsetMap& m) const {
    int64_t pos = 0;
    for (const Edit& e : v) {
        if (e.old_pos > pos) m.keep(e.old_pos - pos);
        m.replace(e.old_n, e.new_n);
        pos = e.old_pos + e.old_n;
    }
}

Edits compose(const Edits& a, const Edits& b) {
    // Edits of a are intervals of the middle text [new_pos, new_pos + new_n); edits of b are
    // [old_pos, old_pos + old_n). Overlapping ones merge into one edit of the result.
    Edits c;
    size_t ia = 0, ib = 0;
    int64_t da = 0, db = 0;  // new - old of the a (b) edits already passed
    int64_t cpos = 0;        // x position reached in c
    while (ia < a.v.size() || ib < b.v.size()) {
        bool take_a;
        if (ia == a.v.size()) take_a = false;
        else if (ib == b.v.size()) take_a = true;
        else take_a = a.v[ia].new_pos <= b.v[ib].old_pos;
        int64_t ys = take_a ? a.v[ia].new_pos : b.v[ib].old_pos;
        int64_t ye = take_a ? a.v[ia].new_pos + a.v[ia].new_n : b.v[ib].old_pos + b.v[ib].old_n;
        int64_t da0 = da, db0 = db;
        if (take_a) { da += a.v[ia].new_n - a.v[ia].old_n; ++ia; }
        else { db += b.v[ib].new_n - b.v[ib].old_n; ++ib; }
        for (;;) {
            if (ia < a.v.size() && a.v[ia].new_pos < ye) {
                ye = std::max(ye, a.v[ia].new_pos + a.v[ia].new_n);
                da += a.v[ia].new_n - a.v[ia].old_n;
                ++ia;
            } else if (ib < b.v.size() && b.v[ib].old_pos < ye) {
                ye = std::max(ye, b.v[ib].old_pos + b.v[ib].old_n);
                db += b.v[ib].new_n - b.v[ib].old_n;
                ++ib;
            } else {
                break;
            }
        }
        int64_t xs = ys - da0, xe = ye - da;
        int64_t zs = ys + db0, ze = ye + db;
        if (xs > cpos) c.keep(xs - cpos);
        c.replace(xe - xs, ze - zs);
        cpos = xe;
    }
    return c;
}

// ---- Rewriter ------------------------------------------------------------------------------

void Rewriter::replace(size_t a, size_t b, std::string_view r) {
    if (out.empty() && pos == 0) out.reserve(in.size() + 16);
    std::string_view kept = in.substr(pos, a - pos);
    out.append(kept);
    if (edits || explain) {
        int64_t nk = count_cp(kept);
        int64_t no = count_cp(in.substr(a, b - a));
        int64_t nn = count_cp(r);
        if (edits) {
            edits->keep(nk);
            edits->replace(no, nn);
        }
        if (explain)
            explain->push_back({step, -1, cp + nk, cp + nk + no, std::string(in.substr(a, b - a)),
                                std::string(r), {}, detail});
        cp += nk + no;
    }
    // A combining mark right after the change may now compose with something else.
    if (b < in.size() && static_cast<unsigned char>(in[b]) >= 0xCC) produced |= kNfc | kNfkc;
    if (r.empty()) {
        produced |= kWsRun;  // new neighbours
    } else {
        for (size_t i = 0; i < r.size();) {
            unsigned char c = static_cast<unsigned char>(r[i]);
            if (c < 0x80) {
                produced |= tables().ascii[c];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') produced |= kWsRun;
                ++i;
            } else {
                uint32_t k = class_of(text::decode_valid(r, i));
                produced |= k;
                if (k & (kMojiLead | kMojiCont)) produced |= kMojibake;
            }
        }
    }
    out.append(r);
    pos = b;
    ++changes;
}

std::string Rewriter::finish() {
    out.append(in.substr(pos));
    pos = in.size();
    return std::move(out);
}

}  // namespace copydesk::normalize::detail
