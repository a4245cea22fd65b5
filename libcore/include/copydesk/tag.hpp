// copydesk/tag.hpp — annotations for an article: its language, the dates, people, places
// and organisations in its text, and its key phrases.
//
// tag_article() is what copydesk-tag runs on each record. The lower-level functions
// (detect_language, find_dates, parse_date) are public so that tests and other tools can use
// them on plain strings.
//
// Dates (English, plus day-first dates with French, German, Spanish, Italian, Portuguese and
// Dutch month names, and 2020年3月23日 / 2020년 3월 23일): absolute dates ("March 23, 2020",
// "23 March 2020", "2020-03-23", "23.03.2020", "03/23/2020", "23-Mar-2020", "Mar. 23",
// "March 2020", "in 2019", "the 1990s"), holidays ("Christmas Day", "Easter Monday"), times
// ("12:25", "3 p.m.", "0600 GMT"), date-times ("3 p.m. on Sunday"), ranges ("March 23-25",
// "2019-20", "from Monday to Friday") and relative expressions ("on Saturday", "last
// Wednesday", "yesterday", "two weeks ago", "next month", "over the weekend", "in May"),
// resolved against a reference date (normally date_published) and the tense of the clause
// around them. In French, German, Spanish, Italian and Dutch also weekdays, "yesterday" and
// "tomorrow", "last"/"next", "ago", day ranges ("du 3 au 5 juin", "vom 12. bis 15. März") and
// clock times ("15:30 Uhr", "20.00 uur", "15h30"). Names are not dates: "Sheffield
// Wednesday", "Theresa May", "they march", "Good Friday Agreement", "Wednesday Addams".
// Annotation types: "date", "time", "datetime", "daterange". Values are ISO 8601:
// "2020-03-21", "2020-03", "2020", "199" (a decade), "2020-W12" (a week), "T15:30" (a time),
// "2020-03-21T15:30", "2020-03-23/2020-03-25" (a range). An expression that needs a reference
// date when there is none is still annotated, with an empty value.
//
// Thread-safety: every function is pure and may be called from several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"

namespace copydesk::tag {

// A calendar date (proleptic Gregorian), all fields 1-based.
struct Date {
    int year = 0, month = 0, day = 0;
    friend bool operator==(const Date&, const Date&) = default;
};

// The date at the start of an ISO 8601 string ("2020-03-23", "2020-03-23T12:25:51+08:00",
// "2020-03-23 12:25"); nullopt when it does not start with a valid YYYY-MM-DD.
std::optional<Date> parse_date(std::string_view iso);

struct Options {
    bool language = true;     // set annotations.language (and Article::language when absent)
    bool dates = true;        // fill annotations.dates
    // ISO 8601 date that relative expressions are resolved against; empty (or unparsable):
    // date_published, or when that is absent, a full date opening one of the first two
    // blocks (a dateline such as "BEIJING, March 23, 2020 (Xinhua) --").
    std::string reference_date;
    // Also detect the language of each block, for articles that mix languages. Blocks whose
    // language differs from the article's are listed in the annotations member
    // "block_languages": [{"block": 3, "code": "fr", "confidence": 0.93}, ...]; blocks not
    // listed are in the article's language. Costs a CLD2 call for each block that is not
    // plainly (by its function words) in the article's language.
    bool per_block_language = false;
    // Bytes of body text CLD2 reads for the article's language, taken from blocks spread
    // over the whole article (plus title and subtitle); 0 reads everything. CLD2 is the
    // slowest part of tagging, and its answer barely changes past a kilobyte or two.
    size_t language_sample = 1024;
    // --- entities and keywords (find_entities, find_keywords below) ---
    bool entities = true;     // replace annotations.entities
    bool keywords = true;     // replace annotations.keywords
    size_t max_keywords = 10; // at most this many key phrases per article
};

// Language of `text` with CLD2, combined with a declared language (`declared_hint`, e.g. the
// record's "language" or an html lang such as "en-GB") and the script of the text. Long texts
// follow CLD2; for short ones (titles, single paragraphs) a declared language that fits the
// script wins unless CLD2 is reliably sure of another. code is "" when nothing is known;
// confidence is in 0..1.
LanguageGuess detect_language(std::string_view text, std::string_view declared_hint = {});

// Date and time expressions in one block's text (UTF-8), in order, not overlapping.
// Annotation offsets are code points within `text`; `block` is copied into each.
// `reference` resolves relative expressions; without it they get an empty value.
// `lang` is the text's language tag: "en" and "en-US" read 03/04/2020 as March 4, all others
// ("en-GB", "fr", ...) as 3 April. tag_article passes the detected language, or the declared
// tag when it is the same language with a region.
std::vector<Annotation> find_dates(std::string_view text, int64_t block,
                                   std::optional<Date> reference, std::string_view lang = "en");

// --- Entities and keywords ----------------------------------------------------------------
//
// Named entities in an article's body: "person", "place", "organization" and "misc"
// (nationalities and groups such as "German"), in block order, not overlapping. `text` is the
// surface form, `value` the normalized one: the full name for later short mentions ("Xi"
// after "Xi Jinping"), the expansion of acronyms defined in the article or well known
// ("WHO", "UN"), the English short name of a country; countries and subdivisions carry their
// ISO 3166 code in an extra member "code". The gazetteers are embedded (nothing to load).
// `lang` ("en", "fr", ...) defaults to the article's language.
std::vector<Annotation> find_entities(const Article& a, std::string_view lang = {});
// The same for one text (block 0).
std::vector<Annotation> find_entities(std::string_view text, std::string_view lang = "en");

// Key phrases of an article (or a text), best first, at most `max`, with scores in 0..1 (the
// best is 1): runs of content words between stop words of `lang` (en, fr, de, es; others
// use English), scored by the frequency and co-occurrence of their words.
std::vector<Keyword> find_keywords(const Article& a, std::string_view lang = {}, size_t max = 10);
std::vector<Keyword> find_keywords(std::string_view text, std::string_view lang = "en", size_t max = 10);
// --- end of entities and keywords -----------------------------------------------------------

// Tags one article: sets annotations.language (and Article::language when it is absent),
// replaces annotations.dates, and appends a "tag" entry to history ({"taggers": [...],
// "reference_date": ...}). annotations.language also gets the member "declared": the
// language the record declared before tagging (or null), which a later run uses again, so
// tagging a tagged article gives the same record apart from the extra history entry.
void tag_article(Article& a, const Options& options = {});

}  // namespace copydesk::tag
