// dump_tree: the html5lib-tests tree format, built with an explicit walk (no recursion).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "copydesk/html.hpp"
#include "html/foreign.hpp"

namespace copydesk::html {
namespace {

bool is_foreign(std::string_view name) {
    return name.substr(0, 4) == "svg:" || name.substr(0, 5) == "math:";
}

bool is_template(const pugi::xml_node& node) {
    return node.type() == pugi::node_element && std::string_view(node.name()) == "template";
}

void begin_line(std::string& out, int depth) {
    out += "| ";
    out.append(static_cast<size_t>(depth) * 2, ' ');
}

void dump_element(std::string& out, const pugi::xml_node& node, int depth) {
    std::string name = node.name();
    const bool foreign = is_foreign(name);
    if (foreign) name[name.find(':')] = ' ';
    begin_line(out, depth);
    out += '<' + name + ">\n";
    std::vector<std::pair<std::string, std::string_view>> attrs;
    for (const pugi::xml_attribute& a : node.attributes()) {
        std::string attr_name = a.name();
        if (foreign && is_namespaced_foreign_attribute(attr_name)) attr_name[attr_name.find(':')] = ' ';
        attrs.emplace_back(std::move(attr_name), a.value());
    }
    std::sort(attrs.begin(), attrs.end());
    for (const auto& [attr_name, value] : attrs) {
        begin_line(out, depth + 1);
        out += attr_name;
        out += "=\"";
        out += value;
        out += "\"\n";
    }
    if (is_template(node)) {
        begin_line(out, depth + 1);
        out += "content\n";
    }
}

void dump_node(std::string& out, const pugi::xml_node& node, int depth) {
    switch (node.type()) {
        case pugi::node_element: dump_element(out, node, depth); return;
        case pugi::node_pcdata:
        case pugi::node_cdata:
            begin_line(out, depth);
            out += '"';
            out += node.value();
            out += "\"\n";
            return;
        case pugi::node_comment:
            begin_line(out, depth);
            out += "<!-- ";
            out += node.value();
            out += " -->\n";
            return;
        case pugi::node_doctype:
            begin_line(out, depth);
            out += "<!DOCTYPE ";
            out += node.value();
            out += ">\n";
            return;
        default: return;
    }
}

// Depth added for the children of `node`: template contents sit one level below "content".
int child_depth_step(const pugi::xml_node& node) { return is_template(node) ? 2 : 1; }

}  // namespace

std::string dump_tree(const pugi::xml_node& root) {
    std::string out;
    pugi::xml_node node = root.first_child();
    int depth = 0;
    while (node) {
        dump_node(out, node, depth);
        if (node.first_child()) {
            depth += child_depth_step(node);
            node = node.first_child();
            continue;
        }
        while (node != root && !node.next_sibling()) {
            node = node.parent();
            if (node != root) depth -= child_depth_step(node);
        }
        node = node == root ? pugi::xml_node() : node.next_sibling();
    }
    return out;
}

}  // namespace copydesk::html
