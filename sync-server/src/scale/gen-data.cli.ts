// `pnpm gen:data -- --clinics 100000 [--seed 1] [--out <dir>] [--load]`: writes towns.json, specialties.json
// and clinics.json (demo dataset format) for a deterministic scale catalogue; `--load` then loads them into the
// store the server is configured for (DATA_DIR / COUCHDB_URL), as `pnpm load:data` would.
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { generateScaleDataset } from './clinic-generator';
import { DEFAULT_SCALE_DIR, loadScaleData, validateScaleDataset, writeScaleDataset } from './scale-files';
import {
  cliArgs,
  describeStore,
  formatLoadReport,
  nonNegativeInt,
  openConfiguredStore,
  progressPrinter,
  runCli,
  UsageError,
} from './scale-cli';

async function generateAndWrite(clinics: number, seed: number, out: string): Promise<number> {
  const dataset = generateScaleDataset({ clinics, seed });
  validateScaleDataset(dataset);
  await writeScaleDataset(out, dataset);
  return dataset.towns.length;
}

runCli(async () => {
  const args = cliArgs(process.argv.slice(2), {
    clinics: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    load: { type: 'boolean' },
  });
  if (args.clinics === undefined) throw new UsageError('usage: gen:data --clinics N [--seed S] [--out DIR] [--load]');
  const clinics = nonNegativeInt('clinics', args.clinics, 0);
  const seed = nonNegativeInt('seed', args.seed, 1);
  const out = args.out ? resolve(process.env['INIT_CWD'] ?? process.cwd(), args.out) : DEFAULT_SCALE_DIR;
  // Read before the slow part, so a bad DATA_DIR/COUCHDB_URL fails at once.
  const config = args.load ? loadConfig() : undefined;

  const started = performance.now();
  // Generated in a function of its own so the 100k entities can be collected before the loader reads the files.
  const towns = await generateAndWrite(clinics, seed, out);
  const seconds = (performance.now() - started) / 1000;
  console.log(`generated ${clinics} clinics in ${towns} towns (seed ${seed}) → ${out} in ${seconds.toFixed(1)} s`);

  if (config) {
    const store = await openConfiguredStore(config);
    try {
      console.log(`loading into ${describeStore(config)}`);
      console.log(formatLoadReport(await loadScaleData(store, out, progressPrinter())));
    } finally {
      await store.close();
    }
  }
});
