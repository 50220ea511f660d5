import { badRequest, notFound } from './errors.js';
import { renderBoard } from './export-artifacts.js';
import { iso } from './lookup.js';
import { requireOrg } from './org-access.js';
import { idCursorPage, type PageLimits } from './pagination.js';
import { json } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type OpenRoute, type RequestContext } from './router.js';
import type { ExportJobRecord, ExportJobState, ExportTaskRecord, OrganizationRecord } from './store.js';
import { optEnum, reqString, type JsonObject } from './validate.js';

/**
 * Board export jobs (enterprise eDiscovery): a job exports boards to SVG, HTML or PDF, one task per
 * board. A job runs for `exportDurationMs` of the simulation's clock (default 0: done at once), and
 * each finished task's file is served at the export link, as it was when the job was created.
 */

const EXPORT_SCOPE = ['boards:export'] as const;
const FORMATS = ['SVG', 'HTML', 'PDF'] as const;
const EXPORT_LIMITS: PageLimits = { fallback: 50, min: 1, max: 500 };
const MAX_BOARDS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long an export link and the file behind it stay valid, as Miro reports them. */
const LINK_TTL_MS = 60 * 60 * 1000;
const ARTIFACT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function jobState(job: ExportJobRecord, now: number, durationMs: number): ExportJobState {
  if (job.cancelledAt !== undefined) return 'CANCELLED';
  if (now >= job.createdAt + durationMs) return 'FINISHED';
  return now > job.createdAt ? 'IN_PROGRESS' : 'CREATED';
}

type TaskState = 'CREATED' | 'IN_PROGRESS' | 'CANCELLED' | 'SUCCESS' | 'ERROR';

function taskState(task: ExportTaskRecord, job: ExportJobState): TaskState {
  if (job === 'FINISHED') return task.artifact ? 'SUCCESS' : 'ERROR';
  return job;
}

function requireJob(ctx: ApiContext, org: OrganizationRecord): ExportJobRecord {
  const jobId = ctx.params.jobId ?? '';
  const job = ctx.store.exportJobs.get(jobId);
  if (!job || job.orgId !== org.id) throw notFound(`Board export job ${jobId} not found in organization ${org.id}`);
  return job;
}

const stateOf = (ctx: RequestContext, job: ExportJobRecord): ExportJobState =>
  jobState(job, ctx.now, ctx.options.exportDurationMs);

function taskView(ctx: ApiContext, job: ExportJobRecord, task: ExportTaskRecord): JsonObject {
  const status = taskState(task, stateOf(ctx, job));
  const view: JsonObject = { id: task.id, status, board: { key: task.boardId } };
  if (status === 'SUCCESS' && task.artifact) {
    view.sizeInBytes = new TextEncoder().encode(task.artifact.body).length;
    view.artifactExpiredAt = iso(job.createdAt + ARTIFACT_TTL_MS);
  }
  if (status === 'ERROR') {
    view.errorMessage = task.errorMessage ?? 'Export failed';
    view.errorType = 'PERMANENT';
  }
  return view;
}

function artifactLink(ctx: RequestContext, task: ExportTaskRecord): string {
  return `${ctx.options.baseUrl}/export-artifacts/${task.id}`;
}

/** Creates a job; the same `request_id` gives the same job back (Miro's idempotency key). */
async function createJob(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const requestId = ctx.query.get('request_id');
  if (!requestId || !UUID.test(requestId))
    throw badRequest('Query parameter request_id is required: a UUID that names this export request', [
      { field: 'request_id', message: 'must be a UUID' },
    ]);
  const existing = [...ctx.store.exportJobs.values()].find((j) => j.orgId === org.id && j.requestId === requestId);
  if (existing) return json(200, { jobId: existing.id });
  const body = await readJsonObject(ctx.request);
  const boardIds = body.boardIds;
  if (
    !Array.isArray(boardIds) ||
    boardIds.length < 1 ||
    boardIds.length > MAX_BOARDS ||
    !boardIds.every((id) => typeof id === 'string')
  )
    throw badRequest(`Invalid parameter boardIds: must be an array of 1 to ${MAX_BOARDS} board ids`, [
      { field: 'boardIds', message: `must be 1 to ${MAX_BOARDS} strings` },
    ]);
  const boardFormat = optEnum(body, 'boardFormat', 'boardFormat', FORMATS) ?? 'SVG';
  const tasks = (boardIds as string[]).map((boardId): ExportTaskRecord => {
    const board = ctx.store.boards.get(boardId);
    const inOrg = board && ctx.store.teams.get(board.teamId)?.orgId === org.id;
    if (!board || !inOrg)
      return {
        id: ctx.store.ids.uuid(),
        boardId,
        errorMessage: `Board ${boardId} not found in organization ${org.id}`,
      };
    return { id: ctx.store.ids.uuid(), boardId, artifact: renderBoard(board, boardFormat) };
  });
  const job: ExportJobRecord = {
    id: ctx.store.ids.uuid(),
    orgId: org.id,
    requestId,
    boardFormat,
    creatorId: ctx.user.id,
    createdAt: ctx.now,
    tasks,
  };
  ctx.store.exportJobs.set(job.id, job);
  return json(200, { jobId: job.id });
}

function jobView(ctx: ApiContext, job: ExportJobRecord): JsonObject {
  const state = stateOf(ctx, job);
  const states = job.tasks.map((t) => taskState(t, state));
  return {
    id: job.id,
    boardFormat: job.boardFormat,
    status: state,
    createdAt: iso(job.createdAt),
    modifiedAt: iso(
      job.cancelledAt ?? (state === 'FINISHED' ? job.createdAt + ctx.options.exportDurationMs : job.createdAt),
    ),
    tasksCount: {
      total: job.tasks.length,
      success: states.filter((s) => s === 'SUCCESS').length,
      error: states.filter((s) => s === 'ERROR').length,
    },
    creator: { id: job.creatorId },
  };
}

