#include "party/development/path.hpp"

#include <algorithm>

#include "party/members/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"
#include "platform/pii/mask.hpp"

namespace qizhi::party::development {
using platform::http::TextOrNull;
using platform::http::ValueOrNull;

Error CandidateNotFound() { return Error{ErrorCode::kNotFound, "发展对象不存在或不在您的管理范围内", "id"}; }

StepRecord ToStep(const RecordRow& r) {
  StepRecord s;
  s.step = r.step;
  s.date = r.done_on;
  s.unit_id = r.unit_id;
  for (const auto& p : r.people) s.people.push_back(Person{p.member_id.value_or(0), p.name, p.is_full_member});
  s.documents = r.documents;
  s.conclusion = r.conclusion;
  s.training_days = r.training_days;
  s.training_hours = r.training_hours;
  s.voting = r.voting;
  s.present = r.present;
  s.in_favour = r.in_favour;
  s.extension_months = r.extension_months;
  s.reason = r.reason;
  return s;
}

RulesView ToRules(const CandidateRecord& c, const std::vector<RecordRow>& records) {
  RulesView v;
  v.rules.birth_date = c.birth_date;
  v.rules.is_youth_league_member = c.youth_league;
  v.rules.recommended_by_league = c.league_recommended;
  for (const auto& r : records) {
    if (r.state != "active" || r.candidate_id != c.id) continue;
    v.rules.records.push_back(ToStep(r));
    v.ids.push_back(r.id);
  }
  return v;
}

bool IsOpen(const Violation& v) { return !v.requires_reason || !v.explained; }

Derived Derive(const Candidate& c, const Date& today) {
  Derived d;
  const RoleInfo role = RoleOf(c);
  d.role = role.role;
  d.stage = StageOf(c);
  for (const auto& r : c.records)
    if (FindStep(r.step) && ParseDate(r.date)) d.last_step = std::max(d.last_step, r.step);
  d.applied_on = FirstDateOf(c, 1);
  d.activist_on = FirstDateOf(c, 3);
  d.object_on = FirstDateOf(c, 7);
  // 预备党员 from the branch vote, once the approval (step 17) makes it so.
  if (!FirstDateOf(c, 17).empty()) {
    d.probation_on = FirstDateOf(c, 15);
    if (d.probation_on.empty()) d.probation_on = FirstDateOf(c, 17);
  }
  d.full_on = FirstDateOf(c, 24);
  for (const auto& v : CheckPath(c, today)) {
    ++d.violations;
    if (IsOpen(v)) ++d.open_violations;
  }
  auto due = NextDue(c, today);
  if (!due.empty()) d.next_due_on = FormatDate(due.front().due_on);
  return d;
}

nlohmann::json ViolationJson(const Violation& v, const RulesView& view) {
  nlohmann::json record_id = nullptr;
  if (v.record >= 0 && v.record < static_cast<int>(view.ids.size())) record_id = view.ids[static_cast<size_t>(v.record)];
  const StepInfo* s = FindStep(v.step);
  return {{"step", v.step},
          {"step_title", s ? s->title : ""},
          {"record_id", record_id},
          {"code", v.code},
          {"field", v.field},
          {"message", v.message},
          {"requires_reason", v.requires_reason},
          {"explained", v.explained},
          {"reason", v.record >= 0 && v.explained ? view.rules.records[static_cast<size_t>(v.record)].reason : ""}};
}

nlohmann::json DueJson(const Due& d) {
  return {{"step", d.step}, {"title", d.title}, {"due_on", FormatDate(d.due_on)}, {"overdue", d.overdue}};
}

nlohmann::json StepJson(const StepInfo& s) {
  return {{"number", s.number},         {"title", s.title},
          {"stage", s.stage},           {"stage_title", StageTitle(s.stage)},
          {"people_role", s.people_role}, {"min_people", s.min_people},
          {"max_people", s.max_people}, {"training", s.training},
          {"vote", s.vote},             {"conclusion", s.conclusion},
          {"extension", s.extension},   {"repeatable", s.repeatable}};
}

nlohmann::json ListItemJson(const CandidateRecord& c) {
  const auto& d = c.d;
  return {{"id", c.id},
          {"tenant_id", c.tenant_id},
          {"unit_id", c.unit_id},
          {"unit_name", c.unit_name},
          {"name", c.name},
          {"sex", c.sex},
          {"id_number", c.id_mask},
          {"birth_date", c.birth_date},
          {"ethnicity", c.ethnicity},
          {"education", c.education},
          {"category", c.category},
          {"job", TextOrNull(c.job)},
          {"phone", TextOrNull(c.phone_mask)},
          {"is_youth_league_member", c.youth_league},
          {"recommended_by_league", c.league_recommended},
          {"member_id", ValueOrNull(c.member_id)},
          {"role", TextOrNull(d.role)},
          {"stage", d.stage},
          {"stage_title", TextOrNull(StageTitle(d.stage))},
          {"last_step", d.last_step},
          {"last_step_title", d.last_step ? nlohmann::json(FindStep(d.last_step)->title) : nlohmann::json(nullptr)},
          {"applied_on", TextOrNull(d.applied_on)},
          {"activist_on", TextOrNull(d.activist_on)},
          {"object_on", TextOrNull(d.object_on)},
          {"probation_on", TextOrNull(d.probation_on)},
          {"full_on", TextOrNull(d.full_on)},
          {"violations", d.violations},
          {"open_violations", d.open_violations},
          {"next_due_on", TextOrNull(d.next_due_on)},
          {"overdue", !d.next_due_on.empty() && d.next_due_on < TodayShanghai()},
          {"version", c.version}};
}

namespace {
nlohmann::json RecordJson(soci::session& sql, const RecordRow& r) {
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : r.people)
    people.push_back({{"member_id", ValueOrNull(p.member_id)}, {"name", p.name}, {"is_full_member", p.is_full_member}});
  nlohmann::json history = nlohmann::json::array();
  for (const auto& v : VersionsOf(sql, r.tenant_id, r.id))
    history.push_back({{"version", v.version},
                       {"record", nlohmann::json::parse(v.snapshot_json, nullptr, false)},
                       {"change_kind", v.change_kind},
                       {"change_reason", v.change_reason},
                       {"changed_at", v.changed_at}});
  const StepInfo* s = FindStep(r.step);
  return {{"id", r.id},
          {"step", r.step},
          {"step_title", s ? s->title : ""},
          {"stage", s ? s->stage : 0},
          {"date", r.done_on},
          {"unit_id", r.unit_id},
          {"unit_name", r.unit_name},
          {"people", people},
          {"documents", r.documents},
          {"conclusion", TextOrNull(r.conclusion)},
          {"training_days", r.training_days},
          {"training_hours", r.training_hours},
          {"voting", r.voting},
          {"present", r.present},
          {"in_favour", r.in_favour},
          {"extension_months", r.extension_months},
          {"reason", TextOrNull(r.reason)},
          {"state", r.state},
          {"void_reason", TextOrNull(r.void_reason)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version},
          {"history", history},
          {"violations", nlohmann::json::array()}};
}
}  // namespace

