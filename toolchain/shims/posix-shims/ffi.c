/* The minimal libffi of include/ffi.h. wasm's call_indirect checks the exact signature, so
 * each supported shape is one cast: every argument is passed as a 32-bit word. */
#include <ffi.h>
#include <stdio.h>
#include <string.h>

#define TYPE(name, ctype, kind) ffi_type name = {sizeof(ctype), _Alignof(ctype), kind, NULL}
TYPE(ffi_type_pointer, void*, FFI_KIND_POINTER);
TYPE(ffi_type_uint8, uint8_t, FFI_KIND_INT);
TYPE(ffi_type_sint8, int8_t, FFI_KIND_INT);
TYPE(ffi_type_uint16, uint16_t, FFI_KIND_INT);
TYPE(ffi_type_sint16, int16_t, FFI_KIND_INT);
TYPE(ffi_type_uint32, uint32_t, FFI_KIND_INT);
TYPE(ffi_type_sint32, int32_t, FFI_KIND_INT);
TYPE(ffi_type_uint64, uint64_t, FFI_KIND_INT);
TYPE(ffi_type_sint64, int64_t, FFI_KIND_INT);
TYPE(ffi_type_float, float, FFI_KIND_FLOAT);
TYPE(ffi_type_double, double, FFI_KIND_FLOAT);
ffi_type ffi_type_void = {1, 1, FFI_KIND_VOID, NULL};

ffi_status ffi_prep_cif(ffi_cif* cif, ffi_abi abi, unsigned nargs, ffi_type* rtype,
                        ffi_type** atypes) {
  if (abi != FFI_DEFAULT_ABI) return FFI_BAD_ABI;
  cif->abi = abi;
  cif->nargs = nargs;
  cif->rtype = rtype;
  cif->arg_types = atypes;
  return FFI_OK;
}

static _Noreturn void unsupported(const ffi_cif* cif) {
  fprintf(stderr, "ffi shim: unsupported call: %u arguments, return size %zu\n", cif->nargs,
          cif->rtype->size);
  __builtin_trap();
}

typedef uint32_t w;
#define ARGS8 w, w, w, w, w, w, w, w
#define CALL(rt, fn, a) ((rt(*)(ARGS8))(fn))(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])

/* Unused trailing words are harmless only if the callee's signature is padded to 8 too,
 * so dispatch on the exact arity. */
#define DISPATCH(rt, fn, n, a, out)                                                          \
  switch (n) {                                                                               \
    case 0: out((rt(*)(void))(fn))(); break;                                                 \
    case 1: out((rt(*)(w))(fn))(a[0]); break;                                                \
    case 2: out((rt(*)(w, w))(fn))(a[0], a[1]); break;                                       \
    case 3: out((rt(*)(w, w, w))(fn))(a[0], a[1], a[2]); break;                              \
    case 4: out((rt(*)(w, w, w, w))(fn))(a[0], a[1], a[2], a[3]); break;                     \
    case 5: out((rt(*)(w, w, w, w, w))(fn))(a[0], a[1], a[2], a[3], a[4]); break;            \
    case 6: out((rt(*)(w, w, w, w, w, w))(fn))(a[0], a[1], a[2], a[3], a[4], a[5]); break;   \
    case 7: out((rt(*)(w, w, w, w, w, w, w))(fn))(a[0], a[1], a[2], a[3], a[4], a[5], a[6]); \
        break;                                                                               \
    default: out CALL(rt, fn, a); break;                                                     \
  }

void ffi_call(ffi_cif* cif, void (*fn)(void), void* rvalue, void** avalue) {
  w a[8] = {0};
  if (cif->nargs > 8) unsupported(cif);
  for (unsigned i = 0; i < cif->nargs; i++) {
    const ffi_type* t = cif->arg_types[i];
    if (t->type == FFI_KIND_FLOAT || t->size > 4) unsupported(cif);
    switch (t->size) {
      case 1: a[i] = t == &ffi_type_sint8 ? (w) * (int8_t*)avalue[i] : *(uint8_t*)avalue[i]; break;
      case 2:
        a[i] = t == &ffi_type_sint16 ? (w) * (int16_t*)avalue[i] : *(uint16_t*)avalue[i];
        break;
      default: a[i] = *(uint32_t*)avalue[i]; break;
    }
  }
  const ffi_type* r = cif->rtype;
  if (r->type == FFI_KIND_VOID) {
    DISPATCH(void, fn, cif->nargs, a, (void));
  } else if (r == &ffi_type_float) {
    float v;
    DISPATCH(float, fn, cif->nargs, a, v =);
    memcpy(rvalue, &v, sizeof v);
  } else if (r == &ffi_type_double) {
    double v;
    DISPATCH(double, fn, cif->nargs, a, v =);
    memcpy(rvalue, &v, sizeof v);
  } else if (r->size == 8) {
    uint64_t v;
    DISPATCH(uint64_t, fn, cif->nargs, a, v =);
    memcpy(rvalue, &v, sizeof v);
  } else {
    /* libffi widens small integer results to a full ffi_arg. */
    uint32_t v;
    DISPATCH(uint32_t, fn, cif->nargs, a, v =);
    ffi_arg wide = r == &ffi_type_sint32 || r == &ffi_type_sint16 || r == &ffi_type_sint8
                       ? (ffi_arg)(ffi_sarg)(int32_t)v
                       : (ffi_arg)v;
    memcpy(rvalue, &wide, sizeof wide);
  }
}
