// Named entities: person, place, organization and misc (nationalities) in an article's body.
//
// How it works, per article:
//  1. Each block is cut into tokens; runs of capitalised words (with "of", "for", "the",
//     name particles and "&" inside) are the candidates.
//  2. Each run is read left to right: organisation words ("Council", "Ministry", "Inc.")
//     make the words before them and the "of ..." after them an organisation; the embedded
//     gazetteers (countries with their translations, subdivisions, cities, nationalities,
//     well-known organisations and acronyms) give places, misc and organisations, longest
//     match first; titles ("President", "German Chancellor", "Mr") make the words after them
//     a person; what is left becomes a person when a role ("spokeswoman Jane Doe"), a verb
//     of saying ("said Jane Doe") or a known given name says so, a place when a preposition
//     says so and the town list knows it, and otherwise waits for step 3.
//  3. Once the whole article is read, later short mentions take the full names found
//     elsewhere in it ("Xi" -> "Xi Jinping", "Merkel" -> "Angela Merkel"), acronyms defined
//     in it ("the World Health Organization (WHO)") take their expansion, and names seen
//     once with a type keep it everywhere (also at the start of sentences and in headings).
//  Sentence-initial words and headings give no new names on their own.
#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "copydesk/tag.hpp"
#include "tag/entities_tokens.hpp"
#include "tag/gazetteer.hpp"

