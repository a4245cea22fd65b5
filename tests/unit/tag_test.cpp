#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <cctype>
#include <map>
#include <random>
#include <sstream>

#include "copydesk/tag.hpp"
#include "seed.hpp"
#include "copydesk/text.hpp"
#include "tag/calendar.hpp"
#include "tag/stopwords.hpp"

using namespace copydesk;
using namespace copydesk::tag;
using copydesk::testing::slice;
using copydesk::testing::seed_article;

namespace {

// Scores find_dates on a hand-checked set in the dates.tsv format (see its header), each text
// in its detected language: precision
// and recall of annotations with exact text and value; the recall is also the share of the
// expected date expressions resolved correctly. Prints the figures and every miss.
struct DateSetScore {
    int texts = 0, expected = 0;
    double precision = 0, recall = 0;
};

DateSetScore score_date_set(const std::string& name) {
    std::ifstream in(COPYDESK_SOURCE_DIR "/tests/data/tag/" + name);
    REQUIRE(in);
    std::string line;
    int tp = 0, fp = 0;
    DateSetScore score;
    std::ostringstream misses;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        REQUIRE(t1 != std::string::npos);
        REQUIRE(t2 != std::string::npos);
        const std::string ref = line.substr(0, t1), txt = line.substr(t1 + 1, t2 - t1 - 1),
                          exp = line.substr(t2 + 1);
        std::vector<std::pair<std::string, std::string>> want;
        for (size_t p = 0; p < exp.size();) {
            size_t e = exp.find(';', p);
            if (e == std::string::npos) e = exp.size();
            const std::string item = exp.substr(p, e - p);
            const size_t eq = item.find('=');
            REQUIRE(eq != std::string::npos);
            want.emplace_back(item.substr(0, eq), item.substr(eq + 1));
            p = e + 1;
        }
        ++score.texts;
        score.expected += static_cast<int>(want.size());
        // the language tag_article would pass: the one detected for the text
        const std::string lang = detect_language(txt).code;
        const auto got = find_dates(txt, 0, ref == "-" ? std::nullopt : parse_date(ref), lang.empty() ? "en" : lang);
        std::vector<bool> used(want.size());
        for (const auto& g : got) {
            CHECK(slice(txt, g.start, g.end) == g.text);
            bool hit = false;
            for (size_t k = 0; k < want.size(); ++k) {
                if (used[k] || want[k].first != g.text) continue;
                used[k] = true;
                if (want[k].second == g.value) { ++tp; hit = true; }
                else misses << "  wrong value: " << g.text << " = " << g.value << " (want " << want[k].second
                            << ")  in: " << txt << "\n";
                break;
            }
            if (!hit) {
                ++fp;
                if (std::none_of(want.begin(), want.end(), [&](auto& w) { return w.first == g.text; }))
                    misses << "  false alarm: " << g.text << " = " << g.value << "  in: " << txt << "\n";
            }
        }
        for (size_t k = 0; k < want.size(); ++k)
            if (!used[k])
                misses << "  missed: " << want[k].first << " = " << want[k].second << "  in: " << txt << "\n";
    }
    // A wrong value counts as a false positive, and its expected item is not recalled.
    score.precision = tp + fp ? double(tp) / (tp + fp) : 1.0;
    score.recall = score.expected ? double(tp) / score.expected : 1.0;
    std::cout << "tag dates, " << name << ": " << score.texts << " texts, " << score.expected
              << " expected, precision " << score.precision << ", recall " << score.recall
              << " (exact text and value)\n"
              << misses.str();
    return score;
}

}  // namespace

TEST_CASE("tag: calendar arithmetic") {
    CHECK(weekday(days_from_civil({2020, 3, 23})) == 0);  // a Monday
    CHECK(weekday(days_from_civil({1970, 1, 1})) == 3);   // a Thursday
    CHECK(civil_from_days(days_from_civil({2020, 2, 28}) + 1) == Date{2020, 2, 29});
    CHECK(iso_week({2020, 3, 23}) == std::pair{2020, 13});
    CHECK(iso_week({2021, 1, 3}) == std::pair{2020, 53});
    CHECK(iso_week({2019, 12, 30}) == std::pair{2020, 1});
    CHECK_FALSE(valid_date(2019, 2, 29));
}

