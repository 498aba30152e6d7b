#include "immagin/usage_event.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace immagin {
namespace {

constexpr char kId[] = "0123456789abcdef0123456789abcdef";

UsageEvent Event(int n) {
  char id[33];
  std::snprintf(id, sizeof id, "%032x", n);
  return UsageEvent{"demo", id, 1000 + n, 12, 1'790'000'000};
}

// Pinned: luna-server journals and sends this text, the Worker sends the events the module
// writes, and the control plane parses both.
struct GoldenEvent {
  UsageEvent event;
  const char* json;
};

const std::vector<GoldenEvent>& GoldenEvents() {
  static const std::vector<GoldenEvent> golden = {
      {{"demo", kId, 1000, 12, 1'790'000'000},
       R"({"bytes":1000,"ms":12,"tenant":"demo","time":1790000000,"transformId":"0123456789abcdef0123456789abcdef"})"},
      {{"acme-co", "ffffffffffffffffffffffffffffffff", 0, 0, 0},
       R"({"bytes":0,"ms":0,"tenant":"acme-co","time":0,"transformId":"ffffffffffffffffffffffffffffffff"})"},
      {{"demo", kId, std::numeric_limits<int64_t>::max(), 1, 2},
       R"({"bytes":9223372036854775807,"ms":1,"tenant":"demo","time":2,"transformId":"0123456789abcdef0123456789abcdef"})"},
  };
  return golden;
}

struct GoldenBatch {
  UsageBatch batch;
  const char* json;
};

const std::vector<GoldenBatch>& GoldenBatches() {
  static const std::vector<GoldenBatch> golden = {
      {{"batch-00000001790000000000-000000-42", {GoldenEvents()[0].event, GoldenEvents()[1].event}},
       R"({"batchId":"batch-00000001790000000000-000000-42","events":[{"bytes":1000,"ms":12,"tenant":"demo","time":1790000000,"transformId":"0123456789abcdef0123456789abcdef"},{"bytes":0,"ms":0,"tenant":"acme-co","time":0,"transformId":"ffffffffffffffffffffffffffffffff"}]})"},
      // Without an id the control plane counts the events idempotently but cannot dedupe.
      {{std::nullopt, {}}, R"({"events":[]})"},
  };
  return golden;
}

TEST(UsageEvent, WritesTheGoldenText) {
  for (const GoldenEvent& g : GoldenEvents()) EXPECT_EQ(DumpJson(UsageEventJson(g.event)), g.json);
}

TEST(UsageEvent, ParsesTheGoldenTextBack) {
  for (const GoldenEvent& g : GoldenEvents()) {
    auto parsed = ParseUsageEvent(g.json);
    ASSERT_TRUE(parsed.ok()) << g.json << ": " << parsed.error().ToString();
    EXPECT_EQ(*parsed, g.event) << g.json;
  }
}

TEST(UsageBatch, WritesTheGoldenText) {
  for (const GoldenBatch& g : GoldenBatches()) EXPECT_EQ(DumpJson(UsageBatchJson(g.batch)), g.json);
}

TEST(UsageBatch, ParsesTheGoldenTextBack) {
  for (const GoldenBatch& g : GoldenBatches()) {
    auto parsed = ParseUsageBatch(g.json);
    ASSERT_TRUE(parsed.ok()) << g.json << ": " << parsed.error().ToString();
    EXPECT_EQ(*parsed, g.batch) << g.json;
  }
}

struct Malformed {
  std::string json;
  const char* field;
};

TEST(UsageEvent, MalformedEventsAreRejectedNamingTheField) {
  const std::string id = std::string("\"transformId\":\"") + kId + "\"";
  const std::string numbers = R"("bytes":1,"ms":1,"time":1)";
  const std::vector<Malformed> cases = {
      {"{", "usage event"},
      {"[]", "event"},
      {"{" + id + "," + numbers + "}", "tenant"},
      {R"({"tenant":5,)" + id + "," + numbers + "}", "tenant"},
      {R"({"tenant":"Bad_Tenant",)" + id + "," + numbers + "}", "tenant"},
      {R"({"tenant":"demo",)" + numbers + "}", "transformId"},
      {R"({"tenant":"demo","transformId":"XYZ",)" + numbers + "}", "transformId"},
      {R"({"tenant":"demo","transformId":"0123456789ABCDEF0123456789ABCDEF",)" + numbers + "}",
       "transformId"},
      {R"({"tenant":"demo","transformId":"0123456789abcdef0123456789abcde",)" + numbers + "}",
       "transformId"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":-1,"ms":1,"time":1})", "bytes"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":"1","ms":1,"time":1})", "bytes"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":1.5,"ms":1,"time":1})", "bytes"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":1,"time":1})", "ms"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":1,"ms":null,"time":1})", "ms"},
      {R"({"tenant":"demo",)" + id + R"(,"bytes":1,"ms":1,"time":18446744073709551615})", "time"},
      {R"({"tenant":"demo",)" + id + "," + numbers + R"(,"colour":"red"})", "colour"},
  };
  for (const Malformed& c : cases) {
    auto parsed = ParseUsageEvent(c.json);
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(parsed.error().field, c.field) << c.json << ": " << parsed.error().ToString();
  }
}

TEST(UsageBatch, MalformedBatchesAreRejectedNamingTheField) {
  const std::string good = DumpJson(UsageEventJson(Event(1)));
  const std::vector<Malformed> cases = {
      {"[]", "usage batch"},
      {"{}", "events"},
      {R"({"events":"no"})", "events"},
      {R"({"events":null})", "events"},
      {R"({"batchId":7,"events":[]})", "batchId"},
      {R"({"batchId":"","events":[]})", "batchId"},
      {R"({"batchId":")" + std::string(129, 'b') + R"(","events":[]})", "batchId"},
      {R"({"batchID":"b-1","events":[]})", "batchID"},
      {R"({"events":[)" + good + R"(,7]})", "events[1]"},
      {R"({"events":[)" + good +
           R"(,{"tenant":"demo","transformId":"0123456789abcdef0123456789abcdef","bytes":-1,"ms":1,"time":1}]})",
       "events[1].bytes"},
      {R"({"events":[{"tenant":"demo","bytes":1,"ms":1,"time":1}]})", "events[0].transformId"},
  };
  for (const Malformed& c : cases) {
    auto parsed = ParseUsageBatch(c.json);
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(parsed.error().field, c.field) << c.json << ": " << parsed.error().ToString();
  }
  EXPECT_TRUE(
      ParseUsageBatch(R"({"batchId":")" + std::string(128, 'b') + R"(","events":[]})").ok());
}

TEST(UsageBatch, TooManyEventsIsTooLargeNamingEvents) {
  UsageBatch batch;
  for (int i = 0; i < 4; ++i) batch.events.push_back(Event(i));
  const std::string four = DumpJson(UsageBatchJson(batch));
  auto parsed = ParseUsageBatch(four, 3);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(parsed.error().field, "events");
  EXPECT_EQ(parsed.error().message, "a batch holds at most 3 events");
  EXPECT_TRUE(ParseUsageBatch(four, 4).ok());

  Json events = Json::array();
  for (size_t i = 0; i <= kMaxUsageBatchEvents; ++i) events.push_back(UsageEventJson(Event(1)));
  EXPECT_EQ(UsageBatchFromJson(Json{{"events", events}}).error().code, ErrorCode::kPayloadTooLarge);
  events.erase(events.end() - 1);
  EXPECT_TRUE(UsageBatchFromJson(Json{{"events", events}}).ok());
}

std::vector<UsageEvent> Joined(const std::vector<std::span<const UsageEvent>>& runs) {
  std::vector<UsageEvent> all;
  for (const auto run : runs) all.insert(all.end(), run.begin(), run.end());
  return all;
}

TEST(SplitIntoBatches, NoEventsIsNoBatch) { EXPECT_TRUE(SplitIntoBatches({}).empty()); }

TEST(SplitIntoBatches, CutsAtTheEventCountInOrder) {
  std::vector<UsageEvent> events;
  for (int i = 0; i < 25; ++i) events.push_back(Event(i));
  const auto runs = SplitIntoBatches(events, 10);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].size(), 10u);
  EXPECT_EQ(runs[1].size(), 10u);
  EXPECT_EQ(runs[2].size(), 5u);
  EXPECT_EQ(Joined(runs), events);
}

// What an edge seals from a long outage must be accepted by a control plane on its
// defaults: within the JSON body limit (the largest events reach it before the event
// count), whatever the batch id.
TEST(SplitIntoBatches, EveryBatchIsAcceptedAtTheDefaultBounds) {
  const std::string long_tenant(63, 'a');
  std::vector<UsageEvent> events(
      6'000, UsageEvent{long_tenant, kId, std::numeric_limits<int64_t>::max(),
                        std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::max()});
  const auto runs = SplitIntoBatches(events);
  ASSERT_GE(runs.size(), 2u);
  for (const auto run : runs) {
    const UsageBatch batch{std::string(kMaxUsageBatchIdLength, 'b'), {run.begin(), run.end()}};
    const std::string body = DumpJson(UsageBatchJson(batch));
    EXPECT_LE(body.size(), kMaxUsageBatchBytes);
    auto parsed = ParseUsageBatch(body);
    ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
    EXPECT_EQ(*parsed, batch);
  }
  EXPECT_EQ(Joined(runs), events);
}

TEST(SplitIntoBatches, CutsAtTheByteBound) {
  std::vector<UsageEvent> events;
  for (int i = 0; i < 40; ++i) events.push_back(Event(i));
  const size_t max_bytes = 2000;
  const auto runs = SplitIntoBatches(events, kMaxUsageBatchEvents, max_bytes);
  ASSERT_GT(runs.size(), 1u);
  for (size_t i = 0; i < runs.size(); ++i) {
    const UsageBatch batch{std::string(kMaxUsageBatchIdLength, 'b'),
                           {runs[i].begin(), runs[i].end()}};
    EXPECT_LE(DumpJson(UsageBatchJson(batch)).size(), max_bytes);
    // The fewest runs: the next event would not have fitted.
    if (i + 1 < runs.size()) {
      UsageBatch grown = batch;
      grown.events.push_back(runs[i + 1].front());
      EXPECT_GT(DumpJson(UsageBatchJson(grown)).size(), max_bytes);
    }
  }
  EXPECT_EQ(Joined(runs), events);
}

}  // namespace
}  // namespace immagin
