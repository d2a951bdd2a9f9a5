/**
 * Longitude/latitude <-> local metres around an origin (x east, y north). Equirectangular with the
 * scale taken at the origin's latitude on the WGS84 ellipsoid: at city scale (tens of km) the error
 * stays below 0.1 %, which is far under the uncertainty of road geometry, and it is cheap enough to
 * project every OSM node.
 */
const A = 6378137; // WGS84 semi-major axis, m
const E2 = 0.00669437999014; // first eccentricity squared

export class LocalProjection {
  readonly lon0: number;
  readonly lat0: number;
  /** Metres per degree of longitude and latitude at the origin. */
  readonly mPerDegLon: number;
  readonly mPerDegLat: number;

  constructor(lon0: number, lat0: number) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    const phi = (lat0 * Math.PI) / 180;
    const s = Math.sin(phi);
    const w = Math.sqrt(1 - E2 * s * s);
    this.mPerDegLon = ((Math.PI / 180) * A * Math.cos(phi)) / w;
    this.mPerDegLat = ((Math.PI / 180) * A * (1 - E2)) / (w * w * w);
  }

  x(lon: number): number {
    return (lon - this.lon0) * this.mPerDegLon;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.mPerDegLat;
  }

  lon(x: number): number {
    return this.lon0 + x / this.mPerDegLon;
  }

  lat(y: number): number {
    return this.lat0 + y / this.mPerDegLat;
  }
}
