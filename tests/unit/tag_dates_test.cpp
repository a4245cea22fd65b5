// Date tagger: the general rules behind the held-out set (tests/data/tag/dates_heldout.tsv),
// checked on other strings than the set's.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "copydesk/tag.hpp"

using namespace copydesk::tag;

namespace {

// "text=value" of the one date in `t`, or how many there were.
std::string only_date(std::string_view t, Date ref = {2020, 3, 23}) {  // a Monday
    const auto d = find_dates(t, 0, ref, "xx");
    return d.size() == 1 ? d[0].text + "=" + d[0].value : std::to_string(d.size()) + " dates";
}

}  // namespace

TEST_CASE("tag dates: in English text the day words of other languages are names") {
    const Date ref{2020, 3, 23};
    for (const char* t : {"Thousands came to New Orleans for Mardi Gras.", "Heidi Montag said she was moving.",
                          "Domingo, 82, denied the claims.", "The Spanish daily Hoy reported the deal.",
                          "Italy's Domani newspaper published the letter.", "Der Freitag ran the story first."})
        CHECK(find_dates(t, 0, ref, "en").empty());
    // the same words in their own language are dates
    CHECK(find_dates("Le ministre a démissionné mardi.", 0, ref, "fr").size() == 1);
    CHECK(find_dates("Hoy se vota la ley.", 0, ref, "es").size() == 1);
    // month names of other languages still count after a day number
    CHECK(find_dates("The treaty was signed on 23. März 2020 in Bonn.", 0, ref, "en").size() == 1);
}

TEST_CASE("tag dates: weekdays and yesterday/today/tomorrow in other languages") {
    CHECK(only_date("Der Minister trat am Freitag zurück, wie ein Sprecher sagte.") == "Freitag=2020-03-20");
    CHECK(only_date("Le ministre a démissionné mardi.") == "mardi=2020-03-17");
    CHECK(only_date("La policía detuvo el jueves a dos sospechosos.") == "jueves=2020-03-19");
    CHECK(only_date("Il premier ha parlato venerdì sera.") == "venerdì=2020-03-20");
    CHECK(only_date("De minister trad woensdag af.") == "woensdag=2020-03-18");
    CHECK(only_date("Heute beginnt der Prozess.") == "Heute=2020-03-23");
    CHECK(only_date("Le procès s'ouvre demain à Paris.") == "demain=2020-03-24");
    CHECK(only_date("El Congreso votó ayer la reforma.") == "ayer=2020-03-22");
    CHECK(only_date("Oggi il governo presenta il piano.") == "Oggi=2020-03-23");
    CHECK(only_date("Vandaag stemt de Kamer.") == "Vandaag=2020-03-23");
    // last / next, before or after the weekday
    CHECK(only_date("Letzten Mittwoch fiel der Kurs.") == "Letzten Mittwoch=2020-03-18");
    CHECK(only_date("Le vote aura lieu mercredi prochain.") == "mercredi prochain=2020-03-25");
    CHECK(only_date("El martes pasado cayó la bolsa.") == "martes pasado=2020-03-17");
    // a capitalized weekday of another language after a name is part of the name
    CHECK(only_date("Plácido Domingo cantó en Viena.") == "0 dates");
    // Portuguese short weekday names are ordinals too, and an English "quinta" is a wine estate
    CHECK(only_date("The wine comes from the quinta in the Douro valley.") == "0 dates");
}

TEST_CASE("tag dates: names that contain a weekday") {
    CHECK(only_date("She was cast as Wednesday Addams in the remake.") == "0 dates");
    CHECK(only_date("He served as his boss's man Friday for years.") == "0 dates");
    CHECK(only_date("The novel Saturday sold well.") == "0 dates");
    CHECK(only_date("The deal could be signed as early as Monday.") == "Monday=2020-03-23");
}

TEST_CASE("tag dates: the future and schedules in other languages") {
    CHECK(only_date("La squadra giocherà sabato a Roma.") == "sabato=2020-03-28");
    CHECK(only_date("Los ministros se reunirán el jueves.") == "jueves=2020-03-26");
    CHECK(only_date("Der Prozess wird am Donnerstag fortgesetzt.") == "Donnerstag=2020-03-26");
    CHECK(only_date("Die Ausstellung öffnet am Samstag.") == "Samstag=2020-03-28");
    CHECK(only_date("Le sommet commence jeudi à Bruxelles.") == "jeudi=2020-03-26");
    CHECK(only_date("Het parlement zal dinsdag stemmen.") == "dinsdag=2020-03-24");
}

TEST_CASE("tag dates: day ranges and ordinals in other languages") {
    CHECK(only_date("Le salon aura lieu du 10 au 12 avril.") == "10 au 12 avril=2020-04-10/2020-04-12");
    CHECK(only_date("Die Tagung dauert vom 7. bis 9. Mai 2021.") == "7. bis 9. Mai 2021=2021-05-07/2021-05-09");
    CHECK(only_date("Die Wahl findet am 4. und 5. Oktober statt.") == "4. und 5. Oktober=2020-10-04/2020-10-05");
    CHECK(only_date("El congreso se celebrará del 8 al 11 de junio.") == "8 al 11 de junio=2020-06-08/2020-06-11");
    CHECK(only_date("La mostra resterà aperta dal 2 al 20 settembre.") == "2 al 20 settembre=2020-09-02/2020-09-20");
    CHECK(only_date("Het festival duurt van 14 tot 16 augustus.") == "14 tot 16 augustus=2020-08-14/2020-08-16");
    CHECK(only_date("La legge è in vigore dal 1° gennaio 2020.") == "1° gennaio 2020=2020-01-01");
    CHECK(only_date("El 1º de mayo de 2019 hubo protestas.") == "1º de mayo de 2019=2019-05-01");
    CHECK(only_date("It was 30° in the shade in May.") == "May=2019-05");
}

