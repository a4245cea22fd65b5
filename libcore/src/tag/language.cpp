// Language identification: CLD2, combined with the declared language and the script.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "copydesk/tag.hpp"
#include "copydesk/text.hpp"

namespace copydesk::tag {
namespace {

enum Script : int {
    kNone, kLatin, kGreek, kCyrillic, kArmenian, kHebrew, kArabic, kDevanagari, kBengali,
    kGurmukhi, kGujarati, kTamil, kTelugu, kKannada, kMalayalam, kThai, kGeorgian, kHangul,
    kKana, kHan, kOther, kScriptCount
};

Script script_of(char32_t c) {
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? kLatin : kNone;
    if (c < 0x250) return (c >= 0xC0 && c != 0xD7 && c != 0xF7) ? kLatin : kNone;
    if (c >= 0x1E00 && c < 0x1F00) return kLatin;
    if (c >= 0x370 && c < 0x400) return kGreek;
    if (c >= 0x1F00 && c < 0x2000) return kGreek;
    if (c >= 0x400 && c < 0x530) return kCyrillic;
    if (c >= 0x530 && c < 0x590) return kArmenian;
    if (c >= 0x590 && c < 0x600) return kHebrew;
    if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780) || (c >= 0xFB50 && c < 0xFE00) ||
        (c >= 0xFE70 && c < 0xFF00))
        return kArabic;
    if (c >= 0x900 && c < 0x980) return kDevanagari;
    if (c >= 0x980 && c < 0xA00) return kBengali;
    if (c >= 0xA00 && c < 0xA80) return kGurmukhi;
    if (c >= 0xA80 && c < 0xB00) return kGujarati;
    if (c >= 0xB80 && c < 0xC00) return kTamil;
    if (c >= 0xC00 && c < 0xC80) return kTelugu;
    if (c >= 0xC80 && c < 0xD00) return kKannada;
    if (c >= 0xD00 && c < 0xD80) return kMalayalam;
    if (c >= 0xE00 && c < 0xE80) return kThai;
    if (c >= 0x10A0 && c < 0x1100) return kGeorgian;
    if ((c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190) || (c >= 0xAC00 && c < 0xD7B0))
        return kHangul;
    if (c >= 0x3040 && c < 0x3100) return kKana;
    if ((c >= 0x3400 && c < 0x4DC0) || (c >= 0x4E00 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00))
        return kHan;
    if (c >= 0x2000 && c < 0x3040) return kNone;  // punctuation, symbols, CJK punctuation
    return kOther;
}

// The language a script alone identifies, or "" when the script is shared.
std::string_view script_language(Script s) {
    switch (s) {
        case kGreek: return "el";
        case kArmenian: return "hy";
        case kHebrew: return "he";
        case kBengali: return "bn";
        case kGurmukhi: return "pa";
        case kGujarati: return "gu";
        case kTamil: return "ta";
        case kTelugu: return "te";
        case kKannada: return "kn";
        case kMalayalam: return "ml";
        case kThai: return "th";
        case kGeorgian: return "ka";
        case kHangul: return "ko";
        case kKana: return "ja";
        case kHan: return "zh";
        default: return {};
    }
}

// The script a language is normally written in (Latin for all we do not list).
Script language_script(std::string_view code) {
    static constexpr std::pair<std::string_view, Script> table[] = {
        {"ru", kCyrillic}, {"uk", kCyrillic}, {"bg", kCyrillic}, {"sr", kCyrillic},
        {"mk", kCyrillic}, {"be", kCyrillic}, {"kk", kCyrillic}, {"ky", kCyrillic},
        {"mn", kCyrillic}, {"tg", kCyrillic}, {"el", kGreek},    {"hy", kArmenian},
        {"he", kHebrew},   {"iw", kHebrew},   {"yi", kHebrew},   {"ar", kArabic},
        {"fa", kArabic},   {"ur", kArabic},   {"ps", kArabic},   {"ug", kArabic},
        {"sd", kArabic},   {"hi", kDevanagari}, {"mr", kDevanagari}, {"ne", kDevanagari},
        {"sa", kDevanagari}, {"bn", kBengali}, {"pa", kGurmukhi}, {"gu", kGujarati},
        {"ta", kTamil},    {"te", kTelugu},   {"kn", kKannada},  {"ml", kMalayalam},
        {"th", kThai},     {"ka", kGeorgian}, {"ko", kHangul},   {"ja", kKana},
        {"zh", kHan},
    };
    for (const auto& [c, s] : table)
        if (c == code) return s;
    return kLatin;
}

