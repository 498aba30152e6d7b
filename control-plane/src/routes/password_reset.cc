// Password reset (#17): ask for a link by address, without a session (always 202, the same
// for every address), then set a new password with the link's token. Completing a reset
// revokes every session of the account and starts a new one in this browser.
#include "accounts/password_reset.h"
#include "auth/csrf.h"
#include "auth/password_hash.h"
#include "auth/session_response.h"
#include "calendar.h"
#include "http/structured_log.h"
#include "services.h"

namespace immagin::cp {
namespace {

ResetMail ResetMailFor(Services& services) {
  return [&services](const std::string& email, const std::string& token) {
    std::string link = services.config.public_api_url + "/console/#reset=" + token;
    return EmailMessage{
        email, "Reset your Immagin password",
        "Someone (perhaps you) asked to reset the password of the Immagin account " + email +
            ".\n\nOpen this link to choose a new one (it works once and expires in " +
            DescribeDuration(services.config.accounts.password_reset_ttl_seconds) + "):\n\n" +
            link +
            "\n\nChoosing a new password logs out every session of the account. If you did "
            "not ask for this, ignore this message: your password stays as it is.\n"};
  };
}

PasswordChangedNotice PasswordChangedNoticeFor(Services& services) {
  return [&services](const std::string& email) {
    return EmailMessage{
        email, "Your Immagin password was changed",
        "The password of the Immagin account " + email +
            " was just changed through a reset link, and every session of the account was "
            "logged out.\n\nIf it was not you, ask for a new reset link at " +
            services.config.public_api_url + "/console/ now.\n"};
  };
}

// One answer for every accepted request, whether an account uses the address or not.
HttpResponse ResetRequested() {
  return CheckYourEmail(
      "If an account uses this address, a link to choose a new password is on its way to it.");
}

Result<HttpResponse> RequestReset(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  const AccountLimits& limits = services.config.accounts;
  auto fields = ParseStringFields(request, services.config.limits.max_json_body_bytes, {"email"});
  if (!fields.ok()) return fields.error();
  auto email = NormalizeEmail((*fields)["email"], limits);
  if (!email.ok()) return email.error();
  int64_t now = NowSeconds();
  // Each request may mail an address the caller does not own: bounded per address and IP,
  // counted for unknown addresses too (else the 429 would tell which ones have accounts).
  if (auto status = services.rate_limits.Take(
          {{"reset-ip:" + request.remote_ip, limits.password_resets_per_ip},
           {"reset-email:" + email.value(), limits.password_resets_per_email}},
          limits.signup_window_seconds, now, "too many password reset emails; try again later");
      !status.ok())
    return status.error();
  // An unverified account past its link's lifetime is gone and gets no reset link either.
  if (auto status = services.accounts.PurgeStale(now); !status.ok()) return status.error();
  if (auto status = services.password_resets.Request(email.value(), now, ResetMailFor(services));
      !status.ok())
    return status.error();
  services.outbox_sender.Notify();
  return ResetRequested();
}

Result<HttpResponse> ConfirmReset(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  const AccountLimits& limits = services.config.accounts;
  auto fields =
      ParseStringFields(request, services.config.limits.max_json_body_bytes, {"token", "password"});
  if (!fields.ok()) return fields.error();
  if (auto status = ValidatePassword((*fields)["password"], limits); !status.ok())
    return status.error();
  int64_t now = NowSeconds();
  // Before the Argon2id hash: a made-up token must not buy ~70 ms of CPU and 64 MiB.
  if (auto status = services.password_resets.Check((*fields)["token"], now); !status.ok())
    return status.error();
  auto hash = HashPassword((*fields)["password"], limits);
  if (!hash.ok()) return hash.error();
  auto account_id = services.password_resets.Complete((*fields)["token"], hash.value(), now,
                                                      PasswordChangedNoticeFor(services));
  if (!account_id.ok()) return account_id.error();
  services.outbox_sender.Notify();
  auto account = services.accounts.Find(account_id.value());
  if (!account.ok()) return account.error();
  // The mailbox is proven: failed logins counted against the address start over.
  if (auto status = services.login_limit.RecordSuccess(account->email); !status.ok())
    return status.error();
  LogEvent("info", "password reset", Json{{"account", account->id}});
  return StartSession(services, account.value(), 200);
}

}  // namespace

void AddPasswordResetRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/account/password-reset", services, RequestReset);
  router.Add("POST", "/v1/account/password-reset/confirm", services, ConfirmReset);
}

}  // namespace immagin::cp
