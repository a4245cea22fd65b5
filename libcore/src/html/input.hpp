// The input stream preprocessing of the spec, done once over the whole input.
#pragma once

#include <string>
#include <string_view>

namespace copydesk::html {

// `bytes` as well-formed UTF-8 (ill-formed sequences become U+FFFD) with CR LF and lone CR
// turned into LF.
std::string preprocess_input(std::string_view bytes);

}  // namespace copydesk::html
