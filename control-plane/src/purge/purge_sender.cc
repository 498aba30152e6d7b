#include "purge/purge_sender.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "calendar.h"
#include "http/structured_log.h"
#include "purge/cloudflare_purger.h"
#include "purge/varnish_purger.h"

namespace immagin::cp {
namespace {

constexpr int kRowsPerDrain = 200;

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

PurgeSender::PurgeSender(PurgeOutbox& outbox, const PurgeConfig& config,
                         std::vector<std::unique_ptr<Purger>> purgers)
    : outbox_(outbox), config_(config), purgers_(std::move(purgers)), thread_([this] { Loop(); }) {}

PurgeSender::~PurgeSender() { Stop(); }

std::vector<std::unique_ptr<Purger>> PurgeSender::ConfiguredPurgers(const PurgeConfig& config) {
  std::vector<std::unique_ptr<Purger>> purgers;
  if (config.varnish())
    purgers.push_back(
        std::make_unique<VarnishPurger>(config.varnish_url, config.request_timeout_ms));
  if (config.cloudflare()) purgers.push_back(std::make_unique<CloudflarePurger>(config));
  return purgers;
}

void PurgeSender::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

void PurgeSender::Stop() {
  stop_requested_ = true;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void PurgeSender::Loop() {
  std::unique_lock lock(mutex_);
  auto wait = std::chrono::milliseconds(0);
  while (!stopping_) {
    wake_.wait_for(lock, wait, [this] { return pending_ || stopping_; });
    if (stopping_) break;
    pending_ = false;
    lock.unlock();
    std::optional<int64_t> next_due = DrainOnce();
    lock.lock();
    int64_t sleep_ms = config_.poll_ms;
    if (next_due) sleep_ms = std::clamp<int64_t>(*next_due - NowMillis(), 0, config_.poll_ms);
    wait = std::chrono::milliseconds(sleep_ms);
  }
}

std::optional<int64_t> PurgeSender::DrainOnce() {
  int64_t now = NowMillis();
  auto due = outbox_.Due(now, kRowsPerDrain);
  if (!due.ok()) {
    LogEvent("error", "purge outbox", Json{{"error", due.error().message}});
    return std::nullopt;
  }
  if (!due->empty()) Deliver(due.value(), now);
  auto next = outbox_.NextDueMs();
  if (!next.ok()) return std::nullopt;
  return next.value();
}

void PurgeSender::Deliver(const std::vector<PendingPurge>& rows, int64_t now_ms) {
  // Per row: which purgers have it (from earlier attempts, then from this one) and the
  // first error of this attempt.
  std::map<int64_t, std::vector<std::string>> delivered;
  std::map<int64_t, std::string> errors;
  for (const auto& row : rows) delivered[row.id] = row.delivered_to;
  for (const auto& purger : purgers_) {
    // Rows this purger still owes, packed into requests of at most its tag limit (a row's
    // tags always travel together, so one answer settles the row).
    std::vector<const PendingPurge*> batch;
    std::vector<std::string> tags;
    auto flush = [&] {
      if (batch.empty() || stop_requested_) return;
      // A repeat and its first send can fall due together: one mention per tag suffices.
      std::sort(tags.begin(), tags.end());
      tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
      Status sent = purger->Purge(tags);
      for (const PendingPurge* row : batch) {
        if (sent.ok())
          delivered[row->id].push_back(purger->name());
        else if (errors[row->id].empty())
          errors[row->id] = sent.error().message;
      }
      if (!sent.ok())
        LogEvent("error", "purge not delivered",
                 Json{{"purger", purger->name()}, {"tags", tags}, {"error", sent.error().message}});
      batch.clear();
      tags.clear();
    };
    for (const auto& row : rows) {
      if (Contains(row.delivered_to, purger->name())) continue;
      if (tags.size() + row.tags.size() > purger->max_tags_per_request()) flush();
      batch.push_back(&row);
      tags.insert(tags.end(), row.tags.begin(), row.tags.end());
    }
    flush();
  }
  for (const auto& row : rows) {
    bool done = std::all_of(purgers_.begin(), purgers_.end(), [&](const auto& purger) {
      return Contains(delivered[row.id], purger->name());
    });
    if (done) {
      (void)outbox_.Remove(row.id);
      continue;
    }
    int shift = std::min(row.attempts, 20);
    int64_t backoff = std::min(config_.retry_initial_ms << shift, config_.retry_max_ms);
    (void)outbox_.Reschedule(row.id, delivered[row.id], errors[row.id], now_ms + backoff);
  }
}

}  // namespace immagin::cp
