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

std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        if (j > i) words.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return words;
}

std::string join_words(const std::vector<std::string>& words, size_t n) {
    std::string s;
    for (size_t k = 0; k < n && k < words.size(); ++k) s += (k ? " " : "") + words[k];
    return s;
}

bool is_by_word(std::string_view w) {
    for (std::string_view b : {"by", "von", "par", "por", "door", "di", "da", "av"})
        if (iequals(w, b)) return true;
    return false;
}

// "Text und Interview:", "Artikel von:", "Fotos:": a label naming the role of who follows.
bool is_byline_label(std::string_view label) {
    static constexpr std::string_view words[] = {"text", "texte", "interview", "interviews", "artikel", "article",
                                                 "words", "story", "reporting", "fotos", "photos", "und", "and",
                                                 "et", "autor", "autorin", "author", "authors", "von", "by"};
    const std::vector<std::string> ws = words_of(label);
    for (const std::string& w : ws)
        if (std::none_of(std::begin(words), std::end(words), [&](std::string_view x) { return iequals(w, x); }))
            return false;
    return !ws.empty();
}

// "By", "Von", "Par", "Written by", "Veröffentlicht von", "Autor:" ... at the start of a
// byline, repeated.
std::string without_by_prefix(std::string s) {
    for (bool again = true; again;) {
        again = false;
        const std::string_view v = trim_view(s);
        for (std::string_view p : {"written by ", "posted by ", "story by ", "text by ", "words by ", "by: ", "by ",
                                   "von ", "par ", "por ", "door ", "di ", "av ", "ver\u00f6ffentlicht von ",
                                   "geschrieben von ", "publi\u00e9 par ", "publicado por ", "pubblicato da "}) {
            if (starts_with_ci(v, p)) {
                s = std::string(trim_view(v.substr(p.size())));  // v dangles from here on
                again = true;
                break;
            }
        }
        if (again) continue;
        if (const size_t colon = v.find(':');
            colon != std::string_view::npos && is_byline_label(v.substr(0, colon))) {
            s = std::string(trim_view(v.substr(colon + 1)));
            again = true;
        }
    }
    return s;
}

// The people a byline names as something else than the writers: "Jane Doe Edited by Ann
// Roe", "Reviewed by Dr Ann Roe". What follows such a role goes; a byline that opens with
// one names no writer.
std::string without_other_roles(std::string s) {
    static constexpr std::string_view roles[] = {"edited by ",    "reviewed by ",   "medically reviewed by ",
                                                 "fact checked by ", "fact-checked by ", "photos by ",
                                                 "photographs by ", "illustrations by ", "translated by "};
    const std::string l = lower(s);
    size_t cut = s.size();
    for (std::string_view r : roles)
        for (size_t k = l.find(r); k != std::string::npos; k = l.find(r, k + 1))
            if (k == 0 || l[k - 1] == ' ') cut = std::min(cut, k);
    s.resize(cut);
    // a bullet or an update note ends the names too
    for (std::string_view end : {"\u2022", "\u00b7", " Updated ", " updated "}) {
        const size_t k = s.find(end);
        if (k != std::string::npos && k > 0) s.resize(k);
    }
    return std::string(trim_view(s));
}

bool is_date_word(std::string_view w) {
    static constexpr std::string_view words[] = {
        "jan",    "january", "feb",  "february", "mar",     "march",    "apr",      "april",  "may",
        "jun",    "june",    "jul",  "july",     "aug",     "august",   "sep",      "sept",   "september",
        "oct",    "october", "nov",  "november", "dec",     "december", "monday",   "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "mon",  "tue",      "wed",      "thu",    "fri",
        "sat",    "sun",     "on",   "at",       "le",      "am",       "el",       "il",     "um",
        "den",    "vor",     "hace", "date",     "datum",   "data",     "fecha",    "stand",  "updated",
        "published", "posted", "aktualisiert", "ver\u00f6ffentlicht", "publi\u00e9", "publicado", "pubblicato",
        "|",      "-",       "\u2013", "\u2014"};
    std::string l = lower(w);
    while (!l.empty() && (l.back() == ',' || l.back() == '.' || l.back() == ':')) l.pop_back();
    for (std::string_view d : words)
        if (l == d) return true;
    return false;
}

bool opens_with_digit(std::string_view w) { return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0])); }

// "WilsonHace" -> "Wilson": a date word glued to the end of a name by the page's markup.
std::string without_glued_date_word(const std::string& w) {
    for (size_t k = w.size(); k-- > 1;)
        if (std::isupper(static_cast<unsigned char>(w[k])) && std::islower(static_cast<unsigned char>(w[k - 1])))
            return is_date_word(std::string_view(w).substr(k)) ? w.substr(0, k) : w;
    return w;
}

// "GILLIAN MOHNEY March 11, 2015 3:46 PM", "Jane Doe on Tue 3 May", "Jane Doe 8h ago": the
// byline up to its first word that opens with a digit, without the month, weekday or "on"
// before it. "June 5, 2019 by Jane Doe": a byline that opens with the date keeps what
// follows "by".
std::string without_dateline(const std::string& s) {
    std::vector<std::string> words = words_of(s);
    size_t end = 0;
    while (end < words.size() && !opens_with_digit(words[end])) ++end;
    if (end == words.size()) return s;
    while (end > 0 && is_date_word(words[end - 1])) --end;
    if (end > 0) {
        words[end - 1] = without_glued_date_word(words[end - 1]);
        return join_words(words, end);
    }
    for (size_t k = 1; k + 1 < words.size(); ++k)
        if (is_by_word(words[k])) return without_dateline(join_words({words.begin() + k + 1, words.end()}, words.size()));
    return s;
}

