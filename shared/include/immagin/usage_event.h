// Usage on the wire, from an edge to the control plane's POST /internal/v1/usage:
//
//   event  {"bytes":1000,"ms":12,"tenant":"demo","time":1790000000,"transformId":"<32 hex>"}
//   batch  {"batchId":"batch-…","events":[event, …]}
//
// An event is one line of luna-server's journal and one element of a batch (luna-server
// and the Worker both send batches; the Worker builds its own in JS from the events the
// module writes with UsageEventJson). One writer and one parser each, pinned by
// tests/unit/shared/usage_event_test.cc, so what an edge seals is what the control plane
// accepts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "immagin/json.h"
#include "immagin/status.h"

namespace immagin {

// One rendered (200) transform.
struct UsageEvent {
  std::string tenant;
  std::string transform_id;  // 32 lowercase hex characters (immagin::TransformId)
  int64_t bytes = 0;
  int64_t ms = 0;
  int64_t time = 0;  // unix seconds; decides the month and the day it counts in

  friend bool operator==(const UsageEvent&, const UsageEvent&) = default;
};

// Events sent together. The control plane remembers `batch_id` and acknowledges a retried
// batch without counting it again; a batch without one is counted idempotently per event.
struct UsageBatch {
  std::optional<std::string> batch_id;
  std::vector<UsageEvent> events;

  friend bool operator==(const UsageBatch&, const UsageBatch&) = default;
};

// What the control plane accepts in one batch by default (its --max-usage-batch and
// --max-json-body): an edge seals no batch past either, or it would be refused for ever.
inline constexpr size_t kMaxUsageBatchEvents = 10'000;
inline constexpr size_t kMaxUsageBatchBytes = 1024 * 1024;
inline constexpr size_t kMaxUsageBatchIdLength = 128;

Json UsageEventJson(const UsageEvent& event);
// `batchId` only when set.
Json UsageBatchJson(const UsageBatch& batch);

// Exactly the five members: a valid tenant id, a transform id, and non-negative integers.
// `field` prefixes the error's field ("events[3]" → "events[3].bytes"); empty for none.
Result<UsageEvent> UsageEventFromJson(const Json& json, std::string_view field);
// One journal line.
Result<UsageEvent> ParseUsageEvent(std::string_view text);

// {"batchId"?: 1 to 128 characters, "events": at most `max_events` events}: more is
// kPayloadTooLarge naming "events"; any invalid event rejects the whole batch.
Result<UsageBatch> UsageBatchFromJson(const Json& json, size_t max_events = kMaxUsageBatchEvents);
Result<UsageBatch> ParseUsageBatch(std::string_view text, size_t max_events = kMaxUsageBatchEvents);

// Splits `events`, in order, into the fewest runs that each make a batch (with any id of
// up to kMaxUsageBatchIdLength characters) within both bounds; an event too large for any
// batch on its own is a run of one.
std::vector<std::span<const UsageEvent>> SplitIntoBatches(std::span<const UsageEvent> events,
                                                          size_t max_events = kMaxUsageBatchEvents,
                                                          size_t max_bytes = kMaxUsageBatchBytes);

}  // namespace immagin
