# Luna in workerd, locally: `npx workerd serve edge/worker/config.capnp` after
# `cmake --build --preset wasm` (the module is read from build/wasm). Settings come from
# the environment (LUNA_CONTROL_PLANE_URL and LUNA_EDGE_TOKEN are required; see
# luna/host_protocol.h and edge/README.md); `--socket-addr http=HOST:PORT` moves the port.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "luna", worker = .luna),
    # Originals and tenant configs may live on loopback or a private network.
    (name = "network", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "luna")],
);

const luna :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "luna.js", esModule = embed "luna.js"),
    (name = "wasi.js", esModule = embed "wasi.js"),
    (name = "luna.wasm", wasm = embed "../../build/wasm/edge/wasm/luna.wasm"),
  ],
  compatibilityDate = "2024-09-23",
  globalOutbound = "network",
  bindings = [
    (name = "LUNA_CONTROL_PLANE_URL", fromEnvironment = "LUNA_CONTROL_PLANE_URL"),
    (name = "LUNA_EDGE_TOKEN", fromEnvironment = "LUNA_EDGE_TOKEN"),
    (name = "LUNA_CDN_DOMAIN", fromEnvironment = "LUNA_CDN_DOMAIN"),
    (name = "LUNA_S3_ENDPOINT", fromEnvironment = "LUNA_S3_ENDPOINT"),
    (name = "LUNA_S3_BUCKET", fromEnvironment = "LUNA_S3_BUCKET"),
    (name = "LUNA_S3_PREFIX", fromEnvironment = "LUNA_S3_PREFIX"),
    (name = "LUNA_S3_REGION", fromEnvironment = "LUNA_S3_REGION"),
    (name = "LUNA_S3_ACCESS_KEY_ID", fromEnvironment = "LUNA_S3_ACCESS_KEY_ID"),
    (name = "LUNA_S3_SECRET_ACCESS_KEY", fromEnvironment = "LUNA_S3_SECRET_ACCESS_KEY"),
    (name = "LUNA_TENANT_CACHE_SECONDS", fromEnvironment = "LUNA_TENANT_CACHE_SECONDS"),
    (name = "LUNA_TENANT_MAX_STALE_SECONDS", fromEnvironment = "LUNA_TENANT_MAX_STALE_SECONDS"),
    (name = "LUNA_CONTROL_PLANE_TIMEOUT_MS", fromEnvironment = "LUNA_CONTROL_PLANE_TIMEOUT_MS"),
    (name = "LUNA_MAX_TENANT_CACHE", fromEnvironment = "LUNA_MAX_TENANT_CACHE"),
    (name = "LUNA_MAX_QUEUE", fromEnvironment = "LUNA_MAX_QUEUE"),
    (name = "LUNA_USAGE_FLUSH_MS", fromEnvironment = "LUNA_USAGE_FLUSH_MS"),
    (name = "LUNA_MAX_PENDING_USAGE", fromEnvironment = "LUNA_MAX_PENDING_USAGE"),
    (name = "LUNA_MAX_INPUT_BYTES", fromEnvironment = "LUNA_MAX_INPUT_BYTES"),
    (name = "LUNA_MAX_INPUT_PIXELS", fromEnvironment = "LUNA_MAX_INPUT_PIXELS"),
    (name = "LUNA_MAX_OUTPUT_DIMENSION", fromEnvironment = "LUNA_MAX_OUTPUT_DIMENSION"),
    (name = "LUNA_MAX_FRAMES", fromEnvironment = "LUNA_MAX_FRAMES"),
    (name = "LUNA_DEADLINE_MS", fromEnvironment = "LUNA_DEADLINE_MS"),
    (name = "LUNA_MAX_WORK_PIXELS", fromEnvironment = "LUNA_MAX_WORK_PIXELS"),
    (name = "LUNA_MAX_EAGER_BYTES", fromEnvironment = "LUNA_MAX_EAGER_BYTES"),
    (name = "LUNA_AVIF_EFFORT", fromEnvironment = "LUNA_AVIF_EFFORT"),
  ],
);
