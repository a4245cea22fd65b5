// The WHATWG HTML tokenizer over preprocessed UTF-8 (newlines normalized, bytes well-formed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "html/tags.hpp"

namespace copydesk::html {

struct Attribute {
    std::string name;
    std::string value;
};

struct Token {
    enum class Kind : uint8_t { characters, start_tag, end_tag, comment, doctype, eof };
    Kind kind = Kind::eof;
    Tag tag = Tag::unknown;           // interned `name` of a tag
    bool self_closing = false;
    bool force_quirks = false;        // doctype flags
    bool has_public_id = false;
    bool has_system_id = false;
    std::string name;                 // tag name or doctype name
    std::string data;                 // characters or comment text
    std::string public_id, system_id;
    std::vector<Attribute> attrs;

    const Attribute* find_attr(std::string_view attr_name) const;
};

// Tokenizer states the tree builder switches to (and the tokenizer tests start in).
enum class TextState : uint8_t { data, rcdata, rawtext, script_data, plaintext, cdata_section };

class Tokenizer {
  public:
    // `input` must outlive the tokenizer.
    explicit Tokenizer(std::string_view input) : in_(input) {}

    // The next token; characters are coalesced into runs. Returns eof forever at the end.
    Token& next();

    void switch_to(TextState state);
    void set_last_start_tag(std::string_view name) { last_start_tag_ = name; }
    // Whether "<![CDATA[" opens a CDATA section (the adjusted current node is foreign).
    void set_cdata_allowed(bool allowed) { cdata_allowed_ = allowed; }
    size_t errors() const { return errors_; }

    enum class State : uint8_t;

  private:
    int peek(size_t ahead = 0) const {
        return pos_ + ahead < in_.size() ? static_cast<unsigned char>(in_[pos_ + ahead]) : -1;
    }
    bool starts_with_ci(std::string_view word) const;
    void error() { ++errors_; }
    void run();
    void begin_tag(Token::Kind kind);
    void begin_attribute();
    void finish_attribute_name();
    void emit_tag();
    void emit_comment();
    void emit_doctype();
    void emit_eof();
    bool appropriate_end_tag() const;
    bool try_end_tag_in_text();
    void consume_char_ref(std::string& out, bool in_attribute);
    void consume_numeric_ref(std::string& out);
    std::string& attr_value() { return tag_.attrs.back().value; }

    std::string_view in_;
    size_t pos_ = 0;
    State state_{};
    State return_state_{};
    bool ready_ = false;          // tag_ holds a complete token
    bool chars_pending_tag_ = false;
    bool cdata_allowed_ = false;
    bool attr_dropped_ = false;   // the attribute being read duplicates an earlier one
    size_t errors_ = 0;
    std::string last_start_tag_;
    std::string temp_;            // the spec's temporary buffer
    Token tag_;                   // the tag, comment or doctype being built
    Token chars_;                 // the pending character run
    std::unordered_set<std::string> many_attr_names_;  // duplicate check past 16 attributes
};

}  // namespace copydesk::html