namespace copydesk::tag {
namespace {

using gazetteer::Kind;

bool in(std::string_view w, std::initializer_list<std::string_view> list) {
    for (auto x : list)
        if (w == x) return true;
    return false;
}

// Capitalised function words: at the start of a sentence they are not names.
bool function_word(std::string_view w) {
    static const WordList k = {
        "A", "An", "The", "This", "That", "These", "Those", "In", "On", "At", "Of", "For", "From",
        "By", "With", "Without", "To", "Into", "As", "And", "But", "Or", "Nor", "So", "Yet", "If",
        "When", "While", "Where", "Why", "How", "What", "Which", "Who", "Whom", "Whose", "After",
        "Before", "Since", "Until", "Unless", "Although", "Though", "Because", "During", "Under",
        "Over", "Through", "Throughout", "Despite", "Amid", "Among", "Between", "Against",
        "Across", "Along", "Around", "About", "Above", "Below", "Beyond", "Within", "Upon",
        "Like", "Unlike", "Per", "Via", "Following", "According", "Meanwhile", "However",
        "Moreover", "Furthermore", "Nevertheless", "Still", "Also", "Even", "Only", "Just",
        "Then", "Now", "Today", "Yesterday", "Tomorrow", "Here", "There", "It", "Its", "He",
        "She", "They", "We", "You", "I", "His", "Her", "Their", "Our", "Your", "My", "Him",
        "Them", "Us", "Some", "Many", "Most", "More", "Much", "Few", "Several", "All", "Any",
        "Each", "Every", "Both", "Either", "Neither", "No", "Not", "None", "One", "Two",
        "Three", "Other", "Another", "Such", "Last", "Next", "First",
        "Yes", "Well", "Once", "Ever", "Never", "Always", "Often", "Instead", "Overall",
        "Besides", "Otherwise", "Thus", "Hence", "Therefore", "Indeed", "Perhaps", "Maybe",
        "Already", "Again", "Almost", "Nearly", "Up", "Down", "Out", "Off", "Toward", "Towards",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
        "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Dear", "Please", "Let", "Can", "Could", "Will", "Would",
        "Should", "Must", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Be", "Has", "Have",
        "Had", "Early", "Late", "Earlier", "Later", "Former", "Local", "Officials", "Police",
        "Experts", "Analysts", "Researchers", "Scientists", "Residents", "People", "Critics",
        "Supporters", "Observers", "Sources", "Authorities",
        // French, German, Spanish, Italian
        "Le", "La", "Les", "L", "Un", "Une", "Des", "Du", "De", "Dans", "Pour", "Avec", "Sur",
        "Mais", "Et", "Ou", "Il", "Elle", "Ils", "Elles", "Nous", "Vous", "Ce", "Cette", "Ces",
        "Selon", "Depuis", "Après", "Avant", "Der", "Die", "Das", "Den", "Dem", "Ein", "Eine",
        "Einer", "Und", "Oder", "Aber", "Im", "Am", "Auf", "Mit", "Nach", "Bei", "Seit", "Von",
        "Zu", "Zum", "Zur", "Für", "Es", "Sie", "Er", "Wir", "Ich", "Auch", "El", "Los", "Las",
        "Una", "Unos", "Unas", "En", "Con", "Por", "Para", "Pero", "Según", "Desde", "Lo",
        "Al", "Del", "Gli", "Lo", "Nel", "Nella", "Della", "Per", "Con", "Ma", "Questo"};
    return k.contains(w);
}

// Connectors that may sit inside a name between capitalised words.
bool connector(std::string_view w) {
    static const WordList k = {
        "of", "for", "the", "and", "on", "to", "de", "del", "della", "di", "da", "do", "dos",
        "das", "du", "des", "la", "le", "van", "von", "der", "den", "y", "al", "bin",
        "el", "zu", "ibn", "bint", "ter", "af", "av", "&"};
    return k.contains(w);
}

// Particles inside people's names ("Ursula von der Leyen", "Charles de Gaulle").
bool name_particle(std::string_view w) {
    static const WordList k = {
        "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "van",
        "von", "der", "den", "al", "bin", "el", "zu", "ibn", "bint", "ter", "y"};
    return k.contains(w);
}

// Whether w, or w with its first letter lowered, is in a word list: "Le" (Maire) is a
// particle, "Residents" (of ...) opening a sentence a place noun.
bool in_any_case(std::string_view w, bool (*list)(std::string_view)) {
    if (list(w)) return true;
    if (w.empty() || w[0] < 'A' || w[0] > 'Z') return false;
    std::string l(w);
    l[0] = static_cast<char>(l[0] + 32);
    return list(l);
}

// Words that head or end an organisation's name.
bool org_word(std::string_view w) {
    static const WordList k = {
        "Ministry", "Department", "Council", "Committee", "Commission", "Agency", "Authority",
        "Bureau", "Board", "Institute", "Institution", "University", "College", "School",
        "Academy", "Hospital", "Clinic", "Center", "Centre", "Foundation", "Fund", "Trust",
        "Bank", "Bancorp", "Party", "Organization", "Organisation", "Association", "Federation",
        "Union", "League", "Club", "Society", "Group", "Corporation", "Corp", "Inc", "Ltd",
        "LLC", "PLC", "plc", "GmbH", "AG", "Company", "Holdings", "Industries", "Airlines",
        "Airways", "Motors", "Technologies", "Pharmaceuticals", "Laboratories", "Labs", "Press",
        "Court", "Tribunal", "Parliament", "Assembly", "Congress", "Senate", "Cabinet", "Army",
        "Navy", "Forces", "Guard", "Service", "Services", "Alliance", "Coalition", "Movement",
        "Front", "Secretariat", "Confederation", "Guild", "Syndicate", "Cooperative",
        "Co-operative", "Chamber", "Collective", "Caucus", "Commonwealth", "Directorate",
        "Administration", "Exchange", "Museum", "LLP", "LP", "Partners", "Associates",
        "Securities", "Investments", "Ventures", "Therapeutics", "Biosciences", "Insurance",
        "Logistics", "Enterprises", "Rovers", "Wanderers", "Athletic", "Albion", "Rangers",
        "Hotspur", "NV", "BV", "SpA", "Oyj", "ASA", "Pty", "Bhd", "KGaA",
        "Library", "Orchestra", "FC", "Office", "Police", "Network", "Church", "Conference",
        "Systems", "Energy", "Brigade", "Brigades", "Corps", "Command", "Observatory",
        "Biotech", "Pharma", "Robotics", "Software", "Networks", "Foods", "Brands", "Mining",
        "Shipping",
        "Programme", "Program", "Initiative", "Consortium", "Partnership", "Institutes",
        "Ministère", "Ministerium", "Université", "Universität", "Universidad", "Università",
        "Banque", "Banco", "Parti", "Partei", "Partido", "Comité", "Conseil", "Consejo",
        "Comisión", "Commissione", "Gruppe", "Verband", "Stiftung", "Institut", "Instituto",
        "Fondation", "Fundación", "Agence", "Agencia", "Agentur", "Ministerio", "Ministero"};
    return k.contains(w);
}

// Titles before a person's name. A run of title words ("Prime Minister", "Foreign Minister",
// "Vice President") is skipped, and the words after it are the person.
bool title_head(std::string_view w) {
    static const WordList k = {
        "President", "Chancellor", "Minister", "Premier", "Secretary", "Senator", "Sen",
        "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov", "Mayor",
        "King", "Queen", "Prince", "Princess", "Pope", "Emperor", "Empress", "Sheikh", "Emir",
        "Sultan", "Ayatollah", "General", "Gen", "Colonel", "Col", "Lieutenant", "Lt",
        "Captain", "Capt", "Admiral", "Adm", "Sergeant", "Sgt", "Judge", "Justice", "Mr",
        "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
        "Rev", "Reverend", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Imam", "Chairman",
        "Chairwoman", "Chairperson", "Chair", "CEO", "Director", "Ambassador", "Commissioner",
        "Spokesman", "Spokeswoman", "Spokesperson", "Coach", "Speaker", "Leader", "Councillor",
        "Councilor", "Inspector", "Detective", "Constable", "Superintendent", "Marshal",
        "President-elect", "Vice-President", "Secretary-General", "Chief", "Officer", "Duke",
        "Duchess", "Count", "Countess", "Baron", "Baroness", "MP", "Envoy", "Attorney",
        "Prosecutor", "Deputy", "Vice", "Prime", "Pastor", "Father", "Sister", "Brother",
        "Dean", "Rector", "Provost", "Chief Executive", "Founder", "Co-founder", "Manager",
        "Head", "Coordinator", "Administrator", "Treasurer", "Comptroller", "Auditor",
        "Monsieur", "Madame", "Mme", "M", "Herr", "Frau", "Präsident", "Präsidentin",
        "Bundeskanzler", "Bundeskanzlerin", "Kanzler", "Kanzlerin", "Ministerin",
        "Ministerpräsident", "Ministerpräsidentin", "Président", "Présidente", "Ministre",
        "Presidente", "Señor", "Señora", "Sr", "Sra", "Don", "Doña", "Ministro", "Ministra",
        "Signor", "Signora", "Dott", "Doctor"};
    return k.contains(w);
}

// German compounds and declined forms of titles ("Finanzminister", "Außenministerin",
// "Bundespräsidenten", "Regierungssprecher").
bool title_suffix(std::string_view w) {
    static constexpr std::string_view k[] = {
        "minister", "ministerin", "ministern", "präsident", "präsidenten", "präsidentin",
        "kanzler", "kanzlerin", "sprecher", "sprecherin", "chef", "chefin", "vorsitzende",
        "vorsitzender", "direktor", "direktorin"};
    if (w.size() < 5) return false;
    for (const auto x : k) {
        if (w.size() < x.size()) continue;
        const std::string_view tail = w.substr(w.size() - x.size());
        if (tail == x) return true;
        // The title alone, capitalised: "Präsidenten", "Kanzlerin".
        if (w.size() == x.size() && w.substr(1) == x.substr(1) && static_cast<unsigned char>(w[0]) < 0x80 &&
            w[0] == x[0] - 32)
            return true;
    }
    return w == "Präsidenten" || w == "Präsidentin" || w == "Präsident";
}

// Words that make a title from a title head after them ("Health Minister", "Home Secretary").
bool title_modifier(std::string_view w) {
    static const WordList k = {
        "Prime", "Foreign", "Deputy", "Vice", "Finance", "Health", "Defence", "Defense",
        "Home", "Interior", "Economy", "Economic", "Trade", "Education", "Energy",
        "Environment", "Justice", "Labour", "Labor", "Culture", "Transport", "Agriculture",
        "Treasury", "State", "First", "Executive", "Attorney", "General", "Former", "Acting",
        "Interim", "Senior", "Chief", "Crown", "Grand", "Supreme", "Federal", "Opposition",
        "Party", "Majority", "Minority", "House", "Senate", "Commerce", "Development",
        "Industry", "Science", "Technology", "Sports", "Sport", "Tourism", "Communications",
        "Information", "Immigration", "Housing", "Security", "Intelligence", "Police",
        "Army", "Navy", "Air", "Military", "Regional", "Provincial", "Municipal", "Assistant",
        "Associate", "Managing", "Technical", "Operating", "Financial", "Head", "Team",
        "Mr", "Lord", "Late", "Then", "Outgoing", "Incoming", "Veteran", "Ex", "Lead",
        "Principal", "Special", "European", "Foreign-Affairs", "Human", "Rights", "Climate",
        "Digital", "Water", "Resources", "Mines", "Oil", "Petroleum", "Public", "Works",
        "Social", "Welfare", "Family", "Women", "Youth", "Children", "Veterans", "Affairs",
        "National", "Cabinet", "Junior", "Shadow", "Bundes"};
    return k.contains(w);
}

// Lower-case roles right before a name ("spokeswoman Jane Doe", "striker Harry Kane").
bool role_word(std::string_view w) {
    static const WordList k = {
        "president", "chancellor", "minister", "premier", "spokesman", "spokeswoman",
        "spokesperson", "secretary", "senator", "governor", "mayor", "ceo", "executive",
        "chairman", "chairwoman", "chair", "director", "coach", "manager", "striker",
        "midfielder", "defender", "goalkeeper", "forward", "winger", "player", "captain",
        "professor", "researcher", "scientist", "author", "economist", "analyst", "lawyer",
        "attorney", "judge", "actor", "actress", "singer", "leader", "founder", "co-founder",
        "colleague", "wife", "husband", "son", "daughter", "mother", "father", "brother",
        "sister", "journalist", "reporter", "correspondent", "editor", "chief", "candidate",
        "rival", "opponent", "champion", "winner", "teammate", "artist", "writer", "novelist",
        "poet", "officer", "inspector", "detective", "commissioner", "ambassador", "envoy",
        "diplomat", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
        "doctor", "nurse", "student", "farmer", "owner", "boss", "deputy", "counterpart",
        "successor", "predecessor", "incumbent", "challenger", "nominee", "lawmaker",
        "legislator", "congressman", "congresswoman", "physicist", "biologist", "astronomer",
        "historian", "philosopher", "composer", "designer", "architect", "entrepreneur",
        "investor", "billionaire", "businessman", "businesswoman", "tycoon", "prosecutor",
        "dr", "mr", "mrs", "ms", "president-elect", "vice-president", "secretary-general",
        "rapper", "musician", "guitarist", "director-general", "chemist", "epidemiologist",
        "virologist", "sociologist", "psychologist", "mathematician", "engineer", "teacher",
        "pilot", "driver", "cyclist", "runner", "swimmer", "boxer", "skier", "sprinter",
        "batsman", "bowler", "quarterback", "pitcher", "playmaker", "teenager", "veteran",
        "star", "midfield", "skipper", "referee", "umpire", "host", "presenter", "anchor",
        "commentator", "columnist", "activist", "campaigner", "dissident", "blogger",
        "filmmaker", "photographer", "priest", "cleric", "imam", "rabbi", "pastor",
        "chancellor", "representative", "ministre", "président", "présidente", "präsident",
        "präsidentin", "presidente", "primer", "spokesmen"};
    return k.contains(w);
}

// Lower-case nouns right before an organisation's name ("carmaker Volkswagen", "the rail
// company Trenitalia").
bool org_role_word(std::string_view w) {
    static const WordList k = {
        "company", "firm", "carmaker", "automaker", "bank", "lender", "insurer",
        "airline", "carrier", "retailer", "supermarket", "startup", "start-up", "broadcaster",
        "newspaper", "magazine", "publisher", "network", "team", "club", "side", "party",
        "agency", "operator", "giant", "maker", "manufacturer", "producer", "supplier",
        "conglomerate", "chain", "brand", "label", "studio", "charity", "organisation",
        "organization", "union", "watchdog", "regulator", "developer", "firms", "companies",
        "outlet", "tabloid", "broadsheet", "university", "institute", "think-tank",
        "consultancy", "subsidiary", "platform", "app", "website", "group", "brewer", "shipper",
        "grocer", "distributor", "housebuilder", "builder", "restaurant", "bakery",
        "exchange", "fund", "shipbuilder", "miner", "chipmaker",
        "drugmaker", "pharmaceutical", "telecoms", "utility", "railway", "airport"};
    return k.contains(w);
}

// Verbs of saying: "NAME said", "said NAME".
bool say_word(std::string_view w) {
    static const WordList k = {
        "said", "says", "told", "added", "asked", "wrote", "explained", "noted",
        "argued", "warned", "insisted", "stated", "announced", "replied", "recalled",
        "tweeted", "admitted", "acknowledged", "declared", "stressed", "urged",
        "commented", "continued", "concluded", "emphasised", "emphasized", "believes",
        "thinks", "says.", "responded", "confirmed", "denied", "claimed"};
    return k.contains(w);
}

// Prepositions that make a town name a place ("in Geneva").
bool place_preposition(std::string_view w) {
    static const WordList k = {
        "in", "at", "from", "near", "to", "across", "outside", "around", "into",
        "towards", "toward", "via", "through", "throughout", "visited", "visit",
        "visiting", "en", "à", "nach", "aus", "bei", "desde", "hacia"};
    return k.contains(w);
}

// Nouns that make the name after "of" a place ("the province of West Java").
bool place_noun(std::string_view w) {
    static const WordList k = {
        "province", "state", "city", "village", "town", "region", "county", "district",
        "municipality", "capital", "prefecture", "suburb", "suburbs", "outskirts",
        "island", "islands", "port", "republic", "kingdom", "north", "south", "east",
        "west", "northeast", "northwest", "southeast", "southwest", "centre", "center",
        "heart", "streets", "people", "citizens", "residents", "mayor", "governor",
        "borough", "canton", "commune", "oblast", "territory", "emirate", "parish",
        "neighbourhood", "neighborhood", "area", "coast", "shores", "banks"};
    return k.contains(w);
}

// Words that end the names of places ("Middle East", "Tahrir Square") or start them
// ("Mount Kenya", "Lake Chad").
bool place_last_word(std::string_view w) {
    static const WordList k = {
        "East", "West", "North", "South", "Sea", "Ocean", "River", "Valley", "Street",
        "Road", "Square", "Park", "Mountains", "Mountain", "Hills", "Island", "Islands",
        "Coast", "Gulf", "Bay", "Lake", "Peninsula", "Desert", "Canal", "Strait",
        "Airport", "Station", "Bridge", "Stadium", "Arena", "Palace", "Tower", "Avenue",
        "Boulevard", "Province", "Region", "County", "State", "City", "Town", "District",
        "Village", "Heights", "Plateau", "Basin", "Delta", "Falls", "Harbour", "Harbor",
        "Beach", "Forest", "Glacier", "Reef", "Highway", "Motorway", "Lane", "Prefecture",
        "Oblast", "Governorate", "Territory", "Territories", "Republic", "Kingdom"};
    return k.contains(w);
}
bool place_first_word(std::string_view w) {
    static const WordList k = {
        "Mount", "Mt", "Lake", "Cape", "Port", "Fort", "Saint", "St", "San", "Santa",
        "Gulf", "Bay", "Isle", "Sierra", "Rio", "Río", "Lac", "Monte", "Puerto", "Porto",
        "Sankt", "Bad", "Ciudad", "Villa", "Sainte"};
    return k.contains(w);
}

// Words that end a company's name ("Inc", "Partners"), after which "of" tells where it is.
bool company_suffix(std::string_view w) {
    static const WordList k = {
        "Inc", "Ltd", "LLC", "LLP", "LP", "PLC", "plc", "Corp", "Co", "GmbH", "AG", "Group", "NV",
        "BV", "SpA", "Oyj", "ASA", "Pty", "Bhd", "KGaA",
        "Holdings", "Partners", "Associates", "Securities", "Investments", "Ventures",
        "Therapeutics", "Biosciences", "Logistics", "Enterprises", "Industries", "Technologies"};
    return k.contains(w);
}

// Company suffixes written with a dot ("Inc.", "Ltd.").
bool abbreviated_suffix(std::string_view w) {
    return w == "Inc" || w == "Ltd" || w == "Corp" || w == "Co" || w == "Bros";
}

// Organisation words of football clubs' names ("Northvale Rovers").
bool club_word(std::string_view w) {
    return w == "Rovers" || w == "Wanderers" || w == "Athletic" || w == "Albion" || w == "Rangers" ||
           w == "Hotspur";
}

// A score: digits, a hyphen or dash, digits ("3-2").
bool is_score(std::string_view w) {
    const size_t dash = w.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash + 1 == w.size()) return false;
    for (size_t i = 0; i < w.size(); ++i)
        if (i != dash && (w[i] < '0' || w[i] > '9')) return false;
    return true;
}

// Acronyms that are not organisations.
bool plain_acronym(std::string_view w) {
    static const WordList k = {
        "GDP", "CEO", "CEOs", "CFO", "COO", "CTO", "AI", "TV", "HIV", "AIDS", "COVID", "SARS",
        "MERS", "DNA", "RNA", "GPS", "PDF", "USB", "LED", "LGBT", "LGBTQ", "IT", "PR", "VIP",
        "UFO", "NGO", "NGOs", "IPO", "ETF", "VAT", "OK", "AM", "PM", "BC", "AD", "ID", "IQ",
        "EV", "EVs", "SUV", "PC", "SMS", "CV", "MVP", "OBE", "MBE", "MP", "MPs", "PhD", "MSc",
        "BA", "MA", "BSc", "QC", "KC", "TB", "ICU", "ICUs", "PCR", "CO", "NO", "UV", "IVF",
        "DJ", "CD", "DVD", "PIN", "ATM", "API", "CPU", "GPU", "URL", "FAQ", "RIP", "ASAP",
        "FY", "YoY", "Q1", "Q2", "Q3", "Q4", "GMT", "UTC", "CET", "EST", "PST", "BST", "USD",
        "EUR", "GBP", "JPY", "CNY", "RMB", "NHS", "LNG", "OPEC+", "AGM", "HR", "IOU", "MRI",
        "ER", "OTC", "SME", "SMEs", "ESG", "CCTV", "SWAT", "POW", "POWs", "WMD", "ICBM",
        "I", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI", "THE",
        "AND", "OF", "FOR", "NEW", "NOT", "BREAKING", "UPDATE", "LIVE", "WATCH", "VIDEO",
        "PHOTO", "PHOTOS", "EXCLUSIVE", "OPINION", "ANALYSIS", "NEWS", "COVID-19", "SARS-CoV-2",
        "RSS", "HTML", "PDFs", "NFT", "NFTs", "VR", "AR", "5G", "4G", "EVP", "SVP", "VP",
        "PS", "NB", "USA", "UK", "US", "EU", "UN"};
    return k.contains(w);
}

// A set of words (views into the article's text): open addressing, no allocation per word.
class WordSet {
  public:
    // Empties the set; the slots of a very large one are let go, so that clearing stays cheap.
    void clear() {
        if (slots_.size() > (size_t{1} << 14)) slots_ = {};
        else std::fill(slots_.begin(), slots_.end(), std::string_view());
        n_ = 0;
    }
    void insert(std::string_view w) {
        if (w.empty()) return;
        if ((n_ + 1) * 2 > slots_.size()) grow();
        size_t i = word_hash(w) & (slots_.size() - 1);
        while (!slots_[i].empty()) {
            if (slots_[i] == w) return;
            i = (i + 1) & (slots_.size() - 1);
        }
        slots_[i] = w;
        ++n_;
    }
    bool contains(std::string_view w) const {
        if (slots_.empty() || w.empty()) return false;
        size_t i = word_hash(w) & (slots_.size() - 1);
        while (!slots_[i].empty()) {
            if (slots_[i] == w) return true;
            i = (i + 1) & (slots_.size() - 1);
        }
        return false;
    }

