// Private to tag: stop words of the keyword tagger, per language.
#pragma once

#include <string_view>

#include "tag/entities_tokens.hpp"

namespace copydesk::tag {

// The stop words of `lang` ("en", "fr", "de", "es"; any other language uses the English
// list), as lower-case words. Stop words end key phrases.
const WordList& keyword_stop_words(std::string_view lang);

}  // namespace copydesk::tag
