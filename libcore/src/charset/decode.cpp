// Charset choice (BOM, HTTP, <meta>, guess, default) and conversion to UTF-8 (iconv, plus the
// WHATWG behaviour where glibc differs).
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <map>
#include <mutex>
#include <memory>
#include <string>

#include "charset/internal.hpp"
#include "copydesk/charset.hpp"
#include "copydesk/text.hpp"

namespace copydesk::charset {

namespace {

// WHATWG index-windows-1252 for 0x80-0x9F; the five bytes glibc leaves undefined are C1 controls.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

struct Codec {
    std::string_view name;   // WHATWG name
    const char* iconv;       // glibc iconv name
    bool c1_identity;        // undefined 0x80-0x9F bytes are U+0080-U+009F (windows-* indexes)
};

// Single-byte encodings are decoded by a table built once from iconv, with the few code
// points where the WHATWG index differs from glibc.
struct Patch {
    std::string_view name;
    unsigned char byte;
    char32_t cp;
};
constexpr Patch kPatches[] = {
    {"koi8-u", 0xAE, 0x045E},          // WHATWG koi8-u is KOI8-RU here
    {"koi8-u", 0xBE, 0x040E},
    {"x-mac-cyrillic", 0xFF, 0x20AC},  // the euro sign of later Mac OS
    {"windows-1255", 0xCA, 0x05BA},
};
constexpr char32_t kUndefined = 0xFFFFFFFF;

constexpr Codec kCodecs[] = {
    {"ibm866", "IBM866", false},
    {"iso-8859-2", "ISO-8859-2", false},
    {"iso-8859-3", "ISO-8859-3", false},
    {"iso-8859-4", "ISO-8859-4", false},
    {"iso-8859-5", "ISO-8859-5", false},
    {"iso-8859-6", "ISO-8859-6", false},
    {"iso-8859-7", "ISO-8859-7", false},
    {"iso-8859-8", "ISO-8859-8", false},
    {"iso-8859-8-i", "ISO-8859-8", false},
    {"iso-8859-10", "ISO-8859-10", false},
    {"iso-8859-13", "ISO-8859-13", false},
    {"iso-8859-14", "ISO-8859-14", false},
    {"iso-8859-15", "ISO-8859-15", false},
    {"iso-8859-16", "ISO-8859-16", false},
    {"koi8-r", "KOI8-R", false},
    {"koi8-u", "KOI8-U", false},
    {"macintosh", "MACINTOSH", false},
    {"windows-874", "CP874", true},
    {"windows-1250", "CP1250", true},
    {"windows-1251", "CP1251", true},
    {"windows-1253", "CP1253", true},
    {"windows-1254", "CP1254", true},
    {"windows-1255", "CP1255", true},
    {"windows-1256", "CP1256", true},
    {"windows-1257", "CP1257", true},
    {"windows-1258", "CP1258", true},
    {"x-mac-cyrillic", "MAC-CYRILLIC", false},
    {"gbk", "GB18030", false},
    {"gb18030", "GB18030", false},
    {"big5", "BIG5-HKSCS", false},
    {"euc-jp", "EUC-JP", false},
    {"iso-2022-jp", "ISO-2022-JP", false},
    {"shift_jis", "CP932", false},
    {"euc-kr", "CP949", false},
};

bool single_byte(const Codec& c) {
    return c.name != "gbk" && c.name != "gb18030" && c.name != "big5" && c.name != "euc-jp" &&
           c.name != "iso-2022-jp" && c.name != "shift_jis" && c.name != "euc-kr";
}

const Codec* find_codec(std::string_view name) {
    for (const Codec& c : kCodecs)
        if (c.name == name) return &c;
    return nullptr;
}

// One iconv descriptor per target charset and thread, opened once.
class IconvCache {
  public:
    ~IconvCache() {
        for (auto& [name, cd] : open_)
            if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }
    iconv_t get(const char* name) {
        auto it = open_.find(name);
        if (it == open_.end()) it = open_.emplace(name, iconv_open("UTF-8", name)).first;
        return it->second;
    }

