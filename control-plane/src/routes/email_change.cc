// Email change (#17): a logged-in account asks for a new address with its current password;
// a link mailed to the new address completes the change (no session needed: opening it
// proves the mailbox, and it may be opened on another device). The old address is told.
#include "accounts/email_change.h"
#include "accounts/account_export.h"
#include "auth/auth.h"
#include "auth/password_hash.h"
#include "auth/session_response.h"
#include "calendar.h"
#include "http/structured_log.h"
#include "services.h"

namespace immagin::cp {
namespace {

EmailChangeMail ConfirmationMailFor(Services& services) {
  return [&services](const std::string& new_email, const std::string& token) {
    std::string link = services.config.public_api_url + "/console/#confirm-email=" + token;
    return EmailMessage{
        new_email, "Confirm your new Immagin email address",
        "Someone (perhaps you) asked to use " + new_email +
            " as the login address of an Immagin account.\n\nOpen this link to confirm it (it "
            "works once and expires in " +
            DescribeDuration(services.config.accounts.verification_ttl_seconds) + "):\n\n" + link +
            "\n\nUntil then the account keeps its old address. If you did not ask for "
            "this, ignore this message.\n"};
  };
}

// Told to the owner of an address another account tried to move to.
EmailMessage AddressTakenNotice(const std::string& email) {
  return EmailMessage{
      email, "Someone tried to use your address for another Immagin account",
      "Someone (perhaps you, from another account) asked to make " + email +
          " the login address of an Immagin account, but it already belongs to one.\n\nNothing "
          "changed. If it was you, delete or change the address of one of the two accounts "
          "first.\n"};
}

EmailChangedNotice ChangedNoticeFor(Services& services) {
  return [&services](const std::string& old_email, const std::string& new_email) {
    return EmailMessage{
        old_email, "Your Immagin login address was changed",
        "The Immagin account that used " + old_email + " now logs in with " + new_email +
            ".\n\nIf it was not you, your password is known to someone else: write to the "
            "operator of " +
            services.config.public_api_url + " at once.\n"};
  };
}

// One answer for a change that was sent a link and for one whose address is taken, so
// the request tells nobody who has an account.
HttpResponse ChangeRequested() {
  return CheckYourEmail(
      "If the address can be used, a confirmation link is on its way to it; the account keeps its "
      "current address until the link is opened.");
}

Result<HttpResponse> RequestChange(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  const AccountLimits& limits = services.config.accounts;
  auto fields =
      ParseStringFields(request, services.config.limits.max_json_body_bytes, {"email", "password"});
  if (!fields.ok()) return fields.error();
  auto email = NormalizeEmail((*fields)["email"], limits);
  if (!email.ok()) return email.error();
  const std::string& password = (*fields)["password"];
  if (auto status = CheckPasswordSize(password, limits); !status.ok()) return status.error();
  const std::string& current = caller->account.email;
  if (email.value() == current)
    return InvalidArgument("email", "is already this account's address");
  int64_t now = NowSeconds();
  // The password check is a login in disguise (a stolen cookie could try passwords here):
  // it shares the failed-login limits, and each request costs one Argon2id verification.
  if (auto status = services.login_limit.Check(current, request.remote_ip, now); !status.ok())
    return status.error();
  if (auto status = services.rate_limits.Take(
          {{"email-change-account:" + std::to_string(caller->account.id),
            limits.email_changes_per_account}},
          limits.signup_window_seconds, now, "too many email changes; try again later");
      !status.ok())
    return status.error();
  auto credentials = services.accounts.FindByEmail(current);
  if (!credentials.ok()) return credentials.error();
  if (!VerifyPassword(credentials->password_hash, password)) {
    if (auto status = services.login_limit.RecordFailure(current, request.remote_ip, now);
        !status.ok())
      return status.error();
    // 403, not 401: the session is fine, and the console keeps it.
    return Error{ErrorCode::kForbidden, "password", "the current password is wrong",
                 "wrong_password"};
  }
  if (auto status = services.accounts.PurgeStale(now); !status.ok()) return status.error();
  auto outcome = services.email_changes.Request(caller->account.id, email.value(), now,
                                                ConfirmationMailFor(services),
                                                AddressTakenNotice(email.value()));
  if (!outcome.ok()) return outcome.error();
  services.outbox_sender.Notify();
  LogEvent("info",
           outcome.value() == EmailChangeOutcome::kLinkSent ? "email change requested"
                                                            : "email change to a taken address",
           Json{{"account", caller->account.id}});
  return ChangeRequested();
}

Result<HttpResponse> ConfirmChange(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  auto fields = ParseStringFields(request, services.config.limits.max_json_body_bytes, {"token"});
  if (!fields.ok()) return fields.error();
  int64_t now = NowSeconds();
  // A squatter's unverified account past its lifetime does not hold the new address.
  if (auto status = services.accounts.PurgeStale(now); !status.ok()) return status.error();
  auto changed =
      services.email_changes.Confirm((*fields)["token"], now, ChangedNoticeFor(services));
  if (!changed.ok()) return changed.error();
  services.outbox_sender.Notify();
  LogEvent("info", "email changed", Json{{"account", changed->account_id}});
  auto account = services.accounts.Find(changed->account_id);
  if (!account.ok()) return account.error();
  HttpResponse response =
      HttpResponse::PrivateJson(200, Json{{"account", AccountJson(account.value())}});
  return response;
}

}  // namespace

void AddEmailChangeRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/account/email", services, RequestChange);
  router.Add("POST", "/v1/account/email/confirm", services, ConfirmChange);
}

}  // namespace immagin::cp
