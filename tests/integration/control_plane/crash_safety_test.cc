// kill -9 of the real control plane (and of immagin-admin) at the moments that matter, over
// a real database (SQLite, and PostgreSQL in the /postgres run) and real files: with a CDN purge in
// flight, and part-way through deleting an account or a project. After a restart nothing is lost (a
// purge is sent again until acknowledged, an acknowledged deletion stays done) and nothing is
// half-done (an account or a project is wholly there or wholly gone, and the objects of a deleted
// one do not stay on disk). Kill moments are spread over the measured length of the deletion, and
// every outcome but "in between" is accepted, so no assertion depends on where one lands.
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "calendar.h"
#include "control_plane_fixture.h"
#include "http_recorder.h"
#include "immagin/surrogate_key.h"
#include "server_process.h"
#include "storage/local_storage.h"
#include "storage/storage_namespace.h"
#include "storage/storage_sweeper.h"

namespace immagin::cp::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;
using immagin::testing::HttpRecorder;
using immagin::testing::RecordedRequest;

constexpr const char* kEmail = "crash@example.com";
constexpr const char* kPassword = "Tr0ub4dor&3-horse-battery";
// Enough stored objects that removing them takes a measurable while (figures are printed).
constexpr int kImagesPerProject = 400;
// A cheap Argon2id for the console logins of every restart.
const std::vector<std::string> kCheapHash = {"--pwhash-opslimit", "1", "--pwhash-memlimit", "8192"};

// PURGE requests whose xkey-purge header names `tag`; with `answered_only`, those answered
// with a 2xx while their client was still there.
int PurgesNaming(const std::vector<RecordedRequest>& requests, const std::string& tag,
                 bool answered_only) {
  int count = 0;
  for (const auto& request : requests) {
    auto it = request.headers.find("xkey-purge");
    if (request.method != "PURGE" || it == request.headers.end()) continue;
    if ((" " + it->second + " ").find(" " + tag + " ") == std::string::npos) continue;
    if (!answered_only || request.answered / 100 == 2) ++count;
  }
  return count;
}

bool WaitUntil(const std::function<bool()>& condition, milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(20));
  }
  return true;
}

// The first column of the first row of `sql`, read through a connection of our own (to the
// test's PostgreSQL database when there is one).
int64_t QueryInt(const fs::path& data_dir, const std::string& sql) {
  const char* url = std::getenv("IMMAGIN_DATABASE_URL");
  auto db = Database::Open(url ? std::string(url) : (data_dir / "control-plane.sqlite3").string());
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return -1;
  int64_t value = -1;
  EXPECT_TRUE(db.value()
                  ->Run([&](Connection& raw) -> Status {
                    Statement row(raw, sql);
                    if (row.Step()) value = row.Int(0);
                    if (row.failed()) return SqlError(raw, sql);
                    return {};
                  })
                  .ok())
      << sql;
  return value;
}

// Regular files under `dir` (0 when it does not exist).
int FilesUnder(const fs::path& dir) {
  int count = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) ++count;
  return count;
}

// Every key the API lists for the caller, following the cursor; -1 unless each page is 200.
int ListedImages(const ServerProcess& server, const std::string& auth, int* status = nullptr) {
  int count = 0;
  std::string cursor;
  for (;;) {
    std::string path = "/v1/images?limit=1000";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    auto page = Send("GET", server.Url(path), "", {auth});
    if (status != nullptr) *status = static_cast<int>(page.status);
    if (page.status != 200) return -1;
    count += static_cast<int>(page.json()["images"].size());
    if (!page.json().contains("nextCursor")) return count;
    cursor = page.json()["nextCursor"].get<std::string>();
  }
}

