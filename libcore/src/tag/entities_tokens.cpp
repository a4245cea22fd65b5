// The word tokenizer of the entity and keyword taggers (see entities_tokens.hpp).
#include "tag/entities_tokens.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include <utf8proc.h>

#include "copydesk/text.hpp"

namespace copydesk::tag {
namespace {

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF || c == '\f' || c == '\v';
}

// Letters, marks and digits.
bool is_word_char(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
            return true;
        default:
            return false;
    }
}

bool is_letter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return is_word_char(c) && utf8proc_category(static_cast<utf8proc_int32_t>(c)) != UTF8PROC_CATEGORY_ND;
}

bool is_upper(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    const auto k = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

bool is_lower(char32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_LL;
}

// Classes of ASCII characters, for the tokenizer's fast path.
constexpr uint8_t kLower = 1, kUpper = 2, kDigit = 4, kJoiner = 8;  // kJoiner: - ' . &
constexpr std::array<uint8_t, 128> kAscii = [] {
    std::array<uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = kLower;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
    for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
    for (const char c : {'-', '\'', '.', '&'}) t[static_cast<unsigned char>(c)] = kJoiner;
    return t;
}();

// A run of ASCII letters and digits from s[i]: where it ends, its letters, its upper-case
// letters, whether it has lower-case ones. (Its own function, so that the counters stay in
// registers.)
struct AsciiRun {
    size_t end;
    int letters, uppers;
    bool lower;
};
AsciiRun ascii_run(std::string_view s, size_t i) {
    int letters = 0, uppers = 0, lowers = 0;
    for (; i < s.size(); ++i) {
        const unsigned char ch = static_cast<unsigned char>(s[i]);
        if (ch >= 0x80) break;
        const uint8_t k = kAscii[ch];
        if (!(k & (kLower | kUpper | kDigit))) break;
        lowers += k & kLower;
        uppers += (k & kUpper) >> 1;
    }
    letters = lowers + uppers;
    return {i, letters, uppers, lowers > 0};
}

struct Reader {
    std::string_view s;
    size_t i = 0;
    uint32_t cp = 0;
    // Peeks the code point at byte i (and its length); 0 at the end.
    char32_t peek(size_t at, size_t* len = nullptr) const {
        if (at >= s.size()) { if (len) *len = 0; return 0; }
        const unsigned char b = static_cast<unsigned char>(s[at]);
        if (b < 0x80) { if (len) *len = 1; return b; }
        size_t j = at;
        const char32_t c = text::decode(s, j);
        if (len) *len = j - at;
        return c;
    }
};

// Abbreviations whose dot does not end a sentence.
bool no_stop_after(std::string_view w) {
    static constexpr std::string_view k[] = {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Gov", "Sen", "Rep", "Lt", "Col",
        "Capt", "Sgt", "Rev", "Inc", "Corp", "Ltd", "Co", "Mt", "Ft", "No", "vs", "Jan", "Feb",
        "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "e.g",
        "i.e", "etc", "Adm", "Maj", "Cpl", "Supt", "Insp", "Det", "Hon", "Messrs", "Mme", "Mlle",
        "Sra", "Srta", "Fr", "Pres", "Amb", "Univ", "Dept", "Est", "Mx", "Bros"};
    for (auto a : k)
        if (w == a) return true;
    return false;
}

// Words that lose their vowel before an apostrophe ("d'", "l'", "qu'").
bool elided(std::string_view w) {
    static constexpr std::string_view k[] = {
        "d", "l", "j", "m", "n", "s", "t", "c", "qu", "D", "L", "J", "M", "N", "S", "T", "C", "Qu",
        "jusqu", "lorsqu", "puisqu", "quoiqu", "dell", "all", "nell", "sull", "dall", "un", "Dell",
        "All", "Nell", "Sull", "Dall", "Un"};
    for (auto a : k)
        if (w == a) return true;
    return false;
}

}  // namespace

