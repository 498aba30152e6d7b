#include "mail/smtp_client.h"

#include <algorithm>

#include <curl/curl.h>

#include <cctype>
#include <cstring>
#include <ctime>
#include <memory>

#include "calendar.h"

namespace immagin::cp {
namespace {

struct Source {
  std::string data;
  size_t offset = 0;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  size_t n = std::min(size * count, source->data.size() - source->offset);
  std::copy_n(source->data.data() + source->offset, n, buffer);
  source->offset += n;
  return n;
}

// The bare address of "Name <a@b.c>" (or the whole text when it has no angle brackets).
std::string Address(const std::string& from) {
  auto open = from.find('<');
  auto close = from.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return from;
  return from.substr(open + 1, close - open - 1);
}

std::string Rfc5322Date(int64_t unix_seconds) {
  time_t t = static_cast<time_t>(unix_seconds);
  tm utc{};
  gmtime_r(&t, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

bool IsLoopbackHost(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string host;
  if (!rest.empty() && rest.front() == '[') {
    host = rest.substr(1, rest.find(']') - 1);
  } else {
    host = rest.substr(0, rest.find_first_of(":/"));
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

long SmtpTlsRequirement(const MailConfig& mail) {
  // A relay that "does not offer" STARTTLS may be an attacker who stripped it: with
  // credentials (or a link token in the body) on the wire, plain text is never a fallback.
  // Only an unauthenticated relay on this machine may stay opportunistic.
  bool plain_allowed = mail.smtp_url.rfind("smtp://", 0) == 0 && mail.smtp_username.empty() &&
                       mail.smtp_password.empty() && IsLoopbackHost(mail.smtp_url);
  return plain_allowed ? static_cast<long>(CURLUSESSL_TRY) : static_cast<long>(CURLUSESSL_ALL);
}

Status SendSmtp(const MailConfig& mail, const EmailMessage& message) {
  // Header injection: recipients and subjects never carry line breaks.
  for (const std::string* text : {&message.recipient, &message.subject})
    if (text->find_first_of("\r\n") != std::string::npos)
      return InvalidArgument("email", "line break in a header");
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Internal("curl_easy_init failed");
  Source source;
  source.data = "Date: " + Rfc5322Date(NowSeconds()) + "\r\nFrom: " + mail.from + "\r\nTo: <" +
                message.recipient + ">\r\nSubject: " + message.subject +
                "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
  for (char c : message.body) {
    if (c == '\n') source.data += '\r';
    source.data += c;
  }
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str());
  std::string from = "<" + Address(mail.from) + ">";
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, mail.smtp_url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(h, CURLOPT_READDATA, &source);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_USE_SSL, SmtpTlsRequirement(mail));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (!mail.smtp_username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, mail.smtp_username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, mail.smtp_password.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  curl_slist_free_all(recipients);
  if (code != CURLE_OK) return Internal(std::string("smtp: ") + curl_easy_strerror(code));
  return {};
}

}  // namespace immagin::cp
