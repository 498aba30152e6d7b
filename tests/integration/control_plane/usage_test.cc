#include "calendar.h"
#include "control_plane_fixture.h"

namespace immagin::cp::testing {
namespace {

class Usage : public ControlPlaneTest {
 protected:
  // In batches of 5,000 events (the default limit is 10,000 per batch).
  void Ingest(const std::string& tenant, int first, int count, int64_t time) {
    for (int start = first; start < first + count; start += 5000)
      IngestBatch(tenant, start, std::min(5000, first + count - start), time);
  }
  void IngestBatch(const std::string& tenant, int first, int count, int64_t time) {
    Json events = Json::array();
    for (int i = first; i < first + count; ++i) {
      char id[33];
      std::snprintf(id, sizeof id, "%032x", i);
      events.push_back(
          Json{{"tenant", tenant}, {"transformId", id}, {"bytes", 1}, {"ms", 1}, {"time", time}});
    }
    auto response = EdgePost("/internal/v1/usage", DumpJson(Json{{"events", events}}));
    ASSERT_EQ(response.status, 200) << response.body;
  }
};

TEST_F(Usage, MonthHasDailySeriesAndTheGraduatedBill) {
  auto alice = CreateProject("alice", "paid");
  auto march = ParseMonth("2026-03");
  ASSERT_TRUE(march);
  // 30,000 unique transforms: 18k on the 1st, 12k on the 15th → 5,000 past the free tier
  // at $0.20 per 1,000 = $1.00.
  int64_t first_day = march.value_or(MonthRange{}).start;
  Ingest("alice", 0, 18'000, first_day + 3600);
  Ingest("alice", 18'000, 12'000, first_day + 14LL * 86400 + 7200);
  auto usage = Get("/v1/usage?month=2026-03", alice);
  ASSERT_EQ(usage.status, 200) << usage.body.substr(0, 300);
  auto json = usage.json();
  EXPECT_EQ(json["month"], "2026-03");
  EXPECT_EQ(json["uniqueTransforms"], 30'000);
  ASSERT_EQ(json["daily"].size(), 31u);
  EXPECT_EQ(json["daily"][0]["day"], "2026-03-01");
  EXPECT_EQ(json["daily"][0]["transforms"], 18'000);
  EXPECT_EQ(json["daily"][1]["transforms"], 0);
  EXPECT_EQ(json["daily"][14]["day"], "2026-03-15");
  EXPECT_EQ(json["daily"][14]["transforms"], 12'000);
  EXPECT_EQ(json["cost"]["totalCents"], 100);
  EXPECT_EQ(json["cost"]["tiers"][0]["transforms"], 25'000);
  EXPECT_EQ(json["cost"]["tiers"][1]["transforms"], 5'000);
  EXPECT_EQ(json["cost"]["tiers"][1]["millicents"], 100'000);
  EXPECT_EQ(json["cost"]["tiers"][1]["pricePer1000Cents"], 20);
  EXPECT_EQ(json["plan"], "paid");
  EXPECT_FALSE(json.contains("quota"));
  // Another month is empty; February has 28 days in 2026.
  auto february = Get("/v1/usage?month=2026-02", alice).json();
  EXPECT_EQ(february["uniqueTransforms"], 0);
  EXPECT_EQ(february["daily"].size(), 28u);
  EXPECT_EQ(february["cost"]["totalCents"], 0);
}

TEST_F(Usage, DefaultsToTheCurrentMonthAndShowsTheFreeQuota) {
  auto alice = CreateProject("alice");
  Ingest("alice", 0, 3, NowSeconds());
  auto json = Get("/v1/usage", alice).json();
  EXPECT_EQ(json["month"], MonthOf(NowSeconds()));
  EXPECT_EQ(json["uniqueTransforms"], 3);
  EXPECT_EQ(json["quota"], 25'000);
  EXPECT_EQ(json["state"], "active");
}

TEST_F(Usage, MonthMustBeYYYYMM) {
  auto alice = CreateProject("alice");
  for (const char* bad : {"2026-13", "2026-3", "26-03", "2026/03", "march", "2026-00"}) {
    auto response = Get(std::string("/v1/usage?month=") + bad, alice);
    EXPECT_EQ(response.status, 400) << bad;
    EXPECT_EQ(response.error_field(), "month");
  }
}

TEST_F(Usage, AProjectSeesOnlyItsOwnUsage) {
  auto alice = CreateProject("alice");
  auto bob = CreateProject("bobby");
  Ingest("alice", 0, 7, NowSeconds());
  EXPECT_EQ(Get("/v1/usage", alice).json()["uniqueTransforms"], 7);
  EXPECT_EQ(Get("/v1/usage", bob).json()["uniqueTransforms"], 0);
}

}  // namespace
}  // namespace immagin::cp::testing
