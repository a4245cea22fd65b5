// Metadata of an HTML page: JSON-LD, OpenGraph/Twitter, <meta> names, microdata, <time>,
// the URL and visible bylines and breadcrumbs. One walk over the DOM collects the sources;
// then each field takes the best source that has it.
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "copydesk/html.hpp"
#include "copydesk/text.hpp"
#include "extract/html_internal.hpp"

namespace copydesk::extract::html_detail {
namespace {

std::string lower(std::string_view s) {
    std::string r(s);
    for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

bool contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

// ---------------------------------------------------------------------------------------------
// Dates

int month_number(std::string_view w) {
    static constexpr std::string_view names[][2] = {
        {"jan", "januar"}, {"feb", "februar"}, {"mar", "märz"},  {"apr", "april"},   {"may", "mai"},
        {"jun", "juni"},   {"jul", "juli"},    {"aug", "august"}, {"sep", "septemb"}, {"oct", "okt"},
        {"nov", "novemb"}, {"dec", "dez"}};
    const std::string l = lower(w);
    if (l.size() < 3) return 0;
    for (int m = 0; m < 12; ++m) {
        if (l.compare(0, 3, names[m][0]) == 0) return m + 1;
        if (l.compare(0, names[m][1].size(), names[m][1]) == 0) return m + 1;
    }
    if (l.compare(0, 4, "sept") == 0) return 9;
    return 0;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string normalize_date(std::string_view s_in) {
    std::string_view s = trim_view(s_in);
    auto isd = [&](size_t i) { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); };
    // ISO: YYYY-MM-DD...
    if (s.size() >= 10 && isd(0) && isd(1) && isd(2) && isd(3) && (s[4] == '-' || s[4] == '/' || s[4] == '.') &&
        isd(5) && isd(6) && s[7] == s[4] && isd(8) && isd(9)) {
        std::string r(s.substr(0, 10));
        r[4] = r[7] = '-';
        if (s[4] == '-' && s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) {
            // keep the time part as written, 'T' separated, up to white space
            size_t e = 11;
            while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e]))) ++e;
            if (e > 11 && isd(11)) {
                r += 'T';
                r.append(s.substr(11, e - 11));
            }
        }
        return r;
    }
    if (s.size() == 8 && isd(0) && isd(7)) {
        bool all = true;
        for (char c : s) all = all && std::isdigit(static_cast<unsigned char>(c));
        if (all) return std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" + std::string(s.substr(6, 2));
    }
    // Textual forms: collect numbers and a month name.
    int year = 0, month = 0, day = 0;
    std::vector<int> nums;
    size_t i = 0;
    int words = 0;
    while (i < s.size() && words < 12) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isdigit(c)) {
            size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
            const std::string_view d = s.substr(i, j - i);
            if (j < s.size() && s[j] == ':') break;  // a time: stop
            if (d.size() == 4) {
                if (!year) year = std::stoi(std::string(d));
            } else if (d.size() <= 2) {
                nums.push_back(std::stoi(std::string(d)));
            }
            i = j;
            ++words;
        } else if (std::isalpha(c) || c >= 0x80) {
            size_t j = i;
            while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])) || static_cast<unsigned char>(s[j]) >= 0x80)) ++j;
            if (!month) month = month_number(s.substr(i, j - i));
            i = j;
            ++words;
        } else {
            ++i;
        }
    }
    if (year < 1970 || year > 2100) return {};
    if (month) {
        if (!nums.empty()) day = nums[0];
    } else if (nums.size() >= 2) {
        // n/n/yyyy: day first unless the first cannot be a day... ambiguous: month first when
        // the second is > 12 (US), else day first.
        if (nums[1] > 12) {
            month = nums[0];
            day = nums[1];
        } else {
            day = nums[0];
            month = nums[1];
        }
    }
    if (month < 1 || month > 12) return {};
    if (day < 1 || day > 31) return std::to_string(year) + "-" + two(month);
    return std::to_string(year) + "-" + two(month) + "-" + two(day);
}

std::string node_text(pugi::xml_node root) {
    std::string raw;
    walk_under(root, [&](pugi::xml_node cur) {
        if (cur.type() == pugi::node_pcdata) {
            raw.append(cur.value());
            return false;
        }
        if (cur.type() != pugi::node_element) return false;
        const std::string_view n = cur.name();
        if (n == "br" || n == "p" || n == "div" || n == "li") raw.push_back(' ');
        return n != "script" && n != "style" && n != "noscript" && n != "template";
    });
    return collapse_space(raw);
}

size_t linked_bytes(pugi::xml_node n) {
    size_t linked = 0;
    for (pugi::xpath_node a : n.select_nodes(".//a")) linked += node_text(a.node()).size();
    return linked;
}

std::string class_id(pugi::xml_node n) {
    std::string s = lower(n.attribute("class").value());
    const char* id = n.attribute("id").value();
    if (*id) {
        s.push_back(' ');
        s += lower(id);
    }
    return s;
}