TEST_CASE("tag: Easter and the holidays that move with it") {
    auto one = [](std::string_view t, Date ref) {
        auto d = find_dates(t, 0, ref);
        return d.size() == 1 ? d[0].text + "=" + d[0].value : std::to_string(d.size()) + " dates";
    };
    CHECK(one("It happened on Easter Sunday.", {2019, 5, 1}) == "Easter Sunday=2019-04-21");
    CHECK(one("It happened on Easter Sunday.", {2000, 5, 1}) == "Easter Sunday=2000-04-23");
    CHECK(one("It happened on Easter Sunday.", {2038, 5, 1}) == "Easter Sunday=2038-04-25");
    CHECK(one("Shops close on Good Friday.", {2024, 3, 1}) == "Good Friday=2024-03-29");
    CHECK(one("Markets were shut on Easter Monday.", {2023, 4, 20}) == "Easter Monday=2023-04-10");
    CHECK(one("Pentecost falls late.", {2023, 4, 20}) == "0 dates");
    CHECK(one("Good Morning America aired.", {2023, 4, 20}) == "0 dates");
}

TEST_CASE("tag: parse_date reads the date of an ISO 8601 string") {
    CHECK(parse_date("2020-03-23T12:25:51") == Date{2020, 3, 23});
    CHECK(parse_date("2020-03-23 12:25") == Date{2020, 3, 23});
    CHECK(parse_date("2020-03-23") == Date{2020, 3, 23});
    CHECK_FALSE(parse_date("2020-02-30"));
    CHECK_FALSE(parse_date("23.03.2020"));
    CHECK_FALSE(parse_date(""));
}

TEST_CASE("tag: the seed article is English and its Saturday is 2020-03-21") {
    Article a = seed_article();
    tag_article(a);
    REQUIRE(a.annotations.language);
    CHECK(a.annotations.language->code == "en");
    CHECK(a.annotations.language->confidence > 0.9);
    CHECK(a.annotations.language->confidence <= 1.0);
    REQUIRE(a.language);
    CHECK(*a.language == "en");
    REQUIRE(a.body.size() >= 5);
    bool found = false;
    for (const Annotation& d : a.annotations.dates) {
        CHECK(slice(a.body[d.block].text, d.start, d.end) == d.text);
        if (d.text == "Saturday") {
            found = true;
            CHECK(d.block == 4);  // the 5th body paragraph
            CHECK(d.value == "2020-03-21");
            CHECK(d.type == "date");
        }
    }
    CHECK(found);
    CHECK(a.annotations.dates.size() == 1);  // nothing else in the seed is a date
    REQUIRE(a.history.size() == 1);
    CHECK(a.history[0].find("\"tool\":\"tag\"") != std::string::npos);
    CHECK(a.history[0].find("\"taggers\":[\"language\",\"dates\"") != std::string::npos);
}

TEST_CASE("tag: tagging twice gives the same record apart from history") {
    Article a = seed_article();
    a.body[0].text += " The talks will resume next Friday at 3 p.m., officials said on Sunday.";
    tag_article(a);
    Article b = a;
    tag_article(b);
    REQUIRE(b.annotations.language);
    CHECK(b.annotations.language->code == a.annotations.language->code);
    CHECK(b.annotations.language->confidence == a.annotations.language->confidence);
    REQUIRE(b.annotations.language->extra.size() == a.annotations.language->extra.size());
    CHECK(b.annotations.language->extra[0].json == a.annotations.language->extra[0].json);
    REQUIRE(b.annotations.dates.size() == a.annotations.dates.size());
    for (size_t i = 0; i < a.annotations.dates.size(); ++i) {
        CHECK(b.annotations.dates[i].text == a.annotations.dates[i].text);
        CHECK(b.annotations.dates[i].value == a.annotations.dates[i].value);
        CHECK(b.annotations.dates[i].start == a.annotations.dates[i].start);
    }
    CHECK(b.history.size() == 2);
    CHECK(b.language == a.language);
    // members of annotations.language that another tool wrote pass through
    b.annotations.language->extra.push_back(ExtraField{"confidence", "model", "\"x\""});
    tag_article(b);
    REQUIRE(b.annotations.language->extra.size() == 2);
    CHECK(b.annotations.language->extra[1].key == "model");
}

