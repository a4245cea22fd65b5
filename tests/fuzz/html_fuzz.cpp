// libFuzzer target for copydesk::html: the whole document parser, the fragment parser (the
// first input byte picks the context element) and the tree dump, under ASan and UBSan.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "copydesk/html.hpp"

namespace {

constexpr std::string_view contexts[] = {"body", "td", "tr", "table", "select", "template",
                                         "title", "textarea", "script", "svg path",
                                         "math mi", "math annotation-xml", "html", "frameset"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    copydesk::html::ParseOptions options;
    options.max_nodes = 100'000;
    options.scripting = size % 2 == 1;
    const auto doc = copydesk::html::parse(input, options);
    (void)copydesk::html::dump_tree(doc.doc);
    if (size > 0) {
        const std::string_view context = contexts[data[0] % std::size(contexts)];
        const auto fragment = copydesk::html::parse_fragment(input.substr(1), context, options);
        (void)copydesk::html::dump_tree(fragment.doc);
    }
    return 0;
}
