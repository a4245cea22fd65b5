// Mojibake repair: our own cases (tests/data/normalize) always, the shared development cases
// (../shared/data/normalize-dev/mojibake.jsonl) when that folder is there.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <string>

#include "copydesk/normalize.hpp"
#include "copydesk/text.hpp"

using namespace copydesk;

namespace {

// Reads the string members of a flat JSON object (enough for the case files).
std::map<std::string, std::string> parse_line(const std::string& line) {
    std::map<std::string, std::string> out;
    size_t i = 0;
    auto str = [&](std::string& v) {
        // REQUIRES: line[i] == '"'
        ++i;
        while (i < line.size() && line[i] != '"') {
            char ch = line[i++];
            if (ch != '\\') { v += ch; continue; }
            char e = line[i++];
            switch (e) {
                case 'n': v += '\n'; break;
                case 't': v += '\t'; break;
                case 'r': v += '\r'; break;
                case 'b': v += '\b'; break;
                case 'f': v += '\f'; break;
                case 'u': {
                    char32_t cp = std::stoul(line.substr(i, 4), nullptr, 16);
                    i += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && line.compare(i, 2, "\\u") == 0) {
                        char32_t lo = std::stoul(line.substr(i + 2, 4), nullptr, 16);
                        if (lo >= 0xDC00 && lo <= 0xDFFF) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            i += 6;
                        }
                    }
                    text::append_utf8(v, cp);
                    break;
                }
                default: v += e;
            }
        }
        ++i;
    };
    while (i < line.size()) {
        if (line[i] != '"') { ++i; continue; }
        std::string key, value;
        str(key);
        while (i < line.size() && (line[i] == ' ' || line[i] == ':')) ++i;
        if (i < line.size() && line[i] == '"') {
            str(value);
            out[key] = value;
        } else {
            while (i < line.size() && line[i] != ',' && line[i] != '}') ++i;
        }
    }
    return out;
}

struct Result {
    int damaged = 0, repaired = 0, clean = 0, untouched = 0;
    std::vector<std::string> failures;
};

Result run_cases(const std::string& path) {
    Result r;
    std::ifstream f(path);
    std::string line;
    normalize::Options opt;
    opt.only = {"mojibake"};
    while (std::getline(f, line)) {
        if (line.empty()) continue;
        auto c = parse_line(line);
        std::string out = normalize::normalize_text(c["input"], opt);
        bool clean = c["input"] == c["expected"];
        bool ok = out == c["expected"];
        (clean ? r.clean : r.damaged) += 1;
        (clean ? r.untouched : r.repaired) += ok;
        if (!ok) r.failures.push_back(c["id"] + " " + c["label"]);
    }
    return r;
}

}  // namespace

TEST_CASE("mojibake: our own cases") {
    Result r = run_cases(COPYDESK_SOURCE_DIR "/tests/data/normalize/mojibake.jsonl");
    REQUIRE(r.damaged + r.clean > 0);
    for (const auto& f : r.failures) WARN("failed: " << f);
    CHECK(r.repaired == r.damaged);
    CHECK(r.untouched == r.clean);
}

TEST_CASE("mojibake: shared development cases (skipped without ../shared)") {
    const std::string path = COPYDESK_SHARED_DIR "/data/normalize-dev/mojibake.jsonl";
    if (!std::ifstream(path)) {
        WARN("skipped: " << path << " not found");
        return;
    }
    Result r = run_cases(path);
    for (const auto& f : r.failures) WARN("failed: " << f);
    WARN("damaged repaired " << r.repaired << "/" << r.damaged << ", clean untouched " << r.untouched << "/"
                             << r.clean);
    CHECK(r.untouched == r.clean);
    CHECK(r.repaired == r.damaged);
}
