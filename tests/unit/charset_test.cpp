// Tests of the charset layer (copydesk/charset.hpp): the WHATWG order, the label table, the
// meta prescan, conversions, and declarations that the bytes contradict.
#include <catch2/catch.hpp>
#include <string>

#include "charset/internal.hpp"
#include "copydesk/charset.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

namespace {

// The same sentences in legacy encodings (bytes written with Python's codecs) and in UTF-8.
const std::string kGbk =
    "\xD6\xD0\xBB\xAA\xC8\xCB\xC3\xF1\xB9\xB2\xBA\xCD\xB9\xFA\xB3\xC9\xC1\xA2\xC6\xDF\xCA\xAE\xD6\xDC\xC4\xEA\xA3"
    "\xAC\xB1\xB1\xBE\xA9\xBE\xD9\xD0\xD0\xCA\xA2\xB4\xF3\xC7\xEC\xD7\xA3\xBB\xEE\xB6\xAF\xA1\xA3";
const std::string kGbkText = "中华人民共和国成立七十周年，北京举行盛大庆祝活动。";
const std::string kSjis =
    "\x93\xFA\x96{\x8C\xEA\x82\xCC\x83" "e\x83L\x83X\x83g\x82\xC5\x82\xB7\x81" "B\x93\x8C\x8B\x9E\x82\xCD\x90\xB0\x82"
    "\xEA\x81" "A\x8B" "C\x89\xB7\x82\xCD\x93\xF1\x8F\\\x93x\x82\xC5\x82\xB5\x82\xBD\x81" "B";
const std::string kSjisText = "日本語のテキストです。東京は晴れ、気温は二十度でした。";
const std::string kKoi8r =
    "\xED\xCF\xD3\xCB\xD7\xC1 - \xD3\xD4\xCF\xCC\xC9\xC3\xC1 \xF2\xCF\xD3\xD3\xC9\xC9, \xCB\xD2\xD5\xD0\xCE\xC5\xCA"
    "\xDB\xC9\xCA \xC7\xCF\xD2\xCF\xC4 \xD3\xD4\xD2\xC1\xCE\xD9.";
const std::string kKoi8rText = "Москва - столица России, крупнейший город страны.";
const std::string kCp1251 =
    "\xCC\xEE\xF1\xEA\xE2\xE0 \x97 \xF1\xF2\xEE\xEB\xE8\xF6\xE0 \xD0\xEE\xF1\xF1\xE8\xE8, \xEA\xF0\xF3\xEF\xED\xE5"
    "\xE9\xF8\xE8\xE9 \xE3\xEE\xF0\xEE\xE4 \xF1\xF2\xF0\xE0\xED\xFB.";
const std::string kCp1251Text = "Москва — столица России, крупнейший город страны.";
const std::string kEucKr =
    "\xB4\xEB\xC7\xD1\xB9\xCE\xB1\xB9\xC0\xC7 \xBC\xF6\xB5\xB5\xB4\xC2 \xBC\xAD\xBF\xEF\xC0\xD4\xB4\xCF\xB4\xD9. "
    "\xBF\xC0\xB4\xC3 \xB3\xAF\xBE\xBE\xB0\xA1 \xC1\xC1\xBD\xC0\xB4\xCF\xB4\xD9.";
const std::string kEucKrText = "대한민국의 수도는 서울입니다. 오늘 날씨가 좋습니다.";
const std::string kBig5 =
    "\xBBO\xC6W\xAA\xBA\xAD\xBA\xB3\xA3\xACO\xBBO\xA5_\xA1" "A\xA4\xB5\xA4\xD1\xA4\xD1\xAE\xF0\xAB\xDC\xA6n\xA1" "C";
const std::string kBig5Text = "臺灣的首都是臺北，今天天氣很好。";
const std::string kEucJp =
    "\xC6\xFC\xCB\xDC\xB8\xEC\xA4\xCE\xA5\xC6\xA5\xAD\xA5\xB9\xA5\xC8\xA4\xC7\xA4\xB9\xA1\xA3\xC5\xEC\xB5\xFE\xA4"
    "\xCF\xC0\xB2\xA4\xEC\xA1\xA3";
const std::string kEucJpText = "日本語のテキストです。東京は晴れ。";
const std::string kLatin2 = "Za\xBF\xF3\xB3\xE6 g\xEA\xB6l\xB1 ja\xBC\xF1 - \xA3\xF3" "d\xBC";
const std::string kLatin2Text = "Zażółć gęślą jaźń - Łódź";
const std::string kCp1252 = "Caf\xE9 \x93quoted\x94 \x96 na\xEFve \x80 \x9C \x9F";
const std::string kCp1252Text = "Café “quoted” – naïve € œ Ÿ";
const std::string kIso2022jp = "\x1B$BF|K\\8l$N%F%-%9%H\x1B(B";
const std::string kIso2022jpText = "日本語のテキスト";

std::string page(std::string_view head, std::string_view body) {
    return "<!DOCTYPE html><html><head>" + std::string(head) + "<title>t</title></head><body><p>" +
           std::string(body) + "</p></body></html>";
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

bool any_warning(const charset::Decoded& d, std::string_view needle) {
    for (const auto& w : d.warnings)
        if (contains(w, needle)) return true;
    return false;
}

}  // namespace

TEST_CASE("charset: <meta charset> is found and used") {
    const auto d = charset::decode_html(page("<meta charset=\"windows-1251\">", kCp1251));
    CHECK(d.charset == "windows-1251");
    CHECK(d.source == "meta");
    CHECK(contains(d.utf8, kCp1251Text));
    CHECK(d.warnings.empty());
}

TEST_CASE("charset: <meta http-equiv=Content-Type content=...> is found and used") {
    const auto d = charset::decode_html(
        page("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=koi8-r\">", kKoi8r));
    CHECK(d.charset == "koi8-r");
    CHECK(d.source == "meta");
    CHECK(contains(d.utf8, kKoi8rText));
}

TEST_CASE("charset: the HTTP header wins over <meta>") {
    const auto d = charset::decode_html(page("<meta charset=\"utf-8\">", kGbk), "text/html; charset=GB2312");
    CHECK(d.charset == "gbk");
    CHECK(d.source == "http");
    CHECK(contains(d.utf8, kGbkText));
    const auto bare = charset::decode_html(page("", kSjis), "Shift_JIS");
    CHECK(bare.charset == "shift_jis");
    CHECK(bare.source == "http");
    CHECK(contains(bare.utf8, kSjisText));
    const auto param = charset::decode_html(page("", kKoi8r), "charset=\"KOI8-R\"");
    CHECK(param.charset == "koi8-r");
    CHECK(param.source == "http");
    const auto none = charset::decode_html(page("<meta charset=koi8-r>", kKoi8r), "text/html");
    CHECK(none.source == "meta");
}

TEST_CASE("charset: a BOM wins over everything and is removed") {
    const auto d = charset::decode_html("\xEF\xBB\xBF" + page("<meta charset=koi8-r>", "caf\xC3\xA9"),
                                        "text/html; charset=windows-1251");
    CHECK(d.charset == "utf-8");
    CHECK(d.source == "bom");
    CHECK(d.utf8.rfind("<!DOCTYPE", 0) == 0);
    CHECK(contains(d.utf8, "café"));

    const std::string ascii = page("<meta charset=utf-8>", "hi");
    std::string le = "\xFF\xFE", be = "\xFE\xFF";
    for (char c : ascii) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
    }
    const auto l = charset::decode_html(le, "text/html; charset=iso-8859-1");
    CHECK(l.charset == "utf-16le");
    CHECK(l.source == "bom");
    CHECK(l.utf8 == ascii);
    const auto b = charset::decode_html(be);
    CHECK(b.charset == "utf-16be");
    CHECK(b.utf8 == ascii);
}

