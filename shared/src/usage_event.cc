#include "immagin/usage_event.h"

#include <string>
#include <utility>

#include "immagin/tenant_id.h"
#include "immagin/transform_id.h"

namespace immagin {
namespace {

constexpr std::string_view kEventFields[] = {"tenant", "transformId", "bytes", "ms", "time"};

std::string Member(std::string_view at, std::string_view name) {
  std::string field(at);
  if (!field.empty()) field += '.';
  field += name;
  return field;
}

}  // namespace

Json UsageEventJson(const UsageEvent& event) {
  return Json{{"tenant", event.tenant},
              {"transformId", event.transform_id},
              {"bytes", event.bytes},
              {"ms", event.ms},
              {"time", event.time}};
}

Json UsageBatchJson(const UsageBatch& batch) {
  Json events = Json::array();
  for (const UsageEvent& event : batch.events) events.push_back(UsageEventJson(event));
  Json json{{"events", std::move(events)}};
  if (batch.batch_id) json["batchId"] = *batch.batch_id;
  return json;
}

Result<UsageEvent> UsageEventFromJson(const Json& json, std::string_view at) {
  if (!json.is_object())
    return InvalidArgument(std::string(at.empty() ? "event" : at), "must be an object");
  for (const auto& [name, value] : json.items()) {
    bool known = false;
    for (std::string_view field : kEventFields) known = known || name == field;
    if (!known) return InvalidArgument(Member(at, name), "unknown field");
  }
  UsageEvent event;
  const auto tenant = json.find("tenant");
  if (tenant == json.end() || !tenant->is_string()) {
    return InvalidArgument(Member(at, "tenant"), "must be a string");
  }
  event.tenant = tenant->get<std::string>();
  if (auto valid = ValidateTenantId(event.tenant, Member(at, "tenant")); !valid) {
    return valid.error();
  }
  const auto id = json.find("transformId");
  if (id == json.end() || !id->is_string() || !IsTransformId(id->get_ref<const std::string&>())) {
    return InvalidArgument(Member(at, "transformId"), "must be 32 lowercase hex characters");
  }
  event.transform_id = id->get<std::string>();
  struct Number {
    std::string_view name;
    int64_t* out;
  };
  for (const Number number :
       {Number{"bytes", &event.bytes}, Number{"ms", &event.ms}, Number{"time", &event.time}}) {
    const auto it = json.find(number.name);
    const auto value = it == json.end() ? std::nullopt : JsonInt64(*it);
    if (!value || *value < 0) {
      return InvalidArgument(Member(at, number.name), "must be a non-negative integer");
    }
    *number.out = *value;
  }
  return event;
}

Result<UsageEvent> ParseUsageEvent(std::string_view text) {
  auto json = ParseJson(text, "usage event");
  if (!json) return json.error();
  return UsageEventFromJson(*json, "");
}

Result<UsageBatch> UsageBatchFromJson(const Json& json, size_t max_events) {
  if (!json.is_object()) return InvalidArgument("usage batch", "must be an object");
  for (const auto& [name, value] : json.items()) {
    if (name != "batchId" && name != "events") return InvalidArgument(name, "unknown field");
  }
  UsageBatch batch;
  if (const auto id = json.find("batchId"); id != json.end()) {
    if (!id->is_string() || id->get_ref<const std::string&>().empty() ||
        id->get_ref<const std::string&>().size() > kMaxUsageBatchIdLength) {
      return InvalidArgument("batchId", "must be a string of 1 to 128 characters");
    }
    batch.batch_id = id->get<std::string>();
  }
  const auto events = json.find("events");
  if (events == json.end() || !events->is_array()) {
    return InvalidArgument("events", "must be an array");
  }
  if (events->size() > max_events) {
    return Error{ErrorCode::kPayloadTooLarge, "events",
                 "a batch holds at most " + std::to_string(max_events) + " events"};
  }
  batch.events.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    auto event = UsageEventFromJson((*events)[i], "events[" + std::to_string(i) + "]");
    if (!event) return event.error();
    batch.events.push_back(std::move(*event));
  }
  return batch;
}

Result<UsageBatch> ParseUsageBatch(std::string_view text, size_t max_events) {
  auto json = ParseJson(text, "usage batch");
  if (!json) return json.error();
  return UsageBatchFromJson(*json, max_events);
}

std::vector<std::span<const UsageEvent>> SplitIntoBatches(std::span<const UsageEvent> events,
                                                          size_t max_events, size_t max_bytes) {
  const size_t envelope =
      DumpJson(UsageBatchJson(UsageBatch{std::string(kMaxUsageBatchIdLength, 'x'), {}})).size();
  std::vector<std::span<const UsageEvent>> runs;
  size_t start = 0;
  size_t bytes = envelope;
  for (size_t i = 0; i < events.size(); ++i) {
    const size_t event_bytes = DumpJson(UsageEventJson(events[i])).size();
    // Every event after a run's first comes with a ','.
    if (i > start && (i - start == max_events || bytes + 1 + event_bytes > max_bytes)) {
      runs.push_back(events.subspan(start, i - start));
      start = i;
      bytes = envelope;
    }
    bytes += event_bytes + (i > start ? 1 : 0);
  }
  if (start < events.size()) runs.push_back(events.subspan(start));
  return runs;
}

}  // namespace immagin
