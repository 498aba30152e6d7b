// The answers of the console's account flows. A new session: the sealed `immagin_session`
// cookie, and in the body the account and the session's CSRF token; every way into the
// console ends here (verification link, login, password reset). "Check your email": the one
// 202 of every flow that mails a link, whatever the address, so none tells who has an account.
#pragma once

#include "accounts/account_store.h"
#include "http/http_message.h"
#include "services.h"

namespace immagin::cp {

Result<HttpResponse> StartSession(Services& services, const Account& account, int status);

// 202 {"status": "check_your_email", message}, not cached.
HttpResponse CheckYourEmail(std::string message);

}  // namespace immagin::cp
