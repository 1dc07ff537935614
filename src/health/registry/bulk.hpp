// Writes of a whole import chunk in a few statements: on PostgreSQL every statement is a round trip,
// and a county's file creates 100,000 persons, so new households, their members, their 户主 and
// their history rows go in as multi-row INSERTs (200 rows each, parameters bound by position: bulk.cpp says why) rather than one row at a time.
// The rows returned by each INSERT … RETURNING are matched back by a key the import already holds
// (户编号 for households, the ID number's blind index for persons), never by position.
#pragma once
#include <cstdint>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "health/registry/store.hpp"

namespace qizhi::health::registry {

// Inserts the households (all of one tenant, each with a 户编号) and sets each one's `id`.
void InsertHouseholds(soci::session& sql, std::vector<HouseholdRecord*>& households, const std::string& now);
// Inserts the persons (all of one tenant, `household_id` set) and sets each one's `id`.
void InsertPersons(soci::session& sql, std::vector<PersonRecord*>& persons, const std::string& now);
// head_person_id of new households: (household id, person id) pairs of one tenant.
void SetHeads(soci::session& sql, int64_t tenant_id, const std::vector<std::pair<int64_t, int64_t>>& heads);
// registry_history rows of one tenant. Unlike AddHistory it does not move household versions:
// it is for households created in the same transaction, which no phone has seen yet.
void AddHistoryRows(soci::session& sql, int64_t tenant_id, const std::vector<HistoryEntry>& entries, int64_t user_id);

// Planner statistics of households, persons and their history, after an import: a registry the
// planner still counted in hundreds had its 100,000 ID-number lookups planned as scans of every
// household (a re-import took a minute instead of seconds).
void AnalyzeRegistry(soci::session& sql);

}  // namespace qizhi::health::registry
