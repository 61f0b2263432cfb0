import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests cover pure TS logic only (no .svelte files), so the SvelteKit plugin is not needed here.
export default defineConfig({
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  test: { include: ['src/**/*.spec.ts', 'bench/**/*.spec.ts'], environment: 'node' },
});
