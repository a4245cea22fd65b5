// Key phrases of an article, unsupervised (RAKE-like).
//
// Candidates are runs of content words between stop words and punctuation, in one sentence
// (verbs in -ing/-ed at their edges trimmed), and the phrases of up to four words inside
// them that occur at least twice. A phrase scores its count times a bonus for its length
// times the mean log frequency of its words, so that a phrase is key when it, and its words,
// recur. The best phrases come first, without phrases contained in a better one; scores are
// divided by the best one's, so they are in 0..1.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "copydesk/tag.hpp"
#include "tag/entities_tokens.hpp"
#include "tag/keywords_stopwords.hpp"

namespace copydesk::tag {
namespace {

constexpr size_t kMaxWords = 4;  // words in a key phrase

struct Phrase {
    std::vector<int> words;        // word ids
    int count = 0;
    bool whole = false;            // seen as a whole run, not only inside longer ones
    std::string surface;           // the first form seen
    bool surface_initial = false;  // that form starts a sentence
    double score = 0;
};

class Collector {
  public:
    explicit Collector(std::string_view lang) : lang_(lang) {}

    void add_text(std::string_view text) {
        tokenize(text, tok_);
        std::vector<size_t> cur;
        auto flush = [&] {
            // Trim lower-case -ing/-ed words at the edges ("improving", "reported").
            auto verbish = [&](size_t i) {
                const Token& t = tok_[i];
                if (t.cap) return false;
                const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
                return (w.size() > 5 && w.ends_with("ing")) || (w.size() > 4 && w.ends_with("ed"));
            };
            size_t a = 0, e = cur.size();
            while (a < e && verbish(cur[a])) ++a;
            while (e > a && verbish(cur[e - 1])) --e;
            if (e > a) add_run(text, cur.data() + a, e - a);
            cur.clear();
        };
        for (size_t i = 0; i < tok_.size(); ++i) {
            const Token& t = tok_[i];
            if (!t.word) {
                if (t.punct != '-' && t.punct != 0x2010) flush();
                continue;
            }
            if (t.sent) flush();
            const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
            lower_word(w, low_);
            const bool stop = t.digit || t.c1 - t.c0 < 2 || keyword_stop_word(low_, lang_) ||
                              (t.c1 - t.c0 < 3 && !t.upper);
            if (stop) { flush(); continue; }
            cur.push_back(i);
        }
        flush();
    }

    std::vector<Keyword> best(size_t max) {
        if (phrases_.empty() || max == 0) return {};
        std::vector<Phrase*> all;
        for (auto& [key, ph] : phrases_) {
            if (!ph.whole && ph.count < 2) continue;
            double lf = 0;
            for (int w : ph.words) lf += std::log(1.0 + freq_[w]);
            lf /= static_cast<double>(ph.words.size());
            ph.score = ph.count * (1.0 + 0.5 * static_cast<double>(ph.words.size() - 1)) * lf;
            all.push_back(&ph);
        }
        if (all.empty()) return {};
        std::sort(all.begin(), all.end(), [](const Phrase* a, const Phrase* b) {
            if (a->score != b->score) return a->score > b->score;
            return a->surface < b->surface;
        });
        std::vector<Keyword> out;
        std::vector<const Phrase*> chosen;
        const double top = all.front()->score;
        for (const Phrase* p : all) {
            if (out.size() >= max) break;
            bool inside = false;
            for (const Phrase* c : chosen)
                if (contains(c->words, p->words)) { inside = true; break; }
            if (inside) continue;
            chosen.push_back(p);
            Keyword k;
            k.text = display(*p);
            k.score = std::round(p->score / top * 1000.0) / 1000.0;
            out.push_back(std::move(k));
        }
        return out;
    }

  private:
    static bool contains(const std::vector<int>& big, const std::vector<int>& small) {
        if (small.size() > big.size()) return false;
        for (size_t i = 0; i + small.size() <= big.size(); ++i)
            if (std::equal(small.begin(), small.end(), big.begin() + static_cast<long>(i))) return true;
        return false;
    }

    // The phrase as it was written, with a sentence-initial capital lowered when the word
    // is also seen in lower case.
    std::string display(const Phrase& p) const {
        std::string s = p.surface;
        if (p.surface_initial && !s.empty() && s[0] >= 'A' && s[0] <= 'Z') {
            std::string first = s.substr(0, s.find(' '));
            first[0] = static_cast<char>(first[0] + 32);
            if (lower_seen_.count(first)) s[0] = first[0];
        }
        return s;
    }

    int word_id(std::string_view w) {
        auto it = ids_.find(std::string(w));
        if (it != ids_.end()) return it->second;
        const int id = static_cast<int>(freq_.size());
        ids_.emplace(std::string(w), id);
        freq_.push_back(0);
        return id;
    }

    // A run of content words: every word counts once, the run is a candidate, and so are
    // the phrases of up to kMaxWords words inside it.
    void add_run(std::string_view text, const size_t* idx, size_t n) {
        std::vector<int> ids(n);
        for (size_t i = 0; i < n; ++i) {
            const Token& t = tok_[idx[i]];
            const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
            if (!t.cap) lower_seen_.emplace(w);
            lower_word(w, low_);
            ids[i] = word_id(low_);
            ++freq_[ids[i]];
        }
        for (size_t a = 0; a < n; ++a)
            for (size_t e = a + 1; e <= n && e - a <= kMaxWords; ++e)
                add_phrase(text, idx, ids, a, e, a == 0 && e == n);
    }

    void add_phrase(std::string_view text, const size_t* idx, const std::vector<int>& ids, size_t a,
                    size_t e, bool whole) {
        std::string& key = key_;
        key.clear();
        for (size_t i = a; i < e; ++i) {
            key.append(reinterpret_cast<const char*>(&ids[i]), sizeof(int));
        }
        auto [it, fresh] = phrases_.try_emplace(key);
        Phrase& p = it->second;
        const Token& first = tok_[idx[a]];
        const Token& last = tok_[idx[e - 1]];
        if (fresh) {
            p.words.assign(ids.begin() + static_cast<long>(a), ids.begin() + static_cast<long>(e));
            p.surface = std::string(text.substr(first.b0, last.b1 - first.b0));
            p.surface_initial = first.sent;
        } else if (p.surface_initial && !first.sent) {
            p.surface = std::string(text.substr(first.b0, last.b1 - first.b0));
            p.surface_initial = false;
        }
        p.whole = p.whole || whole;
        ++p.count;
    }

    std::string_view lang_;
    std::vector<Token> tok_;
    std::string low_, key_;
    std::unordered_map<std::string, int> ids_;
    std::vector<int> freq_;
    std::unordered_map<std::string, Phrase> phrases_;
    struct LowerSet {
        std::unordered_map<std::string, int> m;
        void emplace(std::string_view w) { m.emplace(std::string(w), 0); }
        size_t count(const std::string& w) const { return m.count(w); }
    } lower_seen_;
};

bool has_words(const Block& b) { return !b.text.empty() && b.type != "code"; }

}  // namespace

std::vector<Keyword> find_keywords(const Article& a, std::string_view lang, size_t max) {
    if (lang.empty()) lang = a.language ? std::string_view(*a.language) : std::string_view("en");
    Collector c(lang);
    for (const Block& b : a.body)
        if (has_words(b)) c.add_text(b.text);
    return c.best(max);
}

std::vector<Keyword> find_keywords(std::string_view text, std::string_view lang, size_t max) {
    Collector c(lang.empty() ? std::string_view("en") : lang);
    c.add_text(text);
    return c.best(max);
}

}  // namespace copydesk::tag