  private:
    std::map<std::string, iconv_t> open_;
};

void put(std::string& out, char32_t cp) { text::append_utf8(out, cp); }

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

std::string decode_utf8(std::string_view s, size_t* errors) {
    if (text::is_valid_utf8(s)) return std::string(s);
    std::string out = text::repair_utf8(s);
    if (errors) {
        // Count the U+FFFD that repair added (those already in s do not count).
        size_t before = 0, after = 0;
        for (size_t i = 0; (i = s.find("\xEF\xBF\xBD", i)) != std::string_view::npos; i += 3) ++before;
        for (size_t i = 0; (i = out.find("\xEF\xBF\xBD", i)) != std::string::npos; i += 3) ++after;
        *errors += after - before;
    }
    return out;
}

std::string decode_utf16(std::string_view s, bool le, size_t* errors) {
    std::string out;
    out.reserve(s.size() + s.size() / 2);
    size_t i = 0;
    auto unit = [&](size_t at) {
        const auto a = static_cast<unsigned char>(s[at]), b = static_cast<unsigned char>(s[at + 1]);
        return static_cast<char16_t>(le ? (b << 8 | a) : (a << 8 | b));
    };
    size_t bad = 0;
    while (i + 1 < s.size()) {
        const char16_t u = unit(i);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 < s.size()) {
                const char16_t v = unit(i);
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    i += 2;
                    put(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(v) - 0xDC00));
                    continue;
                }
            }
            put(out, 0xFFFD);
            ++bad;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            put(out, 0xFFFD);
            ++bad;
        } else {
            put(out, u);
        }
    }
    if (i < s.size()) {
        put(out, 0xFFFD);
        ++bad;
    }
    if (errors) *errors += bad;
    return out;
}

std::string decode_windows_1252(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (unsigned char c : s) {
        if (c < 0x80)
            out.push_back(static_cast<char>(c));
        else if (c < 0xA0)
            put(out, kWindows1252[c - 0x80]);
        else
            put(out, c);
    }
    return out;
}

std::string decode_x_user_defined(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (unsigned char c : s) {
        if (c < 0x80)
            out.push_back(static_cast<char>(c));
        else
            put(out, 0xF780 + (c - 0x80));
    }
    return out;
}

using ByteTable = std::array<char32_t, 256>;

ByteTable build_table(const Codec& codec) {
    ByteTable t{};
    const iconv_t cd = iconv_open("UTF-32LE", codec.iconv);
    for (int b = 0; b < 256; ++b) {
        t[b] = kUndefined;
        if (b < 0x80) {
            t[b] = static_cast<char32_t>(b);
            continue;
        }
        if (cd != reinterpret_cast<iconv_t>(-1)) {
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
            char in = static_cast<char>(b);
            unsigned char out[8];
            char* ip = &in;
            char* op = reinterpret_cast<char*>(out);
            size_t il = 1, ol = sizeof out;
            // CP1255 and CP1258 hold a letter back to combine it: flush it out.
            if (iconv(cd, &ip, &il, &op, &ol) != static_cast<size_t>(-1) &&
                iconv(cd, nullptr, nullptr, &op, &ol) != static_cast<size_t>(-1) && ol == sizeof out - 4)
                t[b] = static_cast<char32_t>(out[0] | out[1] << 8 | out[2] << 16 | static_cast<uint32_t>(out[3]) << 24);
        }
        if (t[b] == kUndefined && codec.c1_identity && b < 0xA0) t[b] = static_cast<char32_t>(b);
    }
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    for (const Patch& p : kPatches)
        if (p.name == codec.name) t[p.byte] = p.cp;
    return t;
}

const ByteTable& table_for(const Codec& codec) {
    static std::array<ByteTable, std::size(kCodecs)> tables;
    static std::array<std::once_flag, std::size(kCodecs)> once;
    const size_t i = static_cast<size_t>(&codec - kCodecs);
    std::call_once(once[i], [&] { tables[i] = build_table(codec); });
    return tables[i];
}

std::string decode_single_byte(std::string_view s, const Codec& codec, size_t* errors) {
    const ByteTable& t = table_for(codec);
    std::string out;
    out.reserve(s.size() + s.size() / 2);
    size_t bad = 0;
    for (unsigned char c : s) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        char32_t cp = t[c];
        if (cp == kUndefined) {
            cp = 0xFFFD;
            ++bad;
        }
        put(out, cp);
    }
    if (errors) *errors += bad;
    return out;
}

