// Tests of tag's key phrases (find_keywords).
#include <catch2/catch.hpp>

#include <string>

#include "copydesk/tag.hpp"

using namespace copydesk;
using namespace copydesk::tag;

namespace {

bool listed(const std::vector<Keyword>& k, std::string_view text) {
    for (const Keyword& x : k)
        if (x.text == text) return true;
    return false;
}

const char* const kArticle[] = {
    "The city council approved a new public transport plan on Monday, after months of debate over bus lanes and tram lines.",
    "The public transport plan adds three tram lines and doubles the number of bus lanes in the city centre by 2030.",
    "Opponents of the plan said the bus lanes would slow down delivery vans, while cyclists asked for more bike paths.",
    "The council said the public transport plan would cost 1.2 billion euros, most of it paid by the regional government.",
};

}  // namespace

TEST_CASE("keywords: frequent phrases between stop words, best first, scores in 0..1") {
    Article a;
    for (const char* t : kArticle) {
        Block b;
        b.text = t;
        a.body.push_back(b);
    }
    const auto k = find_keywords(a, "en");
    REQUIRE(!k.empty());
    CHECK(k.size() <= 10);
    CHECK(k.front().score == 1.0);
    for (size_t i = 0; i < k.size(); ++i) {
        CHECK(k[i].score > 0);
        CHECK(k[i].score <= 1.0);
        if (i) CHECK(k[i].score <= k[i - 1].score);
        CHECK(k[i].text.find("the ") == std::string::npos);
        CHECK(k[i].text != "said");
    }
    CHECK(k.front().text == "public transport plan");
    CHECK((listed(k, "bus lanes") && listed(k, "tram lines")));
    CHECK(find_keywords(a, "en", 3).size() == 3);
}

TEST_CASE("keywords: other languages use their own stop words") {
    const auto fr = find_keywords(
        "Le gouvernement a présenté mardi une réforme des retraites. La réforme des retraites sera "
        "débattue au Parlement, selon le ministre du travail.",
        "fr");
    REQUIRE(!fr.empty());
    CHECK((listed(fr, "réforme") && listed(fr, "retraites")));
    const auto de = find_keywords(
        "Die Bundesregierung will die Energiewende beschleunigen. Die Energiewende kostet nach "
        "Angaben des Ministeriums viel Geld, sagte der Minister am Montag.",
        "de");
    REQUIRE(!de.empty());
    CHECK(listed(de, "Energiewende"));
    CHECK(find_keywords("", "en").empty());
    CHECK(find_keywords("the of and", "en").empty());
}
