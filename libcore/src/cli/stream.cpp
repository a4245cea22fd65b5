// The record-stream loop shared by normalize, tag and convert: read lines in batches, process
// a batch on the worker threads, write its outputs in input order.
#include <fmt/format.h>

#include "copydesk/cli.hpp"
#include "copydesk/io.hpp"
#include "copydesk/record.hpp"

namespace copydesk::cli {
namespace {

constexpr size_t batch_records = 512;
constexpr size_t batch_bytes = size_t(16) << 20;

struct Line {
    std::string text;
    int64_t number = 0;
    size_t skipped = 0;  // > 0: the line was too long and is not in `text`
};

std::string place(const std::string& path, int64_t line) {
    return fmt::format("{}:{}", path == "-" ? "stdin" : path, line);
}

// The outcome of one input line: a record to render, or the line to write for it.
struct Item {
    Article article;
    std::string out;      // error line, or the JSON line when rendered by the worker
    std::string diagnostics;  // held back, printed in input order
    bool readable = false;
    bool failed = false;  // counts as a record with an error
};

void process_line(const Line& line, const std::string& path, const StreamHandler& handler,
                  Diagnostics& diag, Item& item) {
    static thread_local record::Reader reader;
    Diagnostics::Capture capture(item.diagnostics);
    item.out.clear();
    item.readable = item.failed = false;
    const std::string where = place(path, line.number);
    if (line.skipped) {
        const std::string msg =
            fmt::format("record too long ({} bytes; the limit is set by --max-record)", line.skipped);
        diag.error(where, msg);
        item.out = record::error_line("", msg, path, line.number) + '\n';
        item.failed = true;
        return;
    }
    if (const auto st = reader.read(line.text, item.article); !st) {
        diag.error(where, st.message);
        item.out = record::error_line(line.text, st.message, path, line.number) + '\n';
        item.failed = true;
        return;
    }
    item.readable = true;
    Article& a = item.article;
    const bool had_error = a.error.has_value();
    if (handler.transform && !had_error) handler.transform(a, where);
    if (a.error && !had_error) diag.error(where, *a.error);
    item.failed = a.error.has_value();
    if (!handler.render) {
        record::write(a, item.out);
        item.out += '\n';
    }
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }


// Opens the output, runs body(output, status) and closes the output; an output that fails
// ends the run with exit_io, a reader that went away (broken pipe) quietly.
template <class Body>
int with_output(const CommonOptions& opts, Diagnostics& diag, Body body) {
    int status = exit_ok;
    try {
        io::Output output(opts.output);
        body(output, status);
        output.close();
    } catch (const io::BrokenPipe&) {
        return status == exit_io ? exit_io : exit_ok;
    } catch (const io::Error& e) {
        diag.error("", e.what());
        return exit_io;
    }
    return status;
}

void note_record_error(int& status) {
    if (status == exit_ok) status = exit_record_errors;
}

// Reads up to a batch of non-blank lines; returns their size in bytes, 0 with an empty batch
// at the end of the input.
size_t read_batch(io::LineReader& lines, std::vector<Line>& batch) {
    batch.clear();
    size_t bytes = 0;
    while (batch.size() < batch_records && bytes < batch_bytes) {
        std::string_view text;
        size_t skipped = 0;
        const auto st = lines.next(text, skipped);
        if (st == io::LineReader::Status::end) break;
        if (st == io::LineReader::Status::line && blank(text)) continue;
        Line& l = batch.emplace_back();
        l.number = lines.line_number();
        if (st == io::LineReader::Status::too_long) l.skipped = skipped; else l.text.assign(text);
        bytes += st == io::LineReader::Status::too_long ? skipped : text.size();
    }
    return bytes;
}

// Writes a processed batch in input order: diagnostics first, then the record.
void write_batch(std::vector<Item>& items, size_t n, const CommonOptions& opts, Diagnostics& diag,
                 const StreamHandler& handler, io::Output& output, int& status) {
    std::string rendered;
    for (size_t i = 0; i < n; ++i) {
        Item& item = items[i];
        diag.flush(item.diagnostics);
        if (item.failed) {
            note_record_error(status);
            if (opts.drop_errors) continue;
        }
        if (!handler.render) {
            output.write(item.out);
        } else if (item.readable) {
            rendered.clear();
            handler.render(item.article, rendered);
            output.write(rendered);
        }
    }
}

}  // namespace

int run_record_stream(const CommonOptions& opts, Diagnostics& diag, const StreamHandler& handler) {
    return with_output(opts, diag, [&](io::Output& output, int& status) {
        WorkerPool pool(opts.jobs);
        Progress progress(opts, -1);
        std::string framing;
        if (handler.begin) handler.begin(framing);
        output.write(framing);
        std::vector<Line> batch;
        std::vector<Item> items;
        int64_t records = 0, bytes = 0;
        for (const std::string& path : input_paths(opts)) {
            std::unique_ptr<io::Input> input;
            try {
                input = std::make_unique<io::Input>(path);
            } catch (const io::Error& e) {
                diag.error("", e.what());
                status = exit_io;
                continue;
            }
            io::LineReader lines(*input, opts.max_record);
            while (const size_t batch_size = read_batch(lines, batch)) {
                if (items.size() < batch.size()) items.resize(batch.size());
                pool.run(batch.size(), [&](size_t i) { process_line(batch[i], path, handler, diag, items[i]); });
                write_batch(items, batch.size(), opts, diag, handler, output, status);
                records += static_cast<int64_t>(batch.size());
                bytes += static_cast<int64_t>(batch_size);
                progress.update(records, bytes);
            }
            if (!input->damage().empty()) {
                diag.error(path == "-" ? "stdin" : path, input->damage());
                status = exit_io;
            }
        }
        framing.clear();
        if (handler.end) handler.end(framing);
        output.write(framing);
        progress.finish();
    });
}

int run_tasks(const CommonOptions& opts, Diagnostics& diag, const std::function<Task()>& next,
              int64_t total_bytes) {
    return with_output(opts, diag, [&](io::Output& output, int& status) {
        WorkerPool pool(opts.jobs);
        Progress progress(opts, total_bytes);
        const size_t batch = static_cast<size_t>(pool.jobs()) * 8;
        std::vector<Task> tasks;
        std::vector<OrderedOutcome> outcomes;
        std::vector<std::string> held;
        int64_t records = 0, bytes = 0;
        for (bool more = true; more;) {
            tasks.clear();
            while (tasks.size() < batch) {
                Task t = next();
                if (!t) { more = false; break; }
                tasks.push_back(std::move(t));
            }
            outcomes.assign(tasks.size(), OrderedOutcome());
            held.assign(tasks.size(), std::string());
            pool.run(tasks.size(), [&](size_t i) {
                Diagnostics::Capture capture(held[i]);
                outcomes[i] = tasks[i]();
            });
            for (size_t i = 0; i < tasks.size(); ++i) {
                const OrderedOutcome& o = outcomes[i];
                diag.flush(held[i]);
                if (o.io_error) status = exit_io;
                if (o.errors) note_record_error(status);
                output.write(o.output);
                records += o.records;
                bytes += o.bytes;
            }
            progress.update(records, bytes);
        }
        progress.finish();
    });
}

}  // namespace copydesk::cli
