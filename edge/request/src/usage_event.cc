#include "luna/delivery.h"

namespace luna {

immagin::Json UsageEventJson(const UsageEvent& event) {
  return immagin::Json{{"tenant", event.tenant},
                       {"transformId", event.transform_id},
                       {"bytes", event.bytes},
                       {"ms", event.ms},
                       {"time", event.time}};
}

}  // namespace luna