std::string decode_iconv(std::string_view s, const Codec& codec, size_t* errors) {
    thread_local IconvCache cache;
    const iconv_t cd = cache.get(codec.iconv);
    if (cd == reinterpret_cast<iconv_t>(-1)) {  // not in this libc: the bytes as windows-1252
        if (errors) ++*errors;
        return decode_windows_1252(s);
    }
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // initial state
    std::string out(s.size() * 2 + 64, '\0');
    char* in = const_cast<char*>(s.data());
    size_t in_left = s.size();
    size_t used = 0;
    size_t bad = 0;
    const bool gbk = codec.name == "gbk" || codec.name == "gb18030";
    auto grow = [&](size_t need) {
        if (out.size() - used < need) out.resize(std::max(out.size() * 2, used + need));
    };
    for (bool flushed = false; !flushed;) {
        char* dst = out.data() + used;
        size_t dst_left = out.size() - used;
        size_t r;
        if (in_left > 0) {
            r = iconv(cd, &in, &in_left, &dst, &dst_left);
        } else {
            r = iconv(cd, nullptr, nullptr, &dst, &dst_left);  // the end: flush the state
            if (r != static_cast<size_t>(-1)) flushed = true;
        }
        used = static_cast<size_t>(dst - out.data());
        if (r != static_cast<size_t>(-1)) continue;
        if (errno == E2BIG) {
            grow(out.size());
            continue;
        }
        if (errno != EILSEQ && errno != EINVAL) break;
        // An invalid byte: U+FFFD (or what WHATWG maps it to), then go on after it.
        grow(8);
        const auto b = static_cast<unsigned char>(*in);
        std::string cp;
        if (codec.c1_identity && b >= 0x80 && b < 0xA0) {
            put(cp, b);
        } else if (gbk && b == 0x80) {
            put(cp, 0x20AC);
        } else {
            put(cp, 0xFFFD);
            ++bad;
        }
        out.replace(used, cp.size(), cp);
        used += cp.size();
        if (errno == EINVAL) {  // an incomplete sequence at the end: one U+FFFD for it
            in += in_left;
            in_left = 0;
        } else {
            ++in;
            --in_left;
        }
    }
    out.resize(used);
    if (errors) *errors += bad;
    return out;
}

// The charset parameter of a Content-Type, or the value itself when it is a bare label.
std::string http_label(std::string_view content_type) {
    auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; };
    if (content_type.find('/') == std::string_view::npos && content_type.find('=') == std::string_view::npos &&
        content_type.find(';') == std::string_view::npos)
        return std::string(content_type);
    // "text/html; charset=x", or a bare parameter list "charset=x".
    size_t i = 0;
    if (content_type.find('/') != std::string_view::npos) {
        i = content_type.find(';');
        if (i != std::string_view::npos) ++i;
    }
    while (i != std::string_view::npos && i < content_type.size()) {
        const size_t eq = content_type.find('=', i);
        const size_t semi = content_type.find(';', i);
        if (eq == std::string_view::npos) break;
        if (semi != std::string_view::npos && semi < eq) {
            i = semi + 1;
            continue;
        }
        std::string_view key = content_type.substr(i, eq - i);
        while (!key.empty() && is_ws(key.front())) key.remove_prefix(1);
        while (!key.empty() && is_ws(key.back())) key.remove_suffix(1);
        std::string_view value = content_type.substr(eq + 1, semi == std::string_view::npos ? semi : semi - eq - 1);
        while (!value.empty() && is_ws(value.front())) value.remove_prefix(1);
        while (!value.empty() && is_ws(value.back())) value.remove_suffix(1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        std::string lower_key(key);
        for (char& c : lower_key)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (lower_key == "charset") return std::string(value);
        i = semi == std::string_view::npos ? semi : semi + 1;
    }
    return {};
}

// Well-formed multi-byte sequences and ill-formed bytes in s, as UTF-8.
void utf8_counts(std::string_view s, size_t& multibyte, size_t& errors) {
    multibyte = errors = 0;
    size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t start = i;
        const char32_t cp = text::decode(s, i);
        if (cp == 0xFFFD && s.compare(start, 3, "\xEF\xBF\xBD") != 0)
            ++errors;
        else
            ++multibyte;
        if (i == start) ++i;
    }
}

bool is_ascii_compatible(std::string_view enc) {
    return enc != "utf-16le" && enc != "utf-16be" && enc != "replacement" && enc != "iso-2022-jp";
}

