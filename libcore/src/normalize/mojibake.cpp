// mojibake: UTF-8 text that some program decoded with a single-byte charset ("Ã©" for "é",
// "â€™" for "’", "Р’СЂРµ" for "Вре"), once or repeatedly, in all or part of a text.
//
// For each candidate charset the text is encoded back to bytes (characters the charset cannot
// encode are barriers) and the bytes are read as UTF-8. A sequence of characters whose bytes
// form one well-formed multi-byte UTF-8 character is a candidate repair. Evidence:
//   - strong: the candidate's continuation characters include a non-letter ("©", "€", "™", a C1
//     control, a no-break space...), or it touches another candidate (whole words re-encoded);
//   - against: a byte >= 0x80 that is not part of any candidate (real accented text: "é" followed
//     by ASCII is not UTF-8).
// A charset is used only when some token (text between ASCII white space) holds a strong
// candidate and no byte against; the charset with most such evidence wins. Then a line is
// repaired whole when nothing in it speaks against the charset, otherwise only its tokens with
// strong evidence and nothing against. Lossy variants are restored only under that evidence:
// a no-break space that became a space ("TÃ i" -> "Tài") and the lost 0x9D of "”" ("â€" -> "”").
// CESU-8 surrogate pairs in the mis-decoded bytes are joined. Each call peels one layer; the
// pipeline runs until nothing changes, so text mis-decoded several times is repaired too.
#include "copydesk/text.hpp"
#include <utf8proc.h>

#include <array>
#include <memory>

#include "normalize/internal.hpp"
#include "normalize/tables.hpp"

namespace copydesk::normalize::detail {

namespace {

// Encoding tables are indexed by slot(): code points below 0x2600 stand for themselves; the
// few above that a charset decodes to (MacRoman's Apple logo and fi/fl ligatures) get slots
// of their own; everything else maps to an empty slot.
constexpr char32_t kEncLimit = 0x2604;
inline uint32_t slot(char32_t u) {
    if (u < 0x2600) return u;
    switch (u) {
        case 0xF8FF: return 0x2600;
        case 0xFB01: return 0x2601;
        case 0xFB02: return 0x2602;
        default: return 0x2603;
    }
}

struct Encoder {
    std::vector<std::array<uint8_t, kEncLimit>> byte_of;  // per charset; 0: not encodable
    std::vector<uint8_t> nbsp_byte;                       // the charset's no-break space byte
    std::vector<bool> lossy_9d;                           // 0x9D undefined in the charset
    std::vector<std::vector<uint8_t>> undefined;          // continuation bytes it cannot decode
    // Per code point, one bit per charset: it encodes to a UTF-8 lead byte, to a 2-byte lead
    // (with a no-break space that is a continuation byte), to a continuation byte.
    std::vector<uint32_t> lead, lead2, cont;
    Encoder() {
        lead.assign(kEncLimit, 0);
        lead2.assign(kEncLimit, 0);
        cont.assign(kEncLimit, 0);
        byte_of.resize(kCharsetCount);
        nbsp_byte.resize(kCharsetCount);
        lossy_9d.resize(kCharsetCount);
        undefined.resize(kCharsetCount);
        for (size_t c = 0; c < kCharsetCount; ++c) {
            auto& t = byte_of[c];
            t.fill(0);
            for (int b = 0x80; b <= 0xFF; ++b) {
                char32_t u = kCharsets[c].to_unicode[b];
                if (u == 0) u = static_cast<char32_t>(b);  // undefined bytes came through as C1
                if (slot(u) < 0x2603 && t[slot(u)] == 0) t[slot(u)] = static_cast<uint8_t>(b);
            }
            nbsp_byte[c] = t[0xA0];
            lossy_9d[c] = kCharsets[c].to_unicode[0x9D] == 0;
            for (int b = 0x80; b <= 0xBF; ++b)
                if (kCharsets[c].to_unicode[b] == 0) undefined[c].push_back(static_cast<uint8_t>(b));
            // A lost no-break space is byte 0xA0 read as U+00A0 (not so in koi8-r, cp437, MacRoman).
            bool nbsp_cont = kCharsets[c].to_unicode[0xA0] == 0xA0;
            if (!nbsp_cont) nbsp_byte[c] = 0;
            for (char32_t u = 0x80; u < kEncLimit; ++u) {
                uint8_t b = t[u];
                if (b >= 0xC2 && b <= 0xF4) lead[u] |= 1u << c;
                if (b >= 0xC2 && b <= 0xDF && nbsp_cont) lead2[u] |= 1u << c;
                if (b >= 0x80 && b <= 0xBF) cont[u] |= 1u << c;
            }
        }
    }
};

const Encoder& encoder() {
    static const Encoder e;
    return e;
}

inline bool is_cont(uint8_t b) { return (b & 0xC0) == 0x80; }

// A rough script id for letters: decoded letters must agree with their neighbours.
int script_of(char32_t cp) {
    if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
        (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xFB00 && cp <= 0xFB06))
        return 1;                                              // Latin
    if (cp >= 0x370 && cp <= 0x3FF) return 2;                  // Greek
    if (cp >= 0x1F00 && cp <= 0x1FFF) return 2;
    if (cp >= 0x400 && cp <= 0x52F) return 3;                  // Cyrillic
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return 4;                                              // CJK, kana, Hangul
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8FF) ||
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
        return 5;                                              // Arabic
    return 16 + static_cast<int>(cp >> 7);                     // one block of 128
}