  private:
    void grow() {
        std::vector<std::string_view> old = std::move(slots_);
        slots_.assign(old.empty() ? 256 : old.size() * 2, std::string_view());
        n_ = 0;
        for (auto w : old)
            if (!w.empty()) insert(w);
    }
    std::vector<std::string_view> slots_;
    size_t n_ = 0;
};

constexpr size_t kMaxRun = 16;  // words in a run of capitalised words

struct Hit {
    size_t t0 = 0, t1 = 0;  // tokens [t0, t1)
    std::string type;
    std::string value;
    std::string code;
};

// A candidate left for the article-wide pass.
struct Pending {
    size_t block = 0;
    size_t t0 = 0, t1 = 0;
    bool weak = false;  // sentence-initial or in a heading: only known names
    bool acronym = false;
};

struct BlockState {
    std::string_view text;
    int64_t number = 0;
    bool heading = false;
    std::span<const Token> tok;
    std::vector<Hit> hits;
};

class Tagger {
  public:
    // Ready for an article in `lang`; the buffers keep their capacity from one article to the
    // next.
    void reset(std::string_view lang) {
        lang_ = lang;
        blocks_.clear();
        pending_.clear();
        later_.clear();
        defer_ = false;
        after_demonym_ = false;
        lower_ready_ = false;
    }

