import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Replaces `outDir` with exactly `files`, all or nothing: the files are written to a sibling
 * folder first, which is swapped in by rename. A failure before the swap leaves `outDir` as it was.
 */
export async function writeGenerated(outDir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const staging = `${outDir}.staging-${process.pid}`;
  const retired = `${outDir}.retired-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await mkdir(staging, { recursive: true });
    for (const [name, text] of files) {
      const path = join(staging, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
    await mkdir(dirname(outDir), { recursive: true });
    let hadOld = true;
    try {
      await rename(outDir, retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hadOld = false;
    }
    try {
      await rename(staging, outDir);
    } catch (error) {
      if (hadOld) await rename(retired, outDir);
      throw error;
    }
    if (hadOld) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
