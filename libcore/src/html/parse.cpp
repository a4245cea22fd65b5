// The public entry points: input preprocessing, then tokenizer and tree builder.
#include "copydesk/html.hpp"
#include "html/input.hpp"
#include "html/tokenizer.hpp"
#include "html/tree_builder.hpp"

namespace copydesk::html {

ParseResult parse(std::string_view utf8, const ParseOptions& options) {
    ParseResult result;
    std::string storage;
    Tokenizer tokenizer(preprocess_input(utf8, storage));
    TreeBuilder builder(result, options);
    builder.build(tokenizer);
    return result;
}

ParseResult parse_fragment(std::string_view utf8, std::string_view context_element,
                           const ParseOptions& options) {
    ParseResult result;
    std::string storage;
    Tokenizer tokenizer(preprocess_input(utf8, storage));
    TreeBuilder builder(result, options);
    tokenizer.switch_to(builder.set_fragment_context(context_element));
    builder.build(tokenizer);
    // The fragment is the children of the root html element: lift them to the top level.
    pugi::xml_node root = result.doc.first_child();
    while (pugi::xml_node child = root.first_child()) result.doc.insert_move_before(child, root);
    result.doc.remove_child(root);
    return result;
}

}  // namespace copydesk::html
