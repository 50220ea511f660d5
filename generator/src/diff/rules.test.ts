import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bumpOf, OPERATION_RULES, rulesMarkdown, TYPE_RULES } from './rules.js';

describe('the classification rules', () => {
  it('are documented in the doc comment exactly as rulesMarkdown() renders them', async () => {
    const source = await readFile(new URL('./rules.ts', import.meta.url), 'utf8');
    const doc = source.slice(source.indexOf('/**'), source.indexOf('*/'));
    const lines = doc.split('\n').map((l) => l.replace(/^ \*( |$)/, ''));
    const table = rulesMarkdown().split('\n');
    const start = lines.indexOf(table[0]!);
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start, start + table.length)).toEqual(table);
  });

  it('give every rule a row of its own (plus two rows that need no rule)', () => {
    const rows = rulesMarkdown()
      .split('\n')
      .filter((l) => l.startsWith('| ') && !/^\| (change|operation change|exported type change) \|/.test(l));
    expect(rows).toHaveLength(Object.keys(TYPE_RULES).length + Object.keys(OPERATION_RULES).length + 2);
  });

  it('take the highest severity as the bump, patch when nothing changed', () => {
    expect(bumpOf([])).toBe('patch');
    expect(bumpOf([{ severity: 'minor' }, { severity: 'patch' }])).toBe('minor');
    expect(bumpOf([{ severity: 'minor' }, { severity: 'major' }, { severity: 'patch' }])).toBe('major');
  });

  it('never let a request accept less or a response promise less without a major bump', () => {
    expect(TYPE_RULES['member-added-required'].request).toBe('major');
    expect(TYPE_RULES['member-made-optional'].response).toBe('major');
    expect(TYPE_RULES['nullable-added'].response).toBe('major');
    expect(TYPE_RULES['enum-value-added'].response).toBe('minor');
    expect(TYPE_RULES['enum-value-added'].note?.response).toMatch(/exhaustive/);
    expect(TYPE_RULES['enum-value-added'].note?.request).toBeUndefined();
  });
});
