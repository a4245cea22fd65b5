// Private to the charset module; exposed for the unit tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace copydesk::charset {

struct PrescanResult {
    std::string encoding;       // what the prescan returns (a WHATWG name), or ""
    std::string unknown_label;  // a declared label that is no encoding, for a warning
    std::string from_utf16;     // "utf-16le"/"utf-16be" when a <meta> said so (and utf-8 is used)
};
PrescanResult prescan_labels(std::string_view bytes);

// "Extracting a character encoding from a meta element", from a content attribute's value.
std::optional<std::string> charset_from_content(std::string_view content);

// The label table, entry i (label, and its encoding in *name); "" past the end.
std::string_view label_at(size_t i, std::string_view* name);

}  // namespace copydesk::charset
