// Removing a project for good: its stored originals first (so a failure leaves a project
// that can be deleted again, never rows pointing at nothing), then its rows.
#pragma once

#include <cstdint>

#include "services.h"

namespace immagin::cp {

ApiStatus RemoveProject(Services& services, int64_t project_id);
// Every project of the account, then the account (sessions, tokens, mail by cascade).
ApiStatus RemoveAccount(Services& services, int64_t account_id);

}  // namespace immagin::cp
