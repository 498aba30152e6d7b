#include "immagin/signing.h"

#include <gtest/gtest.h>

#include <vector>

#include "immagin/base64url.h"

namespace immagin {
namespace {

constexpr int64_t kNow = 1'800'000'000;

SigningSecret Secret(std::string id, char seed, std::optional<int64_t> valid_until = {}) {
  std::string key(kSigningKeyBytes, '\0');
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<char>(seed + i);
  return {std::move(id), key, valid_until};
}

// Replaces character i with another base64url character.
std::string Mutate(std::string s, size_t i) {
  s[i] = s[i] == 'A' ? 'B' : 'A';
  return s;
}

TEST(Signing, TheSignedStringIsDocumented) {
  EXPECT_EQ(SigningString("demo", "eyJr"), "immagin-v1\ndemo\neyJr");
}

TEST(Signing, MatchesAnIndependentHmacSha256) {
  // Computed with Python's hmac module; the SDK's tests use the same vector.
  const SigningSecret secret = Secret("s1", 0);
  EXPECT_EQ(SignPayload(secret, "demo-project", "eyJrZXkiOiJoZXJvLmpwZyJ9"),
            "l2NDf1mFGBfe41C30JPOnChik1Cdxck3tj-cqbwu_KE");
}

TEST(Signing, VerifiesWhatItSignedAndSaysWhichSecret) {
  const std::vector<SigningSecret> secrets = {Secret("s1", 1)};
  const std::string sig = SignPayload(secrets[0], "demo", "eyJrZXkiOiJhLmpwZyJ9");
  EXPECT_EQ(sig.size(), 43u);
  auto r = VerifySignature("demo", "eyJrZXkiOiJhLmpwZyJ9", sig, secrets, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "s1");
}

TEST(Signing, AnyChangedCharacterIsRejected) {
  const std::vector<SigningSecret> secrets = {Secret("s1", 1)};
  const std::string tenant = "demo-project";
  const std::string payload = Base64UrlEncode(std::string_view(R"({"key":"hero.jpg","edits":[]})"));
  const std::string sig = SignPayload(secrets[0], tenant, payload);
  for (size_t i = 0; i < payload.size(); ++i) {
    auto r = VerifySignature(tenant, Mutate(payload, i), sig, secrets, kNow);
    ASSERT_FALSE(r.ok()) << "payload char " << i;
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  }
  for (size_t i = 0; i < tenant.size(); ++i) {
    EXPECT_FALSE(VerifySignature(Mutate(tenant, i), payload, sig, secrets, kNow).ok()) << i;
  }
  for (size_t i = 0; i < sig.size(); ++i) {
    EXPECT_FALSE(VerifySignature(tenant, payload, Mutate(sig, i), secrets, kNow).ok()) << i;
  }
}

TEST(Signing, OneFlippedBitAnywhereIsRejected) {
  const std::vector<SigningSecret> secrets = {Secret("s1", 1)};
  const std::string payload = Base64UrlEncode(std::string_view(R"({"key":"a.jpg"})"));
  const std::string sig = SignPayload(secrets[0], "demo", payload);
  auto raw = Base64UrlDecode(sig);
  ASSERT_TRUE(raw.ok());
  for (size_t bit = 0; bit < raw->size() * 8; ++bit) {
    std::string flipped = *raw;
    flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(VerifySignature("demo", payload, Base64UrlEncode(flipped), secrets, kNow).ok())
        << bit;
  }
}

TEST(Signing, MalformedSignaturesAreForbiddenNotBadRequests) {
  const std::vector<SigningSecret> secrets = {Secret("s1", 1)};
  const std::string sig = SignPayload(secrets[0], "demo", "eyJr");
  for (const std::string& bad :
       {std::string(), sig + "=", sig.substr(0, 42), sig + "AA", std::string("not a signature")}) {
    auto r = VerifySignature("demo", "eyJr", bad, secrets, kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(HttpStatus(r.error().code), 403);
  }
}

TEST(Signing, ATenantsSecretDoesNotSignForAnotherTenant) {
  const std::vector<SigningSecret> secrets = {Secret("s1", 1)};
  const std::string sig = SignPayload(secrets[0], "tenant-a", "eyJr");
  EXPECT_TRUE(VerifySignature("tenant-a", "eyJr", sig, secrets, kNow).ok());
  EXPECT_FALSE(VerifySignature("tenant-b", "eyJr", sig, secrets, kNow).ok());
}

TEST(Signing, RotationKeepsThePreviousSecretUntilItsGraceEnds) {
  const SigningSecret old_secret = Secret("s1", 1, kNow + 60);
  const SigningSecret new_secret = Secret("s2", 2);
  const std::vector<SigningSecret> secrets = {new_secret, old_secret};
  const std::string old_sig = SignPayload(old_secret, "demo", "eyJr");
  const std::string new_sig = SignPayload(new_secret, "demo", "eyJr");

  EXPECT_EQ(*VerifySignature("demo", "eyJr", old_sig, secrets, kNow), "s1");
  EXPECT_EQ(*VerifySignature("demo", "eyJr", new_sig, secrets, kNow), "s2");
  EXPECT_TRUE(VerifySignature("demo", "eyJr", old_sig, secrets, kNow + 60).ok());
  EXPECT_FALSE(VerifySignature("demo", "eyJr", old_sig, secrets, kNow + 61).ok());
  EXPECT_TRUE(VerifySignature("demo", "eyJr", new_sig, secrets, kNow + 61).ok());
  EXPECT_FALSE(VerifySignature("demo", "eyJr", new_sig, {}, kNow).ok());
}

TEST(Expiry, IsRefusedOncePast) {
  EXPECT_TRUE(CheckExpiry(std::nullopt, kNow).ok());
  EXPECT_TRUE(CheckExpiry(kNow, kNow).ok());
  EXPECT_TRUE(CheckExpiry(kNow + 1, kNow).ok());
  const Status s = CheckExpiry(kNow - 1, kNow);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kExpired);
  EXPECT_EQ(HttpStatus(s.error().code), 410);
  EXPECT_EQ(s.error().ToString(), "exp: this URL has expired");
}

}  // namespace
}  // namespace immagin
