#include "party/org/overview.hpp"

#include <algorithm>
#include <map>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace qizhi::party::org {

namespace {
// Path "/1/5/23/" → ids {1, 5, 23}.
std::vector<int64_t> PathIds(const std::string& path) {
  std::vector<int64_t> ids;
  int64_t cur = 0;
  bool in = false;
  for (char c : path) {
    if (c >= '0' && c <= '9') {
      cur = cur * 10 + (c - '0');
      in = true;
    } else if (in) {
      ids.push_back(cur);
      cur = 0;
      in = false;
    }
  }
  return ids;
}

}  // namespace

std::vector<UnitOverview> LoadOverview(soci::session& sql, const Scope& scope, const Date& today) {
  auto units = ListUnits(sql, scope);
  auto counts = DirectMemberCounts(sql, scope);
  auto committees = CurrentCommittees(sql, scope);
  auto posts = CurrentPartyPosts(sql, scope);

  std::vector<UnitOverview> out;
  out.reserve(units.size());
  std::map<int64_t, size_t> index;
  for (auto& u : units) {
    UnitOverview o;
    o.unit = std::move(u);
    index[o.unit.id] = out.size();
    out.push_back(std::move(o));
  }
  // Each member counts in its own unit and every ancestor the caller can see.
  for (auto& o : out) {
    auto ids = PathIds(o.unit.path);
    o.depth = static_cast<int>(ids.size()) - 1;
    auto it = counts.find(o.unit.id);
    if (it == counts.end()) continue;
    o.direct_members = it->second.full + it->second.probationary;
    for (int64_t id : ids) {
      auto at = index.find(id);
      if (at == index.end()) continue;
      auto& target = out[at->second];
      target.full_members += it->second.full;
      target.probationary_members += it->second.probationary;
      target.members += it->second.full + it->second.probationary;
    }
  }
  // A secretary is the earliest current 书记 of the unit (two at once is a data error the list shows).
  for (const auto& p : posts) {
    if (p.title != "书记") continue;
    auto at = index.find(p.unit_id);
    if (at == index.end()) continue;
    auto& o = out[at->second];
    if (!o.secretary || p.started_on < o.secretary->started_on) o.secretary = p;
  }
  for (auto& o : out) {
    auto c = committees.find(o.unit.id);
    if (c != committees.end()) o.committee = c->second;
    UnitFacts f;
    f.kind = o.unit.kind;
    f.full_members = o.full_members;
    f.probationary_members = o.probationary_members;
    f.has_secretary = o.secretary.has_value();
    if (o.committee) {
      f.committee_size = o.committee->size;
      f.term_ends_on = ParseDate(o.committee->term_ends_on);
    }
    o.warnings = UnitWarnings(f, today);
  }
  return out;
}

Result<Unit> ParseOrgParam(soci::session& sql, const Scope& scope, const std::string& text) {
  const bool digits =
      !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoll(text) <= 0) return Invalid("org", "组织编号应为正整数");
  auto unit = FindUnit(sql, scope, std::stoll(text));
  if (!unit) return Error{ErrorCode::kNotFound, "组织不存在或不在您的管理范围内", "org"};
  return *unit;
}

Result<Unit> WritableUnit(soci::session& sql, const Scope& scope, int64_t id, const std::string& field,
                          const std::string& noun) {
  const Scope write = WriteScope(scope);
  auto unit = FindUnit(sql, write, id);
  if (!unit) {
    if (FindUnit(sql, WholeTenant(write.home_tenant), id))
      return Error{ErrorCode::kForbidden, noun + "不在您的管理范围内", field};
    return Invalid(field, noun + "不存在");
  }
  if (unit->ended_at) return Invalid(field, noun + "已撤销");
  return *unit;
}

Result<UnitFilter> ParseUnitFilter(soci::session& sql, const Scope& scope, const std::map<std::string, std::string>& query) {
  auto get = [&](const char* name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  UnitFilter f;
  Errors errors;
  if (const std::string org = get("org"); !org.empty()) {
    auto unit = ParseOrgParam(sql, scope, org);
    if (unit.ok()) f.org_path = unit.value().path;
    else if (unit.error().code == ErrorCode::kNotFound) return unit.errors();
    else errors.push_back(unit.error());
  }
  f.kind = get("kind");
  if (!f.kind.empty() && !IsKnownKind(f.kind)) errors.push_back(Invalid("kind", "组织类型应为 committee、general_branch、branch 或 group"));
  f.warning = get("warning");
  if (!f.warning.empty() && f.warning != "any") {
    const auto& codes = WarningCodes();
    if (std::none_of(codes.begin(), codes.end(), [&](const auto& c) { return c.first == f.warning; }))
      errors.push_back(Invalid("warning", "未知的预警类型: " + f.warning));
  }
  f.size_band = get("size_band");
  if (!f.size_band.empty() && !SizeBandBounds(f.size_band)) errors.push_back(Invalid("size_band", "规模区间应为 lt3、3to6、7to50 或 gt50"));
  f.q = get("q");
  if (!errors.empty()) return errors;
  return f;
}

bool Matches(const UnitOverview& o, const UnitFilter& f) {
  if (f.org_path && o.unit.path.rfind(*f.org_path, 0) != 0) return false;
  if (!f.kind.empty() && o.unit.kind != f.kind) return false;
  if (f.warning == "any" && o.warnings.empty()) return false;
  if (!f.warning.empty() && f.warning != "any" &&
      std::none_of(o.warnings.begin(), o.warnings.end(), [&](const Warning& w) { return w.code == f.warning; }))
    return false;
  if (!f.size_band.empty() && SizeBand(o.members) != f.size_band) return false;
  if (!f.q.empty() && o.unit.name.find(f.q) == std::string::npos) return false;
  return true;
}

}  // namespace qizhi::party::org
