/** True if the browser can create a WebGL 2 context (the 3D view needs it; the rest of the app does not). */
export function hasWebGL2(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!c.getContext('webgl2');
  } catch {
    return false;
  }
}
