/** Which rows of a fixed-row-height list to put in the DOM for the current scroll position. */
export type VirtualWindow = {
  /** First rendered row (inclusive). */
  readonly start: number;
  /** Row after the last rendered one (exclusive). */
  readonly end: number;
  /** Offset of the first rendered row from the list's top, px. */
  readonly offset: number;
  /** Height of the whole list, px, so the scrollbar reflects every match. */
  readonly height: number;
};

export type WindowInput = {
  readonly total: number;
  readonly rowHeight: number;
  /** How far the viewport's top is below the list's top, px (negative while the list starts lower). */
  readonly scrolledInto: number;
  readonly viewportHeight: number;
  /** Extra rows above and below, so a fast flick does not show blank space before the next frame. */
  readonly overscan: number;
};

export function virtualWindow({
  total,
  rowHeight,
  scrolledInto,
  viewportHeight,
  overscan,
}: WindowInput): VirtualWindow {
  const height = total * rowHeight;
  if (total === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, height };
  const firstVisible = Math.floor(Math.max(0, scrolledInto) / rowHeight);
  const lastVisible = Math.ceil(Math.max(0, scrolledInto + viewportHeight) / rowHeight);
  const start = Math.min(total, Math.max(0, firstVisible - overscan));
  const end = Math.min(total, Math.max(start, lastVisible + overscan));
  return { start, end, offset: start * rowHeight, height };
}
