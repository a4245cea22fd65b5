#include "html/tree_builder.hpp"

#include <algorithm>
#include <cstring>

#include "html/foreign.hpp"

namespace copydesk::html {
namespace {

using Kind = Token::Kind;

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'; }

size_t leading_ws(std::string_view s) {
    size_t n = 0;
    while (n < s.size() && is_ws(s[n])) ++n;
    return n;
}

size_t leading_non_ws(std::string_view s) {
    size_t n = 0;
    while (n < s.size() && !is_ws(s[n])) ++n;
    return n;
}

bool has_non_ws(std::string_view s) { return leading_ws(s) != s.size(); }

bool one_of(Tag t, std::initializer_list<Tag> tags) {
    return std::find(tags.begin(), tags.end(), t) != tags.end();
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != y) return false;
    }
    return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_start(const Token& t, std::initializer_list<Tag> tags) {
    return t.kind == Kind::start_tag && one_of(t.tag, tags);
}
bool is_end(const Token& t, std::initializer_list<Tag> tags) {
    return t.kind == Kind::end_tag && one_of(t.tag, tags);
}

bool is_special_html(Tag t) {
    switch (t) {
        case Tag::address: case Tag::applet: case Tag::area: case Tag::article: case Tag::aside:
        case Tag::base: case Tag::basefont: case Tag::bgsound: case Tag::blockquote:
        case Tag::body: case Tag::br: case Tag::button: case Tag::caption: case Tag::center:
        case Tag::col: case Tag::colgroup: case Tag::dd: case Tag::details: case Tag::dir:
        case Tag::div: case Tag::dl: case Tag::dt: case Tag::embed: case Tag::fieldset:
        case Tag::figcaption: case Tag::figure: case Tag::footer: case Tag::form: case Tag::frame:
        case Tag::frameset: case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5:
        case Tag::h6: case Tag::head: case Tag::header: case Tag::hgroup: case Tag::hr:
        case Tag::html: case Tag::iframe: case Tag::img: case Tag::input: case Tag::keygen:
        case Tag::li: case Tag::link: case Tag::listing: case Tag::main: case Tag::marquee:
        case Tag::menu: case Tag::meta: case Tag::nav: case Tag::noembed: case Tag::noframes:
        case Tag::noscript: case Tag::object: case Tag::ol: case Tag::p: case Tag::param:
        case Tag::plaintext: case Tag::pre: case Tag::script: case Tag::search:
        case Tag::section: case Tag::select: case Tag::source: case Tag::style: case Tag::summary:
        case Tag::table: case Tag::tbody: case Tag::td: case Tag::template_: case Tag::textarea:
        case Tag::tfoot: case Tag::th: case Tag::thead: case Tag::title: case Tag::tr:
        case Tag::track: case Tag::ul: case Tag::wbr: case Tag::xmp:
            return true;
        default:
            return false;
    }
}

bool is_mathml_text_integration_point(Tag t) {
    return one_of(t, {Tag::mi, Tag::mo, Tag::mn, Tag::ms, Tag::mtext});
}

bool is_svg_html_integration_point(Tag t) {
    return one_of(t, {Tag::foreignobject, Tag::desc, Tag::title});
}

bool is_special(Tag t, Ns ns) {
    switch (ns) {
        case Ns::html: return is_special_html(t);
        case Ns::math: return is_mathml_text_integration_point(t) || t == Tag::annotation_xml;
        case Ns::svg: return is_svg_html_integration_point(t);
    }
    return false;
}

bool is_heading(Tag t) {
    return one_of(t, {Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6});
}

// Start tags that leave foreign content (the "breakout" list).
bool breaks_out_of_foreign(const Token& t) {
    if (t.tag == Tag::font)
        return t.find_attr("color") || t.find_attr("face") || t.find_attr("size");
    return one_of(t.tag, {Tag::b, Tag::big, Tag::blockquote, Tag::body, Tag::br, Tag::center,
                          Tag::code, Tag::dd, Tag::div, Tag::dl, Tag::dt, Tag::em, Tag::embed,
                          Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6, Tag::head,
                          Tag::hr, Tag::i, Tag::img, Tag::li, Tag::listing, Tag::menu, Tag::meta,
                          Tag::nobr, Tag::ol, Tag::p, Tag::pre, Tag::ruby, Tag::s, Tag::small,
                          Tag::span, Tag::strong, Tag::strike, Tag::sub, Tag::sup, Tag::table,
                          Tag::tt, Tag::u, Tag::ul, Tag::var});
}

std::string_view local_name(pugi::xml_node node) {
    std::string_view name = node.name();
    const size_t colon = name.find(':');
    if ((name.substr(0, 4) == "svg:" || name.substr(0, 5) == "math:") && colon != name.npos)
        return name.substr(colon + 1);
    return name;
}

// Elements that decide the insertion mode when it is reset (besides body and html).
constexpr Tag mode_deciding_tags[] = {Tag::td, Tag::th, Tag::tr, Tag::tbody, Tag::thead,
                                      Tag::tfoot, Tag::caption, Tag::colgroup, Tag::table,
                                      Tag::template_, Tag::head, Tag::frameset};

constexpr std::string_view quirky_public_prefixes[] = {
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0 level 1//", "-//ietf//dtd html 2.0 level 2//",
    "-//ietf//dtd html 2.0 strict level 1//", "-//ietf//dtd html 2.0 strict level 2//",
    "-//ietf//dtd html 2.0 strict//", "-//ietf//dtd html 2.0//", "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//", "-//ietf//dtd html 3.2 final//", "-//ietf//dtd html 3.2//",
    "-//ietf//dtd html 3//", "-//ietf//dtd html level 0//", "-//ietf//dtd html level 1//",
    "-//ietf//dtd html level 2//", "-//ietf//dtd html level 3//",
    "-//ietf//dtd html strict level 0//", "-//ietf//dtd html strict level 1//",
    "-//ietf//dtd html strict level 2//", "-//ietf//dtd html strict level 3//",
    "-//ietf//dtd html strict//", "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer 2.0 html strict//",
    "-//microsoft//dtd internet explorer 2.0 html//",
    "-//microsoft//dtd internet explorer 2.0 tables//",
    "-//microsoft//dtd internet explorer 3.0 html strict//",
    "-//microsoft//dtd internet explorer 3.0 html//",
    "-//microsoft//dtd internet explorer 3.0 tables//",
    "-//netscape comm. corp.//dtd html//", "-//netscape comm. corp.//dtd strict html//",
    "-//o'reilly and associates//dtd html 2.0//",
    "-//o'reilly and associates//dtd html extended 1.0//",
    "-//o'reilly and associates//dtd html extended relaxed 1.0//",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro 6.0::19990601::extensions to html 4.0//",
    "-//softquad//dtd hotmetal pro 4.0::19971010::extensions to html 4.0//",
    "-//spyglass//dtd html 2.0 extended//", "-//sun microsystems corp.//dtd hotjava html//",
    "-//sun microsystems corp.//dtd hotjava strict html//", "-//w3c//dtd html 3 1995-03-24//",
    "-//w3c//dtd html 3.2 draft//", "-//w3c//dtd html 3.2 final//", "-//w3c//dtd html 3.2//",
    "-//w3c//dtd html 3.2s draft//", "-//w3c//dtd html 4.0 frameset//",
    "-//w3c//dtd html 4.0 transitional//", "-//w3c//dtd html experimental 19960712//",
    "-//w3c//dtd html experimental 970421//", "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html 2.0//",
    "-//webtechs//dtd mozilla html//",
};

bool doctype_is_quirky(const Token& t) {
    if (t.force_quirks || t.name != "html") return true;
    const std::string_view pub = t.public_id, sys = t.system_id;
    if (t.has_public_id) {
        if (iequals(pub, "-//W3O//DTD W3 HTML Strict 3.0//EN//") ||
            iequals(pub, "-/W3C/DTD HTML 4.0 Transitional/EN") || iequals(pub, "HTML"))
            return true;
        for (std::string_view prefix : quirky_public_prefixes)
            if (istarts_with(pub, prefix)) return true;
        if (!t.has_system_id && (istarts_with(pub, "-//W3C//DTD HTML 4.01 Frameset//") ||
                                 istarts_with(pub, "-//W3C//DTD HTML 4.01 Transitional//")))
            return true;
    }
    return t.has_system_id && iequals(sys, "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd");
}

}  // namespace

TreeBuilder::TreeBuilder(ParseResult& result, const ParseOptions& options)
    : result_(result), options_(options), doc_(result.doc) {}

// ---------------------------------------------------------------------------------------------
// Dispatch

void TreeBuilder::build(Tokenizer& tokenizer) {
    tokenizer_ = &tokenizer;
    while (!stopped_) {
        tokenizer.set_cdata_allowed(!stack_.empty() && adjusted_current().ns != Ns::html);
        Token& t = tokenizer.next();
        process(t);
        if (t.kind == Kind::eof) break;
    }
    while (!stack_.empty()) pop();  // "stop parsing" pops everything (options run their hook)
    write_merged_text();
    if (scratch_) doc_.remove_child(scratch_);
    if (deep_walk_)
        result_.warnings.push_back("elements nested more than 512 deep: scopes were cut at that depth and deeper elements placed beside it, as browsers do");
    result_.errors += tokenizer.errors();
}

void TreeBuilder::process(Token& t) {
    if (t.kind == Kind::characters) {
        std::string_view s = t.data;
        if (skip_newline_ && s.front() == '\n') s.remove_prefix(1);
        skip_newline_ = false;
        process_characters(s);
        return;
    }
    skip_newline_ = false;
    while (dispatch(t) && !stopped_) {}
}

