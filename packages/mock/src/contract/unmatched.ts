import { problem, type ContractProblem } from './problems.js';
import { errorAnswer, type Answer } from './responses.js';
import { pathBelow, type Route } from './routes.js';

/**
 * The answer to a request under a base URL that no operation claimed:
 * - 400 when a template of the same method matches once a parameter may span segments (a value
 *   with an unencoded `/`);
 * - 405 when templates of other methods match the path;
 * - 404 otherwise.
 */
export function diagnoseUnmatched(
  routes: readonly Route[],
  request: Request,
): { answer: Answer; problems: ContractProblem[] } {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const here = routes.filter((r) => pathBelow(url, r.base) !== undefined);
  // The template that explains the path best is the one with the most segments of its own.
  let best: { route: Route; name: string; value: string } | undefined;
  for (const route of here.filter((r) => r.op.method === method)) {
    const spanning = spanningMatch(route, pathBelow(url, route.base)!);
    if (spanning && (!best || route.segments.length > best.route.segments.length)) best = { route, ...spanning };
  }
  if (best) {
    const { route, name, value } = best;
    const p = problem(
      `path parameter ${name}`,
      `got ${JSON.stringify(value)}, which spans several path segments: a "/" inside a value must be sent as %2F (${route.op.method} ${route.op.path})`,
    );
    return { answer: errorAnswer(400, route.op, [p]), problems: [p] };
  }
  const allowed = [
    ...new Set(here.filter((r) => r.pattern.test(pathBelow(url, r.base)!)).map((r) => r.op.method)),
  ].sort();
  if (allowed.length) {
    const p = problem(
      'method',
      `${method} is not an operation of ${url.pathname}; the spec has ${allowed.join(', ')} there`,
    );
    return { answer: errorAnswer(405, undefined, [p], { allow: allowed.join(', ') }), problems: [p] };
  }
  const p = problem('path', `no operation of the spec matches ${method} ${url.pathname}`);
  return { answer: errorAnswer(404, undefined, [p]), problems: [p] };
}

/** The first parameter that captures several segments when parameters may contain `/`. */
function spanningMatch(route: Route, path: string): { name: string; value: string } | undefined {
  const loose = new RegExp(route.pattern.source.replace(/\(\[\^\/\]\*\)/g, '(.+?)'));
  const match = loose.exec(path);
  if (!match) return undefined;
  for (let i = 0; i < route.params.length; i++) {
    const value = match[i + 1] ?? '';
    if (value.includes('/')) return { name: route.params[i]!, value };
  }
  return undefined;
}
