import { Color } from 'three';
import { STATUS_COLORS } from '../statusColors.ts';

/**
 * Uniforms several materials read, updated once per frame by the component that owns the value
 * (Lighting sets the night factor, Vans the van scale): plain objects, so materials share them
 * without re-render or recompilation.
 */
export const shared = {
  /** 0 by day, 1 at night (windows, street lamps, van lights). */
  uNight: { value: 0 },
  /** How much vans and markers are enlarged to stay visible from high up. */
  uScale: { value: 1 },
};

/** Van state colours, linear RGB, for shader uniform arrays. */
export const STATUS_PALETTE: Color[] = STATUS_COLORS.map((c) => new Color(c));

/** Colour of every van when state colours are switched off: the JD VAN's white. */
export const PLAIN_VAN = new Color('#eef0f2');
