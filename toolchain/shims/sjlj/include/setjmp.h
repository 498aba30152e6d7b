/* setjmp/longjmp for wasm32-wasi (Debian's 2022 wasi-libc has none). Code that calls
 * setjmp must be compiled with -mexception-handling -mllvm -wasm-enable-sjlj: clang then
 * lowers both calls to wasm exceptions, with the runtime in sjlj.c. */
#ifndef IMMAGIN_WASI_SETJMP_H
#define IMMAGIN_WASI_SETJMP_H
#ifdef __cplusplus
extern "C" {
#endif

/* Holds sjlj.c's struct jump_buffer (four words) with room to spare. */
typedef struct {
  unsigned long long words[4];
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int value) __attribute__((noreturn));
#define _setjmp setjmp
#define _longjmp longjmp
#define sigsetjmp(env, savesigs) setjmp(env)
#define siglongjmp longjmp

#ifdef __cplusplus
}
#endif
#endif
