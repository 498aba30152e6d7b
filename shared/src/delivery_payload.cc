#include "immagin/delivery_payload.h"

#include "immagin/base64url.h"
#include "immagin/canonical.h"
#include "immagin/edit_parser.h"
#include "immagin/image_key.h"
#include "immagin/json.h"
#include "option_reader.h"

namespace immagin {
namespace {

constexpr std::string_view kMembers[] = {"key", "edits", "output", "metadata", "exp"};

// 2^53: the largest integer a JavaScript client can write exactly.
constexpr long long kMaxExp = 9007199254740992LL;

}  // namespace

Result<DeliveryPayload> ParsePayloadJson(std::string_view json, const RequestLimits& limits) {
  auto parsed = ParseJson(json, "payload");
  if (!parsed) return parsed.error();
  const Json& root = *parsed;
  if (!root.is_object()) return InvalidArgument("payload", "must be a JSON object");
  for (const auto& [name, value] : root.items()) {
    if (std::find(std::begin(kMembers), std::end(kMembers), name) == std::end(kMembers)) {
      return InvalidArgument(name,
                             "unknown payload member (expected key, edits, output, "
                             "metadata or exp)");
    }
  }

  DeliveryPayload p;
  const auto key = root.find("key");
  if (key == root.end()) return InvalidArgument("key", "is required");
  if (!key->is_string()) return InvalidArgument("key", "must be a string");
  p.key = key->get<std::string>();
  if (Status s = ValidateImageKey(p.key, "key"); !s) return s.error();

  if (const auto m = root.find("metadata"); m != root.end()) {
    if (!m->is_boolean()) return InvalidArgument("metadata", "must be true or false");
    p.metadata = m->get<bool>();
  }
  if (const auto e = root.find("exp"); e != root.end()) {
    const auto exp = JsonInteger(*e, 0, kMaxExp);
    if (!exp) return InvalidArgument("exp", "must be an integer number of unix seconds");
    p.exp = *exp;
  }

  const Json null_value;
  const auto edits = root.find("edits");
  const auto output = root.find("output");
  if (p.metadata) {
    const bool has_edits =
        edits != root.end() && !edits->is_null() && !(edits->is_array() && edits->empty());
    if (has_edits) return InvalidArgument("edits", "must be absent for a metadata request");
    if (output != root.end() && !output->is_null()) {
      return InvalidArgument("output", "must be absent for a metadata request");
    }
  }
  auto edit_list = ParseEdits(edits == root.end() ? null_value : *edits, limits);
  if (!edit_list) return edit_list.error();
  auto out = ParseOutput(output == root.end() ? null_value : *output);
  if (!out) return out.error();
  p.edits = Canonicalize(std::move(*edit_list));
  p.output = Canonicalize(*out);
  return p;
}

Result<DeliveryPayload> DecodePayload(std::string_view payload, const RequestLimits& limits) {
  if (payload.empty()) return InvalidArgument("payload", "is empty");
  if (payload.size() > limits.max_payload_chars) {
    return InvalidArgument(
        "payload", "longer than " + std::to_string(limits.max_payload_chars) + " characters");
  }
  auto json = Base64UrlDecode(payload, "payload");
  if (!json) return json.error();
  return ParsePayloadJson(*json, limits);
}

std::string CanonicalPayloadJson(const DeliveryPayload& p) {
  Json root = {{"key", p.key}};
  if (p.metadata) {
    root["metadata"] = true;
  } else {
    root["edits"] = ToJson(p.edits);
    root["output"] = ToJson(p.output);
  }
  if (p.exp) root["exp"] = *p.exp;
  return DumpJson(root);
}

std::string EncodePayload(const DeliveryPayload& p) {
  return Base64UrlEncode(CanonicalPayloadJson(p));
}

}  // namespace immagin
