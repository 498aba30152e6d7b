// Reads payload JSON documents, one per line, and prints what shared/ makes of each: the
// canonical form and transform id, or the error; plus the signature of each line. Built
// natively and for wasm32-wasi; shared_parity.sh requires the two outputs to be identical,
// byte for byte.
#include <cstdio>
#include <iostream>
#include <string>

#include "immagin/base64url.h"
#include "immagin/delivery_payload.h"
#include "immagin/price_table.h"
#include "immagin/signing.h"
#include "immagin/transform_id.h"

int main() {
  const immagin::SigningSecret secret{"parity", std::string(immagin::kSigningKeyBytes, 'k'), {}};
  std::string line;
  int n = 0;
  while (std::getline(std::cin, line)) {
    if (line.empty() || line[0] == '#') continue;
    ++n;
    const std::string encoded = immagin::Base64UrlEncode(line);
    std::cout << n << " sig " << immagin::SignPayload(secret, "parity", encoded) << "\n";
    auto payload = immagin::DecodePayload(encoded, {});
    if (payload) {
      std::cout << n << " ok " << immagin::TransformId("parity", *payload) << " "
                << immagin::CanonicalPayloadJson(*payload) << "\n";
    } else {
      std::cout << n << " error " << immagin::HttpStatus(payload.error().code) << " "
                << payload.error().ToString() << "\n";
    }
  }
  for (const long long count : {0LL, 25'001LL, 100'000LL, 300'000LL, 1'000'000LL}) {
    std::cout << "bill " << count << " " << immagin::MonthlyPriceCents(count) << "\n";
  }
  return n > 0 ? 0 : 1;
}