bool TreeBuilder::dispatch(Token& t) {
    if (use_foreign_rules(t)) return foreign_content(t);
    return process_in(mode_, t);
}

bool TreeBuilder::use_foreign_rules(const Token& t) const {
    if (stack_.empty() || t.kind == Kind::eof) return false;
    const Element& e = adjusted_current();
    if (e.ns == Ns::html) return false;
    const bool start = t.kind == Kind::start_tag;
    const bool chars = t.kind == Kind::characters;
    if (e.ns == Ns::math && is_mathml_text_integration_point(e.tag)) {
        if (chars || (start && t.tag != Tag::mglyph && t.tag != Tag::malignmark)) return false;
    }
    if (e.ns == Ns::math && e.tag == Tag::annotation_xml && start && t.tag == Tag::svg) return false;
    if (e.html_integration_point && (start || chars)) return false;
    return true;
}

// Tokens other than characters, by insertion mode.
bool TreeBuilder::process_in(Mode m, Token& t) {
    switch (m) {
        case Mode::initial: return initial(t);
        case Mode::before_html: return before_html(t);
        case Mode::before_head: return before_head(t);
        case Mode::in_head: return in_head(t);
        case Mode::in_head_noscript: return in_head_noscript(t);
        case Mode::after_head: return after_head(t);
        case Mode::in_body: return in_body(t);
        case Mode::text: return text_mode(t);
        case Mode::in_table: return in_table(t);
        case Mode::in_table_text: return in_table_text(t);
        case Mode::in_caption: return in_caption(t);
        case Mode::in_column_group: return in_column_group(t);
        case Mode::in_table_body: return in_table_body(t);
        case Mode::in_row: return in_row(t);
        case Mode::in_cell: return in_cell(t);
        case Mode::in_template: return in_template(t);
        case Mode::after_body: return after_body(t);
        case Mode::in_frameset: return in_frameset(t);
        case Mode::after_frameset: return after_frameset(t);
        case Mode::after_after_body: return after_after_body(t);
        case Mode::after_after_frameset: return after_after_frameset(t);
    }
    return false;
}

void TreeBuilder::process_characters(std::string_view s) {
    while (!s.empty() && !stopped_) {
        const bool foreign = [&] {
            if (stack_.empty()) return false;
            const Element& e = adjusted_current();
            if (e.ns == Ns::html || e.html_integration_point) return false;
            return !(e.ns == Ns::math && is_mathml_text_integration_point(e.tag));
        }();
        s.remove_prefix(foreign ? foreign_characters(s) : characters_in_mode(mode_, s));
    }
}

// Handles a prefix of `s` in mode m and returns its length; 0 when the mode changed and the
// characters must be reprocessed.
size_t TreeBuilder::characters_in_mode(Mode m, std::string_view s) {
    const size_t ws = leading_ws(s);
    switch (m) {
        case Mode::initial:
            if (ws) return ws;
            ++result_.errors;
            quirks_ = true;
            mode_ = Mode::before_html;
            return 0;
        case Mode::before_html:
            if (ws) return ws;
            insert_root({});
            return 0;
        case Mode::before_head:
            if (ws) return ws;
            head_ = insert_html("head", Tag::head);
            mode_ = Mode::in_head;
            return 0;
        case Mode::in_head:
            if (ws) { insert_text(s.substr(0, ws)); return ws; }
            pop();
            mode_ = Mode::after_head;
            return 0;
        case Mode::in_head_noscript:
            if (ws) { insert_text(s.substr(0, ws)); return ws; }
            ++result_.errors;
            pop();
            mode_ = Mode::in_head;
            return 0;
        case Mode::after_head:
            if (ws) { insert_text(s.substr(0, ws)); return ws; }
            insert_html("body", Tag::body);
            mode_ = Mode::in_body;
            return 0;
        case Mode::in_body:
        case Mode::in_caption:
        case Mode::in_cell:
        case Mode::in_template:
            return body_characters(s);
        case Mode::text:
            insert_text(s);
            return s.size();
        case Mode::in_table:
        case Mode::in_table_body:
        case Mode::in_row:
            if (one_of(current().tag, {Tag::table, Tag::tbody, Tag::template_, Tag::tfoot,
                                       Tag::thead, Tag::tr}) && current().ns == Ns::html) {
                table_text_.clear();
                table_text_has_content_ = false;
                original_mode_ = mode_;
                mode_ = Mode::in_table_text;
                return 0;
            } else {
                ++result_.errors;
                foster_parenting_ = true;
                const size_t n = body_characters(s);
                foster_parenting_ = false;
                return n;
            }
        case Mode::in_table_text: {
            if (s.front() == '\0') { ++result_.errors; return 1; }
            const void* nul = std::memchr(s.data(), '\0', s.size());
            const size_t n = nul ? static_cast<const char*>(nul) - s.data() : s.size();
            table_text_.append(s.data(), n);
            if (!table_text_has_content_ && has_non_ws(s.substr(0, n))) table_text_has_content_ = true;
            return n;
        }
        case Mode::in_column_group:
            if (ws) { insert_text(s.substr(0, ws)); return ws; }
            if (!current_is(Tag::colgroup)) { ++result_.errors; return leading_non_ws(s); }
            pop();
            mode_ = Mode::in_table;
            return 0;
        case Mode::after_body:
        case Mode::after_after_body:
            if (ws) return body_characters(s.substr(0, ws));
            ++result_.errors;
            mode_ = Mode::in_body;
            return 0;
        case Mode::in_frameset:
        case Mode::after_frameset:
            if (ws) { insert_text(s.substr(0, ws)); return ws; }
            ++result_.errors;
            return leading_non_ws(s);
        case Mode::after_after_frameset:
            if (ws) return body_characters(s.substr(0, ws));
            ++result_.errors;
            return leading_non_ws(s);
    }
    return s.size();
}

size_t TreeBuilder::body_characters(std::string_view s) {
    if (s.front() == '\0') {
        ++result_.errors;
        return 1;
    }
    const void* nul = std::memchr(s.data(), '\0', s.size());
    const size_t n = nul ? static_cast<const char*>(nul) - s.data() : s.size();
    reconstruct_formatting();
    insert_text(s.substr(0, n));
    if (frameset_ok_ && has_non_ws(s.substr(0, n))) frameset_ok_ = false;
    return n;
}

size_t TreeBuilder::foreign_characters(std::string_view s) {
    if (s.front() == '\0') {
        ++result_.errors;
        insert_text("\xEF\xBF\xBD");
        return 1;
    }
    const void* nul = std::memchr(s.data(), '\0', s.size());
    const size_t n = nul ? static_cast<const char*>(nul) - s.data() : s.size();
    insert_text(s.substr(0, n));
    if (frameset_ok_ && has_non_ws(s.substr(0, n))) frameset_ok_ = false;
    return n;
}

// ---------------------------------------------------------------------------------------------
// Insertion modes

bool TreeBuilder::initial(Token& t) {
    if (t.kind == Kind::comment) { insert_comment(t, doc_); return false; }
    if (t.kind == Kind::doctype) {
        doctype_quirks(t);
        if (count_node()) {
            std::string value = t.name;
            if (!t.public_id.empty() || !t.system_id.empty())
                value += " \"" + t.public_id + "\" \"" + t.system_id + "\"";
            doc_.append_child(pugi::node_doctype).set_value(value.c_str());
        }
        mode_ = Mode::before_html;
        return false;
    }
    ++result_.errors;
    quirks_ = true;
    mode_ = Mode::before_html;
    return true;
}

void TreeBuilder::doctype_quirks(const Token& t) {
    const bool conforming = t.name == "html" && !t.has_public_id &&
                            (!t.has_system_id || t.system_id == "about:legacy-compat");
    if (!conforming) ++result_.errors;
    quirks_ = doctype_is_quirky(t);
}

bool TreeBuilder::before_html(Token& t) {
    if (t.kind == Kind::doctype) { ++result_.errors; return false; }
    if (t.kind == Kind::comment) { insert_comment(t, doc_); return false; }
    if (t.kind == Kind::start_tag && t.tag == Tag::html) {
        insert_root(t.attrs);
        return false;
    }
    if (t.kind == Kind::end_tag && !one_of(t.tag, {Tag::head, Tag::body, Tag::html, Tag::br})) {
        ++result_.errors;
        return false;
    }
    insert_root({});
    return true;
}

void TreeBuilder::insert_root(const std::vector<Attribute>& attrs) {
    push(create_element({doc_, {}}, "html", Tag::html, Ns::html, attrs));
    mode_ = Mode::before_head;
}

bool TreeBuilder::before_head(Token& t) {
    if (t.kind == Kind::comment) { insert_comment(t); return false; }
    if (t.kind == Kind::doctype) { ++result_.errors; return false; }
    if (is_start(t, {Tag::html})) return in_body(t);
    if (is_start(t, {Tag::head})) {
        head_ = insert_html(t);
        mode_ = Mode::in_head;
        return false;
    }
    if (t.kind == Kind::end_tag && !one_of(t.tag, {Tag::head, Tag::body, Tag::html, Tag::br})) {
        ++result_.errors;
        return false;
    }
    head_ = insert_html("head", Tag::head);
    mode_ = Mode::in_head;
    return true;
}

