// /api/v1/coverage: "走访不漏户，户户到家、人人见面" for a period — totals and rows per village and
// per team (with its leader), the lists behind each count (households not visited / not covered
// / covered / visited, persons not seen / with a reason / seen, masked) and the .xlsx of the
// not-yet lists for the team's next trip. All from one LoadCoverage, so counts equal list totals.
#include <algorithm>

#include "health/outreach/coverage_params.hpp"
#include "health/outreach/coverage_store.hpp"
#include "health/outreach/coverage_view.hpp"
#include "health/outreach/route_support.hpp"
#include "health/registry/keys.hpp"
#include "platform/audit/store.hpp"
#include "platform/core/clock.hpp"
#include "platform/export/xlsx.hpp"
#include "platform/http/router.hpp"
#include "platform/services.hpp"

namespace qizhi::health::outreach {
namespace http = platform::http;
namespace audit = platform::audit;
using http::JsonResponse;
using http::Request;
using http::Response;
using http::TextOrNull;

namespace {

const char* StateName(PersonState s) {
  switch (s) {
    case PersonState::kSeen: return "seen";
    case PersonState::kReason: return "reason";
    case PersonState::kNotSeen: return "not_seen";
  }
  return "not_seen";
}

nlohmann::json TotalsJson(const CoverageTotals& t) {
  return {{"households", t.households},
          {"visited", t.visited},
          {"not_visited", t.households - t.visited},
          {"covered", t.covered},
          {"not_covered", t.households - t.covered},
          {"persons", t.persons},
          {"seen", t.seen},
          {"with_reason", t.with_reason},
          {"not_seen", t.not_seen},
          {"visited_permille", http::ValueOrNull(t.VisitedPerMille())},
          {"covered_permille", http::ValueOrNull(t.CoveredPerMille())},
          {"accounted_permille", http::ValueOrNull(t.AccountedPerMille())}};
}

nlohmann::json PeriodJson(const CoverageSelection& sel) {
  return {{"key", sel.period.key},
          {"kind", sel.period.kind},
          {"title", sel.period.title},
          {"start", FormatDate(sel.period.start)},
          {"end", FormatDate(sel.period.end)},
          {"as_of", FormatDate(sel.query.as_of)}};
}

Result<CoverageSelection> Selection(soci::session& sql, const Request& req) {
  return ParseCoverageParams(sql, req.who().scope, CallerVillages(sql, req), req.query, TodayDate());
}

std::string TeamLabel(const CoverageView& d, const std::string& village) {
  auto it = d.village_team.find(village);
  if (it == d.village_team.end()) return "";
  return d.teams.at(it->second).name;
}

std::string Name(const CoverageView& d, const std::string& code) {
  auto it = d.village_names.find(code);
  return it == d.village_names.end() ? code : it->second;
}

std::string TeamLabel(const CoverageData& d, const std::string& village) {
  auto it = d.village_team.find(village);
  if (it == d.village_team.end()) return "";
  return d.teams.at(it->second).name;
}

struct PersonRow {
  const CoveredHousehold* household;
  const CoveredPerson* person;
  const PersonCoverage* judged;
};

std::vector<PersonRow> PersonsIn(const CoverageData& d, const std::string& state) {
  std::vector<PersonRow> out;
  for (const auto& h : d.households)
    for (const auto& pc : h.judged.persons) {
      if (!state.empty() && state != StateName(pc.state)) continue;
      auto it = d.persons.find(pc.person_id);
      if (it != d.persons.end()) out.push_back({&h, &it->second, &pc});
    }
  return out;
}

std::string Name(const CoverageData& d, const std::string& code) {
  auto it = d.village_names.find(code);
  return it == d.village_names.end() ? code : it->second;
}

}  // namespace

void RegisterCoverageRoutes(http::Router& router, platform::Services& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/coverage",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto sel = s.db.Read([&](soci::session& sql) { return Selection(sql, req); });
                if (!sel.ok()) return http::Problem(sel.errors());
                EnsureSummary(s.db, req.who().scope, sel.value());
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto d = ReadCoverage(sql, req.who().scope, sel.value());
                  const CoverageTotals total = d.Total();
                  const auto by_team = d.ByTeam();
                  std::map<std::string, CoverageTotals> by_village;  // a code shared by two hospitals: one row
                  for (const auto& v : d.villages) {
                    auto& t = by_village[v.village_code];
                    t.households += v.totals.households;
                    t.visited += v.totals.visited;
                    t.covered += v.totals.covered;
                    t.persons += v.totals.persons;
                    t.seen += v.totals.seen;
                    t.with_reason += v.totals.with_reason;
                    t.not_seen += v.totals.not_seen;
                  }
                  const auto& params = sel.value().params;
                  nlohmann::json villages = nlohmann::json::array();
                  for (const auto& [code, t] : by_village) {
                    auto j = TotalsJson(t);
                    j["code"] = code;
                    j["name"] = Name(d, code);
                    auto team = d.village_team.find(code);
                    j["team_id"] = team == d.village_team.end() ? nlohmann::json(nullptr) : nlohmann::json(team->second);
                    j["team_name"] = TextOrNull(TeamLabel(d, code));
                    Params p = params;
                    p["village"] = code;
                    p["state"] = "not_visited";
                    j["not_visited_records"] = http::ListUrl("/api/v1/coverage/households", p);
                    villages.push_back(std::move(j));
                  }
                  nlohmann::json teams = nlohmann::json::array();
                  for (const auto& [id, t] : by_team) {
                    auto j = TotalsJson(t);
                    j["id"] = id;
                    j["name"] = d.teams.at(id).name;
                    j["leader_name"] = d.teams.at(id).leader_name;
                    teams.push_back(std::move(j));
                  }
                  nlohmann::json records;
                  for (const char* st : {"not_visited", "visited", "covered", "not_covered"}) {
                    Params p = params;
                    p["state"] = st;
                    records[st] = http::ListUrl("/api/v1/coverage/households", p);
                  }
                  for (const char* st : {"not_seen", "reason", "seen"}) {
                    Params p = params;
                    p["state"] = st;
                    records[std::string("persons_") + st] = http::ListUrl("/api/v1/coverage/persons", p);
                  }
                  return JsonResponse(200, {{"period", PeriodJson(sel.value())},
                                            {"filters", params},
                                            {"totals", TotalsJson(total)},
                                            {"villages", villages},
                                            {"teams", teams},
                                            {"records", records}});
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/coverage/households",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"village"}, "village");
                const std::string state = req.Query("state");
                if (!state.empty() && state != "not_visited" && state != "not_covered" && state != "covered" && state != "visited")
                  return http::Problem({Invalid("state", "state 应为 not_visited、not_covered、covered 或 visited")});
                auto sel = s.db.Read([&](soci::session& sql) { return Selection(sql, req); });
                if (!sel.ok()) return http::Problem(sel.errors());
                EnsureSummary(s.db, req.who().scope, sel.value());
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto view = ReadSums(sql, req.who().scope, sel.value());
                  const auto page = HouseholdsPage(sql, req.who().scope, sel.value(), view, state, p.Offset(), p.size, p.sort_desc);
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& h : page.data.households) {
                    items.push_back({{"id", h.id},
                                     {"village_code", h.village_code},
                                     {"village_name", Name(view, h.village_code)},
                                     {"team_name", TextOrNull(TeamLabel(view, h.village_code))},
                                     {"number", TextOrNull(h.number)},
                                     {"head_name", TextOrNull(h.head_name)},
                                     {"address", TextOrNull(h.address_mask)},
                                     {"visited", h.judged.visited},
                                     {"covered", h.judged.covered},
                                     {"last_visit", h.judged.last_visit ? nlohmann::json(FormatDate(*h.judged.last_visit)) : nlohmann::json(nullptr)},
                                     {"persons", h.judged.persons.size()},
                                     {"seen", h.judged.seen},
                                     {"with_reason", h.judged.with_reason},
                                     {"not_seen", h.judged.not_seen},
                                     {"version", h.version}});
                  }
                  auto body = http::ListBody(items, page.total, p);
                  body["period"] = PeriodJson(sel.value());
                  return JsonResponse(200, body);
                });
              }});

  router.Add({.method = "GET",
              .pattern = "/api/v1/coverage/persons",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                auto p = http::ParseListParams(req, {"village"}, "village");
                const std::string state = req.Query("state");
                if (!state.empty() && state != "not_seen" && state != "reason" && state != "seen")
                  return http::Problem({Invalid("state", "state 应为 not_seen、reason 或 seen")});
                auto sel = s.db.Read([&](soci::session& sql) { return Selection(sql, req); });
                if (!sel.ok()) return http::Problem(sel.errors());
                EnsureSummary(s.db, req.who().scope, sel.value());
                return s.db.Read([&](soci::session& sql) -> Response {
                  const auto view = ReadSums(sql, req.who().scope, sel.value());
                  const auto page = PersonsPage(sql, req.who().scope, sel.value(), view, state, p.Offset(), p.size);
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& r : page.lines) {
                    items.push_back({{"id", r.person->id},
                                     {"name", r.person->name},
                                     {"sex", r.person->sex},
                                     {"relation", r.person->relation},
                                     {"id_number", r.person->id_mask},
                                     {"phone", TextOrNull(r.person->phone_mask)},
                                     {"household_id", r.household->id},
                                     {"household_number", TextOrNull(r.household->number)},
                                     {"head_name", TextOrNull(r.household->head_name)},
                                     {"village_code", r.household->village_code},
                                     {"village_name", Name(view, r.household->village_code)},
                                     {"household_visited", r.household->judged.visited},
                                     {"state", StateName(r.judged->state)},
                                     {"reason", TextOrNull(r.judged->reason)},
                                     {"household_version", r.household->version}});
                  }
                  auto body = http::ListBody(items, page.total, p);
                  body["period"] = PeriodJson(sel.value());
                  return JsonResponse(200, body);
                });
              }});

  // The not-yet lists for the team's next trip: households not visited and persons not seen
  // (nor accounted for). Masked unless the caller holds health:registry:pii; a full export is
  // audited as a reveal of every person in it.
  router.Add({.method = "GET",
              .pattern = "/api/v1/coverage/export",
              .permission = "health:visit:list",
              .handler = [&s](Request& req) -> Response {
                const bool pii = req.who().Has("health:registry:pii");
                struct Out {
                  std::string bytes, title;
                };
                auto r = s.db.Read([&](soci::session& sql) -> Result<Out> {
                  auto sel = Selection(sql, req);
                  if (!sel.ok()) return sel.errors();
                  sel.value().query.sealed = pii;
                  const auto d = LoadCoverage(sql, req.who().scope, sel.value().query);
                  platform::xport::Sheet households{"未走访户", sel.value().period.title + "未走访户（截至" + FormatDate(sel.value().query.as_of) + "）",
                                                    {"村", "帮扶队", "户编号", "户主", "住址", "人数"}, {}, {}};
                  for (const auto& h : d.households) {
                    if (h.judged.visited) continue;
                    households.rows.push_back({Name(d, h.village_code), TeamLabel(d, h.village_code), h.number, h.head_name,
                                               h.address_mask, std::to_string(h.judged.persons.size())});
                  }
                  platform::xport::Sheet persons{"未见面人员", sel.value().period.title + "未见面人员",
                                                 {"村", "户编号", "户主", "姓名", "与户主关系", "身份证号", "联系电话"}, {}, {}};
                  std::vector<int64_t> revealed;
                  for (const auto& row : PersonsIn(d, "not_seen")) {
                    std::string id = row.person->id_mask, phone = row.person->phone_mask;
                    if (pii) {
                      if (auto v = s.cipher.Decrypt(row.person->id_enc, registry::PersonIdNumberAd(row.household->tenant_id)); v.ok()) id = v.value();
                      if (!row.person->phone_enc.empty())
                        if (auto v = s.cipher.Decrypt(row.person->phone_enc, registry::PersonPhoneAd(row.household->tenant_id)); v.ok()) phone = v.value();
                      revealed.push_back(row.person->id);
                    }
                    persons.rows.push_back({Name(d, row.household->village_code), row.household->number, row.household->head_name,
                                            row.person->name, row.person->relation, id, phone});
                  }
                  auto bytes = platform::xport::WriteXlsx({households, persons});
                  if (!bytes.ok()) return bytes.errors();
                  if (pii) {
                    auto ev = audit::EventFor(req, "reveal", "person", "coverage-export");
                    ev.after = {{"persons", revealed.size()}, {"period", sel.value().period.key}, {"export", "coverage"}};
                    audit::AppendAlone(s.db, ev);
                  }
                  return Out{std::move(bytes.value()), sel.value().period.title};
                });
                if (!r.ok()) return http::Problem(r.errors());
                Response res;
                res.content_type = platform::xport::kXlsxContentType;
                res.body = std::move(r.value().bytes);
                res.headers.push_back({"Content-Disposition", platform::xport::AttachmentHeader(
                                                                  r.value().title + "走访未完成名单.xlsx", "coverage.xlsx")});
                return res;
              }});
}

}  // namespace qizhi::health::outreach
