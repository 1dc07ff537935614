// /api/v1/development/candidates/{id}/records: recording a step, and correcting or voiding a
// record (the previous version is kept). A record that breaks a rule a reason can excuse is
// refused until it carries the reason (400 on `reason` with the rule's message); one that breaks
// a rule no reason excuses is refused on the field at fault. Each write settles the person's role
// and the roster (预备党员 at step 17, 正式 at step 24) in the same transaction.
#include "party/development/path.hpp"
#include "party/development/routes_internal.hpp"
#include "party/development/rules.hpp"
#include "party/development/store.hpp"
#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "party/org/store.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::development {
namespace http = platform::http;
namespace audit = platform::audit;
using http::Request;
using http::Response;

namespace {

constexpr int kMaxCount = 100000;

int JsonCount(const nlohmann::json& body, const char* name, Errors& errors) {
  if (!body.contains(name) || body[name].is_null()) return 0;
  if (!body[name].is_number_integer() || body[name].get<int64_t>() < 0 || body[name].get<int64_t>() > kMaxCount) {
    errors.push_back(Invalid(name, "应为不小于 0 的整数"));
    return 0;
  }
  return static_cast<int>(body[name].get<int64_t>());
}

std::string LimitedText(const nlohmann::json& body, const char* name, size_t max, const char* noun, Errors& errors) {
  std::string v = Trim(http::JsonText(body, name, errors));
  if (Utf8Length(v) > max) errors.push_back(Invalid(name, std::string(noun) + "不能超过 " + std::to_string(max) + " 字"));
  return v;
}

// What a body says about a record. People come as {member_id} (from the roster) or {name}
// (someone not on it, e.g. a superior committee's 谈话人); they are resolved in the transaction.
struct RecordInput {
  RecordRow row;
  std::optional<int64_t> unit_id;
  std::vector<std::pair<std::optional<int64_t>, std::string>> people;
};

RecordInput ParseRecord(const nlohmann::json& body, Errors& errors) {
  RecordInput in;
  auto& r = in.row;
  if (!body.contains("step") || !body["step"].is_number_integer() || !FindStep(static_cast<int>(body["step"].get<int64_t>())))
    errors.push_back(Invalid("step", "请选择步骤（1-25）"));
  else r.step = static_cast<int>(body["step"].get<int64_t>());
  r.done_on = Trim(http::JsonText(body, "date", errors));
  if (r.done_on.empty()) errors.push_back(Invalid("date", "请填写日期"));
  else if (auto d = ParseDate(r.done_on); !d) errors.push_back(Invalid("date", "日期格式应为 YYYY-MM-DD"));
  else if (*d > TodayDate()) errors.push_back(Invalid("date", "日期不能晚于今天"));
  if (body.contains("unit_id") && !body["unit_id"].is_null()) {
    if (!body["unit_id"].is_number_integer()) errors.push_back(Invalid("unit_id", "负责党组织格式不正确"));
    else in.unit_id = body["unit_id"].get<int64_t>();
  }
  if (body.contains("people") && !body["people"].is_null()) {
    const auto& people = body["people"];
    if (!people.is_array() || people.size() > 10) {
      errors.push_back(Invalid("people", "人员应为列表（至多 10 人）"));
    } else {
      for (const auto& p : people) {
        if (p.is_object() && p.contains("member_id") && p["member_id"].is_number_integer()) {
          in.people.push_back({p["member_id"].get<int64_t>(), ""});
        } else if (p.is_object() && p.contains("name") && p["name"].is_string() && !Trim(p["name"].get<std::string>()).empty() &&
                   Utf8Length(p["name"].get<std::string>()) <= 20) {
          in.people.push_back({std::nullopt, Trim(p["name"].get<std::string>())});
        } else {
          errors.push_back(Invalid("people", "每人应从党员名册中选择，或填写姓名（至多 20 字）"));
          break;
        }
      }
    }
  }
  if (body.contains("documents") && !body["documents"].is_null()) {
    const auto& docs = body["documents"];
    bool ok = docs.is_array() && docs.size() <= 20;
    for (const auto& d : ok ? docs : nlohmann::json::array()) {
      if (!d.is_string() || Trim(d.get<std::string>()).empty() || Utf8Length(d.get<std::string>()) > 100) ok = false;
      else r.documents.push_back(Trim(d.get<std::string>()));
    }
    if (!ok) errors.push_back(Invalid("documents", "材料应为名称列表（至多 20 项，每项至多 100 字）"));
  }
  r.conclusion = LimitedText(body, "conclusion", 2000, "意见或结论", errors);
  r.reason = LimitedText(body, "reason", 500, "原因说明", errors);
  r.training_days = JsonCount(body, "training_days", errors);
  r.training_hours = JsonCount(body, "training_hours", errors);
  r.voting = JsonCount(body, "voting", errors);
  r.present = JsonCount(body, "present", errors);
  r.in_favour = JsonCount(body, "in_favour", errors);
  r.extension_months = JsonCount(body, "extension_months", errors);
  // Only what the step records is kept (a vote count on a step without a vote means nothing).
  if (const StepInfo* s = FindStep(r.step)) {
    if (s->people_role.empty()) in.people.clear();
    if (!s->training) r.training_days = r.training_hours = 0;
    if (!s->vote) r.voting = r.present = r.in_favour = 0;
    if (!s->extension) r.extension_months = 0;
  }
  return in;
}

// The responsible unit: the person's branch by default; the branch itself or one of its superior
// committees (steps 4, 8, 13, 16-18, 24 are theirs) or a unit in the caller's write scope.
Result<int64_t> RecordUnit(soci::session& sql, const Request& req, const CandidateRecord& c,
                           std::optional<int64_t> unit_id) {
  if (!unit_id) return c.unit_id;
  auto u = org::FindUnit(sql, WholeTenant(c.tenant_id), *unit_id);
  if (!u) return Invalid("unit_id", "负责党组织不存在");
  if (c.unit_path.rfind(u->path, 0) == 0) {
    if (u->ended_at) return Invalid("unit_id", "负责党组织已撤销");
    return u->id;
  }
  auto w = org::WritableUnit(sql, req.who().scope, *unit_id, "unit_id", "负责党组织");
  if (!w.ok()) return w.errors();
  return w.value().id;
}

// Names from the roster, with whether each was a 正式党员 on the record's date.
Status ResolvePeople(soci::session& sql, int64_t tenant_id, const RecordInput& in, RecordRow& row) {
  row.people.clear();
  for (const auto& [member_id, name] : in.people) {
    if (!member_id) {
      row.people.push_back({std::nullopt, name, false});
      continue;
    }
    auto m = members::FindMember(sql, WholeTenant(tenant_id), *member_id);
    if (!m) return Invalid("people", "所选人员不在本院党员名册中");
    const std::string& on = row.done_on;
    const bool on_roll = m->joined_on <= on && (m->state == "active" || m->left_on > on);
    const bool full = on_roll && !m->full_on.empty() && m->full_on <= on;
    row.people.push_back({m->id, m->name, full});
  }
  return Ok();
}

// The rules on the person's path with `row` at `index` (appended when index == size): what
// this record breaks, as the errors that refuse it.
Errors RuleErrors(const CandidateRecord& c, const std::vector<RecordRow>& rows, const RecordRow& row,
                  std::optional<int64_t> replacing) {
  RulesView view = ToRules(c, {});
  int index = -1;
  for (const auto& r : rows) {
    if (r.state != "active") continue;
    if (replacing && r.id == *replacing) {
      index = static_cast<int>(view.rules.records.size());
      view.rules.records.push_back(ToStep(row));
    } else {
      view.rules.records.push_back(ToStep(r));
    }
  }
  if (index < 0) {
    index = static_cast<int>(view.rules.records.size());
    view.rules.records.push_back(ToStep(row));
  }
  Errors errors;
  for (const auto& v : CheckPath(view.rules, TodayDate())) {
    if (v.record != index) continue;
    if (!v.requires_reason) errors.push_back(Invalid(v.field, v.message));
    else if (!v.explained) errors.push_back(Invalid("reason", v.message + "；如确需如此，请填写原因说明"));
  }
  return errors;
}

nlohmann::json RecordAudit(const RecordRow& r) {
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : r.people) people.push_back(p.name);
  return {{"candidate_id", r.candidate_id}, {"step", r.step}, {"date", r.done_on}, {"unit_id", r.unit_id},
          {"people", people}, {"documents", r.documents}, {"conclusion", r.conclusion}, {"voting", r.voting},
          {"present", r.present}, {"in_favour", r.in_favour}, {"extension_months", r.extension_months},
          {"reason", r.reason}, {"state", r.state}};
}

