// The normalize pipeline: step table, options, normalize_text and normalize_article.
#include "copydesk/normalize.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "normalize/internal.hpp"

namespace copydesk::normalize {

using namespace detail;

namespace {

enum class Id { surrogates, ansi, mojibake, controls, newlines, entities, hyphenation, invisible,
                spaces, form, ligatures, fullwidth, whitespace, quotes, dashes };

struct StepDef {
    Id id;
    const char* name;
    const char* description;
    bool (*fn)(std::string&, StepContext&);
    bool in_code;  // runs on code blocks too
};

// In the order they run.
const StepDef kSteps[] = {
    {Id::surrogates, "surrogates", "CESU-8 surrogate pairs and \\ud83d\\ude00 escapes -> the character",
     step_surrogate_escapes, true},
    {Id::ansi, "ansi", "remove ANSI terminal escape sequences", step_ansi, true},
    {Id::mojibake, "mojibake", "repair UTF-8 that was decoded with the wrong charset", step_mojibake, true},
    {Id::controls, "controls", "remove C0 controls; C1 controls as windows-1252 or removed", step_controls, true},
    {Id::newlines, "newlines", "CRLF, CR, U+2028, U+2029 -> line feed", step_newlines, true},
    {Id::entities, "entities", "decode leftover HTML entities, unless the text is markup", step_entities, false},
    {Id::hyphenation, "hyphenation", "join words hyphenated across a line break", step_hyphenation, false},
    {Id::invisible, "invisible", "remove zero-width spaces, soft hyphens, BOMs, stray joiners", step_invisible, true},
    {Id::spaces, "spaces", "no-break and other odd spaces -> space", step_spaces, false},
    {Id::form, "form", "Unicode normalization form (--form nfc|nfkc|none)", step_form, true},
    {Id::ligatures, "ligatures", "Latin ligatures -> letters (fi, fl, ij, dz ...)", step_ligatures, false},
    {Id::fullwidth, "fullwidth", "full-width and half-width forms -> ordinary ones (opt-in)", step_fullwidth, false},
    {Id::whitespace, "whitespace", "collapse runs of white space, trim block ends (not code)", step_whitespace, false},
    {Id::quotes, "quotes", "quotes (--quotes keep|ascii|curly)", step_quotes, false},
    {Id::dashes, "dashes", "dashes (--dashes keep|ascii)", step_dashes, false},
};

const StepDef* find_step(std::string_view name) {
    for (const StepDef& d : kSteps)
        if (name == d.name) return &d;
    return nullptr;
}

bool flag(const Options& o, Id id) {
    switch (id) {
        case Id::surrogates: return o.surrogates;
        case Id::ansi: return o.ansi;
        case Id::mojibake: return o.mojibake;
        case Id::controls: return o.controls;
        case Id::newlines: return o.newlines;
        case Id::entities: return o.entities;
        case Id::invisible: return o.invisible;
        case Id::spaces: return o.spaces;
        case Id::form: return o.form != Form::none;
        case Id::ligatures: return o.ligatures;
        case Id::fullwidth: return o.fullwidth;
        case Id::hyphenation: return o.hyphenation;
        case Id::whitespace: return o.whitespace;
        case Id::quotes: return o.quotes != Quotes::keep;
        case Id::dashes: return o.dashes != Dashes::keep;
    }
    return false;
}

bool mode_step(Id id) { return id == Id::form || id == Id::quotes || id == Id::dashes; }

bool enabled(const Options& o, const StepDef& d) {
    if (o.only.empty()) return flag(o, d.id);
    if (std::find(o.only.begin(), o.only.end(), d.name) == o.only.end()) return false;
    return mode_step(d.id) ? flag(o, d.id) : true;
}

// Mask bits that make a step worth running.
bool wanted(const Options& o, Id id, uint32_t m, Kind kind) {
    switch (id) {
        case Id::surrogates: return m & kBackslash;
        case Id::ansi: return m & kEsc;
        case Id::mojibake: return m & kMojibake;
        case Id::controls: return m & kCtrl;
        case Id::newlines: return m & kNewline;
        case Id::entities: return m & kAmp;
        case Id::invisible: return m & kInvisible;
        case Id::spaces: return m & kOddSpace;
        case Id::form: return m & (o.form == Form::nfkc ? kNfkc : kNfc);
        case Id::ligatures: return m & kLigature;
        case Id::fullwidth: return m & kFullwidth;
        case Id::hyphenation: return (m & kHyphen) && (m & kLineFeed);
        case Id::whitespace:
            return m & (kWsRun | kTabEtc | kNewline | (kind == Kind::line ? kLineFeed : 0u));
        case Id::quotes: return m & (o.quotes == Quotes::curly ? kAsciiQuote : kCurlyQuote);
        case Id::dashes: return m & kDash;
    }
    return false;
}

// Normalizes s in place; returns true when it changed. `edits` (may be null) receives the
// offsets map old -> new.
bool run(std::string& s, const Options& opt, Kind kind, Edits* edits, Report* rep,
         std::vector<Change>* explain) {
    bool changed = false;
    int64_t count = 0;
    Edits step_edits;
    uint32_t produced = 0;
    StepContext ctx{&opt, kind, edits ? &step_edits : nullptr, explain, &count, &produced};
    auto absorb = [&](const char* name) {
        if (rep) rep->counts[name] += count;
        count = 0;
        if (edits) {
            *edits = edits->v.empty() ? std::move(step_edits) : compose(*edits, step_edits);
            step_edits = Edits{};
        }
        changed = true;
    };
    uint32_t m = classify(s);
    if (m & kInvalid) {
        bool ch = false;
        const StepDef* sur = find_step("surrogates");
        std::string r = repair_utf8(s, enabled(opt, *sur), ctx, &ch);
        if (ch) {
            s = std::move(r);
            absorb("utf8");
        }
        m = classify(s);
    }
    for (int round = 0; round < 8; ++round) {
        if (round > 0) m = classify(s);
        bool any = false;
        for (const StepDef& d : kSteps) {
            if (kind == Kind::code && !d.in_code) continue;
            if (!wanted(opt, d.id, m, kind) || !enabled(opt, d)) continue;
            produced = 0;
            if (d.fn(s, ctx)) {
                absorb(d.name);
                any = true;
                // What the step may have brought for the later steps of this round; anything
                // else is found by the next round, which runs until nothing changes.
                m |= produced;
            }
        }
        if (!any) break;
    }
    return changed;
}

}  // namespace

const std::vector<StepInfo>& steps() {
    static const std::vector<StepInfo> v = [] {
        std::vector<StepInfo> r;
        Options def;
        for (const StepDef& d : kSteps) r.push_back({d.name, d.description, flag(def, d.id)});
        return r;
    }();
    return v;
}

bool Options::set(std::string_view step, bool on) {
    const StepDef* d = find_step(step);
    if (!d) return false;
    switch (d->id) {
        case Id::surrogates: surrogates = on; break;
        case Id::ansi: ansi = on; break;
        case Id::mojibake: mojibake = on; break;
        case Id::controls: controls = on; break;
        case Id::newlines: newlines = on; break;
        case Id::entities: entities = on; break;
        case Id::invisible: invisible = on; break;
        case Id::spaces: spaces = on; break;
        case Id::form: form = on ? (form == Form::none ? Form::nfc : form) : Form::none; break;
        case Id::ligatures: ligatures = on; break;
        case Id::fullwidth: fullwidth = on; break;
        case Id::hyphenation: hyphenation = on; break;
        case Id::whitespace: whitespace = on; break;
        case Id::quotes: quotes = on ? (quotes == Quotes::keep ? Quotes::curly : quotes) : Quotes::keep; break;
        case Id::dashes: dashes = on ? Dashes::ascii : Dashes::keep; break;
    }
    return true;
}

bool Options::enabled(std::string_view step) const {
    const StepDef* d = find_step(step);
    return d && normalize::enabled(*this, *d);
}

int64_t Report::total() const {
    int64_t t = 0;
    for (const auto& [k, v] : counts) t += v;
    return t;
}

std::string normalize_text(std::string_view in, const Options& opt, text::OffsetMap* map, Report* report,
                           std::vector<Change>* explain, Kind kind) {
    std::string s(in);
    Edits edits;
    if (run(s, opt, kind, map ? &edits : nullptr, report, explain) && map) edits.replay(*map);
    return s;
}

namespace {

struct ArticleRun {
    const Options& opt;
    Report& rep;
    std::vector<Change>* explain;