/** Jobs, newest last, filtered by `status` and `creatorId` (each may repeat). */
function listJobs(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const statuses = ctx.query.getAll('status');
  const creators = ctx.query.getAll('creatorId');
  const jobs = [...ctx.store.exportJobs.values()].filter(
    (j) =>
      j.orgId === org.id &&
      (statuses.length === 0 || statuses.includes(stateOf(ctx, j))) &&
      (creators.length === 0 || creators.includes(j.creatorId)),
  );
  const page = idCursorPage(jobs, ctx.query, EXPORT_LIMITS);
  return json(200, { ...page, data: page.data.map((j) => jobView(ctx, j)) });
}

function jobStatus(ctx: ApiContext): Response {
  return json(200, { jobStatus: stateOf(ctx, requireJob(ctx, requireOrg(ctx))) });
}

function jobResults(ctx: ApiContext): Response {
  const job = requireJob(ctx, requireOrg(ctx));
  const state = stateOf(ctx, job);
  return json(200, {
    jobId: job.id,
    results: job.tasks.map((task) => {
      const status = taskState(task, state);
      const result: JsonObject = { boardId: task.boardId, status };
      if (status === 'SUCCESS') result.exportLink = artifactLink(ctx, task);
      if (status === 'ERROR') {
        result.errorMessage = task.errorMessage ?? 'Export failed';
        result.errorType = 'PERMANENT';
      }
      return result;
    }),
  });
}

/** Only `CANCELLED` can be set, and only while the job runs. */
async function updateJobStatus(ctx: ApiContext): Promise<Response> {
  const job = requireJob(ctx, requireOrg(ctx));
  const status = reqString(await readJsonObject(ctx.request), 'status', 'status');
  if (status !== 'CANCELLED')
    throw badRequest(`Invalid parameter status: only CANCELLED can be set, got ${JSON.stringify(status)}`, [
      { field: 'status', message: 'must be CANCELLED' },
    ]);
  const state = stateOf(ctx, job);
  if (state === 'FINISHED') throw badRequest(`Board export job ${job.id} has finished; it can no longer be cancelled`);
  if (state !== 'CANCELLED') job.cancelledAt = ctx.now;
  return json(200, { status: 'CANCELLED' });
}

/** Tasks of a job; `status` filters by `TASK_STATUS_<state>` (each may repeat). */
function listTasks(ctx: ApiContext): Response {
  const job = requireJob(ctx, requireOrg(ctx));
  const state = stateOf(ctx, job);
  const wanted = ctx.query.getAll('status').map((s) => s.replace(/^TASK_STATUS_/, ''));
  const tasks = job.tasks.filter((t) => wanted.length === 0 || wanted.includes(taskState(t, state)));
  const page = idCursorPage(tasks, ctx.query, EXPORT_LIMITS);
  return json(200, { ...page, data: page.data.map((t) => taskView(ctx, job, t)) });
}

function createExportLink(ctx: ApiContext): Response {
  const job = requireJob(ctx, requireOrg(ctx));
  const task = job.tasks.find((t) => t.id === ctx.params.taskId);
  if (!task) throw notFound(`Task ${ctx.params.taskId} not found in board export job ${job.id}`);
  const status = taskState(task, stateOf(ctx, job));
  if (status !== 'SUCCESS') {
    const body: JsonObject = { status };
    if (status === 'ERROR') {
      body.errorMessage = task.errorMessage ?? 'Export failed';
      body.errorType = 'PERMANENT';
    }
    return json(200, body);
  }
  return json(200, {
    status,
    exportLink: artifactLink(ctx, task),
    artifactExpiredAt: iso(job.createdAt + ARTIFACT_TTL_MS),
    linkExpiredAt: iso(ctx.now + LINK_TTL_MS),
  });
}

/** The exported file: like Miro's pre-signed links, it needs no token. */
function serveArtifact(ctx: RequestContext): Response {
  for (const job of ctx.store.exportJobs.values()) {
    const task = job.tasks.find((t) => t.id === ctx.params.taskId);
    if (!task?.artifact || taskState(task, stateOf(ctx, job)) !== 'SUCCESS') continue;
    return new Response(task.artifact.body, { status: 200, headers: { 'content-type': task.artifact.contentType } });
  }
  return json(404, { status: 404, code: 'notFound', message: `No export file ${ctx.params.taskId}`, type: 'error' });
}

const jobs = '/v2/orgs/:orgId/boards/export/jobs';
const job = `${jobs}/:jobId`;

export const boardExportRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: jobs, scopes: EXPORT_SCOPE, handler: createJob },
  { kind: 'api', method: 'GET', path: jobs, scopes: EXPORT_SCOPE, handler: listJobs },
  { kind: 'api', method: 'GET', path: job, scopes: EXPORT_SCOPE, handler: jobStatus },
  { kind: 'api', method: 'GET', path: `${job}/results`, scopes: EXPORT_SCOPE, handler: jobResults },
  { kind: 'api', method: 'PUT', path: `${job}/status`, scopes: EXPORT_SCOPE, handler: updateJobStatus },
  { kind: 'api', method: 'GET', path: `${job}/tasks`, scopes: EXPORT_SCOPE, handler: listTasks },
  {
    kind: 'api',
    method: 'POST',
    path: `${job}/tasks/:taskId/export-link`,

    scopes: EXPORT_SCOPE,
    handler: createExportLink,
  },
];

export const exportArtifactRoutes: readonly OpenRoute[] = [
  { kind: 'open', method: 'GET', path: '/export-artifacts/:taskId', handler: serveArtifact },
];
