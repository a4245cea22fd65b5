// Small pure helpers of the HTML extractor: URL resolution (RFC 3986), title cleaning,
// byline splitting, dates in URLs, and the per-site rules file.
#include <algorithm>
#include <cctype>
#include <string>

#include "copydesk/extract.hpp"
#include "extract/html_internal.hpp"

namespace copydesk::extract {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct UriParts {
    std::string scheme, authority, path, query, fragment;
    bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

UriParts split_uri(std::string_view s) {
    UriParts u;
    size_t i = 0;
    // scheme
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) {
        size_t j = 1;
        while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '+' || s[j] == '-' ||
                                s[j] == '.'))
            ++j;
        if (j < s.size() && s[j] == ':') {
            u.has_scheme = true;
            u.scheme.assign(s.substr(0, j));
            for (char& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            i = j + 1;
        }
    }
    if (s.substr(i, 2) == "//") {
        u.has_authority = true;
        size_t j = i + 2;
        while (j < s.size() && s[j] != '/' && s[j] != '?' && s[j] != '#') ++j;
        u.authority.assign(s.substr(i + 2, j - i - 2));
        i = j;
    }
    size_t j = i;
    while (j < s.size() && s[j] != '?' && s[j] != '#') ++j;
    u.path.assign(s.substr(i, j - i));
    i = j;
    if (i < s.size() && s[i] == '?') {
        u.has_query = true;
        j = i + 1;
        while (j < s.size() && s[j] != '#') ++j;
        u.query.assign(s.substr(i + 1, j - i - 1));
        i = j;
    }
    if (i < s.size() && s[i] == '#') {
        u.has_fragment = true;
        u.fragment.assign(s.substr(i + 1));
    }
    return u;
}

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.substr(0, 3) == "../") {
            in.remove_prefix(3);
        } else if (in.substr(0, 2) == "./") {
            in.remove_prefix(2);
        } else if (in.substr(0, 3) == "/./") {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.substr(0, 4) == "/../" || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            const size_t k = out.rfind('/');
            out.resize(k == std::string::npos ? 0 : k);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            size_t k = in.find('/', in[0] == '/' ? 1 : 0);
            if (k == std::string_view::npos) k = in.size();
            out.append(in.substr(0, k));
            in.remove_prefix(k);
        }
    }
    return out;
}

std::string recompose(const UriParts& u) {
    std::string r;
    if (u.has_scheme) r += u.scheme + ":";
    if (u.has_authority) r += "//" + u.authority;
    r += u.path;
    if (u.has_query) r += "?" + u.query;
    if (u.has_fragment) r += "#" + u.fragment;
    return r;
}

std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

}  // namespace

std::string_view trim_view(std::string_view s) {
    while (!s.empty() && (is_space(s.front()))) s.remove_prefix(1);
    while (!s.empty() && (is_space(s.back()))) s.remove_suffix(1);
    // no-break spaces (U+00A0) at the ends
    while (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) {
        s.remove_prefix(2);
        while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    }
    while (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
           static_cast<unsigned char>(s.back()) == 0xA0) {
        s.remove_suffix(2);
        while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    }
    return s;
}