Decoded decode(std::string_view bytes, std::string_view http_content_type, bool html) {
    Decoded d;
    std::string_view body = bytes;
    // 1. A byte order mark.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        d.charset = "utf-8";
        body.remove_prefix(3);
    } else if (bytes.substr(0, 2) == "\xFE\xFF") {
        d.charset = "utf-16be";
        body.remove_prefix(2);
    } else if (bytes.substr(0, 2) == "\xFF\xFE") {
        d.charset = "utf-16le";
        body.remove_prefix(2);
    }
    if (!d.charset.empty()) d.source = "bom";

    // 2. The HTTP Content-Type.
    if (d.charset.empty()) {
        const std::string label = http_label(http_content_type);
        if (!label.empty()) {
            d.charset = canonical_name(label);
            if (d.charset.empty())
                d.warnings.push_back("unknown charset \"" + label + "\" in the HTTP Content-Type: ignored");
            else
                d.source = "http";
        }
    }
    // 3. The <meta> prescan.
    if (d.charset.empty() && html) {
        const PrescanResult p = prescan_labels(bytes);
        if (!p.encoding.empty()) {
            d.charset = p.encoding;
            d.source = "meta";
            if (!p.from_utf16.empty())
                d.warnings.push_back("<meta> declares " + p.from_utf16 + " in an 8-bit page: utf-8 used");
        } else if (!p.unknown_label.empty()) {
            d.warnings.push_back("unknown charset \"" + p.unknown_label + "\" in <meta>: ignored");
        }
    }
    // A declaration the bytes plainly contradict.
    if (d.source == "http" || d.source == "meta") {
        size_t multibyte = 0, errors = 0;
        if (d.charset != "utf-8" && is_ascii_compatible(d.charset)) {
            if (!is_ascii(bytes)) {
                utf8_counts(bytes, multibyte, errors);
                if (errors == 0 && multibyte > 0) {
                    d.warnings.push_back("declared " + d.charset + " but the bytes are UTF-8: decoded as utf-8");
                    d.charset = "utf-8";
                    d.source = "guess";
                }
            }
        } else if (d.charset == "utf-8" && !text::is_valid_utf8(bytes)) {
            utf8_counts(bytes, multibyte, errors);
            if (errors > multibyte) {
                const std::string g = guess(bytes);
                if (!g.empty() && g != "utf-8" && is_ascii_compatible(g)) {
                    d.warnings.push_back("declared utf-8 but the bytes are not UTF-8: decoded as " + g + " (guessed)");
                    d.charset = g;
                    d.source = "guess";
                }
            }
        }
    }
    // 4. A guess, 5. the default.
    if (d.charset.empty()) {
        if (is_ascii(bytes)) {
            d.charset = "windows-1252";
            d.source = "default";
        } else if (text::is_valid_utf8(bytes)) {
            d.charset = "utf-8";
            d.source = "guess";
        } else if (std::string g = guess(bytes); !g.empty()) {
            d.charset = g;
            d.source = "guess";
        } else {
            d.charset = "windows-1252";
            d.source = "default";
        }
    }

    if (d.charset == "replacement") {
        d.warnings.push_back("the declared charset is one WHATWG decodes as \"replacement\" (iso-2022-kr, "
                             "iso-2022-cn, hz-gb-2312): the page is not decoded");
        d.utf8 = body.empty() ? "" : "\xEF\xBF\xBD";
        return d;
    }
    size_t errors = 0;
    d.utf8 = to_utf8(body, d.charset, &errors);
    if (errors > 0)
        d.warnings.push_back(std::to_string(errors) + " invalid byte sequence" + (errors == 1 ? "" : "s") + " for " +
                             d.charset + " replaced by U+FFFD");
    return d;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view encoding, size_t* errors) {
    std::string name = canonical_name(encoding);
    if (name.empty()) name = "windows-1252";
    if (name == "utf-8") return decode_utf8(bytes, errors);
    if (name == "utf-16le" || name == "utf-16be") return decode_utf16(bytes, name == "utf-16le", errors);
    if (name == "replacement") {
        if (errors && !bytes.empty()) ++*errors;
        return bytes.empty() ? "" : "\xEF\xBF\xBD";
    }
    if (name != "iso-2022-jp" && is_ascii(bytes)) return std::string(bytes);
    if (name == "windows-1252") return decode_windows_1252(bytes);
    if (name == "x-user-defined") return decode_x_user_defined(bytes);
    const Codec* codec = find_codec(name);
    if (!codec) return decode_windows_1252(bytes);
    if (single_byte(*codec)) return decode_single_byte(bytes, *codec, errors);
    return decode_iconv(bytes, *codec, errors);
}

std::string guess(std::string_view bytes) {
    struct Detector {
        uchardet_t ud = uchardet_new();
        ~Detector() { uchardet_delete(ud); }
    };
    thread_local Detector detector;
    uchardet_reset(detector.ud);
    const std::string_view head = bytes.substr(0, size_t(64) << 10);
    if (uchardet_handle_data(detector.ud, head.data(), head.size()) != 0) return {};
    uchardet_data_end(detector.ud);
    const char* found = uchardet_get_charset(detector.ud);
    std::string name = found ? found : "";
    // uchardet's names that are no WHATWG labels but are web encodings.
    for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (name == "mac-cyrillic" || name == "maccyrillic") return "x-mac-cyrillic";
    if (name == "uhc" || name == "cp949") return "euc-kr";
    if (name == "cp932") return "shift_jis";
    if (name == "utf-16") return {};  // no BOM, no byte order: not a guess to act on
    std::string enc = canonical_name(name);
    if (enc == "replacement" || enc == "x-user-defined") return {};
    return enc;
}

Decoded decode_html(std::string_view bytes, std::string_view http_content_type) {
    return decode(bytes, http_content_type, true);
}

Decoded decode_text(std::string_view bytes, std::string_view http_content_type) {
    return decode(bytes, http_content_type, false);
}

}  // namespace copydesk::charset
