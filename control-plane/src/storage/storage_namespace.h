// Where a project's originals live in storage: `{objects}/{namespace}/…` on disk,
// `{bucket}/{namespace}/…` on S3. A namespace is drawn at random when the project is
// created and never reused, so nothing written for a deleted project (a presigned S3 PUT
// still in flight, a leftover file) can ever appear in another project, even one that gets
// the same tenant id.
#pragma once

#include <string>
#include <string_view>

namespace immagin::cp {

// "p_" + 32 lowercase hex characters (128 random bits). The '_' keeps it apart from every
// tenant id (a-z, 0-9, '-') and every project id (digits).
std::string NewStorageNamespace();

// A namespace of a new project, or of one made before namespaces existed: its row id in
// decimal, the name its folder or S3 prefix already had. Storage refuses anything else, so
// no caller can name a path outside the objects folder.
bool IsStorageNamespace(std::string_view text);

}  // namespace immagin::cp
