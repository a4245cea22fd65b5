// copydesk/charset.hpp — which charset a page is in, and its text as UTF-8.
//
// decode_html() follows the WHATWG HTML order: a byte order mark, then the charset of the HTTP
// Content-Type, then the <meta charset> / http-equiv prescan of the first 1024 bytes, then a
// guess (uchardet) when nothing is declared, then windows-1252. Labels are mapped as the
// WHATWG Encoding Standard maps them (iso-8859-1, latin1 and us-ascii mean windows-1252; gb2312
// means gbk; euc-kr means windows-949; utf-16 in a <meta> means utf-8; iso-2022-kr and friends
// are the "replacement" encoding). Conversion is glibc iconv's, with the WHATWG behaviour where
// the two differ (windows-1252 0x81, 0x8D, 0x8F, 0x90, 0x9D are U+0081...; gbk 0x80 is U+20AC;
// x-user-defined). Ill-formed input never fails: it becomes U+FFFD.
//
// A declaration that the bytes contradict is not obeyed blindly: a page declared as a legacy
// charset whose bytes are valid UTF-8 with non-ASCII in them is decoded as UTF-8, and a page
// declared UTF-8 that is plainly not is decoded as the guess; both say so in `warnings`.
//
// Encoding names are the WHATWG names in lowercase: "utf-8", "windows-1252", "gbk", "shift_jis",
// "euc-kr", "big5", "utf-16le", "x-user-defined", "replacement", ...
//
// All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::charset {

struct Decoded {
    std::string utf8;                   // the text, well-formed UTF-8, without a BOM
    std::string charset;                // the encoding used, a WHATWG name in lowercase
    std::string source;                 // how it was chosen: "bom", "http", "meta", "guess" or "default"
    std::vector<std::string> warnings;  // unknown labels, overridden declarations, decoding errors
};

// Decodes an HTML page. `http_content_type` is the HTTP Content-Type value
// ("text/html; charset=ISO-8859-1") or a bare charset label ("ISO-8859-1"), or empty.
Decoded decode_html(std::string_view bytes, std::string_view http_content_type = {});

// Decodes a plain-text document: as decode_html, without the <meta> prescan.
Decoded decode_text(std::string_view bytes, std::string_view http_content_type = {});

// The WHATWG encoding name of a label ("Latin1" -> "windows-1252", " x-gbk " -> "gbk"),
// or "" for a label the Encoding Standard does not know.
std::string canonical_name(std::string_view label);

// The encoding declared by the first 1024 bytes of an HTML page (<meta charset>, <meta
// http-equiv content>, or a UTF-16 XML declaration), as the WHATWG prescan finds it: a
// WHATWG name, or "" when there is none (or only an unknown label).
std::string prescan(std::string_view bytes);

// The charset uchardet guesses, as a WHATWG name; "" when it has no answer or its answer is
// not a web encoding. Only the first 64 KB are looked at.
std::string guess(std::string_view bytes);

// Converts bytes in `encoding` (a label) to UTF-8; ill-formed input becomes U+FFFD and is
// counted in *errors. An unknown label is decoded as windows-1252. A leading BOM of the
// encoding itself is kept as U+FEFF (decode_html strips it).
std::string to_utf8(std::string_view bytes, std::string_view encoding, size_t* errors = nullptr);

}  // namespace copydesk::charset