TEST_CASE("tag: options select taggers and the reference date") {
    Article a;
    Block p;
    p.text = "The minister resigned on Monday.";
    a.body.push_back(p);
    Options o;
    o.language = false;
    tag_article(a, o);
    CHECK_FALSE(a.annotations.language);
    REQUIRE(a.annotations.dates.size() == 1);
    CHECK(a.annotations.dates[0].value.empty());  // no reference: tagged, unresolved
    o.reference_date = "2020-03-23";
    tag_article(a, o);
    REQUIRE(a.annotations.dates.size() == 1);
    CHECK(a.annotations.dates[0].value == "2020-03-23");
    o.dates = false;
    o.language = true;
    a.annotations.dates.clear();
    tag_article(a, o);
    CHECK(a.annotations.dates.empty());
}

TEST_CASE("tag: a dateline stands in for a missing date_published") {
    Article a;
    Block d, p;
    d.text = "BEIJING, March 23, 2020 (Xinhua) -- Officials said on Saturday that schools remain closed.";
    a.body.push_back(d);
    tag_article(a);
    REQUIRE(a.annotations.dates.size() == 2);
    CHECK(a.annotations.dates[0].value == "2020-03-23");
    CHECK(a.annotations.dates[1].value == "2020-03-21");
    // a full date later in a paragraph is history, not a dateline
    Article h;
    Block q;
    q.text = "The city, which has changed a great deal since the storm that hit it on 4 July 1976, voted on Saturday.";
    h.body.push_back(q);
    tag_article(h);
    REQUIRE(h.annotations.dates.size() == 2);
    CHECK(h.annotations.dates[1].value.empty());
}

TEST_CASE("tag: offsets are code points") {
    const std::string s = "Xi\xE2\x80\x99s message,\xC2\xA0made public on\xC2\xA0Saturday, caf\xC3\xA9 \xE2\x80\x94 12 March 2020.";
    auto d = find_dates(s, 3, Date{2020, 3, 23});
    REQUIRE(d.size() == 2);
    CHECK(d[0].block == 3);
    CHECK(d[0].text == "Saturday");
    CHECK(slice(s, d[0].start, d[0].end) == "Saturday");
    CHECK(d[0].start == 29);
    CHECK(d[1].text == "12 March 2020");
    CHECK(slice(s, d[1].start, d[1].end) == "12 March 2020");
}

TEST_CASE("tag: types of date annotations") {
    auto d = find_dates("It began on 2020-03-23 12:25:51 and lasted from March 23-25, 2020; at 9:30 a.m. "
                        "the 1990s ended.",
                        0, Date{2020, 3, 23});
    std::map<std::string, std::pair<std::string, std::string>> got;
    for (auto& x : d) got[x.text] = {x.type, x.value};
    CHECK(got["2020-03-23 12:25:51"] == std::pair<std::string, std::string>{"datetime", "2020-03-23T12:25:51"});
    CHECK(got["March 23-25, 2020"] == std::pair<std::string, std::string>{"daterange", "2020-03-23/2020-03-25"});
    CHECK(got["9:30 a.m."] == std::pair<std::string, std::string>{"time", "T09:30"});
    CHECK(got["1990s"] == std::pair<std::string, std::string>{"date", "199"});
}

