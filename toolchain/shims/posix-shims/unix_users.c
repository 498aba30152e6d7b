/* pwd.h, grp.h and sys/wait.h for a module without users or child processes. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <sys/wait.h>

struct passwd* getpwuid(uid_t uid) {
  (void)uid;
  return NULL;
}
struct passwd* getpwnam(const char* name) {
  (void)name;
  return NULL;
}
int getpwuid_r(uid_t uid, struct passwd* pw, char* buf, size_t len, struct passwd** result) {
  (void)uid, (void)pw, (void)buf, (void)len;
  *result = NULL;
  return 0;
}
int getpwnam_r(const char* name, struct passwd* pw, char* buf, size_t len, struct passwd** result) {
  (void)name, (void)pw, (void)buf, (void)len;
  *result = NULL;
  return 0;
}
void setpwent(void) {}
void endpwent(void) {}
struct passwd* getpwent(void) { return NULL; }

struct group* getgrgid(gid_t gid) {
  (void)gid;
  return NULL;
}
struct group* getgrnam(const char* name) {
  (void)name;
  return NULL;
}
int getgrgid_r(gid_t gid, struct group* gr, char* buf, size_t len, struct group** result) {
  (void)gid, (void)gr, (void)buf, (void)len;
  *result = NULL;
  return 0;
}
int getgrnam_r(const char* name, struct group* gr, char* buf, size_t len, struct group** result) {
  (void)name, (void)gr, (void)buf, (void)len;
  *result = NULL;
  return 0;
}

pid_t waitpid(pid_t pid, int* status, int options) {
  (void)pid, (void)status, (void)options;
  errno = ECHILD;
  return -1;
}
pid_t wait(int* status) { return waitpid(-1, status, 0); }
