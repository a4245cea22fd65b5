#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <pugixml.hpp>
#include <simdjson.h>
#include <utf8proc.h>
#include <zlib.h>

#include <csignal>
#include <thread>

#include "copydesk/cli.hpp"
#include "copydesk/io.hpp"

#define COPYDESK_STRINGIFY_(x) #x
#define COPYDESK_STRINGIFY(x) COPYDESK_STRINGIFY_(x)

namespace copydesk::cli {

std::string version_line(const std::string& tool) {
    return fmt::format("{} {} (simdjson {}, utf8proc {}, pugixml {}.{}, fmt {}.{}.{}, zlib {}, CLD2, uchardet)",
                       tool, COPYDESK_VERSION, COPYDESK_STRINGIFY(SIMDJSON_VERSION), utf8proc_version(), PUGIXML_VERSION / 1000,
                       PUGIXML_VERSION % 1000 / 10, FMT_VERSION / 10000, FMT_VERSION / 100 % 100,
                       FMT_VERSION % 100, zlibVersion());
}

void add_common_options(CLI::App& app, CommonOptions& o, const std::string& tool) {
    app.add_option("inputs", o.inputs, "Input files (none or - for stdin; .gz is read transparently)");
    app.add_option("--files-from", o.files_from, "Read the list of input files from FILE (- for stdin)")
        ->type_name("FILE");
    app.add_flag("--null,-0", o.null, "The --files-from list is separated by NUL bytes (find -print0)");
    app.add_option("-o,--output", o.output, "Write to FILE instead of stdout (.gz compresses)")->type_name("FILE");
    app.add_option("-j,--jobs", o.jobs, "Worker threads (default: the number of cores); output order is kept")
        ->check(CLI::Range(0, 1024))
        ->type_name("N");
    app.add_flag("-q,--quiet", o.quiet, "Do not print warnings");
    app.add_flag("-v,--verbose", o.verbose, "Explain decisions on stderr");
    app.add_flag_callback("--progress", [&o] { o.progress = 1; }, "Show progress on stderr");
    app.add_flag_callback("--no-progress", [&o] { o.progress = 0; }, "Never show progress");
    app.add_flag("--drop-errors", o.drop_errors, "Leave records that carry an error out of the output");
    app.add_option("--max-record", o.max_record, "Longest input record or file in bytes (default 256 MiB)")
        ->type_name("BYTES");
    app.set_version_flag("--version", version_line(tool));
}

void add_off_switch(CLI::App& app, const std::string& name, bool& flag, const std::string& description) {
    app.add_flag_callback(name, [&flag] { flag = false; }, description);
}

int parse(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "{}: {}\n", app.get_name(), e.what());
        fmt::print(stderr, "Run with --help for more information.\n");
        return exit_usage;
    }
    return -1;
}

int run_tool(int argc, char** argv, const std::string& name, const std::function<void(CLI::App&)>& setup,
             const CommonOptions& common, const std::function<int(Diagnostics&)>& run) {
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"", name};
    setup(app);
    if (const int status = parse(app, argc, argv); status >= 0) return status;
    Diagnostics diag(name, common.quiet);
    return run(diag);
}

std::vector<std::string> input_paths(const CommonOptions& o) {
    std::vector<std::string> paths;
    if (!o.files_from.empty()) paths = io::read_path_list(o.files_from, o.null);
    paths.insert(paths.end(), o.inputs.begin(), o.inputs.end());
    if (paths.empty() && o.files_from.empty()) paths.push_back("-");
    return paths;
}

namespace {
thread_local std::string* captured_lines = nullptr;
}

Diagnostics::Capture::Capture(std::string& lines) : previous_(captured_lines) { captured_lines = &lines; }
Diagnostics::Capture::~Capture() { captured_lines = previous_; }

void Diagnostics::print(const std::string& place, const std::string& message) {
    std::string line = place.empty() ? fmt::format("{}: {}\n", tool_, message)
                                     : fmt::format("{}: {}: {}\n", tool_, place, message);
    if (captured_lines) {
        captured_lines->append(line);
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

void Diagnostics::flush(std::string& lines) {
    if (lines.empty()) return;
    std::lock_guard<std::mutex> lock(mutex_);
    std::fwrite(lines.data(), 1, lines.size(), stderr);
    lines.clear();
}

void Diagnostics::error(const std::string& place, const std::string& message) { print(place, message); }

void Diagnostics::warning(const std::string& place, const std::string& message) {
    if (!quiet_) print(place, message);
}

void Diagnostics::info(const std::string& message) {
    if (!quiet_) print("", message);
}

}  // namespace copydesk::cli
