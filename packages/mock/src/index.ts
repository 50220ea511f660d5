export { createMiroSimulation } from './sim/simulation.js';
export type {
  AuthorizeUrlInput,
  IssueTokenOptions,
  IssuedToken,
  MiroSimulation,
  SimulationState,
  TokenSummary,
} from './sim/simulation.js';
export { ALL_SCOPES, DEMO_CLIENT, DEFAULT_BUDGET, DEFAULT_SCOPE } from './sim/options.js';
export { TokenEndpointFaults, type TokenEndpointFault, type TokenRequestRecord } from './sim/oauth-faults.js';
export type { BudgetOptions, MiroSimulationOptions, SimulatedClient } from './sim/options.js';
export type {
  BoardSnapshot,
  ExportJobSnapshot,
  ResourceSnapshot,
  OrganizationSnapshot,
  TeamSnapshot,
  UserGroupSnapshot,
} from './sim/snapshot.js';
export type {
  BoardGroupRole,
  BoardRole,
  ConnectorEnd,
  ConnectorRecord,
  ExportJobState,
  GroupRecord,
  ItemRecord,
  ItemType,
  MindmapNodeRecord,
  OrgRole,
  RequestLogEntry,
  SimulationCounters,
  TagRecord,
  TeamRole,
} from './sim/store.js';
export { createMswHandlers } from './sim/msw-handlers.js';
export { startMockServer } from './server/server.js';
export type { MockServer, MockServerOptions } from './server/server.js';
export { renderBoardPage, type BoardPageOptions } from './view/page.js';
export { renderBoardSvg, type BoardSvgOptions } from './view/svg.js';
export type { ViewBox } from './view/geometry.js';
export type {
  BoardDrawing,
  ConnectorEndSnapshot,
  ConnectorSnapshot,
  ItemSnapshot,
  TagSnapshot,
} from './view/snapshot.js';