    // Normalizes one string in place; fills `map` when given and the text changed.
    bool text(std::string& s, Kind kind, Edits* edits, const char* where, int64_t block) {
        size_t x0 = explain ? explain->size() : 0;
        bool ch = run(s, opt, kind, edits, &rep, explain);
        if (explain)
            for (size_t i = x0; i < explain->size(); ++i) {
                (*explain)[i].where = where;
                (*explain)[i].block = block;
            }
        return ch;
    }
    void opt_line(std::optional<std::string>& s, const char* where) {
        if (s) text(*s, Kind::line, nullptr, where, -1);
    }
    void lines(std::vector<std::string>& v, const char* where) {
        for (std::string& s : v) text(s, Kind::line, nullptr, where, -1);
    }

    static void remap_spans(std::vector<Span>& spans, const text::OffsetMap& m) {
        for (Span& sp : spans) {
            int64_t s = m.map_start(sp.start), e = m.map_end(sp.end);
            sp.start = s;
            sp.end = std::max(s, e);
        }
    }

    // Body or comments: text, spans, cells, alt. Returns the offset maps of changed blocks
    // that carry annotations.
    void blocks(std::vector<Block>& bs, const char* where, const std::vector<char>* annotated,
                std::vector<std::optional<text::OffsetMap>>* maps) {
        for (size_t i = 0; i < bs.size(); ++i) {
            Block& b = bs[i];
            Kind kind = b.type == "code" ? Kind::code : Kind::block;
            bool ann = annotated && i < annotated->size() && (*annotated)[i];
            bool track = ann || !b.spans.empty();
            Edits edits;
            if (text(b.text, kind, track ? &edits : nullptr, where, static_cast<int64_t>(i)) && track) {
                text::OffsetMap m;
                edits.replay(m);
                remap_spans(b.spans, m);
                if (ann && maps) (*maps)[i] = std::move(m);
            }
            for (auto& row : b.rows)
                for (std::string& cell : row) text(cell, Kind::block, nullptr, where, static_cast<int64_t>(i));
            if (!b.alt.empty()) text(b.alt, Kind::line, nullptr, where, static_cast<int64_t>(i));
        }
    }
};

void remap_annotations(std::vector<Annotation>& v, const std::vector<Block>& body,
                       const std::vector<std::optional<text::OffsetMap>>& maps) {
    for (Annotation& an : v) {
        if (an.block < 0 || an.block >= static_cast<int64_t>(maps.size()) || !maps[an.block]) continue;
        const text::OffsetMap& m = *maps[an.block];
        int64_t s = m.map_start(an.start), e = std::max(s, m.map_end(an.end));
        an.start = s;
        an.end = e;
        const std::string& t = body[an.block].text;
        size_t b0 = text::byte_offset(t, s), b1 = text::byte_offset(t, e);
        an.text = t.substr(b0, b1 - b0);
    }
}

}  // namespace

Report normalize_article(Article& a, const Options& opt, std::vector<Change>* explain) {
    Report rep;
    ArticleRun r{opt, rep, explain};
    std::vector<char> annotated(a.body.size(), 0);
    auto mark = [&](const std::vector<Annotation>& v) {
        for (const Annotation& an : v)
            if (an.block >= 0 && an.block < static_cast<int64_t>(annotated.size())) annotated[an.block] = 1;
    };
    mark(a.annotations.entities);
    mark(a.annotations.dates);
    std::vector<std::optional<text::OffsetMap>> maps(a.body.size());
    r.blocks(a.body, "body", &annotated, &maps);
    remap_annotations(a.annotations.entities, a.body, maps);
    remap_annotations(a.annotations.dates, a.body, maps);
    r.blocks(a.comments, "comments", nullptr, nullptr);
    r.opt_line(a.title, "title");
    r.opt_line(a.subtitle, "subtitle");
    r.lines(a.authors, "authors");
    r.opt_line(a.site_name, "site_name");
    r.opt_line(a.section, "section");
    r.lines(a.breadcrumbs, "breadcrumbs");
    r.lines(a.categories, "categories");
    r.lines(a.keywords, "keywords");
    r.opt_line(a.description, "description");
    for (Keyword& k : a.annotations.keywords) r.text(k.text, Kind::line, nullptr, "keywords", -1);

    std::string members = "\"changes\":{";
    bool first = true;
    for (const auto& [name, n] : rep.counts) {
        if (n == 0) continue;
        members += fmt::format("{}\"{}\":{}", first ? "" : ",", name, n);
        first = false;
    }
    members += "}";
    add_history(a, "normalize", members);
    return rep;
}

}  // namespace copydesk::normalize
