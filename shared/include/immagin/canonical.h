// One form for equivalent requests. The canonical form is what the transform id hashes,
// so it is the cache key, the ETag seed and the usage dedupe key: two requests that must
// render the same bytes should canonicalise to the same thing.
#pragma once

#include "immagin/edit.h"
#include "immagin/json.h"

namespace immagin {

// - layers (text, image) move after every other edit, keeping their order (they are
//   composited last anyway);
// - options that cannot affect the result are reset to their defaults (resize's fit,
//   position and background without a height; position outside cover/contain; background
//   outside contain; rotate's background for multiples of 90°);
// - angles and hues are reduced to [0, 360) at micro-degree precision;
// - no-op edits are dropped (rotate by 0, extend by 0, neutral modulate).
EditList Canonicalize(EditList list);

// progressive only survives for JPEG/PNG, lossless only for WebP/AVIF ("auto" keeps both,
// since it may become any of them), compression only for HEIF.
OutputOptions Canonicalize(OutputOptions output);

// Canonical JSON values: every option spelled out, valid input for the parser again.
Json ToJson(const EditList& list);
Json ToJson(const OutputOptions& output);

}  // namespace immagin
