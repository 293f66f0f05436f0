#include "kbq/time_value.h"

#include <catch2/catch.hpp>

using kbq::Precision;
using kbq::TimeValue;

TEST_CASE("TimeValue: impossible calendar dates are not ok", "[kb][time]") {
  CHECK_FALSE(TimeValue::Day(2025, 2, 30).ok());
  CHECK_FALSE(TimeValue::Day(2025, 4, 31).ok());
  CHECK_FALSE(TimeValue::Month(2025, 13).ok());
  CHECK(TimeValue::Day(2024, 2, 29).ok());
  CHECK_FALSE(TimeValue::Day(2023, 2, 29).ok());
}

TEST_CASE("TimeValue: prints at its precision", "[kb][time]") {
  CHECK(TimeValue::Day(2025, 5, 16).ToString() == "2025-05-16");
  CHECK(TimeValue::Month(2022, 4).ToString() == "2022-04");
  CHECK(TimeValue::Year(2022).ToString() == "2022");
  CHECK(TimeValue::Span(TimeValue::Year(2013), TimeValue::Year(2014)).ToString() == "2013..2014");
  CHECK(TimeValue::Decade(1990).ToString() == "1990s");
  TimeValue approx = TimeValue::Year(2022);
  approx.approximate = true;
  CHECK(approx.ToString() == "~2022");
  auto late_feb = TimeValue::Days(kbq::DaysFromCivil(2022, 2, 21), kbq::DaysFromCivil(2022, 2, 28),
                                  Precision::kPartOfMonth);
  CHECK(late_feb.ToString() == "2022-02-21..2022-02-28");
  CHECK(TimeValue().ToString() == "unknown");
}

TEST_CASE("TimeValue: Parse inverts ToString", "[kb][time]") {
  auto s = GENERATE(as<std::string>{}, "2025-05-16", "2022-04", "2022", "2013..2014", "~2022",
                    "1990s", "2022-02-21..2022-02-28", "2022-03..2022-05");
  CAPTURE(s);
  TimeValue v = TimeValue::Parse(s);
  REQUIRE(v.ok());
  CHECK(v.ToString() == s);
}

TEST_CASE("TimeValue: Parse rejects malformed and impossible text", "[kb][time]") {
  auto s = GENERATE(as<std::string>{}, "", "2025-13", "2025-02-30", "20250", "2014..2013", "abc",
                    "2025-5-1");
  CAPTURE(s);
  CHECK_FALSE(TimeValue::Parse(s).ok());
}

TEST_CASE("TimeValue: partial dates compare honestly", "[kb][time]") {
  TimeValue y2022 = TimeValue::Year(2022), apr = TimeValue::Month(2022, 4);
  CHECK(y2022.Overlaps(apr));
  CHECK_FALSE(y2022.Before(apr));
  CHECK_FALSE(apr.Before(y2022));
  CHECK(TimeValue::Month(2022, 2).Before(apr));
  CHECK(TimeValue::Day(1970, 1, 1).earliest == 0);
}
