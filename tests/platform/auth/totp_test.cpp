#include "platform/auth/totp.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace qizhi::platform::auth {
namespace {

std::vector<unsigned char> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

// RFC 6238 Appendix A: each algorithm has its own seed, the ASCII digits repeated to the
// hash's output length.
const std::vector<unsigned char> kSeedSha1 = Bytes("12345678901234567890");
const std::vector<unsigned char> kSeedSha256 = Bytes("12345678901234567890123456789012");
const std::vector<unsigned char> kSeedSha512 =
    Bytes("1234567890123456789012345678901234567890123456789012345678901234");

TEST(HotpTest, Rfc4226AppendixD) {
  const std::vector<std::string> expected = {"755224", "287082", "359152", "969429", "338314",
                                             "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < expected.size(); ++counter) {
    SCOPED_TRACE(counter);
    EXPECT_EQ(Hotp(kSeedSha1, counter), expected[counter]);
  }
}

TEST(HotpTest, DigitsOutsideSixToTenGiveEmpty) {
  EXPECT_EQ(Hotp(kSeedSha1, 0, 5), "");
  EXPECT_EQ(Hotp(kSeedSha1, 0, 11), "");
  EXPECT_EQ(Hotp(kSeedSha1, 0, 7).size(), 7u);
  EXPECT_EQ(Hotp(kSeedSha1, 0, 10).size(), 10u);
  // The 6-digit code is the tail of the longer ones (same truncated value, smaller modulus).
  EXPECT_EQ(Hotp(kSeedSha1, 0, 10).substr(4), "755224");
}

struct TotpVector {
  std::int64_t time;
  TotpAlgorithm algorithm;
  std::string code;
};

TEST(TotpTest, Rfc6238AppendixB) {
  using A = TotpAlgorithm;
  const std::vector<TotpVector> vectors = {
      {59, A::kSha1, "94287082"},
      {59, A::kSha256, "46119246"},
      {59, A::kSha512, "90693936"},
      {1111111109, A::kSha1, "07081804"},
      {1111111109, A::kSha256, "68084774"},
      {1111111109, A::kSha512, "25091201"},
      {1111111111, A::kSha1, "14050471"},
      {1111111111, A::kSha256, "67062674"},
      {1111111111, A::kSha512, "99943326"},
      {1234567890, A::kSha1, "89005924"},
      {1234567890, A::kSha256, "91819424"},
      {1234567890, A::kSha512, "93441116"},
      {2000000000, A::kSha1, "69279037"},
      {2000000000, A::kSha256, "90698825"},
      {2000000000, A::kSha512, "38618901"},
      {20000000000, A::kSha1, "65353130"},
      {20000000000, A::kSha256, "77737706"},
      {20000000000, A::kSha512, "47863826"},
  };
  for (const auto& v : vectors) {
    SCOPED_TRACE(::testing::Message() << v.time << " alg " << static_cast<int>(v.algorithm));
    const auto& seed = v.algorithm == A::kSha1     ? kSeedSha1
                       : v.algorithm == A::kSha256 ? kSeedSha256
                                                   : kSeedSha512;
    EXPECT_EQ(Totp(seed, v.time, 8, 30, v.algorithm), v.code);
  }
}

TEST(TotpTest, DefaultsAreSixDigitsThirtySecondsSha1) {
  EXPECT_EQ(Totp(kSeedSha1, 59), "287082");  // step 1 = HOTP counter 1
  EXPECT_EQ(Totp(kSeedSha1, 0), "755224");
  EXPECT_EQ(Totp(kSeedSha1, 29), "755224");
  EXPECT_EQ(Totp(kSeedSha1, 30), "287082");
  EXPECT_EQ(Totp(kSeedSha1, 60, 6, 60), "287082");  // custom step
  EXPECT_EQ(Totp(kSeedSha1, -1), "");
  EXPECT_EQ(Totp(kSeedSha1, 59, 6, 0), "");
}

class VerifyTotpTest : public ::testing::Test {
 protected:
  static constexpr std::int64_t kNow = 1'767'225'615;  // 2026-01-01T00:00:15Z
  static constexpr std::int64_t kStep = kNow / 30;
  std::vector<unsigned char> key_ = kSeedSha1;
  std::string CodeAt(std::int64_t step) { return Hotp(key_, static_cast<std::uint64_t>(step)); }
};

TEST_F(VerifyTotpTest, AcceptsTheCurrentCode) {
  const auto r = VerifyTotp(key_, Totp(key_, kNow), kNow, -1);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().step, kStep);
}

TEST_F(VerifyTotpTest, AcceptsSpacesInTheCode) {
  const std::string code = CodeAt(kStep);
  const auto r = VerifyTotp(key_, code.substr(0, 3) + " " + code.substr(3), kNow, -1);
  ASSERT_TRUE(r.ok());
}

TEST_F(VerifyTotpTest, WindowBehaviour) {
  struct Case {
    std::int64_t offset;  // steps from now
    int window;
    bool accepted;
  };
  const std::vector<Case> cases = {
      {0, 0, true},   {-1, 0, false}, {1, 0, false}, {-1, 1, true}, {1, 1, true},
      {-2, 1, false}, {2, 1, false},  {-2, 2, true}, {2, 2, true},  {3, 2, false},
      {0, -5, true},  {1, -5, false},  // a negative window is treated as 0
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << "offset " << c.offset << " window " << c.window);
    const auto r = VerifyTotp(key_, CodeAt(kStep + c.offset), kNow, -1, c.window);
    EXPECT_EQ(r.ok(), c.accepted);
    if (r.ok()) {
      EXPECT_EQ(r.value().step, kStep + c.offset);
    } else {
      EXPECT_EQ(r.error().code, ErrorCode::kUnauthorized);
      EXPECT_EQ(r.error().field, "totp");
      EXPECT_EQ(r.error().message, "动态口令错误或已使用");
    }
  }
}