TEST_CASE("tag: day and month order of numeric dates follows the language") {
    CHECK(find_dates("on 03/04/2020", 0, std::nullopt, "en").at(0).value == "2020-03-04");
    CHECK(find_dates("on 03/04/2020", 0, std::nullopt, "fr").at(0).value == "2020-04-03");
    CHECK(find_dates("on 03/04/2020", 0, std::nullopt, "en-GB").at(0).value == "2020-04-03");
    CHECK(find_dates("on 03/04/2020", 0, std::nullopt, "en-US").at(0).value == "2020-03-04");
    Article uk;
    uk.language = "en-GB";
    uk.date_published = "2020-05-01";
    Block p;
    p.text = "The shops reopened on 03/04/2020 after the council had given its approval to the plan.";
    uk.body.push_back(p);
    tag_article(uk);
    REQUIRE(uk.annotations.dates.size() == 1);
    CHECK(uk.annotations.dates[0].value == "2020-04-03");
    CHECK(*uk.language == "en-GB");
    CHECK(find_dates("on 23/03/2020", 0, std::nullopt, "en").at(0).value == "2020-03-23");
    CHECK(find_dates("on 03.04.2020", 0, std::nullopt, "en").at(0).value == "2020-04-03");
    CHECK(find_dates("version 1.2.3 and 10,000 people, 3.5 percent, 12.5.20", 0, std::nullopt).empty());
}

TEST_CASE("tag: hand-checked date set (tests/data/tag/dates.tsv)") {
    const auto score = score_date_set("dates.tsv");
    CHECK(score.texts >= 30);
    CHECK(score.precision >= 0.9);
    CHECK(score.recall >= 0.9);
}

// Written blind, before the tagger's rules were read. The first run (P 0.864, R 0.745) is the
// honest measure of text nobody tuned on; the rules fixed since are general ones, each tested
// on other strings in tag_dates_test.cpp, but the set is no longer blind.
TEST_CASE("tag: held-out date set (tests/data/tag/dates_heldout.tsv)") {
    const auto score = score_date_set("dates_heldout.tsv");
    CHECK(score.texts >= 60);
    CHECK(score.precision >= 0.95);
    CHECK(score.recall >= 0.95);
}

TEST_CASE("tag: language of long and short texts") {
    auto en = detect_language(
        "President Xi Jinping has used head-of-state diplomacy to call for the building of a community "
        "of common health for mankind amid the mounting global public health crisis caused by the "
        "COVID-19 pandemic, observers said.");
    CHECK(en.code == "en");
    CHECK(en.confidence > 0.5);
    auto fr = detect_language(
        "Le président de la République a annoncé lundi soir de nouvelles mesures pour freiner la "
        "propagation du virus, dont la fermeture des écoles et des universités dans tout le pays.");
    CHECK(fr.code == "fr");
    auto de = detect_language("Die Bundesregierung hat am Montag neue Maßnahmen gegen die Ausbreitung des "
                              "Virus beschlossen, teilte ein Sprecher in Berlin mit.");
    CHECK(de.code == "de");
    // A short title: the declared language decides when the script fits.
    auto title = detect_language("Xi’s diplomacy highlights cooperation", "en-GB");
    CHECK(title.code == "en");
    CHECK(title.confidence > 0.5);
    // A declared language that does not fit the script is ignored.
    auto ru = detect_language("Правительство объявило о новых мерах в понедельник", "en");
    CHECK(ru.code == "ru");
    auto ko = detect_language("서울", "");
    CHECK(ko.code == "ko");
    // Nothing to judge.
    CHECK(detect_language("").code.empty());
    CHECK(detect_language("12:30 - 14:00").code.empty());
    CHECK(detect_language("12:30 - 14:00", "de").code == "de");
    for (auto& g : {en, fr, de, title, ru, ko}) {
        CHECK(g.confidence >= 0.0);
        CHECK(g.confidence <= 1.0);
    }
}

