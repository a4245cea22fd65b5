// copydesk/formats.hpp — writers that render Article records as text, Markdown, HTML, TEI,
// CSV and WET, and the registry copydesk-convert picks them from (as pandoc does: one model,
// a table of {name, writer}, the format guessed from the output file's extension).
//
// Streaming: a Writer sees one article at a time and never holds more than one record, so
// memory is bounded by the largest record, not by the stream. The caller drives it:
//
//     auto w = formats::find_writer("tei")->make(options);
//     std::string out;
//     w->begin(out);
//     for (each article a) { w->write(a, out); flush(out); out.clear(); }
//     w->end(out); flush(out);
//
// Writers only append to `out`; the caller may drain it whenever it likes. end() must be
// called: some formats keep the first record back until they know whether a second one
// follows (see "Streams of several records" below).
//
// Streams of several records (the choice each format makes):
//   text      records separated by a line holding a single form feed ("\f\n").
//   markdown  each record is a complete document (front matter and all); records separated
//             by the same form feed line as text, where a script can split the stream.
//   html      one record: a standalone page (<title>, lang, meta from the article).
//             Several: one page, each record an <article lang=...> in <body>.
//   tei       one record: a standalone <TEI>. Several: a <teiCorpus> with a small corpus
//             teiHeader and one <TEI> per record. (WriterOptions::corpus forces the wrapper.)
//   csv       a header row (begin), then one row per record; CRLF line ends (RFC 4180).
//   wet       one WARC/1.0 "conversion" record per article, as in Common Crawl WET files.
// What each format makes of an article:
//   text      the title, a blank line, then the blocks as paragraphs separated by blank
//             lines; list items "- " / "1. " indented under their parent; tables as
//             tab-separated rows; figures as their caption; code as it is.
//   markdown  CommonMark (tables as GFM pipe tables). Every character that could start
//             markup is escaped; spans are *em*, **strong**, `code`, [text](href) where
//             CommonMark parses them back as the same thing, else inline <em>, <strong>,
//             <sub>, <sup>, <del>; code blocks fenced longer than any backtick run inside;
//             figures as ![alt](src) and the caption below. Annotations are not rendered.
//   html      <!DOCTYPE html>, lang, <title> and author/description/date meta; an
//             <article> with a <header> (h1, subtitle, byline, <time datetime>), semantic
//             blocks, a <footer> linking the source URL. Annotations:
//             <span class="entity TYPE" data-value="..."> and
//             <time class="date [TYPE]" datetime="...">.
//   tei       TEI P5: teiHeader (titleStmt, publicationStmt with publisher and date,
//             sourceDesc/bibl with the URL, profileDesc with language and keywords);
//             body with a <div> per heading, p, list/item, quote, figure, table/row/cell,
//             code as <ab type="code">. Spans as hi@rend, code, ref@target; annotations as
//             persName/placeName/orgName/name@type with @key, date/time with @when (or
//             @from/@to for a range "A/B").
//   csv, wet  see WriterOptions::csv_columns and the wet note above.
// Always: text and attribute values are escaped; characters not allowed in XML 1.0 are
// dropped from HTML and TEI (control characters from every format); ill-formed UTF-8
// becomes U+FFFD; blocks of only white space render as nothing; links with javascript:,
// vbscript: or non-image data: URLs render as their text. Spans and annotations may
// overlap: they are split so that elements nest; offsets outside their block are clamped
// and empty ranges ignored. Hostile records cost bounded work: at most 64 marks nest over
// one character, lists nest at most 32 levels, and crossing marks beyond a work budget are
// cut to a properly nested subset.
//
// Thread-safety: a Writer instance is used by one thread at a time; distinct instances are
// independent. The registry is immutable and safe to read from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"

namespace copydesk::formats {

// The sink writers append to. The caller drains (writes out and clears) it between calls.
using Output = std::string;

struct WriterOptions {
    // csv: the columns, in order. Known names: id, url, canonical_url, title, subtitle,
    // authors, date_published, date_modified, site_name, section, breadcrumbs, categories,
    // keywords, description, image, language, license, source_path, source_uri, error,
    // words (word count of the body), blocks (number of body blocks), text (the body as plain
    // text). Lists are joined with "; ". An unknown name makes make() throw
    // std::invalid_argument.
    std::vector<std::string> csv_columns = {"id",       "url",       "title",    "authors",
                                            "date_published", "site_name", "language", "words"};
    // text, markdown, html, tei, wet: render the `comments` blocks after the body, under a
    // "Comments" heading (TEI: <div type="comments">). Off by default: comments are not the
    // article.
    bool comments = false;
    // html, tei: mark entities and dates (Article::annotations) inline — HTML
    // <span class="entity person"> and <time datetime>, TEI persName/placeName/orgName/name
    // and date@when. Text, Markdown and CSV never render annotations.
    bool annotations = true;
    // markdown: start each record with YAML front matter (title, subtitle, author, date, ...,
    // every value double-quoted). false: a readable header instead — "# Title", the subtitle
    // in italics and a byline line.
    bool front_matter = true;
    // html, tei: wrap even a single record in the multi-record page / teiCorpus, so that the
    // shape of the output does not depend on the number of records.
    bool corpus = false;
};

// Renders a stream of articles in one format. See the file comment for the call sequence.
class Writer {
  public:
    virtual ~Writer();
    // Before the first record (e.g. the CSV header row). Default: nothing.
    virtual void begin(Output& out);
    // One record. Output may be held back until the next write() or end().
    virtual void write(const Article& a, Output& out) = 0;
    // After the last record: closes wrappers, flushes what was held back. Default: nothing.
    virtual void end(Output& out);
};

struct FormatInfo {
    std::string name;         // what -t/--to takes, e.g. "markdown"
    std::string extensions;   // file extensions, space-separated, without dots: "md markdown"
    std::string description;  // one line for --list-formats
    std::function<std::unique_ptr<Writer>(const WriterOptions&)> make;
};

// Every writer, in the order --list-formats shows them: jsonl, json, text, markdown, html,
// tei, csv, wet.
const std::vector<FormatInfo>& writers();

// The writer named `name` (exact, lowercase), or nullptr.
const FormatInfo* find_writer(std::string_view name);

// The writer for an output path, from its extension (case-insensitive; a trailing ".gz" is
// stripped first): .jsonl .json .txt .md/.markdown .html/.htm .xml/.tei .csv .wet; nullptr
// when the extension is missing or unknown.
const FormatInfo* writer_for_path(std::string_view path);

// Convenience for tests and small tools: begin + write + end of one article in `format`.
// Throws std::invalid_argument for an unknown format (or bad options, as make() does).
std::string render(std::string_view format, const Article& a, const WriterOptions& options = {});

// Number of words in the body (headings, paragraphs, items, quotes, captions, table cells;
// not code): runs of characters between white space that hold at least one letter or digit.
int64_t word_count(const Article& a);

}  // namespace copydesk::formats
