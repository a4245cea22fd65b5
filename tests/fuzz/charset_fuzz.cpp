// libFuzzer target for the charset layer (copydesk/charset.hpp), under ASan and UBSan: the
// first byte picks an HTTP label (or none); decode_html, decode_text and the prescan run on the
// rest, and one more conversion runs with a label taken from the input. Output must be UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "copydesk/charset.hpp"
#include "copydesk/text.hpp"

namespace {

constexpr std::string_view labels[] = {
    "", "utf-8", "windows-1252", "iso-8859-2", "koi8-r", "gbk", "gb18030", "big5", "shift_jis", "euc-jp",
    "iso-2022-jp", "euc-kr", "utf-16le", "utf-16be", "x-user-defined", "iso-2022-kr", "windows-1251",
    "windows-874", "ibm866", "macintosh", "x-mac-cyrillic", "text/html; charset=\"latin1\"", "bogus",
    "iso-8859-8-i", "windows-1258", "koi8-u", "iso-8859-16"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view label = labels[data[0] % std::size(labels)];
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto html = copydesk::charset::decode_html(input, label);
    if (!copydesk::text::is_valid_utf8(html.utf8)) __builtin_trap();
    if (html.charset.empty() || html.source.empty()) __builtin_trap();
    const auto text = copydesk::charset::decode_text(input, label);
    if (!copydesk::text::is_valid_utf8(text.utf8)) __builtin_trap();
    (void)copydesk::charset::prescan(input);
    const auto converted = copydesk::charset::to_utf8(input, labels[size % std::size(labels)]);
    if (!copydesk::text::is_valid_utf8(converted)) __builtin_trap();
    (void)copydesk::charset::canonical_name(input.substr(0, 40));
    return 0;
}