TEST_CASE("charset: nothing declared: a guess, then windows-1252") {
    const auto utf8 = charset::decode_html(page("", "Grüße aus Köln, schöne Straße"));
    CHECK(utf8.charset == "utf-8");
    CHECK(utf8.source == "guess");
    CHECK(contains(utf8.utf8, "Grüße aus Köln"));

    std::string sjis_page = page("", kSjis + kSjis + kSjis);
    const auto sjis = charset::decode_html(sjis_page);
    CHECK(sjis.source == "guess");
    CHECK(sjis.charset == "shift_jis");
    CHECK(contains(sjis.utf8, kSjisText));

    const auto ascii = charset::decode_html(page("", "plain ASCII"));
    CHECK(ascii.charset == "windows-1252");
    CHECK(ascii.source == "default");
    CHECK(ascii.utf8 == page("", "plain ASCII"));
}

TEST_CASE("charset: declared latin1 but the bytes are UTF-8: no mojibake, a warning") {
    const std::string text = "Le café de la gare, déjà vu — “quotes”";
    const auto d = charset::decode_html(page("<meta charset=iso-8859-1>", text));
    CHECK(d.charset == "utf-8");
    CHECK(d.source == "guess");
    CHECK(contains(d.utf8, text));
    CHECK(any_warning(d, "declared windows-1252 but the bytes are UTF-8"));

    const auto h = charset::decode_html(page("", text), "text/html; charset=windows-1252");
    CHECK(h.charset == "utf-8");
    CHECK(any_warning(h, "declared windows-1252 but the bytes are UTF-8"));

    // Real windows-1252 is not valid UTF-8: the declaration holds.
    const auto real = charset::decode_html(page("<meta charset=iso-8859-1>", kCp1252));
    CHECK(real.charset == "windows-1252");
    CHECK(real.source == "meta");
    CHECK(contains(real.utf8, kCp1252Text));
    CHECK(real.warnings.empty());
}