void tokenize(std::string_view s, std::vector<Token>& out) {
    out.clear();
    Reader r{s};
    bool next_sent = true;
    while (r.i < s.size()) {
        if (s[r.i] == ' ') { ++r.i; ++r.cp; continue; }
        size_t len;
        const char32_t c = r.peek(r.i, &len);
        if (is_space(c)) {
            if (c == '\n') next_sent = true;
            r.i += len;
            ++r.cp;
            continue;
        }
        // Built in place: a token assembled on the stack field by field and then copied
        // whole stalls the copy (the store-to-load forwarding of its narrow fields fails).
        Token& t = out.emplace_back();
        t.b0 = static_cast<uint32_t>(r.i);
        t.c0 = r.cp;
        if (!is_word_char(c)) {
            t.punct = c;
            r.i += len;
            ++r.cp;
            t.b1 = static_cast<uint32_t>(r.i);
            t.c1 = r.cp;
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026) {
                bool stop = true;
                if (c == '.' && out.size() >= 2 && out[out.size() - 2].word && out[out.size() - 2].b1 == t.b0) {
                    const Token& w = out[out.size() - 2];
                    const std::string_view ws = s.substr(w.b0, w.b1 - w.b0);
                    // "Mr.", an initial ("George W. Bush"), "U.S."
                    if (no_stop_after(ws) || (w.c1 - w.c0 == 1 && w.cap) || w.dotted) stop = false;
                }
                if (stop) next_sent = true;
            }
            continue;
        }
        // A word.
        t.word = true;
        t.sent = next_sent;
        next_sent = false;
        t.digit = c >= '0' && c <= '9';
        t.cap = is_upper(c);
        int letters = 0, uppers = 0, seg = 0;  // seg: letters since the last dot
        bool has_lower = false;
        while (r.i < s.size()) {
            const unsigned char ch = static_cast<unsigned char>(s[r.i]);
            if (ch < 0x80) {  // the common case, without decoding
                const uint8_t k = kAscii[ch];
                if (k & (kLower | kUpper | kDigit)) {
                    const AsciiRun a = ascii_run(s, r.i);
                    letters += a.letters;
                    seg += a.letters;
                    uppers += a.uppers;
                    has_lower = has_lower || a.lower;
                    r.cp += static_cast<uint32_t>(a.end - r.i);
                    r.i = a.end;
                    continue;
                }
                // Only these ASCII characters may join two parts of a word.
                if (!(k & kJoiner)) break;
            }
            size_t l;
            const char32_t d = r.peek(r.i, &l);
            if (is_word_char(d)) {
                if (is_letter(d)) { ++letters; ++seg; }
                if (is_upper(d)) ++uppers;
                else if (is_lower(d)) has_lower = true;
                r.i += l;
                ++r.cp;
                continue;
            }
            size_t l2;
            const char32_t n = r.peek(r.i + l, &l2);
            if ((d == '-' || d == 0x2010 || d == 0x2011) && is_word_char(n)) {
                r.i += l; ++r.cp; seg = 0;
                continue;
            }
            if ((d == '\'' || d == 0x2019) && is_letter(n)) {
                // French and Italian elision: "d'Allemagne", "l'Europe", "dell'Italia" give
                // "d'" and the word after it.
                if (elided(s.substr(t.b0, r.i - t.b0))) {
                    r.i += l; ++r.cp;
                    break;
                }
                // "’s" and "'s" at the end of a word are a possessive: split them off.
                if (n == 's' || n == 'S') {
                    const char32_t n2 = r.peek(r.i + l + l2);
                    if (!is_word_char(n2)) break;
                }
                if (n == 't' && letters >= 1) {  // "don't": stays one word
                    r.i += l; ++r.cp;
                    continue;
                }
                r.i += l; ++r.cp;
                continue;
            }
            if (d == '.' && seg == 1 && is_letter(n)) {
                // "U.S", "e.g": a letter, a dot, a letter and a dot.
                size_t l3;
                r.peek(r.i + l + l2, &l3);
                const char32_t n2 = r.peek(r.i + l + l2);
                if (n2 == '.') {
                    t.dotted = true;
                    r.i += l; ++r.cp; seg = 0;
                    continue;
                }
            }
            if (d == '.' && t.dotted && seg == 1) {  // the final dot of "U.S."
                r.i += l; ++r.cp;
                break;
            }
            if (d == '&' && uppers == letters && letters >= 1 && letters <= 3 && is_upper(n)) {  // AT&T
                r.i += l; ++r.cp;
                continue;
            }
            break;
        }
        t.upper = letters >= 2 && uppers == letters && !has_lower;
        t.lower = uppers == 0 && !is_upper(c);
        t.b1 = static_cast<uint32_t>(r.i);
        t.c1 = r.cp;
    }
}

