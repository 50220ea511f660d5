import { describe, expect, it } from 'vitest';
import { runStorageConformance } from './conformance.js';
import { MemoryTokenStorage } from './memory.js';

// One shared instance: memory storage is one process's map, so "another client" is the same map.
const shared = new MemoryTokenStorage();
runStorageConformance({ name: 'memory', create: () => shared });

describe('MemoryTokenStorage', () => {
  it('warns through the logger that it is not for production', () => {
    const warnings: string[] = [];
    new MemoryTokenStorage({ logger: { warn: (m) => warnings.push(m) } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not shared between processes.*production/);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const storage = new MemoryTokenStorage();
    await storage.set('u', { accessToken: 'a' });
    const read = (await storage.get('u')) as { accessToken: string };
    read.accessToken = 'changed';
    expect(await storage.get('u')).toEqual({ accessToken: 'a' });
  });
});
