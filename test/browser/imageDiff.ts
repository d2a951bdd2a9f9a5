import type { Page } from 'playwright-core';

/**
 * Share of pixels that differ noticeably (summed RGB difference over 48 of 765) between two PNG
 * screenshots of the same size. Decoded in the page (createImageBitmap), so no image library is
 * needed in Node.
 */
export async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([pa, pb]) => {
      const decode = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        return g.getImageData(0, 0, bmp.width, bmp.height);
      };
      const [x, y] = await Promise.all([decode(pa), decode(pb)]);
      if (x.width !== y.width || x.height !== y.height) return 1;
      let differ = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        const d = Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]);
        if (d > 48) differ++;
      }
      return differ / (x.width * x.height);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}
