#include "usage_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "immagin/http_client.h"
#include "immagin/json.h"
#include "immagin/usage_event.h"

namespace luna {
namespace fs = std::filesystem;

UsageJournal::UsageJournal(std::string dir) : dir_(std::move(dir)) {}

UsageJournal::~UsageJournal() {
  if (fd_ >= 0) close(fd_);
}

immagin::Result<std::unique_ptr<UsageJournal>> UsageJournal::Open(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return immagin::InvalidArgument("data dir", "cannot create " + dir + ": " + ec.message());
  std::unique_ptr<UsageJournal> journal(new UsageJournal(dir));
  journal->fd_ = open((fs::path(dir) / "pending.jsonl").c_str(),
                      O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (journal->fd_ < 0) return immagin::InvalidArgument("data dir", "cannot write in " + dir);
  std::ifstream pending(fs::path(dir) / "pending.jsonl");
  journal->pending_events_ = static_cast<size_t>(
      std::count(std::istreambuf_iterator<char>(pending), std::istreambuf_iterator<char>(), '\n'));
  return journal;
}

immagin::Status UsageJournal::Append(const UsageEvent& e) {
  const std::string line = immagin::DumpJson(immagin::UsageEventJson(e)) + "\n";
  std::lock_guard lock(mutex_);
  if (write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    return immagin::Error{immagin::ErrorCode::kInternal, "", "usage journal write failed"};
  }
  ++pending_events_;
  return {};
}

namespace {

// The pending events a batch can carry. A torn last line after a crash, or a line the
// control plane would refuse, is dropped: kept, it would have the whole batch refused.
std::vector<UsageEvent> ReadPending(const fs::path& pending) {
  std::ifstream in(pending);
  std::vector<UsageEvent> events;
  for (std::string line; std::getline(in, line);) {
    auto event = immagin::ParseUsageEvent(line);
    if (event) {
      events.push_back(std::move(*event));
    } else {
      std::fprintf(stderr, "luna-server: usage journal line dropped (%s)\n",
                   event.error().ToString().c_str());
    }
  }
  return events;
}

// Written whole and fsynced before it gets its final name, so a batch file is never partial.
bool WriteBatchFile(const fs::path& temp, const fs::path& final_path, const std::string& body) {
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool written =
      write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()) && fsync(fd) == 0;
  close(fd);
  std::error_code ec;
  if (written) fs::rename(temp, final_path, ec);
  if (!written || ec) fs::remove(temp, ec);
  return written && !ec;
}

}  // namespace

std::string UsageJournal::NextBatchName() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  char name[96];
  std::snprintf(
      name, sizeof name, "batch-%020lld-%06llu-%d",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()),
      static_cast<unsigned long long>(sequence_++), static_cast<int>(getpid()));
  return name;
}

void UsageJournal::SealPending() {
  const fs::path dir(dir_);
  const std::vector<UsageEvent> events = ReadPending(dir / "pending.jsonl");
  // Each batch within what the control plane accepts; all of them are written or none, so a
  // failed seal leaves the events pending and never in two batches.
  std::vector<fs::path> sealed;
  for (const auto run : immagin::SplitIntoBatches(events)) {
    const std::string name = NextBatchName();
    const std::string body = immagin::DumpJson(
        immagin::UsageBatchJson(immagin::UsageBatch{name, {run.begin(), run.end()}}));
    const fs::path batch = dir / (name + ".json");
    if (!WriteBatchFile(dir / (name + ".tmp"), batch, body)) {
      std::error_code ec;
      for (const fs::path& written : sealed) fs::remove(written, ec);
      return;
    }
    sealed.push_back(batch);
  }
  // Start a new pending file: the sealed events now live in the batches.
  ftruncate(fd_, 0);
  pending_events_ = 0;
}

std::vector<std::string> UsageJournal::SealBatches() {
  {
    std::lock_guard lock(mutex_);
    if (pending_events_ > 0) SealPending();
  }
  std::vector<std::string> batches;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("batch-") && name.ends_with(".json")) batches.push_back(entry.path());
  }
  std::sort(batches.begin(), batches.end());
  return batches;
}

UsageSender::UsageSender(UsageJournal& journal, std::string control_plane_url,
                         std::string edge_token, std::chrono::milliseconds interval)
    : journal_(journal),
      url_(std::move(control_plane_url) + "/internal/v1/usage"),
      token_(std::move(edge_token)),
      interval_(interval),
      thread_([this] { Loop(); }) {}

UsageSender::~UsageSender() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void UsageSender::FlushNow() {
  {
    std::lock_guard lock(mutex_);
    flush_ = true;
  }
  wake_.notify_all();
}

bool UsageSender::SendAll() {
  for (const std::string& path : journal_.SealBatches()) {
    std::ifstream in(path);
    const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto response = immagin::http::Send(
        {.method = "POST",
         .url = url_,
         .headers = {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}},
         .body = body});
    if (!response || response->status / 100 != 2) {
      std::fprintf(stderr, "luna-server: usage batch %s not delivered (%s); will retry\n",
                   path.c_str(),
                   response ? ("HTTP " + std::to_string(response->status)).c_str()
                            : response.error().message.c_str());
      return false;
    }
    std::error_code ec;
    fs::remove(path, ec);
  }
  return true;
}

void UsageSender::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, interval_, [this] { return stop_ || flush_; });
    const bool stopping = stop_;
    flush_ = false;
    lock.unlock();
    SendAll();
    lock.lock();
    if (stopping) return;
  }
}

}  // namespace luna
