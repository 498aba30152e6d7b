// Deleting a project, or an account with all its projects, so that a crash at any moment
// leaves it wholly there or wholly gone: its rows, the purges of its cached transforms and
// the removal of its stored originals (storage_removal_queue.h) commit in one transaction;
// the objects go after the commit, removed by the caller and, whatever a crash or a failing
// store leaves, by StorageSweeper. From the user's side the commit is the deletion: no
// login, key, listing or delivery sees a project whose rows are gone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accounts/account_store.h"
#include "accounts/project_store.h"
#include "services.h"

namespace immagin::cp {

// The committing half, shared with immagin-admin: returns the storage namespaces whose
// objects are now queued for removal.
Result<std::vector<std::string>> DeleteProjectRows(ProjectStore& projects, int64_t project_id,
                                                   int64_t purge_repeat_seconds);
// Every project of the account, then the account (sessions, tokens, mail by cascade).
Result<std::vector<std::string>> DeleteAccountRows(AccountStore& accounts, int64_t account_id,
                                                   int64_t purge_repeat_seconds);

// Both halves, in the server. Once the rows are committed the deletion has happened: a
// store that fails to remove the objects now is retried by the sweeper, not reported.
Status RemoveProject(Services& services, int64_t project_id);
Status RemoveAccount(Services& services, int64_t account_id);

}  // namespace immagin::cp
