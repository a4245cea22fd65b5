// Date and time expressions: a hand-made scanner, no regular expressions.
//
// Pass 1 cuts the block into tokens (words, digit runs, punctuation) and looks every short
// word up in a small lexicon (months, weekdays, relative words, tense markers). Pass 2 tries
// the patterns only at tokens that can start a date (a number, a capitalised month or
// weekday, a relative word), so ordinary prose costs one tokenizer pass and one hash lookup
// per short word. Relative expressions are resolved against the reference date and the tense
// of the clause (nearest tense marker; see tense_at).
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "copydesk/tag.hpp"
#include "copydesk/text.hpp"
#include "tag/calendar.hpp"

namespace copydesk::tag {
namespace {

// ---------------------------------------------------------------------------------------
// Lexicon

enum Lex : uint8_t {
    L_NONE,
    L_MONTH,     // val 1..12, full name
    L_MONABBR,   // val 1..12, "Jan", "Sept"
    L_WEEKDAY,   // val 0..6, Monday = 0
    L_RELDAY,    // yesterday -1, today 0, tomorrow 1, tonight 0
    L_MOD,       // last -1, this 0, next 1
    L_UNIT,      // day 1, week 2, month 3, year 4
    L_AGO,
    L_FAGO,      // "ago" of other languages, before or after: "vor", "hace", "fa", "geleden" (no tense cue:
                 // they also mean "before", "does")
    L_NUMWORD,   // a/an/one .. twelve
    L_PREP,      // words after which a bare month or year is a date
    L_FUT,       // will, shall
    L_FUTPART,   // scheduled, expected, due, set, slated, planned: future after is/are/be
    L_FUTWORD,   // plans, upcoming, intends: future on their own
    L_PAST,      // was, were, said, told, ... (plus every lowercase word in -ed, see ED flag)
    L_PRES,      // is, are
    L_BE,        // be, been, being
    L_AMPM,      // am 0, pm 12
    L_TZ,        // gmt, utc
    L_DAYPART,   // morning, afternoon, evening, night
    L_NOONMID,   // noon 12, midnight 0
    L_ORD,       // st, nd, rd, th
    L_NOTED,     // lowercase words in -ed that are not past tense: need, indeed, ...
    L_OF,
    L_WEEKEND,
    L_HOLIDAY,   // christmas 1, new 2, valentine 3, boxing 4, halloween 5
    L_FMONTH,    // val 1..12: French, German, Spanish, Italian, Portuguese, Dutch month names
    L_FWEEKDAY,  // val 0..6: weekday names of the same languages but Portuguese, in any case
    L_FMOD,      // -1 last, 1 next, before or after a weekday: "letzten Freitag", "lundi dernier"
    L_FRELDAY,   // "gestern", "hoy", "domani": L_RELDAY outside English text (see for_language)
};

struct LexEntry {
    Lex lex;
    int8_t val;
};

const std::unordered_map<std::string_view, LexEntry>& lexicon() {
    static const std::unordered_map<std::string_view, LexEntry> m = [] {
        std::unordered_map<std::string_view, LexEntry> t;
        const char* months[] = {"january", "february", "march",     "april",   "may",      "june",
                                "july",    "august",   "september", "october", "november", "december"};
        for (int i = 0; i < 12; ++i) t[months[i]] = {L_MONTH, int8_t(i + 1)};
        const std::pair<const char*, int> abbr[] = {{"jan", 1},  {"feb", 2},  {"mar", 3},  {"apr", 4},
                                                    {"jun", 6},  {"jul", 7},  {"aug", 8},  {"sep", 9},
                                                    {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
        for (auto [w, v] : abbr) t[w] = {L_MONABBR, int8_t(v)};
        const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int i = 0; i < 7; ++i) t[days[i]] = {L_WEEKDAY, int8_t(i)};
        t["yesterday"] = {L_RELDAY, -1};
        t["today"] = {L_RELDAY, 0};
        t["tonight"] = {L_RELDAY, 0};
        t["tomorrow"] = {L_RELDAY, 1};
        t["last"] = {L_MOD, -1};
        t["this"] = {L_MOD, 0};
        t["next"] = {L_MOD, 1};
        const std::pair<const char*, int> units[] = {{"day", 1},   {"days", 1},   {"week", 2}, {"weeks", 2},
                                                     {"month", 3}, {"months", 3}, {"year", 4}, {"years", 4}};
        for (auto [w, v] : units) t[w] = {L_UNIT, int8_t(v)};
        t["ago"] = {L_AGO, 0};
        // other languages: "vor zwei Wochen", "hace dos semanas", "due settimane fa", "twee
        // weken geleden" ("il y a" is found from its "a")
        for (const char* w : {"vor", "hace", "fa", "geleden"}) t[w] = {L_FAGO, 0};
        const std::pair<const char*, int> foreign_units[] = {
            {"tag", 1}, {"tagen", 1}, {"tage", 1}, {"woche", 2}, {"wochen", 2}, {"monat", 3}, {"monaten", 3},
            {"monate", 3}, {"jahr", 4}, {"jahren", 4}, {"jahre", 4},
            {"jour", 1}, {"jours", 1}, {"semaine", 2}, {"semaines", 2}, {"mois", 3}, {"an", 4}, {"ans", 4},
            {"année", 4}, {"années", 4},
            {"día", 1}, {"días", 1}, {"semana", 2}, {"semanas", 2}, {"mes", 3}, {"meses", 3}, {"año", 4},
            {"años", 4},
            {"giorno", 1}, {"giorni", 1}, {"settimana", 2}, {"settimane", 2}, {"mese", 3}, {"mesi", 3},
            {"anno", 4}, {"anni", 4},
            {"dag", 1}, {"dagen", 1}, {"weken", 2}, {"maand", 3}, {"maanden", 3}, {"jaar", 4}, {"jaren", 4}};
        const std::pair<const char*, int> foreign_counts[] = {
            {"ein", 1}, {"einem", 1}, {"einer", 1}, {"zwei", 2}, {"drei", 3}, {"vier", 4}, {"fünf", 5},
            {"sechs", 6}, {"zehn", 10},
            {"un", 1}, {"une", 1}, {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5}, {"dix", 10},
            {"una", 1}, {"dos", 2}, {"tres", 3}, {"cuatro", 4}, {"cinco", 5}, {"seis", 6}, {"diez", 10},
            {"tre", 3}, {"quattro", 4}, {"cinque", 5}, {"sei", 6}, {"dieci", 10},
            {"een", 1}, {"twee", 2}, {"drie", 3}, {"vijf", 5}, {"zes", 6}, {"tien", 10}};
        // English words keep their entry ("an" stays "an", not the French year)
        for (auto [w, v] : foreign_units)
            if (!t.count(w)) t[w] = {L_UNIT, int8_t(v)};
        for (auto [w, v] : foreign_counts)
            if (!t.count(w)) t[w] = {L_NUMWORD, int8_t(v)};
        const char* nums[] = {"zero", "one", "two",   "three",  "four", "five",  "six",
                              "seven", "eight", "nine", "ten", "eleven", "twelve"};
        for (int i = 1; i <= 12; ++i) t[nums[i]] = {L_NUMWORD, int8_t(i)};
        t["a"] = {L_NUMWORD, 1};
        t["an"] = {L_NUMWORD, 1};
        for (const char* w : {"in", "on", "since", "by", "until", "till", "from", "to", "through",
                              "during", "before", "after", "early", "late", "mid", "between", "and",
                              "or", "into", "throughout", "around", "as", "than", "circa", "beginning",
                              "starting", "end", "ending", "for", "until", "at", "of"})
            t[w] = {L_PREP, 0};
        t["of"] = {L_OF, 0};
        t["weekend"] = {L_WEEKEND, 0};
        t["christmas"] = {L_HOLIDAY, 1};
        t["new"] = {L_HOLIDAY, 2};
        t["valentine"] = {L_HOLIDAY, 3};
        t["boxing"] = {L_HOLIDAY, 4};
        t["halloween"] = {L_HOLIDAY, 5};
        // movable feasts (see holiday_date)
        t["easter"] = {L_HOLIDAY, 6};
        t["good"] = {L_HOLIDAY, 7};
        t["palm"] = {L_HOLIDAY, 8};
        t["ash"] = {L_HOLIDAY, 9};
        t["maundy"] = {L_HOLIDAY, 10};
        t["whit"] = {L_HOLIDAY, 11};
        t["pentecost"] = {L_HOLIDAY, 12};
        t["thanksgiving"] = {L_HOLIDAY, 13};
        t["labor"] = {L_HOLIDAY, 14};
        t["memorial"] = {L_HOLIDAY, 15};
        t["election"] = {L_HOLIDAY, 16};
        t["black"] = {L_HOLIDAY, 17};
        t["will"] = {L_FUT, 0};
        t["shall"] = {L_FUT, 0};
        for (const char* w : {"scheduled", "expected", "due", "set", "slated", "planned", "poised"})
            t[w] = {L_FUTPART, 0};
        for (const char* w : {"plans", "planning", "upcoming", "intends", "aims", "expects", "hopes", "expect",
                              "plan", "intend", "hope", "predict", "predicts", "anticipate", "anticipates",
                              "forecasts"})
            t[w] = {L_FUTWORD, 0};
        for (const char* w :
             {"was",    "were",  "had",    "did",    "said",   "told",    "made",  "met",    "took",
              "went",   "came",  "gave",   "held",   "won",    "lost",    "left",  "began",  "saw",
              "found",  "got",   "led",    "paid",   "sent",   "spent",   "brought", "thought",
              "fell",   "rose",  "struck", "wrote",  "spoke",  "became",  "ran",   "kept",   "knew",
              "broke",  "chose", "drove",  "flew",   "grew",   "threw",   "sold",  "stood",  "sat",
              "heard",  "felt",  "built",  "caught", "fought", "sought",  "taught", "meant", "shot",
              "hit",    "quit",  "won",    "wrote",  "ate",    "drew",    "forgot", "hid",   "laid",
              "overtook", "rang", "sang",  "sank",   "shook",  "slid",    "stole", "swore",  "tore",
              "woke",   "earlier", "previously", "recently", "shut"})
            t[w] = {L_PAST, 0};
        t["beat"] = {L_PAST, 0};
        t["would"] = {L_FUT, 0};  // reported future: "said reconstruction would begin in March"
        // what may come: "talks could last until Christmas" (lowercase "may" is checked in tense_at)
        for (const char* w : {"could", "might", "should"}) t[w] = {L_FUT, 0};
        // "has until Wednesday to respond"
        t["has"] = {L_PRES, 0};
        t["have"] = {L_PRES, 0};
        t["is"] = {L_PRES, 0};
        t["are"] = {L_PRES, 0};
        // Verbs of schedules in the present tense speak of what is coming: "the museum
        // reopens on Tuesday", "the tournament runs from 20 November".
        for (const char* w : {"opens", "reopens", "starts", "begins", "ends", "closes", "resumes",
                              "runs", "meets", "plays", "arrives", "expires", "kicks", "takes",
                              "holds", "launches", "visits", "returns", "travels", "faces", "falls",
                              // plural subjects: "celebrations begin on Thursday and end on Sunday"
                              "begin", "end", "start", "open", "reopen", "close", "resume", "meet",
                              "arrive", "expire"})
            t[w] = {L_FUTWORD, 0};
        // the same in other languages: "das Spiel beginnt am Sonntag", "la expo abre el lunes"
        for (const char* w : {"beginnt", "endet", "startet", "öffnet", "findet", "commence", "ouvre", "débute",
                              "empieza", "comienza", "abre", "inizia", "apre", "begint", "opent", "vindt"})
            t[w] = {L_FUTWORD, 0};
        // (not "sera": also the Italian evening, "venerdì sera")
        for (const char* w : {"wird", "seront", "aura", "auront", "va", "vont", "zal", "zullen"})
            t[w] = {L_FUT, 0};
        t["be"] = {L_BE, 0};
        t["been"] = {L_BE, 0};
        t["being"] = {L_BE, 0};
        t["am"] = {L_AMPM, 0};
        t["pm"] = {L_AMPM, 12};
        t["gmt"] = {L_TZ, 0};
        t["utc"] = {L_TZ, 0};
        for (const char* w : {"morning", "afternoon", "evening", "night"}) t[w] = {L_DAYPART, 0};
        t["noon"] = {L_NOONMID, 12};
        t["midday"] = {L_NOONMID, 12};
        t["midnight"] = {L_NOONMID, 0};
        for (const char* w : {"st", "nd", "rd", "th", "er"}) t[w] = {L_ORD, 0};
        // Month names of other major European languages, used only after a day number
        // ("23 mars 2020", "23. März 2020", "23 de marzo de 2020"), in any case.
        const std::pair<const char*, int> foreign[] = {
            {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5},
            {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
            {"novembre", 11}, {"décembre", 12}, {"decembre", 12},
            {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"juni", 6},
            {"juli", 7}, {"oktober", 10}, {"dezember", 12},
            {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
            {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
            {"noviembre", 11}, {"diciembre", 12},
            {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
            {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
            {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
            {"setembro", 9}, {"outubro", 10}, {"dezembro", 12},
            {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8}};
        for (auto [w, v] : foreign)
            if (!t.count(w)) t[w] = {L_FMONTH, int8_t(v)};
        const std::pair<const char*, int> foreign_days[] = {
            {"montag", 0}, {"dienstag", 1}, {"mittwoch", 2}, {"donnerstag", 3}, {"freitag", 4},
            {"samstag", 5}, {"sonnabend", 5}, {"sonntag", 6},
            {"lundi", 0}, {"mardi", 1}, {"mercredi", 2}, {"jeudi", 3}, {"vendredi", 4}, {"samedi", 5},
            {"dimanche", 6},
            {"lunes", 0}, {"martes", 1}, {"miércoles", 2}, {"miercoles", 2}, {"jueves", 3},
            {"viernes", 4}, {"sábado", 5}, {"sabado", 5}, {"domingo", 6},
            {"lunedì", 0}, {"lunedi", 0}, {"martedì", 1}, {"martedi", 1}, {"mercoledì", 2},
            {"mercoledi", 2}, {"giovedì", 3}, {"giovedi", 3}, {"venerdì", 4}, {"venerdi", 4},
            {"sabato", 5}, {"domenica", 6},
            {"maandag", 0}, {"dinsdag", 1}, {"woensdag", 2}, {"donderdag", 3}, {"vrijdag", 4},
            {"zaterdag", 5}, {"zondag", 6}};
        // (not the Portuguese "segunda", "quinta", ...: ordinals as well, and "a quinta" is a farm)
        for (auto [w, v] : foreign_days) t[w] = {L_FWEEKDAY, int8_t(v)};
        // yesterday, today, tomorrow ("hier" and "morgen" also mean "here" and "morning")
        const std::pair<const char*, int> foreign_reldays[] = {
            {"gestern", -1}, {"heute", 0}, {"demain", 1}, {"ayer", -1}, {"hoy", 0},
            {"ieri", -1}, {"oggi", 0}, {"domani", 1}, {"ontem", -1}, {"hoje", 0}, {"amanhã", 1},
            {"gisteren", -1}, {"vandaag", 0}};
        for (auto [w, v] : foreign_reldays) t[w] = {L_FRELDAY, int8_t(v)};
        for (const char* w : {"letzten", "vergangenen", "dernier", "pasado", "scorso", "passato", "vorige",
                              "afgelopen"})
            t[w] = {L_FMOD, -1};
        for (const char* w : {"nächsten", "prochain", "próximo", "prossimo", "volgende", "komende"})
            t[w] = {L_FMOD, 1};
        // past auxiliaries and preterites: "hat beschlossen", "ont annoncé", "fue", "hanno detto"
        for (const char* w : {"hat", "hatte", "hatten", "wurde", "wurden", "waren", "ont", "avait", "avaient",
                              "était", "étaient", "fue", "fueron", "había", "habían", "hanno", "aveva",
                              "avevano", "heeft", "hebben", "werd"})
            t[w] = {L_PAST, 0};
        for (const char* w : {"need", "indeed", "speed", "feed", "seed", "hundred", "bed", "red",
                              "shed", "proceed", "exceed", "succeed", "breed", "greed", "weed",
                              "deed", "creed", "embed", "steed", "tweed", "reed", "limited",
                              "united", "based", "related", "concerned", "interested", "advanced",
                              "detailed", "experienced", "skilled", "sophisticated", "complicated",
                              "dedicated", "armed", "aged", "wicked", "naked", "sacred"})
            t[w] = {L_NOTED, 0};
        return t;
    }();
    return m;
}

// The lexicon as a flat open-addressing table: the tokenizer looks up every short word, and
// std::unordered_map's hashing was a fifth of the date tagger's time.
class LexTable {
  public:
    static constexpr size_t kMaxKey = 14;
    LexTable() {
        for (const auto& [k, e] : lexicon()) {
            if (k.size() > kMaxKey) continue;
            size_t h = hash(k.data(), k.size()) & (kSlots - 1);
            while (slots_[h].len) h = (h + 1) & (kSlots - 1);
            Slot& s = slots_[h];
            std::memcpy(s.key, k.data(), k.size());
            s.len = static_cast<uint8_t>(k.size());
            s.e = e;
        }
    }
    // REQUIRES: n <= kMaxKey; p is lowercase
    const LexEntry* find(const char* p, size_t n) const {
        size_t h = hash(p, n) & (kSlots - 1);
        while (slots_[h].len) {
            if (slots_[h].len == n && std::memcmp(slots_[h].key, p, n) == 0) return &slots_[h].e;
            h = (h + 1) & (kSlots - 1);
        }
        return nullptr;
    }

  private:
    static constexpr size_t kSlots = 4096;  // power of two, load below 1/4
    struct Slot {
        char key[kMaxKey];
        uint8_t len = 0;
        LexEntry e{L_NONE, 0};
    };
    static size_t hash(const char* p, size_t n) {
        uint32_t h = 2166136261u;  // FNV-1a
        for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
        return h ^ (h >> 15);
    }
    std::array<Slot, kSlots> slots_{};
};

const LexTable& lex_table() {
    static const LexTable t;
    return t;
}

// ---------------------------------------------------------------------------------------
// Tokens

enum Kind : uint8_t { K_WORD, K_NUM, K_PUNCT, K_END };
enum Flag : uint8_t {
    F_SPACE = 1,       // white space before this token
    F_CAP = 2,         // word starting with an uppercase letter
    F_SENT = 4,        // first token of a sentence
    F_ED = 8,          // lowercase word ending in "ed" (a candidate past tense)
    F_LOWER = 16,      // word starting with a lowercase letter
    F_FUTEND = 32,     // Italian or Spanish future ending: "giocherà", "cantará", "celebrarán"
};

struct Tok {
    uint32_t b = 0, e = 0;  // byte range in the text
    Kind kind = K_END;
    uint8_t lex = L_NONE;
    int8_t val = 0;
    uint8_t flags = 0;
    int32_t num = 0;   // value of a digit run (up to 9 digits)
    uint8_t ndig = 0;  // digits in the run
    char ch = 0;       // punctuation, folded: dashes '-', curly apostrophes '\'', other '~'
};

constexpr int kSentinels = 8;

bool is_space_cp(char32_t c) {
    return c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 ||
           c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

// Folded punctuation for a non-ASCII code point, or 0 when it is part of a word.
char punct_cp(char32_t c) {
    if (c >= 0x2010 && c <= 0x2015) return '-';
    if (c == 0x2018 || c == 0x2019 || c == 0x2032) return '\'';
    if (c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB) return '"';
    if (c == 0x2026) return '.';
    if ((c >= 0x80 && c < 0xC0) || c == 0xD7 || c == 0xF7) return '~';
    if ((c >= 0x2016 && c <= 0x206F) || (c >= 0x3000 && c < 0x3040) || (c >= 0xFF00 && c < 0xFF10))
        return '~';
    return 0;
}

bool is_alpha(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Sentence-ending '.' after these words is an abbreviation's dot.
bool is_abbreviation(std::string_view w) {
    if (w.size() == 1) return true;
    static constexpr std::string_view list[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gov",
                                                "Sen", "Rep", "Gen", "Col", "Lt", "Prof", "Inc",
                                                "Co", "Corp", "No", "vs", "Jan", "Feb", "Mar",
                                                "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                                                "Nov", "Dec", "Ltd", "Capt", "Sgt", "Mt", "Ft"};
    for (auto a : list)
        if (a == w) return true;
    return false;
}

// The third person future of Italian ("sarà", "giocheranno") and Spanish ("será", "celebrarán").
bool has_future_ending(std::string_view w) {
    for (std::string_view end : {"rà", "rá", "rán", "ranno"})
        if (w.size() > end.size() + 1 && w.substr(w.size() - end.size()) == end) return true;
    return false;
}

void tokenize(std::string_view s, std::vector<Tok>& toks) {
    toks.clear();
    const LexTable& lex = lex_table();
    bool space = true, sent = true;
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\t' || c == '\r') { space = true; ++i; continue; }
        if (c == '\n') { space = true; sent = true; ++i; continue; }
        // Built in place: a token assembled on the stack field by field and then copied whole
        // stalls the copy (the store-to-load forwarding of its narrow fields fails).
        Tok& t = toks.emplace_back();
        t.b = static_cast<uint32_t>(i);
        if (is_digit(c)) {
            t.kind = K_NUM;
            int64_t v = 0;
            size_t j = i;
            while (j < n && is_digit(static_cast<unsigned char>(s[j]))) {
                if (j - i < 9) v = v * 10 + (s[j] - '0');
                ++j;
            }
            t.num = static_cast<int32_t>(v);
            t.ndig = static_cast<uint8_t>(std::min<size_t>(j - i, 255));
            i = j;
        } else if (c < 0x80 && !is_alpha(c)) {
            t.kind = K_PUNCT;
            t.ch = static_cast<char>(c);
            ++i;
        } else {
            // A word: ASCII letters and non-ASCII letters; stops at digits, punctuation, space.
            size_t j = i;
            while (j < n) {
                const unsigned char d = static_cast<unsigned char>(s[j]);
                if (d < 0x80) {
                    if (!is_alpha(d)) break;
                    ++j;
                    continue;
                }
                size_t k = j;
                const char32_t cp = text::decode(s, k);
                if (is_space_cp(cp) || punct_cp(cp)) break;
                j = k;
            }
            if (j == i) {  // a non-ASCII space or punctuation mark
                size_t k = i;
                const char32_t cp = text::decode(s, k);
                i = k;
                if (is_space_cp(cp)) { space = true; toks.pop_back(); continue; }
                t.kind = K_PUNCT;
                t.ch = punct_cp(cp);
            } else {
                t.kind = K_WORD;
                const size_t len = j - i;
                if (c < 0x80) {
                    if (c >= 'A' && c <= 'Z') t.flags |= F_CAP;
                    else t.flags |= F_LOWER;
                }
                if (len <= LexTable::kMaxKey) {
                    char buf[16];
                    bool ascii = true;
                    for (size_t k = 0; k < len; ++k) {
                        const unsigned char d = static_cast<unsigned char>(s[i + k]);
                        if (d >= 0x80) ascii = false;
                        buf[k] = static_cast<char>(d < 0x80 ? (d | 0x20) : d);
                    }
                    if (const LexEntry* e = lex.find(buf, len)) {
                        t.lex = e->lex;
                        t.val = e->val;
                    }
                    if (ascii && (t.flags & F_LOWER) && len >= 4 && buf[len - 2] == 'e' && buf[len - 1] == 'd' &&
                        t.lex != L_NOTED)
                        t.flags |= F_ED;
                    if ((!ascii || (len >= 7 && buf[len - 1] == 'o')) && has_future_ending(std::string_view(buf, len)))
                        t.flags |= F_FUTEND;
                }
                i = j;
            }
        }
        t.e = static_cast<uint32_t>(i);
        if (space) t.flags |= F_SPACE;
        if (sent) t.flags |= F_SENT;
        space = false;
        sent = false;
        // A sentence ends at . ! ? followed by space (the next token decides, see below).
        if (t.kind == K_PUNCT && (t.ch == '!' || t.ch == '?' || t.ch == ';')) sent = true;
        if (t.kind == K_PUNCT && t.ch == '.') {
            const Tok* prev = toks.size() < 2 ? nullptr : &toks[toks.size() - 2];
            const bool abbr = prev && prev->kind == K_WORD && prev->e == t.b &&
                              is_abbreviation(s.substr(prev->b, prev->e - prev->b));
            if (!abbr) sent = true;
        }
        // "3.5" or "U.S." : a dot glued to what follows is no sentence end.
        if (sent && t.kind == K_PUNCT && i < n && !(s[i] == ' ' || s[i] == '\n' || s[i] == '"' ||
                                                     s[i] == '\t' || s[i] == '\r' ||
                                                     static_cast<unsigned char>(s[i]) >= 0x80))
            sent = false;
    }
    for (int k = 0; k < kSentinels; ++k) {
        Tok t;
        t.b = t.e = static_cast<uint32_t>(n);
        t.flags = F_SPACE | F_SENT;
        toks.push_back(t);
    }
}

// ---------------------------------------------------------------------------------------
// Matches

enum What : uint8_t {
    W_FULL,       // y m d known
    W_YM,         // y m
    W_YEAR,       // y
    W_DECADE,     // y = first year of the decade
    W_MONTHDAY,   // m d, year from the reference
    W_MONTH,      // m, year from the reference; mod: -1 last, 0 this, 1 next, 2 none
    W_WEEKDAY,    // val weekday; mod as above
    W_RELDAY,     // reference + n days
    W_RELWEEK,    // ISO week of reference + n weeks
    W_RELMONTH,   // month of reference + n
    W_RELYEAR,    // year of reference + n
    W_TIME,       // time only
    W_YEARRANGE,  // y .. y2
    W_WEEKEND,    // Saturday and Sunday; mod as for weekdays
    W_MONTHDAYNUM,  // d only: "on the 26th", month and year from the reference
    W_FEAST,      // a movable holiday, n = which (see holiday_date), year from the reference
};

struct Match {
    size_t tb = 0, te = 0;  // tokens [tb, te)
    What what = W_FULL;
    int y = 0, m = 0, d = 0;
    int y2 = 0, m2 = 0, d2 = 0;  // range end (d2 != 0 or y2 != 0 means a range)
    int wd = 0, mod = 2, n = 0;
    int wdhint = -1;     // weekday written next to a month and day ("Monday, Sept. 19")
    bool since = false;    // after "since": in the past
    bool nearest = false;  // tense says nothing ("the January meeting"): the nearest one
    bool weak = false;     // the tense comes from a verb after the date ("the final on Aug. 5 sold out")
    uint32_t end_byte = 0;  // when not 0: the match ends inside its last token ("23日に")
    int hh = -1, mi = 0, ss = -1;
    std::string tz;
    bool range = false;
};

// `count` days, weeks, months or years (unit 1..4, as L_UNIT) from the reference.
void set_units_away(Match& m, int count, int unit);

class Scanner {
  public:
    Scanner(std::string_view s, const std::vector<Tok>& t, std::optional<Date> ref, bool us_order)
        : s_(s), t_(t), ref_(ref), us_(us_order) {}

    void run(std::vector<Match>& out);

  private:
    std::string_view s_;
    const std::vector<Tok>& t_;
    std::optional<Date> ref_;
    bool us_;

    const Tok& T(size_t i) const { return t_[std::min(i, t_.size() - 1)]; }
    size_t real_end() const { return t_.size() - kSentinels; }
    bool punct(size_t i, char c) const { return T(i).kind == K_PUNCT && T(i).ch == c; }
    bool glued(size_t i) const { return !(T(i).flags & F_SPACE); }
    std::string_view word(size_t i) const { return s_.substr(T(i).b, T(i).e - T(i).b); }
    bool word_is(size_t i, std::string_view w) const {
        if (T(i).kind != K_WORD) return false;
        auto x = word(i);
        if (x.size() != w.size()) return false;
        for (size_t k = 0; k < w.size(); ++k)  // folded on both sides: "à" matches "à" and "À"
            if ((x[k] | 0x20) != (w[k] | 0x20)) return false;
        return true;
    }
    bool is_month_word(size_t i) const {
        return T(i).kind == K_WORD && (T(i).flags & F_CAP) && (T(i).lex == L_MONTH || T(i).lex == L_MONABBR);
    }
    bool day_num(size_t i) const { return T(i).kind == K_NUM && T(i).ndig <= 2 && T(i).num >= 1 && T(i).num <= 31; }
    bool year_num(size_t i) const {
        return T(i).kind == K_NUM && T(i).ndig == 4 && T(i).num >= 1000 && T(i).num <= 2999;
    }
    // True when token i does not continue a longer number chain ("1.2.3", "10,000").
    bool free_before(size_t i) const {
        if (i == 0) return true;
        const Tok& p = T(i - 1);
        if (!glued(i)) return true;
        if (p.kind == K_NUM || p.kind == K_WORD) return false;
        if (p.kind == K_PUNCT && (p.ch == '.' || p.ch == '/' || p.ch == '-' || p.ch == ',' || p.ch == ':') &&
            i >= 2 && glued(i - 1) && T(i - 2).kind == K_NUM)
            return false;
        if (p.kind == K_PUNCT && (p.ch == '$' || p.ch == '#' || p.ch == '~')) return false;
        return true;
    }
    bool free_after(size_t j) const {  // j = first token after the match
        const Tok& q = T(j);
        if (q.kind == K_END || !glued(j)) return true;
        if (q.kind == K_NUM) return false;
        if (q.kind == K_WORD) return false;
        if (q.kind == K_PUNCT && (q.ch == '.' || q.ch == '/' || q.ch == '-' || q.ch == ',' || q.ch == ':') &&
            glued(j + 1) && T(j + 1).kind == K_NUM)
            return false;
        if (q.kind == K_PUNCT && q.ch == '%') return false;
        return true;
    }
    bool prep_before(size_t i) const;
    // A weekday name: English ones capitalized, those of other languages in any case (German
    // capitalizes its nouns, the others write "lundi", "martes", "vrijdag").
    bool weekday_word(size_t i) const {
        const Tok& t = T(i);
        return t.kind == K_WORD && ((t.lex == L_WEEKDAY && (t.flags & F_CAP)) || t.lex == L_FWEEKDAY);
    }
    // A capitalized word inside a sentence that is no month or weekday: the rest of a name
    // ("Wednesday Addams", "Sunday Times", "Good Friday Agreement").
    bool capitalized_name_at(size_t i) const {
        const Tok& t = T(i);
        return t.kind == K_WORD && (t.flags & F_CAP) && !(t.flags & F_SENT) && t.lex != L_MONTH &&
               t.lex != L_MONABBR && t.lex != L_WEEKDAY;
    }
    // A word naming a work whose title may follow: "the novel Saturday", "the single Blue Monday".
    bool names_a_work(size_t i) const {
        for (std::string_view w : {"novel", "book", "film", "movie", "album", "song", "single", "series", "play",
                                   "musical", "show", "poem", "painting"})
            if (word_is(i, w)) return true;
        return false;
    }
    size_t skip_ordinal(size_t i) const {  // i is a number token; returns the token after it
        if (T(i + 1).kind == K_WORD && T(i + 1).lex == L_ORD && glued(i + 1)) return i + 2;
        // Italian, Spanish and Portuguese "1° ottobre", "1º de mayo"
        if (T(i + 1).kind == K_PUNCT && glued(i + 1) && (word(i + 1) == "°" || word(i + 1) == "º")) return i + 2;
        return i + 1;
    }
    // The second day of a range: "23-25 March", "15 to 20 April", "28 and 29 June", "du 3 au
    // 5 juin", "vom 12. bis 15. März", "del 3 al 5 de junio", "van 3 tot 5 juni"; j is the token
    // after the first day. Returns that second day's token, or 0.
    size_t second_day_of_range(size_t j, int first) const {
        if (punct(j, '.') && glued(j) && (T(j + 1).kind == K_WORD || punct(j + 1, '-'))) ++j;  // "12. bis"
        if (!(day_num(j + 1) && T(j + 1).num > first)) return 0;
        if (punct(j, '-') && glued(j) && glued(j + 1)) return j + 1;
        for (std::string_view w : {"to", "and", "au", "et", "bis", "und", "al", "y", "e", "tot"})
            if (word_is(j, w)) return j + 1;
        return 0;
    }

    bool try_iso(size_t i, Match& m) const;
    bool try_numeric(size_t i, Match& m) const;
    bool try_month_first(size_t i, Match& m) const;
    bool try_day_first(size_t i, Match& m) const;
    bool try_absolute(size_t i, Match& m) const {
        return try_iso(i, m) || try_numeric(i, m) || try_month_first(i, m) || try_day_first(i, m);
    }
    bool try_weekday(size_t i, Match& m) const;
    bool try_relative(size_t i, Match& m) const;
    bool try_year(size_t i, Match& m) const;
    bool try_time(size_t i, Match& m) const;
    bool try_weekend(size_t i, Match& m) const;
    bool try_cjk(size_t i, Match& m) const;
    bool try_day_of_month(size_t i, Match& m) const;
    bool try_month_of_other_language(size_t i, Match& m) const;
    bool try_holiday(size_t i, Match& m) const;
    size_t parse_clock(size_t i, Match& m) const;  // hh:mm[:ss]; returns end or 0
    int count_at(size_t i) const;  // "3", "three", "drei", "tres": the count, or -1
    // After "vor", "hace", "il y a" (i is "vor", "hace" or the "a"): the token after; else 0.
    size_t ago_prefix_end(size_t i) const;
    size_t parse_continental_clock(size_t i, Match& m) const;  // "15:30 Uhr", "15h30"; end or 0
    // "um 15:30", "om 20.00 uur", "à 15h30", "alle 21:00", "a las 10:00"
    // "im Mai", "en mai 2019", "desde marzo", "nel 2020", "sinds juni", "Anfang 2021" (not the
    // Italian "fine", English too: "a fine 2020 vintage")
    bool month_prep_of_other_language(size_t k) const {
        for (std::string_view w : {"im", "ab", "seit", "bis", "anfang", "ende", "mitte", "jahr", "en", "depuis",
                                   "début", "fin", "année", "desde", "hasta", "año", "nel", "dal", "fino",
                                   "inizio", "anno", "sinds", "vanaf", "tot", "eind", "begin", "jaar"})
            if (word_is(k, w)) return true;
        return false;
    }
    bool clock_prep_of_other_language(size_t k) const {
        for (std::string_view w : {"um", "ab", "gegen", "om", "à", "vers", "dès", "alle", "las", "ore"})
            if (word_is(k, w)) return true;
        return false;
    }
    size_t parse_ampm(size_t i, Match& m) const;   // am/pm/a.m./p.m. after a number; end or i
    size_t parse_tz(size_t i, Match& m) const;
};

bool Scanner::prep_before(size_t i) const {
    if (i == 0) return false;
    const Tok& p = T(i - 1);
    if (p.kind == K_WORD && (p.lex == L_PREP || p.lex == L_OF)) return true;
    // "mid-March", "early-2020"
    if (p.kind == K_PUNCT && p.ch == '-' && i >= 2 && glued(i) && glued(i - 1) &&
        (word_is(i - 2, "mid") || word_is(i - 2, "early") || word_is(i - 2, "late") || word_is(i - 2, "end")))
        return true;
    return false;
}

size_t Scanner::parse_tz(size_t i, Match& m) const {
    if (T(i).kind == K_WORD && T(i).lex == L_TZ && !(T(i).flags & F_LOWER)) { m.tz = "Z"; return i + 1; }
    if (T(i).kind == K_WORD && glued(i) && word(i) == "Z") { m.tz = "Z"; return i + 1; }
    // +08:00 / -0500 glued to the time
    if ((punct(i, '+') || punct(i, '-')) && glued(i) && T(i + 1).kind == K_NUM && glued(i + 1)) {
        const char sign = T(i).ch;
        if (T(i + 1).ndig == 2 && punct(i + 2, ':') && T(i + 3).kind == K_NUM && T(i + 3).ndig == 2 &&
            glued(i + 2) && glued(i + 3) && T(i + 1).num <= 14 && T(i + 3).num < 60) {
            m.tz = fmt::format("{}{:02}:{:02}", sign, T(i + 1).num, T(i + 3).num);
            return i + 4;
        }
        if (T(i + 1).ndig == 4 && T(i + 1).num / 100 <= 14 && T(i + 1).num % 100 < 60) {
            m.tz = fmt::format("{}{:02}:{:02}", sign, T(i + 1).num / 100, T(i + 1).num % 100);
            return i + 2;
        }
    }
    return i;
}

size_t Scanner::parse_clock(size_t i, Match& m) const {
    if (!(T(i).kind == K_NUM && T(i).ndig <= 2 && T(i).num <= 24)) return 0;
    if (!(punct(i + 1, ':') && glued(i + 1) && T(i + 2).kind == K_NUM && glued(i + 2) && T(i + 2).ndig == 2 &&
          T(i + 2).num < 60))
        return 0;
    m.hh = T(i).num;
    m.mi = T(i + 2).num;
    m.ss = -1;
    size_t j = i + 3;
    if (punct(j, ':') && glued(j) && T(j + 1).kind == K_NUM && glued(j + 1) && T(j + 1).ndig == 2 &&
        T(j + 1).num < 61) {
        m.ss = T(j + 1).num;
        j += 2;
        if (punct(j, '.') && glued(j) && T(j + 1).kind == K_NUM && glued(j + 1)) j += 2;  // fraction
    }
    return j;
}

size_t Scanner::parse_continental_clock(size_t i, Match& m) const {
    // "15:30 Uhr", "20.00 uur", "9 Uhr"; after a preposition also French "15h30", "8h"
    // (alone "2h05" is as often a marathon time).
    const Tok& t = T(i);
    if (!(t.kind == K_NUM && t.ndig <= 2 && t.num <= 24)) return 0;
    size_t j = i + 1;
    int mi = 0;
    if ((punct(j, ':') || punct(j, '.')) && glued(j) && T(j + 1).kind == K_NUM && glued(j + 1) &&
        T(j + 1).ndig == 2 && T(j + 1).num < 60) {
        mi = T(j + 1).num;
        j += 2;
    }
    if (word_is(j, "uhr") || word_is(j, "uur")) {
        ++j;
    } else if (j == i + 1 && word_is(j, "h") && glued(j) && i > 0 && clock_prep_of_other_language(i - 1)) {
        ++j;
        if (T(j).kind == K_NUM && glued(j) && T(j).ndig == 2 && T(j).num < 60) mi = T(j++).num;
    } else {
        return 0;
    }
    if (!free_after(j)) return 0;
    m.hh = t.num;
    m.mi = mi;
    m.ss = -1;
    return j;
}

size_t Scanner::parse_ampm(size_t i, Match& m) const {
    // "pm", "PM", "p.m.", "a.m", after an hour 1..12
    if (m.hh < 1 || m.hh > 12) return i;
    int add = -1;
    size_t j = i;
    if (T(i).kind == K_WORD && T(i).lex == L_AMPM) {
        add = T(i).val;
        j = i + 1;
        if (punct(j, '.') && glued(j) && !(T(j + 1).flags & F_SENT)) ++j;
    } else if ((word_is(i, "a") || word_is(i, "p")) && punct(i + 1, '.') && glued(i + 1) && word_is(i + 2, "m") &&
               glued(i + 2)) {
        add = word_is(i, "p") ? 12 : 0;
        j = i + 3;
        if (punct(j, '.') && glued(j)) ++j;
    }
    if (add < 0) return i;
    if (m.hh == 12) m.hh = add == 12 ? 12 : 0;
    else m.hh += add;
    return j;
}

bool Scanner::try_iso(size_t i, Match& m) const {
    if (!year_num(i) || !free_before(i)) return false;
    const Tok& sep = T(i + 1);
    if (!(sep.kind == K_PUNCT && (sep.ch == '-' || sep.ch == '/' || sep.ch == '.') && glued(i + 1) &&
          T(i + 2).kind == K_NUM && glued(i + 2)))
        return false;
    const int y = T(i).num;
    const Tok& b = T(i + 2);
    // YYYY-MM-DD
    if (b.ndig <= 2 && punct(i + 3, sep.ch) && glued(i + 3) && T(i + 4).kind == K_NUM && glued(i + 4) &&
        T(i + 4).ndig <= 2) {
        const int mo = b.num, d = T(i + 4).num;
        if (!valid_date(y, mo, d)) return false;
        size_t j = i + 5;
        if (!free_after(j) && !(T(j).kind == K_WORD && word(j) == "T")) return false;
        m = Match{};
        m.what = W_FULL;
        m.y = y; m.m = mo; m.d = d;
        // time: "2020-03-23 12:25:51", "2020-03-23T12:25"
        size_t k = j;
        if (T(k).kind == K_WORD && word(k) == "T" && glued(k)) ++k;
        else if (glued(k)) k = 0;
        if (k) {
            Match tm = m;
            if (size_t e = parse_clock(k, tm)) {
                e = parse_tz(e, tm);
                m = tm;
                j = e;
            }
        }
        m.tb = i;
        m.te = j;
        return true;
    }
    // seasons and school years: "2021/22", "2021/2022"
    if (sep.ch == '/' && free_after(i + 3) &&
        ((b.ndig == 2 && b.num == (y + 1) % 100) || (b.ndig == 4 && b.num == y + 1))) {
        m = Match{};
        m.what = W_YEARRANGE; m.y = y; m.y2 = y + 1; m.tb = i; m.te = i + 3;
        return true;
    }
    if (sep.ch != '-' || !free_after(i + 3)) return false;
    // YYYY-YYYY or YYYY-YY: a range of years; YYYY-MM: a month
    if (b.ndig == 4 && b.num > y && b.num - y < 100) {
        m = Match{};
        m.what = W_YEARRANGE; m.y = y; m.y2 = b.num; m.tb = i; m.te = i + 3;
        return true;
    }
    if (b.ndig == 2) {
        const bool leading_zero = s_[b.b] == '0';
        if (!leading_zero && b.num > y % 100) {
            m = Match{};
            m.what = W_YEARRANGE; m.y = y; m.y2 = y - y % 100 + b.num; m.tb = i; m.te = i + 3;
            return true;
        }
        if (b.num >= 1 && b.num <= 12) {
            m = Match{};
            m.what = W_YM; m.y = y; m.m = b.num; m.tb = i; m.te = i + 3;
            return true;
        }
    }
    return false;
}

bool Scanner::try_numeric(size_t i, Match& m) const {
    // D.M.YYYY, D/M/YYYY, M/D/YYYY, D-M-YYYY
    if (!(T(i).kind == K_NUM && T(i).ndig <= 2) || !free_before(i)) return false;
    const Tok& sep = T(i + 1);
    if (!(sep.kind == K_PUNCT && (sep.ch == '.' || sep.ch == '/' || sep.ch == '-') && glued(i + 1)))
        return false;
    if (!(T(i + 2).kind == K_NUM && T(i + 2).ndig <= 2 && glued(i + 2) && punct(i + 3, sep.ch) && glued(i + 3) &&
          year_num(i + 4) && glued(i + 4) && free_after(i + 5)))
        return false;
    int a = T(i).num, b = T(i + 2).num;
    const int y = T(i + 4).num;
    int mo, d;
    const bool month_first = sep.ch == '/' && us_;
    if (month_first) { mo = a; d = b; } else { d = a; mo = b; }
    if (mo > 12 && d <= 12) std::swap(mo, d);  // 03/23/2020 in a D/M text, 23/03/2020 in M/D
    if (!valid_date(y, mo, d)) return false;
    m = Match{};
    m.what = W_FULL; m.y = y; m.m = mo; m.d = d; m.tb = i; m.te = i + 5;
    return true;
}

bool Scanner::try_month_first(size_t i, Match& m) const {
    if (!is_month_word(i)) return false;
    const bool abbr = T(i).lex == L_MONABBR;
    const int mo = T(i).val;
    size_t j = i + 1;
    if (abbr && punct(j, '.') && glued(j)) ++j;
    m = Match{};
    m.tb = i;
    m.m = mo;
    if (day_num(j) && !(punct(j + 1, ':') && glued(j + 1)) &&
        !(punct(j + 1, ',') && glued(j + 1) && T(j + 2).kind == K_NUM && glued(j + 2))) {
        m.d = T(j).num;
        size_t k = skip_ordinal(j);
        // range "March 23-25" / "March 23 to 25"
        if ((punct(k, '-') || word_is(k, "to")) && day_num(k + 1) && T(k + 1).num > m.d &&
            free_after(skip_ordinal(k + 1))) {
            m.d2 = T(k + 1).num;
            m.m2 = mo;
            m.range = true;
            k = skip_ordinal(k + 1);
        } else if (!free_after(k)) {
            return false;
        }
        size_t y = k;
        if (punct(y, ',')) ++y;
        if (year_num(y) && free_after(y + 1)) {
            m.y = T(y).num;
            m.what = W_FULL;
            m.te = y + 1;
        } else {
            m.what = W_MONTHDAY;
            m.te = k;
        }
        if (!valid_date(m.y ? m.y : 2000, mo, m.d)) return false;
        if (m.range) { m.y2 = m.y; if (!valid_date(m.y ? m.y : 2000, mo, m.d2)) return false; }
        return true;
    }
    if (year_num(j) && free_after(j + 1) && !(T(j).flags & F_SENT)) {
        m.what = W_YM;
        m.y = T(j).num;
        m.te = j + 1;
        return true;
    }
    if (abbr) return false;
    // A bare month name needs a preposition or a modifier before it: "in May", "last March",
    // "mid-June"; "Theresa May", "the Long March", sentence-initial "May" are not dates.
    if (i > 0 && T(i - 1).kind == K_WORD && T(i - 1).lex == L_MOD &&
        !((T(i - 1).flags & F_CAP) && !(T(i - 1).flags & F_SENT))) {
        m.tb = i - 1;
        m.what = W_MONTH;
        m.mod = T(i - 1).val;
        m.te = i + 1;
        return true;
    }
    const bool name_month = mo == 4 || mo == 5 || mo == 6 || mo == 8;  // also given names
    // "December's figure"; "the January meeting", "the May elections"
    if (!prep_before(i)) {
        if (!name_month && punct(i + 1, '\'') && glued(i + 1) && word_is(i + 2, "s") &&
            !(i > 0 && T(i - 1).kind == K_WORD && (T(i - 1).flags & F_CAP))) {
            m.what = W_MONTH;
            m.te = i + 1;
            return true;
        }
        if (i > 0 && (word_is(i - 1, "the") || word_is(i - 1, "a")) && T(i + 1).kind == K_WORD &&
            (T(i + 1).flags & F_LOWER) && (T(i + 1).lex == L_NONE || T(i + 1).lex == L_HOLIDAY) &&
            !(T(i + 1).flags & F_ED)) {
            static constexpr std::string_view events[] = {
                "election", "elections", "meeting", "vote", "deadline", "budget", "figures", "data",
                "report", "summit", "poll", "polls", "referendum", "talks", "session", "issue"};
            bool ok = !name_month;
            for (auto e : events) ok = ok || word_is(i + 1, e);
            if (!ok) return false;
            m.what = W_MONTH;
            m.nearest = true;
            m.te = i + 1;
            return true;
        }
        return false;
    }
    // Weak prepositions also come before people: "the letter to May", "after May resigned".
    const Tok& p = T(i - 1);
    if (p.kind == K_WORD && p.lex != L_OF) {
        const std::string_view pw = word(i - 1);
        auto is = [&](std::string_view w) {
            if (pw.size() != w.size()) return false;
            for (size_t k = 0; k < w.size(); ++k)
                if ((pw[k] | 0x20) != w[k]) return false;
            return true;
        };
        const Tok& nx = T(i + 1);
        const bool verb_next =
            (nx.kind == K_WORD && (nx.lex == L_PAST || nx.lex == L_PRES || nx.lex == L_FUT || (nx.flags & F_ED) ||
                                   word_is(i + 1, "has") || word_is(i + 1, "says") || word_is(i + 1, "would") ||
                                   word_is(i + 1, "could") || word_is(i + 1, "should") || word_is(i + 1, "must"))) ||
            (punct(i + 1, '\'') && word_is(i + 2, "s"));
        if (is("and") || is("or") || is("to")) {
            // only between dates: "from March to May", "April and May"
            // and "the year to March", "12 months to July"
            if (i < 2 || !(T(i - 2).kind == K_NUM || is_month_word(i - 2) ||
                           (is("to") && T(i - 2).lex == L_UNIT)))
                return false;
        } else if (is("for") || is("at") || is("around") || is("by") || is("after") || is("before") || is("on") ||
                   is("as") || is("than")) {
            // "as soon as November", "as early as June"
            const bool as_soon = is("as") && i >= 3 && word_is(i - 3, "as") &&
                                 (word_is(i - 2, "soon") || word_is(i - 2, "early") || word_is(i - 2, "late"));
            if (verb_next || (is("as") && !as_soon) || is("than")) return false;
            if ((mo == 4 || mo == 5 || mo == 6 || mo == 8) && nx.kind == K_WORD && (nx.flags & F_CAP) &&
                !(nx.flags & F_SENT))
                return false;
        }
    }
    // "since March", "since mid-February", "since early March"
    for (size_t k = 1; k <= 3 && k <= i; ++k)
        if (word_is(i - k, "since")) m.since = true;
    m.what = W_MONTH;
    m.mod = 2;
    m.te = i + 1;
    return true;
}

bool Scanner::try_day_first(size_t i, Match& m) const {
    // 23 March [2020], 23rd March, 23-25 March 2020, the 23rd of March
    if (!day_num(i) || !free_before(i)) return false;
    size_t j = skip_ordinal(i);
    const bool ordinal = j != i + 1;
    m = Match{};
    m.tb = i;
    m.d = T(i).num;
    if (const size_t second = second_day_of_range(j, m.d)) {
        m.d2 = T(second).num;
        m.range = true;
        j = skip_ordinal(second);
    }
    if (ordinal && T(j).kind == K_WORD && T(j).lex == L_OF) ++j;
    // "23-Mar-2020"
    bool dashed = false;
    if (!m.range && punct(j, '-') && glued(j) && glued(j + 1) && is_month_word(j + 1)) {
        ++j;
        dashed = true;
    }
    // other languages: "23. März", "23 de marzo", "1er mars", "23 april 2020" (Dutch)
    bool foreign = false;
    if (!is_month_word(j)) {
        size_t f = j;
        if (punct(f, '.') && glued(f)) ++f;
        if (word_is(f, "de")) ++f;
        const Tok& mt = T(f);
        if (mt.kind != K_WORD) return false;
        const bool lower_english = (mt.lex == L_MONTH || mt.lex == L_MONABBR) && (mt.flags & F_LOWER) &&
                                   (mt.e - mt.b) > 3;
        if (mt.lex != L_FMONTH && !lower_english) return false;
        // lowercase English names ("may", "march") only with a year after them
        if (lower_english) {
            size_t q = f + 1;
            if (word_is(q, "de") || word_is(q, "del")) ++q;
            if (!year_num(q)) return false;
        }
        j = f;
        foreign = true;
    }
    m.m = T(j).val;
    if (m.range) m.m2 = m.m;
    size_t k = j + 1;
    if (T(j).lex == L_MONABBR && punct(k, '.') && glued(k)) ++k;
    size_t y = k;
    if (punct(y, ',')) ++y;
    else if (foreign && (word_is(y, "de") || word_is(y, "del"))) ++y;
    else if (dashed && punct(y, '-') && glued(y) && glued(y + 1)) ++y;
    if (year_num(y) && free_after(y + 1)) {
        m.y = T(y).num;
        m.y2 = m.range ? m.y : 0;
        m.what = W_FULL;
        m.te = y + 1;
    } else {
        m.what = W_MONTHDAY;
        m.te = k;
    }
    if (!valid_date(m.y ? m.y : 2000, m.m, m.d)) return false;
    if (m.range && !valid_date(m.y ? m.y : 2000, m.m, m.d2)) return false;
    return true;
}

bool Scanner::try_month_of_other_language(size_t i, Match& m) const {
    // "im Mai", "en mai 2019", "desde marzo de 2020", "sinds juni" (after a day number they are
    // read by try_day_first). Their names are lower case but in German: a capitalized one
    // elsewhere is a name ("vers Mars").
    const Tok& t = T(i);
    if (!(t.kind == K_WORD && t.lex == L_FMONTH && i > 0 && month_prep_of_other_language(i - 1))) return false;
    if ((t.flags & F_CAP) && !(word_is(i - 1, "im") || word_is(i - 1, "ab") || word_is(i - 1, "seit") ||
                               word_is(i - 1, "bis") || word_is(i - 1, "anfang") || word_is(i - 1, "ende") ||
                               word_is(i - 1, "mitte")))
        return false;
    m = Match{};
    m.tb = i;
    m.m = t.val;
    size_t y = i + 1;
    if (word_is(y, "de") || word_is(y, "del")) ++y;
    if (year_num(y) && free_after(y + 1)) {
        m.what = W_YM;
        m.y = T(y).num;
        m.te = y + 1;
    } else {
        m.what = W_MONTH;
        m.te = i + 1;
    }
    m.since = word_is(i - 1, "seit") || word_is(i - 1, "depuis") || word_is(i - 1, "desde") ||
              word_is(i - 1, "sinds");
    return true;
}

bool Scanner::try_weekday(size_t i, Match& m) const {
    const Tok& t = T(i);
    if (!weekday_word(i)) return false;
    // "Saturday, March 21, 2020", "Saturday 21 March": the full date wins.
    size_t j = i + 1;
    if (punct(j, ',')) ++j;
    Match d;
    if (try_absolute(j, d) && (d.what == W_FULL || d.what == W_MONTHDAY)) {
        m = d;
        m.tb = i;
        m.wdhint = t.val;
        return true;
    }
    m = Match{};
    m.what = W_WEEKDAY;
    m.wd = t.val;
    m.tb = i;
    m.te = i + 1;
    if (i > 0 && T(i - 1).kind == K_WORD && (T(i - 1).lex == L_MOD || T(i - 1).lex == L_FMOD)) {
        m.mod = T(i - 1).val;
        m.tb = i - 1;
        return true;
    }
    if (T(i + 1).kind == K_WORD && T(i + 1).lex == L_FMOD) {  // "lundi dernier", "sabato prossimo"
        m.mod = T(i + 1).val;
        m.te = i + 2;
        return true;
    }
    if (prep_before(i)) {
        // "the Mail on Sunday", "cast as Wednesday Addams" (but "as early as Monday")
        if (i > 1 && word_is(i - 1, "on") && word(i - 2) == "Mail") return false;
        if (word_is(i - 1, "as") && capitalized_name_at(i + 1)) return false;
        m.since = word_is(i - 1, "since");
        return true;
    }
    // "a Sunday school", "every Friday", "his man Friday", "the novel Saturday"
    if (i > 0 && (word_is(i - 1, "a") || word_is(i - 1, "an") || word_is(i - 1, "every") || word_is(i - 1, "each") ||
                  word_is(i - 1, "any") || word_is(i - 1, "man") || word_is(i - 1, "girl") || names_a_work(i - 1)))
        return false;
    // "Sheffield Wednesday", "Black Friday", "Super Tuesday", "Plácido Domingo": a name.
    if (i > 0 && T(i - 1).kind == K_WORD && !(T(i - 1).flags & F_LOWER)) return false;
    // "Wednesday Addams", "Sunday Times"
    if (capitalized_name_at(i + 1)) return false;
    return true;
}

bool Scanner::try_relative(size_t i, Match& m) const {
    const Tok& t = T(i);
    m = Match{};
    m.tb = i;
    if (t.lex == L_RELDAY) {
        // capitalized after a word it names something: "Chris Hoy", "the Today programme" (after
        // a full stop it may open a sentence the tokenizer took for an abbreviation's)
        if ((t.flags & F_CAP) && !(t.flags & F_SENT) && i > 0 && T(i - 1).kind == K_WORD) return false;
        m.what = W_RELDAY;
        m.n = t.val;
        m.te = i + 1;
        // "the day before yesterday", "the day after tomorrow"
        if (i >= 2 && t.val != 0 && word_is(i - 2, "day") &&
            word_is(i - 1, t.val < 0 ? "before" : "after")) {
            m.n = 2 * t.val;
            m.tb = i >= 3 && word_is(i - 3, "the") ? i - 3 : i - 2;
        }
        return true;
    }
    // "the last week of", "the next year" (the coming twelve months): not the calendar unit
    if (t.lex == L_MOD && i > 0 && word_is(i - 1, "the") && T(i + 1).lex == L_UNIT) return false;
    if (t.lex == L_MOD && !((t.flags & F_CAP) && !(t.flags & F_SENT))) {
        // "this past week" is last week
        if (t.val == 0 && word_is(i + 1, "past") && T(i + 2).lex == L_UNIT && T(i + 2).val >= 2 &&
            s_[T(i + 2).e - 1] != 's') {
            const int u = T(i + 2).val;
            m.what = u == 2 ? W_RELWEEK : u == 3 ? W_RELMONTH : W_RELYEAR;
            m.n = -1;
            m.te = i + 3;
            return true;
        }
        const Tok& u = T(i + 1);
        if (u.kind != K_WORD) return false;
        if (u.lex == L_UNIT && u.val >= 2 && (u.e - u.b) <= 5 && s_[u.e - 1] != 's' &&
            T(i + 2).lex != L_OF) {  // not "the last week of December"
            m.what = u.val == 2 ? W_RELWEEK : u.val == 3 ? W_RELMONTH : W_RELYEAR;
            m.n = t.val;
            m.te = i + 2;
            return true;
        }
        if (u.lex == L_DAYPART && (t.val == -1 || t.val == 0)) {  // "last night", "this morning"
            const bool night = word_is(i + 1, "night");
            if (t.val == -1 && !night) return false;
            m.what = W_RELDAY;
            m.n = t.val == -1 ? -1 : 0;
            m.te = i + 2;
            return true;
        }
        return false;
    }
    // "two weeks ago", "3 days ago", "a year ago", "due settimane fa", "twee weken geleden"
    const int n = count_at(i);
    if (n >= 0 && T(i + 1).kind == K_WORD && T(i + 1).lex == L_UNIT &&
        (T(i + 2).lex == L_AGO || T(i + 2).lex == L_FAGO) && T(i + 2).kind == K_WORD) {
        set_units_away(m, -n, T(i + 1).val);
        m.te = i + 3;
        return true;
    }
    // "vor zwei Wochen", "hace dos semanas", "il y a deux semaines"
    if (const size_t q = ago_prefix_end(i)) {
        const int k = count_at(q);
        if (k >= 0 && T(q + 1).kind == K_WORD && T(q + 1).lex == L_UNIT) {
            set_units_away(m, -k, T(q + 1).val);
            if (word_is(i, "a")) m.tb = i - 2;
            m.te = q + 2;
            return true;
        }
    }
    // "in two weeks", "in 3 days": future only (checked by the caller with the tense)
    if (t.kind == K_WORD && word_is(i, "in")) {
        const int k = count_at(i + 1);
        if (k > 0 && T(i + 2).kind == K_WORD && T(i + 2).lex == L_UNIT && T(i + 3).kind != K_NUM) {
            set_units_away(m, k, T(i + 2).val);
            m.mod = 1;  // marks "in N units": needs a future clause
            m.te = i + 3;
            return true;
        }
    }
    return false;
}

int Scanner::count_at(size_t i) const {
    const Tok& t = T(i);
    if (t.kind == K_NUM && t.ndig <= 3) return t.num;
    if (t.kind == K_WORD && t.lex == L_NUMWORD) return t.val;
    if (word_is(i, "due")) return 2;  // Italian; in English a word of schedules
    return -1;
}

size_t Scanner::ago_prefix_end(size_t i) const {
    if (T(i).lex == L_FAGO && (word_is(i, "vor") || word_is(i, "hace"))) return i + 1;
    if (word_is(i, "a") && i >= 2 && word_is(i - 2, "il") && word_is(i - 1, "y")) return i + 1;
    return 0;
}

void set_units_away(Match& m, int count, int unit) {
    m.what = unit == 1 || unit == 2 ? W_RELDAY : unit == 3 ? W_RELMONTH : W_RELYEAR;
    m.n = unit == 2 ? 7 * count : count;
}

bool Scanner::try_year(size_t i, Match& m) const {
    if (!year_num(i) || !free_before(i)) return false;
    const int y = T(i).num;
    m = Match{};
    m.tb = i;
    m.y = y;
    // the 1990s, 1990's
    if (y % 10 == 0 && T(i + 1).kind == K_WORD && glued(i + 1) && word(i + 1) == "s") {
        m.what = W_DECADE;
        m.te = i + 2;
        return true;
    }
    if (y % 10 == 0 && punct(i + 1, '\'') && glued(i + 1) && T(i + 2).kind == K_WORD && word(i + 2) == "s" &&
        glued(i + 2)) {
        m.what = W_DECADE;
        m.te = i + 3;
        return true;
    }
    if (!free_after(i + 1) || y > 2099) return false;
    if (T(i + 1).kind == K_PUNCT && (T(i + 1).ch == '%')) return false;
    bool ok = prep_before(i) && !(i > 0 && T(i - 1).lex == L_OF) && !word_is(i - 1, "and") &&
              !word_is(i - 1, "or") && !word_is(i - 1, "to") && !word_is(i - 1, "than") &&
              !word_is(i - 1, "as") && !word_is(i - 1, "around") && !word_is(i - 1, "for");
    // Before 1500 only after a plain preposition of time: "began in 1163", "by 1260".
    if (y < 1500)
        ok = ok && (word_is(i - 1, "in") || word_is(i - 1, "since") || word_is(i - 1, "until") ||
                    word_is(i - 1, "by") || word_is(i - 1, "from") || word_is(i - 1, "before") ||
                    word_is(i - 1, "after") || word_is(i - 1, "during") || word_is(i - 1, "till"));
    if (!ok && y >= 1500 && month_prep_of_other_language(i - 1)) ok = true;  // "en 2020", "im Jahr 2020"
    // "in 2018 and 2019": a year after another one
    if (!ok && i >= 2 && (word_is(i - 1, "and") || word_is(i - 1, "or")) && year_num(i - 2) && y >= 1500)
        ok = true;
    // "postponed to 2021." (but not "rose to 1900 from 1700")
    if (!ok && word_is(i - 1, "to") && y >= 1900 && (T(i + 1).kind == K_PUNCT || T(i + 1).kind == K_END))
        ok = true;
    if (!ok && i > 0 && (word_is(i - 1, "year") || word_is(i - 1, "fiscal") || word_is(i - 1, "summer") ||
                         word_is(i - 1, "spring") || word_is(i - 1, "autumn") || word_is(i - 1, "winter")))
        ok = true;
    // "of 2019" after a month-ish or season word: "the summer of 2019", "the end of 2019"
    if (!ok && i > 1 && T(i - 1).lex == L_OF &&
        (word_is(i - 2, "summer") || word_is(i - 2, "spring") || word_is(i - 2, "autumn") ||
         word_is(i - 2, "winter") || word_is(i - 2, "end") || word_is(i - 2, "start") ||
         word_is(i - 2, "beginning") || word_is(i - 2, "half") || word_is(i - 2, "middle") ||
         word_is(i - 2, "quarter") || word_is(i - 2, "fall")))
        ok = true;
    // "the 1972 treaty", "the 2016 election" (not "the 2000 employees")
    // "the 1973 Yom Kippur war", "the 2008 Beijing Games"
    if (!ok && i > 0 && word_is(i - 1, "the") && y >= 1900 && T(i + 1).kind == K_WORD && (T(i + 1).flags & F_CAP))
        ok = true;
    // "the band's 2019 tour", "its 2021 report"
    const bool determiner = i > 0 && (word_is(i - 1, "the") || word_is(i - 1, "its") || word_is(i - 1, "their") ||
                                      word_is(i - 1, "his") || word_is(i - 1, "her") || word_is(i - 1, "our") ||
                                      (i > 1 && word_is(i - 1, "s") && punct(i - 2, '\'')));
    if (!ok && determiner && y >= 1800 && T(i + 1).kind == K_WORD && (T(i + 1).flags & F_LOWER)) {
        const std::string_view nx = word(i + 1);
        ok = nx.back() != 's' || word_is(i + 1, "elections") || word_is(i + 1, "games") ||
             word_is(i + 1, "olympics") || word_is(i + 1, "championships") || word_is(i + 1, "polls") ||
             word_is(i + 1, "talks") || word_is(i + 1, "accords") || word_is(i + 1, "attacks") ||
             word_is(i + 1, "riots") || word_is(i + 1, "protests") || word_is(i + 1, "floods");
        if (word_is(i + 1, "percent") || word_is(i + 1, "per") || word_is(i + 1, "million") ||
            word_is(i + 1, "billion") || word_is(i + 1, "km") || word_is(i + 1, "kg"))
            ok = false;
    }
    // "2019 has been a difficult year", "2020 saw ..."
    if (!ok && (T(i).flags & F_SENT) && T(i + 1).kind == K_WORD && (T(i + 1).flags & F_LOWER) &&
        (T(i + 1).lex == L_PAST || T(i + 1).lex == L_PRES || T(i + 1).lex == L_FUT || (T(i + 1).flags & F_ED) ||
         word_is(i + 1, "has") || word_is(i + 1, "saw") || word_is(i + 1, "marks")))
        ok = true;
    // "rose to 1900 from 1700": after a verb of change, "to/from/by N" is an amount
    // ("grew from 2010 to 2020" stays a range of years)
    const bool year_range_follows = (word_is(i + 1, "to") || word_is(i + 1, "until") || punct(i + 1, '-')) &&
                                    year_num(i + 2) && T(i + 2).num > y && T(i + 2).num - y <= 100 && y >= 1900;
    if (ok && !year_range_follows && (word_is(i - 1, "to") || word_is(i - 1, "from") || word_is(i - 1, "by"))) {
        static constexpr std::string_view change[] = {
            "rose", "fell", "increased", "decreased", "climbed", "dropped", "jumped", "grew", "slipped",
            "declined", "up", "down", "rise", "fall", "increase", "decrease", "drop", "cut", "raised",
            "lowered", "reduced", "soared", "plunged", "surged", "tumbled", "doubled", "halved"};
        for (size_t k = 2; k <= 6 && k <= i; ++k)
            for (auto w : change)
                if (word_is(i - k, w)) ok = false;
    }
    if (!ok) return false;
    m.what = W_YEAR;
    m.te = i + 1;
    // "from 2010 to 2015", "between 2010 and 2015", "2010 - 2015"
    const Tok& c = T(i + 1);
    if ((word_is(i + 1, "to") || word_is(i + 1, "and") || word_is(i + 1, "until") || (c.kind == K_PUNCT && c.ch == '-')) &&
        year_num(i + 2) && T(i + 2).num > y && free_after(i + 3)) {
        const bool between = word_is(i - 1, "between");
        if (!word_is(i + 1, "and") || between) {
            m.what = W_YEARRANGE;
            m.y2 = T(i + 2).num;
            m.te = i + 3;
        }
    }
    return true;
}

bool Scanner::try_time(size_t i, Match& m) const {
    m = Match{};
    m.tb = i;
    m.what = W_TIME;
    const Tok& t = T(i);
    if (t.kind == K_WORD && t.lex == L_NOONMID) {
        if (!(i > 0 && (word_is(i - 1, "at") || word_is(i - 1, "by") || word_is(i - 1, "until") ||
                        word_is(i - 1, "before") || word_is(i - 1, "after") || word_is(i - 1, "around") ||
                        word_is(i - 1, "from") || word_is(i - 1, "till"))))
            return false;
        m.hh = t.val;
        m.mi = 0;
        m.te = i + 1;
        return true;
    }
    if (t.kind != K_NUM || !free_before(i)) return false;
    // "1530 GMT"
    if (t.ndig == 4 && t.num / 100 < 24 && t.num % 100 < 60 && T(i + 1).kind == K_WORD && T(i + 1).lex == L_TZ &&
        !(T(i + 1).flags & F_LOWER)) {
        m.hh = t.num / 100;
        m.mi = t.num % 100;
        m.tz = "Z";
        m.te = i + 2;
        return true;
    }
    if (size_t j = parse_continental_clock(i, m)) {
        m.te = j;
        return true;
    }
    if (size_t j = parse_clock(i, m)) {
        const int hh_before = m.hh;
        size_t k = parse_ampm(j, m);
        const bool ampm = k != j || (m.hh != hh_before);
        size_t z = parse_tz(k, m);
        if (!free_after(z) && z == j) return false;
        const bool ctx = i > 0 && (word_is(i - 1, "at") || word_is(i - 1, "by") || word_is(i - 1, "until") ||
                                   word_is(i - 1, "till") || word_is(i - 1, "before") ||
                                   word_is(i - 1, "after") || word_is(i - 1, "around") ||
                                   word_is(i - 1, "from") || word_is(i - 1, "to") || word_is(i - 1, "since") ||
                                   word_is(i - 1, "about") || punct(i - 1, '-') ||
                                   clock_prep_of_other_language(i - 1));
        if (!(ampm || m.ss >= 0 || !m.tz.empty() || ctx)) return false;
        if (m.hh > 24) return false;
        m.te = z;
        return true;
    }
    // "3 p.m.", "10am", "3.30pm"
    if (t.ndig <= 2 && t.num >= 1 && t.num <= 12) {
        m.hh = t.num;
        m.mi = 0;
        size_t j = i + 1;
        if ((punct(j, '.') || punct(j, ':')) && glued(j) && T(j + 1).kind == K_NUM && T(j + 1).ndig == 2 &&
            glued(j + 1) && T(j + 1).num < 60) {
            m.mi = T(j + 1).num;
            j += 2;
        }
        size_t k = parse_ampm(j, m);
        if (k != j) {
            m.te = parse_tz(k, m);
            return true;
        }
    }
    // British "13.45 GMT", "at 12.30." (not "12.30 percent")
    if (t.ndig <= 2 && t.num <= 23 && punct(i + 1, '.') && glued(i + 1) && T(i + 2).kind == K_NUM &&
        T(i + 2).ndig == 2 && glued(i + 2) && T(i + 2).num < 60 && free_after(i + 3)) {
        m.hh = t.num;
        m.mi = T(i + 2).num;
        m.ss = -1;
        const size_t z = parse_tz(i + 3, m);
        if (z != i + 3) { m.te = z; return true; }
        const bool ctx = i > 0 && (word_is(i - 1, "at") || word_is(i - 1, "until") || word_is(i - 1, "from") ||
                                   word_is(i - 1, "till") || word_is(i - 1, "before") || word_is(i - 1, "after") ||
                                   clock_prep_of_other_language(i - 1));
        const Tok& nx = T(i + 3);
        const bool end = nx.kind == K_END || (nx.kind == K_PUNCT && nx.ch != '%') || word_is(i + 3, "on") ||
                         word_is(i + 3, "local") || word_is(i + 3, "today") || word_is(i + 3, "tomorrow") ||
                         word_is(i + 3, "tonight") || word_is(i + 3, "and") || word_is(i + 3, "until") ||
                         word_is(i + 3, "to");
        if (ctx && end) { m.te = i + 3; return true; }
    }
    return false;
}

bool Scanner::try_day_of_month(size_t i, Match& m) const {
    // "on the 26th", "until the 3rd": a day of the reference's month (or the one next to it)
    if (!day_num(i) || i < 2 || !word_is(i - 1, "the")) return false;
    const size_t j = skip_ordinal(i);
    if (j == i + 1) return false;
    if (!(word_is(i - 2, "on") || word_is(i - 2, "by") || word_is(i - 2, "until") || word_is(i - 2, "till") ||
          word_is(i - 2, "since") || word_is(i - 2, "from") || word_is(i - 2, "before") ||
          word_is(i - 2, "after") || word_is(i - 2, "to")))
        return false;
    const Tok& nx = T(j);
    if (!(nx.kind == K_END || (nx.kind == K_PUNCT && nx.ch != '-') || word_is(j, "and") || word_is(j, "at") ||
          word_is(j, "to") || word_is(j, "until") || word_is(j, "when")))
        return false;
    m = Match{};
    m.what = W_MONTHDAYNUM;
    m.d = T(i).num;
    m.since = word_is(i - 2, "since");
    m.tb = i - 1;
    m.te = j;
    return true;
}

bool Scanner::try_cjk(size_t i, Match& m) const {
    // Chinese and Japanese 2020年3月23日, Korean 2020년 3월 23일, also without the year.
    auto unit = [&](size_t k, std::string_view cjk, std::string_view ko) {
        if (T(k).kind != K_WORD) return false;
        const std::string_view w = word(k);
        return w.substr(0, cjk.size()) == cjk || w.substr(0, ko.size()) == ko;
    };
    size_t j = i;
    int y = 0;
    if (year_num(i) && unit(i + 1, "\xE5\xB9\xB4", "\xEB\x85\x84")) {  // 年 년
        y = T(i).num;
        j = i + 2;
    }
    if (!(T(j).kind == K_NUM && T(j).ndig <= 2 && T(j).num >= 1 && T(j).num <= 12 &&
          unit(j + 1, "\xE6\x9C\x88", "\xEC\x9B\x94")))  // 月 월
        return false;
    m = Match{};
    m.tb = i;
    m.m = T(j).num;
    if (day_num(j + 2) && unit(j + 3, "\xE6\x97\xA5", "\xEC\x9D\xBC")) {  // 日 일
        m.d = T(j + 2).num;
        m.te = j + 4;
        m.end_byte = T(j + 3).b + 3;
        if (!valid_date(y ? y : 2000, m.m, m.d)) return false;
        m.what = y ? W_FULL : W_MONTHDAY;
        m.y = y;
        return true;
    }
    if (!y) return false;  // "3月" alone is too weak
    m.what = W_YM;
    m.y = y;
    m.te = j + 2;
    m.end_byte = T(j + 1).b + 3;
    return true;
}

bool Scanner::try_weekend(size_t i, Match& m) const {
    // "last weekend", "this weekend", "next weekend", "over the weekend"
    m = Match{};
    m.what = W_WEEKEND;
    if (T(i).lex == L_MOD && i > 0 && word_is(i - 1, "the")) return false;  // "the last weekend before Christmas"
    if (T(i).lex == L_MOD && T(i + 1).lex == L_WEEKEND && !((T(i).flags & F_CAP) && !(T(i).flags & F_SENT))) {
        m.mod = T(i).val;
        m.tb = i;
        m.te = i + 2;
        return true;
    }
    if (T(i).lex == L_MOD && T(i).val == 0 && word_is(i + 1, "past") && T(i + 2).lex == L_WEEKEND) {
        m.mod = -1;  // "this past weekend"
        m.tb = i;
        m.te = i + 3;
        return true;
    }
    if (word_is(i, "the") && T(i + 1).lex == L_WEEKEND && T(i + 1).kind == K_WORD && i > 0 &&
        (word_is(i - 1, "over") || word_is(i - 1, "at") || word_is(i - 1, "on") || word_is(i - 1, "during") ||
         word_is(i - 1, "through") || word_is(i - 1, "across") || word_is(i - 1, "since") ||
         word_is(i - 1, "until") || word_is(i - 1, "by"))) {
        m.mod = 2;
        m.since = word_is(i - 1, "since");
        m.tb = i;
        m.te = i + 2;
        return true;
    }
    return false;
}

bool Scanner::try_holiday(size_t i, Match& m) const {
    // Fixed-date holidays: Christmas (Day, Eve), New Year's Day / Eve, Valentine's Day,
    // Boxing Day, Halloween. Resolved like "March 23" without a year.
    const Tok& t = T(i);
    if (!(t.flags & F_CAP)) return false;
    m = Match{};
    m.what = W_MONTHDAY;
    m.tb = i;
    auto day_or_eve = [&](size_t k) { return word_is(k, "day") ? 1 : word_is(k, "eve") ? 2 : 0; };
    switch (t.val) {
        case 1: {  // Christmas [Day|Eve]
            const int de = day_or_eve(i + 1);
            if (de) { m.m = 12; m.d = de == 1 ? 25 : 24; m.te = i + 2; return true; }
            if (i > 0 && (word_is(i - 1, "at") || word_is(i - 1, "before") || word_is(i - 1, "after") ||
                          word_is(i - 1, "by") || word_is(i - 1, "until") || word_is(i - 1, "since") ||
                          word_is(i - 1, "over") || word_is(i - 1, "on"))) {
                m.m = 12; m.d = 25; m.te = i + 1; m.since = word_is(i - 1, "since");
                return true;
            }
            return false;
        }
        case 2: {  // New Year's Day / Eve
            if (!word_is(i + 1, "year")) return false;
            size_t k = i + 2;
            if (punct(k, '\'') && word_is(k + 1, "s")) k += 2;
            const int de = day_or_eve(k);
            if (!de) return false;
            m.m = de == 1 ? 1 : 12;
            m.d = de == 1 ? 1 : 31;
            m.te = k + 1;
            return true;
        }
        case 3: {  // Valentine's Day
            size_t k = i + 1;
            if (punct(k, '\'') && word_is(k + 1, "s")) k += 2;
            if (day_or_eve(k) != 1) return false;
            m.m = 2; m.d = 14; m.te = k + 1;
            return true;
        }
        case 4:  // Boxing Day
            if (day_or_eve(i + 1) != 1) return false;
            m.m = 12; m.d = 26; m.te = i + 2;
            return true;
        case 5:  // Halloween
            m.m = 10; m.d = 31; m.te = i + 1;
            return true;
        default: break;
    }
    // Movable feasts: Easter (Sunday/Monday/Day), Good Friday, Palm Sunday, Ash Wednesday,
    // Maundy Thursday, Whit Sunday, Pentecost; US Thanksgiving (Day), Labor Day, Memorial Day,
    // Black Friday.
    m.what = W_FEAST;
    auto prep = [&] {
        return i > 0 && (word_is(i - 1, "at") || word_is(i - 1, "before") || word_is(i - 1, "after") ||
                         word_is(i - 1, "by") || word_is(i - 1, "until") || word_is(i - 1, "since") ||
                         word_is(i - 1, "over") || word_is(i - 1, "on") || word_is(i - 1, "for"));
    };
    const Tok& nx = T(i + 1);
    const bool wd_next = nx.kind == K_WORD && nx.lex == L_WEEKDAY && (nx.flags & F_CAP);
    switch (t.val) {
        case 6:  // Easter
            if (wd_next && (nx.val == 6 || nx.val == 0)) { m.n = nx.val == 6 ? 0 : 1; m.te = i + 2; return true; }
            if (word_is(i + 1, "day")) { m.n = 0; m.te = i + 2; return true; }
            if (prep()) { m.n = 0; m.te = i + 1; return true; }
            return false;
        case 7: if (wd_next && nx.val == 4) { m.n = 7; m.te = i + 2; return true; } return false;   // Good Friday
        case 8: if (wd_next && nx.val == 6) { m.n = 8; m.te = i + 2; return true; } return false;   // Palm Sunday
        case 9: if (wd_next && nx.val == 2) { m.n = 9; m.te = i + 2; return true; } return false;   // Ash Wednesday
        case 10: if (wd_next && nx.val == 3) { m.n = 10; m.te = i + 2; return true; } return false; // Maundy Thursday
        case 11: if (wd_next && nx.val == 6) { m.n = 12; m.te = i + 2; return true; } return false; // Whit Sunday
        case 12: if (prep()) { m.n = 12; m.te = i + 1; return true; } return false;                   // Pentecost
        case 13:  // Thanksgiving [Day]
            if (word_is(i + 1, "day")) { m.n = 13; m.te = i + 2; return true; }
            if (prep()) { m.n = 13; m.te = i + 1; return true; }
            return false;
        case 14: if (word_is(i + 1, "day")) { m.n = 14; m.te = i + 2; return true; } return false;  // Labor Day
        case 15: if (word_is(i + 1, "day")) { m.n = 15; m.te = i + 2; return true; } return false;  // Memorial Day
        case 16:  // US Election Day (both words capitalised)
            if (word_is(i + 1, "day") && (T(i + 1).flags & F_CAP)) { m.n = 16; m.te = i + 2; return true; }
            return false;
        // Black Friday: a day only after a preposition ("queues on Black Friday"); "Black
        // Friday sales" are a season.
        case 17: if (wd_next && nx.val == 4 && prep()) { m.n = 17; m.te = i + 2; return true; } return false;
        default: return false;
    }
}

void Scanner::run(std::vector<Match>& out) {
    const size_t n = real_end();
    for (size_t i = 0; i < n;) {
        const Tok& t = T(i);
        // Cheap filter: only numbers and lexicon words can start a date.
        if (t.kind == K_PUNCT || (t.kind == K_WORD && t.lex == L_NONE && T(i + 1).lex != L_WEEKEND)) {
            ++i;
            continue;
        }
        Match m;
        bool ok = false;
        if (t.kind == K_NUM) {
            ok = try_iso(i, m) || try_numeric(i, m) || try_day_first(i, m) || try_cjk(i, m) || try_day_of_month(i, m) ||
                 try_time(i, m) ||
                 try_year(i, m) || try_relative(i, m);
        } else {
            switch (t.lex) {
                case L_MONTH:
                case L_MONABBR: ok = try_month_first(i, m); break;
                case L_WEEKDAY:
                case L_FWEEKDAY: ok = try_weekday(i, m); break;
                case L_FMOD: ok = try_weekday(i + 1, m) && m.tb == i; break;
                case L_FMONTH: ok = try_month_of_other_language(i, m); break;
                case L_MOD:
                    // "last Wednesday", "next March" are found from the weekday / month
                    if (weekday_word(i + 1) && try_weekday(i + 1, m) && m.tb == i) ok = true;
                    else if (T(i + 1).lex == L_WEEKEND || (word_is(i + 1, "past") && T(i + 2).lex == L_WEEKEND))
                        ok = try_weekend(i, m);
                    else if (T(i + 1).lex == L_MONTH && try_month_first(i + 1, m) && m.tb == i) ok = true;
                    else ok = try_relative(i, m);
                    break;
                case L_RELDAY:
                case L_NUMWORD:
                case L_FAGO: ok = try_relative(i, m); break;
                case L_NOONMID: ok = try_time(i, m); break;
                case L_HOLIDAY:
                    // "the Good Friday Agreement", "the Thanksgiving Day Parade": names
                    ok = try_holiday(i, m) && !capitalized_name_at(m.te);
                    if (ok && m.what == W_FEAST && punct(m.te, ',')) {  // "Ash Wednesday, February 14"
                        Match d;
                        if (try_absolute(m.te + 1, d) && (d.what == W_FULL || d.what == W_MONTHDAY) && !d.range) {
                            d.tb = i;
                            m = d;
                        }
                    }
                    break;
                case L_PREP: ok = word_is(i, "in") && try_relative(i, m); break;
                default:
                    if (T(i + 1).lex == L_WEEKEND) ok = try_weekend(i, m);
                    else if (T(i + 2).lex == L_FAGO) ok = try_relative(i, m);  // "due settimane fa"
                    break;
            }
        }
        if (!ok || m.te <= i) { ++i; continue; }
        // a clock time right after a full date: "March 23, 2020 12:25", "23 March 2020, 12:25 IST"
        if (m.what == W_FULL && !m.range && m.hh < 0 && !m.end_byte) {
            size_t j = m.te;
            if (punct(j, ',')) ++j;
            if (word_is(j, "at")) ++j;
            Match tm = m;
            if (size_t e = parse_clock(j, tm)) {
                e = parse_ampm(e, tm);
                e = parse_tz(e, tm);
                if (free_after(e)) {
                    tm.te = e;
                    m = tm;
                }
            }
        }
        if (!out.empty() && m.tb < out.back().te) m.tb = out.back().te;  // never overlap
        out.push_back(m);
        i = m.te;
    }
}

// ---------------------------------------------------------------------------------------
// Tense of the clause around a match

enum Tense { T_NONE, T_PAST, T_PRESENT, T_FUTURE };

// `after` (optional) tells whether the deciding marker follows the date.
Tense tense_at(const std::vector<Tok>& t, std::string_view s, size_t tb, size_t te, bool* after = nullptr) {
    const size_t n = t.size() - kSentinels;
    size_t a = tb;
    while (a > 0 && !(t[a].flags & F_SENT) && tb - a < 40) --a;
    size_t b = te;
    while (b < n && !(t[b].flags & F_SENT) && b - te < 40) ++b;
    Tense best = T_NONE;
    size_t best_dist = SIZE_MAX;
    auto lower_word = [&](size_t k, std::string_view w) {
        if (t[k].kind != K_WORD || t[k].e - t[k].b != w.size()) return false;
        for (size_t q = 0; q < w.size(); ++q)
            if ((s[t[k].b + q] | 0x20) != w[q]) return false;
        return true;
    };
    auto be_before = [&](size_t k) {
        for (size_t q = 1; q <= 2 && k >= q + a; ++q) {
            const Tok& p = t[k - q];
            if (p.lex == L_PRES || p.lex == L_BE || p.lex == L_FUT || lower_word(k - q, "s")) return true;
        }
        return false;
    };
    for (size_t k = a; k < b; ++k) {
        if (k >= tb && k < te) continue;
        const Tok& x = t[k];
        if (x.kind == K_PUNCT && x.ch == ';') {
            if (k < tb) { best = T_NONE; best_dist = SIZE_MAX; continue; }
            break;
        }
        if (x.kind != K_WORD) continue;
        Tense here = T_NONE;
        switch (x.lex) {
            case L_FUT: here = T_FUTURE; break;
            case L_FUTWORD:
                // not the nouns: "at the end of January", "the start", "its close"
                if (!(k > 0 && (lower_word(k - 1, "the") || lower_word(k - 1, "a") || lower_word(k - 1, "its") ||
                                lower_word(k - 1, "their") || lower_word(k - 1, "his") || lower_word(k - 1, "her") ||
                                lower_word(k - 1, "s") || lower_word(k - 1, "this") || lower_word(k - 1, "that"))))
                    here = T_FUTURE;
                break;
            case L_FUTPART:  // "is scheduled", "due to open", "set to", "planned for"; not "as planned"
                if (k > 0 && lower_word(k - 1, "as")) break;
                here = be_before(k) || lower_word(k + 1, "to") || lower_word(k + 1, "for") ? T_FUTURE
                       : (x.flags & F_ED)                                                 ? T_PAST
                                                                                          : T_NONE;
                break;
            case L_PAST:
                // "will be held", "is seen": a participle after be/will is no past tense
                if ((!(x.flags & F_CAP) || (x.flags & F_SENT)) && !be_before(k)) here = T_PAST;
                // "won't"
                if (lower_word(k, "won") && t[k + 1].kind == K_PUNCT && t[k + 1].ch == '\'' && lower_word(k + 2, "t"))
                    here = T_FUTURE;
                break;
            case L_PRES: here = T_PRESENT; break;
            case L_AGO: here = T_PAST; break;
            default:
                if ((x.flags & F_ED) && !be_before(k)) here = T_PAST;
                // "we'll", "going to"
                else if (lower_word(k, "ll") && k > 0 && t[k - 1].kind == K_PUNCT && t[k - 1].ch == '\'')
                    here = T_FUTURE;
                else if (lower_word(k, "going") && lower_word(k + 1, "to")) here = T_FUTURE;
                else if (x.flags & F_FUTEND) here = T_FUTURE;
                else if (x.lex == L_MONTH && (x.flags & F_LOWER) && lower_word(k, "may")) here = T_FUTURE;
                break;
        }
        if (here == T_NONE) continue;
        size_t dist = k < tb ? tb - k : k - te + 1;
        // A marker across a comma ("..., the embassy said") binds less than one in the clause.
        // So does one in another coordinated clause ("beat X on Saturday and will face Y").
        for (size_t q = std::min(k, te); q < std::max(k, tb); ++q)
            if ((t[q].kind == K_PUNCT && t[q].ch == ',') ||
                (k > tb && (lower_word(q, "and") || lower_word(q, "but") || lower_word(q, "while") ||
                            lower_word(q, "whereas") || lower_word(q, "although") || lower_word(q, "though") ||
                            lower_word(q, "because")))) {
                dist += 8;
                break;
            }
        // On a tie the verb before the date wins: "said on Tuesday it would raise".
        if (dist < best_dist) {
            best = here;
            best_dist = dist;
            if (after) *after = k >= te;
        }
    }
    return best;
}

// Date of a movable holiday in year y (the ids of try_holiday).
Date holiday_date(int which, int y) {
    // Easter Sunday, anonymous Gregorian algorithm
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int mm = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * mm + 114) / 31, day = (h + l - 7 * mm + 114) % 31 + 1;
    const int64_t easter = days_from_civil({y, month, day});
    auto nth_weekday = [&](int mo, int wd, int nth) {  // nth > 0 from the start, -1 the last
        if (nth > 0) {
            const int64_t first = days_from_civil({y, mo, 1});
            return civil_from_days(first + ((wd - weekday(first)) % 7 + 7) % 7 + 7 * (nth - 1));
        }
        const int64_t last = days_from_civil({y, mo, days_in_month(y, mo)});
        return civil_from_days(last - ((weekday(last) - wd) % 7 + 7) % 7);
    };
    switch (which) {
        case 0: return civil_from_days(easter);
        case 1: return civil_from_days(easter + 1);    // Easter Monday
        case 7: return civil_from_days(easter - 2);    // Good Friday
        case 8: return civil_from_days(easter - 7);    // Palm Sunday
        case 9: return civil_from_days(easter - 46);   // Ash Wednesday
        case 10: return civil_from_days(easter - 3);   // Maundy Thursday
        case 12: return civil_from_days(easter + 49);  // Pentecost, Whit Sunday
        case 13: return nth_weekday(11, 3, 4);          // Thanksgiving (US): 4th Thursday of November
        case 14: return nth_weekday(9, 0, 1);           // Labor Day: 1st Monday of September
        case 15: return nth_weekday(5, 0, -1);          // Memorial Day: last Monday of May
        case 16:                                        // Election Day: the Tuesday after the first Monday of November
            return civil_from_days(days_from_civil(nth_weekday(11, 0, 1)) + 1);
        case 17: return civil_from_days(days_from_civil(nth_weekday(11, 3, 4)) + 1);  // Black Friday
        default: return civil_from_days(easter);
    }
}

// "postponed to October 31", "pushed back until Monday": the new date lies ahead even in
// a past-tense sentence.
bool moved_to(const std::vector<Tok>& t, std::string_view s, size_t tb) {
    if (tb == 0) return false;
    auto is = [&](size_t k, std::string_view w) {
        if (t[k].kind != K_WORD || t[k].e - t[k].b != w.size()) return false;
        for (size_t q = 0; q < w.size(); ++q)
            if ((s[t[k].b + q] | 0x20) != w[q]) return false;
        return true;
    };
    const size_t p = tb - 1;
    if (!(is(p, "to") || is(p, "until") || is(p, "till"))) return false;
    static constexpr std::string_view verbs[] = {"postponed", "delayed", "back", "extended", "moved",
                                                 "rescheduled", "deferred", "adjourned", "pushed",
                                                 "put", "brought", "forward", "suspended"};
    for (size_t k = 1; k <= 3 && k <= p; ++k)
        for (auto v : verbs)
            if (is(p - k, v)) return true;
    return false;
}

// ---------------------------------------------------------------------------------------
// Values

std::string fmt_date(Date d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

std::string fmt_time(const Match& m) {
    std::string v = fmt::format("{:02}:{:02}", m.hh, m.mi);
    if (m.ss >= 0) v += fmt::format(":{:02}", m.ss);
    v += m.tz;
    return v;
}

// Year for month m (and day d, 0 = whole month) near the reference, by tense.
int pick_year(Date r, int m, int d, Tense tense, int mod) {
    const int rk = r.month * 32 + r.day;
    const int k = m * 32 + (d ? d : (mod == 2 && tense == T_PAST ? 1 : 31));
    if (mod == -1) return (d ? k < rk : m < r.month) ? r.year : r.year - 1;
    if (mod == 1) return (d ? k > rk : m > r.month) ? r.year : r.year + 1;
    if (mod == 0) return r.year;
    if (tense == T_PAST) return (d ? k <= rk : m <= r.month) ? r.year : r.year - 1;
    if (tense == T_FUTURE) return (d ? k >= rk : m >= r.month) ? r.year : r.year + 1;
    // no tense: the nearest occurrence
    const int diff = (m - r.month);
    if (diff > 6) return r.year - 1;
    if (diff < -6) return r.year + 1;
    return r.year;
}

// Value of a match; "" when it needs a reference date that is missing. type is set too.
std::string resolve(const Match& m, std::optional<Date> ref, Tense tense, std::string& type) {
    type = "date";
    const bool has_time = m.hh >= 0 && m.what != W_TIME;
    switch (m.what) {
        case W_FULL:
            if (m.range) {
                type = "daterange";
                return fmt_date({m.y, m.m, m.d}) + "/" + fmt_date({m.y, m.m2, m.d2});
            }
            if (has_time) {
                type = "datetime";
                return fmt_date({m.y, m.m, m.d}) + "T" + fmt_time(m);
            }
            return fmt_date({m.y, m.m, m.d});
        case W_YM: return fmt::format("{:04}-{:02}", m.y, m.m);
        case W_YEAR: return fmt::format("{:04}", m.y);
        case W_DECADE: return fmt::format("{:03}", m.y / 10);
        case W_YEARRANGE: type = "daterange"; return fmt::format("{:04}/{:04}", m.y, m.y2);
        case W_TIME: type = "time"; return "T" + fmt_time(m);
        default: break;
    }
    if (m.range) type = "daterange";
    if (!ref) return {};
    const Date r = *ref;
    switch (m.what) {
        case W_MONTHDAY: {
            int y = pick_year(r, m.m, m.d, tense, 2);
            if (m.wdhint >= 0) {  // the year in which that day is that weekday, nearest first
                const int64_t rd = days_from_civil(r);
                int64_t best = INT64_MAX;
                for (int cand = r.year - 1; cand <= r.year + 1; ++cand) {
                    if (!valid_date(cand, m.m, m.d)) continue;
                    const int64_t cd = days_from_civil({cand, m.m, m.d});
                    if (weekday(cd) == m.wdhint && std::llabs(cd - rd) < best) { best = std::llabs(cd - rd); y = cand; }
                }
            }
            if (!valid_date(y, m.m, m.d)) return {};
            // A date in the subject ("Tickets for the final on Aug. 5 sold out") is not bound
            // by the verb's tense: a year back loses to six weeks ahead.
            if (m.weak && m.wdhint < 0) {
                const int yn = pick_year(r, m.m, m.d, T_NONE, 2);
                if (valid_date(yn, m.m, m.d)) {
                    const int64_t rd = days_from_civil(r);
                    const int64_t dc = days_from_civil({y, m.m, m.d}) - rd, dn = days_from_civil({yn, m.m, m.d}) - rd;
                    if (std::llabs(dc) > 270 && std::llabs(dn) <= 45) y = yn;
                }
            }
            if (m.range) return fmt_date({y, m.m, m.d}) + "/" + fmt_date({y, m.m2, m.d2});
            return fmt_date({y, m.m, m.d});
        }
        case W_MONTH: return fmt::format("{:04}-{:02}", pick_year(r, m.m, 0, tense, m.mod), m.m);
        case W_FEAST: {
            // past: the latest on or before the reference; future: the next; else the nearest
            const int64_t rd = days_from_civil(r);
            int64_t best = 0;
            bool have = false;
            const bool fwd = tense == T_FUTURE || tense == T_PRESENT;
            for (int y = r.year - 1; y <= r.year + 1; ++y) {
                const int64_t d = days_from_civil(holiday_date(m.n, y));
                if (tense == T_PAST ? d > rd : fwd ? d < rd : false) continue;
                const bool better = !have || (tense == T_PAST ? d > best
                                              : fwd           ? d < best
                                                              : std::llabs(d - rd) < std::llabs(best - rd));
                if (better) { best = d; have = true; }
            }
            return have ? fmt_date(civil_from_days(best)) : std::string();
        }
        case W_MONTHDAYNUM: {
            // past or no tense: the latest such day on or before the reference; else the next
            const bool forward = tense == T_FUTURE || tense == T_PRESENT;
            int y = r.year, mo = r.month;
            for (int step = 0; step < 3; ++step) {
                const bool ok = valid_date(y, mo, m.d) && (forward ? m.d >= r.day || step > 0 : m.d <= r.day || step > 0);
                if (ok) return fmt_date({y, mo, m.d});
                mo += forward ? 1 : -1;
                if (mo == 0) { mo = 12; --y; }
                if (mo == 13) { mo = 1; ++y; }
            }
            return {};
        }
        case W_WEEKDAY: {
            const int64_t rd = days_from_civil(r);
            const int rw = weekday(rd);
            int64_t delta;
            const bool forward = m.mod == 1 || ((m.mod == 0 || m.mod == 2) &&
                                                (tense == T_FUTURE || tense == T_PRESENT));
            if (m.mod == -1) delta = -(((rw - m.wd) % 7 + 7) % 7 == 0 ? 7 : ((rw - m.wd) % 7 + 7) % 7);
            else if (m.mod == 1) delta = (((m.wd - rw) % 7 + 7) % 7 == 0 ? 7 : ((m.wd - rw) % 7 + 7) % 7);
            else if (forward) delta = ((m.wd - rw) % 7 + 7) % 7;
            else delta = -(((rw - m.wd) % 7 + 7) % 7);
            return fmt_date(civil_from_days(rd + delta));
        }
        case W_RELDAY: return fmt_date(civil_from_days(days_from_civil(r) + m.n));
        case W_WEEKEND: {
            type = "daterange";
            const int64_t rd = days_from_civil(r);
            const int rw = weekday(rd);
            const int64_t sat = rd - rw + 5;  // Saturday of the reference's ISO week
            int64_t s;
            if (m.mod == -1) s = sat - 7;
            else if (m.mod == 0) s = sat;
            else if (m.mod == 1) s = rw < 5 ? sat : sat + 7;
            else if (tense == T_FUTURE || tense == T_PRESENT) s = sat;
            else s = rw >= 5 ? sat : sat - 7;
            return fmt_date(civil_from_days(s)) + "/" + fmt_date(civil_from_days(s + 1));
        }
        case W_RELWEEK: {
            const auto [wy, wn] = iso_week(civil_from_days(days_from_civil(r) + 7 * m.n));
            return fmt::format("{:04}-W{:02}", wy, wn);
        }
        case W_RELMONTH: {
            int mm = r.year * 12 + (r.month - 1) + m.n;
            return fmt::format("{:04}-{:02}", mm / 12, mm % 12 + 1);
        }
        case W_RELYEAR: return fmt::format("{:04}", r.year + m.n);
        default: return {};
    }
}

bool day_precise(const Match& m) {
    return (m.what == W_FULL && !m.range) || (m.what == W_MONTHDAY && !m.range) || m.what == W_WEEKDAY ||
           m.what == W_MONTHDAYNUM || m.what == W_FEAST ||
           (m.what == W_RELDAY && m.mod != 1);
}

}  // namespace

std::optional<Date> parse_date(std::string_view iso) {
    auto digits = [&](size_t at, size_t n, int& v) {
        if (iso.size() < at + n) return false;
        v = 0;
        for (size_t k = 0; k < n; ++k) {
            const char c = iso[at + k];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || iso.size() < 10 || iso[4] != '-' || !digits(5, 2, m) || iso[7] != '-' ||
        !digits(8, 2, d))
        return std::nullopt;
    if (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' ' && iso[10] != 't') return std::nullopt;
    if (!valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
}

// The words of other languages that name days relative to now (weekdays, "gestern", "letzten",
// "hace") are names in English text: "Mardi Gras", "Heidi Montag", the papers "Hoy" and
// "Domani", "Plácido Domingo". There they are plain words; elsewhere "gestern" is "yesterday".
// Month names of other languages stay: they only count after a day number ("23. März").
static void for_language(std::vector<Tok>& toks, bool english) {
    for (Tok& t : toks) {
        if (t.kind != K_WORD) continue;
        if (t.lex == L_FRELDAY) t.lex = english ? L_NONE : L_RELDAY;
        else if (english && (t.lex == L_FWEEKDAY || t.lex == L_FMOD || t.lex == L_FAGO)) t.lex = L_NONE;
    }
}

std::vector<Annotation> find_dates(std::string_view text, int64_t block, std::optional<Date> reference,
                                   std::string_view lang) {
    thread_local std::vector<Tok> toks;
    thread_local std::vector<Match> matches;
    std::vector<Annotation> out;
    if (text.size() >= UINT32_MAX) return out;
    tokenize(text, toks);
    for_language(toks, lang.substr(0, 2) == "en");
    matches.clear();
    // Month first in American English only ("en", "en-US"); "en-GB" and the rest read D/M.
    const bool us = lang.empty() || lang == "en" || lang == "en-US" || lang == "en_US" || lang == "en-us";
    Scanner(text, toks, reference, us).run(matches);
    if (matches.empty()) return out;

    // Resolve, drop "in N units" outside future clauses, merge date + time into date-times.
    struct Res { Match m; std::string type, value; bool day; };
    std::vector<Res> res;
    res.reserve(matches.size());
    for (const Match& m : matches) {
        const bool needs_tense = m.what == W_WEEKDAY || m.what == W_MONTHDAY || m.what == W_MONTH || m.what == W_WEEKEND ||
                                 m.what == W_MONTHDAYNUM || m.what == W_FEAST ||
                                 (m.what == W_RELDAY && m.mod == 1) || (m.what == W_RELMONTH && m.mod == 1) ||
                                 (m.what == W_RELYEAR && m.mod == 1);
        bool marker_after = false;
        const Tense tense = m.since           ? T_PAST
                            : m.nearest       ? T_NONE
                            : !needs_tense    ? T_NONE
                            : moved_to(toks, text, m.tb) ? T_FUTURE
                                              : tense_at(toks, text, m.tb, m.te, &marker_after);
        if (m.mod == 1 && (m.what == W_RELDAY || m.what == W_RELMONTH || m.what == W_RELYEAR) &&
            m.tb < toks.size() && toks[m.tb].kind == K_WORD && tense == T_PAST)
            continue;  // "the first case in 10 days": a span of time, not a date
        Res r{m, {}, {}, day_precise(m)};
        r.m.weak = marker_after;
        // "on April 15, 1912, ... late on April 14": a full date earlier in the sentence
        // gives the year, not the reference.
        std::optional<Date> anchor;
        if (m.what == W_MONTHDAY && !res.empty() && res.back().m.what == W_FULL && !res.back().m.range &&
            m.tb - res.back().m.te < 20) {
            bool same = true;
            for (size_t q = res.back().m.te; q <= m.tb && same; ++q) same = !(toks[q].flags & F_SENT);
            if (same) anchor = Date{res.back().m.y, res.back().m.m, res.back().m.d};
        }
        r.value = anchor ? resolve(r.m, anchor, T_NONE, r.type) : resolve(r.m, reference, tense, r.type);
        res.push_back(std::move(r));
    }
    auto gap_ok = [&](size_t from, size_t to, bool date_first) {
        if (to < from || to - from > 2) return false;
        for (size_t k = from; k < to; ++k) {
            const Tok& g = toks[k];
            if (g.kind == K_PUNCT && g.ch == ',') continue;
            const std::string_view w = text.substr(g.b, g.e - g.b);
            if (g.kind != K_WORD) return false;
            // "Sonntag um 15:30 Uhr", "14 juillet à 15h30", "sabato alle 21:00", "15 Uhr am Sonntag"
            if (date_first ? (w == "at" || w == "around" || w == "about" || w == "from" || w == "um" ||
                              w == "om" || w == "à" || w == "alle" || w == "a" || w == "las" || w == "vers")
                           : (w == "on" || w == "of" || w == "am" || w == "le" || w == "el" || w == "op"))
                continue;
            return false;
        }
        return true;
    };
    std::vector<Res> merged;
    merged.reserve(res.size());
    for (size_t k = 0; k < res.size(); ++k) {
        Res cur = res[k];
        if (k + 1 < res.size()) {
            Res& nx = res[k + 1];
            const bool a_date = cur.day && cur.type == "date", a_time = cur.m.what == W_TIME;
            const bool b_date = nx.day && nx.type == "date", b_time = nx.m.what == W_TIME;
            if ((a_date && b_time && gap_ok(cur.m.te, nx.m.tb, true)) ||
                (a_time && b_date && gap_ok(cur.m.te, nx.m.tb, false))) {
                const Res& d = a_date ? cur : nx;
                const Res& t = a_date ? nx : cur;
                Res m = cur;
                m.m.te = nx.m.te;
                m.m.end_byte = nx.m.end_byte;
                m.type = "datetime";
                m.value = d.value.empty() ? std::string() : d.value + t.value;
                merged.push_back(std::move(m));
                ++k;
                continue;
            }
        }
        merged.push_back(std::move(cur));
    }

    // Ranges: "from Monday to Friday", "between 3 and 5 March" is done by the scanner;
    // here "from 20 November to 18 December", "March 3 - April 5", "May 2019 until June 2020".
    auto word_at = [&](size_t k, std::string_view w) {
        const Tok& g = toks[k];
        if (g.kind != K_WORD || g.e - g.b != w.size()) return false;
        for (size_t q = 0; q < w.size(); ++q)
            if ((text[g.b + q] | 0x20) != w[q]) return false;
        return true;
    };
    std::vector<Res> ranged;
    ranged.reserve(merged.size());
    for (size_t k = 0; k < merged.size(); ++k) {
        if (k + 1 < merged.size()) {
            Res& a = merged[k];
            Res& b = merged[k + 1];
            const size_t g = a.m.te;
            const bool one_gap = b.m.tb == g + 1;
            const bool from = a.m.tb > 0 && word_at(a.m.tb - 1, "from");
            const bool between = a.m.tb > 0 && word_at(a.m.tb - 1, "between");
            const Tok& gt = toks[g];
            const bool joiner = one_gap && ((gt.kind == K_PUNCT && gt.ch == '-') || word_at(g, "until") ||
                                            word_at(g, "till") || word_at(g, "through") ||
                                            (word_at(g, "to") && (from || between)) || (word_at(g, "and") && between));
            if (joiner && a.type == "date" && b.type == "date" && a.value.size() == b.value.size() &&
                (a.value.size() == 10 || a.value.size() == 7)) {
                // A year-less end belongs to the first occurrence on or after the start.
                std::string bv = b.value;
                if (b.m.what == W_WEEKDAY && a.m.what == W_WEEKDAY) {
                    if (auto d = parse_date(a.value))
                        bv = fmt_date(civil_from_days(days_from_civil(*d) + ((b.m.wd - a.m.wd) % 7 + 7) % 7));
                } else if (b.m.what == W_MONTHDAY || b.m.what == W_MONTH) {
                    bv = a.value.substr(0, 4) + bv.substr(4);
                    // "December 20 to January 5" crosses the new year; "from March 3 to March 1" is no range
                    if (bv < a.value && bv.substr(5, 2) < a.value.substr(5, 2))
                        bv = fmt::format("{:04}", std::stoi(bv.substr(0, 4)) + 1) + bv.substr(4);
                }
                if (!(bv < a.value) && bv != a.value) {
                    Res r = a;
                    r.m.te = b.m.te;
                    r.m.end_byte = b.m.end_byte;
                    r.type = "daterange";
                    r.value = a.value + "/" + bv;
                    ranged.push_back(std::move(r));
                    ++k;
                    continue;
                }
            }
            if (joiner && a.type == "date" && b.type == "date" && a.value.empty() && b.value.empty() &&
                a.m.what == b.m.what) {
                Res r = a;
                r.m.te = b.m.te;
                r.m.end_byte = b.m.end_byte;
                r.type = "daterange";
                ranged.push_back(std::move(r));
                ++k;
                continue;
            }
        }
        ranged.push_back(std::move(merged[k]));
    }
    merged.swap(ranged);

    // Byte offsets -> code point offsets, walking forward once.
    size_t pos = 0;
    int64_t cp = 0;
    auto advance = [&](size_t to) {
        for (; pos < to; ++pos)
            if ((static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) ++cp;
        return cp;
    };
    out.reserve(merged.size());
    for (Res& r : merged) {
        const size_t b = toks[r.m.tb].b, e = r.m.end_byte ? r.m.end_byte : toks[r.m.te - 1].e;
        Annotation a;
        a.type = std::move(r.type);
        a.text = std::string(text.substr(b, e - b));
        a.block = block;
        a.start = advance(b);
        a.end = advance(e);
        a.value = std::move(r.value);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace copydesk::tag
