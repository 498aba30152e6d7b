// The graduated price table of SPEC §6: each tier's price applies only to the transforms
// that fall inside that tier.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace immagin {

struct PriceTier {
  int64_t first;  // first transform of the tier (1-based)
  int64_t last;   // last transform of the tier; 0 = no upper end
  // Price per transform in thousandths of a cent ($0.20 per 1,000 = 20).
  int64_t millicents_each;
};

inline constexpr std::array<PriceTier, 5> kPriceTiers = {{
    {1, 25'000, 0},
    {25'001, 100'000, 20},
    {100'001, 200'000, 15},
    {200'001, 500'000, 9},
    {500'001, 0, 7},
}};

struct TierCharge {
  PriceTier tier;
  int64_t transforms = 0;
  int64_t millicents = 0;
};

struct MonthlyBill {
  int64_t transforms = 0;
  std::vector<TierCharge> tiers;  // one per tier, in order, including empty ones
  int64_t total_cents = 0;        // rounded half up to the cent
};

MonthlyBill ComputeMonthlyBill(int64_t unique_transforms);

inline int64_t MonthlyPriceCents(int64_t unique_transforms) {
  return ComputeMonthlyBill(unique_transforms).total_cents;
}

}  // namespace immagin
