// Sends one plain-text message over SMTP with libcurl (STARTTLS when the server offers it
// on smtp://, TLS from the start on smtps://).
#pragma once

#include "api_error.h"
#include "config.h"
#include "email_outbox.h"

namespace immagin::cp {

ApiStatus SendSmtp(const MailConfig& mail, const EmailMessage& message);

}  // namespace immagin::cp
