#include "host_driver.h"

#include <chrono>
#include <cstdio>

#include "immagin/usage_event.h"

namespace luna {
namespace {

immagin::Json Head(const HostStep& step) {
  auto head = immagin::ParseJson(step.head, "host step");
  return head ? std::move(*head) : immagin::Json::object();
}

bool IsFetch(const immagin::Json& head, const char* what) {
  return head.value("step", "") == "fetch" && head.value("what", "") == what;
}

// Counts a held render for as long as it lives.
class Hold {
 public:
  explicit Hold(std::atomic<int64_t>& held) : held_(held) {}
  ~Hold() { --held_; }
  Hold(const Hold&) = delete;
  Hold& operator=(const Hold&) = delete;

 private:
  std::atomic<int64_t>& held_;
};

}  // namespace

HostDriver::HostDriver(HostConfig config, std::unique_ptr<TenantSource> tenants,
                       std::unique_ptr<OriginalSource> originals, UsageJournal& journal)
    : protocol_(std::move(config)),
      tenants_(std::move(tenants)),
      originals_(std::move(originals)),
      journal_(journal) {}

immagin::Json HostDriver::RequestJson(const Request& r) const {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return {{"method", r.method},
          {"host", r.host},
          {"target", r.target},
          {"accept", r.accept},
          {"ifNoneMatch", r.if_none_match},
          {"now", r.now},
          {"nowMs", std::chrono::duration_cast<std::chrono::milliseconds>(now).count()},
          {"pending", held_.load()}};
}

std::variant<Response, HostDriver::Pending> HostDriver::Begin(const Request& request) {
  immagin::Json json = RequestJson(request);
  const HostStep step = protocol_.Prepare(immagin::DumpJson(json));
  immagin::Json head = Head(step);
  if (head.value("step", "") != "fetch") return Respond(step);
  const bool held = IsFetch(head, "original");
  if (held) ++held_;  // waiting for its turn counts
  return Pending{std::move(json), std::move(head), held};
}

Response HostDriver::Finish(Pending pending) {
  immagin::Json& request = pending.request;
  immagin::Json head = std::move(pending.step);
  HostStep step;
  while (IsFetch(head, "tenant")) {
    request["tenant"] = tenants_->Fetch(head);
    request["pending"] = held_.load();
    step = protocol_.Prepare(immagin::DumpJson(request));
    head = Head(step);
  }
  if (!IsFetch(head, "original")) return Respond(step);
  if (!pending.held) ++held_;
  const Hold hold(held_);
  const std::string tenant = head.value("tenant", "");
  const size_t max_bytes = head.value("maxBytes", size_t{0});
  request["tenant"] = head.value("tenantAnswer", immagin::Json::object());
  FetchedOriginal original = originals_->Fetch(head, tenant, max_bytes);
  request["original"] = std::move(original.answer);
  // The image layers' overlays follow the original in one body, each with its length.
  std::string body = std::move(original.bytes);
  immagin::Json overlays = immagin::Json::array();
  for (const auto& overlay_step : head.value("overlays", immagin::Json::array())) {
    FetchedOriginal overlay = originals_->Fetch(overlay_step, tenant, max_bytes);
    overlay.answer["length"] = overlay.bytes.size();
    overlays.push_back(std::move(overlay.answer));
    body += overlay.bytes;
  }
  if (!overlays.empty()) request["overlays"] = std::move(overlays);
  step = protocol_.Render(immagin::DumpJson(request),
                          {reinterpret_cast<const uint8_t*>(body.data()), body.size()});
  return Respond(step);
}

Response HostDriver::Respond(const HostStep& step) {
  const immagin::Json head = Head(step);
  Response response;
  response.status = head.value("status", 500);
  for (const auto& pair : head.value("headers", immagin::Json::array())) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      response.headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
  response.body = step.body;
  if (const auto usage = head.find("usage"); usage != head.end() && usage->contains("event")) {
    auto event = immagin::UsageEventFromJson((*usage)["event"], "usage.event");
    const immagin::Status s = event ? journal_.Append(*event) : immagin::Status(event.error());
    if (!s) std::fprintf(stderr, "luna-server: %s\n", s.error().ToString().c_str());
  }
  return response;
}

}  // namespace luna
