#include "immagin/project_state.h"

#include <gtest/gtest.h>

namespace immagin {
namespace {

// Pinned: the control plane stores and answers these names and every edge acts on them.
TEST(ProjectState, NamesAreTheWireSpelling) {
  EXPECT_EQ(ToString(ProjectState::kActive), "active");
  EXPECT_EQ(ToString(ProjectState::kSuspended), "suspended");
  EXPECT_EQ(ToString(ProjectState::kOverQuota), "over_quota");
}

TEST(ProjectState, ParsesEveryNameBack) {
  for (const ProjectState state :
       {ProjectState::kActive, ProjectState::kSuspended, ProjectState::kOverQuota}) {
    auto parsed = ParseProjectState(ToString(state));
    ASSERT_TRUE(parsed.ok()) << ToString(state);
    EXPECT_EQ(*parsed, state);
  }
}

TEST(ProjectState, AnythingElseIsRejectedNamingTheField) {
  for (const char* text : {"", "Active", "over-quota", "overQuota", "deleted", " active"}) {
    auto parsed = ParseProjectState(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().field, "state");
    EXPECT_EQ(parsed.error().message, "must be active, suspended or over_quota");
  }
  EXPECT_EQ(ParseProjectState("gone", "projects[2].state").error().field, "projects[2].state");
}

}  // namespace
}  // namespace immagin
