// Runs the html5lib-tests suite (tokenizer/*.test, tree-construction/*.dat) against
// copydesk::html and prints the pass counts per file and in total.
//
//   html5lib_conformance DIR [--min-tree PCT] [--min-tokenizer PCT] [--verbose] [--only NAME]
//
// Exit status: 0 when both pass rates reach their minimum, 1 when not, 77 when DIR is absent.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "copydesk/html.hpp"
#include "copydesk/text.hpp"
#include "html/input.hpp"
#include "html/tokenizer.hpp"
#include "dat_file.hpp"

namespace fs = std::filesystem;
using namespace copydesk;
using html::testing::TreeCase;
using html::testing::read_dat;
using html::testing::trim_newlines;

namespace {

struct Options {
    fs::path dir;
    double min_tree = 0, min_tokenizer = 0;
    bool verbose = false;
    std::string only;
};

struct Tally {
    size_t passed = 0, total = 0;
    void add(bool ok) { passed += ok; ++total; }
    double percent() const { return total ? 100.0 * passed / total : 100.0; }
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool run_tree_case(const TreeCase& c, const Options& opt) {
    html::ParseOptions po;
    po.scripting = c.scripting;
    const html::ParseResult r = c.fragment_context.empty()
                                    ? html::parse(c.data, po)
                                    : html::parse_fragment(c.data, c.fragment_context, po);
    const std::string got = trim_newlines(html::dump_tree(r.doc));
    const bool ok = got == c.document;
    if (!ok && opt.verbose)
        std::printf("FAIL\n#data\n%s\n#context %s\n#expected\n%s\n#got\n%s\n\n", c.data.c_str(),
                    c.fragment_context.c_str(), c.document.c_str(), got.c_str());
    return ok;
}

// ---- tokenizer ------------------------------------------------------------------------------

// "\uD800"-style escapes of doubleEscaped tests, decoded (surrogates as 3-byte sequences).
std::string unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 5 < s.size() + 0 && s[i + 1] == 'u') {
            const char32_t cp = static_cast<char32_t>(std::stoul(std::string(s.substr(i + 2, 4)), nullptr, 16));
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                out += static_cast<char>(0xE0 | (cp >> 12));
                out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                text::append_utf8(out, cp);
            }
            i += 5;
        } else {
            out += s[i];
        }
    }
    return out;
}

// One token per line in a canonical form, for both the expected and the produced tokens.
std::string canonical_tag(const std::string& kind, const std::string& name,
                          std::vector<std::pair<std::string, std::string>> attrs, bool self_closing) {
    std::sort(attrs.begin(), attrs.end());
    std::string s = kind + "|" + name;
    for (auto& [n, v] : attrs) s += "|" + n + "=" + v;
    if (self_closing) s += "|/";
    return s + "\n";
}

std::string expected_tokens(simdjson::dom::array output, bool double_escaped) {
    auto str = [&](simdjson::dom::element e) -> std::string {
        if (e.is_null()) return "\x01null";
        std::string v{std::string_view(e)};
        return double_escaped ? unescape(v) : v;
    };
    std::string s, pending_chars;
    auto flush = [&] {
        if (!pending_chars.empty()) s += "Character|" + pending_chars + "\n";
        pending_chars.clear();
    };
    for (simdjson::dom::array tok : output) {
        const std::string kind{std::string_view(tok.at(0))};
        if (kind == "Character") { pending_chars += str(tok.at(1)); continue; }
        flush();
        if (kind == "StartTag") {
            std::vector<std::pair<std::string, std::string>> attrs;
            for (auto field : simdjson::dom::object(tok.at(2)))
                attrs.emplace_back(double_escaped ? unescape(field.key) : std::string(field.key),
                                   str(field.value));
            s += canonical_tag("StartTag", str(tok.at(1)), attrs, tok.size() > 3 && bool(tok.at(3)));
        } else if (kind == "EndTag") {
            s += "EndTag|" + str(tok.at(1)) + "\n";
        } else if (kind == "Comment") {
            s += "Comment|" + str(tok.at(1)) + "\n";
        } else if (kind == "DOCTYPE") {
            std::string name = str(tok.at(1));
            if (name == "\x01null") name.clear();
            s += "DOCTYPE|" + name + "|" + str(tok.at(2)) + "|" + str(tok.at(3)) + "|" +
                 (bool(tok.at(4)) ? "ok" : "quirks") + "\n";
        }
    }
    flush();
    return s;
}

