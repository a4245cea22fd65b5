// copydesk/warc.hpp — a streaming WARC 1.0/1.1 reader: one response or resource record at a time.
//
// Reads an (uncompressed) WARC byte stream; io::Input gunzips .warc.gz transparently, whether
// the file is one gzip member per record or one for the whole file. For `response` records
// holding an HTTP message (Content-Type application/http) the status line and headers are
// parsed, chunked transfer coding and Content-Encoding gzip / x-gzip / deflate (zlib-wrapped or
// raw) are undone, and the payload is the entity body. `resource` records give their block as
// is. Every other record type (warcinfo, request, metadata, revisit, conversion, continuation,
// ...) is skipped and counted in stats().
//
// Memory is bounded by the options, never by the stream: a record whose content block is
// larger than max_record + max_header, or whose decoded payload is larger than max_record, is
// skipped with a diagnostic and never held whole.
//
// Damage never stops the reader: a bad header, a Content-Length that runs past the end or does
// not end the record, or garbage between records gives a diagnostic with the byte offset (in
// the uncompressed stream) and the reader resynchronises on the next line that starts with
// "WARC/1.". Smaller problems with a record it still gives (an unterminated HTTP header,
// a body that says chunked but is not, damaged gzip data) go into the record's `warnings`.
//
// Usage:
//     io::Input in(path);                       // .warc or .warc.gz
//     io::WarcReader reader(in);
//     io::WarcRecord rec;
//     while (reader.next(rec)) {
//         for (const auto& d : reader.take_diagnostics()) report(d.offset, d.message);
//         if (!rec.payload_is_html) continue;
//         const auto page = charset::decode_html(rec.payload, rec.charset);
//         ...
//     }
//     for (const auto& d : reader.take_diagnostics()) report(d.offset, d.message);
//
// Thread-safety: a WarcReader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "copydesk/io.hpp"

namespace copydesk::io {

// Something the reader had to skip or repair, at a byte offset of the uncompressed stream.
struct WarcDiagnostic {
    int64_t offset = 0;
    std::string message;  // short, lowercase, e.g. "truncated record: Content-Length 900, 12 bytes left"
};

struct WarcOptions {
    // Largest payload (after undoing transfer and content codings) held in memory. Larger
    // records are skipped with a diagnostic. Raise it for archives of big documents.
    size_t max_record = size_t(64) << 20;
    // Largest WARC header block, and largest HTTP header block; past it the record is damaged.
    size_t max_header = size_t(256) << 10;
    // A record that is cut short or whose Content-Length does not end it is normally dropped;
    // with keep_damaged it is given as far as it goes, with a warning.
    bool keep_damaged = false;
    // Called for every diagnostic as it happens. When empty, diagnostics are collected and
    // handed out by WarcReader::take_diagnostics().
    std::function<void(const WarcDiagnostic&)> on_diagnostic;
};

// The HTTP response head of a `response` record.
struct HttpHeaders {
    std::string content_type;       // Content-Type as sent, e.g. "text/html; charset=ISO-8859-1"
    std::string content_encoding;   // as sent, e.g. "gzip"
    std::string transfer_encoding;  // as sent, e.g. "chunked"
    std::string content_language;   // as sent, e.g. "en-GB"
    std::string charset;            // charset parameter of Content-Type, unquoted, as sent
    std::vector<std::pair<std::string, std::string>> all;  // every header, in order, as sent

    // The first header of that name (ASCII case-insensitive), or "" when absent.
    std::string_view get(std::string_view name) const;
};

struct WarcRecord {
    std::string type;                     // "response" or "resource"
    std::string version;                  // "WARC/1.0" or "WARC/1.1"
    std::string target_uri;               // WARC-Target-URI (angle brackets of WARC/0.x removed)
    std::string record_id;                // WARC-Record-ID, e.g. "<urn:uuid:...>"
    std::string date;                     // WARC-Date, e.g. "2024-03-01T12:00:00Z"
    std::string content_type;             // the record's Content-Type, e.g. "application/http; msgtype=response"
    std::string identified_payload_type;  // WARC-Identified-Payload-Type, or ""
    int64_t offset = 0;                   // of the "WARC/1." line in the uncompressed stream
    int64_t content_length = 0;           // of the content block, as declared

    int http_status = 0;                  // 0 when the record holds no HTTP message
    HttpHeaders http_headers;             // empty for resource records

    std::string payload_type;             // lowercase MIME type of the payload without parameters, or ""
    std::string charset;                  // label declared for the payload (HTTP or resource Content-Type), or "";
                                          // give it to charset::decode_html(payload, charset)
    std::string payload;                  // the entity body, decoded; bytes in whatever charset
    bool payload_is_html = false;         // from the payload type, WARC-Identified-Payload-Type or sniffing
    std::vector<std::string> warnings;    // what was repaired or left alone, one short message each
};

struct WarcStats {
    int64_t records = 0;        // records whose header could be read, of any type
    int64_t given = 0;          // response and resource records returned by next()
    int64_t skipped = 0;        // records of other types, skipped
    std::map<std::string, int64_t> skipped_types;  // how many of each skipped type ("request": 12)
    int64_t too_large = 0;      // records skipped for max_record / max_header
    int64_t damaged = 0;        // records dropped (or kept with keep_damaged) for damage
    int64_t garbage_bytes = 0;  // bytes skipped while resynchronising
    int64_t bytes = 0;          // uncompressed bytes consumed so far
};

class WarcReader {
  public:
    // Reads up to n bytes into buf; returns 0 at the end of the stream.
    using Source = std::function<size_t(char* buf, size_t n)>;

    // Reads from `in` (which must outlive the reader); its gzip damage is reported at the end.
    explicit WarcReader(Input& in, WarcOptions options = {});
    explicit WarcReader(Source source, WarcOptions options = {});

    // Fills `out` with the next response or resource record; false at the end of the stream.
    // Never throws for bad data; io::Error from the Input passes through.
    bool next(WarcRecord& out);

    const WarcStats& stats() const { return stats_; }
    // The diagnostics collected since the last call (only without options.on_diagnostic).
    std::vector<WarcDiagnostic> take_diagnostics() { return std::exchange(diagnostics_, {}); }

  private:
    bool fill();
    bool ensure(size_t n);
    void consume(size_t n);
    void push_back(std::string_view bytes);
    bool read_line(std::string& line, size_t max, bool& too_long);
    int64_t skip(int64_t n);
    size_t read_into(std::string& out, size_t n);
    bool resync();
    bool at_record_end();
    void diagnose(int64_t offset, std::string message);
    bool decode(std::string& block, WarcRecord& rec);

    Source source_;
    Input* input_ = nullptr;
    WarcOptions options_;
    std::string buf_;
    size_t pos_ = 0;
    bool eof_ = false;
    bool input_damage_reported_ = false;
    size_t last_line_bytes_ = 0;  // bytes consumed by the last read_line(), LF (and CR) included
    int64_t source_bytes_ = 0;    // bytes read from the source
    int64_t rescanned_ = 0;       // bytes pushed back to be scanned again after damage
    int64_t offset_ = 0;      // stream offset of buf_[pos_]
    WarcStats stats_;
    std::vector<WarcDiagnostic> diagnostics_;
};

}  // namespace copydesk::io
