// Tests of the WARC reader (copydesk/warc.hpp) on WARC streams built here, good and broken.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "copydesk/warc.hpp"
#include "io/warc_http.hpp"
#include "deflate.hpp"
#include "temp_files.hpp"

using namespace copydesk;

using copydesk::testing::compress;
using copydesk::testing::temp_path;
using copydesk::testing::write_file;

namespace {

std::string gzip(std::string_view data) { return compress(data, 15 + 16); }

std::string chunked(std::string_view body, size_t piece) {
    std::string out;
    for (size_t i = 0; i < body.size(); i += piece) {
        const std::string_view part = body.substr(i, piece);
        char size[32];
        std::snprintf(size, sizeof size, "%zx", part.size());
        out += size;
        if (i == 0) out += ";ext=1";
        out += "\r\n";
        out += part;
        out += "\r\n";
    }
    return out + "0\r\nX-Trailer: yes\r\n\r\n";
}

std::string http(std::string_view head, std::string_view body) {
    return std::string(head) + "\r\n\r\n" + std::string(body);
}

int id_counter = 0;

// A WARC record; `version` "1.1" or "1.0".
std::string record(std::string_view type, std::string_view block, std::string_view extra = "",
                   std::string_view uri = "http://example.com/a", std::string_view version = "1.1") {
    std::string r = "WARC/" + std::string(version) + "\r\nWARC-Type: " + std::string(type) + "\r\n";
    r += "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" + std::to_string(100000 + ++id_counter) + ">\r\n";
    r += "WARC-Date: 2024-03-01T12:00:00Z\r\n";
    if (!uri.empty()) r += "WARC-Target-URI: " + std::string(uri) + "\r\n";
    r += extra;
    r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
    r += block;
    r += "\r\n\r\n";
    return r;
}

std::string response(std::string_view head, std::string_view body, std::string_view uri = "http://example.com/a",
                     std::string_view extra = "") {
    return record("response", http(head, body), "Content-Type: application/http; msgtype=response\r\n" + std::string(extra), uri);
}

const std::string kPage = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello, world.</p></body></html>";

struct Result {
    std::vector<io::WarcRecord> records;
    std::vector<io::WarcDiagnostic> diagnostics;
    io::WarcStats stats;
};

Result drain(io::WarcReader& reader) {
    Result r;
    io::WarcRecord rec;
    while (reader.next(rec)) r.records.push_back(rec);
    r.diagnostics = reader.take_diagnostics();
    r.stats = reader.stats();
    return r;
}

// Reads from memory, `piece` bytes per source call, to cross every buffer boundary.
Result read_string(const std::string& data, io::WarcOptions options = {}, size_t piece = 7) {
    size_t pos = 0;
    io::WarcReader reader(
        [&](char* buf, size_t n) {
            const size_t k = std::min({n, piece, data.size() - pos});
            std::memcpy(buf, data.data() + pos, k);
            pos += k;
            return k;
        },
        std::move(options));
    return drain(reader);
}

Result read_file(const std::string& path, io::WarcOptions options = {}) {
    io::Input in(path);
    io::WarcReader reader(in, std::move(options));
    return drain(reader);
}

std::string messages(const Result& r) {
    std::string s;
    for (const auto& d : r.diagnostics) s += std::to_string(d.offset) + ": " + d.message + "\n";
    return s;
}

// A file of six records, three of them skipped types; offsets of the records given.
struct Sample {
    std::vector<std::string> records;
    std::string bytes() const {
        std::string s;
        for (const auto& r : records) s += r;
        return s;
    }
    int64_t offset(size_t i) const {
        int64_t o = 0;
        for (size_t k = 0; k < i; ++k) o += static_cast<int64_t>(records[k].size());
        return o;
    }
};

Sample sample() {
    Sample s;
    s.records.push_back(record("warcinfo", "software: copydesk-test\r\n", "Content-Type: application/warc-fields\r\n", ""));
    s.records.push_back(record("request", "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
                               "Content-Type: application/http; msgtype=request\r\n"));
    s.records.push_back(response("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n"
                                 "Content-Language: fr\r\nX-Folded: one\r\n two",
                                 kPage));
    s.records.push_back(response("HTTP/1.1 200 OK\r\nContent-Type: image/png", "\x89PNG\r\n\x1a\n....",
                                 "http://example.com/logo.png"));
    s.records.push_back(record("metadata", "outlink: http://example.com/b\r\n", "Content-Type: application/warc-fields\r\n"));
    s.records.push_back(record("resource", "<html><body>resource</body></html>",
                               "Content-Type: text/html; charset=windows-1252\r\n", "file:///r.html"));
    return s;
}

void check_sample(const Result& r, const Sample& s) {
    INFO(messages(r));
    CHECK(r.diagnostics.empty());
    REQUIRE(r.records.size() == 3);
    const auto& page = r.records[0];
    CHECK(page.type == "response");
    CHECK(page.version == "WARC/1.1");
    CHECK(page.target_uri == "http://example.com/a");
    CHECK(page.record_id.rfind("<urn:uuid:", 0) == 0);
    CHECK(page.date == "2024-03-01T12:00:00Z");
    CHECK(page.offset == s.offset(2));
    CHECK(page.http_status == 200);
    CHECK(page.http_headers.content_type == "text/html; charset=\"ISO-8859-1\"");
    CHECK(page.http_headers.charset == "ISO-8859-1");
    CHECK(page.charset == "ISO-8859-1");
    CHECK(page.http_headers.content_language == "fr");
    CHECK(page.http_headers.get("x-folded") == "one two");
    CHECK(page.payload_type == "text/html");
    CHECK(page.payload == kPage);
    CHECK(page.payload_is_html);
    CHECK(page.warnings.empty());

    const auto& image = r.records[1];
    CHECK(image.offset == s.offset(3));
    CHECK(image.target_uri == "http://example.com/logo.png");
    CHECK(image.payload_type == "image/png");
    CHECK_FALSE(image.payload_is_html);
    CHECK(image.payload == "\x89PNG\r\n\x1a\n....");

    const auto& resource = r.records[2];
    CHECK(resource.type == "resource");
    CHECK(resource.offset == s.offset(5));
    CHECK(resource.http_status == 0);
    CHECK(resource.payload == "<html><body>resource</body></html>");
    CHECK(resource.payload_type == "text/html");
    CHECK(resource.charset == "windows-1252");
    CHECK(resource.payload_is_html);

    CHECK(r.stats.records == 6);
    CHECK(r.stats.given == 3);
    CHECK(r.stats.skipped == 3);
    CHECK(r.stats.skipped_types.at("warcinfo") == 1);
    CHECK(r.stats.skipped_types.at("request") == 1);
    CHECK(r.stats.skipped_types.at("metadata") == 1);
    CHECK(r.stats.damaged == 0);
    CHECK(r.stats.garbage_bytes == 0);
    CHECK(r.stats.bytes == static_cast<int64_t>(s.bytes().size()));
}

}  // namespace

