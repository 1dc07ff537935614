#include "app/division_names.hpp"

#include <gtest/gtest.h>

namespace qizhi::app {
namespace {

TEST(DivisionNames, VillageCommitteesBecomeTheVillage) {
  EXPECT_EQ(ShortDivisionName("东林村村民委员会"), "东林村");
  EXPECT_EQ(ShortDivisionName("东林村民委员会"), "东林村");
  EXPECT_EQ(ShortDivisionName("王庄村村委会"), "王庄村");
  EXPECT_EQ(ShortDivisionName("李家庄村委会"), "李家庄村");
  // 村 is kept once: the stem already names the village.
  EXPECT_EQ(ShortDivisionName("新村村民委员会"), "新村");
}

TEST(DivisionNames, ResidentsCommitteesBecomeTheCommunity) {
  EXPECT_EQ(ShortDivisionName("回龙街社区居民委员会"), "回龙街社区");
  EXPECT_EQ(ShortDivisionName("多福巷社区居委会"), "多福巷社区");
  EXPECT_EQ(ShortDivisionName("北街居民委员会"), "北街社区");
  EXPECT_EQ(ShortDivisionName("东厂居委会"), "东厂社区");
}

TEST(DivisionNames, OtherCommitteesLoseTheSuffixAndOtherNamesStay) {
  EXPECT_EQ(ShortDivisionName("第一街委员会"), "第一街");
  EXPECT_EQ(ShortDivisionName("中敖镇"), "中敖镇");
  EXPECT_EQ(ShortDivisionName("龙岗街道"), "龙岗街道");
  EXPECT_EQ(ShortDivisionName("某林场生活区"), "某林场生活区");
  // A name that is only the suffix is not emptied.
  EXPECT_EQ(ShortDivisionName("村民委员会"), "村民委员会");
  EXPECT_EQ(ShortDivisionName(""), "");
}

TEST(DivisionNames, PlaceholderCitiesAreLeftOutOfFullNames) {
  for (const char* n : {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}) EXPECT_TRUE(IsPlaceholderCity(n)) << n;
  for (const char* n : {"重庆市", "大足区", "县城", "黔西南布依族苗族自治州"}) EXPECT_FALSE(IsPlaceholderCity(n)) << n;
}

}  // namespace
}  // namespace qizhi::app
