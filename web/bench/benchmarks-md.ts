import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

const HEADER = `# Benchmarks

Figures measured on this project's own machines, by the commands named in each section; never asserted in tests.
Each section is rewritten by its command; the rest of the file is left alone.
`;

/** "2 × Intel(R) Xeon(R) …, 24 GiB, Node v20.20.2" — what the figures were measured on. */
export function machineLine(extra: string): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu.length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${extra}`;
}

/** Replaces (or appends) the section between `<!-- id:start -->` and `<!-- id:end -->`. */
export async function writeSection(file: string, id: string, body: string): Promise<void> {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next);
}
