import { useFrame } from '@react-three/fiber';
import type { SimClient } from '../simClient.ts';
import { view } from './viewRegistry.ts';

const t = { start: 0, windowStart: 0, windowFrames: 0 };

/**
 * The frame's bookends. First (lowest priority): note the time and advance the simulated clock.
 * Last (positive priority, so R3F leaves rendering to us): render, then record the frame's
 * figures for the performance panel — script time is everything from the first callback to the
 * end of render() (three's draw calls included), all numbers written in place, no allocation.
 */
export function FrameLoop({ client, vans }: { client: SimClient; vans: number }) {
  useFrame((_, dt) => {
    t.start = performance.now();
    client.tick(dt);
  }, -1000);
  useFrame(({ gl, scene, camera }, dt) => {
    const r0 = performance.now();
    gl.render(scene, camera);
    const end = performance.now();
    if (client.firstFrameMs === 0 && client.hasFrame && vans > 0) {
      client.firstFrameMs = end;
      performance.mark('vanfleet:first-frame');
    }
    const s = view.stats;
    s.renderMs += 0.1 * (end - r0 - s.renderMs);
    s.scriptMs += 0.1 * (end - t.start - s.scriptMs);
    s.frameMs += 0.1 * (dt * 1000 - s.frameMs);
    s.calls = gl.info.render.calls;
    s.triangles = gl.info.render.triangles;
    s.vans = client.hasFrame ? vans : 0;
    s.frames++;
    t.windowFrames++;
    if (end - t.windowStart >= 1000) {
      s.fps = (t.windowFrames * 1000) / (end - t.windowStart);
      t.windowStart = end;
      t.windowFrames = 0;
    }
  }, 1);
  return null;
}
