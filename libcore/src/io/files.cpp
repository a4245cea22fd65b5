#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "copydesk/io.hpp"

namespace copydesk::io {
namespace {

std::string describe(const std::string& path) { return path == "-" || path.empty() ? "stdin" : path; }

std::string system_error(const std::string& path, std::string_view what) {
    return describe(path) + ": " + std::string(what) + ": " + std::strerror(errno);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Input::Input(const std::string& path) : path_(path) {
    const bool is_stdin = path.empty() || path == "-";
    int fd = is_stdin ? dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(system_error(path, "cannot open"));
    struct stat st {};
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            ::close(fd);
            errno = EISDIR;
            throw Error(system_error(path, "cannot read"));
        }
        if (S_ISREG(st.st_mode)) size_ = st.st_size;
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        ::close(fd);
        throw Error(system_error(path, "cannot open"));
    }
    gzbuffer(gz, 1 << 17);
    gz_ = gz;
    gzipped_ = gzdirect(gz) == 0;  // called right after gzbuffer(), it looks at the first bytes
}

Input::~Input() {
    if (gz_) gzclose_r(static_cast<gzFile>(gz_));
}

size_t Input::read(char* buf, size_t n) {
    if (!damage_.empty()) return 0;
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(n, 1u << 30));
    const int got = gzread(static_cast<gzFile>(gz_), buf, chunk);
    if (got > 0) return static_cast<size_t>(got);
    // At the end, or an error: a stream that ended early reports Z_BUF_ERROR only now.
    int code = Z_OK;
    const char* msg = gzerror(static_cast<gzFile>(gz_), &code);
    if (got == 0 && code == Z_OK) return 0;
    if (code == Z_ERRNO) throw Error(system_error(path_, "read error"));
    std::string_view detail = msg ? msg : "unknown error";
    if (detail.rfind("<fd:", 0) == 0 && detail.find(": ") != std::string_view::npos)
        detail.remove_prefix(detail.find(": ") + 2);  // zlib names the descriptor, we name the path
    damage_ = "damaged gzip data: " + std::string(detail);
    return 0;
}

ReadAll read_all(const std::string& path, size_t max_bytes) {
    Input in(path);
    ReadAll r;
    if (in.size_on_disk() > 0 && !in.gzipped())
        r.bytes.reserve(std::min<size_t>(static_cast<size_t>(in.size_on_disk()), max_bytes));
    char buf[1 << 16];
    while (size_t n = in.read(buf, sizeof buf)) {
        if (r.bytes.size() + n > max_bytes) {
            r.bytes.append(buf, max_bytes - r.bytes.size());
            r.truncated = true;
            break;
        }
        r.bytes.append(buf, n);
    }
    r.damage = in.damage();
    return r;
}

Output::Output(const std::string& path) : path_(path) {
    if (path.empty() || path == "-") {
        fd_ = STDOUT_FILENO;
    } else {
        fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd_ < 0) throw Error(system_error(path, "cannot create"));
        if (ends_with(path, ".gz")) {
            gz_ = gzdopen(fd_, "wb6");
            if (!gz_) throw Error(system_error(path, "cannot create"));
        }
    }
    buffer_.reserve(1 << 17);
}

Output::~Output() {
    try {
        close();
    } catch (...) {
    }
}

void Output::write(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= (1 << 17)) flush_buffer();
}

void Output::flush_buffer() {
    if (buffer_.empty()) return;
    if (gz_) {
        if (gzwrite(static_cast<gzFile>(gz_), buffer_.data(), static_cast<unsigned>(buffer_.size())) <= 0)
            throw Error(system_error(path_, "write error"));
        buffer_.clear();
        return;
    }
    const char* p = buffer_.data();
    size_t left = buffer_.size();
    while (left) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) {
                buffer_.clear();
                throw BrokenPipe();
            }
            buffer_.clear();
            throw Error(system_error(path_.empty() ? "stdout" : path_, "write error"));
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    buffer_.clear();
}

void Output::close() {
    if (closed_) return;
    closed_ = true;
    flush_buffer();
    if (gz_) {
        if (gzclose_w(static_cast<gzFile>(gz_)) != Z_OK) throw Error(system_error(path_, "write error"));
        gz_ = nullptr;
    } else if (fd_ != STDOUT_FILENO && fd_ >= 0) {
        if (::close(fd_) != 0) throw Error(system_error(path_, "write error"));
    }
    fd_ = -1;
}

std::vector<std::string> read_path_list(const std::string& list_path, bool null_separated) {
    const ReadAll all = read_all(list_path, size_t(1) << 30);
    std::vector<std::string> paths;
    const char sep = null_separated ? '\0' : '\n';
    size_t start = 0;
    while (start < all.bytes.size()) {
        size_t end = all.bytes.find(sep, start);
        if (end == std::string::npos) end = all.bytes.size();
        std::string_view p(all.bytes.data() + start, end - start);
        if (!null_separated && !p.empty() && p.back() == '\r') p.remove_suffix(1);
        if (!p.empty()) paths.emplace_back(p);
        start = end + 1;
    }
    return paths;
}

}  // namespace copydesk::io
