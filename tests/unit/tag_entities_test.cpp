// Tests of tag's named entities (find_entities and tag_article's "entities").
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "copydesk/tag.hpp"
#include "seed.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;
using namespace copydesk::tag;
using copydesk::testing::slice;

namespace {

// The seed, declared English as the HTML extractor would declare it.
Article seed_article() {
    Article a = copydesk::testing::seed_article();
    a.language = "en";
    return a;
}

std::string code_of(const Annotation& a) {
    for (const auto& f : a.extra)
        if (f.key == "code") return f.json;
    return {};
}

// (type, text) pairs found in a text.
std::set<std::pair<std::string, std::string>> found(std::string_view text) {
    std::set<std::pair<std::string, std::string>> out;
    for (const Annotation& a : find_entities(text)) out.emplace(a.type, a.text);
    return out;
}

// An article of one paragraph per text.
Article article_of(std::initializer_list<const char*> texts) {
    Article a;
    for (const char* t : texts) {
        Block b;
        b.text = t;
        a.body.push_back(b);
    }
    return a;
}

bool has(const std::vector<Annotation>& v, std::string_view type, std::string_view text, std::string_view value = {}) {
    for (const Annotation& a : v)
        if (a.type == type && a.text == text && (value.empty() || a.value == value)) return true;
    return false;
}

// One paragraph of tests/data/tag/entities.tsv: the text without markup and its entities.
struct Gold {
    std::string text;
    std::vector<Annotation> entities;
};

Gold parse_marked(const std::string& marked) {
    Gold g;
    size_t i = 0;
    while (i < marked.size()) {
        if (marked[i] == '{') {
            const size_t e = marked.find('}', i);
            REQUIRE(e != std::string::npos);
            const std::string inner = marked.substr(i + 1, e - i - 1);
            const size_t bar = inner.find('|');
            const size_t bar2 = inner.find('|', bar + 1);
            Annotation a;
            const char t = inner[0];
            a.type = t == 'p' ? "person" : t == 'l' ? "place" : t == 'o' ? "organization" : "misc";
            a.text = inner.substr(bar + 1, bar2 == std::string::npos ? std::string::npos : bar2 - bar - 1);
            a.value = bar2 == std::string::npos ? a.text : inner.substr(bar2 + 1);
            a.start = text::count_code_points(g.text);
            g.text += a.text;
            a.end = text::count_code_points(g.text);
            g.entities.push_back(a);
            i = e + 1;
        } else {
            g.text += marked[i++];
        }
    }
    return g;
}

struct Score {
    int tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
    double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
};

}  // namespace

TEST_CASE("entities: the seed article gives every listed name and no titles") {
    Article a = seed_article();
    const std::vector<Annotation> e = find_entities(a);
    for (const char* p : {"Xi Jinping", "Emmanuel Macron", "Angela Merkel"}) {
        INFO(p);
        CHECK(has(e, "person", p));
    }
    for (const char* p : {"China", "France", "Germany", "Spain", "Serbia"}) {
        INFO(p);
        CHECK(has(e, "place", p));
    }
    CHECK(has(e, "organization", "United Nations Security Council"));
    CHECK(has(e, "organization", "UN", "United Nations"));
    CHECK(has(e, "organization", "World Health Organization"));
    CHECK(has(e, "person", "Xi", "Xi Jinping"));
    CHECK(has(e, "misc", "French"));
    CHECK(has(e, "misc", "German"));
    for (const Annotation& x : e) {
        INFO(x.type << " " << x.text);
        CHECK(x.text != "President");
        CHECK(x.text != "Chancellor");
        CHECK(x.text != "Since");
        CHECK(x.text.find("President") == std::string::npos);
        CHECK(slice(a.body[x.block].text, x.start, x.end) == x.text);
        if (x.type == "place" && x.text == "France") CHECK(code_of(x) == "\"FR\"");
        if (x.type == "place" && x.text == "China") CHECK(code_of(x) == "\"CN\"");
    }
}