    void add_block(const TokenizedBlock& t) {
        BlockState b;
        b.text = t.text;
        b.number = t.number;
        b.heading = t.heading;
        b.tok = t.tokens;
        blocks_.push_back(std::move(b));
    }

    std::vector<Annotation> run();

  private:
    std::string_view word(const BlockState& b, size_t i) const {
        return b.text.substr(b.tok[i].b0, b.tok[i].b1 - b.tok[i].b0);
    }
    std::string_view span(const BlockState& b, size_t t0, size_t t1) const {
        return b.text.substr(b.tok[t0].b0, b.tok[t1 - 1].b1 - b.tok[t0].b0);
    }
    bool capword(const Token& t) const { return t.word && (t.cap || t.upper) && !t.digit; }
    bool seen_lower(std::string_view w);
    void scan_block(size_t bi);
    void read_run(size_t bi, const std::vector<size_t>& r);
    // Longest gazetteer match of strong kinds over run positions [p, ...); returns its end
    // position (p when none) and the entry.
    // `name` tells whether the word at p alone is also part of people's names.
    size_t gaz_match(const BlockState& b, const std::vector<size_t>& r, size_t p, size_t end,
                     gazetteer::Entry& e, bool towns, bool* name = nullptr);
    void emit(size_t bi, size_t t0, size_t t1, std::string type, std::string value = {}, std::string code = {});
    void classify_unknown(size_t bi, const std::vector<size_t>& r, size_t p, size_t q, bool after_title);
    // Whether a role follows token t: ", the mayor", ", a former midfielder".
    bool role_after(const BlockState& b, size_t t) const;
    // Whether token t is a score ("3-1") not followed by another one.
    bool before_one_score(const BlockState& b, size_t t) const;
    // The words by which an organisation found by the rules may be named later: its first
    // word ("Orvane" for "Orvane Therapeutics Inc") and a club's last word ("Rovers").
    template <class Add>
    void add_org_parts(const BlockState& b, const Hit& h, Add add);
    // 2: "the village of X", "south of X"; 3: the end of a list of places ("in Paris and
    // X"); 1: "in X", "at X"; 0: no place context before token t0.
    int place_context(size_t bi, size_t t0) const;