bool TreeBuilder::in_head(Token& t) {
    if (t.kind == Kind::comment) { insert_comment(t); return false; }
    if (t.kind == Kind::doctype) { ++result_.errors; return false; }
    if (t.kind == Kind::start_tag) {
        switch (t.tag) {
            case Tag::html: return in_body(t);
            case Tag::base: case Tag::basefont: case Tag::bgsound: case Tag::link: case Tag::meta:
                insert_html(t);
                pop();
                return false;
            case Tag::title: raw_text_element(t, TextState::rcdata); return false;
            case Tag::noscript:
                if (options_.scripting) { raw_text_element(t, TextState::rawtext); return false; }
                insert_html(t);
                mode_ = Mode::in_head_noscript;
                return false;
            case Tag::noframes: case Tag::style: raw_text_element(t, TextState::rawtext); return false;
            case Tag::script: raw_text_element(t, TextState::script_data); return false;
            case Tag::template_:
                insert_html(t);
                formatting_.push_back(marker);
                frameset_ok_ = false;
                mode_ = Mode::in_template;
                template_modes_.push_back(Mode::in_template);
                return false;
            case Tag::head: ++result_.errors; return false;
            default: break;
        }
    } else if (t.kind == Kind::end_tag) {
        switch (t.tag) {
            case Tag::head: pop(); mode_ = Mode::after_head; return false;
            case Tag::body: case Tag::html: case Tag::br: break;
            case Tag::template_:
                if (!open_html(Tag::template_)) { ++result_.errors; return false; }
                generate_all_implied_end_tags();
                if (!current_is(Tag::template_)) ++result_.errors;
                pop_until(Tag::template_);
                clear_formatting_to_marker();
                template_modes_.pop_back();
                reset_insertion_mode();
                return false;
            default: ++result_.errors; return false;
        }
    }
    pop();
    mode_ = Mode::after_head;
    return true;
}

bool TreeBuilder::in_head_noscript(Token& t) {
    if (t.kind == Kind::doctype) { ++result_.errors; return false; }
    if (is_start(t, {Tag::html})) return in_body(t);
    if (is_end(t, {Tag::noscript})) {
        pop();
        mode_ = Mode::in_head;
        return false;
    }
    if (t.kind == Kind::comment ||
        is_start(t, {Tag::basefont, Tag::bgsound, Tag::link, Tag::meta, Tag::noframes, Tag::style}))
        return in_head(t);
    if (is_start(t, {Tag::head, Tag::noscript}) || (t.kind == Kind::end_tag && t.tag != Tag::br)) {
        ++result_.errors;
        return false;
    }
    ++result_.errors;
    pop();
    mode_ = Mode::in_head;
    return true;
}

bool TreeBuilder::after_head(Token& t) {
    if (t.kind == Kind::comment) { insert_comment(t); return false; }
    if (t.kind == Kind::doctype) { ++result_.errors; return false; }
    if (t.kind == Kind::start_tag) {
        switch (t.tag) {
            case Tag::html: return in_body(t);
            case Tag::body:
                insert_html(t);
                frameset_ok_ = false;
                mode_ = Mode::in_body;
                return false;
            case Tag::frameset:
                insert_html(t);
                mode_ = Mode::in_frameset;
                return false;
            case Tag::base: case Tag::basefont: case Tag::bgsound: case Tag::link: case Tag::meta:
            case Tag::noframes: case Tag::script: case Tag::style: case Tag::template_:
            case Tag::title: {
                ++result_.errors;
                const uint32_t head = head_;
                push(head);
                const bool again = in_head(t);
                remove_from_stack(head);
                return again;
            }
            case Tag::head: ++result_.errors; return false;
            default: break;
        }
    } else if (t.kind == Kind::end_tag) {
        if (t.tag == Tag::template_) return in_head(t);
        if (!one_of(t.tag, {Tag::body, Tag::html, Tag::br})) { ++result_.errors; return false; }
    }
    insert_html("body", Tag::body);
    mode_ = Mode::in_body;
    return true;
}

bool TreeBuilder::in_body(Token& t) {
    switch (t.kind) {
        case Kind::characters: return false;  // never: characters take process_characters
        case Kind::comment: insert_comment(t); return false;
        case Kind::doctype: ++result_.errors; return false;
        case Kind::start_tag: return in_body_start_tag(t);
        case Kind::end_tag: return in_body_end_tag(t);
        case Kind::eof:
            if (!template_modes_.empty()) return in_template(t);
            stop();
            return false;
    }
    return false;
}

bool TreeBuilder::in_body_start_tag(Token& t) {
    switch (t.tag) {
        case Tag::html:
            ++result_.errors;
            if (!open_html(Tag::template_)) add_missing_attributes(el(stack_[0]).node, t);
            return false;
        case Tag::base: case Tag::basefont: case Tag::bgsound: case Tag::link: case Tag::meta:
        case Tag::noframes: case Tag::script: case Tag::style: case Tag::template_: case Tag::title:
            return in_head(t);
        case Tag::body:
            ++result_.errors;
            if (stack_.size() < 2 || !is_html(stack_[1], Tag::body) || open_html(Tag::template_))
                return false;
            frameset_ok_ = false;
            add_missing_attributes(el(stack_[1]).node, t);
            return false;
        case Tag::frameset:
            ++result_.errors;
            if (stack_.size() < 2 || !is_html(stack_[1], Tag::body) || !frameset_ok_) return false;
            remove_subtree(el(stack_[1]).node);
            while (stack_.size() > 1) pop();
            insert_html(t);
            mode_ = Mode::in_frameset;
            return false;
        case Tag::address: case Tag::article: case Tag::aside: case Tag::blockquote:
        case Tag::center: case Tag::details: case Tag::dialog: case Tag::dir: case Tag::div:
        case Tag::dl: case Tag::fieldset: case Tag::figcaption: case Tag::figure: case Tag::footer:
        case Tag::header: case Tag::hgroup: case Tag::main: case Tag::menu: case Tag::nav:
        case Tag::ol: case Tag::p: case Tag::search: case Tag::section: case Tag::summary:
        case Tag::ul:
            close_p();
            insert_html(t);
            return false;
        case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5: case Tag::h6:
            close_p();
            if (current().ns == Ns::html && is_heading(current().tag)) {
                ++result_.errors;
                pop();
            }
            insert_html(t);
            return false;
        case Tag::pre: case Tag::listing:
            close_p();
            insert_html(t);
            skip_newline_ = true;
            frameset_ok_ = false;
            return false;
        case Tag::form:
            if (form_ != none && !open_html(Tag::template_)) { ++result_.errors; return false; }
            close_p();
            {
                const uint32_t id = insert_html(t);
                if (!open_html(Tag::template_)) form_ = id;
            }
            return false;
        case Tag::li: case Tag::dd: case Tag::dt: {
            frameset_ok_ = false;
            for (size_t i = stack_.size(); i-- > walk_floor();) {
                const Element& e = el(stack_[i]);
                const bool match = e.ns == Ns::html &&
                                   (t.tag == Tag::li ? e.tag == Tag::li
                                                     : (e.tag == Tag::dd || e.tag == Tag::dt));
                if (match) {
                    const Tag found = e.tag;
                    generate_implied_end_tags(found);
                    if (!current_is(found)) ++result_.errors;
                    pop_until(found);
                    break;
                }
                if (is_special(e.tag, e.ns) &&
                    !(e.ns == Ns::html && one_of(e.tag, {Tag::address, Tag::div, Tag::p})))
                    break;
            }
            close_p();
            insert_html(t);
            return false;
        }
        case Tag::plaintext:
            close_p();
            insert_html(t);
            tokenizer_->switch_to(TextState::plaintext);
            return false;
        case Tag::button:
            if (in_scope(Tag::button)) {
                ++result_.errors;
                generate_implied_end_tags();
                pop_until(Tag::button);
            }
            reconstruct_formatting();
            insert_html(t);
            frameset_ok_ = false;
            return false;
        case Tag::a:
            for (size_t i = formatting_.size(); i-- > 0 && formatting_[i] != marker;) {
                if (!is_html(formatting_[i], Tag::a)) continue;
                const uint32_t a = formatting_[i];
                ++result_.errors;
                Token end;
                end.kind = Kind::end_tag;
                end.tag = Tag::a;
                end.name = "a";
                if (!adoption_agency(end)) any_other_end_tag(end);
                remove_formatting(a);
                if (el(a).open) remove_from_stack(a);
                break;
            }
            reconstruct_formatting();
            push_formatting(insert_html(t));
            return false;
        case Tag::b: case Tag::big: case Tag::code: case Tag::em: case Tag::font: case Tag::i:
        case Tag::s: case Tag::small: case Tag::strike: case Tag::strong: case Tag::tt: case Tag::u:
            reconstruct_formatting();
            push_formatting(insert_html(t));
            return false;
        case Tag::nobr:
            reconstruct_formatting();
            if (in_scope(Tag::nobr)) {
                ++result_.errors;
                if (!adoption_agency(t)) any_other_end_tag(t);
                reconstruct_formatting();
            }
            push_formatting(insert_html(t));
            return false;
        case Tag::applet: case Tag::marquee: case Tag::object:
            reconstruct_formatting();
            insert_html(t);
            formatting_.push_back(marker);
            frameset_ok_ = false;
            return false;
        case Tag::table:
            if (!quirks_) close_p();
            insert_html(t);
            frameset_ok_ = false;
            mode_ = Mode::in_table;
            return false;
        case Tag::area: case Tag::br: case Tag::embed: case Tag::img: case Tag::keygen:
        case Tag::wbr:
            reconstruct_formatting();
            insert_html(t);
            pop();
            frameset_ok_ = false;
            return false;
        case Tag::input: {
            if (context_ != none && is_html(context_, Tag::select)) { ++result_.errors; return false; }
            if (in_scope(Tag::select)) {
                ++result_.errors;
                pop_until(Tag::select);
            }
            reconstruct_formatting();
            insert_html(t);
            pop();
            const Attribute* type = t.find_attr("type");
            if (!type || !iequals(type->value, "hidden")) frameset_ok_ = false;
            return false;
        }
        case Tag::param: case Tag::source: case Tag::track:
            insert_html(t);
            pop();
            return false;
        case Tag::hr:
            close_p();
            if (in_scope(Tag::select)) {
                generate_implied_end_tags();
                if (in_scope(Tag::option) || in_scope(Tag::optgroup)) ++result_.errors;
            }
            insert_html(t);
            pop();
            frameset_ok_ = false;
            return false;
        case Tag::image:
            ++result_.errors;
            t.tag = Tag::img;
            t.name = "img";
            return true;
        case Tag::textarea:
            insert_html(t);
            skip_newline_ = true;
            tokenizer_->switch_to(TextState::rcdata);
            original_mode_ = mode_;
            frameset_ok_ = false;
            mode_ = Mode::text;
            return false;
        case Tag::xmp:
            close_p();
            reconstruct_formatting();
            frameset_ok_ = false;
            raw_text_element(t, TextState::rawtext);
            return false;
        case Tag::iframe:
            frameset_ok_ = false;
            raw_text_element(t, TextState::rawtext);
            return false;
        case Tag::noembed:
            raw_text_element(t, TextState::rawtext);
            return false;
        case Tag::select:
            if (context_ != none && is_html(context_, Tag::select)) { ++result_.errors; return false; }
            if (in_scope(Tag::select)) {
                ++result_.errors;
                pop_until(Tag::select);
                return false;
            }
            reconstruct_formatting();
            insert_html(t);
            frameset_ok_ = false;
            return false;
        case Tag::option:
        case Tag::optgroup:
            if (in_scope(Tag::select)) {
                generate_implied_end_tags(t.tag == Tag::option ? Tag::optgroup : Tag::unknown);
                if (in_scope(Tag::option) || (t.tag == Tag::optgroup && in_scope(Tag::optgroup)))
                    ++result_.errors;
            } else if (current_is(Tag::option)) {
                pop();
            }
            reconstruct_formatting();
            insert_html(t);
            return false;
        case Tag::rb: case Tag::rtc:
            if (in_scope(Tag::ruby)) {
                generate_implied_end_tags();
                if (!current_is(Tag::ruby)) ++result_.errors;
            }
            insert_html(t);
            return false;
        case Tag::rp: case Tag::rt:
            if (in_scope(Tag::ruby)) {
                generate_implied_end_tags(Tag::rtc);
                if (!current_is(Tag::rtc) && !current_is(Tag::ruby)) ++result_.errors;
            }
            insert_html(t);
            return false;
        case Tag::math: case Tag::svg:
            reconstruct_formatting();
            insert_foreign(t, t.tag == Tag::math ? Ns::math : Ns::svg);
            if (t.self_closing) pop();
            return false;
        case Tag::caption: case Tag::col: case Tag::colgroup: case Tag::frame: case Tag::head:
        case Tag::tbody: case Tag::td: case Tag::tfoot: case Tag::th: case Tag::thead: case Tag::tr:
            ++result_.errors;
            return false;
        case Tag::noscript:
            if (options_.scripting) {
                raw_text_element(t, TextState::rawtext);
                return false;
            }
            [[fallthrough]];
        default:
            reconstruct_formatting();
            insert_html(t);
            return false;
    }
}

