// Luna as a wasm32-wasi reactor: the ABI a worker (edge/worker) calls over linear memory.
// Single-threaded; nothing throws (built with -fno-exceptions); every failure, including
// an invalid configuration, comes back as a "respond" step with an error status.
//
//   luna_alloc(n) → ptr, luna_free(ptr)         buffers the host fills with requests/originals
//   luna_version() → NUL-terminated string: "luna 0.1.0 (libvips 8.18.6)"
//   luna_prepare(req, req_len) → Output*         the next step (see luna/host_protocol.h)
//   luna_render(req, req_len, original, original_len) → Output*
//   luna_output_free(Output*)
//
// An Output starts with four little-endian u32: head pointer, head length, body pointer,
// body length. Configuration comes from the WASI environment (LUNA_*), read on first use.
#include <cstdlib>
#include <cstring>
#include <string>

#include "immagin/json.h"
#include "luna/delivery.h"
#include "luna/engine.h"
#include "luna/host_protocol.h"

#ifndef LUNA_MODULE_VERSION
#define LUNA_MODULE_VERSION "dev"
#endif

namespace {

struct Output {
  // The four words the host reads; the step below owns the bytes they point at.
  const char* head;
  uint32_t head_len;
  const char* body;
  uint32_t body_len;
  luna::HostStep step;
};

// The instance's one HostProtocol: its tenant cache lives as long as the instance.
immagin::Result<luna::HostProtocol*> Protocol() {
  static immagin::Result<luna::HostProtocol*> protocol =
      []() -> immagin::Result<luna::HostProtocol*> {
    auto loaded = luna::HostConfig::FromEnvironment();
    if (!loaded) return loaded.error();
    if (auto s = luna::InitEngine("luna"); !s) return s.error();
    return new luna::HostProtocol(std::move(*loaded));
  }();
  return protocol;
}

Output* Emit(luna::HostStep step) {
  auto* out = new Output{nullptr, 0, nullptr, 0, std::move(step)};
  out->head = out->step.head.data();
  out->head_len = static_cast<uint32_t>(out->step.head.size());
  out->body = out->step.body.data();
  out->body_len = static_cast<uint32_t>(out->step.body.size());
  return out;
}

// A configuration the module cannot work with answers every request with a 500 that says
// which setting is wrong (the worker's logs and the first response show it).
Output* ConfigError(const immagin::Error& error) {
  luna::Response response =
      luna::ErrorResponse(immagin::Error{immagin::ErrorCode::kInternal, error.field,
                                         "the edge is misconfigured: " + error.ToString()},
                          luna::Request{.method = "GET"});
  immagin::Json headers = immagin::Json::array();
  for (const auto& [name, value] : response.headers) headers.push_back({name, value});
  return Emit(
      {immagin::DumpJson({{"step", "respond"}, {"status", response.status}, {"headers", headers}}),
       std::move(response.body)});
}

}  // namespace

extern "C" {

__attribute__((export_name("luna_alloc"))) void* luna_alloc(size_t size) {
  return std::malloc(size == 0 ? 1 : size);
}

__attribute__((export_name("luna_free"))) void luna_free(void* pointer) { std::free(pointer); }

__attribute__((export_name("luna_version"))) const char* luna_version() {
  static const std::string version =
      std::string("luna " LUNA_MODULE_VERSION " (libvips ") + luna::LibvipsVersion() + ")";
  return version.c_str();
}

__attribute__((export_name("luna_prepare"))) Output* luna_prepare(const char* request,
                                                                  size_t request_len) {
  auto protocol = Protocol();
  if (!protocol) return ConfigError(protocol.error());
  return Emit((*protocol)->Prepare({request, request_len}));
}

__attribute__((export_name("luna_render"))) Output* luna_render(const char* request,
                                                                size_t request_len,
                                                                const uint8_t* original,
                                                                size_t original_len) {
  auto protocol = Protocol();
  if (!protocol) return ConfigError(protocol.error());
  return Emit((*protocol)->Render({request, request_len}, {original, original_len}));
}

__attribute__((export_name("luna_output_free"))) void luna_output_free(Output* output) {
  delete output;
}

}  // extern "C"
