/** Where a parcel is in its journey warehouse → station → door. One byte per parcel. */
export const ParcelState = {
  /** Not yet at the warehouse. */
  Unreleased: 0,
  AtWarehouse: 1,
  /** Reserved for a van's plan, still physically at its facility. */
  Assigned: 2,
  OnVan: 3,
  AtStation: 4,
  Delivered: 5,
  /** Attempts exhausted: returned to sender. */
  Failed: 6,
} as const;
export type ParcelState = (typeof ParcelState)[keyof typeof ParcelState];
