#include "health/registry/divisions.hpp"

#include <algorithm>

#include "platform/db/query.hpp"

namespace qizhi::health::registry {
using platform::db::Fetch;
using platform::db::FetchOne;
using platform::db::Query;
using platform::db::Row;

namespace {

inline constexpr std::string_view kColumns = "SELECT code, name, level, parent_code, full_name FROM divisions";

Division FromRow(const Row& r) {
  return {r.Str("code"), r.Str("name"), r.Str("level"), r.Str("parent_code"), r.Str("full_name")};
}

}  // namespace

std::string LevelOfCode(const std::string& code) {
  if (code.empty() || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return "";
  switch (code.size()) {
    case 2: return "province";
    case 4: return "city";
    case 6: return "county";
    case 9: return "town";
    case 12: return "village";
    default: return "";
  }
}

std::vector<Division> ChildDivisions(soci::session& sql, const std::string& parent) {
  Query q(kColumns);
  if (parent.empty()) q << " WHERE level = 'province'";
  else q << " WHERE parent_code = " << q.Bind(parent);
  q << " ORDER BY code";
  std::vector<Division> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(FromRow(r));
  return out;
}

std::vector<Division> SearchDivisions(soci::session& sql, const std::string& text, const std::string& level,
                                      const std::string& under, int limit) {
  Query q(kColumns);
  q << " WHERE name LIKE " << q.Bind(platform::db::ContainsPattern(text)) << " ESCAPE '\\'";
  if (!level.empty()) q << " AND level = " << q.Bind(level);
  if (!under.empty()) q << " AND code LIKE " << q.Bind(under + "%");
  q << " ORDER BY code LIMIT " << q.Bind(int64_t{limit});
  std::vector<Division> out;
  for (const auto& r : Fetch(sql, q)) out.push_back(FromRow(r));
  return out;
}

std::optional<Division> FindDivision(soci::session& sql, const std::string& code) {
  Query q(kColumns);
  q << " WHERE code = " << q.Bind(code);
  auto r = FetchOne(sql, q);
  if (!r) return std::nullopt;
  return FromRow(*r);
}

std::vector<Division> DivisionPath(soci::session& sql, const std::string& code) {
  std::vector<Division> out;
  for (auto d = FindDivision(sql, code); d; d = d->parent_code.empty() ? std::nullopt : FindDivision(sql, d->parent_code))
    out.push_back(*d);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace qizhi::health::registry