bool script_fits(std::string_view code, Script s) {
    const Script ls = language_script(code);
    if (ls == s) return true;
    if (code == "sr" && s == kLatin) return true;  // Serbian is written in both
    if (code == "ja" && s == kHan) return true;     // kanji-only snippets
    return false;
}

// "en-GB" -> "en", "ZH_hant" -> "zh"; "" when the hint is not a language tag.
std::string primary_subtag(std::string_view tag) {
    std::string out;
    for (char c : tag) {
        if (c == '-' || c == '_') break;
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return {};
        out += static_cast<char>(c | 0x20);
    }
    if (out.size() < 2 || out.size() > 3) return {};
    return out;
}

// One code per language for comparisons: deprecated ISO 639 codes and Norwegian variants.
std::string_view canonical(std::string_view c) {
    if (c == "iw") return "he";
    if (c == "in") return "id";
    if (c == "ji") return "yi";
    if (c == "jw") return "jv";
    if (c == "mo") return "ro";
    if (c == "nb" || c == "nn") return "no";
    if (c == "fil") return "tl";
    return c;
}

// The code to report for a declared language: as declared, but never a deprecated code.
std::string reported(std::string_view c) {
    if (c == "iw" || c == "in" || c == "ji" || c == "jw" || c == "mo") return std::string(canonical(c));
    return std::string(c);
}

// A Cyrillic text's language by letters only some alphabets have, for when CLD2 gives up
// on a short text: ў (Belarusian), ї є ґ or і without ы э (Ukrainian), ђ ћ џ (Serbian),
// ѓ ќ ѕ (Macedonian), ы э (Russian), ъ alone (Bulgarian); "" when none of them occurs.
std::string_view cyrillic_by_letters(std::string_view text) {
    bool be = false, uk = false, i_ = false, sr = false, mk = false, ru = false, bg = false;
    size_t i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
        char32_t c = text::decode(text, i);
        if (c >= 0x400 && c < 0x410) c += 0x50;       // Ѐ..Џ -> ѐ..џ
        else if (c >= 0x410 && c < 0x430) c += 0x20;  // А..Я -> а..я
        else if (c == 0x490) c = 0x491;               // Ґ -> ґ
        switch (c) {
            case 0x45E: be = true; break;                                   // ў
            case 0x457: case 0x454: case 0x491: uk = true; break;           // ї є ґ
            case 0x456: i_ = true; break;                                   // і
            case 0x452: case 0x45B: case 0x45F: sr = true; break;           // ђ ћ џ
            case 0x453: case 0x45C: case 0x455: mk = true; break;           // ѓ ќ ѕ
            case 0x44B: case 0x44D: ru = true; break;                       // ы э
            case 0x44A: bg = true; break;                                   // ъ
            default: break;
        }
    }
    if (be) return "be";
    if (uk || (i_ && !ru)) return "uk";
    if (sr) return "sr";
    if (mk) return "mk";
    if (ru) return "ru";
    if (bg) return "bg";
    return {};
}

struct ScriptCount {
    Script dominant = kNone;
    int64_t letters = 0;
    bool has_kana = false;
};

ScriptCount count_scripts(std::string_view text) {
    std::array<int64_t, kScriptCount> n{};
    size_t i = 0;
    // Sampling the first 64 KB is plenty to tell the script.
    const size_t limit = std::min<size_t>(text.size(), 64 * 1024);
    while (i < limit) {
        const unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++n[kLatin];
            ++i;
            continue;
        }
        ++n[script_of(text::decode(text, i))];
    }
    ScriptCount r;
    int64_t best = 0;
    for (int s = kLatin; s < kScriptCount; ++s) {
        r.letters += n[s];
        if (n[s] > best) { best = n[s]; r.dominant = static_cast<Script>(s); }
    }
    r.has_kana = n[kKana] > 0;
    if (r.dominant == kHan && r.has_kana) r.dominant = kKana;
    return r;
}

}  // namespace

