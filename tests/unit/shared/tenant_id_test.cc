#include "immagin/tenant_id.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

TEST(TenantId, AcceptsDnsLabels) {
  for (const char* t : {"abc", "my-project", "p42", "a-b-c", "0ab"}) {
    EXPECT_TRUE(ValidateTenantId(t).ok()) << t;
  }
  EXPECT_TRUE(ValidateTenantId(std::string(63, 'a')).ok());
}

TEST(TenantId, RejectsWhatIsNotASubdomain) {
  for (const char* t : {"", "ab", "My-Project", "-abc", "abc-", "a_b", "a.b", "ab c", "été"}) {
    const Status s = ValidateTenantId(t);
    EXPECT_FALSE(s.ok()) << t;
    if (!s.ok()) EXPECT_EQ(s.error().field, "tenant");
  }
  EXPECT_FALSE(ValidateTenantId(std::string(64, 'a')).ok());
}

}  // namespace
}  // namespace immagin