TEST_CASE("tag: per-block language lists blocks in another language") {
    Article a = seed_article();
    Block fr;
    fr.text = "Le président de la République a annoncé lundi soir de nouvelles mesures pour freiner la "
              "propagation du virus, dont la fermeture des écoles et des universités dans tout le pays.";
    a.body.push_back(fr);
    Options o;
    o.per_block_language = true;
    tag_article(a, o);
    REQUIRE(a.annotations.language);
    CHECK(a.annotations.language->code == "en");
    const ExtraField* f = nullptr;
    for (auto& x : a.annotations.extra)
        if (x.key == "block_languages") f = &x;
    REQUIRE(f);
    CHECK(f->json.find("\"block\": " + std::to_string(a.body.size() - 1) + ", \"code\": \"fr\"") !=
          std::string::npos);
    CHECK(f->json.find("\"block\": 0,") == std::string::npos);
    tag_article(a, o);
    int n = 0;
    for (auto& x : a.annotations.extra) n += x.key == "block_languages";
    CHECK(n == 1);
}

TEST_CASE("tag: hand-checked language set (tests/data/tag/language.tsv)") {
    std::ifstream in(COPYDESK_SOURCE_DIR "/tests/data/tag/language.tsv");
    REQUIRE(in);
    std::string line;
    int n = 0, ours = 0, cld_alone = 0;
    std::ostringstream misses;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        REQUIRE(t2 != std::string::npos);
        const std::string declared = line.substr(0, t1), want = line.substr(t1 + 1, t2 - t1 - 1),
                          txt = line.substr(t2 + 1);
        ++n;
        const LanguageGuess g = detect_language(txt, declared == "-" ? "" : declared);
        const LanguageGuess c = detect_language(txt);  // no declaration: CLD2 and the script
        CHECK(g.confidence >= 0.0);
        CHECK(g.confidence <= 1.0);
        ours += g.code == want;
        cld_alone += c.code == want;
        if (g.code != want) misses << "  " << g.code << " (want " << want << ", declared " << declared << "): " << txt << "\n";
    }
    std::cout << "tag language: " << n << " texts, right with the declared language " << ours
              << ", without it " << cld_alone << "\n" << misses.str();
    CHECK(n >= 40);
    CHECK(ours >= n - 2);
    CHECK(ours > cld_alone);
}

TEST_CASE("tag: day-first dates in other European languages") {
    auto one = [](std::string_view t) {
        auto d = find_dates(t, 0, Date{2020, 3, 23}, "xx");
        return d.size() == 1 ? d[0].text + "=" + d[0].value : std::to_string(d.size()) + " dates";
    };
    CHECK(one("Le décret du 23 mars 2020 a été publié.") == "23 mars 2020=2020-03-23");
    CHECK(one("Le 1er mai 2019, des milliers de personnes ont défilé.") == "1er mai 2019=2019-05-01");
    CHECK(one("Das Gesetz trat am 23. März 2020 in Kraft.") == "23. März 2020=2020-03-23");
    CHECK(one("El decreto del 14 de marzo de 2020 declaró el estado de alarma.") == "14 de marzo de 2020=2020-03-14");
    CHECK(one("Il decreto dell'8 marzo 2020 ha chiuso la Lombardia.") == "8 marzo 2020=2020-03-08");
    CHECK(one("A lei de 22 de março de 2020 entrou em vigor.") == "22 de março de 2020=2020-03-22");
    CHECK(one("Op 15 maart 2020 gingen de scholen dicht.") == "15 maart 2020=2020-03-15");
    CHECK(one("Op 23 april 2020 gingen de scholen open.") == "23 april 2020=2020-04-23");
    CHECK(one("23.03.2020") == "23.03.2020=2020-03-23");
    // no false alarms from lowercase English words
    CHECK(find_dates("They said 23 may be too many; 5 march on.", 0, Date{2020, 3, 23}).empty());
}

