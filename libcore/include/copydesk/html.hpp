// copydesk/html.hpp — the HTML5 parser: WHATWG tokenizer and tree builder producing a pugixml DOM.
//
// The tree is the one a browser builds (html5lib-tests conformant), with these conventions:
//   - HTML element and attribute names are lowercase; SVG and MathML elements are named
//     "svg:<localName>" and "math:<localName>" (SVG names in their adjusted case, e.g.
//     "svg:foreignObject"); adjusted foreign attributes keep their "xlink:href" style names.
//   - text is pcdata nodes (adjacent text is always merged), comments are comment nodes,
//     the doctype is a doctype node whose value is `name` or `name "public" "system"`.
//   - a <template>'s contents are the children of the template element.
// Input is UTF-8 (convert other charsets first); ill-formed bytes become U+FFFD.
//
// Time is linear in the input, also on hostile pages: stack walks stop 512 elements below the
// current node and at most 64 active formatting elements are kept. Pages that hit such a cap
// (none of 561 real pages tested) get a tree that differs from a browser's, and a warning.
//
// All functions are pure and thread-safe; a ParseResult is owned by the caller.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace copydesk::html {

struct ParseOptions {
    // Elements, texts and comments built at most; past it parsing stops and `truncated` is set.
    // Bounds memory on hostile input: a node costs about 60 bytes plus its text.
    size_t max_nodes = 50'000'000;
    // Comments are rarely useful to extraction; dropping them saves memory and time.
    bool keep_comments = true;
    // The scripting flag of the spec: when on, <noscript> content is raw text (as in a browser
    // with JavaScript); off (the default) parses it as markup, which is what a scraper sees.
    bool scripting = false;
};

struct ParseResult {
    pugi::xml_document doc;              // the document (for a fragment: its nodes, top level)
    size_t errors = 0;                   // parse errors counted by the spec's rules
    bool truncated = false;              // a limit was hit: the tree holds what was built so far
    std::vector<std::string> warnings;   // limits hit and caps applied, one short message each

    explicit operator bool() const { return !truncated; }
};

// Parses a whole document.
ParseResult parse(std::string_view utf8, const ParseOptions& options = {});

// Parses a fragment as the HTML fragment parsing algorithm (innerHTML) does, in the context of
// an element named `context_element`: "td", "title", or "svg path" / "math mi" for foreign
// contexts. The document holds the fragment's nodes at top level.
ParseResult parse_fragment(std::string_view utf8, std::string_view context_element,
                           const ParseOptions& options = {});

// The html5lib-tests tree dump of root's children: one node per line, "| " then two spaces
// per depth level, attributes sorted by name. Iterative: any depth is fine.
std::string dump_tree(const pugi::xml_node& root);

}  // namespace copydesk::html
