// bench_warc: writes a large .warc.gz in a temp folder (response records with gzip-encoded
// HTML payloads, some chunked too, one gzip member per record) and reads it through
// io::Input + io::WarcReader, reporting
//   - throughput: MB/s of uncompressed WARC stream and of decoded payload, per CPU second;
//   - memory: peak RSS after reading a small file and after the big one (it must not grow
//     with the file size: the reader holds one record at a time).
//
//   bench_warc [PAYLOAD_MB] [DIR]     (defaults: 500 MB of HTML payload, $TMPDIR or /tmp)
#include <sys/resource.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/warc.hpp"
#include "bench.hpp"
#include "../unit/deflate.hpp"

using copydesk::bench::cpu_seconds;

namespace fs = std::filesystem;

using copydesk::testing::compress;

namespace {

// An HTML page of about `size` bytes of pseudo-random prose (compresses about as text does).
std::string page(unsigned seed, size_t size) {
    static const char* words[] = {"the", "archive", "of", "a", "newspaper", "keeps", "every", "page", "and",
                                  "council", "voted", "on", "Tuesday", "to", "approve", "budget", "for",
                                  "schools", "roads", "while", "critics", "said", "plan", "was", "rushed",
                                  "residents", "gathered", "outside", "hall", "mayor", "promised", "review"};
    std::string s = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Page " + std::to_string(seed) +
                    "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Headline</h1>\n";
    unsigned x = seed * 2654435761u + 1;
    while (s.size() < size) {
        s += "<p>";
        for (int w = 0; w < 60; ++w) {
            x = x * 1103515245u + 12345u;
            s += words[(x >> 16) % (sizeof words / sizeof *words)];
            s += ' ';
        }
        s += "</p>\n";
    }
    return s + "</article></body></html>";
}

std::string chunked(std::string_view body, size_t piece) {
    std::string out;
    char size[32];
    for (size_t i = 0; i < body.size(); i += piece) {
        const std::string_view part = body.substr(i, piece);
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        out += size;
        out += part;
        out += "\r\n";
    }
    return out + "0\r\n\r\n";
}

// The gzip members of `variants` different records; returns the payload bytes of each.
std::vector<std::string> members(int variants, std::vector<size_t>& payload_sizes) {
    std::vector<std::string> out;
    for (int i = 0; i < variants; ++i) {
        const std::string html = page(static_cast<unsigned>(i), 20000 + static_cast<size_t>(i) * 1500);
        payload_sizes.push_back(html.size());
        const bool chunk = i % 4 == 0;
        const std::string body = chunk ? chunked(compress(html, 15 + 16, 6), 8192) : compress(html, 15 + 16, 6);
        const std::string http = std::string("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n") +
                                 "Content-Encoding: gzip\r\n" + (chunk ? "Transfer-Encoding: chunked\r\n" : "") +
                                 "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        const std::string rec = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/news/" +
                                std::to_string(i) + "\r\nWARC-Date: 2024-03-01T12:00:00Z\r\n" +
                                "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" + std::to_string(100000000000 + i) +
                                ">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                                std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
        out.push_back(compress(rec, 15 + 16, 1));
    }
    return out;
}

// Writes a .warc.gz with about payload_mb MB of HTML payload; returns the number of records.
int64_t write_warc(const std::string& path, double payload_mb) {
    std::vector<size_t> sizes;
    const std::vector<std::string> m = members(64, sizes);
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    double written = 0;
    int64_t n = 0;
    while (written < payload_mb * 1e6) {
        const size_t i = static_cast<size_t>(n % 64);
        std::fwrite(m[i].data(), 1, m[i].size(), f);
        written += static_cast<double>(sizes[i]);
        ++n;
    }
    std::fclose(f);
    return n;
}

double peak_rss_mb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

void read_through(const std::string& path, const char* label) {
    const double t0 = cpu_seconds();
    copydesk::io::Input in(path);
    copydesk::io::WarcReader reader(in);
    copydesk::io::WarcRecord rec;
    int64_t records = 0, html = 0;
    double payload = 0;
    while (reader.next(rec)) {
        ++records;
        html += rec.payload_is_html;
        payload += static_cast<double>(rec.payload.size());
    }
    const double cpu = cpu_seconds() - t0;
    const double stream = static_cast<double>(reader.stats().bytes);
    const auto diagnostics = reader.take_diagnostics();
    std::printf("%-6s %9.1f MB .warc.gz  %9.1f MB WARC  %9.1f MB payload  %7lld records (%lld html, %zu diagnostics)\n"
                "       cpu %6.2f s   %7.1f MB/s WARC   %7.1f MB/s payload   peak RSS %6.1f MB\n",
                label, static_cast<double>(fs::file_size(path)) / 1e6, stream / 1e6, payload / 1e6,
                static_cast<long long>(records), static_cast<long long>(html), diagnostics.size(), cpu,
                stream / 1e6 / cpu, payload / 1e6 / cpu, peak_rss_mb());
}

}  // namespace

int main(int argc, char** argv) {
    const double payload_mb = argc > 1 ? std::atof(argv[1]) : 500;
    const fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
    const std::string small = (dir / "copydesk-bench-warc-small.warc.gz").string();
    const std::string big = (dir / "copydesk-bench-warc-big.warc.gz").string();
    write_warc(small, payload_mb / 10);
    write_warc(big, payload_mb);
    std::printf("bench_warc: one gzip member per record, gzip (and every 4th chunked) HTTP payloads\n");
    read_through(small, "small");
    read_through(big, "big");
    fs::remove(small);
    fs::remove(big);
    return 0;
}
