import { runFaultMatrix } from './fault-matrix/matrix.js';
import { STORE_FAMILIES } from './fault-matrix/stores.js';

runFaultMatrix(STORE_FAMILIES.find((family) => family.name === 'memory')!);
