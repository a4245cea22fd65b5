#include <cstring>

#include "copydesk/io.hpp"

namespace copydesk::io {

LineReader::LineReader(Input& in, size_t max_line) : in_(in), max_line_(max_line) {
    buf_.resize(1 << 16);
}

// Moves the unread bytes to the front and reads more after them; false at the end of input.
bool LineReader::fill() {
    if (eof_) return false;
    if (begin_ > 0) {
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
    const size_t n = in_.read(buf_.data() + end_, buf_.size() - end_);
    if (n == 0) eof_ = true;
    end_ += n;
    bytes_read_ += static_cast<int64_t>(n);
    return n > 0;
}

LineReader::Status LineReader::next(std::string_view& line, size_t& skipped) {
    size_t scanned = 0;  // bytes after begin_ known to hold no '\n'
    for (;;) {
        const char* start = buf_.data() + begin_;
        const size_t avail = end_ - begin_;
        if (const void* nl = std::memchr(start + scanned, '\n', avail - scanned)) {
            const size_t len = static_cast<const char*>(nl) - start;
            begin_ += len + 1;
            ++line_number_;
            if (len > max_line_) {
                skipped = len;
                return Status::too_long;
            }
            line = std::string_view(start, len);
            return Status::line;
        }
        scanned = avail;
        if (avail > max_line_) break;
        if (!fill()) {
            if (end_ == begin_) return Status::end;
            const size_t len = end_ - begin_;
            line = std::string_view(buf_.data() + begin_, len);
            begin_ = end_;
            ++line_number_;
            if (len > max_line_) {
                skipped = len;
                return Status::too_long;
            }
            return Status::line;
        }
    }
    // The line is too long: drop it up to its newline without keeping it.
    skipped = end_ - begin_;
    begin_ = end_ = 0;
    ++line_number_;
    for (;;) {
        if (!fill()) return Status::too_long;
        if (const void* nl = std::memchr(buf_.data(), '\n', end_)) {
            const size_t len = static_cast<const char*>(nl) - buf_.data();
            skipped += len;
            begin_ = len + 1;
            return Status::too_long;
        }
        skipped += end_;
        begin_ = end_ = 0;
    }
}

}  // namespace copydesk::io