TEST_CASE("entities: tag_article replaces them, so tagging twice gives the same") {
    Article a = seed_article();
    tag_article(a);
    const auto first = a.annotations.entities;
    const auto keywords = a.annotations.keywords;
    REQUIRE(!first.empty());
    tag_article(a);
    REQUIRE(a.annotations.entities.size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) {
        CHECK(a.annotations.entities[i].text == first[i].text);
        CHECK(a.annotations.entities[i].start == first[i].start);
        CHECK(a.annotations.entities[i].value == first[i].value);
    }
    CHECK(a.annotations.keywords.size() == keywords.size());
    CHECK(a.history.back().find("\"entities\",\"keywords\"") != std::string::npos);

    Options o;
    o.entities = false;
    o.keywords = false;
    Article b = seed_article();
    tag_article(b, o);
    CHECK(b.annotations.entities.empty());
    CHECK(b.annotations.keywords.empty());
    CHECK(b.history.back().find("entities") == std::string::npos);
}

TEST_CASE("entities: rules") {
    // Titles are not part of the name; the name after them is a person.
    CHECK(found("The talks were chaired by Prime Minister Mark Rutte.") ==
          std::set<std::pair<std::string, std::string>>{{"person", "Mark Rutte"}});
    // A role before a name, a verb of saying after it, an age after it.
    CHECK(found("Ines Ventura, 61, has farmed here all her life.").count({"person", "Ines Ventura"}));
    CHECK(found("Okonjo, who joined in 2019, left.").count({"person", "Okonjo"}));
    CHECK(found("Mirela Dascalu, the club's new head coach, was happy.").count({"person", "Mirela Dascalu"}));
    CHECK(found("Separately, the chief executive resigned.").empty());
    CHECK(!found("The crowd cheered Wanderers, who won.").count({"person", "Wanderers"}));
    CHECK(found("The decision was criticised by spokeswoman Jane Okafor on Monday.").count({"person", "Jane Okafor"}));
    CHECK(found("The figures are wrong, said Tomas Lindqvist, an economist.").count({"person", "Tomas Lindqvist"}));
    // Organisation words take the whole name, "of ..." included.
    CHECK(found("A report by the Ministry of Foreign Affairs was published.").count({"organization", "Ministry of Foreign Affairs"}));
    CHECK(found("He joined Northfield Logistics Inc in 2019.").count({"organization", "Northfield Logistics Inc"}));
    // Sentence-initial capitals alone are not names.
    CHECK(found("Officials said the bridge would reopen.").empty());
    CHECK(found("However, nobody came.").empty());
    // A country that starts a sentence is still a country.
    CHECK(found("Peru is a large country.").count({"place", "Peru"}));
    // Town names need a place context.
    CHECK(found("Fighting continued in Kherson overnight.").count({"place", "Kherson"}));
    // Datelines in capitals are places, not acronyms.
    const auto d = found("PARIS (Reuters) - Sales fell.");
    CHECK(d.count({"place", "PARIS"}));
    CHECK(d.count({"organization", "Reuters"}));
    CHECK(found("NEW YORK — Markets rose.").count({"place", "NEW YORK"}));
    // A noun for a company before a name; unknown acronyms are organisations, common ones not.
    CHECK(found("Shares of the carmaker Stellantis fell.").count({"organization", "Stellantis"}));
    CHECK(found("The farmers met the FNSEA about GDP figures.") ==
          std::set<std::pair<std::string, std::string>>{{"organization", "FNSEA"}});
    // After a nationality, capitalised words are an event or a thing rather than a person.
    const auto gp = found("He won the Japanese Formula Three Trophy on Sunday.");
    CHECK(gp.count({"misc", "Japanese"}));
    CHECK(!gp.count({"person", "Formula Three Trophy"}));
    CHECK(!gp.count({"person", "Formula Three"}));
    // Events, competitions and prizes are misc.
    CHECK(found("He won the Booker Prize before the Champions League final.") ==
          std::set<std::pair<std::string, std::string>>{{"misc", "Booker Prize"}, {"misc", "Champions League"}});
    // "Residents of X" opening a sentence is a place context as "the residents of X" is.
    CHECK(found("Residents of Lower Ambridge said little.").count({"place", "Lower Ambridge"}));
    // Lists of places go on after "and".
    CHECK(found("Stations opened at Hillsborough and Meadowhall.").count({"place", "Meadowhall"}));
    // A place before a known organisation is part of its name; "and" inside a name after
    // "of"; no gazetteer word right after a title.
    CHECK(found("The Kenya Red Cross said roads were cut.").count({"organization", "Kenya Red Cross"}));
    CHECK(found("A letter from the Ministry of Industry and Trade arrived.").count({"organization", "Ministry of Industry and Trade"}));
    CHECK(found("It was signed by Finance Minister Christian Lindner today.") ==
          std::set<std::pair<std::string, std::string>>{{"person", "Christian Lindner"}});
}

