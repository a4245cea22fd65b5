// copydesk: runs `copydesk-TOOL ARGS...` for `copydesk TOOL ARGS...`, as git does. The tool is
// looked up first beside this executable, then on PATH.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "copydesk/cli.hpp"

namespace {

const char* const tools[][2] = {
    {"extract", "raw page (HTML, WARC record or plain-text dump) -> article record"},
    {"normalize", "repair and normalize the text of records"},
    {"tag", "annotate records: language, dates"},
    {"convert", "records -> JSON, Markdown, HTML, TEI, text, CSV"},
};

void usage(FILE* to) {
    fmt::print(to, "usage: copydesk TOOL [ARGS...]   (runs copydesk-TOOL)\n\ntools:\n");
    for (const auto& t : tools) fmt::print(to, "  {:<10} {}\n", t[0], t[1]);
    fmt::print(to, "\nExample: copydesk extract page.txt | copydesk normalize | copydesk convert -t markdown\n"
                   "See copydesk(1) and `copydesk TOOL --help`.\n");
}

std::string beside_self(const std::string& name) {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const auto candidate = self.parent_path() / name;
    return access(candidate.c_str(), X_OK) == 0 ? candidate.string() : std::string();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return copydesk::cli::exit_usage;
    }
    const std::string tool = argv[1];
    if (tool == "--help" || tool == "-h" || tool == "help") {
        usage(stdout);
        return copydesk::cli::exit_ok;
    }
    if (tool == "--version") {
        fmt::print("{}\n", copydesk::cli::version_line("copydesk"));
        return copydesk::cli::exit_ok;
    }
    const std::string name = "copydesk-" + tool;
    std::vector<char*> args;
    std::string path = beside_self(name);
    args.push_back(const_cast<char*>(name.c_str()));
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    if (!path.empty()) execv(path.c_str(), args.data());
    execvp(name.c_str(), args.data());
    fmt::print(stderr, "copydesk: '{}' is not a copydesk tool ({}: {})\n", tool, name, std::strerror(errno));
    usage(stderr);
    return copydesk::cli::exit_usage;
}
