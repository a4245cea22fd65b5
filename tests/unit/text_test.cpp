#include <catch2/catch.hpp>

#include "copydesk/text.hpp"

using namespace copydesk::text;

TEST_CASE("utf8 validation follows the Unicode well-formedness table") {
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Xi\xE2\x80\x99s caf\xC3\xA9 \xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("abc\xE2\x80"));       // truncated
}

TEST_CASE("repair_utf8 replaces maximal subparts with one U+FFFD each") {
    CHECK(repair_utf8("a\xE2\x80z") == "a\xEF\xBF\xBDz");
    CHECK(repair_utf8("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(repair_utf8("\xF0\x9F\x98") == "\xEF\xBF\xBD");
    CHECK(repair_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(is_valid_utf8(repair_utf8("\x80\xC3(\xE0\x80")));
}

TEST_CASE("code point offsets") {
    const std::string s = "a\xC3\xA9\xE2\x80\x99z";  // a é ’ z
    CHECK(count_code_points(s) == 4);
    CHECK(byte_offset(s, 0) == 0);
    CHECK(byte_offset(s, 2) == 3);
    CHECK(byte_offset(s, 3) == 6);
    CHECK(byte_offset(s, 9) == s.size());
    size_t i = 1;
    CHECK(decode(s, i) == U'\u00E9');
    CHECK(i == 3);
    std::string out;
    append_utf8(out, U'\u2019');
    CHECK(out == "\xE2\x80\x99");
}

TEST_CASE("OffsetMap keeps spans on the same words") {
    // "a  b&amp;c" -> "a b&c": the double space became one, "&amp;" became "&".
    OffsetMap m;
    m.keep(1);        // a
    m.replace(2, 1);  // two spaces -> one
    m.keep(2);        // b&   (the & of &amp;)
    m.replace(4, 0);  // amp; deleted
    m.keep(1);        // c
    CHECK(m.map_start(0) == 0);
    CHECK(m.map_start(3) == 2);  // b
    CHECK(m.map_end(4) == 3);
    CHECK(m.map_start(9) == 4);  // c
    CHECK(m.map_end(10) == 5);
    CHECK(m.map_start(2) == 1);  // inside the replaced run: its start
    CHECK(m.map_end(2) == 2);    // and its end
    OffsetMap insertion;
    insertion.keep(2);
    insertion.replace(0, 3);
    insertion.keep(2);
    CHECK(insertion.map_end(2) == 2);    // a span ending at the insertion does not grow
    CHECK(insertion.map_start(2) == 5);  // one starting there does not either
    CHECK(OffsetMap{}.identity());
}
