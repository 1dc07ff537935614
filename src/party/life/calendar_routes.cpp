// /api/v1/life/calendar: the 组织生活日历 of the caller's scope (or `org` and below) over a range
// of at most kMaxCalendarDays days — the meetings held, the plans not yet held (会议计划, overdue
// ones flagged), and what each unit still owes this
// period (DueRules) on the day it is due by, or on the unit's fixed 主题党日. A branch secretary's
// scope is the branch, so that is what the secretary sees.
#include <algorithm>

#include "party/life/cadence_inputs.hpp"
#include "party/life/calendar.hpp"
#include "party/life/plan.hpp"
#include "party/life/plan_store.hpp"
#include "party/life/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// A province's quarter can hold more meetings than a page can show; the rest are counted.
constexpr int64_t kMaxCalendarMeetings = 2000;

}  // namespace

void RegisterCalendarRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/life/calendar",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  Errors errors;
                  auto range = ParseCalendarRange(req.Query("from"), req.Query("to"));
                  if (!range.ok()) errors = range.errors();
                  auto org = ScopeOfOrg(sql, req.who().scope, req.Query("org"), false);
                  if (!org.ok() && org.error().code == ErrorCode::kNotFound) return http::Problem(org.errors());
                  if (!org.ok()) errors.push_back(org.error());
                  if (!errors.empty()) return http::Problem(errors);
                  const Scope& scope = org.value().scope;
                  const DateRange r = range.value();
                  const Date today = TodayDate();

                  MeetingFilter f;
                  f.from = FormatDate(r.from);
                  f.to = FormatDate(r.to);
                  const int64_t total = CountMeetings(sql, scope, f);
                  nlohmann::json meetings = nlohmann::json::array();
                  for (const auto& m : ListMeetings(sql, scope, f, {"date", false}, 0, kMaxCalendarMeetings))
                    meetings.push_back({{"id", m.id},
                                        {"date", m.held_on},
                                        {"start_time", m.start_time},
                                        {"unit_id", m.unit_id},
                                        {"unit_name", m.unit_name},
                                        {"type", m.type},
                                        {"type_title", MeetingTypeTitle(m.type)},
                                        {"topic", m.topic},
                                        {"place", m.place}});

                  PlanFilter pf;
                  pf.from = f.from;
                  pf.to = f.to;
                  pf.state = std::string(kPlanPlanned);
                  nlohmann::json plans = nlohmann::json::array();
                  for (const auto& p : ListPlans(sql, scope, pf, false, 0, kMaxCalendarMeetings))
                    plans.push_back({{"id", p.id},
                                     {"date", p.planned_on},
                                     {"start_time", p.start_time},
                                     {"unit_id", p.unit_id},
                                     {"unit_name", p.unit_name},
                                     {"type", p.type},
                                     {"type_title", MeetingTypeTitle(p.type)},
                                     {"topic", p.topic},
                                     {"place", p.place},
                                     {"presenter", http::TextOrNull(p.presenter)},
                                     {"overdue", PlanOverdue(p.state, p.planned_on, today)},
                                     {"version", p.version}});

                  // What is owed is judged on today: only the current period can still be owed.
                  const auto in = LoadCadenceInputs(sql, scope, FormatDate(CadenceRangeStart(today)), FormatDate(today));
                  const auto rules_of = [&in](int64_t t) -> const std::vector<CadenceRule>& { return in.RulesOf(t); };
                  nlohmann::json due = nlohmann::json::array();
                  for (const auto& u : DueUnits(in.units, in.meetings, rules_of, today)) {
                    for (const auto& d : u.owed) {
                      const Date day = CalendarDay(d);
                      if (day < r.from || day > r.to) continue;
                      due.push_back({{"date", FormatDate(day)},
                                     {"unit_id", u.unit->id},
                                     {"unit_name", u.unit->name},
                                     {"meeting_type", d.rule.meeting_type},
                                     {"type_title", MeetingTypeTitle(d.rule.meeting_type)},
                                     {"presenter_role", http::TextOrNull(d.rule.presenter_role)},
                                     {"period_start", FormatDate(d.period_start)},
                                     {"due_by", FormatDate(d.period_end)},
                                     {"fixed_on", d.fixed_on ? nlohmann::json(FormatDate(*d.fixed_on)) : nlohmann::json(nullptr)},
                                     {"held", d.held},
                                     {"required", d.required},
                                     {"message", d.message}});
                    }
                  }
                  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
                    return a["date"].template get<std::string>() < b["date"].template get<std::string>();
                  });
                  return JsonResponse(200, {{"from", FormatDate(r.from)},
                                            {"to", FormatDate(r.to)},
                                            {"today", FormatDate(today)},
                                            {"meetings", meetings},
                                            {"meetings_total", total},
                                            {"plans", plans},
                                            {"due", due}});
                });
              }});
}

}  // namespace qizhi::party::life