TEST_CASE("charset: declared utf-8 but plainly windows-1251: the guess, with a warning") {
    std::string body;
    for (int i = 0; i < 8; ++i) body += kCp1251 + " ";
    const auto d = charset::decode_html(page("<meta charset=utf-8>", body));
    CHECK(d.charset == "windows-1251");
    CHECK(any_warning(d, "declared utf-8 but the bytes are not UTF-8"));
    CHECK(contains(d.utf8, kCp1251Text));
    // A few bad bytes in a UTF-8 page do not change the charset.
    const auto few = charset::decode_html(page("<meta charset=utf-8>", "Grüße aus Köln \xFF und Straße"));
    CHECK(few.charset == "utf-8");
    CHECK(contains(few.utf8, "Köln \xEF\xBF\xBD und"));
    CHECK(any_warning(few, "1 invalid byte sequence for utf-8"));
}

TEST_CASE("charset: legacy CJK and Cyrillic samples") {
    struct Case {
        std::string label, bytes, text;
    };
    const Case cases[] = {
        {"gbk", kGbk, kGbkText},           {"gb2312", kGbk, kGbkText},          {"gb18030", kGbk, kGbkText},
        {"shift_jis", kSjis, kSjisText},   {"sjis", kSjis, kSjisText},          {"windows-31j", kSjis, kSjisText},
        {"koi8-r", kKoi8r, kKoi8rText},    {"windows-1251", kCp1251, kCp1251Text},
        {"euc-kr", kEucKr, kEucKrText},    {"ks_c_5601-1987", kEucKr, kEucKrText},
        {"big5", kBig5, kBig5Text},        {"euc-jp", kEucJp, kEucJpText},      {"iso-8859-2", kLatin2, kLatin2Text},
        {"latin1", kCp1252, kCp1252Text},  {"us-ascii", kCp1252, kCp1252Text},  {"iso-2022-jp", kIso2022jp, kIso2022jpText},
    };
    for (const Case& c : cases) {
        INFO(c.label);
        size_t errors = 0;
        CHECK(charset::to_utf8(c.bytes, c.label, &errors) == c.text);
        CHECK(errors == 0);
        const auto d = charset::decode_html(page("<meta charset=\"" + c.label + "\">", c.bytes));
        CHECK(d.source == "meta");
        CHECK(d.charset == charset::canonical_name(c.label));
        CHECK(contains(d.utf8, c.text));
    }
}

TEST_CASE("charset: windows-1252 as WHATWG has it, and other WHATWG mappings") {
    size_t errors = 0;
    CHECK(charset::to_utf8("\x80\x81\x8D\x8F\x90\x9D\x9F\xFF", "windows-1252") ==
          "\xE2\x82\xAC\xC2\x81\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D\xC5\xB8\xC3\xBF");
    CHECK(charset::to_utf8("\x81", "windows-1250") == "\xC2\x81");  // C1 identity, not U+FFFD
    CHECK(charset::to_utf8("\x80", "gbk") == "€");
    CHECK(charset::to_utf8("\xAE\xBE\xA4", "koi8-u") == "ўЎє");        // WHATWG's koi8-u
    CHECK(charset::to_utf8("\xFF\xDF", "x-mac-cyrillic") == "€я");
    CHECK(charset::to_utf8("\xCA\xE0", "windows-1255") == "\u05BA\u05D0");
    CHECK(charset::to_utf8("a\xD2\xEC", "windows-1258") == "a\u0309\u0301");  // not composed
    CHECK(charset::to_utf8("\xDB\xA5", "macintosh") == "€•");
    CHECK(charset::to_utf8("\xA5", "iso-8859-3", &errors) == "\xEF\xBF\xBD");  // undefined
    CHECK(errors == 1);
    errors = 0;
    CHECK(charset::to_utf8("a\x80\xFF", "x-user-defined") == "a\xEF\x9E\x80\xEF\x9F\xBF");
    CHECK(charset::to_utf8("\x81 A\xFF", "shift_jis", &errors) == "\xEF\xBF\xBD A\xEF\xBF\xBD");
    CHECK(errors == 2);
    errors = 0;
    CHECK(charset::to_utf8("ab\xD6", "gbk", &errors) == "ab\xEF\xBF\xBD");  // cut in a sequence
    CHECK(errors == 1);
    CHECK(charset::to_utf8(std::string("a\0b\0\x3D\xD8", 6), "utf-16le", &errors) == "ab\xEF\xBF\xBD");
    CHECK(charset::to_utf8("x\xC3(", "utf-8") == "x\xEF\xBF\xBD(");
    CHECK(charset::to_utf8("caf\xE9", "no-such-charset") == "café");
}

