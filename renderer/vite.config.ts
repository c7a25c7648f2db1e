// The review UI bundle: `npm run build:renderer` writes dist/renderer/, which `tandem serve`
// (and later the Electron window) loads. Everything is bundled: no CDN, no external fonts.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // The page runs under a strict Content-Security-Policy: no inline scripts, so no polyfill snippet.
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: { host: '127.0.0.1' },
});
