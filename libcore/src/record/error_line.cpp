// Error records: what a tool emits for input it could not read, so that nothing is lost.
#include <fmt/format.h>
#include <simdjson.h>

#include "copydesk/record.hpp"
#include "copydesk/text.hpp"

namespace copydesk::record {
namespace {

std::string base64(std::string_view in) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        for (int shift : {18, 12, 6, 0}) out += digits[(n >> shift) & 63];
    }
    if (i < in.size()) {
        uint32_t n = uint8_t(in[i]) << 16;
        if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += i + 1 < in.size() ? digits[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool is_json_object(std::string_view s) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(simdjson::padded_string(s)).get(root)) return false;
    return root.is_object();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string error_line(std::string_view line, std::string_view message, std::string_view path,
                       int64_t line_number) {
    std::string out;
    const std::string_view object = trim(line);
    if (object.size() >= 2 && object.front() == '{' && is_json_object(object)) {
        std::string_view head = object.substr(0, object.size() - 1);
        out.append(head);
        if (trim(head.substr(1)).empty() == false) out += ',';
        out += "\"error\":";
        append_json_string(out, message);
        out += '}';
        return out;
    }
    out = fmt::format("{{\"copydesk\":{},\"source\":{{\"path\":", schema_version);
    append_json_string(out, path);
    out += fmt::format(",\"format\":\"jsonl\",\"offset\":{}}},\"body\":[],", line_number);
    if (line.empty()) {
        // nothing to keep (e.g. a line too long to hold)
    } else if (text::is_valid_utf8(line)) {
        out += "\"input\":";
        append_json_string(out, line);
        out += ',';
    } else {
        out += "\"input_base64\":\"" + base64(line) + "\",";
    }
    out += "\"error\":";
    append_json_string(out, message);
    out += '}';
    return out;
}

}  // namespace copydesk::record
