// Every rule of the course module's claims (the format: claims/rule_logic.js), for the readers that
// need them all: the claims suite (tests/claims/claims.js), the unit and browser tests. The lab
// page imports claims/lab_rules.js instead, which loads one lesson's rules when it opens.
import { addRules } from './rule_logic.js';
import lesson6_1 from './rules/6.1.js';
import lesson6_2 from './rules/6.2.js';
import lesson6_3 from './rules/6.3.js';
import lesson6_4 from './rules/6.4.js';
import lesson6_5 from './rules/6.5.js';
import lesson6_6 from './rules/6.6.js';
import lesson6_7 from './rules/6.7.js';
import lesson6_8 from './rules/6.8.js';
import lesson6_9 from './rules/6.9.js';
import suite from './rules/suite.js';

addRules({ ...lesson6_1, ...lesson6_2, ...lesson6_3, ...lesson6_4, ...lesson6_5, ...lesson6_6, ...lesson6_7, ...lesson6_8, ...lesson6_9, ...suite });

export * from './rule_logic.js';
