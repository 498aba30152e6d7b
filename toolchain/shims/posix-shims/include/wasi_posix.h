/* Declarations wasi-libc hides (processes, users, signals, resource limits, permissions),
 * force-included (-include wasi_posix.h) into glib and libvips. Each call fails the way the
 * POSIX call fails when the resource does not exist (unix_process.c): a module has one
 * process, no users beyond 0, no signal delivery and no permission bits. */
#ifndef IMMAGIN_WASI_POSIX_H
#define IMMAGIN_WASI_POSIX_H
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#ifdef __cplusplus
extern "C" {
#endif

uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
pid_t getppid(void);
pid_t fork(void);
int pipe(int[2]);
int dup(int);
int dup2(int, int);
int execv(const char*, char* const[]);
int execve(const char*, char* const[], char* const[]);
int execvp(const char*, char* const[]);
int chmod(const char*, mode_t);
int fchmod(int, mode_t);
int chown(const char*, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char*, uid_t, gid_t);
int kill(pid_t, int);

struct sigaction {
  void (*sa_handler)(int);
  sigset_t sa_mask;
  int sa_flags;
};
#define SA_NOCLDSTOP 1
#define SA_RESTART 0x10000000
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
int sigaction(int, const struct sigaction*, struct sigaction*);
int sigemptyset(sigset_t*);
int sigfillset(sigset_t*);
int sigaddset(sigset_t*, int);
int sigdelset(sigset_t*, int);
int sigismember(const sigset_t*, int);
int sigprocmask(int, const sigset_t*, sigset_t*);
int pthread_sigmask(int, const sigset_t*, sigset_t*);

struct rlimit {
  unsigned long long rlim_cur, rlim_max;
};
#define RLIMIT_CORE 4
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0ULL)
int getrlimit(int, struct rlimit*);
int setrlimit(int, const struct rlimit*);

#ifndef SIG_SETMASK
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#endif

#ifndef F_DUPFD
#define F_DUPFD 0
#endif

#ifdef __cplusplus
}
#endif
#endif
