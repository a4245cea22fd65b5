// Named character references (generated table) and their longest-match lookup.
#pragma once

#include <cstddef>
#include <string_view>

namespace copydesk::html {

struct Entity {
    const char* name;   // without the '&', with the ';' when the spec lists it so
    const char* value;  // UTF-8
};

extern const Entity entity_table[];
extern const size_t entity_count;

// The longest entity name that prefixes `s`, or nullptr. `s` starts after the '&'.
const Entity* find_entity(std::string_view s);

}  // namespace copydesk::html