TEST_CASE("entities: names of firms, clubs and bodies no list knows") {
    // Firm and club words end an organisation's name; the dot of "Inc." is part of it; "of"
    // after a firm tells where it is.
    CHECK(found("The deal was advised by Kettering Associates and Brookfield Securities.") ==
          std::set<std::pair<std::string, std::string>>{{"organization", "Kettering Associates"},
                                                        {"organization", "Brookfield Securities"}});
    CHECK(found("Investors sold Lumen Biosciences Inc. on Friday.").count({"organization", "Lumen Biosciences Inc."}));
    const auto firm = found("She joined Ashdown Partners of Madrid last year.");
    CHECK(firm.count({"organization", "Ashdown Partners"}));
    CHECK(firm.count({"place", "Madrid"}));
    CHECK(found("The fans of Kingsmere Wanderers were happy.").count({"organization", "Kingsmere Wanderers"}));
    // Unknown names joined by "&" are a firm; "and" stays inside an organisation's name
    // before its first organisation word, but not between two organisations or places.
    CHECK(found("The book is published by Tolley & Marsh in May.").count({"organization", "Tolley & Marsh"}));
    CHECK(found("Data came from the Coastal Survey and Mapping Agency on Monday.")
              .count({"organization", "Coastal Survey and Mapping Agency"}));
    CHECK(found("Talks between Oxford University and Imperial College ended.").count({"organization", "Imperial College"}));
    // A name before one score is a team; before the scores of sets, a player.
    CHECK(found("Fans saw Redcliffe City beat Hollins Town 2-0 at home.").count({"organization", "Hollins Town"}));
    CHECK(found("On Sunday they beat Brinsley Vale 4-1 again.").count({"organization", "Brinsley Vale"}));
    CHECK(found("She beat Anna Kowalczyk 6-3, 6-4 in the final.").count({"person", "Anna Kowalczyk"}));
    // A noun for a company before its name; foreign company suffixes; a title word inside
    // a company's name.
    CHECK(found("Shares in the Swedish group Hallberg rose.").count({"organization", "Hallberg"}));
    CHECK(found("Regulators fined the shipper Dorrit BV last year.").count({"organization", "Dorrit BV"}));
    CHECK(found("Profits at Copper King Ltd fell.").count({"organization", "Copper King Ltd"}));
    // Industry words end a company's name; "Office for ..." is a name, "Police" alone not;
    // a common noun opening a sentence before "of" is not part of the name after it.
    CHECK(found("He sold his stake in Larkspur Robotics.").count({"organization", "Larkspur Robotics"}));
    CHECK(found("Figures from the Office for Road Safety were late.").count({"organization", "Office for Road Safety"}));
    CHECK(found("Police said the road was closed.").empty());
    CHECK(found("Fans of Kelso Rovers were angry.") ==
          std::set<std::pair<std::string, std::string>>{{"organization", "Kelso Rovers"}});
    // A title after "journal" is misc; a product code is no acronym.
    CHECK(found("The study appeared in the journal Cell Reports last week.") ==
          std::set<std::pair<std::string, std::string>>{{"misc", "Cell Reports"}});
    CHECK(found("Its drug, known as XR-220, failed.").empty());
}

