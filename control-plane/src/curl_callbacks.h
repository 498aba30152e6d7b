// libcurl write/header callbacks shared by the control plane's S3 client and its tests.
#pragma once

#include <cstddef>

namespace immagin::cp {

// CURLOPT_WRITEFUNCTION: appends to the std::string passed as WRITEDATA.
size_t CurlAppendBody(char* data, size_t size, size_t count, void* out);

// CURLOPT_HEADERFUNCTION: stores "Name: value" lines into the
// std::map<std::string, std::string> passed as HEADERDATA, names lower-cased.
size_t CurlCollectHeader(char* data, size_t size, size_t count, void* out);

}  // namespace immagin::cp
