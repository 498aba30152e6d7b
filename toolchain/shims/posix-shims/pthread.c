/* Single-threaded POSIX threads (see include/pthread.h). State lives in wasi-libc's own
 * pthread types: a mutex's __i[0] is its lock depth and __i[4] its type; an rwlock's
 * __i[0] is the reader count, or -1 while written. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static _Noreturn void would_block_forever(const char* what) {
  fprintf(stderr, "pthread shim: %s would wait forever in a single-threaded module\n", what);
  __builtin_trap();
}

pthread_t pthread_self(void) { return (pthread_t)1; }
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }
int pthread_create(pthread_t* t, const pthread_attr_t* a, void* (*f)(void*), void* arg) {
  (void)t, (void)a, (void)f, (void)arg;
  return EAGAIN;
}
int pthread_join(pthread_t t, void** r) {
  (void)t, (void)r;
  return ESRCH;
}
int pthread_detach(pthread_t t) { return t == pthread_self() ? 0 : ESRCH; }
_Noreturn void pthread_exit(void* r) {
  (void)r;
  would_block_forever("pthread_exit of the only thread");
}
int pthread_cancel(pthread_t t) {
  (void)t;
  return ESRCH;
}
int pthread_setcancelstate(int s, int* old) {
  (void)s;
  if (old) *old = PTHREAD_CANCEL_ENABLE;
  return 0;
}
int pthread_setname_np(pthread_t t, const char* n) {
  (void)t, (void)n;
  return 0;
}
int pthread_getname_np(pthread_t t, char* n, size_t len) {
  (void)t;
  if (len) n[0] = '\0';
  return 0;
}

int pthread_attr_init(pthread_attr_t* a) {
  memset(a, 0, sizeof *a);
  return 0;
}
int pthread_attr_destroy(pthread_attr_t* a) {
  (void)a;
  return 0;
}
int pthread_attr_setstacksize(pthread_attr_t* a, size_t s) {
  (void)a, (void)s;
  return 0;
}
int pthread_attr_getstacksize(const pthread_attr_t* a, size_t* s) {
  (void)a;
  *s = 1 << 20;
  return 0;
}
int pthread_attr_setdetachstate(pthread_attr_t* a, int s) {
  (void)a, (void)s;
  return 0;
}
int pthread_attr_setinheritsched(pthread_attr_t* a, int s) {
  (void)a, (void)s;
  return 0;
}

int pthread_once(pthread_once_t* once, void (*init)(void)) {
  if (*once == 0) {
    *once = 1;
    init();
  }
  return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t* a) {
  a->__attr = PTHREAD_MUTEX_NORMAL;
  return 0;
}
int pthread_mutexattr_destroy(pthread_mutexattr_t* a) {
  (void)a;
  return 0;
}
int pthread_mutexattr_settype(pthread_mutexattr_t* a, int type) {
  a->__attr = (unsigned)type;
  return 0;
}
int pthread_mutex_init(pthread_mutex_t* m, const pthread_mutexattr_t* a) {
  memset(m, 0, sizeof *m);
  m->__u.__i[4] = a ? (int)a->__attr : PTHREAD_MUTEX_NORMAL;
  return 0;
}
int pthread_mutex_destroy(pthread_mutex_t* m) { return m->__u.__i[0] ? EBUSY : 0; }
int pthread_mutex_trylock(pthread_mutex_t* m) {
  if (m->__u.__i[0] && m->__u.__i[4] != PTHREAD_MUTEX_RECURSIVE) return EBUSY;
  m->__u.__i[0]++;
  return 0;
}
int pthread_mutex_lock(pthread_mutex_t* m) {
  if (pthread_mutex_trylock(m) == 0) return 0;
  if (m->__u.__i[4] == PTHREAD_MUTEX_ERRORCHECK) return EDEADLK;
  would_block_forever("locking a mutex the thread already holds");
}
int pthread_mutex_unlock(pthread_mutex_t* m) {
  if (m->__u.__i[0] == 0) return EPERM;
  m->__u.__i[0]--;
  return 0;
}

int pthread_condattr_init(pthread_condattr_t* a) {
  a->__attr = 0;
  return 0;
}
int pthread_condattr_destroy(pthread_condattr_t* a) {
  (void)a;
  return 0;
}
int pthread_condattr_setclock(pthread_condattr_t* a, clockid_t c) {
  (void)a, (void)c;
  return 0;
}
int pthread_cond_init(pthread_cond_t* c, const pthread_condattr_t* a) {
  (void)a;
  memset(c, 0, sizeof *c);
  return 0;
}
int pthread_cond_destroy(pthread_cond_t* c) {
  (void)c;
  return 0;
}
int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  (void)c, (void)m;
  would_block_forever("pthread_cond_wait");
}
/* Nobody else can signal, so a timed wait simply times out (callers re-check and give up). */
int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const struct timespec* t) {
  (void)c, (void)m, (void)t;
  return ETIMEDOUT;
}
int pthread_cond_signal(pthread_cond_t* c) {
  (void)c;
  return 0;
}
int pthread_cond_broadcast(pthread_cond_t* c) {
  (void)c;
  return 0;
}

int pthread_rwlock_init(pthread_rwlock_t* l, const pthread_rwlockattr_t* a) {
  (void)a;
  memset(l, 0, sizeof *l);
  return 0;
}
int pthread_rwlock_destroy(pthread_rwlock_t* l) { return l->__u.__i[0] ? EBUSY : 0; }
int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  if (l->__u.__i[0] < 0) return EBUSY;
  l->__u.__i[0]++;
  return 0;
}
int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  if (pthread_rwlock_tryrdlock(l) == 0) return 0;
  would_block_forever("reading an rwlock the thread is writing");
}
int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  if (l->__u.__i[0] != 0) return EBUSY;
  l->__u.__i[0] = -1;
  return 0;
}
int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  if (pthread_rwlock_trywrlock(l) == 0) return 0;
  would_block_forever("writing an rwlock the thread holds");
}
int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  if (l->__u.__i[0] == 0) return EPERM;
  l->__u.__i[0] = l->__u.__i[0] < 0 ? 0 : l->__u.__i[0] - 1;
  return 0;
}

/* Thread-specific data: one thread, so one value per key; destructors never run. */
static struct {
  int used;
  const void* value;
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*)) {
  (void)destructor;
  for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
    if (!keys[i].used) {
      keys[i].used = 1;
      keys[i].value = NULL;
      *key = i;
      return 0;
    }
  }
  return EAGAIN;
}
int pthread_key_delete(pthread_key_t key) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key].used = 0;
  return 0;
}
void* pthread_getspecific(pthread_key_t key) {
  return key < PTHREAD_KEYS_MAX ? (void*)keys[key].value : NULL;
}
int pthread_setspecific(pthread_key_t key, const void* value) {
  if (key >= PTHREAD_KEYS_MAX || !keys[key].used) return EINVAL;
  keys[key].value = value;
  return 0;
}
