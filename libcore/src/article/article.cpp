#include "copydesk/article.hpp"

namespace copydesk {

void add_history(Article& a, std::string_view tool, std::string_view members_json) {
    std::string entry = "{\"tool\":\"";
    entry += tool;
    entry += "\",\"version\":\"" COPYDESK_VERSION "\"";
    if (!members_json.empty()) {
        entry += ",";
        entry += members_json;
    }
    entry += '}';
    a.history.push_back(std::move(entry));
}

}  // namespace copydesk
