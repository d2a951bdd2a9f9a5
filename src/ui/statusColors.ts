import { VAN_STATUS_COUNT, VAN_STATUS_NAMES } from '../core/sim/VanStatus.ts';

/** One colour per van status (index = VanStatus), chosen to stay distinct for common colour-vision deficiencies. */
export const STATUS_COLORS: readonly string[] = [
  '#9aa0a6', // idle
  '#f2c94c', // loading
  '#9b51e0', // line-haul
  '#2f80ed', // delivering
  '#27ae60', // at door
  '#56ccf2', // returning
  '#f2994a', // to charger
  '#eb5757', // waiting for charger
  '#6fcf97', // charging
];

export const STATUS_LEGEND = Array.from({ length: VAN_STATUS_COUNT }, (_, i) => ({ name: VAN_STATUS_NAMES[i], color: STATUS_COLORS[i] }));
