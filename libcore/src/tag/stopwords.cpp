#include "tag/stopwords.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace copydesk::tag {
namespace {

struct Profile {
    std::string_view lang;
    std::unordered_set<std::string_view> words;
};

const std::array<Profile, 7>& profiles() {
    // Frequent function words. Some are shared ("de", "la", "en", "in", "a"): a text is
    // plainly in a language only when that language's words clearly outnumber the others'.
    static const std::array<Profile, 7> p = {{
        {"en", {"the", "of", "and", "to", "that", "for", "with", "said", "has", "have", "are", "were", "his",
                "her", "they", "this", "which", "from", "will", "been", "not", "but", "its", "it", "on", "at",
                "by", "he", "she", "be", "their", "would", "who", "had", "or", "an", "in", "a", "is", "was", "as"}},
        {"fr", {"le", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "pas", "sur", "au", "aux",
                "par", "ne", "ont", "été", "avec", "elle", "ce", "cette", "sont", "leur", "mais", "ou", "nous",
                "vous", "je", "à", "ses", "son", "être", "de", "la", "en", "il", "a", "se", "un"}},
        {"de", {"der", "das", "und", "von", "zu", "mit", "ist", "sich", "im", "dem", "nicht", "ein", "eine",
                "auf", "für", "auch", "wird", "sie", "werden", "hat", "bei", "nach", "aus", "einer", "sind",
                "wurde", "oder", "noch", "vor", "über", "zum", "zur", "einen", "durch", "die", "den", "des", "es",
                "in", "als", "an"}},
        {"es", {"el", "los", "las", "y", "su", "sus", "como", "más", "pero", "fue", "también", "está", "muy",
                "desde", "hasta", "esta", "este", "ya", "porque", "cuando", "hay", "han", "según", "tras", "sido",
                "de", "la", "que", "en", "a", "se", "del", "con", "por", "un", "una", "al", "es", "lo", "ha",
                "son"}},
        {"it", {"il", "di", "che", "per", "non", "della", "delle", "degli", "dei", "gli", "sono", "è", "nel",
                "nella", "anche", "ma", "alla", "questo", "questa", "più", "stato", "essere", "ci", "dal",
                "dalla", "ad", "negli", "la", "e", "a", "in", "un", "una", "con", "del", "al", "da", "si", "le",
                "i", "come", "ha"}},
        {"pt", {"o", "os", "do", "da", "dos", "das", "em", "um", "uma", "não", "com", "na", "ao", "à", "pelo",
                "pela", "mais", "foi", "são", "também", "seu", "sua", "está", "nos", "nas", "já", "ele", "ela",
                "de", "a", "e", "que", "se", "por", "as", "no", "mas"}},
        {"nl", {"van", "het", "een", "dat", "op", "te", "zijn", "met", "voor", "niet", "aan", "er", "ook", "bij",
                "werd", "wordt", "heeft", "naar", "om", "worden", "nog", "maar", "hij", "ze", "deze", "wat", "de",
                "en", "in", "is", "die", "als", "was"}},
    }};
    return p;
}

// word -> bit set of the profiles that list it
const std::unordered_map<std::string_view, uint8_t>& index() {
    static const std::unordered_map<std::string_view, uint8_t> m = [] {
        std::unordered_map<std::string_view, uint8_t> t;
        const auto& ps = profiles();
        for (size_t k = 0; k < ps.size(); ++k)
            for (std::string_view w : ps[k].words) t[w] |= static_cast<uint8_t>(1u << k);
        return t;
    }();
    return m;
}

bool word_byte(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80; }

}  // namespace

bool plainly_in(std::string_view text, std::string_view lang) {
    const auto& ps = profiles();
    size_t target = ps.size();
    for (size_t k = 0; k < ps.size(); ++k)
        if (ps[k].lang == lang) target = k;
    if (target == ps.size()) return false;
    const auto& idx = index();
    int words = 0;
    std::array<int, 7> hits{};
    char buf[16];
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        while (i < n && !word_byte(static_cast<unsigned char>(text[i]))) ++i;
        const size_t b = i;
        while (i < n && word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i == b) break;
        ++words;
        const size_t len = i - b;
        if (len > sizeof buf) continue;
        for (size_t k = 0; k < len; ++k) {
            const unsigned char c = static_cast<unsigned char>(text[b + k]);
            buf[k] = static_cast<char>(c < 0x80 ? (c | 0x20) : c);
        }
        const auto it = idx.find(std::string_view(buf, len));
        if (it == idx.end()) continue;
        for (size_t k = 0; k < ps.size(); ++k) hits[k] += (it->second >> k) & 1;
    }
    int others = 0;
    for (size_t k = 0; k < ps.size(); ++k)
        if (k != target) others = std::max(others, hits[k]);
    return words >= 8 && hits[target] * 5 >= words && hits[target] * 4 >= others * 5 + 4;
}

}  // namespace copydesk::tag
