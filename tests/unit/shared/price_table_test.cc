#include "immagin/price_table.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(PriceTable, MatchesTheWorkedFiguresOfTheSpec) {
  EXPECT_EQ(MonthlyPriceCents(100'000), 15'00);
  EXPECT_EQ(MonthlyPriceCents(500'000), 57'00);
  EXPECT_EQ(MonthlyPriceCents(1'000'000), 92'00);
  EXPECT_EQ(MonthlyPriceCents(300'000), 39'00);
}

TEST(PriceTable, FreeTierCostsNothing) {
  EXPECT_EQ(MonthlyPriceCents(0), 0);
  EXPECT_EQ(MonthlyPriceCents(25'000), 0);
  EXPECT_EQ(MonthlyPriceCents(-5), 0);
}

TEST(PriceTable, TierBoundariesAreGraduated) {
  EXPECT_EQ(MonthlyPriceCents(25'001), 0);  // 0.02 cents rounds down
  EXPECT_EQ(MonthlyPriceCents(25'025), 1);  // 0.5 cents rounds half up
  EXPECT_EQ(MonthlyPriceCents(200'000), 30'00);
  EXPECT_EQ(MonthlyPriceCents(200'001), 30'00);  // +0.009 cents
  EXPECT_EQ(MonthlyPriceCents(500'001), 57'00);
  EXPECT_EQ(MonthlyPriceCents(10'000'000), 57'00 + 9'500'000 * 7 / 1000);
}

TEST(PriceTable, BreakdownCoversEveryTierAndSumsToTheTotal) {
  const MonthlyBill bill = ComputeMonthlyBill(300'000);
  ASSERT_EQ(bill.tiers.size(), kPriceTiers.size());
  EXPECT_EQ(bill.tiers[0].transforms, 25'000);
  EXPECT_EQ(bill.tiers[1].transforms, 75'000);
  EXPECT_EQ(bill.tiers[2].transforms, 100'000);
  EXPECT_EQ(bill.tiers[3].transforms, 100'000);
  EXPECT_EQ(bill.tiers[4].transforms, 0);
  int64_t transforms = 0;
  int64_t millicents = 0;
  for (const TierCharge& t : bill.tiers) {
    transforms += t.transforms;
    millicents += t.millicents;
  }
  EXPECT_EQ(transforms, 300'000);
  EXPECT_EQ(millicents, bill.total_cents * 1000);
}

}  // namespace
}  // namespace immagin