TEST_CASE("warc: a good multi-record file, read through any buffer size") {
    const Sample s = sample();
    for (size_t piece : {size_t(1), size_t(2), size_t(7), size_t(100), size_t(1) << 20}) {
        INFO("piece " << piece);
        check_sample(read_string(s.bytes(), {}, piece), s);
    }
}

TEST_CASE("warc: .warc.gz with one gzip member per record, and one member for the whole file") {
    const Sample s = sample();
    std::string per_record;
    for (const auto& r : s.records) per_record += gzip(r);
    const std::string a = temp_path("per-record.warc.gz"), b = temp_path("whole.warc.gz"), c = temp_path("plain.warc");
    write_file(a, per_record);
    write_file(b, gzip(s.bytes()));
    write_file(c, s.bytes());
    check_sample(read_file(a), s);
    check_sample(read_file(b), s);
    check_sample(read_file(c), s);
}

TEST_CASE("warc: a truncated .warc.gz reports the gzip damage and the truncated record") {
    std::string data;
    for (int i = 0; i < 50; ++i) data += response("HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage + std::to_string(i));
    std::string gz;
    for (size_t i = 0; i < data.size(); i += 4000) gz += gzip(std::string_view(data).substr(i, 4000));
    const std::string path = temp_path("cut.warc.gz");
    write_file(path, gz.substr(0, gz.size() - 40));
    const Result r = read_file(path);
    CHECK(r.records.size() >= 35);
    CHECK(r.records.size() < 50);
    CHECK(messages(r).find("gzip") != std::string::npos);
}

TEST_CASE("warc: chunked transfer coding with a gzip payload") {
    const std::string body = chunked(gzip(kPage), 10);
    const Result r = read_string(response(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip", body));
    INFO(messages(r));
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].payload == kPage);
    CHECK(r.records[0].http_headers.transfer_encoding == "chunked");
    CHECK(r.records[0].http_headers.content_encoding == "gzip");
    CHECK(r.records[0].warnings.empty());
    CHECK(r.records[0].payload_is_html);
}

TEST_CASE("warc: deflate payloads, zlib-wrapped and raw; x-gzip; several gzip members") {
    for (int bits : {15, -15}) {
        const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate",
                                              compress(kPage, bits)));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].payload == kPage);
        CHECK(r.records[0].warnings.empty());
    }
    const Result x = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: x-gzip",
                                          gzip("<p>one</p>") + gzip("<p>two</p>")));
    REQUIRE(x.records.size() == 1);
    CHECK(x.records[0].payload == "<p>one</p><p>two</p>");
}

