// copydesk-normalize: repairs and normalizes the text of article records, keeping every span
// and annotation on the same words.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>

#include "copydesk/cli.hpp"
#include "copydesk/normalize.hpp"
#include "copydesk/record.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    normalize::Options steps;
    std::string form = "nfc", quotes = "keep", dashes = "keep";
    std::vector<std::string> only;
    bool explain = false;
    bool list_steps = false;
};

void setup(CLI::App& app, Options& o) {
    app.description("Repair and normalize the text of article records (JSON Lines in and out).");
    app.add_option("--form", o.form, "Unicode normalization form: nfc, nfkc or none")
        ->check(CLI::IsMember({"nfc", "nfkc", "none"}))
        ->capture_default_str();
    app.add_option("--quotes", o.quotes, "Quotation marks: keep, ascii or curly")
        ->check(CLI::IsMember({"keep", "ascii", "curly"}))
        ->capture_default_str();
    app.add_option("--dashes", o.dashes, "Dashes: keep or ascii")
        ->check(CLI::IsMember({"keep", "ascii"}))
        ->capture_default_str();
    app.add_option("--only", o.only, "Run only these steps (repeatable; see --list-steps)")->type_name("STEP");
    for (const normalize::StepInfo& step : normalize::steps()) {
        const std::string name = step.name;
        if (name == "form" || name == "quotes" || name == "dashes") continue;  // options of their own
        if (step.on_by_default) {
            app.add_flag_callback("--no-" + name, [&o, name] { o.steps.set(name, false); },
                                  "Switch off: " + step.description);
        } else {
            app.add_flag_callback("--" + name, [&o, name] { o.steps.set(name, true); },
                                  "Switch on: " + step.description);
        }
    }
    app.add_flag("--list-steps", o.list_steps, "List the steps, in the order they run, and exit");
    app.add_flag("--explain", o.explain, "Print every change on stderr");
    cli::add_common_options(app, o.common, "copydesk-normalize");
    app.footer("Example:\n  copydesk-extract article.txt | copydesk-normalize --quotes curly --explain\n"
               "See copydesk-normalize(1).");
}

// Applies --form, --quotes, --dashes and --only; returns an error message for an unknown step.
std::string finish_options(Options& o) {
    o.steps.form = o.form == "nfkc" ? normalize::Form::nfkc : o.form == "none" ? normalize::Form::none
                                                                                : normalize::Form::nfc;
    o.steps.quotes = o.quotes == "ascii" ? normalize::Quotes::ascii : o.quotes == "curly" ? normalize::Quotes::curly
                                                                                          : normalize::Quotes::keep;
    o.steps.dashes = o.dashes == "ascii" ? normalize::Dashes::ascii : normalize::Dashes::keep;
    for (const std::string& step : o.only) {
        bool known = false;
        for (const auto& info : normalize::steps()) known = known || info.name == step;
        if (!known) return "--only: unknown step '" + step + "' (see --list-steps)";
    }
    o.steps.only = o.only;
    return {};
}

void list_steps() {
    for (const normalize::StepInfo& step : normalize::steps())
        fmt::print("{:<12} {:<4} {}\n", step.name, step.on_by_default ? "on" : "off", step.description);
}

std::string json_quoted(std::string_view s) {
    std::string out;
    record::append_json_string(out, s);
    return out;
}

void explain(cli::Diagnostics& diag, const std::string& place, const std::vector<normalize::Change>& changes) {
    for (const normalize::Change& c : changes) {
        const std::string where = c.block >= 0 ? fmt::format("block {}", c.block) : c.where;
        diag.error(place, fmt::format("{} [{},{}) {}: {} -> {}", where, c.start, c.end, c.step, json_quoted(c.before),
                                      json_quoted(c.after)));
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"", "copydesk-normalize"};
    Options o;
    setup(app, o);
    if (const int status = cli::parse(app, argc, argv); status >= 0) return status;
    if (o.list_steps) {
        list_steps();
        return cli::exit_ok;
    }
    cli::Diagnostics diag("copydesk-normalize", o.common.quiet);
    if (const std::string error = finish_options(o); !error.empty()) {
        diag.error("", error);
        return cli::exit_usage;
    }
    cli::StreamHandler handler;
    handler.transform = [&](Article& a, const std::string& place) {
        if (!o.explain) {
            normalize::normalize_article(a, o.steps);
            return;
        }
        std::vector<normalize::Change> changes;
        normalize::normalize_article(a, o.steps, &changes);
        explain(diag, place, changes);
    };
    return cli::run_record_stream(o.common, diag, handler);
}
