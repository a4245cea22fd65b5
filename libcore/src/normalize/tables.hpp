// Generated data tables of the normalize module (see scripts/gen_normalize_*.py).
#pragma once

#include <cstddef>

namespace copydesk::normalize::detail {

struct NamedEntity {
    const char* name;   // without '&' and ';'
    const char* value;  // UTF-8
};
extern const NamedEntity kNamedEntities[];  // sorted by name (strcmp order)
extern const size_t kNamedEntityCount;

}  // namespace copydesk::normalize::detail

namespace copydesk::normalize::detail {

struct Charset {
    const char* name;
    char32_t to_unicode[256];  // 0: byte undefined in this charset
};
extern const Charset kCharsets[];  // kCharsets[0] is windows-1252, [1] latin-1
extern const size_t kCharsetCount;

}  // namespace copydesk::normalize::detail
