// Outgoing email as rows of `email_outbox`, written in the same transaction as whatever
// caused them (a sign-up), so no message is lost or sent for a rolled-back change.
// OutboxSender delivers them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "immagin/status.h"
#include "store/database.h"

namespace immagin::cp {

struct EmailMessage {
  std::string recipient;
  std::string subject;
  std::string body;  // plain text
};

struct PendingEmail {
  int64_t id = 0;
  int attempts = 0;
  EmailMessage message;
};

// How long a sender owns the mails it took: past it, a mail neither sent nor failed (its
// sender died) is due again, for this replica or another.
inline constexpr int64_t kEmailClaimSeconds = 120;

// Inside a transaction the caller holds.
Status EnqueueEmail(Connection& db, std::optional<int64_t> account_id, const EmailMessage& message,
                    int64_t now);

class EmailOutbox {
 public:
  explicit EmailOutbox(Database& db) : db_(db) {}

  // The mails due now, claimed for kEmailClaimSeconds so no other replica sends them too.
  Result<std::vector<PendingEmail>> Due(int64_t now, int limit);
  // The body is blanked once sent: it may hold a verification link.
  Status MarkSent(int64_t id, int64_t now);
  Status MarkFailed(int64_t id, const std::string& error, int64_t retry_at);

 private:
  Database& db_;
};

}  // namespace immagin::cp