TEST_CASE("entities: later mentions of organisations by their first word") {
    const Article a = article_of({"Shares in Velmora Therapeutics fell sharply on Monday.",
                                   "Analysts said Velmora had spent most of its cash.",
                                   "Halton Rovers won again. Rovers are top of the league."});
    const auto e = find_entities(a, "en");
    CHECK(has(e, "organization", "Velmora", "Velmora Therapeutics"));
    CHECK(has(e, "organization", "Rovers", "Halton Rovers"));
}

TEST_CASE("entities: short mentions, acronyms and codes") {
    const Article a = article_of({"Chancellor Olaf Scholz met the Committee to Protect Journalists (CPJ) in Berlin.",
                                   "Scholz said the CPJ had raised important questions.",
                                   "The WHO and NATO were not invited, nor was the EU."});
    const auto e = find_entities(a, "en");
    CHECK(has(e, "person", "Olaf Scholz"));
    CHECK(has(e, "person", "Scholz", "Olaf Scholz"));
    CHECK(has(e, "organization", "Committee to Protect Journalists"));
    CHECK(has(e, "organization", "CPJ", "Committee to Protect Journalists"));
    CHECK(has(e, "organization", "WHO", "World Health Organization"));
    CHECK(has(e, "organization", "NATO"));
    CHECK(has(e, "organization", "EU", "European Union"));
    CHECK(has(e, "place", "Berlin"));
    for (const auto& x : e) CHECK(x.block >= 0);
}

TEST_CASE("entities: place names in other languages come from iso-codes") {
    const auto e = find_entities("Die Bundesregierung in Berlin sprach mit Frankreich und Spanien.", "de");
    CHECK(has(e, "place", "Frankreich", "France"));
    CHECK(has(e, "place", "Spanien", "Spain"));
    const auto f = find_entities("Le président a rencontré le chancelier d'Allemagne et le Premier ministre du Royaume-Uni.", "fr");
    CHECK(has(f, "place", "Royaume-Uni", "United Kingdom"));
    CHECK(has(f, "place", "Allemagne", "Germany"));
    // German titles are compounds and declined; Spanish organisation names put the word first.
    const auto g = find_entities("Das sagte Finanzminister Christian Lindner dem französischen Präsidenten Emmanuel Macron.", "de");
    CHECK(has(g, "person", "Christian Lindner"));
    CHECK(has(g, "person", "Emmanuel Macron"));
    const auto s = find_entities("Se reunió con la presidenta de la Comisión Europea en Madrid.", "es");
    CHECK(has(s, "organization", "Comisión Europea"));
    CHECK(has(s, "place", "Madrid"));
}

namespace {

// Scores find_entities on a hand-checked file: micro precision, recall and F1 over person,
// place and organization, exact type and span (misc is not scored). With
// COPYDESK_ENTITIES_VERBOSE set, prints every difference.
Score score_file(const std::string& path, int& paragraphs, std::string& report) {
    std::ifstream in(path);
    REQUIRE(in);
    std::map<std::string, std::vector<Gold>> articles;
    std::vector<std::string> order;
    std::string line;
    paragraphs = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        const std::string id = line.substr(0, tab);
        if (!articles.count(id)) order.push_back(id);
        articles[id].push_back(parse_marked(line.substr(tab + 1)));
        ++paragraphs;
    }
    const bool verbose = std::getenv("COPYDESK_ENTITIES_VERBOSE") != nullptr;
    std::map<std::string, Score> by_type;
    Score all;
    for (const std::string& id : order) {
        Article a;
        a.language = "en";
        for (const Gold& g : articles[id]) {
            Block b;
            b.text = g.text;
            a.body.push_back(b);
        }
        using Key = std::tuple<std::string, int64_t, int64_t, int64_t>;
        std::map<Key, std::string> gold, got;
        for (size_t i = 0; i < articles[id].size(); ++i)
            for (const Annotation& x : articles[id][i].entities)
                if (x.type != "misc") gold[{x.type, static_cast<int64_t>(i), x.start, x.end}] = x.text;
        for (const Annotation& x : find_entities(a))
            if (x.type != "misc") got[{x.type, x.block, x.start, x.end}] = x.text;
        for (const auto& [k, t] : got) {
            const bool ok = gold.count(k) > 0;
            (ok ? by_type[std::get<0>(k)].tp : by_type[std::get<0>(k)].fp)++;
            (ok ? all.tp : all.fp)++;
            if (!ok && verbose) std::cerr << "  extra   " << id << " " << std::get<0>(k) << " '" << t << "'\n";
        }
        for (const auto& [k, t] : gold)
            if (!got.count(k)) {
                by_type[std::get<0>(k)].fn++;
                all.fn++;
                if (verbose) std::cerr << "  missed  " << id << " " << std::get<0>(k) << " '" << t << "'\n";
            }
    }
    std::ostringstream r;
    r.precision(3);
    r << path.substr(path.rfind('/') + 1) << ": " << paragraphs << " paragraphs; micro P " << all.precision()
      << " R " << all.recall() << " F1 " << all.f1();
    for (const auto& [t, sc] : by_type) r << "; " << t << " P " << sc.precision() << " R " << sc.recall();
    report = r.str();
    return all;
}

}  // namespace

