import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { defineConfig } from 'vite';

// The widget ships as one ES module, dist/hearth.js, loaded by a site's <script type="module">.
// One file keeps the critical path to a single request; the admin page (#5) gets its own entry.
// Not library mode: that keeps whitespace in ES output, which costs about a quarter more gzip.
export default defineConfig({
  // Lit templates and styles are tagged literals that no JS minifier shortens.
  plugins: [{ ...literalsHtmlCssMinifier({ include: ['src/**/*.ts'], failOnError: true }), enforce: 'pre' }],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: false,
    minify: true,
    rolldownOptions: {
      input: 'src/embed.ts',
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: 'hearth.js',
        // Loaded after the thread paints, relative to hearth.js; hashed, so cached for good.
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
