#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "copydesk/cli.hpp"

namespace copydesk::cli {
namespace {

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

constexpr double first_draw_after = 1.0;  // seconds: short runs never draw anything
constexpr double redraw_every = 0.25;

}  // namespace

Progress::Progress(const CommonOptions& opts, int64_t total_bytes) : total_(total_bytes) {
    enabled_ = opts.progress == 1 || (opts.progress == -1 && isatty(STDERR_FILENO) && !opts.quiet);
    start_ = last_ = now_seconds();
}

Progress::~Progress() { finish(); }

void Progress::update(int64_t records, int64_t bytes) {
    if (!enabled_) return;
    const double t = now_seconds();
    if (t - start_ < first_draw_after || t - last_ < redraw_every) return;
    last_ = t;
    const double elapsed = t - start_;
    std::string line = fmt::format("\r{} records, {:.1f} MB, {:.0f} records/s", records, bytes / 1e6,
                                   records / elapsed);
    if (total_ > 0 && bytes > 0 && bytes <= total_) {
        const double eta = elapsed * (double(total_) / double(bytes) - 1);
        line += fmt::format(", {:.0f}%, ETA {:.0f}s", 100.0 * bytes / total_, eta);
    }
    // Clear the rest of the line: an escape sequence, or spaces where NO_COLOR asks for none.
    line += std::getenv("NO_COLOR") ? std::string(8, ' ') : std::string("\x1b[K");
    fmt::print(stderr, "{}", line);
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) fmt::print(stderr, "{}", std::getenv("NO_COLOR") ? "\r" + std::string(79, ' ') + "\r" : "\r\x1b[K");
    drawn_ = false;
}

}  // namespace copydesk::cli
