// Imported first by main.tsx, so it runs before three, React and the scene modules are evaluated:
// the sim worker starts building the city while the rest of the page's code is still loading.
import { startBoot } from './boot.ts';

/** `?page=solver` opens the Solver page, `?page=lab` the Lab page, instead of the city: no simulation is started. */
const page = new URLSearchParams(location.search).get('page');
export const isSolverPage = page === 'solver';
export const isLabPage = page === 'lab';

performance.mark('vanfleet:boot');
if (!isSolverPage && !isLabPage) startBoot();