nlohmann::json DetailJson(soci::session& sql, const CandidateRecord& c) {
  auto j = ListItemJson(c);
  const auto rows = RecordsOf(sql, c.tenant_id, {c.id});
  const RulesView view = ToRules(c, rows);
  const Date today = TodayDate();
  nlohmann::json records = nlohmann::json::array();
  for (const auto& r : rows) records.push_back(RecordJson(sql, r));
  nlohmann::json violations = nlohmann::json::array();
  for (const auto& v : CheckPath(view.rules, today)) {
    auto vj = ViolationJson(v, view);
    violations.push_back(vj);
    for (auto& r : records)
      if (!vj["record_id"].is_null() && r["id"] == vj["record_id"]) r["violations"].push_back(vj);
  }
  j["records"] = records;
  j["violations"] = violations;
  nlohmann::json due = nlohmann::json::array();
  for (const auto& d : NextDue(view.rules, today)) due.push_back(DueJson(d));
  j["next_due"] = due;
  if (auto p = ProbationOf(view.rules)) {
    j["probation"] = {{"starts_on", FormatDate(p->starts_on)},
                      {"ends_on", FormatDate(p->ends_on)},
                      {"extension_months", p->extension_months},
                      {"full_on", p->full_on ? nlohmann::json(FormatDate(*p->full_on)) : nlohmann::json(nullptr)}};
  } else {
    j["probation"] = nullptr;
  }
  j["unit_path"] = c.unit_path;
  j["created_at"] = c.created_at;
  return j;
}

