// copydesk-normalize: repairs and normalizes the text of article records, keeping every span
// and annotation on the same words.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "copydesk/cli.hpp"
#include "copydesk/io.hpp"
#include "copydesk/normalize.hpp"
#include "copydesk/record.hpp"

namespace {

using namespace copydesk;

struct Options {
    cli::CommonOptions common;
    normalize::Options steps;
    std::string form = "nfc", quotes = "keep", dashes = "keep";
    std::vector<std::string> only;
    std::string plan;
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
    app.add_flag("--explain", o.explain, "Print every change on stderr, then each record's plan");
    app.add_option("--plan", o.plan, "Replay a plan that --explain printed: run only its steps "
                                     "(and the mojibake charset it names)")
        ->type_name("FILE");
    cli::add_common_options(app, o.common, "copydesk-normalize");
    app.footer("Example:\n  copydesk-extract article.txt | copydesk-normalize --quotes curly --explain\n"
               "See copydesk-normalize(1).");
}

bool known_step(std::string_view name) {
    for (const auto& info : normalize::steps()) {
        if (info.name == name) return true;
    }
    return false;
}

// The plan of one record: the steps that changed something, the mojibake step with the
// charset it assumed ("mojibake=windows-1252"). --plan reads it back.
std::string plan_of(const std::vector<normalize::Change>& changes) {
    std::vector<std::string> words;
    for (const normalize::Change& c : changes) {
        const std::string word = c.step == "mojibake" && !c.detail.empty() ? "mojibake=" + c.detail : c.step;
        if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
    }
    std::string plan;
    for (const std::string& w : words) plan += (plan.empty() ? "" : " ") + w;
    return plan;
}

// Reads a plan file: the words after "plan:" on each line that has one (as --explain prints
// them), else every word of the file. Adds its steps to --only; returns an error message.
std::string read_plan(const std::string& path, Options& o) {
    std::string text;
    try {
        text = io::read_all(path, size_t(1) << 20).bytes;
    } catch (const io::Error& e) {
        return e.what();
    }
    const bool marked = text.find("plan:") != std::string::npos;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (marked) {
            const size_t at = line.find("plan:");
            if (at == std::string::npos) continue;
            line = line.substr(at + 5);
        }
        std::istringstream words(line);
        for (std::string word; words >> word;) {
            std::string step = word;
            if (const size_t eq = word.find('='); eq != std::string::npos) {
                step = word.substr(0, eq);
                if (step == "mojibake") o.steps.mojibake_charset = word.substr(eq + 1);
            }
            if (step == "utf8") continue;  // ill-formed UTF-8 is always repaired
            if (!known_step(step)) return "--plan " + path + ": unknown step '" + step + "'";
            if (std::find(o.only.begin(), o.only.end(), step) == o.only.end()) o.only.push_back(step);
        }
    }
    if (o.only.empty()) return "--plan " + path + ": no steps in the plan";
    return {};
}

// Applies --form, --quotes, --dashes, --plan and --only; returns an error message.
std::string finish_options(Options& o) {
    o.steps.form = o.form == "nfkc" ? normalize::Form::nfkc : o.form == "none" ? normalize::Form::none
                                                                                : normalize::Form::nfc;
    o.steps.quotes = o.quotes == "ascii" ? normalize::Quotes::ascii : o.quotes == "curly" ? normalize::Quotes::curly
                                                                                          : normalize::Quotes::keep;
    o.steps.dashes = o.dashes == "ascii" ? normalize::Dashes::ascii : normalize::Dashes::keep;
    if (!o.plan.empty()) {
        if (const std::string error = read_plan(o.plan, o); !error.empty()) return error;
    }
    for (const std::string& step : o.only) {
        if (!known_step(step)) return "--only: unknown step '" + step + "' (see --list-steps)";
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

int run(Options& o, cli::Diagnostics& diag) {
    if (o.list_steps) {
        list_steps();
        return cli::exit_ok;
    }
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
        diag.error(place, "plan: " + plan_of(changes));
    };
    return cli::run_record_stream(o.common, diag, handler);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    return cli::run_tool(argc, argv, "copydesk-normalize", [&](CLI::App& app) { setup(app, o); }, o.common,
                         [&](cli::Diagnostics& diag) { return run(o, diag); });
}
