// The input stream preprocessing of the spec, done once over the whole input.
#pragma once

#include <string>
#include <string_view>

namespace copydesk::html {

// `bytes` as well-formed UTF-8 (ill-formed sequences become U+FFFD) with CR LF and lone CR
// turned into LF. Returns `bytes` itself when it needs no change (no copy: most pages), else
// the fixed text kept in `storage`.
std::string_view preprocess_input(std::string_view bytes, std::string& storage);

}  // namespace copydesk::html
