import { MeshLambertMaterial } from 'three';
import { patchShader } from './patchShader.ts';
import { PLAIN_VAN, shared, STATUS_PALETTE } from './sharedUniforms.ts';

/** Lane offset of driving vans, m: right-hand traffic, keep right of the centre line. */
export const LANE_OFFSET_M = 2;

/** The per-frame inputs of the van shader. */
export interface VanUniforms {
  uAlpha: { value: number };
  uCurIsB: { value: number };
  uSelected: { value: number };
  uByState: { value: number };
  [k: string]: { value: unknown };
}

/**
 * The van material: three's Lambert lighting, with each instance placed on the GPU. Every van has
 * two poses (x, y, heading, status) in two instanced attributes, the previous and the current
 * frame's, ping-ponged so only the newer is uploaded; the shader interpolates between them with
 * one uniform weight, keeps driving vans (and vans at doors) in their lane and parks vans at depots
 * side by side.
 * Per frame the CPU only sets uniforms: no per-van JavaScript. The same placement is mirrored in
 * vanPlacement.ts for picking and following.
 */
export function makeVanMaterial(): { material: MeshLambertMaterial; uniforms: VanUniforms } {
  const uniforms: VanUniforms = {
    uAlpha: { value: 1 },
    uCurIsB: { value: 0 },
    uSelected: { value: -1 },
    uByState: { value: 1 },
    uPalette: { value: STATUS_PALETTE },
    uPlain: { value: PLAIN_VAN },
    uScale: shared.uScale,
    uNight: shared.uNight,
  };
  const material = patchShader(new MeshLambertMaterial({ vertexColors: true }), {
    key: 'vans',
    uniforms,
    vertexPars: /* glsl */ `
      attribute vec4 aPoseA;
      attribute vec4 aPoseB;
      attribute float glow;
      uniform float uAlpha;
      uniform float uCurIsB;
      uniform float uScale;
      uniform int uSelected;
      uniform float uByState;
      uniform vec3 uPalette[9];
      uniform vec3 uPlain;
      varying float vGlow;
      vec3 vfOffset;
      float vfHeading;
      float vfScale;
      vec3 placeOf(vec4 p, float id) {
        float s = p.w;
        vec2 xy = p.xy;
        if (s == 2.0 || s == 3.0 || s == 4.0 || s == 5.0 || s == 6.0) {
          // Driving, or stopped at a door: in the right-hand lane, at the kerb.
          xy += vec2(sin(p.z), -cos(p.z)) * ${LANE_OFFSET_M.toFixed(1)};
        } else {
          // At a depot: parked side by side in a 6 × 5 grid around the depot's node.
          xy += vec2((mod(id, 6.0) - 2.5) * 3.0 * uScale, (mod(floor(id / 6.0), 5.0) - 2.0) * 5.5 * uScale);
        }
        return vec3(xy.x, 0.0, -xy.y);
      }
      vec3 rotY(vec3 v, float a) {
        float c = cos(a);
        float s = sin(a);
        return vec3(c * v.x + s * v.z, v.y, -s * v.x + c * v.z);
      }`,
    vertex: [
      [
        'color_vertex',
        /* glsl */ `
        vec4 pPrev = uCurIsB > 0.5 ? aPoseA : aPoseB;
        vec4 pCur = uCurIsB > 0.5 ? aPoseB : aPoseA;
        float vid = float(gl_InstanceID);
        vfOffset = mix(placeOf(pPrev, vid), placeOf(pCur, vid), uAlpha);
        float dh = pCur.z - pPrev.z;
        dh -= 6.28318531 * floor((dh + 3.14159265) / 6.28318531);
        vfHeading = pPrev.z + uAlpha * dh;
        bool picked = gl_InstanceID == uSelected;
        vfScale = uScale * (picked ? 1.7 : 1.0);
        vColor = vec4(color, 1.0);
        vec3 tint = uByState > 0.5 ? uPalette[int(pCur.w + 0.5)] : uPlain;
        vColor.rgb *= picked ? mix(tint, vec3(1.0), 0.25) : tint;
        vGlow = glow;`,
      ],
      ['beginnormal_vertex', 'vec3 objectNormal = rotY(normal, vfHeading);'],
      ['begin_vertex', 'vec3 transformed = rotY(position * vfScale, vfHeading) + vfOffset;'],
    ],
    fragmentPars: 'varying float vGlow;\nuniform float uNight;',
    fragment: [
      [
        'emissivemap_fragment',
        // At night the lights shine and the bodies keep some of their colour, so states stay readable.
        '#include <emissivemap_fragment>\ntotalEmissiveRadiance += uNight * (vGlow * vec3(1.6, 1.4, 1.0) + 0.3 * diffuseColor.rgb);',
      ],
    ],
  });
  return { material, uniforms };
}