namespace {

// Whether the branch vote passed: more than half of the voting members came and more than half
// of them voted in favour (the rules refuse a record that fails this; a check here keeps the
// roster safe from a record corrected since).
bool Passed(const StepRecord& vote) {
  return vote.voting > 0 && vote.present * 2 > vote.voting && vote.in_favour * 2 > vote.voting;
}

const StepRecord* FirstOf(const Candidate& c, int step) {
  const StepRecord* best = nullptr;
  for (const auto& r : c.records)
    if (r.step == step && ParseDate(r.date) && (!best || r.date < best->date)) best = &r;
  return best;
}

// The roster's copy of a person: personal data re-encrypted under the members' associated data.
Result<members::MemberRecord> MemberFromCandidate(const platform::pii::Cipher& cipher, const CandidateRecord& c) {
  auto id_number = cipher.Decrypt(c.id_enc, CandidateIdAd(c.tenant_id));
  if (!id_number.ok()) return id_number.errors();
  members::MemberRecord m;
  m.tenant_id = c.tenant_id;
  m.unit_id = c.unit_id;
  m.name = c.name;
  m.sex = c.sex;
  m.id_enc = cipher.Encrypt(id_number.value(), members::IdNumberAd(c.tenant_id));
  m.id_bidx = c.id_bidx;
  m.id_mask = c.id_mask;
  m.birth_date = c.birth_date;
  m.ethnicity = c.ethnicity;
  m.education = c.education;
  m.category = c.category;
  m.job = c.job;
  if (!c.phone_enc.empty()) {
    auto phone = cipher.Decrypt(c.phone_enc, CandidatePhoneAd(c.tenant_id));
    if (!phone.ok()) return phone.errors();
    m.phone_enc = cipher.Encrypt(phone.value(), members::PhoneAd(c.tenant_id));
    m.phone_bidx = c.phone_bidx;
    m.phone_mask = c.phone_mask;
  }
  return m;
}

}  // namespace

Result<Settled> Settle(soci::session& sql, const platform::pii::Cipher& cipher, int64_t tenant_id,
                       int64_t candidate_id, int64_t user_id, const Date& today) {
  auto c = FindCandidate(sql, WholeTenant(tenant_id), candidate_id);
  if (!c) return CandidateNotFound();
  const RulesView view = ToRules(*c, RecordsOf(sql, tenant_id, {candidate_id}));
  SaveDerived(sql, tenant_id, candidate_id, Derive(view.rules, today));

  Settled out;
  const StepRecord* vote = FirstOf(view.rules, 15);
  const StepRecord* approval = FirstOf(view.rules, 17);
  const StepRecord* full = FirstOf(view.rules, 24);
  if (!c->member_id) {
    if (!vote || !approval || !Passed(*vote)) return out;
    auto m = MemberFromCandidate(cipher, *c);
    if (!m.ok()) return m.errors();
    if (auto existing = members::FindByIdNumber(sql, tenant_id, m.value().id_bidx))
      return Error{ErrorCode::kConflict, "党员名册中已有此身份证号：" + existing->name + "（" + existing->unit_name + "）",
                   "id_number"};
    m.value().status = "预备";
    m.value().joined_on = vote->date;  // 入党日期: the day of the branch vote
    out.member_id = members::InsertMember(sql, m.value(), vote->date, "joined", user_id);
    out.member_created = true;
    out.member_change = "预备";
    SetMemberId(sql, tenant_id, candidate_id, out.member_id);
  } else {
    out.member_id = *c->member_id;
  }

  // Bring the roster's status and dates in line with the records (a correction moves them too).
  auto m = members::FindMember(sql, WholeTenant(tenant_id), out.member_id);
  if (!m || m->state != "active") return out;
  members::MemberRecord want = *m;
  if (vote) want.joined_on = vote->date;
  want.status = full ? "正式" : "预备";
  want.full_on = full ? full->date : "";
  if (want.status == m->status && want.full_on == m->full_on && want.joined_on == m->joined_on) return out;
  if (!members::UpdateMember(sql, want, m->version))
    return Error{ErrorCode::kConflict, "党员信息已被他人修改，请刷新后重试", "version"};
  const bool converted = want.status == "正式" && m->status != "正式";
  members::AddStatusHistory(sql, tenant_id, out.member_id, want.status,
                            want.status == "正式" ? want.full_on : want.joined_on,
                            converted ? "发展党员：上级党委审批转正" : "发展党员记录更正", user_id);
  if (out.member_change.empty()) out.member_change = converted ? "正式" : "更正";
  return out;
}

}  // namespace qizhi::party::development