bool TreeBuilder::in_body_end_tag(Token& t) {
    switch (t.tag) {
        case Tag::template_: return in_head(t);
        case Tag::body: case Tag::html:
            if (!in_scope(Tag::body)) { ++result_.errors; return false; }
            mode_ = Mode::after_body;
            return t.tag == Tag::html;
        case Tag::address: case Tag::article: case Tag::aside: case Tag::blockquote:
        case Tag::button: case Tag::center: case Tag::details: case Tag::dialog: case Tag::dir:
        case Tag::div: case Tag::dl: case Tag::fieldset: case Tag::figcaption: case Tag::figure:
        case Tag::footer: case Tag::header: case Tag::hgroup: case Tag::listing: case Tag::main:
        case Tag::menu: case Tag::nav: case Tag::ol: case Tag::pre: case Tag::search:
        case Tag::section: case Tag::select: case Tag::summary: case Tag::ul:
            if (!in_scope(t.tag)) { ++result_.errors; return false; }
            generate_implied_end_tags();
            if (!current_is(t.tag)) ++result_.errors;
            pop_until(t.tag);
            return false;
        case Tag::form:
            if (!open_html(Tag::template_)) {
                const uint32_t node = form_;
                form_ = none;
                if (node == none || !element_in_scope(node)) { ++result_.errors; return false; }
                generate_implied_end_tags();
                if (stack_.back() != node) ++result_.errors;
                remove_from_stack(node);
                return false;
            }
            if (!in_scope(Tag::form)) { ++result_.errors; return false; }
            generate_implied_end_tags();
            if (!current_is(Tag::form)) ++result_.errors;
            pop_until(Tag::form);
            return false;
        case Tag::p:
            if (!in_scope(Tag::p, Scope::button)) {
                ++result_.errors;
                insert_html("p", Tag::p);
            }
            close_p();
            return false;
        case Tag::li: case Tag::dd: case Tag::dt:
            if (!in_scope(t.tag, t.tag == Tag::li ? Scope::list_item : Scope::normal)) {
                ++result_.errors;
                return false;
            }
            generate_implied_end_tags(t.tag);
            if (!current_is(t.tag)) ++result_.errors;
            pop_until(t.tag);
            return false;
        case Tag::h1: case Tag::h2: case Tag::h3: case Tag::h4: case Tag::h5: case Tag::h6: {
            const auto headings = {Tag::h1, Tag::h2, Tag::h3, Tag::h4, Tag::h5, Tag::h6};
            if (!in_scope_any(headings)) { ++result_.errors; return false; }
            generate_implied_end_tags();
            if (!current_is(t.tag)) ++result_.errors;
            pop_until_any(headings);
            return false;
        }
        case Tag::a: case Tag::b: case Tag::big: case Tag::code: case Tag::em: case Tag::font:
        case Tag::i: case Tag::nobr: case Tag::s: case Tag::small: case Tag::strike:
        case Tag::strong: case Tag::tt: case Tag::u:
            if (!adoption_agency(t)) any_other_end_tag(t);
            return false;
        case Tag::applet: case Tag::marquee: case Tag::object:
            if (!in_scope(t.tag)) { ++result_.errors; return false; }
            generate_implied_end_tags();
            if (!current_is(t.tag)) ++result_.errors;
            pop_until(t.tag);
            clear_formatting_to_marker();
            return false;
        case Tag::br: {
            ++result_.errors;
            Token br;
            br.kind = Kind::start_tag;
            br.tag = Tag::br;
            br.name = "br";
            return in_body_start_tag(br);
        }
        default:
            any_other_end_tag(t);
            return false;
    }
}

void TreeBuilder::any_other_end_tag(const Token& t) {
    // Without an open element of that name the walk below can only end at a special element.
    if (t.tag != Tag::unknown ? !open_html(t.tag) : open_unknown_.count(t.name) == 0) {
        ++result_.errors;
        return;
    }
    for (size_t i = stack_.size(); i-- > walk_floor();) {
        const Element& e = el(stack_[i]);
        const bool same = e.ns == Ns::html && e.tag == t.tag &&
                          (t.tag != Tag::unknown || t.name == e.node.name());
        if (same) {
            const uint32_t id = stack_[i];
            generate_implied_end_tags(t.tag == Tag::unknown ? Tag::unknown : t.tag);
            if (stack_.back() != id) ++result_.errors;
            pop_until_element(id);
            return;
        }
        if (is_special(e.tag, e.ns)) {
            ++result_.errors;
            return;
        }
    }
    note_deep_walk();
}

bool TreeBuilder::text_mode(Token& t) {
    if (t.kind == Kind::eof) {
        ++result_.errors;
        pop();
        mode_ = original_mode_;
        return true;
    }
    if (t.kind == Kind::end_tag) {
        pop();
        mode_ = original_mode_;
    }
    return false;
}

bool TreeBuilder::in_table(Token& t) {
    switch (t.kind) {
        case Kind::characters: return false;  // never: characters take process_characters
        case Kind::comment: insert_comment(t); return false;
        case Kind::doctype: ++result_.errors; return false;
        case Kind::eof: return in_body(t);
        case Kind::start_tag:
            switch (t.tag) {
                case Tag::caption:
                    clear_stack_back_to({Tag::table, Tag::template_, Tag::html});
                    formatting_.push_back(marker);
                    insert_html(t);
                    mode_ = Mode::in_caption;
                    return false;
                case Tag::colgroup:
                    clear_stack_back_to({Tag::table, Tag::template_, Tag::html});
                    insert_html(t);
                    mode_ = Mode::in_column_group;
                    return false;
                case Tag::col:
                    clear_stack_back_to({Tag::table, Tag::template_, Tag::html});
                    insert_html("colgroup", Tag::colgroup);
                    mode_ = Mode::in_column_group;
                    return true;
                case Tag::tbody: case Tag::tfoot: case Tag::thead:
                    clear_stack_back_to({Tag::table, Tag::template_, Tag::html});
                    insert_html(t);
                    mode_ = Mode::in_table_body;
                    return false;
                case Tag::td: case Tag::th: case Tag::tr:
                    clear_stack_back_to({Tag::table, Tag::template_, Tag::html});
                    insert_html("tbody", Tag::tbody);
                    mode_ = Mode::in_table_body;
                    return true;
                case Tag::table:
                    ++result_.errors;
                    if (!in_scope(Tag::table, Scope::table)) return false;
                    pop_until(Tag::table);
                    reset_insertion_mode();
                    return true;
                case Tag::style: case Tag::script: case Tag::template_:
                    return in_head(t);
                case Tag::input: {
                    const Attribute* type = t.find_attr("type");
                    if (!type || !iequals(type->value, "hidden")) break;
                    ++result_.errors;
                    insert_html(t);
                    pop();
                    return false;
                }
                case Tag::form:
                    ++result_.errors;
                    if (open_html(Tag::template_) || form_ != none) return false;
                    form_ = insert_html(t);
                    pop();
                    return false;
                default: break;
            }
            break;
        case Kind::end_tag:
            switch (t.tag) {
                case Tag::table:
                    if (!in_scope(Tag::table, Scope::table)) { ++result_.errors; return false; }
                    pop_until(Tag::table);
                    reset_insertion_mode();
                    return false;
                case Tag::body: case Tag::caption: case Tag::col: case Tag::colgroup:
                case Tag::html: case Tag::tbody: case Tag::td: case Tag::tfoot: case Tag::th:
                case Tag::thead: case Tag::tr:
                    ++result_.errors;
                    return false;
                case Tag::template_: return in_head(t);
                default: break;
            }
            break;
    }
    ++result_.errors;
    foster_parenting_ = true;
    const bool again = in_body(t);
    foster_parenting_ = false;
    return again;
}

