// The demo's areas beyond the organisation and roster: each seeds its own records for the
// hospitals CreateDemo has placed, inside the same transaction (demo_life.cpp, demo_study.cpp,
// demo_development.cpp).
#pragma once
#include <cstdint>
#include <map>
#include <soci/soci.h>
#include <string>

#include "platform/core/result.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::app {

// Where the demo records sit in one hospital: unit ids by name, member ids by name (the first
// member of each name).
struct Placed {
  std::map<std::string, int64_t> units;
  std::map<std::string, int64_t> members;
};

struct DemoContext {
  soci::session& sql;
  const platform::pii::Cipher& cipher;
  std::string today;                     // YYYY-MM-DD, Asia/Shanghai
  const std::map<int64_t, Placed>& placed;  // tenant id → placed (2 大足, 3 江北, 4 长寿, 5 generated)
};

// 三会一课 and other meetings of recent months for the demo hospitals (some branches overdue);
// for the generated hospital, years of meetings for the benchmarks.
Status SeedLifeDemo(DemoContext& c);
// People on the 25-step path in several branches, at every stage, some with rules broken.
Status SeedDevelopmentDemo(DemoContext& c);
// 长寿区人民医院's 2019 study year (seed 003) and 学习强国 statistics.
Status SeedStudyDemo(DemoContext& c);
// 党费: bases, a year of monthly dues and quarterly payments, some owing, one member flagged for
// six months unpaid; the generated hospital gets bases only (demo_dues.cpp).
Status SeedDuesDemo(DemoContext& c);
// Inspections, weights and the latest 七一 commendations of the demo hospitals (seed 002).
Status SeedScoringDemo(DemoContext& c);
// Manual point entries (approved, and pending a second person's approval) in 江北 and 大足.
Status SeedPointsDemo(DemoContext& c);
// 廉洁从业承诺书 (some signed, some not) and 九不准 self-checks in 江北 and 大足.
Status SeedIntegrityDemo(DemoContext& c);
// 大足's 建档立卡 registry (12 villages of 中敖镇, 91 households) and its four outreach teams
// (demo_registry.cpp).
Status SeedRegistryDemo(DemoContext& c);
// Home visits for 大足's 91 households: past months nearly complete, this month about 60%,
// some members away with a reason, a few service plan items (demo_visits.cpp).
Status SeedVisitsDemo(DemoContext& c);
// 一对一帮扶: 30 of 大足's households paired with its Party members, two ended and re-paired
// (demo_pairings.cpp).
Status SeedPairingsDemo(DemoContext& c);

}  // namespace qizhi::app
