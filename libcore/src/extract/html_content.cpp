// Main content of an HTML page: flatten the DOM once (pre-order, subtree ranges), measure
// subtrees bottom-up, drop boilerplate by tag, role and class/id hints, score paragraph-like
// nodes into their ancestors, choose the main container and its related siblings, clean
// inside it, and build blocks. Every pass is linear in the number of nodes; nothing recurses.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <utf8proc.h>

#include "copydesk/text.hpp"
#include "extract/html_internal.hpp"

namespace copydesk::extract::html_detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Tags

enum Tag : uint8_t {
    t_other, t_html, t_head, t_body, t_p, t_div, t_section, t_article, t_main, t_h1, t_h2, t_h3, t_h4, t_h5, t_h6,
    t_ul, t_ol, t_li, t_dl, t_dt, t_dd, t_blockquote, t_pre, t_code, t_table, t_thead, t_tbody, t_tfoot, t_tr,
    t_td, t_th, t_caption, t_figure, t_figcaption, t_img, t_picture, t_source, t_a, t_br, t_hr, t_em, t_i,
    t_strong, t_b, t_sub, t_sup, t_kbd, t_samp, t_tt, t_script, t_style, t_noscript, t_template, t_iframe, t_form,
    t_input, t_button, t_select, t_textarea, t_option, t_nav, t_aside, t_footer, t_header, t_foreign, t_address,
    t_center, t_object, t_embed, t_video, t_audio, t_canvas, t_dialog, t_menu, t_fieldset, t_legend, t_details,
    t_summary, t_meta, t_link, t_title, t_map, t_label, t_hgroup, t_font, t_span, t_time, t_cite, t_small
};

Tag tag_of(std::string_view n) {
    if (n.size() > 4 && (n.substr(0, 4) == "svg:" || n.substr(0, 5) == "math:")) return t_foreign;
    struct E {
        std::string_view name;
        Tag tag;
    };
    static const std::unordered_map<std::string_view, Tag> map = [] {
        std::unordered_map<std::string_view, Tag> m;
        const E es[] = {{"html", t_html},       {"head", t_head},       {"body", t_body},       {"p", t_p},
                        {"div", t_div},         {"section", t_section}, {"article", t_article}, {"main", t_main},
                        {"h1", t_h1},           {"h2", t_h2},           {"h3", t_h3},           {"h4", t_h4},
                        {"h5", t_h5},           {"h6", t_h6},           {"ul", t_ul},           {"ol", t_ol},
                        {"li", t_li},           {"dl", t_dl},           {"dt", t_dt},           {"dd", t_dd},
                        {"blockquote", t_blockquote}, {"pre", t_pre},   {"code", t_code},       {"table", t_table},
                        {"thead", t_thead},     {"tbody", t_tbody},     {"tfoot", t_tfoot},     {"tr", t_tr},
                        {"td", t_td},           {"th", t_th},           {"caption", t_caption}, {"figure", t_figure},
                        {"figcaption", t_figcaption}, {"img", t_img},   {"picture", t_picture}, {"source", t_source},
                        {"a", t_a},             {"br", t_br},           {"hr", t_hr},           {"em", t_em},
                        {"i", t_i},             {"strong", t_strong},   {"b", t_b},             {"sub", t_sub},
                        {"sup", t_sup},         {"kbd", t_kbd},         {"samp", t_samp},       {"tt", t_tt},
                        {"script", t_script},   {"style", t_style},     {"noscript", t_noscript},
                        {"template", t_template}, {"iframe", t_iframe}, {"form", t_form},       {"input", t_input},
                        {"button", t_button},   {"select", t_select},   {"textarea", t_textarea},
                        {"option", t_option},   {"nav", t_nav},         {"aside", t_aside},     {"footer", t_footer},
                        {"header", t_header},   {"address", t_address}, {"center", t_center},   {"object", t_object},
                        {"embed", t_embed},     {"video", t_video},     {"audio", t_audio},     {"canvas", t_canvas},
                        {"dialog", t_dialog},   {"menu", t_menu},       {"fieldset", t_fieldset},
                        {"legend", t_legend},   {"details", t_details}, {"summary", t_summary}, {"meta", t_meta},
                        {"link", t_link},       {"title", t_title},     {"map", t_map},         {"label", t_label},
                        {"hgroup", t_hgroup},   {"font", t_font},       {"span", t_span},       {"time", t_time},
                        {"cite", t_cite},       {"small", t_small},     {"style", t_style},     {"frameset", t_other}};
        for (const E& e : es) m.emplace(e.name, e.tag);
        return m;
    }();
    auto it = map.find(n);
    return it == map.end() ? t_other : it->second;
}

bool is_heading(Tag t) { return t >= t_h1 && t <= t_h6; }

// Elements that end the running paragraph when they start or end.
bool is_block(Tag t) {
    switch (t) {
        case t_html: case t_body: case t_p: case t_div: case t_section: case t_article: case t_main: case t_h1:
        case t_h2: case t_h3: case t_h4: case t_h5: case t_h6: case t_ul: case t_ol: case t_li: case t_dl:
        case t_dt: case t_dd: case t_blockquote: case t_pre: case t_table: case t_thead: case t_tbody:
        case t_tfoot: case t_tr: case t_td: case t_th: case t_caption: case t_figure: case t_figcaption:
        case t_hr: case t_nav: case t_aside: case t_footer: case t_header: case t_address: case t_center:
        case t_form: case t_fieldset: case t_legend: case t_details: case t_summary: case t_dialog: case t_menu:
        case t_hgroup: case t_video: case t_audio: case t_iframe: case t_object:
            return true;
        default: return false;
    }
}

// Never content: scripts, styles, form controls, embedded objects, foreign content.
bool is_dead_tag(Tag t) {
    switch (t) {
        case t_head: case t_script: case t_style: case t_noscript: case t_template: case t_iframe: case t_input:
        case t_button: case t_select: case t_textarea: case t_option: case t_foreign: case t_object: case t_embed:
        case t_canvas: case t_meta: case t_link: case t_title: case t_map: case t_dialog: case t_audio:
        case t_video:
            return true;
        default: return false;
    }
}

// ---------------------------------------------------------------------------------------------
// Class/id hints

bool contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

// Words that mark boilerplate even next to a positive word ("article-footer", "post-share").
constexpr std::string_view strong_negative[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri",
    "cookie", "consent", "gdpr", "sidebar", "footer", "breadcrumb", "outbrain", "taboola", "sponsor", "advert",
    "promo", "paywall", "popup", "modal", "most-read", "mostread", "most-popular", "mostpopular", "trending",
    "author-bio", "authorbio", "author-box", "authorbox", "about-author", "author-info", "authorinfo",
    "skyscraper", "navbar", "pagination", "signup", "sign-up", "banner", "shoutbox", "combx", "agegate",
    "follow-us", "followus", "read-more", "readmore", "more-stories", "morestories", "also-read", "jump-link",
    "article-tools", "toolbar", "print-link", "subnav", "sub-nav", "top-stories", "topstories", "latest-news",
    "teaser", "nav-", "-nav", "menu", "masthead", "copyright", "site-header", "site-footer", "page-header",
    "page-footer", "login", "rating", "pager", "tagcloud", "tag-cloud", "post-tags", "entry-tags", "article-tags",
    "tags-", "post-meta", "entry-meta", "article-meta", "byline", "dateline", "credit", "caption-source",
    "social-", "donate", "wp-block-buttons", "screen-reader", "visually-hidden", "sr-only",
    "skip-link", "cta", "callout-box", "inline-ad", "ad-container", "ad-slot", "adslot", "ad-wrapper",
    "adwrapper", "dfp", "googlead", "ad-unit", "adunit", "advertisement"};
// Whole class tokens that mark boilerplate unless a positive word is present.
constexpr std::string_view weak_negative_tokens[] = {
    "ad", "ads", "adv", "nav", "tags", "tag", "meta", "hidden", "hide", "print", "aside", "header", "footer",
    "rss", "search", "extra", "widget", "date", "author", "subscribe", "contact", "links", "more", "tools",
    "utility", "utilities", "supplemental", "remark", "legends", "cover-wrap", "yom-remote", "shopping",
    "media", "sticky", "overlay", "nocontent", "noprint", "d-none"};
constexpr std::string_view positive[] = {"article", "content", "entry", "main", "post", "text", "story", "body",
                                         "blog", "hentry", "h-entry", "prose", "rich-text", "richtext"};

struct Hint {
    bool strong_neg = false, weak_neg = false, pos = false, comment = false;
    std::string word;  // the word that matched, for --explain
};

// Substring search for many words at once: words bucketed by their first byte.
class WordSet {
  public:
    template <size_t N>
    explicit WordSet(const std::string_view (&words)[N]) {
        for (std::string_view w : words) buckets_[static_cast<unsigned char>(w[0])].push_back(w);
    }
    // The first word (by position in s) found in s, or empty.
    std::string_view find(std::string_view s) const {
        for (size_t i = 0; i < s.size(); ++i) {
            const auto& b = buckets_[static_cast<unsigned char>(s[i])];
            for (std::string_view w : b)
                if (s.size() - i >= w.size() && (w.size() < 2 || s[i + 1] == w[1]) &&
                    std::memcmp(s.data() + i, w.data(), w.size()) == 0)
                    return w;
        }
        return {};
    }

  private:
    std::vector<std::string_view> buckets_[256];
};

// The class with layout modifiers that name a sidebar beside the element, not the element
// ("gallery--wrapper__with-sidebar", "has-sidebar", "no-sidebar"), blanked out.
std::string without_layout_modifiers(std::string_view h) {
    std::string s(h);
    for (std::string_view m : {"with-sidebar", "has-sidebar", "no-sidebar", "without-sidebar"})
        for (size_t at = s.find(m); at != std::string::npos; at = s.find(m, at)) s.replace(at, m.size(), m.size(), '_');
    return s;
}

Hint hint_of(std::string_view h) {
    Hint r;
    if (h.empty()) return r;
    static const WordSet pos_set(positive), neg_set(strong_negative);
    r.pos = !pos_set.find(h).empty();
    const std::string unmodified = contains(h, "sidebar") ? without_layout_modifiers(h) : std::string();
    if (!unmodified.empty()) h = unmodified;
    if (const std::string_view w = neg_set.find(h); !w.empty()) {
        r.strong_neg = true;
        r.word = std::string(w);
    }
    size_t i = 0;
    while (!r.weak_neg && i < h.size()) {
        size_t j = h.find(' ', i);
        if (j == std::string_view::npos) j = h.size();
        const std::string_view tok = h.substr(i, j - i);
        for (std::string_view w : weak_negative_tokens)
            if (tok == w) {
                r.weak_neg = true;
                if (r.word.empty()) r.word = std::string(w);
                break;
            }
        if (!r.weak_neg && (tok.substr(0, 3) == "ad-" || tok.substr(0, 4) == "ads-" ||
                            (tok.size() > 3 && tok.substr(tok.size() - 3) == "-ad") || contains(tok, "-ad-") ||
                            (tok.size() > 4 && tok.substr(tok.size() - 4) == "-ads"))) {
            r.weak_neg = true;
            if (r.word.empty()) r.word = std::string(tok);
        }
        i = j + 1;
    }
    r.comment = is_comment_hint(h);
    return r;
}

