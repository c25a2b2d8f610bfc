#include "kiosk/platform/quad_fast_path.hpp"

#include <cmath>
#include <vector>

namespace shubbak::platform {

namespace {

bool same(float a, float b) { return std::fabs(a - b) < 1e-3f; }

// Indices (a, b, c, a, c, d) with a top-left, b top-right, c bottom-right, d bottom-left, as ImGui's PrimRect and
// PrimRectUV write them, one colour.
bool is_rect(const ImDrawVert* v, const ImDrawIdx* i) {
  // Exactly PrimRect's pattern (n, n+1, n+2, n, n+2, n+3): a convex fan's first two triangles (0, 2, 4, 0, 4, 6)
  // can also look like a rectangle, but they are part of a larger shape.
  if (i[1] != i[0] + 1 || i[2] != i[0] + 2 || i[3] != i[0] || i[4] != i[2] || i[5] != i[0] + 3) return false;
  const ImDrawVert &a = v[i[0]], &b = v[i[1]], &c = v[i[2]], &d = v[i[5]];
  return same(a.pos.y, b.pos.y) && same(b.pos.x, c.pos.x) && same(c.pos.y, d.pos.y) && same(d.pos.x, a.pos.x) &&
         a.pos.x < c.pos.x && a.pos.y < c.pos.y && a.col == b.col && a.col == c.col && a.col == d.col &&
         same(a.uv.y, b.uv.y) && same(b.uv.x, c.uv.x) && same(c.uv.y, d.uv.y) && same(d.uv.x, a.uv.x);
}

SDL_Color colour(ImU32 c) {
  return {static_cast<Uint8>(c >> IM_COL32_R_SHIFT), static_cast<Uint8>(c >> IM_COL32_G_SHIFT),
          static_cast<Uint8>(c >> IM_COL32_B_SHIFT), static_cast<Uint8>(c >> IM_COL32_A_SHIFT)};
}

}  // namespace

void render_draw_cmd(SDL_Renderer* r, SDL_Texture* tex, const ImDrawVert* vtx, int vtx_count, const ImDrawIdx* idx,
                     int idx_count, QuadStats* stats) {
  int tw = 0, th = 0;
  if (tex) SDL_QueryTexture(tex, nullptr, nullptr, &tw, &th);
  std::vector<ImDrawIdx> pending;  // triangles waiting for SDL_RenderGeometryRaw, in order
  auto flush = [&] {
    if (pending.empty()) return;
    SDL_RenderGeometryRaw(r, tex, &vtx->pos.x, sizeof(ImDrawVert), reinterpret_cast<const SDL_Color*>(&vtx->col),
                          sizeof(ImDrawVert), &vtx->uv.x, sizeof(ImDrawVert), vtx_count, pending.data(),
                          static_cast<int>(pending.size()), sizeof(ImDrawIdx));
    if (stats) stats->triangles += static_cast<int>(pending.size()) / 3;
    pending.clear();
  };
  int k = 0;
  for (; k + 6 <= idx_count; k += 3) {
    const ImDrawIdx* i = idx + k;
    if (is_rect(vtx, i)) {
      const ImDrawVert &a = vtx[i[0]], &c = vtx[i[2]];
      SDL_Color col = colour(a.col);
      SDL_FRect dst{a.pos.x, a.pos.y, c.pos.x - a.pos.x, c.pos.y - a.pos.y};
      if (same(a.uv.x, c.uv.x) && same(a.uv.y, c.uv.y)) {  // one texel (the atlas's white pixel): a plain fill
        if (col.a == 0) {
          k += 3;
          continue;
        }
        flush();
        // Opaque: a plain fill (a memset); translucent: blended per pixel.
        SDL_SetRenderDrawBlendMode(r, col.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, col.r, col.g, col.b, col.a);
        // Round the edges, not the origin and the size: neighbouring rectangles then meet without a seam.
        const int left = static_cast<int>(std::lround(dst.x)), top = static_cast<int>(std::lround(dst.y));
        SDL_Rect edge{left, top, static_cast<int>(std::lround(dst.x + dst.w)) - left,
                      static_cast<int>(std::lround(dst.y + dst.h)) - top};
        SDL_RenderFillRect(r, &edge);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);  // the software renderer's triangles use it too
        if (stats) ++stats->fills;
        k += 3;
        continue;
      }
      const float sw = (c.uv.x - a.uv.x) * static_cast<float>(tw), sh = (c.uv.y - a.uv.y) * static_cast<float>(th);
      if (tex && std::fabs(sw - dst.w) < 0.5f && std::fabs(sh - dst.h) < 0.5f) {  // a glyph at its own size
        flush();
        SDL_Rect src{static_cast<int>(std::lround(a.uv.x * static_cast<float>(tw))),
                     static_cast<int>(std::lround(a.uv.y * static_cast<float>(th))), static_cast<int>(std::lround(sw)),
                     static_cast<int>(std::lround(sh))};
        SDL_FRect d{std::round(dst.x), std::round(dst.y), static_cast<float>(src.w), static_cast<float>(src.h)};
        SDL_SetTextureColorMod(tex, col.r, col.g, col.b);
        SDL_SetTextureAlphaMod(tex, col.a);
        SDL_RenderCopyF(r, tex, &src, &d);
        SDL_SetTextureColorMod(tex, 255, 255, 255);  // triangles take their colour from their vertices only
        SDL_SetTextureAlphaMod(tex, 255);
        if (stats) ++stats->copies;
        k += 3;
        continue;
      }
    }
    pending.insert(pending.end(), i, i + 3);
  }
  for (; k < idx_count; ++k) pending.push_back(idx[k]);
  flush();
}

}  // namespace shubbak::platform
