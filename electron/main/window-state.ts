import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

/**
 * Where to open the window: the remembered place if it still shows on a display (a monitor may
 * have been unplugged since), otherwise centred at the default size on the primary display.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const fallback: WindowState = {
    width: Math.min(DEFAULT_SIZE.width, primary.width),
    height: Math.min(DEFAULT_SIZE.height, primary.height),
    x: Math.round(primary.x + (primary.width - Math.min(DEFAULT_SIZE.width, primary.width)) / 2),
    y: Math.round(primary.y + (primary.height - Math.min(DEFAULT_SIZE.height, primary.height)) / 2),
    maximized: false,
  };
  const parsed = WindowStateSchema.safeParse(saved);
  if (!parsed.success) return fallback;
  const state = parsed.data;
  // Visible enough: at least 100 × 50 px of the title bar region lies on some display.
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(state.x + state.width, area.x + area.width) - Math.max(state.x, area.x);
    const overlapY = Math.min(state.y + 50, area.y + area.height) - Math.max(state.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? state : { ...fallback, maximized: state.maximized };
}
