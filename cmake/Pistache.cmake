# immagin::pistache — Debian 12's Pistache 0.0.5 with two of its headers mended for our
# build, shared by every native server (luna-server, the control plane):
#  - async.h reads a member that does not exist (`this->chain_` in Chainer<void>), which
#    clang 19 rejects; upstream pistache#1243, fixed by #1244 to use `chainCore`.
#  - http.h keeps Http::Handler::onInput private, so a subclass cannot look at the bytes
#    before the parser does; protected (access is not part of the ABI) lets the control
#    plane's RequestSizeGuard answer an oversized Content-Length with 413 at once (past
#    maxRequestSize Pistache 0.0.5 re-parses the rest of the body as request lines,
#    quadratically: upstream pistache#1190; measured: 187 s of CPU for a 40 MB body).
# The mended copies go into the build tree ahead of /usr/include; the library is unchanged.
include_guard(GLOBAL)
pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
find_path(PISTACHE_HEADER_DIR pistache/async.h HINTS ${PISTACHE_INCLUDE_DIRS} REQUIRED)
set(PISTACHE_COMPAT_DIR "${CMAKE_BINARY_DIR}/pistache-compat")

file(READ "${PISTACHE_HEADER_DIR}/pistache/async.h" pistache_async)
string(REPLACE "void operator()()\n                    {\n                        auto core   = this->chain_;"
       "void operator()()\n                    {\n                        auto core   = chainCore;"
       pistache_async "${pistache_async}")
file(WRITE "${PISTACHE_COMPAT_DIR}/pistache/async.h" "${pistache_async}")

file(READ "${PISTACHE_HEADER_DIR}/pistache/http.h" pistache_http)
set(handler_private "        private:\n            void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override;")
string(FIND "${pistache_http}" "${handler_private}" handler_private_at)
if(handler_private_at EQUAL -1)
  message(FATAL_ERROR "pistache/http.h is not the 0.0.5 header cmake/Pistache.cmake expects")
endif()
string(REPLACE "${handler_private}"
       "        protected:\n            void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override;"
       pistache_http "${pistache_http}")
file(WRITE "${PISTACHE_COMPAT_DIR}/pistache/http.h" "${pistache_http}")

add_library(immagin_pistache INTERFACE)
add_library(immagin::pistache ALIAS immagin_pistache)
target_include_directories(immagin_pistache BEFORE INTERFACE "${PISTACHE_COMPAT_DIR}")
target_link_libraries(immagin_pistache INTERFACE PkgConfig::PISTACHE)