std::string collapse_space(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (is_space(static_cast<char>(c)) || (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0)) {
            if (c == 0xC2) ++i;
            space = true;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(static_cast<char>(c));
    }
    return out;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
    ref = trim_view(ref);
    // Strip tabs and newlines inside (WHATWG URL parsing does the same).
    std::string r;
    r.reserve(ref.size());
    for (char c : ref)
        if (c != '\n' && c != '\r' && c != '\t') r.push_back(c);
    UriParts R = split_uri(r);
    if (R.has_scheme) {
        if (R.scheme == "http" || R.scheme == "https") R.path = remove_dot_segments(R.path);
        if (R.has_authority && R.path.empty() && (R.scheme == "http" || R.scheme == "https")) R.path = "/";
        return recompose(R);
    }
    base = trim_view(base);
    UriParts B = split_uri(base);
    if (!B.has_scheme) return r;
    UriParts T;
    T.has_scheme = true;
    T.scheme = B.scheme;
    if (R.has_authority) {
        T.has_authority = true;
        T.authority = R.authority;
        T.path = remove_dot_segments(R.path);
        T.has_query = R.has_query;
        T.query = R.query;
    } else {
        T.has_authority = B.has_authority;
        T.authority = B.authority;
        if (R.path.empty()) {
            T.path = B.path;
            if (R.has_query) {
                T.has_query = true;
                T.query = R.query;
            } else {
                T.has_query = B.has_query;
                T.query = B.query;
            }
        } else {
            if (R.path[0] == '/') {
                T.path = remove_dot_segments(R.path);
            } else {
                std::string merged;
                if (B.has_authority && B.path.empty()) {
                    merged = "/" + R.path;
                } else {
                    const size_t k = B.path.rfind('/');
                    merged = (k == std::string::npos ? std::string() : B.path.substr(0, k + 1)) + R.path;
                }
                T.path = remove_dot_segments(merged);
            }
            T.has_query = R.has_query;
            T.query = R.query;
        }
    }
    if (T.has_authority && T.path.empty()) T.path = "/";
    T.has_fragment = R.has_fragment;
    T.fragment = R.fragment;
    return recompose(T);
}

std::string host_of(std::string_view url) {
    UriParts u = split_uri(trim_view(url));
    if (!u.has_authority) return {};
    std::string_view a = u.authority;
    if (const size_t at = a.rfind('@'); at != std::string_view::npos) a.remove_prefix(at + 1);
    if (const size_t colon = a.find(':'); colon != std::string_view::npos) a = a.substr(0, colon);
    return lower(a);
}

// ---------------------------------------------------------------------------------------------
// Titles

