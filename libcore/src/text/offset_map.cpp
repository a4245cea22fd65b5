#include <algorithm>

#include "copydesk/text.hpp"

namespace copydesk::text {

void OffsetMap::keep(int64_t n) {
    old_pos_ += n;
    new_pos_ += n;
}

void OffsetMap::replace(int64_t old_n, int64_t new_n) {
    edits_.push_back({old_pos_, old_n, new_pos_, new_n});
    old_pos_ += old_n;
    new_pos_ += new_n;
}

int64_t OffsetMap::map_start(int64_t x) const {
    // The last edit that starts at or before x.
    auto it = std::upper_bound(edits_.begin(), edits_.end(), x,
                               [](int64_t v, const Edit& e) { return v < e.old_pos; });
    if (it == edits_.begin()) return x;
    const Edit& e = *std::prev(it);
    if (x < e.old_pos + e.old_n) return e.new_pos;
    return x - (e.old_pos + e.old_n) + e.new_pos + e.new_n;
}

int64_t OffsetMap::map_end(int64_t x) const {
    // The last edit that starts strictly before x: an insertion at x stays outside the span.
    auto it = std::lower_bound(edits_.begin(), edits_.end(), x,
                               [](const Edit& e, int64_t v) { return e.old_pos < v; });
    if (it == edits_.begin()) return x;
    const Edit& e = *std::prev(it);
    if (x <= e.old_pos + e.old_n) return e.new_pos + e.new_n;
    return x - (e.old_pos + e.old_n) + e.new_pos + e.new_n;
}

}  // namespace copydesk::text