TEST_CASE("tag: find_dates invariants on random date-like text") {
    static const char* const pieces[] = {
        "on", "Saturday", "last", "next", "this", "week", "March", "May", "23", "2020", "1990s", "-",
        "/", ".", ",", ":", "12", "3", "p.m.", "am", "ago", "two", "days", "in", "the", "weekend",
        "Sheffield", "Wednesday", "said", "will", "was", "Sept.", "1st", "of", "\xE2\x80\x93", "\xC2\xA0",
        "caf\xC3\xA9", "\xE6\x97\xA5", "'", "s", "yesterday", "noon", "GMT", "T", "+08:00", "de", "mars",
        "M\xC3\xA4rz", "Christmas", "Day", "New", "Year", "Eve", "between", "and", "to", "\n", "1,000",
        "99999999999", "0", "31", "32", "29", "02", "1999-2000", "2019-20", "03/04/2020", "2020-02-30",
        "\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5", "\xE6\x97\xA5\xE7\x94\xB5", "\xEB\x85\x84", "Easter",
        "Good", "Friday", "the", "26th", "from", "until", "Mar", "-Mar-", "at", "13.45", "as", "soon"};
    std::mt19937 rng(7);
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const int n = 1 + static_cast<int>(rng() % 25);
        for (int k = 0; k < n; ++k) {
            if (!s.empty() && rng() % 3) s += ' ';
            s += pieces[rng() % std::size(pieces)];
        }
        const std::optional<Date> ref = rng() % 4 ? std::optional<Date>(Date{2020, 3, 23}) : std::nullopt;
        const auto d = find_dates(s, 5, ref);
        const int64_t cps = text::count_code_points(s);
        int64_t last_end = 0;
        for (const auto& a : d) {
            INFO(s);
            CHECK(a.block == 5);
            CHECK(a.start >= last_end);
            CHECK(a.start < a.end);
            CHECK(a.end <= cps);
            CHECK(slice(s, a.start, a.end) == a.text);
            CHECK((a.type == "date" || a.type == "time" || a.type == "datetime" || a.type == "daterange"));
            if (!a.value.empty()) CHECK((std::isdigit(static_cast<unsigned char>(a.value[0])) || a.value[0] == 'T'));
            if (ref && a.type != "time") CHECK(!a.value.empty());
            last_end = a.end;
        }
    }
    // Ill-formed UTF-8 and odd input never crash either tagger.
    for (std::string s : {std::string("\xFF\xFE on Saturday \xC3"), std::string(1000, '9'), std::string("\0\0 May 5", 8),
                          std::string(200000, 'a')}) {
        (void)find_dates(s, 0, Date{2020, 3, 23});
        const LanguageGuess g = detect_language(s, "en");
        CHECK(g.confidence >= 0.0);
        CHECK(g.confidence <= 1.0);
    }
}

TEST_CASE("tag: more relative expressions") {
    auto one = [](std::string_view t) {
        auto d = find_dates(t, 0, Date{2020, 3, 23});
        return d.size() == 1 ? d[0].text + "=" + d[0].value : std::to_string(d.size()) + " dates";
    };
    CHECK(one("It happened the day before yesterday.") == "the day before yesterday=2020-03-21");
    CHECK(one("It opens the day after tomorrow.") == "the day after tomorrow=2020-03-25");
    CHECK(one("Markets fell this past week.") == "this past week=2020-W12");
    CHECK(one("Fans gathered this past weekend.") == "this past weekend=2020-03-21/2020-03-22");
    CHECK(one("Fans will gather next weekend.") == "next weekend=2020-03-28/2020-03-29");
    CHECK(one("The strike ends at midnight.") == "midnight=T00:00");
    CHECK(one("The vote was held on Christmas Eve.") == "Christmas Eve=2019-12-24");
    CHECK(one("Celebrations on New Year's Day were muted.") == "New Year's Day=2020-01-01");
}

