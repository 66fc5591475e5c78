/*
 * stubs: the kinds not drawn yet draw their frame only.  Replaced kind by
 * kind as each lands in its own file.
 */
#include "charts/internal.h"

void chart_draw_likert(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_heatmap(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_forest(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_dumbbell(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_gantt(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_cycle(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
void chart_draw_tiles(struct chart_dc *dc) { chart_frame(dc, NULL, 0); }
