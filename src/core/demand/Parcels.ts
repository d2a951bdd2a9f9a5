/** The day's parcels, structure of arrays indexed by dense parcel number. */
export interface Parcels {
  readonly count: number;
  /** External ids, used only at I/O. */
  readonly id: readonly string[];
  /** Destination door (index into city.doors). */
  readonly door: Uint32Array;
  readonly weightKg: Float64Array;
  readonly volumeM3: Float64Array;
  /** When the parcel is available at the warehouse, seconds after midnight. */
  readonly releaseS: Float64Array;
  /** Promised delivery window, seconds after midnight. */
  readonly windowStartS: Float64Array;
  readonly windowEndS: Float64Array;
}
