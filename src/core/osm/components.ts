/**
 * Strongly connected components of a directed graph given as edge lists (Tarjan 1972, made
 * iterative so city-sized graphs do not overflow the call stack). Used to keep only the largest
 * component of an imported network: elsewhere a van could drive in and never out.
 */
export interface ComponentResult {
  /** Component id per node. */
  readonly component: Int32Array;
  readonly count: number;
  /** Id and node count of the largest component. */
  readonly largest: number;
  readonly largestSize: number;
}

export function stronglyConnectedComponents(n: number, from: ArrayLike<number>, to: ArrayLike<number>): ComponentResult {
  const m = from.length;
  const first = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) first[from[e] + 1]++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v];
  const adj = new Int32Array(m);
  const fill = first.slice(0, n);
  for (let e = 0; e < m; e++) adj[fill[from[e]]++] = to[e];

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = first[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      if (callEdge[depth] < first[v + 1]) {
        const w = adj[callEdge[depth]++];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[++depth] = w;
          callEdge[depth] = first[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0 && low[v] < low[callNode[depth]]) low[callNode[depth]] = low[v];
    }
  }
  const size = new Int32Array(count);
  for (let v = 0; v < n; v++) size[component[v]]++;
  let largest = -1;
  for (let c = 0; c < count; c++) if (largest < 0 || size[c] > size[largest]) largest = c;
  return { component, count, largest, largestSize: largest < 0 ? 0 : size[largest] };
}
