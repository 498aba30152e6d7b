// text: a layer drawn with FreeType from the bundled font and composited over the frame at
// one of nine positions, with padding, colour and opacity. No Pango (it does not build for
// WASI); lines split on '\n', glyphs placed with the font's advances and kerning.
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "edit_steps.h"
#include "immagin/utf8.h"
#include "layer.h"

extern "C" {
extern const unsigned char luna_font_data[];
extern const size_t luna_font_size;
}

namespace luna {
namespace {

// One FreeType library and face per thread: FreeType objects are not shared across threads.
struct Font {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  bool ok = false;
  Font() {
    ok = FT_Init_FreeType(&library) == 0 &&
         FT_New_Memory_Face(library, luna_font_data, static_cast<FT_Long>(luna_font_size), 0,
                            &face) == 0;
  }
  ~Font() {
    if (face != nullptr) FT_Done_Face(face);
    if (library != nullptr) FT_Done_FreeType(library);
  }
};

Font& ThreadFont() {
#ifdef __wasi__
  // A wasm32-wasi module has one thread, and its C++ runtime no thread-exit destructors.
  static Font font;
#else
  thread_local Font font;
#endif
  return font;
}

struct Glyph {
  FT_UInt index;
  int x;  // pen position on the line, pixels
};

struct Line {
  std::vector<Glyph> glyphs;
  int width = 0;
};

std::vector<Line> Layout(FT_Face face, const std::string& text) {
  std::vector<Line> lines(1);
  FT_UInt previous = 0;
  long pen = 0;  // 26.6 fixed point
  const bool kerning = FT_HAS_KERNING(face);
  immagin::ForEachCodePoint(text, [&](char32_t cp) {
    if (cp == '\n') {
      lines.emplace_back();
      previous = 0;
      pen = 0;
      return true;
    }
    const FT_UInt index = FT_Get_Char_Index(face, cp);
    if (kerning && previous != 0 && index != 0) {
      FT_Vector delta;
      if (FT_Get_Kerning(face, previous, index, FT_KERNING_DEFAULT, &delta) == 0) pen += delta.x;
    }
    if (FT_Load_Glyph(face, index, FT_LOAD_DEFAULT) != 0) return true;
    Line& line = lines.back();
    line.glyphs.push_back({index, static_cast<int>(pen >> 6)});
    pen += face->glyph->advance.x;
    line.width = std::max(line.width, static_cast<int>((pen + 63) >> 6));
    previous = index;
    return true;
  });
  return lines;
}

}  // namespace

Result<Image> Apply(const Image& frame, const immagin::TextEdit& edit, const StepContext& c) {
  Font& font = ThreadFont();
  if (!font.ok || FT_Set_Pixel_Sizes(font.face, 0, static_cast<FT_UInt>(edit.font_size)) != 0) {
    return immagin::Error{immagin::ErrorCode::kInternal, "text", "the text font failed to load"};
  }
  FT_Face face = font.face;
  const std::vector<Line> lines = Layout(face, edit.text);
  const int ascender = static_cast<int>(face->size->metrics.ascender >> 6);
  const int line_height = static_cast<int>(face->size->metrics.height >> 6);
  int box_w = 1;
  for (const Line& line : lines) box_w = std::max(box_w, line.width);
  const int box_h = std::max(1, line_height * static_cast<int>(lines.size()));

  const int W = frame.width();
  const int H = frame.height();
  const auto [box_x, box_y] = PlaceLayer(edit.position, box_w, box_h, W, H, edit.padding);

  // Only the part of the text box that lands on the frame is drawn: memory stays bounded by
  // the frame whatever the font size and text length.
  const int x0 = std::max(0, box_x);
  const int y0 = std::max(0, box_y);
  const int x1 = std::min(W, box_x + box_w);
  const int y1 = std::min(H, box_y + box_h);
  if (x1 <= x0 || y1 <= y0) return frame;
  const int mask_w = x1 - x0;
  const int mask_h = y1 - y0;
  if (c.budget != nullptr) {
    // The mask and libvips' copy of it live until the render ends.
    if (auto s = c.budget->Take(int64_t{2} * mask_w * mask_h, "text layers"); !s) return s.error();
  }
  std::vector<unsigned char> mask(static_cast<size_t>(mask_w) * mask_h, 0);

  for (size_t l = 0; l < lines.size(); ++l) {
    const int baseline = box_y + static_cast<int>(l) * line_height + ascender;
    for (const Glyph& g : lines[l].glyphs) {
      if (FT_Load_Glyph(face, g.index, FT_LOAD_RENDER) != 0) continue;
      const FT_Bitmap& bitmap = face->glyph->bitmap;
      const int gx = box_x + g.x + face->glyph->bitmap_left;
      const int gy = baseline - face->glyph->bitmap_top;
      for (unsigned row = 0; row < bitmap.rows; ++row) {
        const int y = gy + static_cast<int>(row);
        if (y < y0 || y >= y1) continue;
        for (unsigned col = 0; col < bitmap.width; ++col) {
          const int x = gx + static_cast<int>(col);
          if (x < x0 || x >= x1) continue;
          unsigned char& dst = mask[static_cast<size_t>(y - y0) * mask_w + (x - x0)];
          dst = std::max(dst, bitmap.buffer[row * bitmap.pitch + col]);
        }
      }
    }
  }

  // Overlay = the text colour everywhere, with the glyph coverage × opacity as alpha.
  Image coverage(vips_image_new_from_memory_copy(mask.data(), mask.size(), mask_w, mask_h, 1,
                                                 VIPS_FORMAT_UCHAR));
  if (!coverage) return VipsError(immagin::ErrorCode::kInternal, "drawing text");
  VipsImage* alpha = nullptr;
  auto alpha_image = Wrap(vips_linear1(coverage.get(), &alpha, edit.opacity * edit.color.a / 255.0,
                                       0.0, "uchar", TRUE, nullptr),
                          alpha, "drawing text");
  if (!alpha_image) return alpha_image;
  double rgb[3] = {double(edit.color.r), double(edit.color.g), double(edit.color.b)};
  Image paint(vips_image_new_from_image(coverage.get(), rgb, 3));
  if (!paint) return VipsError(immagin::ErrorCode::kInternal, "drawing text");
  VipsImage* overlay = nullptr;
  auto overlay_image = Wrap(vips_bandjoin2(paint.get(), alpha_image->get(), &overlay, nullptr),
                            overlay, "drawing text");
  if (!overlay_image) return overlay_image;
  overlay_image->get()->Type = VIPS_INTERPRETATION_sRGB;

  return CompositeLayer(frame, *overlay_image, x0, y0, "drawing text");
}

}  // namespace luna
