import { describe, expect, it } from 'vitest';
import { siteUrlOf } from './siteUrl.ts';

describe('siteUrlOf', () => {
  it('finds a shipped scenario\'s map file where Vite puts public/, under any base path', () => {
    expect(siteUrlOf('scenarios/manhattan.json', '../public/cities/lower-manhattan-2025.osm.pbf', 'https://example.org/apps/vanfleet/')).toBe(
      'https://example.org/apps/vanfleet/cities/lower-manhattan-2025.osm.pbf',
    );
    expect(siteUrlOf('my.json', 'cities/x.pbf', 'http://localhost:4173/?t=10:00')).toBe('http://localhost:4173/cities/x.pbf');
    expect(siteUrlOf('my.json', '../public/cities/x.pbf', 'http://h/a/')).toBe('http://h/a/cities/x.pbf');
    expect(siteUrlOf('s.json', 'https://maps.example/x.pbf', 'http://h/')).toBe('https://maps.example/x.pbf');
  });
});
