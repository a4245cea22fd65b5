#include "extract/dump_util.hpp"

#include <utf8proc.h>

#include <array>
#include <cctype>

#include "copydesk/text.hpp"

namespace copydesk::extract::detail {

// ---------------------------------------------------------------------------------------------
// Decoding

std::string decode_windows_1252(std::string_view bytes) {
    static constexpr std::array<char16_t, 32> c1 = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char b : bytes) {
        if (b < 0x80) out.push_back(static_cast<char>(b));
        else if (b < 0xA0) text::append_utf8(out, c1[b - 0x80]);
        else text::append_utf8(out, b);
    }
    return out;
}

namespace {

std::string decode_utf16(std::string_view bytes, bool little_endian) {
    std::string out;
    out.reserve(bytes.size());
    const auto unit = [&](size_t i) -> char32_t {
        const auto lo = static_cast<unsigned char>(bytes[i + (little_endian ? 0 : 1)]);
        const auto hi = static_cast<unsigned char>(bytes[i + (little_endian ? 1 : 0)]);
        return static_cast<char32_t>(hi << 8 | lo);
    };
    size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t v = unit(i + 2);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i += 2;
            }
        }
        text::append_utf8(out, u);  // a lone surrogate becomes U+FFFD
    }
    if (i < bytes.size()) text::append_utf8(out, 0xFFFD);  // odd trailing byte
    return out;
}

}  // namespace

Decoded decode_input(std::string_view bytes) {
    Decoded d;
    d.charset = "utf-8";
    d.charset_source = "default";
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
        d.charset_source = "bom";
    } else if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
        const bool le = bytes[0] == '\xFF';
        d.text = decode_utf16(bytes.substr(2), le);
        d.charset = le ? "utf-16le" : "utf-16be";
        d.charset_source = "bom";
        return d;
    }
    if (text::is_valid_utf8(bytes)) {
        d.text = std::string(bytes);
        return d;
    }
    // Not valid UTF-8: a few bad bytes in UTF-8 text are repaired; text whose non-ASCII bytes
    // are mostly not UTF-8 sequences is taken as windows-1252 (the usual legacy charset).
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < bytes.size();) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) { ++i; continue; }
        const size_t start = i;
        const char32_t cp = text::decode(bytes, i);
        const bool real_fffd = bytes.substr(start, 3) == "\xEF\xBF\xBD";
        if (cp == 0xFFFD && !real_fffd) ++bad; else ++good;
    }
    if (bad > good) {
        d.text = decode_windows_1252(bytes);
        d.charset = "windows-1252";
        d.charset_source = "guess";
        d.warnings.push_back("input is not UTF-8; decoded as windows-1252");
    } else {
        d.text = text::repair_utf8(bytes);
        d.warnings.push_back("invalid UTF-8 repaired: " + std::to_string(bad) +
                             " ill-formed sequence(s) replaced with U+FFFD");
    }
    return d;
}

// ---------------------------------------------------------------------------------------------
// Characters and strings

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static utf8proc_category_t category(char32_t c) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}
bool is_upper(char32_t c) {
    const auto k = category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}
bool is_lower(char32_t c) { return category(c) == UTF8PROC_CATEGORY_LL; }
bool is_letter(char32_t c) {
    const auto k = category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}
bool is_cjk(char32_t c) {
    return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3000 && c <= 0x30FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty()) {
        size_t i = 0;
        const char32_t c = text::decode(s, i);
        if (!is_space(c)) break;
        s.remove_prefix(i);
    }
    while (!s.empty()) {
        size_t start = s.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        size_t i = start;
        const char32_t c = text::decode(s, i);
        if (!is_space(c)) break;
        s.remove_suffix(s.size() - start);
    }
    return s;
}

std::string_view trim_ascii(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

char32_t first_cp(std::string_view s) {
    if (s.empty()) return 0;
    size_t i = 0;
    return text::decode(s, i);
}

char32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    return text::decode(s, start);
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> words;
    size_t i = 0, word = std::string_view::npos;
    while (i < s.size()) {
        const size_t at = i;
        const char32_t c = text::decode(s, i);
        if (is_space(c)) {
            if (word != std::string_view::npos) words.push_back(s.substr(word, at - word));
            word = std::string_view::npos;
        } else if (word == std::string_view::npos) {
            word = at;
        }
    }
    if (word != std::string_view::npos) words.push_back(s.substr(word));
    return words;
}

static char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}
bool istarts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && iequals(s.substr(0, p.size()), p);
}
bool iends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && iequals(s.substr(s.size() - p.size()), p);
}