std::string produced_tokens(const std::string& input, html::TextState state, const std::string& last_tag) {
    std::string storage;
    html::Tokenizer tokenizer(html::preprocess_input(input, storage));
    tokenizer.switch_to(state);
    tokenizer.set_last_start_tag(last_tag);
    std::string s, pending_chars;
    for (;;) {
        html::Token& t = tokenizer.next();
        using K = html::Token::Kind;
        if (t.kind == K::characters) { pending_chars += t.data; continue; }
        if (!pending_chars.empty()) s += "Character|" + pending_chars + "\n";
        pending_chars.clear();
        if (t.kind == K::eof) break;
        switch (t.kind) {
            case K::start_tag: {
                std::vector<std::pair<std::string, std::string>> attrs;
                for (auto& a : t.attrs) attrs.emplace_back(a.name, a.value);
                s += canonical_tag("StartTag", t.name, attrs, t.self_closing);
                break;
            }
            case K::end_tag: s += "EndTag|" + t.name + "\n"; break;
            case K::comment: s += "Comment|" + t.data + "\n"; break;
            case K::doctype:
                s += "DOCTYPE|" + t.name + "|" + (t.has_public_id ? t.public_id : "\x01null") + "|" +
                     (t.has_system_id ? t.system_id : "\x01null") + "|" +
                     (t.force_quirks ? "quirks" : "ok") + "\n";
                break;
            default: break;
        }
    }
    return s;
}

bool parse_state(std::string_view name, html::TextState& state) {
    using S = html::TextState;
    static const std::map<std::string_view, S> states = {
        {"Data state", S::data}, {"PLAINTEXT state", S::plaintext}, {"RCDATA state", S::rcdata},
        {"RAWTEXT state", S::rawtext}, {"Script data state", S::script_data},
        {"CDATA section state", S::cdata_section}};
    auto it = states.find(name);
    if (it == states.end()) return false;
    state = it->second;
    return true;
}

Tally run_tokenizer_file(const fs::path& path, const Options& opt) {
    Tally tally;
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.load(path.string());
    simdjson::dom::array tests;
    if (root["tests"].get(tests) != simdjson::SUCCESS) return tally;  // xmlViolation: not HTML
    for (simdjson::dom::object test : tests) {
        bool double_escaped = false;
        if (test["doubleEscaped"].get(double_escaped) != simdjson::SUCCESS) double_escaped = false;
        std::string input{std::string_view(test["input"])};
        if (double_escaped) input = unescape(input);
        std::string last_tag;
        std::string_view last_view;
        if (test["lastStartTag"].get(last_view) == simdjson::SUCCESS) last_tag = last_view;
        const std::string expected = expected_tokens(test["output"], double_escaped);
        std::vector<std::string_view> state_names{"Data state"};
        simdjson::dom::array states;
        if (test["initialStates"].get(states) == simdjson::SUCCESS) {
            state_names.clear();
            for (auto s : states) state_names.push_back(std::string_view(s));
        }
        for (std::string_view name : state_names) {
            html::TextState state;
            if (!parse_state(name, state)) { tally.add(false); continue; }
            const std::string got = produced_tokens(input, state, last_tag);
            const bool ok = got == expected;
            tally.add(ok);
            if (!ok && opt.verbose)
                std::printf("FAIL %s [%.*s]\n#input\n%s\n#expected\n%s#got\n%s\n",
                            std::string(std::string_view(test["description"])).c_str(),
                            static_cast<int>(name.size()), name.data(), input.c_str(),
                            expected.c_str(), got.c_str());
        }
    }
    return tally;
}

std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
    std::vector<fs::path> files;
    if (!fs::is_directory(dir)) return files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == extension) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

Options parse_args(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--min-tree" && i + 1 < argc) opt.min_tree = std::atof(argv[++i]);
        else if (a == "--min-tokenizer" && i + 1 < argc) opt.min_tokenizer = std::atof(argv[++i]);
        else if (a == "--verbose") opt.verbose = true;
        else if (a == "--only" && i + 1 < argc) opt.only = argv[++i];
        else opt.dir = a;
    }
    return opt;
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parse_args(argc, argv);
    if (opt.dir.empty() || !fs::is_directory(opt.dir / "tree-construction")) {
        std::printf("html5lib-tests not found at '%s': skipped\n", opt.dir.string().c_str());
        return 77;
    }
    Tally tree, tokens;
    for (const fs::path& file : files_in(opt.dir / "tree-construction", ".dat")) {
        if (!opt.only.empty() && file.filename() != opt.only) continue;
        Tally t;
        for (const TreeCase& c : read_dat(read_file(file))) t.add(run_tree_case(c, opt));
        std::printf("%-50s %4zu/%-4zu\n", ("tree-construction/" + file.filename().string()).c_str(), t.passed, t.total);
        tree.passed += t.passed;
        tree.total += t.total;
    }
    for (const fs::path& file : files_in(opt.dir / "tokenizer", ".test")) {
        if (!opt.only.empty() && file.filename() != opt.only) continue;
        const Tally t = run_tokenizer_file(file, opt);
        std::printf("%-50s %4zu/%-4zu\n", ("tokenizer/" + file.filename().string()).c_str(), t.passed, t.total);
        tokens.passed += t.passed;
        tokens.total += t.total;
    }
    std::printf("tree-construction: %zu/%zu (%.2f%%, minimum %.2f%%)\n", tree.passed, tree.total,
                tree.percent(), opt.min_tree);
    std::printf("tokenizer runs:    %zu/%zu (%.2f%%, minimum %.2f%%)\n", tokens.passed, tokens.total,
                tokens.percent(), opt.min_tokenizer);
    return tree.percent() >= opt.min_tree && tokens.percent() >= opt.min_tokenizer ? 0 : 1;
}