namespace {

int word_count(std::string_view s) {
    int n = 0;
    bool in = false;
    for (char c : s) {
        if (is_space(c)) {
            in = false;
        } else if (!in) {
            in = true;
            ++n;
        }
    }
    return n;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The separators a title and a site name are joined with: " | ", " - ", " – ", " — ", " » ",
// " :: ", " / ", " · ", ": ".
constexpr std::string_view separators[] = {" | ", " - ", " \u2013 ", " \u2014 ", " \u00bb ", " :: ",
                                           " / ", " \u00b7 ", " \\ ", " > ", " ~ "};

}  // namespace

std::string clean_title(std::string_view title_in, std::string_view site_name) {
    std::string title = collapse_space(title_in);
    const std::string site = collapse_space(site_name);
    if (!site.empty() && !iequals(title, site)) {
        for (std::string_view sep : separators) {
            if (title.size() > site.size() + sep.size()) {
                const std::string_view t = title;
                if (iequals(t.substr(t.size() - site.size()), site) &&
                    t.substr(t.size() - site.size() - sep.size(), sep.size()) == sep)
                    return std::string(trim_view(t.substr(0, t.size() - site.size() - sep.size())));
                if (iequals(t.substr(0, site.size()), site) && t.substr(site.size(), sep.size()) == sep)
                    return std::string(trim_view(t.substr(site.size() + sep.size())));
            }
        }
        // "Title | Site name - Tagline": the site name anywhere after a separator
        for (std::string_view sep : separators) {
            const size_t k = title.find(sep);
            if (k != std::string::npos && k > 0) {
                const std::string lt = lower(title), ls = lower(site);
                const size_t at = lt.find(ls, k);
                if (at != std::string::npos && at <= k + sep.size() + 1 && word_count(title.substr(0, k)) >= 2)
                    return title.substr(0, k);
            }
        }
    }
    // No known site name: Readability's rule. Cut after the last separator when at least
    // 3 words remain; else cut before the first one; a result of 4 words or fewer is only
    // taken when the separator was hierarchical and one word went.
    size_t last = std::string::npos, first = std::string::npos, first_len = 0;
    bool hierarchical = false;
    int separator_words = 0;
    for (std::string_view sep : separators) {
        if (sep == " / " || sep == " \\ " || sep == " > " || sep == " \u00bb ") {
            if (title.find(sep) != std::string::npos) hierarchical = true;
        }
        for (size_t k = title.find(sep); k != std::string::npos; k = title.find(sep, k + 1)) ++separator_words;
        const size_t k = title.rfind(sep);
        if (k != std::string::npos && (last == std::string::npos || k > last)) last = k;
        const size_t f = title.find(sep);
        if (f != std::string::npos && (first == std::string::npos || f < first)) {
            first = f;
            first_len = sep.size();
        }
    }
    if (last == std::string::npos) return title;
    std::string cut = title.substr(0, last);
    if (word_count(cut) < 3) cut = title.substr(first + first_len);
    cut = std::string(trim_view(cut));
    const int wc = word_count(cut);
    const int orig_words = word_count(title) - separator_words;
    if (wc <= 4 && (!hierarchical || wc != orig_words - 1)) return title;
    return cut;
}

// ---------------------------------------------------------------------------------------------
// Bylines

namespace {

bool is_role_word(std::string_view w) {
    static constexpr std::string_view roles[] = {
        "staff",      "editor",       "editors",   "reporter",    "reporters", "correspondent", "writer",
        "columnist",  "contributor",  "senior",    "chief",       "editorial", "team",          "desk",
        "redaktion",  "autor",        "autorin",   "journalist",  "admin",     "administrator", "guest",
        "bureau",     "photographer", "managing",  "associate",   "contributing", "news",       "online",
        "author",     "posted",       "written",   "updated",     "published", "by",            "from",
        "correspondents", "producer",  "host",      "anchor",      "analyst",   "intern",        "deputy",
        "political",  "business",     "science",   "technology",  "sports",    "health",        "economics",
        "the",        "of",           "and",       "at",          "for",       "rédaction",     "redacción"};
    const std::string l = lower(w);
    for (std::string_view r : roles)
        if (l == r) return true;
    return false;
}

bool all_role_words(std::string_view s) {
    size_t i = 0;
    bool any = false;
    while (i < s.size()) {
        while (i < s.size() && (is_space(s[i]) || s[i] == '.' || s[i] == ',')) ++i;
        size_t j = i;
        while (j < s.size() && !is_space(s[j]) && s[j] != '.' && s[j] != ',') ++j;
        if (j > i) {
            any = true;
            if (!is_role_word(s.substr(i, j - i))) return false;
        }
        i = j;
    }
    return any;
}

bool starts_with_ci(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && iequals(s.substr(0, p.size()), p);
}

}  // namespace

std::vector<std::string> split_authors(std::string_view byline) {
    std::string s = collapse_space(byline);
    std::vector<std::string> out;
    // Leading "By", "Von", "Par", "Por", "Door", "Di", "Av", "Written by", "Posted by", "Autor:"
    for (bool again = true; again;) {
        again = false;
        std::string_view v = s;
        v = trim_view(v);
        for (std::string_view p : {"written by ", "posted by ", "story by ", "text by ", "words by ", "by: ", "by ",
                                   "von ", "par ", "por ", "door ", "di ", "av ", "autor: ", "author: ",
                                   "autorin: ", "text: "}) {
            if (starts_with_ci(v, p)) {
                s = std::string(trim_view(v.substr(p.size())));
                again = true;
                break;
            }
        }
    }
    // Cut a trailing dateline/time: "Jane Doe | March 3, 2020" or "Jane Doe - Updated ..."
    std::vector<std::string> parts;
    auto push = [&](std::string p) {
        std::string t(trim_view(p));
        while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ':' || t.back() == ';')) t.pop_back();
        t = std::string(trim_view(t));
        if (!t.empty()) parts.push_back(t);
    };
    // Cut what follows a bullet or an "Edited by": a dateline or a second role.
    for (std::string_view cut : {"\u2022", "\u00b7", " Edited by ", " edited by ", " Updated ", " updated "}) {
        const size_t k = s.find(cut);
        if (k != std::string::npos && k > 0) s.resize(k);
    }
    // Pieces between commas, semicolons, bars and slashes; within a piece, "and", "&", "und",
    // ... separate names only when every part has at least two words ("Mac & i" stays).
    for (size_t i = 0; i <= s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] != ',' && s[j] != ';' && s[j] != '|' && s[j] != '/') ++j;
        const std::string piece(trim_view(std::string_view(s).substr(i, j - i)));
        std::vector<std::string> sub;
        std::string word_cur;
        size_t k = 0;
        while (k < piece.size()) {
            size_t skip = 0;
            if (piece[k] == '&') {
                skip = 1;
            } else if (k > 0 && piece[k - 1] == ' ') {
                for (std::string_view w : {"and ", "und ", "et ", "y ", "e ", "en ", "og ", "och ", "i "}) {
                    if (starts_with_ci(std::string_view(piece).substr(k), w) && piece.size() > k + w.size()) {
                        skip = w.size();
                        break;
                    }
                }
            }
            if (skip) {
                sub.push_back(std::string(trim_view(word_cur)));
                word_cur.clear();
                k += skip;
            } else {
                word_cur.push_back(piece[k++]);
            }
        }
        sub.push_back(std::string(trim_view(word_cur)));
        bool all_names = sub.size() > 1;
        for (const std::string& x : sub) all_names = all_names && word_count(x) >= 2;
        if (all_names) {
            for (std::string& x : sub) push(x);
        } else {
            push(piece);
        }
        i = j + 1;
    }
    for (std::string& p : parts) {
        // " - Staff Writer", " – Reuters"
        for (std::string_view dash : {" - ", " \u2013 ", " \u2014 "}) {
            const size_t k = p.find(dash);
            if (k != std::string::npos) p = std::string(trim_view(std::string_view(p).substr(0, k)));
        }
        if (p.empty()) continue;
        if (p.find('@') != std::string::npos) continue;
        if (p.find("://") != std::string::npos) continue;
        int digits = 0;
        for (char c : p) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
        if (digits >= 2) continue;
        if (all_role_words(p)) continue;
        {
            // "Our Foreign Staff", "Newsdesk Team": collective names are not people
            const std::string l = lower(p);
            bool collective = false;
            for (std::string_view w : {"staff", "team", "desk", "redaktion", "newsroom", "agencies", "editorial board"}) {
                const size_t at = l.find(w);
                if (at != std::string::npos && (at == 0 || l[at - 1] == ' ') &&
                    (at + w.size() == l.size() || l[at + w.size()] == ' '))
                    collective = true;
            }
            if (collective) continue;
            // "Ben Silverman Games Editor", "Jane Doe Senior Writer": the name before the role
            std::vector<std::string> words;
            size_t i = 0;
            while (i < p.size()) {
                size_t j = p.find(' ', i);
                if (j == std::string::npos) j = p.size();
                if (j > i) words.push_back(p.substr(i, j - i));
                i = j + 1;
            }
            static constexpr std::string_view titles[] = {"editor", "writer", "reporter", "correspondent",
                                                          "columnist", "contributor", "photographer", "producer",
                                                          "analyst", "journalist", "redakteur", "redakteurin"};
            bool job = false;
            for (std::string_view w : titles) job = job || lower(words.empty() ? "" : words.back()) == w;
            if (words.size() >= 3 && job) {
                const size_t keep = words.size() >= 4 ? 2 : words.size() - 1;
                std::string cut;
                for (size_t k = 0; k < keep; ++k) cut += (k ? " " : "") + words[k];
                p = cut;
            }
        }
        if (word_count(p) > 6 || p.size() > 80) continue;
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Dates in URLs

namespace {

bool digits_at(std::string_view s, size_t i, size_t n) {
    if (i + n > s.size()) return false;
    for (size_t k = i; k < i + n; ++k)
        if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    return true;
}
int num(std::string_view s, size_t i, size_t n) {
    int v = 0;
    for (size_t k = i; k < i + n; ++k) v = v * 10 + (s[k] - '0');
    return v;
}

}  // namespace

std::string date_from_url(std::string_view url) {
    UriParts u = split_uri(trim_view(url));
    const std::string& p = u.path;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] != '/' && p[i] != '-' && p[i] != '_') continue;
        const size_t y = i + 1;
        if (!digits_at(p, y, 4)) continue;
        const int year = num(p, y, 4);
        if (year < 1990 || year > 2039) continue;
        size_t after = y + 4;
        if (after < p.size() && std::isdigit(static_cast<unsigned char>(p[after]))) {
            // 20200323
            if (digits_at(p, y, 8) && (y + 8 == p.size() || !std::isdigit(static_cast<unsigned char>(p[y + 8])))) {
                const int m = num(p, y + 4, 2), d = num(p, y + 6, 2);
                if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
                    return std::string(p.substr(y, 4)) + "-" + p.substr(y + 4, 2) + "-" + p.substr(y + 6, 2);
            }
            continue;
        }
        if (after >= p.size()) continue;
        const char sep = p[after];
        if (sep != '/' && sep != '-' && sep != '_') continue;
        size_t mlen = digits_at(p, after + 1, 2) ? 2 : (digits_at(p, after + 1, 1) ? 1 : 0);
        if (!mlen) continue;
        const size_t mend = after + 1 + mlen;
        if (mend < p.size() && std::isdigit(static_cast<unsigned char>(p[mend]))) continue;
        const int m = num(p, after + 1, mlen);
        if (m < 1 || m > 12) continue;
        const std::string mm = (m < 10 ? "0" : "") + std::to_string(m);
        if (mend < p.size() && p[mend] == sep) {
            size_t dlen = digits_at(p, mend + 1, 2) ? 2 : (digits_at(p, mend + 1, 1) ? 1 : 0);
            const size_t dend = mend + 1 + dlen;
            if (dlen && (dend == p.size() || !std::isdigit(static_cast<unsigned char>(p[dend])))) {
                const int d = num(p, mend + 1, dlen);
                if (d >= 1 && d <= 31)
                    return std::string(p.substr(y, 4)) + "-" + mm + "-" + (d < 10 ? "0" : "") + std::to_string(d);
            }
        }
        if (sep == '/' && (mend == p.size() || p[mend] == '/')) return std::string(p.substr(y, 4)) + "-" + mm;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Rules file

