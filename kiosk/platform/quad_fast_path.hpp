// Draws one ImGui draw command on an SDL_Renderer, taking the fast road for what a kiosk screen is mostly made
// of: axis-aligned rectangles (backgrounds, bars, buttons) become SDL_RenderFillRect and glyphs drawn 1:1 become
// SDL_RenderCopy; everything else (rounded corners, icons' curves, anti-aliased edges) goes to
// SDL_RenderGeometryRaw in the original order. The software renderer rasterises triangles pixel by pixel; fills
// and blits are its fast paths (profiled: 98% of a frame was triangle rasterising).
#pragma once
#include <SDL.h>
#include <imgui.h>

namespace shubbak::platform {

struct QuadStats {
  int fills = 0, copies = 0, triangles = 0;
};

void render_draw_cmd(SDL_Renderer* r, SDL_Texture* tex, const ImDrawVert* vtx, int vtx_count, const ImDrawIdx* idx,
                     int idx_count, QuadStats* stats = nullptr);

}  // namespace shubbak::platform