LanguageGuess detect_language(std::string_view text, std::string_view declared_hint) {
    const std::string hint = primary_subtag(declared_hint);
    const std::string cld_hint(canonical(hint));
    const ScriptCount sc = count_scripts(text);
    LanguageGuess g;
    if (sc.letters == 0) {  // numbers, symbols: only the declaration can say
        if (!hint.empty()) { g.code = hint; g.confidence = 0.3; }
        return g;
    }

    // CLD2 wants valid UTF-8 and an int length; articles longer than 1 MB are judged on
    // their first megabyte.
    std::string_view sample = text.substr(0, std::min<size_t>(text.size(), 1 << 20));
    std::string repaired;
    if (!text::is_valid_utf8(sample)) {
        repaired = text::repair_utf8(sample);
        sample = repaired;
    }
    CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    if (!hint.empty()) {
        hints.content_language_hint = cld_hint.c_str();
        hints.language_hint = CLD2::GetLanguageFromName(cld_hint.c_str());
    }
    CLD2::Language lang3[3];
    int percent3[3] = {0, 0, 0};
    double score3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language top = CLD2::ExtDetectLanguageSummary(
        sample.data(), static_cast<int>(sample.size()), true, &hints, 0, lang3, percent3, score3,
        nullptr, &text_bytes, &reliable);

    std::string code;
    if (top != CLD2::UNKNOWN_LANGUAGE && top != CLD2::TG_UNKNOWN_LANGUAGE)
        code = primary_subtag(CLD2::LanguageCode(top));
    if (code == "un" || code == "xx") code.clear();
    code = std::string(canonical(code));

    // CLD2's own confidence: share of the text in the top language, halved when CLD2 does
    // not call it reliable, and lowered for short texts (under ~300 letters).
    const double length_factor = std::min(1.0, text_bytes / 300.0);
    double cld = (percent3[0] / 100.0) * (reliable ? 1.0 : 0.5) * (0.4 + 0.6 * length_factor);
    cld = std::clamp(cld, 0.0, 1.0);

    if (!hint.empty() && script_fits(cld_hint, sc.dominant)) {
        if (code == cld_hint) {  // the text agrees with the declaration: combine the evidence
            g.code = reported(hint);
            g.confidence = 1.0 - (1.0 - cld) * (1.0 - 0.6);
            return g;
        }
        // CLD2 was told the declared language and still reliably reads another one in a
        // text long enough to judge (a full headline or more): the declaration is wrong.
        // On shorter texts, or when CLD2 is unsure, the declaration wins: CLD2 calls even
        // wrong answers on 30-byte titles "reliable" ("Governo, via libera al decreto": en).
        const bool cld_sure = reliable && percent3[0] >= 90 && text_bytes >= 40;
        if (code.empty() || !script_fits(code, sc.dominant) || !cld_sure) {
            g.code = reported(hint);
            g.confidence = std::clamp(0.6 * (1.0 - 0.5 * cld), 0.2, 0.6);
            return g;
        }
        g.code = code;
        g.confidence = cld * 0.9;
        return g;
    }
    if (!code.empty() && script_fits(code, sc.dominant)) {
        g.code = code;
        g.confidence = cld;
        return g;
    }
    if (sc.dominant == kCyrillic) {
        if (auto c = cyrillic_by_letters(sample); !c.empty()) {
            g.code = std::string(c);
            g.confidence = 0.5;
            return g;
        }
    }
    if (auto s = script_language(sc.dominant); !s.empty()) {
        g.code = std::string(s);
        g.confidence = std::max(0.7, cld);
        return g;
    }
    g.code = code;
    g.confidence = code.empty() ? 0.0 : cld * 0.8;
    return g;
}

}  // namespace copydesk::tag
