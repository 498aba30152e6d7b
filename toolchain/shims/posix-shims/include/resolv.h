/* DNS resolver for wasm32-wasi: none (see netdb.h). gio's resolver code compiles against
 * these declarations; res_query always fails. */
#ifndef IMMAGIN_WASI_RESOLV_H
#define IMMAGIN_WASI_RESOLV_H
#include <arpa/nameser.h>
#ifdef __cplusplus
extern "C" {
#endif
int res_query(const char*, int, int, unsigned char*, int);
int res_init(void);
#ifdef __cplusplus
}
#endif
#endif
