// Key phrases of an article, unsupervised (RAKE-like).
//
// Candidates are runs of content words between stop words and punctuation, in one sentence
// (past participles are stop words, a leading -ing verb is trimmed, names stay whole with
// "of"/"and" inside them, and a name after common words starts a new run), and the phrases
// of up to four words inside them that occur at least twice and cut no name. A phrase scores its count times a bonus for its length
// times the mean log frequency of its words, so that a phrase is key when it, and its words,
// recur. The best phrases come first, without phrases contained in a better one; scores are
// divided by the best one's, so they are in 0..1.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "copydesk/tag.hpp"
#include "tag/entities_tokens.hpp"
#include "tag/keywords_stopwords.hpp"

namespace copydesk::tag {
namespace {

constexpr size_t kMaxWords = 4;  // words in a key phrase

struct Phrase {
    std::array<int, kMaxWords> words{};
    uint8_t len = 0;
    bool whole = false;            // seen as a whole run, not only inside longer ones
    bool surface_initial = false;  // the form kept starts a sentence
    int count = 0;
    std::string_view surface;      // the form as written (into the article's text)
    double score = 0;
};

uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

class Collector {
  public:
    // Ready for an article in `lang`. The buffers keep their capacity from one article to the
    // next, but the tables of a very long article are let go, so that clearing stays cheap.
    void reset(std::string_view lang) {
        stops_ = &keyword_stop_words(lang);
        clear_table(wtable_);
        clear_table(ptable_);
        words_ = 0;
        arena_.clear();
        woff_.clear();
        freq_.clear();
        lower_seen_.clear();
        phrases_.clear();
    }

    void add_block(const TokenizedBlock& b) {
        const std::string_view text = b.text;
        tok_ = b.tokens;
        cur_.clear();
        for (size_t i = 0; i < tok_.size(); ++i) {
            const Token& t = tok_[i];
            if (!t.word) {
                if (t.punct != '-' && t.punct != 0x2010) flush(text);
                continue;
            }
            if (t.sent) flush(text);
            const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
            const bool proper = t.cap && !t.sent;
            // A name is one phrase: "Department of Homeland Security", "Bank of England".
            if (!cur_.empty() && name_joiner(w) && tok_[cur_.back()].cap &&
                (!tok_[cur_.back()].sent || cur_.size() > 1) && i + 1 < tok_.size() &&
                tok_[i + 1].word && tok_[i + 1].cap && !tok_[i + 1].sent) {
                cur_.push_back(i);
                continue;
            }
            // "Le Maire", "Van Gogh": a capitalised particle before a name belongs to it.
            const bool particle = t.cap && !t.sent && i + 1 < tok_.size() && tok_[i + 1].word &&
                                  tok_[i + 1].cap && name_particle(w);
            const bool stop = !particle && (t.digit || t.c1 - t.c0 < 2 || (t.c1 - t.c0 < 3 && !t.upper) ||
                                            stop_word(w, t.lower) || (!t.cap && w.size() > 4 && w.ends_with("ed")));
            if (stop) { flush(text); continue; }
            // "Irish novelist | Paul Lynch": a name after common words starts a new phrase.
            if (proper && !cur_.empty() && !tok_[cur_.back()].cap &&
                !name_joiner(text.substr(tok_[cur_.back()].b0, tok_[cur_.back()].b1 - tok_[cur_.back()].b0)))
                flush(text);
            cur_.push_back(i);
        }
        flush(text);
    }

