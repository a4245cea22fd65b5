// Mojibake repair: our own cases (tests/data/normalize) always, the shared development cases
// (../shared/data/normalize-dev/mojibake.jsonl) when that folder is there.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
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

TEST_CASE("mojibake: spans and annotations stay on repaired words") {
    Article a;
    Block b;
    // "Le comitÃ© a Ã©tudiÃ© la dÃ©claration" with spans over "comitÃ©" and "dÃ©claration".
    b.text = "Le comit\xC3\x83\xC2\xA9 a \xC3\x83\xC2\xA9tudi\xC3\x83\xC2\xA9 la d\xC3\x83\xC2\xA9" "claration.";
    b.spans.push_back({3, 10, "em", "", {}});    // comitÃ©
    b.spans.push_back({25, 37, "strong", "", {}});  // dÃ©claration
    a.body.push_back(b);
    Annotation an;
    an.type = "misc";
    an.block = 0;
    an.start = 13;  // Ã©tudiÃ©
    an.end = 21;
    a.annotations.entities.push_back(an);
    std::vector<normalize::Change> ex;
    normalize::Report r = normalize::normalize_article(a, normalize::Options{}, &ex);
    const std::string& t = a.body[0].text;
    CHECK(t == "Le comit\xC3\xA9 a \xC3\xA9tudi\xC3\xA9 la d\xC3\xA9" "claration.");
    auto sub = [&](int64_t s, int64_t e) {
        size_t b0 = text::byte_offset(t, s), b1 = text::byte_offset(t, e);
        return t.substr(b0, b1 - b0);
    };
    CHECK(sub(a.body[0].spans[0].start, a.body[0].spans[0].end) == "comit\xC3\xA9");
    CHECK(sub(a.body[0].spans[1].start, a.body[0].spans[1].end) == "d\xC3\xA9" "claration");
    CHECK(a.annotations.entities[0].text == "\xC3\xA9tudi\xC3\xA9");
    CHECK(r.counts["mojibake"] == 4);
    REQUIRE(ex.size() == 4);
    CHECK(ex[0].step == "mojibake");
    CHECK(ex[0].before == "\xC3\x83\xC2\xA9");
    CHECK(ex[0].after == "\xC3\xA9");
    CHECK(ex[0].where == "body");
    CHECK(ex[0].block == 0);
}