// Readability-style class weight: +25 positive, -25 negative.
int weight_of(const Hint& h) {
    if (h.strong_neg || h.comment) return -25;
    if (h.weak_neg) return h.pos ? 0 : -25;
    return h.pos ? 25 : 0;
}

// ---------------------------------------------------------------------------------------------
// The flattened tree

enum Flag : uint8_t {
    f_hard = 1,      // never content (script, hidden, ...)
    f_boiler = 2,    // boilerplate by tag, role or hint
    f_comment = 4,   // a comment section (outermost)
    f_pruned = 8,    // --prune or cleaning inside the content
    f_dead = 16,     // this or an ancestor is removed
    f_user = 32,     // --prune
};

struct Info {
    pugi::xml_node node;
    int parent = -1;
    int end = 0;  // one past the last descendant
    Tag tag = t_other;
    uint8_t flags = 0;
    int8_t weight = 0;
    bool hint_strong = false, hint_weak = false, hint_pos = false, hint_comment = false;
    int32_t direct = 0;  // characters of direct text children (white space runs as one)
    int16_t direct_commas = 0;
    // measured bottom-up over live descendants
    int32_t text = 0, link_text = 0, commas = 0;
    int32_t p = 0, img = 0, li = 0, inputs = 0, embeds = 0, tables = 0, headings = 0, heading_text = 0;
    int32_t good = 0;  // text of paragraph-like descendants with few links (>= 40 chars each)
    float score = 0;
    bool scored = false;
};

bool is_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Characters of s with white space runs counted once; commas (also CJK ones) counted.
void measure_text(const char* s, int32_t& chars, int16_t& commas) {
    bool space = false;
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
        const unsigned char c = *p;
        if (is_space_byte(c)) {
            space = true;
            continue;
        }
        if ((c & 0xC0) == 0x80) continue;
        if (space) {
            ++chars;
            space = false;
        }
        ++chars;
        if (c == ',') ++commas;
        else if (c == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ++commas;  // U+FF0C
        else if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x81) ++commas;  // U+3001
    }
    if (space) ++chars;
}

bool hidden_style(const char* style) {
    if (!*style) return false;
    std::string s;
    for (const char* p = style; *p; ++p)
        if (!is_space_byte(static_cast<unsigned char>(*p))) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*p))));
    return contains(s, "display:none") || contains(s, "visibility:hidden");
}

// class_id(), but without ids that are slugs of a heading ("sharing-with-a-single-developer"):
// documentation pages name their sections so, and those words say nothing about boilerplate.
std::string hint_string(pugi::xml_node n) {
    const char* id = n.attribute("id").value();
    int dashes = 0;
    for (const char* p = id; *p; ++p) dashes += (*p == '-' || *p == '_') ? 1 : 0;
    if (dashes < 3) return class_id(n);
    std::string s = n.attribute("class").value();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Tuning {
    bool strip_hints = true;        // drop boilerplate by class/id before scoring
    bool weight_classes = true;     // class weights in scores
    bool clean_conditionally = true;
    bool detect_comments = true;    // off: a "comments" container may be the content (live tickers)
    double sibling_ratio = 0.2;
    int climb_share = 6;  // in tenths: climb while the container holds less of the paragraph text
    double link_density_max = 0.2;  // for cleaning, at weight < 25
};

class Extractor {
  public:
    Extractor(const pugi::xml_document& doc, const HtmlOptions& o, const PageFacts& facts, Article& a)
        : doc_(doc), o_(o), facts_(facts), a_(a) {}

    void run();

  private:
    void flatten();
    void mark_hard();
    void mark_boiler(const Tuning& t);
    void measure();
    void apply_prune();
    std::vector<int> select_roots(bool& selected);
    std::vector<int> choose_and_clean(const Tuning& t);
    void build_comments();
    std::vector<int> choose(const Tuning& t);
    // Whether element b is a or inside it.
    bool holds(int a, int b) const { return b >= a && b < in_[static_cast<size_t>(a)].end; }
    void init_score(Info& c, const Tuning& t) const;
    void score_paragraphs(const Tuning& t);
    int best_candidate(std::vector<int>& cands);
    int common_ancestor_of_strong(int top, const std::vector<int>& cands, const Tuning& t);
    int climb_while_parent_scores(int top) const;
    int climb_over_split_article(int top, const Tuning& t) const;
    std::vector<int> with_related_siblings(int top, const Tuning& t) const;
    void clean(const std::vector<int>& roots, const Tuning& t);
    void build(int root, std::vector<Block>& out);
    bool image_figure(pugi::xml_node n, Tag t, Block& f) const;
    std::string caption_text(pugi::xml_node cap) const;
    bool figure_block(pugi::xml_node n, pugi::xml_node img, Block& f) const;
    bool is_data_table(int i) const;
    void table_blocks(int i, std::vector<Block>& out) const;
    bool is_headline(int i) const;
    std::pair<int, int> standfirst_stretch(int first_root) const;
    std::vector<int> find_standfirst(const std::vector<int>& roots) const;
    int text_of_roots(const std::vector<int>& roots) const;
    std::string describe(int i) const;
    void explain(const std::string& s) const {
        if (o_.explain) o_.explain(s);
    }
    int index_of(pugi::xml_node n) const;

    const pugi::xml_document& doc_;
    const HtmlOptions& o_;
    const PageFacts& facts_;
    Article& a_;
    std::vector<Info> in_;
    int body_ = -1;
    mutable std::unordered_map<const void*, int> index_;
};

void Extractor::flatten() {
    in_.reserve(4096);
    std::vector<int> stack;
    pugi::xml_node root = doc_;
    pugi::xml_node cur = root.first_child();
    while (cur) {
        bool descend = false;
        if (cur.type() == pugi::node_element) {
            Info info;
            info.node = cur;
            info.parent = stack.empty() ? -1 : stack.back();
            info.tag = tag_of(cur.name());
            if (info.tag == t_body && body_ < 0) body_ = static_cast<int>(in_.size());
            stack.push_back(static_cast<int>(in_.size()));
            in_.push_back(info);
            descend = true;
        } else if (cur.type() == pugi::node_pcdata || cur.type() == pugi::node_cdata) {
            if (!stack.empty()) {
                Info& p = in_[static_cast<size_t>(stack.back())];
                measure_text(cur.value(), p.direct, p.direct_commas);
            }
        }
        if (descend && cur.first_child()) {
            cur = cur.first_child();
            continue;
        }
        if (descend) {  // an element without children
            in_[static_cast<size_t>(stack.back())].end = static_cast<int>(in_.size());
            stack.pop_back();
        }
        while (cur && cur != root && !cur.next_sibling()) {
            cur = cur.parent();
            if (cur && cur != root && cur.type() == pugi::node_element) {
                in_[static_cast<size_t>(stack.back())].end = static_cast<int>(in_.size());
                stack.pop_back();
            }
        }
        if (!cur || cur == root) break;
        cur = cur.next_sibling();
    }
    while (!stack.empty()) {
        in_[static_cast<size_t>(stack.back())].end = static_cast<int>(in_.size());
        stack.pop_back();
    }
}

int Extractor::index_of(pugi::xml_node n) const {
    if (index_.empty())
        for (size_t i = 0; i < in_.size(); ++i) index_.emplace(in_[i].node.internal_object(), static_cast<int>(i));
    auto it = index_.find(n.internal_object());
    return it == index_.end() ? -1 : it->second;
}

std::string Extractor::describe(int i) const {
    const Info& x = in_[static_cast<size_t>(i)];
    std::string s = "<";
    s += x.node.name();
    if (const char* id = x.node.attribute("id").value(); *id) s += fmt::format(" id=\"{}\"", std::string_view(id).substr(0, 40));
    if (const char* c = x.node.attribute("class").value(); *c) s += fmt::format(" class=\"{}\"", std::string_view(c).substr(0, 60));
    s += ">";
    return s;
}

void Extractor::mark_hard() {
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        if (is_dead_tag(x.tag)) {
            x.flags |= f_hard;
            continue;
        }
        pugi::xml_node n = x.node;
        if (!n.first_attribute()) continue;
        if (n.attribute("hidden") || std::string_view(n.attribute("aria-hidden").value()) == "true" ||
            hidden_style(n.attribute("style").value())) {
            // a hidden element holding the whole page (some sites reveal content with JS) stays
            x.flags |= f_hard;
        }
        if (x.tag == t_img || x.tag == t_picture || x.tag == t_figure) x.flags &= static_cast<uint8_t>(~f_hard);
        const Hint hint = hint_of(hint_string(n));
        x.hint_strong = hint.strong_neg;
        x.hint_weak = hint.weak_neg;
        x.hint_pos = hint.pos;
        x.hint_comment = hint.comment;
        x.weight = static_cast<int8_t>(weight_of(hint));
    }
}

void Extractor::measure() {
    // dead: removed or inside a removed subtree (parents come first in pre-order)
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        x.flags &= static_cast<uint8_t>(~f_dead);
        if (x.flags & (f_hard | f_boiler | f_comment | f_pruned | f_user)) x.flags |= f_dead;
        if (x.parent >= 0 && (in_[static_cast<size_t>(x.parent)].flags & f_dead)) x.flags |= f_dead;
        x.text = x.link_text = x.commas = 0;
        x.p = x.img = x.li = x.inputs = x.embeds = x.tables = x.headings = x.heading_text = 0;
        x.good = 0;
    }
    for (size_t k = in_.size(); k-- > 0;) {
        Info& x = in_[k];
        if (x.tag == t_input || x.tag == t_select || x.tag == t_textarea || x.tag == t_button) x.inputs += 1;
        if (x.tag == t_iframe || x.tag == t_embed || x.tag == t_object || x.tag == t_video) x.embeds += 1;
        if (!(x.flags & f_dead)) {
            x.text += x.direct;
            x.commas += x.direct_commas;
            if (x.tag == t_a) x.link_text = x.text;
            if (x.tag == t_p) x.p += 1;
            {
                const bool para = x.tag == t_p || x.tag == t_li || x.tag == t_pre || x.tag == t_blockquote ||
                                  x.tag == t_td || x.tag == t_dd || is_heading(x.tag);
                if (para && x.good == 0 && x.text >= 40 && x.link_text * 3 < x.text) x.good = x.text;
                else if (!para && x.direct >= 40) x.good += x.direct;
            }
            if (x.tag == t_img) x.img += 1;
            if (x.tag == t_li) x.li += 1;
            if (x.tag == t_table) x.tables += 1;
            if (is_heading(x.tag)) {
                x.headings += 1;
                x.heading_text = x.text;
            }
        }
        if (x.parent >= 0) {
            Info& p = in_[static_cast<size_t>(x.parent)];
            p.inputs += x.inputs;
            p.embeds += x.embeds;
            if (!(x.flags & f_dead)) {
                p.text += x.text;
                p.link_text += x.link_text;
                p.commas += x.commas;
                p.p += x.p;
                p.img += x.img;
                p.li += x.li;
                p.tables += x.tables;
                p.headings += x.headings;
                p.good += x.good;
                p.heading_text += x.heading_text;
            }
        }
    }
}