// Writes `count` small originals into a project's folder the way the local store keeps
// them (the listing reads the same files), faster than as many uploads.
void WriteOriginals(const fs::path& objects_dir, const std::string& storage_namespace, int count) {
  for (int i = 0; i < count; ++i) {
    fs::path path = objects_dir / storage_namespace / ("album-" + std::to_string(i % 10)) /
                    ("photo-" + std::to_string(i) + ".jpg");
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << "original bytes of photo " << i;
  }
}

// Kill moments for a deletion that took `measured`: the first milliseconds (before the
// commit), then spread over the whole of it, then past its end.
std::vector<milliseconds> KillMoments(milliseconds measured) {
  std::vector<milliseconds> moments = {milliseconds(0), milliseconds(2), milliseconds(5)};
  for (double fraction : {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.5})
    moments.push_back(milliseconds(static_cast<int64_t>(measured.count() * fraction)));
  std::sort(moments.begin(), moments.end());
  moments.erase(std::unique(moments.begin(), moments.end()), moments.end());
  return moments;
}

struct AccountUnderTest {
  std::vector<std::string> tenants;
  std::vector<std::string> namespaces;
  std::vector<std::string> key_auths;  // "Authorization: Bearer …", one per project
};

class CrashSafety : public ControlPlaneTest {
 protected:
  CrashSafety() {
    config_.data_dir = (dir_ / "template").string();
    config_.accounts.pwhash_opslimit = 1;
    config_.accounts.pwhash_memlimit_bytes = 8192;
  }
  // Each test starts the processes it needs.
  void SetUp() override {}

  // A fresh copy of the template data directory and database, for one kill: the processes
  // started next and QueryInt use the copy.
  fs::path CopyOfTemplate(const std::string& name) {
    fs::path run = dir_ / name;
    fs::copy(config_.data_dir, run, fs::copy_options::recursive);
    database_.UseCopy();
    return run;
  }
  // The in-process server and our connection to the template are done with.
  void CloseTemplate() {
    StopServer();
    keys_.reset();
    projects_.reset();
    admin_db_.reset();
  }

  static ConsoleSession LogIn(const ServerProcess& server, long* status);
  static bool ExpectWhollyThereOrWhollyGone(const ServerProcess& server, const fs::path& data,
                                            const AccountUnderTest& account,
                                            const ConsoleSession& old);
};

// --- purges ---------------------------------------------------------------------------

// A project made with immagin-admin and an "Authorization: Bearer …" for its API key.
std::string AdminProject(const fs::path& data_dir, const std::string& tenant) {
  RunAdmin("create-project --tenant " + tenant + " --data-dir " + data_dir.string());
  auto key = ParseJson(
      RunAdmin("create-key --tenant " + tenant + " --name ci --data-dir " + data_dir.string()),
      "key");
  EXPECT_TRUE(key.ok());
  if (!key.ok()) return "";
  return "Authorization: Bearer " + key.value()["key"].get<std::string>();
}

long UploadThrough(const ServerProcess& server, const std::string& auth, const std::string& key,
                   const std::string& bytes) {
  auto presigned = Send("POST", server.Url("/v1/images/presign"), DumpJson(Json{{"key", key}}),
                        {auth, "Content-Type: application/json"});
  if (presigned.status != 200) return presigned.status;
  return Send("PUT", presigned.json()["uploadUrl"].get<std::string>(), bytes).status;
}