bool TreeBuilder::in_table_text(Token&) {
    if (table_text_has_content_) {
        ++result_.errors;
        foster_parenting_ = true;
        std::string_view s = table_text_;
        while (!s.empty()) s.remove_prefix(body_characters(s));
        foster_parenting_ = false;
    } else if (!table_text_.empty()) {
        insert_text(table_text_);
    }
    table_text_.clear();
    table_text_has_content_ = false;
    mode_ = original_mode_;
    return true;
}

bool TreeBuilder::in_caption(Token& t) {
    const bool closes = is_start(t, {Tag::caption, Tag::col, Tag::colgroup, Tag::tbody, Tag::td,
                                     Tag::tfoot, Tag::th, Tag::thead, Tag::tr}) ||
                        is_end(t, {Tag::table});
    if (is_end(t, {Tag::caption}) || closes) {
        if (!in_scope(Tag::caption, Scope::table)) { ++result_.errors; return false; }
        generate_implied_end_tags();
        if (!current_is(Tag::caption)) ++result_.errors;
        pop_until(Tag::caption);
        clear_formatting_to_marker();
        mode_ = Mode::in_table;
        return closes;
    }
    if (is_end(t, {Tag::body, Tag::col, Tag::colgroup, Tag::html, Tag::tbody, Tag::td, Tag::tfoot,
                   Tag::th, Tag::thead, Tag::tr})) {
        ++result_.errors;
        return false;
    }
    return in_body(t);
}

bool TreeBuilder::in_column_group(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t); return false;
        case Kind::doctype: ++result_.errors; return false;
        case Kind::eof: return in_body(t);
        case Kind::start_tag:
            if (t.tag == Tag::html) return in_body(t);
            if (t.tag == Tag::col) { insert_html(t); pop(); return false; }
            if (t.tag == Tag::template_) return in_head(t);
            break;
        case Kind::end_tag:
            if (t.tag == Tag::colgroup) {
                if (!current_is(Tag::colgroup)) { ++result_.errors; return false; }
                pop();
                mode_ = Mode::in_table;
                return false;
            }
            if (t.tag == Tag::col) { ++result_.errors; return false; }
            if (t.tag == Tag::template_) return in_head(t);
            break;
        case Kind::characters: return false;  // never: characters take process_characters
    }
    if (!current_is(Tag::colgroup)) { ++result_.errors; return false; }
    pop();
    mode_ = Mode::in_table;
    return true;
}

bool TreeBuilder::in_table_body(Token& t) {
    const auto clear_to_body = [&] {
        clear_stack_back_to({Tag::tbody, Tag::tfoot, Tag::thead, Tag::template_, Tag::html});
    };
    if (is_start(t, {Tag::tr})) {
        clear_to_body();
        insert_html(t);
        mode_ = Mode::in_row;
        return false;
    }
    if (is_start(t, {Tag::th, Tag::td})) {
        ++result_.errors;
        clear_to_body();
        insert_html("tr", Tag::tr);
        mode_ = Mode::in_row;
        return true;
    }
    if (is_end(t, {Tag::tbody, Tag::tfoot, Tag::thead})) {
        if (!in_scope(t.tag, Scope::table)) { ++result_.errors; return false; }
        clear_to_body();
        pop();
        mode_ = Mode::in_table;
        return false;
    }
    if (is_start(t, {Tag::caption, Tag::col, Tag::colgroup, Tag::tbody, Tag::tfoot, Tag::thead}) ||
        is_end(t, {Tag::table})) {
        if (!in_scope_any({Tag::tbody, Tag::thead, Tag::tfoot}, Scope::table)) {
            ++result_.errors;
            return false;
        }
        clear_to_body();
        pop();
        mode_ = Mode::in_table;
        return true;
    }
    if (is_end(t, {Tag::body, Tag::caption, Tag::col, Tag::colgroup, Tag::html, Tag::td, Tag::th,
                   Tag::tr})) {
        ++result_.errors;
        return false;
    }
    return in_table(t);
}

bool TreeBuilder::in_row(Token& t) {
    const auto close_row = [&] {
        clear_stack_back_to({Tag::tr, Tag::template_, Tag::html});
        pop();
        mode_ = Mode::in_table_body;
    };
    if (is_start(t, {Tag::th, Tag::td})) {
        clear_stack_back_to({Tag::tr, Tag::template_, Tag::html});
        insert_html(t);
        mode_ = Mode::in_cell;
        formatting_.push_back(marker);
        return false;
    }
    if (is_end(t, {Tag::tr})) {
        if (!in_scope(Tag::tr, Scope::table)) { ++result_.errors; return false; }
        close_row();
        return false;
    }
    if (is_start(t, {Tag::caption, Tag::col, Tag::colgroup, Tag::tbody, Tag::tfoot, Tag::thead,
                     Tag::tr}) ||
        is_end(t, {Tag::table})) {
        if (!in_scope(Tag::tr, Scope::table)) { ++result_.errors; return false; }
        close_row();
        return true;
    }
    if (is_end(t, {Tag::tbody, Tag::tfoot, Tag::thead})) {
        if (!in_scope(t.tag, Scope::table)) { ++result_.errors; return false; }
        if (!in_scope(Tag::tr, Scope::table)) return false;
        close_row();
        return true;
    }
    if (is_end(t, {Tag::body, Tag::caption, Tag::col, Tag::colgroup, Tag::html, Tag::td, Tag::th})) {
        ++result_.errors;
        return false;
    }
    return in_table(t);
}

bool TreeBuilder::in_cell(Token& t) {
    if (is_end(t, {Tag::td, Tag::th})) {
        if (!in_scope(t.tag, Scope::table)) { ++result_.errors; return false; }
        generate_implied_end_tags();
        if (!current_is(t.tag)) ++result_.errors;
        pop_until(t.tag);
        clear_formatting_to_marker();
        mode_ = Mode::in_row;
        return false;
    }
    if (is_start(t, {Tag::caption, Tag::col, Tag::colgroup, Tag::tbody, Tag::td, Tag::tfoot,
                     Tag::th, Tag::thead, Tag::tr})) {
        if (!in_scope_any({Tag::td, Tag::th}, Scope::table)) { ++result_.errors; return false; }
        close_cell();
        return true;
    }
    if (is_end(t, {Tag::body, Tag::caption, Tag::col, Tag::colgroup, Tag::html})) {
        ++result_.errors;
        return false;
    }
    if (is_end(t, {Tag::table, Tag::tbody, Tag::tfoot, Tag::thead, Tag::tr})) {
        if (!in_scope(t.tag, Scope::table)) { ++result_.errors; return false; }
        close_cell();
        return true;
    }
    return in_body(t);
}

void TreeBuilder::close_cell() {
    generate_implied_end_tags();
    if (!current_is(Tag::td) && !current_is(Tag::th)) ++result_.errors;
    pop_until_any({Tag::td, Tag::th});
    clear_formatting_to_marker();
    mode_ = Mode::in_row;
}

bool TreeBuilder::in_template(Token& t) {
    switch (t.kind) {
        case Kind::characters: return false;  // never: characters take process_characters
        case Kind::comment: case Kind::doctype: return in_body(t);
        case Kind::start_tag: {
            Mode next = Mode::in_body;
            switch (t.tag) {
                case Tag::base: case Tag::basefont: case Tag::bgsound: case Tag::link:
                case Tag::meta: case Tag::noframes: case Tag::script: case Tag::style:
                case Tag::template_: case Tag::title:
                    return in_head(t);
                case Tag::caption: case Tag::colgroup: case Tag::tbody: case Tag::tfoot:
                case Tag::thead:
                    next = Mode::in_table;
                    break;
                case Tag::col: next = Mode::in_column_group; break;
                case Tag::tr: next = Mode::in_table_body; break;
                case Tag::td: case Tag::th: next = Mode::in_row; break;
                default: break;
            }
            template_modes_.back() = next;
            mode_ = next;
            return true;
        }
        case Kind::end_tag:
            if (t.tag == Tag::template_) return in_head(t);
            ++result_.errors;
            return false;
        case Kind::eof:
            if (!open_html(Tag::template_)) { stop(); return false; }
            ++result_.errors;
            pop_until(Tag::template_);
            clear_formatting_to_marker();
            template_modes_.pop_back();
            reset_insertion_mode();
            return true;
    }
    return false;
}

