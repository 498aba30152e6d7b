// A new console session as an HTTP answer: the sealed `immagin_session` cookie, and in the
// body the account and the session's CSRF token. Every way into the console ends here
// (verification link, login, password reset).
#pragma once

#include "account_store.h"
#include "http_message.h"
#include "services.h"

namespace immagin::cp {

ApiResult<HttpResponse> StartSession(Services& services, const AccountProfile& account, int status);

}  // namespace immagin::cp
