// copydesk/text.hpp — UTF-8 helpers shared by every module: validation, code point offsets,
// and the offset map that keeps spans and annotations on the same words when text changes.
//
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::text {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// s with every ill-formed sequence replaced by U+FFFD (maximal subparts, as WHATWG decodes).
std::string repair_utf8(std::string_view s);

// Number of code points in valid UTF-8.
int64_t count_code_points(std::string_view s);

// Byte offset of code point number `cp` in valid UTF-8 s (s.size() when cp is past the end).
size_t byte_offset(std::string_view s, int64_t cp);

// Decodes one code point at s[i] and advances i; returns U+FFFD for an ill-formed sequence.
char32_t decode(std::string_view s, size_t& i);

// Decodes one code point at s[i] and advances i, without checks: for text known to be valid
// UTF-8 (hot loops over repaired text). REQUIRES: s is valid UTF-8 and i < s.size().
inline char32_t decode_valid(std::string_view s, size_t& i) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const char32_t c = p[0];
    if (c < 0x80) { i += 1; return c; }
    if (c < 0xE0) { i += 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
    if (c < 0xF0) { i += 3; return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); }
    i += 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

// Appends the UTF-8 encoding of cp to out.
void append_utf8(std::string& out, char32_t cp);

// Maps code point offsets of an old text to offsets in its rewritten version.
//
// A rewriter that builds the new text piece by piece calls keep() for code points copied
// unchanged and replace() for a run of old code points that became a run of new ones. An
// offset inside a replaced run maps to the start of its replacement (a span end, to its end),
// so spans always cover whole replacements.
class OffsetMap {
  public:
    void keep(int64_t n);                        // n old code points copied as they were
    void replace(int64_t old_n, int64_t new_n);  // old_n old code points became new_n new ones
    bool identity() const { return edits_.empty(); }
    int64_t map_start(int64_t old_offset) const;
    int64_t map_end(int64_t old_offset) const;

  private:
    struct Edit { int64_t old_pos, old_n, new_pos, new_n; };
    std::vector<Edit> edits_;
    int64_t old_pos_ = 0, new_pos_ = 0;
};

}  // namespace copydesk::text