bool plausible(char32_t cp, bool after_space) {
    if (cp >= 0x80 && cp <= 0x9F) return true;  // a C1 control: text mis-decoded twice
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return false;
    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    switch (cat) {
        case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_CC:
            return false;
        case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
            return !after_space;
        default:
            return true;
    }
}

// Decodes a well-formed UTF-8 sequence in b[0..n), 0 when ill-formed.
char32_t decode_seq(const uint8_t* b, int n) {
    uint8_t c = b[0];
    if (n == 2) {
        if (c < 0xC2 || c > 0xDF || !is_cont(b[1])) return 0;
        return ((c & 0x1F) << 6) | (b[1] & 0x3F);
    }
    if (n == 3) {
        if (c < 0xE0 || c > 0xEF || !is_cont(b[1]) || !is_cont(b[2])) return 0;
        if (c == 0xE0 && b[1] < 0xA0) return 0;
        if (c == 0xED && b[1] > 0x9F) return 0;
        return ((c & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
    }
    if (n == 4) {
        if (c < 0xF0 || c > 0xF4 || !is_cont(b[1]) || !is_cont(b[2]) || !is_cont(b[3])) return 0;
        if (c == 0xF0 && b[1] < 0x90) return 0;
        if (c == 0xF4 && b[1] > 0x8F) return 0;
        return ((c & 0x07) << 18) | ((b[1] & 0x3F) << 12) | ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
    }
    return 0;
}


// The text as the analysis sees it: non-ASCII code points only, each with what the ASCII gap
// before it held. ASCII is the same in every charset and only separates tokens and lines.
struct Item {
    char32_t cp;
    uint32_t off, end;        // bytes in the text
    bool gap, ws, nl;         // ASCII before it (since the previous item): any, white space, \n
    char32_t before;          // the code point just before (0 at the start)
    char32_t after, after2;   // the two code points just after (0 past the end)
};

inline bool ascii_space(char32_t b) { return b == ' ' || b == '\t' || b == '\r' || b == '\n'; }

// The items of s[from, to).
std::vector<Item> items_of(const std::string& s, size_t from, size_t to) {
    std::vector<Item> v;
    size_t i = from;
    bool gap = false, ws = false, nl = false;
    char32_t prev = 0;
    while (i < to) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            gap = true;
            ws |= ascii_space(c);
            nl |= c == '\n';
            if (!v.empty() && v.back().end == i) v.back().after = c;
            else if (!v.empty() && v.back().after2 == 0 && v.back().end + 1 == i) v.back().after2 = c;
            prev = c;
            ++i;
            continue;
        }
        size_t start = i;
        char32_t cp = text::decode_valid(s, i);
        if (!v.empty() && v.back().end == start) v.back().after = cp;
        else if (!v.empty() && v.back().after2 == 0 && v.back().end + 1 == start) v.back().after2 = cp;
        v.push_back({cp, static_cast<uint32_t>(start), static_cast<uint32_t>(i), gap, ws, nl, prev, 0, 0});
        gap = ws = nl = false;
        prev = cp;
    }
    return v;
}