TEST_CASE("warc: headers that lie about the body are survived with a warning") {
    SECTION("Content-Encoding gzip, body already decoded") {
        const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", kPage));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].payload == kPage);
        REQUIRE(r.records[0].warnings.size() == 1);
        CHECK(r.records[0].warnings[0].find("not compressed") != std::string::npos);
    }
    SECTION("Transfer-Encoding chunked, body not chunked") {
        const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked", kPage));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].payload == kPage);
        REQUIRE(r.records[0].warnings.size() == 1);
        CHECK(r.records[0].warnings[0].find("not chunked") != std::string::npos);
    }
    SECTION("damaged gzip keeps what was decoded") {
        std::string big;
        for (int i = 0; i < 2000; ++i) big += "<p>paragraph " + std::to_string(i) + "</p>\n";
        std::string gz = gzip(big);
        gz.resize(gz.size() / 2);
        const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", gz));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].payload.size() > 0);
        CHECK(big.compare(0, r.records[0].payload.size(), r.records[0].payload) == 0);
        REQUIRE_FALSE(r.records[0].warnings.empty());
        CHECK(r.records[0].warnings[0].find("truncated gzip") != std::string::npos);
    }
    SECTION("unsupported coding: left encoded, not HTML") {
        const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br", std::string("\x1b\x02\x00junk", 7)));
        REQUIRE(r.records.size() == 1);
        CHECK_FALSE(r.records[0].payload_is_html);
        CHECK(r.records[0].warnings.at(0).find("br not supported") != std::string::npos);
    }
    SECTION("no HTTP status line: the block is the payload") {
        const Result r = read_string(record("response", kPage, "Content-Type: application/http; msgtype=response\r\n"));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].http_status == 0);
        CHECK(r.records[0].payload == kPage);
        CHECK(r.records[0].payload_is_html);  // sniffed
        CHECK(r.records[0].warnings.at(0).find("no HTTP status line") != std::string::npos);
    }
    SECTION("an interim 100 Continue before the response") {
        const Result r = read_string(response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html", kPage));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].http_status == 200);
        CHECK(r.records[0].payload == kPage);
        CHECK(r.records[0].warnings.empty());
    }
    SECTION("HTTP header without its empty line") {
        const Result r = read_string(record("response", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n",
                                            "Content-Type: application/http; msgtype=response\r\n"));
        REQUIRE(r.records.size() == 1);
        CHECK(r.records[0].http_status == 404);
        CHECK(r.records[0].payload.empty());
        CHECK(r.records[0].warnings.at(0).find("not terminated") != std::string::npos);
    }
}

TEST_CASE("warc: a truncated last record gives a diagnostic with its offset") {
    const std::string first = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
    const std::string second = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage + "<p>second</p>");
    const std::string data = first + second.substr(0, second.size() - 30);
    const Result r = read_string(data);
    REQUIRE(r.records.size() == 1);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].offset == static_cast<int64_t>(first.size()));
    CHECK(r.diagnostics[0].message.find("truncated record") != std::string::npos);
    CHECK(r.stats.damaged == 1);

    io::WarcOptions keep;
    keep.keep_damaged = true;
    const Result k = read_string(data, std::move(keep));
    REQUIRE(k.records.size() == 2);
    CHECK(k.records[1].payload == (kPage + "<p>second</p>").substr(0, k.records[1].payload.size()));
    CHECK(k.records[1].warnings.at(0).find("truncated record") != std::string::npos);

    SECTION("cut inside the header") {
        const Result h = read_string(first + second.substr(0, 40));
        CHECK(h.records.size() == 1);
        REQUIRE(h.diagnostics.size() == 1);
        CHECK(h.diagnostics[0].message == "truncated record header");
        CHECK(h.diagnostics[0].offset == static_cast<int64_t>(first.size()));
    }
}