bool TreeBuilder::after_body(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t, el(stack_[0]).node); return false;
        case Kind::doctype: ++result_.errors; return false;
        case Kind::eof: stop(); return false;
        case Kind::start_tag: if (t.tag == Tag::html) return in_body(t); break;
        case Kind::end_tag:
            if (t.tag == Tag::html) {
                if (context_ != none) { ++result_.errors; return false; }
                mode_ = Mode::after_after_body;
                return false;
            }
            break;
        case Kind::characters: return false;  // never: characters take process_characters
    }
    ++result_.errors;
    mode_ = Mode::in_body;
    return true;
}

bool TreeBuilder::in_frameset(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t); return false;
        case Kind::eof: stop(); return false;
        case Kind::start_tag:
            switch (t.tag) {
                case Tag::html: return in_body(t);
                case Tag::frameset: insert_html(t); return false;
                case Tag::frame: insert_html(t); pop(); return false;
                case Tag::noframes: return in_head(t);
                default: break;
            }
            break;
        case Kind::end_tag:
            if (t.tag == Tag::frameset) {
                if (stack_.size() == 1) { ++result_.errors; return false; }
                pop();
                if (context_ == none && !current_is(Tag::frameset)) mode_ = Mode::after_frameset;
                return false;
            }
            break;
        default: break;
    }
    ++result_.errors;
    return false;
}

bool TreeBuilder::after_frameset(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t); return false;
        case Kind::eof: stop(); return false;
        case Kind::start_tag:
            if (t.tag == Tag::html) return in_body(t);
            if (t.tag == Tag::noframes) return in_head(t);
            break;
        case Kind::end_tag:
            if (t.tag == Tag::html) { mode_ = Mode::after_after_frameset; return false; }
            break;
        default: break;
    }
    ++result_.errors;
    return false;
}

bool TreeBuilder::after_after_body(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t, doc_); return false;
        case Kind::doctype: return in_body(t);
        case Kind::eof: stop(); return false;
        case Kind::start_tag: if (t.tag == Tag::html) return in_body(t); break;
        default: break;
    }
    ++result_.errors;
    mode_ = Mode::in_body;
    return true;
}

bool TreeBuilder::after_after_frameset(Token& t) {
    switch (t.kind) {
        case Kind::comment: insert_comment(t, doc_); return false;
        case Kind::doctype: return in_body(t);
        case Kind::eof: stop(); return false;
        case Kind::start_tag:
            if (t.tag == Tag::html) return in_body(t);
            if (t.tag == Tag::noframes) return in_head(t);
            break;
        default: break;
    }
    ++result_.errors;
    return false;
}

bool TreeBuilder::foreign_content(Token& t) {
    switch (t.kind) {
        case Kind::characters: return false;  // never: characters take process_characters
        case Kind::comment: insert_comment(t); return false;
        case Kind::doctype: ++result_.errors; return false;
        case Kind::eof: return false;
        case Kind::start_tag:
            if (breaks_out_of_foreign(t)) break;
            insert_foreign(t, adjusted_current().ns);
            if (t.self_closing) pop();
            return false;
        case Kind::end_tag: {
            if (t.tag == Tag::br || t.tag == Tag::p) break;
            if (t.tag == Tag::script && current().ns == Ns::svg && current().tag == Tag::script) {
                pop();
                return false;
            }
            // Walk up while the elements are foreign, looking for the name (ASCII case-folded).
            for (size_t i = stack_.size(); i-- > walk_floor();) {
                const Element& e = el(stack_[i]);
                if (i + 1 != stack_.size() && e.ns == Ns::html) return process_in(mode_, t);
                if (i == 0) return false;
                const bool same_name = t.tag != Tag::unknown
                                           ? e.tag == t.tag
                                           : e.tag == Tag::unknown && iequals(local_name(e.node), t.name);
                if (same_name) {
                    pop_until_element(stack_[i]);
                    return false;
                }
                if (i + 1 == stack_.size()) ++result_.errors;
            }
            note_deep_walk();
            return false;
        }
    }
    // A breakout start tag, or </br> or </p>: leave foreign content and reprocess.
    ++result_.errors;
    while (current().ns != Ns::html && !current().html_integration_point &&
           !(current().ns == Ns::math && is_mathml_text_integration_point(current().tag)))
        pop();
    return process_in(mode_, t);
}

// ---------------------------------------------------------------------------------------------
// Algorithms

bool TreeBuilder::adoption_agency(const Token& t) {
    const Tag subject = t.tag;
    if (current_is(subject) && formatting_position(stack_.back()) == formatting_.size()) {
        pop();
        return true;
    }
    for (int outer = 0; outer < 8; ++outer) {
        size_t fe_afe = formatting_.size();
        for (size_t i = formatting_.size(); i-- > 0 && formatting_[i] != marker;) {
            if (is_html(formatting_[i], subject)) { fe_afe = i; break; }
        }
        if (fe_afe == formatting_.size()) return false;
        const uint32_t fe = formatting_[fe_afe];
        if (!el(fe).open) {
            ++result_.errors;
            formatting_.erase(formatting_.begin() + fe_afe);
            return true;
        }
        if (!element_in_scope(fe)) { ++result_.errors; return true; }
        if (stack_.back() != fe) ++result_.errors;
        const size_t fe_index = stack_index(fe);
        size_t fb_index = fe_index + 1;
        while (fb_index < stack_.size() &&
               !is_special(el(stack_[fb_index]).tag, el(stack_[fb_index]).ns))
            ++fb_index;
        if (fb_index == stack_.size()) {
            pop_until_element(fe);
            remove_formatting(fe);
            return true;
        }
        const uint32_t furthest_block = stack_[fb_index];
        const uint32_t common_ancestor = stack_[fe_index - 1];
        size_t bookmark = fe_afe;
        uint32_t last_node = furthest_block;
        size_t node_index = fb_index;
        for (int inner = 1;; ++inner) {
            --node_index;
            uint32_t node = stack_[node_index];
            if (node == fe) break;
            size_t in_afe = formatting_position(node);
            if (inner > 3 && in_afe != formatting_.size()) {
                if (in_afe < bookmark) --bookmark;
                formatting_.erase(formatting_.begin() + in_afe);
                in_afe = formatting_.size();
            }
            if (in_afe == formatting_.size()) {
                remove_from_stack(node);
                continue;
            }
            const uint32_t copy = clone_element(node, {scratch(), {}});
            formatting_[in_afe] = copy;
            stack_[node_index] = copy;
            el(node).open = false;
            el(copy).open = true;
            node = copy;
            if (last_node == furthest_block) bookmark = in_afe + 1;
            el(node).node.append_move(el(last_node).node);
            last_node = node;
        }
        Location place = appropriate_place(el(common_ancestor).node);
        if (place.before) place.parent.insert_move_before(el(last_node).node, place.before);
        else place.parent.append_move(el(last_node).node);
        const uint32_t copy = clone_element(fe, {scratch(), {}});
        pugi::xml_node fb_node = el(furthest_block).node;
        while (pugi::xml_node child = fb_node.first_child()) el(copy).node.append_move(child);
        fb_node.append_move(el(copy).node);
        const size_t fe_pos = formatting_position(fe);
        if (fe_pos < bookmark) --bookmark;
        formatting_.erase(formatting_.begin() + fe_pos);
        formatting_.insert(formatting_.begin() + std::min(bookmark, formatting_.size()), copy);
        remove_from_stack(fe);
        const size_t fb_now = stack_index(furthest_block);
        stack_.insert(stack_.begin() + fb_now + 1, copy);
        el(copy).open = true;
        ++open_count_[static_cast<size_t>(el(copy).tag)];
    }
    return true;
}

void TreeBuilder::reconstruct_formatting() {
    if (formatting_.empty()) return;
    const uint32_t last = formatting_.back();
    if (last == marker || el(last).open) return;
    size_t i = formatting_.size() - 1;
    while (i > 0 && formatting_[i - 1] != marker && !el(formatting_[i - 1]).open) --i;
    for (; i < formatting_.size(); ++i) {
        const uint32_t copy = clone_element(formatting_[i], appropriate_place());
        push(copy);
        formatting_[i] = copy;
    }
}

void TreeBuilder::push_formatting(uint32_t id) {
    // Noah's Ark: at most three entries with the same name and attributes after the last marker.
    size_t first_marker = formatting_.size();
    while (first_marker > 0 && formatting_[first_marker - 1] != marker) --first_marker;
    const pugi::xml_node node = el(id).node;
    const auto same_attributes = [](pugi::xml_node a, pugi::xml_node b) {
        size_t n = 0;
        for (pugi::xml_attribute x : a.attributes()) {
            const pugi::xml_attribute y = b.attribute(x.name());
            if (!y || std::strcmp(x.value(), y.value()) != 0) return false;
            ++n;
        }
        return n == static_cast<size_t>(std::distance(b.attributes_begin(), b.attributes_end()));
    };
    size_t same = 0, earliest = formatting_.size();
    for (size_t i = formatting_.size(); i-- > first_marker;) {
        const Element& e = el(formatting_[i]);
        if (e.tag == el(id).tag && std::strcmp(e.node.name(), node.name()) == 0 &&
            same_attributes(e.node, node)) {
            ++same;
            earliest = i;
        }
    }
    if (same >= 3) formatting_.erase(formatting_.begin() + earliest);
    // Past the cap, the oldest entry goes: reconstruction then stays bounded on hostile input.
    if (formatting_.size() - first_marker >= formatting_cap) {
        formatting_.erase(formatting_.begin() + first_marker);
        if (!formatting_capped_) {
            formatting_capped_ = true;
            result_.warnings.push_back("more than 64 active formatting elements: oldest dropped");
        }
    }
    formatting_.push_back(id);
}

