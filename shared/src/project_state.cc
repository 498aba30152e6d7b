#include "immagin/project_state.h"

#include <string>

namespace immagin {
namespace {

constexpr ProjectState kAll[] = {ProjectState::kActive, ProjectState::kSuspended,
                                 ProjectState::kOverQuota};

}  // namespace

std::string_view ToString(ProjectState state) {
  // A switch, so that a new state without a name is a compiler warning.
  switch (state) {
    case ProjectState::kActive: return "active";
    case ProjectState::kSuspended: return "suspended";
    case ProjectState::kOverQuota: return "over_quota";
  }
  return "active";
}

Result<ProjectState> ParseProjectState(std::string_view text, std::string_view field) {
  std::string names;
  for (size_t i = 0; i < std::size(kAll); ++i) {
    if (ToString(kAll[i]) == text) return kAll[i];
    names += i == 0 ? "" : (i + 1 == std::size(kAll) ? " or " : ", ");
    names += ToString(kAll[i]);
  }
  return InvalidArgument(std::string(field), "must be " + names);
}

}  // namespace immagin
