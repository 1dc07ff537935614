// A person's development path as the routes need it: stored rows → the rules' Candidate, what
// the rules derive (stored on the person for lists and figures), the person as JSON, and the
// consequence on the roster (预备党员 at the approval, 正式 at the conversion). Internal to
// src/party/development; every function runs inside the caller's Read or Write.
#pragma once
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <vector>

#include "party/development/rules.hpp"
#include "party/development/store.hpp"
#include "platform/core/result.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::party::development {

Error CandidateNotFound();

// The rules' view of a person and their active records (void ones left out); `ids[i]` is the
// record id behind rules.records[i].
struct RulesView {
  Candidate rules;
  std::vector<int64_t> ids;
};
RulesView ToRules(const CandidateRecord& c, const std::vector<RecordRow>& records);
StepRecord ToStep(const RecordRow& r);

// Role, stage, dates, violation counts and the next due date, as of `today`.
Derived Derive(const Candidate& c, const Date& today);
// A violation is open when no reason can excuse it or when its reason is still missing.
bool IsOpen(const Violation& v);

nlohmann::json ViolationJson(const Violation& v, const RulesView& view);
nlohmann::json DueJson(const Due& d);
nlohmann::json StepJson(const StepInfo& s);
nlohmann::json ListItemJson(const CandidateRecord& c);
nlohmann::json DetailJson(soci::session& sql, const CandidateRecord& c);

// After a write: derives and stores the person's role, counts and due date, and brings the roster
// in line — a members row (预备, joined_on = the branch vote, in the person's branch, through the
// members store) once step 17 follows a passed step 15; 正式 with full_on = step 24's date; the
// dates corrected when their records are. Fails (409, id_number) when someone else on the roster
// holds the ID number.
// Used by the routes and by the demo (no request there: user_id 0).
struct Settled {
  int64_t member_id = 0;         // the person's members row, 0 when none (yet)
  bool member_created = false;
  std::string member_change;     // "" | "预备" | "正式" | "更正": what changed on the roster
};
Result<Settled> Settle(soci::session& sql, const platform::pii::Cipher& cipher, int64_t tenant_id,
                       int64_t candidate_id, int64_t user_id, const Date& today);

}  // namespace qizhi::party::development
