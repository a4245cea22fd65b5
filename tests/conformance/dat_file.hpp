// Reader of the html5lib-tests tree-construction format (.dat), shared by the conformance
// runner and the unit tests that run copydesk's own cases in tests/data/html/.
#pragma once

#include <string>
#include <vector>

namespace copydesk::html::testing {

struct TreeCase {
    std::string data;              // #data, final newline removed
    std::string fragment_context;  // #document-fragment, empty for a whole document
    std::string document;          // #document, without trailing newlines
    bool scripting = false;        // #script-on
};

inline std::string trim_newlines(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

// The cases of a .dat file: each starts with a "#data" line; sections start with '#'.
inline std::vector<TreeCase> read_dat(const std::string& text) {
    std::vector<TreeCase> cases;
    size_t pos = text.rfind("#data\n", 0) == 0 ? 0 : text.find("\n#data\n");
    while (pos != std::string::npos) {
        const size_t start = text.find("#data\n", pos) + 6;
        const size_t next = text.find("\n#data\n", start);
        const std::string chunk =
            text.substr(start, next == std::string::npos ? std::string::npos : next - start + 1);
        TreeCase c;
        const size_t errors = chunk.find("\n#errors\n");
        c.data = chunk.substr(0, errors == std::string::npos ? 0 : errors);
        const size_t fragment = chunk.find("\n#document-fragment\n");
        if (fragment != std::string::npos) {
            const size_t line = fragment + 20;
            c.fragment_context = chunk.substr(line, chunk.find('\n', line) - line);
        }
        c.scripting = chunk.find("\n#script-on\n") != std::string::npos;
        const size_t document = chunk.find("\n#document\n");
        if (document != std::string::npos) c.document = trim_newlines(chunk.substr(document + 11));
        cases.push_back(std::move(c));
        pos = next;
    }
    return cases;
}

}  // namespace copydesk::html::testing
