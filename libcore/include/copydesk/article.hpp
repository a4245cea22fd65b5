// copydesk/article.hpp — the one in-memory model every tool reads, changes and writes.
//
// An Article is one record of the JSON Lines stream (man/copydesk-record.5): metadata, a
// flat list of body blocks, and annotations. Readers build it (record::read, extract),
// transforms change it (normalize, tag), writers render it (record::write, formats).
//
// Text and offsets: every block that carries words has `text` (UTF-8). Spans and annotations
// point into one block's text by half-open code point offsets [start, end). A transform that
// changes text must keep every span and annotation on the same words (see text/offset_map).
//
// Unknown fields: any JSON member the reader does not know is kept verbatim in `extra` of the
// object it appeared in, and written back in its place. Tools never look inside it.
//
// Thread-safety: plain values; an Article is owned by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace copydesk {

// Members of a JSON object that the reader did not know, in input order. Each remembers the
// known key it followed (`after`, "" when it came first) so the writer can put it back there.
struct ExtraField {
    std::string after;  // the known key this member followed in the input
    std::string key;    // the member's name (unescaped UTF-8)
    std::string json;   // the member's value, exactly as it was in the input
};
using Extras = std::vector<ExtraField>;

// Inline markup over a block's text: kind is "em", "strong", "code", "link", "sub", "sup", ...
struct Span {
    int64_t start = 0;  // code point offset in the block's text, inclusive
    int64_t end = 0;    // code point offset, exclusive
    std::string kind;
    std::string href;   // links only; empty when none
    Extras extra;
};

// One body block. The body is flat: list items are blocks of type "item" (with `ordered` and
// `depth`), so that every piece of text is addressed by (block index, offsets).
//   type       fields used
//   heading    text, level (1-6)
//   paragraph  text
//   item       text, ordered, depth (0 = top-level list)
//   quote      text
//   code       text (whitespace kept), lang
//   figure     text (the caption), src, alt
//   table      rows (cells as text), header_rows
struct Block {
    std::string type = "paragraph";
    std::string text;
    std::vector<Span> spans;
    int level = 0;           // heading: 1-6
    bool ordered = false;    // item
    int depth = 0;           // item
    std::string lang;        // code
    std::string src, alt;    // figure
    std::vector<std::vector<std::string>> rows;  // table
    int header_rows = 0;     // table
    Extras extra;
};

// An annotation over body text: entities ("person", "place", "organization", "misc") and
// dates ("date", "time", "weekday", ...). `value` is the normalized form: ISO 8601 for dates,
// the full name or expansion for entities. `block` is the index into Article::body.
struct Annotation {
    std::string type;
    std::string text;
    int64_t block = 0;
    int64_t start = 0;
    int64_t end = 0;
    std::string value;  // empty when unresolved
    Extras extra;
};

struct Keyword {
    std::string text;
    double score = 0;
    Extras extra;
};

struct LanguageGuess {
    std::string code;  // BCP 47 primary tag, e.g. "en"; empty when unknown
    double confidence = 0;
    Extras extra;
};

struct Annotations {
    std::optional<LanguageGuess> language;
    std::vector<Annotation> entities;
    std::vector<Annotation> dates;
    std::vector<Keyword> keywords;
    bool present = false;  // the record has an "annotations" object (possibly empty)
    Extras extra;
};

// Where the record came from. Fields stay empty/0 when unknown.
struct Source {
    std::string path;            // file name as given, "-" for stdin
    std::string uri;             // WARC target URI or page URL given by the user
    std::string format;          // "text", "html", "warc", "jsonl", ...
    std::string warc_record_id;
    std::string warc_date;
    int64_t bytes = -1;          // size of the raw input; -1 unknown
    int64_t offset = -1;         // byte offset in a WARC file or line number in a stream; -1 unknown
    std::string charset;         // charset the input was decoded from
    std::string charset_source;  // how it was chosen: "bom", "http", "meta", "guess", "default"
    bool present = false;
    Extras extra;
};

struct Article {
    int schema = 1;                        // "copydesk": the record format version
    std::string id;
    Source source;
    std::optional<std::string> url, canonical_url, title, subtitle;
    std::vector<std::string> authors;
    std::optional<std::string> date_published, date_modified;
    std::optional<std::string> site_name, section;
    std::vector<std::string> breadcrumbs, categories, keywords;
    std::optional<std::string> description, image, language, license;
    std::vector<Block> body;
    std::vector<Block> comments;
    Annotations annotations;
    std::vector<std::string> history;      // entries as JSON objects, oldest first (raw JSON)
    std::vector<std::string> warnings;
    std::optional<std::string> error;      // set when a tool could not handle the record
    Extras extra;
};

// Appends one `history` entry {"tool":tool,"version":COPYDESK_VERSION,<members_json>}.
// REQUIRES: members_json is "" or comma-separated JSON members ('"changes":{"nfc":3}').
void add_history(Article& a, std::string_view tool, std::string_view members_json = {});

}  // namespace copydesk
