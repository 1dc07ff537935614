#include "platform/auth/password.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace qizhi::platform::auth {
namespace {

const std::string kTooShort = "密码至少 8 位";
const std::string kTooLong = "密码不能超过 128 字节（一个汉字占 3 字节）";
const std::string kClasses = "密码须包含大写字母、小写字母、数字、符号中的至少 3 类";
const std::string kUsername = "密码不能包含用户名";
const std::string kCommon = "密码过于常见，请换一个";

std::vector<std::string> Messages(const Errors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.message);
  return out;
}

struct Case {
  std::string password;
  std::string username;
  std::vector<std::string> messages;  // in the order CheckPassword reports them
};

TEST(CheckPasswordTest, TableOfCases) {
  const std::vector<Case> cases = {
      {"Qizhi@2026", "admin", {}},
      {"Zhibu#Shuji9", "zhangsan", {}},
      {"abcDEF12", "wang", {}},      // exactly 8, three classes without a symbol
      {"abc def 12", "wang", {}},    // a space counts as a symbol
      {"党建工作Ab12", "wang", {}},  // 8 characters, Chinese counts as a symbol
      {"Aa1!", "admin", {kTooShort}},
      {"", "admin", {kTooShort, kClasses}},
      {"Ab1!xyz", "admin", {kTooShort}},  // 7 characters
      {"abcdefgh", "admin", {kClasses}},
      {"abcdefgh12", "admin", {kClasses}},
      {"ABCDEFGH!!", "admin", {kClasses}},
      {"Admin@2026", "admin", {kUsername}},
      {"xxADMINxx1!", "Admin", {kUsername}},
      {"Qizhi@2026", "zh", {}},  // usernames under 3 characters are not matched
      {"Qizhi@2026", "qizhi", {kUsername}},
      {"password", "admin", {kClasses, kCommon}},
      {"PASSWORD", "admin", {kClasses, kCommon}},
      {"Password1", "admin", {kCommon}},  // three classes, still on the list
      {"P@ssw0rd", "admin", {}},          // not on this list ("passw0rd" is, lower-case)
      {"Passw0rd", "admin", {kCommon}},
      {"123456", "admin", {kTooShort, kClasses, kCommon}},
      {"qwerty", "admin", {kTooShort, kClasses, kCommon}},
      {"Qwerty123", "admin", {kCommon}},
      {std::string(128, 'a') + "", "admin", {kClasses}},
      {"Aa1!" + std::string(125, 'x'), "admin", {kTooLong}},  // 129 bytes
      {"Aa1!" + std::string(124, 'x'), "admin", {}},          // 128 bytes
  };
  const PasswordPolicy policy;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.password + " / " + c.username);
    const Errors errors = CheckPassword(policy, c.password, c.username);
    EXPECT_EQ(Messages(errors), c.messages);
    for (const auto& e : errors) {
      EXPECT_EQ(e.code, ErrorCode::kInvalid);
      EXPECT_EQ(e.field, "new_password");
    }
  }
}

TEST(CheckPasswordTest, MessagesFollowTheConfiguredPolicy) {
  PasswordPolicy policy;
  policy.min_length = 12;
  policy.min_classes = 4;
  EXPECT_EQ(Messages(CheckPassword(policy, "Qizhi2026", "admin", "password")),
            (std::vector<std::string>{"密码至少 12 位",
                                      "密码须包含大写字母、小写字母、数字、符号中的至少 4 类"}));
  EXPECT_EQ(CheckPassword(policy, "Qizhi2026", "admin", "password").front().field, "password");
  EXPECT_TRUE(CheckPassword(policy, "Qizhi@2026-dangban", "admin").empty());

  policy.min_length = 4;
  policy.min_classes = 1;
  EXPECT_TRUE(CheckPassword(policy, "zhibu", "admin").empty());
  EXPECT_EQ(Messages(CheckPassword(policy, "monkey", "admin")), std::vector<std::string>{kCommon});
}