TEST_CASE("tag dates: clock times of other languages, alone and with their day") {
    CHECK(only_date("Die Sitzung beginnt um 9 Uhr.") == "9 Uhr=T09:00");
    CHECK(only_date("Der Zug fährt um 17.45 Uhr ab.") == "17.45 Uhr=T17:45");
    CHECK(only_date("De trein vertrekt om 08:15 uur.") == "08:15 uur=T08:15");
    CHECK(only_date("Le discours est prévu vers 20h.") == "20h=T20:00");
    CHECK(only_date("L'incendie a éclaté à 4h45 du matin.") == "4h45=T04:45");
    CHECK(only_date("Il treno parte alle 18:10.") == "18:10=T18:10");
    CHECK(only_date("Die Wahl wird am Montag um 18 Uhr geschlossen.") == "Montag um 18 Uhr=2020-03-23T18:00");
    CHECK(only_date("Le match aura lieu le 2 mai à 21h.") == "2 mai à 21h=2020-05-02T21:00");
    CHECK(only_date("El acto será el viernes a las 12:30.") == "viernes a las 12:30=2020-03-27T12:30");
    // a marathon time, a speed
    CHECK(only_date("Kipchoge ran 2h01 in Berlin.") == "0 dates");
    CHECK(only_date("The limit is 30 km/h.") == "0 dates");
}

TEST_CASE("tag dates: shopping days, and names that contain a holiday") {
    CHECK(only_date("Stores opened at 5 a.m. on Black Friday.", {2019, 12, 2}) == "5 a.m. on Black Friday=2019-11-29T05:00");
    CHECK(only_date("Black Friday deals now run for weeks.") == "0 dates");
    CHECK(only_date("He signed the Good Friday Agreement in Belfast.") == "0 dates");
    CHECK(only_date("Crowds lined the route of the Thanksgiving Day Parade.") == "0 dates");
    CHECK(only_date("Churches were full on Good Friday.", {2020, 4, 15}) == "Good Friday=2020-04-10");
}

TEST_CASE("tag dates: 'ago' in other languages") {
    CHECK(only_date("Vor drei Tagen stürzte die Brücke ein.") == "Vor drei Tagen=2020-03-20");
    CHECK(only_date("Das Werk schloss vor einem Monat.") == "vor einem Monat=2020-02");
    CHECK(only_date("Il y a deux semaines, le pont s'est effondré.") == "Il y a deux semaines=2020-03-09");
    CHECK(only_date("La empresa cerró hace cinco años.") == "hace cinco años=2015");
    CHECK(only_date("Il ponte è crollato due settimane fa.") == "due settimane fa=2020-03-09");
    CHECK(only_date("De brug stortte drie dagen geleden in.") == "drie dagen geleden=2020-03-20");
    CHECK(only_date("Vor dem Spiel am Samstag wird gefeiert.") == "Samstag=2020-03-28");
    CHECK(only_date("The report is due in two weeks.") == "in two weeks=2020-04-06");
}

TEST_CASE("tag dates: months and years after prepositions of other languages") {
    CHECK(only_date("Die Inflation stieg im Januar.") == "Januar=2020-01");
    CHECK(only_date("Le chantier reprendra en septembre.") == "septembre=2020-09");
    CHECK(only_date("Les prix ont augmenté en novembre.") == "novembre=2019-11");
    CHECK(only_date("Las obras terminan en mayo de 2021.") == "mayo de 2021=2021-05");
    CHECK(only_date("Il museo è chiuso dal marzo 2019.") == "marzo 2019=2019-03");
    CHECK(only_date("Het bedrijf bestaat sinds 1998.") == "1998=1998");
    CHECK(only_date("Le parti a été fondé en 1972.") == "1972=1972");
    CHECK(only_date("Die Firma wurde im Jahr 2004 gegründet.") == "2004=2004");
    CHECK(only_date("La sonde file vers Mars.") == "0 dates");
    CHECK(only_date("Il a mis 1500 euros en jeu.") == "0 dates");
    CHECK(only_date("A fine 2015 vintage was served.") == "0 dates");
}

TEST_CASE("tag dates: a capitalized 'today' inside a sentence is a name") {
    CHECK(only_date("Chris Hoy won six Olympic golds.") == "0 dates");
    CHECK(only_date("She told the BBC's Today programme that talks had stalled.") == "0 dates");
    CHECK(only_date("Hoy el Gobierno aprobó el plan.") == "Hoy=2020-03-23");
    CHECK(only_date("Today the court ruled.") == "Today=2020-03-23");
    // after an abbreviation's full stop it may open a sentence
    CHECK(only_date("Prices rose in the U.S. Yesterday the Fed met.") == "Yesterday=2020-03-22");
}