void TreeBuilder::clear_formatting_to_marker() {
    while (!formatting_.empty()) {
        const uint32_t id = formatting_.back();
        formatting_.pop_back();
        if (id == marker) return;
    }
}

void TreeBuilder::remove_formatting(uint32_t id) {
    const size_t i = formatting_position(id);
    if (i != formatting_.size()) formatting_.erase(formatting_.begin() + i);
}

// Searched from the end, where the entries a token is about usually are.
size_t TreeBuilder::formatting_position(uint32_t id) const {
    for (size_t i = formatting_.size(); i-- > 0;)
        if (formatting_[i] == id) return i;
    return formatting_.size();
}

void TreeBuilder::reset_insertion_mode() {
    // Fast path: nothing but body (or html) can decide, however deep the stack is.
    const bool only_body_decides =
        context_ == none && std::none_of(std::begin(mode_deciding_tags), std::end(mode_deciding_tags),
                                         [&](Tag t) { return open_html(t); });
    if (only_body_decides) {
        mode_ = open_html(Tag::body) ? Mode::in_body
                                     : (head_ == none ? Mode::before_head : Mode::after_head);
        return;
    }
    for (size_t i = stack_.size(); i-- > walk_floor();) {
        const bool last = i == 0;
        const Element& e = last && context_ != none ? el(context_) : el(stack_[i]);
        if (e.ns != Ns::html) {
            if (last) { mode_ = Mode::in_body; return; }
            continue;
        }
        switch (e.tag) {
            case Tag::td: case Tag::th: if (!last) { mode_ = Mode::in_cell; return; } break;
            case Tag::tr: mode_ = Mode::in_row; return;
            case Tag::tbody: case Tag::thead: case Tag::tfoot: mode_ = Mode::in_table_body; return;
            case Tag::caption: mode_ = Mode::in_caption; return;
            case Tag::colgroup: mode_ = Mode::in_column_group; return;
            case Tag::table: mode_ = Mode::in_table; return;
            case Tag::template_: mode_ = template_modes_.back(); return;
            case Tag::head: if (!last) { mode_ = Mode::in_head; return; } break;
            case Tag::body: mode_ = Mode::in_body; return;
            case Tag::frameset: mode_ = Mode::in_frameset; return;
            case Tag::html: mode_ = head_ == none ? Mode::before_head : Mode::after_head; return;
            default: break;
        }
        if (last) { mode_ = Mode::in_body; return; }
    }
    note_deep_walk();
    mode_ = Mode::in_body;
}

void TreeBuilder::generate_implied_end_tags(Tag except) {
    while (!stack_.empty()) {
        const Element& e = current();
        if (e.ns != Ns::html || e.tag == except ||
            !one_of(e.tag, {Tag::dd, Tag::dt, Tag::li, Tag::optgroup, Tag::option, Tag::p, Tag::rb,
                            Tag::rp, Tag::rt, Tag::rtc}))
            return;
        pop();
    }
}

void TreeBuilder::generate_all_implied_end_tags() {
    while (!stack_.empty()) {
        const Element& e = current();
        if (e.ns != Ns::html ||
            !one_of(e.tag, {Tag::caption, Tag::colgroup, Tag::dd, Tag::dt, Tag::li, Tag::optgroup,
                            Tag::option, Tag::p, Tag::rb, Tag::rp, Tag::rt, Tag::rtc, Tag::tbody,
                            Tag::td, Tag::tfoot, Tag::th, Tag::thead, Tag::tr}))
            return;
        pop();
    }
}

void TreeBuilder::close_p() {
    if (!in_scope(Tag::p, Scope::button)) return;
    generate_implied_end_tags(Tag::p);
    if (!current_is(Tag::p)) ++result_.errors;
    pop_until(Tag::p);
}

void TreeBuilder::clear_stack_back_to(std::initializer_list<Tag> tags) {
    while (!(current().ns == Ns::html && one_of(current().tag, tags))) pop();
}

void TreeBuilder::raw_text_element(Token& t, TextState state) {
    insert_html(t);
    tokenizer_->switch_to(state);
    original_mode_ = mode_;
    mode_ = Mode::text;
}

// ---------------------------------------------------------------------------------------------
// Stack of open elements

const TreeBuilder::Element& TreeBuilder::adjusted_current() const {
    if (context_ != none && stack_.size() == 1) return el(context_);
    return el(stack_.back());
}

bool TreeBuilder::current_is(Tag t) const { return !stack_.empty() && is_html(stack_.back(), t); }

bool TreeBuilder::is_scope_boundary(const Element& e, Scope scope) const {
    if (e.ns == Ns::math)
        return is_mathml_text_integration_point(e.tag) || e.tag == Tag::annotation_xml;
    if (e.ns == Ns::svg) return is_svg_html_integration_point(e.tag);
    switch (scope) {
        case Scope::table: return one_of(e.tag, {Tag::html, Tag::table, Tag::template_});
        case Scope::list_item: if (e.tag == Tag::ol || e.tag == Tag::ul) return true; break;
        case Scope::button: if (e.tag == Tag::button) return true; break;
        case Scope::normal: break;
    }
    return one_of(e.tag, {Tag::applet, Tag::caption, Tag::html, Tag::table, Tag::td, Tag::th,
                          Tag::marquee, Tag::object, Tag::template_, Tag::select});
}

bool TreeBuilder::in_scope(Tag t, Scope scope) const {
    if (!open_html(t)) return false;
    for (size_t i = stack_.size(); i-- > walk_floor();) {
        const Element& e = el(stack_[i]);
        if (e.ns == Ns::html && e.tag == t) return true;
        if (scope == Scope::table ? (e.ns == Ns::html && is_scope_boundary(e, scope))
                                  : is_scope_boundary(e, scope))
            return false;
    }
    note_deep_walk();
    return false;
}

bool TreeBuilder::in_scope_any(std::initializer_list<Tag> tags, Scope scope) const {
    for (Tag t : tags)
        if (in_scope(t, scope)) return true;
    return false;
}

bool TreeBuilder::element_in_scope(uint32_t id) const {
    if (!el(id).open) return false;
    for (size_t i = stack_.size(); i-- > walk_floor();) {
        if (stack_[i] == id) return true;
        if (is_scope_boundary(el(stack_[i]), Scope::normal)) return false;
    }
    note_deep_walk();
    return false;
}

// Walks down the stack stop `walk_limit` entries below the top: on a page nested deeper than
// that, an element buried further counts as out of scope. This keeps every token's work
// bounded (a million nested elements parse in linear time) at the price of a different tree
// for such pages only; the result carries a warning.
size_t TreeBuilder::walk_floor() const {
    return stack_.size() > walk_limit ? stack_.size() - walk_limit : 0;
}

void TreeBuilder::note_deep_walk() const {
    if (walk_floor() > 0) deep_walk_ = true;
}

void TreeBuilder::push(uint32_t id) {
    Element& e = el(id);
    e.open = true;
    if (e.ns == Ns::html) {
        ++open_count_[static_cast<size_t>(e.tag)];
        if (e.tag == Tag::unknown) ++open_unknown_[e.node.name()];
    }
    stack_.push_back(id);
}

void TreeBuilder::remove_from_stack(uint32_t id) {
    const size_t i = stack_index(id);
    if (i == stack_.size()) return;
    Element& e = el(id);
    e.open = false;
    if (e.ns == Ns::html && e.tag == Tag::option && !selected_contents_.empty())
        maybe_clone_option_into_selectedcontent(e.node);
    if (e.ns == Ns::html) {
        --open_count_[static_cast<size_t>(e.tag)];
        if (e.tag == Tag::unknown) {
            auto it = open_unknown_.find(e.node.name());
            if (it != open_unknown_.end() && --it->second == 0) open_unknown_.erase(it);
        }
    }
    stack_.erase(stack_.begin() + i);
}

void TreeBuilder::pop() { remove_from_stack(stack_.back()); }

void TreeBuilder::pop_until(Tag t) {
    while (!stack_.empty()) {
        const bool found = current_is(t);
        pop();
        if (found) return;
    }
}

void TreeBuilder::pop_until_any(std::initializer_list<Tag> tags) {
    while (!stack_.empty()) {
        const bool found = current().ns == Ns::html && one_of(current().tag, tags);
        pop();
        if (found) return;
    }
}

void TreeBuilder::pop_until_element(uint32_t id) {
    while (!stack_.empty()) {
        const bool found = stack_.back() == id;
        pop();
        if (found) return;
    }
}

size_t TreeBuilder::stack_index(uint32_t id) const {
    for (size_t i = stack_.size(); i-- > 0;)
        if (stack_[i] == id) return i;
    return stack_.size();
}

// ---------------------------------------------------------------------------------------------
// Building nodes

TreeBuilder::Location TreeBuilder::appropriate_place(pugi::xml_node override_target) {
    const uint32_t target_id = stack_.empty() ? none : stack_.back();
    pugi::xml_node target = override_target ? override_target : el(target_id).node;
    const auto is_table_part = [&](pugi::xml_node n) {
        std::string_view name = n.name();
        return name == "table" || name == "tbody" || name == "tfoot" || name == "thead" || name == "tr";
    };
    if (!foster_parenting_ || !is_table_part(target)) return {override_target ? shallow(target) : target, {}};
    size_t last_template = stack_.size(), last_table = stack_.size();
    for (size_t i = stack_.size(); i-- > 0;) {
        if (last_template == stack_.size() && is_html(stack_[i], Tag::template_)) last_template = i;
        if (last_table == stack_.size() && is_html(stack_[i], Tag::table)) last_table = i;
        if (last_table != stack_.size()) break;
    }
    if (last_template != stack_.size() && (last_table == stack_.size() || last_template > last_table))
        return {el(stack_[last_template]).node, {}};
    if (last_table == stack_.size()) return {el(stack_[0]).node, {}};
    const pugi::xml_node table = el(stack_[last_table]).node;
    if (table.parent()) return {table.parent(), table};
    return {el(stack_[last_table - 1]).node, {}};
}

