// copydesk-convert: renders article records as JSON, Markdown, HTML, TEI, text, CSV or WET.
#include <CLI/CLI.hpp>
#include <fmt/format.h>


#include "copydesk/cli.hpp"
#include "copydesk/formats.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    std::string to;
    formats::WriterOptions writer;
    std::string columns;
    bool list_formats = false;
};

void setup(CLI::App& app, Options& o) {
    app.description("Render article records (JSON Lines) in another format.");
    app.add_option("-t,--to", o.to, "Output format (see --list-formats); default: from -o's extension, else jsonl")
        ->type_name("FORMAT");
    app.add_flag("--list-formats", o.list_formats, "List the output formats and exit");
    app.add_option("--columns", o.columns, "csv: comma-separated columns (default: id,url,title,authors,"
                                           "date_published,site_name,language,words)")
        ->type_name("LIST");
    app.add_flag("--comments", o.writer.comments, "Render the comments after the body");
    cli::add_off_switch(app, "--no-annotations", o.writer.annotations, "html, tei: do not mark entities and dates");
    cli::add_off_switch(app, "--no-front-matter", o.writer.front_matter, "markdown: a title header instead of YAML front matter");
    app.add_flag("--corpus", o.writer.corpus, "html, tei: wrap even a single record as a corpus");
    cli::add_common_options(app, o.common, "copydesk-convert");
    app.footer("Example:\n  copydesk-convert -t tei -o corpus.xml articles.jsonl\nSee copydesk-convert(1).");
}

std::vector<std::string> split_columns(const std::string& list) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        if (end > start) out.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

void list_formats() {
    for (const formats::FormatInfo& f : formats::writers())
        fmt::print("{:<10} {:<18} {}\n", f.name, f.extensions, f.description);
}

// The writer chosen by -t, else by -o's extension, else jsonl; nullptr with a message if unknown.
const formats::FormatInfo* choose_format(const Options& o, std::string& error) {
    if (!o.to.empty()) {
        if (const auto* f = formats::find_writer(o.to)) return f;
        error = "unknown format '" + o.to + "' (see --list-formats)";
        return nullptr;
    }
    if (o.common.output != "-") {
        if (const auto* f = formats::writer_for_path(o.common.output)) return f;
    }
    return formats::find_writer("jsonl");
}

int run(Options& o, cli::Diagnostics& diag) {
    if (o.list_formats) {
        list_formats();
        return cli::exit_ok;
    }
    std::string error;
    const formats::FormatInfo* format = choose_format(o, error);
    if (!format) {
        diag.error("", error);
        return cli::exit_usage;
    }
    if (!o.columns.empty()) o.writer.csv_columns = split_columns(o.columns);
    std::unique_ptr<formats::Writer> writer;
    try {
        writer = format->make(o.writer);
    } catch (const std::invalid_argument& e) {
        diag.error("", e.what());
        return cli::exit_usage;
    }
    cli::StreamHandler handler;
    if (format->name != "jsonl") {
        handler.begin = [&](std::string& out) { writer->begin(out); };
        handler.render = [&](const Article& a, std::string& out) { writer->write(a, out); };
        handler.end = [&](std::string& out) { writer->end(out); };
    }
    return cli::run_record_stream(o.common, diag, handler);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    return cli::run_tool(argc, argv, "copydesk-convert", [&](CLI::App& app) { setup(app, o); }, o.common,
                         [&](cli::Diagnostics& diag) { return run(o, diag); });
}
