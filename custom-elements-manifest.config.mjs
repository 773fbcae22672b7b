// Builds custom-elements.json from the elements' JSDoc (@summary, @csspart, @cssprop, @fires).
export default {
  globs: ['src/embed.ts', 'src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*-template.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // globby lists files in the file system's order, which differs between machines; sorted
      // by path, the manifest and the docs generated from it are the same on every checkout.
      name: 'hearth-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // The analyzer also lists each dispatchEvent call as a nameless event; @fires says it all.
      name: 'hearth-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
