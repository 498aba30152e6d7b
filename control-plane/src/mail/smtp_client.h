// Sends one plain-text message over SMTP with libcurl: TLS from the start on smtps://,
// STARTTLS required on smtp:// (a refused or stripped STARTTLS fails the send, the message
// stays queued) except for a relay on loopback without credentials, where it is opportunistic.
#pragma once

#include "config.h"
#include "immagin/status.h"
#include "mail/email_outbox.h"

namespace immagin::cp {

// CURLOPT_USE_SSL for this configuration: CURLUSESSL_ALL unless plain text is harmless.
long SmtpTlsRequirement(const MailConfig& mail);

Status SendSmtp(const MailConfig& mail, const EmailMessage& message);

}  // namespace immagin::cp
