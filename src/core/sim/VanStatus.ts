/** What a van is doing; one byte per van in FleetState.status. */
export const VanStatus = {
  Idle: 0,
  Loading: 1,
  LineHaul: 2,
  Delivering: 3,
  /** At a door: waiting for the window to open or for the customer to collect. */
  AtDoor: 4,
  Returning: 5,
  ToCharger: 6,
  WaitingCharger: 7,
  Charging: 8,
} as const;
export type VanStatus = (typeof VanStatus)[keyof typeof VanStatus];

export const VAN_STATUS_COUNT = 9;
export const VAN_STATUS_NAMES = ['idle', 'loading', 'line-haul', 'delivering', 'at door', 'returning', 'to charger', 'waiting for charger', 'charging'] as const;

/** Statuses during which the van is working (for utilisation). */
export function isProductive(s: number): boolean {
  return s >= VanStatus.Loading && s <= VanStatus.Returning;
}

/** Statuses during which the van is driving. */
export function isMoving(s: number): boolean {
  return s === VanStatus.LineHaul || s === VanStatus.Delivering || s === VanStatus.Returning || s === VanStatus.ToCharger;
}
