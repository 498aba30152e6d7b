/* Network interfaces for wasm32-wasi: a module has none. */
#ifndef IMMAGIN_WASI_NET_IF_H
#define IMMAGIN_WASI_NET_IF_H
#ifdef __cplusplus
extern "C" {
#endif
#define IF_NAMESIZE 16
unsigned int if_nametoindex(const char*);
char* if_indextoname(unsigned int, char*);
#ifdef __cplusplus
}
#endif
#endif
