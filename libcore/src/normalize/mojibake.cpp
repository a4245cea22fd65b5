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
// CESU-8 surrogate pairs in the mis-decoded bytes are joined. The repair repeats for text that
// was mis-decoded several times.
#include <utf8proc.h>

#include <array>
#include <memory>

#include "normalize/internal.hpp"
#include "normalize/tables.hpp"

namespace copydesk::normalize::detail {

namespace {

constexpr char32_t kEncLimit = 0x2600;

struct Encoder {
    std::vector<std::array<uint8_t, kEncLimit>> byte_of;  // per charset; 0: not encodable
    std::vector<uint8_t> nbsp_byte;                       // the charset's no-break space byte
    std::vector<bool> lossy_9d;                           // 0x9D undefined in the charset
    Encoder() {
        byte_of.resize(kCharsetCount);
        nbsp_byte.resize(kCharsetCount);
        lossy_9d.resize(kCharsetCount);
        for (size_t c = 0; c < kCharsetCount; ++c) {
            auto& t = byte_of[c];
            t.fill(0);
            for (int b = 0x80; b <= 0xFF; ++b) {
                char32_t u = kCharsets[c].to_unicode[b];
                if (u == 0) u = static_cast<char32_t>(b);  // undefined bytes came through as C1
                if (u < kEncLimit && t[u] == 0) t[u] = static_cast<uint8_t>(b);
            }
            nbsp_byte[c] = t[0xA0];
            lossy_9d[c] = kCharsets[c].to_unicode[0x9D] == 0;
        }
    }
};

const Encoder& encoder() {
    static const Encoder e;
    return e;
}

struct Seq {
    uint32_t a, b;  // code point index range in the text
    char32_t cp;
    bool strong, lost;
    uint32_t line, token;
};

struct Analysis {
    std::vector<Seq> seqs;
    std::vector<int32_t> line_bad, token_bad, token_strong;
    int64_t evidence = 0;  // strong candidates in tokens with nothing against
    int64_t valid = 0;
    int64_t odd = 0;       // decoded capitals right after a lowercase letter ("sublykĨiojusi")
};

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

inline bool ascii_space(uint8_t b) { return b == ' ' || b == '\t' || b == '\r' || b == '\n'; }

// bytes[i]: the charset byte of code point i (0 when it cannot be encoded: a barrier).
Analysis analyze(const std::vector<char32_t>& cps, const std::vector<uint8_t>& bytes, size_t cs) {
    const Encoder& enc = encoder();
    Analysis an;
    const size_t n = bytes.size();
    uint32_t line = 0, token = 0;
    an.line_bad.push_back(0);
    an.token_bad.push_back(0);
    an.token_strong.push_back(0);
    auto new_token = [&] {
        ++token;
        an.token_bad.push_back(0);
        an.token_strong.push_back(0);
    };
    auto bad = [&] {
        ++an.line_bad[line];
        ++an.token_bad[token];
    };
    size_t i = 0;
    while (i < n) {
        uint8_t b = bytes[i];
        if (b == '\n') {
            ++line;
            an.line_bad.push_back(0);
            new_token();
            ++i;
            continue;
        }
        if (ascii_space(b)) { new_token(); ++i; continue; }
        if (b < 0x80) { ++i; continue; }
        int len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        bool after_space = i == 0 || ascii_space(bytes[i - 1]);
        if (len && i + len <= n) {
            uint8_t buf[4];
            for (int k = 0; k < len; ++k) buf[k] = bytes[i + k];
            char32_t cp = decode_seq(buf, len);
            // CESU-8: a surrogate pair as two 3-byte sequences.
            if (!cp && len == 3 && b == 0xED && i + 6 <= n && bytes[i + 1] >= 0xA0 && bytes[i + 1] <= 0xAF &&
                is_cont(bytes[i + 2]) && bytes[i + 3] == 0xED && bytes[i + 4] >= 0xB0 && bytes[i + 4] <= 0xBF &&
                is_cont(bytes[i + 5])) {
                char32_t hi = 0xD000 | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
                char32_t lo = 0xD000 | ((bytes[i + 4] & 0x3F) << 6) | (bytes[i + 5] & 0x3F);
                an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 6),
                                   0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00), true, false, line, token});
                ++an.valid;
                i += 6;
                continue;
            }
            if (cp && plausible(cp, after_space)) {
                // Strong: a continuation that is not a letter ("Ã©", "â€™"), a lead that is a
                // symbol ("√ú"), or three characters glued around punctuation ("‚Äò").
                bool strong = false;
                for (int k = 1; k < len; ++k)
                    if (!is_letter(cps[i + k]) ||
                        utf8proc_category(static_cast<utf8proc_int32_t>(cps[i + k])) == UTF8PROC_CATEGORY_LM)
                        strong = true;  // modifier letters (ˇ ˘ ˙ ˝) are accents on their own
                if (!is_letter(cps[i])) {
                    auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cps[i]));
                    bool quote_or_dash = cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PE ||
                                         cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF ||
                                         cat == UTF8PROC_CATEGORY_PD;
                    if (!quote_or_dash || len >= 3) strong = true;
                }
                if (cp >= 0x80 && cp <= 0x9F) strong = false;
                Seq s{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), cp, strong, false, line, token};
                if (!an.seqs.empty() && an.seqs.back().b == s.a && !an.seqs.back().lost) {
                    an.seqs.back().strong = true;
                    s.strong = true;
                }
                an.seqs.push_back(s);
                ++an.valid;
                i += len;
                continue;
            }
        }
        // A no-break space that became a space: lead + ' ' where the charset's nbsp byte fits.
        if (len == 2 && i + 1 < n && bytes[i + 1] == ' ' && is_cont(enc.nbsp_byte[cs])) {
            uint8_t buf[2] = {b, enc.nbsp_byte[cs]};
            char32_t cp = decode_seq(buf, 2);
            if (cp && plausible(cp, after_space)) {
                // Evidence only when the no-break space stood before a real space or a line end
                // ("voilÃ  la", " Ã  la") after a lowercase letter or alone.
                bool then_space = i + 2 >= n || ascii_space(bytes[i + 2]);
                bool before_ok = after_space || (i > 0 && is_lower(cps[i - 1]));
                an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), cp,
                                   then_space && before_ok && is_letter(cp), true, line, token});
                i += 2;
                continue;
            }
        }
        // "â€" whose 0x9D was lost: the closing double quote.
        if (b == 0xE2 && i + 1 < n && bytes[i + 1] == 0x80 && enc.lossy_9d[cs] &&
            (i + 2 >= n || !is_cont(bytes[i + 2]))) {
            an.seqs.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 2), 0x201D, false, true, line, token});
            i += 2;
            continue;
        }
        bad();
        ++i;
    }
    // A decoded letter that does not share its script with the non-ASCII letters next to it
    // (decoded or not) is no evidence: "d’écrire" read as MacRoman gives an Armenian letter.
    {
        std::vector<Seq> kept;
        kept.reserve(an.seqs.size());
        auto decoded_at = [&](size_t k, bool before) -> char32_t {
            // The code point that ends (before) or starts (!before) at index k after decoding.
            size_t lo = 0, hi = an.seqs.size();
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (an.seqs[mid].a < k) lo = mid + 1;
                else hi = mid;
            }
            if (before) {
                if (lo > 0 && an.seqs[lo - 1].b == k) return an.seqs[lo - 1].cp;
                return k > 0 ? cps[k - 1] : 0;
            }
            if (lo < an.seqs.size() && an.seqs[lo].a == k) return an.seqs[lo].cp;
            return k < cps.size() ? cps[k] : 0;
        };
        for (const Seq& q : an.seqs) {
            if (is_letter(q.cp) && !q.lost) {
                int sc = script_of(q.cp);
                char32_t p = decoded_at(q.a, true), nx = decoded_at(q.b, false);
                if (is_upper(q.cp) && is_lower(p) && is_lower(nx)) ++an.odd;
                // ASCII letters next to CJK or Cyrillic are common ("%d개", "killallに").
                bool bad_p = p >= 0x80 && is_letter(p) && script_of(p) != sc;
                bool bad_n = nx >= 0x80 && is_letter(nx) && script_of(nx) != sc;
                if (bad_p || bad_n) {
                    // Not evidence by itself (text mis-decoded twice mixes scripts midway).
                    Seq weak = q;
                    weak.strong = false;
                    kept.push_back(weak);
                    continue;
                }
            }
            kept.push_back(q);
        }
        an.seqs = std::move(kept);
    }
    for (const Seq& s : an.seqs)
        if (s.strong) ++an.token_strong[s.token];
    for (const Seq& s : an.seqs)
        if (s.strong && an.token_bad[s.token] == 0) ++an.evidence;
    return an;
}

}  // namespace