bool has_words(const Block& b) { return !b.text.empty() && b.type != "code"; }

std::span<const TokenizedBlock> tokenize_article(const Article& a, std::vector<TokenizedBlock>& buffers) {
    size_t n = 0;
    for (size_t i = 0; i < a.body.size(); ++i) {
        const Block& b = a.body[i];
        if (!has_words(b)) continue;
        if (n == buffers.size()) buffers.emplace_back();
        TokenizedBlock& t = buffers[n++];
        t.text = b.text;
        t.number = static_cast<int64_t>(i);
        t.heading = b.type == "heading";
        tokenize(t.text, t.tokens);
    }
    return std::span<const TokenizedBlock>(buffers.data(), n);
}

WordList::WordList(std::initializer_list<std::string_view> words) {
    size_t n = 16;
    while (n < words.size() * 3) n *= 2;
    slots_.assign(n, std::string_view());
    mask_ = n - 1;
    for (const std::string_view w : words) {
        if (w.empty()) continue;
        if (w.size() < 64) lengths_ |= uint64_t{1} << w.size();
        else lengths_ |= uint64_t{1} << 63;
        size_t i = word_hash(w) & mask_;
        while (!slots_[i].empty() && slots_[i] != w) i = (i + 1) & mask_;
        slots_[i] = w;
    }
}

bool WordList::contains(std::string_view w) const {
    if (w.empty() || !(lengths_ >> std::min<size_t>(w.size(), 63) & 1)) return false;
    size_t i = word_hash(w) & mask_;
    while (!slots_[i].empty()) {
        if (slots_[i] == w) return true;
        i = (i + 1) & mask_;
    }
    return false;
}

// The length and the first and last eight bytes (or the bytes of a shorter word): cheap,
// and words of a list seldom share all three.
size_t word_hash(std::string_view w) {
    const size_t n = w.size();
    uint64_t head = 0, tail = 0;
    if (n >= 8) {
        std::memcpy(&head, w.data(), 8);
        std::memcpy(&tail, w.data() + n - 8, 8);
    } else {
        for (const char c : w) head = head << 8 | static_cast<unsigned char>(c);
    }
    const uint64_t h = head * 0x9E3779B97F4A7C15ull ^ (tail + n) * 0xC2B2AE3D27D4EB4Full;
    return static_cast<size_t>(h ^ (h >> 29));
}

void lower_word(std::string_view w, std::string& out) {
    // ASCII in place; from the first other byte on, by code point.
    out.resize(w.size());
    size_t i = 0;
    for (; i < w.size(); ++i) {
        const unsigned char b = static_cast<unsigned char>(w[i]);
        if (b >= 0x80) break;
        out[i] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    out.resize(i);
    while (i < w.size()) {
        const unsigned char b = static_cast<unsigned char>(w[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
            ++i;
            continue;
        }
        const char32_t c = text::decode(w, i);
        text::append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
}

}  // namespace copydesk::tag
