import type { Material, WebGLProgramParametersWithUniforms } from 'three';

export interface ShaderPatch {
  /** Uniform objects shared with the caller (mutate `.value` per frame; no recompiles). */
  readonly uniforms: Record<string, { value: unknown }>;
  /** Declarations added before the vertex shader's main(). */
  readonly vertexPars?: string;
  /** [chunk include, replacement] pairs for the vertex shader; the replacement may keep the include. */
  readonly vertex?: readonly (readonly [string, string])[];
  readonly fragmentPars?: string;
  readonly fragment?: readonly (readonly [string, string])[];
  /** Distinguishes the program from other patches of the same material type. */
  readonly key: string;
}

/**
 * Extend one of three's built-in materials (lights, fog and shadows stay theirs) with our own
 * uniforms and shader code, by replacing `#include <chunk>` lines at compile time.
 */
export function patchShader<M extends Material>(material: M, patch: ShaderPatch): M {
  material.onBeforeCompile = (shader: WebGLProgramParametersWithUniforms) => {
    Object.assign(shader.uniforms, patch.uniforms);
    let vs = shader.vertexShader.replace('void main() {', `${patch.vertexPars ?? ''}\nvoid main() {`);
    for (const [from, to] of patch.vertex ?? []) vs = vs.replace(`#include <${from}>`, to);
    let fs = shader.fragmentShader.replace('void main() {', `${patch.fragmentPars ?? ''}\nvoid main() {`);
    for (const [from, to] of patch.fragment ?? []) fs = fs.replace(`#include <${from}>`, to);
    shader.vertexShader = vs;
    shader.fragmentShader = fs;
  };
  material.customProgramCacheKey = () => patch.key;
  return material;
}
