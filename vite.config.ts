// Builds the renderer (React) into dist/renderer. The Electron main and preload bundles join this
// file with the desktop shell (issue 7).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mainConfig, preloadConfig } from './electron/main/vite-desktop';

// `--mode main` and `--mode preload` build the desktop bundles (electron/main/vite-desktop.ts).
export default defineConfig(({ mode }) => mode === 'main' ? mainConfig() : mode === 'preload' ? preloadConfig() : {
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
});
