/* include/netdb.h: a module resolves no names. */
#include <net/if.h>
#include <netdb.h>
#include <resolv.h>
#include <stddef.h>

int getaddrinfo(const char* host, const char* service, const struct addrinfo* hints,
                struct addrinfo** result) {
  (void)host, (void)service, (void)hints;
  *result = NULL;
  return EAI_FAIL;
}
void freeaddrinfo(struct addrinfo* ai) { (void)ai; }
const char* gai_strerror(int code) {
  (void)code;
  return "name resolution is not available in this module";
}
int getnameinfo(const struct sockaddr* sa, socklen_t len, char* host, socklen_t hostlen, char* serv,
                socklen_t servlen, int flags) {
  (void)sa, (void)len, (void)host, (void)hostlen, (void)serv, (void)servlen, (void)flags;
  return EAI_FAIL;
}
struct servent* getservbyname(const char* name, const char* proto) {
  (void)name, (void)proto;
  return NULL;
}
struct servent* getservbyport(int port, const char* proto) {
  (void)port, (void)proto;
  return NULL;
}

int res_query(const char* name, int cls, int type, unsigned char* answer, int len) {
  (void)name, (void)cls, (void)type, (void)answer, (void)len;
  return -1;
}
int res_init(void) { return 0; }
unsigned int if_nametoindex(const char* name) {
  (void)name;
  return 0;
}
char* if_indextoname(unsigned int index, char* name) {
  (void)index, (void)name;
  return NULL;
}
