import { AdditiveBlending, BufferAttribute, BufferGeometry, Color, DataTexture, FloatType, NearestFilter, NormalBlending, RGBAFormat, ShaderMaterial } from 'three';
import { TRAIL_STRIDE } from '../../core/replay/sampleTimeline.ts';
import { STATUS_PALETTE, shared } from './sharedUniforms.ts';

/** Texture width in texels (two per segment): trail buffers hold a multiple of TEX_W / 2 segments. */
export const TEX_W = 2048;

/**
 * Road segments with a time at each end (trail segments, TRAIL_STRIDE floats: x0, y0, t0, status,
 * x1, y1, t1, 0) as flat ribbons. The segments live in a float texture, two texels each, and the
 * vertex shader pulls them by vertex index (segment = index / 4, corner = index % 4): one plain
 * indexed draw for any number of segments. Instancing would be the textbook choice, but software
 * WebGL (and some drivers) pay per instance; tens of thousands of tiny ribbons are cheaper this way.
 * Only the rows in use are uploaded each frame.
 */
export interface SegmentBuffer {
  readonly geometry: BufferGeometry;
  readonly texture: DataTexture;
  readonly capacity: number;
  /** Draw the first n segments, uploading the texture rows they use. */
  show(n: number): void;
}

/**
 * A segment buffer over `data`. When data fills whole texture rows (trail buffers are sized so)
 * the texture uses it in place and a frame costs no copy; otherwise it is copied once, padded.
 */
export function makeSegmentBuffer(data: Float32Array): SegmentBuffer {
  const capacity = Math.floor(data.length / TRAIL_STRIDE);
  const rows = Math.max(1, Math.ceil((capacity * 2) / TEX_W));
  const inPlace = data.length === TEX_W * rows * 4;
  const pixels = inPlace ? data : new Float32Array(TEX_W * rows * 4);
  if (!inPlace) pixels.set(data.subarray(0, capacity * TRAIL_STRIDE));
  const texture = new DataTexture(pixels, TEX_W, rows, RGBAFormat, FloatType);
  texture.minFilter = NearestFilter;
  texture.magFilter = NearestFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  const index = new Uint32Array(Math.max(1, capacity) * 6);
  for (let k = 0; k < capacity; k++) index.set([4 * k, 4 * k + 1, 4 * k + 2, 4 * k, 4 * k + 2, 4 * k + 3], 6 * k);
  const geometry = new BufferGeometry();
  geometry.setIndex(new BufferAttribute(index, 1));
  geometry.setDrawRange(0, 0);
  return {
    geometry,
    texture,
    capacity,
    show(n: number) {
      const count = Math.min(n, capacity);
      const usedRows = Math.ceil((count * 2) / TEX_W);
      texture.clearUpdateRanges();
      if (usedRows > 0) texture.addUpdateRange(0, usedRows * TEX_W * 4);
      texture.needsUpdate = usedRows > 0;
      geometry.setDrawRange(0, count * 6);
    },
  };
}

export interface SegmentUniforms {
  uNow: { value: number };
  uWindow: { value: number };
  uWidth: { value: number };
  [k: string]: { value: unknown };
}

/** `trail`: show what is behind uNow, fading over uWindow s; `route`: show what is ahead, in one colour. */
export function makeSegmentMaterial(texture: DataTexture, mode: 'trail' | 'route', colour = '#ffffff'): { material: ShaderMaterial; uniforms: SegmentUniforms } {
  const uniforms: SegmentUniforms = {
    uNow: { value: 0 },
    uWindow: { value: 180 },
    uWidth: { value: 2 },
    uScale: shared.uScale,
    uPalette: { value: STATUS_PALETTE },
    uColour: { value: new Color(colour) },
    uNight: shared.uNight,
    uSegments: { value: texture },
  };
  const material = new ShaderMaterial({
    uniforms,
    transparent: true,
    depthWrite: false,
    blending: mode === 'trail' ? AdditiveBlending : NormalBlending,
    vertexShader: /* glsl */ `
      uniform highp sampler2D uSegments;
      uniform float uWidth;
      uniform float uScale;
      uniform vec3 uPalette[9];
      varying float vTime;
      varying vec3 vColour;
      void main() {
        int seg = gl_VertexID / 4;
        int corner = gl_VertexID - seg * 4;
        int texel = seg * 2;
        vec4 A = texelFetch(uSegments, ivec2(texel % ${TEX_W}, texel / ${TEX_W}), 0);
        vec4 B = texelFetch(uSegments, ivec2((texel + 1) % ${TEX_W}, (texel + 1) / ${TEX_W}), 0);
        float along = (corner == 1 || corner == 2) ? 1.0 : 0.0;
        float side = corner < 2 ? -1.0 : 1.0;
        vec2 d = B.xy - A.xy;
        float len = max(length(d), 1e-3);
        vec2 n = vec2(-d.y, d.x) / len;
        float w = uWidth * uScale;
        // Stretch by half a width at both ends so consecutive segments overlap at the joints.
        vec2 p = A.xy + d * along + (d / len) * w * 0.5 * (along * 2.0 - 1.0) + n * w * side;
        vTime = mix(A.z, B.z, along);
        vColour = uPalette[int(A.w + 0.5)];
        gl_Position = projectionMatrix * modelViewMatrix * vec4(p.x, ${mode === 'trail' ? '0.25' : '0.35'}, -p.y, 1.0);
      }`,
    fragmentShader: /* glsl */ `
      uniform float uNow;
      uniform float uWindow;
      uniform vec3 uColour;
      uniform float uNight;
      varying float vTime;
      varying vec3 vColour;
      void main() {
        ${
          mode === 'trail'
            ? `if (vTime > uNow) discard;
        float age = (uNow - vTime) / uWindow;
        if (age > 1.0) discard;
        float a = (1.0 - age) * (1.0 - age) * (0.55 + 0.35 * uNight);
        gl_FragColor = vec4(vColour * a, a);`
            : `if (vTime < uNow) discard;
        float ahead = clamp((vTime - uNow) / 3600.0, 0.0, 1.0);
        gl_FragColor = vec4(uColour, 0.95 - 0.45 * ahead);`
        }
      }`,
  });
  return { material, uniforms };
}
