/**
 * The map of the house: which folder may import which. `npm test` runs it (npm run lint:deps),
 * so an import that breaks a layer or closes a circle fails the build.
 *
 *   src/core     pure TypeScript: the model, the optimisers, the engine. Imports nothing above it.
 *   workers/     thin comlink wrappers around core (simulation, optimiser). Never the UI.
 *   src/cli      the headless front door (Node). Core and workers, never the UI.
 *   src/ui       React + three.js. Talks to core through workers; may import core types and data.
 *   bench/       benchmarks: may use anything, nothing uses them.
 *
 * Inside src/core, layers go one way, bottom first; a folder may import its own files and any
 * folder of a lower rank, never one of its rank or above. Tests (*.test.ts) may reach across.
 */
const CORE_LAYERS = [
  ['util'],
  ['geo', 'stats', 'fleet', 'vrp'], // leaves: maths, statistics, the van, the VRP optimiser
  ['network'], // road graph (CSR), builder, snapping, the procedural street grid's pieces
  ['routing'], // Dijkstra, A*, contraction hierarchy, matrices
  ['city'], // doors, facilities, buildings, procedural cities, city packs
  ['osm', 'demand'], // the OpenStreetMap importer (above network, city, routing); parcels
  ['charging', 'mesh'], // chargers and curves; meshes of roads and buildings for the view
  ['sim'], // the engine: state, view, plans, decisions, executor, KPIs, report
  ['dispatch'], // the fleet dispatcher and tour strategies (plug-ins of the engine)
  ['replay'], // recorded runs, timelines, details for the view
  ['scenario'], // scenario files: schema, validation, building a run
];

const TESTS = '\\.test\\.ts$';
const alt = (names) => `(${names.join('|')})`;

const layerRules = CORE_LAYERS.flatMap((rank, i) =>
  rank.map((name) => {
    const forbidden = CORE_LAYERS.slice(i).flat().filter((n) => n !== name);
    return {
      name: `core-layer-${name}`,
      comment: `src/core/${name} (rank ${i}) may import only lower layers: ${CORE_LAYERS.slice(0, i).flat().join(', ') || 'none'}`,
      severity: 'error',
      from: { path: `^src/core/${name}/`, pathNot: TESTS },
      to: { path: `^src/core/${alt(forbidden)}/` },
    };
  }),
);

// Every folder of src/core must be placed in a layer (a new folder has to be put on the map).
const knownCore = alt(CORE_LAYERS.flat());

module.exports = {
  forbidden: [
    {
      name: 'dispatch-reads-the-view',
      comment:
        'Strategies and the fleet policy (src/core/dispatch) see a run only through the read-only SimView and act by returning plans: ' +
        'never the engine or its writable state.',
      severity: 'error',
      from: { path: '^src/core/dispatch/', pathNot: TESTS },
      to: { path: '^src/core/sim/(SimState|Simulation|PlanExecutor|FleetState|EventQueue|frozenEnd)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import circles anywhere (cut them: move the shared piece to its own file, or invert the dependency).',
      severity: 'error',
      from: { pathNot: '^src/core/vrp/search/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-vrp-search-runtime',
      comment:
        'Allowed: type-only circles inside src/core/vrp/search. SearchState keeps its hot kernels (route evaluation, ' +
        'suffixes, time-window updates, the between-cache, pair repair) in files of their own that take the state ' +
        'as a parameter; they import its type only. A circle with a runtime import is still an error.',
      severity: 'error',
      from: { path: '^src/core/vrp/search/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core runs in Node, vitest and web workers: it imports nothing from the UI, the CLI, workers, benchmarks or tests.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { path: '^(src/ui|src/cli|workers|bench|test)/' },
    },
    {
      name: 'core-folders-are-layered',
      comment: 'Every folder under src/core has a place in CORE_LAYERS.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/core/', pathNot: `^src/core/${knownCore}/` },
    },
    ...layerRules,
    {
      name: 'vrp-through-its-index',
      comment: 'Outside src/core/vrp, the optimiser is used through src/core/vrp/index.ts only.',
      severity: 'error',
      from: { pathNot: `^src/core/vrp/|^test/|${TESTS}` },
      to: { path: '^src/core/vrp/', pathNot: '^src/core/vrp/index\\.ts$' },
    },
    {
      name: 'workers-not-ui',
      comment: 'Workers wrap core; they never import the UI or the CLI.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^(src/ui|src/cli|bench)/' },
    },
    {
      name: 'cli-not-ui',
      comment: 'The CLI is headless: no UI imports.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^(src/ui|bench)/' },
    },
    {
      name: 'ui-not-cli',
      comment: 'The UI runs in the browser: no CLI or benchmark code.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^(src/cli|bench)/' },
    },
    {
      name: 'nothing-uses-bench',
      comment: 'Benchmarks sit on top; nothing imports them.',
      severity: 'error',
      from: { pathNot: '^bench/' },
      to: { path: '^bench/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