TEST_F(CrashSafety, KilledWithAPurgeInFlightSendsItAgainAfterTheRestart) {
  HttpRecorder varnish;
  ASSERT_TRUE(varnish.running());
  const fs::path data = dir_ / "data";
  const std::string auth = AdminProject(data, "demo");
  const std::vector<std::string> args = {"--purge-varnish-url", varnish.url(),
                                         "--purge-repeat-seconds", "0"};
  const std::string tag = OriginalSurrogateKey("demo", "gone.jpg");
  const std::string kept_tag = OriginalSurrogateKey("demo", "kept.jpg");
  {
    ServerProcess server(data.string(), args);
    ASSERT_GT(server.port(), 0);
    ASSERT_EQ(UploadThrough(server, auth, "gone.jpg", "bytes to delete"), 201);
    ASSERT_EQ(UploadThrough(server, auth, "kept.jpg", "bytes to keep"), 201);
    // Varnish takes the PURGE and never answers: the control plane dies waiting for it.
    varnish.Delay(std::chrono::minutes(10));
    ASSERT_EQ(Send("DELETE", server.Url("/v1/images/gone.jpg"), "", {auth}).status, 204);
    ASSERT_TRUE(varnish.WaitFor(
        [&](const auto& r) { return PurgesNaming(r, tag, /*answered_only=*/false) == 1; },
        milliseconds(5000)))
        << "the PURGE is in flight";
    server.Kill(SIGKILL);
  }
  EXPECT_EQ(PurgesNaming(varnish.requests(), tag, true), 0) << "nobody was there to answer";
  EXPECT_EQ(QueryInt(data, "SELECT COUNT(*) FROM purge_outbox"), 1)
      << "the unacknowledged purge is still queued";

  varnish.Delay(milliseconds(0));
  ServerProcess restarted(data.string(), args);
  ASSERT_GT(restarted.port(), 0);
  EXPECT_TRUE(varnish.WaitFor([&](const auto& r) { return PurgesNaming(r, tag, true) == 1; },
                              milliseconds(5000)))
      << "sent again, and acknowledged, after the restart";
  EXPECT_TRUE(WaitUntil([&] { return QueryInt(data, "SELECT COUNT(*) FROM purge_outbox") == 0; },
                        milliseconds(5000)))
      << "the acknowledged purge leaves the outbox";
  std::this_thread::sleep_for(milliseconds(1500));  // longer than the sender's poll (1 s)
  EXPECT_EQ(PurgesNaming(varnish.requests(), tag, false), 2) << "and is not sent a third time";
  EXPECT_EQ(PurgesNaming(varnish.requests(), kept_tag, false), 0) << "nothing else is purged";

  // Nothing else changed: the deleted image stays deleted and unlisted, the other intact.
  auto listed = Send("GET", restarted.Url("/v1/images"), "", {auth});
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json()["images"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["images"][0]["key"], "kept.jpg");
  auto projects = ParseJson(RunAdmin("list-projects --data-dir " + data.string()), "list");
  ASSERT_TRUE(projects.ok() && projects->size() == 1u);
  const fs::path folder = data / "objects" / (*projects)[0]["storageNamespace"].get<std::string>();
  EXPECT_FALSE(fs::exists(folder / "gone.jpg"));
  std::ifstream kept(folder / "kept.jpg", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "bytes to keep");
  EXPECT_EQ(Send("GET", restarted.Url("/v1/project"), "", {auth}).json()["tenantId"], "demo");
}

