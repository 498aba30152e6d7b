#include "http/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <sodium.h>

#include <sys/socket.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <sstream>

#include "auth/password_hash.h"
#include "http/request_size_guard.h"
#include "http/structured_log.h"
#include "immagin/percent_encoding.h"
#include "services.h"
#include "storage/local_storage.h"
#include "storage/presign.h"
#include "storage/upload_precheck.h"
#include "store/server_key.h"

namespace immagin::cp {
namespace {

using namespace Pistache;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

HttpRequest ToHttpRequest(const Http::Request& request) {
  HttpRequest out;
  out.method = Http::methodString(request.method());
  out.path = request.resource();
  // Pistache hands query values over still percent-encoded (and with '+' for spaces, as
  // URLSearchParams writes them); a malformed escape stays as sent and fails validation.
  for (auto it = request.query().parameters_begin(); it != request.query().parameters_end(); ++it) {
    std::string value = it->second;
    for (char& c : value) {
      if (c == '+') c = ' ';
    }
    auto decoded = immagin::PercentDecode(value, it->first);
    out.query[it->first] = decoded.ok() ? std::move(decoded.value()) : it->second;
  }
  // Pistache keeps the headers it knows (Authorization, Content-Type, …) typed and the rest raw.
  for (const auto& header : request.headers().list()) {
    std::ostringstream value;
    header->write(value);
    out.headers[Lower(header->name())] = value.str();
  }
  for (const auto& [name, raw] : request.headers().rawList())
    out.headers[Lower(name)] = raw.value();
  out.body = request.body();
  for (const auto& cookie : request.cookies()) out.cookies[cookie.name] = cookie.value;
  out.remote_ip = request.address().host();
  return out;
}

// A response header Pistache has no class for. Its hash (Pistache checks it before a typed
// header cast) is derived from a prefixed name, so no typed lookup ever mistakes it for one
// of Pistache's own header classes.
class PlainHeader : public Http::Header::Header {
 public:
  PlainHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {
    std::string tagged = "immagin-plain:" + name_;
    hash_ = Http::Header::detail::hash(tagged.c_str());
  }
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& stream) const override { stream << value_; }
  uint64_t hash() const override { return hash_; }

 private:
  std::string name_;
  std::string value_;
  uint64_t hash_ = 0;
};

// Requests Pistache has handed to onRequest on this thread: the guard compares it before
// and after handing bytes over to learn whether Pistache took a request or refused it.
thread_local uint64_t requests_dispatched = 0;

// Pistache clones its handler once per worker thread; every clone shares the router.
class HttpAdapter : public Http::Handler {
 public:
  HTTP_PROTOTYPE(HttpAdapter)

  HttpAdapter(std::shared_ptr<Router> router, Metrics* metrics, BodyLimits limits,
              RequestSizeGuard::HeadCheck head_check)
      : router_(std::move(router)),
        metrics_(metrics),
        limits_(limits),
        head_check_(std::move(head_check)) {}

