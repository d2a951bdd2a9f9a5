import type { Camera } from 'three';

/** The map controls' parts the app reads and moves (drei's MapControls is three's OrbitControls). */
export interface ControlsLike {
  target: { x: number; y: number; z: number; set(x: number, y: number, z: number): unknown };
  update(): unknown;
  enabled: boolean;
}

/**
 * The live 3D view, for code outside the canvas: the URL state (camera), the test hooks (where a
 * van is on screen) and the app's buttons (fly to). One view per page; null while none is mounted.
 */
export const view: {
  camera: Camera | null;
  controls: ControlsLike | null;
  canvas: HTMLCanvasElement | null;
  /** CSS pixel position of van v in the canvas, or null if it is behind the camera. */
  vanOnScreen: ((v: number) => { x: number; y: number } | null) | null;
  /** Per-frame figures for the performance panel. */
  stats: { fps: number; frameMs: number; renderMs: number; scriptMs: number; calls: number; triangles: number; vans: number; frames: number };
} = {
  camera: null,
  controls: null,
  canvas: null,
  vanOnScreen: null,
  stats: { fps: 0, frameMs: 0, renderMs: 0, scriptMs: 0, calls: 0, triangles: 0, vans: 0, frames: 0 },
};
