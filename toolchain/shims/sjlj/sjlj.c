/* Runtime for clang's wasm setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj, LLVM 19).
 * setjmp records which function invocation it was called in and under which label;
 * longjmp throws the __c_longjmp wasm tag carrying {env, value}; the lowered caller
 * catches it and asks __wasm_setjmp_test whether the env belongs to one of its labels. */
#include <stddef.h>
#include <stdint.h>

struct jump_buffer {
  void* invocation;
  uint32_t label;
  struct {
    void* env;
    int value;
  } thrown;
};

_Static_assert(sizeof(struct jump_buffer) <= 32, "jmp_buf in include/setjmp.h is too small");

void __wasm_setjmp(void* env, uint32_t label, void* invocation) {
  struct jump_buffer* jb = env;
  if (label == 0 || invocation == NULL) __builtin_trap();
  jb->invocation = invocation;
  jb->label = label;
}

uint32_t __wasm_setjmp_test(void* env, void* invocation) {
  struct jump_buffer* jb = env;
  if (jb->label == 0 || invocation == NULL) __builtin_trap();
  return jb->invocation == invocation ? jb->label : 0;
}

void __wasm_longjmp(void* env, int value) {
  struct jump_buffer* jb = env;
  jb->thrown.env = env;
  jb->thrown.value = value == 0 ? 1 : value;
  __builtin_wasm_throw(1, &jb->thrown); /* tag 1: __c_longjmp, defined by clang */
}