TEST_F(CrashSafety, APurgeAnsweredTwiceOrDeliveredTwiceIsHarmless) {
  HttpRecorder varnish;
  ASSERT_TRUE(varnish.running());
  const fs::path data = dir_ / "data";
  const std::string auth = AdminProject(data, "demo");
  const std::vector<std::string> args = {"--purge-varnish-url", varnish.url(),
                                         "--purge-repeat-seconds", "0"};
  const std::string first = OriginalSurrogateKey("demo", "first.jpg");
  const std::string second = OriginalSurrogateKey("demo", "second.jpg");
  ServerProcess server(data.string(), args);
  ASSERT_GT(server.port(), 0);
  ASSERT_EQ(UploadThrough(server, auth, "first.jpg", "one"), 201);
  ASSERT_EQ(UploadThrough(server, auth, "second.jpg", "two"), 201);

  // A CDN (or a proxy before it) that writes its answer twice on the connection.
  varnish.AnswerTwice(true);
  ASSERT_EQ(Send("DELETE", server.Url("/v1/images/first.jpg"), "", {auth}).status, 204);
  ASSERT_TRUE(varnish.WaitFor([&](const auto& r) { return PurgesNaming(r, first, true) == 1; },
                              milliseconds(5000)));
  EXPECT_TRUE(WaitUntil([&] { return QueryInt(data, "SELECT COUNT(*) FROM purge_outbox") == 0; },
                        milliseconds(5000)))
      << "one answer (of the two) acknowledges it";
  varnish.AnswerTwice(false);

  // The same purge delivered twice (as after a kill between the CDN's answer and the
  // outbox's update): queue the row again, as a restart would find it.
  ASSERT_GT(QueryInt(data, "INSERT INTO purge_outbox (tags, created_at_ms, due_at_ms) VALUES ('" +
                               first + "', 0, 0) RETURNING id"),
            0);
  // A new original under the deleted key, then the other deletion: the late duplicate
  // removes nothing and holds nothing up.
  ASSERT_EQ(UploadThrough(server, auth, "first.jpg", "new one"), 201);
  ASSERT_EQ(Send("DELETE", server.Url("/v1/images/second.jpg"), "", {auth}).status, 204);
  ASSERT_TRUE(varnish.WaitFor(
      [&](const auto& r) {
        return PurgesNaming(r, first, true) == 2 && PurgesNaming(r, second, true) == 1;
      },
      milliseconds(5000)))
      << "the duplicate and the new purge are both delivered";
  EXPECT_TRUE(WaitUntil([&] { return QueryInt(data, "SELECT COUNT(*) FROM purge_outbox") == 0; },
                        milliseconds(5000)));
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(PurgesNaming(varnish.requests(), first, false), 2);
  EXPECT_EQ(PurgesNaming(varnish.requests(), second, false), 1);
  auto listed = Send("GET", server.Url("/v1/images"), "", {auth});
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json()["images"].size(), 1u) << listed.body;
  EXPECT_EQ(listed.json()["images"][0]["key"], "first.jpg");
  EXPECT_EQ(listed.json()["images"][0]["size"], 7);
}

// --- deleting an account through the API --------------------------------------------

// Where a kill landed, read from the files before the restart.
enum class Landed { kBeforeTheCommit, kDuringTheRemoval, kAfterTheEnd };

struct KillReport {
  milliseconds at{0};
  bool acknowledged = false;  // the DELETE had answered 204
  bool account_row = false;
  int files_left = 0;
  bool kept = false;  // after the restart: wholly there (else wholly gone)
};

ConsoleSession CrashSafety::LogIn(const ServerProcess& server, long* status) {
  auto login = Send("POST", server.Url("/v1/account/login"),
                    DumpJson(Json{{"email", kEmail}, {"password", kPassword}}),
                    {"Content-Type: application/json"});
  *status = login.status;
  if (login.status != 200) return {};
  return SessionFrom(login);
}

