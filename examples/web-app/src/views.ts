import { externalHref, html, type SafeHtml } from './html.js';
import type { UserFacingError } from './errors.js';

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
header { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eee; }
tr.created { background: #fff7cc; }
.notice { background: #e8f4ff; border: 1px solid #9cc9f5; padding: .5rem 1rem; }
.error { background: #fdecea; border: 1px solid #f5a49c; padding: .5rem 1rem; }
.credits { color: #555; }
form.create label { display: block; margin: .5rem 0; } form.create input, form.create textarea { width: 100%; }
.sticky { background: #fff9b1; padding: .75rem; margin: .5rem 0; }
a.button, button { background: #4262ff; color: #fff; border: 0; padding: .5rem 1rem; border-radius: 4px; text-decoration: none; cursor: pointer; }
`;

export function layout(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Miro example app</title>
<style>${htmlStyle()}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function htmlStyle(): SafeHtml {
  return html`${STYLE}`; // the stylesheet has no characters that escaping changes
}

function notice(text: string | undefined): SafeHtml | undefined {
  return text ? html`<p class="notice" id="notice">${text}</p>` : undefined;
}

export function connectPage(message?: string): SafeHtml {
  return layout(
    'Connect to Miro',
    html`<h1>Miro example app</h1>
${notice(message)}
<p>This app lists your Miro boards and creates boards with sticky notes. Connect your Miro account to start.</p>
<p><a class="button" id="connect" href="/connect">Connect to Miro</a></p>`,
  );
}

export interface BoardRow {
  readonly id: string;
  readonly name: string;
  readonly viewLink?: string | undefined;
  readonly modifiedAt?: string | undefined;
}

export interface Credits {
  readonly remaining?: number;
  readonly limit?: number;
  readonly resetAt?: Date;
}

export interface BoardsView {
  readonly boards: readonly BoardRow[];
  readonly offset: number;
  readonly total: number | undefined;
  readonly prevOffset: number | undefined;
  readonly nextOffset: number | undefined;
  readonly credits: Credits;
  readonly csrf: string;
  readonly createdId?: string;
  readonly message?: string;
}

function signOutForm(csrf: string): SafeHtml {
  return html`<form method="post" action="/signout"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" id="signout">Sign out</button></form>`;
}

export function creditsText(credits: Credits): string {
  if (credits.remaining === undefined) return 'Miro did not report the credits left in this rate-limit window.';
  const of = credits.limit === undefined ? '' : ` of ${credits.limit.toLocaleString('en-US')}`;
  const reset = credits.resetAt ? ` (the window resets at ${credits.resetAt.toISOString().slice(11, 19)} UTC)` : '';
  return `${credits.remaining.toLocaleString('en-US')}${of} credits left in the current rate-limit window${reset}.`;
}

function boardRow(board: BoardRow, createdId: string | undefined): SafeHtml {
  const miroLink = externalHref(board.viewLink);
  return html`<tr class="${board.id === createdId ? 'created' : ''}" data-board-id="${board.id}">
<td><a href="/boards/${encodeURIComponent(board.id)}">${board.name}</a></td>
<td>${board.modifiedAt ? board.modifiedAt.slice(0, 10) : ''}</td>
<td>${miroLink ? html`<a href="${miroLink}" rel="noreferrer noopener" target="_blank">open in Miro</a>` : ''}</td>
</tr>`;
}

export function boardsPage(view: BoardsView): SafeHtml {
  const first = view.boards.length === 0 ? 0 : view.offset + 1;
  const last = view.offset + view.boards.length;
  const range = view.total === undefined ? `${first}–${last}` : `${first}–${last} of ${view.total}`;
  return layout(
    'Your boards',
    html`<header><h1>Your boards</h1>${signOutForm(view.csrf)}</header>
${notice(view.message)}
<p class="credits" id="credits">${creditsText(view.credits)}</p>
${
  view.boards.length === 0
    ? html`<p id="no-boards">No boards here yet.</p>`
    : html`<p>Boards ${range}</p>
<table id="boards"><thead><tr><th>Name</th><th>Modified</th><th></th></tr></thead>
<tbody>${view.boards.map((b) => boardRow(b, view.createdId))}</tbody></table>`
}
<nav>
${view.prevOffset === undefined ? '' : html`<a id="prev" href="/?offset=${view.prevOffset}">&larr; Previous page</a>`}
${view.nextOffset === undefined ? '' : html`<a id="next" href="/?offset=${view.nextOffset}">Next page &rarr;</a>`}
</nav>
<h2>Create a board</h2>
<form class="create" method="post" action="/boards">
<input type="hidden" name="csrf" value="${view.csrf}">
<label>Board name <input name="name" id="board-name" required maxlength="60"></label>
<label>Sticky note <textarea name="sticky" id="sticky-text" rows="3" required></textarea></label>
<button type="submit" id="create">Create board with sticky note</button>
</form>`,
  );
}

export interface BoardView {
  readonly board: BoardRow & { readonly description?: string | undefined };
  readonly stickyNotes: readonly { readonly id: string; readonly content: string }[];
  readonly credits: Credits;
  readonly csrf: string;
  readonly message?: string;
}

export function boardPage(view: BoardView): SafeHtml {
  const miroLink = externalHref(view.board.viewLink);
  return layout(
    view.board.name,
    html`<header><h1 id="board-title">${view.board.name}</h1>${signOutForm(view.csrf)}</header>
${notice(view.message)}
<p><a href="/">&larr; All boards</a>${miroLink ? html` · <a id="open-in-miro" href="${miroLink}" rel="noreferrer noopener" target="_blank">Open in Miro</a>` : ''}</p>
${view.board.description ? html`<p>${view.board.description}</p>` : ''}
<h2>Sticky notes</h2>
${
  view.stickyNotes.length === 0
    ? html`<p>No sticky notes on this board.</p>`
    : view.stickyNotes.map((n) => html`<div class="sticky" data-item-id="${n.id}">${n.content}</div>`)
}
<p class="credits" id="credits">${creditsText(view.credits)}</p>`,
  );
}

export function errorPage(error: UserFacingError): SafeHtml {
  return layout(
    error.title,
    html`<h1>${error.title}</h1>
<div class="error" id="error"><p id="error-message">${error.message}</p>
${error.details.length === 0 ? '' : html`<ul>${error.details.map((d) => html`<li>${d}</li>`)}</ul>`}</div>
<p><a href="/">Back to the start</a></p>`,
  );
}
