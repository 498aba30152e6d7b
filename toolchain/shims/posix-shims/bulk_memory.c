/* memcpy, memmove and memset as wasm's bulk-memory instructions (memory.copy and
 * memory.fill, which the engine runs as its own native copy) instead of Debian's 2022
 * wasi-libc's C loops: libvips zeroes every region buffer it allocates and libjpeg every
 * block it decodes, and those loops measured 5% of an OG render. Short calls stay loops: the
 * instructions cost a call into the engine. Built with -mbulk-memory -fno-builtin (the loops
 * must not become calls to these very functions); linked before libc, so these win. */
#include <stddef.h>
#include <string.h>

enum { kBulkFrom = 32 };

void* memcpy(void* restrict dest, const void* restrict src, size_t n) {
  if (n >= kBulkFrom) return __builtin_memcpy(dest, src, n);
  unsigned char* d = dest;
  const unsigned char* s = src;
  while (n--) *d++ = *s++;
  return dest;
}

void* memmove(void* dest, const void* src, size_t n) {
  /* memory.copy is defined for overlapping ranges. */
  if (n >= kBulkFrom) return __builtin_memmove(dest, src, n);
  unsigned char* d = dest;
  const unsigned char* s = src;
  if (d < s) {
    while (n--) *d++ = *s++;
  } else {
    while (n--) d[n] = s[n];
  }
  return dest;
}

void* memset(void* dest, int c, size_t n) {
  if (n >= kBulkFrom) return __builtin_memset(dest, c, n);
  unsigned char* d = dest;
  while (n--) *d++ = (unsigned char)c;
  return dest;
}