TEST_CASE("charset: the replacement encoding, and utf-16 in a <meta> meaning utf-8") {
    const auto r = charset::decode_html(page("", "x"), "text/html; charset=iso-2022-kr");
    CHECK(r.charset == "replacement");
    CHECK(r.utf8 == "\xEF\xBF\xBD");
    CHECK(any_warning(r, "replacement"));
    const auto u = charset::decode_html(page("<meta charset=utf-16>", "Köln"));
    CHECK(u.charset == "utf-8");
    CHECK(u.source == "meta");
    CHECK(contains(u.utf8, "Köln"));
    const auto x = charset::decode_html(page("<meta charset=x-user-defined>", "caf\xE9"));
    CHECK(x.charset == "windows-1252");
    CHECK(contains(x.utf8, "café"));
}

TEST_CASE("charset: the label table") {
    CHECK(charset::canonical_name("iso-8859-1") == "windows-1252");
    CHECK(charset::canonical_name("Latin1") == "windows-1252");
    CHECK(charset::canonical_name("US-ASCII") == "windows-1252");
    CHECK(charset::canonical_name(" ascii\t") == "windows-1252");
    CHECK(charset::canonical_name("ISO-8859-9") == "windows-1254");
    CHECK(charset::canonical_name("GB2312") == "gbk");
    CHECK(charset::canonical_name("x-gbk") == "gbk");
    CHECK(charset::canonical_name("gb18030") == "gb18030");
    CHECK(charset::canonical_name("Shift_JIS") == "shift_jis");
    CHECK(charset::canonical_name("ms_kanji") == "shift_jis");
    CHECK(charset::canonical_name("x-sjis") == "shift_jis");
    CHECK(charset::canonical_name("EUC-KR") == "euc-kr");
    CHECK(charset::canonical_name("windows-949") == "euc-kr");
    CHECK(charset::canonical_name("tis-620") == "windows-874");
    CHECK(charset::canonical_name("utf8") == "utf-8");
    CHECK(charset::canonical_name("unicode-1-1-utf-8") == "utf-8");
    CHECK(charset::canonical_name("utf-16") == "utf-16le");
    CHECK(charset::canonical_name("unicodefffe") == "utf-16be");
    CHECK(charset::canonical_name("iso-2022-kr") == "replacement");
    CHECK(charset::canonical_name("hz-gb-2312") == "replacement");
    CHECK(charset::canonical_name("x-user-defined") == "x-user-defined");
    CHECK(charset::canonical_name("koi8-ru") == "koi8-u");
    CHECK(charset::canonical_name("logical") == "iso-8859-8-i");
    CHECK(charset::canonical_name("x-mac-ukrainian") == "x-mac-cyrillic");
    CHECK(charset::canonical_name("utf-7").empty());
    CHECK(charset::canonical_name("latin-1").empty());
    CHECK(charset::canonical_name("").empty());
    CHECK(charset::canonical_name("utf 8").empty());

    // Sorted (for the binary search), every label lowercase, every name a name of the table.
    std::string_view prev, name;
    size_t n = 0;
    for (; !charset::label_at(n, &name).empty(); ++n) {
        const std::string_view label = charset::label_at(n, &name);
        INFO(label);
        CHECK(prev < label);
        CHECK(charset::canonical_name(label) == name);
        CHECK(charset::canonical_name(name) == name);
        prev = label;
    }
    CHECK(n == 228);  // every label of the Encoding Standard
}