    std::vector<Keyword> best(size_t max) {
        std::vector<Phrase*> all;
        log_freq_.assign(freq_.size(), -1.0);  // log(1 + frequency) of each word, once
        for (Phrase& ph : phrases_) {
            if (!ph.whole && ph.count < 2) continue;
            double lf = 0;
            for (size_t i = 0; i < ph.len; ++i) lf += log_freq(ph.words[i]);
            lf /= ph.len;
            ph.score = ph.count * (1.0 + 0.5 * (ph.len - 1)) * lf;
            all.push_back(&ph);
        }
        if (all.empty() || max == 0) return {};
        // Best first (a total order: no two phrases have the same surface). Only the head
        // is needed, unless many of its phrases are inside better ones.
        auto better = [](const Phrase* a, const Phrase* b) {
            if (a->score != b->score) return a->score > b->score;
            return a->surface < b->surface;
        };
        size_t sorted = std::min(all.size(), 4 * max);
        std::partial_sort(all.begin(), all.begin() + static_cast<long>(sorted), all.end(), better);
        std::vector<Keyword> out;
        std::vector<const Phrase*> chosen;
        const double top = all.front()->score;
        for (size_t i = 0; i < all.size(); ++i) {
            if (out.size() >= max) break;
            if (i == sorted) {
                std::sort(all.begin() + static_cast<long>(i), all.end(), better);
                sorted = all.size();
            }
            const Phrase* p = all[i];
            bool inside = false;
            for (const Phrase* c : chosen)
                if (contains(*c, *p)) { inside = true; break; }
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
    static void clear_table(std::vector<int>& t) {
        constexpr size_t kKeptSlots = size_t{1} << 14;
        if (t.size() > kKeptSlots) t = {};
        else std::fill(t.begin(), t.end(), -1);
    }

    double log_freq(int id) {
        if (log_freq_[id] < 0) log_freq_[id] = std::log(1.0 + freq_[id]);
        return log_freq_[id];
    }

    bool stop_word(std::string_view w, bool lower) {
        if (lower) return stops_->contains(w);
        lower_word(w, low_);
        return stops_->contains(low_);
    }

    static bool contains(const Phrase& big, const Phrase& small) {
        if (small.len > big.len) return false;
        for (size_t i = 0; i + small.len <= big.len; ++i)
            if (std::equal(small.words.begin(), small.words.begin() + small.len, big.words.begin() + static_cast<long>(i)))
                return true;
        return false;
    }

    // The phrase as it was written, with a sentence-initial capital lowered when the word
    // is also seen in lower case.
    std::string display(const Phrase& p) const {
        std::string s(p.surface);
        if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && lower_seen_[p.words[0]] &&
            (p.surface_initial || p.len == 1 || !capital_second(p)))
            s[0] = static_cast<char>(s[0] + 32);
        return s;
    }

    static bool name_joiner(std::string_view w) {
        return w == "of" || w == "for" || w == "de" || w == "del" ||
               w == "la" || w == "le" || w == "van" || w == "von" || w == "der" || w == "du";
    }

    static bool name_particle(std::string_view w) {
        return w == "Le" || w == "La" || w == "De" || w == "Van" || w == "Von" || w == "Al" ||
               w == "El" || w == "Du" || w == "Di" || w == "Da" || w == "Del" || w == "Der";
    }

    // Trims lower-case -ing words at the start of the current run ("improving global health")
    // and adds what is left.
    void flush(std::string_view text) {
        auto verbish = [&](size_t i) {
            const Token& t = tok_[i];
            if (t.cap) return false;
            const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
            return w.size() > 5 && w.ends_with("ing");
        };
        size_t a = 0, e = cur_.size();
        if (e - a > 1 && verbish(cur_[a])) ++a;
        // A joiner never ends a phrase ("Bank of").
        while (e > a && !tok_[cur_[e - 1]].cap && name_joiner(text.substr(tok_[cur_[e - 1]].b0, tok_[cur_[e - 1]].b1 - tok_[cur_[e - 1]].b0))) --e;
        if (e > a) add_run(text, cur_.data() + a, e - a);
        cur_.clear();
    }

    // Whether a word after the first is written with a capital (so the first is part of a
    // name and keeps its capital).
    static bool capital_second(const Phrase& p) {
        for (size_t i = 1; i < p.surface.size(); ++i)
            if (p.surface[i - 1] == ' ' && p.surface[i] >= 'A' && p.surface[i] <= 'Z') return true;
        return false;
    }

    // Word ids: lower-case forms in one arena, found through an open-addressing table.
    int word_id(std::string_view lower) {
        if ((words_ + 1) * 2 > wtable_.size()) grow_words();
        size_t i = word_hash(lower) & (wtable_.size() - 1);
        while (wtable_[i] >= 0) {
            const int id = wtable_[i];
            if (word(id) == lower) return id;
            i = (i + 1) & (wtable_.size() - 1);
        }
        const int id = static_cast<int>(woff_.size());
        woff_.push_back({static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(lower.size())});
        arena_ += lower;
        freq_.push_back(0);
        lower_seen_.push_back(false);
        wtable_[i] = id;
        ++words_;
        return id;
    }
    std::string_view word(int id) const {
        return std::string_view(arena_).substr(woff_[id].first, woff_[id].second);
    }
    void grow_words() {
        wtable_.assign(wtable_.empty() ? 512 : wtable_.size() * 2, -1);
        for (int id = 0; id < static_cast<int>(woff_.size()); ++id) {
            size_t i = word_hash(word(id)) & (wtable_.size() - 1);
            while (wtable_[i] >= 0) i = (i + 1) & (wtable_.size() - 1);
            wtable_[i] = id;
        }
    }

    // A run of content words: every word counts once, the run is a candidate, and so are
    // the phrases of up to kMaxWords words inside it.
    void add_run(std::string_view text, const size_t* idx, size_t n) {
        ids_.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const Token& t = tok_[idx[i]];
            const std::string_view w = text.substr(t.b0, t.b1 - t.b0);
            if (t.lower) {
                ids_[i] = word_id(w);
            } else {
                lower_word(w, low_);
                ids_[i] = word_id(low_);
            }
            ++freq_[ids_[i]];
            if (!t.cap) lower_seen_[ids_[i]] = true;
        }
        // Phrases inside the run: not cutting a name ("European" alone out of "European
        // Union") and not starting or ending with a joiner.
        auto capital = [&](size_t i) { return tok_[idx[i]].cap; };
        auto joiner = [&](size_t i) {
            const Token& t = tok_[idx[i]];
            return !t.cap && name_joiner(text.substr(t.b0, t.b1 - t.b0));
        };
        for (size_t a = 0; a < n; ++a) {
            if (joiner(a) || (a > 0 && capital(a) && (capital(a - 1) || joiner(a - 1)))) continue;
            for (size_t e = a + 1; e <= n && e - a <= kMaxWords; ++e) {
                if (joiner(e - 1) || (e < n && capital(e - 1) && (capital(e) || joiner(e)))) continue;
                add_phrase(text, idx, a, e, a == 0 && e == n);
            }
        }
    }

