#include "platform/pii/mask.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qizhi::platform::pii {
namespace {

struct Case {
  std::string in;
  std::string out;
};

TEST(MaskIdNumberTest, KeepsFirstThreeAndLastFour) {
  const std::vector<Case> cases = {
      {"110105194912310021", "110***********0021"},
      {"11010519491231002X", "110***********002X"},
      {"110105491231002", "110********1002"},  // old 15-digit number
      {"12345678", "123*5678"},
      {"1234567", "*******"},  // too short to show anything
      {"1", "*"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(MaskIdNumber(c.in), c.out);
  }
}

TEST(MaskPhoneTest, MasksMobileAndOtherNumbers) {
  const std::vector<Case> cases = {
      {"13812345678", "138****5678"},
      {"19900001111", "199****1111"},
      {"010-12345678", "010*******78"},  // fixed line, 12 characters
      {"0871-6543210", "087*******10"},
      {"1381234567", "138*****67"},    // 10 digits: not a mobile number
      {"138 1234567", "138******67"},  // 11 characters but not all digits
      {"1234567", "123**67"},
      {"123456", "******"},
      {"12", "**"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(MaskPhone(c.in), c.out);
  }
}

TEST(MaskNameTest, KeepsFirstCharacterUtf8Aware) {
  const std::vector<Case> cases = {
      {"张三丰", "张**"},
      {"李四", "李*"},
      {"欧阳娜娜", "欧***"},
      {"阿依古丽·买买提", "阿*******"},
      {"Zhang San", "Z********"},
      {"𠀀三", "𠀀*"},  // 4-byte character (CJK Extension B)
      {"王", "王"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(MaskName(c.in), c.out);
  }
}

TEST(MaskNameTest, MalformedUtf8IsMaskedPerByte) {
  EXPECT_EQ(MaskName("\xE5\xBC"), "\xE5*");       // truncated 3-byte character
  EXPECT_EQ(MaskName("\xFF\xFE\xFD"), "\xFF**");  // bytes that never start a character
  EXPECT_EQ(MaskName("张\x80"), "张*");           // stray continuation byte
}

TEST(MaskAddressTest, KeepsSixCharacters) {
  const std::vector<Case> cases = {
      {"云南省昆明市五华区华山街道人民中路 12 号", "云南省昆明市****"},
      {"北京市东城区东华门街道", "北京市东城区****"},
      {"红旗村七组", "红旗村七****"},  // short: all but the last character
      {"北京市东城区", "北京市东城****"},
      {"北京市东城区东", "北京市东城区****"},
      {"No. 5 Main Street", "No. 5 ****"},
      {"村", "****"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(MaskAddress(c.in), c.out);
  }
}

}  // namespace
}  // namespace qizhi::platform::pii
