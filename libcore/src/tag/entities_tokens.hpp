// Private to tag: the word tokenizer shared by the entity and keyword taggers.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace copydesk::tag {

struct Token {
    uint32_t b0 = 0, b1 = 0;  // byte offsets in the text, half-open
    uint32_t c0 = 0, c1 = 0;  // code point offsets, half-open
    bool word = false;        // letters and digits (with inner hyphens, apostrophes, dots)
    bool cap = false;         // a word whose first letter is upper case
    bool upper = false;       // a word with at least two letters, all upper case
    bool digit = false;       // a word that starts with a digit
    bool sent = false;        // the first word of a sentence
    bool dotted = false;      // an abbreviation with inner dots ("U.S.")
    bool lower = false;       // a word without upper-case letters
    char32_t punct = 0;       // the character of a punctuation token
};

// Words and punctuation of `text` (UTF-8; whitespace separates and is dropped). "Xi’s" gives
// "Xi" and "’s"; "U.S." and "co-operation" stay whole.
void tokenize(std::string_view text, std::vector<Token>& out);

// A fixed set of words (string literals), for the word lists of the taggers: open
// addressing with a cheap hash, and a quick rejection by length.
class WordList {
  public:
    WordList(std::initializer_list<std::string_view> words);
    bool contains(std::string_view w) const;

  private:
    static size_t hash(std::string_view w);
    std::vector<std::string_view> slots_;
    size_t mask_ = 0;
    uint64_t lengths_ = 0;  // bit n: some word has n bytes (bit 63: 63 or more)
};

// Lower-case ASCII of a word plus UTF-8 lower case of other letters, into out.
void lower_word(std::string_view w, std::string& out);

}  // namespace copydesk::tag
