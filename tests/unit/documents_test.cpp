#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "copydesk/documents.hpp"
#include "temp_files.hpp"

using namespace copydesk;

using copydesk::testing::temp_path;
using copydesk::testing::write_file;

namespace {

std::string warc_record(std::string_view type, std::string_view uri, std::string_view block) {
    return "WARC/1.0\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Target-URI: " + std::string(uri) +
           "\r\nWARC-Record-ID: <urn:uuid:" + std::string(uri.substr(uri.size() - 1)) +
           ">\r\nWARC-Date: 2020-03-23T12:00:00Z\r\nContent-Type: application/http; msgtype=" + std::string(type) +
           "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + std::string(block) + "\r\n\r\n";
}

std::string http_response(std::string_view body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Language: de\r\n\r\n" +
           std::string(body);
}

struct Collected {
    std::vector<io::Document> documents;
    std::vector<std::string> errors, infos;
    bool failed = false;
};

Collected read_all(std::vector<std::string> paths, io::DocumentOptions options = {}) {
    Collected c;
    io::DocumentReader reader(
        std::move(paths), options, [&](const std::string& place, const std::string& m) { c.errors.push_back(place + ": " + m); },
        [&](const std::string& place, const std::string& m) { c.infos.push_back(place + ": " + m); });
    for (io::Document d; reader.next(d);) c.documents.push_back(d);
    c.failed = reader.failed();
    return c;
}

}  // namespace

TEST_CASE("documents: a plain file is one document, a WARC file one per response record") {
    const std::string page = temp_path("page.html"), warc = temp_path("crawl.warc");
    write_file(page, "<p>one</p>");
    write_file(warc, warc_record("request", "http://example.org/a", "GET / HTTP/1.1\r\n\r\n") +
                         warc_record("response", "http://example.org/a", http_response("<p>caf\xe9</p>")) +
                         warc_record("response", "http://example.org/b", http_response("<p>two</p>")));
    const Collected c = read_all({page, warc, page});
    REQUIRE(c.documents.size() == 4);
    CHECK(c.documents[0].bytes == "<p>one</p>");
    CHECK_FALSE(c.documents[0].from_warc);
    const io::Document& a = c.documents[1];
    CHECK(a.from_warc);
    CHECK(a.path == warc);
    CHECK(a.uri == "http://example.org/a");
    CHECK(a.warc_record_id == "<urn:uuid:a>");
    CHECK(a.warc_date == "2020-03-23T12:00:00Z");
    CHECK(a.bytes == "<p>caf\xe9</p>");
    CHECK(a.http_content_type == "ISO-8859-1");
    CHECK(a.content_language == "de");
    CHECK(a.html);
    CHECK(a.offset == 0 + static_cast<int64_t>(warc_record("request", "http://example.org/a", "GET / HTTP/1.1\r\n\r\n").size()));
    CHECK(c.documents[2].uri == "http://example.org/b");
    CHECK(c.documents[3].path == page);
    REQUIRE(c.infos.size() == 1);
    CHECK(c.infos[0] == warc + ": 3 WARC records: 2 read, 1 skipped (1 request)");
    CHECK(c.errors.empty());
    CHECK_FALSE(c.failed);
}

TEST_CASE("documents: a damaged WARC is reported with offsets and the reader goes on") {
    const std::string warc = temp_path("damaged.warc");
    const std::string good = warc_record("response", "http://example.org/c", http_response("<p>c</p>"));
    write_file(warc, good + "garbage that is no record\r\n" + good + good.substr(0, good.size() / 2));
    const Collected c = read_all({warc});
    CHECK(c.documents.size() == 2);
    CHECK_FALSE(c.errors.empty());
    CHECK(c.errors[0].find(":@") != std::string::npos);
    CHECK(c.failed);
}

TEST_CASE("documents: missing files and oversized ones") {
    const std::string big = temp_path("big.txt");
    write_file(big, std::string(100, 'x'));
    io::DocumentOptions o;
    o.max_bytes = 10;
    const Collected c = read_all({"/nonexistent/file.html", big}, o);
    REQUIRE(c.documents.size() == 1);
    CHECK(c.documents[0].truncated);
    CHECK(c.documents[0].bytes.size() == 10);
    CHECK(c.failed);
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].find("/nonexistent/file.html") != std::string::npos);
}
