// copydesk/normalize.hpp — text repair and normalization of article records.
//
// normalize_article() runs a fixed sequence of steps over every text an Article carries (body
// blocks, table cells, figure alt text, comments, metadata strings), keeps every span and
// annotation on the same words, and appends one `history` entry with the number of changes
// per step. normalize_text() does the same for one string.
//
// Every step is switchable (Options); the defaults repair damage and normalize spacing but
// change no meaning (quotes and dashes are kept as they are). The output is always valid UTF-8
// and normalize is idempotent: normalizing its own output changes nothing.
//
// Thread-safety: all functions are pure; call them from any number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"
#include "copydesk/text.hpp"

namespace copydesk::normalize {

enum class Form { none, nfc, nfkc };      // Unicode normalization form
enum class Quotes { keep, ascii, curly };  // curly: “smart” quotes by context, apostrophe ’
enum class Dashes { keep, ascii };         // ascii: ‐ ‑ ‒ – → "-", — ― → "--"

// One step of the pipeline, in the order they run. `name` is what Options::only, the
// history counts and --no-NAME / --only NAME use.
struct StepInfo {
    std::string name;
    std::string description;  // one line, for --help and --list-steps
    bool on_by_default;
};
const std::vector<StepInfo>& steps();

// The charsets the mojibake step knows ("windows-1252", "latin-1", "windows-1250", ...,
// "iso-8859-2", "macroman", "cp437", "koi8-r").
const std::vector<std::string>& mojibake_charsets();

struct Options {
    // In the order the steps run. Invalid UTF-8 is always repaired first (to U+FFFD).
    bool surrogates = true;   // CESU-8 surrogate pairs and "\ud83d\ude00" escapes -> the character
    bool ansi = true;         // remove ANSI terminal escapes ("\x1b[1;31m")
    bool mojibake = true;     // repair UTF-8 decoded with the wrong charset ("Ã©" -> "é")
    bool controls = true;     // C0 controls removed (not \t \n \r \v \f); C1 controls mapped
                              // as windows-1252 ("\u0092" -> "’", "\u0085" -> "…") or removed
    bool newlines = true;     // CRLF, CR, U+2028, U+2029 -> "\n"
    bool entities = true;     // leftover HTML entities decoded, unless the text is markup
    bool hyphenation = true;  // "infor-\nmation" -> "information", "well-\nknown" -> "well-known":
                              // the hyphen stays when the text spells "X-Y" elsewhere, for
                              // multi-part compounds, and for common compound parts (well-,
                              // self-, -based, -known...); it goes for soft hyphens, when the
                              // text spells "XY", and otherwise (see steps.cpp)
    bool invisible = true;    // zero-width space, soft hyphen, BOM, word joiner... removed
    bool spaces = true;       // no-break and other odd spaces -> " "
    Form form = Form::nfc;    // step "form"
    bool ligatures = true;    // "ﬁ" -> "fi" (Latin ligatures only)
    bool fullwidth = false;   // full-width / half-width forms -> ASCII / normal (opt-in)
    bool whitespace = true;   // block ends trimmed; a run of white space with a line break
                              // becomes "\n", any other run " " (metadata: always " ")
    Quotes quotes = Quotes::keep;  // step "quotes"
    Dashes dashes = Dashes::keep;  // step "dashes"

    // mojibake: consider only this charset (a name from mojibake_charsets(), e.g. to replay
    // what --explain found on other pages of the same site); empty: all of them.
    std::string mojibake_charset;

    // When not empty, only these steps run (names from steps()); UTF-8 repair always runs.
    std::vector<std::string> only;

    // Switches a step by name (for --no-STEP); false when the name is unknown.
    // Switching on "form", "quotes" or "dashes" selects nfc, curly and ascii.
    bool set(std::string_view step, bool on);
    // True when the step will run with these options.
    bool enabled(std::string_view step) const;
};

// One change, for --explain. Offsets are code points in the text as the step saw it.
struct Change {
    std::string step;
    int64_t block = -1;  // index in body (or comments, see `where`); -1 for metadata
    int64_t start = 0, end = 0;
    std::string before, after;
    std::string where;   // "body", "comments", "title", "authors", ... (empty for normalize_text)
    std::string detail;  // mojibake: the charset the text had been decoded with
};

struct Report {
    std::map<std::string, int64_t> counts;  // step name (or "utf8") -> number of changes
    int64_t total() const;
};

// What kind of text a string is. code (blocks of type "code"): only surrogates (CESU-8),
// ansi, mojibake, controls, newlines, invisible and form run; white space, entities, quotes
// and dashes are kept exactly. line: metadata strings (all white space -> one space).
enum class Kind { block, code, line };

// Normalizes one string. When `map` is given, it receives the old -> new code point offsets
// (it must be fresh). Offsets into invalid UTF-8 count one code point per ill-formed
// subsequence (each becomes one U+FFFD; a CESU-8 pair counts 6 and becomes 1).
std::string normalize_text(std::string_view in, const Options& opt, text::OffsetMap* map = nullptr,
                           Report* report = nullptr, std::vector<Change>* explain = nullptr,
                           Kind kind = Kind::block);

// Normalizes every text of the record in place, remaps spans and annotations, and appends a
// history entry {"tool": "normalize", ..., "changes": {step: count, ...}}.
Report normalize_article(Article& a, const Options& opt, std::vector<Change>* explain = nullptr);

}  // namespace copydesk::normalize
