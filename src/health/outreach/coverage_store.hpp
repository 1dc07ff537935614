// Coverage, read from the database and judged by coverage.hpp: for a period and a set of
// villages, every counted household with its judgement, the persons behind it, and the team
// answering for each village on the judging day. Four queries whatever the size: households,
// current persons, the period's visit lines aggregated per person, and the period's visits
// aggregated per household — the lines themselves never leave the database. The figures, the
// coverage screen and the lists behind its counts all come from one LoadCoverage, so a count
// and its list cannot disagree.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/outreach/coverage.hpp"
#include "health/registry/village_scope.hpp"
#include "platform/core/date.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::health::outreach {

struct CoverageQuery {
  Date start, as_of;                 // judged over [start, as_of]
  registry::VillageScope villages;   // caller ∩ plan ∩ team ∩ village (all = no limit)
  std::string town;                  // a town code (9 digits): its villages only
  bool sealed = false;               // also read the encrypted ID number and phone (the export)
  std::vector<int64_t> households;   // when not empty: only these (a page of a list)
};

struct CoveredPerson {
  int64_t id = 0;
  std::string name, sex, relation, id_mask, phone_mask, id_enc, phone_enc;
};
struct CoveredHousehold {
  int64_t tenant_id = 0;
  int64_t id = 0;
  std::string village_code, number, head_name, address_mask;
  int64_t version = 0;
  HouseholdCoverage judged;
};
struct TeamInfo {
  int64_t id = 0;
  std::string name, leader_name;
};

struct CoverageData {
  std::vector<CoveredHousehold> households;  // counted ones, by village code then number
  std::map<int64_t, CoveredPerson> persons;  // current members of those households
  std::map<std::string, std::string> village_names;
  std::map<std::string, int64_t> village_team;  // on as_of
  std::map<int64_t, TeamInfo> teams;
};

CoverageData LoadCoverage(soci::session& sql, const Scope& scope, const CoverageQuery& q);

// The villages a team answers for on `on` (any tenant in scope).
std::vector<std::string> VillagesOfTeam(soci::session& sql, const Scope& scope, int64_t team_id, const std::string& on);

}  // namespace qizhi::health::outreach