TEST(IsCommonPasswordTest, FindsListedPasswordsIgnoringCase) {
  for (std::string_view p : {"123456", "password", "qwerty", "QWERTY", "Password", "iloveyou",
                             "trustno1", "dragon", "1qaz2wsx", "freepass" /* the last entry */}) {
    SCOPED_TRACE(p);
    EXPECT_TRUE(IsCommonPassword(p));
  }
  for (std::string_view p : {"", "Qizhi@2026", "password123456", "passwor", " password"}) {
    SCOPED_TRACE(p);
    EXPECT_FALSE(IsCommonPassword(p));
  }
}

TEST(PasswordHashTest, HashVerifiesAndCarriesTheParameters) {
  const std::string hash = HashPassword("Qizhi@2026");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_NE(hash.find("$m=19456,t=2,p=1$"), std::string::npos) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "Qizhi@2026"));
  EXPECT_FALSE(VerifyPassword(hash, "qizhi@2026"));
  EXPECT_FALSE(VerifyPassword(hash, "Qizhi@2026 "));
  EXPECT_FALSE(VerifyPassword(hash, ""));
  EXPECT_FALSE(NeedsRehash(hash));
  EXPECT_NE(HashPassword("Qizhi@2026"), hash);  // fresh salt each time
}

TEST(PasswordHashTest, HandlesEmptyAndUnicodePasswords) {
  const std::string empty_hash = HashPassword("");
  EXPECT_TRUE(VerifyPassword(empty_hash, ""));
  EXPECT_FALSE(VerifyPassword(empty_hash, "x"));
  const std::string chinese_hash = HashPassword("旗帜鲜明@2026");
  EXPECT_TRUE(VerifyPassword(chinese_hash, "旗帜鲜明@2026"));
}

TEST(PasswordHashTest, MalformedHashesNeverVerifyAndNeedRehash) {
  const std::string hash = HashPassword("Qizhi@2026");
  std::string tampered = hash;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {std::string(), std::string("plaintext"), std::string("$2y$10$abcdefghijklmnopqrstuv"),
        tampered, hash.substr(0, hash.size() - 10), std::string(200, '$')}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(VerifyPassword(bad, "Qizhi@2026"));
  }
  for (const std::string& bad :
       {std::string(), std::string("plaintext"), std::string("$2y$10$abcdefghijklmnopqrstuv")}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(NeedsRehash(bad));
  }
}

TEST(PasswordHashTest, OtherParametersNeedRehash) {
  // Same password, weaker or stronger settings, as an older release might have stored them.
  std::string hash = HashPassword("Qizhi@2026");
  const std::string weaker = [&] {
    std::string s = hash;
    s.replace(s.find("t=2"), 3, "t=1");
    return s;
  }();
  EXPECT_TRUE(NeedsRehash(weaker));
  const std::string other_memory = [&] {
    std::string s = hash;
    s.replace(s.find("m=19456"), 7, "m=65536");
    return s;
  }();
  EXPECT_TRUE(NeedsRehash(other_memory));
  // argon2i (not id) needs rehashing even with the same numbers.
  std::string argon2i = hash;
  argon2i.replace(0, 10, "$argon2i$");
  EXPECT_TRUE(NeedsRehash(argon2i));
}

TEST(PasswordExpiredTest, TableOfCases) {
  constexpr std::int64_t kDay = 86400;
  constexpr std::int64_t kChanged = 1'767'225'600;  // 2026-01-01T00:00:00Z
  struct ExpiryCase {
    int max_age_days;
    std::int64_t now;
    bool expired;
  };
  const std::vector<ExpiryCase> cases = {
      {90, kChanged, false},
      {90, kChanged + 89 * kDay, false},
      {90, kChanged + 90 * kDay - 1, false},
      {90, kChanged + 90 * kDay, true},
      {90, kChanged + 400 * kDay, true},
      {90, kChanged - kDay, false},  // clock behind the change time
      {1, kChanged + kDay, true},
      {0, kChanged + 10'000 * kDay, false},   // 0: never expires
      {-1, kChanged + 10'000 * kDay, false},  // negative: never expires
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.max_age_days << " days, now " << c.now);
    PasswordPolicy policy;
    policy.max_age_days = c.max_age_days;
    EXPECT_EQ(PasswordExpired(kChanged, c.now, policy), c.expired);
  }
}

}  // namespace
}  // namespace qizhi::platform::auth
