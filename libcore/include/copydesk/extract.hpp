// copydesk/extract.hpp — from raw input bytes to an Article: input sniffing and the
// plain-text dump parser, and the HTML article extractor (main content and metadata).
//
// All functions are pure and thread-safe; they never throw on any input bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"

namespace pugi {
class xml_document;
}

namespace copydesk::extract {

// ---------------------------------------------------------------------------------------------
// Input sniffing

enum class InputKind { text, html, warc, jsonl, binary };

// What kind of input `first_bytes` (the start of a file, ideally at least its first KB) looks
// like. After a BOM and leading white space: "WARC/1." -> warc; '{' -> jsonl; an HTML tag
// (<!doctype html, <html, <head, <body, <div, <p, <meta, <title, <script, ...) within the first
// KB -> html; NUL bytes, a gzip/PDF/zip signature, or many control bytes -> binary; else text.
InputKind sniff_input(std::string_view first_bytes);

// "text", "html", "warc", "jsonl" or "binary".
std::string_view to_string(InputKind kind);

// ---------------------------------------------------------------------------------------------
// Plain-text dumps (src/extract/text_dump.cpp)
//
// A dump is what a scraper saves as text: an optional header (breadcrumb trail, headline,
// dateline with publisher, byline, standfirst) and the body as paragraphs separated by blank
// lines. Fields the dump does not show stay absent; nothing is guessed from body text.

struct DumpOptions {
    // Join the lines of a hard-wrapped paragraph with one space (none between two CJK
    // characters). Off: every line of the body is a paragraph of its own.
    bool join_wrapped_lines = true;
    // A block of lines is taken as hard-wrapped only when none of its lines but the last is
    // longer than this (in code points); longer lines are one paragraph each, so that dumps
    // with one paragraph per line and no blank lines are not merged into one paragraph.
    int max_wrapped_line = 110;
    // Dates written n/n/yyyy with both numbers <= 12: day first (23/03 style) when true,
    // month first (US style) when false.
    bool day_first = true;
    // Find subheadings (short lines without terminal punctuation between blank lines).
    bool detect_headings = true;
    // Find list items ("- ", "* ", "• ", "1. ", "1) ").
    bool detect_lists = true;
    // Set `section` from the breadcrumb trail (its last item that is not generic, such as
    // "Content", and not the headline).
    bool section_from_breadcrumbs = true;
};

// Parses the raw bytes of a text dump. Accepts a UTF-8 BOM (or a UTF-16 one), CRLF, CR or LF
// line ends, invalid UTF-8 (repaired with U+FFFD, with a warning) and windows-1252 input
// (decoded, with a warning). Sets source.format = "text" and source.charset; the caller sets
// source.path and source.bytes. Text is kept as it is (no normalization); metadata values
// and breadcrumb items are trimmed of surrounding white space, no-break spaces included.
// Dates are ISO 8601 with the precision given and an offset only when the dump gives one.
Article parse_text_dump(std::string_view bytes, const DumpOptions& options = {});

// ---------------------------------------------------------------------------------------------
// HTML pages (src/extract/html_*.cpp)
//
// The page is parsed (html::parse), the main content container(s) chosen by a scoring pass
// over the DOM (text and link density, paragraph counts, tag priors, class/id hints), cleaned
// of boilerplate (navigation, share bars, related links, newsletter and cookie boxes, ads,
// author boxes, comments) and turned into blocks; metadata comes from JSON-LD, OpenGraph,
// Twitter cards, <meta> names, microdata, <time>, the URL and visible bylines. Linear in the
// size of the page: subtree measures are computed once, bottom-up.

enum class HtmlPreset {
    balanced,   // the default: what a careful reader would copy out
    precision,  // drop anything doubtful (fewer leaks, may lose a paragraph)
    recall,     // keep anything plausible (nothing lost, may keep some furniture)
};

struct HtmlOptions {
    HtmlPreset preset = HtmlPreset::balanced;
    // The page URL: base for relative links and image sources (a <base href> wins), and a
    // source of the publication date (/2020/03/23/ paths). Empty: links stay as written.
    std::string url;
    // The HTTP Content-Language of the response ("en-GB", "de, en"): the page's language when
    // its markup declares none. When both are missing, the language is detected from the
    // body text (see copydesk-extract(1)).
    std::string content_language;
    bool comments = false;  // fill Article::comments from the page's comment section
    bool tables = true;     // data tables as table blocks (off: dropped)
    bool images = true;     // figures (off: dropped)
    bool links = true;      // link spans (off: none)
    // XPath 1.0 expressions (pugixml): `select` picks the content container(s) instead of the
    // scoring pass; `prune` removes matching subtrees before anything else.
    std::vector<std::string> select, prune;
    // Keep all visible text of <body>, only cleaned of scripts, styles and hidden elements.
    bool whole_page = false;
    // Passed to the parser: elements, texts and comments built at most.
    size_t max_nodes = 5'000'000;
    // Called with one line per decision (candidate kept or dropped, and why); may be empty.
    std::function<void(const std::string&)> explain;
};

// Extracts the article from a page given as UTF-8 (convert other charsets first). Never
// throws on any input; a bad XPath in `select`/`prune` is reported in `warnings`. Sets the
// metadata, body and (with options.comments) comments, source.format = "html"; the caller
// sets id, source.path/bytes/charset.
Article extract_html(std::string_view utf8, const HtmlOptions& options = {});

// The same on a page parsed already (html::parse's document).
Article extract_html(const pugi::xml_document& doc, const HtmlOptions& options = {});

// RFC 3986 section 5.2 reference resolution: `ref` (trimmed of white space) against the
// absolute `base`. A ref with a scheme is returned normalized (dot segments removed); with an
// empty or relative base the ref is returned as it is.
std::string resolve_url(std::string_view base, std::string_view ref);

// A page title without the site name: "Title | Site", "Site - Title", "Title – Site" lose the
// site part when it equals `site_name` (case-insensitive), or, when site_name is empty, the
// part after the last separator when what is left still reads as a title (3 words or more).
std::string clean_title(std::string_view title, std::string_view site_name = {});

// People named in a byline: "By Jane Doe and John Roe" -> {"Jane Doe", "John Roe"}. Splits
// on commas, "and", "&", "und", "et", "y", ";" and "|"; drops a leading "By"/"Von"/"Par",
// trailing roles after a comma or dash ("Jane Doe, Staff Writer"), other roles and who holds
// them ("Edited by ...", "Reviewed by ..."), a dateline glued to the names ("Jane Doe March
// 11, 2015 3:46 PM"), e-mail addresses, account names ("jdoe", "@jdoe"), collective names
// ("Our Foreign Staff") and parts that are only role words ("Staff", "Editor"). A name
// written surname first ("Doe, Jane") stays one name, as written.
std::vector<std::string> split_authors(std::string_view byline);

// The first date in a URL path: /2020/03/23/, /2020-03-23, /20200323/ give "2020-03-23";
// /2020/03/ gives "2020-03". Empty when none.
std::string date_from_url(std::string_view url);

// Per-site rules: a TOML subset, one table per host, keys `select`, `prune` (a string or an
// array of strings: XPath) and `preset` ("precision", "recall", "balanced"):
//
//   [example.com]                     # also matches www.example.com and news.example.com
//   select = "//div[@id='story']"
//   prune = ["//div[@class='promo']", "//aside"]
//   preset = "precision"
struct HtmlRule {
    std::string host;
    std::vector<std::string> select, prune;
    std::string preset;  // empty: unchanged
};
struct HtmlRules {
    std::vector<HtmlRule> rules;
    std::string error;  // "line 3: expected '=' after a key"; empty when the file was read
};
HtmlRules parse_html_rules(std::string_view toml);

// Applies the rule of the most specific host matching the host of `url` (if any) to options:
// select/prune are appended, preset replaces. Returns whether a rule matched.
bool apply_html_rules(const HtmlRules& rules, std::string_view url, HtmlOptions& options);

}  // namespace copydesk::extract
