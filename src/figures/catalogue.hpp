// Figures: the numbers the seeds quote ("430 名党员", "48 个党支部"), computed from the records at
// request time and each able to open the list behind it. A figure is defined by the list it
// counts: its value is that list's `total` under the same parameters, and each group's value is
// the total of the same list with one more parameter. No cache, so nothing can go stale — except
// the health figures, which read the coverage summary that every visit and registry write keeps
// current (health/outreach/coverage_summary.hpp), prepared before the read when a period is new.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"
#include "platform/db/database.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::figures {

using Params = std::map<std::string, std::string>;

struct FilterSpec {
  std::string name;   // query parameter
  std::string title;  // 中文
  std::string type;   // org | date | enum
  std::vector<std::pair<std::string, std::string>> options;  // enum: value → label
};

struct Group {
  std::string key;
  std::string label;
  int64_t value = 0;
  std::string records;  // list URL whose total is `value`
};

struct FigureValue {
  int64_t value = 0;
  std::string records;
  std::vector<Group> groups;
  Params filters;  // the filters applied
};

struct Context {
  soci::session& sql;
  const Scope& scope;
  const platform::pii::Cipher& cipher;
  // The caller, for figures narrowed by more than the Scope (the health figures: 分片负责).
  int64_t user_id = 0;
  const std::set<std::string>* permissions = nullptr;
};

struct Figure {
  std::string name;
  std::string title;
  std::string unit;  // 人, 个
  std::vector<FilterSpec> filters;
  std::function<Result<FigureValue>(Context&, const Params&)> compute;
  // Needed besides figures:view (empty: none). The catalogue lists a figure only to those who
  // hold it, so a dashboard never shows a card its reader would get a 403 for.
  std::string permission;
  // Work to do before the read, outside it (a write): the health figures build their period's
  // coverage summary the first time it is asked for. Empty for most figures.
  std::function<void(platform::db::Database&, const Scope&, int64_t user_id, const std::set<std::string>& permissions,
                     const Params&)>
      prepare;
};

// Every figure: the party organisation and members (party_figures.cpp), then each area's own
// (life_figures.cpp, development_figures.cpp, study_figures.cpp, dues_figures.cpp), in that order.
const std::vector<Figure>& Catalogue();
std::vector<Figure> PartyFigures();
std::vector<Figure> LifeFigures();
std::vector<Figure> DevelopmentFigures();
std::vector<Figure> StudyFigures();
std::vector<Figure> DuesFigures();
std::vector<Figure> ScoringFigures();
std::vector<Figure> PointsFigures();
std::vector<Figure> IntegrityFigures();
std::vector<Figure> HealthFigures();
const Figure* FindFigure(const std::string& name);

}  // namespace qizhi::figures
