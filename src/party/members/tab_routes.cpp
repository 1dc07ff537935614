// The tabs of a member's record that change by action rather than by editing: posts and 双任免,
// rewards and punishments, family, 组织关系转接 and leaving the roll. Each action is one
// transaction with its audit row; nothing is deleted (posts end, family rows end, periods end).
#include <algorithm>

#include "party/members/route_support.hpp"
#include "party/members/routes.hpp"
#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/rules.hpp"
#include "party/org/overview.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"

namespace qizhi::party::members {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::JsonText;
using http::Request;
using http::Response;

namespace {

// A unit named by `field` (or the member's own unit when absent) that the caller may write to.
Result<org::Unit> TargetUnit(soci::session& sql, const Request& req, const nlohmann::json& body, const char* field,
                             std::optional<int64_t> fallback) {
  int64_t id = 0;
  if (body.contains(field) && !body[field].is_null()) {
    if (!body[field].is_number_integer()) return Invalid(field, "请选择党组织");
    id = body[field].get<int64_t>();
  } else if (fallback) {
    id = *fallback;
  } else {
    return Invalid(field, "请选择党组织");
  }
  return org::WritableUnit(sql, req.who().scope, id, field, "党组织");
}

std::vector<HeldPost> Held(const std::vector<Post>& posts) {
  std::vector<HeldPost> out;
  for (const auto& p : posts) out.push_back({p.id, p.kind, p.title, p.started_on, p.ended_on, p.dual_id});
  return out;
}

// Only one current 书记 per unit: a second one is a mistake the office should see at once.
std::optional<Error> SecretaryTaken(soci::session& sql, int64_t tenant_id, int64_t unit_id, const std::string& title) {
  if (title != "书记") return std::nullopt;
  for (const auto& p : org::CurrentPartyPostsIn(sql, tenant_id, unit_id))
    if (p.title == "书记")
      return Error{ErrorCode::kConflict, "该组织已有书记：" + p.name + "，请先免去其职务", "title"};
  return std::nullopt;
}

// The start of the member's current unit period: nothing may be dated before it.
std::string CurrentPeriodStart(soci::session& sql, const MemberRecord& m) {
  std::string start;
  for (const auto& u : UnitsOf(sql, m.tenant_id, m.id))
    if (!u.ended_on) start = u.started_on;
  return start;
}

Status CheckDate(const std::string& value, const char* field, const char* what, const Date& today) {
  auto d = ParseDate(value);
  if (!d) return Invalid(field, std::string(what) + "格式应为 YYYY-MM-DD");
  if (*d > today) return Invalid(field, std::string(what) + "不能晚于今天");
  return Ok();
}

// What an action did: the audit row's before/after, and fields added to the answer.
struct Change {
  nlohmann::json after;
  nlohmann::json before = nullptr;
  nlohmann::json extra = nlohmann::json::object();
};

// One action on a member's record, the same for every tab: load the member for writing, apply
// `change`, write the audit row `action` in the same transaction, answer with the record.
template <typename F>
Response MemberAction(platform::Services& s, const Request& req, const char* action, int status, F&& change) {
  const int64_t id = req.IdParam();
  auto r = s.db.Write([&](soci::session& sql) -> Result<nlohmann::json> {
    auto m = LoadForWrite(sql, req, id);
    if (!m.ok()) return m.errors();
    Result<Change> done = change(sql, m.value());
    if (!done.ok()) return done.errors();
    auto ev = audit::EventFor(req, action, "member", std::to_string(id));
    ev.before = done.value().before;
    ev.after = done.value().after;
    audit::Append(sql, ev);
    auto stored = FindMember(sql, WriteScope(req.who().scope), id);
    // Moved out of a secretary's scope: answer with what changed, not a 404.
    if (!stored) stored = FindMember(sql, WholeTenant(m.value().tenant_id), id);
    auto detail = DetailJson(sql, *stored);
    detail.update(done.value().extra);
    return detail;
  });
  return http::JsonOrProblem(r, status);
}

}  // namespace

void RegisterTabRoutes(http::Router& router, platform::Services& s) {
  // ---- posts ----
  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/posts",
              .permission = "party:member:edit",
              .audit_action = "appoint",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                PostInput in;
                in.kind = JsonText(body, "kind", errors);
                in.title = JsonText(body, "title", errors);
                in.department = JsonText(body, "department", errors);
                in.started_on = JsonText(body, "started_on", errors);
                in.appoint_doc = JsonText(body, "appoint_doc", errors);
                auto v = ValidatePost(in, TodayDate());
                if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "appoint", 201, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  Post p;
                  p.member_id = m.id;
                  p.kind = in.kind;
                  p.title = in.title;
                  p.department = in.department;
                  p.started_on = in.started_on;
                  p.appoint_doc = in.appoint_doc;
                  if (in.kind == "party") {
                    auto unit = TargetUnit(sql, req, body, "unit_id", m.unit_id);
                    if (!unit.ok()) return unit.errors();
                    if (auto taken = SecretaryTaken(sql, m.tenant_id, unit.value().id, in.title)) return *taken;
                    p.unit_id = unit.value().id;
                  }
                  p.id = InsertPost(sql, m.tenant_id, p, req.who().user_id);
                  return Change{{{"post_id", p.id}, {"kind", p.kind}, {"title", p.title}, {"started_on", p.started_on}}};
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/posts/{post_id}/end",
              .permission = "party:member:edit",
              .audit_action = "remove",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                int64_t post_id = req.IdParam("post_id");
                auto body = req.Json();
                Errors errors;
                std::string ended_on = JsonText(body, "ended_on", errors);
                std::string end_doc = JsonText(body, "end_doc", errors);
                std::string end_reason = JsonText(body, "end_reason", errors);
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "remove", 200, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  auto posts = PostsOf(sql, m.tenant_id, m.id);
                  if (std::none_of(posts.begin(), posts.end(), [&](const Post& p) { return p.id == post_id; }))
                    return Error{ErrorCode::kNotFound, "该职务不存在", "post_id"};
                  auto ends = PostsToEnd(Held(posts), post_id, std::nullopt, ended_on, TodayDate());
                  if (!ends.ok()) return ends.errors();
                  for (auto pid : ends.value()) EndPost(sql, m.tenant_id, pid, ended_on, end_doc, end_reason);
                  return Change{{{"post_id", post_id}, {"ended_on", ended_on}, {"end_reason", end_reason}}};
                });
              }});

  // ---- 双任免: the administrative and the party post of a middle manager, together ----
  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/dual-appointments",
              .permission = "party:member:edit",
              .audit_action = "dual_appoint",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                DualAppointment in;
                in.hospital_title = JsonText(body, "hospital_title", errors);
                in.department = JsonText(body, "department", errors);
                in.party_title = JsonText(body, "party_title", errors);
                in.started_on = JsonText(body, "started_on", errors);
                in.appoint_doc = JsonText(body, "appoint_doc", errors);
                auto v = ValidateDualAppointment(in, TodayDate());
                if (!v.ok()) errors.insert(errors.end(), v.errors().begin(), v.errors().end());
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "dual_appoint", 201, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  auto unit = TargetUnit(sql, req, body, "unit_id", m.unit_id);
                  if (!unit.ok()) return unit.errors();
                  if (auto taken = SecretaryTaken(sql, m.tenant_id, unit.value().id, in.party_title)) {
                    taken->field = "party_title";
                    return *taken;
                  }
                  int pairs = 0;
                  for (const auto& p : PostsOf(sql, m.tenant_id, m.id))
                    if (p.dual_id && p.kind == "party") ++pairs;
                  const std::string dual_id = std::to_string(m.id) + "-" + std::to_string(pairs + 1);
                  Post h;
                  h.member_id = m.id;
                  h.kind = "hospital";
                  h.title = in.hospital_title;
                  h.department = in.department;
                  h.started_on = in.started_on;
                  h.appoint_doc = in.appoint_doc;
                  h.dual_id = dual_id;
                  Post p = h;
                  p.kind = "party";
                  p.title = in.party_title;
                  p.department = "";
                  p.unit_id = unit.value().id;
                  h.id = InsertPost(sql, m.tenant_id, h, req.who().user_id);
                  p.id = InsertPost(sql, m.tenant_id, p, req.who().user_id);
                  Change c{{{"dual_id", dual_id},
                            {"hospital_post", {{"id", h.id}, {"title", h.title}, {"department", h.department}}},
                            {"party_post", {{"id", p.id}, {"title", p.title}, {"unit_id", *p.unit_id}}},
                            {"started_on", in.started_on},
                            {"appoint_doc", in.appoint_doc}}};
                  c.extra = {{"dual_id", dual_id}};
                  return c;
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/dual-appointments/{dual_id}/end",
              .permission = "party:member:edit",
              .audit_action = "dual_remove",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                const std::string dual_id = req.params.count("dual_id") ? req.params.at("dual_id") : "";
                auto body = req.Json();
                Errors errors;
                std::string ended_on = JsonText(body, "ended_on", errors);
                std::string end_doc = JsonText(body, "end_doc", errors);
                std::string end_reason = JsonText(body, "end_reason", errors);
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "dual_remove", 200, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  auto posts = PostsOf(sql, m.tenant_id, m.id);
                  if (std::none_of(posts.begin(), posts.end(), [&](const Post& p) { return p.dual_id == dual_id; }))
                    return Error{ErrorCode::kNotFound, "该双任免记录不存在", "dual_id"};
                  auto ends = PostsToEnd(Held(posts), std::nullopt, dual_id, ended_on, TodayDate());
                  if (!ends.ok()) return ends.errors();
                  for (auto pid : ends.value()) EndPost(sql, m.tenant_id, pid, ended_on, end_doc, end_reason);
                  Change c{{{"dual_id", dual_id}, {"post_ids", ends.value()}, {"ended_on", ended_on},
                            {"end_doc", end_doc}, {"end_reason", end_reason}}};
                  c.extra = {{"ended", ends.value()}};
                  return c;
                });
              }});

  // ---- rewards and punishments ----
  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/rewards",
              .permission = "party:member:edit",
              .audit_action = "add_reward",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                Reward r;
                r.kind = JsonText(body, "kind", errors);
                r.title = JsonText(body, "title", errors);
                r.decided_on = JsonText(body, "decided_on", errors);
                r.authority = JsonText(body, "authority", errors);
                r.note = JsonText(body, "note", errors);
                if (r.kind != "reward" && r.kind != "punishment")
                  errors.push_back(Invalid("kind", "类别应为 reward（奖励）或 punishment（惩处）"));
                if (r.title.empty()) errors.push_back(Invalid("title", "请填写奖惩名称"));
                else if (r.title.size() > 300) errors.push_back(Invalid("title", "奖惩名称过长"));
                if (auto d = CheckDate(r.decided_on, "decided_on", "批准日期", TodayDate()); !d.ok())
                  errors.push_back(d.error());
                if (r.authority.empty()) errors.push_back(Invalid("authority", "请填写批准机关"));
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "add_reward", 201, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  r.id = InsertReward(sql, m.tenant_id, m.id, r, req.who().user_id);
                  return Change{{{"reward_id", r.id}, {"kind", r.kind}, {"title", r.title}, {"decided_on", r.decided_on}}};
                });
              }});

  // ---- family ----
  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/family",
              .permission = "party:member:edit",
              .audit_action = "add_family",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                FamilyMember f;
                f.relation = JsonText(body, "relation", errors);
                f.name = JsonText(body, "name", errors);
                f.work_unit = JsonText(body, "work_unit", errors);
                f.political_status = JsonText(body, "political_status", errors);
                if (f.relation.empty()) errors.push_back(Invalid("relation", "请填写与本人关系"));
                else if (f.relation.size() > 30) errors.push_back(Invalid("relation", "与本人关系过长"));
                if (f.name.empty()) errors.push_back(Invalid("name", "请填写姓名"));
                else if (f.name.size() > 60) errors.push_back(Invalid("name", "姓名过长（最多 20 个汉字）"));
                if (f.work_unit.size() > 300) errors.push_back(Invalid("work_unit", "工作单位过长"));
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "add_family", 201, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  f.id = InsertFamily(sql, m.tenant_id, m.id, f, req.who().user_id);
                  return Change{{{"family_id", f.id}, {"relation", f.relation}, {"name", f.name}}};
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/family/{family_id}/end",
              .permission = "party:member:edit",
              .audit_action = "end_family",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                int64_t family_id = req.IdParam("family_id");
                auto body = req.Json();
                Errors errors;
                std::string reason = JsonText(body, "reason", errors);
                if (errors.empty() && reason.empty()) errors.push_back(Invalid("reason", "请填写原因"));
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "end_family", 200, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  if (!EndFamily(sql, m.tenant_id, m.id, family_id, reason))
                    return Error{ErrorCode::kNotFound, "该家庭成员记录不存在或已移除", "family_id"};
                  return Change{{{"family_id", family_id}, {"reason", reason}}};
                });
              }});

  // ---- 组织关系转接 ----
  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/transfers",
              .permission = "party:member:transfer",
              .audit_action = "transfer",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                Transfer t;
                t.kind = JsonText(body, "kind", errors);
                t.external_org = JsonText(body, "external_org", errors);
                t.letter_no = JsonText(body, "letter_no", errors);
                t.issued_on = JsonText(body, "issued_on", errors);
                t.effective_on = JsonText(body, "effective_on", errors);
                t.note = JsonText(body, "note", errors);
                if (t.kind != "between" && t.kind != "out")
                  errors.push_back(Invalid("kind", "转接类型应为 between（系统内转接）或 out（转出）"));
                if (t.kind == "out" && t.external_org.empty())
                  errors.push_back(Invalid("external_org", "请填写转入的党组织"));
                if (t.external_org.size() > 300) errors.push_back(Invalid("external_org", "党组织名称过长"));
                auto letter = ValidateTransferLetter(t.letter_no, t.issued_on, t.effective_on, TodayDate());
                if (!letter.ok()) errors.insert(errors.end(), letter.errors().begin(), letter.errors().end());
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "transfer", 201, [&](soci::session& sql, const MemberRecord& mem) -> Result<Change> {
                  const int64_t id = mem.id;
                  if (t.effective_on < CurrentPeriodStart(sql, mem))
                    return Invalid("effective_on", "转接生效日期不能早于编入现支部的日期");
                  t.from_unit_id = mem.unit_id;
                  if (t.kind == "between") {
                    auto unit = TargetUnit(sql, req, body, "to_unit_id", std::nullopt);
                    if (!unit.ok()) return unit.errors();
                    if (unit.value().kind != org::kBranch && unit.value().kind != org::kGroup)
                      return Invalid("to_unit_id", "党员应转入党支部或党小组");
                    if (unit.value().id == mem.unit_id) return Invalid("to_unit_id", "转入组织与现所在组织相同");
                    t.to_unit_id = unit.value().id;
                    // Party posts of the old 党小组, and of the old 党支部 when the move leaves
                    // it, end with the move (a 双任免 pair ends whole: the administrative post
                    // goes with it). Posts higher up (a 党委委员) stay.
                    const Scope tenant = WholeTenant(mem.tenant_id);
                    auto branch_of = [&](int64_t unit_id) {
                      auto u = org::FindUnit(sql, tenant, unit_id);
                      return u && u->kind == org::kGroup && u->parent_id ? *u->parent_id : unit_id;
                    };
                    const int64_t old_branch = branch_of(mem.unit_id);
                    const bool leaves_branch = old_branch != branch_of(*t.to_unit_id);
                    auto posts = PostsOf(sql, mem.tenant_id, id);
                    std::vector<std::string> pairs;
                    for (const auto& p : posts)
                      if (!p.ended_on && p.kind == "party" &&
                          (p.unit_id == mem.unit_id || (leaves_branch && p.unit_id == old_branch))) {
                        EndPost(sql, mem.tenant_id, p.id, t.effective_on, t.letter_no, "组织关系转接");
                        if (p.dual_id) pairs.push_back(*p.dual_id);
                      }
                    for (const auto& p : posts)
                      if (!p.ended_on && p.kind == "hospital" && p.dual_id &&
                          std::find(pairs.begin(), pairs.end(), *p.dual_id) != pairs.end())
                        EndPost(sql, mem.tenant_id, p.id, t.effective_on, t.letter_no, "组织关系转接");
                    MoveMember(sql, mem.tenant_id, id, t.effective_on, "transfer_between", t.to_unit_id,
                               "transfer_between");
                  } else {
                    MoveMember(sql, mem.tenant_id, id, t.effective_on, "transfer_out", std::nullopt, "");
                    MarkLeft(sql, mem.tenant_id, id, t.effective_on, "转出", "组织关系转往" + t.external_org);
                  }
                  t.id = InsertTransfer(sql, mem.tenant_id, id, t, req.who().user_id);
                  return Change{{{"transfer_id", t.id},
                                 {"kind", t.kind},
                                 {"from_unit_id", mem.unit_id},
                                 {"to_unit_id", http::ValueOrNull(t.to_unit_id)},
                                 {"external_org", t.external_org},
                                 {"letter_no", t.letter_no},
                                 {"effective_on", t.effective_on}}};
                });
              }});

  router.Add({.method = "POST",
              .pattern = "/api/v1/members/{id}/leave",
              .permission = "party:member:transfer",
              .audit_action = "leave",
              .record_type = "member",
              .handler = [&s](Request& req) -> Response {
                auto body = req.Json();
                Errors errors;
                std::string kind = JsonText(body, "kind", errors);
                std::string left_on = JsonText(body, "left_on", errors);
                std::string reason = JsonText(body, "reason", errors);
                const auto& kinds = LeaveKinds();
                if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                  errors.push_back(Invalid("kind", "减少类型应为 死亡、出党、退党、停止党籍 或 其他"));
                if (auto d = CheckDate(left_on, "left_on", "减少日期", TodayDate()); !d.ok()) errors.push_back(d.error());
                if (reason.empty()) errors.push_back(Invalid("reason", "请填写原因或依据"));
                else if (reason.size() > 1000) errors.push_back(Invalid("reason", "原因过长"));
                if (!errors.empty()) return http::Problem(errors);
                return MemberAction(s, req, "leave", 200, [&](soci::session& sql, const MemberRecord& m) -> Result<Change> {
                  if (left_on < CurrentPeriodStart(sql, m)) return Invalid("left_on", "减少日期不能早于编入现支部的日期");
                  MoveMember(sql, m.tenant_id, m.id, left_on, "left", std::nullopt, "");
                  MarkLeft(sql, m.tenant_id, m.id, left_on, kind, reason);
                  Change c{{{"state", "left"}, {"left_kind", kind}, {"left_on", left_on}, {"reason", reason}}};
                  c.before = {{"state", "active"}};
                  return c;
                });
              }});
}

}  // namespace qizhi::party::members
