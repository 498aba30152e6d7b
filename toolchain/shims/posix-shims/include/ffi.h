/* A minimal libffi for wasm32-wasi: enough for glib's generic signal marshaller, which
 * calls handlers through ffi_call. Supports calls whose arguments are all 32-bit integers
 * or pointers (up to 8) returning nothing, a 32/64-bit integer, a float or a double;
 * anything else aborts with a message naming the signature. */
#ifndef IMMAGIN_WASI_FFI_H
#define IMMAGIN_WASI_FFI_H
#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef enum { FFI_OK = 0, FFI_BAD_TYPEDEF, FFI_BAD_ABI } ffi_status;
typedef enum { FFI_FIRST_ABI = 0, FFI_DEFAULT_ABI = 1, FFI_LAST_ABI } ffi_abi;
typedef enum { FFI_KIND_VOID, FFI_KIND_INT, FFI_KIND_FLOAT, FFI_KIND_POINTER } ffi_kind;

typedef struct _ffi_type {
  size_t size;
  unsigned short alignment;
  unsigned short type; /* ffi_kind */
  struct _ffi_type** elements;
} ffi_type;

typedef struct {
  ffi_abi abi;
  unsigned nargs;
  ffi_type** arg_types;
  ffi_type* rtype;
} ffi_cif;

typedef uint64_t ffi_arg;
typedef int64_t ffi_sarg;

extern ffi_type ffi_type_void, ffi_type_pointer;
extern ffi_type ffi_type_uint8, ffi_type_sint8, ffi_type_uint16, ffi_type_sint16;
extern ffi_type ffi_type_uint32, ffi_type_sint32, ffi_type_uint64, ffi_type_sint64;
extern ffi_type ffi_type_float, ffi_type_double;
#define ffi_type_uchar ffi_type_uint8
#define ffi_type_schar ffi_type_sint8
#define ffi_type_ushort ffi_type_uint16
#define ffi_type_sshort ffi_type_sint16
#define ffi_type_uint ffi_type_uint32
#define ffi_type_sint ffi_type_sint32
#define ffi_type_ulong ffi_type_uint32
#define ffi_type_slong ffi_type_sint32

ffi_status ffi_prep_cif(ffi_cif* cif, ffi_abi abi, unsigned nargs, ffi_type* rtype,
                        ffi_type** atypes);
void ffi_call(ffi_cif* cif, void (*fn)(void), void* rvalue, void** avalue);

#ifdef __cplusplus
}
#endif
#endif
