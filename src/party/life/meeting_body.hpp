// The request body of a meeting (fields and attendance) decoded from JSON: no database, no
// HTTP server, so the fuzz target (tests/reliability/fuzz/fuzz_meeting_json.cpp) runs it as is.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "party/life/rules.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

struct MeetingBody {
  MeetingInput input;
  std::string lecturer_level;
  std::string campaign;
  bool has_votes = false;
  std::optional<std::vector<long long>> should;  // absent: the computed roll (long long: as rules.hpp)
  std::string should_reason;
  std::vector<long long> came;
  std::vector<Absence> absent;
  std::optional<long long> plan_id;  // the 会议计划 this meeting holds (POST only)
};
// The body's fields; a field of the wrong type adds an error naming it.
MeetingBody BodyFromJson(const nlohmann::json& body, Errors& errors);

}  // namespace qizhi::party::life
