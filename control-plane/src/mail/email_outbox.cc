#include "mail/email_outbox.h"

namespace immagin::cp {

Status EnqueueEmail(Connection& db, std::optional<int64_t> account_id, const EmailMessage& message,
                    int64_t now) {
  Statement insert(db,
                   "INSERT INTO email_outbox (account_id, recipient, subject, body, created_at, "
                   "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)");
  if (account_id)
    insert.Bind(1, *account_id);
  else
    insert.BindNull(1);
  insert.Bind(2, message.recipient).Bind(3, message.subject).Bind(4, message.body);
  insert.Bind(5, now).Bind(6, now);
  insert.Step();
  if (insert.failed()) return SqlError(db, "queueing email");
  return {};
}

Result<std::vector<PendingEmail>> EmailOutbox::Due(int64_t now, int limit) {
  std::vector<PendingEmail> due;
  // Read and claimed under the write lock: another replica's sender skips these rows until
  // the claim lapses (a sender that died mid-send), so one mail is sent once.
  auto status = db_.Transaction([&](Connection& db) -> Status {
    Statement rows(db,
                   "SELECT id, attempts, recipient, subject, body FROM email_outbox WHERE "
                   "sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    rows.Bind(1, now).Bind(2, static_cast<int64_t>(limit));
    while (rows.Step())
      due.push_back(PendingEmail{rows.Int(0), static_cast<int>(rows.Int(1)),
                                 EmailMessage{rows.Text(2), rows.Text(3), rows.Text(4)}});
    if (rows.failed()) return SqlError(db, "reading email outbox");
    Statement claim(db, "UPDATE email_outbox SET next_attempt_at = ? WHERE id = ?");
    for (const auto& email : due) {
      claim.Reset();
      claim.Bind(1, now + kEmailClaimSeconds).Bind(2, email.id);
      claim.Step();
      if (claim.failed()) return SqlError(db, "claiming email");
    }
    return {};
  });
  if (!status.ok()) return status.error();
  return due;
}

Status EmailOutbox::MarkSent(int64_t id, int64_t now) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE email_outbox SET sent_at = ?, body = '', attempts = attempts + 1, "
                     "last_error = NULL WHERE id = ?");
    update.Bind(1, now).Bind(2, id);
    update.Step();
    if (update.failed()) return SqlError(db, "updating email outbox");
    return {};
  });
}

Status EmailOutbox::MarkFailed(int64_t id, const std::string& error, int64_t retry_at) {
  return db_.Run([&](Connection& db) -> Status {
    Statement update(db,
                     "UPDATE email_outbox SET attempts = attempts + 1, last_error = ?, "
                     "next_attempt_at = ? WHERE id = ?");
    update.Bind(1, error).Bind(2, retry_at).Bind(3, id);
    update.Step();
    if (update.failed()) return SqlError(db, "updating email outbox");
    return {};
  });
}

}  // namespace immagin::cp
