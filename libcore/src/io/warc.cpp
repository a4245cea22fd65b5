// The streaming WARC reader: record framing, resynchronisation, HTTP response decoding.
#include "copydesk/warc.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "io/warc_http.hpp"

namespace copydesk::io {

using detail::ascii_lower;
using detail::iequals;
using detail::trim;

namespace {

constexpr size_t kChunk = size_t(64) << 10;
constexpr std::string_view kMagic = "WARC/1.";

bool valid_version(std::string_view line) {
    line = trim(line);
    if (line.size() < 8 || line.substr(0, 7) != kMagic) return false;
    for (char c : line.substr(7))
        if (c < '0' || c > '9') return false;
    return true;
}

bool parse_length(std::string_view s, int64_t& out) {
    s = trim(s);
    if (s.empty() || s.size() > 18) return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::string shorten(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 60)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
    if (s.size() > 60) out += "...";
    return out;
}

// Splits a header block (lines ending in LF or CRLF) into fields; continuation lines are
// folded into the previous value. Returns false on a line that is not a header.
struct HeaderLines {
    std::vector<std::pair<std::string, std::string>> fields;
    bool add(std::string_view line) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
            const std::string_view more = trim(line);
            if (!more.empty()) {
                if (!fields.back().second.empty()) fields.back().second.push_back(' ');
                fields.back().second.append(more);
            }
            return true;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        fields.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
        return true;
    }
    std::string_view get(std::string_view name) const {
        for (const auto& [k, v] : fields)
            if (iequals(k, name)) return v;
        return {};
    }
    bool has(std::string_view name) const {
        for (const auto& f : fields)
            if (iequals(f.first, name)) return true;
        return false;
    }
};

std::vector<std::string> split_codings(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t c = s.find(',', i);
        if (c == std::string_view::npos) c = s.size();
        const std::string token = ascii_lower(trim(s.substr(i, c - i)));
        if (!token.empty()) out.push_back(token);
        i = c + 1;
    }
    return out;
}

}  // namespace

std::string_view HttpHeaders::get(std::string_view name) const {
    for (const auto& [k, v] : all)
        if (iequals(k, name)) return v;
    return {};
}

WarcReader::WarcReader(Input& in, WarcOptions options)
    : source_([&in](char* buf, size_t n) { return in.read(buf, n); }), input_(&in), options_(std::move(options)) {}

WarcReader::WarcReader(Source source, WarcOptions options)
    : source_(std::move(source)), options_(std::move(options)) {}

void WarcReader::diagnose(int64_t offset, std::string message) {
    WarcDiagnostic d{offset, std::move(message)};
    if (options_.on_diagnostic)
        options_.on_diagnostic(d);
    else
        diagnostics_.push_back(std::move(d));
}

bool WarcReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    const size_t old = buf_.size();
    buf_.resize(old + kChunk);
    const size_t n = source_(buf_.data() + old, kChunk);
    source_bytes_ += static_cast<int64_t>(std::min(n, kChunk));
    buf_.resize(old + std::min(n, kChunk));
    if (n == 0) {
        eof_ = true;
        return false;
    }
    return true;
}

bool WarcReader::ensure(size_t n) {
    while (buf_.size() - pos_ < n)
        if (!fill()) break;
    return buf_.size() - pos_ >= n;
}

void WarcReader::consume(size_t n) {
    if (n == 0) return;
    pos_ += n;
    offset_ += static_cast<int64_t>(n);
    stats_.bytes = std::max(stats_.bytes, offset_);
}

void WarcReader::push_back(std::string_view bytes) {
    buf_.insert(pos_, bytes);
    offset_ -= static_cast<int64_t>(bytes.size());
}

