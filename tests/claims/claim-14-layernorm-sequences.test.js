// Claim 14 of the course module, measured over seeds (definition: tests/claims/claims.js).
import { claimSuite } from './suite.js';

claimSuite('14');
