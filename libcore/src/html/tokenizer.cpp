#include "html/tokenizer.hpp"

#include <array>
#include <cstring>

#include "copydesk/text.hpp"
#include "html/entities.hpp"

namespace copydesk::html {

enum class Tokenizer::State : uint8_t {
    data, rcdata, rawtext, script_data, plaintext, tag_open, end_tag_open, tag_name,
    script_data_lt, script_data_escape_start, script_data_escape_start_dash, script_data_escaped,
    script_data_escaped_dash, script_data_escaped_dash_dash, script_data_escaped_lt,
    script_data_double_escape_start, script_data_double_escaped, script_data_double_escaped_dash,
    script_data_double_escaped_dash_dash, script_data_double_escaped_lt,
    script_data_double_escape_end, before_attribute_name, attribute_name, after_attribute_name,
    before_attribute_value, attribute_value_double_quoted, attribute_value_single_quoted,
    attribute_value_unquoted, after_attribute_value_quoted, self_closing_start_tag, bogus_comment,
    markup_declaration_open, comment_start, comment_start_dash, comment, comment_lt,
    comment_lt_bang, comment_lt_bang_dash, comment_lt_bang_dash_dash, comment_end_dash,
    comment_end, comment_end_bang, doctype, before_doctype_name, doctype_name, after_doctype_name,
    after_doctype_public_keyword, before_doctype_public_id, doctype_public_id_double_quoted,
    doctype_public_id_single_quoted, after_doctype_public_id,
    between_doctype_public_and_system_ids, after_doctype_system_keyword, before_doctype_system_id,
    doctype_system_id_double_quoted, doctype_system_id_single_quoted, after_doctype_system_id,
    bogus_doctype, cdata_section, cdata_section_bracket, cdata_section_end,
};

namespace {

using State = Tokenizer::State;
constexpr int eof = -1;
constexpr std::string_view replacement = "\xEF\xBF\xBD";

bool is_ws(int c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }
bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(int c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(int c) { return static_cast<char>(is_upper(c) ? c + 32 : c); }

// Bytes that end a run of ordinary characters in a state, for the scanning fast paths.
using StopSet = std::array<bool, 256>;
constexpr StopSet stop_set(std::string_view stops) {
    StopSet s{};
    for (char c : stops) s[static_cast<unsigned char>(c)] = true;
    return s;
}
constexpr StopSet data_stops = stop_set({"<&\0", 3});
constexpr StopSet rawtext_stops = stop_set({"<\0", 2});
constexpr StopSet tag_name_stops = stop_set({"\t\n\f\r />\0ABCDEFGHIJKLMNOPQRSTUVWXYZ", 34});
constexpr StopSet attribute_name_stops =
    stop_set({"\t\n\f\r />=\0\"'<ABCDEFGHIJKLMNOPQRSTUVWXYZ", 38});
constexpr StopSet double_quoted_stops = stop_set({"\"&\0", 3});
constexpr StopSet single_quoted_stops = stop_set({"'&\0", 3});
constexpr StopSet comment_stops = stop_set({"<-\0", 3});
constexpr StopSet cdata_stops = stop_set({"]", 1});
constexpr StopSet plaintext_stops = stop_set({"\0", 1});
constexpr StopSet bogus_comment_stops = stop_set({">\0", 2});

// Windows-1252 meanings of numeric references to C1 controls (0 when unmapped).
constexpr char16_t c1_replacements[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
    0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

}  // namespace

const Attribute* Token::find_attr(std::string_view attr_name) const {
    for (const Attribute& a : attrs)
        if (a.name == attr_name) return &a;
    return nullptr;
}

Token& Tokenizer::next() {
    if (chars_pending_tag_) {
        chars_pending_tag_ = false;
        return tag_;
    }
    ready_ = false;
    chars_.kind = Token::Kind::characters;
    // A long text run (an inline script) leaves a big buffer: give it back rather than hold it
    // while the rest of the tree is built.
    constexpr size_t kept_capacity = 64 * 1024;
    if (chars_.data.capacity() > kept_capacity) std::string().swap(chars_.data);
    chars_.data.clear();
    while (!ready_) run();
    if (!chars_.data.empty()) {
        chars_pending_tag_ = true;
        return chars_;
    }
    return tag_;
}

void Tokenizer::switch_to(TextState state) {
    switch (state) {
        case TextState::data: state_ = State::data; break;
        case TextState::rcdata: state_ = State::rcdata; break;
        case TextState::rawtext: state_ = State::rawtext; break;
        case TextState::script_data: state_ = State::script_data; break;
        case TextState::plaintext: state_ = State::plaintext; break;
        case TextState::cdata_section: state_ = State::cdata_section; break;
    }
}

bool Tokenizer::starts_with_ci(std::string_view word) const {
    if (in_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (lower(static_cast<unsigned char>(in_[pos_ + i])) != word[i]) return false;
    return true;
}

void Tokenizer::begin_tag(Token::Kind kind) {
    tag_.kind = kind;
    tag_.name.clear();
    tag_.attrs.clear();
    tag_.self_closing = false;
    attr_dropped_ = false;
    many_attr_names_.clear();
}

void Tokenizer::begin_attribute() {
    if (attr_dropped_) tag_.attrs.pop_back();
    attr_dropped_ = false;
    tag_.attrs.emplace_back();
}

// Drops a duplicate attribute (the first one wins). Tags with many attributes switch from a
// linear scan to a hash set, so a tag with 100,000 attributes costs linear time.
void Tokenizer::finish_attribute_name() {
    constexpr size_t linear_limit = 16;
    const size_t n = tag_.attrs.size();
    const std::string& name = tag_.attrs.back().name;
    if (n <= linear_limit) {
        for (size_t i = 0; i + 1 < n; ++i)
            if (tag_.attrs[i].name == name) attr_dropped_ = true;
    } else {
        if (many_attr_names_.empty())
            for (size_t i = 0; i + 1 < n; ++i) many_attr_names_.insert(tag_.attrs[i].name);
        attr_dropped_ = !many_attr_names_.insert(name).second;
    }
    if (attr_dropped_) error();
}

void Tokenizer::emit_tag() {
    if (attr_dropped_) tag_.attrs.pop_back();
    attr_dropped_ = false;
    tag_.tag = lookup_tag(tag_.name);
    if (tag_.kind == Token::Kind::start_tag) last_start_tag_ = tag_.name;
    else if (!tag_.attrs.empty() || tag_.self_closing) error();
    state_ = State::data;
    ready_ = true;
}

void Tokenizer::emit_comment() {
    tag_.kind = Token::Kind::comment;
    state_ = State::data;
    ready_ = true;
}

void Tokenizer::emit_doctype() {
    tag_.kind = Token::Kind::doctype;
    state_ = State::data;
    ready_ = true;
}

void Tokenizer::emit_eof() {
    tag_.kind = Token::Kind::eof;
    state_ = State::data;
    pos_ = in_.size();
    ready_ = true;
}

bool Tokenizer::appropriate_end_tag() const { return tag_.name == last_start_tag_; }

// After "</" in RCDATA, RAWTEXT or script data: an appropriate end tag starts a tag token;
// anything else is text ("</" is emitted and the letters follow as ordinary characters).
bool Tokenizer::try_end_tag_in_text() {
    size_t end = pos_;
    while (end < in_.size() && is_alpha(static_cast<unsigned char>(in_[end]))) ++end;
    const int after = end < in_.size() ? static_cast<unsigned char>(in_[end]) : eof;
    if (end == pos_ || !(is_ws(after) || after == '/' || after == '>')) return false;
    if (end - pos_ != last_start_tag_.size()) return false;
    for (size_t i = pos_; i < end; ++i)
        if (lower(static_cast<unsigned char>(in_[i])) != last_start_tag_[i - pos_]) return false;
    begin_tag(Token::Kind::end_tag);
    tag_.name = last_start_tag_;
    pos_ = end + 1;
    if (after == '>') emit_tag();
    else state_ = after == '/' ? State::self_closing_start_tag : State::before_attribute_name;
    return true;
}

void Tokenizer::consume_char_ref(std::string& out, bool in_attribute) {
    const int c = peek();
    if (c == '#') {
        ++pos_;
        consume_numeric_ref(out);
        return;
    }
    if (!is_alnum(c)) {
        out.push_back('&');
        return;
    }
    const Entity* e = find_entity(in_.substr(pos_, 40));
    if (e == nullptr) {  // ambiguous ampersand: the letters follow as ordinary characters
        out.push_back('&');
        return;
    }
    const size_t len = std::strlen(e->name);
    const bool semicolon = e->name[len - 1] == ';';
    if (in_attribute && !semicolon) {
        const int after = peek(len);
        if (after == '=' || is_alnum(after)) {
            out.push_back('&');
            return;
        }
    }
    if (!semicolon) error();
    out += e->value;
    pos_ += len;
}

void Tokenizer::consume_numeric_ref(std::string& out) {
    const bool hex = peek() == 'x' || peek() == 'X';
    const size_t start = pos_ + (hex ? 1 : 0);
    size_t i = start;
    uint32_t code = 0;
    for (; i < in_.size(); ++i) {
        const int d = static_cast<unsigned char>(in_[i]);
        if (hex ? !is_hex(d) : !is_digit(d)) break;
        const uint32_t v = is_digit(d) ? d - '0' : (lower(d) - 'a' + 10);
        code = code * (hex ? 16 : 10) + v;
        if (code > 0x10FFFF) code = 0x110000;  // saturate: stays out of range
    }
    if (i == start) {  // no digits: "&#" (and the x) are text
        error();
        out.append(in_.data() + pos_ - 2, start - pos_ + 2);
        pos_ = start;
        return;
    }
    pos_ = i;
    if (peek() == ';') ++pos_;
    else error();
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        error();
        code = 0xFFFD;
    } else if (code >= 0x80 && code <= 0x9F && c1_replacements[code - 0x80] != 0) {
        error();
        code = c1_replacements[code - 0x80];
    }
    text::append_utf8(out, static_cast<char32_t>(code));
}

void Tokenizer::run() {
    const int c = peek();
    std::string& chars = chars_.data;
    auto scan = [&](const StopSet& stops, std::string& out) {
        const size_t start = pos_;
        const size_t n = in_.size();
        while (pos_ < n && !stops[static_cast<unsigned char>(in_[pos_])]) ++pos_;
        out.append(in_.data() + start, pos_ - start);
    };
    auto reconsume = [&](State s) { state_ = s; };
    auto consume = [&](State s) { ++pos_; state_ = s; };
    auto new_comment = [&](std::string_view data) {
        tag_.kind = Token::Kind::comment;
        tag_.data.assign(data);
    };
    auto new_doctype = [&]() {
        tag_.kind = Token::Kind::doctype;
        tag_.name.clear();
        tag_.public_id.clear();
        tag_.system_id.clear();
        tag_.has_public_id = tag_.has_system_id = tag_.force_quirks = false;
    };
    auto eof_in_doctype = [&]() {
        error();
        tag_.force_quirks = true;
        emit_doctype();
    };
    auto missing_doctype_part = [&]() {  // '>' where the doctype needs more
        error();
        tag_.force_quirks = true;
        ++pos_;
        emit_doctype();
    };

    switch (state_) {
        case State::data:
            scan(data_stops, chars);
            if (pos_ >= in_.size()) return emit_eof();
            switch (in_[pos_]) {
                case '&': ++pos_; return consume_char_ref(chars, false);
                case '<': return consume(State::tag_open);
                default: error(); ++pos_; chars.push_back('\0'); return;
            }
        case State::rcdata:
        case State::rawtext: {
            const bool rcdata = state_ == State::rcdata;
            scan(rcdata ? data_stops : rawtext_stops, chars);
            if (pos_ >= in_.size()) return emit_eof();
            const char ch = in_[pos_++];
            if (ch == '&') return consume_char_ref(chars, false);
            if (ch == '\0') { error(); chars += replacement; return; }
            if (peek() == '/') {
                ++pos_;
                if (!try_end_tag_in_text()) chars += "</";
                return;
            }
            chars.push_back('<');
            return;
        }
        case State::script_data:
            scan(rawtext_stops, chars);
            if (pos_ >= in_.size()) return emit_eof();
            if (in_[pos_] == '\0') { error(); ++pos_; chars += replacement; return; }
            return consume(State::script_data_lt);
        case State::plaintext:
            scan(plaintext_stops, chars);
            if (pos_ >= in_.size()) return emit_eof();
            error(); ++pos_; chars += replacement;
            return;
        case State::tag_open:
            if (c == '!') return consume(State::markup_declaration_open);
            if (c == '/') return consume(State::end_tag_open);
            if (is_alpha(c)) { begin_tag(Token::Kind::start_tag); return reconsume(State::tag_name); }
            if (c == '?') { error(); new_comment(""); return reconsume(State::bogus_comment); }
            error();
            chars.push_back('<');
            return reconsume(State::data);
        case State::end_tag_open:
            if (is_alpha(c)) { begin_tag(Token::Kind::end_tag); return reconsume(State::tag_name); }
            if (c == '>') { error(); return consume(State::data); }
            if (c == eof) { error(); chars += "</"; return reconsume(State::data); }
            error();
            new_comment("");
            return reconsume(State::bogus_comment);
        case State::tag_name:
            scan(tag_name_stops, tag_.name);
            switch (peek()) {
                case '\t': case '\n': case '\f': case '\r': case ' ':
                    return consume(State::before_attribute_name);
                case '/': return consume(State::self_closing_start_tag);
                case '>': ++pos_; return emit_tag();
                case 0: error(); ++pos_; tag_.name += replacement; return;
                case eof: error(); return emit_eof();
                default: tag_.name.push_back(lower(in_[pos_++])); return;
            }
        case State::script_data_lt:
            if (c == '/') {
                ++pos_;
                if (!try_end_tag_in_text()) { chars += "</"; state_ = State::script_data; }
                return;
            }
            if (c == '!') { chars += "<!"; return consume(State::script_data_escape_start); }
            chars.push_back('<');
            return reconsume(State::script_data);
        case State::script_data_escape_start:
            if (c == '-') { chars.push_back('-'); return consume(State::script_data_escape_start_dash); }
            return reconsume(State::script_data);
        case State::script_data_escape_start_dash:
            if (c == '-') { chars.push_back('-'); return consume(State::script_data_escaped_dash_dash); }
            return reconsume(State::script_data);
        case State::script_data_escaped:
        case State::script_data_escaped_dash:
        case State::script_data_escaped_dash_dash: {
            if (c == '-') {
                chars.push_back('-');
                return consume(state_ == State::script_data_escaped ? State::script_data_escaped_dash
                                                                     : State::script_data_escaped_dash_dash);
            }
            if (c == '<') return consume(State::script_data_escaped_lt);
            if (c == '>' && state_ == State::script_data_escaped_dash_dash) {
                chars.push_back('>');
                return consume(State::script_data);
            }
            if (c == eof) { error(); return emit_eof(); }
            if (c == 0) { error(); chars += replacement; }
            else chars.push_back(in_[pos_]);
            return consume(State::script_data_escaped);
        }
        case State::script_data_escaped_lt:
            if (c == '/') {
                ++pos_;
                if (!try_end_tag_in_text()) {
                    chars += "</";
                    state_ = State::script_data_escaped;
                }
                return;
            }
            chars.push_back('<');
            if (is_alpha(c)) { temp_.clear(); return reconsume(State::script_data_double_escape_start); }
            return reconsume(State::script_data_escaped);
        case State::script_data_double_escape_start:
        case State::script_data_double_escape_end: {
            const bool start = state_ == State::script_data_double_escape_start;
            if (is_ws(c) || c == '/' || c == '>') {
                chars.push_back(static_cast<char>(c));
                const bool script = temp_ == "script";
                return consume((script == start) ? State::script_data_double_escaped
                                                 : State::script_data_escaped);
            }
            if (is_alpha(c)) { temp_.push_back(lower(c)); chars.push_back(static_cast<char>(c)); ++pos_; return; }
            return reconsume(start ? State::script_data_escaped : State::script_data_double_escaped);
        }
        case State::script_data_double_escaped:
        case State::script_data_double_escaped_dash:
        case State::script_data_double_escaped_dash_dash:
            if (c == '-') {
                chars.push_back('-');
                return consume(state_ == State::script_data_double_escaped
                                   ? State::script_data_double_escaped_dash
                                   : State::script_data_double_escaped_dash_dash);
            }
            if (c == '<') { chars.push_back('<'); return consume(State::script_data_double_escaped_lt); }
            if (c == '>' && state_ == State::script_data_double_escaped_dash_dash) {
                chars.push_back('>');
                return consume(State::script_data);
            }
            if (c == eof) { error(); return emit_eof(); }
            if (c == 0) { error(); chars += replacement; }
            else chars.push_back(in_[pos_]);
            return consume(State::script_data_double_escaped);
        case State::script_data_double_escaped_lt:
            if (c == '/') { chars.push_back('/'); temp_.clear(); return consume(State::script_data_double_escape_end); }
            return reconsume(State::script_data_double_escaped);
        case State::before_attribute_name:
            if (is_ws(c)) { ++pos_; return; }
            if (c == '/' || c == '>' || c == eof) return reconsume(State::after_attribute_name);
            begin_attribute();
            if (c == '=') { error(); tag_.attrs.back().name.push_back('='); ++pos_; }
            return reconsume(State::attribute_name);
        case State::attribute_name:
            scan(attribute_name_stops, tag_.attrs.back().name);
            switch (peek()) {
                case '\t': case '\n': case '\f': case '\r': case ' ': case '/': case '>': case eof:
                    finish_attribute_name();
                    return reconsume(State::after_attribute_name);
                case '=':
                    finish_attribute_name();
                    return consume(State::before_attribute_value);
                case 0: error(); tag_.attrs.back().name += replacement; ++pos_; return;
                case '"': case '\'': case '<': error(); [[fallthrough]];
                default: tag_.attrs.back().name.push_back(lower(peek())); ++pos_; return;
            }
        case State::after_attribute_name:
            if (is_ws(c)) { ++pos_; return; }
            if (c == '/') return consume(State::self_closing_start_tag);
            if (c == '=') return consume(State::before_attribute_value);
            if (c == '>') { ++pos_; return emit_tag(); }
            if (c == eof) { error(); return emit_eof(); }
            begin_attribute();
            return reconsume(State::attribute_name);
        case State::before_attribute_value:
            if (is_ws(c)) { ++pos_; return; }
            if (c == '"') return consume(State::attribute_value_double_quoted);
            if (c == '\'') return consume(State::attribute_value_single_quoted);
            if (c == '>') { error(); ++pos_; return emit_tag(); }
            return reconsume(State::attribute_value_unquoted);
        case State::attribute_value_double_quoted:
        case State::attribute_value_single_quoted: {
            const bool dq = state_ == State::attribute_value_double_quoted;
            scan(dq ? double_quoted_stops : single_quoted_stops, attr_value());
            const int d = peek();
            if (d == eof) { error(); return emit_eof(); }
            ++pos_;
            if (d == '&') return consume_char_ref(attr_value(), true);
            if (d == 0) { error(); attr_value() += replacement; return; }
            state_ = State::after_attribute_value_quoted;
            return;
        }
        case State::attribute_value_unquoted:
            switch (c) {
                case '\t': case '\n': case '\f': case '\r': case ' ':
                    return consume(State::before_attribute_name);
                case '&': ++pos_; return consume_char_ref(attr_value(), true);
                case '>': ++pos_; return emit_tag();
                case 0: error(); ++pos_; attr_value() += replacement; return;
                case eof: error(); return emit_eof();
                case '"': case '\'': case '<': case '=': case '`': error(); [[fallthrough]];
                default: attr_value().push_back(static_cast<char>(c)); ++pos_; return;
            }
        case State::after_attribute_value_quoted:
            if (is_ws(c)) return consume(State::before_attribute_name);
            if (c == '/') return consume(State::self_closing_start_tag);
            if (c == '>') { ++pos_; return emit_tag(); }
            if (c == eof) { error(); return emit_eof(); }
            error();
            return reconsume(State::before_attribute_name);
        case State::self_closing_start_tag:
            if (c == '>') { tag_.self_closing = true; ++pos_; return emit_tag(); }
            if (c == eof) { error(); return emit_eof(); }
            error();
            return reconsume(State::before_attribute_name);
        case State::bogus_comment:
            scan(bogus_comment_stops, tag_.data);
            if (pos_ >= in_.size()) { emit_comment(); return; }
            if (in_[pos_++] == '>') return emit_comment();
            error();
            tag_.data += replacement;
            return;
        case State::markup_declaration_open:
            if (in_.substr(pos_, 2) == "--") {
                pos_ += 2;
                new_comment("");
                state_ = State::comment_start;
                return;
            }
            if (starts_with_ci("doctype")) { pos_ += 7; state_ = State::doctype; return; }
            if (in_.substr(pos_, 7) == "[CDATA[") {
                pos_ += 7;
                if (cdata_allowed_) { state_ = State::cdata_section; return; }
                error();
                new_comment("[CDATA[");
                state_ = State::bogus_comment;
                return;
            }
            error();
            new_comment("");
            return reconsume(State::bogus_comment);
        case State::comment_start:
            if (c == '-') return consume(State::comment_start_dash);
            if (c == '>') { error(); ++pos_; return emit_comment(); }
            return reconsume(State::comment);
        case State::comment_start_dash:
            if (c == '-') return consume(State::comment_end);
            if (c == '>') { error(); ++pos_; return emit_comment(); }
            if (c == eof) { error(); return emit_comment(); }
            tag_.data.push_back('-');
            return reconsume(State::comment);
        case State::comment:
            scan(comment_stops, tag_.data);
            switch (peek()) {
                case '<': tag_.data.push_back('<'); return consume(State::comment_lt);
                case '-': return consume(State::comment_end_dash);
                case 0: error(); ++pos_; tag_.data += replacement; return;
                default: error(); return emit_comment();  // eof
            }
        case State::comment_lt:
            if (c == '!') { tag_.data.push_back('!'); return consume(State::comment_lt_bang); }
            if (c == '<') { tag_.data.push_back('<'); ++pos_; return; }
            return reconsume(State::comment);
        case State::comment_lt_bang:
            if (c == '-') return consume(State::comment_lt_bang_dash);
            return reconsume(State::comment);
        case State::comment_lt_bang_dash:
            if (c == '-') return consume(State::comment_lt_bang_dash_dash);
            return reconsume(State::comment_end_dash);
        case State::comment_lt_bang_dash_dash:
            if (c != '>' && c != eof) error();
            return reconsume(State::comment_end);
        case State::comment_end_dash:
            if (c == '-') return consume(State::comment_end);
            if (c == eof) { error(); return emit_comment(); }
            tag_.data.push_back('-');
            return reconsume(State::comment);
        case State::comment_end:
            if (c == '>') { ++pos_; return emit_comment(); }
            if (c == '!') return consume(State::comment_end_bang);
            if (c == '-') { tag_.data.push_back('-'); ++pos_; return; }
            if (c == eof) { error(); return emit_comment(); }
            tag_.data += "--";
            return reconsume(State::comment);
        case State::comment_end_bang:
            if (c == '-') { tag_.data += "--!"; return consume(State::comment_end_dash); }
            if (c == '>') { error(); ++pos_; return emit_comment(); }
            if (c == eof) { error(); return emit_comment(); }
            tag_.data += "--!";
            return reconsume(State::comment);
        case State::doctype:
            if (is_ws(c)) return consume(State::before_doctype_name);
            if (c == eof) { new_doctype(); return eof_in_doctype(); }
            if (c != '>') error();
            return reconsume(State::before_doctype_name);
        case State::before_doctype_name:
            if (is_ws(c)) { ++pos_; return; }
            new_doctype();
            if (c == '>') return missing_doctype_part();
            if (c == eof) return eof_in_doctype();
            if (c == 0) { error(); tag_.name += replacement; }
            else tag_.name.push_back(lower(c));
            return consume(State::doctype_name);
        case State::doctype_name:
            if (is_ws(c)) return consume(State::after_doctype_name);
            if (c == '>') { ++pos_; return emit_doctype(); }
            if (c == eof) return eof_in_doctype();
            if (c == 0) { error(); tag_.name += replacement; }
            else tag_.name.push_back(lower(c));
            ++pos_;
            return;
        case State::after_doctype_name:
            if (is_ws(c)) { ++pos_; return; }
            if (c == '>') { ++pos_; return emit_doctype(); }
            if (c == eof) return eof_in_doctype();
            if (starts_with_ci("public")) { pos_ += 6; state_ = State::after_doctype_public_keyword; return; }
            if (starts_with_ci("system")) { pos_ += 6; state_ = State::after_doctype_system_keyword; return; }
            error();
            tag_.force_quirks = true;
            return reconsume(State::bogus_doctype);
        case State::after_doctype_public_keyword:
        case State::before_doctype_public_id:
        case State::after_doctype_system_keyword:
        case State::before_doctype_system_id: {
            const bool keyword = state_ == State::after_doctype_public_keyword ||
                                 state_ == State::after_doctype_system_keyword;
            const bool is_public = state_ == State::after_doctype_public_keyword ||
                                   state_ == State::before_doctype_public_id;
            if (is_ws(c)) {
                ++pos_;
                if (keyword) state_ = is_public ? State::before_doctype_public_id : State::before_doctype_system_id;
                return;
            }
            if (c == '"' || c == '\'') {
                if (keyword) error();
                if (is_public) { tag_.has_public_id = true; tag_.public_id.clear(); }
                else { tag_.has_system_id = true; tag_.system_id.clear(); }
                const bool dq = c == '"';
                return consume(is_public ? (dq ? State::doctype_public_id_double_quoted : State::doctype_public_id_single_quoted)
                                         : (dq ? State::doctype_system_id_double_quoted : State::doctype_system_id_single_quoted));
            }
            if (c == '>') return missing_doctype_part();
            if (c == eof) return eof_in_doctype();
            error();
            tag_.force_quirks = true;
            return reconsume(State::bogus_doctype);
        }
        case State::doctype_public_id_double_quoted:
        case State::doctype_public_id_single_quoted:
        case State::doctype_system_id_double_quoted:
        case State::doctype_system_id_single_quoted: {
            const bool is_public = state_ == State::doctype_public_id_double_quoted ||
                                   state_ == State::doctype_public_id_single_quoted;
            const bool dq = state_ == State::doctype_public_id_double_quoted ||
                            state_ == State::doctype_system_id_double_quoted;
            std::string& id = is_public ? tag_.public_id : tag_.system_id;
            if (c == (dq ? '"' : '\'')) return consume(is_public ? State::after_doctype_public_id : State::after_doctype_system_id);
            if (c == '>') return missing_doctype_part();
            if (c == eof) return eof_in_doctype();
            if (c == 0) { error(); id += replacement; }
            else id.push_back(static_cast<char>(c));
            ++pos_;
            return;
        }
        case State::after_doctype_public_id:
        case State::between_doctype_public_and_system_ids: {
            const bool between = state_ == State::between_doctype_public_and_system_ids;
            if (is_ws(c)) { ++pos_; state_ = State::between_doctype_public_and_system_ids; return; }
            if (c == '>') { ++pos_; return emit_doctype(); }
            if (c == '"' || c == '\'') {
                if (!between) error();
                tag_.has_system_id = true;
                tag_.system_id.clear();
                return consume(c == '"' ? State::doctype_system_id_double_quoted : State::doctype_system_id_single_quoted);
            }
            if (c == eof) return eof_in_doctype();
            error();
            tag_.force_quirks = true;
            return reconsume(State::bogus_doctype);
        }
        case State::after_doctype_system_id:
            if (is_ws(c)) { ++pos_; return; }
            if (c == '>') { ++pos_; return emit_doctype(); }
            if (c == eof) return eof_in_doctype();
            error();
            return reconsume(State::bogus_doctype);
        case State::bogus_doctype:
            if (c == '>') { ++pos_; return emit_doctype(); }
            if (c == eof) { emit_doctype(); return; }
            ++pos_;
            return;
        case State::cdata_section:
            scan(cdata_stops, chars);
            if (pos_ >= in_.size()) { error(); return emit_eof(); }
            return consume(State::cdata_section_bracket);
        case State::cdata_section_bracket:
            if (c == ']') return consume(State::cdata_section_end);
            chars.push_back(']');
            return reconsume(State::cdata_section);
        case State::cdata_section_end:
            if (c == ']') { chars.push_back(']'); ++pos_; return; }
            if (c == '>') return consume(State::data);
            chars += "]]";
            return reconsume(State::cdata_section);
    }
}

}  // namespace copydesk::html
