// Private to tag: the embedded gazetteers (built by scripts/build-gazetteers into
// data/gazetteer_data.cpp). Lookups are binary searches over static sorted records, behind
// a Bloom filter that the script also built: nothing is loaded, parsed or indexed at
// start-up.
#pragma once

#include <string_view>

namespace copydesk::tag::gazetteer {

// What a name is, as the data says (one name may have several kinds: "Jordan" is a
// country and part of people's names).
enum class Kind : char {
    country = 'C',       // value: English short name; code: ISO 3166-1 alpha-2
    subdivision = 'S',   // code: ISO 3166-2
    major_city = 'M',    // code: country
    town = 'T',          // weak: a place only where the context says so; code: country
    demonym = 'D',       // nationality or group adjective ("German"); code: country or ""
    event = 'E',         // event, competition, prize, period ("World Cup", "Brexit")
    organization = 'O',  // a well-known organisation (canonical name)
    acronym = 'A',       // value: the organisation it stands for
    name_part = 'G',     // a given name or family name
};

struct Entry {
    Kind kind{};
    std::string_view value;  // normalized form; empty: the key itself
    std::string_view code;
};

// The entries for `key` (exact bytes), strongest kind first; returns how many were written
// to out (at most max).
int lookup(std::string_view key, Entry* out, int max);

// The entry of `kind` for `key`, if any.
bool find(std::string_view key, Kind kind, Entry* out = nullptr);

// True when some key may start with `prefix` followed by a space or hyphen (so that a
// longer name may still match); false means surely not.
bool has_longer(std::string_view prefix);

}  // namespace copydesk::tag::gazetteer
