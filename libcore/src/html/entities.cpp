#include "html/entities.hpp"

#include <algorithm>
#include <cstring>

namespace copydesk::html {

const Entity* find_entity(std::string_view s) {
    const Entity* lo = entity_table;
    const Entity* hi = entity_table + entity_count;
    const Entity* best = nullptr;
    for (size_t k = 0; k < s.size() && lo < hi; ++k) {
        // Names in [lo, hi) share the prefix s[0..k); keep those whose next byte is s[k].
        const char c = s[k];
        if (c == '\0') break;  // names never hold NUL: it would match their terminator
        lo = std::lower_bound(lo, hi, c, [k](const Entity& e, char ch) {
            return static_cast<unsigned char>(e.name[k]) < static_cast<unsigned char>(ch);
        });
        hi = std::upper_bound(lo, hi, c, [k](char ch, const Entity& e) {
            return static_cast<unsigned char>(ch) < static_cast<unsigned char>(e.name[k]);
        });
        if (lo < hi && lo->name[k + 1] == '\0') best = lo;
    }
    return best;
}

}  // namespace copydesk::html