// One line, without its LF (and CR), consumed. False (nothing consumed) when the line is longer
// than max (too_long) or the stream ends before a LF.
bool WarcReader::read_line(std::string& line, size_t max, bool& too_long) {
    too_long = false;
    size_t scanned = 0;
    for (;;) {
        const size_t avail = buf_.size() - pos_;
        const void* nl = avail > scanned ? std::memchr(buf_.data() + pos_ + scanned, '\n', avail - scanned) : nullptr;
        if (nl) {
            const size_t len = static_cast<size_t>(static_cast<const char*>(nl) - (buf_.data() + pos_));
            if (len > max) {
                too_long = true;
                return false;
            }
            line.assign(buf_.data() + pos_, len);
            last_line_bytes_ = len + 1;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            consume(len + 1);
            return true;
        }
        scanned = avail;
        if (avail > max) {
            too_long = true;
            return false;
        }
        if (!fill()) return false;  // the stream ended inside the line (or before it)
    }
}

int64_t WarcReader::skip(int64_t n) {
    int64_t done = 0;
    while (done < n) {
        if (pos_ == buf_.size() && !fill()) break;
        const size_t take = static_cast<size_t>(std::min<int64_t>(n - done, static_cast<int64_t>(buf_.size() - pos_)));
        consume(take);
        done += static_cast<int64_t>(take);
    }
    return done;
}

size_t WarcReader::read_into(std::string& out, size_t n) {
    out.clear();
    out.reserve(std::min(n, size_t(1) << 20));
    while (out.size() < n) {
        if (pos_ == buf_.size()) {
            // Large reads go straight from the source into `out`, not through the buffer.
            if (eof_) break;
            const size_t want = std::min(n - out.size(), size_t(4) << 20);
            if (want >= kChunk) {
                const size_t old = out.size();
                out.resize(old + want);
                const size_t got = source_(out.data() + old, want);
                source_bytes_ += static_cast<int64_t>(std::min(got, want));
                out.resize(old + std::min(got, want));
                if (got == 0) {
                    eof_ = true;
                    break;
                }
                offset_ += static_cast<int64_t>(out.size() - old);
                stats_.bytes = std::max(stats_.bytes, offset_);
                continue;
            }
            if (!fill()) break;
        }
        const size_t take = std::min(n - out.size(), buf_.size() - pos_);
        out.append(buf_.data() + pos_, take);
        consume(take);
    }
    return out.size();
}

// Skips to the next line that starts with "WARC/1."; false at the end of the stream.
bool WarcReader::resync() {
    for (;;) {
        const std::string_view avail(buf_.data() + pos_, buf_.size() - pos_);
        const size_t hit = avail.find("\nWARC/1.");
        if (hit != std::string_view::npos) {
            stats_.garbage_bytes += static_cast<int64_t>(hit + 1);
            consume(hit + 1);
            return true;
        }
        const size_t keep = std::min<size_t>(avail.size(), kMagic.size());
        stats_.garbage_bytes += static_cast<int64_t>(avail.size() - keep);
        consume(avail.size() - keep);
        if (!fill()) {
            stats_.garbage_bytes += static_cast<int64_t>(buf_.size() - pos_);
            consume(buf_.size() - pos_);
            return false;
        }
    }
}

// After a content block: CRLF CRLF, or (leniently) any run of CR and LF followed by the next
// record or the end. Consumes it and returns true; false when something else follows.
bool WarcReader::at_record_end() {
    ensure(4);
    if (buf_.compare(pos_, 4, "\r\n\r\n") == 0) {
        consume(4);
        return true;
    }
    size_t r = 0;
    for (;;) {
        if (!ensure(r + 1)) {  // only newlines up to the end
            consume(r);
            return true;
        }
        const char c = buf_[pos_ + r];
        if (c != '\r' && c != '\n') break;
        ++r;
        if (r > options_.max_header) return false;
    }
    ensure(r + kMagic.size());
    if (buf_.compare(pos_ + r, kMagic.size(), kMagic) == 0) {
        consume(r);
        return true;
    }
    return false;
}

