import { useEffect, useState } from 'react';
import type { ChargerDetail } from '../core/replay/chargerDetail.ts';
import type { FacilityDetail } from '../core/replay/facilityDetail.ts';
import type { VanDetail } from '../core/replay/vanDetail.ts';
import type { Pick } from './scene/Picker.tsx';
import type { SimClient } from './simClient.ts';

export interface Details {
  readonly van: VanDetail | null;
  readonly facility: FacilityDetail | null;
  /** The selected depot's chargers (null without ports), at the same moment as `facility`. */
  readonly charger: ChargerDetail | null;
}

/**
 * The selected van's or depot's details at the displayed moment, fetched from the worker when
 * the selection changes and then once a second while the displayed time moves.
 */
export function useDetail(client: SimClient, selection: Pick, runId: number): Details {
  const [van, setVan] = useState<VanDetail | null>(null);
  const [site, setSite] = useState<{ facility: FacilityDetail; charger: ChargerDetail | null } | null>(null);
  const kind = selection?.kind ?? null;
  const index = selection === null ? -1 : selection.kind === 'van' ? selection.v : selection.f;
  useEffect(() => {
    let live = true;
    let lastT = NaN;
    setVan(null);
    setSite(null);
    if (kind === null || index < 0) return;
    const fetch = () => {
      if (!client.hasFrame || client.displayT === lastT) return;
      const t = client.displayT;
      lastT = t;
      if (kind === 'van') void client.api.vanDetail(index, t).then((d) => live && setVan(d));
      else void Promise.all([client.api.facilityDetail(index, t), client.api.chargerDetail(index, t)]).then(([facility, charger]) => live && setSite({ facility, charger }));
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
  return { van, facility: site?.facility ?? null, charger: site?.charger ?? null };
}
