// The WHATWG "prescan a byte stream to determine its encoding" algorithm
// (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding)
// and "extracting a character encoding from a meta element", step by step.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charset/internal.hpp"
#include "copydesk/charset.hpp"

namespace copydesk::charset {

namespace {

bool is_ws(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool istarts_with(std::string_view s, size_t at, std::string_view prefix) {
    if (s.size() - at < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (lower(s[at + i]) != prefix[i]) return false;
    return true;
}

struct Attribute {
    std::string name, value;
};

// "Get an attribute": reads one attribute at `pos`; nullopt when there is none (at '>' or the
// end of the input).
std::optional<Attribute> get_attribute(std::string_view s, size_t& pos) {
    // 1. Skip white space and '/'.
    while (pos < s.size() && (is_ws(s[pos]) || s[pos] == '/')) ++pos;
    // 2. '>' ends the tag.
    if (pos >= s.size() || s[pos] == '>') return std::nullopt;
    Attribute a;
    // 4. The name.
    for (;;) {
        if (pos >= s.size()) return std::nullopt;
        const char c = s[pos];
        if (c == '=' && !a.name.empty()) {
            ++pos;
            goto value;
        }
        if (is_ws(c)) break;  // to "spaces"
        if (c == '/' || c == '>') return a;
        a.name.push_back(lower(c));
        ++pos;
    }
    // 5. Spaces.
    while (pos < s.size() && is_ws(s[pos])) ++pos;
    if (pos >= s.size()) return std::nullopt;
    // 6. No '=': an attribute without a value (position stays).
    if (s[pos] != '=') return a;
    // 7. Past the '='.
    ++pos;
value:
    // 8. Skip white space.
    while (pos < s.size() && is_ws(s[pos])) ++pos;
    if (pos >= s.size()) return std::nullopt;
    // 9. Quoted value, '>' or the first byte of an unquoted value.
    {
        const char c = s[pos];
        if (c == '"' || c == '\'') {
            const char quote = c;
            for (;;) {
                ++pos;
                if (pos >= s.size()) return std::nullopt;
                if (s[pos] == quote) {
                    ++pos;
                    return a;
                }
                a.value.push_back(lower(s[pos]));
            }
        }
        if (c == '>') return a;
        a.value.push_back(lower(c));
        ++pos;
    }
    // 10. The rest of an unquoted value.
    for (;;) {
        if (pos >= s.size()) return std::nullopt;
        const char c = s[pos];
        if (is_ws(c) || c == '>') return a;
        a.value.push_back(lower(c));
        ++pos;
    }
}

}  // namespace

// "Extracting a character encoding from a meta element" (the content attribute): the label,
// or nullopt when there is none.
std::optional<std::string> charset_from_content(std::string_view s) {
    size_t pos = 0;
    for (;;) {
        // Loop: the first "charset" after pos.
        size_t at = std::string_view::npos;
        for (size_t i = pos; i + 7 <= s.size(); ++i)
            if (istarts_with(s, i, "charset")) {
                at = i;
                break;
            }
        if (at == std::string_view::npos) return std::nullopt;
        pos = at + 7;
        while (pos < s.size() && is_ws(s[pos])) ++pos;
        if (pos >= s.size() || s[pos] != '=') continue;  // back to the loop, from just after "charset"
        ++pos;
        while (pos < s.size() && is_ws(s[pos])) ++pos;
        if (pos >= s.size()) return std::nullopt;
        const char c = s[pos];
        if (c == '"' || c == '\'') {
            const size_t end = s.find(c, pos + 1);
            if (end == std::string_view::npos) return std::nullopt;
            return std::string(s.substr(pos + 1, end - pos - 1));
        }
        size_t end = pos;
        while (end < s.size() && !is_ws(s[end]) && s[end] != ';') ++end;
        return std::string(s.substr(pos, end - pos));
    }
}

PrescanResult prescan_labels(std::string_view bytes) {
    const std::string_view s = bytes.substr(0, 1024);
    PrescanResult result;
    // Prescan for UTF-16 XML declarations.
    if (s.substr(0, 4) == std::string_view("<\0?\0", 4)) {
        result.encoding = "utf-16le";
        return result;
    }
    if (s.substr(0, 4) == std::string_view("\0<\0?", 4)) {
        result.encoding = "utf-16be";
        return result;
    }
    size_t pos = 0;
    while (pos < s.size()) {
        if (s.compare(pos, 4, "<!--") == 0) {
            // To the '>' of the first "-->" (its dashes may be those of "<!--").
            const size_t end = s.find("-->", pos + 2);
            if (end == std::string_view::npos) break;
            pos = end + 2;
        } else if (istarts_with(s, pos, "<meta") && pos + 5 < s.size() &&
                   (is_ws(s[pos + 5]) || s[pos + 5] == '/')) {
            pos += 5;
            std::vector<std::string> names;
            bool got_pragma = false;
            std::optional<bool> need_pragma;
            std::optional<std::string> charset;  // "" is failure (a label that is not an encoding)
            bool ended = true;
            for (;;) {
                const std::optional<Attribute> a = get_attribute(s, pos);
                if (!a) {
                    ended = pos < s.size();
                    break;
                }
                bool seen = false;
                for (const auto& n : names)
                    if (n == a->name) seen = true;
                if (seen) continue;
                names.push_back(a->name);
                if (a->name == "http-equiv") {
                    if (a->value == "content-type") got_pragma = true;
                } else if (a->name == "content") {
                    // Only an encoding counts here: an unknown label leaves charset null.
                    if (auto label = charset_from_content(a->value); label && !charset) {
                        if (std::string enc = canonical_name(*label); !enc.empty()) {
                            charset = enc;
                            need_pragma = true;
                        } else {
                            result.unknown_label = *label;
                        }
                    }
                } else if (a->name == "charset") {
                    if (!charset) {
                        charset = canonical_name(a->value);
                        if (charset->empty()) result.unknown_label = a->value;
                        need_pragma = false;
                    }
                }
            }
            if (!ended) break;  // the input ends inside the tag
            if (need_pragma && !(*need_pragma && !got_pragma) && charset && !charset->empty()) {
                std::string enc = *charset;
                if (enc == "utf-16le" || enc == "utf-16be") {
                    result.from_utf16 = enc;
                    enc = "utf-8";
                }
                if (enc == "x-user-defined") enc = "windows-1252";
                result.encoding = enc;
                return result;
            }
        } else if (s[pos] == '<' && ((pos + 1 < s.size() && is_alpha(s[pos + 1])) ||
                                     (pos + 2 < s.size() && s[pos + 1] == '/' && is_alpha(s[pos + 2])))) {
            // Any other tag: skip its name, then its attributes.
            while (pos < s.size() && !is_ws(s[pos]) && s[pos] != '>') ++pos;
            bool ended = true;
            for (;;) {
                if (!get_attribute(s, pos)) {
                    ended = pos < s.size();
                    break;
                }
            }
            if (!ended) break;
        } else if (s.compare(pos, 2, "<!") == 0 || s.compare(pos, 2, "</") == 0 || s.compare(pos, 2, "<?") == 0) {
            const size_t end = s.find('>', pos + 2);
            if (end == std::string_view::npos) break;
            pos = end;
        }
        ++pos;  // next byte
    }
    return result;
}

std::string prescan(std::string_view bytes) { return prescan_labels(bytes).encoding; }

}  // namespace copydesk::charset