  // Every byte passes through a RequestSizeGuard first (see request_size_guard.h).
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    static const std::string kGuardKey = "immagin.request-size-guard";
    auto guard = std::static_pointer_cast<RequestSizeGuard>(peer->tryGetData(kGuardKey));
    if (!guard) {
      guard = std::make_shared<RequestSizeGuard>(limits_, head_check_);
      peer->putData(kGuardKey, guard);
    }
    guard->Feed(
        std::string_view(buffer, len),
        [&](std::string_view bytes, RequestSizeGuard::Expect expect) {
          uint64_t before = requests_dispatched;
          Http::Handler::onInput(bytes.data(), bytes.size(), peer);
          auto step = Http::Handler::getParser(peer)->step()->id();
          if (expect == RequestSizeGuard::Expect::kBodyPending)
            return step == Http::Private::BodyStep::Id;
          return requests_dispatched == before + 1 && step == Http::Private::RequestLineStep::Id;
        },
        [&](std::string_view response, bool close) {
          int status = std::atoi(std::string(response.substr(9, 3)).c_str());
          metrics_->RecordRequest("refused before parsing", status, 0);
          auto sent = peer->send(RawBuffer(std::string(response), response.size()));
          if (!close) return;
          // Closed once the answer is on the wire (Pistache queues every write).
          std::weak_ptr<Tcp::Peer> weak = peer;
          sent.then(
              [weak](ssize_t) {
                if (auto alive = weak.lock()) ::shutdown(alive->fd(), SHUT_RDWR);
              },
              Async::IgnoreException);
        });
  }

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    ++requests_dispatched;
    auto started = std::chrono::steady_clock::now();
    std::string route_name = "unmatched";
    HttpRequest in;
    HttpResponse out;
    // Exceptions (from Pistache's parsing or anything unforeseen) stop here: they never
    // reach Pistache's threads, and the client gets a JSON 500.
    try {
      in = ToHttpRequest(request);
      auto match = router_->Match(in.method, in.path);
      if (!match.ok()) {
        out = ErrorResponse(match.error());
      } else {
        route_name = match->route->method + " " + match->route->pattern;
        in.params = std::move(match->params);
        auto result = match->route->handler(in);
        out = result.ok() ? std::move(result.value()) : ErrorResponse(result.error());
      }
    } catch (const std::exception& error) {
      out = ErrorResponse(Internal("unexpected failure"));
      LogEvent("error", "handler exception", Json{{"error", error.what()}});
    } catch (...) {
      out = ErrorResponse(Internal("unexpected failure"));
    }
    try {
      for (const auto& [name, value] : out.headers)
        writer.headers().add(std::make_shared<PlainHeader>(name, value));
      Http::Mime::MediaType mime;
      if (!out.content_type.empty()) mime = Http::Mime::MediaType::fromString(out.content_type);
      writer.send(static_cast<Http::Code>(out.status), out.body, mime);
    } catch (const std::exception& error) {
      LogEvent("error", "sending response failed", Json{{"error", error.what()}});
    } catch (...) {
      LogEvent("error", "sending response failed");
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_->RecordRequest(route_name, out.status, seconds);
    if (route_name != "GET /metrics" && route_name != "GET /healthz")
      LogEvent(out.status >= 500 ? "error" : "info", "request",
               Json{{"method", in.method},
                    {"route", route_name},
                    {"status", out.status},
                    {"ms", seconds * 1000.0}});
  }

 private:
  std::shared_ptr<Router> router_;
  Metrics* metrics_;
  BodyLimits limits_;
  RequestSizeGuard::HeadCheck head_check_;
};

}  // namespace

struct Server::State {
  Config config;
  std::unique_ptr<Database> db;
  std::unique_ptr<ProjectStore> projects;
  std::unique_ptr<ApiKeyStore> keys;
  std::unique_ptr<UsageStore> usage;
  std::unique_ptr<ObjectStorage> storage;
  std::unique_ptr<Presigner> presigner;
  std::unique_ptr<AccountStore> accounts;
  std::unique_ptr<SessionStore> sessions;
  std::unique_ptr<SessionCookie> session_cookie;
  std::unique_ptr<Csrf> csrf;
  std::unique_ptr<EmailOutbox> outbox;
  std::unique_ptr<OutboxSender> outbox_sender;
  std::unique_ptr<PurgeOutbox> purge_outbox;
  std::unique_ptr<PurgeSender> purge_sender;
  std::unique_ptr<RateLimitStore> rate_limits;
  std::unique_ptr<StorageRemovalQueue> storage_removals;
  std::unique_ptr<StorageSweeper> storage_sweeper;
  std::unique_ptr<LoginRateLimit> login_limit;
  std::unique_ptr<PasswordResetStore> password_resets;
  std::unique_ptr<EmailChangeStore> email_changes;
  Metrics metrics;
  std::unique_ptr<Services> services;
  std::shared_ptr<Router> router;           // the public listener's routes
  std::shared_ptr<Router> internal_router;  // with --internal-listen: /internal/* and probes
  std::unique_ptr<Http::Endpoint> endpoint;
  std::unique_ptr<Http::Endpoint> internal_endpoint;
  bool running = false;
};

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { Shutdown(); }

