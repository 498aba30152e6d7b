#include "immagin/price_table.h"

#include <algorithm>

namespace immagin {

MonthlyBill ComputeMonthlyBill(int64_t unique_transforms) {
  MonthlyBill bill;
  bill.transforms = std::max<int64_t>(unique_transforms, 0);
  int64_t millicents = 0;
  for (const PriceTier& tier : kPriceTiers) {
    const int64_t last = tier.last == 0 ? bill.transforms : std::min(tier.last, bill.transforms);
    TierCharge charge{tier, std::max<int64_t>(0, last - tier.first + 1), 0};
    charge.millicents = charge.transforms * tier.millicents_each;
    millicents += charge.millicents;
    bill.tiers.push_back(charge);
  }
  bill.total_cents = (millicents + 500) / 1000;
  return bill;
}

}  // namespace immagin