TEST_CASE("warc: garbage between records is skipped with its offset") {
    const std::string a = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
    const std::string garbage = "this is not a record\r\nnor is this WARC/1.0 line\r\n";
    const std::string b = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>b</p>", "http://example.com/b");
    const Result r = read_string("junk at the start\n" + a + garbage + b + "trailing junk");
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[1].target_uri == "http://example.com/b");
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].offset == 0);
    CHECK(r.diagnostics[1].offset == static_cast<int64_t>(18 + a.size()));
    CHECK(r.diagnostics[1].message == "garbage before the next record: skipped " + std::to_string(garbage.size()) + " bytes");
    CHECK(r.diagnostics[2].message == "garbage at the end: skipped 13 bytes");
    CHECK(r.stats.garbage_bytes == static_cast<int64_t>(18 + garbage.size() + 13));
}

TEST_CASE("warc: a wrong Content-Length loses one record, not the ones after it") {
    const std::string good1 = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>1</p>", "http://example.com/1");
    const std::string good3 = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>3</p>", "http://example.com/3");
    std::string bad = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>two, the bad one</p>", "http://example.com/2");
    const size_t at = bad.find("Content-Length: ");
    SECTION("too short") {
        bad.replace(at, bad.find("\r\n", at) - at, "Content-Length: 30");
    }
    SECTION("too long: swallows the next record") {
        bad.replace(at, bad.find("\r\n", at) - at, "Content-Length: 120");
    }
    SECTION("far too long: past the end of the stream") {
        bad.replace(at, bad.find("\r\n", at) - at, "Content-Length: 100000");
    }
    SECTION("not a number") {
        bad.replace(at, bad.find("\r\n", at) - at, "Content-Length: 12x");
    }
    const Result r = read_string(good1 + bad + good3);
    INFO(messages(r));
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].target_uri == "http://example.com/1");
    CHECK(r.records[1].target_uri == "http://example.com/3");
    CHECK(r.records[1].payload == "<p>3</p>");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].offset == static_cast<int64_t>(good1.size()));
    CHECK(r.stats.damaged == 1);
}

TEST_CASE("warc: a header line that is not a header, and a header cut by the next record") {
    const std::string good = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>ok</p>");
    const Result r = read_string("WARC/1.0\r\nWARC-Type: response\r\nthis is no header\r\n\r\n" + good +
                                 "WARC/1.0\r\nWARC-Type: resp" "\r\n" + good);
    INFO(messages(r));
    CHECK(r.records.size() == 2);
    CHECK(r.stats.damaged == 2);
    CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("warc: HTML or not — HTTP type first, then WARC-Identified-Payload-Type, then sniffing") {
    const Result r = read_string(
        response("HTTP/1.1 200 OK\r\nContent-Type: application/json", "{\"a\": 1}") +
        response("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream", "<b>x</b>", "http://e.com/",
                 "WARC-Identified-Payload-Type: text/html\r\n") +
        response("HTTP/1.1 200 OK", "\n  <!doctype html><p>sniffed") +
        response("HTTP/1.1 200 OK", "plain text, no tags") +
        response("HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml", "<?xml version='1.0'?><html/>") +
        record("response", "nameserver data", "Content-Type: text/dns\r\n", "dns:example.com"));
    REQUIRE(r.records.size() == 6);
    CHECK_FALSE(r.records[0].payload_is_html);
    CHECK(r.records[0].payload_type == "application/json");
    CHECK(r.records[1].payload_is_html);
    CHECK(r.records[2].payload_is_html);
    CHECK_FALSE(r.records[3].payload_is_html);
    CHECK(r.records[4].payload_is_html);
    CHECK_FALSE(r.records[5].payload_is_html);
    CHECK(r.records[5].http_status == 0);
    CHECK(r.records[5].payload == "nameserver data");
}

TEST_CASE("warc: records over max_record are skipped with a diagnostic, never held") {
    std::string big(5000, 'x');
    std::string bomb = gzip(std::string(1 << 20, 'a'));
    io::WarcOptions options;
    options.max_record = 1000;
    options.max_header = 2000;
    const std::string small = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>small</p>");
    const Result r = read_string(response("HTTP/1.1 200 OK\r\nContent-Type: text/html", big) + small +
                                     response("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", bomb) +
                                     small + record("metadata", big) + small,
                                 options, 4096);
    INFO(messages(r));
    CHECK(r.records.size() == 3);
    CHECK(r.stats.too_large == 2);
    CHECK(r.stats.skipped == 1);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].offset == 0);
    CHECK(r.diagnostics[0].message.find("record too large") != std::string::npos);
    CHECK(r.diagnostics[1].message.find("record too large") != std::string::npos);
}