TEST_F(VerifyTotpTest, RefusesReplay) {
  const std::string code = CodeAt(kStep);
  const auto first = VerifyTotp(key_, code, kNow, -1);
  ASSERT_TRUE(first.ok());
  const std::int64_t last_used = first.value().step;

  // The same code again, a few seconds later in the same step or in the next one.
  for (std::int64_t later : {kNow, kNow + 5, kNow + 30}) {
    SCOPED_TRACE(later);
    const auto again = VerifyTotp(key_, code, later, last_used);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kUnauthorized);
    EXPECT_EQ(again.error().message, "动态口令错误或已使用");
    EXPECT_EQ(again.error().field, "totp");
  }
  // An older code from the window is refused once a newer one was used.
  EXPECT_FALSE(VerifyTotp(key_, CodeAt(kStep - 1), kNow, last_used).ok());
  // The next step's code is still accepted.
  const auto next = VerifyTotp(key_, CodeAt(kStep + 1), kNow + 30, last_used);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next.value().step, kStep + 1);
}

TEST_F(VerifyTotpTest, RefusesWrongCodesAndKeys) {
  const std::string code = CodeAt(kStep);
  std::string wrong = code;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  EXPECT_FALSE(VerifyTotp(key_, wrong, kNow, -1).ok());
  EXPECT_FALSE(VerifyTotp(kSeedSha256, code, kNow, -1).ok());
  EXPECT_FALSE(VerifyTotp(key_, code, kNow + 3600, -1).ok());
}

TEST_F(VerifyTotpTest, MalformedCodesAreInvalid) {
  for (std::string_view code : {"", "12345", "1234567", "12345a", "１２３４５６", "123-456"}) {
    SCOPED_TRACE(code);
    const auto r = VerifyTotp(key_, code, kNow, -1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "totp");
    EXPECT_EQ(r.error().message, "动态口令应为 6 位数字");
  }
}

TEST(Base32Test, Rfc4648Section10Vectors) {
  struct Vector {
    std::string data;
    std::string padded;
    std::string unpadded;
  };
  const std::vector<Vector> vectors = {
      {"", "", ""},
      {"f", "MY======", "MY"},
      {"fo", "MZXQ====", "MZXQ"},
      {"foo", "MZXW6===", "MZXW6"},
      {"foob", "MZXW6YQ=", "MZXW6YQ"},
      {"fooba", "MZXW6YTB", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI======", "MZXW6YTBOI"},
  };
  for (const auto& v : vectors) {
    SCOPED_TRACE(v.data);
    EXPECT_EQ(Base32Encode(Bytes(v.data)), v.unpadded);
    EXPECT_EQ(Base32Decode(v.padded), Bytes(v.data));
    EXPECT_EQ(Base32Decode(v.unpadded), Bytes(v.data));
  }
}

TEST(Base32Test, DecodeIsLenient) {
  const auto expected = Bytes("foobar");
  EXPECT_EQ(Base32Decode("mzxw6ytboi"), expected);
  EXPECT_EQ(Base32Decode("MZXW 6YTB OI"), expected);
  EXPECT_EQ(Base32Decode(" mzxw 6ytb oi== ==== "), expected);
  // The RFC 6238 SHA-1 seed as authenticator apps show it.
  EXPECT_EQ(Base32Decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"), kSeedSha1);
}

TEST(Base32Test, DecodeRefusesGarbage) {
  for (std::string_view bad :
       {"MZXW1", "MZXW8", "MZ-XW", "M", "MZX", "MZXW6Y", "MY=A", "MZXW6YTB=OI", "MZXW6YTB\n"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Base32Decode(bad).has_value());
  }
}

TEST(Base32Test, RoundTripsEveryLength) {
  std::vector<unsigned char> data;
  for (int n = 0; n < 64; ++n) {
    SCOPED_TRACE(n);
    const std::string text = Base32Encode(data);
    EXPECT_EQ(text.size(), (data.size() * 8 + 4) / 5);
    EXPECT_EQ(Base32Decode(text), data);
    data.push_back(static_cast<unsigned char>(n * 37 + 11));
  }
}

TEST(NewTotpSecretTest, TwentyRandomBytes) {
  std::set<std::vector<unsigned char>> seen;
  for (int i = 0; i < 20; ++i) {
    const auto secret = NewTotpSecret();
    EXPECT_EQ(secret.size(), kTotpSecretBytes);
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 20u);
  EXPECT_EQ(Base32Encode(NewTotpSecret()).size(), 32u);  // 160 bits = 32 symbols, no padding
}

TEST(OtpauthUriTest, PercentEncodesIssuerAndAccount) {
  EXPECT_EQ(OtpauthUri("旗帜", "zhang.san@hospital", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "otpauth://totp/%E6%97%97%E5%B8%9C:zhang.san%40hospital"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E6%97%97%E5%B8%9C");
  EXPECT_EQ(OtpauthUri("Qizhi Test", "张三", "MZXW6YTBOI"),
            "otpauth://totp/Qizhi%20Test:%E5%BC%A0%E4%B8%89?secret=MZXW6YTBOI&issuer=Qizhi%20Test");
  EXPECT_EQ(OtpauthUri("a:b&c", "x/y?z", "MY"),
            "otpauth://totp/a%3Ab%26c:x%2Fy%3Fz?secret=MY&issuer=a%3Ab%26c");
  EXPECT_EQ(OtpauthUri("", "admin", "MY"), "otpauth://totp/admin?secret=MY");
}

}  // namespace
}  // namespace qizhi::platform::auth
