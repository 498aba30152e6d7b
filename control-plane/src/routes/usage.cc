// GET /v1/usage?month=YYYY-MM: unique transforms, the daily series and the bill so far.
#include "auth/auth.h"
#include "calendar.h"
#include "immagin/price_table.h"
#include "services.h"
#include "usage/tenant_state.h"

namespace immagin::cp {
namespace {

Result<HttpResponse> Get(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateCaller(request, services);
  if (!caller.ok()) return caller.error();
  int64_t now = NowSeconds();
  std::string month = request.Query("month").value_or(MonthOf(now));
  auto range = ParseMonth(month);
  if (!range) return InvalidArgument("month", "must be a calendar month written YYYY-MM");
  auto total = services.usage.MonthTransforms(caller->project.id, month);
  if (!total.ok()) return total.error();
  auto daily = services.usage.DailyTransforms(caller->project.id, month);
  if (!daily.ok()) return daily.error();
  auto account = services.accounts.Find(caller->project.account_id);
  if (!account.ok()) return account.error();
  auto state = TenantState(services, caller->project, now);
  if (!state.ok()) return state.error();

  // Every day of the month appears, zero or not, so a chart needs no gap filling.
  Json days = Json::array();
  size_t next = 0;
  for (int d = 0; d < range->days; ++d) {
    std::string day = DayOf(range->start + d * 86400LL);
    int64_t count = 0;
    if (next < daily->size() && (*daily)[next].day == day) count = (*daily)[next++].transforms;
    days.push_back(Json{{"day", day}, {"transforms", count}});
  }
  MonthlyBill bill = ComputeMonthlyBill(total.value());
  Json tiers = Json::array();
  for (const auto& charge : bill.tiers) {
    Json tier{{"from", charge.tier.first},
              {"pricePer1000Cents", charge.tier.millicents_each},
              {"transforms", charge.transforms},
              {"millicents", charge.millicents}};
    tier["to"] = charge.tier.last == 0 ? Json(nullptr) : Json(charge.tier.last);
    tiers.push_back(tier);
  }
  Json body{{"month", month},
            {"uniqueTransforms", total.value()},
            {"daily", days},
            {"cost", {{"currency", "usd"}, {"totalCents", bill.total_cents}, {"tiers", tiers}}},
            {"plan", account->plan},
            {"accountState", account->state},
            {"state", ToString(state.value())}};
  if (account->plan == "free") body["quota"] = services.config.limits.free_transforms_per_month;
  return HttpResponse::Json(200, body);
}

}  // namespace

void AddUsageRoutes(Router& router, Services& services) {
  router.Add("GET", "/v1/usage", services, Get);
}

}  // namespace immagin::cp