    std::string_view lang_;
    std::vector<BlockState> blocks_;
    std::vector<Pending> pending_;
    bool defer_ = false;                            // emit() into later_
    std::vector<std::pair<size_t, Hit>> later_;
    std::vector<size_t> gaz_end_;
    std::vector<gazetteer::Entry> gaz_entry_;
    std::vector<char> gaz_name_;
    static constexpr uint8_t kOrg = 1, kTitle = 2, kModifier = 4;
    std::vector<uint8_t> flags_;
    bool after_demonym_ = false;  // the words before, in the run, are a nationality
    WordSet lower_words_;
    WordSet wanted_;  // (seen_lower) the lower-case forms of the capitalised words
    std::vector<size_t> run_words_;  // (scan_block) the tokens of a run of capitalised words
    std::string arena_;
    bool lower_ready_ = false;
    std::string scratch_;
};

// Whether the article has `w` in lower case ("Shares" at the start of a sentence, "shares"
// elsewhere). Built on first use: the lower-case forms of the article's capitalised words,
// then one pass over its lower-case words, most of which a small bit filter turns away.
bool Tagger::seen_lower(std::string_view w) {
    if (!lower_ready_) {
        lower_ready_ = true;
        size_t total = 0;
        for (const BlockState& b : blocks_)
            for (const Token& t : b.tok)
                if (t.word && t.cap) total += 2 * (t.b1 - t.b0) + 1;
        arena_.clear();
        arena_.reserve(total);  // views into the arena stay valid
        WordSet& wanted = wanted_;
        wanted.clear();
        lower_words_.clear();
        std::vector<uint64_t> filter(64, 0);
        auto key = [](std::string_view v) {
            return (static_cast<unsigned char>(v[0]) * 31u + static_cast<unsigned>(v.size()) * 7u +
                    static_cast<unsigned char>(v[v.size() / 2])) & 4095u;
        };
        for (const BlockState& b : blocks_)
            for (size_t i = 0; i < b.tok.size(); ++i)
                if (b.tok[i].word && b.tok[i].cap) {
                    lower_word(word(b, i), scratch_);
                    const size_t at = arena_.size();
                    arena_ += scratch_;
                    const std::string_view v(arena_.data() + at, scratch_.size());
                    wanted.insert(v);
                    const unsigned k = key(v);
                    filter[k >> 6] |= uint64_t{1} << (k & 63);
                }
        for (const BlockState& b : blocks_)
            for (size_t i = 0; i < b.tok.size(); ++i) {
                const Token& t = b.tok[i];
                if (!t.word || t.cap || t.digit) continue;
                const std::string_view v = word(b, i);
                const unsigned k = key(v);
                if ((filter[k >> 6] >> (k & 63) & 1) && wanted.contains(v)) lower_words_.insert(v);
            }
    }
    lower_word(w, scratch_);
    return lower_words_.contains(scratch_);
}

int Tagger::place_context(size_t bi, size_t t0) const {
    const BlockState& b = blocks_[bi];
    const auto& tok = b.tok;
    if (t0 == 0) return 0;
    const size_t k = t0 - 1;
    if (tok[k].word && !tok[k].cap) {
        const std::string_view w = word(b, k);
        if (place_preposition(w)) return 1;
        if (w == "of" && k > 0 && tok[k - 1].word && in_any_case(word(b, k - 1), place_noun)) return 2;
        // (Hits are appended in text order while blocks are read: the last one is enough.)
        if ((w == "and" || w == "or") && !b.hits.empty() && b.hits.back().t1 == k && b.hits.back().type == "place")
            return 3;
    }
    return 0;
}

void Tagger::emit(size_t bi, size_t t0, size_t t1, std::string type, std::string value, std::string code) {
    BlockState& b = blocks_[bi];
    // "Orvane Therapeutics Inc.": the dot of an abbreviated company suffix is part of the name.
    if (type == "organization" && t1 < b.tok.size() && b.tok[t1].punct == '.' && b.tok[t1].b0 == b.tok[t1 - 1].b1 &&
        abbreviated_suffix(word(b, t1 - 1)))
        ++t1;
    Hit h;
    h.t0 = t0;
    h.t1 = t1;
    h.type = std::move(type);
    h.value = value.empty() ? std::string(span(b, t0, t1)) : std::move(value);
    h.code = std::move(code);
    if (defer_) later_.emplace_back(bi, std::move(h));
    else b.hits.push_back(std::move(h));
}

size_t Tagger::gaz_match(const BlockState& b, const std::vector<size_t>& r, size_t p, size_t end,
                         gazetteer::Entry& best, bool towns, bool* name) {
    size_t best_end = p;
    gazetteer::Entry es[8];
    if (name) *name = false;
    for (size_t q = p + 1; q <= end; ++q) {
        const std::string_view s = span(b, r[p], r[q - 1] + 1);
        const int n = gazetteer::lookup(s, es, 8);
        if (name && q == p + 1)
            for (int k = 0; k < n; ++k)
                if (es[k].kind == Kind::name_part) *name = true;
        for (int k = 0; k < n; ++k) {
            const Kind kind = es[k].kind;
            if (kind == Kind::name_part || (kind == Kind::town && !towns)) continue;
            best_end = q;
            best = es[k];
            break;
        }
        if (n == 0 && !gazetteer::has_longer(s)) break;
    }
    return best_end;
}

void Tagger::scan_block(size_t bi) {
    const BlockState& b = blocks_[bi];
    const auto& tok = b.tok;
    std::vector<size_t>& run = run_words_;
    for (size_t i = 0; i < tok.size();) {
        if (!capword(tok[i])) { ++i; continue; }
        run.assign(1, i);
        size_t j = i;
        // No name is longer than kMaxRun words: a longer run (a line of capitals) is cut, so
        // that reading it stays linear.
        while (run.size() < kMaxRun) {
            size_t k = j + 1;
            if (k >= tok.size()) break;
            // "Mr. Smith", "George W. Bush", "St. Louis": the dot stays inside the run.
            if (tok[k].punct == '.' && tok[k].b0 == tok[j].b1 && k + 1 < tok.size() &&
                capword(tok[k + 1]) && !tok[k + 1].sent) {
                const std::string_view w = word(b, j);
                if (title_head(w) || (tok[j].c1 - tok[j].c0 == 1 && tok[j].cap) || w == "St" || w == "Bros") {
                    run.push_back(k + 1);
                    j = k + 1;
                    continue;
                }
            }
            if (capword(tok[k]) && !tok[k].sent) { run.push_back(k); j = k; continue; }
            // Connectors: one or two ("of the") before a capitalised word.
            size_t c = k;
            while (c < tok.size() && c < k + 2 && tok[c].word && !tok[c].cap && connector(word(b, c))) ++c;
            if (c == k && tok[k].punct == '&' && k + 1 < tok.size()) c = k + 1;
            if (c > k && c < tok.size() && capword(tok[c]) && !tok[c].sent) {
                for (size_t x = k; x <= c; ++x) run.push_back(x);
                j = c;
                continue;
            }
            break;
        }
        read_run(bi, run);
        i = run.back() + 1;
    }
}

void Tagger::read_run(size_t bi, const std::vector<size_t>& r) {
    const BlockState& b = blocks_[bi];
    const auto& tok = b.tok;
    const size_t m = r.size();
    auto is_conn = [&](size_t p) { return !capword(tok[r[p]]); };
    auto w = [&](size_t p) { return word(b, r[p]); };
    // The longest gazetteer match starting at each position of the run.
    gaz_end_.assign(m, 0);
    gaz_entry_.resize(m);
    gaz_name_.assign(m, false);
    // What each word of the run is, once: organisation word, title head, title modifier.
    flags_.assign(m, 0);
    for (size_t x = 0; x < m; ++x) {
        if (is_conn(x)) continue;
        const std::string_view v = w(x);
        const bool title = title_head(v) || (lang_.substr(0, 2) == "de" && title_suffix(v));
        flags_[x] = (org_word(v) ? kOrg : 0) | (title ? kTitle : 0) | (title_modifier(v) ? kModifier : 0);
    }
    auto is_org = [&](size_t x) { return (flags_[x] & kOrg) != 0; };
    auto is_title = [&](size_t x) { return (flags_[x] & kTitle) != 0; };
    auto is_modifier = [&](size_t x) { return (flags_[x] & kModifier) != 0; };
    // Whether the words of [from, to) are all unknown: no gazetteer name starts there and
    // none is a title.
    auto unknown_words = [&](size_t from, size_t to) {
        for (size_t z = from; z < to; ++z)
            if (!is_conn(z) && (gaz_end_[z] > z || is_title(z))) return false;
        return true;
    };
    // Whether a company suffix ends the words from x on (up to a connector).
    auto company_suffix_follows = [&](size_t x) {
        size_t z = x;
        while (z + 1 < m && !is_conn(z + 1)) ++z;
        return z > x && company_suffix(w(z));
    };
    // The end of "X & Y" (unknown words on both sides of "&") starting at from; from when
    // there is none.
    auto ampersand_name_end = [&](size_t from) {
        size_t a = from;
        while (a < m && !is_conn(a)) ++a;
        if (a == from || a + 1 >= m || w(a) != "&" || is_conn(a + 1)) return from;
        size_t e = a + 1;
        while (e < m && !is_conn(e)) ++e;
        return unknown_words(from, e) ? e : from;
    };
    for (size_t x = 0; x < m; ++x) {
        bool name = false;
        if (!is_conn(x)) gaz_end_[x] = gaz_match(b, r, x, m, gaz_entry_[x], false, &name);
        gaz_name_[x] = name;
    }
    bool after_title = false;
    after_demonym_ = false;
    size_t p = 0;
    while (p < m) {
        if (is_conn(p)) { ++p; after_title = false; after_demonym_ = false; continue; }
        const Token& t = tok[r[p]];
        gazetteer::Entry ge = gaz_entry_[p];
        size_t g = gaz_end_[p];
        // A sentence-initial function word ("The", "In") is not a name unless a longer
        // gazetteer name starts with it ("The Hague").
        // ("Le Maire", "Van Gogh": in English text a capitalised particle before a name is
        // part of it.)
        const bool particle = lang_.substr(0, 2) == "en" && p + 1 < m && !is_conn(p + 1) &&
                              in(w(p), {"Le", "La", "De", "Van", "Von", "Al", "El", "Di", "Da", "Du",
                                        "Del", "Della", "Der", "Den", "Ten", "Ter"});
        if (function_word(w(p)) && (g <= p + 1) && !particle) { ++p; after_title = false; continue; }
        if (!after_title) {
            // Organisation: from here to an organisation word, plus "of ..." after it. An
            // "and" or "&" is inside the name only before its first organisation word and
            // after unknown words ("National Oceanic and Atmospheric Administration", not
            // "Oxford University and Imperial College" nor "France and Germany").
            size_t h = p;
            for (size_t q = p; q < m; ++q) {
                const std::string_view x = w(q);
                if (is_conn(q) && x == "the") break;
                if (is_conn(q) && (x == "and" || x == "&") && (h > p || !unknown_words(p, q))) break;
                if (is_conn(q)) continue;
                // (a title word ends the name, unless a company suffix follows it: "Greene
                // King Ltd", "Burger King Corp")
                if (q > p && is_title(q) && !is_org(q) && !company_suffix_follows(q)) break;
                // ("Police", "Office", "Service" alone open no name; "Office for National
                // Statistics" does)
                const bool bare = q == p && (x == "Police" || x == "Office" || x == "Service") &&
                                  !(q + 2 < m && is_conn(q + 1) && (w(q + 1) == "for" || w(q + 1) == "of"));
                if (is_org(q) && !bare) h = q + 1;
            }
            // "Fans of Dunfermline Athletic said": an ordinary noun that opens a sentence
            // before "of" and an organisation is not part of its name.
            if (h > p + 2 && t.sent && !is_org(p) && is_conn(p + 1) && w(p + 1) == "of") {
                p += 2;
                continue;
            }
            // "Comisión Europea", "Banco Santander": capitalised words after an organisation
            // word that opens the name, up to a known name or a title.
            if (h == p + 1 && is_org(p)) {
                while (h < m && !is_conn(h) && gaz_end_[h] == h && !is_title(h) && !is_modifier(h)) ++h;
            }
            // "Marks & Spencer", "Harlow & Finch": unknown names joined by "&" are a firm.
            if (h == p) h = ampersand_name_end(p);
            if (h > p) {
                size_t e = h;
                // "Ministry of Foreign Affairs", "Bank of England": "of"/"for" and capitalised words.
                while (e + 1 < m && is_conn(e) && in(w(e), {"of", "for", "on", "to", "and", "&", "de", "du", "des", "für", "del", "la"})) {
                    size_t f = e + 1;
                    if (f < m && is_conn(f)) ++f;  // "of the"
                    if (f >= m || is_conn(f)) break;
                    // "the Agency on Monday": no weekday, month or other function word.
                    if (function_word(w(f))) break;
                    // "the Foreign Ministry to Germany": "to" does not lead to a place, nor
                    // "of" after a company ("Castellane Partners of Paris": where it is).
                    if (w(e) == "to" && gaz_end_[f] > f) break;
                    if (w(e) == "of" && company_suffix(w(e - 1)) && gaz_end_[f] > f) break;
                    // "Ministry of Industry and Trade", but not "the Bank of England and
                    // Barclays" nor "Oxford University and Imperial College".
                    if (w(e) == "and" || w(e) == "&") {
                        if (e == h || gaz_end_[f] > f) break;
                        bool other = false;
                        for (size_t z = f; z < m && !is_conn(z); ++z)
                            if (is_org(z) || is_title(z)) other = true;
                        if (other) break;
                    }
                    size_t z = f;
                    while (z < m && !is_conn(z)) ++z;
                    e = z;
                }
                if (g >= e && g > p) {
                    // The gazetteer knows it (or a longer name).
                } else if (e == p + 1 && club_word(w(p))) {
                    // "Rovers" alone: a club named before, which the article pass finds.
                } else {
                    std::string value;
                    gazetteer::Entry oe;
                    if (gazetteer::find(span(b, r[p], r[e - 1] + 1), Kind::organization, &oe) && !oe.value.empty())
                        value = std::string(oe.value);
                    emit(bi, r[p], r[e - 1] + 1, "organization", value);
                    p = e;
                    continue;
                }
            }
        }
        if (g > p) {
            bool take = true;
            // "Jordan Henderson": a country that is also a given name, followed by an unknown
            // capitalised word, is a person's name.
            if (g == p + 1 && g < m && !is_conn(g) && (ge.kind == Kind::country || ge.kind == Kind::major_city ||
                                                        ge.kind == Kind::subdivision) &&
                gaz_name_[p]) {
                gazetteer::Entry ne[8];
                const int n = gazetteer::lookup(w(g), ne, 8);
                bool unknown = gaz_end_[g] == g;
                for (int k = 0; k < n; ++k)
                    if (ne[k].kind != Kind::name_part && ne[k].kind != Kind::town) unknown = false;
                if (unknown && !is_title(g) && !is_org(g)) take = false;
            }
            // After a title comes the name ("Finance Minister Christian Lindner").
            if (after_title) take = false;
            // "Shell companies ...": a one-word organisation or town that starts a sentence
            // and is also an ordinary word of the article.
            if (g == p + 1 && (t.sent || b.heading) &&
                (ge.kind == Kind::organization || ge.kind == Kind::acronym || ge.kind == Kind::major_city ||
                 ge.kind == Kind::town) &&
                seen_lower(w(p)))
                take = false;
            // "Kenya Red Cross", "German Red Cross": a place or nationality before a known
            // organisation is part of its name.
            if (take && g < m && !is_conn(g) && gaz_end_[g] > g &&
                gaz_entry_[g].kind == Kind::organization &&
                (ge.kind == Kind::country || ge.kind == Kind::subdivision || ge.kind == Kind::major_city ||
                 ge.kind == Kind::demonym)) {
                emit(bi, r[p], r[gaz_end_[g] - 1] + 1, "organization");
                p = gaz_end_[g];
                after_title = false;
                continue;
            }
            if (take) {
                switch (ge.kind) {
                    case Kind::country:
                        emit(bi, r[p], r[g - 1] + 1, "place", std::string(ge.value), std::string(ge.code));
                        break;
                    case Kind::subdivision:
                        emit(bi, r[p], r[g - 1] + 1, "place", {}, std::string(ge.code));
                        break;
                    case Kind::major_city:
                    case Kind::town:
                        emit(bi, r[p], r[g - 1] + 1, "place");
                        break;
                    case Kind::demonym:
                    case Kind::event:
                        emit(bi, r[p], r[g - 1] + 1, "misc");
                        break;
                    case Kind::organization:
                    case Kind::acronym:
                        emit(bi, r[p], r[g - 1] + 1, "organization", std::string(ge.value));
                        break;
                    default:
                        break;
                }
                p = g;
                after_title = false;
                after_demonym_ = ge.kind == Kind::demonym;
                continue;
            }
        }
        // Titles: "Prime Minister", "German Chancellor" (the demonym was taken above),
        // "Health Minister", "Mr".
        {
            size_t q = p;
            while (q < m && !is_conn(q) && is_modifier(q) && !is_title(q)) ++q;
            size_t e = q;
            while (e < m && !is_conn(e) && is_title(e)) ++e;
            // "Secretary of State"
            if (e > q && e + 1 < m && is_conn(e) && w(e) == "of" && title_modifier(w(e + 1))) e += 2;
            if (e > q) {
                // Only a title when a name follows in the run.
                if (e < m && !is_conn(e)) {
                    p = e;
                    after_title = true;
                    continue;
                }
                if (e > p) { p = e; after_title = false; continue; }
            }
        }
        // Unknown words up to a connector, a title or a known name.
        size_t q = p + 1;
        while (q < m) {
            if (is_conn(q)) {
                if (!name_particle(w(q))) break;
                if (q + 1 >= m || is_conn(q + 1)) break;
                ++q;
                continue;
            }
            if (is_title(q) || (is_modifier(q) && q + 1 < m && is_title(q + 1))) break;
            if (!after_title && gaz_end_[q] > q && gaz_entry_[q].kind != Kind::subdivision &&
                !gaz_name_[q])
                break;
            ++q;
        }
        // A trailing particle is not part of the name.
        while (q > p + 1 && is_conn(q - 1)) --q;
        classify_unknown(bi, r, p, q, after_title);
        after_title = false;
        after_demonym_ = false;
        p = q;
    }
}

bool Tagger::role_after(const BlockState& b, size_t t) const {
    const auto& tok = b.tok;
    if (t + 2 >= tok.size() || tok[t].punct != ',' || !tok[t + 1].word) return false;
    const std::string_view article = word(b, t + 1);
    if (article != "a" && article != "an" && article != "the") return false;
    // up to three words before the role: "the club's new head coach", "a former midfielder"
    for (size_t i = t + 2; i < tok.size() && i < t + 8; ++i) {
        if (tok[i].punct == '\'' || tok[i].punct == 0x2019) continue;
        if (!tok[i].word) return false;
        if (!tok[i].cap && role_word(word(b, i))) return true;
    }
    return false;
}

bool Tagger::before_one_score(const BlockState& b, size_t t) const {
    auto score_at = [&](size_t i) { return i < b.tok.size() && b.tok[i].digit && is_score(word(b, i)); };
    if (!score_at(t)) return false;
    const size_t next = t + 1 < b.tok.size() && b.tok[t + 1].punct == ',' ? t + 2 : t + 1;
    return !score_at(next);
}

void Tagger::classify_unknown(size_t bi, const std::vector<size_t>& r, size_t p, size_t q, bool after_title) {
    const BlockState& b = blocks_[bi];
    const auto& tok = b.tok;
    const size_t t0 = r[p], t1 = r[q - 1] + 1;
    const size_t n = q - p;
    const std::string_view s = span(b, t0, t1);
    const bool initial = tok[t0].sent || b.heading;
    auto lw = [&](size_t i) -> std::string_view {
        if (i >= tok.size() || !tok[i].word) return {};
        return word(b, i);
    };
    if (after_title && !b.heading && n <= 5) {
        emit(bi, t0, t1, "person");
        return;
    }
    if (b.heading) {
        pending_.push_back({bi, t0, t1, true});
        return;
    }
    // An acronym: its definition or the gazetteer (both seen in the article pass); failing
    // those, an organisation unless it is a common one ("GDP") or the text is in capitals.
    bool shouted = true;
    for (size_t i = p; i < q; ++i)
        if (capword(tok[r[i]]) && !tok[r[i]].upper) shouted = false;
    if (shouted && s.size() >= 4) {
        // "PARIS (Reuters) -", "NEW YORK —": a place written in capitals, as datelines are.
        std::string title;
        bool start = true;
        for (const char c : s) {
            const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            title += letter && !start && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
            start = !letter && c != '\'';
        }
        gazetteer::Entry pe[8];
        const int k = gazetteer::lookup(title, pe, 8);
        if (k > 0 && (pe[0].kind == Kind::country || pe[0].kind == Kind::major_city ||
                      pe[0].kind == Kind::subdivision)) {
            emit(bi, t0, t1, "place", pe[0].kind == Kind::country ? std::string(pe[0].value) : title,
                 pe[0].kind == Kind::major_city ? std::string() : std::string(pe[0].code));
            return;
        }
    }
    if (n == 1 && tok[t0].upper) {
        pending_.push_back({bi, t0, t1, initial, true});
        return;
    }
    std::string_view before = t0 > 0 ? lw(t0 - 1) : std::string_view();
    // "Xi’s": the token after a possessive apostrophe is "s"; skip both when looking ahead.
    size_t a = t1;
    if (a + 1 < tok.size() && (tok[a].punct == '\'' || tok[a].punct == 0x2019) && lw(a + 1) == "s") a += 2;
    if (a < tok.size() && tok[a].punct == ',') ++a;
    const std::string_view after = lw(a);
    bool role = !before.empty() && role_word(before) && !tok[t0 - 1].cap;
    // "his coach, Goran Ivanisevic"
    if (!role && t0 >= 2 && tok[t0 - 1].punct == ',' && tok[t0 - 2].word && !tok[t0 - 2].cap &&
        role_word(word(b, t0 - 2)) && n >= 2)
        role = true;
    const bool says = (!before.empty() && say_word(before)) || say_word(after);
    // "Ferrer, who grew up in Cádiz": "who" after a name and a comma (not after a club's
    // name: "Rangers, who won").
    const bool who = t1 + 1 < tok.size() && tok[t1].punct == ',' && tok[t1 + 1].word &&
                     (lw(t1 + 1) == "who" || lw(t1 + 1) == "whose") && !org_word(word(b, t1 - 1));
    // "Kessia Obuya, the mayor of Kisumu": a role after a name, a comma and an article
    // (not after one word opening a sentence: "Separately, the chief executive said").
    const bool titled = (n >= 2 || !initial) && role_after(b, t1);
    // "Kwame Asante, 52, runs a bakery": an age between commas after a name.
    const bool aged = t1 + 2 < tok.size() && tok[t1].punct == ',' && tok[t1 + 1].digit &&
                      tok[t1 + 1].c1 - tok[t1 + 1].c0 <= 3 && tok[t1 + 2].punct == ',';
    bool name_start = false;
    if (gaz_name_[p] && !(initial && seen_lower(word(b, t0)))) name_start = true;
    bool all_proper = true;
    for (size_t i = p; i < q; ++i) {
        if (!capword(tok[r[i]])) continue;
        if (tok[r[i]].upper && tok[r[i]].c1 - tok[r[i]].c0 > 1) all_proper = false;
        if (seen_lower(word(b, r[i]))) all_proper = false;
    }
    const bool after_the = !before.empty() && (before == "the" || before == "The");
    // "the journal Nature Microbiology": a title of a publication is misc.
    if (before == "journal" && all_proper && n <= 4) {
        emit(bi, t0, t1, "misc");
        return;
    }
    // "carmaker Volkswagen", "the rail company Trenitalia"
    if (!before.empty() && !tok[t0 - 1].cap && org_role_word(before) && n <= 4 && all_proper &&
        !(n == 1 && tok[t0].upper && plain_acronym(s))) {
        emit(bi, t0, t1, "organization");
        return;
    }
    // "beat Ashcombe Town 3-2": a name before one score is a team (a tennis player's
    // score has several sets: "beat Carlos Alcaraz 6-3, 6-4").
    if (all_proper && before_one_score(b, t1)) {
        emit(bi, t0, t1, "organization");
        return;
    }
    // Places: "the village of X" always; "in X" when the town list knows X; names that
    // look like places ("Tahrir Square", "Mount Kenya").
    const int pc = place_context(bi, t0);
    if ((pc == 2 || pc == 3) && all_proper && n <= 4) { emit(bi, t0, t1, "place"); return; }
    if (pc == 1 && all_proper && gazetteer::find(s, Kind::town)) { emit(bi, t0, t1, "place"); return; }
    if (!initial && n >= 2 && n <= 4 && all_proper &&
        (place_last_word(word(b, t1 - 1)) || place_first_word(word(b, t0)))) {
        emit(bi, t0, t1, "place");
        return;
    }
    if (!after_the) {
        if ((role || who || titled) && n <= 4 && all_proper) { emit(bi, t0, t1, "person"); return; }
        if ((says || aged) && n >= 2 && n <= 4 && all_proper) { emit(bi, t0, t1, "person"); return; }
        // (after a nationality only a given name and a family name: "Kenyan Mercy Chebet")
        if (name_start && n >= 2 && n <= 4 && all_proper && (!after_demonym_ || n == 2)) {
            emit(bi, t0, t1, "person");
            return;
        }
        // Two or three capitalised words inside a sentence, known to no list and not an
        // ordinary word of the article: most often a person.
        // ("Japanese Grand Prix" is not: a name after a nationality is rather an event or
        // a thing.)
        if (!initial && n >= 2 && n <= 3 && all_proper && pc == 0 && !after_demonym_) {
            emit(bi, t0, t1, "person");
            return;
        }
    }
    pending_.push_back({bi, t0, t1, initial});
}

template <class Add>
void Tagger::add_org_parts(const BlockState& b, const Hit& h, Add add) {
    if (h.value != span(b, h.t0, h.t1)) return;  // a known organisation, with its own name
    const std::string_view first = word(b, h.t0), last = word(b, h.t1 - 1);
    gazetteer::Entry known;
    if (capword(b.tok[h.t0]) && !b.tok[h.t0].upper && !org_word(first) && !function_word(first) &&
        !title_head(first) && !title_modifier(first) && gazetteer::lookup(first, &known, 1) == 0 &&
        !seen_lower(first))
        add(first);
    if (club_word(last)) add(last);
}

std::vector<Annotation> Tagger::run() {
    for (size_t bi = 0; bi < blocks_.size(); ++bi) scan_block(bi);

    // What the article says about names: full names of people, acronyms it defines, and the
    // type of every name found. Views into the text and into the hits, which stay put: the
    // names found from here on wait in later_ until the end.
    struct Known { std::string_view type, value, code; };
    std::unordered_map<std::string_view, Known> known;  // surface -> what it is
    std::unordered_map<std::string_view, std::string_view> part;  // "Merkel" -> "Angela Merkel" (empty: ambiguous)
    std::unordered_map<std::string_view, std::string_view> org_part;  // "Orvane" -> "Orvane Therapeutics Inc"
    known.reserve(64);
    part.reserve(32);
    auto add_to = [](auto& parts, std::string_view w, std::string_view value) {
        auto it = parts.find(w);
        if (it == parts.end()) parts.emplace(w, value);
        else if (it->second != value) it->second = {};
    };
    for (const BlockState& b : blocks_) {
        for (const Hit& h : b.hits) {
            known.emplace(span(b, h.t0, h.t1), Known{h.type, h.value, h.code});
            if (h.type == "organization" && h.t1 - h.t0 >= 2)
                add_org_parts(b, h, [&](std::string_view w) { add_to(org_part, w, h.value); });
            if (h.type == "person" && h.t1 - h.t0 >= 2) {
                auto add_part = [&](std::string_view w) { add_to(part, w, h.value); };
                for (size_t i : {h.t0, h.t1 - 1})
                    if (b.tok[i].word) add_part(word(b, i));
                // "Le Maire" for "Bruno Le Maire", "von der Leyen" for "Ursula von der Leyen".
                for (size_t i = h.t0 + 1; i + 1 < h.t1; ++i)
                    if (b.tok[i].word && in_any_case(word(b, i), name_particle)) {
                        add_part(span(b, i, h.t1));
                        break;
                    }
            }
            // "World Health Organization (WHO)": an acronym defined after a name.
            const size_t a = h.t1;
            if (a + 2 < b.tok.size() && b.tok[a].punct == '(' && b.tok[a + 1].upper && b.tok[a + 2].punct == ')')
                known[word(b, a + 1)] = Known{h.type, h.value, h.code};
        }
    }
    // Definitions of unknown names: "the Committee to Protect Journalists (CPJ)" where the
    // name itself was pending.
    for (const Pending& pd : pending_) {
        const BlockState& b = blocks_[pd.block];
        const size_t a = pd.t1;
        if (pd.weak || pd.t1 - pd.t0 < 2) continue;
        if (a + 2 < b.tok.size() && b.tok[a].punct == '(' && b.tok[a + 1].upper && b.tok[a + 2].punct == ')') {
            const std::string_view acr = word(b, a + 1);
            const std::string_view name = span(b, pd.t0, pd.t1);
            if (!known.count(acr)) {
                known[acr] = Known{"organization", name, {}};
                known[name] = Known{"organization", name, {}};
            }
        }
    }
    defer_ = true;
    for (const Pending& pd : pending_) {
        BlockState& b = blocks_[pd.block];
        const std::string_view s = span(b, pd.t0, pd.t1);
        if (auto it = known.find(s); it != known.end()) {
            emit(pd.block, pd.t0, pd.t1, std::string(it->second.type), std::string(it->second.value),
                 std::string(it->second.code));
            continue;
        }
        if (auto it = part.find(s); it != part.end() && !it->second.empty()) {
            emit(pd.block, pd.t0, pd.t1, "person", std::string(it->second));
            continue;
        }
        if (auto it = org_part.find(s); it != org_part.end() && !it->second.empty()) {
            emit(pd.block, pd.t0, pd.t1, "organization", std::string(it->second));
            continue;
        }
        if (pd.t1 - pd.t0 == 1) {
            gazetteer::Entry e;
            if (b.tok[pd.t0].upper && gazetteer::find(s, Kind::acronym, &e)) {
                emit(pd.block, pd.t0, pd.t1, "organization", std::string(e.value));
                continue;
            }
            // (not a product code such as "OT-114")
            const bool digits = s.find_first_of("0123456789") != std::string_view::npos;
            if (pd.acronym && !b.heading && !plain_acronym(s) && !digits && s.size() >= 3 && s.size() <= 6) {
                // Not in a line of capitals: the words around are not all upper case.
                const auto& tok = b.tok;
                auto caps_word = [&](size_t i) { return i < tok.size() && tok[i].word && tok[i].upper; };
                const bool shouting = (pd.t0 > 0 && caps_word(pd.t0 - 1)) || caps_word(pd.t1);
                if (!shouting) emit(pd.block, pd.t0, pd.t1, "organization");
            }
        }
    }
    defer_ = false;
    for (auto& [bi, h] : later_) blocks_[bi].hits.push_back(std::move(h));

    std::vector<Annotation> out;
    for (size_t bi = 0; bi < blocks_.size(); ++bi) {
        BlockState& b = blocks_[bi];
        std::sort(b.hits.begin(), b.hits.end(), [](const Hit& x, const Hit& y) { return x.t0 < y.t0; });
        for (Hit& h : b.hits) {
            Annotation an;
            an.type = std::move(h.type);
            an.text = std::string(span(b, h.t0, h.t1));
            an.block = b.number;
            an.start = b.tok[h.t0].c0;
            an.end = b.tok[h.t1 - 1].c1;
            an.value = std::move(h.value);
            if (!h.code.empty()) an.extra.push_back(ExtraField{"value", "code", "\"" + h.code + "\""});
            out.push_back(std::move(an));
        }
    }
    return out;
}

}  // namespace

std::vector<Annotation> entities_of(std::span<const TokenizedBlock> blocks, std::string_view lang) {
    thread_local Tagger t;
    t.reset(lang);
    for (const TokenizedBlock& b : blocks) t.add_block(b);
    return t.run();
}

std::vector<Annotation> find_entities(const Article& a, std::string_view lang) {
    std::vector<TokenizedBlock> buffers;
    return entities_of(tokenize_article(a, buffers),
                       lang.empty() ? std::string_view(a.language ? *a.language : std::string_view("en")) : lang);
}

std::vector<Annotation> find_entities(std::string_view text, std::string_view lang) {
    TokenizedBlock b;
    b.text = text;
    tokenize(text, b.tokens);
    return entities_of({&b, 1}, lang);
}

}  // namespace copydesk::tag