struct Seq {
    uint32_t a, b;      // item index range
    char32_t cp;
    bool strong, lost, fix_token;
    uint32_t line;
    bool token_clean;   // nothing against in its token
    bool eat_space = false;  // a lost nbsp was its last byte: the space after it goes too
};

struct Analysis {
    std::vector<Seq> seqs;
    std::vector<int32_t> line_bad;
    int64_t evidence = 0;  // strong candidates in tokens with nothing against
    int64_t valid = 0;
    int64_t odd = 0;       // decoded capitals between lowercase letters ("sublykĨiojusi")
    int64_t common = 0;    // sum of letter_weight() of the decoded letters
    int64_t bad = 0;       // bytes against the charset
    int64_t explained() const { return valid - bad; }
};

// How common a decoded letter is across the languages written with Latin letters (roughly,
// in how many major ones it is an everyday letter). Only breaks ties between charsets that
// explain the same damage, such as windows-1250 and iso-8859-2.
int letter_weight(char32_t cp) {
    switch (cp) {
        case U'é': return 5;
        case U'á': case U'ó': return 4;
        case U'í': case U'ú': case U'ü': case U'ö': case U'à': case U'ç': return 3;
        case U'ä': case U'è': case U'ñ': case U'ã': case U'â': case U'ê': case U'ô': case U'š': case U'ž':
        case U'ş': case U'ı': case U'ğ':
            return 2;
        case U'õ': case U'î': case U'û': case U'ù': case U'ì': case U'ò': case U'ë': case U'ï': case U'ß':
        case U'å': case U'ø': case U'æ': case U'ł': case U'ą': case U'ę': case U'ż': case U'ś': case U'ć':
        case U'ń': case U'č': case U'ř': case U'ě': case U'ý': case U'ů':
        case U'ő': case U'ű': case U'ă': case U'ș': case U'ț': case U'ā': case U'ē': case U'ī': case U'ū':
        case U'ė': case U'į': case U'ų': case U'ď': case U'ť': case U'ň': case U'ľ': case U'ź':
            return 1;
        default: return 0;
    }
}

// How often a charset is the culprit, as a tie-break bonus: windows-1252 most, latin-1 and
// windows-1251 next, windows-1250 and iso-8859-2 after them.
int charset_prior(size_t cs) {
    std::string_view name = kCharsets[cs].name;
    if (name == "windows-1252") return 3;
    if (name == "latin-1" || name == "windows-1251") return 2;
    if (name == "windows-1250" || name == "iso-8859-2") return 1;
    return 0;
}

