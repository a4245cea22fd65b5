// Name adjustments for SVG and MathML content (the spec's tables).
#pragma once

#include <string_view>

namespace copydesk::html {

// The SVG element name for a lowercase tag name ("foreignobject" -> "foreignObject").
std::string_view svg_element_name(std::string_view lowercase_name);
// The SVG attribute name for a lowercase attribute name ("viewbox" -> "viewBox").
std::string_view svg_attribute_name(std::string_view lowercase_name);
// Whether a foreign element's attribute is namespaced ("xlink:href", "xml:lang", "xmlns:xlink"...).
bool is_namespaced_foreign_attribute(std::string_view name);

}  // namespace copydesk::html
