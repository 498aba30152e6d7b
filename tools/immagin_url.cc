// immagin-url: mint, inspect and check signed delivery URLs from the command line, with
// exactly the code Luna uses to verify them.
//
//   immagin-url new-secret
//   immagin-url sign    --tenant T --secret S [--secret-id ID] [--base URL] [--exp UNIX]
//                       (--payload JSON | --key K [--edits JSON] [--output JSON] [--metadata])
//   immagin-url inspect --tenant T (--payload JSON | --payload-b64 P)
//   immagin-url verify  --tenant T --secret S --payload-b64 P --sig SIG
//
// Secrets are base64url (no padding) of the raw key bytes.
#include <sodium.h>

#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "immagin/base64url.h"
#include "immagin/delivery_payload.h"
#include "immagin/json.h"
#include "immagin/signing.h"
#include "immagin/tenant_id.h"
#include "immagin/transform_id.h"

namespace {

using immagin::Json;

constexpr const char* kUsage =
    "usage:\n"
    "  immagin-url new-secret\n"
    "  immagin-url sign --tenant T --secret S [--secret-id ID] [--base URL] [--exp UNIX]\n"
    "                   (--payload JSON | --key K [--edits JSON] [--output JSON] [--metadata])\n"
    "  immagin-url inspect --tenant T (--payload JSON | --payload-b64 P)\n"
    "  immagin-url verify --tenant T --secret S --payload-b64 P --sig SIG\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "immagin-url: %s\n", message.c_str());
  return 2;
}

struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  bool metadata = false;
};

// --name value pairs after the command; --metadata is the only flag.
bool ParseArgs(int argc, char** argv, Args& args, std::string& error) {
  if (argc < 2) {
    error = "missing command";
    return false;
  }
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--metadata") {
      args.metadata = true;
      continue;
    }
    if (name.rfind("--", 0) != 0 || i + 1 >= argc) {
      error = "expected --option value, got '" + name + "'";
      return false;
    }
    args.options[name.substr(2)] = argv[++i];
  }
  return true;
}

std::string Option(const Args& args, const std::string& name) {
  const auto it = args.options.find(name);
  return it == args.options.end() ? std::string() : it->second;
}

// The payload JSON from --payload, or assembled from --key/--edits/--output/--metadata/--exp.
immagin::Result<std::string> PayloadJson(const Args& args) {
  if (!Option(args, "payload").empty()) return Option(args, "payload");
  if (Option(args, "key").empty()) return immagin::InvalidArgument("--key", "is required");
  Json root = {{"key", Option(args, "key")}};
  for (const char* part : {"edits", "output"}) {
    const std::string text = Option(args, part);
    if (text.empty()) continue;
    auto value = immagin::ParseJson(text, std::string("--") + part);
    if (!value) return value.error();
    root[part] = *value;
  }
  if (args.metadata) root["metadata"] = true;
  if (const std::string exp = Option(args, "exp"); !exp.empty()) {
    auto value = immagin::ParseJson(exp, "--exp");
    if (!value) return value.error();
    root["exp"] = *value;
  }
  return immagin::DumpJson(root);
}

immagin::Result<immagin::SigningSecret> SecretFrom(const Args& args) {
  auto key = immagin::Base64UrlDecode(Option(args, "secret"), "--secret");
  if (!key) return key.error();
  if (key->size() < 16) return immagin::InvalidArgument("--secret", "must be at least 16 bytes");
  const std::string id = Option(args, "secret-id");
  return immagin::SigningSecret{id.empty() ? "s1" : id, *key, std::nullopt};
}

int NewSecret() {
  unsigned char key[immagin::kSigningKeyBytes];
  randombytes_buf(key, sizeof key);
  std::printf("%s\n", immagin::Base64UrlEncode(std::span<const uint8_t>(key)).c_str());
  sodium_memzero(key, sizeof key);
  return 0;
}

int Sign(const Args& args, const std::string& tenant) {
  auto secret = SecretFrom(args);
  if (!secret) return Fail(secret.error().ToString());
  auto json = PayloadJson(args);
  if (!json) return Fail(json.error().ToString());
  // Validate before signing: never mint a URL that Luna would answer with a 400.
  auto payload = immagin::ParsePayloadJson(*json, {});
  if (!payload) return Fail(payload.error().ToString());
  const std::string encoded = immagin::Base64UrlEncode(*json);
  const std::string sig = immagin::SignPayload(*secret, tenant, encoded);
  std::printf("%s/%s/%s?sig=%s\n", Option(args, "base").c_str(), tenant.c_str(), encoded.c_str(),
              sig.c_str());
  return 0;
}

int Inspect(const Args& args, const std::string& tenant) {
  immagin::Result<immagin::DeliveryPayload> payload =
      Option(args, "payload-b64").empty() ? [&]() -> immagin::Result<immagin::DeliveryPayload> {
    auto json = PayloadJson(args);
    if (!json) return json.error();
    return immagin::ParsePayloadJson(*json, {});
  }()
      : immagin::DecodePayload(Option(args, "payload-b64"), {});
  if (!payload) return Fail(payload.error().ToString());
  auto canonical = immagin::ParseJson(immagin::CanonicalPayloadJson(*payload), "canonical");
  const Json out = {{"canonical", canonical ? *canonical : Json()},
                    {"transformId", immagin::TransformId(tenant, *payload)}};
  std::printf("%s\n", immagin::DumpJson(out).c_str());
  return 0;
}

int Verify(const Args& args, const std::string& tenant) {
  auto secret = SecretFrom(args);
  if (!secret) return Fail(secret.error().ToString());
  const std::vector<immagin::SigningSecret> secrets = {*secret};
  const std::string payload = Option(args, "payload-b64");
  auto verified = immagin::VerifySignature(tenant, payload, Option(args, "sig"), secrets,
                                           static_cast<int64_t>(std::time(nullptr)));
  if (!verified) {
    std::printf("invalid: %s\n", verified.error().ToString().c_str());
    return 1;
  }
  auto decoded = immagin::DecodePayload(payload, {});
  if (!decoded) {
    std::printf("signed, but invalid: %s\n", decoded.error().ToString().c_str());
    return 1;
  }
  if (auto expiry = immagin::CheckExpiry(decoded->exp, std::time(nullptr)); !expiry) {
    std::printf("signed, but %s\n", expiry.error().ToString().c_str());
    return 1;
  }
  std::printf("valid (secret %s)\n", verified->c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return Fail("libsodium failed to initialise");
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, args, error)) {
    std::fputs(kUsage, stderr);
    return Fail(error);
  }
  if (args.command == "new-secret") return NewSecret();
  const std::string tenant = Option(args, "tenant");
  if (args.command != "sign" && args.command != "inspect" && args.command != "verify") {
    std::fputs(kUsage, stderr);
    return Fail("unknown command '" + args.command + "'");
  }
  if (auto valid = immagin::ValidateTenantId(tenant, "--tenant"); !valid) {
    return Fail(valid.error().ToString());
  }
  if (args.command == "sign") return Sign(args, tenant);
  if (args.command == "inspect") return Inspect(args, tenant);
  return Verify(args, tenant);
}
