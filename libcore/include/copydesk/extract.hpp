// copydesk/extract.hpp — from raw input bytes to an Article: input sniffing and the
// plain-text dump parser. (The HTML extractor joins this module later, in its own section.)
//
// All functions are pure and thread-safe; they never throw on any input bytes.
#pragma once

#include <string_view>

#include "copydesk/article.hpp"

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

}  // namespace copydesk::extract