namespace {

struct TomlReader {
    std::string_view s;
    size_t i = 0;
    int line = 1;
    std::string error;

    void skip_ws_comments(bool newlines) {
        while (i < s.size()) {
            const char c = s[i];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++i;
            } else if (c == '\n' && newlines) {
                ++line;
                ++i;
            } else if (c == '#') {
                while (i < s.size() && s[i] != '\n') ++i;
            } else {
                break;
            }
        }
    }
    bool fail(const std::string& m) {
        if (error.empty()) error = "line " + std::to_string(line) + ": " + m;
        return false;
    }
    bool string(std::string& out) {
        if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return fail("expected a string");
        const char q = s[i++];
        out.clear();
        while (i < s.size() && s[i] != q) {
            if (s[i] == '\n') return fail("unterminated string");
            if (q == '"' && s[i] == '\\' && i + 1 < s.size()) {
                const char e = s[i + 1];
                i += 2;
                switch (e) {
                    case 'n': out.push_back('\n'); break;
                    case 't': out.push_back('\t'); break;
                    case '\\': out.push_back('\\'); break;
                    case '"': out.push_back('"'); break;
                    default: return fail(std::string("unknown escape \\") + e);
                }
                continue;
            }
            out.push_back(s[i++]);
        }
        if (i >= s.size()) return fail("unterminated string");
        ++i;
        return true;
    }
    bool value(std::vector<std::string>& out) {
        skip_ws_comments(false);
        if (i < s.size() && s[i] == '[') {
            ++i;
            for (;;) {
                skip_ws_comments(true);
                if (i < s.size() && s[i] == ']') {
                    ++i;
                    return true;
                }
                std::string v;
                if (!string(v)) return false;
                out.push_back(v);
                skip_ws_comments(true);
                if (i < s.size() && s[i] == ',') {
                    ++i;
                    continue;
                }
                if (i < s.size() && s[i] == ']') {
                    ++i;
                    return true;
                }
                return fail("expected ',' or ']' in an array");
            }
        }
        std::string v;
        if (!string(v)) return false;
        out.push_back(v);
        return true;
    }
};

}  // namespace