TEST_CASE("charset: an unknown label falls through to the next step") {
    const auto h = charset::decode_html(page("<meta charset=koi8-r>", kKoi8r), "text/html; charset=klingon");
    CHECK(h.charset == "koi8-r");
    CHECK(h.source == "meta");
    CHECK(any_warning(h, "unknown charset \"klingon\" in the HTTP Content-Type"));
    const auto m = charset::decode_html(page("<meta charset=klingon>", "Grüße"));
    CHECK(m.charset == "utf-8");
    CHECK(m.source == "guess");
    CHECK(any_warning(m, "unknown charset \"klingon\" in <meta>"));
}

TEST_CASE("charset: the prescan, step by step") {
    using charset::prescan;
    CHECK(prescan("<meta charset=utf-8>") == "utf-8");
    CHECK(prescan("<meta charset='Shift_JIS'/>") == "shift_jis");
    CHECK(prescan("<META\tCHARSET = \" koi8-r \">") == "koi8-r");
    CHECK(prescan("<meta/charset=gbk>") == "gbk");
    // In a comment, or in another tag's attribute: not seen.
    CHECK(prescan("<!-- <meta charset=gbk> --><meta charset=big5>") == "big5");
    CHECK(prescan("<!--><meta charset=gbk>") == "gbk");  // "<!-->" is a whole comment
    CHECK(prescan("<div title='<meta charset=gbk>'><meta charset=euc-jp>") == "euc-jp");
    CHECK(prescan("<!DOCTYPE html><?xml x='<meta charset=gbk>'?><meta charset=euc-kr>") == "euc-kr");
    // http-equiv needs both attributes; content alone does not count.
    CHECK(prescan("<meta content='text/html; charset=gbk'>").empty());
    CHECK(prescan("<meta content='text/html; charset=gbk' http-equiv=content-type>") == "gbk");
    CHECK(prescan("<meta http-equiv=\"Content-Type\" content=\"text/html;charset=\"gbk\"\">").empty());
    CHECK(prescan("<meta http-equiv=Content-Type content='text/html; charset=\"big5\"'>") == "big5");
    CHECK(prescan("<meta http-equiv=Content-Type content='charsetx; charset = gbk;x'>") == "gbk");
    // The first of a repeated attribute counts; charset wins when it comes first.
    CHECK(prescan("<meta charset=gbk charset=big5>") == "gbk");
    CHECK(prescan("<meta charset=bogus><meta charset=big5>") == "big5");
    CHECK(prescan("<meta charset=gbk content='charset=big5' http-equiv=content-type>") == "gbk");
    // utf-16 means utf-8; x-user-defined means windows-1252.
    CHECK(prescan("<meta charset=utf-16be>") == "utf-8");
    CHECK(prescan("<meta charset=x-user-defined>") == "windows-1252");
    // Only the first 1024 bytes; a <metadata> tag is not <meta>.
    CHECK(prescan(std::string(1020, ' ') + "<meta charset=gbk>").empty());
    CHECK(prescan(std::string(1000, ' ') + "<meta charset=gbk>") == "gbk");
    CHECK(prescan("<metadata charset=gbk>").empty());
    CHECK(prescan("<meta charset=gbk").empty());
    // UTF-16 XML declarations.
    CHECK(prescan(std::string("<\0?\0x\0m\0l\0", 10)) == "utf-16le");
    CHECK(prescan(std::string("\0<\0?\0x\0m\0l", 10)) == "utf-16be");

    CHECK(charset::charset_from_content("text/html; charset=utf-8") == "utf-8");
    CHECK(charset::charset_from_content("charset='x") == std::nullopt);
    CHECK(charset::charset_from_content("text/html") == std::nullopt);
}

TEST_CASE("charset: decode_text has no <meta> prescan") {
    const auto d = charset::decode_text("<meta charset=koi8-r> plain text");
    CHECK(d.source == "default");
    CHECK(d.charset == "windows-1252");
    const auto h = charset::decode_text(kCp1251, "windows-1251");
    CHECK(h.utf8 == kCp1251Text);
}

TEST_CASE("charset: output is always well-formed UTF-8") {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
    for (std::string_view label : {"", "utf-8", "gbk", "big5", "shift_jis", "euc-jp", "iso-2022-jp", "euc-kr",
                                   "utf-16le", "utf-16be", "koi8-u", "windows-1258", "x-mac-cyrillic"}) {
        INFO(label);
        const auto d = charset::decode_html(junk, label);
        CHECK(text::is_valid_utf8(d.utf8));
    }
}