bool is_comment_hint(std::string_view hint) {
    if (hint.empty()) return false;
    return contains(hint, "comment") || contains(hint, "disqus") || contains(hint, "respond") ||
           contains(hint, "discussion") || contains(hint, "reply") || contains(hint, "replies") ||
           contains(hint, "kommentar");
}

namespace {

// A metadata value the page escaped twice ("Mugabe's &quot;Blue House&quot;"), or JSON-LD that
// holds HTML ("Rock &amp; Roll", "<p><strong>Lead</strong></p>"): its text, character
// references decoded as the HTML parser decodes them. Tags count only when the value opens
// with one; elsewhere they are text, as in a <title>.
std::string unescape_references(std::string s) {
    const bool markup = !s.empty() && s[0] == '<';
    if (!markup && s.find('&') == std::string::npos) return s;
    return node_text(html::parse_fragment(s, markup ? "div" : "title").doc);
}

bool looks_like_url(std::string_view s) {
    return s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://" || s.substr(0, 1) == "/";
}

// The people of a byline (split_authors), added to `authors` unless there already.
void add_people(std::string_view byline, std::vector<std::string>& authors) {
    if (byline.empty() || looks_like_url(byline)) return;
    for (std::string& p : split_authors(unescape_references(std::string(byline))))
        if (std::find(authors.begin(), authors.end(), p) == authors.end()) authors.push_back(p);
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

struct LdFacts {
    std::string title, name, alt_title, description, date_published, date_created, date_modified, site_name,
        section, image, language, license, url, website_name;
    std::vector<std::string> authors, keywords, breadcrumbs;
    bool article = false;
};

using simdjson::dom::element;

std::string str_of(element e) {
    std::string_view sv;
    if (!e.get(sv)) return std::string(trim_view(sv));
    int64_t i;
    if (!e.get(i)) return std::to_string(i);
    return {};
}

bool type_is(element obj, std::initializer_list<std::string_view> types) {
    element t;
    if (obj.at_key("@type").get(t)) return false;
    auto match = [&](std::string_view v) {
        if (const size_t k = v.rfind('/'); k != std::string_view::npos) v.remove_prefix(k + 1);
        for (std::string_view x : types)
            if (v == x) return true;
        return false;
    };
    std::string_view sv;
    if (!t.get(sv)) return match(sv);
    simdjson::dom::array arr;
    if (!t.get(arr))
        for (element x : arr)
            if (!x.get(sv) && match(sv)) return true;
    return false;
}

struct LdDoc {
    std::unordered_map<std::string, element> by_id;
    std::vector<element> objects;  // every object at top level, in arrays and in @graph

    void collect(element e, int depth) {
        if (depth > 4) return;
        simdjson::dom::array arr;
        if (!e.get(arr)) {
            for (element x : arr) collect(x, depth + 1);
            return;
        }
        simdjson::dom::object obj;
        if (e.get(obj)) return;
        objects.push_back(e);
        element id;
        std::string_view sv;
        if (!e.at_key("@id").get(id) && !id.get(sv)) by_id.emplace(std::string(sv), e);
        element graph;
        if (!e.at_key("@graph").get(graph)) collect(graph, depth + 1);
    }
    // An object, or the object its {"@id": ...} reference names.
    element deref(element e) const {
        simdjson::dom::object obj;
        if (e.get(obj)) return e;
        if (obj.size() <= 2) {
            element id;
            std::string_view sv;
            if (!e.at_key("@id").get(id) && !id.get(sv)) {
                auto it = by_id.find(std::string(sv));
                if (it != by_id.end()) return it->second;
            }
        }
        return e;
    }
};

std::string name_of(const LdDoc& d, element e) {
    e = d.deref(e);
    std::string s = str_of(e);
    if (!s.empty()) return s;
    element n;
    if (!e.at_key("name").get(n)) return str_of(n);
    return {};
}

void each(element e, const std::function<void(element)>& f) {
    simdjson::dom::array arr;
    if (!e.get(arr)) {
        for (element x : arr) f(x);
    } else {
        f(e);
    }
}

void read_article(const LdDoc& d, element o, LdFacts& f) {
    element v;
    auto get = [&](const char* key) -> std::string {
        element x;
        if (o.at_key(key).get(x)) return {};
        return str_of(x);
    };
    const bool first = !f.article;
    f.article = true;
    auto set = [&](std::string& field, const std::string& value) {
        if ((field.empty() || first) && !value.empty() && field.empty()) field = value;
    };
    if (f.title.empty() && f.name.empty()) {
        f.title = get("headline");
        f.name = get("name");
    }
    set(f.alt_title, get("alternativeHeadline"));
    set(f.description, get("description"));
    set(f.date_published, get("datePublished"));
    set(f.date_created, get("dateCreated"));
    set(f.date_modified, get("dateModified"));
    set(f.language, get("inLanguage"));
    set(f.license, get("license"));
    set(f.url, get("url"));
    if (!o.at_key("articleSection").get(v) && f.section.empty()) {
        each(v, [&](element x) {
            if (f.section.empty()) f.section = str_of(x);
        });
    }
    if (f.authors.empty() && (!o.at_key("author").get(v) || !o.at_key("creator").get(v))) {
        each(v, [&](element x) {
            add_people(name_of(d, x), f.authors);
        });
    }
    if (f.site_name.empty() && !o.at_key("publisher").get(v)) {
        each(v, [&](element x) {
            if (f.site_name.empty()) f.site_name = name_of(d, x);
        });
    }
    if (f.image.empty() && !o.at_key("image").get(v)) {
        each(v, [&](element x) {
            if (!f.image.empty()) return;
            x = d.deref(x);
            std::string s = str_of(x);
            element u;
            if (s.empty() && !x.at_key("url").get(u)) s = str_of(u);
            f.image = s;
        });
    }
    if (f.keywords.empty() && !o.at_key("keywords").get(v)) {
        each(v, [&](element x) {
            std::string s = str_of(x);
            size_t i = 0;
            while (i <= s.size()) {
                size_t j = s.find(',', i);
                if (j == std::string::npos) j = s.size();
                std::string k(trim_view(std::string_view(s).substr(i, j - i)));
                if (!k.empty()) f.keywords.push_back(k);
                i = j + 1;
            }
        });
    }
}

void read_jsonld(std::string_view json, LdFacts& f) {
    json = trim_view(json);
    for (std::string_view open : {"<![CDATA[", "<!--"})
        if (json.substr(0, open.size()) == open) json = trim_view(json.substr(open.size()));
    for (std::string_view close : {"]]>", "-->"})
        if (json.size() >= close.size() && json.substr(json.size() - close.size()) == close)
            json = trim_view(json.substr(0, json.size() - close.size()));
    simdjson::dom::parser parser;
    element root;
    if (parser.parse(json.data(), json.size(), true).get(root)) {
        // Pages often put raw newlines inside strings; try once more with them as spaces.
        std::string fixed(json);
        for (char& c : fixed)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (parser.parse(fixed).get(root)) return;
    }
    LdDoc d;
    d.collect(root, 0);
    // Articles first (the first article-like object wins), then pages, then the rest.
    const std::initializer_list<std::string_view> article_types = {
        "Article",        "NewsArticle",        "BlogPosting",  "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle",  "SocialMediaPosting",
        "LiveBlogPosting", "Report",           "Review",       "BackgroundNewsArticle", "Recipe", "VideoObject",
        "DiscussionForumPosting", "Posting"};
    for (element o : d.objects)
        if (type_is(o, article_types)) read_article(d, o, f);
    for (element o : d.objects) {
        if (type_is(o, {"BreadcrumbList"}) && f.breadcrumbs.empty()) {
            element items;
            simdjson::dom::array arr;
            if (o.at_key("itemListElement").get(items) || items.get(arr)) continue;
            std::vector<std::pair<int64_t, std::string>> crumbs;
            int64_t k = 0;
            for (element it : arr) {
                it = d.deref(it);
                int64_t pos = k++;
                element p;
                if (!it.at_key("position").get(p)) {
                    int64_t x;
                    std::string_view sv;
                    if (!p.get(x)) pos = x;
                    else if (!p.get(sv) && !sv.empty() && std::isdigit(static_cast<unsigned char>(sv[0])))
                        pos = std::atoll(std::string(sv).c_str());
                }
                std::string name;
                element n;
                if (!it.at_key("name").get(n)) name = str_of(n);
                if (name.empty() && !it.at_key("item").get(n)) name = name_of(d, n);
                if (!name.empty()) crumbs.emplace_back(pos, name);
            }
            std::stable_sort(crumbs.begin(), crumbs.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (auto& c : crumbs) f.breadcrumbs.push_back(c.second);
        }
        if (type_is(o, {"WebSite", "Organization", "NewsMediaOrganization"}) && f.website_name.empty()) {
            element n;
            if (!o.at_key("name").get(n)) f.website_name = str_of(n);
        }
        if (!f.article && type_is(o, {"WebPage", "ItemPage", "CollectionPage"})) {
            element n;
            if (f.description.empty() && !o.at_key("description").get(n)) f.description = str_of(n);
            if (f.date_published.empty() && !o.at_key("datePublished").get(n)) f.date_published = str_of(n);
            if (f.date_modified.empty() && !o.at_key("dateModified").get(n)) f.date_modified = str_of(n);
            if (f.language.empty() && !o.at_key("inLanguage").get(n)) f.language = str_of(n);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The walk

struct Collected {
    std::map<std::string, std::vector<std::string>> meta;  // lowercase name/property -> contents
    std::string title_tag, lang, base_href, canonical, license_href;
    std::vector<std::string> h1;
    pugi::xml_node headline;                  // the first <h1> that is not the logo
    std::vector<std::string> byline_texts;     // visible bylines, in order
    std::vector<std::string> rel_authors;      // <a rel=author>
    std::vector<std::string> itemprop_authors;  // microdata
    std::string itemprop_headline, itemprop_published, itemprop_modified;
    std::vector<std::string> time_published, time_any;
    std::vector<std::string> crumbs;
    LdFacts ld;
};

// "dc.title", "DC:Title", "dcterms.title" -> "dc:title", "dcterm:title"
std::string meta_key(std::string k) {
    for (std::string_view p : {"dcterms.", "dcterms:", "dcterm.", "dcterm:"})
        if (k.compare(0, p.size(), p) == 0) return "dcterm:" + k.substr(p.size());
    if (k.compare(0, 3, "dc.") == 0) return "dc:" + k.substr(3);
    return k;
}

const std::string* first_meta(const Collected& c, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        auto it = c.meta.find(k);
        if (it != c.meta.end())  // the last one given wins, as in Readability
            for (auto v = it->second.rbegin(); v != it->second.rend(); ++v)
                if (!v->empty()) return &*v;
    }
    return nullptr;
}

// <h1><a href="/">Site name</a></h1>: the site's logo, a link to its home page, not a headline.
bool is_logo(pugi::xml_node heading) {
    const pugi::xml_node link = heading.find_node([](pugi::xml_node x) { return std::string_view(x.name()) == "a"; });
    if (!link) return false;
    std::string_view href = trim_view(link.attribute("href").value());
    if (const size_t scheme = href.find("://"); scheme != std::string_view::npos) {
        const size_t path = href.find('/', scheme + 3);
        href = path == std::string_view::npos ? "/" : href.substr(path);
    }
    return href == "/" || href == "./" || href == "/index.html";
}

bool byline_hint(std::string_view h) {
    return contains(h, "byline") || contains(h, "author") || contains(h, "writtenby") || contains(h, "p-author") ||
           contains(h, "reporter") || contains(h, "journalist") || contains(h, "autor");
}

void walk(const pugi::xml_document& doc, Collected& c) {
    pugi::xml_node root = doc;
    pugi::xml_node cur = root.first_child();
    // depth of comment sections / breadcrumbs we are inside, tracked by the node that opened it
    pugi::xml_node comment_root, crumb_root, byline_root;
    while (cur) {
        bool descend = true;
        if (cur.type() == pugi::node_element) {
            const std::string_view name = cur.name();
            if (name == "html") {
                c.lang = trim_view(cur.attribute("lang").value());
                if (c.lang.empty()) c.lang = trim_view(cur.attribute("xml:lang").value());
            } else if (name == "meta") {
                const char* key = cur.attribute("property").value();
                if (!*key) key = cur.attribute("name").value();
                if (!*key) key = cur.attribute("itemprop").value();
                if (!*key) {
                    if (const char* he = cur.attribute("http-equiv").value(); *he) {
                        c.meta["http-equiv:" + lower(he)].push_back(std::string(trim_view(cur.attribute("content").value())));
                    }
                } else {
                    // a property attribute may hold several space-separated names
                    std::string keys = lower(key);
                    size_t i = 0;
                    while (i < keys.size()) {
                        size_t j = keys.find(' ', i);
                        if (j == std::string::npos) j = keys.size();
                        if (j > i) c.meta[meta_key(keys.substr(i, j - i))].push_back(std::string(trim_view(cur.attribute("content").value())));
                        i = j + 1;
                    }
                }
            } else if (name == "title") {
                if (c.title_tag.empty()) c.title_tag = node_text(cur);
                descend = false;
            } else if (name == "base") {
                if (c.base_href.empty()) c.base_href = trim_view(cur.attribute("href").value());
            } else if (name == "link") {
                const std::string rel = lower(cur.attribute("rel").value());
                if (rel == "canonical" && c.canonical.empty()) c.canonical = trim_view(cur.attribute("href").value());
                if (rel == "license" && c.license_href.empty()) c.license_href = trim_view(cur.attribute("href").value());
            } else if (name == "script") {
                if (lower(cur.attribute("type").value()) == "application/ld+json") {
                    const char* v = cur.child_value();
                    read_jsonld(v, c.ld);
                }
                descend = false;
            } else if (name == "style" || name == "template" || name == "noscript") {
                descend = false;
            } else {
                const std::string hint = class_id(cur);
                if (!comment_root && is_comment_hint(hint)) comment_root = cur;
                if (!crumb_root && (contains(hint, "breadcrumb"))) crumb_root = cur;
                if (name == "h1" && c.h1.size() < 3 && !is_logo(cur)) {
                    c.h1.push_back(node_text(cur));
                    if (!c.headline) c.headline = cur;
                }
                const char* ip = cur.attribute("itemprop").value();
                if (*ip && !comment_root) {
                    const std::string ips = lower(ip);
                    auto val = [&]() -> std::string {
                        for (const char* a : {"content", "datetime"})
                            if (const char* v = cur.attribute(a).value(); *v) return std::string(trim_view(v));
                        return node_text(cur);
                    };
                    if (contains(ips, "headline") && c.itemprop_headline.empty()) c.itemprop_headline = val();
                    if (contains(ips, "datepublished") && c.itemprop_published.empty()) c.itemprop_published = val();
                    if (contains(ips, "datemodified") && c.itemprop_modified.empty()) c.itemprop_modified = val();
                    if (contains(ips, "author") || contains(ips, "creator")) {
                        pugi::xml_node nm = cur.find_node([](pugi::xml_node x) {
                            return std::string_view(x.attribute("itemprop").value()) == "name";
                        });
                        std::string t;
                        if (nm) t = nm.attribute("content").value()[0] ? std::string(nm.attribute("content").value()) : node_text(nm);
                        else t = cur.attribute("content").value()[0] ? std::string(cur.attribute("content").value()) : node_text(cur);
                        if (!t.empty() && t.size() < 100) c.itemprop_authors.push_back(t);
                    }
                }
                if (!comment_root) {
                    if (name == "a" && contains(lower(cur.attribute("rel").value()), "author")) {
                        const std::string t = node_text(cur);
                        if (!t.empty() && t.size() < 100) c.rel_authors.push_back(t);
                    }
                    if (!byline_root && c.byline_texts.size() < 8 && byline_hint(hint) && !contains(hint, "avatar") &&
                        !contains(hint, "bio") && !contains(hint, "box") && !contains(hint, "image") &&
                        !contains(hint, "photo") && !contains(hint, "img") && !contains(hint, "follow") &&
                        !contains(hint, "social") && !contains(hint, "more")) {
                        const std::string t = node_text(cur);
                        if (!t.empty() && t.size() < 100) {
                            c.byline_texts.push_back(t);
                            byline_root = cur;
                        }
                    }
                    if (name == "time") {
                        const char* dt = cur.attribute("datetime").value();
                        std::string v = *dt ? std::string(trim_view(dt)) : node_text(cur);
                        if (!v.empty()) {
                            if (cur.attribute("pubdate") || contains(hint, "publish") || contains(hint, "posted") ||
                                byline_root)
                                c.time_published.push_back(v);
                            c.time_any.push_back(v);
                        }
                    }
                }
                if (crumb_root && (name == "a" || (name == "li" && !cur.child("a"))) && crumb_root != cur) {
                    const std::string t = node_text(cur);
                    if (!t.empty() && t.size() < 80) c.crumbs.push_back(t);
                }
            }
        } else {
            descend = false;
        }
        if (descend && cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        while (cur && !cur.next_sibling()) {
            cur = cur.parent();
            if (cur == comment_root) comment_root = pugi::xml_node();
            if (cur == crumb_root) crumb_root = pugi::xml_node();
            if (cur == byline_root) byline_root = pugi::xml_node();
            if (cur == root) return;
        }
        if (!cur) return;
        if (cur == comment_root) comment_root = pugi::xml_node();
        if (cur == crumb_root) crumb_root = pugi::xml_node();
        if (cur == byline_root) byline_root = pugi::xml_node();
        cur = cur.next_sibling();
    }
}

// ---------------------------------------------------------------------------------------------
// The standfirst: a line or two under the headline that says what the article is about

bool standfirst_hint(std::string_view hint) {
    for (std::string_view w : {"subtitle", "sub-title", "subheadline", "sub-headline", "standfirst", "strapline"})
        if (contains(hint, w)) return true;
    // short names only as whole parts of a class: "article__dek", "c-summary", "lede"
    for (size_t i = 0; i < hint.size();) {
        size_t j = i;
        while (j < hint.size() && std::isalnum(static_cast<unsigned char>(hint[j]))) ++j;
        const std::string_view part = hint.substr(i, j - i);
        for (std::string_view w : {"dek", "deck", "subhead", "summary", "lede", "intro", "teaser"})
            if (part == w) return true;
        i = j + 1;
    }
    return false;
}

// The node after n's subtree in document order (null past the end).
pugi::xml_node after_subtree(pugi::xml_node n) {
    while (n && !n.next_sibling()) n = n.parent();
    return n ? n.next_sibling() : pugi::xml_node();
}

pugi::xml_node next_in_order(pugi::xml_node n) { return n.first_child() ? n.first_child() : after_subtree(n); }

// The <header> or <hgroup> around the headline, if any (up to three levels up).
pugi::xml_node header_of(pugi::xml_node headline) {
    pugi::xml_node n = headline.parent();
    for (int up = 0; n && up < 3; ++up, n = n.parent()) {
        const std::string_view name = n.name();
        if (name == "header" || name == "hgroup") return n;
    }
    return {};
}

bool inside(pugi::xml_node n, pugi::xml_node ancestor) {
    for (; n; n = n.parent())
        if (n == ancestor) return true;
    return false;
}

bool inside_nav(pugi::xml_node n) {
    for (; n; n = n.parent())
        if (std::string_view(n.name()) == "nav") return true;
    return false;
}

bool has_time(pugi::xml_node n) {
    return bool(n.find_node([](pugi::xml_node x) { return std::string_view(x.name()) == "time"; }));
}

// Elements under a headline that are never its standfirst, nor hold it.
bool not_standfirst(pugi::xml_node n, std::string_view hint) {
    const std::string_view name = n.name();
    for (std::string_view skip : {"script", "style", "figure", "time", "nav", "aside", "footer", "form", "button"})
        if (name == skip) return true;
    for (std::string_view skip : {"caption", "credit", "share", "social", "rating", "breadcrumb", "tags"})
        if (contains(hint, skip)) return true;
    return byline_hint(hint) || has_time(n);
}

// Share of an element's text inside links.
double link_share(pugi::xml_node n, size_t text_size) {
    return text_size ? static_cast<double>(linked_bytes(n)) / static_cast<double>(text_size) : 0.0;
}

// Text that reads as a standfirst: a sentence or two, not the headline again (a container
// of both), not mostly links (a menu, "More"), not a byline, a tag line or a dateline, not a
// "Label: value" line ("Bild: AdobeStock", "Durchschnitt: 4.6").
bool reads_as_standfirst(pugi::xml_node n, const std::string& text, std::string_view headline) {
    if (text.size() < 20 || text.size() > 400 || contains(lower(text), lower(headline))) return false;
    if (link_share(n, text.size()) > 0.5) return false;
    const std::string l = lower(text);
    for (std::string_view opener : {"by ", "posted ", "written by", "filed under", "tagged", "von ", "par "})
        if (l.compare(0, opener.size(), opener) == 0) return false;
    if (const size_t colon = text.find(':'); colon != std::string::npos && colon < 15 &&
                                             text.find(' ') > colon && text.size() - colon < 60)
        return false;
    return text.size() >= 60 || normalize_date(text).empty();
}

// The text under the headline that is its standfirst: the first element of the next few
// whose class names one (standfirst, dek, subtitle, summary, ...), or a <p>/<h2> in the
// headline's <header>/<hgroup>. Bylines, datelines, figures, menus and scripts are passed
// over; the search stops where the body begins (a paragraph or heading outside the header).
// Empty when there is none, or when the headline sits in a menu (a breadcrumb's last item).
std::string standfirst_under(pugi::xml_node headline) {
    if (!headline || inside_nav(headline)) return {};
    const pugi::xml_node header = header_of(headline);
    const std::string headline_text = node_text(headline);
    int seen = 0;
    for (pugi::xml_node cur = after_subtree(headline); cur && seen < 25;) {
        if (cur.type() != pugi::node_element) {
            cur = next_in_order(cur);
            continue;
        }
        ++seen;
        const std::string_view name = cur.name();
        const std::string hint = class_id(cur);
        if (is_comment_hint(hint)) break;
        if (not_standfirst(cur, hint)) {
            cur = after_subtree(cur);
            continue;
        }
        const bool in_header = header && inside(cur, header);
        if (standfirst_hint(hint) || (in_header && (name == "p" || name == "h2"))) {
            const std::string text = node_text(cur);
            if (reads_as_standfirst(cur, text, headline_text)) return text;
        }
        if (!in_header && (name == "p" || name == "h1" || name == "h2")) break;
        cur = next_in_order(cur);
    }
    return {};
}

// A metadata field: references decoded, white space collapsed, absent when empty.
std::optional<std::string> opt(std::string s) {
    s = collapse_space(unescape_references(std::move(s)));
    if (s.empty()) return std::nullopt;
    return s;
}

// Whether `name` is the site's own: its site name, or the name the <title> ends with ("Post
// title | Android Developers Blog"), perhaps followed by "Blog", "News", ...
bool names_the_site(std::string_view name, std::string_view site_name, std::string_view title_tag) {
    const std::string title = lower(collapse_space(title_tag));
    for (std::string_view suffix : {"", " blog", " news", " online", " team"}) {
        const std::string n = lower(name) + std::string(suffix);
        if (n == lower(site_name)) return true;
        for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: "}) {
            const std::string end = std::string(sep) + n;
            if (title.size() > end.size() && title.compare(title.size() - end.size(), end.size(), end) == 0) return true;
        }
    }
    return false;
}

// The authors the page declares: JSON-LD, then <meta> names. Readability's keys (dc:creator,
// author) give the last one written; citation_* and the rest list every author.
std::vector<std::string> declared_authors(const Collected& c) {
    if (!c.ld.authors.empty()) return c.ld.authors;
    std::vector<std::string> authors;
    for (std::string_view key : {"dc:creator", "dcterm:creator", "author", "parsely-author", "citation_author",
                                 "article:author", "sailthru.author", "byl", "twitter:creator:name"}) {
        auto it = c.meta.find(std::string(key));
        if (it == c.meta.end()) continue;
        if (key == "dc:creator" || key == "dcterm:creator" || key == "author") {
            if (const std::string* v = first_meta(c, {it->first.c_str()})) add_people(collapse_space(*v), authors);
        } else {
            for (const std::string& v : it->second) add_people(collapse_space(v), authors);
        }
        if (!authors.empty()) break;
    }
    return authors;
}

// The authors the page shows: microdata, <a rel=author>, then the first byline that names
// someone. A name that is the site's own is the house account, not an author (a name the
// metadata declares may be: a personal site is named after its author).
std::vector<std::string> shown_authors(const Collected& c, std::string_view site_name) {
    std::vector<std::string> authors;
    for (const std::vector<std::string>* source : {&c.itemprop_authors, &c.rel_authors, &c.byline_texts}) {
        for (const std::string& s : *source) {
            add_people(s, authors);
            if (source == &c.byline_texts && !authors.empty()) break;
        }
        std::erase_if(authors, [&](const std::string& s) { return names_the_site(s, site_name, c.title_tag); });
        if (!authors.empty()) break;
    }
    return authors;
}

std::vector<std::string> page_authors(const Collected& c, std::string_view site_name) {
    std::vector<std::string> authors = declared_authors(c);
    if (authors.empty()) authors = shown_authors(c, site_name);
    return authors;
}

}  // namespace

void extract_metadata(const pugi::xml_document& doc, std::string_view url, Article& a, PageFacts& facts) {
    Collected c;
    walk(doc, c);
    const LdFacts& ld = c.ld;
    const std::string page_url(trim_view(url));
    facts.base = c.base_href.empty() ? page_url : resolve_url(page_url, c.base_href);
    facts.bylines = c.byline_texts;

    auto meta = [&](std::initializer_list<const char*> keys) -> std::string {
        const std::string* v = first_meta(c, keys);
        return v ? collapse_space(*v) : std::string();
    };

    // site name
    std::string site = ld.site_name;
    if (site.empty()) site = meta({"og:site_name", "application-name", "al:ios:app_name", "publisher", "dc:publisher", "citation_publisher", "citation_journal_title"});
    if (site.empty()) site = ld.website_name;
    a.site_name = opt(site);

    // title
    std::string title;
    // JSON-LD: "name" and "headline" usually agree; when they differ, the headline wins only
    // when the <title> shows it and not the name (some sites put their own name in "name").
    // A "name" that is the site's own (the publisher's name) is not the article's.
    const bool name_is_site = !ld.name.empty() && names_the_site(ld.name, site, c.title_tag);
    std::string raw_title = ld.name.empty() || name_is_site ? ld.title : ld.name;
    if (!name_is_site && !ld.name.empty() && !ld.title.empty() && ld.name != ld.title) {
        const std::string tt = lower(c.title_tag);
        if (contains(tt, lower(ld.title)) && !contains(tt, lower(ld.name))) raw_title = ld.title;
    }
    if (raw_title.empty()) raw_title = meta({"dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title", "citation_title", "sailthru.title"});
    if (raw_title.empty()) raw_title = c.itemprop_headline;
    if (!raw_title.empty()) {
        // A title given as metadata is the publisher's: kept as it is.
        title = collapse_space(raw_title);
    } else if (!c.title_tag.empty()) {
        title = clean_title(c.title_tag, site);
        if (title == collapse_space(c.title_tag)) title = clean_title(c.title_tag, "");
        const std::string orig = collapse_space(c.title_tag);
        if ((orig.size() > 150 || orig.size() < 15) && c.h1.size() == 1 && !c.h1[0].empty()) {
            int words = 0;
            bool in = false;
            for (char ch : c.h1[0]) {
                if (ch == ' ') in = false;
                else if (!in) in = true, ++words;
            }
            if (words > 4) title = c.h1[0];
        }
    } else if (!c.h1.empty()) {
        title = c.h1[0];
    }
    a.title = opt(title);

    // subtitle
    std::string subtitle = ld.alt_title;
    if (subtitle.empty()) subtitle = standfirst_under(c.headline);
    a.subtitle = opt(subtitle);
    if (a.subtitle && a.title && lower(*a.subtitle) == lower(*a.title)) a.subtitle.reset();

    // authors
    a.authors = page_authors(c, site);

    // dates
    std::string pub = normalize_date(ld.date_published);
    for (const char* k : {"article:published_time", "og:published_time", "article:published", "published_time",
                          "datepublished", "citation_publication_date", "citation_date", "citation_online_date",
                          "dc:date.issued", "dcterm:issued", "dc:date", "dcterm:date", "dcterm:created",
                          "dc:date.created", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                          "publish-date", "date", "article.published", "og:article:published_time"}) {
        if (!pub.empty()) break;
        if (const std::string* v = first_meta(c, {k})) pub = normalize_date(*v);
    }
    if (pub.empty()) pub = normalize_date(c.itemprop_published);
    if (pub.empty() && !c.time_published.empty()) pub = normalize_date(c.time_published.front());
    if (pub.empty()) pub = normalize_date(ld.date_created);  // the work's creation: weaker than a publication
    if (pub.empty() && !c.time_any.empty()) pub = normalize_date(c.time_any.front());
    if (pub.empty()) pub = date_from_url(page_url);
    if (pub.empty() && !c.canonical.empty()) pub = date_from_url(resolve_url(page_url, c.canonical));
    std::string mod = normalize_date(ld.date_modified);
    for (const char* k : {"article:modified_time", "og:updated_time", "article:modified", "dcterm:modified",
                          "dc:date.modified", "datemodified", "last-modified", "lastmod"}) {
        if (!mod.empty()) break;
        if (const std::string* v = first_meta(c, {k})) mod = normalize_date(*v);
    }
    if (mod.empty()) mod = normalize_date(c.itemprop_modified);
    a.date_published = opt(pub);
    a.date_modified = opt(mod);

    // description
    std::string desc = ld.description;
    if (desc.empty()) desc = meta({"dc:description", "dcterm:description", "og:description", "weibo:article:description", "weibo:webpage:description", "description", "twitter:description", "citation_abstract"});
    a.description = opt(desc);

    // language
    std::string lang = c.lang;
    if (lang.empty()) lang = meta({"http-equiv:content-language", "content-language", "language", "dc:language", "dcterm:language", "citation_language"});
    if (lang.empty()) lang = ld.language;
    if (lang.empty()) {
        std::string loc = meta({"og:locale"});
        lang = loc;
    }
    if (const size_t comma = lang.find(','); comma != std::string::npos) lang = lang.substr(0, comma);
    a.language = opt(lang);

    // urls
    std::string canon = c.canonical;
    if (canon.empty()) canon = meta({"og:url", "twitter:url"});
    if (!canon.empty()) a.canonical_url = resolve_url(facts.base, canon);
    std::string image = meta({"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "thumbnailurl"});
    if (image.empty()) image = ld.image;
    if (!image.empty()) a.image = resolve_url(facts.base, image);
    std::string lic = c.license_href;
    if (lic.empty()) lic = ld.license;
    if (lic.empty()) lic = meta({"dc:rights", "dcterm:license", "dc:rights.license", "license"});
    if (!lic.empty()) a.license = looks_like_url(lic) ? resolve_url(facts.base, lic) : collapse_space(lic);

    // section, breadcrumbs, keywords
    std::vector<std::string> crumbs = ld.breadcrumbs;
    if (crumbs.empty()) crumbs = c.crumbs;
    for (std::string& s : crumbs) s = collapse_space(s);
    crumbs.erase(std::remove_if(crumbs.begin(), crumbs.end(), [](const std::string& s) { return s.empty(); }), crumbs.end());
    a.breadcrumbs = crumbs;
    std::string section = ld.section;
    if (section.empty()) section = meta({"article:section", "og:article:section", "section", "parsely-section", "sailthru.section", "category"});
    if (section.empty() && crumbs.size() >= 2) {
        // the last crumb is often the article itself
        const std::string& last = crumbs.back();
        section = (a.title && lower(last) == lower(*a.title)) || crumbs.size() >= 3 ? crumbs[crumbs.size() - 2] : last;
        if (lower(section) == "home" || lower(section) == "startseite") section.clear();
    }
    a.section = opt(section);
    std::vector<std::string> keywords = ld.keywords;
    auto add_list = [&](const std::string& s, std::vector<std::string>& out) {
        size_t i = 0;
        while (i <= s.size()) {
            size_t j = s.find(',', i);
            if (j == std::string::npos) j = s.size();
            std::string k = collapse_space(std::string_view(s).substr(i, j - i));
            if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
            i = j + 1;
        }
    };
    if (keywords.empty()) {
        for (const char* k : {"keywords", "news_keywords", "article:tag", "parsely-tags", "sailthru.tags", "citation_keywords"}) {
            auto it = c.meta.find(k);
            if (it == c.meta.end()) continue;
            for (const std::string& v : it->second) add_list(v, keywords);
        }
    }
    a.keywords = keywords;
    if (auto it = c.meta.find("article:section"); it != c.meta.end() && it->second.size() > 1)
        for (const std::string& v : it->second) add_list(v, a.categories);
}

namespace {

// A paragraph that can stand as a description: not a byline ("by ..." or one the metadata
// pass saw), not a lead-in ending in ':', not a bare date, not a word or two ("Home", "I.").
bool describes(const std::string& text, const PageFacts& facts) {
    if (text.empty() || text.back() == ':' || lower(text.substr(0, 3)) == "by ") return false;
    if (std::find(facts.bylines.begin(), facts.bylines.end(), text) != facts.bylines.end()) return false;
    if (text.size() < 40 && !normalize_date(text).empty()) return false;
    return text.size() >= 20 || std::count(text.begin(), text.end(), ' ') >= 2;
}

}  // namespace

void describe_from_body(Article& a, const PageFacts& facts) {
    if (a.description) return;
    for (const Block& b : a.body) {
        if (b.type != "paragraph") continue;
        std::string text = collapse_space(b.text);
        if (!describes(text, facts)) continue;
        a.description = std::move(text);
        return;
    }
}

}  // namespace copydesk::extract::html_detail
