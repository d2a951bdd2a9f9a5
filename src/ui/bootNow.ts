// Imported first by main.tsx, so it runs before three, React and the scene modules are evaluated:
// the sim worker starts building the city while the rest of the page's code is still loading.
import { startBoot } from './boot.ts';

performance.mark('vanfleet:boot');
startBoot();
