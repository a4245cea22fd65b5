// The WHATWG tree construction stage: tokens in, pugixml nodes out.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pugixml.hpp>

#include "copydesk/html.hpp"
#include "html/tokenizer.hpp"

namespace copydesk::html {

enum class Ns : uint8_t { html, svg, math };

enum class Mode : uint8_t {
    initial, before_html, before_head, in_head, in_head_noscript, after_head, in_body, text,
    in_table, in_table_text, in_caption, in_column_group, in_table_body, in_row, in_cell,
    in_template, after_body, in_frameset, after_frameset, after_after_body, after_after_frameset,
};

class TreeBuilder {
  public:
    TreeBuilder(ParseResult& result, const ParseOptions& options);

    // Prepares the fragment case for a context like "td" or "svg path"; returns the
    // tokenizer state the context asks for.
    TextState set_fragment_context(std::string_view context);
    // Runs the tokenizer to the end (or to a limit) building the tree.
    void build(Tokenizer& tokenizer);

  private:
    static constexpr uint32_t marker = UINT32_MAX;
    static constexpr uint32_t none = UINT32_MAX;
    static constexpr size_t formatting_cap = 64;
    static constexpr size_t walk_limit = 512;

    struct Element {
        pugi::xml_node node;
        Tag tag;
        Ns ns;
        bool html_integration_point;
        bool open;  // on the stack of open elements
    };
    struct Location {
        pugi::xml_node parent;
        pugi::xml_node before;  // null: append
    };
    enum class Scope : uint8_t { normal, list_item, button, table };

    // token dispatch
    void process(Token& t);
    bool dispatch(Token& t);
    bool use_foreign_rules(const Token& t) const;
    void process_characters(std::string_view s);
    size_t characters_in_mode(Mode m, std::string_view s);
    size_t body_characters(std::string_view s);
    size_t foreign_characters(std::string_view s);
    bool process_in(Mode m, Token& t);

    // insertion modes: return true to reprocess the token in the (new) current mode
    bool initial(Token& t);
    bool before_html(Token& t);
    void insert_root(const std::vector<Attribute>& attrs);
    bool before_head(Token& t);
    bool in_head(Token& t);
    bool in_head_noscript(Token& t);
    bool after_head(Token& t);
    bool in_body(Token& t);
    bool in_body_start_tag(Token& t);
    bool in_body_end_tag(Token& t);
    bool text_mode(Token& t);
    bool in_table(Token& t);
    bool in_table_text(Token& t);
    bool in_caption(Token& t);
    bool in_column_group(Token& t);
    bool in_table_body(Token& t);
    bool in_row(Token& t);
    bool in_cell(Token& t);
    bool in_template(Token& t);
    bool after_body(Token& t);
    bool in_frameset(Token& t);
    bool after_frameset(Token& t);
    bool after_after_body(Token& t);
    bool after_after_frameset(Token& t);
    bool foreign_content(Token& t);

    // algorithms of the spec
    void any_other_end_tag(const Token& t);
    bool adoption_agency(const Token& t);  // false: act as "any other end tag"
    void reconstruct_formatting();
    void push_formatting(uint32_t id);
    void clear_formatting_to_marker();
    void remove_formatting(uint32_t id);
    size_t formatting_position(uint32_t id) const;
    void reset_insertion_mode();
    void generate_implied_end_tags(Tag except = Tag::unknown);
    void generate_all_implied_end_tags();
    void close_p();
    void close_cell();
    void clear_stack_back_to(std::initializer_list<Tag> tags);
    void raw_text_element(Token& t, TextState state);
    void doctype_quirks(const Token& t);
    void stop() { stopped_ = true; }

    // stack of open elements
    Element& el(uint32_t id) { return elements_[id]; }
    const Element& el(uint32_t id) const { return elements_[id]; }
    Element& current() { return elements_[stack_.back()]; }
    const Element& adjusted_current() const;
    bool current_is(Tag t) const;
    bool is_html(uint32_t id, Tag t) const { return el(id).ns == Ns::html && el(id).tag == t; }
    bool open_html(Tag t) const { return open_count_[static_cast<size_t>(t)] != 0; }
    bool in_scope(Tag t, Scope scope = Scope::normal) const;
    bool in_scope_any(std::initializer_list<Tag> tags, Scope scope = Scope::normal) const;
    bool element_in_scope(uint32_t id) const;
    bool is_scope_boundary(const Element& e, Scope scope) const;
    size_t walk_floor() const;
    void note_deep_walk() const;
    pugi::xml_node shallow(pugi::xml_node target);
    void push(uint32_t id);
    void pop();
    void pop_until(Tag t);
    void pop_until_any(std::initializer_list<Tag> tags);
    void pop_until_element(uint32_t id);
    void remove_from_stack(uint32_t id);
    size_t stack_index(uint32_t id) const;

    // building nodes
    Location appropriate_place(pugi::xml_node override_target = {});
    uint32_t create_element(Location where, const char* name, Tag tag, Ns ns,
                            const std::vector<Attribute>& attrs);
    uint32_t clone_element(uint32_t id, Location where);
    uint32_t insert_html(Token& t);
    uint32_t insert_html(const char* name, Tag tag);
    uint32_t insert_foreign(Token& t, Ns ns);
    void insert_text(std::string_view s);
    void insert_comment(const Token& t, pugi::xml_node parent = {});
    void write_merged_text();
    void remove_subtree(pugi::xml_node node);
    void remove_children(pugi::xml_node node);
    pugi::xml_node select_ancestor(pugi::xml_node node) const;
    void register_selectedcontent(pugi::xml_node node);
    void maybe_clone_option_into_selectedcontent(pugi::xml_node option);
    bool count_node();
    void add_missing_attributes(pugi::xml_node node, const Token& t);
    pugi::xml_node scratch();

    ParseResult& result_;
    const ParseOptions& options_;
    pugi::xml_document& doc_;
    std::vector<Element> elements_;
    std::vector<uint32_t> stack_;
    std::vector<uint32_t> formatting_;
    std::vector<Mode> template_modes_;
    std::array<uint32_t, 256> open_count_{};
    std::unordered_map<std::string, uint32_t> open_unknown_;  // open HTML elements by name
    Mode mode_ = Mode::initial;
    Mode original_mode_ = Mode::initial;
    uint32_t head_ = none;
    uint32_t form_ = none;
    uint32_t context_ = none;  // fragment case: the context element (not in the tree)
    Tokenizer* tokenizer_ = nullptr;
    bool frameset_ok_ = true;
    bool foster_parenting_ = false;
    bool quirks_ = false;
    bool skip_newline_ = false;
    bool stopped_ = false;
    bool formatting_capped_ = false;
    mutable bool deep_walk_ = false;
    std::vector<pugi::xml_node> chain_;  // scratch of shallow()
    size_t nodes_ = 0;
    std::string table_text_;
    bool table_text_has_content_ = false;
    // text nodes that received more text, with their whole text (written at the end)
    std::unordered_map<pugi::xml_node_struct*, std::string> merged_text_;
    pugi::xml_node scratch_;
    struct SelectedContent {
        pugi::xml_node target;    // the first <selectedcontent> in the select
        bool has_option = false;  // an option was copied into it
    };
    std::unordered_map<pugi::xml_node_struct*, SelectedContent> selected_contents_;  // by select
};

}  // namespace copydesk::html
