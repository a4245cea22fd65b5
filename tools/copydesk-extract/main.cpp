// copydesk-extract: raw page (HTML, WARC records, or a plain-text dump) -> one article record each.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "copydesk/charset.hpp"
#include "copydesk/cli.hpp"
#include "copydesk/documents.hpp"
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

// What a document is: as -f says, else a WARC record's type, else sniffed from its bytes.
extract::InputKind kind_of(const Options& o, const io::Document& doc) {
    if (o.from == "text") return extract::InputKind::text;
    if (o.from == "html" || (doc.from_warc && doc.html)) return extract::InputKind::html;
    const extract::InputKind sniffed = extract::sniff_input(std::string_view(doc.bytes).substr(0, 4096));
    if (doc.from_warc && sniffed == extract::InputKind::warc) return extract::InputKind::text;
    return sniffed;
}

// The page as UTF-8 through the charset layer (BOM, HTTP charset, <meta> prescan, guess,
// windows-1252), with the charset and how it was chosen recorded in `source`.
std::string page_utf8(const io::Document& doc, Source& source, std::vector<std::string>& warnings) {
    charset::Decoded decoded = charset::decode_html(doc.bytes, doc.http_content_type);
    source.charset = decoded.charset;
    source.charset_source = decoded.source;
    for (std::string& w : decoded.warnings) warnings.push_back(std::move(w));
    return std::move(decoded.utf8);
}

// Why an input of this kind cannot become an article; empty when it can.
std::string unsupported(extract::InputKind kind) {
    switch (kind) {
        case extract::InputKind::text: return {};
        case extract::InputKind::html: return {};
        case extract::InputKind::warc: return "not a WARC file (-f warc was given or it starts like one)";
        case extract::InputKind::jsonl: return "input is a JSON Lines record stream, not a page";
        case extract::InputKind::binary: return "binary input: not a text dump, HTML page or WARC file";
    }
    return "unknown input";
}

// "crawl.warc.gz:@1234" for a WARC record, the path for a file.
std::string place_of(const io::Document& doc) {
    return doc.from_warc ? fmt::format("{}:@{}", display(doc.path), doc.offset) : display(doc.path);
}

Article extract_page(const Options& o, const io::Document& doc, cli::Diagnostics& diag) {
    Source src;
    std::vector<std::string> warnings;
    const std::string utf8 = page_utf8(doc, src, warnings);
    extract::HtmlOptions options = o.html;
    if (!o.url.empty()) options.url = o.url;
    else if (!doc.uri.empty()) options.url = doc.uri;
    options.content_language = doc.content_language;
    if (!o.rules.rules.empty()) extract::apply_html_rules(o.rules, options.url, options);
    if (o.explain) {
        options.explain = [&diag, place = place_of(doc)](const std::string& line) {
            diag.error(place, "explain: " + line);
        };
    }
    Article a = extract::extract_html(utf8, options);
    a.source.charset = src.charset;
    a.source.charset_source = src.charset_source;
    a.warnings.insert(a.warnings.begin(), warnings.begin(), warnings.end());
    return a;
}

// The record's origin: path, URI, WARC identity, size.
void set_source(const Options& o, const io::Document& doc, extract::InputKind kind, Article& a) {
    a.id = content_id(doc.from_warc ? doc.warc_record_id + doc.bytes : doc.bytes);
    a.source.path = doc.path;
    a.source.format = doc.from_warc ? "warc" : std::string(extract::to_string(kind));
    a.source.bytes = static_cast<int64_t>(doc.bytes.size());
    a.source.uri = !o.url.empty() ? o.url : doc.uri;
    a.source.warc_record_id = doc.warc_record_id;
    a.source.warc_date = doc.warc_date;
    a.source.offset = doc.offset;
    if (!o.url.empty()) a.url = o.url;
    else if (!a.url && !doc.uri.empty()) a.url = doc.uri;
    // text dumps; an HTML page has it from extract_html (options.content_language)
    if (!a.language && !doc.content_language.empty())
        a.language = doc.content_language.substr(0, doc.content_language.find_first_of(", ;"));
}

Article article_for(const Options& o, const io::Document& doc, cli::Diagnostics& diag) {
    const extract::InputKind kind = kind_of(o, doc);
    Article a;
    if (const std::string why = unsupported(kind); !why.empty()) {
        a.error = why;
    } else if (kind == extract::InputKind::html) {
        a = extract_page(o, doc, diag);
    } else {
        a = extract::parse_text_dump(doc.bytes, o.dump);
    }
    set_source(o, doc, kind, a);
    a.warnings.insert(a.warnings.begin(), doc.warnings.begin(), doc.warnings.end());
    const std::string place = place_of(doc);
    if (a.error) diag.error(place, *a.error);
    for (const std::string& w : a.warnings) diag.warning(place, w);
    if (!doc.damage.empty()) a.warnings.push_back("input ended early: " + doc.damage);  // reported by the caller
    add_history(a, "extract", fmt::format("\"format\":\"{}\"{}", extract::to_string(kind), o.history_options));
    return a;
}

cli::OrderedOutcome extract_one(const Options& o, const io::Document& doc, cli::Diagnostics& diag) {
    cli::OrderedOutcome out;
    out.bytes = static_cast<int64_t>(doc.bytes.size());
    if (!doc.damage.empty()) {
        diag.error(display(doc.path), doc.damage);
        out.io_error = true;
    }
    if (o.dump_dom && !doc.truncated) {
        Source src;
        std::vector<std::string> warnings;
        html::ParseOptions po;
        po.max_nodes = o.html.max_nodes;
        const html::ParseResult parsed = html::parse(page_utf8(doc, src, warnings), po);
        out.output = html::dump_tree(parsed.doc);
        for (const std::string& w : parsed.warnings) diag.warning(place_of(doc), w);
        out.records = 1;
        return out;
    }
    Article a;
    if (doc.truncated) {
        a.error = fmt::format("input larger than --max-record ({} bytes)", o.common.max_record);
        a.source.path = doc.path;
        diag.error(place_of(doc), *a.error);
    } else {
        a = article_for(o, doc, diag);
    }
    out.records = 1;
    out.errors = a.error.has_value();
    if (a.error && o.common.drop_errors) return out;
    record::write(a, out.output);
    out.output += '\n';
    return out;
}

int run(Options& o, cli::Diagnostics& diag) {
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
    io::DocumentOptions reading;
    reading.max_bytes = o.common.max_record;
    reading.warc = o.from == "warc" ? io::DocumentOptions::Warc::always
                   : o.from == "auto" ? io::DocumentOptions::Warc::sniff
                                      : io::DocumentOptions::Warc::never;
    io::DocumentReader documents(
        std::move(paths), reading, [&](const std::string& place, const std::string& m) { diag.error(place, m); },
        [&](const std::string& place, const std::string& m) { diag.warning(place, m); });
    const int status = cli::run_tasks(o.common, diag, [&]() -> cli::Task {
        io::Document doc;
        if (!documents.next(doc)) return {};
        return [&o, &diag, doc = std::move(doc)] { return extract_one(o, doc, diag); };
    });
    return documents.failed() && status != cli::exit_usage ? cli::exit_io : status;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    return cli::run_tool(argc, argv, "copydesk-extract", [&](CLI::App& app) { setup(app, o); }, o.common,
                         [&](cli::Diagnostics& diag) { return run(o, diag); });
}
