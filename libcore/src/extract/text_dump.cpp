// The plain-text dump parser: header (breadcrumbs, headline, dateline, byline, standfirst)
// and body (paragraphs, hard-wrapped lines joined, list items, quotes, subheadings).
//
// Header lines are recognised one by one from the top, as long as each is one of:
//   breadcrumb trail   a line of short items joined by one separator (> » › → :: | /), or
//                      after a prefix such as "You are here:" or "Current Location:"
//   meta line          datelines, bylines and publishers, alone or joined by '|' / '·':
//                      "2020-03-23 12:25:51 China Daily Global", "By A and B | Xinhua |
//                      Updated: 2020-03-23", "Published on March 23, 2020 by A"
//   headline           the first title-like line standing alone (blank line after it or a meta
//                      line under it): no terminal '.', ',', ';' or ':', at most 25 words
//   standfirst         after the headline, a title-like block of 6 to 60 words standing alone,
//                      with body text after it (or on the line right under the headline)
//   publisher, kicker  a line above the headline when the dateline follows the headline:
//                      a publisher's name goes to site_name, a 1-3 word kicker to section; a
//                      publisher's name right under a dateline goes to site_name
// The first line that is none of these starts the body. A dump without such lines has no
// header fields: nothing is guessed from body text.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "copydesk/extract.hpp"
#include "copydesk/text.hpp"
#include "extract/dump_util.hpp"

namespace copydesk::extract {

using namespace detail;

namespace {

constexpr size_t kMaxHeaderLine = 300;  // bytes; longer lines are body text
constexpr size_t kMaxHeaderLines = 16;  // non-blank lines scanned for the header

int64_t cps(std::string_view s) { return text::count_code_points(s); }

bool is_blank(std::string_view line) { return trim_spaces(line).empty(); }

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> ends) {
    for (auto e : ends)
        if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return true;
    return false;
}

bool has_letter(std::string_view s) {
    for (size_t i = 0; i < s.size();)
        if (is_letter(text::decode(s, i))) return true;
    return false;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Strips separator punctuation and white space around a piece of a meta line.
std::string_view strip_separators(std::string_view s) {
    static constexpr std::string_view seps[] = {"|", "-", ",", ";", ":", "(", ")", "[", "]",
                                                "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7",
                                                "\xE2\x80\xA2", "\xEF\xBD\x9C", "/"};
    for (bool changed = true; changed;) {
        changed = false;
        s = trim_spaces(s);
        for (auto sep : seps) {
            if (s.substr(0, sep.size()) == sep) { s.remove_prefix(sep.size()); changed = true; }
            if (s.size() >= sep.size() && s.substr(s.size() - sep.size()) == sep) {
                s.remove_suffix(sep.size());
                changed = true;
            }
        }
    }
    return s;
}

// Splits s at every occurrence of sep; when `spaced`, only where sep has white space (or the
// end of s) on both sides.
std::vector<std::string_view> split_on(std::string_view s, std::string_view sep, bool spaced) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t p = s.find(sep); p != std::string_view::npos; p = s.find(sep, p + sep.size())) {
        if (spaced) {
            const bool before = p == 0 || is_space(last_cp(s.substr(0, p)));
            const bool after = p + sep.size() == s.size() || is_space(first_cp(s.substr(p + sep.size())));
            if (!before || !after) continue;
        }
        parts.push_back(s.substr(start, p - start));
        start = p + sep.size();
    }
    parts.push_back(s.substr(start));
    return parts;
}

// ---------------------------------------------------------------------------------------------
// Shapes of lines

bool starts_with_list_marker(std::string_view t, size_t* text_start = nullptr, bool* ordered = nullptr) {
    static constexpr std::string_view bullets[] = {"- ", "* ", "+ ", "\xE2\x80\xA2", "\xE2\x80\xA3",
                                                   "\xE2\x97\xA6", "\xE2\x96\xAA", "\xC2\xB7"};
    for (auto b : bullets) {
        if (t.substr(0, b.size()) != b) continue;
        const std::string_view rest = t.substr(b.size());
        const std::string_view body = trim_spaces(rest);
        // "•" and friends may be glued to the text; ASCII bullets need their space.
        if (body.empty() || (b.size() > 2 && !rest.empty() && rest.front() != ' ' &&
                             !is_space(first_cp(rest)) && b != "\xE2\x80\xA2"))
            continue;
        if (text_start) *text_start = t.size() - body.size();
        if (ordered) *ordered = false;
        return true;
    }
    size_t n = 0;
    while (n < t.size() && n < 3 && t[n] >= '0' && t[n] <= '9') ++n;
    if (n > 0 && n + 1 < t.size() && (t[n] == '.' || t[n] == ')') && t[n + 1] == ' ' &&
        !trim_spaces(t.substr(n + 1)).empty()) {
        if (text_start) *text_start = t.size() - trim_spaces(t.substr(n + 1)).size();
        if (ordered) *ordered = true;
        return true;
    }
    return false;
}

