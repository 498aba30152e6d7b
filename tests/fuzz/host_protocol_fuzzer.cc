// Fuzzes the host protocol (luna/host_protocol.h): what a Worker sends the module. Two
// modes, by the first byte:
//   - the rest is the host's JSON as is (malformed hosts: every answer is still a step);
//   - the rest is a payload JSON, sent as a correctly signed URL with a tenant answer and a
//     small JPEG original, so prepare and render run end to end on hostile payloads.
// Every answer must be a JSON step ("fetch" or "respond"); a respond step carries an HTTP
// status and, for errors, Cache-Control: no-store.
#include <vips/vips.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "immagin/base64url.h"
#include "immagin/json.h"
#include "immagin/signing.h"
#include "luna/engine.h"
#include "luna/host_protocol.h"

namespace {

void Check(bool condition, const char* what, const std::string& detail) {
  if (condition) return;
  std::fprintf(stderr, "property violated: %s\n%s\n", what, detail.c_str());
  std::abort();
}

// One for the whole run, as in a Worker isolate: its tenant cache sees every input.
luna::HostProtocol* g_protocol = nullptr;
std::vector<uint8_t> g_jpeg;
const immagin::SigningSecret kSecret{"s1", std::string(32, 'k'), std::nullopt};
constexpr int64_t kNow = 1'800'000'000;

void CheckStep(const luna::HostStep& step) {
  auto head = immagin::ParseJson(step.head, "step");
  Check(head.ok() && head->is_object(), "steps are JSON objects", step.head);
  const auto kind = head->find("step");
  Check(kind != head->end() && kind->is_string(), "steps say what they are", step.head);
  Check(*kind == "fetch" || *kind == "respond", "steps are fetch or respond", step.head);
  if (*kind != "respond") return;
  const auto status_field = head->find("status");
  Check(status_field != head->end() && status_field->is_number_integer(), "responses have a status",
        step.head);
  const int status = status_field->get<int>();
  Check(status >= 200 && status < 600, "responses have an HTTP status", step.head);
  if (status >= 400) {
    Check(step.head.find("no-store") != std::string::npos, "errors are not cached", step.head);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!luna::InitEngine().ok()) std::abort();
  luna::HostConfig config;
  config.storage.control_plane_url = "http://127.0.0.1:9";
  config.storage.edge_token = "fuzz-edge-token-0123456789";
  config.engine.max_input_pixels = 1'000'000;
  config.engine.max_output_dimension = 512;
  config.engine.deadline_ms = 3000;
  g_protocol = new luna::HostProtocol(config);
  VipsImage* image = nullptr;
  void* buffer = nullptr;
  size_t length = 0;
  if (vips_black(&image, 32, 24, "bands", 3, nullptr) != 0 ||
      vips_jpegsave_buffer(image, &buffer, &length, nullptr) != 0) {
    std::abort();
  }
  g_jpeg.assign(static_cast<uint8_t*>(buffer), static_cast<uint8_t*>(buffer) + length);
  g_free(buffer);
  g_object_unref(image);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    CheckStep(g_protocol->Prepare(rest));
    CheckStep(g_protocol->Render(rest, g_jpeg));
    return 0;
  }
  const std::string payload = immagin::Base64UrlEncode(rest);
  const std::string target =
      "/fuzz/" + payload + "?sig=" + immagin::SignPayload(kSecret, "fuzz", payload);
  immagin::Json tenant{
      {"tenant", "fuzz"},
      {"state", "active"},
      {"secrets", immagin::Json::array({immagin::Json{
                      {"id", kSecret.id}, {"secret", immagin::Base64UrlEncode(kSecret.key)}}})}};
  immagin::Json request{
      {"method", "GET"},  {"host", "127.0.0.1"},
      {"target", target}, {"accept", "image/avif,image/webp"},
      {"now", kNow},      {"tenant", {{"status", 200}, {"body", immagin::DumpJson(tenant)}}}};
  CheckStep(g_protocol->Prepare(immagin::DumpJson(request)));
  request["original"] = {{"status", 200}, {"etag", "\"v1\""}, {"size", g_jpeg.size()}};
  CheckStep(g_protocol->Render(immagin::DumpJson(request), g_jpeg));
  return 0;
}
