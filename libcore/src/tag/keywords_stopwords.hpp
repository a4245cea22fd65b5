// Private to tag: stop words of the keyword tagger, per language.
#pragma once

#include <string_view>

namespace copydesk::tag {

// True when `lower` (a lower-case word) is a stop word of `lang` ("en", "fr", "de", "es";
// any other language uses the English list). Stop words end key phrases.
bool keyword_stop_word(std::string_view lower, std::string_view lang);

}  // namespace copydesk::tag
