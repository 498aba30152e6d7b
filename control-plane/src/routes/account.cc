// Console accounts: sign up, verify the email address, log in and out, the current
// account, export and deletion. Sessions live in the `immagin_session` cookie.
#include "accounts/account_export.h"
#include "accounts/project_removal.h"
#include "auth/auth.h"
#include "auth/password_hash.h"
#include "auth/session_response.h"
#include "calendar.h"
#include "http/structured_log.h"
#include "services.h"

namespace immagin::cp {
namespace {

Result<std::map<std::string, std::string>> StringFields(const HttpRequest& request,
                                                        Services& services,
                                                        std::initializer_list<const char*> names) {
  return ParseStringFields(request, services.config.limits.max_json_body_bytes, names);
}

VerificationMail MailFor(Services& services) {
  return [&services](const std::string& email, const std::string& token) {
    std::string link = services.config.public_api_url + "/console/#verify=" + token;
    return EmailMessage{
        email, "Verify your Immagin account",
        "Welcome to Immagin.\n\nOpen this link to verify " + email + " (it expires in " +
            std::to_string(services.config.accounts.verification_ttl_seconds / 3600) +
            " hours):\n\n" + link + "\n\nIf you did not sign up, ignore this message.\n"};
  };
}

// Told to an address that already has an account when someone signs up with it again.
EmailMessage AddressTakenNotice(Services& services, const std::string& email) {
  return EmailMessage{
      email, "Someone tried to sign up to Immagin with your address",
      "Someone (perhaps you) tried to create an Immagin account for " + email +
          ", which already has one.\n\nIf it was you, log in at " + services.config.public_api_url +
          "/console/ instead (or, if you never opened its verification link, ask there for a "
          "new one). An account that was never verified is removed " +
          std::to_string(services.config.accounts.verification_ttl_seconds / 3600) +
          " hours after it was made; the address can then be signed up again.\n\nIf it was "
          "not you, ignore this message: nothing changed.\n"};
}

// One answer for every accepted sign-up, whether the address was free or not: its status
// and body never tell anyone which addresses have accounts.
HttpResponse SignUpAccepted() {
  return CheckYourEmail(
      "If the address can be used, a verification link is on its way to it: opening it completes "
      "the sign-up and logs you in.");
}

Result<HttpResponse> SignUp(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  auto fields = StringFields(request, services, {"email", "password"});
  if (!fields.ok()) return fields.error();
  const AccountLimits& limits = services.config.accounts;
  auto email = NormalizeEmail((*fields)["email"], limits);
  if (!email.ok()) return email.error();
  if (auto status = ValidatePassword((*fields)["password"], limits); !status.ok())
    return status.error();
  int64_t now = NowSeconds();
  // Before the Argon2id hash: each costs ~70 ms of CPU and 64 MiB.
  if (auto status = services.rate_limits.Take(
          {{"signup-ip:" + request.remote_ip, limits.signups_per_ip},
           {"signup-email:" + email.value(), limits.signups_per_email}},
          limits.signup_window_seconds, now, "too many sign-ups; try again later");
      !status.ok())
    return status.error();
  // Hashed for a taken address too, so both cost the same time.
  auto hash = HashPassword((*fields)["password"], limits);
  if (!hash.ok()) return hash.error();
  auto outcome = services.accounts.SignUp(email.value(), hash.value(), now, MailFor(services),
                                          AddressTakenNotice(services, email.value()));
  if (!outcome.ok()) return outcome.error();
  services.outbox_sender.Notify();
  LogEvent("info",
           outcome.value() == SignUpOutcome::kCreated ? "account created"
                                                      : "sign-up for a taken address",
           Json::object());
  return SignUpAccepted();
}

// The emailed link proves the address, so it is what completes a sign-up: it verifies the
// account and starts its first session (a password alone opens nothing before that).
Result<HttpResponse> Verify(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  auto fields = StringFields(request, services, {"token"});
  if (!fields.ok()) return fields.error();
  auto account = services.accounts.Verify((*fields)["token"], NowSeconds());
  if (!account.ok()) return account.error();
  return StartSession(services, account.value(), 200);
}

// A new link for an address, asked without a session (an unverified account cannot log
// in). Answers alike whether or not the address has an account waiting for verification.
Result<HttpResponse> ResendVerification(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  auto fields = StringFields(request, services, {"email"});
  if (!fields.ok()) return fields.error();
  const AccountLimits& limits = services.config.accounts;
  auto email = NormalizeEmail((*fields)["email"], limits);
  if (!email.ok()) return email.error();
  int64_t now = NowSeconds();
  // Each resend is a mail to an address the caller may not own: bounded per address and IP.
  if (auto status = services.rate_limits.Take(
          {{"resend-ip:" + request.remote_ip, limits.verification_resends_per_ip},
           {"resend-email:" + email.value(), limits.verification_resends_per_email}},
          limits.signup_window_seconds, now, "too many verification emails; try again later");
      !status.ok())
    return status.error();
  if (auto status = services.accounts.ResendVerification(email.value(), now, MailFor(services));
      !status.ok())
    return status.error();
  services.outbox_sender.Notify();
  return SignUpAccepted();
}

Result<HttpResponse> LogIn(const HttpRequest& request, Services& services) {
  if (auto status = CheckSameOrigin(request, services.config); !status.ok()) return status.error();
  auto fields = StringFields(request, services, {"email", "password"});
  if (!fields.ok()) return fields.error();
  const AccountLimits& limits = services.config.accounts;
  auto email = NormalizeEmail((*fields)["email"], limits);
  if (!email.ok()) return email.error();
  const std::string& password = (*fields)["password"];
  if (auto status = CheckPasswordSize(password, limits); !status.ok()) return status.error();
  int64_t now = NowSeconds();
  if (auto status = services.login_limit.Check(email.value(), request.remote_ip, now); !status.ok())
    return status.error();
  // An unverified account past its link's lifetime is gone, not just unable to verify.
  if (auto status = services.accounts.PurgeStale(now); !status.ok()) return status.error();
  auto found = services.accounts.FindByEmail(email.value());
  if (!found.ok() && HttpStatus(found.error().code) != 404) return found.error();
  bool valid = false;
  if (found.ok()) {
    // Until its link is opened an account does not log in, whatever the password: else
    // "sign up with a password, then log in with it" would tell whether the address was
    // free. Answered (and counted) exactly like a wrong password.
    valid = VerifyPassword(found->password_hash, password) && found->account.verified;
  } else {
    // An unknown address costs the same hashing as a wrong password and answers the same.
    (void)VerifyPassword(DecoyPasswordHash(limits), password);
  }
  if (!valid) {
    if (auto status = services.login_limit.RecordFailure(email.value(), request.remote_ip, now);
        !status.ok())
      return status.error();
    return Error{ErrorCode::kUnauthenticated, "password",
                 "wrong email or password, or the address is not verified yet"};
  }
  if (auto status = services.login_limit.RecordSuccess(email.value()); !status.ok())
    return status.error();
  return StartSession(services, found->account, 200);
}

Result<HttpResponse> LogOut(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  if (auto status = services.sessions.Revoke(caller->session, NowSeconds()); !status.ok())
    return status.error();
  HttpResponse response = HttpResponse::Empty(204);
  response.headers.emplace_back("Set-Cookie",
                                SessionCookie::ClearHeader(services.config.PublicUrlIsHttps()));
  return response;
}

Result<HttpResponse> Me(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  HttpResponse response = HttpResponse::PrivateJson(
      200, Json{{"account", AccountJson(caller->account)},
                {"csrfToken", services.csrf.TokenFor(caller->session.session_id)}});
  return response;
}

Result<HttpResponse> Export(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  auto exported = ExportAccount(services, caller->account);
  if (!exported.ok()) return exported.error();
  HttpResponse response = HttpResponse::PrivateJson(200, exported.value());
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"immagin-account.json\"");
  return response;
}

Result<HttpResponse> DeleteAccount(const HttpRequest& request, Services& services) {
  auto caller = AuthenticateSession(request, services);
  if (!caller.ok()) return caller.error();
  if (auto status = RemoveAccount(services, caller->account.id); !status.ok())
    return status.error();
  LogEvent("info", "account deleted", Json{{"account", caller->account.id}});
  HttpResponse response = HttpResponse::Empty(204);
  response.headers.emplace_back("Set-Cookie",
                                SessionCookie::ClearHeader(services.config.PublicUrlIsHttps()));
  return response;
}

}  // namespace

void AddAccountRoutes(Router& router, Services& services) {
  router.Add("POST", "/v1/account/signup", services, SignUp);
  router.Add("POST", "/v1/account/verify", services, Verify);
  router.Add("POST", "/v1/account/resend-verification", services, ResendVerification);
  router.Add("POST", "/v1/account/login", services, LogIn);
  router.Add("POST", "/v1/account/logout", services, LogOut);
  router.Add("GET", "/v1/account", services, Me);
  router.Add("DELETE", "/v1/account", services, DeleteAccount);
  router.Add("GET", "/v1/account/export", services, Export);
}

}  // namespace immagin::cp
