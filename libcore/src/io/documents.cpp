#include "copydesk/documents.hpp"

#include <fmt/format.h>

#include <cstring>

namespace copydesk::io {
namespace {

constexpr size_t sniff_bytes = 16;

std::string display(const std::string& path) { return path == "-" ? "stdin" : path; }

bool looks_like_warc(std::string_view start) { return start.rfind("WARC/1.", 0) == 0; }

// Reads up to n bytes, as many as the input gives, into out.
void read_up_to(Input& in, std::string& out, size_t n) {
    char buf[1 << 16];
    while (out.size() < n) {
        const size_t got = in.read(buf, std::min(sizeof buf, n - out.size()));
        if (got == 0) break;
        out.append(buf, got);
    }
}

}  // namespace

DocumentReader::DocumentReader(std::vector<std::string> paths, DocumentOptions options, Report error, Report info)
    : paths_(std::move(paths)), options_(options), error_(std::move(error)), info_(std::move(info)) {}

DocumentReader::~DocumentReader() = default;

void DocumentReader::start_warc(std::unique_ptr<Input> input, std::string prefix, const std::string& path) {
    warc_input_ = std::move(input);
    warc_path_ = path;
    warc_prefix_ = std::move(prefix);
    warc_prefix_used_ = 0;
    warc_damaged_ = 0;
    WarcOptions wo;
    wo.max_record = options_.max_bytes;
    wo.on_diagnostic = [this](const WarcDiagnostic& d) {
        error_(fmt::format("{}:@{}", display(warc_path_), d.offset), d.message);
        ++warc_damaged_;
    };
    // The bytes read to sniff the file come first, then the rest of the input.
    WarcReader::Source source = [this](char* buf, size_t n) -> size_t {
        if (warc_prefix_used_ < warc_prefix_.size()) {
            const size_t k = std::min(n, warc_prefix_.size() - warc_prefix_used_);
            std::memcpy(buf, warc_prefix_.data() + warc_prefix_used_, k);
            warc_prefix_used_ += k;
            return k;
        }
        return warc_input_->read(buf, n);
    };
    warc_ = std::make_unique<WarcReader>(std::move(source), wo);
}

void DocumentReader::finish_warc() {
    const WarcStats& st = warc_->stats();
    std::string skipped;
    for (const auto& [type, n] : st.skipped_types) skipped += fmt::format("{}{} {}", skipped.empty() ? "" : ", ", n, type);
    info_(display(warc_path_), fmt::format("{} WARC records: {} read, {} skipped{}{}", st.records, st.given, st.skipped,
                                           skipped.empty() ? "" : " (" + skipped + ")",
                                           st.too_large ? fmt::format(", {} too large", st.too_large) : ""));
    if (!warc_input_->damage().empty()) {
        error_(display(warc_path_), warc_input_->damage());
        failed_ = true;
    }
    if (warc_damaged_) failed_ = true;
    warc_.reset();
    warc_input_.reset();
}

bool DocumentReader::next_warc_record(Document& out) {
    WarcRecord rec;
    try {
        if (!warc_->next(rec)) {
            finish_warc();
            return false;
        }
    } catch (const Error& e) {
        error_("", e.what());
        failed_ = true;
        finish_warc();
        return false;
    }
    out = Document{};
    out.path = warc_path_;
    out.from_warc = true;
    out.bytes = std::move(rec.payload);
    out.uri = std::move(rec.target_uri);
    out.warc_record_id = std::move(rec.record_id);
    out.warc_date = std::move(rec.date);
    out.offset = rec.offset;
    out.http_content_type = std::move(rec.charset);
    out.content_language = rec.http_headers.content_language;
    out.html = rec.payload_is_html;
    out.warnings = std::move(rec.warnings);
    return true;
}

bool DocumentReader::next(Document& out) {
    for (;;) {
        if (warc_ && next_warc_record(out)) return true;
        if (next_path_ == paths_.size()) return false;
        const std::string& path = paths_[next_path_++];
        std::unique_ptr<Input> input;
        std::string bytes;
        try {
            input = std::make_unique<Input>(path);
            read_up_to(*input, bytes, sniff_bytes);
            const bool warc = options_.warc == DocumentOptions::Warc::always ||
                              (options_.warc == DocumentOptions::Warc::sniff && looks_like_warc(bytes));
            if (warc) {
                start_warc(std::move(input), std::move(bytes), path);
                continue;
            }
            read_up_to(*input, bytes, options_.max_bytes + 1);
        } catch (const Error& e) {
            error_("", e.what());
            failed_ = true;
            continue;
        }
        out = Document{};
        out.path = path;
        out.truncated = bytes.size() > options_.max_bytes;
        if (out.truncated) bytes.resize(options_.max_bytes);
        out.bytes = std::move(bytes);
        out.damage = input->damage();
        return true;
    }
}

}  // namespace copydesk::io
