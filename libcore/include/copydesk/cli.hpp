// copydesk/cli.hpp — what every copydesk tool shares (CONVENTIONS in the README): common
// options, diagnostics on stderr with their place, exit statuses, progress on a terminal,
// and the ordered parallel loop over a record stream.
//
// A tool's main builds a CLI::App, adds its own options and the common ones, then hands a
// per-record function to run_record_stream() or, for extract, to run_ordered().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "copydesk/article.hpp"

namespace CLI {
class App;
}

namespace copydesk::cli {

// Exit statuses, the same for every tool.
enum Exit : int {
    exit_ok = 0,             // every record succeeded
    exit_record_errors = 1,  // some records carry an `error` (all were still written)
    exit_usage = 2,          // bad option or unknown format: nothing was read
    exit_io = 3,             // an input or output could not be opened, read or written
};

struct CommonOptions {
    std::vector<std::string> inputs;  // files; none or "-" means stdin
    std::string files_from;           // read the list of inputs from this file ("-": stdin)
    bool null = false;                // --files-from list is NUL-separated
    std::string output = "-";         // -o FILE; ".gz" compresses
    int jobs = 0;                     // -j N; 0 = the number of cores
    bool quiet = false;               // no warnings on stderr
    bool verbose = false;             // explain decisions on stderr
    int progress = -1;                // -1 auto (a terminal and long work), 0 off, 1 on
    bool drop_errors = false;         // leave records with `error` out of the output
    size_t max_record = size_t(256) << 20;  // longest input record or file, in bytes
};

// Adds the shared options to app: inputs, --files-from, --null, -o, -j, --quiet, --verbose,
// --progress/--no-progress, --drop-errors, --max-record, and --version.
void add_common_options(CLI::App& app, CommonOptions& opts, const std::string& tool);

// Adds a flag such as "--no-tables" that sets `flag` to false.
void add_off_switch(CLI::App& app, const std::string& name, bool& flag, const std::string& description);

// Parses argv; on --help/--version or a usage error prints what it must and returns the exit
// status to end with; returns -1 when the tool should run.
int parse(CLI::App& app, int argc, char** argv);

// The inputs to read, in order: --files-from's list, then the positional ones; {"-"} if none.
std::vector<std::string> input_paths(const CommonOptions& opts);

// "copydesk-normalize 0.1.0 (simdjson 3.0.1, utf8proc 2.8.0, ...)"
std::string version_line(const std::string& tool);

// One line per diagnostic on stderr: "tool: place: message". Thread-safe.
//
// Worker threads hold their lines back (Capture) so that the stream loops print them in
// input order, whatever the number of threads.
class Diagnostics {
  public:
    Diagnostics(std::string tool, bool quiet) : tool_(std::move(tool)), quiet_(quiet) {}
    void error(const std::string& place, const std::string& message);    // always shown
    void warning(const std::string& place, const std::string& message);  // not with --quiet
    void info(const std::string& message);                                // not with --quiet
    const std::string& tool() const { return tool_; }
    bool quiet() const { return quiet_; }

    // While alive, this thread's diagnostics go to `lines` instead of stderr.
    class Capture {
      public:
        explicit Capture(std::string& lines);
        ~Capture();

      private:
        std::string* previous_;
    };
    // Writes lines held back by a Capture.
    void flush(std::string& lines);

  private:
    void print(const std::string& place, const std::string& message);
    std::string tool_;
    bool quiet_;
    std::mutex mutex_;
};

// Every tool's main: SIGPIPE ignored (a closed pipe becomes a write error that ends the tool
// quietly), the App built by setup() and argv parsed (--help, --version and usage errors
// handled), then run() with diagnostics that honour --quiet. Returns the exit status.
int run_tool(int argc, char** argv, const std::string& name, const std::function<void(CLI::App&)>& setup,
             const CommonOptions& common, const std::function<int(Diagnostics&)>& run);

// Progress on stderr (records, MB, records/s, ETA when the total is known), drawn only when
// enabled; thread-compatible (called from the writing thread only).
class Progress {
  public:
    Progress(const CommonOptions& opts, int64_t total_bytes);
    ~Progress();
    void update(int64_t records, int64_t bytes);
    void finish();

  private:
    bool enabled_ = false;
    int64_t total_ = -1;
    double start_ = 0, last_ = 0;
    bool drawn_ = false;
};

// Runs work(i) for i in [0, n) on `jobs` threads (the caller's thread included) and returns
// when all are done. Work items must be independent.
class WorkerPool {
  public:
    explicit WorkerPool(int jobs);
    ~WorkerPool();
    void run(size_t n, const std::function<void(size_t)>& work);
    int jobs() const { return jobs_; }

  private:
    struct Shared;
    int jobs_;
    std::unique_ptr<Shared> shared_;
};

// What a record-stream tool does with each record, and how the output is framed.
struct StreamHandler {
    // Changes a record in place (normalize, tag), on a worker thread; `place` is "path:line"
    // for diagnostics. May set `error` on the record.
    std::function<void(Article&, const std::string& place)> transform;
    // Renders a record, called in input order on one thread (writers may keep state). When
    // unset, records are written as JSON lines, rendered on the worker threads. Lines that
    // could not be read as records are only written in the JSON Lines form (as error records);
    // with a custom render they are reported and left out.
    std::function<void(const Article&, std::string&)> render;
    std::function<void(std::string&)> begin;  // written before the first record, if set
    std::function<void(std::string&)> end;    // written after the last record, if set
};

// Reads JSON Lines records from every input, applies handler.transform on opts.jobs threads,
// writes the rendered records in input order. Unreadable lines become error records (see
// record::error_line). Returns the exit status.
int run_record_stream(const CommonOptions& opts, Diagnostics& diag, const StreamHandler& handler);

// One unit of work for run_ordered: produce the output bytes for item i.
struct OrderedOutcome {
    std::string output;
    int64_t records = 0;  // records in output
    int64_t errors = 0;   // of which carry an `error`
    int64_t bytes = 0;    // input bytes consumed, for progress
    bool io_error = false;  // the input could not be read (diagnostic already printed)
};

// A unit of work for run_tasks, run on a worker thread.
using Task = std::function<OrderedOutcome()>;

// Takes tasks from next() (called on the calling thread; an empty Task ends the run), runs them
// on opts.jobs threads a batch at a time, and writes each outcome's output and diagnostics in
// the order the tasks came. Memory is bounded by one batch. Returns the exit status (record
// errors -> 1, an io_error -> 3). Used by extract: a task is one file or one WARC record.
int run_tasks(const CommonOptions& opts, Diagnostics& diag, const std::function<Task()>& next,
              int64_t total_bytes = -1);

}  // namespace copydesk::cli