Result<std::unique_ptr<Server>> Server::Create(const Config& config) {
  auto state = std::make_unique<State>();
  state->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Internal("cannot create data directory " + config.data_dir + ": " + ec.message());
  auto db = Database::Open(config.DatabaseUrl(),
                           DatabaseOptions{config.DatabasePoolSize(), config.busy_timeout_ms});
  if (!db.ok()) return db.error();
  state->db = std::move(db.value());
  state->projects =
      std::make_unique<ProjectStore>(*state->db, config.limits.free_projects_per_account);
  state->keys = std::make_unique<ApiKeyStore>(*state->db, config.limits.max_api_keys_per_project);
  state->usage = std::make_unique<UsageStore>(*state->db);
  auto storage = OpenObjectStorage(config);
  if (!storage.ok()) return storage.error();
  state->storage = std::move(storage.value());
  auto upload_key = Presigner::LoadOrCreateKey(*state->db);
  if (!upload_key.ok()) return upload_key.error();
  state->presigner = std::make_unique<Presigner>(std::move(upload_key.value()));
  auto cookie_key = LoadOrCreateServerKey(*state->db, "session-cookie", crypto_secretbox_KEYBYTES);
  if (!cookie_key.ok()) return cookie_key.error();
  auto csrf_key = LoadOrCreateServerKey(*state->db, "csrf", crypto_auth_hmacsha256_KEYBYTES);
  if (!csrf_key.ok()) return csrf_key.error();
  state->accounts = std::make_unique<AccountStore>(*state->db, config.accounts);
  state->sessions = std::make_unique<SessionStore>(*state->db);
  state->session_cookie = std::make_unique<SessionCookie>(std::move(cookie_key.value()));
  state->csrf = std::make_unique<Csrf>(std::move(csrf_key.value()));
  // Made now rather than on the first login for an unknown email, which would be slower.
  (void)DecoyPasswordHash(config.accounts);
  state->outbox = std::make_unique<EmailOutbox>(*state->db);
  state->outbox_sender = std::make_unique<OutboxSender>(*state->outbox, config.mail);
  state->purge_outbox = std::make_unique<PurgeOutbox>(*state->db);
  state->purge_sender = std::make_unique<PurgeSender>(*state->purge_outbox, config.purge,
                                                      PurgeSender::ConfiguredPurgers(config.purge));
  state->rate_limits = std::make_unique<RateLimitStore>(*state->db);
  // Finishes the removal of deleted projects' originals that a crash interrupted.
  state->storage_removals = std::make_unique<StorageRemovalQueue>(*state->db);
  state->storage_sweeper =
      std::make_unique<StorageSweeper>(*state->storage_removals, *state->storage);
  state->storage_sweeper->Start();
  state->login_limit = std::make_unique<LoginRateLimit>(*state->rate_limits, config.accounts);
  state->password_resets = std::make_unique<PasswordResetStore>(*state->db, config.accounts);
  state->email_changes = std::make_unique<EmailChangeStore>(*state->db, config.accounts);
  state->services = std::make_unique<Services>(
      Services{state->config, *state->db, *state->projects, *state->keys, *state->usage,
               *state->storage, *state->presigner, state->metrics, *state->accounts,
               *state->sessions, *state->session_cookie, *state->csrf, *state->login_limit,
               *state->outbox_sender, *state->purge_sender, *state->rate_limits,
               *state->storage_sweeper, *state->password_resets, *state->email_changes});
  state->router = std::make_shared<Router>();
  AddOpsRoutes(*state->router, *state->services);
  AddProjectRoutes(*state->router, *state->services);
  AddKeyRoutes(*state->router, *state->services);
  AddImageRoutes(*state->router, *state->services);
  AddUsageRoutes(*state->router, *state->services);
  // The edge's API on its own listener (own threads, own address) when one is configured,
  // so a flood of the public API cannot starve delivery, and only there: the public port
  // answers 404 for /internal/*.
  if (config.internal_listen_host.empty()) {
    AddInternalRoutes(*state->router, *state->services);
  } else {
    state->internal_router = std::make_shared<Router>();
    AddOpsRoutes(*state->internal_router, *state->services);
    AddInternalRoutes(*state->internal_router, *state->services);
  }
  AddSignedUrlRoutes(*state->router, *state->services);
  AddAccountRoutes(*state->router, *state->services);
  AddAccountProjectRoutes(*state->router, *state->services);
  AddPasswordResetRoutes(*state->router, *state->services);
  AddEmailChangeRoutes(*state->router, *state->services);
  AddConsoleRoutes(*state->router, *state->services);
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

namespace {

// One Pistache endpoint serving `router` behind a RequestSizeGuard.
std::unique_ptr<Http::Endpoint> ServeRouter(const std::string& host, uint16_t port, int threads,
                                            const Config& config, std::shared_ptr<Router> router,
                                            Metrics* metrics, Services* services) {
  auto endpoint = std::make_unique<Http::Endpoint>(Address(host, Port(port)));
  // Pistache buffers a whole request and, past maxRequestSize, answers 413 by itself.
  // Keeping that cap near the largest legitimate body bounds both memory and the parser
  // work an oversized body can cause (its known CPU burn with very large caps).
  size_t max_body = static_cast<size_t>(
      std::max(config.limits.max_upload_bytes, config.limits.max_json_body_bytes));
  auto options = Http::Endpoint::options()
                     .threads(threads)
                     .flags(Tcp::Options::ReuseAddr)
                     .maxRequestSize(max_body + size_t{64} * 1024)
                     .headerTimeout(std::chrono::seconds(10))
                     .bodyTimeout(std::chrono::seconds(60));
  endpoint->init(options);
  const Router* routes = router.get();
  RequestSizeGuard::HeadCheck head_check = [routes, services](std::string_view method,
                                                              std::string_view target) {
    std::optional<std::string> answer;
    if (auto refused = PrecheckUpload(method, target, *routes, *services))
      answer = RawErrorResponse(HttpStatus(refused->code), refused->Name(), refused->field,
                                refused->message, false);
    return answer;
  };
  endpoint->setHandler(Http::make_handler<HttpAdapter>(
      std::move(router), metrics,
      BodyLimits{config.limits.max_upload_bytes, config.limits.max_json_body_bytes},
      std::move(head_check)));
  endpoint->serveThreaded();
  return endpoint;
}

}  // namespace

Status Server::Start() {
  const Config& config = state_->config;
  try {
    state_->endpoint = ServeRouter(config.listen_host, config.listen_port, config.threads, config,
                                   state_->router, &state_->metrics, state_->services.get());
    state_->running = true;
    if (state_->internal_router)
      state_->internal_endpoint = ServeRouter(
          config.internal_listen_host, config.internal_listen_port, config.internal_threads, config,
          state_->internal_router, &state_->metrics, state_->services.get());
    // With port 0 the port is known only now; nobody can have reached it before this line.
    if (state_->config.public_api_url.empty())
      state_->config.public_api_url = "http://" + config.listen_host + ":" + std::to_string(port());
  } catch (const std::exception& error) {
    return Internal(std::string("cannot listen: ") + error.what());
  }
  LogEvent("info", "listening",
           Json{{"host", state_->config.listen_host},
                {"port", port()},
                {"data_dir", state_->config.data_dir}});
  if (state_->internal_endpoint)
    LogEvent("info", "internal API listening",
             Json{{"host", config.internal_listen_host}, {"port", internal_port()}});
  return {};
}

uint16_t Server::internal_port() const {
  if (!state_->internal_endpoint) return 0;
  return static_cast<uint16_t>(state_->internal_endpoint->getPort());
}

uint16_t Server::port() const {
  if (!state_->endpoint) return 0;
  return static_cast<uint16_t>(state_->endpoint->getPort());
}

std::vector<std::string> Server::Routes() const {
  std::vector<std::string> routes;
  for (const auto& route : state_->router->routes())
    routes.push_back(route.method + " " + route.pattern);
  if (state_->internal_router)
    for (const auto& route : state_->internal_router->routes())
      if (route.pattern.rfind("/internal/", 0) == 0)
        routes.push_back(route.method + " " + route.pattern);
  return routes;
}

void Server::Shutdown() {
  if (state_->outbox_sender) state_->outbox_sender->Stop();
  if (state_->purge_sender) state_->purge_sender->Stop();
  if (state_->storage_sweeper) state_->storage_sweeper->Stop();
  if (!state_->running) return;
  state_->running = false;
  try {
    if (state_->internal_endpoint) state_->internal_endpoint->shutdown();
    state_->endpoint->shutdown();
  } catch (const std::exception& error) {
    LogEvent("error", "shutdown", Json{{"error", error.what()}});
  }
  LogEvent("info", "stopped");
}

}  // namespace immagin::cp
