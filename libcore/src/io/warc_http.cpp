// HTTP message helpers of the WARC reader: header values, chunked coding, gzip/deflate, sniffing.
#include "io/warc_http.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace copydesk::io::detail {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Compressed data has control bytes early on; text (HTML, JSON, CSS) has almost none.
bool looks_like_text(std::string_view s) {
    s = s.substr(0, 512);
    if (s.empty()) return true;
    size_t controls = 0;
    for (unsigned char c : s)
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
    return controls == 0;
}

}  // namespace

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string mime_type(std::string_view content_type) {
    std::string_view t = trim(content_type.substr(0, content_type.find(';')));
    if (t.find('/') == std::string_view::npos) return {};
    return ascii_lower(t);
}

std::string content_type_param(std::string_view content_type, std::string_view name) {
    size_t i = content_type.find(';');
    while (i != std::string_view::npos && i < content_type.size()) {
        ++i;
        while (i < content_type.size() && is_space(content_type[i])) ++i;
        const size_t eq = content_type.find_first_of("=;", i);
        if (eq == std::string_view::npos) return {};
        if (content_type[eq] == ';') {
            i = eq;
            continue;
        }
        const std::string_view key = trim(content_type.substr(i, eq - i));
        size_t v = eq + 1;
        while (v < content_type.size() && is_space(content_type[v])) ++v;
        std::string value;
        size_t end;
        if (v < content_type.size() && content_type[v] == '"') {
            end = v + 1;
            while (end < content_type.size() && content_type[end] != '"') {
                if (content_type[end] == '\\' && end + 1 < content_type.size()) ++end;
                value.push_back(content_type[end]);
                ++end;
            }
            end = content_type.find(';', end);
        } else {
            end = content_type.find(';', v);
            value = std::string(trim(content_type.substr(v, end == std::string_view::npos ? end : end - v)));
        }
        if (iequals(key, name)) return value;
        i = end;
    }
    return {};
}

bool dechunk(std::string& body, std::vector<std::string>& warnings) {
    size_t in = 0, out = 0;
    bool first = true;
    for (;;) {
        const size_t nl = body.find('\n', in);
        if (nl == std::string::npos) {
            if (first) return false;
            if (trim(std::string_view(body).substr(in)).empty()) {
                warnings.emplace_back("chunked body without its last chunk");
            } else {
                warnings.emplace_back("truncated chunked body");
            }
            break;
        }
        std::string_view line = std::string_view(body).substr(in, nl - in);
        line = trim(line.substr(0, line.find(';')));
        uint64_t size = 0;
        bool ok = !line.empty() && line.size() <= 15;
        for (char c : line) {
            const int h = hex_value(c);
            if (h < 0) {
                ok = false;
                break;
            }
            size = size * 16 + static_cast<uint64_t>(h);
        }
        if (!ok) {
            if (first) return false;
            warnings.emplace_back("bad chunk size line in chunked body: rest dropped");
            break;
        }
        first = false;
        in = nl + 1;
        if (size == 0) break;  // trailers, if any, are ignored
        if (size > body.size() - in) {
            std::memmove(body.data() + out, body.data() + in, body.size() - in);
            out += body.size() - in;
            in = body.size();
            warnings.emplace_back("truncated chunked body");
            break;
        }
        std::memmove(body.data() + out, body.data() + in, size);
        out += size;
        in += size;
        if (in < body.size() && body[in] == '\r') ++in;
        if (in < body.size() && body[in] == '\n') ++in;
    }
    body.resize(out);
    return true;
}

