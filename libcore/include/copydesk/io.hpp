// copydesk/io.hpp — byte sources and sinks: files, stdin/stdout, gzip on either side.
//
// Inputs are gunzipped transparently (by their magic bytes, whatever their name); outputs are
// gzipped when their path ends in ".gz". Failures are reported as io::Error (the tools map it
// to exit status 3); a reader that hits a truncated gzip member keeps what it could read and
// says so in `damage()`.
//
// Thread-safety: each object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::io {

// An input or output could not be opened, read or written. what() names the path.
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The reader of stdout has gone away (EPIPE): tools end quietly with status 0, as `head` expects.
struct BrokenPipe : std::exception {
    const char* what() const noexcept override { return "broken pipe"; }
};

// A file ("-" for stdin), read in chunks, gunzipped when it starts with the gzip magic.
class Input {
  public:
    // Throws io::Error when the file cannot be opened.
    explicit Input(const std::string& path);
    ~Input();
    Input(const Input&) = delete;
    Input& operator=(const Input&) = delete;

    // Reads up to n bytes; 0 at the end. A damaged gzip stream ends the input early and sets
    // damage(); a read error throws io::Error.
    size_t read(char* buf, size_t n);
    const std::string& path() const { return path_; }
    const std::string& damage() const { return damage_; }
    bool gzipped() const { return gzipped_; }
    // Size of the file on disk when known (regular files), else -1.
    int64_t size_on_disk() const { return size_; }

  private:
    std::string path_;
    std::string damage_;
    void* gz_ = nullptr;  // gzFile
    bool gzipped_ = false;
    int64_t size_ = -1;
};

struct ReadAll {
    std::string bytes;
    bool truncated = false;  // the input was longer than the limit; bytes holds the first part
    std::string damage;      // e.g. "truncated gzip stream" when the data ended early
};

// Reads a whole input, at most max_bytes of it (after gunzipping).
ReadAll read_all(const std::string& path, size_t max_bytes);

// Splits an Input into lines ('\n'; a final line without one counts). A line longer than
// max_line is skipped whole and reported as too long, so memory stays bounded.
class LineReader {
  public:
    LineReader(Input& in, size_t max_line);

    enum class Status { line, too_long, end };
    // On Status::line, `line` holds the line without its '\n', valid until the next call.
    // On Status::too_long, `skipped` holds the length of the line that was skipped.
    Status next(std::string_view& line, size_t& skipped);
    int64_t line_number() const { return line_number_; }  // of the line last returned
    int64_t bytes_read() const { return bytes_read_; }

  private:
    bool fill();
    Input& in_;
    size_t max_line_;
    std::vector<char> buf_;
    size_t begin_ = 0, end_ = 0;
    bool eof_ = false;
    int64_t line_number_ = 0;
    int64_t bytes_read_ = 0;
};

// stdout ("-" or "") or a file, gzipped when the path ends in ".gz"; buffered.
class Output {
  public:
    explicit Output(const std::string& path);  // throws io::Error
    ~Output();                                  // flushes, ignoring errors: call close() to see them
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    void write(std::string_view bytes);  // throws io::Error or io::BrokenPipe
    void close();                        // flushes and closes; throws like write()

  private:
    void flush_buffer();
    std::string path_;
    std::string buffer_;
    int fd_ = -1;
    void* gz_ = nullptr;
    bool closed_ = false;
};

// The paths listed in a file ("-" for stdin), one a line, or separated by NUL with `null`.
std::vector<std::string> read_path_list(const std::string& list_path, bool null_separated);

}  // namespace copydesk::io
