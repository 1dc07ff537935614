// The first figures: members by unit, status, age band and post; branches by size band; units
// with warnings. Each counts through the same parser and query as the list it links to.
#include <algorithm>
#include <set>

#include "figures/catalogue.hpp"
#include "party/members/filter_params.hpp"
#include "party/members/rules.hpp"
#include "party/members/store.hpp"
#include "party/org/overview.hpp"
#include "party/org/rules.hpp"
#include "platform/core/clock.hpp"
#include "platform/http/request.hpp"

namespace qizhi::figures {

namespace {
namespace members = party::members;
namespace org = party::org;

constexpr const char* kMembersUrl = "/api/v1/members";
constexpr const char* kUnitsUrl = "/api/v1/org/units";

// Only the filters a figure declares are taken from the request.
Params Declared(const Params& query, std::initializer_list<const char*> names) {
  Params p;
  for (const char* n : names) {
    auto it = query.find(n);
    if (it != query.end() && !it->second.empty()) p[n] = it->second;
  }
  return p;
}

Result<int64_t> CountMembersWith(Context& c, const Params& p) {
  auto f = members::ParseMemberFilter(c.sql, c.scope, c.cipher, p);
  if (!f.ok()) return f.errors();
  return members::CountMembers(c.sql, c.scope, f.value());
}

// A member figure: the base count and one group per (key, label, extra parameter value).
Result<FigureValue> MemberGroups(Context& c, const Params& query, const std::string& param,
                                 const std::vector<std::pair<std::string, std::string>>& groups) {
  FigureValue v;
  v.filters = Declared(query, {"org", "to"});
  auto total = CountMembersWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kMembersUrl, v.filters);
  for (const auto& [key, label] : groups) {
    Params p = v.filters;
    p[param] = key;
    auto n = CountMembersWith(c, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({key, label, n.value(), platform::http::ListUrl(kMembersUrl, p)});
  }
  return v;
}

Result<FigureValue> MembersByUnit(Context& c, const Params& query) {
  FigureValue v;
  v.filters = Declared(query, {"org", "to"});
  auto total = CountMembersWith(c, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kMembersUrl, v.filters);
  // Groups: the children of `org`, plus the members recorded in `org` itself (本级); without an
  // org, the tops of what the caller can see (a hospital's 党委, or each hospital for 上级).
  // On a past date, units ended since then still held members: they are groups too (when not empty).
  const bool past = v.filters.count("to") && v.filters.at("to") < TodayShanghai();
  auto units = org::ListUnits(c.sql, c.scope, past);
  std::set<int64_t> visible;
  for (const auto& u : units) visible.insert(u.id);
  std::optional<int64_t> parent;
  if (auto it = v.filters.find("org"); it != v.filters.end()) parent = std::stoll(it->second);
  if (!parent) {
    // A single top (one hospital's 党委, a secretary's branch) says nothing as one bar: open it.
    std::vector<int64_t> tops;
    for (const auto& u : units)
      if (!u.parent_id || !visible.count(*u.parent_id)) tops.push_back(u.id);
    if (tops.size() == 1) parent = tops.front();
  }
  for (const auto& u : units) {
    bool child = parent ? (u.parent_id && *u.parent_id == *parent)
                        : (!u.parent_id || !visible.count(*u.parent_id));
    if (!child) continue;
    Params p = v.filters;
    p["org"] = std::to_string(u.id);
    auto n = CountMembersWith(c, p);
    if (!n.ok()) return n.errors();
    if (u.ended_at && n.value() == 0) continue;
    v.groups.push_back({std::to_string(u.id), u.name, n.value(), platform::http::ListUrl(kMembersUrl, p)});
  }
  if (parent) {
    Params p = v.filters;
    p["org"] = std::to_string(*parent);
    p["direct"] = "1";
    auto n = CountMembersWith(c, p);
    if (!n.ok()) return n.errors();
    if (n.value() > 0) v.groups.push_back({"direct", "本级", n.value(), platform::http::ListUrl(kMembersUrl, p)});
  }
  return v;
}

Result<int64_t> CountUnitsWith(Context& c, const std::vector<org::UnitOverview>& all, const Params& p) {
  auto f = org::ParseUnitFilter(c.sql, c.scope, p);
  if (!f.ok()) return f.errors();
  return static_cast<int64_t>(
      std::count_if(all.begin(), all.end(), [&](const org::UnitOverview& o) { return org::Matches(o, f.value()); }));
}

Result<FigureValue> UnitGroups(Context& c, const Params& query, Params base, const std::string& param,
                               const std::vector<std::pair<std::string, std::string>>& groups) {
  FigureValue v;
  v.filters = Declared(query, {"org"});
  for (const auto& [k, val] : base) v.filters[k] = val;
  // The list computes its overview the same way, from the same records, at request time.
  auto all = org::LoadOverview(c.sql, c.scope, TodayDate());
  auto total = CountUnitsWith(c, all, v.filters);
  if (!total.ok()) return total.errors();
  v.value = total.value();
  v.records = platform::http::ListUrl(kUnitsUrl, v.filters);
  for (const auto& [key, label] : groups) {
    Params p = v.filters;
    p[param] = key;
    auto n = CountUnitsWith(c, all, p);
    if (!n.ok()) return n.errors();
    v.groups.push_back({key, label, n.value(), platform::http::ListUrl(kUnitsUrl, p)});
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> Same(const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& v : values) out.push_back({v, v});
  return out;
}

FilterSpec OrgFilter() { return {"org", "组织", "org", {}}; }
FilterSpec AsOfFilter() { return {"to", "截至日期", "date", {}}; }

}  // namespace

std::vector<Figure> PartyFigures() {
  return {
      {"members_by_unit", "党员人数（按组织）", "人", {OrgFilter(), AsOfFilter()}, MembersByUnit},
      {"members_by_status", "党员人数（按党员类别）", "人", {OrgFilter(), AsOfFilter()},
       [](Context& c, const Params& q) { return MemberGroups(c, q, "status", {{"正式", "正式党员"}, {"预备", "预备党员"}}); }},
      {"members_by_age_band", "党员人数（按年龄段）", "人", {OrgFilter(), AsOfFilter()},
       [](Context& c, const Params& q) { return MemberGroups(c, q, "age_band", members::AgeBands()); }},
      {"members_by_post", "担任党内职务的党员（按职务）", "人", {OrgFilter(), AsOfFilter()},
       [](Context& c, const Params& q) -> Result<FigureValue> {
         Params with_post = q;
         with_post["post"] = "any";
         auto v = MemberGroups(c, with_post, "post", Same(members::PartyPosts()));
         if (!v.ok()) return v;
         // The base is everyone holding some party post: count it with post=any.
         Params p = v.value().filters;
         p["post"] = "any";
         auto n = CountMembersWith(c, p);
         if (!n.ok()) return n.errors();
         v.value().value = n.value();
         v.value().records = platform::http::ListUrl(kMembersUrl, p);
         v.value().filters = p;
         return v;
       }},
      {"branches_by_size_band", "党支部（按党员人数）", "个", {OrgFilter()},
       [](Context& c, const Params& q) {
         return UnitGroups(c, q, {{"kind", std::string(org::kBranch)}}, "size_band", org::SizeBands());
       }},
      {"units_with_warnings", "有预警的党组织", "个", {OrgFilter()},
       [](Context& c, const Params& q) { return UnitGroups(c, q, {{"warning", "any"}}, "warning", org::WarningCodes()); }},
  };
}

const std::vector<Figure>& Catalogue() {
  static const std::vector<Figure> kAll = [] {
    std::vector<Figure> all;
    for (auto part : {PartyFigures, LifeFigures, DevelopmentFigures, StudyFigures, DuesFigures, ScoringFigures, PointsFigures, IntegrityFigures, HealthFigures})
      for (auto& f : part()) all.push_back(std::move(f));
    return all;
  }();
  return kAll;
}

const Figure* FindFigure(const std::string& name) {
  for (const auto& f : Catalogue())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace qizhi::figures
