import { useEffect, useState } from 'react';
import type { FacilityDetail } from '../core/replay/facilityDetail.ts';
import type { VanDetail } from '../core/replay/vanDetail.ts';
import type { Pick } from './scene/Picker.tsx';
import type { SimClient } from './simClient.ts';

/**
 * The selected van's or depot's details at the displayed moment, fetched from the worker when
 * the selection changes and then once a second while the displayed time moves.
 */
export function useDetail(client: SimClient, selection: Pick, runId: number): { van: VanDetail | null; facility: FacilityDetail | null } {
  const [van, setVan] = useState<VanDetail | null>(null);
  const [facility, setFacility] = useState<FacilityDetail | null>(null);
  const kind = selection?.kind ?? null;
  const index = selection === null ? -1 : selection.kind === 'van' ? selection.v : selection.f;
  useEffect(() => {
    let live = true;
    let lastT = NaN;
    setVan(null);
    setFacility(null);
    if (kind === null || index < 0) return;
    const fetch = () => {
      if (!client.hasFrame || client.displayT === lastT) return;
      const t = client.displayT;
      lastT = t;
      if (kind === 'van') void client.api.vanDetail(index, t).then((d) => live && setVan(d));
      else void client.api.facilityDetail(index, t).then((d) => live && setFacility(d));
    };
    fetch();
    const first = setTimeout(fetch, 150);
    const id = setInterval(fetch, 1000);
    return () => {
      live = false;
      clearTimeout(first);
      clearInterval(id);
    };
  }, [client, kind, index, runId]);
  return { van, facility };
}
