export { createMiroSimulation } from './sim/simulation.js';
export type {
  AuthorizeUrlInput,
  IssueTokenOptions,
  IssuedToken,
  MiroSimulation,
  SimulationState,
  TokenSummary,
} from './sim/simulation.js';
export { DEMO_CLIENT, DEFAULT_BUDGET, DEFAULT_SCOPE } from './sim/options.js';
export type { BudgetOptions, MiroSimulationOptions, SimulatedClient } from './sim/options.js';
export type { RequestLogEntry, SimulationCounters } from './sim/store.js';
export { LEVEL_CREDITS } from './sim/budget.js';
export { createMswHandlers } from './sim/msw-handlers.js';
export { startMockServer } from './server/server.js';
export type { MockServer, MockServerOptions } from './server/server.js';
export { renderBoardPage, type BoardPageOptions } from './view/page.js';
export { renderBoardSvg, type BoardSvgOptions } from './view/svg.js';
export type { ViewBox } from './view/geometry.js';
export type {
  BoardSnapshot,
  ConnectorEndSnapshot,
  ConnectorSnapshot,
  ItemSnapshot,
  ResourceSnapshot,
  TagSnapshot,
} from './view/snapshot.js';
export type { ItemType } from './sim/store.js';
