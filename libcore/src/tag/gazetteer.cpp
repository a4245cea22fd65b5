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
extern const uint32_t kFirstTwoBytes[65537];
extern const uint64_t kBloom[];
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

uint64_t hash(std::string_view s, uint64_t seed) {
    uint64_t h = 1469598103934665603ull ^ seed;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

constexpr size_t kBloomBits = size_t{1} << 21;  // as scripts/build-gazetteers made it
constexpr uint64_t kKeySeed = 0, kPrefixSeed = 0x9e3779b97f4a7c15ull;

// The Bloom filter of keys (kKeySeed) and of key prefixes before a space or hyphen
// (kPrefixSeed): false means surely absent.
// Two bits of one 64-bit word per entry, as the script set them.
bool bloom(uint64_t h) {
    const uint64_t word = d::kBloom[h & (kBloomBits / 64 - 1)];
    const uint64_t bits = (uint64_t{1} << ((h >> 32) & 63)) | (uint64_t{1} << ((h >> 40) & 63));
    return (word & bits) == bits;
}

bool maybe(std::string_view s, uint64_t seed) { return bloom(hash(s, seed)); }

// Whether record i's key sorts before `key` (bytes compared as unsigned), in one pass.
bool less(size_t i, std::string_view key) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(d::kBlob + d::kRecordOffsets[i]);
    for (size_t j = 0;; ++j) {
        const unsigned char c = p[j];
        if (c == '\t') return j < key.size();  // a proper prefix of key, or equal
        if (j == key.size()) return false;     // key is a proper prefix of the record's
        const unsigned char k = static_cast<unsigned char>(key[j]);
        if (c != k) return c < k;
    }
}

// First record whose key is not less than `key` (byte order, as the script sorted them),
// searched among the records that share its first two bytes.
size_t lower(std::string_view key) {
    const unsigned a = key.size() > 0 ? static_cast<unsigned char>(key[0]) : 0;
    const unsigned b = key.size() > 1 ? static_cast<unsigned char>(key[1]) : 0;
    const unsigned bucket = a << 8 | b;
    size_t lo = d::kFirstTwoBytes[bucket], hi = d::kFirstTwoBytes[bucket + 1];
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (less(mid, key)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

}  // namespace

namespace {

// The records of one key: [first, first + count). Names recur within an article, so the
// last few hundred answers are kept per thread (keys of up to 30 bytes).
struct Range {
    uint32_t first = 0, count = 0;
};

// The records of `key`, through the cache (absent keys are cached too), then the Bloom
// filter, then the binary search.
Range records_of(std::string_view key) {
    struct Slot {
        char key[31];
        uint8_t len = 0xFF;  // 0xFF: empty
        Range range;
    };
    thread_local Slot cache[512];
    const uint64_t h = hash(key, kKeySeed);
    Slot* slot = key.size() < sizeof(Slot::key) ? &cache[(h >> 7) & 511] : nullptr;
    if (slot && slot->len == key.size() && std::equal(key.begin(), key.end(), slot->key)) return slot->range;
    Range r;
    if (bloom(h)) {
        const size_t lo = lower(key);
        size_t i = lo;
        while (i < d::kRecordCount && key_of(i) == key) ++i;
        r.first = static_cast<uint32_t>(lo);
        r.count = static_cast<uint32_t>(i - lo);
    }
    if (slot) {
        std::copy(key.begin(), key.end(), slot->key);
        slot->len = static_cast<uint8_t>(key.size());
        slot->range = r;
    }
    return r;
}

}  // namespace

int lookup(std::string_view key, Entry* out, int max) {
    if (key.empty()) return 0;
    const Range r = records_of(key);
    int n = 0;
    for (uint32_t i = 0; i < r.count && n < max; ++i) out[n++] = entry_of(r.first + i);
    return n;
}

bool find(std::string_view key, Kind kind, Entry* out) {
    if (key.empty()) return false;
    const Range r = records_of(key);
    for (uint32_t i = 0; i < r.count; ++i) {
        const Entry e = entry_of(r.first + i);
        if (e.kind == kind) {
            if (out) *out = e;
            return true;
        }
    }
    return false;
}

bool has_longer(std::string_view prefix) {
    return !prefix.empty() && maybe(prefix, kPrefixSeed);
}

}  // namespace copydesk::tag::gazetteer