TEST_CASE("tag: function-word shortcut for per-block language") {
    const char* en = "The ministry said on Tuesday that the border will reopen on Friday, and that it has no plans to extend the ban.";
    const char* fr = "Le gouvernement a annoncé jeudi de nouvelles mesures pour soutenir les entreprises touchées par la crise.";
    const char* es = "El Gobierno aprobó el jueves un paquete de ayudas para las empresas afectadas por la crisis, que incluye créditos.";
    const char* pt = "O governo aprovou na quinta-feira um pacote de ajudas para as empresas afetadas pela crise, que inclui créditos.";
    CHECK(plainly_in(en, "en"));
    CHECK_FALSE(plainly_in(fr, "en"));
    CHECK(plainly_in(fr, "fr"));
    CHECK_FALSE(plainly_in(en, "fr"));
    CHECK(plainly_in(es, "es"));
    CHECK_FALSE(plainly_in(pt, "es"));
    CHECK(plainly_in(pt, "pt"));
    CHECK_FALSE(plainly_in(es, "pt"));
    CHECK_FALSE(plainly_in("The short one.", "en"));  // too few words to be sure
    CHECK_FALSE(plainly_in(en, "xx"));
}

TEST_CASE("tag: ranges of dates") {
    auto one = [](std::string_view t, std::optional<Date> ref = Date{2020, 3, 26}) {  // a Thursday
        auto d = find_dates(t, 0, ref);
        return d.size() == 1 ? d[0].type + " " + d[0].text + "=" + d[0].value : std::to_string(d.size()) + " dates";
    };
    CHECK(one("Schools were closed from Monday to Friday.") == "daterange Monday to Friday=2020-03-23/2020-03-27");
    CHECK(one("The fair runs from December 20 to January 5.") == "daterange December 20 to January 5=2020-12-20/2021-01-05");
    CHECK(one("Prices rose between May 2019 and June 2020.") == "daterange May 2019 and June 2020=2019-05/2020-06");
    CHECK(one("The show ran March 3 - April 5.") == "daterange March 3 - April 5=2020-03-03/2020-04-05");
    CHECK(one("Talks lasted from Monday until Wednesday.", std::nullopt) == "daterange Monday until Wednesday=");
    // not ranges
    CHECK(find_dates("He spoke on Monday to Friday's crowd.", 0, Date{2020, 3, 26}).size() == 2);
    CHECK(find_dates("It was moved from March 3 to March 1.", 0, Date{2020, 3, 26}).size() == 2);
}

TEST_CASE("tag: CJK dates, dashed dates, a clock time after a full date") {
    auto all = [](std::string_view t) {
        std::string out;
        for (auto& d : find_dates(t, 0, Date{2020, 3, 23})) {
            CHECK(slice(std::string(t), d.start, d.end) == d.text);
            out += (out.empty() ? "" : "; ") + d.text + "=" + d.value;
        }
        return out;
    };
    CHECK(all("\xE6\x96\xB0\xE5\x8D\x8E\xE7\xA4\xBE\xE5\x8C\x97\xE4\xBA\xAC" "2020\xE5\xB9\xB4" "3\xE6\x9C\x88" "23\xE6\x97\xA5\xE7\x94\xB5") ==
          "2020\xE5\xB9\xB4" "3\xE6\x9C\x88" "23\xE6\x97\xA5=2020-03-23");  // 新华社北京2020年3月23日电
    CHECK(all("\xEC\xA0\x95\xEB\xB6\x80\xEB\x8A\x94 2020\xEB\x85\x84 3\xEC\x9B\x94 23\xEC\x9D\xBC \xEB\xB0\x9C\xED\x91\x9C") ==
          "2020\xEB\x85\x84 3\xEC\x9B\x94 23\xEC\x9D\xBC=2020-03-23");  // 정부는 2020년 3월 23일 발표
    CHECK(all("2019\xE5\xB9\xB4" "12\xE6\x9C\x88\xEF\xBC\x8C") == "2019\xE5\xB9\xB4" "12\xE6\x9C\x88=2019-12");
    CHECK(all("The decision came on 23-Mar-2020.") == "23-Mar-2020=2020-03-23");
    CHECK(all("March 23, 2020 12:25 China Daily") == "March 23, 2020 12:25=2020-03-23T12:25");
    CHECK(all("Updated 23 March 2020, 12:25 IST") == "23 March 2020, 12:25=2020-03-23T12:25");
    CHECK(all("Published: Mon, 23 Mar 2020 12:25:51 GMT") == "23 Mar 2020 12:25:51 GMT=2020-03-23T12:25:51Z");
}
