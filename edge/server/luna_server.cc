// luna-server: Luna's request handling behind HTTP (Pistache), a host of the host protocol
// like the Worker: it moves bytes (host_driver.h), edge/request decides.
//   luna-server [--listen 127.0.0.1:8080] (--tenants-file F | --control-plane-url U
//               --edge-token-file T) [--originals-dir D] [--cdn-domain example.com] ...
//   luna-server --help        every setting, its flag and its default
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <signal.h>
#include <sys/socket.h>
#include <vips/vips.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string_view>

#include "host_driver.h"
#include "luna/delivery.h"
#include "luna/engine.h"
#include "request_head_reader.h"
#include "server_config.h"
#include "transform_queue.h"
#include "usage_journal.h"

namespace luna {
namespace {

using namespace Pistache;

struct ServerState {
  std::unique_ptr<UsageJournal> journal;
  std::unique_ptr<UsageSender> sender;
  std::unique_ptr<HostDriver> driver;
  std::unique_ptr<TransformQueue> queue;
};

// Pistache 0.0.5 writes only typed headers; this one carries any name and value.
class AnyHeader : public Http::Header::Header {
 public:
  AnyHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parseRaw(const char* data, size_t size) override { value_.assign(data, size); }
  void write(std::ostream& os) const override { os << value_; }
  uint64_t hash() const override { return std::hash<std::string>{}(name_); }

 private:
  std::string name_;
  std::string value_;
};

// Pistache 0.0.5 always writes Content-Length from the body it sends, so a HEAD answer
// says 0 (a second, true Content-Length would make the response invalid).
void Send(Http::ResponseWriter& writer, const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Content-Length") continue;
    writer.headers().add(std::make_shared<AnyHeader>(name, value));
  }
  writer.send(static_cast<Http::Code>(response.status), response.body);
}

Request ToRequest(const Http::Request& http, std::string raw_target) {
  Request r;
  r.method = Http::methodString(http.method());
  auto header = [&](const char* name) {
    const auto raw = http.headers().tryGetRaw(name);
    return raw ? raw->value() : std::string();
  };
  r.host = header("Host");
  r.accept = header("Accept");
  r.if_none_match = header("If-None-Match");
  r.target = std::move(raw_target);
  r.now = std::chrono::duration_cast<std::chrono::seconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count();
  return r;
}

class Handler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)
  explicit Handler(std::shared_ptr<ServerState> state) : state_(std::move(state)) {}

  // Every byte passes through a RequestHeadReader first (see request_head_reader.h).
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto reader = HeadReader(peer);
    reader->Feed(
        std::string_view(buffer, len),
        [&](std::string_view head) { Http::Handler::onInput(head.data(), head.size(), peer); },
        [&](std::string_view response) {
          peer->send(RawBuffer(std::string(response), response.size()));
        });
    if (reader->broken()) ::shutdown(peer->fd(), SHUT_RDWR);
  }

  void onRequest(const Http::Request& http, Http::ResponseWriter writer) override {
    // Pistache handles a head within the reader's forward call, on this connection's thread.
    const Request request = ToRequest(http, HeadReader(writer.peer())->raw_target());
    if (http.resource() == "/healthz") {
      Response ok{200, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}}, ""};
      // A HEAD gets no body (Pistache's Content-Length then says 0, see Send).
      if (request.method != "HEAD") {
        ok.body = "{\"status\":\"ok\",\"pendingUsageEvents\":" +
                  std::to_string(state_->journal->PendingEvents()) + "}";
      }
      Send(writer, ok);
      return;
    }
    auto begun = state_->driver->Begin(request);
    if (auto* response = std::get_if<Response>(&begun)) {
      Send(writer, *response);
      return;
    }
    // The rest may block on the control plane, the storage and libvips.
    auto shared_writer = std::make_shared<Http::ResponseWriter>(std::move(writer));
    state_->queue->Submit([state = state_,
                           pending = std::get<HostDriver::Pending>(std::move(begun)),
                           shared_writer]() mutable {
      Send(*shared_writer, state->driver->Finish(std::move(pending)));
    });
  }

 private:
  static std::shared_ptr<RequestHeadReader> HeadReader(const std::shared_ptr<Tcp::Peer>& peer) {
    static const std::string kKey = "luna.request-head-reader";
    auto reader = std::static_pointer_cast<RequestHeadReader>(peer->tryGetData(kKey));
    if (!reader) {
      reader = std::make_shared<RequestHeadReader>();
      peer->putData(kKey, reader);
    }
    return reader;
  }

  std::shared_ptr<ServerState> state_;
};

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

