#include "html/input.hpp"

#include <cstring>

#include "copydesk/text.hpp"

namespace copydesk::html {

std::string_view preprocess_input(std::string_view bytes, std::string& storage) {
    const bool valid = text::is_valid_utf8(bytes);
    const bool has_cr = std::memchr(bytes.data(), '\r', bytes.size()) != nullptr;
    if (valid && !has_cr) return bytes;
    std::string& s = storage;
    s = valid ? std::string(bytes) : text::repair_utf8(bytes);
    char* cr = static_cast<char*>(std::memchr(s.data(), '\r', s.size()));
    if (cr == nullptr) return s;
    size_t out = static_cast<size_t>(cr - s.data());
    for (size_t in = out; in < s.size(); ++in) {
        if (s[in] != '\r') {
            s[out++] = s[in];
            continue;
        }
        s[out++] = '\n';
        if (in + 1 < s.size() && s[in + 1] == '\n') ++in;
    }
    s.resize(out);
    return s;
}

}  // namespace copydesk::html
