// Branch quantitative scoring (量化记分制) and commendations: the default checklists (the 六有
// venue standard and 支部工作), what a valid checklist and inspection are, the annual
// target-responsibility assessment (weighted measures → one score → a ranking), and what a valid
// commendation is. Pure functions over plain structs, no I/O, thread-safe.
//
// Numbers are integers throughout: item scores are whole points; a measure is per mille
// (0..1000, 873 = 87.3%); weights are whole percent summing to 100; a branch's assessment score is
// per mille of 100 points, so 873 is shown "87.3" — one decimal, no floating point anywhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::scoring {

// ---- checklists ----
struct ChecklistItem {
  std::string code;  // stable within the checklist: "flag", "oath" …
  std::string title;
  int max_score = 0;  // 1..100
  std::string guidance;
};
struct Checklist {
  std::string code;  // liuyou, branch_work, or the tenant's own
  std::string title;
  std::vector<ChecklistItem> items;
};
inline constexpr std::string_view kLiuyou = "liuyou";
inline constexpr std::string_view kBranchWork = "branch_work";
// Every tenant starts with these (stored at tenant creation, and by migration 0010 for tenants
// that existed before it): 六有 (有制度, 有党旗, 有誓词, 有专栏, 有电脑, 有台账) and 支部工作.
const std::vector<Checklist>& DefaultChecklists();
// code [a-z0-9_] 1-40, title 1-60, 1-50 items with unique codes, titles 1-60, max 1-100,
// guidance ≤ 500. Errors name the field ("items[2].max_score").
Status ValidateChecklist(const Checklist& c);
int MaxTotal(const Checklist& c);

// ---- inspections ----
struct ItemScore {
  std::string code;
  int score = 0;
  std::string note;
};
// One score per item of the checklist, each 0..max_score; notes ≤ 200; no unknown or repeated
// code. Errors name "scores[i].score" or "scores" (an item left out).
Status ValidateScores(const Checklist& c, const std::vector<ItemScore>& scores);
int TotalOf(const std::vector<ItemScore>& scores);

// ---- assessment ----
// The measures of a branch's year, each per mille; absent when there is nothing to measure (no
// inspection in the year, no meeting owed, no study meeting, no dues data).
enum class Measure { kInspection, kMeetings, kStudy, kDues };
inline constexpr Measure kMeasures[] = {Measure::kInspection, Measure::kMeetings, Measure::kStudy, Measure::kDues};
std::string_view MeasureCode(Measure m);   // inspection, meetings, study, dues
std::string_view MeasureTitle(Measure m);  // 检查评分, 组织生活按期开展, 学习出勤, 按期交纳党费

struct Weights {
  int inspection = 40, meetings = 30, study = 15, dues = 15;  // the defaults, percent
  int Of(Measure m) const;
};
// Each 0..100, summing to exactly 100; errors name "weights.<code>" or "weights".
Status ValidateWeights(const Weights& w);

struct Measures {
  std::optional<int> inspection, meetings, study, dues;
  std::optional<int> Of(Measure m) const;
};

struct Assessment {
  std::optional<int> score;         // per mille of 100 points; absent when no weighted measure is present
  std::vector<std::string> used;    // codes of the measures that entered the score
  std::vector<std::string> missing; // codes of the weighted measures that were absent
};
// Σ weight·measure over the present measures with a weight, divided by the sum of those weights
// (the absent measures' weights are left out and the rest renormalised), rounded half up.
// A measure with weight 0 is neither used nor missing.
Assessment Assess(const Measures& m, const Weights& w);

struct Ranked {
  int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_path;  // tree order breaks ties in the listing
  std::optional<int> score;
  int rank = 0;  // 1-based, ties share a rank (1, 1, 3); 0 when unscored
};
// Highest score first; equal scores share the rank and are listed in tree order; the unscored
// follow, unranked, in tree order.
void Rank(std::vector<Ranked>& rows);

// Meeting cadence compliance: periods met out of periods judged (met + missed); an open period
// (not yet ended) counts only once met. nullopt when nothing was judged.
struct CadenceTally {
  int met = 0;
  int missed = 0;
  int open_met = 0;
};
std::optional<int> CadenceCompliance(const CadenceTally& t);

// "87.3" for 873.
std::string ScoreText(int per_mille);

// ---- commendations ----
inline constexpr std::string_view kAdvancedBranch = "advanced_branch";        // 先进党支部
inline constexpr std::string_view kOutstandingWorker = "outstanding_worker";  // 优秀党务工作者
inline constexpr std::string_view kOutstandingMember = "outstanding_member";  // 优秀共产党员
const std::vector<std::string>& CommendationKinds();
bool IsCommendationKind(std::string_view kind);
std::string KindTitle(std::string_view kind);
bool IsForUnit(std::string_view kind);  // 先进党支部: a unit; the others: a member

inline constexpr int kFirstYear = 2000;
// "YYYY" from kFirstYear to today's year; an error naming `field` otherwise.
Result<int> ParseYear(std::string_view text, const Date& today, const std::string& field = "year");

struct CommendationInput {
  std::string kind;
  int year = 0;
  std::string decided_on;  // YYYY-MM-DD
  std::string basis;       // 表彰决定 / 文件
};
// Kind known; year valid; decided_on a date in the year or the next (七一 表彰 of last year's
// work), not in the future; basis 1-200 characters.
Status ValidateCommendation(const CommendationInput& in, const Date& today);

}  // namespace qizhi::party::scoring