// The roster's side of a write, audited like a members write.
Status SettleAndAudit(soci::session& sql, const platform::pii::Cipher& cipher, const Request& req,
                      const CandidateRecord& c, const RecordRow& row) {
  auto settled = Settle(sql, cipher, c.tenant_id, c.id, req.who().user_id, TodayDate());
  if (!settled.ok()) return settled.errors();
  const Settled& s = settled.value();
  if (!s.member_change.empty()) {
    auto m = members::FindMember(sql, WholeTenant(c.tenant_id), s.member_id);
    auto ev = audit::EventFor(req, s.member_created ? "create" : "update", "member", std::to_string(s.member_id));
    ev.after = {{"name", c.name}, {"unit_id", m ? m->unit_id : c.unit_id}, {"status", m ? m->status : ""},
                {"joined_on", m ? m->joined_on : ""}, {"full_on", m ? m->full_on : ""},
                {"from_candidate", c.id}, {"step", row.step}};
    audit::Append(sql, ev);
  }
  // An extension keeps the person 预备 and moves the end of the 预备期: the roster's history says so.
  if (s.member_id && row.step == 23 && row.extension_months > 0 && row.state == "active") {
    auto view = ToRules(c, RecordsOf(sql, c.tenant_id, {c.id}));
    auto p = ProbationOf(view.rules);
    members::AddStatusHistory(sql, c.tenant_id, s.member_id, "预备", row.done_on,
                              "延长预备期 " + std::to_string(row.extension_months) + " 个月" +
                                  (p ? "，预备期至 " + FormatDate(p->ends_on) : std::string()),
                              req.who().user_id);
  }
  return Ok();
}