// Where a node goes when the stack is deeper than `walk_limit`: no deeper in the tree than
// that, beside the deepest ancestor there instead of in the current node, as browsers cap
// the DOM depth. Moving a subtree (pugixml checks the new parent's ancestors) and every
// walk up the tree then stay bounded; pages so deep get a warning.
pugi::xml_node TreeBuilder::shallow(pugi::xml_node target) {
    if (stack_.size() <= walk_limit) return target;
    chain_.clear();  // target and its ancestors, up to the document
    for (pugi::xml_node n = target; n && n.type() == pugi::node_element; n = n.parent()) chain_.push_back(n);
    if (chain_.size() < walk_limit) return target;
    deep_walk_ = true;
    return chain_[chain_.size() - walk_limit + 1];
}

bool TreeBuilder::count_node() {
    if (++nodes_ <= options_.max_nodes) return true;
    if (!result_.truncated) {
        result_.truncated = true;
        result_.warnings.push_back("node limit reached: the tree is truncated");
    }
    stop();
    return false;
}

uint32_t TreeBuilder::create_element(Location where, const char* name, Tag tag, Ns ns,
                                     const std::vector<Attribute>& attrs) {
    count_node();
    pugi::xml_node node = where.before ? where.parent.insert_child_before(pugi::node_element, where.before)
                                       : where.parent.append_child(pugi::node_element);
    if (ns == Ns::html) {
        node.set_name(name);
    } else {
        std::string full = ns == Ns::svg ? "svg:" : "math:";
        full += ns == Ns::svg ? svg_element_name(name) : name;
        node.set_name(full.c_str());
    }
    bool integration = ns == Ns::svg && is_svg_html_integration_point(tag);
    for (const Attribute& a : attrs) {
        pugi::xml_attribute attr;
        if (ns == Ns::html) attr = node.append_attribute(a.name.c_str());
        else if (ns == Ns::svg) attr = node.append_attribute(std::string(svg_attribute_name(a.name)).c_str());
        else attr = node.append_attribute(a.name == "definitionurl" ? "definitionURL" : a.name.c_str());
        attr.set_value(a.value.data(), a.value.size());
        if (ns == Ns::math && tag == Tag::annotation_xml && a.name == "encoding" &&
            (iequals(a.value, "text/html") || iequals(a.value, "application/xhtml+xml")))
            integration = true;
    }
    if (ns == Ns::html && tag == Tag::unknown && std::strcmp(name, "selectedcontent") == 0)
        register_selectedcontent(node);
    elements_.push_back({node, tag, ns, integration, false});
    return static_cast<uint32_t>(elements_.size() - 1);
}

uint32_t TreeBuilder::clone_element(uint32_t id, Location where) {
    count_node();
    const Element& e = el(id);
    pugi::xml_node node = where.before ? where.parent.insert_child_before(pugi::node_element, where.before)
                                       : where.parent.append_child(pugi::node_element);
    node.set_name(e.node.name());
    for (pugi::xml_attribute a : e.node.attributes()) node.append_attribute(a.name()).set_value(a.value());
    elements_.push_back({node, e.tag, e.ns, e.html_integration_point, false});
    return static_cast<uint32_t>(elements_.size() - 1);
}

uint32_t TreeBuilder::insert_html(Token& t) {
    const uint32_t id = create_element(appropriate_place(), t.name.c_str(), t.tag, Ns::html, t.attrs);
    push(id);
    return id;
}

uint32_t TreeBuilder::insert_html(const char* name, Tag tag) {
    const uint32_t id = create_element(appropriate_place(), name, tag, Ns::html, {});
    push(id);
    return id;
}

uint32_t TreeBuilder::insert_foreign(Token& t, Ns ns) {
    const uint32_t id = create_element(appropriate_place(), t.name.c_str(), t.tag, ns, t.attrs);
    push(id);
    return id;
}

// Text goes into the tree at once; text landing next to a text node merges with it (kept
// aside in merged_text_ and written once at the end, so repeated merges stay linear).
void TreeBuilder::insert_text(std::string_view s) {
    Location at = appropriate_place();
    if (at.parent.type() == pugi::node_document) return;
    pugi::xml_node previous = at.before ? at.before.previous_sibling() : at.parent.last_child();
    if (previous.type() == pugi::node_pcdata) {
        auto [it, inserted] = merged_text_.try_emplace(previous.internal_object());
        if (inserted) it->second = previous.value();
        it->second += s;
    } else if (count_node()) {
        pugi::xml_node node = at.before ? at.parent.insert_child_before(pugi::node_pcdata, at.before)
                                        : at.parent.append_child(pugi::node_pcdata);
        node.set_value(s.data(), s.size());
    }
}

void TreeBuilder::write_merged_text() {
    for (auto& [node, value] : merged_text_) pugi::xml_node(node).set_value(value.c_str());
    merged_text_.clear();
}

// Removes a subtree without recursion (pugixml's own removal recurses): children are lifted
// into `node` level by level, so every node moves once.
void TreeBuilder::remove_subtree(pugi::xml_node node) {
    remove_children(node);
    node.parent().remove_child(node);
}

void TreeBuilder::remove_children(pugi::xml_node node) {
    write_merged_text();
    while (pugi::xml_node child = node.first_child()) {
        while (pugi::xml_node grandchild = child.first_child()) node.append_move(grandchild);
        node.remove_child(child);
    }
}

void TreeBuilder::insert_comment(const Token& t, pugi::xml_node parent) {
    if (!options_.keep_comments) return;
    if (!count_node()) return;
    Location where = parent ? Location{parent, {}} : appropriate_place();
    pugi::xml_node node = where.before ? where.parent.insert_child_before(pugi::node_comment, where.before)
                                       : where.parent.append_child(pugi::node_comment);
    node.set_value(t.data.c_str());
}

void TreeBuilder::add_missing_attributes(pugi::xml_node node, const Token& t) {
    for (const Attribute& a : t.attrs)
        if (!node.attribute(a.name.c_str())) node.append_attribute(a.name.c_str()).set_value(a.value.c_str());
}

pugi::xml_node TreeBuilder::scratch() {
    if (!scratch_) scratch_ = doc_.append_child("copydesk-scratch");
    return scratch_;
}

// ---------------------------------------------------------------------------------------------
// <selectedcontent>: shows a copy of the select's selected option

// The nearest ancestor <select> of `node`, looked for a bounded number of levels up.
pugi::xml_node TreeBuilder::select_ancestor(pugi::xml_node node) const {
    constexpr int levels = 64;
    pugi::xml_node n = node.parent();
    for (int i = 0; i < levels && n; ++i, n = n.parent())
        if (n.type() == pugi::node_element && std::string_view(n.name()) == "select") return n;
    return {};
}

void TreeBuilder::register_selectedcontent(pugi::xml_node node) {
    if (pugi::xml_node select = select_ancestor(node))
        selected_contents_.try_emplace(select.internal_object(), SelectedContent{node});
}

// When an option closes: the first option, or one with `selected`, is copied into the
// select's <selectedcontent> (replacing what was there).
void TreeBuilder::maybe_clone_option_into_selectedcontent(pugi::xml_node option) {
    const pugi::xml_node select = select_ancestor(option);
    auto it = select ? selected_contents_.find(select.internal_object()) : selected_contents_.end();
    if (it == selected_contents_.end()) return;
    SelectedContent& sc = it->second;
    if (sc.has_option && !option.attribute("selected")) return;
    sc.has_option = true;
    write_merged_text();
    remove_children(sc.target);
    for (pugi::xml_node child : option.children()) sc.target.append_copy(child);
}

// ---------------------------------------------------------------------------------------------
// Fragment case

TextState TreeBuilder::set_fragment_context(std::string_view context) {
    Ns ns = Ns::html;
    std::string name(context);
    if (context.substr(0, 4) == "svg ") { ns = Ns::svg; name = context.substr(4); }
    else if (context.substr(0, 5) == "math ") { ns = Ns::math; name = context.substr(5); }
    std::string lowercase = name;
    for (char& c : lowercase) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    const Tag tag = lookup_tag(lowercase);
    const uint32_t root = create_element({doc_, {}}, "html", Tag::html, Ns::html, {});
    // The context element is not part of the tree: it lives in the scratch area.
    context_ = create_element({scratch(), {}}, name.c_str(), tag, ns, {});
    push(root);
    if (ns == Ns::html && tag == Tag::template_) template_modes_.push_back(Mode::in_template);
    reset_insertion_mode();
    if (ns != Ns::html) return TextState::data;
    switch (tag) {
        case Tag::title: case Tag::textarea: return TextState::rcdata;
        case Tag::style: case Tag::xmp: case Tag::iframe: case Tag::noembed: case Tag::noframes:
            return TextState::rawtext;
        case Tag::script: return TextState::script_data;
        case Tag::noscript: return options_.scripting ? TextState::rawtext : TextState::data;
        case Tag::plaintext: return TextState::plaintext;
        default: return TextState::data;
    }
}

}  // namespace copydesk::html
