// Rewrites one benchmark's section of BENCHMARKS.md between its markers (appended when missing), leaving the
// other benchmarks' sections as they are.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../config';

export async function writeBenchSection(marker: string, section: string): Promise<void> {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const text = await readFile(file, 'utf8');
  const block = `${start}\n${section}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next);
}
