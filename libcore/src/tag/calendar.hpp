// Private calendar arithmetic for tag (proleptic Gregorian; H. Hinnant's civil algorithms).
#pragma once

#include <cstdint>
#include <utility>

#include "copydesk/tag.hpp"

namespace copydesk::tag {

inline bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline int days_in_month(int y, int m) {
    static constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

inline bool valid_date(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Days since 1970-01-01.
inline int64_t days_from_civil(Date dt) {
    int64_t y = dt.year;
    const unsigned m = static_cast<unsigned>(dt.month), d = static_cast<unsigned>(dt.day);
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

inline Date civil_from_days(int64_t z) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

// Monday = 0 ... Sunday = 6.
inline int weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

// ISO 8601 week-numbering year and week of a date.
inline std::pair<int, int> iso_week(Date dt) {
    const int64_t z = days_from_civil(dt);
    const int64_t thursday = z - weekday(z) + 3;  // the Thursday of this ISO week decides the year
    const Date t = civil_from_days(thursday);
    const int64_t jan1 = days_from_civil(Date{t.year, 1, 1});
    return {t.year, static_cast<int>((thursday - jan1) / 7 + 1)};
}

}  // namespace copydesk::tag
