// The language of a page that declares none in its markup: the HTTP Content-Language of the
// response, else what the body text reads as (tag::detect_language), when that is sure.
#include <cmath>

#include "copydesk/tag.hpp"
#include "extract/html_internal.hpp"

namespace copydesk::extract::html_detail {
namespace {

// Below this, the text does not settle the language (CLD2's confidence is its share of the
// text, halved when unreliable and lowered under ~300 letters: 0.8 needs 200 bytes or more).
constexpr double kSureEnough = 0.8;
// Bytes of body text read: CLD2's answer barely changes past a kilobyte or two.
constexpr size_t kSample = 2048;

// Whole running-text blocks (paragraphs, headings, list items, quotes) from the start of the
// body, until there are kSample bytes.
std::string sample_of(const std::vector<Block>& body) {
    std::string text;
    for (const Block& b : body) {
        if (b.type != "paragraph" && b.type != "heading" && b.type != "item" && b.type != "quote") continue;
        if (!text.empty()) text += '\n';
        text += b.text;
        if (text.size() >= kSample) break;
    }
    return text;
}

}  // namespace

void set_undeclared_language(Article& a, std::string_view content_language) {
    if (a.language) return;
    if (!content_language.empty()) {
        a.language = std::string(content_language.substr(0, content_language.find_first_of(", ;")));
        return;
    }
    LanguageGuess g = tag::detect_language(sample_of(a.body));
    if (g.code.empty() || g.confidence < kSureEnough) return;
    g.confidence = std::round(g.confidence * 1000.0) / 1000.0;
    // "declared": null, as copydesk-tag writes it: the page declared no language
    g.extra.push_back(ExtraField{"confidence", "declared", "null"});
    a.language = g.code;
    a.annotations.language = std::move(g);
}

}  // namespace copydesk::extract::html_detail
