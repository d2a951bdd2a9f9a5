/** A `path=v1,v2,…` setting that cannot be read. */
export class VariantError extends Error {}

export interface Variant {
  readonly label: string;
  /** Dotted scenario paths and the values they take in this variant. */
  readonly settings: Record<string, unknown>;
}

/** A value from the command line: JSON when it parses (numbers, true, "x"), else the plain string. */
function value(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A field path as --vary and sweep grids take it: `fleet.size`, `demand.waves[0].share`. */
export function isFieldPath(path: string): boolean {
  return /^[A-Za-z$][\w$]*(\.[A-Za-z$][\w$]*|\[\d+\])*$/.test(path);
}

/** One varied setting: a scenario path and the values it takes. */
export interface VariantAxis {
  readonly path: string;
  readonly values: readonly unknown[];
}

/** Every combination of the axes' values (the first axis varies slowest), labelled as compare prints them. */
export function combineAxes(axes: readonly VariantAxis[]): Variant[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const { path, values } of axes) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [path]: v })));
  return combos.map((settings) => ({
    label: Object.keys(settings).length ? Object.entries(settings).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ') : 'as written',
    settings,
  }));
}

/** Every combination of `path=v1,v2,…` flags (the first flag varies slowest). */
export function expandVariants(flags: readonly string[]): Variant[] {
  const axes = flags.map((f): VariantAxis => {
    const eq = f.indexOf('=');
    if (eq <= 0 || eq === f.length - 1) throw new VariantError(`--vary: expected path=value1,value2,…, got "${f}"`);
    const path = f.slice(0, eq);
    if (!isFieldPath(path)) throw new VariantError(`--vary: "${path}" is not a field path like fleet.size or demand.waves[0].share`);
    return { path, values: f.slice(eq + 1).split(',').map(value) };
  });
  return combineAxes(axes);
}

/** A deep copy of the raw scenario with the variant's settings written in (objects created as needed). */
export function applyVariant(raw: unknown, v: Variant): unknown {
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const [path, val] of Object.entries(v.settings)) {
    const keys = path.match(/[^.[\]]+/g)!;
    let o: Record<string, unknown> = copy;
    keys.slice(0, -1).forEach((k, i) => {
      if (typeof o[k] !== 'object' || o[k] === null) o[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      o = o[k] as Record<string, unknown>;
    });
    o[keys[keys.length - 1]] = val;
  }
  return copy;
}
