// Input sniffing: which reader an input goes to, from its first bytes.
#include <string>

#include "copydesk/extract.hpp"
#include "extract/dump_util.hpp"

namespace copydesk::extract {

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// An HTML tag name at s[i] (just after '<'), followed by white space, '>' or '/'.
bool html_tag_at(std::string_view s, size_t i) {
    static constexpr std::string_view tags[] = {
        "!doctype html", "html", "head", "body", "div", "p", "meta", "title", "script", "style",
        "link", "table", "article", "section", "span", "a", "br", "h1", "h2", "header", "nav",
        "main", "ul", "form", "iframe", "img"};
    for (std::string_view tag : tags) {
        if (!detail::istarts_with(s.substr(i), tag)) continue;
        const size_t e = i + tag.size();
        if (e == s.size() || is_ws(s[e]) || s[e] == '>' || s[e] == '/') return true;
    }
    return false;
}

}  // namespace

std::string_view to_string(InputKind kind) {
    switch (kind) {
        case InputKind::text: return "text";
        case InputKind::html: return "html";
        case InputKind::warc: return "warc";
        case InputKind::jsonl: return "jsonl";
        case InputKind::binary: return "binary";
    }
    return "text";
}

InputKind sniff_input(std::string_view s) {
    // Signatures of binary formats come before everything else.
    if (s.substr(0, 2) == "\x1F\x8B" || s.substr(0, 5) == "%PDF-" || s.substr(0, 4) == "PK\x03\x04")
        return InputKind::binary;

    std::string utf16;
    if (s.substr(0, 3) == "\xEF\xBB\xBF") {
        s.remove_prefix(3);
    } else if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF") {
        // UTF-16 with a BOM: sniff its (ASCII) content, not its bytes, which are half NULs.
        const bool le = s[0] == '\xFF';
        for (size_t i = 2; i + 1 < s.size() && utf16.size() < 4096; i += 2) {
            const char lo = s[i + (le ? 0 : 1)], hi = s[i + (le ? 1 : 0)];
            utf16.push_back(hi == 0 ? lo : 'x');  // non-ASCII stands in as a letter
        }
        s = utf16;
    }

    // Binary: NUL bytes, or more than 1 in 10 bytes a control character, in the first 4 KB.
    const std::string_view head = s.substr(0, 4096);
    size_t controls = 0;
    for (char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return InputKind::binary;
        if ((c < 0x20 && !is_ws(ch) && c != 0x1B) || c == 0x7F) ++controls;
    }
    if (!head.empty() && controls * 10 > head.size()) return InputKind::binary;

    size_t i = 0;
    while (i < s.size() && is_ws(s[i])) ++i;
    const std::string_view rest = s.substr(i);
    if (rest.substr(0, 7) == "WARC/1.") return InputKind::warc;
    if (!rest.empty() && rest[0] == '{') return InputKind::jsonl;

    // HTML: a tag that pages start with, within the first KB.
    const std::string_view kb = rest.substr(0, 1024);
    for (size_t p = kb.find('<'); p != std::string_view::npos; p = kb.find('<', p + 1)) {
        size_t q = p + 1;
        if (kb.substr(q, 4) == "?xml" || kb.substr(q, 3) == "!--") continue;
        if (html_tag_at(kb, q)) return InputKind::html;
    }
    return InputKind::text;
}

}  // namespace copydesk::extract
