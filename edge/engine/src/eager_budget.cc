#include "edits/edit_steps.h"

namespace luna {

immagin::Status EagerBudget::Take(int64_t bytes, std::string_view what) {
  if (bytes > left_) {
    return immagin::Error{immagin::ErrorCode::kUnprocessable, "edits",
                          "the " + std::string(what) +
                              " of this request would hold more memory than one render may "
                              "(LUNA_MAX_EAGER_BYTES)"};
  }
  left_ -= bytes;
  return {};
}

}  // namespace luna
