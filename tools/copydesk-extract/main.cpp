// copydesk-extract: raw page (plain-text dump; HTML and WARC to come) -> one article record.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>

#include "copydesk/cli.hpp"
#include "copydesk/extract.hpp"
#include "copydesk/io.hpp"
#include "copydesk/record.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    std::string from = "auto";
    std::string url;
    extract::DumpOptions dump;
};

void setup(CLI::App& app, Options& o) {
    app.description("Turn raw pages (plain-text dumps) into article records (JSON Lines on stdout).");
    app.add_option("-f,--from", o.from, "Input kind: auto (sniff), text, html, warc")
        ->check(CLI::IsMember({"auto", "text", "html", "warc"}))
        ->capture_default_str();
    app.add_option("--url", o.url, "The page URL, recorded as url and source.uri of every record");
    app.add_flag("!--no-join-lines", o.dump.join_wrapped_lines,
                 "Text dumps: keep every line of the body as its own paragraph");
    app.add_flag("!--month-first", o.dump.day_first,
                 "Text dumps: read ambiguous n/n/yyyy dates as month/day (US), not day/month");
    cli::add_common_options(app, o.common, "copydesk-extract");
    app.footer("Example:\n  copydesk-extract article.txt | copydesk-normalize | copydesk-convert -t markdown\n"
               "See copydesk-extract(1).");
}

// A stable id: the same input bytes give the same id (64-bit FNV-1a, hex).
std::string content_id(std::string_view bytes) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return fmt::format("{:016x}", h);
}

std::string display(const std::string& path) { return path == "-" ? "stdin" : path; }

extract::InputKind kind_of(const Options& o, std::string_view bytes) {
    if (o.from == "text") return extract::InputKind::text;
    if (o.from == "html") return extract::InputKind::html;
    if (o.from == "warc") return extract::InputKind::warc;
    return extract::sniff_input(bytes.substr(0, 4096));
}

// Why an input of this kind cannot become an article yet; empty when it can.
std::string unsupported(extract::InputKind kind) {
    switch (kind) {
        case extract::InputKind::text: return {};
        case extract::InputKind::html:
            return "HTML extraction is not available in this version (use -f text to read the file as a text dump)";
        case extract::InputKind::warc: return "WARC input is not available in this version";
        case extract::InputKind::jsonl: return "input is a JSON Lines record stream, not a page";
        case extract::InputKind::binary: return "binary input: not a text dump, HTML page or WARC file";
    }
    return "unknown input";
}

Article article_for(const Options& o, const std::string& path, const io::ReadAll& in, cli::Diagnostics& diag) {
    const extract::InputKind kind = kind_of(o, in.bytes);
    Article a;
    if (const std::string why = unsupported(kind); !why.empty()) {
        a.error = why;
    } else {
        a = extract::parse_text_dump(in.bytes, o.dump);
    }
    a.id = content_id(in.bytes);
    a.source.path = path;
    a.source.format = std::string(extract::to_string(kind));
    a.source.bytes = static_cast<int64_t>(in.bytes.size());
    if (!o.url.empty()) {
        a.url = o.url;
        a.source.uri = o.url;
    }
    if (a.error) diag.error(display(path), *a.error);
    for (const std::string& w : a.warnings) diag.warning(display(path), w);
    if (!in.damage.empty()) a.warnings.push_back("input ended early: " + in.damage);  // reported by the caller
    add_history(a, "extract", fmt::format("\"format\":\"{}\"", extract::to_string(kind)));
    return a;
}

cli::OrderedOutcome extract_one(const Options& o, const std::string& path, cli::Diagnostics& diag) {
    cli::OrderedOutcome out;
    io::ReadAll in;
    try {
        in = io::read_all(path, o.common.max_record);
    } catch (const io::Error& e) {
        diag.error("", e.what());
        out.io_error = true;
        return out;
    }
    out.bytes = static_cast<int64_t>(in.bytes.size());
    if (!in.damage.empty()) {
        diag.error(display(path), in.damage);
        out.io_error = true;
    }
    Article a;
    if (in.truncated) {
        a.error = fmt::format("input larger than --max-record ({} bytes)", o.common.max_record);
        a.source.path = path;
        diag.error(display(path), *a.error);
    } else {
        a = article_for(o, path, in, diag);
    }
    out.records = 1;
    out.errors = a.error.has_value();
    if (a.error && o.common.drop_errors) return out;
    record::write(a, out.output);
    out.output += '\n';
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"", "copydesk-extract"};
    Options o;
    setup(app, o);
    if (const int status = cli::parse(app, argc, argv); status >= 0) return status;
    cli::Diagnostics diag("copydesk-extract", o.common.quiet);
    std::vector<std::string> paths;
    try {
        paths = cli::input_paths(o.common);
    } catch (const io::Error& e) {
        diag.error("", e.what());
        return cli::exit_io;
    }
    size_t next_path = 0;
    return cli::run_tasks(o.common, diag, [&]() -> cli::Task {
        if (next_path == paths.size()) return {};
        return [&, path = paths[next_path++]] { return extract_one(o, path, diag); };
    });
}