int Run(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--help") {
    std::printf("usage: luna-server [--flag value ...]; each flag also reads from LUNA_*:\n%s",
                immagin::SettingsHelp(ServerSettings()).c_str());
    return 0;
  }
  auto config = ServerConfig::Load(argc, argv);
  if (!config) {
    std::fprintf(stderr, "luna-server: %s\n", config.error().ToString().c_str());
    return 2;
  }
  if (auto s = InitEngine(argv[0]); !s) {
    std::fprintf(stderr, "luna-server: %s\n", s.error().ToString().c_str());
    return 1;
  }
  auto state = std::make_shared<ServerState>();
  std::unique_ptr<TenantSource> tenants;
  if (!config->tenants_file.empty()) {
    auto from_file = TenantsFromFile(config->tenants_file);
    if (!from_file) {
      std::fprintf(stderr, "luna-server: %s\n", from_file.error().ToString().c_str());
      return 2;
    }
    tenants = std::move(*from_file);
  } else {
    tenants = TenantsFromControlPlane();
  }
  auto journal = UsageJournal::Open(config->data_dir);
  if (!journal) {
    std::fprintf(stderr, "luna-server: %s\n", journal.error().ToString().c_str());
    return 2;
  }
  state->journal = std::move(*journal);
  const StorageConfig& storage = config->host.storage;
  if (!storage.control_plane_url.empty()) {
    state->sender = std::make_unique<UsageSender>(
        *state->journal, storage.control_plane_url, storage.edge_token,
        std::chrono::milliseconds(config->host.usage_flush_ms));
  }
  state->driver = std::make_unique<HostDriver>(config->host, std::move(tenants),
                                               config->originals_dir.empty()
                                                   ? OriginalsFromUrls()
                                                   : OriginalsFromDirectory(config->originals_dir),
                                               *state->journal);
  state->queue = std::make_unique<TransformQueue>(config->max_concurrent);

  Http::Endpoint endpoint{Address(config->listen)};
  // Delivery requests have no body: anything large is refused by the parser at once.
  endpoint.init(Http::Endpoint::options()
                    .threads(2)
                    .maxRequestSize(size_t{16} * 1024)
                    .flags(Tcp::Options::ReuseAddr));
  endpoint.setHandler(Http::make_handler<Handler>(state));
  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);
  endpoint.serveThreaded();
  std::printf(
      "luna-server: listening on http://%s (%s, originals from %s)\n", config->listen.c_str(),
      config->tenants_file.empty() ? "tenants from the control plane" : "tenants from a file",
      !config->originals_dir.empty() ? config->originals_dir.c_str()
      : !storage.s3_endpoint.empty() ? storage.s3_endpoint.c_str()
                                     : "the control plane");
  std::fflush(stdout);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::printf("luna-server: shutting down\n");
  endpoint.shutdown();
  state->queue.reset();   // finish accepted transforms
  state->sender.reset();  // last usage flush
  vips_shutdown();
  return 0;
}

}  // namespace
}  // namespace luna

int main(int argc, char** argv) {
  try {
    return luna::Run(argc, argv);
  } catch (const std::exception& e) {  // Pistache reports bind errors by throwing
    std::fprintf(stderr, "luna-server: %s\n", e.what());
    return 1;
  }
}
