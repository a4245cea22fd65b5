// Stop words for key phrases: function words, plus the verbs and vague nouns of news prose
// that make poor keywords ("said", "year", "people"). Written for copydesk.
#include "tag/keywords_stopwords.hpp"

#include <string_view>

#include "tag/entities_tokens.hpp"

namespace copydesk::tag {
namespace {

using Set = WordList;

const Set& english() {
    static const Set s = {
        "a", "about", "above", "across", "after", "afterwards", "again", "against", "ago", "all",
        "almost", "alone", "along", "already", "also", "although", "always", "am", "among",
        "amid", "amongst", "an", "and", "another", "any", "anyone", "anything", "anyway",
        "anywhere", "are", "around", "as", "at", "away", "back", "be", "became", "because",
        "become", "becomes", "been", "before", "being", "below", "beside", "besides",
        "between", "beyond", "both", "but", "by", "can", "cannot", "could", "did", "do", "does",
        "doing", "done", "down", "due", "during", "each", "either", "else", "elsewhere",
        "enough", "even", "ever", "every", "everyone", "everything", "except", "few", "for",
        "former", "formerly", "from", "further", "get", "gets", "getting", "give", "given",
        "go", "goes", "going", "gone", "got", "had", "has", "have", "having", "he", "hence",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
        "in", "including", "indeed", "instead", "into", "is", "it", "its", "itself", "just",
        "last", "later", "least", "less", "let", "like", "likely", "made", "make", "makes",
        "making", "many", "may", "me", "meanwhile", "might", "more", "moreover", "most",
        "mostly", "much", "must", "my", "myself", "near", "nearly", "neither", "never",
        "nevertheless", "next", "no", "nobody", "none", "nor", "not", "nothing", "now",
        "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others",
        "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps",
        "put", "rather", "really", "same", "see", "seen", "several", "she", "should", "since",
        "so", "some", "someone", "something", "sometimes", "still", "such", "than", "that",
        "the", "their", "theirs", "them", "themselves", "then", "there", "thereby",
        "therefore", "these", "they", "this", "those", "though", "through", "throughout",
        "thus", "to", "together", "too", "toward", "towards", "under", "until", "up", "upon",
        "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when",
        "whenever", "where", "whereas", "whether", "which", "while", "who", "whoever", "whole",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
        "your", "yours", "yourself", "s", "t", "don't", "didn't", "doesn't", "isn't", "wasn't",
        "aren't", "weren't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "it's",
        "i'm", "he's", "she's", "we're", "they're", "i've", "we've", "they've", "that's",
        "there's", "let's", "mr", "mrs", "ms", "dr", "first", "second", "third", "new", "old",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
        "thousand", "million", "millions", "billion", "billions", "percent", "per cent",
        "said", "says", "say", "saying", "told", "tell", "asked", "added", "according",
        "noted", "stated", "reported", "announced", "explained", "warned", "called", "want",
        "wants", "wanted", "think", "thinks", "thought", "know", "known", "knew", "take",
        "taken", "took", "takes", "come", "comes", "came", "coming", "seem", "seems", "seemed",
        "use", "used", "using", "way", "ways", "thing", "things", "time", "times", "year",
        "years", "day", "days", "week", "weeks", "month", "months", "today", "yesterday",
        "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "people", "lot", "lots", "part",
        "number", "include", "includes", "included", "need", "needs", "needed", "able",
        "around", "whether", "across", "able", "based", "set", "sets", "kind", "sort", "yes",
        "yeah", "ok", "okay", "oh", "however", "according", "recent", "recently", "currently",
        "just", "good", "great", "big", "high", "low", "long", "short", "early", "late",
        "small", "large", "top", "best", "better", "around", "amongst", "went", "goes", "way",
        "things", "whose", "shall", "ought", "must", "upon", "anybody", "nowhere", "somewhere",
        "everywhere", "else", "quite", "almost", "certain", "certainly", "especially",
        "particularly", "simply", "actually", "clearly", "probably", "possibly", "likely",
        "unlikely", "despite", "beyond", "whilst", "unless", "versus", "vs", "etc", "e.g",
        "i.e", "via", "onto", "within", "inside", "outside", "among", "throughout", "ahead",
        "behind", "far", "soon", "ago", "again", "ever", "never", "always", "often", "usually",
        "sometimes", "whether", "says", "according", "believe", "believes", "believed",
        "found", "find", "finds", "show", "shows", "showed", "shown", "look", "looks",
        "looked", "keep", "kept", "keeps", "help", "helps", "helped", "try", "tried", "tries",
        "began", "begin", "begins", "started", "start", "starts", "continue", "continued",
        "continues", "remain", "remains", "remained", "expected", "expect", "expects",
        "likely", "put", "puts", "gave", "give", "gives", "left", "leave", "leaves", "become",
        "became", "becomes", "held", "hold", "holds", "brought", "bring", "brings", "set",
        "also", "latest", "last", "first", "another", "many", "much", "more", "most", "less",
        "least", "few", "fewer", "lot", "including", "among", "whom", "whose", "whereby",
        // irregular past tenses of news prose, which the -ed rule does not catch
        "met", "rose", "fell", "spent", "beat", "won", "lost", "sent", "paid", "led", "hit",
        "cut", "saw", "ran", "drew", "grew", "threw", "wrote", "spoke", "chose", "broke",
        "sold", "bought", "fought", "caught", "taught", "sought", "felt", "meant", "built",
        "struck", "stood", "understood", "won't", "let", "quit", "shut", "swore", "tore",
        "wore", "hid", "fled", "bled", "fed", "slid", "stuck", "dug", "hung", "flew", "knew",
        "shot", "lit", "bit", "woke", "forgot", "overtook", "undertook", "withdrew", "became"};
    return s;
}

const Set& french() {
    static const Set s = {
        "à", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle",
        "elles", "en", "et", "eux", "il", "ils", "je", "j", "la", "le", "les", "leur", "leurs",
        "lui", "l", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos", "notre",
        "nous", "on", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
        "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre",
        "vous", "c", "d", "m", "n", "s", "t", "y", "été", "être", "est", "sont", "était",
        "étaient", "sera", "seront", "serait", "a", "ai", "as", "avons", "avez", "ont", "avait",
        "avaient", "aura", "auront", "aurait", "fait", "faire", "fais", "font", "plus", "moins",
        "très", "tout", "tous", "toute", "toutes", "aussi", "alors", "ainsi", "donc", "car",
        "comme", "si", "sans", "sous", "entre", "vers", "chez", "depuis", "pendant", "avant",
        "après", "contre", "selon", "encore", "déjà", "toujours", "jamais", "peu", "beaucoup",
        "bien", "non", "oui", "ici", "là", "cela", "ça", "ceci", "celui", "celle", "ceux",
        "celles", "dont", "lequel", "laquelle", "quand", "comment", "pourquoi", "quel",
        "quelle", "quels", "quelles", "autre", "autres", "chaque", "plusieurs", "certains",
        "certaines", "deux", "trois", "an", "ans", "année", "années", "jour", "jours", "fois",
        "dit", "dire", "déclaré", "selon", "ont", "peut", "peuvent", "pourrait", "doit",
        "doivent", "lors", "leurs", "ni", "soit", "puis", "enfin", "cependant", "toutefois",
        "notamment", "également", "mardi", "lundi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "hier", "aujourd'hui", "demain", "millions", "milliards", "cent"};
    return s;
}

const Set& german() {
    static const Set s = {
        "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander",
        "andere", "anderen", "auch", "auf", "aus", "bei", "bin", "bis", "bist", "da", "damit",
        "dann", "der", "den", "des", "dem", "die", "das", "dass", "daß", "derselbe", "dies",
        "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "ein",
        "eine", "einem", "einen", "einer", "eines", "er", "es", "etwas", "euch", "für", "gegen",
        "gewesen", "hab", "habe", "haben", "hat", "hatte", "hatten", "hier", "hin", "hinter",
        "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in",
        "indem", "ins", "ist", "jede", "jedem", "jeden", "jeder", "jedes", "jetzt", "kann",
        "kein", "keine", "können", "könnte", "machen", "man", "mehr", "mein", "meine", "mit",
        "muss", "musste", "nach", "nicht", "nichts", "noch", "nun", "nur", "ob", "oder",
        "ohne", "sehr", "sein", "seine", "seinem", "seinen", "seiner", "sich", "sie", "sind",
        "so", "solche", "soll", "sollte", "sondern", "sonst", "über", "um", "und", "uns",
        "unser", "unsere", "unter", "vom", "von", "vor", "während", "war", "waren", "was",
        "weg", "weil", "weiter", "welche", "welchem", "welchen", "welcher", "wenn", "werde",
        "werden", "wie", "wieder", "will", "wir", "wird", "wo", "wollen", "wollte", "würde",
        "würden", "zu", "zum", "zur", "zwar", "zwischen", "sagte", "sagt", "laut", "jahr",
        "jahre", "jahren", "prozent", "millionen", "milliarden", "seit", "bereits", "schon",
        "immer", "heute", "gestern", "morgen", "montag", "dienstag", "mittwoch", "donnerstag",
        "freitag", "samstag", "sonntag", "zwei", "drei", "etwa", "rund", "sowie", "dabei",
        "worden", "wurde", "wurden", "einem", "beim", "gibt", "geht", "viele", "vielen"};
    return s;
}

const Set& spanish() {
    static const Set s = {
        "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra",
        "cual", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas",
        "ellos", "en", "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos",
        "esta", "está", "están", "estas", "este", "esto", "estos", "fue", "fueron", "ha",
        "han", "hasta", "hay", "la", "las", "le", "les", "lo", "los", "más", "me", "mi", "mis",
        "mucho", "muchos", "muy", "nada", "ni", "no", "nos", "nosotros", "o", "otra", "otras",
        "otro", "otros", "para", "pero", "poco", "por", "porque", "que", "qué", "quien",
        "quienes", "se", "sea", "ser", "si", "sí", "sido", "sin", "sobre", "son", "su", "sus",
        "también", "tanto", "te", "tiene", "tienen", "todo", "todos", "tras", "tu", "tus", "u",
        "un", "una", "uno", "unos", "unas", "y", "ya", "yo", "dijo", "según", "año", "años",
        "ayer", "hoy", "mañana", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
        "domingo", "dos", "tres", "millones", "puede", "pueden", "será", "serán", "había",
        "habían", "haber", "hace", "hacer", "así", "aunque", "además", "mientras", "cada",
        "donde", "día", "días", "vez", "veces", "parte", "sido", "estaba", "estado"};
    return s;
}

}  // namespace

const WordList& keyword_stop_words(std::string_view lang) {
    const std::string_view l = lang.substr(0, 2);
    if (l == "fr") return french();
    if (l == "de") return german();
    if (l == "es") return spanish();
    return english();
}

}  // namespace copydesk::tag
