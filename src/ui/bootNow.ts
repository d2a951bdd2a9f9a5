// Imported first by main.tsx, so it runs before three, React and the scene modules are evaluated:
// the sim worker starts building the city while the rest of the page's code is still loading.
import { startBoot } from './boot.ts';

/** `?page=solver` opens the Solver page instead of the city: no simulation is started. */
export const isSolverPage = new URLSearchParams(location.search).get('page') === 'solver';

performance.mark('vanfleet:boot');
if (!isSolverPage) startBoot();
