// Lookups in the embedded gazetteer records (see gazetteer.hpp).
#include "tag/gazetteer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace copydesk::tag::gazetteer_data {
extern const size_t kRecordCount;
extern const uint32_t kRecordOffsets[];
extern const size_t kBlobSize;
extern const char kBlob[];
}  // namespace copydesk::tag::gazetteer_data

namespace copydesk::tag::gazetteer {
namespace {

namespace d = gazetteer_data;

// Record i: "key\tkind\tvalue\tcode\n".
std::string_view key_of(size_t i) {
    const char* p = d::kBlob + d::kRecordOffsets[i];
    const char* e = p;
    while (*e != '\t') ++e;
    return {p, static_cast<size_t>(e - p)};
}

Entry entry_of(size_t i) {
    const char* p = d::kBlob + d::kRecordOffsets[i];
    while (*p != '\t') ++p;
    Entry e;
    e.kind = static_cast<Kind>(p[1]);
    const char* v = p + 3;
    const char* ve = v;
    while (*ve != '\t') ++ve;
    e.value = {v, static_cast<size_t>(ve - v)};
    const char* c = ve + 1;
    const char* ce = c;
    while (*ce != '\n') ++ce;
    e.code = {c, static_cast<size_t>(ce - c)};
    return e;
}

// First record whose key is not less than `key` (byte order, as the script sorted them).
size_t lower(std::string_view key) {
    size_t lo = 0, hi = d::kRecordCount;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (key_of(mid) < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

}  // namespace

int lookup(std::string_view key, Entry* out, int max) {
    int n = 0;
    for (size_t i = lower(key); i < d::kRecordCount && n < max && key_of(i) == key; ++i) out[n++] = entry_of(i);
    return n;
}

bool find(std::string_view key, Kind kind, Entry* out) {
    for (size_t i = lower(key); i < d::kRecordCount && key_of(i) == key; ++i) {
        const Entry e = entry_of(i);
        if (e.kind == kind) {
            if (out) *out = e;
            return true;
        }
    }
    return false;
}

bool has_longer(std::string_view prefix) {
    // Keys "prefix " and "prefix-" sort right after "prefix" and its other extensions.
    for (const char sep : {' ', '-'}) {
        std::string_view k;
        char buf[256];
        if (prefix.size() + 1 > sizeof buf) return false;
        std::copy(prefix.begin(), prefix.end(), buf);
        buf[prefix.size()] = sep;
        k = {buf, prefix.size() + 1};
        const size_t i = lower(k);
        if (i < d::kRecordCount && key_of(i).substr(0, k.size()) == k) return true;
    }
    return false;
}

}  // namespace copydesk::tag::gazetteer