double link_density(const Info& x) { return x.text > 0 ? static_cast<double>(x.link_text) / x.text : 0; }

void Extractor::mark_boiler(const Tuning& t) {
    const int total = body_ >= 0 ? in_[static_cast<size_t>(body_)].text : 0;
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        x.flags &= static_cast<uint8_t>(~(f_boiler | f_comment));
    }
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        if (x.flags & f_hard) {
            i = static_cast<size_t>(x.end) - 1;
            continue;
        }
        if (x.tag == t_html || x.tag == t_body || x.tag == t_main) continue;
        const double share = total > 0 ? static_cast<double>(x.text) / total : 0;
        const char* role = x.node.attribute("role").value();
        std::string why;
        if (t.detect_comments && x.hint_comment && share < 0.9 && x.tag != t_article && !(x.hint_pos && share > 0.4)) {
            x.flags |= f_comment;
            explain(fmt::format("dropped {}: comment section ({} chars)", describe(static_cast<int>(i)), x.text));
            i = static_cast<size_t>(x.end) - 1;
            continue;
        }
        if (x.tag == t_nav || x.tag == t_aside || x.tag == t_menu) {
            why = fmt::format("<{}> element", x.node.name());
        } else if (x.tag == t_footer && share < 0.5) {
            why = "<footer> element";
        } else if (x.tag == t_header && share < 0.3 && x.p < 3) {
            why = "<header> element";
        } else if (*role) {
            const std::string_view r = role;
            if (r == "navigation" || r == "contentinfo" || r == "complementary" || r == "menu" || r == "menubar" ||
                r == "search" || r == "banner" || r == "alert" || r == "dialog" || r == "toolbar")
                if (share < 0.5) why = fmt::format("role={}", r);
        }
        if (why.empty() && t.strip_hints && x.tag != t_article && x.tag != t_a &&
            // a positive word ("related_post") saves a box of paragraphs, never a list
            ((x.hint_strong && share < 0.5 &&
              !(x.hint_pos && x.tag != t_ul && x.tag != t_ol && (x.p >= 3 || share >= 0.2))) ||
             (x.hint_weak && !x.hint_pos && share < 0.3))) {
            why = o_.explain ? fmt::format("class/id '{}'", hint_of(hint_string(x.node)).word) : "class/id";
        }
        if (!why.empty()) {
            x.flags |= f_boiler;
            if (x.text > 0)
                explain(fmt::format("dropped {}: boilerplate, {} ({} chars)", describe(static_cast<int>(i)), why, x.text));
            i = static_cast<size_t>(x.end) - 1;
        }
    }
}

int Extractor::text_of_roots(const std::vector<int>& roots) const {
    int n = 0;
    for (int r : roots) n += in_[static_cast<size_t>(r)].text;
    return n;
}

// The starting score of a candidate container: its tag's prior and its class weight.
void Extractor::init_score(Info& c, const Tuning& t) const {
    if (c.scored) return;
    c.scored = true;
    float s = 0;
    switch (c.tag) {
        case t_div: case t_article: case t_main: case t_section: s = 5; break;
        case t_pre: case t_td: case t_blockquote: s = 3; break;
        case t_address: case t_ol: case t_ul: case t_dl: case t_dd: case t_dt: case t_li: case t_form: s = -3; break;
        case t_h1: case t_h2: case t_h3: case t_h4: case t_h5: case t_h6: case t_th: s = -5; break;
        default: break;
    }
    if (c.tag == t_article || c.tag == t_main) s += 10;
    if (t.weight_classes) s += c.weight;
    c.score = s;
}

// Scores paragraph-like nodes into up to five ancestors (Readability's scheme).
void Extractor::score_paragraphs(const Tuning& t) {
    for (Info& x : in_) {
        x.score = 0;
        x.scored = false;
    }
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        if (x.flags & f_dead) {
            i = static_cast<size_t>(x.end) - 1;
            continue;
        }
        int len = 0, commas = 0;
        if (x.tag == t_p || x.tag == t_pre || x.tag == t_td || (x.tag == t_blockquote && x.p == 0)) {
            len = x.text;
            commas = x.commas;
        } else if ((x.tag == t_div || x.tag == t_section || x.tag == t_article || x.tag == t_other ||
                    x.tag == t_span || x.tag == t_font || x.tag == t_center) &&
                   x.direct >= 25) {
            len = x.direct;
            commas = x.direct_commas;
        }
        if (len < 25) continue;
        const float cs = 1.0f + static_cast<float>(commas) + std::min(3.0f, std::floor(static_cast<float>(len) / 100.0f));
        int anc = x.tag == t_p || x.tag == t_pre || x.tag == t_td || x.tag == t_blockquote ? x.parent : static_cast<int>(i);
        // a div's own text counts for itself first
        int level = 0;
        while (anc >= 0 && level < 5) {
            Info& c = in_[static_cast<size_t>(anc)];
            if (c.tag == t_html) break;
            init_score(c, t);
            const float div = level == 0 ? 1.0f : (level == 1 ? 2.0f : static_cast<float>(level) * 3.0f);
            c.score += cs / div;
            anc = c.parent;
            ++level;
        }
    }
}

// Final scores, scaled by link density; the best candidate (-1 when none) and all candidates.
int Extractor::best_candidate(std::vector<int>& cands) {
    int top = -1;
    for (size_t i = 0; i < in_.size(); ++i) {
        Info& x = in_[i];
        if (!x.scored || (x.flags & f_dead)) continue;
        x.score *= static_cast<float>(1.0 - link_density(x));
        cands.push_back(static_cast<int>(i));
        if (top < 0 || x.score > in_[static_cast<size_t>(top)].score) top = static_cast<int>(i);
    }
    return top;
}

// Several strong candidates under one ancestor: the ancestor (articles split in divs).
int Extractor::common_ancestor_of_strong(int top, const std::vector<int>& cands, const Tuning& t) {
    std::vector<int> alts;
    const float ts = in_[static_cast<size_t>(top)].score;
    for (int c : cands)
        if (c != top && in_[static_cast<size_t>(c)].score >= 0.75f * ts && !holds(c, top) &&
            !holds(top, c))
            alts.push_back(c);
    if (alts.size() >= 3) {
        int p = in_[static_cast<size_t>(top)].parent;
        while (p >= 0 && in_[static_cast<size_t>(p)].tag != t_body) {
            int n = 0;
            for (int c : alts) n += holds(p, c) ? 1 : 0;
            if (n >= 3) {
                explain(fmt::format("chose {}: common ancestor of {} strong candidates", describe(p), n + 1));
                top = p;
                break;
            }
            p = in_[static_cast<size_t>(p)].parent;
        }
        if (!in_[static_cast<size_t>(top)].scored) init_score(in_[static_cast<size_t>(top)], t);
    }
    return top;
}

// Climbs while the parent scores better, and past parents whose only live child is top.
int Extractor::climb_while_parent_scores(int top) const {
    float last = in_[static_cast<size_t>(top)].score;
    int p = in_[static_cast<size_t>(top)].parent;
    while (p >= 0 && in_[static_cast<size_t>(p)].tag != t_body && in_[static_cast<size_t>(p)].tag != t_html) {
        const Info& pi = in_[static_cast<size_t>(p)];
        if (!pi.scored) {
            p = pi.parent;
            continue;
        }
        if (pi.score < last / 3) break;
        if (pi.score > last) {
            top = p;
            break;
        }
        last = pi.score;
        p = pi.parent;
    }
    // the only live child: its parent is the container
    for (;;) {
        const int par = in_[static_cast<size_t>(top)].parent;
        if (par < 0 || in_[static_cast<size_t>(par)].tag == t_body || in_[static_cast<size_t>(par)].tag == t_html) break;
        if (in_[static_cast<size_t>(par)].text > in_[static_cast<size_t>(top)].text + 10) break;
        top = par;
    }
    return top;
}

// The article may go on outside the container (split across parents): climbs while the
// container holds little of the page's paragraph text and its parent is not a link farm.
int Extractor::climb_over_split_article(int top, const Tuning& t) const {
    if (body_ < 0) return top;
    const int all_good = in_[static_cast<size_t>(body_)].good;
    for (;;) {
        const Info& cur = in_[static_cast<size_t>(top)];
        if (cur.good * 10 >= all_good * t.climb_share) break;
        // the nearest ancestor (up to 4 levels, none of them link-heavy) that adds paragraph text
        int found = -1;
        int a = cur.parent;
        for (int level = 0; level < 4 && a >= 0 && a != body_ && in_[static_cast<size_t>(a)].tag != t_html; ++level) {
            const Info& ai = in_[static_cast<size_t>(a)];
            if (link_density(ai) > 0.2) {
                explain(fmt::format("stayed below {}: link density {:.2f}", describe(a), link_density(ai)));
                break;
            }
            if (ai.good * 10 >= all_good * 5 || ai.good >= cur.good * 2) {
                found = a;
                break;
            }
            a = ai.parent;
        }
        if (found < 0) break;
        explain(fmt::format("climbed to {}: {} of {} chars of paragraph text", describe(found),
                            in_[static_cast<size_t>(found)].good, all_good));
        top = found;
    }
    return top;
}

// The container and its siblings that belong to the article, in page order.
std::vector<int> Extractor::with_related_siblings(int top, const Tuning& t) const {
    const Info& ti = in_[static_cast<size_t>(top)];
    std::vector<int> roots;
    const int par = ti.parent;
    if (par < 0) return {top};
    const float threshold = std::max(10.0f, ti.score * static_cast<float>(t.sibling_ratio));
    const std::string top_class = ti.node.attribute("class").value();
    for (int s = par + 1; s < in_[static_cast<size_t>(par)].end; s = in_[static_cast<size_t>(s)].end) {
        const Info& si = in_[static_cast<size_t>(s)];
        if (s == top) {
            roots.push_back(s);
            continue;
        }
        if (si.flags & f_dead || si.text == 0) continue;
        float bonus = 0;
        if (!top_class.empty() && top_class == si.node.attribute("class").value()) bonus = ti.score * 0.2f;
        bool keep = false;
        std::string why;
        if (si.scored && si.score + bonus >= threshold) {
            keep = true;
            why = fmt::format("sibling score {:.1f}", si.score + bonus);
        } else if (si.tag == t_p || si.tag == t_div || si.tag == t_section || si.tag == t_blockquote ||
                   si.tag == t_ul || si.tag == t_ol || is_heading(si.tag) || si.tag == t_pre || si.tag == t_figure ||
                   si.tag == t_table) {
            const double ld = link_density(si);
            if (si.text > 80 && ld < 0.25 && si.weight >= 0) {
                keep = true;
                why = "sibling paragraph";
            } else if (si.text <= 80 && si.text > 0 && ld == 0 && si.weight >= 0 && si.tag == t_p) {
                const std::string txt = node_text(si.node);
                if (txt.find(". ") != std::string::npos || (!txt.empty() && txt.back() == '.')) {
                    keep = true;
                    why = "short sibling sentence";
                }
            }
        }
        if (keep) {
            roots.push_back(s);
            explain(fmt::format("kept {}: {}, {} chars", describe(s), why, si.text));
        } else {
            explain(fmt::format("dropped {}: sibling of the main content, score {:.1f}, {} chars", describe(s),
                                si.scored ? si.score : 0.0f, si.text));
        }
    }
    return roots;
}

