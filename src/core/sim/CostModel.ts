/** What a day costs, per unit (any currency): the scenario's `costs` section. */
export interface CostModel {
  readonly perVanDay: number;
  readonly perKm: number;
  readonly perKWh: number;
  readonly perFailedParcel: number;
  readonly perLateParcel: number;
}
