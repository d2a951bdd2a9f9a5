/**
 * The delivery window promised when an order is placed (orders all day and order-file rows without
 * a window): it opens `leadS` after the order — or after the vans start work, for orders placed
 * before that — rounded up to the next slot boundary, and lasts `windowS`.
 */
export interface WindowRule {
  readonly leadS: number;
  readonly windowS: number;
  /** Windows start on multiples of this (e.g. 1800: on the hour or half hour). */
  readonly slotS: number;
  readonly dayStartS: number;
}

export function windowStartFor(orderS: number, r: WindowRule): number {
  return Math.ceil((Math.max(orderS, r.dayStartS) + r.leadS) / r.slotS) * r.slotS;
}

/**
 * The latest same-day cut-off whose orders still get a window that closes by the end of the day:
 * an order placed before it opens a window at most dayEnd − windowS.
 */
export function latestCutoffS(r: WindowRule, dayEndS: number): number {
  return Math.floor((dayEndS - r.windowS) / r.slotS) * r.slotS - r.leadS;
}