Analysis analyze(const std::vector<Item>& it, size_t cs) {
    const Encoder& enc = encoder();
    const auto& t = enc.byte_of[cs];
    auto byte = [&](size_t k) -> uint8_t { return t[slot(it[k].cp)]; };
    Analysis an;
    const size_t n = it.size();
    uint32_t line = 0;
    an.line_bad.push_back(0);
    size_t tok_first = 0;  // first seq of the current token
    int tok_bad = 0;

    // Decoded neighbours for the coherence test.
    auto finish_token = [&] {
        for (size_t k = tok_first; k < an.seqs.size(); ++k) {
            Seq& q = an.seqs[k];
            if (is_letter(q.cp) && !q.lost) {
                char32_t p = (k > tok_first && an.seqs[k - 1].b == q.a) ? an.seqs[k - 1].cp : it[q.a].before;
                char32_t nx;
                if (k + 1 < an.seqs.size() && an.seqs[k + 1].a == q.b) nx = an.seqs[k + 1].cp;
                else nx = it[q.b - 1].after;
                if (is_upper(q.cp) && is_lower(p) && is_lower(nx)) ++an.odd;
                int sc = script_of(q.cp);
                // ASCII letters next to CJK or Cyrillic are common ("%d개", "killallに"); a
                // decoded letter of another script than its non-ASCII neighbours is no evidence.
                if ((p >= 0x80 && is_letter(p) && script_of(p) != sc) ||
                    (nx >= 0x80 && is_letter(nx) && script_of(nx) != sc))
                    q.strong = false;
            }
        }
        bool any_strong = false;
        for (size_t k = tok_first; k < an.seqs.size(); ++k) any_strong |= an.seqs[k].strong;
        for (size_t k = tok_first; k < an.seqs.size(); ++k) {
            Seq& q = an.seqs[k];
            q.token_clean = tok_bad == 0;
            q.fix_token = tok_bad == 0 && any_strong;
            if (q.strong && tok_bad == 0) ++an.evidence;
        }
        tok_first = an.seqs.size();
        tok_bad = 0;
    };
    auto bad = [&] {
        ++an.bad;
        ++an.line_bad[line];
        ++tok_bad;
    };

    size_t i = 0;
    while (i < n) {
        const Item& x = it[i];
        if (x.ws || (i == 0 && x.gap)) finish_token();
        if (x.nl) {
            ++line;
            an.line_bad.push_back(0);
        }
        uint8_t b = byte(i);
        if (b < 0x80) {
            // Cannot be encoded: neither for nor against, unless it touches a candidate (the
            // right charset encodes the whole damaged stretch).
            bool touches = (i > 0 && !x.gap && byte(i - 1) >= 0x80) ||
                           (i + 1 < n && !it[i + 1].gap && byte(i + 1) >= 0x80);
            if (touches) bad();
            ++i;
            continue;
        }
        int len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        bool after_space = (i == 0 && !x.gap) || ascii_space(x.before) || x.before == 0;
        // The next len-1 items must follow without a gap.
        auto joined = [&](size_t k) { return k < n && !it[k].gap; };
        if (len) {
            uint8_t buf[6];
            int got = 1;
            buf[0] = b;
            while (got < 6 && joined(i + got)) {
                buf[got] = byte(i + got);
                ++got;
            }
            char32_t cp = got >= len ? decode_seq(buf, len) : 0;
            // CESU-8: a surrogate pair as two 3-byte sequences.
            if (!cp && len == 3 && got >= 6 && b == 0xED && buf[1] >= 0xA0 && buf[1] <= 0xAF && is_cont(buf[2]) &&
                buf[3] == 0xED && buf[4] >= 0xB0 && buf[4] <= 0xBF && is_cont(buf[5])) {
                char32_t hi = 0xD000 | ((buf[1] & 0x3F) << 6) | (buf[2] & 0x3F);
                char32_t lo = 0xD000 | ((buf[4] & 0x3F) << 6) | (buf[5] & 0x3F);
                an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 6),
                                   0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), true, false, false, line, false});
                ++an.valid;
                i += 6;
                continue;
            }
            if (cp && plausible(cp, after_space)) {
                // Strong: a continuation that is not a letter ("Ã©", "â€™"; modifier letters
                // such as ˇ count as accents), a lead that is a symbol ("√ú"), or three
                // characters glued around punctuation ("‚Äò").
                bool strong = false;
                for (int k = 1; k < len; ++k) {
                    char32_t u = it[i + k].cp;
                    // Ordinal indicators, micro and florin signs are letters only by category.
                    if (!is_letter(u) || u == 0xAA || u == 0xBA || u == 0xB5 || u == 0x192 ||
                        utf8proc_category(static_cast<utf8proc_int32_t>(u)) == UTF8PROC_CATEGORY_LM)
                        strong = true;
                }
                if (!is_letter(x.cp)) {
                    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(x.cp));
                    bool quote_or_dash = cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PE ||
                                         cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF ||
                                         cat == UTF8PROC_CATEGORY_PD;
                    if (!quote_or_dash || len >= 3) strong = true;
                }
                // A capital inside a lowercase word ("niĂąa", "akĹźam", "necunoscutƒÉ") is no
                // real spelling.
                if (is_upper(x.cp) && is_lower(x.before)) strong = true;
                for (int k = 1; k < len; ++k)
                    if (is_upper(it[i + k].cp) && is_lower(it[i + k - 1].cp)) strong = true;
                // ... or a small letter between capitals ("ZAMANAÅžIMI").
                if (is_lower(it[i + len - 1].cp) && is_upper(it[i + len - 1].after) && is_upper(x.cp) &&
                    is_upper(x.before))
                    strong = true;
                if (cp >= 0x80 && cp <= 0x9F) strong = false;
                // A capital counts as its small letter at the start of a word ("Über").
                if (is_upper(cp) && !is_letter(x.before) && is_lower(it[i + len - 1].after))
                    an.common += letter_weight(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
                else
                    an.common += letter_weight(cp);
                Seq q{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), cp, strong, false, false, line, false};
                if (an.seqs.size() > tok_first && an.seqs.back().b == q.a && !an.seqs.back().lost) {
                    an.seqs.back().strong = true;
                    q.strong = true;
                }
                an.seqs.push_back(q);
                ++an.valid;
                i += len;
                continue;
            }
        }
        // "â€" whose 0x9D was lost: the closing double quote.
        if (b == 0xE2 && joined(i + 1) && byte(i + 1) == 0x80 && enc.lossy_9d[cs] &&
            !(joined(i + 2) && is_cont(byte(i + 2)))) {
            an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), 0x201D, false, true, false, line, false});
            i += 2;
            continue;
        }
        // A no-break space that became a space: the charset's nbsp byte is a continuation and
        // the lead (or the lead and its first continuations) is followed by a single ' '.
        if (len && is_cont(enc.nbsp_byte[cs])) {
            uint8_t buf[4] = {b, 0, 0, 0};
            int have = 1;
            while (have < len && joined(i + have) && is_cont(byte(i + have))) {
                buf[have] = byte(i + have);
                ++have;
            }
            const Item& last = it[i + have - 1];
            size_t next = i + have;  // the item after the space
            bool single_space = last.after == ' ' &&
                                (next >= n ? last.after2 == 0 || last.after2 < 0x80
                                           : (it[next].before == ' ' && last.end + 1 == it[next].off) || last.after2 < 0x80);
            if (have < len && single_space) {
                buf[have] = enc.nbsp_byte[cs];
                int got = have + 1;
                // The rest of the sequence continues right after the space.
                size_t k = next;
                bool rest_ok = true;
                while (got < len) {
                    if (k >= n || (got == have + 1 ? !(it[k].before == ' ' && last.end + 1 == it[k].off) : it[k].gap) ||
                        !is_cont(byte(k))) {
                        rest_ok = false;
                        break;
                    }
                    buf[got++] = byte(k++);
                }
                char32_t cp = rest_ok ? decode_seq(buf, len) : 0;
                if (cp && plausible(cp, after_space)) {
                    // Evidence only for "Ã " before a real space or a line end ("voilÃ  la",
                    // " Ã  la") after a lowercase letter or alone.
                    bool then_space = len == 2 && have == 1 && (x.after2 == 0 || ascii_space(x.after2));
                    bool before_ok = after_space || is_lower(x.before) || x.before == '\'' ||
                                     x.before == 0x2019;
                    // "32Â km", "foÂ bar": the no-break space itself, glued to what precedes it.
                    bool glued_nbsp = cp == 0xA0 && x.before && !ascii_space(x.before) && !is_upper(x.before);
                    // Items [i, k): the space between them is replaced too (see step_mojibake).
                    an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(k), cp,
                                       (then_space && before_ok && is_letter(cp)) || glued_nbsp, true, false,
                                       line, false, have + 1 == len});
                    i = k;
                    continue;
                }
            }
        }
        // A sequence short of its last byte, which the charset could not decode and the
        // decoder dropped: restored when only one candidate is a plausible character, else
        // marked U+FFFD (applied only inside tokens with strong evidence).
        if (len && !enc.undefined[cs].empty()) {
            uint8_t buf[4] = {b, 0, 0, 0};
            int have = 1;
            while (have < len && joined(i + have) && is_cont(byte(i + have))) {
                buf[have] = byte(i + have);
                ++have;
            }
            if (have == len - 1 && !joined(i + have)) {
                char32_t found = 0;
                int count = 0;
                for (uint8_t u : enc.undefined[cs]) {
                    buf[have] = u;
                    char32_t cp = decode_seq(buf, len);
                    if (!cp || !plausible(cp, after_space) || (cp >= 0x80 && cp <= 0x9F)) continue;
                    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
                    if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_ZS) continue;
                    found = cp;
                    ++count;
                }
                if (count >= 1) {
                    // Clean text looks like this too ("ÜBER"): never evidence, and it keeps
                    // its line from being repaired whole; only a token with strong evidence
                    // gets it.
                    ++an.line_bad[line];
                    an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + have),
                                       count == 1 ? found : 0xFFFD, false, true, false, line, false});
                    i += have;
                    continue;
                }
            }
        }
        bad();
        ++i;
    }
    finish_token();
    return an;
}

