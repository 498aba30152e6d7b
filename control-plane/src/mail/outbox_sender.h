// Delivers the email outbox on a background thread: over SMTP when one is configured,
// otherwise into the log (development: the verification link is printed there). Failed
// sends are retried with exponential backoff up to MailConfig::max_attempts.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "config.h"
#include "mail/email_outbox.h"

namespace immagin::cp {

class OutboxSender {
 public:
  OutboxSender(EmailOutbox& outbox, const MailConfig& mail);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // Wakes the thread after something was queued.
  void Notify();
  void Stop();

 private:
  void Loop();
  void DrainOnce();

  EmailOutbox& outbox_;
  MailConfig mail_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = true;  // drain once at start: mail queued before a restart
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace immagin::cp