    void add_phrase(std::string_view text, const size_t* idx, size_t a, size_t e, bool whole) {
        if ((phrases_.size() + 1) * 2 > ptable_.size()) grow_phrases();
        const uint64_t h = phrase_hash(ids_.data() + a, e - a);
        size_t i = h & (ptable_.size() - 1);
        Phrase* p = nullptr;
        while (ptable_[i] >= 0) {
            Phrase& q = phrases_[ptable_[i]];
            if (q.len == e - a && std::equal(q.words.begin(), q.words.begin() + q.len, ids_.begin() + static_cast<long>(a))) {
                p = &q;
                break;
            }
            i = (i + 1) & (ptable_.size() - 1);
        }
        const Token& first = tok_[idx[a]];
        const Token& last = tok_[idx[e - 1]];
        const std::string_view surface = text.substr(first.b0, last.b1 - first.b0);
        if (!p) {
            ptable_[i] = static_cast<int>(phrases_.size());
            phrases_.emplace_back();
            p = &phrases_.back();
            std::copy(ids_.begin() + static_cast<long>(a), ids_.begin() + static_cast<long>(e), p->words.begin());
            p->len = static_cast<uint8_t>(e - a);
            p->surface = surface;
            p->surface_initial = first.sent;
        } else if (p->surface_initial && !first.sent) {
            p->surface = surface;
            p->surface_initial = false;
        }
        p->whole = p->whole || whole;
        ++p->count;
    }
    static uint64_t phrase_hash(const int* w, size_t n) {
        uint64_t h = n;
        for (size_t i = 0; i < n; ++i) h = mix(h, static_cast<uint64_t>(w[i]));
        return h ^ (h >> 31);
    }
    void grow_phrases() {
        ptable_.assign(ptable_.empty() ? 1024 : ptable_.size() * 2, -1);
        for (int k = 0; k < static_cast<int>(phrases_.size()); ++k) {
            const Phrase& q = phrases_[k];
            size_t i = phrase_hash(q.words.data(), q.len) & (ptable_.size() - 1);
            while (ptable_[i] >= 0) i = (i + 1) & (ptable_.size() - 1);
            ptable_[i] = k;
        }
    }

    const WordList* stops_ = nullptr;  // the stop words of the article's language
    std::span<const Token> tok_;  // the block being read
    std::vector<size_t> cur_;
    std::vector<int> ids_;
    std::string low_;
    std::string arena_;
    std::vector<std::pair<uint32_t, uint32_t>> woff_;
    std::vector<int> wtable_;
    size_t words_ = 0;
    std::vector<int> freq_;
    std::vector<double> log_freq_;  // see log_freq; -1: not computed yet
    std::vector<bool> lower_seen_;
    std::vector<Phrase> phrases_;
    std::vector<int> ptable_;
};

}  // namespace

std::vector<Keyword> keywords_of(std::span<const TokenizedBlock> blocks, std::string_view lang, size_t max) {
    thread_local Collector c;
    c.reset(lang);
    for (const TokenizedBlock& b : blocks) c.add_block(b);
    return c.best(max);
}

std::vector<Keyword> find_keywords(const Article& a, std::string_view lang, size_t max) {
    if (lang.empty()) lang = a.language ? std::string_view(*a.language) : std::string_view("en");
    std::vector<TokenizedBlock> buffers;
    return keywords_of(tokenize_article(a, buffers), lang, max);
}

std::vector<Keyword> find_keywords(std::string_view text, std::string_view lang, size_t max) {
    TokenizedBlock b;
    b.text = text;
    tokenize(text, b.tokens);
    return keywords_of({&b, 1}, lang.empty() ? std::string_view("en") : lang, max);
}

}  // namespace copydesk::tag