void repair_chunk(const std::string& s, size_t from, size_t to, Rewriter& w, const Encoder& enc,
                  uint32_t allowed) {
    std::vector<Item> it = items_of(s, from, to);
    // Charsets worth a look: some lead followed by a continuation (or a lost nbsp).
    uint32_t cand = 0;
    for (size_t k = 0; k < it.size(); ++k) {
        uint32_t u = slot(it[k].cp);
        if (k + 1 < it.size() && !it[k + 1].gap) cand |= enc.lead[u] & enc.cont[slot(it[k + 1].cp)];
        if (it[k].after == ' ') cand |= enc.lead2[u];
    }
    cand &= allowed;
    if (!cand) return;
    Analysis best;
    size_t best_cs = kCharsetCount;
    for (size_t cs = 0; cs < kCharsetCount; ++cs) {
        if (!(cand & (1u << cs))) continue;
        Analysis an = analyze(it, cs);
        if (an.evidence == 0) continue;
        an.common += charset_prior(cs);
        if (best_cs == kCharsetCount || an.evidence > best.evidence ||
            (an.evidence == best.evidence &&
             (an.odd < best.odd ||
              (an.odd == best.odd && (an.explained() > best.explained() ||
                                      (an.explained() == best.explained() && an.common > best.common)))))) {
            best = std::move(an);
            best_cs = cs;
        }
    }
    if (best_cs == kCharsetCount) return;
    w.detail = kCharsets[best_cs].name;
    for (const Seq& q : best.seqs) {
        bool fix = best.line_bad[q.line] == 0 || q.fix_token;
        if (!fix) continue;
        std::string r;
        text::append_utf8(r, q.cp);
        uint32_t a = it[q.a].off, e = it[q.b - 1].end;
        // A lost nbsp at the end of the sequence: the space goes too.
        if (q.eat_space && e < s.size() && s[e] == ' ') ++e;
        w.replace(a, e, r);
    }
}

}  // namespace

