#include "html/tags.hpp"

#include <array>
#include <cstring>

namespace copydesk::html {
namespace {

constexpr const char* tag_names[] = {
    "",
#define COPYDESK_HTML_TAG_NAME(name) #name,
    COPYDESK_HTML_TAGS(COPYDESK_HTML_TAG_NAME)
#undef COPYDESK_HTML_TAG_NAME
};
constexpr size_t tag_count = sizeof(tag_names) / sizeof(tag_names[0]);

uint32_t hash_name(std::string_view s) {
    uint32_t h = 2166136261u;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

// Open addressing over 512 slots (the table is a quarter full): lookups cost one hash and
// usually one compare.
struct TagTable {
    static constexpr uint32_t size = 512;
    std::array<uint8_t, size> slot{};  // Tag value, 0 for empty

    TagTable() {
        for (size_t t = 1; t < tag_count; ++t) {
            uint32_t i = hash_name(spelled(static_cast<Tag>(t))) & (size - 1);
            while (slot[i] != 0) i = (i + 1) & (size - 1);
            slot[i] = static_cast<uint8_t>(t);
        }
    }
    static std::string_view spelled(Tag t) {
        if (t == Tag::annotation_xml) return "annotation-xml";
        if (t == Tag::template_) return "template";  // a keyword as an enum value
        return tag_names[static_cast<size_t>(t)];
    }
    Tag find(std::string_view name) const {
        for (uint32_t i = hash_name(name) & (size - 1); slot[i] != 0; i = (i + 1) & (size - 1)) {
            const Tag t = static_cast<Tag>(slot[i]);
            if (spelled(t) == name) return t;
        }
        return Tag::unknown;
    }
};

const TagTable table;

}  // namespace

Tag lookup_tag(std::string_view lowercase_name) {
    if (lowercase_name.size() > 14) return Tag::unknown;
    return table.find(lowercase_name);
}

}  // namespace copydesk::html
