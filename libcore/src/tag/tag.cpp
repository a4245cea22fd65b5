// tag_article: runs the taggers over one article and records what it did.
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "copydesk/tag.hpp"
#include "tag/entities_tokens.hpp"
#include "tag/stopwords.hpp"

namespace copydesk::tag {
namespace {

const ExtraField* find_extra(const Extras& x, std::string_view key) {
    for (const auto& f : x)
        if (f.key == key) return &f;
    return nullptr;
}

void set_extra(Extras& x, std::string after, std::string key, std::string json) {
    for (auto& f : x)
        if (f.key == key) { f.json = std::move(json); return; }
    x.push_back(ExtraField{std::move(after), std::move(key), std::move(json)});
}

void erase_extra(Extras& x, std::string_view key) {
    x.erase(std::remove_if(x.begin(), x.end(), [&](const ExtraField& f) { return f.key == key; }), x.end());
}

// The declared language: what the record said before any tagging. A first run keeps it in
// annotations.language.declared, so that tagging again gives the same answer.
std::string declared_language(const Article& a) {
    if (a.annotations.language) {
        if (const ExtraField* f = find_extra(a.annotations.language->extra, "declared")) {
            if (f->json.size() >= 2 && f->json.front() == '"') return f->json.substr(1, f->json.size() - 2);
            return {};
        }
    }
    return a.language.value_or("");
}

// JSON string for a language hint we pass through: keep only tag characters.
std::string json_tag(std::string_view s) {
    std::string out = "\"";
    for (char c : s)
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') out += c;
        else if ((c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
    out += '"';
    return out;
}

// Longest prefix of s of at most n bytes that ends at a space (or at least at a UTF-8
// character boundary when there is no space).
std::string_view cut(std::string_view s, size_t n) {
    if (s.size() <= n) return s;
    size_t e = n;
    while (e > 0 && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) --e;
    const size_t sp = s.rfind(' ', e);
    if (sp != std::string_view::npos && sp > n / 2) e = sp;
    return s.substr(0, e);
}

// What CLD2 reads: title, subtitle and up to `budget` bytes of body text from blocks spread
// over the article (all of it when budget is 0 or the body is short).
std::string language_text(const Article& a, size_t budget) {
    std::vector<const Block*> blocks;
    size_t total = 0;
    for (const Block& b : a.body)
        if (has_words(b)) { blocks.push_back(&b); total += b.text.size() + 1; }
    std::string all;
    all.reserve(std::min(total, budget ? budget : total) + 512);
    if (a.title) { all += *a.title; all += '\n'; }
    if (a.subtitle) { all += *a.subtitle; all += '\n'; }
    if (budget == 0 || total <= budget) {
        for (const Block* b : blocks) { all += b->text; all += '\n'; }
        return all;
    }
    const size_t k = std::clamp<size_t>(budget / 256, 1, blocks.size());
    const size_t per = budget / k;
    for (size_t j = 0; j < k; ++j) {
        all += cut(blocks[j * blocks.size() / k]->text, per);
        all += '\n';
    }
    return all;
}

std::optional<Date> reference_for(const Article& a, const Options& o, std::string_view lang) {
    // (an unparsable override is ignored; the CLI checks it before it gets here)
    if (!o.reference_date.empty())
        if (auto d = parse_date(o.reference_date)) return d;
    if (a.date_published) {
        if (auto d = parse_date(*a.date_published)) return d;
    }
    // No publication date: a dateline's full date in the first blocks stands in for it.
    for (size_t i = 0; i < a.body.size() && i < 2; ++i) {
        if (!has_words(a.body[i])) continue;
        for (const Annotation& d : find_dates(a.body[i].text, static_cast<int64_t>(i), std::nullopt, lang))
            // a dateline opens its block: "BEIJING, March 23, 2020 (Xinhua) --"
            if ((d.type == "date" || d.type == "datetime") && d.value.size() >= 10 && d.start < 60)
                if (auto r = parse_date(d.value)) return r;
    }
    return std::nullopt;
}

}  // namespace

void tag_article(Article& a, const Options& o) {
    std::string taggers;
    auto add_tagger = [&](std::string_view name) {
        if (!taggers.empty()) taggers += ",";
        taggers += fmt::format("\"{}\"", name);
    };
    std::string lang = a.language.value_or("");

    if (o.language) {
        const std::string declared = declared_language(a);
        LanguageGuess g = detect_language(language_text(a, o.language_sample), declared);
        if (g.code.empty()) {
            a.annotations.language.reset();
        } else {
            g.confidence = std::round(g.confidence * 1000.0) / 1000.0;
            // members other tools put there pass through; "declared" is ours
            if (a.annotations.language) g.extra = a.annotations.language->extra;
            set_extra(g.extra, "confidence", "declared", declared.empty() ? std::string("null") : json_tag(declared));
            a.annotations.language = std::move(g);
            if (!a.language) a.language = a.annotations.language->code;
            // keep a declared region ("en-GB" reads 03/04/2020 as 3 April)
            const std::string& code = a.annotations.language->code;
            if (!(lang.size() > code.size() && lang.compare(0, code.size(), code) == 0 &&
                  (lang[code.size()] == '-' || lang[code.size()] == '_')))
                lang = code;
        }
        if (o.per_block_language && a.annotations.language) {
            const std::string& doc = a.annotations.language->code;
            std::string list;
            for (size_t i = 0; i < a.body.size(); ++i) {
                if (!has_words(a.body[i])) continue;
                // Most blocks are plainly in the article's language: no CLD2 call for them.
                // For the others, the start of a block tells its language.
                const std::string_view head = cut(a.body[i].text, 512);
                if (plainly_in(head, doc)) continue;
                const LanguageGuess b = detect_language(head, doc);
                if (b.code.empty() || b.code == doc || b.confidence < 0.5) continue;
                if (!list.empty()) list += ", ";
                list += fmt::format("{{\"block\": {}, \"code\": {}, \"confidence\": {:.3f}}}", i,
                                    json_tag(b.code), b.confidence);
            }
            if (list.empty()) erase_extra(a.annotations.extra, "block_languages");
            else set_extra(a.annotations.extra, "dates", "block_languages", "[" + list + "]");
        }
        add_tagger("language");
    }

    std::string members;
    if (o.dates) {
        const std::optional<Date> ref = reference_for(a, o, lang);
        std::vector<Annotation> dates;
        for (size_t i = 0; i < a.body.size(); ++i) {
            if (!has_words(a.body[i])) continue;
            auto found = find_dates(a.body[i].text, static_cast<int64_t>(i), ref, lang);
            for (auto& d : found) dates.push_back(std::move(d));
        }
        a.annotations.dates = std::move(dates);
        add_tagger("dates");
        if (ref)
            members = fmt::format(",\"reference_date\":\"{:04}-{:02}-{:02}\"", ref->year, ref->month, ref->day);
    }
    // --- entities and keywords ---
    if (o.entities || o.keywords) {
        // One tokenization for both taggers, into buffers kept from one article to the next.
        thread_local std::vector<TokenizedBlock> buffers;
        const std::span<const TokenizedBlock> blocks = tokenize_article(a, buffers);
        // (as find_entities and find_keywords read an article without a language)
        const std::string_view words_lang = lang.empty() && !a.language ? std::string_view("en") : lang;
        if (o.entities) {
            a.annotations.entities = entities_of(blocks, words_lang);
            add_tagger("entities");
        }
        if (o.keywords) {
            a.annotations.keywords = keywords_of(blocks, words_lang, o.max_keywords);
            add_tagger("keywords");
        }
    }
    // --- end of entities and keywords ---
    a.annotations.present = true;
    add_history(a, "tag", "\"taggers\":[" + taggers + "]" + members);
}

}  // namespace copydesk::tag
