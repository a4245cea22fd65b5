// copydesk-extract: raw page (HTML or plain-text dump; WARC to come) -> one article record.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "copydesk/cli.hpp"
#include "copydesk/extract.hpp"
#include "copydesk/html.hpp"
#include "copydesk/io.hpp"
#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    std::string from = "auto";
    std::string url;
    extract::DumpOptions dump;
    extract::HtmlOptions html;
    std::string history_options;  // ',"options":"..."' for html knobs that change the result
    bool precision = false, recall = false, explain = false, dump_dom = false;
    std::string rules_file;
    extract::HtmlRules rules;
};

void setup(CLI::App& app, Options& o) {
    app.description("Turn raw pages (HTML or plain-text dumps) into article records (JSON Lines on stdout).");
    app.add_option("-f,--from", o.from, "Input kind: auto (sniff), text, html, warc")
        ->check(CLI::IsMember({"auto", "text", "html", "warc"}))
        ->capture_default_str();
    app.add_option("--url", o.url, "The page URL, recorded as url and source.uri of every record");
    app.add_flag("!--no-join-lines", o.dump.join_wrapped_lines,
                 "Text dumps: keep every line of the body as its own paragraph");
    app.add_flag("!--month-first", o.dump.day_first,
                 "Text dumps: read ambiguous n/n/yyyy dates as month/day (US), not day/month");
    auto* precision = app.add_flag("--precision", o.precision, "HTML: drop anything doubtful (fewer leaks)");
    app.add_flag("--recall", o.recall, "HTML: keep anything plausible (nothing lost)")->excludes(precision);
    app.add_flag("--comments", o.html.comments, "HTML: keep the page's comments in the record's comments");
    app.add_flag("!--no-tables", o.html.tables, "HTML: leave data tables out");
    app.add_flag("!--no-images", o.html.images, "HTML: leave figures out");
    app.add_flag("!--no-links", o.html.links, "HTML: no link spans");
    app.add_option("--select", o.html.select, "HTML: XPath of the content container(s), instead of the scoring")
        ->type_name("XPATH")
        ->allow_extra_args(false);
    app.add_option("--prune", o.html.prune, "HTML: XPath of subtrees to remove first")
        ->type_name("XPATH")
        ->allow_extra_args(false);
    app.add_option("--rules", o.rules_file, "HTML: per-site rules (TOML: [host] select/prune/preset)")
        ->type_name("FILE");
    app.add_flag("--whole-page", o.html.whole_page, "HTML: keep all visible text of the page, only cleaned");
    app.add_flag("--explain", o.explain, "HTML: say on stderr why each candidate block was kept or dropped (also -v)");
    app.add_option("--max-nodes", o.html.max_nodes, "HTML: parse at most N nodes per page")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_flag("--dump-dom", o.dump_dom, "Print the parsed HTML tree (html5lib test format) instead of records");
    cli::add_common_options(app, o.common, "copydesk-extract");
    app.footer("Example:\n  copydesk-extract --url https://example.com/a.html a.html | copydesk-convert -t markdown\n"
               "See copydesk-extract(1).");
}

// Presets, the rules file, and the history note of the knobs used. Returns a usage error.
std::string finish_options(Options& o) {
    if (o.common.verbose) o.explain = true;  // CONVENTIONS: extract --verbose says why blocks were kept
    if (o.precision) o.html.preset = extract::HtmlPreset::precision;
    if (o.recall) o.html.preset = extract::HtmlPreset::recall;
    if (!o.rules_file.empty()) {
        std::ifstream f(o.rules_file, std::ios::binary);
        if (!f) return fmt::format("--rules: cannot open {}", o.rules_file);
        std::stringstream ss;
        ss << f.rdbuf();
        o.rules = extract::parse_html_rules(ss.str());
        if (!o.rules.error.empty()) return fmt::format("{}:{}", o.rules_file, o.rules.error.substr(5));
    }
    std::string knobs;
    auto add = [&](const std::string& k) { knobs += (knobs.empty() ? "" : " ") + k; };
    if (o.precision) add("--precision");
    if (o.recall) add("--recall");
    if (o.html.comments) add("--comments");
    if (!o.html.tables) add("--no-tables");
    if (!o.html.images) add("--no-images");
    if (!o.html.links) add("--no-links");
    if (o.html.whole_page) add("--whole-page");
    if (!o.html.select.empty() || !o.html.prune.empty()) add("--select/--prune");
    if (!o.rules_file.empty()) add("--rules");
    if (!knobs.empty()) o.history_options = fmt::format(",\"options\":\"{}\"", knobs);
    return {};
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

// Page bytes as UTF-8 for the HTML parser. A stand-in until the charset layer is wired in:
// a UTF-8 BOM is dropped; valid UTF-8 stays; anything else is read as windows-1252 (Latin-1
// for the C1 range).
std::string page_utf8(std::string_view bytes, Source& source) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (text::is_valid_utf8(bytes)) {
        source.charset = "utf-8";
        return std::string(bytes);
    }
    static constexpr char32_t c1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                        0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char c : bytes) {
        if (c < 0x80) out.push_back(static_cast<char>(c));
        else text::append_utf8(out, c < 0xA0 ? c1[c - 0x80] : static_cast<char32_t>(c));
    }
    source.charset = "windows-1252";
    return out;
}

// Why an input of this kind cannot become an article yet; empty when it can.
std::string unsupported(extract::InputKind kind) {
    switch (kind) {
        case extract::InputKind::text: return {};
        case extract::InputKind::html: return {};
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
    } else if (kind == extract::InputKind::html) {
        Source src;
        const std::string utf8 = page_utf8(in.bytes, src);
        extract::HtmlOptions options = o.html;
        if (!o.url.empty()) options.url = o.url;
        if (!o.rules.rules.empty()) extract::apply_html_rules(o.rules, options.url, options);
        if (o.explain) {
            const std::string place = display(path);
            options.explain = [&diag, place](const std::string& line) { diag.error(place, "explain: " + line); };
        }
        a = extract::extract_html(utf8, options);
        a.source.charset = src.charset;
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
    add_history(a, "extract", fmt::format("\"format\":\"{}\"{}", extract::to_string(kind), o.history_options));
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
    if (o.dump_dom && !in.truncated) {
        Source src;
        html::ParseOptions po;
        po.max_nodes = o.html.max_nodes;
        const html::ParseResult parsed = html::parse(page_utf8(in.bytes, src), po);
        out.output = html::dump_tree(parsed.doc);
        for (const std::string& w : parsed.warnings) diag.warning(display(path), w);
        out.records = 1;
        return out;
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
    if (const std::string error = finish_options(o); !error.empty()) {
        diag.error("", error);
        return cli::exit_usage;
    }
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
