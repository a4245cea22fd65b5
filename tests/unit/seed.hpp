// Test helpers shared by the tag tests: the seed article as copydesk-extract gives it.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "copydesk/extract.hpp"
#include "copydesk/text.hpp"

namespace copydesk::testing {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// examples/china-daily-2020-03-23.txt through the text-dump extractor.
inline Article seed_article() {
    return extract::parse_text_dump(read_file(COPYDESK_SOURCE_DIR "/examples/china-daily-2020-03-23.txt"));
}

// Code point slice [start, end) of a block's text, to check annotation offsets.
inline std::string slice(const std::string& s, int64_t start, int64_t end) {
    const size_t b = text::byte_offset(s, start), e = text::byte_offset(s, end);
    return s.substr(b, e - b);
}

}  // namespace copydesk::testing