// After a restart: the account is wholly there (login, projects, every image listed and on
// disk) or wholly gone (no login, no key, no tenant, and its folders leave the disk).
// Returns whether it is there; any mixture fails the test.
bool CrashSafety::ExpectWhollyThereOrWhollyGone(const ServerProcess& server, const fs::path& data,
                                                const AccountUnderTest& account,
                                                const ConsoleSession& old) {
  long login_status = 0;
  ConsoleSession session = LogIn(server, &login_status);
  EXPECT_TRUE(login_status == 200 || login_status == 401) << login_status;
  bool there = login_status == 200;
  auto projects = Send("GET", server.Url("/v1/account/projects"), "", {old.cookie});
  EXPECT_EQ(projects.status, there ? 200 : 401) << "the session from before the kill";
  if (there) {
    EXPECT_EQ(projects.json()["projects"].size(), account.tenants.size()) << projects.body;
    for (size_t i = 0; i < account.tenants.size(); ++i) {
      int status = 0;
      EXPECT_EQ(ListedImages(server, account.key_auths[i], &status), kImagesPerProject)
          << account.tenants[i] << " (HTTP " << status << ")";
      EXPECT_EQ(FilesUnder(data / "objects" / account.namespaces[i]), kImagesPerProject)
          << account.tenants[i];
    }
    return true;
  }
  for (size_t i = 0; i < account.tenants.size(); ++i) {
    int status = 0;
    EXPECT_EQ(ListedImages(server, account.key_auths[i], &status), -1);
    EXPECT_EQ(status, 401) << account.tenants[i] << ": its key is gone";
    EXPECT_EQ(Send("GET", server.Url("/internal/v1/tenants/" + account.tenants[i]), "",
                   {std::string("Authorization: Bearer ") + kProcessEdgeToken})
                  .status,
              404)
        << account.tenants[i];
  }
  EXPECT_EQ(QueryInt(data, "SELECT COUNT(*) FROM projects"), 0);
  EXPECT_EQ(QueryInt(data, "SELECT COUNT(*) FROM sessions"), 0);
  // Whatever the kill left on disk is removed soon after the start, not left for good.
  EXPECT_TRUE(WaitUntil(
      [&] {
        for (const auto& ns : account.namespaces)
          if (fs::exists(data / "objects" / ns)) return false;
        return true;
      },
      milliseconds(10'000)))
      << "the deleted account's originals stay on disk";
  EXPECT_TRUE(
      WaitUntil([&] { return QueryInt(data, "SELECT COUNT(*) FROM storage_removals") == 0; },
                milliseconds(5000)))
      << "the queued removals are done";
  return false;
}

TEST_F(CrashSafety, AccountKilledPartWayThroughItsDeletionIsWhollyThereOrWhollyGone) {
  // The template: a verified console account on the paid plan with three projects, each
  // with an API key and kImagesPerProject originals.
  StartServer();
  AccountUnderTest account;
  const ConsoleSession owner = SignUpVerified(kEmail, kPassword);
  ASSERT_TRUE(accounts_->SetPlan(owner.account_id, "paid").ok());
  for (const char* tenant : {"crash-one", "crash-two", "crash-three"}) {
    auto created = Send("POST", Url("/v1/account/projects"), DumpJson(Json{{"tenantId", tenant}}),
                        {owner.cookie, owner.csrf, "Content-Type: application/json"});
    ASSERT_EQ(created.status, 201) << created.body;
    auto project = projects_->FindByTenant(tenant);
    ASSERT_TRUE(project.ok());
    auto key = keys_->Create(project->id, "ci", NowSeconds());
    ASSERT_TRUE(key.ok());
    account.tenants.push_back(tenant);
    account.namespaces.push_back(project->storage_namespace);
    account.key_auths.push_back("Authorization: Bearer " + key->key);
    WriteOriginals(config_.ObjectsDir(), project->storage_namespace, kImagesPerProject);
  }
  CloseTemplate();

  std::vector<std::string> args = kCheapHash;
  // The deletion from start to end, once, without a kill (and the end state it leaves).
  milliseconds measured{0};
  {
    fs::path run = CopyOfTemplate("measure");
    ServerProcess server(run.string(), args);
    ASSERT_GT(server.port(), 0);
    long status = 0;
    ConsoleSession session = LogIn(server, &status);
    ASSERT_EQ(status, 200);
    auto started = Clock::now();
    auto deleted = Send("DELETE", server.Url("/v1/account"), "", {session.cookie, session.csrf});
    measured = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
    ASSERT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_FALSE(ExpectWhollyThereOrWhollyGone(server, run, account, session));
  }
  std::printf("deleting an account with %zu projects x %d originals: %lld ms\n",
              account.tenants.size(), kImagesPerProject, static_cast<long long>(measured.count()));

  std::vector<KillReport> reports;
  int run_number = 0;
  for (milliseconds at : KillMoments(measured)) {
    SCOPED_TRACE("kill -9 " + std::to_string(at.count()) + " ms into the deletion");
    fs::path run = CopyOfTemplate("run-" + std::to_string(run_number++));
    KillReport report;
    report.at = at;
    ConsoleSession session;
    {
      ServerProcess server(run.string(), args);
      ASSERT_GT(server.port(), 0);
      long status = 0;
      session = LogIn(server, &status);
      ASSERT_EQ(status, 200);
      std::atomic<long> answer{0};
      std::thread request([&] {
        answer =
            Send("DELETE", server.Url("/v1/account"), "", {session.cookie, session.csrf}).status;
      });
      std::this_thread::sleep_for(at);
      server.Kill(SIGKILL);
      request.join();
      report.acknowledged = answer == 204;
    }
    report.account_row =
        QueryInt(run, "SELECT COUNT(*) FROM accounts WHERE email = '" + std::string(kEmail) + "'");
    for (const auto& ns : account.namespaces) report.files_left += FilesUnder(run / "objects" / ns);
    {
      ServerProcess restarted(run.string(), args);
      ASSERT_GT(restarted.port(), 0);
      report.kept = ExpectWhollyThereOrWhollyGone(restarted, run, account, session);
      if (report.acknowledged) EXPECT_FALSE(report.kept) << "an acknowledged deletion was lost";
    }
    reports.push_back(report);
    fs::remove_all(run);
  }
  int landed[3] = {0, 0, 0};
  const int all_files = kImagesPerProject * static_cast<int>(account.tenants.size());
  for (const auto& report : reports) {
    Landed where = report.account_row && report.files_left == all_files ? Landed::kBeforeTheCommit
                   : report.files_left > 0                              ? Landed::kDuringTheRemoval
                                                                        : Landed::kAfterTheEnd;
    ++landed[static_cast<int>(where)];
    std::printf("  kill at %4lld ms: %s, account row %s, %d of %d files left -> %s\n",
                static_cast<long long>(report.at.count()),
                report.acknowledged ? "answered 204" : "no answer",
                report.account_row ? "present" : "gone", report.files_left, all_files,
                report.kept ? "wholly there" : "wholly gone");
  }
  std::printf("kills before the commit: %d, during the removal of the files: %d, after: %d\n",
              landed[0], landed[1], landed[2]);
}

// --- deleting a project with immagin-admin -------------------------------------------

TEST_F(CrashSafety, AdminKilledPartWayThroughDeletingAProjectLeavesItWhollyThereOrWhollyGone) {
  const fs::path template_dir = config_.data_dir;
  const std::string auth = AdminProject(template_dir, "big");
  auto listed = ParseJson(RunAdmin("list-projects --data-dir " + template_dir.string()), "list");
  ASSERT_TRUE(listed.ok() && listed->size() == 1u);
  const std::string ns = (*listed)[0]["storageNamespace"].get<std::string>();
  WriteOriginals(template_dir / "objects", ns, 3 * kImagesPerProject);
  const int all_files = 3 * kImagesPerProject;

  auto delete_project = [](const fs::path& run) {
    return std::vector<std::string>{"delete-project", "--tenant", "big", "--data-dir",
                                    run.string()};
  };
  milliseconds measured{0};
  {
    fs::path run = CopyOfTemplate("measure");
    auto started = Clock::now();
    AdminProcess admin(delete_project(run));
    int status = admin.Wait();
    measured = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_EQ(FilesUnder(run / "objects" / ns), 0);
  }
  std::printf("immagin-admin delete-project with %d originals: %lld ms (process included)\n",
              all_files, static_cast<long long>(measured.count()));

  int run_number = 0;
  for (milliseconds at : KillMoments(measured)) {
    SCOPED_TRACE("kill -9 " + std::to_string(at.count()) + " ms after immagin-admin started");
    fs::path run = CopyOfTemplate("run-" + std::to_string(run_number++));
    int exit_status = 0;
    {
      AdminProcess admin(delete_project(run));
      std::this_thread::sleep_for(at);
      exit_status = admin.Kill(SIGKILL);
    }
    bool finished = WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0;
    int64_t rows = QueryInt(run, "SELECT COUNT(*) FROM projects");
    int files_left = FilesUnder(run / "objects" / ns);
    ServerProcess server(run.string());
    ASSERT_GT(server.port(), 0);
    int status = 0;
    int images = ListedImages(server, auth, &status);
    bool there = status == 200;
    EXPECT_TRUE(status == 200 || status == 401) << status;
    if (there) {
      EXPECT_FALSE(finished) << "immagin-admin had reported the deletion done";
      EXPECT_EQ(images, all_files) << "a project that is there has every image";
      EXPECT_EQ(FilesUnder(run / "objects" / ns), all_files);
    } else {
      EXPECT_EQ(QueryInt(run, "SELECT COUNT(*) FROM projects"), 0);
      EXPECT_TRUE(
          WaitUntil([&] { return !fs::exists(run / "objects" / ns); }, milliseconds(10'000)))
          << "the deleted project's originals stay on disk";
      EXPECT_TRUE(
          WaitUntil([&] { return QueryInt(run, "SELECT COUNT(*) FROM storage_removals") == 0; },
                    milliseconds(5000)));
    }
    std::printf("  kill at %4lld ms: %s, project row %s, %d of %d files left -> %s\n",
                static_cast<long long>(at.count()), finished ? "had exited 0" : "killed",
                rows == 1 ? "present" : "gone", files_left, all_files,
                there ? "wholly there" : "wholly gone");
    server.Kill(SIGKILL);
    fs::remove_all(run);
  }
}

// --- a store that fails: the removal stays queued and is retried -------------------------

// The local store, whose namespace removals fail while `failures` lasts.
class FlakyStorage : public LocalStorage {
 public:
  using LocalStorage::LocalStorage;
  Status DeleteProject(const std::string& ns) override {
    if (failures > 0) {
      --failures;
      return Internal("storage: the store is down");
    }
    return LocalStorage::DeleteProject(ns);
  }
  std::atomic<int> failures{0};
};

TEST(StorageSweeperRetry, AFailedRemovalStaysQueuedUntilTheSweeperFinishesIt) {
  const fs::path dir = MakeTempDir();
  TestDatabase database;
  {
    auto db =
        Database::Open(OnPostgres() ? database.url() : (dir / "control-plane.sqlite3").string());
    ASSERT_TRUE(db.ok());
    FlakyStorage storage(dir / "objects", dir / "tmp");
    ASSERT_TRUE(storage.Init().ok());
    const std::string ns = NewStorageNamespace();
    WriteOriginals(dir / "objects", ns, 20);
    ASSERT_TRUE(db.value()
                    ->Transaction([&](Connection& raw) { return QueueStorageRemoval(raw, ns, 0); })
                    .ok());
    StorageRemovalQueue queue(*db.value());
    StorageSweeper sweeper(queue, storage);
    storage.failures = 1;
    // The deleting request's own attempt fails: the row stays, with a retry scheduled.
    EXPECT_FALSE(sweeper.RemoveNow({ns}).ok());
    EXPECT_EQ(FilesUnder(dir / "objects" / ns), 20);
    EXPECT_EQ(QueryInt(dir, "SELECT attempts FROM storage_removals"), 1);
    // A later start takes the row over at once and finishes it.
    sweeper.Start();
    EXPECT_TRUE(WaitUntil([&] { return !fs::exists(dir / "objects" / ns); }, milliseconds(5000)));
    EXPECT_TRUE(
        WaitUntil([&] { return QueryInt(dir, "SELECT COUNT(*) FROM storage_removals") == 0; },
                  milliseconds(5000)));
    sweeper.Stop();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace immagin::cp::testing
