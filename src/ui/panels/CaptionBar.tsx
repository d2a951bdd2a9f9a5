import { useEffect, useState } from 'react';
import type { Caption } from '../../core/replay/story.ts';
import type { SimClient } from '../simClient.ts';
import { demoFocus } from '../scene/DemoDirector.tsx';

/** The demo's caption: what the van on camera (or the fleet) is doing and the dispatcher's reason, refreshed every 1.5 s. */
export function CaptionBar({ client, onStop }: { client: SimClient; onStop(): void }) {
  const [caption, setCaption] = useState<Caption | null>(null);
  useEffect(() => {
    let live = true;
    const tick = () => void client.api.caption(client.displayT, demoFocus.van).then((c) => live && setCaption(c));
    tick();
    const id = setInterval(tick, 1500);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [client]);
  return (
    <div className="caption-bar" role="status" aria-live="polite" data-testid="caption">
      <div>
        <b>{caption?.headline ?? 'The day begins: parcels reach the warehouse and the dispatcher sends the vans out.'}</b>
        {caption && <span>{caption.detail}</span>}
      </div>
      <button type="button" onClick={onStop} data-testid="demo-stop">
        Stop demo
      </button>
    </div>
  );
}
