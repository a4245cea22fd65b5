// copydesk/documents.hpp — the inputs of copydesk-extract as a stream of documents.
//
// Each input file is one document, except WARC files (recognised by their first bytes, or
// forced), whose response and resource records are one document each, read one at a time so
// that memory stays bounded by the largest record. Files and WARC records are gunzipped as
// needed (io::Input), HTTP transfer and content codings undone (io::WarcReader).
//
// Thread-safety: a DocumentReader is used by one thread at a time; Documents are plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "copydesk/warc.hpp"

namespace copydesk::io {

struct Document {
    std::string bytes;              // the raw document (a WARC record's payload), any charset
    std::string path;               // the input it came from, as given ("-": stdin)
    bool from_warc = false;
    std::string uri;                // WARC-Target-URI
    std::string warc_record_id;     // WARC-Record-ID
    std::string warc_date;          // WARC-Date
    int64_t offset = -1;            // WARC: the record's offset in the uncompressed stream
    std::string http_content_type;  // WARC: the charset label the payload declares, if any
    std::string content_language;   // WARC: HTTP Content-Language
    bool html = false;              // WARC: the payload is HTML (by its type or its bytes)
    bool truncated = false;         // the file is larger than max_bytes: `bytes` holds its start
    std::string damage;             // the file ended early (damaged gzip data), if it did
    std::vector<std::string> warnings;
};

struct DocumentOptions {
    // Largest file, or WARC record payload, held in memory.
    size_t max_bytes = size_t(256) << 20;
    enum class Warc { sniff, always, never };
    Warc warc = Warc::sniff;  // sniff: a file whose first bytes are "WARC/1." is a WARC file
};

class DocumentReader {
  public:
    // Called for inputs that cannot be read and for WARC damage: place ("crawl.warc:@1234")
    // and message. `info` says what each WARC file held (records given and skipped).
    using Report = std::function<void(const std::string& place, const std::string& message)>;

    DocumentReader(std::vector<std::string> paths, DocumentOptions options, Report error, Report info);
    ~DocumentReader();

    // The next document; false when every input has been read.
    bool next(Document& out);
    // Some input could not be opened or read, or a WARC file was damaged.
    bool failed() const { return failed_; }

  private:
    bool next_warc_record(Document& out);
    void start_warc(std::unique_ptr<Input> input, std::string prefix, const std::string& path);
    void finish_warc();

    std::vector<std::string> paths_;
    size_t next_path_ = 0;
    DocumentOptions options_;
    Report error_, info_;
    bool failed_ = false;
    // The WARC file being read, if any.
    std::unique_ptr<Input> warc_input_;
    std::unique_ptr<WarcReader> warc_;
    std::string warc_path_, warc_prefix_;
    size_t warc_prefix_used_ = 0;
    int64_t warc_damaged_ = 0;
};

}  // namespace copydesk::io
