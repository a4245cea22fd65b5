// Private to tag: a quick test of whether a text is in a given language, by its share of
// that language's most frequent function words. Used to skip CLD2 for blocks of an article in the article's language.
#pragma once

#include <string_view>

namespace copydesk::tag {

// True when `text` (at least 8 words) is plainly in `lang` ("en", "fr", "de", "es", "it",
// "pt", "nl"): at least a fifth of its words are frequent function words of `lang`, clearly
// more than of any other of these languages. False means "not sure", never "no".
bool plainly_in(std::string_view text, std::string_view lang);

}  // namespace copydesk::tag
