import path from 'node:path';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { defineConfig, type Plugin } from 'vite';
import { pruneDist } from './scripts/prune-dist.mjs';
import { CommentAction } from './src/elements/hearth-comments/comment-action.js';

// Two builds, one command: the widget (the `client` environment) and the admin page (`admin`).
// Separate builds rather than two inputs of one: a shared input would move Lit into a chunk both
// import, and the widget's critical path would grow from one request to two.
//
// The widget ships as one ES module, dist/hearth.js, loaded by a site's <script type="module">.
// One file keeps the critical path to a single request.
// Not library mode: that keeps whitespace in ES output, which costs about a quarter more gzip.
// Vite wraps every dynamic import of an app build in a preload helper (about 700 B gzip) that
// adds <link rel=modulepreload> for a chunk's imports. With modulePreload off it is handed no
// files, so it only calls the import: this plain call replaces it.
const preloadHelperId = '\0vite/preload-helper.js';
const plainDynamicImports: Plugin = {
  name: 'hearth:plain-dynamic-imports',
  enforce: 'pre',
  resolveId: (id) => (id === preloadHelperId ? id : null),
  load: (id) => (id === preloadHelperId ? 'export const __vitePreload = (load) => load();' : null),
};

// Templates and handlers name a button's action as `CommentAction.reply`, so a typo fails the
// typecheck; the build writes each value in its place, as a const enum. In a template it becomes
// the static attribute it stands for (a binding would cost a Lit part per comment, and bytes on
// the critical path); elsewhere a string, so no chunk carries the object (the lazy chunks that
// read it would otherwise share one more request).
// An attribute's whole value in a template (`data-action=${CommentAction.reply}`), or any other use.
const templateAction = /=\$\{CommentAction\.(\w+)\}/g;
const action = /\bCommentAction\.(\w+)\b/g;
const inlineCommentActions: Plugin = {
  name: 'hearth:inline-comment-actions',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('.ts') || !code.includes('CommentAction.')) return null;
    const valueOf = (key: string): string | undefined =>
      Object.hasOwn(CommentAction, key) ? CommentAction[key as keyof typeof CommentAction] : undefined;
    const inlined = code
      .replace(templateAction, (binding, key: string) => {
        const value = valueOf(key);
        return value === undefined ? binding : `="${value}"`;
      })
      .replace(action, (member, key: string) => {
        const value = valueOf(key);
        return value === undefined ? member : JSON.stringify(value);
      });
    // Only a few characters within lines change: the source map still fits.
    return { code: inlined, map: null };
  },
};

// oxc minifies each chunk well, but terser's second look at hearth.js (inlining, shorter
// conditionals, collapsed vars) takes about 300 B gzip more off the one file every visit loads.
const terserPass: Plugin = {
  name: 'hearth:terser-pass',
  apply: 'build',
  async generateBundle(_options, bundle) {
    const { minify } = await import('terser');
    const entry = bundle['hearth.js'];
    if (entry?.type !== 'chunk') return;
    const result = await minify(entry.code, {
      module: true,
      ecma: 2022,
      compress: { passes: 2 },
      sourceMap: entry.map ? { content: JSON.stringify(entry.map) as never, asObject: true } : false,
    });
    entry.code = result.code!;
    if (entry.map && result.map) Object.assign(entry.map, result.map);
  },
};

export default defineConfig({
  plugins: [
    // Before the template minifier, which then sees the static attributes.
    inlineCommentActions,
    // Lit templates and styles are tagged literals that no JS minifier shortens.
    { ...literalsHtmlCssMinifier({ include: ['src/**/*.ts'], failOnError: true }), enforce: 'pre' },
    plainDynamicImports,
    terserPass,
  ],
  builder: {
    // In order: the widget, then the admin page beside it, then what no page can still load
    // goes. dist/ is never emptied: a page opened before this build still imports the chunks of
    // its own (see scripts/prune-dist.mjs and docs/decisions/0007-chunks-across-deploys.md).
    async buildApp(builder) {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.admin!);
      const { root, build } = builder.environments.client!.config;
      pruneDist(path.resolve(root, build.outDir));
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
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
        // What reads a first visit's page, zod included, is one chunk: fetched in one request,
        // beside the feed, instead of a wave of shared chunks and then another of their imports.
        // Only the modules named: their dependencies stay where they were (in hearth.js).
        codeSplitting: {
          groups: [
            {
              name: 'read-changes',
              includeDependenciesRecursively: false,
              test: /src\/sync\/read-changes\.ts|src\/protocol\/(changes|comment|zod|limits)\.ts|src\/internal\/(plain-body|read-rich-text)\.ts|node_modules\/zod\/|rolldown.runtime/,
            },
          ],
        },
      },
    },
  },
  environments: {
    client: {},
    // The moderation page, served at /admin as dist/admin.js; never loaded by the widget.
    admin: {
      consumer: 'client',
      build: {
        target: 'es2022',
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        modulePreload: false,
        minify: true,
        rolldownOptions: {
          input: 'src/admin/main.ts',
          output: {
            format: 'es',
            entryFileNames: 'admin.js',
            chunkFileNames: 'admin-chunks/[name]-[hash].js',
            // The widget's chunk groups above would be merged into the admin page's options.
            codeSplitting: true,
          },
        },
      },
    },
  },
});