TEST_CASE("mojibake: repeated, partial, lossy and other charsets") {
    normalize::Options o;
    o.only = {"mojibake"};
    auto fix = [&](const std::string& s) { return normalize::normalize_text(s, o); };
    // windows-1252 twice.
    CHECK(fix("caf\xC3\x83\xC6\x92\xC3\x82\xC2\xA9") == "caf\xC3\xA9");
    // Only one line damaged; the clean line with the same letter stays.
    CHECK(fix("d\xC3\x83\xC2\xA9j\xC3\x83\xC2\xA0 vu\nd\xC3\xA9j\xC3\xA0 vu") == "d\xC3\xA9j\xC3\xA0 vu\nd\xC3\xA9j\xC3\xA0 vu");
    // The closing quote whose 0x9D byte was dropped.
    CHECK(fix("\xC3\xA2\xE2\x82\xAC\xC5\x93quoted\xC3\xA2\xE2\x82\xAC ok") == "\xE2\x80\x9Cquoted\xE2\x80\x9D ok");
    // windows-1251: "Привет" read as windows-1251.
    CHECK(fix("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82") == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    CHECK(fix("\xD0\xA0\xD1\x9F\xD0\xA1\xD0\x82\xD0\xA0\xD1\x91\xD0\xA0\xD0\x86\xD0\xA0\xC2\xB5\xD0\xA1\xE2\x80\x9A") ==
          "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
    // CESU-8 read as latin-1: í\xa0½í¸\x80 -> 😀
    CHECK(fix("x \xC3\xAD\xC2\xA0\xC2\xBD\xC3\xAD\xC2\xB8\xC2\x80 y") == "x \xF0\x9F\x98\x80 y");
    // Clean text that only looks suspicious stays.
    for (const char* s : {"\xC3\x83lvaro", "S\xC3\xA3o Paulo, IRM\xC3\x83, N\xC3\x83O", "\xC2\xBFQu\xC3\xA9?",
                          "\xD0\x9D\xD1\x96, \xD0\x9C\xD1\x96\xD0\xB9", "l\xE2\x80\x99\xC3\xA9t\xC3\xA9, d\xE2\x80\x99\xC3\xA9" "crire",
                          "5 \xC2\xB0" "C \xC2\xB1 1"}) {
        CHECK(fix(s) == s);
    }
}

TEST_CASE("mojibake property: spans over damaged words cover the repaired words") {
    // Words and their windows-1252 mojibake.
    const char* const words[][2] = {
        {"\xC3\xA9t\xC3\xA9", "\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9"},
        {"M\xC3\xBCller", "M\xC3\x83\xC2\xBCller"},
        {"\xE2\x80\x9Cquoted\xE2\x80\x9D", "\xC3\xA2\xE2\x82\xAC\xC5\x93quoted\xC3\xA2\xE2\x82\xAC\xC2\x9D"},
        {"it\xE2\x80\x99s", "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s"},
        {"na\xC3\xAFve", "na\xC3\x83\xC2\xAFve"},
        {"plain", "plain"},
        {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "\xC3\x90\xC5\x93\xC3\x90\xC2\xBE\xC3\x91\xC2\x81\xC3\x90\xC2\xBA\xC3\x90\xC2\xB2\xC3\x90\xC2\xB0"},
    };
    std::mt19937 rng(99);
    std::uniform_int_distribution<size_t> pick(0, std::size(words) - 1);
    std::uniform_int_distribution<int> nw(1, 10), coin(0, 1);
    for (int iter = 0; iter < 300; ++iter) {
        Article a;
        Block b;
        std::vector<std::string> want;
        int n = nw(rng);
        bool damaged = coin(rng);
        for (int w = 0; w < n; ++w) {
            if (w) b.text += coin(rng) ? " and " : " ";
            size_t k = pick(rng);
            int64_t s = text::count_code_points(b.text);
            std::string word = damaged ? words[k][1] : words[k][0];
            b.text += word;
            b.spans.push_back({s, s + text::count_code_points(word), "em", "", {}});
            want.push_back(words[k][0]);
        }
        a.body.push_back(b);
        normalize::normalize_article(a, normalize::Options{});
        const std::string& t = a.body[0].text;
        INFO("input: " << b.text << "\noutput: " << t);
        for (size_t w = 0; w < want.size(); ++w) {
            const Span& sp = a.body[0].spans[w];
            size_t b0 = text::byte_offset(t, sp.start), b1 = text::byte_offset(t, sp.end);
            CHECK(t.substr(b0, b1 - b0) == want[w]);
        }
    }
}

TEST_CASE("mojibake: explain names the charset, and a charset can be imposed") {
    std::vector<normalize::Change> ex;
    normalize::Options o;
    o.only = {"mojibake"};
    const std::string damaged = "M\xC3\x83\xC2\xBCller \xC3\x83\xC2\xBC" "ber";
    CHECK(normalize::normalize_text(damaged, o, nullptr, nullptr, &ex) == "M\xC3\xBCller \xC3\xBC" "ber");
    REQUIRE_FALSE(ex.empty());
    CHECK(ex[0].detail == "windows-1252");
    const auto& names = normalize::mojibake_charsets();
    CHECK(std::find(names.begin(), names.end(), "koi8-r") != names.end());
    o.mojibake_charset = "windows-1251";  // does not explain this damage: left alone
    CHECK(normalize::normalize_text(damaged, o) == damaged);
    o.mojibake_charset = "latin-1";
    CHECK(normalize::normalize_text(damaged, o) == "M\xC3\xBCller \xC3\xBC" "ber");
    o.mojibake_charset = "no-such-charset";
    CHECK(normalize::normalize_text(damaged, o) == damaged);
}