// Two saves of one person at once (PostgreSQL runs them side by side) can both try to put the
// person on the roster; the unique ID-number index refuses the second: a 409 to retry, not a 500.
template <typename F>
auto WriteOrRetry(platform::db::Database& db, F&& fn) -> decltype(db.Write(fn)) {
  return platform::db::WriteOrConflict(db, fn, [](const std::string&) {
    return Error{ErrorCode::kConflict, "此人的记录正被他人同时修改，请刷新后重试", "version"};
  });
}

Error RecordNotFound() { return Error{ErrorCode::kNotFound, "记录不存在", "record_id"}; }

}  // namespace

void RegisterRecordRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "POST",
              .pattern = "/api/v1/development/candidates/{id}/records",
              .permission = "party:development:edit",
              .audit_action = "create",
              .record_type = "development_record",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                auto body = req.Json();
                Errors errors;
                RecordInput in = ParseRecord(body, errors);
                auto r = WriteOrRetry(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  LockCandidate(sql, req.who().scope.home_tenant, id);
                  auto c = FindCandidate(sql, WriteScope(req.who().scope), id);
                  if (!c) return CandidateNotFound();
                  if (!errors.empty()) return errors;
                  RecordRow row = in.row;
                  row.tenant_id = c->tenant_id;
                  row.candidate_id = c->id;
                  auto unit = RecordUnit(sql, req, *c, in.unit_id);
                  if (!unit.ok()) return unit.errors();
                  row.unit_id = unit.value();
                  if (auto p = ResolvePeople(sql, c->tenant_id, in, row); !p.ok()) return p.errors();
                  const auto rows = RecordsOf(sql, c->tenant_id, {c->id});
                  if (auto e = RuleErrors(*c, rows, row, std::nullopt); !e.empty()) return e;
                  row.id = InsertRecord(sql, row, req.who().user_id);
                  auto ev = audit::EventFor(req, "create", "development_record", std::to_string(row.id));
                  ev.after = RecordAudit(row);
                  audit::Append(sql, ev);
                  if (auto st = SettleAndAudit(sql, s.cipher, req, *c, row); !st.ok()) return st.errors();
                  auto stored = FindCandidate(sql, WholeTenant(c->tenant_id), c->id);
                  auto j = DetailJson(sql, *stored);
                  j["record_id"] = row.id;
                  return j;
                });
                return http::JsonOrProblem(r, 201);
              }});

  router.Add({.method = "PUT",
              .pattern = "/api/v1/development/candidates/{id}/records/{record_id}",
              .permission = "party:development:edit",
              .audit_action = "update",
              .record_type = "development_record",
              .handler = [&s](Request& req) -> Response {
                const int64_t id = req.IdParam();
                const int64_t record_id = req.IdParam("record_id");
                auto body = req.Json();
                Errors errors;
                const int64_t version = http::JsonVersion(body, errors);
                const std::string change_reason = LimitedText(body, "change_reason", 500, "更正或作废原因", errors);
                if (change_reason.empty()) errors.push_back(Invalid("change_reason", "请填写更正或作废的原因"));
                bool void_it = false;
                if (body.contains("void") && !body["void"].is_null()) {
                  if (!body["void"].is_boolean()) errors.push_back(Invalid("void", "应为是或否"));
                  else void_it = body["void"].get<bool>();
                }
                auto r = WriteOrRetry(s.db, [&](soci::session& sql) -> Result<nlohmann::json> {
                  LockCandidate(sql, req.who().scope.home_tenant, id);
                  auto c = FindCandidate(sql, WriteScope(req.who().scope), id);
                  if (!c) return CandidateNotFound();
                  auto before = FindRecord(sql, c->tenant_id, c->id, record_id);
                  if (!before) return RecordNotFound();
                  if (before->state != "active")
                    return Error{ErrorCode::kConflict, "该记录已作废，不能再修改", "record_id"};
                  RecordRow after = *before;
                  if (void_it) {
                    if (!errors.empty()) return errors;
                    if (c->member_id && (before->step == 15 || before->step == 17))
                      return Error{ErrorCode::kConflict,
                                   "已编入党员名册，支部大会讨论和上级党委审批的记录不能作废，只能更正", "void"};
                    after.state = "void";
                    after.void_reason = change_reason;
                  } else {
                    RecordInput in = ParseRecord(body, errors);
                    if (in.row.step != 0 && in.row.step != before->step)
                      errors.push_back(Invalid("step", "不能更改步骤；记错步骤时请作废此记录后重新记录"));
                    if (!errors.empty()) return errors;
                    after = in.row;
                    after.tenant_id = before->tenant_id;
                    after.id = before->id;
                    after.candidate_id = before->candidate_id;
                    after.step = before->step;
                    auto unit = RecordUnit(sql, req, *c, in.unit_id ? in.unit_id : std::optional<int64_t>(before->unit_id));
                    if (!unit.ok()) return unit.errors();
                    after.unit_id = unit.value();
                    if (auto p = ResolvePeople(sql, c->tenant_id, in, after); !p.ok()) return p.errors();
                    const auto rows = RecordsOf(sql, c->tenant_id, {c->id});
                    if (auto e = RuleErrors(*c, rows, after, before->id); !e.empty()) return e;
                  }
                  if (!ReplaceRecord(sql, *before, after, void_it ? "void" : "correct", change_reason,
                                     version, req.who().user_id))
                    return Error{ErrorCode::kConflict, "记录已被他人修改，请刷新后重试", "version"};
                  auto ev = audit::EventFor(req, void_it ? "void" : "update", "development_record",
                                            std::to_string(record_id));
                  ev.before = RecordAudit(*before);
                  ev.after = RecordAudit(after);
                  ev.after["change_reason"] = change_reason;
                  audit::Append(sql, ev);
                  if (auto st = SettleAndAudit(sql, s.cipher, req, *c, after); !st.ok()) return st.errors();
                  auto stored = FindCandidate(sql, WholeTenant(c->tenant_id), c->id);
                  return DetailJson(sql, *stored);
                });
                return http::JsonOrProblem(r);
              }});
}

}  // namespace qizhi::party::development