bool step_mojibake(std::string& s, StepContext& c) {
    // One layer per call: the pipeline runs again while anything changes, which peels text
    // that was mis-decoded twice.
    const Encoder& enc = encoder();
    uint32_t allowed = ~0u;
    if (!c.opt->mojibake_charset.empty()) {
        allowed = 0;
        for (size_t cs = 0; cs < kCharsetCount; ++cs)
            if (c.opt->mojibake_charset == kCharsets[cs].name) allowed = 1u << cs;
        if (!allowed) return false;
    }
    Rewriter w(s, "mojibake", c.edits, c.explain);
    // Long texts are judged in pieces of about 1 MB, cut at line ends, so that memory stays
    // bounded (the evidence is gathered per text, repairs are made per line anyway).
    constexpr size_t kChunk = 1 << 20;
    for (size_t from = 0; from < s.size();) {
        size_t to = s.size();
        if (to - from > kChunk) {
            size_t nl = s.find('\n', from + kChunk);
            to = nl == std::string::npos ? s.size() : nl + 1;
        }
        repair_chunk(s, from, to, w, enc, allowed);
        from = to;
    }
    if (!w.changed()) return false;
    *c.count += w.changes;
    if (c.produced) *c.produced |= w.produced;
    s = w.finish();
    return true;
}

}  // namespace copydesk::normalize::detail

namespace copydesk::normalize {

const std::vector<std::string>& mojibake_charsets() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> r;
        for (size_t cs = 0; cs < detail::kCharsetCount; ++cs) r.push_back(detail::kCharsets[cs].name);
        return r;
    }();
    return v;
}

}  // namespace copydesk::normalize
