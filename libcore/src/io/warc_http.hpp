// Private to the WARC reader: HTTP message helpers (header values, chunked coding, content
// codings, HTML sniffing). Pure functions, exposed here for the unit tests.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace copydesk::io::detail {

std::string ascii_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

// "Text/HTML; charset=UTF-8" -> "text/html"; "" when there is no type/subtype.
std::string mime_type(std::string_view content_type);
// The value of a parameter of a Content-Type ("charset"), unquoted; "" when absent.
std::string content_type_param(std::string_view content_type, std::string_view name);

// Undoes chunked transfer coding in place. Returns false (body unchanged) when the body does
// not start with a chunk-size line at all; problems further on are warnings.
bool dechunk(std::string& body, std::vector<std::string>& warnings);

enum class InflateResult { decoded, not_compressed, too_large };
// Undoes one content coding ("gzip", "x-gzip", "deflate") in place: gzip (several members
// too), zlib-wrapped or raw deflate, whatever the label says. A body that is not compressed at
// all is left as is (not_compressed). Output past `max` gives too_large. Damaged or truncated
// data keeps what could be decoded, with a warning.
InflateResult inflate_body(std::string& body, std::string_view coding, size_t max,
                           std::vector<std::string>& warnings);

// The WHATWG MIME sniffing rule for HTML over the first bytes (plus "<?xml ... <html").
bool sniff_html(std::string_view payload);
// text/html or application/xhtml+xml.
bool is_html_mime(std::string_view mime);
// "", application/octet-stream, unknown/unknown and the like: a type that says nothing.
bool is_unknown_mime(std::string_view mime);

}  // namespace copydesk::io::detail
