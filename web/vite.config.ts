import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered from the root layout with workbox-window: SvelteKit's HTML is not processed by Vite.
      injectRegister: false,
      manifest: {
        name: 'ПоисКлиник',
        short_name: 'ПоисКлиник',
        description: 'Ближайшие клиники, часы работы и специальности — даже без сети',
        lang: 'ru',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b6e4f',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      kit: {
        // adapter-static writes 200.html after the SW is generated; spa mode adds it to the precache with a
        // revision from version.json, so offline navigations to any route fall back to it.
        adapterFallback: '200.html',
        spa: true,
      },
      workbox: {
        navigateFallback: '/200.html',
        // Replication must always hit the network: RxDB keeps its own checkpoint, a cached _changes would lie. API and
        // health URLs opened directly must reach the server too, not the app shell.
        navigateFallbackDenylist: [/^\/db\//, /^\/api\//, /^\/healthz$/],
        // mjs: MapLibre's worker is emitted as-is (maplibre-gl-worker.*.mjs); without it the map could not start offline.
        globPatterns: ['client/**/*.{js,mjs,css,ico,png,svg,webp,webmanifest,woff2}'],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: {
    // `pnpm --filter @poisklinik/sync-server start` listens on 8080; SYNC_SERVER_URL points elsewhere if needed.
    // /api too: the account API and the runtime config live there. changeOrigin off keeps the Host header, so the
    // server's same-origin check on account writes sees the dev page's Origin as its own.
    proxy: {
      '/db': { target: process.env.SYNC_SERVER_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
      '/api': { target: process.env.SYNC_SERVER_URL ?? 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
