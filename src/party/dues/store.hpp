// SQL of 党费 (dues): pay items, bases, monthly dues rows, payments and their lines, unpaid
// reasons, and the sums behind the ledger, arrears and totals. Reads take the caller's Scope
// (tenant + org subtree, matched on the member's unit_path); writes take the tenant and run
// inside the caller's Write transaction. Nothing is deleted: a month row is superseded by the row
// that replaces it, a payment is voided by a void row.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "party/dues/rules.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::party::dues {

// ---- for other areas (member points, branch assessment): was a month's due paid on time? ----
struct DuesMonthStatus {
  int64_t member_id;
  int64_t unit_id;
  std::string month;  // YYYY-MM
  int64_t due_fen;
  int64_t paid_fen;
  std::optional<std::string> settled_on;  // date fully paid
  bool on_time;                           // fully paid by the last day of that month
};
// Every current month row of the tenant whose member's unit path starts with `unit_path_prefix`
// ("/1/5/" = that subtree, "" = the whole tenant), months within [from_month, to_month], ordered
// by member and month. Voided payments do not count.
std::vector<DuesMonthStatus> DuesMonthStatuses(soci::session& sql, int64_t tenant_id, const std::string& unit_path_prefix,
                                               const std::string& from_month, const std::string& to_month);

// A member as dues see them; found through the scope (404 material when nullopt).
struct DuesMember {
  int64_t tenant_id = 0;
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name, name, status, joined_on, category, state, tenant_name;
};
std::optional<DuesMember> FindDuesMember(soci::session& sql, const Scope& scope, int64_t member_id);

// ---- pay items ----
// The tenant's stored items in order, else DefaultPayItems().
std::vector<PayItem> PayItemsOf(soci::session& sql, int64_t tenant_id, bool* stored = nullptr);
void ReplacePayItems(soci::session& sql, int64_t tenant_id, const std::vector<PayItem>& items, int64_t user_id);

// ---- bases ----
struct BaseRecord {
  int64_t id = 0;
  int64_t member_id = 0;
  BaseInput in;
  int64_t tax_fen = 0, insurance_fen = 0;
  std::string items_json;  // [{name, amount_fen, regular}] when source = items
  int rate_bp = 0;
  int64_t monthly_fen = 0;
  std::string note, created_at;
};
int64_t InsertBase(soci::session& sql, int64_t tenant_id, const BaseRecord& b, int64_t user_id);
// Bases of many members in a few statements (without their items; the demo and imports).
void InsertBases(soci::session& sql, int64_t tenant_id, const std::vector<BaseRecord>& bases, int64_t user_id);
// member → id of the member's most recently recorded base.
std::map<int64_t, int64_t> LatestBaseIds(soci::session& sql, int64_t tenant_id);
// A member's bases, oldest effective first.
std::vector<BaseRecord> BasesOf(soci::session& sql, int64_t tenant_id, int64_t member_id);

// The base list: members on today's roll in scope with their current base (the latest one).
struct BaseFilter {
  std::optional<std::string> org_path;
  std::string q;         // name contains
  std::string category;  // of the current base
  bool missing = false;  // only members without any base
};
struct BaseListItem {
  DuesMember member;
  std::optional<BaseRecord> base;
};
int64_t CountBaseList(soci::session& sql, const Scope& scope, const BaseFilter& f);
std::vector<BaseListItem> ListBaseList(soci::session& sql, const Scope& scope, const BaseFilter& f, int64_t offset,
                                       int64_t limit);

// ---- month rows ----
struct MonthRow {
  int64_t id = 0;
  int64_t member_id = 0;
  int64_t unit_id = 0;
  std::string unit_path, month;
  int64_t due_fen = 0;
  std::optional<int64_t> base_id, corrects_id;
  std::string kind, reason, created_at;
  std::optional<std::string> superseded_at;
};
// The member's current rows with months in [from, to], in month order.
std::vector<MonthRow> MonthsOf(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                               const std::string& to);
// Every row of the member in [from, to], superseded ones too (the ledger's history).
std::vector<MonthRow> MonthHistoryOf(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                                     const std::string& to);
std::optional<MonthRow> FindMonthRow(soci::session& sql, const Scope& scope, int64_t id);
int64_t InsertMonthRow(soci::session& sql, int64_t tenant_id, const MonthRow& r, int64_t user_id);
// Marks the row superseded; false when it already was (a concurrent correction).
bool SupersedeMonthRow(soci::session& sql, int64_t tenant_id, int64_t id);
// Applied fen per month of the member's valid payments, months in [from, to].
std::map<std::string, int64_t> PaidByMonth(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                           const std::string& from, const std::string& to);

