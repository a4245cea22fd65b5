// copydesk-tag: annotates article records with their language, the dates and named entities in
// their text, and their key phrases.
#include <CLI/CLI.hpp>


#include "copydesk/cli.hpp"
#include "copydesk/tag.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    tag::Options tag;
};

void setup(CLI::App& app, Options& o) {
    app.description("Annotate article records: language, dates, entities and keywords (JSON Lines in and out).");
    cli::add_off_switch(app, "--no-language", o.tag.language, "Do not identify the language");
    cli::add_off_switch(app, "--no-dates", o.tag.dates, "Do not annotate dates");
    cli::add_off_switch(app, "--no-entities", o.tag.entities, "Do not annotate people, places and organisations");
    cli::add_off_switch(app, "--no-keywords", o.tag.keywords, "Do not list key phrases");
    app.add_option("--max-keywords", o.tag.max_keywords, "List at most N key phrases per article (default 10)")
        ->type_name("N");
    app.add_option("--reference-date", o.tag.reference_date,
                   "Resolve relative dates against DATE (ISO 8601) instead of date_published")
        ->type_name("DATE")
        ->check([](const std::string& d) {
            return tag::parse_date(d) ? std::string() : "not an ISO 8601 date (YYYY-MM-DD): " + d;
        });
    app.add_flag("--per-block-language", o.tag.per_block_language,
                 "Also identify the language of each block (annotations.block_languages)");
    cli::add_common_options(app, o.common, "copydesk-tag");
    app.footer("Example:\n  copydesk-extract article.txt | copydesk-tag | jq -c .annotations.dates\n"
               "See copydesk-tag(1).");
}

int run(Options& o, cli::Diagnostics& diag) {
    cli::StreamHandler handler;
    handler.transform = [&](Article& a, const std::string&) { tag::tag_article(a, o.tag); };
    return cli::run_record_stream(o.common, diag, handler);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    return cli::run_tool(argc, argv, "copydesk-tag", [&](CLI::App& app) { setup(app, o); }, o.common,
                         [&](cli::Diagnostics& diag) { return run(o, diag); });
}