bool step_mojibake(std::string& s, StepContext& c) {
    const Encoder& enc = encoder();
    bool any = false;
    for (int round = 0; round < 4; ++round) {
        std::vector<char32_t> cps;
        std::vector<uint32_t> offs;  // byte offset of each code point (and the end)
        cps.reserve(s.size());
        offs.reserve(s.size() + 1);
        for (size_t i = 0; i < s.size();) {
            offs.push_back(static_cast<uint32_t>(i));
            cps.push_back(text::decode(s, i));
        }
        offs.push_back(static_cast<uint32_t>(s.size()));
        Analysis best;
        size_t best_cs = kCharsetCount;
        std::vector<uint8_t> bytes(cps.size());
        for (size_t cs = 0; cs < kCharsetCount; ++cs) {
            const auto& t = enc.byte_of[cs];
            bool any_high = false;
            for (size_t i = 0; i < cps.size(); ++i) {
                char32_t u = cps[i];
                uint8_t b = u < 0x80 ? static_cast<uint8_t>(u) : u < kEncLimit ? t[u] : 0;
                bytes[i] = b;
                any_high |= b >= 0x80;
            }
            if (!any_high) continue;
            Analysis an = analyze(cps, bytes, cs);
            if (an.evidence == 0) continue;
            if (best_cs == kCharsetCount || an.evidence > best.evidence ||
                (an.evidence == best.evidence &&
                 (an.odd < best.odd || (an.odd == best.odd && an.valid > best.valid)))) {
                best = std::move(an);
                best_cs = cs;
            }
        }
        if (best_cs == kCharsetCount) break;
        Edits round_edits;
        Rewriter w(s, "mojibake", c.edits ? &round_edits : nullptr, c.explain);
        for (const Seq& q : best.seqs) {
            bool fix = best.line_bad[q.line] == 0 ||
                       (best.token_bad[q.token] == 0 && best.token_strong[q.token] > 0);
            if (!fix) continue;
            std::string r;
            text::append_utf8(r, q.cp);
            w.replace(offs[q.a], offs[q.b], r);
        }
        if (!w.changed()) break;
        *c.count += w.changes;
        s = w.finish();
        if (c.edits) *c.edits = any ? compose(*c.edits, round_edits) : std::move(round_edits);
        any = true;
    }
    return any;
}

}  // namespace copydesk::normalize::detail
