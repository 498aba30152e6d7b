#include "storage/presign.h"

#include <sodium.h>

#include <array>

#include "immagin/base64url.h"
#include "immagin/percent_encoding.h"

namespace immagin::cp {

Result<std::string> Presigner::LoadOrCreateKey(Database& db) {
  std::string key;
  auto status = db.Transaction([&](Connection& raw) -> Status {
    Statement row(raw, "SELECT value FROM server_secrets WHERE name = 'upload-signing'");
    if (row.Step()) {
      key = row.Blob(0);
      return {};
    }
    if (row.failed()) return SqlError(raw, "reading upload key");
    key.assign(crypto_auth_hmacsha256_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    Statement insert(raw, "INSERT INTO server_secrets (name, value) VALUES ('upload-signing', ?)");
    insert.BindBlob(1, key);
    insert.Step();
    if (insert.failed()) return SqlError(raw, "storing upload key");
    return {};
  });
  if (!status.ok()) return status.error();
  if (key.size() != crypto_auth_hmacsha256_KEYBYTES) return Internal("corrupt upload key");
  return key;
}

std::string Presigner::Sign(std::string_view method, const UploadGrant& grant) const {
  // Namespaces, tenant ids, numbers and keys (validated: no control characters) never
  // contain '\n'. v2: the namespace took the place of the row id, which SQLite reused.
  std::string message = "immagin-upload-v2\n" + std::string(method) + "\n" +
                        grant.storage_namespace + "\n" + grant.tenant_id + "\n" + grant.key + "\n" +
                        std::to_string(grant.max_bytes) + "\n" + std::to_string(grant.expires_at);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(),
                         reinterpret_cast<const unsigned char*>(server_key_.data()));
  return Base64UrlEncode(std::span<const uint8_t>(mac.data(), mac.size()));
}

std::string Presigner::UploadUrl(std::string_view public_base, const UploadGrant& grant) const {
  return std::string(public_base) + "/uploads/" + grant.tenant_id + "/" +
         PercentEncode(grant.key, /*keep_slash=*/true) + "?max=" + std::to_string(grant.max_bytes) +
         "&exp=" + std::to_string(grant.expires_at) + "&sig=" + Sign("PUT", grant);
}

Status Presigner::Verify(std::string_view method, const UploadGrant& presented,
                         std::string_view signature, int64_t now) const {
  std::string expected = Sign(method, presented);
  if (signature.size() != expected.size() ||
      sodium_memcmp(signature.data(), expected.data(), expected.size()) != 0)
    return Forbidden("invalid upload signature");
  // Checked after the signature, so an attacker cannot learn anything from the order.
  if (now > presented.expires_at)
    return Error{ErrorCode::kExpired, "exp", "the upload URL has expired"};
  return {};
}

}  // namespace immagin::cp