bool WarcReader::next(WarcRecord& out) {
    std::string line;
    std::string block;
    bool quiet = false;  // the next garbage was already reported with the damage before it
    for (;;) {
        // Blank lines between records are tolerated silently.
        while (ensure(1) && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) consume(1);
        if (!ensure(1)) {
            if (input_ && !input_->damage().empty() && !input_damage_reported_) {
                input_damage_reported_ = true;
                diagnose(offset_, input_->damage());
            }
            return false;
        }
        ensure(kMagic.size());
        if (buf_.compare(pos_, kMagic.size(), kMagic) != 0) {
            const int64_t start = offset_;
            const int64_t before = stats_.garbage_bytes;
            const bool found = resync();
            const int64_t n = stats_.garbage_bytes - before;
            if (!quiet)
                diagnose(start, found ? "garbage before the next record: skipped " + std::to_string(n) + " bytes"
                                      : "garbage at the end: skipped " + std::to_string(n) + " bytes");
            quiet = false;
            continue;
        }
        quiet = false;

        // The record header.
        const int64_t offset = offset_;
        bool too_long = false;
        std::string version;
        if (!read_line(version, 64, too_long)) {
            ++stats_.damaged;
            if (too_long) {
                diagnose(offset, "bad version line \"" + shorten(std::string_view(buf_).substr(pos_, 64)) + "\"");
                consume(kMagic.size());
                quiet = true;
            } else {
                diagnose(offset, "truncated record header");
                consume(buf_.size() - pos_);
            }
            continue;
        }
        if (!valid_version(version)) {
            diagnose(offset, "bad version line \"" + shorten(trim(version)) + "\"");
            ++stats_.damaged;
            quiet = true;
            continue;
        }
        version = std::string(trim(version));
        HeaderLines header;
        size_t header_size = version.size() + 2;
        bool ended = false, bad = false;
        for (;;) {
            if (!read_line(line, options_.max_header, too_long)) break;
            header_size += line.size() + 2;
            if (header_size > options_.max_header) {
                too_long = true;
                break;
            }
            if (line.empty()) {
                ended = true;
                break;
            }
            if (!header.add(line)) {
                diagnose(offset, "bad header line \"" + shorten(line) + "\" in the record header");
                bad = true;
                // A header cut short by the next record: give that record its line back.
                if (line.compare(0, kMagic.size(), kMagic) == 0)
                    push_back(line + (last_line_bytes_ == line.size() + 2 ? "\r\n" : "\n"));
                break;
            }
        }
        if (!ended) {
            ++stats_.damaged;
            if (bad) {
                quiet = true;
            } else if (too_long) {
                diagnose(offset, "record header longer than " + std::to_string(options_.max_header) + " bytes");
                quiet = true;
            } else {
                diagnose(offset, "truncated record header");
                quiet = true;
            }
            continue;
        }
        int64_t length = 0;
        if (!parse_length(header.get("Content-Length"), length)) {
            diagnose(offset, header.has("Content-Length")
                                 ? "bad Content-Length \"" + shorten(header.get("Content-Length")) + "\""
                                 : std::string("record header without Content-Length"));
            ++stats_.damaged;
            quiet = true;
            continue;
        }
        ++stats_.records;
        const std::string type = ascii_lower(header.get("WARC-Type"));
        const bool wanted = type == "response" || type == "resource";

        // The content block: held when small enough, else skipped as it streams by.
        const size_t cap = options_.max_record + options_.max_header;
        if (static_cast<uint64_t>(length) > cap) {
            const int64_t skipped = skip(length);
            if (skipped < length) {
                diagnose(offset, "truncated record: Content-Length " + std::to_string(length) + ", " +
                                     std::to_string(skipped) + " bytes left");
                ++stats_.damaged;
                continue;
            }
            if (!at_record_end()) {
                diagnose(offset, "Content-Length " + std::to_string(length) + " does not end the record");
                ++stats_.damaged;
                quiet = true;
                continue;
            }
            if (wanted) {
                diagnose(offset, "record too large: Content-Length " + std::to_string(length) +
                                     " over the limit of " + std::to_string(options_.max_record) + " bytes; skipped");
                ++stats_.too_large;
            } else {
                ++stats_.skipped;
                ++stats_.skipped_types[type.empty() ? "(none)" : type];
            }
            continue;
        }
        const size_t got = read_into(block, static_cast<size_t>(length));
        std::string damage;
        if (got < static_cast<size_t>(length)) {
            damage = "truncated record: Content-Length " + std::to_string(length) + ", " + std::to_string(got) +
                     " bytes left";
        } else if (!at_record_end()) {
            damage = "Content-Length " + std::to_string(length) + " does not end the record";
        }
        if (!damage.empty()) {
            ++stats_.damaged;
            // Whatever followed the header may hold the next records: scan it again. Bytes are
            // scanned again at most about twice over the stream, so that hostile input (records
            // nested in records) cannot make the reader quadratic.
            if (rescanned_ + static_cast<int64_t>(block.size()) <= 2 * source_bytes_ + (int64_t(1) << 20)) {
                rescanned_ += static_cast<int64_t>(block.size());
                push_back(block);
                push_back("\n");
            }
            quiet = true;
            if (!(wanted && options_.keep_damaged)) {
                diagnose(offset, damage + (wanted ? "; record dropped" : ""));
                continue;
            }
            diagnose(offset, damage);
        }
        if (type.empty() && damage.empty()) {
            diagnose(offset, "record without WARC-Type skipped");
            ++stats_.skipped;
            ++stats_.skipped_types["(none)"];
            continue;
        }
        if (!wanted) {
            if (damage.empty()) {
                ++stats_.skipped;
                ++stats_.skipped_types[type];
            }
            continue;
        }

        out = WarcRecord{};
        out.type = type;
        out.version = version;
        out.target_uri = std::string(header.get("WARC-Target-URI"));
        if (out.target_uri.size() >= 2 && out.target_uri.front() == '<' && out.target_uri.back() == '>')
            out.target_uri = out.target_uri.substr(1, out.target_uri.size() - 2);
        out.record_id = std::string(header.get("WARC-Record-ID"));
        out.date = std::string(header.get("WARC-Date"));
        out.content_type = std::string(header.get("Content-Type"));
        out.identified_payload_type = std::string(header.get("WARC-Identified-Payload-Type"));
        out.offset = offset;
        out.content_length = length;
        if (!damage.empty()) out.warnings.push_back(damage);
        if (header.has("WARC-Truncated"))
            out.warnings.push_back("payload truncated by the crawler (WARC-Truncated: " +
                                   std::string(header.get("WARC-Truncated")) + ")");
        if (!decode(block, out)) {
            diagnose(offset, "record too large: payload over the limit of " + std::to_string(options_.max_record) +
                                 " bytes; skipped");
            ++stats_.too_large;
            continue;
        }
        ++stats_.given;
        return true;
    }
}

