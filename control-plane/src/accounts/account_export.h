// "Export my data": the account, its projects, their API keys (metadata only, never a key
// or its hash), images and monthly usage, as one JSON document.
#pragma once

#include "accounts/account_store.h"
#include "immagin/json.h"
#include "services.h"

namespace immagin::cp {

Json AccountJson(const Account& account);
Result<Json> ExportAccount(Services& services, const Account& account);

}  // namespace immagin::cp