// ---------------------------------------------------------------------------------------------
// Dates

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

// Reads 1..max digits at s[i]; returns the count read (0 when none).
size_t read_number(std::string_view s, size_t i, size_t max, int& value) {
    size_t n = 0;
    value = 0;
    while (i + n < s.size() && is_digit(s[i + n]) && n < max) value = value * 10 + (s[i + n++] - '0');
    if (n == max && i + n < s.size() && is_digit(s[i + n])) return 0;  // too many digits
    return n;
}

// Skips white space (ASCII and no-break) from i.
size_t skip_space(std::string_view s, size_t i) {
    while (i < s.size()) {
        size_t j = i;
        if (!is_space(text::decode(s, j))) break;
        i = j;
    }
    return i;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// A month name or abbreviation (Mar, Mar., Sept) at s[i]: returns its end (0 when none).
size_t read_month(std::string_view s, size_t i, int& month) {
    size_t n = 0;
    while (i + n < s.size() && is_alpha(s[i + n])) ++n;
    if (n < 3) return 0;
    const std::string_view word = s.substr(i, n);
    for (size_t m = 0; m < kMonths.size(); ++m) {
        const bool full = iequals(word, kMonths[m]);
        const bool abbr = n == 3 && iequals(word, kMonths[m].substr(0, 3));
        const bool sept = m == 8 && iequals(word, "sept");
        if (full || abbr || sept) {
            month = static_cast<int>(m) + 1;
            size_t end = i + n;
            if (!full && end < s.size() && s[end] == '.') ++end;
            return end;
        }
    }
    return 0;
}

// A weekday name or abbreviation with an optional '.' and ',' at s[i]: returns the position
// after it and the space that follows (0 when none).
size_t read_weekday(std::string_view s, size_t i) {
    size_t n = 0;
    while (i + n < s.size() && is_alpha(s[i + n])) ++n;
    if (n < 3) return 0;
    const std::string_view word = s.substr(i, n);
    for (auto day : kWeekdays) {
        if (iequals(word, day) || (n == 3 && iequals(word, day.substr(0, 3))) ||
            (n == 4 && iequals(word, day.substr(0, 4)) && (day == "tuesday" || day == "thursday"))) {
            size_t end = i + n;
            if (end < s.size() && s[end] == '.') ++end;
            if (end < s.size() && s[end] == ',') ++end;
            const size_t after = skip_space(s, end);
            return after > end || (end > i + n) ? after : 0;
        }
    }
    return 0;
}

// Skips an English ordinal suffix (st, nd, rd, th).
size_t skip_ordinal(std::string_view s, size_t i) {
    if (i + 2 <= s.size()) {
        const std::string_view suf = s.substr(i, 2);
        if ((iequals(suf, "st") || iequals(suf, "nd") || iequals(suf, "rd") || iequals(suf, "th")) &&
            (i + 2 == s.size() || !is_alpha(s[i + 2])))
            return i + 2;
    }
    return i;
}

bool valid_date(int y, int m, int d) {
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d > days[m - 1]) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

std::string two(int v) {
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
}

// Year, month and day at s[i]; returns the end (0 when none).
size_t read_date(std::string_view s, size_t i, bool day_first, int& y, int& m, int& d, bool& iso) {
    iso = false;
    int a = 0;
    size_t n = read_number(s, i, 4, a);
    if (n == 4) {
        size_t j = i + 4;
        // 2020-03-23, 2020/03/23, 2020.03.23
        if (j < s.size() && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
            const char sep = s[j];
            int b = 0, c = 0;
            const size_t nb = read_number(s, j + 1, 2, b);
            if (nb && j + 1 + nb < s.size() && s[j + 1 + nb] == sep) {
                const size_t nc = read_number(s, j + 2 + nb, 2, c);
                if (nc) {
                    y = a, m = b, d = c, iso = sep == '-';
                    return j + 2 + nb + nc;
                }
            }
            return 0;
        }
        // 2020年3月23日
        if (s.substr(j, 3) == "\xE5\xB9\xB4") {
            int b = 0, c = 0;
            const size_t nb = read_number(s, j + 3, 2, b);
            if (nb && s.substr(j + 3 + nb, 3) == "\xE6\x9C\x88") {
                const size_t nc = read_number(s, j + 6 + nb, 2, c);
                if (nc && s.substr(j + 6 + nb + nc, 3) == "\xE6\x97\xA5") {
                    y = a, m = b, d = c;
                    return j + 9 + nb + nc;
                }
            }
        }
        return 0;
    }
    if (n == 1 || n == 2) {
        size_t j = i + n;
        // 23.03.2020, 23/03/2020, 03-23-2020
        if (j < s.size() && (s[j] == '.' || s[j] == '/' || s[j] == '-')) {
            const char sep = s[j];
            int b = 0, c = 0;
            const size_t nb = read_number(s, j + 1, 2, b);
            if (nb && j + 1 + nb < s.size() && s[j + 1 + nb] == sep) {
                const size_t nc = read_number(s, j + 2 + nb, 4, c);
                if (nc == 4) {
                    bool dmy = sep == '.' || day_first;
                    if (a > 12) dmy = true;
                    else if (b > 12) dmy = false;
                    y = c, d = dmy ? a : b, m = dmy ? b : a;
                    return j + 2 + nb + nc;
                }
            }
            return 0;
        }
        // 23 March 2020, 23rd Mar. 2020, 23 March, 2020
        j = skip_ordinal(s, j);
        const size_t k = skip_space(s, j);
        if (k > j) {
            int mon = 0;
            size_t e = read_month(s, k, mon);
            if (e) {
                if (e < s.size() && s[e] == ',') ++e;
                const size_t yk = skip_space(s, e);
                int yr = 0;
                if (yk > e && read_number(s, yk, 4, yr) == 4) {
                    y = yr, m = mon, d = a;
                    return yk + 4;
                }
            }
        }
        return 0;
    }
    // [Monday, ] March 23, 2020 / Mar. 23 2020 / March 23rd, 2020
    if (n == 0 && i < s.size() && is_alpha(s[i])) {
        size_t j = i;
        if (const size_t w = read_weekday(s, i)) j = w;
        int mon = 0;
        size_t e = read_month(s, j, mon);
        if (!e && j > i && j < s.size() && is_digit(s[j])) {  // Monday 23 March 2020
            bool unused;
            return read_date(s, j, day_first, y, m, d, unused);
        }
        if (!e) return 0;
        const size_t k = skip_space(s, e);
        int day = 0;
        const size_t nd = k > e ? read_number(s, k, 2, day) : 0;
        if (!nd) return 0;
        size_t f = skip_ordinal(s, k + nd);
        if (f < s.size() && s[f] == ',') ++f;
        const size_t yk = skip_space(s, f);
        int yr = 0;
        if (yk > k + nd && read_number(s, yk, 4, yr) == 4) {
            y = yr, m = mon, d = day;
            return yk + 4;
        }
        return 0;
    }
    return 0;
}

// A time after a date at s[i] (after separators such as ' ', ',', 'at', 'T'); appends
// "THH:MM[:SS]" and an offset to iso and returns the end (i when there is no time).
size_t read_time(std::string_view s, size_t i, bool iso_date, std::string& iso) {
    size_t j = i;
    if (iso_date && j < s.size() && (s[j] == 'T' || s[j] == 't')) {
        ++j;
    } else {
        j = skip_space(s, j);
        if (j < s.size() && s[j] == ',') j = skip_space(s, j + 1);
        if (istarts_with(s.substr(j), "at ")) j = skip_space(s, j + 3);
        else if (j < s.size() && (s[j] == '@' || s[j] == '-' || s[j] == '|')) j = skip_space(s, j + 1);
        else if (s.substr(j, 3) == "\xE2\x80\x93" || s.substr(j, 3) == "\xE2\x80\x94") j = skip_space(s, j + 3);
    }
    int h = 0, mi = 0, se = -1;
    const size_t nh = read_number(s, j, 2, h);
    if (!nh || j + nh >= s.size() || s[j + nh] != ':') return i;
    const size_t nm = read_number(s, j + nh + 1, 2, mi);
    if (nm != 2) return i;
    size_t e = j + nh + 1 + nm;
    if (e < s.size() && s[e] == ':') {
        int sv = 0;
        if (read_number(s, e + 1, 2, sv) == 2) {
            se = sv;
            e += 3;
            // fractional seconds are dropped
            if (e < s.size() && s[e] == '.' && e + 1 < s.size() && is_digit(s[e + 1])) {
                ++e;
                while (e < s.size() && is_digit(s[e])) ++e;
            }
        }
    }
    if (e < s.size() && is_alnum(s[e]) && !(s[e] == 'Z' || s[e] == 'a' || s[e] == 'A' ||
                                            s[e] == 'p' || s[e] == 'P'))
        return i;
    // am / pm
    size_t k = skip_space(s, e);
    for (std::string_view mer : {"a.m.", "p.m.", "am", "pm"}) {
        if (istarts_with(s.substr(k), mer) &&
            (k + mer.size() == s.size() || !is_alpha(s[k + mer.size()]))) {
            const bool pm = lower(mer[0]) == 'p';
            if (h < 1 || h > 12) return i;
            if (pm && h != 12) h += 12;
            if (!pm && h == 12) h = 0;
            e = k + mer.size();
            break;
        }
    }
    if (h > 23 || mi > 59 || se > 60) return i;
    iso += 'T' + two(h) + ':' + two(mi);
    if (se >= 0) iso += ':' + two(se);

    // Zone: Z, +08:00, +0800, +08, UTC, GMT, UTC+8, GMT+08:00; named zones are consumed only.
    auto offset = [&](size_t p, std::string& out) -> size_t {
        if (p >= s.size() || (s[p] != '+' && s[p] != '-' && s.substr(p, 3) != "\xE2\x88\x92"))
            return 0;
        const size_t sign_len = s[p] == '+' || s[p] == '-' ? 1 : 3;
        const char sign = s[p] == '+' ? '+' : '-';
        int oh = 0, om = 0;
        size_t q = p + sign_len;
        size_t digits = 0;
        while (q + digits < s.size() && is_digit(s[q + digits])) ++digits;
        if (digits == 4) {  // +0800
            oh = (s[q] - '0') * 10 + (s[q + 1] - '0');
            om = (s[q + 2] - '0') * 10 + (s[q + 3] - '0');
            q += 4;
        } else {
            const size_t n1 = read_number(s, q, 2, oh);
            if (!n1) return 0;
            q += n1;
            if (q < s.size() && s[q] == ':') {
                if (read_number(s, q + 1, 2, om) != 2) return 0;
                q += 3;
            }
        }
        if (oh > 14 || om > 59 || (q < s.size() && is_digit(s[q]))) return 0;
        out = std::string(1, sign) + two(oh) + ':' + two(om);
        return q;
    };
    std::string off;
    if (e < s.size() && s[e] == 'Z' && (e + 1 == s.size() || !is_alnum(s[e + 1]))) {
        iso += 'Z';
        return e + 1;
    }
    if (const size_t q = offset(skip_space(s, e), off)) {
        iso += off;
        return q;
    }
    k = skip_space(s, e);
    if (k < s.size() && s[k] == '(') ++k;
    size_t n = 0;
    while (k + n < s.size() && s[k + n] >= 'A' && s[k + n] <= 'Z') ++n;
    if (n >= 2 && n <= 5 && (k + n == s.size() || !is_alpha(s[k + n]))) {
        const std::string_view zone = s.substr(k, n);
        size_t z = k + n;
        if (zone == "UTC" || zone == "GMT") {
            if (const size_t q = offset(z, off)) {
                iso += off == "+00:00" || off == "-00:00" ? "Z" : off;
                z = q;
            } else {
                iso += 'Z';
            }
        } else if (zone.back() != 'T') {
            return e;  // not a zone name (e.g. the start of a publisher's name)
        }
        if (z < s.size() && s[z] == ')' && s[k - 1] == '(') ++z;
        return z;
    }
    return e;
}

}  // namespace

