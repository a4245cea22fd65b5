// extract/dump_util.hpp — private helpers of the text dump parser: input decoding, Unicode
// white space and letter tests, and the dateline date scanner. Not part of the public API.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::extract::detail {

// Input bytes as valid UTF-8 (BOM removed; line ends untouched), with the charset chosen.
struct Decoded {
    std::string text;
    std::string charset;         // "utf-8", "windows-1252", "utf-16le", "utf-16be"
    std::string charset_source;  // "bom", "guess" or "default"
    std::vector<std::string> warnings;
};
Decoded decode_input(std::string_view bytes);

// windows-1252 bytes -> UTF-8 (the five unassigned bytes map to C1 controls, as WHATWG does).
std::string decode_windows_1252(std::string_view bytes);

// White space in the Unicode sense (tab, space, no-break spaces, U+2000..U+200A, U+3000, ...).
bool is_space(char32_t c);
bool is_upper(char32_t c);   // Lu or Lt
bool is_lower(char32_t c);   // Ll
bool is_letter(char32_t c);  // L*
bool is_cjk(char32_t c);     // Han, kana and CJK punctuation: joined without a space

// s without surrounding Unicode white space / without surrounding ASCII space and tab.
std::string_view trim_spaces(std::string_view s);
std::string_view trim_ascii(std::string_view s);

// First and last code point of valid UTF-8 (0 when empty).
char32_t first_cp(std::string_view s);
char32_t last_cp(std::string_view s);

// Words separated by Unicode white space.
std::vector<std::string_view> split_words(std::string_view s);

// ASCII case-insensitive comparisons.
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool iends_with(std::string_view s, std::string_view suffix);

// A date (and optional time and zone) found in a dateline: bytes [begin, end) of the text
// and its ISO 8601 value ("2020-03-23", "2020-03-23T12:25", "2020-03-23T12:25:51+08:00").
struct DateMatch {
    size_t begin = 0, end = 0;
    std::string iso;
};
// The first date in s at or after byte `from`. Formats: 2020-03-23, 2020/03/23, 2020.03.23,
// 2020年3月23日, 23.03.2020, 23/03/2020 (see day_first), March 23, 2020, Mar. 23 2020,
// Monday, March 23, 2020, 23 March 2020, 23rd Mar 2020; each optionally followed by a time
// (12:25, 12:25:51, 12:25 pm, T12:25:51Z, at 12:25) and a zone (+08:00, +0800, Z, UTC, GMT,
// UTC+8; named zones such as EST are consumed but give no offset, none is invented).
std::optional<DateMatch> find_date(std::string_view s, size_t from, bool day_first);

}  // namespace copydesk::extract::detail
