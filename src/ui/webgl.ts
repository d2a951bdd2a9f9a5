let probe: { webgl2: boolean; software: boolean } | null = null;

/** Create a throwaway WebGL 2 context once and note what it is. */
function probeWebGL(): { webgl2: boolean; software: boolean } {
  if (probe) return probe;
  probe = { webgl2: false, software: false };
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2');
    if (gl) {
      probe.webgl2 = true;
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      probe.software = /swiftshader|llvmpipe|software|basic render/i.test(renderer);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    probe = { webgl2: false, software: false };
  }
  return probe;
}

/** True if the browser can create a WebGL 2 context (the 3D view needs it; the rest of the app does not). */
export function hasWebGL2(): boolean {
  return probeWebGL().webgl2;
}

/** True when WebGL runs on the CPU (SwiftShader, llvmpipe): shadows are off by default there. */
export function isSoftwareRenderer(): boolean {
  return probeWebGL().software;
}
