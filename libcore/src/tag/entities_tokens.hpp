// Private to tag: the word tokenizer shared by the entity and keyword taggers, and those
// taggers on tokenized blocks.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "copydesk/article.hpp"

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

// A block with words, cut into tokens once for both the entity and the keyword tagger.
struct TokenizedBlock {
    std::string_view text;
    int64_t number = 0;    // its index in the article's body
    bool heading = false;
    std::vector<Token> tokens;
};

// Whether a block has words to tag: not empty, not code.
bool has_words(const Block& b);

// The blocks of `a` that have words, tokenized into the first elements of `buffers`, which
// are returned. The buffers are reused (never shrunk), so a caller that keeps them from one
// article to the next allocates almost nothing.
std::span<const TokenizedBlock> tokenize_article(const Article& a, std::vector<TokenizedBlock>& buffers);

// find_entities and find_keywords (copydesk/tag.hpp) on blocks tokenized already. Their
// working buffers are per thread and kept from one call to the next: safe to call from
// several threads, not from inside each other.
std::vector<Annotation> entities_of(std::span<const TokenizedBlock> blocks, std::string_view lang);
std::vector<Keyword> keywords_of(std::span<const TokenizedBlock> blocks, std::string_view lang, size_t max);

// A cheap hash of a word, for the word tables of the taggers.
size_t word_hash(std::string_view w);

// A fixed set of words (string literals), for the word lists of the taggers: open
// addressing with a cheap hash, and a quick rejection by length.
class WordList {
  public:
    WordList(std::initializer_list<std::string_view> words);
    bool contains(std::string_view w) const;

  private:
    std::vector<std::string_view> slots_;
    size_t mask_ = 0;
    uint64_t lengths_ = 0;  // bit n: some word has n bytes (bit 63: 63 or more)
};

// Lower-case ASCII of a word plus UTF-8 lower case of other letters, into out.
void lower_word(std::string_view w, std::string& out);

}  // namespace copydesk::tag
