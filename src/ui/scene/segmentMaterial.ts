import { AdditiveBlending, BufferAttribute, InstancedBufferGeometry, InstancedInterleavedBuffer, InterleavedBufferAttribute, NormalBlending, ShaderMaterial, Color, DynamicDrawUsage } from 'three';
import { TRAIL_STRIDE } from '../../core/replay/sampleTimeline.ts';
import { STATUS_PALETTE, shared } from './sharedUniforms.ts';

/**
 * Road segments with a time at each end (trail segments: x0, y0, t0, x1, y1, t1, status) drawn as
 * instanced flat ribbons: one unit quad, stretched in the vertex shader from one end to the other
 * and widened with the camera height. The fragment shader fades by age and cuts at the displayed
 * time, so the trail's head sits exactly under the van between frames and the route ahead is
 * eaten up as the van drives. Times are relative to the data's own origin (float32-exact).
 */
export function makeSegmentGeometry(data: Float32Array): { geometry: InstancedBufferGeometry; buffer: InstancedInterleavedBuffer } {
  const g = new InstancedBufferGeometry();
  // Unit quad: x along the segment (0..1), y across it (-1..1).
  g.setAttribute('position', new BufferAttribute(new Float32Array([0, -1, 0, 1, -1, 0, 1, 1, 0, 0, 1, 0]), 3));
  g.setIndex([0, 1, 2, 0, 2, 3]);
  const buffer = new InstancedInterleavedBuffer(data, TRAIL_STRIDE).setUsage(DynamicDrawUsage);
  g.setAttribute('aStart', new InterleavedBufferAttribute(buffer, 3, 0));
  g.setAttribute('aEnd', new InterleavedBufferAttribute(buffer, 3, 3));
  g.setAttribute('aStatus', new InterleavedBufferAttribute(buffer, 1, 6));
  g.instanceCount = 0;
  return { geometry: g, buffer };
}

export interface SegmentUniforms {
  uNow: { value: number };
  uWindow: { value: number };
  uWidth: { value: number };
  [k: string]: { value: unknown };
}

/** `trail`: show what is behind uNow, fading over uWindow s; `route`: show what is ahead, in one colour. */
export function makeSegmentMaterial(mode: 'trail' | 'route', colour = '#ffffff'): { material: ShaderMaterial; uniforms: SegmentUniforms } {
  const uniforms: SegmentUniforms = {
    uNow: { value: 0 },
    uWindow: { value: 180 },
    uWidth: { value: 2 },
    uScale: shared.uScale,
    uPalette: { value: STATUS_PALETTE },
    uColour: { value: new Color(colour) },
    uNight: shared.uNight,
  };
  const material = new ShaderMaterial({
    uniforms,
    transparent: true,
    depthWrite: false,
    blending: mode === 'trail' ? AdditiveBlending : NormalBlending,
    vertexShader: /* glsl */ `
      attribute vec3 aStart;
      attribute vec3 aEnd;
      attribute float aStatus;
      uniform float uWidth;
      uniform float uScale;
      uniform vec3 uPalette[9];
      varying float vTime;
      varying vec3 vColour;
      void main() {
        vec2 a = aStart.xy;
        vec2 b = aEnd.xy;
        vec2 d = b - a;
        float len = max(length(d), 1e-3);
        vec2 n = vec2(-d.y, d.x) / len;
        float w = uWidth * uScale;
        // Stretch by half a width at both ends so consecutive segments overlap at the joints.
        vec2 p = a + d * position.x + (d / len) * w * 0.5 * (position.x * 2.0 - 1.0) + n * w * position.y;
        vTime = mix(aStart.z, aEnd.z, position.x);
        vColour = uPalette[int(aStatus + 0.5)];
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