// A line of the same character (*, -, _, =, ~, #, ·) repeated: a section break.
bool is_rule(std::string_view t) {
    size_t marks = 0;
    for (size_t i = 0; i < t.size();) {
        const char32_t c = text::decode(t, i);
        if (c == '*' || c == '-' || c == '_' || c == '=' || c == '~' || c == '#' || c == 0xB7 ||
            c == 0x2022 || c == 0x2014 || c == 0x2013)
            ++marks;
        else if (!is_space(c))
            return false;
    }
    return marks >= 3;
}

bool ends_like_sentence(std::string_view t) {
    return ends_with_any(t, {".", ",", ";", ":", "\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9A",
                             "\xEF\xBC\x9B"}) &&
           !ends_with_any(t, {"...", "\xE2\x80\xA6"});
}

// A headline: one line, 1..25 words, no terminal '.', ',', ';' or ':', not starting in lower
// case, not a list item or a byline, some letters.
bool title_like(std::string_view t) {
    if (t.empty() || t.size() > kMaxHeaderLine || !has_letter(t)) return false;
    const auto words = split_words(t);
    if (words.empty() || words.size() > 25 || cps(t) > 200) return false;
    if (ends_like_sentence(t) || is_lower(first_cp(t)) || starts_with_list_marker(t)) return false;
    if (istarts_with(t, "http://") || istarts_with(t, "https://") || istarts_with(t, "www.")) return false;
    return !is_rule(t);
}

// A standfirst: title-like in shape but longer (6..60 words).
bool standfirst_like(std::string_view t) {
    if (t.empty() || t.size() > 600 || !has_letter(t)) return false;
    const auto words = split_words(t);
    if (words.size() < 6 || words.size() > 60) return false;
    if (ends_like_sentence(t) || is_lower(first_cp(t)) || starts_with_list_marker(t)) return false;
    return !istarts_with(t, "by ");
}

// A subheading in the body: one short line (1..10 words, <= 80 code points) with no terminal
// punctuation, not opening with a quote, dash or bracket, not lower case.
bool heading_like(std::string_view t) {
    if (t.empty() || !has_letter(t) || cps(t) > 80) return false;
    const auto words = split_words(t);
    if (words.empty() || words.size() > 10) return false;
    const char32_t first = first_cp(t), last = last_cp(t);
    if (is_lower(first)) return false;
    static constexpr char32_t bad_first[] = {'"', '\'', '(', '[', '-', 0x2018, 0x201C, 0x00AB,
                                             0x2013, 0x2014, 0x300C};
    static constexpr char32_t bad_last[] = {'.', ',', ';', ':', '!', '?', '"', '\'', 0x2019,
                                            0x201D, 0x00BB, 0x2026, 0x3002, 0xFF0C, 0xFF1A,
                                            0xFF01, 0xFF1F, 0x300D};
    if (std::find(std::begin(bad_first), std::end(bad_first), first) != std::end(bad_first)) return false;
    if (std::find(std::begin(bad_last), std::end(bad_last), last) != std::end(bad_last)) return false;
    if (starts_with_list_marker(t) || is_rule(t) || istarts_with(t, "by ")) return false;
    // "Photo: Reuters", "Editor: Li Na": a label and its value, not a heading.
    const size_t colon = t.find(':');
    if (colon != std::string_view::npos && split_words(t.substr(0, colon)).size() <= 2) return false;
    return !istarts_with(t, "http://") && !istarts_with(t, "https://");
}

// ---------------------------------------------------------------------------------------------
// Breadcrumbs

bool crumb_like(std::string_view item) {
    if (item.empty() || item.size() > 80) return false;
    const auto words = split_words(item);
    return !words.empty() && words.size() <= 8 && !ends_like_sentence(item);
}

bool generic_crumb(std::string_view item) {
    for (std::string_view g : {"content", "contents", "article", "text", "story", "detail", "details",
                               "body", "full text", "\xE6\xAD\xA3\xE6\x96\x87" /* 正文 */})
        if (iequals(item, g)) return true;
    return false;
}