TEST_CASE("warc: WARC/1.0 records, LF-only lines, angle-bracketed URIs, WARC-Truncated") {
    std::string rec = "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <http://example.com/x>\n"
                      "WARC-Truncated: length\nContent-Type: text/plain\nContent-Length: 5\n\nhello\n\n";
    const Result r = read_string(rec + rec);
    INFO(messages(r));
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].version == "WARC/1.0");
    CHECK(r.records[0].target_uri == "http://example.com/x");
    CHECK(r.records[0].payload == "hello");
    CHECK(r.records[0].warnings.at(0).find("WARC-Truncated") != std::string::npos);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("warc: diagnostics go to the callback when one is set") {
    std::vector<io::WarcDiagnostic> seen;
    io::WarcOptions options;
    options.on_diagnostic = [&](const io::WarcDiagnostic& d) { seen.push_back(d); };
    const Result r = read_string("garbage\n" + response("HTTP/1.1 200 OK", "x"), std::move(options));
    CHECK(r.diagnostics.empty());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].offset == 0);
}

TEST_CASE("warc: empty and binary streams") {
    CHECK(read_string("").records.empty());
    CHECK(read_string("").diagnostics.empty());
    const Result r = read_string(std::string("\0\x01\x02WARC/1.", 10));
    CHECK(r.records.empty());
    CHECK(r.diagnostics.size() == 1);
    const Result v = read_string("WARC/1.1junk\r\n\r\n");
    CHECK(v.records.empty());
    CHECK(v.diagnostics.at(0).message.find("bad version line") != std::string::npos);
}

TEST_CASE("warc http helpers: content type parameters, chunked bodies, sniffing") {
    using namespace copydesk::io::detail;
    CHECK(mime_type(" Text/HTML ; charset=utf-8") == "text/html");
    CHECK(mime_type("garbage").empty());
    CHECK(content_type_param("text/html; charset=UTF-8", "charset") == "UTF-8");
    CHECK(content_type_param("text/html;CHARSET=\"koi8-r\";q=1", "charset") == "koi8-r");
    CHECK(content_type_param("text/html; foo; charset = gbk ", "charset") == "gbk");
    CHECK(content_type_param("text/html", "charset").empty());

    std::vector<std::string> warnings;
    std::string body = "5\r\nhello\r\n0\r\n\r\n";
    CHECK(dechunk(body, warnings));
    CHECK(body == "hello");
    body = "5\r\nhel";
    CHECK(dechunk(body, warnings));
    CHECK(body == "hel");
    CHECK(warnings.back() == "truncated chunked body");
    body = "<html>";
    CHECK_FALSE(dechunk(body, warnings));

    CHECK(sniff_html("  <HTML lang=en>"));
    CHECK(sniff_html("\xEF\xBB\xBF<!-- x -->"));
    CHECK_FALSE(sniff_html("<abbr>"));
    CHECK_FALSE(sniff_html("<p"));
    CHECK_FALSE(sniff_html("%PDF-1.4"));
}

TEST_CASE("warc: records nested in damaged records are found again, without quadratic rescans") {
    // A record whose Content-Length swallows the next two: both are found by rescanning.
    const std::string b = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>b</p>", "http://example.com/b");
    const std::string c = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>c</p>", "http://example.com/c");
    std::string a = response("HTTP/1.1 200 OK\r\nContent-Type: text/html", "<p>a</p>", "http://example.com/a");
    const size_t at = a.find("Content-Length: ");
    a.replace(at, a.find("\r\n", at) - at, "Content-Length: " + std::to_string(a.size() + b.size() + c.size() + 50));
    const Result r = read_string(a + b + c, {}, 1 << 16);
    REQUIRE(r.records.size() == 2);
    CHECK(r.records[0].target_uri == "http://example.com/b");
    CHECK(r.records[1].target_uri == "http://example.com/c");
    CHECK(r.records[1].offset == static_cast<int64_t>(a.size() + b.size()));

    // 20 000 headers, each claiming the rest of the stream: without a bound on rescans this
    // would copy terabytes.
    std::string hostile;
    for (int i = 0; i < 20000; ++i) hostile += "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000000\r\n\r\n";
    const Result h = read_string(hostile, {}, 1 << 16);
    CHECK(h.records.empty());
    CHECK(h.stats.damaged > 0);
    CHECK(h.stats.bytes == static_cast<int64_t>(hostile.size()));
}
