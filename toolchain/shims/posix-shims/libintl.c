/* gettext without catalogues: the untranslated message is the answer. */
#include <libintl.h>

char* gettext(const char* msg) { return (char*)msg; }
char* dgettext(const char* domain, const char* msg) {
  (void)domain;
  return (char*)msg;
}
char* dcgettext(const char* domain, const char* msg, int category) {
  (void)domain, (void)category;
  return (char*)msg;
}
char* ngettext(const char* one, const char* many, unsigned long n) {
  return (char*)(n == 1 ? one : many);
}
char* dngettext(const char* domain, const char* one, const char* many, unsigned long n) {
  (void)domain;
  return ngettext(one, many, n);
}
char* dcngettext(const char* domain, const char* one, const char* many, unsigned long n,
                 int category) {
  (void)domain, (void)category;
  return ngettext(one, many, n);
}
char* textdomain(const char* domain) { return (char*)(domain ? domain : "messages"); }
char* bindtextdomain(const char* domain, const char* dir) {
  (void)domain;
  return (char*)dir;
}
char* bind_textdomain_codeset(const char* domain, const char* codeset) {
  (void)domain;
  return (char*)codeset;
}