std::optional<DateMatch> find_date(std::string_view s, size_t from, bool day_first) {
    for (size_t i = from; i < s.size(); ++i) {
        if (!is_alnum(s[i]) || (i > 0 && is_alnum(s[i - 1]))) continue;
        int y = 0, m = 0, d = 0;
        bool iso_date = false;
        const size_t end = read_date(s, i, day_first, y, m, d, iso_date);
        if (!end || (end < s.size() && is_digit(s[end])) || !valid_date(y, m, d)) continue;
        DateMatch match;
        match.begin = i;
        match.iso = std::to_string(y) + '-' + two(m) + '-' + two(d);
        match.end = read_time(s, end, iso_date, match.iso);
        if (match.end == end) {
            // A time before the date: "12:25 GMT, 23 March 2020", "9:30 am on March 23, 2020".
            for (size_t p = i > from + 40 ? i - 40 : from; p < i; ++p) {
                if (!is_digit(s[p]) || (p > 0 && is_alnum(s[p - 1]))) continue;
                std::string t;
                size_t e = read_time(s, p, false, t);
                if (e == p) continue;
                while (e < i && (s[e] == ' ' || s[e] == ',' || s[e] == '-' || s[e] == '\t')) ++e;
                if (istarts_with(s.substr(e), "on ")) e = skip_space(s, e + 3);
                if (skip_space(s, e) != i) continue;
                match.begin = p;
                match.iso += t;
                break;
            }
        }
        return match;
    }
    return std::nullopt;
}

}  // namespace copydesk::extract::detail