// Fills the HTTP and payload fields of `rec` from its content block (consumed). False when the
// decoded payload is over max_record.
bool WarcReader::decode(std::string& block, WarcRecord& rec) {
    const std::string record_mime = detail::mime_type(rec.content_type);
    const bool http = rec.type == "response" &&
                      (record_mime == "application/http" ||
                       (record_mime.empty() && std::string_view(block).substr(0, 5) == "HTTP/"));
    std::string http_mime;
    if (http) {
        // Interim responses (HTTP/1.1 100 Continue) before the final one are skipped.
        for (;;) {
            if (block.compare(0, 5, "HTTP/") != 0) break;
            const size_t sp = block.find(' ');
            if (sp == std::string::npos || sp > 16 || sp + 4 > block.size() || block[sp + 1] != '1' ||
                !std::isdigit(static_cast<unsigned char>(block[sp + 2])) ||
                !std::isdigit(static_cast<unsigned char>(block[sp + 3])))
                break;
            size_t end = block.find("\r\n\r\n"), skip = 4;
            if (const size_t lf = block.find("\n\n"); lf < end) end = lf, skip = 2;
            if (end == std::string::npos || block.compare(end + skip, 5, "HTTP/") != 0) break;
            block.erase(0, end + skip);
        }
        // Status line and header lines, up to the first empty line.
        size_t pos = 0;
        bool ended = false, status_ok = false;
        HeaderLines header;
        size_t lines = 0;
        while (pos < block.size()) {
            size_t nl = block.find('\n', pos);
            const bool last = nl == std::string::npos;
            if (last) nl = block.size();
            std::string_view line = std::string_view(block).substr(pos, nl - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            pos = last ? nl : nl + 1;
            if (pos > options_.max_header) {
                rec.warnings.push_back("HTTP header longer than " + std::to_string(options_.max_header) +
                                       " bytes: cut there");
                break;
            }
            if (lines++ == 0) {
                // HTTP/1.1 200 OK  (also HTTP/2 200, and no reason phrase)
                if (line.substr(0, 5) == "HTTP/") {
                    const size_t sp = line.find(' ');
                    if (sp != std::string_view::npos) {
                        std::string_view code = line.substr(sp + 1);
                        code = trim(code.substr(0, code.find(' ')));
                        if (code.size() == 3 && std::all_of(code.begin(), code.end(),
                                                            [](char c) { return c >= '0' && c <= '9'; })) {
                            rec.http_status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
                            status_ok = true;
                        }
                    }
                }
                if (!status_ok) break;
                continue;
            }
            if (line.empty()) {
                ended = true;
                break;
            }
            if (!header.add(line)) rec.warnings.push_back("bad HTTP header line \"" + shorten(line) + "\" ignored");
        }
        if (!status_ok) {
            rec.warnings.push_back("no HTTP status line: the block is taken as the payload");
        } else {
            if (!ended) rec.warnings.push_back("HTTP header not terminated by an empty line");
            block.erase(0, ended ? pos : block.size());
            auto& h = rec.http_headers;
            h.all = std::move(header.fields);
            h.content_type = std::string(h.get("Content-Type"));
            h.content_encoding = std::string(h.get("Content-Encoding"));
            h.transfer_encoding = std::string(h.get("Transfer-Encoding"));
            h.content_language = std::string(h.get("Content-Language"));
            h.charset = detail::content_type_param(h.content_type, "charset");
            http_mime = detail::mime_type(h.content_type);
            rec.payload_type = http_mime;
            rec.charset = h.charset;

            const auto transfer = split_codings(h.transfer_encoding);
            if (std::find(transfer.begin(), transfer.end(), "chunked") != transfer.end() &&
                !detail::dechunk(block, rec.warnings))
                rec.warnings.push_back("Transfer-Encoding chunked but the body is not chunked: kept as is");

            const auto codings = split_codings(h.content_encoding);
            for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
                const std::string& c = *it;
                if (c == "identity") continue;
                if (c == "gzip" || c == "x-gzip" || c == "deflate") {
                    const auto r = detail::inflate_body(block, c, options_.max_record, rec.warnings);
                    if (r == detail::InflateResult::too_large) return false;
                    if (r == detail::InflateResult::not_compressed)
                        rec.warnings.push_back("Content-Encoding " + c + " but the body is not compressed: kept as is");
                    continue;
                }
                rec.warnings.push_back("Content-Encoding " + c + " not supported: payload left encoded");
                rec.payload_type = "application/octet-stream";
                http_mime = rec.payload_type;
                break;
            }
        }
    }
    if (!http || rec.http_status == 0) {
        rec.payload_type = record_mime == "application/http" ? std::string() : record_mime;
        rec.charset = detail::content_type_param(rec.content_type, "charset");
    }
    if (block.size() > options_.max_record) return false;
    rec.payload = std::move(block);
    block = std::string();

    const std::string identified = detail::mime_type(rec.identified_payload_type);
    if (!detail::is_unknown_mime(rec.payload_type))
        rec.payload_is_html = detail::is_html_mime(rec.payload_type);
    else if (!detail::is_unknown_mime(identified))
        rec.payload_is_html = detail::is_html_mime(identified);
    else
        rec.payload_is_html = detail::sniff_html(rec.payload);
    return true;
}

}  // namespace copydesk::io
