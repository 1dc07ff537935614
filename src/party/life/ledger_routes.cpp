// /api/v1/life/ledger: the 三会一课 ledger (台账) of a unit and its units below for a year — every
// active meeting in date order with its attendance counts, and per unit and cadence rule each
// period's held / required / state (CadenceHistory) — as JSON and as the .xlsx a superior
// committee inspects (sheet 1 the meetings, sheet 2 the cadence per period).
#include <algorithm>

#include "party/life/cadence_inputs.hpp"
#include "party/life/ledger.hpp"
#include "party/life/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::party::life {
namespace http = platform::http;
namespace xport = platform::xport;
using http::JsonResponse;
using http::Request;
using http::Response;

namespace {

// A ledger is a unit's book, not a province's report: past this the user picks a unit below.
constexpr int64_t kMaxLedgerMeetings = 10000;

struct RuleHistory {
  CadenceRule rule;
  std::vector<PeriodCount> periods;
};
struct UnitHistory {
  LifeUnit unit;
  std::vector<RuleHistory> rules;
};
struct Ledger {
  org::Unit unit;
  int year = 0;
  std::vector<MeetingRecord> meetings;
  std::vector<UnitHistory> cadence;
};

Result<Ledger> LoadLedger(soci::session& sql, const Request& req) {
  const Date today = TodayDate();
  Errors errors;
  auto year = ParseLedgerYear(req.Query("year"), today);
  if (!year.ok()) errors.push_back(year.error());
  auto org = ScopeOfOrg(sql, req.who().scope, req.Query("org"), true);
  if (!org.ok() && org.error().code == ErrorCode::kNotFound) return org.errors();
  if (!org.ok()) errors.push_back(org.error());
  if (!errors.empty()) return errors;

  Ledger l{*org.value().unit, year.value(), {}, {}};
  const Scope& scope = org.value().scope;
  const std::string from = std::to_string(l.year) + "-01-01";
  const std::string to = std::to_string(l.year) + "-12-31";
  MeetingFilter f;
  f.org_path = l.unit.path;
  f.from = from;
  f.to = to;
  if (CountMeetings(sql, scope, f) > kMaxLedgerMeetings)
    return Invalid("org", "该组织全年会议超过 " + std::to_string(kMaxLedgerMeetings) + " 条，请选择下级党组织");
  l.meetings = ListMeetings(sql, scope, f, {"date", false}, 0, kMaxLedgerMeetings);

  const auto in = LoadCadenceInputs(sql, scope, from, to);
  const auto facts = FactsFor(in.units, in.meetings);
  const Date first{l.year, 1, 1};
  const Date last{l.year, 12, 31};
  for (size_t i = 0; i < in.units.size(); ++i) {
    UnitHistory h{in.units[i], {}};
    for (const auto& rule : in.RulesOf(in.units[i].tenant_id)) {
      auto periods = CadenceHistory(facts[i], rule, first, last, today);
      if (!periods.empty()) h.rules.push_back({rule, std::move(periods)});
    }
    if (!h.rules.empty()) l.cadence.push_back(std::move(h));
  }
  return l;
}

LedgerMeeting Row(const MeetingRecord& m) {
  return {m.held_on, m.start_time, m.unit_name, m.type, m.topic, m.presenter,
          static_cast<int>(m.should_count), static_cast<int>(m.came_count)};
}

nlohmann::json LedgerJson(const Ledger& l) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : l.meetings) {
    const auto row = Row(m);
    const auto rate = AttendanceRate(row.should, row.came);
    items.push_back({{"id", m.id},
                     {"date", m.held_on},
                     {"start_time", m.start_time},
                     {"unit_id", m.unit_id},
                     {"unit_name", m.unit_name},
                     {"type", m.type},
                     {"type_title", MeetingTypeTitle(m.type)},
                     {"topic", m.topic},
                     {"presenter", m.presenter},
                     {"should", row.should},
                     {"came", std::clamp(row.came, 0, std::max(row.should, 0))},
                     {"absent", Absent(row)},
                     {"rate", http::ValueOrNull(rate)},
                     {"rate_text", RateText(row)}});
  }
  nlohmann::json cadence = nlohmann::json::array();
  for (const auto& h : l.cadence) {
    auto unit = LifeUnitJson(h.unit);
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : h.rules) {
      nlohmann::json periods = nlohmann::json::array();
      for (const auto& p : r.periods)
        periods.push_back({{"period_start", FormatDate(p.start)},
                           {"period_end", FormatDate(p.end)},
                           {"title", PeriodTitle(Period{p.start, p.end}, r.rule.period)},
                           {"held", p.held},
                           {"required", p.required},
                           {"state", p.state},
                           {"state_title", PeriodStateTitle(p.state)}});
      rules.push_back({{"meeting_type", r.rule.meeting_type},
                       {"type_title", MeetingTypeTitle(r.rule.meeting_type)},
                       {"presenter_role", http::TextOrNull(r.rule.presenter_role)},
                       {"period", r.rule.period},
                       {"title", RuleTitle(r.rule)},
                       {"periods", periods}});
    }
    unit["rules"] = rules;
    cadence.push_back(std::move(unit));
  }
  const auto total = static_cast<int64_t>(items.size());
  return {{"unit_id", l.unit.id},
          {"unit_name", l.unit.name},
          {"year", l.year},
          {"title", LedgerTitle(l.unit.name, l.year)},
          {"items", items},
          {"total", total},
          {"cadence", cadence}};
}

std::vector<xport::Sheet> LedgerSheets(const Ledger& l) {
  xport::Sheet meetings{"三会一课台账", LedgerTitle(l.unit.name, l.year), LedgerHeaders(), {6, 12, 8, 20, 14, 40, 12, 6, 6, 6, 8}, {}};
  int n = 0;
  for (const auto& m : l.meetings) meetings.rows.push_back(LedgerCells(++n, Row(m)));
  xport::Sheet cadence{"开展情况", CadenceTitle(l.unit.name, l.year), CadenceHeaders(), {20, 34, 16, 8, 8, 18}, {}};
  for (const auto& h : l.cadence)
    for (const auto& r : h.rules)
      for (const auto& p : r.periods) cadence.rows.push_back(CadenceCells(h.unit.name, r.rule, p));
  return {std::move(meetings), std::move(cadence)};
}

}  // namespace

void RegisterLedgerRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/life/ledger",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                return s.db.Read([&](soci::session& sql) -> Response {
                  auto l = LoadLedger(sql, req);
                  if (!l.ok()) return http::Problem(l.errors());
                  return JsonResponse(200, LedgerJson(l.value()));
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/life/ledger/export",
              .permission = "party:life:list",
              .handler = [&s](Request& req) -> Response {
                auto l = s.db.Read([&](soci::session& sql) { return LoadLedger(sql, req); });
                if (!l.ok()) return http::Problem(l.errors());
                auto bytes = xport::WriteXlsx(LedgerSheets(l.value()));
                if (!bytes.ok()) return http::Problem(bytes.errors());
                Response res;
                res.content_type = xport::kXlsxContentType;
                res.body = std::move(bytes.value());
                const std::string year = std::to_string(l.value().year);
                res.headers.push_back({"Content-Disposition",
                                       xport::AttachmentHeader(l.value().unit.name + "三会一课台账-" + year + ".xlsx",
                                                               "ledger-" + year + ".xlsx")});
                return res;
              }});
}

}  // namespace qizhi::party::life
