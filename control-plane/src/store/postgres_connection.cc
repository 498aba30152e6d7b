#include "store/postgres_connection.h"

#include <cstdlib>
#include <optional>
#include <vector>

namespace immagin::cp {
namespace {

constexpr Oid kByteaOid = 17;

std::string ResultError(const PGresult* result, PGconn* conn) {
  const char* message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  std::string text = message ? message : "unknown error";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PostgresConnection& db, std::string sql, int parameters)
      : db_(db),
        sql_(std::move(sql)),
        values_(static_cast<size_t>(parameters)),
        binary_(static_cast<size_t>(parameters), 0) {}
  ~PostgresStatement() override { PQclear(result_); }

  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    for (auto& value : values_) value.reset();
    std::fill(binary_.begin(), binary_.end(), 0);
  }
  void BindInt(int index, int64_t value) override { Set(index, std::to_string(value), false); }
  void BindText(int index, std::string_view text) override { Set(index, std::string(text), false); }
  void BindBlob(int index, std::string_view bytes) override {
    Set(index, std::string(bytes), true);
  }
  void BindNull(int index) override {
    if (index >= 1 && index <= static_cast<int>(values_.size())) values_[index - 1].reset();
  }

  bool Step(std::string& error) override {
    if (result_ == nullptr && row_ < 0) {
      std::vector<const char*> values;
      std::vector<int> lengths;
      std::vector<int> formats;
      std::vector<Oid> types;
      for (size_t i = 0; i < values_.size(); ++i) {
        values.push_back(values_[i] ? values_[i]->data() : nullptr);
        lengths.push_back(values_[i] ? static_cast<int>(values_[i]->size()) : 0);
        formats.push_back(binary_[i]);
        types.push_back(binary_[i] ? kByteaOid : 0);
      }
      result_ = PQexecParams(db_.raw(), sql_.c_str(), static_cast<int>(values.size()), types.data(),
                             values.data(), lengths.data(), formats.data(), 0);
      db_.Record(result_);
      ExecStatusType status = result_ ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        error = ResultError(result_, db_.raw());
        PQclear(result_);
        result_ = nullptr;
        row_ = 0;  // stepped: done
        return false;
      }
    }
    if (result_ == nullptr) return false;
    ++row_;
    return row_ < PQntuples(result_);
  }

  int64_t Int(int column) const override {
    const char* text = Value(column);
    if (text == nullptr) return 0;
    if (text[0] == 't' && text[1] == '\0') return 1;  // booleans (`x IS NOT NULL`)
    if (text[0] == 'f' && text[1] == '\0') return 0;
    return std::strtoll(text, nullptr, 10);
  }
  std::string Text(int column) const override {
    const char* text = Value(column);
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(PQgetlength(result_, row_, column))};
  }
  std::string Blob(int column) const override {
    const char* text = Value(column);
    if (text == nullptr) return {};
    size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (bytes == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return out;
  }
  bool IsNull(int column) const override {
    return result_ == nullptr || PQgetisnull(result_, row_, column) != 0;
  }

 private:
  void Set(int index, std::string value, bool binary) {
    if (index < 1 || index > static_cast<int>(values_.size())) return;
    values_[index - 1] = std::move(value);
    binary_[index - 1] = binary ? 1 : 0;
  }
  const char* Value(int column) const {
    if (result_ == nullptr || row_ < 0 || row_ >= PQntuples(result_) ||
        column >= PQnfields(result_) || PQgetisnull(result_, row_, column))
      return nullptr;
    return PQgetvalue(result_, row_, column);
  }

  PostgresConnection& db_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> binary_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

}  // namespace

std::string NumberedParameters(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& conninfo,
                                                                     int connect_timeout_seconds) {
  std::string timeout = std::to_string(connect_timeout_seconds);
  // Later keywords win, so the connection string's own settings override these defaults.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "immagin-control-plane", conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return Error{ErrorCode::kUnavailable, "", "database: out of memory"};
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names the host and the reason, never the password.
    std::string message = ResultError(nullptr, conn);
    PQfinish(conn);
    return Error{ErrorCode::kUnavailable, "database-url",
                 "cannot connect to PostgreSQL: " + message};
  }
  std::unique_ptr<PostgresConnection> db(new PostgresConnection(conn));
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  if (auto status = db->Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC';");
      !status.ok())
    return status.error();
  return db;
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

void PostgresConnection::Record(PGresult* result) {
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    const char* tuples = PQcmdTuples(result);
    changes_ = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
    last_error_.clear();
  } else {
    changes_ = 0;
    last_error_ = ResultError(result, conn_);
  }
}

std::unique_ptr<StatementBackend> PostgresConnection::Prepare(std::string_view sql) {
  int count = 0;
  std::string numbered = NumberedParameters(sql, count);
  return std::make_unique<PostgresStatement>(*this, std::move(numbered), count);
}

Status PostgresConnection::Exec(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  Record(result);
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  PQclear(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
  if (Broken()) return SqlError(*this, "running a statement");
  return Internal("database: " + last_error_);
}

}  // namespace immagin::cp
