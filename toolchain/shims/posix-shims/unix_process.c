/* The calls include/wasi_posix.h declares, for a module with one process, user 0, no
 * signal delivery and no permission bits. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <wasi_posix.h>

static int unsupported(void) {
  errno = ENOSYS;
  return -1;
}

uid_t getuid(void) { return 0; }
uid_t geteuid(void) { return 0; }
gid_t getgid(void) { return 0; }
gid_t getegid(void) { return 0; }
pid_t getppid(void) { return 1; }
pid_t fork(void) { return unsupported(); }
int pipe(int fds[2]) {
  (void)fds;
  return unsupported();
}
int dup(int fd) {
  (void)fd;
  return unsupported();
}
int dup2(int fd, int to) {
  (void)fd, (void)to;
  return unsupported();
}
int execv(const char* p, char* const a[]) {
  (void)p, (void)a;
  return unsupported();
}
int execve(const char* p, char* const a[], char* const e[]) {
  (void)p, (void)a, (void)e;
  return unsupported();
}
int execvp(const char* p, char* const a[]) {
  (void)p, (void)a;
  return unsupported();
}
/* WASI files have no permission bits or owners; accepting the change loses nothing. */
int chmod(const char* p, mode_t m) {
  (void)p, (void)m;
  return 0;
}
int fchmod(int fd, mode_t m) {
  (void)fd, (void)m;
  return 0;
}
int chown(const char* p, uid_t u, gid_t g) {
  (void)p, (void)u, (void)g;
  return 0;
}
int fchown(int fd, uid_t u, gid_t g) {
  (void)fd, (void)u, (void)g;
  return 0;
}
int lchown(const char* p, uid_t u, gid_t g) {
  (void)p, (void)u, (void)g;
  return 0;
}
int kill(pid_t pid, int sig) {
  (void)sig;
  if (pid == getpid() || pid == 0) return 0;
  errno = ESRCH;
  return -1;
}

/* Handlers can be installed but never run: nothing delivers signals to a module. */
int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
  (void)sig, (void)act;
  if (old) memset(old, 0, sizeof *old);
  return 0;
}
int sigemptyset(sigset_t* s) {
  memset(s, 0, sizeof *s);
  return 0;
}
int sigfillset(sigset_t* s) {
  memset(s, 0xff, sizeof *s);
  return 0;
}
int sigaddset(sigset_t* s, int sig) {
  (void)s, (void)sig;
  return 0;
}
int sigdelset(sigset_t* s, int sig) {
  (void)s, (void)sig;
  return 0;
}
int sigismember(const sigset_t* s, int sig) {
  (void)s, (void)sig;
  return 0;
}
int sigprocmask(int how, const sigset_t* set, sigset_t* old) {
  (void)how, (void)set;
  if (old) memset(old, 0, sizeof *old);
  return 0;
}
int pthread_sigmask(int how, const sigset_t* set, sigset_t* old) {
  return sigprocmask(how, set, old);
}

int getrlimit(int r, struct rlimit* l) {
  (void)r;
  l->rlim_cur = l->rlim_max = RLIM_INFINITY;
  return 0;
}
int setrlimit(int r, const struct rlimit* l) {
  (void)r, (void)l;
  return 0;
}