InflateResult inflate_body(std::string& body, std::string_view coding, size_t max,
                           std::vector<std::string>& warnings) {
    enum class Wrap { gzip, zlib, raw } wrap;
    const auto b0 = body.size() > 0 ? static_cast<unsigned char>(body[0]) : 0u;
    const auto b1 = body.size() > 1 ? static_cast<unsigned char>(body[1]) : 0u;
    if (b0 == 0x1f && b1 == 0x8b) {
        wrap = Wrap::gzip;
    } else if (body.size() >= 2 && (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0 &&
               !(b1 & 0x20)) {
        wrap = Wrap::zlib;
    } else if (iequals(coding, "deflate") || !looks_like_text(body)) {
        wrap = Wrap::raw;
    } else {
        return InflateResult::not_compressed;
    }
    const std::string name = ascii_lower(coding);

    z_stream zs{};
    const int bits = wrap == Wrap::gzip ? 15 + 16 : wrap == Wrap::zlib ? 15 : -15;
    if (inflateInit2(&zs, bits) != Z_OK) {
        warnings.push_back("cannot decode " + name + " data: zlib failed");
        return InflateResult::not_compressed;
    }
    std::string out;
    size_t in_pos = 0;
    InflateResult result = InflateResult::decoded;
    // Inflate in steps of at most 1 MB out, so that `max` is enforced before memory grows.
    size_t have = 0;
    for (;;) {
        if (have > max) {
            result = InflateResult::too_large;
            break;
        }
        const size_t step = std::min<size_t>(max - have + 1, size_t(1) << 20);
        out.resize(have + std::max<size_t>(step, 1));
        const size_t in_left = body.size() - in_pos;
        zs.next_in = reinterpret_cast<Bytef*>(body.data() + in_pos);
        zs.avail_in = static_cast<uInt>(std::min<size_t>(in_left, 1u << 30));
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + have);
        zs.avail_out = static_cast<uInt>(out.size() - have);
        const uInt avail_in_before = zs.avail_in;
        const int ret = inflate(&zs, Z_NO_FLUSH);
        in_pos += avail_in_before - zs.avail_in;
        have = out.size() - zs.avail_out;
        if (ret == Z_STREAM_END) {
            const std::string_view rest = std::string_view(body).substr(in_pos);
            if (wrap == Wrap::gzip && rest.size() >= 2 && rest[0] == '\x1f' && rest[1] == '\x8b') {
                inflateReset(&zs);  // the next gzip member
                continue;
            }
            if (!trim(rest).empty() && rest.find_first_not_of('\0') != std::string_view::npos)
                warnings.push_back(std::to_string(rest.size()) + " bytes after the " + name +
                                   " data ignored");
            break;
        }
        if (ret == Z_OK) continue;
        if (ret == Z_BUF_ERROR && zs.avail_out == 0) continue;
        if (ret == Z_BUF_ERROR) {
            if (wrap == Wrap::raw && have == 0) {
                inflateEnd(&zs);
                return InflateResult::not_compressed;
            }
            warnings.push_back("truncated " + name + " data: kept the " + std::to_string(have) +
                               " bytes decoded");
            break;
        }
        // Z_DATA_ERROR, Z_NEED_DICT, Z_MEM_ERROR. Raw deflate and zlib were guesses: when they
        // fail, the body was not compressed that way (text that starts like a zlib header).
        if (wrap == Wrap::raw || (wrap == Wrap::zlib && have == 0)) {
            inflateEnd(&zs);
            return InflateResult::not_compressed;
        }
        warnings.push_back("damaged " + name + " data: kept the " + std::to_string(have) +
                           " bytes decoded");
        break;
    }
    inflateEnd(&zs);
    if (result == InflateResult::too_large) return result;
    if (have > max) return InflateResult::too_large;
    out.resize(have);
    body.swap(out);
    return InflateResult::decoded;
}

bool sniff_html(std::string_view s) {
    if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    size_t i = 0;
    while (i < s.size() && (s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r' || s[i] == ' ')) ++i;
    s.remove_prefix(i);
    static constexpr std::string_view patterns[] = {
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
        "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--"};
    for (std::string_view p : patterns) {
        if (!istarts_with(s, p)) continue;
        if (p == "<!--") return true;
        if (s.size() == p.size()) continue;
        const char c = s[p.size()];
        if (c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return true;
    }
    if (istarts_with(s, "<?xml")) {
        const std::string head = ascii_lower(s.substr(0, 1024));
        if (head.find("<html") != std::string::npos || head.find("xhtml") != std::string::npos) return true;
    }
    return false;
}

bool is_html_mime(std::string_view mime) { return mime == "text/html" || mime == "application/xhtml+xml"; }

bool is_unknown_mime(std::string_view mime) {
    return mime.empty() || mime == "application/octet-stream" || mime == "unknown/unknown" ||
           mime == "application/unknown" || mime == "*/*" || mime == "binary/octet-stream" ||
           mime == "application/x-unknown-content-type";
}

}  // namespace copydesk::io::detail