TEST_CASE("entities: hand-checked set (tests/data/tag/entities.tsv)") {
    int paragraphs = 0;
    std::string report;
    const Score s = score_file(COPYDESK_SOURCE_DIR "/tests/data/tag/entities.tsv", paragraphs, report);
    WARN(report);
    CHECK(paragraphs >= 30);
    CHECK(s.f1() >= 0.90);
    CHECK(s.precision() >= 0.90);
}

TEST_CASE("entities: held-out sets (tests/data/tag/entities_heldout*.tsv)") {
    // Written after the rules and not tuned on: its floor only catches a collapse.
    int paragraphs = 0;
    std::string report;
    const Score s = score_file(COPYDESK_SOURCE_DIR "/tests/data/tag/entities_heldout.tsv", paragraphs, report);
    WARN(report);
    CHECK(s.f1() >= 0.75);
    const Score w = score_file(COPYDESK_SOURCE_DIR "/tests/data/tag/entities_heldout2.tsv", paragraphs, report);
    WARN(report);
    CHECK(w.f1() >= 0.75);
    // Written blind before the second round of rules: its first run gave P 0.849 R 0.747
    // F1 0.795; the rules for unknown firms, clubs and bodies bring it to F1 0.933.
    const Score b = score_file(COPYDESK_SOURCE_DIR "/tests/data/tag/entities_heldout3.tsv", paragraphs, report);
    WARN(report);
    CHECK(paragraphs >= 20);
    CHECK(b.f1() >= 0.88);
}

TEST_CASE("entities: long runs of capitals and many names stay linear") {
    std::string caps, names;
    for (int i = 0; i < 200000; ++i) caps += "Abc ";
    for (int i = 0; i < 50000; ++i) names += "Paris and Lyon, ";
    const auto t0 = std::clock();
    const auto e = find_entities(caps);
    const auto f = find_entities(names);
    const double s = double(std::clock() - t0) / CLOCKS_PER_SEC;
    INFO(s << " s");
    CHECK(s < 5.0);
    CHECK(f.size() >= 50000);
    CHECK(find_keywords(caps).size() <= 10);
}

TEST_CASE("entities: odd input does not break offsets") {
    for (const char* t : {"", " ", "A", "U.S.", "Mr.", "(WHO)", "’s", "Dr. Jane Doe-Smith said.",
                          "\xC3\xA9l\xC3\xA8ve Zo\xC3\xAB Martin", "ALL CAPS HEADLINE HERE", "a  b\n\nC D"}) {
        INFO(t);
        const std::string s = t;
        for (const Annotation& x : find_entities(s)) {
            CHECK(x.start < x.end);
            CHECK(x.end <= text::count_code_points(s));
            CHECK(slice(s, x.start, x.end) == x.text);
        }
    }
}
