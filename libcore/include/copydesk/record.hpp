// copydesk/record.hpp — the JSON Lines record stream (man/copydesk-record.5).
//
// read() turns one line into an Article; write() renders an Article as one line (no '\n').
// Reading then writing a record that write() produced gives back the same bytes; members the
// reader does not know are kept verbatim (Article::extra and friends) and written in place.
//
// The writer always produces valid UTF-8 JSON: strings are escaped by us, and any ill-formed
// UTF-8 that reached the model is replaced by U+FFFD. Absent fields are omitted.
//
// Thread-safety: a Reader holds a parser and is used by one thread at a time; write() and the
// other free functions are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "copydesk/article.hpp"

namespace copydesk::record {

constexpr int schema_version = 1;

// Outcome of reading one line. When !ok, `message` says what was wrong ("invalid JSON: ...",
// "not a JSON object", "field 'title': expected a string") and the caller makes an error
// record with error_record() so that nothing is lost.
struct ReadStatus {
    bool ok = true;
    std::string message;
    explicit operator bool() const { return ok; }
};

class Reader {
  public:
    Reader();
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // Parses one JSON line into `out` (which is reset first).
    ReadStatus read(std::string_view line, Article& out);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Appends the record as one JSON line (without the trailing newline) to `out`.
void write(const Article& a, std::string& out);
std::string write(const Article& a);

// The line to emit for input that could not be read as a record: when `line` is a JSON object
// it is kept as it was with an "error" member added; otherwise a new record carries the error,
// the place, and the input itself ("input", or "input_base64" when it is not valid UTF-8;
// neither when `line` is empty, as for a line too long to keep).
std::string error_line(std::string_view line, std::string_view message, std::string_view path,
                       int64_t line_number);

// Appends `s` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void append_json_string(std::string& out, std::string_view s);

}  // namespace copydesk::record
