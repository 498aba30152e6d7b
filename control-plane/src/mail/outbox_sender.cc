#include "mail/outbox_sender.h"

#include <algorithm>
#include <chrono>

#include "calendar.h"
#include "http/structured_log.h"
#include "mail/smtp_client.h"

namespace immagin::cp {
namespace {

constexpr auto kPollInterval = std::chrono::seconds(30);  // retries come due without a wake-up

}  // namespace

OutboxSender::OutboxSender(EmailOutbox& outbox, const MailConfig& mail)
    : outbox_(outbox), mail_(mail), thread_([this] { Loop(); }) {}

OutboxSender::~OutboxSender() { Stop(); }

void OutboxSender::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

void OutboxSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void OutboxSender::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kPollInterval, [this] { return pending_ || stopping_; });
    if (stopping_) break;
    pending_ = false;
    lock.unlock();
    DrainOnce();
    lock.lock();
  }
}

void OutboxSender::DrainOnce() {
  auto due = outbox_.Due(NowSeconds(), 50);
  if (!due.ok()) {
    LogEvent("error", "email outbox", Json{{"error", due.error().message}});
    return;
  }
  for (const auto& email : due.value()) {
    Status sent;
    if (mail_.smtp_url.empty()) {
      LogEvent("info", "email not sent: no SMTP configured (development copy)",
               Json{{"to", email.message.recipient},
                    {"subject", email.message.subject},
                    {"body", email.message.body}});
    } else {
      sent = SendSmtp(mail_, email.message);
    }
    int64_t now = NowSeconds();
    if (sent.ok()) {
      (void)outbox_.MarkSent(email.id, now);
      continue;
    }
    bool give_up = email.attempts + 1 >= mail_.max_attempts;
    int64_t backoff = std::min<int64_t>(int64_t{60} << std::min(email.attempts, 10), 86400);
    // A message that will never be sent stays in the table with its error, out of the queue.
    (void)outbox_.MarkFailed(email.id, sent.error().message, give_up ? INT64_MAX : now + backoff);
    LogEvent("error", "email not sent",
             Json{{"to", email.message.recipient},
                  {"attempt", email.attempts + 1},
                  {"error", sent.error().message}});
  }
}

}  // namespace immagin::cp
