import { MeshLambertMaterial } from 'three';
import { patchShader } from './patchShader.ts';
import { shared } from './sharedUniforms.ts';

/**
 * Buildings: vertex-coloured Lambert with procedural windows on the walls — a grid of panes
 * (3.4 m wide, 3.2 m storeys) in world space, slightly darker than the façade by day, and at
 * night a random ~40 % of them lit warm (a hash of the pane and the block, so the pattern holds
 * still as the camera moves). No textures, no extra geometry.
 */
export function makeBuildingMaterial(): MeshLambertMaterial {
  return patchShader(new MeshLambertMaterial({ vertexColors: true }), {
    key: 'buildings',
    uniforms: { uNight: shared.uNight },
    vertexPars: 'varying vec3 vWPos;\nvarying vec3 vWNormal;',
    vertex: [['worldpos_vertex', '#include <worldpos_vertex>\nvWPos = (modelMatrix * vec4(transformed, 1.0)).xyz;\nvWNormal = normalize(mat3(modelMatrix) * objectNormal);']],
    fragmentPars: /* glsl */ `
      uniform float uNight;
      varying vec3 vWPos;
      varying vec3 vWNormal;
      float paneHash(vec2 p) { return fract(sin(dot(p, vec2(12.9898, 78.233))) * 43758.5453); }`,
    fragment: [
      [
        'emissivemap_fragment',
        /* glsl */ `#include <emissivemap_fragment>
        if (abs(vWNormal.y) < 0.5) {
          float u = dot(vWPos.xz, vec2(-vWNormal.z, vWNormal.x));
          vec2 cell = vec2(u / 3.4, vWPos.y / 3.2);
          vec2 f = fract(cell);
          float pane = step(0.22, f.x) * step(f.x, 0.78) * step(0.3, f.y) * step(f.y, 0.8) * step(1.2, vWPos.y);
          vec2 id = floor(cell) + floor(vWPos.xz / 23.0) * 7.0;
          float lit = step(0.6, paneHash(id));
          // Panes smaller than a pixel or two would shimmer: fade them into an average (28 % glass; a faint glow, as a distant lit city reads).
          float fw = max(fwidth(cell.x), fwidth(cell.y));
          float detail = 1.0 - smoothstep(0.3, 0.7, fw);
          float glass = mix(0.28, pane, detail);
          float glow = mix(0.04, pane * lit, detail);
          diffuseColor.rgb *= 1.0 - 0.3 * glass * (1.0 - uNight);
          totalEmissiveRadiance += glow * uNight * vec3(1.0, 0.62, 0.26);
        }`,
      ],
    ],
  });
}

/** Roads: vertex-coloured, pulled towards the camera in depth so they never fight with the ground far away. */
export function makeRoadMaterial(): MeshLambertMaterial {
  return new MeshLambertMaterial({ vertexColors: true, polygonOffset: true, polygonOffsetFactor: -2, polygonOffsetUnits: -2 });
}