// A breadcrumb trail: items after an optional prefix ("Home" first is dropped).
// `after_title`: only trails with a prefix count once the headline is known.
bool parse_breadcrumbs(std::string_view t, bool after_title, std::vector<std::string>& out) {
    static constexpr std::string_view prefixes[] = {
        "you are here:", "you are here", "current location:", "current location", "location:",
        "current position:", "your location:", "your position:", "navigation:", "breadcrumbs:",
        "breadcrumb:", "path:", "\xE5\xBD\x93\xE5\x89\x8D\xE4\xBD\x8D\xE7\xBD\xAE\xEF\xBC\x9A",
        "\xE5\xBD\x93\xE5\x89\x8D\xE4\xBD\x8D\xE7\xBD\xAE:", "\xE4\xBD\x8D\xE7\xBD\xAE\xEF\xBC\x9A"};
    bool prefixed = false;
    for (auto p : prefixes) {
        if (istarts_with(t, p)) {
            t = trim_spaces(t.substr(p.size()));
            prefixed = true;
            break;
        }
    }
    if (!prefixed && after_title) return false;
    if (t.empty() || t.size() > kMaxHeaderLine) return false;

    struct Sep { std::string_view s; bool spaced; bool ambiguous; };
    static constexpr Sep seps[] = {
        {"\xC2\xBB", false, false},      // »
        {"\xE2\x80\xBA", false, false},  // ›
        {"\xE2\x86\x92", false, false},  // →
        {"::", false, false},
        {">", false, false},
        {"\xEF\xBC\x9E", false, false},  // ＞
        {"|", true, true},
        {"/", true, true},
    };
    for (const Sep& sep : seps) {
        if (t.find(sep.s) == std::string_view::npos) continue;
        auto parts = split_on(t, sep.s, sep.spaced);
        if (parts.size() < 2) continue;
        std::vector<std::string> items;
        bool ok = true;
        for (size_t k = 0; k < parts.size(); ++k) {
            const std::string_view item = trim_spaces(parts[k]);
            if (item.empty() && k + 1 == parts.size()) continue;  // trailing separator
            if (!crumb_like(item)) { ok = false; break; }
            items.emplace_back(item);
        }
        if (!ok) continue;
        if (!prefixed && (items.size() < (sep.ambiguous ? 3u : 2u))) continue;
        if (!prefixed) {  // without a prefix, items are short (the last may be the headline)
            const size_t check = items.size() >= 3 ? items.size() - 1 : items.size();
            bool short_items = true;
            for (size_t k = 0; k < check; ++k) short_items &= split_words(items[k]).size() <= 4;
            if (!short_items) continue;
        }
        if (!prefixed && has_digit(t) && find_date(t, 0, true)) continue;
        if (!items.empty() && (iequals(items.front(), "home") || iequals(items.front(), "homepage") ||
                               iequals(items.front(), "\xE9\xA6\x96\xE9\xA1\xB5" /* 首页 */)))
            items.erase(items.begin());
        out = std::move(items);
        return true;
    }
    if (prefixed && crumb_like(t)) {  // "You are here: News"
        if (!iequals(t, "home")) out.emplace_back(t);
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Meta lines: datelines, bylines, publishers

struct Meta {
    std::vector<std::string> authors;
    std::optional<std::string> published, modified, site;
    std::vector<std::string> warnings;
};

bool word_in(std::string_view s, std::initializer_list<std::string_view> words) {
    for (auto w : split_words(s)) {
        w = strip_separators(w);
        for (auto k : words)
            if (iequals(w, k)) return true;
    }
    return false;
}

bool role_like(std::string_view s) {
    for (auto w : split_words(s)) {
        w = strip_separators(w);
        for (std::string_view k : {"writer", "writers", "reporter", "reporters", "correspondent",
                                   "correspondents", "editor", "editors", "contributor", "columnist",
                                   "staff", "journalist", "analyst", "intern", "photographer",
                                   "chief", "producer", "commentator", "researcher", "professor"})
            if (iequals(w, k)) return true;
    }
    return false;
}

bool publisher_word(std::string_view s) {
    return word_in(s, {"daily", "news", "times", "post", "press", "agency", "reuters", "xinhua",
                       "afp", "ap", "global", "media", "herald", "journal", "tribune", "gazette",
                       "network", "tv", "radio", "online", "telegraph", "guardian", "magazine",
                       "weekly", "chronicle", "observer", "broadcasting", "wire", "cgtn", "bbc",
                       "cnn"}) ||
           s.find(".com") != std::string_view::npos;
}

// A publisher's name: 1..7 words, capitalised (small words aside) or a domain, no sentence end.
bool publisher_like(std::string_view s) {
    if (s.empty() || s.size() > 80 || ends_like_sentence(s)) return false;
    if (s.find(':') != std::string_view::npos) return false;  // a label or a time
    const auto words = split_words(s);
    if (words.empty() || words.size() > 7) return false;
    if (words.size() == 1 && s.find('.') != std::string_view::npos && !is_upper(first_cp(s)))
        return s.find(' ') == std::string_view::npos && has_letter(s);  // chinadaily.com.cn
    if (!is_upper(first_cp(s)) && !is_cjk(first_cp(s)) && !(s[0] >= '0' && s[0] <= '9')) return false;
    for (auto w : words) {
        const char32_t c = first_cp(w);
        if (is_lower(c) && !word_in(w, {"of", "the", "and", "for", "de", "du", "la", "le", "el",
                                        "y", "und", "der", "die", "am", "on"}))
            return false;
    }
    return true;
}

// A person's name: 1..5 words, each capitalised, an initial, a particle, or CJK.
bool name_like(std::string_view s) {
    if (s.empty() || s.size() > 80 || has_digit(s) || !has_letter(s)) return false;
    const auto words = split_words(s);
    if (words.empty() || words.size() > 5) return false;
    for (auto w : words) {
        const char32_t c = first_cp(w);
        if (is_upper(c) || is_cjk(c) || (is_letter(c) && !is_lower(c))) continue;
        if (word_in(w, {"de", "da", "do", "dos", "das", "van", "von", "der", "den", "di", "del",
                        "della", "la", "le", "du", "bin", "binti", "ibn", "al", "el", "y", "e",
                        "ter", "zu", "af"}) ||
            istarts_with(w, "al-") || istarts_with(w, "el-") || istarts_with(w, "d'"))
            continue;
        return false;
    }
    return is_upper(first_cp(s)) || is_cjk(first_cp(s)) || !is_lower(first_cp(s));
}

// "John Smith in Beijing" -> "John Smith"; "John Smith for China Daily" -> name + publisher.
std::string_view cut_name(std::string_view s, Meta& meta) {
    s = trim_spaces(s);
    for (std::string_view w : {" for ", " For ", " FOR "}) {
        if (const size_t p = s.find(w); p != std::string_view::npos) {
            const std::string_view pub = strip_separators(s.substr(p + w.size()));
            if (publisher_like(pub) && !meta.site) meta.site = std::string(pub);
            s = trim_spaces(s.substr(0, p));
        }
    }
    for (std::string_view w : {" in ", " In ", " IN ", " reporting from ", " from "}) {
        if (const size_t p = s.find(w); p != std::string_view::npos) {
            const std::string_view place = trim_spaces(s.substr(p + w.size()));
            if (!place.empty() && !is_lower(first_cp(place))) s = trim_spaces(s.substr(0, p));
        }
    }
    return s;
}

// "By NAME", "By NAME and NAME", "By NAME, NAME and NAME", "By NAME, Staff Writer".
bool parse_byline(std::string_view s, Meta& meta, bool lenient = false) {
    s = trim_spaces(s);
    std::string_view rest;
    for (std::string_view p : {"by ", "written by ", "words by ", "text by ", "story by ",
                               "reporting by ", "author:", "authors:", "writer:", "reporter:",
                               "by:"}) {
        if (istarts_with(s, p)) {
            rest = strip_separators(s.substr(p.size()));
            break;
        }
    }
    if (rest.empty() || rest.size() > 200) return false;
    if (istarts_with(rest, "the ") || istarts_with(rest, "our ") || istarts_with(rest, "staff") ||
        istarts_with(rest, "a ") || istarts_with(rest, "an ")) {
        // "By the editorial board", "By our correspondent": an attribution but no person's name.
        const auto words = split_words(rest);
        if (words.size() > 5 || ends_like_sentence(rest) || has_digit(rest)) return false;
        meta.warnings.push_back("byline without a person's name: " + std::string(s));
        return true;
    }

    Meta local;
    std::vector<std::string_view> names;
    std::vector<std::string_view> tail;  // comma pieces after the last name: roles, publishers
    size_t and_pos = std::string_view::npos, and_len = 0;
    for (std::string_view w : {" and ", " And ", " AND ", " & "}) {
        const size_t p = rest.rfind(w);
        if (p != std::string_view::npos && (and_pos == std::string_view::npos || p > and_pos)) {
            and_pos = p;
            and_len = w.size();
        }
    }
    if (and_pos != std::string_view::npos) {
        for (auto piece : split_on(rest.substr(0, and_pos), ",", false))
            if (!trim_spaces(piece).empty()) names.push_back(piece);
        auto last = split_on(rest.substr(and_pos + and_len), ",", false);
        names.push_back(last.front());
        tail.assign(last.begin() + 1, last.end());
    } else {
        auto pieces = split_on(rest, ",", false);
        names.push_back(pieces.front());
        for (size_t i = 1; i < pieces.size(); ++i) {
            const std::string_view p = trim_spaces(pieces[i]);
            if (role_like(p) || publisher_word(p) || !tail.empty()) tail.push_back(p);
            else names.push_back(p);
        }
    }
    for (auto t : tail) {
        t = strip_separators(t);
        if (t.empty() || role_like(t)) continue;
        if (publisher_like(t)) {
            if (!local.site) local.site = std::string(t);
            continue;
        }
        return false;
    }
    for (auto n : names) {
        n = strip_separators(cut_name(n, local));
        if (role_like(n) && names.size() > 1) continue;
        // After a date ("Posted on March 23, 2020 by admin") any short name goes.
        const bool loose_ok = lenient && !n.empty() && split_words(n).size() <= 4 &&
                              !ends_like_sentence(n) && !has_digit(n);
        if (!name_like(n) && !loose_ok) return false;
        local.authors.emplace_back(n);
    }
    if (local.authors.empty()) return false;
    for (auto& a : local.authors) meta.authors.push_back(std::move(a));
    if (local.site && !meta.site) meta.site = local.site;
    return true;
}

enum class DateKind { published, modified };

// The label just before a date ("Updated:", "Published on", "Posted", "Date:"): its start in
// `before` (before.size() when there is none) and its kind.
size_t date_label(std::string_view before, DateKind& kind) {
    kind = DateKind::published;
    std::string_view b = before;
    while (!b.empty() && (b.back() == ' ' || b.back() == ':' || b.back() == '\t')) b.remove_suffix(1);
    b = trim_spaces(b);
    while (!b.empty() && b.back() == ':') b = trim_spaces(b.substr(0, b.size() - 1));
    struct Label { std::string_view text; DateKind kind; };
    static constexpr Label labels[] = {
        {"last updated on", DateKind::modified}, {"last updated", DateKind::modified},
        {"updated on", DateKind::modified},      {"updated at", DateKind::modified},
        {"updated", DateKind::modified},         {"update time", DateKind::modified},
        {"last modified", DateKind::modified},   {"modified", DateKind::modified},
        {"first published on", DateKind::published}, {"first published", DateKind::published},
        {"published on", DateKind::published},   {"published at", DateKind::published},
        {"published", DateKind::published},      {"posted on", DateKind::published},
        {"posted at", DateKind::published},      {"posted", DateKind::published},
        {"publish time", DateKind::published},   {"release time", DateKind::published},
        {"released", DateKind::published},       {"date", DateKind::published},
        {"on", DateKind::published},
    };
    for (const Label& l : labels) {
        if (!iends_with(b, l.text)) continue;
        const size_t start = b.size() - l.text.size();
        if (start > 0 && is_letter(last_cp(b.substr(0, start)))) continue;
        kind = l.kind;
        return static_cast<size_t>(b.data() - before.data()) + start;
    }
    return before.size();
}

// Leftover text of a dateline segment: empty, a byline or a publisher.
bool leftover(std::string_view piece, Meta& meta, std::optional<std::string>& publisher) {
    piece = strip_separators(piece);
    if (piece.empty()) return true;
    if (istarts_with(piece, "by ") || istarts_with(piece, "written by "))
        return parse_byline(piece, meta, /*lenient=*/true);
    for (std::string_view p : {"source:", "from:", "source ", "\xE6\x9D\xA5\xE6\xBA\x90\xEF\xBC\x9A" /* 来源： */,
                               "\xE6\x9D\xA5\xE6\xBA\x90:"}) {
        if (istarts_with(piece, p)) piece = strip_separators(piece.substr(p.size()));
    }
    if (publisher_like(piece)) {
        if (!publisher) publisher = std::string(piece);
        return true;
    }
    return false;
}

// One segment of a meta line (between '|'): dates with labels and leftovers, a byline, a
// "Source:" / "Editor:" label, or a publisher.
enum class Seg { none, publisher, meta };

Seg parse_segment(std::string_view seg, Meta& meta, std::optional<std::string>& publisher,
                  const DumpOptions& opt) {
    seg = trim_spaces(seg);
    if (seg.empty()) return Seg::publisher;  // "||": nothing
    if (parse_byline(seg, meta)) return Seg::meta;
    for (std::string_view p : {"source:", "from:", "publisher:", "source :",
                               "\xE6\x9D\xA5\xE6\xBA\x90\xEF\xBC\x9A" /* 来源： */, "\xE6\x9D\xA5\xE6\xBA\x90:"}) {
        if (istarts_with(seg, p)) {
            const std::string_view v = strip_separators(seg.substr(p.size()));
            if (!publisher_like(v) && !(v.size() <= 80 && !v.empty() && !ends_like_sentence(v)))
                return Seg::none;
            if (!meta.site) meta.site = std::string(v);
            return Seg::meta;
        }
    }
    for (std::string_view p : {"editor:", "editors:", "edited by", "photo:", "photos:"}) {
        if (istarts_with(seg, p) && seg.size() <= 100) return Seg::meta;  // attribution, not authorship
    }
    size_t pos = 0;
    bool any = false;
    while (auto d = find_date(seg, pos, opt.day_first)) {
        DateKind kind;
        const std::string_view before = seg.substr(pos, d->begin - pos);
        const size_t label = date_label(before, kind);
        if (!leftover(before.substr(0, label), meta, publisher)) return Seg::none;
        auto& field = kind == DateKind::modified ? meta.modified : meta.published;
        if (!field) field = d->iso;
        pos = d->end;
        any = true;
    }
    if (any) return leftover(seg.substr(pos), meta, publisher) ? Seg::meta : Seg::none;
    if (publisher_like(strip_separators(seg))) {
        if (!publisher) publisher = std::string(strip_separators(seg));
        return Seg::publisher;
    }
    return Seg::none;
}

// A header line made of datelines, bylines and publishers; merges what it finds into `meta`.
bool parse_meta_line(std::string_view t, Meta& meta, const DumpOptions& opt) {
    if (t.empty() || t.size() > kMaxHeaderLine) return false;
    std::vector<std::string_view> segs{t};
    for (std::string_view sep : {"|", "\xEF\xBD\x9C", "\xC2\xB7", "\xE2\x80\xA2"}) {
        std::vector<std::string_view> next;
        for (auto s : segs)
            for (auto p : split_on(s, sep, sep != "|")) next.push_back(p);
        segs = std::move(next);
    }
    Meta local;
    std::optional<std::string> publisher;
    bool any_meta = false;
    for (auto s : segs) {
        const Seg k = parse_segment(s, local, publisher, opt);
        if (k == Seg::none) return false;
        any_meta |= k == Seg::meta;
    }
    if (!any_meta) return false;
    for (auto& a : local.authors) meta.authors.push_back(std::move(a));
    if (local.published && !meta.published) meta.published = local.published;
    if (local.modified && !meta.modified) meta.modified = local.modified;
    if (local.site && !meta.site) meta.site = local.site;
    if (publisher && !meta.site) meta.site = publisher;
    for (auto& w : local.warnings) meta.warnings.push_back(std::move(w));
    return true;
}

// ---------------------------------------------------------------------------------------------
// Body

void join_line(std::string& out, std::string_view line) {
    if (out.empty()) {
        out = line;
        return;
    }
    if (line.empty()) return;
    if (!(is_cjk(last_cp(out)) && is_cjk(first_cp(line)))) out += ' ';
    out += line;
}

struct BodyBuilder {
    const DumpOptions& opt;
    std::vector<Block>& body;

    void paragraph(const std::vector<std::string_view>& lines) {
        if (lines.empty()) return;
        bool wrapped = opt.join_wrapped_lines;
        for (size_t i = 0; wrapped && i + 1 < lines.size(); ++i)
            if (cps(lines[i]) > opt.max_wrapped_line) wrapped = false;
        if (wrapped) {
            Block b;
            for (auto l : lines) join_line(b.text, l);
            body.push_back(std::move(b));
        } else {
            for (auto l : lines) {
                Block b;
                b.text = l;
                body.push_back(std::move(b));
            }
        }
    }

    // One block of non-blank lines (ASCII-trimmed) with their indentation.
    void chunk(const std::vector<std::string_view>& raw) {
        std::vector<std::string_view> para;
        Block* item = nullptr;
        std::string quote;
        size_t base_indent = std::string_view::npos;
        auto flush_quote = [&] {
            if (quote.empty()) return;
            Block b;
            b.type = "quote";
            b.text = std::move(quote);
            body.push_back(std::move(b));
            quote.clear();
        };
        for (std::string_view r : raw) {
            const std::string_view t = trim_ascii(r);
            const size_t indent = static_cast<size_t>(t.data() - r.data());
            if (is_rule(t)) {
                paragraph(para), para.clear(), flush_quote(), item = nullptr;
                continue;
            }
            size_t start = 0;
            bool ordered = false;
            if (opt.detect_lists && starts_with_list_marker(t, &start, &ordered)) {
                paragraph(para), para.clear(), flush_quote();
                if (base_indent == std::string_view::npos) base_indent = indent;
                Block b;
                b.type = "item";
                b.ordered = ordered;
                b.depth = indent > base_indent ? static_cast<int>(std::min<size_t>((indent - base_indent + 1) / 2, 5)) : 0;
                b.text = std::string(t.substr(start));
                body.push_back(std::move(b));
                item = &body.back();
                continue;
            }
            if (t.size() >= 2 && t[0] == '>' && (t[1] == ' ' || t.size() == 1)) {
                paragraph(para), para.clear(), item = nullptr;
                join_line(quote, trim_ascii(t.substr(1)));
                continue;
            }
            if (item && (indent > 0 || cps(item->text) >= 60)) {  // continuation of an item
                join_line(item->text, t);
                continue;
            }
            item = nullptr;
            flush_quote();
            para.push_back(t);
        }
        paragraph(para);
        flush_quote();
    }
};

// Markdown-style "## Heading": its level (0 when not one).
int atx_level(std::string_view t) {
    size_t n = 0;
    while (n < t.size() && t[n] == '#') ++n;
    if (n == 0 || n > 6 || n >= t.size() || t[n] != ' ') return 0;
    return trim_spaces(t.substr(n)).empty() ? 0 : static_cast<int>(n);
}

}  // namespace

Article parse_text_dump(std::string_view bytes, const DumpOptions& opt) {
    Article a;
    a.source.present = true;
    a.source.format = "text";
    Decoded dec = decode_input(bytes);
    a.source.charset = dec.charset;
    a.source.charset_source = dec.charset_source;
    a.warnings = std::move(dec.warnings);
    const std::string& s = dec.text;

    // Lines, with CRLF, CR and LF line ends; trailing ASCII white space dropped.
    std::vector<std::string_view> lines;
    for (size_t i = 0, start = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n' || s[i] == '\r') {
            lines.push_back(trim_ascii(std::string_view(s).substr(start, i - start)).empty()
                                ? std::string_view()
                                : std::string_view(s).substr(start, i - start));
            if (i + 1 < s.size() && s[i] == '\r' && s[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    const size_t n = lines.size();
    auto blank = [&](size_t i) { return i >= n || is_blank(lines[i]); };

    // Header.
    Meta meta;
    size_t i = 0, seen = 0;
    bool after_meta = false;  // the line before, in the same block, was a meta line
    bool kicker_checked = false;
    auto next_nonblank = [&](size_t k) {
        while (k < n && blank(k)) ++k;
        return k;
    };
    auto strip_atx = [](std::string_view t) {
        const int level = atx_level(t);
        return std::string(level ? trim_spaces(t.substr(static_cast<size_t>(level))) : t);
    };
    while (seen < kMaxHeaderLines) {
        i = next_nonblank(i);
        if (i >= n) break;
        ++seen;
        const std::string_view t = trim_spaces(lines[i]);
        const bool chunk_start = i == 0 || blank(i - 1);
        if (chunk_start) after_meta = false;
        if (t.size() > kMaxHeaderLine) break;
        if (parse_meta_line(t, meta, opt)) {
            ++i;
            after_meta = true;
            continue;
        }
        // "China Daily" on a line of its own under a dateline or byline.
        if (after_meta && !meta.site && publisher_like(t) && publisher_word(t)) {
            meta.site = std::string(t);
            ++i;
            continue;
        }
        if (a.breadcrumbs.empty() && !a.subtitle && parse_breadcrumbs(t, a.title.has_value(), a.breadcrumbs)) {
            ++i;
            continue;
        }
        if (!a.title && !a.subtitle && chunk_start && title_like(t)) {
            Meta probe;
            const bool alone = blank(i + 1);
            const std::string_view next = alone ? std::string_view() : trim_spaces(lines[i + 1]);
            if (alone || parse_meta_line(next, probe, opt)) {
                a.title = strip_atx(t);
                ++i;
                continue;
            }
            // Headline and standfirst in one block: a short line, then a standfirst-like one,
            // then a blank line (and more text) or a meta line.
            const bool then_break = blank(i + 2) ? next_nonblank(i + 2) < n
                                                 : parse_meta_line(trim_spaces(lines[i + 2]), probe, opt);
            if (then_break && cps(t) <= 100 && standfirst_like(next)) {
                a.title = strip_atx(t);
                a.subtitle = std::string(next);
                i += 2;
                continue;
            }
        }
        // A publisher's name or a kicker above the headline: "China Daily" or "Opinion", then
        // the headline, then the dateline. The line nearest the dateline is the headline; the
        // line above it names the publisher (site_name) or the section (a kicker of 1-3 words).
        if (a.title && !a.subtitle && !kicker_checked && chunk_start && blank(i + 1) && title_like(t)) {
            kicker_checked = true;
            const bool publisher = !meta.site && publisher_like(*a.title) && publisher_word(*a.title);
            const bool kicker = !publisher && !a.section && split_words(*a.title).size() <= 3;
            Meta probe;
            const size_t k = next_nonblank(i + 1);
            if ((publisher || kicker) && k < n && parse_meta_line(trim_spaces(lines[k]), probe, opt)) {
                (publisher ? meta.site : a.section) = std::move(a.title);
                a.title = strip_atx(t);
                ++i;
                continue;
            }
        }
        if (a.title && !a.subtitle && chunk_start) {
            size_t e = i;
            std::string joined;
            while (e < n && !blank(e) && e - i < 4) join_line(joined, trim_spaces(lines[e++]));
            if (blank(e) && next_nonblank(e) < n && standfirst_like(joined)) {
                a.subtitle = std::move(joined);
                i = e;
                continue;
            }
        }
        break;
    }
    a.authors = std::move(meta.authors);
    a.date_published = std::move(meta.published);
    a.date_modified = std::move(meta.modified);
    a.site_name = std::move(meta.site);
    for (auto& w : meta.warnings) a.warnings.push_back(std::move(w));

    // Body: blocks of non-blank lines.
    BodyBuilder builder{opt, a.body};
    std::vector<std::vector<std::string_view>> chunks;
    for (size_t k = i; k < n;) {
        while (k < n && blank(k)) ++k;
        if (k >= n) break;
        std::vector<std::string_view> chunk;
        while (k < n && !blank(k)) chunk.push_back(lines[k++]);
        chunks.push_back(std::move(chunk));
    }
    auto single_heading = [&](size_t c) {
        return c < chunks.size() && chunks[c].size() == 1 && heading_like(trim_spaces(chunks[c][0]));
    };
    for (size_t c = 0; c < chunks.size(); ++c) {
        const auto& chunk = chunks[c];
        if (chunk.size() == 1) {
            const std::string_view t = trim_spaces(chunk[0]);
            if (const int level = atx_level(t)) {
                Block b;
                b.type = "heading";
                b.level = level;
                b.text = std::string(trim_spaces(t.substr(static_cast<size_t>(level))));
                a.body.push_back(std::move(b));
                continue;
            }
            // A subheading: a short line with text after it that is not another short line.
            const bool after_lead_in = c > 0 && ends_with_any(trim_spaces(chunks[c - 1].back()), {":", "\xEF\xBC\x9A"});
            if (opt.detect_headings && single_heading(c) && c + 1 < chunks.size() &&
                !single_heading(c + 1) && !after_lead_in) {
                Block b;
                b.type = "heading";
                b.level = 2;
                b.text = std::string(t);
                a.body.push_back(std::move(b));
                continue;
            }
        }
        builder.chunk(chunk);
    }

    // Section: the last breadcrumb that is neither generic ("Content") nor the headline.
    if (opt.section_from_breadcrumbs && !a.section) {
        for (auto it = a.breadcrumbs.rbegin(); it != a.breadcrumbs.rend(); ++it) {
            if (generic_crumb(*it) || (a.title && *it == *a.title)) continue;
            a.section = *it;
            break;
        }
    }
    return a;
}

}  // namespace copydesk::extract
