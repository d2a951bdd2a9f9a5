import type { VanStatus } from './VanStatus.ts';

/** One step of a van's plan; the engine runs a van's steps in order, then asks the dispatcher again. */
export type Step =
  | { readonly kind: 'drive'; readonly to: number; readonly status: VanStatus }
  /** Take reserved parcels aboard at a facility. */
  | { readonly kind: 'load'; readonly facility: number; readonly parcels: readonly number[] }
  /** Put everything aboard into the facility's stock (line-haul drop-off, or returns after a tour). */
  | { readonly kind: 'unload'; readonly facility: number }
  /** Curbside hand-over of the parcels for one door. */
  | { readonly kind: 'handover'; readonly door: number; readonly parcels: readonly number[] }
  | { readonly kind: 'charge'; readonly facility: number; readonly targetWh: number; readonly interruptible: boolean };

export type Plan = Step[];
