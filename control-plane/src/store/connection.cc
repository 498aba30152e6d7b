#include "store/connection.h"

namespace immagin::cp {

Statement::Statement(Connection& db, std::string_view sql) : impl_(db.Prepare(sql)) {
  if (!impl_) error_ = db.LastError();
}

void Statement::Reset() {
  error_.clear();
  if (impl_) impl_->Reset();
}

Statement& Statement::Bind(int index, int64_t value) {
  if (impl_) impl_->BindInt(index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  if (impl_) impl_->BindText(index, text);
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (impl_) impl_->BindBlob(index, bytes);
  return *this;
}
Statement& Statement::BindNull(int index) {
  if (impl_) impl_->BindNull(index);
  return *this;
}

bool Statement::Step() {
  if (!impl_) return false;
  return impl_->Step(error_);
}

Error SqlError(Connection& db, std::string_view what) {
  if (db.Broken()) {
    Error error{ErrorCode::kUnavailable, "", "database unreachable: " + std::string(what)};
    error.retry_after_seconds = 5;
    return error;
  }
  return Internal("database: " + std::string(what) + ": " + db.LastError());
}

Status Exec(Connection& db, std::string_view sql) { return db.Exec(sql); }

}  // namespace immagin::cp