// "Jong, Michiel de", "Doe, Jane": one person written surname first, as library catalogues
// and citation_author give names. Two comma-separated parts, a single capitalised word before
// the comma, one to three after it, none of them a role.
bool is_surname_first(std::string_view s) {
    const size_t comma = s.find(',');
    if (comma == std::string_view::npos || s.find_first_of(",;|/&", comma + 1) != std::string_view::npos) return false;
    const std::vector<std::string> surname = words_of(s.substr(0, comma));
    const std::vector<std::string> given = words_of(s.substr(comma + 1));
    auto capitalised = [](const std::string& w) {
        return std::isupper(static_cast<unsigned char>(w[0])) && w.size() > 1 &&
               std::islower(static_cast<unsigned char>(w[1]));
    };
    if (surname.size() != 1 || given.empty() || given.size() > 3) return false;
    if (!capitalised(surname[0]) || !capitalised(given[0])) return false;
    for (std::string_view w : {"and", "und", "et", "y"})
        for (const std::string& g : given)
            if (iequals(g, w)) return false;
    return !all_role_words(surname[0]) && !all_role_words(s.substr(comma + 1));
}

// "jdoe", "mcupdate", "jane_doe": an account name, not a person's name.
bool is_user_name(std::string_view s) {
    bool letter = false;
    for (char c : s) {
        if (std::islower(static_cast<unsigned char>(c))) letter = true;
        else if (!std::isdigit(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
    }
    return letter;
}

// "Our Foreign Staff", "Newsdesk Team", "PETA-Team": collective names are not people.
bool is_collective(std::string_view name) {
    const std::string l = lower(name);
    auto separates = [&](size_t i) { return l[i] == ' ' || l[i] == '-'; };
    for (std::string_view w : {"staff", "team", "desk", "redaktion", "newsroom", "agencies", "editorial board"}) {
        const size_t at = l.find(w), end = at + w.size();
        if (at != std::string::npos && (at == 0 || separates(at - 1)) && (end == l.size() || separates(end)))
            return true;
    }
    return false;
}

// "Ben Silverman Games Editor", "Jane Doe Senior Writer": the name before the job title.
std::string without_job_title(const std::string& name) {
    static constexpr std::string_view titles[] = {"editor",     "writer",       "reporter", "correspondent",
                                                  "columnist",  "contributor",  "photographer", "producer",
                                                  "analyst",    "journalist",   "redakteur", "redakteurin"};
    const std::vector<std::string> words = words_of(name);
    if (words.size() < 3) return name;
    const std::string last = lower(words.back());
    if (std::find(std::begin(titles), std::end(titles), last) == std::end(titles)) return name;
    return join_words(words, words.size() >= 4 ? 2 : words.size() - 1);
}

// Pieces between commas, semicolons, bars and slashes; within a piece, "and", "&", "und", ...
// separate names only when every part has at least two words ("Mac & i" stays).
std::vector<std::string> byline_pieces(std::string_view s) {
    std::vector<std::string> parts;
    auto push = [&](std::string_view p) {
        std::string t(trim_view(p));
        while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ':' || t.back() == ';')) t.pop_back();
        t = std::string(trim_view(t));
        if (!t.empty()) parts.push_back(t);
    };
    for (size_t i = 0; i <= s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] != ',' && s[j] != ';' && s[j] != '|' && s[j] != '/') ++j;
        const std::string piece(trim_view(s.substr(i, j - i)));
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
            for (const std::string& x : sub) push(x);
        } else {
            push(piece);
        }
        i = j + 1;
    }
    return parts;
}

// A piece of a byline as a person's name, or "" when it names none.
std::string person_in(std::string p) {
    // " - Staff Writer", " – Reuters", a dash left at the end
    for (std::string_view dash : {" - ", " \u2013 ", " \u2014 "}) {
        const size_t k = (p + " ").find(dash);
        if (k != std::string::npos) p = std::string(trim_view(std::string_view(p).substr(0, k)));
    }
    // e-mail addresses, "@handles", links, account names, labels ("Theme: ..."), links to
    // more ("All posts by jdoe →"), dates and times
    if (p.empty() || p.find_first_of("@:0123456789") != std::string::npos || is_user_name(p)) return {};
    for (std::string_view arrow : {"\u2192", "\u00bb", "\u203a"})
        if (p.find(arrow) != std::string::npos) return {};
    const std::vector<std::string> words = words_of(p);
    if (std::all_of(words.begin(), words.end(), [](const std::string& w) { return is_date_word(w); })) return {};
    if (all_role_words(p) || is_collective(p)) return {};
    p = without_job_title(p);
    if (word_count(p) > 6 || p.size() > 80) return {};
    return p;
}

}  // namespace

std::vector<std::string> split_authors(std::string_view byline) {
    const std::string s = without_dateline(without_other_roles(without_by_prefix(collapse_space(byline))));
    std::vector<std::string> out;
    const std::vector<std::string> pieces = is_surname_first(s) ? std::vector<std::string>{s} : byline_pieces(s);
    for (const std::string& piece : pieces) {
        const std::string p = person_in(piece);
        if (!p.empty() && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
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