HtmlRules parse_html_rules(std::string_view toml) {
    HtmlRules result;
    TomlReader r;
    r.s = toml;
    HtmlRule* current = nullptr;
    while (true) {
        r.skip_ws_comments(true);
        if (r.i >= toml.size()) break;
        if (toml[r.i] == '[') {
            ++r.i;
            std::string host;
            if (r.i < toml.size() && (toml[r.i] == '"' || toml[r.i] == '\'')) {
                if (!r.string(host)) break;
            } else {
                while (r.i < toml.size() && toml[r.i] != ']' && toml[r.i] != '\n') host.push_back(toml[r.i++]);
                host = std::string(trim_view(host));
            }
            if (r.i >= toml.size() || toml[r.i] != ']') {
                r.fail("expected ']' after a table name");
                break;
            }
            ++r.i;
            if (host.empty()) {
                r.fail("empty table name");
                break;
            }
            result.rules.push_back(HtmlRule{lower(host), {}, {}, {}});
            current = &result.rules.back();
        } else {
            std::string key;
            while (r.i < toml.size() && (std::isalnum(static_cast<unsigned char>(toml[r.i])) || toml[r.i] == '_' ||
                                         toml[r.i] == '-'))
                key.push_back(toml[r.i++]);
            if (key.empty()) {
                r.fail("expected a key or a [host] table");
                break;
            }
            r.skip_ws_comments(false);
            if (r.i >= toml.size() || toml[r.i] != '=') {
                r.fail("expected '=' after a key");
                break;
            }
            ++r.i;
            if (!current) {
                r.fail("key '" + key + "' outside a [host] table");
                break;
            }
            std::vector<std::string> values;
            if (!r.value(values)) break;
            if (key == "select") {
                current->select.insert(current->select.end(), values.begin(), values.end());
            } else if (key == "prune") {
                current->prune.insert(current->prune.end(), values.begin(), values.end());
            } else if (key == "preset") {
                if (values.size() != 1 ||
                    (values[0] != "precision" && values[0] != "recall" && values[0] != "balanced")) {
                    r.fail("preset must be \"precision\", \"recall\" or \"balanced\"");
                    break;
                }
                current->preset = values[0];
            } else {
                r.fail("unknown key '" + key + "' (expected select, prune or preset)");
                break;
            }
        }
        r.skip_ws_comments(false);
        if (r.i < toml.size() && toml[r.i] != '\n') {
            r.fail("unexpected text after a value");
            break;
        }
    }
    result.error = r.error;
    return result;
}

bool apply_html_rules(const HtmlRules& rules, std::string_view url, HtmlOptions& options) {
    const std::string host = host_of(url);
    if (host.empty()) return false;
    const HtmlRule* best = nullptr;
    for (const HtmlRule& rule : rules.rules) {
        const bool match = host == rule.host ||
                           (host.size() > rule.host.size() && host.compare(host.size() - rule.host.size(),
                                                                           rule.host.size(), rule.host) == 0 &&
                            host[host.size() - rule.host.size() - 1] == '.');
        if (match && (!best || rule.host.size() > best->host.size())) best = &rule;
    }
    if (!best) return false;
    options.select.insert(options.select.end(), best->select.begin(), best->select.end());
    options.prune.insert(options.prune.end(), best->prune.begin(), best->prune.end());
    if (best->preset == "precision") options.preset = HtmlPreset::precision;
    if (best->preset == "recall") options.preset = HtmlPreset::recall;
    if (best->preset == "balanced") options.preset = HtmlPreset::balanced;
    return true;
}

}  // namespace copydesk::extract