// The main content: the best-scoring container, widened where the article is split, with
// the siblings that continue it.
std::vector<int> Extractor::choose(const Tuning& t) {
    score_paragraphs(t);
    std::vector<int> cands;
    int top = best_candidate(cands);
    if (top < 0 || in_[static_cast<size_t>(top)].tag == t_body) {
        if (body_ >= 0) return {body_};
        return {};
    }
    top = common_ancestor_of_strong(top, cands, t);
    top = climb_while_parent_scores(top);
    top = climb_over_split_article(top, t);
    const Info& ti = in_[static_cast<size_t>(top)];
    explain(fmt::format("kept {}: main content, score {:.1f}, {} chars, link density {:.2f}", describe(top), ti.score,
                        ti.text, link_density(ti)));
    return with_related_siblings(top, t);
}

void Extractor::clean(const std::vector<int>& roots, const Tuning& t) {
    for (int r : roots) {
        const int root_text = in_[static_cast<size_t>(r)].text;
        for (int i = r + 1; i < in_[static_cast<size_t>(r)].end; ++i) {
            Info& x = in_[static_cast<size_t>(i)];
            if (x.flags & f_dead) {
                i = x.end - 1;
                continue;
            }
            // the bulk of the chosen container is never cleaned away as a whole
            if (x.text * 2 > root_text) continue;
            std::string why;
            if (is_heading(x.tag) && t.weight_classes && x.weight < 0) {
                why = "heading with a negative class";
            } else if (t.clean_conditionally &&
                       (x.tag == t_div || x.tag == t_section || x.tag == t_form || x.tag == t_ul || x.tag == t_ol ||
                        x.tag == t_table || x.tag == t_other || x.tag == t_header || x.tag == t_fieldset)) {
                const bool is_list = x.tag == t_ul || x.tag == t_ol;
                const int weight = t.weight_classes ? x.weight : 0;
                const double ld = link_density(x);
                const float score = x.scored && !is_list ? x.score : 0;
                const bool data_table = x.tag == t_table && x.tables == 1 && x.text > 0;
                if (weight + score < 0) {
                    why = fmt::format("class weight {}", weight);
                } else if (x.commas < 10 && !data_table) {
                    const int p = x.p;
                    const int img = x.img;
                    const int li = x.li - 100;
                    const int len = x.text;
                    const bool fig = x.node.find_child([](pugi::xml_node c) { return std::string_view(c.name()) == "figure"; });
                    if (img > 1 && p * 2 < img && !fig && x.text < 200) why = "more images than paragraphs";
                    else if (!is_list && li > p && x.text < 500) why = "more list items than paragraphs";
                    else if (x.inputs > p / 3 + 1 && x.tag != t_other && (x.text < 300 || x.inputs * 40 > x.text)) why = "a form";
                    else if (!is_list && len < 25 && (img == 0 || img > 2) && ld > 0 && x.headings == 0)
                        why = "short and linked";
                    else if (weight < 25 && ld > (is_list ? 0.5 : t.link_density_max) && len < 2000)
                        why = fmt::format("link density {:.2f}", ld);
                    else if (weight >= 25 && ld > 0.5) why = fmt::format("link density {:.2f}", ld);
                    else if ((x.embeds == 1 && len < 75) || x.embeds > 1) why = "embedded media";
                }
            }
            if (!why.empty()) {
                x.flags |= f_pruned;
                if (x.text > 0) explain(fmt::format("dropped {} in the content: {} ({} chars)", describe(i), why, x.text));
                i = x.end - 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Block building

std::string image_src(pugi::xml_node img) {
    for (const char* attr : {"data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src",
                             "data-full-src", "data-srcset", "srcset", "data-lazy-srcset", "src"}) {
        std::string_view v = trim_view(img.attribute(attr).value());
        if (v.empty()) continue;
        if (v.substr(0, 5) == "data:") continue;
        if (std::string_view(attr).find("srcset") != std::string_view::npos) {
            // the candidate with the largest width descriptor, else the first
            std::string_view best;
            double best_w = -1;
            size_t i = 0;
            while (i < v.size()) {
                while (i < v.size() && (v[i] == ' ' || v[i] == ',')) ++i;
                size_t j = i;
                while (j < v.size() && v[j] != ' ' && !(v[j] == ',' && (j + 1 >= v.size() || v[j + 1] == ' '))) ++j;
                const std::string_view url = v.substr(i, j - i);
                size_t k = j;
                while (k < v.size() && v[k] != ',') ++k;
                const std::string_view desc = trim_view(v.substr(j, k - j));
                double w = 0;
                if (!desc.empty() && (desc.back() == 'w' || desc.back() == 'x'))
                    w = std::atof(std::string(desc.substr(0, desc.size() - 1)).c_str()) * (desc.back() == 'x' ? 1000 : 1);
                if (!url.empty() && w > best_w) {
                    best = url;
                    best_w = w;
                }
                i = k + 1;
            }
            if (!best.empty()) return std::string(best);
            continue;
        }
        return std::string(v);
    }
    return {};
}

struct OpenSpan {
    std::string kind, href;
    int64_t start;
    int depth;  // element index it belongs to
};

class BlockBuilder {
  public:
    BlockBuilder(std::vector<Block>& out, const HtmlOptions& o, const std::string& base, const std::string& title)
        : out_(out), o_(o), base_(base), title_(title) {}

    // Enter/leave notifications from the walk.
    void text(const char* s);
    void flush();
    void line_break();
    void open_span(std::string kind, std::string href, int owner);
    void close_span(int owner);
    void pending_figure(Block b) { pending_.push_back(std::move(b)); }
    void emit(Block b) {
        flush();
        out_.push_back(std::move(b));
    }

    // The type of the block that text now would start: set by the walker.
    std::string type = "paragraph";
    int level = 0, depth = 0;
    bool ordered = false;

  private:
    void keep_span(const OpenSpan& s);

    std::vector<Block>& out_;
    const HtmlOptions& o_;
    const std::string& base_;
    const std::string& title_;
    std::string buf_;
    int64_t cps_ = 0;
    bool space_ = false;
    std::vector<OpenSpan> spans_;
    std::vector<Span> done_;
    std::vector<Block> pending_;
    std::string cur_type_;
    int cur_level_ = 0, cur_depth_ = 0;
    bool cur_ordered_ = false;
    bool title_seen_ = false;
};

void BlockBuilder::text(const char* s) {
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
        unsigned char c = *p;
        if (is_space_byte(c) || (c == 0xC2 && p[1] == 0xA0 && false)) {
            space_ = true;
            continue;
        }
        if (buf_.empty()) {
            cur_type_ = type;
            cur_level_ = level;
            cur_depth_ = depth;
            cur_ordered_ = ordered;
            space_ = false;
        } else if (space_) {
            if (buf_.back() != '\n') {
                buf_.push_back(' ');
                ++cps_;
            }
        }
        space_ = false;
        buf_.push_back(static_cast<char>(c));
        if ((c & 0xC0) != 0x80) ++cps_;
    }
}

void BlockBuilder::line_break() {
    if (buf_.empty()) return;
    if (buf_.back() == '\n') {  // <br><br>: a paragraph break
        flush();
        return;
    }
    buf_.push_back('\n');
    ++cps_;
    space_ = false;
}

void BlockBuilder::open_span(std::string kind, std::string href, int owner) {
    // Inline elements nested deeper than this add nothing a reader sees, and every block
    // would carry them all: past it they are not spans (their close finds no owner).
    constexpr size_t max_open = 64;
    if (spans_.size() >= max_open) return;
    int64_t start = cps_;
    if (space_ && !buf_.empty() && buf_.back() != '\n') start = cps_ + 1;
    spans_.push_back(OpenSpan{std::move(kind), std::move(href), start, owner});
}

// The span an open inline element covers so far, kept when it covers any text.
void BlockBuilder::keep_span(const OpenSpan& s) {
    if (cps_ <= s.start || buf_.empty()) return;
    Span sp;
    sp.start = s.start;
    sp.end = cps_;
    sp.kind = s.kind;
    sp.href = s.href;
    done_.push_back(std::move(sp));
}

void BlockBuilder::close_span(int owner) {
    for (size_t k = spans_.size(); k-- > 0;) {
        if (spans_[k].depth != owner) continue;
        keep_span(spans_[k]);
        spans_.erase(spans_.begin() + static_cast<std::ptrdiff_t>(k));
        return;
    }
}

void BlockBuilder::flush() {
    // close open spans at the end; they reopen at 0 in the next block (with nothing written
    // since the last flush, every open span starts at 0 already: nothing to do, however deep)
    if (!buf_.empty())
        for (OpenSpan& s : spans_) {
            keep_span(s);
            s.start = 0;
        }
    while (!buf_.empty() && (buf_.back() == '\n' || buf_.back() == ' ')) {
        buf_.pop_back();
        --cps_;
    }
    if (!buf_.empty()) {
        Block b;
        b.type = cur_type_;
        b.text = std::move(buf_);
        b.level = cur_type_ == "heading" ? cur_level_ : 0;
        b.depth = cur_type_ == "item" ? cur_depth_ : 0;
        b.ordered = cur_type_ == "item" && cur_ordered_;
        for (Span& s : done_) {
            if (s.end > cps_) s.end = cps_;
            if (s.end > s.start) b.spans.push_back(std::move(s));
        }
        std::sort(b.spans.begin(), b.spans.end(), [](const Span& x, const Span& y) {
            return x.start != y.start ? x.start < y.start : x.end > y.end;
        });
        bool drop = false;
        if (b.type == "heading" && !title_seen_ && !title_.empty()) {
            // the article's own title repeated as its first heading
            std::string l1 = collapse_space(b.text), l2 = title_;
            for (char& ch : l1) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            for (char& ch : l2) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (l1 == l2) {
                drop = true;
                title_seen_ = true;
            }
        }
        if (!drop) out_.push_back(std::move(b));
    }
    buf_.clear();
    cps_ = 0;
    space_ = false;
    done_.clear();
    for (Block& f : pending_) out_.push_back(std::move(f));
    pending_.clear();
}

// The raw text of a <pre> subtree, <br> as newlines, without leading blank lines and
// trailing white space.
std::string preformatted_text(pugi::xml_node n) {
    std::string code;
    walk_under(n, [&](pugi::xml_node c) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            code += c.value();
            return false;
        }
        if (c.type() != pugi::node_element) return false;
        if (std::string_view(c.name()) == "br") code += '\n';
        return tag_of(c.name()) != t_script && tag_of(c.name()) != t_style;
    });
    while (!code.empty() && (code.back() == '\n' || code.back() == ' ' || code.back() == '\r' || code.back() == '\t'))
        code.pop_back();
    size_t lead = 0;
    while (lead < code.size() && (code[lead] == '\n' || code[lead] == '\r')) ++lead;
    code.erase(0, lead);
    return code;
}

std::string lang_of(pugi::xml_node n) {
    for (int k = 0; k < 2 && n; ++k) {
        std::string_view c = n.attribute("class").value();
        for (std::string_view p : {"language-", "lang-", "brush: "}) {
            const size_t at = c.find(p);
            if (at != std::string_view::npos) {
                size_t e = at + p.size();
                while (e < c.size() && c[e] != ' ' && c[e] != ';') ++e;
                return std::string(c.substr(at + p.size(), e - at - p.size()));
            }
        }
        if (const char* l = n.attribute("data-lang").value(); *l) return l;
        n = n.child("code");
    }
    return {};
}

// Lowercase (simple case mapping), white space collapsed, trailing ':' and spaces dropped.
std::string folded(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    bool space = false;
    while (i < s.size()) {
        const char32_t c = text::decode(s, i);
        if (c == ' ' || c == '\n' || c == '\t' || c == 0xA0) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        text::append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
    while (!out.empty() && (out.back() == ':' || out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out;
}

// Lines that introduce furniture: "Related", "Read more", "Share this", ... in the languages
// of the web at large. A heading or short paragraph saying only this is dropped, and with it
// the links that follow.
bool is_furniture_heading(const std::string& f) {
    static constexpr std::string_view phrases[] = {
        "related", "related articles", "related stories", "related posts", "related content", "related news",
        "read more", "read also", "also read", "see also", "more on this", "more on this topic",
        "more stories", "more from", "you may also like", "you might also like", "recommended",
        "recommended for you", "most read", "most popular", "trending", "share", "share this", "share this article",
        "share this story", "share on", "tags", "topics", "comments", "leave a comment", "leave a reply",
        "advertisement", "sponsored", "follow us", "newsletter", "subscribe", "sign up",
        "mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant", "das könnte sie auch interessieren",
        "das könnte dich auch interessieren", "ähnliche beiträge", "ähnliche artikel", "weitere beiträge",
        "weitere artikel", "weitere informationen", "weiterlesen", "meistgelesen", "teilen", "teilen mit",
        "diesen artikel teilen", "artikel teilen", "beitrag teilen", "schlagworte", "schlagwörter", "themen",
        "kommentare", "kommentieren", "anzeige", "werbung", "mehr zum ereignis", "verwandte artikel",
        "lire aussi", "à lire aussi", "a lire aussi", "sur le même sujet", "partager", "publicité", "voir aussi",
        "lea también", "lea más", "vea también", "te puede interesar", "también te puede interesar", "compartir",
        "publicidad", "noticias relacionadas", "leggi anche", "condividi", "articoli correlati",
        "czytaj też", "czytaj także", "zobacz też", "zobacz także", "reklama", "udostępnij",
        "leia também", "veja também", "compartilhe", "lees ook", "delen", "gerelateerde artikelen"};
    if (f.empty() || f.size() > 60) return false;
    for (std::string_view p : phrases)
        if (f == p) return true;
    return false;
}

// Credit lines of pictures: "Foto: ...", "Photo: ...", "(c) ...": short and furniture.
bool is_credit_line(const std::string& f) {
    if (f.size() > 120) return false;
    static constexpr std::string_view starts[] = {
        "foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "images:", "credit:", "credits:",
        "photo credit", "bildquelle:", "titelbild:", "titelfoto:", "quelle:", "source:", "©", "(c) ", "copyright",
        "photograph by", "photo by", "photo courtesy", "image courtesy", "fuente:", "źródło:", "crédit", "(©", "(c) ",
        "crédits", "fonte:", "foto ", "bild via", "image via", "abbildung:", "grafik:", "illustration:"};
    for (std::string_view p : starts)
        if (f.compare(0, p.size(), p) == 0) return true;
    return false;
}

// Lines that start like furniture: teaser links ("Read also: ...", "Lea también: ..."),
// filing notes ("This entry was posted in", "Filed under") and datelines ("Published: ...").
bool is_furniture_start(const std::string& f, double link_share) {
    static constexpr std::string_view teasers[] = {
        "read also:", "read more:", "also read:", "see also:", "related:", "more:", "watch:", "read:",
        "lesen sie auch:", "lesen sie mehr:", "mehr zum thema:", "auch interessant:", "lies auch:", "siehe auch:",
        "lire aussi:", "lire aussi :", "à lire aussi:", "à lire aussi :", "voir aussi:", "voir aussi :",
        "lea también:", "lea:", "lea más:", "vea también:", "mira:", "te puede interesar:", "leggi anche:",
        "czytaj też:", "czytaj także:", "zobacz też:", "zobacz także:", "leia também:", "veja também:", "lees ook:"};
    static constexpr std::string_view notes[] = {
        "this entry was posted", "this entry was tagged", "posted in ", "filed under", "tagged with", "tags:",
        "bookmark the permalink", "schlagworte:", "schlagwörter:", "kategorie:", "kategorien:", "categories:",
        "category:", "der beitrag wurde am", "dieser beitrag wurde", "dieser eintrag wurde", "publiziert:",
        "veröffentlicht:", "veröffentlicht am", "veröffentlichung:", "aktualisiert:", "aktualisiert am", "published:", "updated:",
        "last updated", "erstellt am", "zuletzt aktualisiert", "stand:", "publié le", "mis à jour le",
        "publicado el", "actualizado el", "share this:", "teilen mit:", "like this:", "gefällt mir:"};
    for (std::string_view p : teasers)
        if (f.compare(0, p.size(), p) == 0 && (link_share >= 0.5 || f.size() < 160)) return true;
    if (f.size() < 320)
        for (std::string_view p : notes)
            if (f.compare(0, p.size(), p) == 0) return true;
    return false;
}

// A picture's caption set as a paragraph: "Abbildung 4: ...", "Fig. 2 ...", "Beitragsbild: ...",
// or with the text of an enlarge button glued in front ("Vergrößern Eine kleine ...").
bool is_caption_paragraph(const std::string& f) {
    if (f.size() > 300) return false;
    static constexpr std::string_view numbered[] = {"abbildung", "abb.", "figure", "fig.", "bild", "grafik", "image"};
    for (std::string_view w : numbered) {
        if (f.compare(0, w.size(), w) != 0) continue;
        size_t i = w.size();
        while (i < f.size() && f[i] == ' ') ++i;
        const size_t digits = i;
        while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) ++i;
        if (i == digits || i >= f.size()) continue;
        // "Figure 3: ...", "Abb. 2 – ...", but not "Figure 6 shows the state ..."
        const std::string_view rest = std::string_view(f).substr(i);
        if (rest[0] == ':' || rest[0] == '.' || rest[0] == ')' || rest.substr(0, 2) == " -" ||
            rest.substr(0, 4) == " \u2013" || rest.substr(0, 4) == " \u2014" || rest.substr(0, 2) == " |")
            return true;
    }
    for (std::string_view w : {"beitragsbild", "vergrößern ", "enlarge ", "zoom "})
        if (f.compare(0, w.size(), w) == 0) return true;
    return false;
}

// A picture caption with its credit ("... Foto: WITTERS", "... (mlharing / iStock.com)",
// "... / (C) Kab Niang"): the credit marker sits in the last part of a short text.
bool ends_with_credit(const std::string& f) {
    if (f.size() > 260) return false;
    static constexpr std::string_view marks[] = {
        "foto:", "fotos:", "photo:", "photos:", "bild:", "credit:", "credits:", "©", "(c)", "istock", "getty images",
        "shutterstock", "bild via", "image via", "photo via", "quelle:", "źródło:", "fuente:", "crédit photo", "photo credit", "/ dpa", "(dpa)",
        "imago", "picture alliance", "picture-alliance", "reuters/", "afp/", "/afp", "unsplash", "pixabay",
        "flickr", "thinkstock", "adobe stock", "alamy"};
    const std::string_view tail = std::string_view(f).substr(f.size() * 2 / 5);
    for (std::string_view m : marks)
        if (tail.find(m) != std::string_view::npos) return true;
    return false;
}

using Explain = std::function<void(const std::string&)>;

// Whether a text shows a web address ("https://...", "www.example.org").
bool shows_address(std::string_view text) {
    return contains(text, "http://") || contains(text, "https://") || contains(text, "www.");
}

// Code points of a block's text inside links.
int64_t linked_code_points(const Block& b) {
    int64_t linked = 0;
    for (const Span& s : b.spans)
        if (s.kind == "link") linked += s.end - s.start;
    return linked;
}

// Lines that speak to the reader about the site rather than tell the story: newsletters,
// apps, "follow us", subscriptions and paywall notes, donations, comment forms, sharing
// prompts, affiliate and opinion disclaimers. `f` is folded().
bool is_call_to_action(const std::string& f) {
    static constexpr std::string_view phrases[] = {
        "sign up to our", "sign up for our", "signing up to our", "signing up for our", "subscribe to our",
        "subscribe to email", "subscribe to the newsletter", "our newsletter", "monthly newsletter",
        "weekly newsletter", "daily newsletter", "to your inbox", "in your inbox", "follow us on", "get the latest news",
        "straight to your phone", "download our app", "please subscribe", "to view the full story",
        "already a subscriber", "first-time subscribers", "support our journalism", "support independent journalism",
        "if you enjoyed this", "share this article", "leave a comment", "leave a reply", "unseren newsletter",
        "newsletter abonnieren",
        "folgen sie uns", "folge uns auf", "jetzt abonnieren", "unterstützen sie diese", "unterstützen sie uns",
        "werden sie mitglied", "jede kleine spende", "jetzt spenden", "gefällt dir unser", "wenn ihnen unser artikel",
        "möchten sie den artikel teilen", "diesen artikel teilen", "schreibe einen kommentar",
        "hinterlasse einen kommentar", "suscríbete", "síguenos", "nuestro canal de youtube", "abonnez-vous",
        "suivez-nous", "inscrivez-vous à notre", "zapraszamy też do subskrypcji", "obserwuj nas", "iscriviti alla",
        "seguici su"};
    if (f.size() > 400) return false;
    for (std::string_view p : phrases)
        if (contains(f, p)) return true;
    // "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner", not "Follow these steps
    // shared on Twitter to ..."
    return f.compare(0, 7, "follow ") == 0 && contains(f, "@") &&
           (contains(f, "twitter") || contains(f, "instagram") || contains(f, "facebook"));
}

// Notes of the publisher about the text: affiliate links, opinions that are the author's own.
// They run longer than prompts. `f` is folded().
bool is_disclaimer(const std::string& f) {
    static constexpr std::string_view phrases[] = {
        "this post contains references to products", "we may receive compensation", "may earn a commission",
        "advertisers do not influence", "the views expressed", "die meinung des autors wieder",
        "n'engagent que leurs auteurs", "affiliate links", "affiliate-links", "provisions-links"};
    if (f.size() > 700) return false;
    for (std::string_view p : phrases)
        if (contains(f, p)) return true;
    return false;
}

// Headings that open a list of other stories: "More from Local", "Weitere Beiträge aus der
// Kolumne", "Neueste Artikel", "Audios et vidéos sur le sujet". Only trusted at the end of
// the text, where nothing of the story follows them. `f` is folded().
bool opens_other_stories(const std::string& f) {
    static constexpr std::string_view starts[] = {
        "more ", "latest ", "other ", "read next", "next article", "previous article", "you may ", "you might ",
        "recommended", "popular", "weitere ", "neueste ", "mehr ", "entdecke weitere", "lesen sie auch", "lies auch",
        "das könnte", "vorschau auf den nächsten", "nächster artikel", "vorheriger artikel", "zusatzinformationen",
        "audios et vidéos", "vidéos sur", "plus d'articles", "à lire", "autres ", "más ", "otras ", "te puede",
        "czytaj", "zobacz", "altri ", "热门", "相关", "推荐", "最新"};
    if (f.empty() || f.size() > 120) return false;
    for (std::string_view p : starts)
        if (f.compare(0, p.size(), p) == 0) return true;
    return false;
}

// From a heading of other stories ("Weitere Beiträge aus der Kolumne:", "More from Local")
// to the end, when only short blocks follow it: the rest is their teasers.
void cut_other_stories(std::vector<Block>& body, const Explain& explain) {
    constexpr int64_t teaser_max = 250;  // code points: a block of the story is longer
    for (size_t i = body.size(); i-- > 0;) {
        const Block& b = body[i];
        const int64_t n = text::count_code_points(b.text);
        const bool heading_like =
            b.type == "heading" || (b.type == "paragraph" && n > 0 && n < 80 && b.text.back() == ':');
        if (heading_like && opens_other_stories(folded(b.text))) {
            if (explain) explain(fmt::format("dropped block \"{}\" and the {} after it: other stories", b.text, body.size() - i - 1));
            body.resize(i);
            return;
        }
        if (n >= teaser_max) return;
    }
}

// Prompts to the reader anywhere in the text, and the furniture that ends many pages: from
// the last block back, headings of other stories, prompts, notes and link lines go, up to
// the first block of the story.
void drop_reader_prompts(std::vector<Block>& body, const Explain& explain) {
    auto prompt = [](const Block& b) {
        if (b.type != "paragraph" && b.type != "heading") return false;
        // a short block: a prompt inside a paragraph of the story stays with it
        const std::string f = folded(b.text);
        return (text::count_code_points(b.text) < 220 && is_call_to_action(f)) || is_disclaimer(f);
    };
    // a paragraph made of links ("kudos from a, b, c, ...", tag lists) is a list of names, not
    // prose; one of bare addresses is a list of references and stays
    auto link_list = [](const Block& b) {
        if (b.type != "paragraph") return false;
        int links = 0, addresses = 0;
        for (const Span& sp : b.spans) links += sp.kind == "link" ? 1 : 0;
        for (size_t at = b.text.find("http"); at != std::string::npos; at = b.text.find("http", at + 4)) ++addresses;
        return links >= 6 && addresses * 2 < links && linked_code_points(b) * 10 >= text::count_code_points(b.text) * 8;
    };
    std::vector<Block> kept;
    for (Block& b : body) {
        if (prompt(b)) {
            if (explain) explain(fmt::format("dropped block \"{}\": speaks to the reader about the site", b.text));
            continue;
        }
        if (link_list(b)) {
            if (explain) explain(fmt::format("dropped block \"{}\": a paragraph of links", b.text.substr(0, 200)));
            continue;
        }
        kept.push_back(std::move(b));
    }
    body = std::move(kept);
    cut_other_stories(body, explain);
    while (!body.empty()) {
        const Block& b = body.back();
        const std::string f = folded(b.text);
        const int64_t n = text::count_code_points(b.text);
        const bool other_stories = b.type == "heading" && opens_other_stories(f);
        // a link whose text is its address is a source the article cites, not a teaser
        const bool link_line = (b.type == "item" || b.type == "paragraph") && n > 0 && n < 200 &&
                               linked_code_points(b) * 10 >= n * 7 && !shows_address(b.text);
        const bool note = b.type == "paragraph" && n < 300 && is_furniture_start(f, 0);
        if (!other_stories && !link_line && !note) break;
        if (explain) explain(fmt::format("dropped block \"{}\": furniture at the end of the page", b.text));
        body.pop_back();
    }
}

// Furniture lines, picture credits and captions set as paragraphs, and the links under a
// furniture heading.
void drop_furniture_lines(std::vector<Block>& body, const Explain& explain) {
    std::vector<Block> kept;
    kept.reserve(body.size());
    bool after_furniture = false;
    for (size_t k = 0; k < body.size(); ++k) {
        Block& b = body[k];
        if (b.type == "paragraph" || b.type == "heading") {
            const std::string f = folded(b.text);
            if (is_furniture_heading(f)) {
                if (explain) explain(fmt::format("dropped block \"{}\": furniture heading", b.text));
                after_furniture = true;
                continue;
            }
            if (b.type == "paragraph" && (is_credit_line(f) || ends_with_credit(f))) {
                if (explain) explain(fmt::format("dropped block \"{}\": picture credit", b.text));
                continue;
            }
            if (b.type == "paragraph" && is_caption_paragraph(f)) {
                if (explain) explain(fmt::format("dropped block \"{}\": the caption of a picture", b.text));
                // the picture just above or below (an <img> inside the caption's paragraph) gets it
                auto captionless = [](const Block& x) { return x.type == "figure" && x.text.empty(); };
                Block* picture = !kept.empty() && captionless(kept.back()) ? &kept.back()
                                 : k + 1 < body.size() && captionless(body[k + 1]) ? &body[k + 1]
                                                                                   : nullptr;
                if (picture) {
                    picture->text = std::move(b.text);
                    picture->spans = std::move(b.spans);
                }
                continue;
            }
            const int64_t linked = linked_code_points(b), n = text::count_code_points(b.text);
            if (is_furniture_start(f, n > 0 ? static_cast<double>(linked) / static_cast<double>(n) : 0)) {
                if (explain) explain(fmt::format("dropped block \"{}\": furniture line", b.text));
                continue;
            }
        }
        if (b.type == "figure" && !b.text.empty() && (ends_with_credit(folded(b.text)) || is_credit_line(folded(b.text)))) {
            if (explain) explain(fmt::format("dropped caption \"{}\": a picture credit", b.text));
            b.text.clear();
            b.spans.clear();
        }
        if (after_furniture && (b.type == "item" || b.type == "paragraph")) {
            // links under a furniture heading: the teasers of "Related" and its kind
            const int64_t n = text::count_code_points(b.text);
            if (n > 0 && linked_code_points(b) * 10 >= n * 7 && n < 300) {
                if (explain) explain(fmt::format("dropped block \"{}\": a link under a furniture heading", b.text));
                continue;
            }
        }
        after_furniture = false;
        kept.push_back(std::move(b));
    }
    body = std::move(kept);
}

// Datelines standing alone ("23.10.2018", "Veröffentlicht: 2. Februar 2022, 10:15").
void drop_lone_datelines(std::vector<Block>& body, const Explain& explain) {
    std::vector<Block> kept;
    for (Block& b : body) {
        if (b.type == "paragraph" && b.text.size() < 64) {
            int words = 1;
            for (char c : b.text) words += c == ' ' ? 1 : 0;
            const std::string d = normalize_date(b.text);
            const bool digit_first = std::isdigit(static_cast<unsigned char>(b.text[0]));
            if (words <= 6 && d.size() >= 10 && digit_first) {
                if (explain) explain(fmt::format("dropped block \"{}\": a dateline", b.text));
                continue;
            }
        }
        kept.push_back(std::move(b));
    }
    body = std::move(kept);
}

// After the last real paragraph: short lines without a sentence end, or all link, are the
// page's furniture ("Alle Termine", "Next story title").
void drop_short_lines_after_text(std::vector<Block>& body, const Explain& explain) {
    size_t last_long = body.size();
    for (size_t i = body.size(); i-- > 0;)
        if ((body[i].type == "paragraph" || body[i].type == "quote") && text::count_code_points(body[i].text) >= 100) {
            last_long = i;
            break;
        }
    if (last_long < body.size()) {
        std::vector<Block> kept;
        for (size_t i = 0; i < body.size(); ++i) {
            Block& b = body[i];
            if (i > last_long && b.type == "paragraph") {
                const int64_t n = text::count_code_points(b.text);
                const int64_t linked = linked_code_points(b);
                const char end = b.text.empty() ? '.' : b.text.back();
                const bool sentence = end == '.' || end == '!' || end == '?' || end == ':' || end == ')' ||
                                      static_cast<unsigned char>(end) >= 0x80;
                if (n < 80 && (!sentence || linked * 10 >= n * 8) && !shows_address(b.text)) {
                    if (explain) explain(fmt::format("dropped block \"{}\": a short line after the article", b.text));
                    continue;
                }
            }
            kept.push_back(std::move(b));
        }
        body = std::move(kept);
    }
}

// Headings at the end with nothing under them (their lists were furniture and went).
void drop_empty_end_headings(std::vector<Block>& body, const Explain& explain) {
    while (!body.empty() && body.back().type == "heading") {
        if (explain) explain(fmt::format("dropped block \"{}\": a heading with nothing under it", body.back().text));
        body.pop_back();
    }
}

void filter_furniture(std::vector<Block>& body, const Explain& explain) {
    drop_furniture_lines(body, explain);
    drop_lone_datelines(body, explain);
    drop_short_lines_after_text(body, explain);
    drop_empty_end_headings(body, explain);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The standfirst: the lead paragraph many pages set under the headline, outside the element
// that holds the rest of the article ("teaser", "intro", "summary" boxes in the page header).

// Class words that name a standfirst, so that its box counts as one though hinted boilerplate.
bool names_standfirst(std::string_view hint) {
    static constexpr std::string_view words[] = {"teaser", "lead", "intro", "standfirst", "summary", "subtitle",
                                                 "sub-title", "subheadline", "dek", "excerpt", "abstract",
                                                 "description", "deck"};
    for (std::string_view w : words)
        if (contains(hint, w)) return true;
    return false;
}

// Elements whose text is never the standfirst: navigation, captions, controls, link lists.
bool never_standfirst(Tag t) {
    switch (t) {
        case t_nav: case t_aside: case t_footer: case t_form: case t_figure: case t_figcaption: case t_a:
        case t_ul: case t_ol: case t_li: case t_table: case t_time: case t_address: case t_label: case t_menu:
        case t_h1: case t_dl: case t_blockquote: case t_pre:
            return true;
        default: return false;
    }
}

// Whether a text reads as a lead: a sentence or two, not a byline, date or label.
bool reads_as_lead(const std::string& text) {
    const int64_t n = text::count_code_points(text);
    if (n < 80 || n > 1200) return false;
    int bars = 0;  // "Friday | 14 June 2019 | by ..." is a line of facts
    for (size_t at = text.find(" | "); at != std::string::npos; at = text.find(" | ", at + 3)) ++bars;
    if (bars >= 2) return false;
    int words = 1;
    for (char c : text) words += c == ' ' ? 1 : 0;
    const bool cjk = words < 4;  // scripts written without spaces
    return words >= 9 || cjk;
}

// Whether a heading says the page title (or, without a title, is an <h1>).
bool Extractor::is_headline(int i) const {
    const Info& x = in_[static_cast<size_t>(i)];
    if ((x.tag != t_h1 && x.tag != t_h2) || (x.flags & (f_hard | f_user))) return false;
    if (!a_.title) return x.tag == t_h1;
    const std::string title = folded(*a_.title), h = folded(node_text(x.node));
    return h.size() >= 8 && (h == title || contains(title, h) || contains(h, title));
}

// The stretch of the page where a standfirst can be: [from, to) in pre-order, from the end of
// the article's headline to the start of its text. The headline is searched in the first
// container (up to its first live paragraph) and, failing that, just before it.
std::pair<int, int> Extractor::standfirst_stretch(int first_root) const {
    const Info& root = in_[static_cast<size_t>(first_root)];
    for (int i = first_root + 1; i < root.end; ++i) {
        const Info& x = in_[static_cast<size_t>(i)];
        if (!(x.flags & f_dead) && x.tag == t_p && x.text > 0) break;  // the text has begun
        if (!is_headline(i)) continue;
        int to = x.end;
        while (to < root.end && ((in_[static_cast<size_t>(to)].flags & f_dead) || in_[static_cast<size_t>(to)].direct == 0))
            ++to;
        return {x.end, to};
    }
    constexpr int max_back = 3000;  // elements: a headline far above the content is another page part
    for (int i = first_root - 1; i >= 0 && i >= first_root - max_back; --i)
        if (in_[static_cast<size_t>(i)].end <= first_root && is_headline(i)) return {in_[static_cast<size_t>(i)].end, first_root};
    return {-1, -1};
}

// An element that holds text but no other block: a paragraph in all but name.
bool holds_no_blocks(pugi::xml_node n) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && is_block(tag_of(c.name()))) return false;
    return true;
}

// Standfirst elements that are not part of the chosen content (dropped as boilerplate or
// outside the container), in page order. The caller builds them before the content.
std::vector<int> Extractor::find_standfirst(const std::vector<int>& roots) const {
    if (roots.empty() || roots.front() == body_) return {};
    const int first = *std::min_element(roots.begin(), roots.end());
    const auto [from, to] = standfirst_stretch(first);
    if (from < 0) return {};
    std::vector<int> found;
    int64_t passed = 0, taken = 0;  // characters of other text passed over, of standfirst taken
    constexpr int64_t max_passed = 600, max_taken = 1200;
    for (int i = from; i < to && passed <= max_passed && found.empty(); ++i) {
        const Info& x = in_[static_cast<size_t>(i)];
        const bool in_content = i >= first && !(x.flags & f_dead);
        if (x.end > to || in_content) continue;  // the content or an ancestor of it: look inside
        if (x.flags & (f_hard | f_user | f_comment)) {
            i = x.end - 1;
            continue;
        }
        const std::string hint = x.hint_strong || x.hint_weak ? hint_string(x.node) : std::string();
        const bool boxed = names_standfirst(hint);
        if (!boxed && (never_standfirst(x.tag) || x.hint_strong)) {
            passed += text::count_code_points(node_text(x.node));
            i = x.end - 1;
            continue;
        }
        if (!boxed && !(x.tag == t_p || is_heading(x.tag) || holds_no_blocks(x.node))) continue;
        const std::string text = node_text(x.node);
        const int64_t n = text::count_code_points(text);
        if (reads_as_lead(text) && linked_bytes(x.node) * 4 < text.size() && !is_furniture_start(folded(text), 0) &&
            taken + n <= max_taken) {
            found.push_back(i);
            taken += n;
            explain(fmt::format("kept {}: standfirst under the headline, {} chars", describe(i), n));
        } else if (boxed && n > 0) {
            continue;  // a standfirst box too long or short as a whole: look at its paragraphs
        } else {
            passed += n;
        }
        i = x.end - 1;
    }
    return found;
}

// Puts the standfirst's blocks before the body, but not those the body repeats near its start.
void prepend_standfirst(std::vector<Block> standfirst, std::vector<Block>& body) {
    if (standfirst.empty()) return;
    std::string start;
    for (size_t k = 0; k < body.size() && start.size() < 3000; ++k) start += body[k].text + ' ';
    std::vector<Block> kept;
    for (Block& b : standfirst)
        if (b.text.empty() || start.find(b.text.substr(0, 60)) == std::string::npos) kept.push_back(std::move(b));
    body.insert(body.begin(), std::make_move_iterator(kept.begin()), std::make_move_iterator(kept.end()));
}

// A figure for an <img> or <picture> outside <figure>: false when it has no source or is an
// icon (under 50 pixels).
bool Extractor::image_figure(pugi::xml_node n, Tag t, Block& f) const {
    pugi::xml_node img = t == t_img ? n : n.child("img");
    if (!img) return false;
    std::string src = image_src(img);
    if (src.empty() && t == t_picture)
        for (pugi::xml_node s = n.child("source"); s && src.empty(); s = s.next_sibling("source")) src = image_src(s);
    if (src.empty()) return false;
    const int w = std::atoi(img.attribute("width").value()), h = std::atoi(img.attribute("height").value());
    if ((w > 0 && w < 50) || (h > 0 && h < 50)) return false;
    f.type = "figure";
    f.src = resolve_url(facts_.base, src);
    f.alt = collapse_space(img.attribute("alt").value());
    return true;
}

// The text of a <figcaption> without its boilerplate children (credits); empty when the
// caption itself was dropped.
std::string Extractor::caption_text(pugi::xml_node cap) const {
    const int ci = index_of(cap);
    if (ci < 0) return {};
    if (in_[static_cast<size_t>(ci)].flags & f_dead) return {};
    std::string capt;
    for (int k = ci; k < in_[static_cast<size_t>(ci)].end; ++k) {
        const Info& y = in_[static_cast<size_t>(k)];
        if (y.flags & (f_hard | f_boiler | f_pruned | f_user)) {
            k = y.end - 1;
            continue;
        }
        for (pugi::xml_node c = y.node.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_pcdata) {
                capt += c.value();
            } else if (c.type() == pugi::node_element) {
                capt += ' ';
            }
    }
    return collapse_space(capt);
}

// A <figure> holding the picture `img`: source, alt and caption. False when it has neither a
// source nor a caption.
bool Extractor::figure_block(pugi::xml_node n, pugi::xml_node img, Block& f) const {
    if (std::string_view(img.name()) == "picture") img = img.child("img") ? img.child("img") : img;
    std::string src = image_src(img);
    if (src.empty())
        for (pugi::xml_node s = img.parent().child("source"); s && src.empty(); s = s.next_sibling("source"))
            src = image_src(s);
    f.type = "figure";
    if (!src.empty()) f.src = resolve_url(facts_.base, src);
    f.alt = collapse_space(img.attribute("alt").value());
    if (pugi::xml_node cap = n.child("figcaption")) f.text = caption_text(cap);
    return !f.src.empty() || !f.text.empty();
}

// A table of data rather than of layout: no nested table, at least one row and two columns,
// no long blocks, lists, headings or quotes in its cells, not role=presentation.
bool Extractor::is_data_table(int i) const {
    const Info& x = in_[static_cast<size_t>(i)];
    if (x.tables != 1 || x.p > 1) return false;
    if (std::string_view(x.node.attribute("role").value()) == "presentation") return false;
    int rows = 0, maxcols = 0;
    for (int k = i + 1; k < x.end; ++k) {
        const Info& y = in_[static_cast<size_t>(k)];
        if (y.tag == t_tr) {
            ++rows;
            int cols = 0;
            for (pugi::xml_node c = y.node.first_child(); c; c = c.next_sibling()) {
                const std::string_view cn = c.name();
                if (cn == "td" || cn == "th") cols += std::max(1, std::atoi(c.attribute("colspan").value()));
            }
            maxcols = std::max(maxcols, cols);
        }
        if (y.tag == t_div && y.text > 300) return false;
        if (y.tag == t_ul || y.tag == t_ol || is_heading(y.tag) || y.tag == t_blockquote) return false;
    }
    return rows >= 1 && maxcols >= 2;
}

// A data table as its caption (a paragraph) and a table block: cells as text, colspan
// expanded, leading all-<th> or <thead> rows counted as header rows.
void Extractor::table_blocks(int i, std::vector<Block>& out) const {
    const Info& x = in_[static_cast<size_t>(i)];
    if (pugi::xml_node cap = x.node.child("caption")) {
        Block p;
        p.text = node_text(cap);
        if (!p.text.empty()) out.push_back(std::move(p));
    }
    Block tb;
    tb.type = "table";
    bool header_done = false;
    for (int k = i + 1; k < x.end; ++k) {
        const Info& y = in_[static_cast<size_t>(k)];
        if (y.tag != t_tr || (y.flags & f_dead)) continue;
        std::vector<std::string> row;
        bool all_th = true;
        for (pugi::xml_node c = y.node.first_child(); c; c = c.next_sibling()) {
            const std::string_view cn = c.name();
            if (cn != "td" && cn != "th") continue;
            if (cn == "td") all_th = false;
            row.push_back(node_text(c));
            const int span = std::min(100, std::max(1, std::atoi(c.attribute("colspan").value())));
            for (int s = 1; s < span; ++s) row.emplace_back();
        }
        if (row.empty()) continue;
        const bool in_thead = std::string_view(y.node.parent().name()) == "thead";
        if (!header_done && (all_th || in_thead)) tb.header_rows++;
        else header_done = true;
        tb.rows.push_back(std::move(row));
    }
    if (!tb.rows.empty()) out.push_back(std::move(tb));
}

void Extractor::build(int root, std::vector<Block>& out) {
    const std::string title = a_.title ? *a_.title : std::string();
    BlockBuilder b(out, o_, facts_.base, title);
    struct Frame {
        int idx;
        Tag tag;
        std::string type;
        int level, depth;
        bool ordered;
    };
    std::vector<Frame> frames;
    int list_depth = 0;
    std::vector<bool> list_ordered;
    // The innermost heading, list item or quote decides the type of text; each frame keeps
    // the context it opened, so nothing walks the stack.
    auto set_type = [&]() {
        b.type = "paragraph";
        b.level = 0;
        if (frames.empty()) return;
        const Frame& f = frames.back();
        b.type = f.type.empty() ? "paragraph" : f.type;
        b.level = f.level;
        b.depth = f.depth;
        b.ordered = f.ordered;
    };

    // Iterative walk from the root element, in step with the flattened indices.
    pugi::xml_node rootn = in_[static_cast<size_t>(root)].node;
    int next = root;
    pugi::xml_node cur = rootn;
    std::vector<std::pair<pugi::xml_node, int>> open;  // entered elements and their index
    auto enter = [&](pugi::xml_node n) -> bool {
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
            b.text(n.value());
            return false;
        }
        if (n.type() != pugi::node_element) return false;
        const int i = next++;
        Info& x = in_[static_cast<size_t>(i)];
        if (x.flags & (f_hard | f_boiler | f_comment | f_pruned | f_user)) {
            next = x.end;
            if (is_block(x.tag)) b.flush();
            return false;
        }
        const Tag t = x.tag;
        if (t == t_br) {
            b.line_break();
            return false;
        }
        if (t == t_img || t == t_picture) {
            next = x.end;
            Block f;
            if (o_.images && image_figure(n, t, f)) b.pending_figure(std::move(f));
            return false;
        }
        if (t == t_figure && x.tables == 0) {
            if (pugi::xml_node img = n.find_node([](pugi::xml_node c) {
                    return std::string_view(c.name()) == "img" || std::string_view(c.name()) == "picture";
                })) {
                next = x.end;
                b.flush();
                Block f;
                if (o_.images && figure_block(n, img, f)) out.push_back(std::move(f));
                return false;
            }
        }
        if (t == t_table && is_data_table(i)) {
            next = x.end;
            b.flush();
            if (o_.tables) table_blocks(i, out);
            return false;
        }
        if (t == t_pre) {
            next = x.end;
            b.flush();
            Block cb;
            cb.type = "code";
            cb.text = preformatted_text(n);
            cb.lang = lang_of(n);
            if (!cb.text.empty()) out.push_back(std::move(cb));
            return false;
        }
        if (is_block(t)) {
            b.flush();
            if (t == t_ul || t == t_ol) {
                ++list_depth;
                list_ordered.push_back(t == t_ol);
            }
            Frame f{i, t, "", 0, 0, false};
            if (is_heading(t)) {
                f.type = "heading";
                f.level = t - t_h1 + 1;
            } else if (t == t_li) {
                f.type = "item";
                f.depth = std::max(0, list_depth - 1);
                f.ordered = !list_ordered.empty() && list_ordered.back();
            } else if (t == t_blockquote) {
                f.type = "quote";
            } else if (!frames.empty()) {
                const Frame& p = frames.back();
                f.type = p.type;
                f.level = p.level;
                f.depth = p.depth;
                f.ordered = p.ordered;
            }
            frames.push_back(std::move(f));
            set_type();
        } else {
            switch (t) {
                case t_em: case t_i: b.open_span("em", "", i); break;
                case t_strong: case t_b: b.open_span("strong", "", i); break;
                case t_code: case t_kbd: case t_samp: case t_tt: b.open_span("code", "", i); break;
                case t_sub: b.open_span("sub", "", i); break;
                case t_sup: b.open_span("sup", "", i); break;
                case t_a:
                    if (o_.links) {
                        std::string_view href = trim_view(n.attribute("href").value());
                        if (!href.empty() && href.substr(0, 11) != "javascript:")
                            b.open_span("link", resolve_url(facts_.base, href), i);
                    }
                    break;
                default: break;
            }
        }
        open.emplace_back(n, i);
        return true;
    };
    auto leave = [&](pugi::xml_node n) {
        (void)n;
        if (open.empty()) return;
        const int i = open.back().second;
        open.pop_back();
        const Tag t = in_[static_cast<size_t>(i)].tag;
        if (is_block(t)) {
            b.flush();
            if (!frames.empty() && frames.back().idx == i) frames.pop_back();
            if (t == t_ul || t == t_ol) {
                --list_depth;
                if (!list_ordered.empty()) list_ordered.pop_back();
            }
            set_type();
        } else {
            b.close_span(i);
        }
    };
    bool descend = enter(cur);
    while (true) {
        if (descend && cur.first_child()) {
            cur = cur.first_child();
            descend = enter(cur);
            continue;
        }
        if (descend) leave(cur);
        while (cur != rootn && !cur.next_sibling()) {
            cur = cur.parent();
            leave(cur);
        }
        if (cur == rootn) break;
        cur = cur.next_sibling();
        descend = enter(cur);
    }
    b.flush();
}

// --prune: the elements the user's XPaths name are never content.
void Extractor::apply_prune() {
    for (const std::string& xp : o_.prune) {
        try {
            pugi::xpath_query q(xp.c_str());
            for (const pugi::xpath_node& xn : q.evaluate_node_set(doc_)) {
                const int i = index_of(xn.node());
                if (i >= 0) {
                    in_[static_cast<size_t>(i)].flags |= f_user;
                    explain(fmt::format("dropped {}: --prune {}", describe(i), xp));
                }
            }
        } catch (const pugi::xpath_exception& e) {
            a_.warnings.push_back(fmt::format("bad --prune XPath '{}': {}", xp, e.what()));
        }
    }
}

// The elements --select names, outermost first, in page order. `selected` tells whether any
// expression was valid (then the scoring pass is skipped, even when nothing matched).
std::vector<int> Extractor::select_roots(bool& selected) {
    std::vector<int> roots;
    for (const std::string& xp : o_.select) {
        try {
            pugi::xpath_query q(xp.c_str());
            pugi::xpath_node_set set = q.evaluate_node_set(doc_);
            set.sort();
            for (const pugi::xpath_node& xn : set) {
                const int i = index_of(xn.node());
                if (i < 0) continue;
                bool inside = false;  // in a root already chosen
                for (int r : roots) inside = inside || holds(r, i);
                if (!inside) {
                    roots.push_back(i);
                    explain(fmt::format("kept {}: --select {}", describe(i), xp));
                }
            }
            selected = true;
        } catch (const pugi::xpath_exception& e) {
            a_.warnings.push_back(fmt::format("bad --select XPath '{}': {}", xp, e.what()));
        }
    }
    return roots;
}

Tuning tuning_for(HtmlPreset preset) {
    Tuning t;
    if (preset == HtmlPreset::precision) {
        t.sibling_ratio = 0.3;
        t.link_density_max = 0.15;
    } else if (preset == HtmlPreset::recall) {
        t.sibling_ratio = 0.1;
        t.link_density_max = 0.35;
    }
    return t;
}

// The scoring pass, and when its result is weak, the pass again with fewer assumptions
// (Readability's retry): the clearly longest result wins.
std::vector<int> Extractor::choose_and_clean(const Tuning& t) {
    mark_boiler(t);
    measure();
    std::vector<int> roots = choose(t);
    clean(roots, t);
    const int total = body_ >= 0 ? in_[static_cast<size_t>(body_)].text : 0;
    measure();
    const int got = text_of_roots(roots);
    const int enough = o_.preset == HtmlPreset::recall ? 1000 : (o_.preset == HtmlPreset::precision ? 250 : 500);
    if (got >= enough || total <= got) return roots;
    Tuning t2 = t;
    t2.strip_hints = false;
    Tuning t3 = t2;
    t3.weight_classes = false;
    Tuning t4 = t3;
    t4.clean_conditionally = false;
    t4.detect_comments = false;
    std::vector<int> best = roots;
    int best_len = got;
    std::vector<uint8_t> best_flags(in_.size());
    for (size_t k = 0; k < in_.size(); ++k) best_flags[k] = in_[k].flags;
    for (const Tuning& tt : {t2, t3, t4}) {
        for (Info& x : in_) x.flags &= static_cast<uint8_t>(f_hard | f_user);
        mark_boiler(tt);
        measure();
        std::vector<int> r = choose(tt);
        clean(r, tt);
        measure();
        const int len = text_of_roots(r);
        explain(fmt::format("retry (weak result, {} chars): {} chars", best_len, len));
        // a retry only wins when it finds clearly more (not just the furniture back)
        if (len > best_len + std::max(200, best_len / 2)) {
            best_len = len;
            best = r;
            for (size_t k = 0; k < in_.size(); ++k) best_flags[k] = in_[k].flags;
        }
        if (len >= enough) break;
    }
    for (size_t k = 0; k < in_.size(); ++k) in_[k].flags = best_flags[k];
    measure();
    return best;
}

// The comment sections (outermost), each built as it is, reply forms left out.
void Extractor::build_comments() {
    for (size_t i = 0; i < in_.size(); ++i) {
        const Info& x = in_[i];
        if (x.flags & f_hard) {
            i = static_cast<size_t>(x.end) - 1;
            continue;
        }
        if (x.flags & f_comment) {
            in_[i].flags &= static_cast<uint8_t>(~f_comment);
            build(static_cast<int>(i), a_.comments);
            in_[i].flags |= f_comment;
            i = static_cast<size_t>(x.end) - 1;
        }
    }
}

void Extractor::run() {
    flatten();
    if (in_.empty()) return;
    mark_hard();
    apply_prune();
    measure();
    bool selected = false;
    std::vector<int> roots = select_roots(selected);
    const Tuning t = tuning_for(o_.preset);
    if (o_.whole_page) {
        roots = {body_ >= 0 ? body_ : 0};
        explain("kept <body>: --whole-page");
    } else if (selected) {
        // hints still clean inside the chosen nodes
        mark_boiler(t);
        measure();
    } else {
        roots = choose_and_clean(t);
    }
    if (roots.empty() && body_ >= 0) roots = {body_};
    std::vector<Block> standfirst;
    if (!o_.whole_page && !selected)
        for (int s : find_standfirst(roots)) {
            in_[static_cast<size_t>(s)].flags &= static_cast<uint8_t>(~f_boiler);
            build(s, standfirst);
        }
    for (int r : roots) build(r, a_.body);
    prepend_standfirst(std::move(standfirst), a_.body);
    if (!o_.whole_page && o_.select.empty()) {
        filter_furniture(a_.body, o_.explain);
        drop_reader_prompts(a_.body, o_.explain);
    }
    if (o_.comments) build_comments();
}

}  // namespace copydesk::extract::html_detail

namespace copydesk::extract::html_detail {

void extract_content(const pugi::xml_document& doc, const HtmlOptions& options, const PageFacts& facts, Article& a) {
    Extractor e(doc, options, facts, a);
    e.run();
}

}  // namespace copydesk::extract::html_detail
