// Private helpers of the normalize module: code point classes, edit lists that compose, and
// the rewriter every step uses to build its output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/normalize.hpp"
#include "copydesk/text.hpp"

namespace copydesk::normalize::detail {

// ---- Code point classes ------------------------------------------------------------------
// Bits of the "needs" mask that classify() computes in one pass; a step runs only when one of
// its bits is set, so clean text costs one scan.
enum : uint32_t {
    kCtrl = 1u << 0,       // C0 (not \t \n \r), DEL, C1
    kOddSpace = 1u << 1,   // U+00A0, U+2000-200A, ...
    kInvisible = 1u << 2,  // ZWSP, ZWJ, ZWNJ, SHY, BOM, WJ, ...
    kNewline = 1u << 3,    // \r, U+2028, U+2029
    kCurlyQuote = 1u << 4,
    kDash = 1u << 5,
    kNfc = 1u << 6,        // may change under NFC
    kNfkc = 1u << 7,       // may change under NFKC
    kLigature = 1u << 8,
    kFullwidth = 1u << 9,
    kMojiLead = 1u << 10,  // a UTF-8 lead byte as some charset decodes it
    kMojiCont = 1u << 11,  // a UTF-8 continuation byte as some charset decodes it
    kMojiLead2 = 1u << 12, // a 2-byte lead that may have lost its continuation (nbsp -> space)
    kEsc = 1u << 13,
    kAmp = 1u << 14,
    kBackslash = 1u << 15,
    kAsciiQuote = 1u << 16,
    kHyphen = 1u << 17,    // '-' or soft hyphen
    kLineFeed = 1u << 18,
    kWsRun = 1u << 19,     // two white space characters in a row, or white space at an end
    kTabEtc = 1u << 20,    // \t \f \v
    kMojibake = 1u << 21,  // a lead followed by a continuation: mojibake possible
    kFffd = 1u << 22,
    kInvalid = 1u << 23,   // ill-formed UTF-8
};

uint32_t class_of(char32_t cp);  // the bits above that depend on the code point alone
uint32_t classify(std::string_view s);  // kInvalid when s is not valid UTF-8

// Unicode general category helpers (utf8proc).
bool is_letter(char32_t cp);
bool is_letter_or_mark(char32_t cp);
bool is_lower(char32_t cp);
bool is_upper(char32_t cp);
bool is_digit(char32_t cp);
bool is_space(char32_t cp);  // Unicode white space (Zs, \t \n \v \f \r, U+0085, U+2028/9)

// ---- Edits -------------------------------------------------------------------------------
struct Edit {
    int64_t old_pos, old_n, new_pos, new_n;
};
struct Edits {
    std::vector<Edit> v;
    int64_t old_pos = 0, new_pos = 0;
    void keep(int64_t n) { old_pos += n; new_pos += n; }
    void replace(int64_t o, int64_t n) {
        v.push_back({old_pos, o, new_pos, n});
        old_pos += o;
        new_pos += n;
    }
    void replay(text::OffsetMap& m) const;  // into a fresh OffsetMap
};
// a: x -> y, b: y -> z; returns x -> z.
Edits compose(const Edits& a, const Edits& b);

inline int64_t count_cp(std::string_view s) {
    int64_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Builds a step's output from its input: copies unchanged runs, records replacements.
struct Rewriter {
    std::string_view in;
    const char* step;
    Edits* edits;                    // may be null
    std::vector<Change>* explain;    // may be null
    std::string out;
    size_t pos = 0;                  // input bytes consumed
    int64_t cp = 0;                  // input code points consumed
    int64_t changes = 0;
    uint32_t produced = 0;           // mask bits the replacements may have brought
    std::string detail;              // copied into each Change

    Rewriter(std::string_view in_, const char* step_, Edits* e, std::vector<Change>* x)
        : in(in_), step(step_), edits(e), explain(x) {}
    // in[a, b) becomes r. REQUIRES: pos <= a <= b, both on code point boundaries.
    void replace(size_t a, size_t b, std::string_view r);
    bool changed() const { return changes > 0; }
    std::string finish();  // the output (copies the rest of the input)
};

// ---- Steps -------------------------------------------------------------------------------
// Each returns true when it changed the text (then `s` holds the new text).
struct StepContext {
    const Options* opt;
    Kind kind;
    Edits* edits;
    std::vector<Change>* explain;
    int64_t* count;
    uint32_t* produced;  // steps OR in what they may have brought (Rewriter::produced)
};

std::string repair_utf8(std::string_view in, bool surrogates, StepContext& c, bool* changed);
bool step_surrogate_escapes(std::string& s, StepContext& c);
bool step_ansi(std::string& s, StepContext& c);
bool step_mojibake(std::string& s, StepContext& c);
bool step_controls(std::string& s, StepContext& c);
bool step_newlines(std::string& s, StepContext& c);
bool step_entities(std::string& s, StepContext& c);
bool step_invisible(std::string& s, StepContext& c);
bool step_spaces(std::string& s, StepContext& c);
bool step_form(std::string& s, StepContext& c);
bool step_ligatures(std::string& s, StepContext& c);
bool step_fullwidth(std::string& s, StepContext& c);
bool step_hyphenation(std::string& s, StepContext& c);
bool step_whitespace(std::string& s, StepContext& c);
bool step_quotes(std::string& s, StepContext& c);
bool step_dashes(std::string& s, StepContext& c);

// windows-1252 meaning of a C1 control (0x80-0x9F), 0 when undefined there.
char32_t cp1252_c1(char32_t c1);

}  // namespace copydesk::normalize::detail