// The member's payment lines of months [from, to] with their payment's date, voided ones too.
struct MemberLine {
  int64_t payment_id = 0;
  std::string month, paid_on;
  int64_t applied_fen = 0, extra_fen = 0;
  bool voided = false;
};
std::vector<MemberLine> LinesOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& from,
                                      const std::string& to);

// ---- generation (a year for every member on the roll in scope) ----
struct GenerationInput {
  DuesMember member;
  std::vector<BaseSpan> bases;
  std::map<std::string, int64_t> existing;  // month → current row id
};
// Members on today's roll in `scope` with their bases and the current rows of [from, to]:
// three statements whatever the roll's size.
std::vector<GenerationInput> LoadGeneration(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to);
// Writes generated rows in batches (one statement per few hundred rows).
void InsertGenerated(soci::session& sql, int64_t tenant_id, const std::vector<MonthRow>& rows, int64_t user_id);

// ---- payments ----
struct PaymentRecord {
  int64_t id = 0;
  int64_t tenant_id = 0;
  std::string kind = "payment";
  int64_t member_id = 0;
  int64_t unit_id = 0;
  std::string unit_path, unit_name, member_name;
  std::string paid_on;
  int64_t amount_fen = 0;
  std::string method, collector, note;
  std::optional<int64_t> voids_id;
  bool voided = false;
  std::string created_at;
};
struct PaymentLine {
  std::string month;
  int64_t applied_fen = 0;
  int64_t extra_fen = 0;
};
int64_t InsertPayment(soci::session& sql, const PaymentRecord& p, const std::vector<PaymentLine>& lines, int64_t user_id);
// Writes the void row and marks the payment and its lines voided; false when already voided.
bool VoidPayment(soci::session& sql, const PaymentRecord& p, const std::string& reason, int64_t user_id);
std::optional<PaymentRecord> FindPayment(soci::session& sql, const Scope& scope, int64_t id);
std::vector<PaymentLine> LinesOf(soci::session& sql, int64_t tenant_id, int64_t payment_id);
// The member's payments (not void rows) paid within the months [from_month, to_month] or with a
// line for one of them, voided ones too, by date.
std::vector<PaymentRecord> PaymentsOfMember(soci::session& sql, int64_t tenant_id, int64_t member_id,
                                            const std::string& from_month, const std::string& to_month);

struct PaymentFilter {
  std::optional<std::string> org_path;
  std::optional<int64_t> member_id;
  std::string from, to;  // paid_on within
  std::string method;
  std::string q;         // member name contains
  std::string state = "valid";  // valid | voided | all
};
int64_t CountPayments(soci::session& sql, const Scope& scope, const PaymentFilter& f);
std::vector<PaymentRecord> ListPayments(soci::session& sql, const Scope& scope, const PaymentFilter& f,
                                        const std::string& sort, bool desc, int64_t offset, int64_t limit);

// ---- arrears and totals ----
// Per member on today's roll in scope: the current rows of [from, to] with what was applied.
struct MemberBalances {
  DuesMember member;
  std::vector<MonthBalance> months;
};
std::vector<MemberBalances> BalancesInScope(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to);
// The current reason recorded for each member of `ids` that has one.
std::map<int64_t, std::string> CurrentReasons(soci::session& sql, int64_t tenant_id, const std::vector<int64_t>& ids);
void RecordReason(soci::session& sql, int64_t tenant_id, int64_t member_id, const std::string& reason, int64_t user_id);

// Sums per unit path and month of current rows (due, members) and valid lines (applied, extra).
struct PathMonthSum {
  std::string unit_path, month;
  int64_t due_fen = 0, paid_fen = 0, extra_fen = 0, members = 0;
};
std::vector<PathMonthSum> SumsByPathMonth(soci::session& sql, const Scope& scope, const std::string& from_month,
                                          const std::string& to_month);

}  // namespace qizhi::party::dues
