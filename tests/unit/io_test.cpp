#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "copydesk/io.hpp"
#include "temp_files.hpp"

using namespace copydesk;

using copydesk::testing::temp_path;
using copydesk::testing::write_file;

namespace {

std::string gzip(std::string_view bytes) {
    const std::string path = temp_path("gz-build.gz");
    gzFile gz = gzopen(path.c_str(), "wb");
    gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(gz);
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> all_lines(const std::string& path, size_t max_line, std::vector<size_t>* skipped = nullptr) {
    io::Input in(path);
    io::LineReader reader(in, max_line);
    std::vector<std::string> lines;
    std::string_view line;
    size_t skip = 0;
    for (;;) {
        const auto st = reader.next(line, skip);
        if (st == io::LineReader::Status::end) break;
        if (st == io::LineReader::Status::too_long) {
            if (skipped) skipped->push_back(skip);
            lines.push_back("<too long>");
        } else {
            lines.emplace_back(line);
        }
    }
    return lines;
}

}  // namespace

TEST_CASE("read_all reads plain and gzipped files alike, whatever their name") {
    const std::string plain = temp_path("plain.txt"), packed = temp_path("packed.bin");
    write_file(plain, "hello\nworld");
    write_file(packed, gzip("hello\nworld"));
    CHECK(io::read_all(plain, 100).bytes == "hello\nworld");
    const auto r = io::read_all(packed, 100);
    CHECK(r.bytes == "hello\nworld");
    CHECK(r.damage.empty());
    CHECK_FALSE(r.truncated);
    const auto limited = io::read_all(plain, 5);
    CHECK(limited.bytes == "hello");
    CHECK(limited.truncated);
}

TEST_CASE("a truncated gzip stream keeps what was read and reports the damage") {
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "line " + std::to_string(i) + "\n";
    const std::string gz = gzip(big);
    const std::string path = temp_path("truncated.gz");
    write_file(path, gz.substr(0, gz.size() / 2));
    const auto r = io::read_all(path, size_t(1) << 30);
    CHECK_FALSE(r.damage.empty());
    CHECK(r.bytes.size() > 0);
    CHECK(big.compare(0, r.bytes.size(), r.bytes) == 0);
}

TEST_CASE("missing files and directories are io errors naming the path") {
    CHECK_THROWS_WITH(io::Input("/nonexistent/x.jsonl"), Catch::Contains("/nonexistent/x.jsonl"));
    CHECK_THROWS_AS(io::Input(std::filesystem::temp_directory_path().string()), io::Error);
}

TEST_CASE("LineReader splits lines, keeps a last line without newline, bounds long lines") {
    const std::string path = temp_path("lines.txt");
    std::string long_line(300000, 'x');
    write_file(path, "a\n\nbb\r\n" + long_line + "\nc\n" + long_line + "\nlast");
    std::vector<size_t> skipped;
    const auto lines = all_lines(path, 1000, &skipped);
    REQUIRE(lines.size() == 7);
    CHECK(lines[0] == "a");
    CHECK(lines[1].empty());
    CHECK(lines[2] == "bb\r");
    CHECK(lines[3] == "<too long>");
    CHECK(lines[4] == "c");
    CHECK(lines[5] == "<too long>");
    CHECK(lines[6] == "last");
    CHECK(skipped == std::vector<size_t>{300000, 300000});
    const auto unbounded = all_lines(path, size_t(1) << 20);
    CHECK(unbounded[3] == long_line);
    // A long line whose newline is already in the buffer is too long all the same.
    write_file(path, std::string(2000, 'y') + "\nok\n" + std::string(2000, 'z'));
    skipped.clear();
    CHECK(all_lines(path, 1000, &skipped) == std::vector<std::string>{"<too long>", "ok", "<too long>"});
    CHECK(skipped == std::vector<size_t>{2000, 2000});
}

TEST_CASE("Output writes files and gzip by extension; path lists") {
    const std::string path = temp_path("out.jsonl.gz");
    {
        io::Output out(path);
        out.write("one\n");
        out.write("two\n");
        out.close();
    }
    CHECK(io::read_all(path, 100).bytes == "one\ntwo\n");
    const std::string list = temp_path("list");
    write_file(list, "a.txt\nb c.txt\r\n\nd.txt");
    CHECK(io::read_path_list(list, false) == std::vector<std::string>{"a.txt", "b c.txt", "d.txt"});
    write_file(list, std::string("a\nb\0c", 5));
    CHECK(io::read_path_list(list, true) == std::vector<std::string>{"a\nb", "c"});
    CHECK_THROWS_AS(io::Output("/nonexistent/dir/out.txt"), io::Error);
}
