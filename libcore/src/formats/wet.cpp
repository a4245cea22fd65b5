// wet: Common Crawl WET-like records. Each article becomes one WARC/1.0 record of type
// "conversion" whose block is the article's plain text (as the text writer renders it):
//
//     WARC/1.0
//     WARC-Type: conversion
//     WARC-Target-URI: <url, else source.uri, else urn:copydesk:ID>
//     WARC-Date: <source.warc_date, else the time of conversion>
//     WARC-Record-ID: <urn:uuid:...>      (derived from id and url: stable across runs)
//     WARC-Refers-To: <source.warc_record_id>       (when known)
//     Content-Type: text/plain
//     Content-Length: <bytes of the text>
//
//     <text>
//
// Header lines end with CRLF; two CRLF follow the block, as WARC requires.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "formats/common.hpp"

namespace copydesk::formats::detail {
namespace {

uint64_t fnv1a(std::string_view s, uint64_t h) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// Header values: one line, no controls.
void header_value(std::string& out, std::string_view s) {
    with_valid_utf8(s, [&](std::string_view v) {
        for (char c : v) {
            if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
            else if (c == '\t') out.push_back(' ');
        }
    });
}

bool warc_date_ok(std::string_view d) {
    // YYYY-MM-DDThh:mm:ss[.f]Z
    if (d.size() < 20 || d.back() != 'Z' || d[4] != '-' || d[7] != '-' || d[10] != 'T' || d[13] != ':' ||
        d[16] != ':')
        return false;
    return !w3c_date(d).empty();
}

std::string now_utc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class WetWriter final : public Writer {
  public:
    explicit WetWriter(const WriterOptions& o) : o_(o) {}

    void write(const Article& a, Output& out) override {
        text_.clear();
        text_record(a, o_, text_);
        out.append("WARC/1.0\r\nWARC-Type: conversion\r\n");
        // WARC-Target-URI is mandatory: the page's URL, else the source URI, else a URN
        // made of the record id.
        std::string uri = a.url && !a.url->empty() ? *a.url : a.source.uri;
        if (uri.empty() && !a.id.empty()) uri = "urn:copydesk:" + a.id;
        if (!uri.empty()) {
            out.append("WARC-Target-URI: ");
            header_value(out, uri);
            out.append("\r\n");
        }
        out.append("WARC-Date: ");
        if (warc_date_ok(a.source.warc_date)) out.append(a.source.warc_date);
        else out.append(now_utc());
        out.append("\r\n");
        // A name-based id: the same record converted twice gets the same WARC-Record-ID.
        std::string key = a.id;
        key.push_back('\0');
        key.append(uri);
        if (a.id.empty() && uri.empty()) key.append(text_);
        const uint64_t h1 = fnv1a(key, 14695981039346656037ULL);
        const uint64_t h2 = fnv1a(key, h1 ^ 0x9E3779B97F4A7C15ULL);
        char id[64];
        std::snprintf(id, sizeof id, "%08x-%04x-8%03x-%04x-%012llx",
                      static_cast<unsigned>(h1 >> 32), static_cast<unsigned>((h1 >> 16) & 0xFFFF),
                      static_cast<unsigned>(h1 & 0xFFF), static_cast<unsigned>(0x8000 | ((h2 >> 48) & 0x3FFF)),
                      static_cast<unsigned long long>(h2 & 0xFFFFFFFFFFFFULL));
        out.append("WARC-Record-ID: <urn:uuid:");
        out.append(id);
        out.append(">\r\n");
        if (!a.source.warc_record_id.empty()) {
            out.append("WARC-Refers-To: ");
            header_value(out, a.source.warc_record_id);
            out.append("\r\n");
        }
        out.append("Content-Type: text/plain\r\nContent-Length: ");
        out.append(std::to_string(text_.size()));
        out.append("\r\n\r\n");
        out.append(text_);
        out.append("\r\n\r\n");
    }

  private:
    WriterOptions o_;
    std::string text_;
};

}  // namespace

std::unique_ptr<Writer> make_wet(const WriterOptions& o) { return std::make_unique<WetWriter>(o); }

}  // namespace copydesk::formats::detail
