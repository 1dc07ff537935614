// Rules of the 建档立卡 registry: what a valid household and a valid household member are, the
// one-户主 rule and a member's leaving. The lists are those of the national 建档立卡 system
// (致贫原因, 户类型) and of the 国家基本公共卫生服务规范 (慢性病). Pure functions over plain
// structs, no I/O, thread-safe. Every error names the request field and says in Chinese what is
// wrong.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::health::registry {

const std::vector<std::string>& PovertyCauses();    // 因病 … 其他 (12)
const std::vector<std::string>& HouseholdStatuses(); // 未脱贫, 脱贫, 监测对象
const std::vector<std::string>& MonitorKinds();     // 脱贫不稳定户, 边缘易致贫户, 突发严重困难户
const std::vector<std::string>& Relations();        // 户主, 配偶, 妻, 夫, 子, 女, …, 其他
const std::vector<std::string>& ChronicConditions();// 高血压, 2型糖尿病, …, 其他
const std::vector<std::string>& DisabilityKinds();  // 视力, 听力, 言语, 肢体, 智力, 精神, 多重
const std::vector<std::string>& DisabilityGrades(); // 一级 … 四级
const std::vector<std::string>& LeaveReasons();     // 迁出, 死亡, 分户, 婚嫁, 其他
inline constexpr std::string_view kHead = "户主";

struct HouseholdInput {
  std::string village_code;   // 12-digit village code (the store checks it is a loaded village)
  std::string number;         // 户编号, optional, unique in the tenant
  std::string group_name;     // 村民小组, optional
  std::string address;        // optional; stored encrypted
  std::string poverty_cause;
  std::string status;
  std::string status_since;   // YYYY-MM-DD
  std::string monitor_kind;   // only for 监测对象, required then
  std::string registered_on;  // 建档立卡日期
  std::optional<int64_t> income_year;
  std::optional<int64_t> income_fen;  // 人均纯收入, integer fen
  std::string note;
};

// All errors at once; the returned input is trimmed. registered_on and status_since are real
// dates not after `today`, status_since not before registered_on; income_fen ≥ 0 with its year
// (1990 … today's year) when given.
Result<HouseholdInput> ValidateHousehold(const HouseholdInput& in, const Date& today);

struct PersonInput {
  std::string name;
  std::string id_number;
  std::string sex;            // optional: when given, must match the ID number
  std::string relation;
  std::string phone;          // optional: mobile 1[3-9]+9 digits, or a landline 0xx(x)-xxxxxxx(x)
  std::vector<std::string> chronic;
  std::string disability;     // "" or 类别+等级, e.g. 肢体二级
  std::string joined_on;      // optional: 入户 (newborn, married in)
  std::string left_on;        // optional, with left_reason
  std::string left_reason;
};

struct ValidPerson {
  PersonInput input;          // trimmed; id_number normalised; chronic deduplicated in list order
  std::string birth_date;     // from the ID number
  std::string sex;            // 男 | 女, from the ID number
  std::string chronic;        // comma-separated, as stored
};

// name 1-30 characters; id_number per GB 11643 (platform/pii), birth not after `today`; sex when
// given agrees with the number; relation, chronic, disability from the lists; phone a mobile or
// landline; joined_on not before birth, not in the future; left_on not before joined_on (or birth),
// not in the future, and with a reason from the list (both or neither).
Result<ValidPerson> ValidatePerson(const PersonInput& in, const Date& today);

// "高血压,2型糖尿病" → its items (blank items dropped). The stored and imported form.
std::vector<std::string> SplitList(std::string_view text);

// A member of a household as the 户主 rule sees it.
struct MemberRelation {
  int64_t person_id = 0;
  std::string name;
  std::string relation;
  bool current = true;  // not left
};
// Exactly one current member is 户主 (a household with no current member has none): refused on
// `field` naming the other head, or asking for one.
Status CheckOneHead(const std::vector<MemberRelation>& members, std::string_view field = "relation");

// Leaving (迁出, 死亡 …): on a real date not before joined_on/birth and not in the future, with a
// reason from the list.
Status ValidateLeave(const std::string& left_on, const std::string& reason, const std::string& since,
                     const Date& today);

// Closing a household (销户): a reason is required, the date real and not in the future.
Status ValidateClose(const std::string& closed_on, const std::string& reason, const std::string& registered_on,
                     const Date& today);

}  // namespace qizhi::health::registry
